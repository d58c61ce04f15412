"""Reports as PDF files (`pdf: true`, the extra `copsite[pdf]`): the built report pages printed with WeasyPrint.

`check_available()` turns a missing WeasyPrint (or the system's Pango it needs)
into a configuration message; `write_pdf(html_file, pdf_file)` prints one built
page with its print CSS. Engine-free: the plugin hands over the files after the build.
"""

from __future__ import annotations

from pathlib import Path

from .options import OptionError

INSTALL = "pip install 'copsite[pdf]'"


def check_available() -> None:
    """Raise OptionError saying what to install when WeasyPrint cannot run here."""
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        raise OptionError(
            "pdf: true needs WeasyPrint, which is not installed: install the extra with %(install)s (or set pdf: false)",
            install=INSTALL,
        ) from None
    except OSError as err:  # WeasyPrint is there but the system's Pango library is not
        raise OptionError(
            "pdf: true needs the Pango library that WeasyPrint uses (%(error)s); on Debian or Ubuntu: "
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0 (or set pdf: false)",
            error=str(err),
        ) from None


def write_pdf(html_file: Path, pdf_file: Path) -> None:
    """Print a built page (with its stylesheets, as a browser prints it) to a PDF file."""
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # CSS it does not know (Material's) is not the author's concern
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    HTML(filename=str(html_file), media_type="print").write_pdf(str(pdf_file))

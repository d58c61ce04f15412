"""Reports as PDF files (`pdf: true`, the extra `copsite[pdf]`): the built report pages printed with WeasyPrint.

`check_available()` turns a missing WeasyPrint (or the system's Pango it needs)
into a configuration message; `write_pdf(html_file, pdf_file, site_dir)` prints one
built page with its print CSS. Engine-free: the plugin hands over the files after the build.

WeasyPrint fetches every address a page names (`file://`, `http://`, paths that climb
out of the site) and embeds `<link rel=attachment>` targets in the PDF, so what an
author writes in a body could put the build machine's files, or what another host
answers it, into a published PDF. Its fetcher here (`SiteFetcher`) reads only files
of the built site, after resolving links and `..`, and `data:` addresses; every other
address is left out of the PDF and named in `write_pdf`'s answer.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from copsite.model.options import OptionError

INSTALL = "pip install 'copsite[pdf]'"
THEME_FONTS = ("https://fonts.googleapis.com/", "https://fonts.gstatic.com/")
"""Material's web fonts (theme.font): refused like every other host, but not reported, being the
theme's and not an author's; the PDF prints with the build machine's fonts."""


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


def site_file(url: str, site_dir: Path) -> Path | None:
    """The file of the built site a `file:` address names (links and `..` resolved), or None when it
    names anything else: a file outside the site, a folder, another host's share, no file at all."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    try:
        path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        path.relative_to(Path(site_dir).resolve(strict=True))
    except (OSError, ValueError, RuntimeError):  # missing, a loop of links, outside the site
        return None
    return path if path.is_file() else None


def site_fetcher(site_dir: Path, refused: list[str]):
    """A WeasyPrint fetcher that reads the built site's files and `data:` addresses, and nothing else:
    every other address it is asked for is appended to `refused` and fails (WeasyPrint leaves it out)."""
    from weasyprint.urls import URLFetcher

    class SiteFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url[:5].lower() == "data:":
                return super().fetch(url, headers)
            path = site_file(url, site_dir)
            if path is None:
                if url not in refused and not url.startswith(THEME_FONTS):
                    refused.append(url)
                raise ValueError(f"a PDF reads only files of the built site, not {url}")
            return super().fetch(path.as_uri(), headers)

    return SiteFetcher(allowed_protocols=("file", "data"), allow_redirects=False)


def write_pdf(html_file: Path, pdf_file: Path, site_dir: Path) -> list[str]:
    """Print a built page (with its stylesheets, as a browser prints it) to a PDF file, reading only
    files of `site_dir`; return the addresses it named that were left out (other hosts, other files)."""
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # CSS it does not know (Material's) is not the author's concern
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    refused: list[str] = []
    fetcher = site_fetcher(site_dir, refused)
    HTML(filename=str(html_file), media_type="print", url_fetcher=fetcher).write_pdf(str(pdf_file))
    return refused

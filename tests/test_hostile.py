"""Hostile or unlucky authors (issue 22): what an author writes never reaches the build machine's
files or another host through a PDF, never publishes a script through `body_html: false`, and a
file an author wrote is never replaced without a word."""

from __future__ import annotations

import http.server
import os
import threading

import pytest

from .conftest import charter

SECRET = "TOKEN-ghp-0123456789abcdef"


# ------------------------------------------------------------------ 1-3. PDFs read only the built site


class _Recorder(http.server.BaseHTTPRequestHandler):
    """A local service that records every request a PDF's printing makes to it."""

    seen: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        type(self).seen.append(self.path)
        body = b"<svg xmlns='http://www.w3.org/2000/svg' width='4' height='4'/>"
        self.send_response(200)
        self.send_header("Content-Type", "image/svg+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_service():
    """An HTTP server on 127.0.0.1 standing for an internal service or a cloud metadata address."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.seen = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.seen
    finally:
        server.shutdown()
        server.server_close()


def _pdf_streams(path) -> list[bytes]:
    """The decoded data of every stream of a PDF: page content, images, fonts, embedded files."""
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(path)
    numbers = {num for objects in reader.xref.values() for num in objects} | set(reader.xref_objStm)
    out = []
    for num in sorted(numbers):
        try:
            obj = reader.get_object(num)
        except Exception:  # a free entry
            continue
        if isinstance(obj, pypdf.generic.StreamObject):
            out.append(obj.get_data())
    return out


def _attachments(path) -> list[str]:
    """The names of the files a PDF holds: embedded files and file-attachment annotations."""
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(path)
    names = list(reader.attachments)
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/FileAttachment" or "/FS" in annot or annot.get("/A", {}).get("/S") == "/GoToE":
                names.append(str(annot.get("/Contents") or annot.get("/FS")))
    return names


def _hostile_handbook(tmp_path, service: str) -> dict[str, str]:
    """A handbook whose report and highlight bodies name the build machine's files and a local service."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text(f'[remote "origin"]\n\turl = https://x-access-token:{SECRET}@github.com/o/r\n')
    (tmp_path / "secret.txt").write_text(SECRET + "\n")
    secret = (tmp_path / "secret.txt").as_uri()
    report = f"""---
title: Report
---
Our year.

<link rel="attachment" href="{secret}" title="notes">
<link rel="attachment" href="../../../../.git/config">
<img src="../../../../.git/config" alt="">
<img src="{service}/img-tag.svg" alt="">
<div style="background: url({service}/css-url.svg); width: 4px; height: 4px"></div>

![logo]({service}/md-image.svg)

[notes]({secret}){{rel=attachment}} and [config](../../../../.git/config){{rel=attachment}}
"""
    return {
        "communities/readers/index.md": charter("Readers"),
        "communities/readers/report.md": report,
        "report.md": report,
    }


@pytest.mark.build
@pytest.mark.parametrize("body_html", ["true", "false"])
def test_a_pdf_holds_no_file_of_the_build_machine_and_asks_no_host(handbook, tmp_path, local_service, body_html):
    pytest.importorskip("weasyprint", reason="the extra copsite[pdf] is not installed")
    service, seen = local_service
    files = _hostile_handbook(tmp_path, service)
    built = handbook(files, options=f"pdf: true\nbody_html: {body_html}", strict=False, extra="markdown_extensions: [attr_list]")
    for pdf in ("communities/readers/report.pdf", "report.pdf"):
        path = built.site / pdf
        assert path.is_file()
        assert _attachments(path) == [], pdf
        assert not any(SECRET.encode() in data for data in _pdf_streams(path)), pdf
    assert seen == []  # the local service was never asked
    # Each address left out is named with the page that names it (once per page and address).
    assert "communities/readers/report.pdf, the PDF of /communities/readers/report/, leaves out" in built.log
    assert f"leaves out '{service}/md-image.svg': a PDF reads only files of the built site" in built.log
    assert built.log.count(f"report.pdf, the PDF of /report/, leaves out '{service}/md-image.svg'") == 1


@pytest.mark.unit
def test_the_pdf_fetcher_reads_the_sites_files_and_nothing_else(tmp_path):
    pytest.importorskip("weasyprint", reason="the extra copsite[pdf] is not installed")
    from copsite.outputs.pdf import site_file

    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "a.css").write_text("p{}")
    (tmp_path / "secret.txt").write_text(SECRET)
    os.symlink(tmp_path / "secret.txt", site / "assets" / "out.txt")
    os.symlink(site / "assets" / "a.css", site / "inside.css")
    assert site_file((site / "assets" / "a.css").as_uri(), site) == (site / "assets" / "a.css").resolve()
    assert site_file((site / "inside.css").as_uri(), site) == (site / "assets" / "a.css").resolve()
    for url in (
        (tmp_path / "secret.txt").as_uri(),
        (site / "assets" / "out.txt").as_uri(),  # a link inside the site to a file outside it
        (site / "assets").as_uri() + "/../../secret.txt",
        (site / "assets" / "..%2F..%2Fsecret.txt").as_uri().replace("%252F", "%2F"),
        "file://build-host/" + str(site / "assets" / "a.css"),
        (site / "assets").as_uri(),  # a folder
        (site / "missing.css").as_uri(),
        "http://127.0.0.1/x.png",
        "https://169.254.169.254/latest/meta-data/",
        "ftp://example.org/x",
    ):
        assert site_file(url, site) is None, url


# ------------------------------------------------------------------ 15. a report's PDF never replaces an author's file


@pytest.mark.build
@pytest.mark.parametrize("rel, report", [("communities/readers/report.pdf", "/communities/readers/report/"), ("Report.PDF", "/report/")])
def test_pdf_true_refuses_to_print_a_report_over_the_handbooks_own_file(handbook, tmp_path, rel, report):
    from .conftest import BuildFailed
    from .test_safety import _check

    files = {
        "communities/readers/index.md": charter("Readers"),
        rel: b"%PDF-1.4 the community's own report",
    }
    if rel.startswith("communities/readers/"):  # a legacy item's file
        files["communities/readers/legacy.md"] = "---\nlegacy:\n  - {title: Our own report, kind: product, file: report.pdf}\n---\n"
    said = (
        f"{rel}: is a file of the handbook's own, but with pdf: true the build writes the PDF of the report "
        f"{report} at this address and would replace it"
    )
    with pytest.raises(BuildFailed) as err:
        handbook(files, options="pdf: true")
    assert said in err.value.log
    assert not (tmp_path / "site" / rel).exists()  # nothing printed over it
    result = _check(tmp_path)
    assert result.returncode == 1 and said in result.stdout + result.stderr
    built = handbook(files, options="pdf: false")  # without PDFs, the file is published as it is
    assert (built.site / rel).read_bytes() == b"%PDF-1.4 the community's own report"


# ------------------------------------------------------------------ 7. a description from a first paragraph


@pytest.mark.unit
def test_a_first_paragraph_becomes_the_text_a_reader_sees():
    from copsite.model.text import first_paragraph

    assert first_paragraph("A [click me](https://e.org/a_(b)) link and [i](https://e.org/(c(d))).") == "A click me link and i."
    assert first_paragraph("**Bold**, `code`, &amp; <b>tags</b><script>x()</script> and ![a cat](c.png).") == "Bold, code, & tags and a cat."
    assert first_paragraph("Two\nlines [x]( <u v.html> ) (kept (as) written).") == "Two lines x (kept (as) written)."


@pytest.mark.build
def test_a_description_from_nested_parentheses_is_whole(handbook):
    body = "---\ntitle: Notes\n---\nA [click me](https://e.org/a_(b)) link and [i](https://e.org/(c(d))).\n"
    built = handbook({"communities/a/index.md": charter("Alpha"), "communities/a/highlights/2025-10-01-notes.md": body})
    page = built.html("communities/a/highlights/2025-10-01-notes/")
    assert page.select_one("meta[name=description]")["content"] == "A click me link and i."


# ------------------------------------------------------------------ 6. body_html: false, sanitised by nh3

UNTRUSTED = """\
---
title: Notes
---
## Use <b> tags

A [click](javascript:alert(1)) and [shout](JaVaScRiPt:alert(2)) and [by reference][evil] and
[notes](https://e.org/n){onclick="steal()" rel=attachment style="position:fixed"} here.

    <code>indented</code> & more

Code `<i>span</i>` and <https://example.org/x> and <b>bold</b>.

[evil]: javascript:alert(3)

| left | right |
|:-----|------:|
| a    | b     |

```
<p>unclosed fence</p>
<script>window.pwned = 1</script>
"""


@pytest.mark.build
def test_body_html_false_publishes_no_script_link_or_handler_and_escapes_once(handbook):
    built = handbook(
        {"communities/a/index.md": charter("Alpha"), "communities/a/highlights/2025-10-01-notes.md": UNTRUSTED},
        options="body_html: false",
        extra="markdown_extensions: [attr_list, tables, toc]",
    )
    page = built.html("communities/a/highlights/2025-10-01-notes/")
    main = page.select_one("article.md-content__inner")
    hrefs = [a.get("href", "") for a in main.select("a")]
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript")], hrefs
    assert [a.get_text() for a in main.select("a:not([href])")] == ["click", "shout", "by reference"]
    assert not main.select("script, b, [onclick], [style*=fixed], a[rel]")
    assert main.select_one("a[href='https://e.org/n']").get_text() == "notes"
    assert main.select_one("pre code").get_text() == "<code>indented</code> & more\n"  # not &lt;code>
    assert [c.get_text() for c in main.select("p code")] == ["<i>span</i>"]
    assert main.select_one("a[href='https://example.org/x']") is not None
    text = main.get_text(" ")
    assert "<b>bold</b>" in text and "<script>window.pwned = 1</script>" in text and "\ue000" not in text
    assert main.select_one("td[style*='text-align'][style*='right']").get_text() == "b"  # tables keep their alignment
    assert main.select_one("h2").get_text().startswith("Use <b> tags")
    assert "Use <b> tags" in [a.get_text(strip=True) for a in page.select(".md-nav--secondary a")]
    assert "copsite-body" not in page.decode() and "\ue000" not in page.decode()
    index = built.text("search/search_index.json")
    assert "javascript:" not in index.lower() and "\\ue000" not in index.lower()


@pytest.mark.unit
def test_body_html_false_bodies_read_the_same_in_the_export():
    from copsite.pages.body_html import as_source, html_as_text, wrap

    source = as_source(wrap(html_as_text("Hello <b>x</b> `<i>` <https://e.org> <a@b.org>")))
    assert source.strip() == "Hello &lt;b>x&lt;/b> `&lt;i>` <https://e.org> <a@b.org>"

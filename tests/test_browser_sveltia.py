"""Browser tier: Sveltia CMS (`editor_app: sveltia`) on /admin/, in headless Chromium.

Sveltia CMS edits local files through the File System Access API. Headless, the test answers
`showDirectoryPicker` with the browser's private storage (`navigator.storage.getDirectory()`),
filled first with the handbook's files and a `.git/HEAD`; /admin/'s pinned Sveltia build is
answered with the npm copy of the same file (its integrity hash checked by Chromium). Sveltia
calls other hosts (update check, fonts, GitHub's status): those requests are refused.
"""

from __future__ import annotations

import base64
import functools
import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from copsite.publishing import editor
from copsite.model.frontmatter import read_text

from .conftest import ROOT, build_site
from .test_browser import browser  # noqa: F401  (the shared Chromium)

pytestmark = pytest.mark.browser

CMS = ROOT / "tests" / "browser-npm" / "node_modules" / "@sveltia" / "cms" / "dist" / "sveltia-cms.js"
HS = "content/communities/hospital-schools"

FILL = """async (files) => {
  const root = await navigator.storage.getDirectory();
  for (const [path, b64] of Object.entries(files)) {
    const parts = path.split('/'); let dir = root;
    for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p, {create: true});
    const file = await dir.getFileHandle(parts.at(-1), {create: true});
    const w = await file.createWritable();
    await w.write(Uint8Array.from(atob(b64), c => c.charCodeAt(0)));
    await w.close();
  }
}"""

READ = """async (folder) => {
  const out = {};
  try {  // while the CMS writes, a handle may be gone for a moment: read again
    let dir = await navigator.storage.getDirectory();
    for (const p of folder.split('/')) dir = await dir.getDirectoryHandle(p);
    for await (const [name, h] of dir.entries()) if (h.kind === 'file') out[name] = await (await h.getFile()).text();
  } catch (e) { return {}; }
  return out;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def sveltia_copy(tmp_path_factory):
    if not CMS.is_file():
        pytest.fail("Sveltia CMS is not installed: `make test` runs `npm ci` in tests/browser-npm")
    work = tmp_path_factory.mktemp("sveltia") / "handbook"
    work.mkdir()
    for name in ("mkdocs.yml", "content", "theme"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, work / name)
    assert "editor_app: sveltia" in (work / "mkdocs.yml").read_text()  # the example's own choice
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18
    site = work.parent / "site"
    build_site(work, strict=True, site_dir=site)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    # Sveltia offers its local mode on localhost
    yield work, f"http://localhost:{httpd.server_address[1]}/"
    httpd.shutdown()


def _files(work: Path) -> dict[str, str]:
    out = {p.relative_to(work).as_posix(): base64.b64encode(p.read_bytes()).decode() for p in sorted((work / "content").rglob("*")) if p.is_file()}
    out["mkdocs.yml"] = base64.b64encode((work / "mkdocs.yml").read_bytes()).decode()
    out[".git/HEAD"] = base64.b64encode(b"ref: refs/heads/main\n").decode()
    return out


def test_a_new_highlight_through_sveltia_passes_the_strict_check(browser, sveltia_copy):  # noqa: F811
    work, base = sveltia_copy
    script, _ = editor.SCRIPTS["sveltia"]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []

    def route(r):
        url = r.request.url
        if url == script:
            return r.fulfill(body=CMS.read_bytes(), content_type="application/javascript", headers={"access-control-allow-origin": "*"})
        if url.startswith((base, "data:", "blob:")):
            return r.continue_()
        return r.abort()  # Sveltia's update check, fonts and status page: nothing leaves the machine

    context.route("**/*", route)
    context.add_init_script("window.showDirectoryPicker = async () => navigator.storage.getDirectory();")
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(base + "admin/")
        page.evaluate(FILL, _files(work))
        page.reload()
        page.get_by_role("button", name="Work with Local Repository").click()
        page.get_by_text("Hospital Schools Teachers: highlights").first.wait_for()
        page.goto(base + "admin/#/collections/hospital-schools--highlights")
        page.get_by_text("2025-10-15 · Our launch meeting").wait_for()  # the list: date (from the file name) and title
        page.goto(base + "admin/#/collections/hospital-schools--highlights/new")
        title = page.get_by_role("textbox", name="Title")
        title.wait_for()
        shown = page.locator("body").inner_text().replace("\u2068", "").replace("\u2069", "")
        assert "Creating Highlight" in shown  # label_singular
        assert page.locator("input[type=date]").first.input_value() != ""  # today, prefilled
        title.fill("Célébration à l'école")
        page.locator("input[type=date]").first.fill("2026-11-18")
        page.get_by_role("combobox").first.click()
        page.get_by_role("option", name="2026-11-18 · Teaching at the bedside").click()
        page.get_by_role("button", name="Save").click()
        saved: dict[str, str] = {}
        for _ in range(100):
            saved = {k: v for k, v in page.evaluate(READ, f"{HS}/highlights").items() if k.startswith("2026-11-18-c")}
            if saved:
                break
            page.wait_for_timeout(100)
    except Exception:
        page.screenshot(path=str(work.parent / "failed.png"), full_page=True)
        raise
    finally:
        context.close()
    assert errors == []
    assert list(saved) == ["2026-11-18-celebration-a-l-ecole.md"]  # ASCII, accents folded
    text = saved["2026-11-18-celebration-a-l-ecole.md"]
    data = read_text(text).data
    assert data["title"] == "Célébration à l'école" and str(data["session"]) == "2026-11-18"
    assert data["authors"] == ["Amira Haddad", "Jonas Lindqvist"]
    (work / HS / "highlights" / "2026-11-18-celebration-a-l-ecole.md").write_text(text, encoding="utf-8")
    check = subprocess.run([str(Path(os.sys.executable).parent / "copsite"), "check", "--strict"], cwd=work, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    rebuilt = build_site(work, strict=True, site_dir=work.parent / "site2")
    page_html = (rebuilt.site / "communities/hospital-schools/highlights/2026-11-18-celebration-a-l-ecole/index.html").read_text()
    assert "Célébration à l&#39;école" in page_html or "Célébration à l'école" in page_html

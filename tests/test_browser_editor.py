"""Browser tier: the real Decap CMS on /admin/, editing a copy of the example handbook through decap-server.

The CMS (`decap-cms`) and its local proxy (`decap-server`) come from npm, installed
by `make test` into tests/browser-npm/node_modules (package-lock.json pins them).
The site is built from a git copy of the example handbook and served on 127.0.0.1;
/admin/ asks for the pinned Decap build on unpkg.com, and the test answers that
request with the npm copy of the same file (so its integrity hash is checked by
Chromium) and sends the CMS's calls to http://localhost:8081 to decap-server on a
free port. Nothing leaves the machine.
"""

from __future__ import annotations

import functools
import re
import http.server
import os
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from copsite.publishing import editor
from copsite.model.frontmatter import read_text

from .conftest import ROOT, build_site, free_port
from .test_browser import browser  # noqa: F401  (the shared Chromium)

pytestmark = pytest.mark.browser

NPM = ROOT / "tests" / "browser-npm" / "node_modules"
HS = "content/communities/hospital-schools"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(folder: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


@pytest.fixture(scope="module")
def handbook_copy(tmp_path_factory):
    if not (NPM / "decap-server").is_dir() or not (NPM / "decap-cms").is_dir():
        pytest.fail("the CMS is not installed: `make test` runs `npm ci` in tests/browser-npm")
    work = tmp_path_factory.mktemp("editor") / "handbook"
    work.mkdir()
    for name in ("mkdocs.yml", "content", "theme"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, work / name)
    # Decap CMS, signing in to GitHub through a token-exchange service (the editor is off without one)
    yml = (work / "mkdocs.yml").read_text()
    (work / "mkdocs.yml").write_text(yml.replace("editor_app: sveltia", "editor_auth_url: https://auth.example.org"))
    git = ["git", "-c", "user.email=test@example.org", "-c", "user.name=test"]
    subprocess.run([*git, "init", "-q"], cwd=work, check=True)
    subprocess.run([*git, "add", "-A"], cwd=work, check=True)
    subprocess.run([*git, "commit", "-qm", "the example handbook"], cwd=work, check=True)
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18
    site = work.parent / "site"
    build_site(work, strict=True, site_dir=site)
    port = free_port()
    proxy = subprocess.Popen(
        ["node", str(NPM / "decap-server" / "dist" / "index.js")],
        cwd=work,
        env={**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs", "LOG_LEVEL": "warn"},
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    httpd, base = _serve(site)
    yield work, site, base, port
    httpd.shutdown()
    proxy.terminate()
    proxy.wait(10)


def _open_admin(browser, base, port):
    cms = (NPM / "decap-cms" / "dist" / "decap-cms.js").read_bytes()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    errors: list[str] = []

    def route(r):
        url = r.request.url
        if url == editor.DEFAULT_SCRIPT:
            return r.fulfill(body=cms, content_type="application/javascript", headers={"access-control-allow-origin": "*"})
        if url.startswith("http://localhost:8081/"):
            return r.fulfill(response=r.fetch(url=url.replace("localhost:8081", f"127.0.0.1:{port}")))
        if url.startswith((base, "data:", "blob:")):
            return r.continue_()
        outside.append(url)
        return r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + "admin/")
    page.get_by_role("button", name="Login").click()
    page.get_by_text("Hospital Schools Teachers: highlights").first.wait_for()
    return context, page, outside, errors


def _go(page, url):
    """Open a CMS address in a fresh load (a hash change alone leaves Decap's editor where it was)."""
    page.goto("about:blank")
    page.goto(url)


def _publish(page, written):
    """Publish the entry and wait until decap-server has written it (`written()` is true)."""
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("Publish now").click()
    for _ in range(300):
        if written():
            page.get_by_text("Published", exact=True).wait_for()  # the CMS is done (a new entry has moved to its address)
            return
        page.wait_for_timeout(100)
    raise AssertionError("the CMS did not write the entry")


def _front_matter(path: Path) -> dict:
    return read_text(path.read_text(encoding="utf-8")).data


def _plain(value):
    """A front-matter value compared by meaning: list-of-one text and text alike, agenda forms alike."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value)


def test_edit_the_handbook_through_decap_and_decap_server(browser, handbook_copy):  # noqa: F811
    work, site, base, port = handbook_copy
    before = {name: _front_matter(work / HS / name) for name in ("index.md", "plan.md")}
    new = work / HS / "highlights" / "2026-11-18-celebration-a-lecole.md"  # ASCII, accents folded
    context, page, outside, errors = _open_admin(browser, base, port)
    try:
        # the highlights list: date (from the file name) and title
        page.goto(base + "admin/#/collections/hospital-schools--highlights")
        page.get_by_text("2025-10-15 · Our launch meeting").wait_for()
        page.goto(base + "admin/")
        page.get_by_text("Hospital Schools Teachers: highlights").first.wait_for()
        # every community shows its files and its highlights
        for label in ("Hospital Schools Teachers", "Land-Based Learning Circle: highlights", "System Leaders for Assessment"):
            assert page.get_by_text(label, exact=True).count() >= 1

        # 1. a new highlight: prefilled (today, the facilitators, the outline); an accented title,
        # the session chosen from the plan's
        page.goto(base + "admin/#/collections/hospital-schools--highlights/new")
        page.locator("[id^=title-field]").first.wait_for()
        # the preview pane in the site's own style sheets (CMS.registerPreviewStyle)
        styles = page.frame_locator("iframe").first.locator("link[rel=stylesheet]")
        hrefs = [styles.nth(i).get_attribute("href") for i in range(styles.count())]
        assert "../assets/copsite/copsite.css" in hrefs and any("assets/stylesheets/main." in h for h in hrefs), hrefs
        date_input = page.locator("input[type=date]").first
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date_input.input_value())  # {{now}}: today, prefilled
        page.locator("[id^=title-field]").first.fill("Célébration à l'école")
        date_input.fill("2026-11-18")
        page.get_by_role("combobox", name="Plan session").fill("Teaching at the bedside")
        page.keyboard.press("Enter")
        page.get_by_role("button", name="Add resources").click()
        page.locator("[id^=title-field]").nth(1).fill("Reading Rockets")
        page.locator("[id^=url-field]").fill("https://www.readingrockets.org/")
        # the resource's kind (required); the highlight's own kind is "Kind (optional)"
        page.get_by_role("combobox", name="Kind", exact=True).fill("website")
        page.keyboard.press("Enter")
        # 4. a second resource: a file uploaded through the editor's media dialog, as a teacher would
        page.get_by_role("button", name="Add resources").click()
        page.locator("[id^=title-field]").nth(2).fill("Our reading list")
        page.get_by_role("combobox", name="Kind", exact=True).nth(1).fill("publication")
        page.keyboard.press("Enter")
        upload = work.parent / "reading-list.pdf"
        upload.write_bytes(b"%PDF-1.4 our reading list\n")
        page.get_by_role("button", name="Choose a file").nth(1).click()
        page.locator("input[type=file]").set_input_files(str(upload))
        page.get_by_role("button", name="Choose selected").click()
        _publish(page, new.exists)

        # 2. one plan session's time
        _go(page, base + "admin/#/collections/hospital-schools/entries/plan")
        page.get_by_text("2026-11-18 · Teaching at the bedside").wait_for()
        page.get_by_role("button", name="Expand").first.click()  # the sessions' bar: opens every session
        time_input = page.locator("[id^=time-field]").nth(3)
        assert time_input.input_value() == "15:30-17:00"
        time_input.fill("16:00-17:30")
        _publish(page, lambda: "16:00-17:30" in (work / HS / "plan.md").read_text())

        # 3. a new member in the charter
        _go(page, base + "admin/#/collections/hospital-schools/entries/index")
        page.get_by_role("button", name="Add members").wait_for()
        # the charter says `format: Hybrid`: read case-insensitively, the menu shows the site's word
        meetings_format = page.get_by_role("combobox", name="Format").locator("xpath=ancestor::div[.//*[text()][1]][3]")
        assert "Hybrid" in meetings_format.inner_text(), meetings_format.inner_text()
        page.get_by_role("button", name="Add members").click()
        n = len(before["index.md"]["members"])  # the new member comes after the others; partners follow
        page.locator("[id^=name-field]").nth(n).fill("Noor Siddiqui")
        page.locator("[id^=role-field]").nth(n).fill("occasional")
        page.keyboard.press("Enter")
        _publish(page, lambda: "Noor Siddiqui" in (work / HS / "index.md").read_text())
    except Exception:
        page.screenshot(path=str(work.parent / "failed.png"), full_page=True)
        raise
    finally:
        context.close()
    assert outside == [] and errors == []

    written = _front_matter(new)
    assert written["title"] == "Célébration à l'école"
    assert str(written["date"]) == "2026-11-18" and written["resources"][0]["kind"] == "website"
    assert str(written["session"]) == "2026-11-18"  # the plan's session, by its date
    assert written["authors"] == ["Amira Haddad", "Jonas Lindqvist"]  # the facilitators, prefilled
    # the upload went to the community's files/ folder, named as the format reads a file
    assert written["resources"][1]["file"] == "files/reading-list.pdf" and written["resources"][1]["kind"] == "publication"
    assert (work / HS / "files" / "reading-list.pdf").read_bytes() == b"%PDF-1.4 our reading list\n"
    assert "## " in read_text(new.read_text(encoding="utf-8")).body  # the meeting's outline, prefilled

    # the files on disk pass copsite check
    check = subprocess.run(
        [str(Path(os.sys.executable).parent / "copsite"), "check", "--strict"], cwd=work, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr

    # no other file changed, and in the changed files nothing but the edits
    status = subprocess.run(["git", "status", "--porcelain"], cwd=work, capture_output=True, text=True, check=True)
    assert sorted(status.stdout.splitlines()) == sorted(
        [
            f" M {HS}/index.md",
            f" M {HS}/plan.md",
            f"?? {HS}/files/reading-list.pdf",
            f"?? {HS}/highlights/2026-11-18-celebration-a-lecole.md",
        ]
    )
    plan = _front_matter(work / HS / "plan.md")
    assert plan["sessions"][3]["time"] == "16:00-17:30"  # text, as written: not a number
    plan["sessions"][3]["time"] = "15:30-17:00"
    assert _plain(plan) == _plain(before["plan.md"])  # the rest kept: formatting may change, meaning not
    charter = _front_matter(work / HS / "index.md")
    assert charter["members"][-1] == {"name": "Noor Siddiqui", "role": "occasional"}
    charter["members"].pop()
    assert _plain(charter) == _plain(before["index.md"])
    for name in ("index.md", "plan.md"):
        body_before = read_text(subprocess.run(["git", "show", f"HEAD:{HS}/{name}"], cwd=work, capture_output=True, text=True).stdout).body
        assert read_text((work / HS / name).read_text()).body.strip() == body_before.strip()

    # the rebuilt site shows all three changes
    rebuilt = build_site(work, strict=True, site_dir=work.parent / "site2")
    highlight = (rebuilt.site / "communities/hospital-schools/highlights/2026-11-18-celebration-a-lecole/index.html").read_text()
    assert "Célébration à l&#39;école" in highlight or "Célébration à l'école" in highlight
    assert "Reading Rockets" in highlight
    assert 'href="../../files/reading-list.pdf"' in highlight and "Our reading list" in highlight
    assert (rebuilt.site / "communities/hospital-schools/files/reading-list.pdf").is_file()
    assert "16:00" in (rebuilt.site / "communities/hospital-schools/plan/index.html").read_text()
    assert "Noor Siddiqui" in (rebuilt.site / "communities/hospital-schools/index.html").read_text()


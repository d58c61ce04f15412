"""Browser tier: post a highlight from a 375-pixel phone, on handbooks made by `copsite init --repo`
for GitHub and for GitLab, through each hand-off; the file saved into the handbook passes
`copsite check --strict` and shows on the rebuilt site."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from .conftest import build_site
from .test_browser import Visit, _QuietHandler, browser  # noqa: F401  (the fixture)
from .test_cli import run

pytestmark = pytest.mark.browser

TODAY = dt.date(2025, 12, 1)
MEETING = TODAY - dt.timedelta(days=14)  # posted two weeks after the meeting
REPOS = {"github": "https://github.com/lakeside/handbook", "gitlab": "https://gitlab.com/district/cop/handbook"}
WORDS = {
    "en": dict(post="Post a highlight", host={"github": "Continue on GitHub", "gitlab": "Copy the text and continue on GitLab"},
               email="Email it to the facilitators", download="Download the file", add="Add a resource", errors="cannot be written yet"),
    "fr": dict(post="Publier un fait saillant", host={"github": "Continuer sur GitHub", "gitlab": "Copier le texte et continuer sur GitLab"},
               email="L'envoyer par courriel aux animateurs", download="Télécharger le fichier", add="Ajouter une ressource", errors="ne peut pas encore"),
}
PLAN = f"""\
---
sessions:
  - {{date: {MEETING.isoformat()}, title: Teaching at the bedside, topics: [bedside]}}
  - {{date: {(TODAY + dt.timedelta(days=14)).isoformat()}, id: circles, title: Reading circles, topics: [circles]}}
---
"""


def _handbook(root, host: str, language: str):
    run("init", "hb", "--repo", REPOS[host], "--language", language, cwd=root)
    hb = root / "hb"
    config = (hb / "mkdocs.yml").read_text(encoding="utf-8")
    (hb / "mkdocs.yml").write_text(config.replace("  - copsite:\n", f"  - copsite:\n      editor: false\n      today: {TODAY.isoformat()}\n", 1), encoding="utf-8")
    run("new", "community", "readers", "--title", "Readers", "--facilitator", "Ana Silva", cwd=hb)
    folder = hb / "content/communities/readers"
    charter = (folder / "index.md").read_text(encoding="utf-8")
    (folder / "index.md").write_text(charter.replace("\nfacilitators:", "\ncontact: mailto:ana@school.example\nfacilitators:", 1), encoding="utf-8")
    (folder / "plan.md").write_text(PLAN, encoding="utf-8")
    (folder / "files").mkdir()
    (folder / "files/agenda.pdf").write_bytes(b"%PDF-1.4\n")
    return hb


def _serve(site):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def _fill(page, w):
    page.fill("[name=title]", "Célébration à l'école")
    page.fill("[name=date]", MEETING.isoformat())
    page.dispatch_event("[name=date]", "change")
    assert page.input_value("[name=session]") == MEETING.isoformat()  # preselected by the date
    page.select_option("[name=session]", MEETING.isoformat())
    page.fill("[name=attendance]", "14")
    add = page.get_by_role("button", name=w["add"])
    for title, where, value, kind in (("The article we read", "url", "https://example.org/article", "publication"),
                                      ("Our agenda", "file", "files/agenda.pdf", "template")):
        add.click()
        row = page.locator("[data-copsite-row-item]").last
        row.locator("[data-name=title]").fill(title)
        row.locator(f"[data-name={where}]").fill(value)
        row.locator("[data-name=kind]").select_option(kind)


def _stub(page):
    page.evaluate("""() => { window.__opened = []; window.__went = []; window.__copied = [];
        window.copsitePost.open = (u) => window.__opened.push(u); window.copsitePost.navigate = (u) => window.__went.push(u);
        navigator.clipboard.writeText = (t) => { window.__copied.push(t); return Promise.resolve(); }; }""")


@pytest.mark.parametrize("host,language", [("github", "en"), ("gitlab", "en"), ("github", "fr")])
def test_a_teacher_posts_a_highlight_from_a_phone_and_it_passes_check_and_shows(browser, tmp_path, host, language):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    w = WORDS[language]
    hb = _handbook(tmp_path, host, language)
    built = build_site(hb, strict=True)
    httpd, base = _serve(built.site)
    v = Visit(browser, base, viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True, timezone_id="UTC", accept_downloads=True)
    try:
        v.page.clock.set_fixed_time(dt.datetime(TODAY.year, TODAY.month, TODAY.day, 12, 0))
        page = v.go("communities/readers/")
        assert not page.locator("textarea").count()  # no raw YAML on the community page
        page.get_by_role("link", name=w["post"]).click()
        page.wait_for_url("**/communities/readers/post/")
        assert page.input_value("[name=date]") == TODAY.isoformat() and page.input_value("[name=authors]") == "Ana Silva"
        assert "## " in page.input_value("[name=body]")  # the meeting's outline
        _stub(page)
        page.get_by_role("button", name=w["host"][host]).click()  # nothing filled in yet
        alert = page.locator("[data-copsite-errors][role=alert]")
        assert w["errors"] in alert.inner_text() and page.get_attribute("[name=title]", "aria-invalid") == "true"
        assert page.evaluate("window.__opened") == []
        _fill(page, w)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{overflow}px wider than the screen"
        small = page.evaluate("""() => [...document.querySelectorAll('.copsite-postform input:not([type=hidden]), .copsite-postform select, .copsite-postform textarea, .copsite-postform button')]
            .filter(e => e.offsetParent).map(e => e.getBoundingClientRect()).filter(r => r.width < 24 || r.height < 24).length""")
        assert small == 0
        violations = [x for x in Axe().run(page).response["violations"] if x["impact"] in ("serious", "critical")]
        assert violations == [], [x["id"] for x in violations]
        assert v.outside == []  # nothing asked of another host before a hand-off
        page.get_by_role("button", name=w["host"][host]).click()
        opened = page.evaluate("window.__opened")
        assert len(opened) == 1
        query = {k: x[0] for k, x in parse_qs(urlsplit(opened[0]).query).items()}
        with page.expect_download() as download:
            page.get_by_role("button", name=w["download"]).click()
        text = download.value.path().read_text(encoding="utf-8")
        name = download.value.suggested_filename
        if host == "github":
            assert urlsplit(opened[0]).path == "/lakeside/handbook/new/main/content/communities/readers/highlights"
            assert query == {"filename": name, "value": text}
        else:
            assert urlsplit(opened[0]).path == "/district/cop/handbook/-/new/main/content/communities/readers/highlights"
            assert query == {"file_name": name} and page.evaluate("window.__copied") == [text]
            assert page.locator("[data-copsite-status]").inner_text()  # said aloud: the text is on the clipboard
        if host == "github":  # a link GitHub would answer with 414: the name in the link, the text on the clipboard
            page.fill("[name=body]", "é" * 2000)
            page.get_by_role("button", name=w["host"][host]).click()
            long_link = page.evaluate("window.__opened")[-1]
            assert "value=" not in long_link and "filename=" in long_link and "é" * 2000 in page.evaluate("window.__copied")[-1]
            page.fill("[name=body]", "We met.")
            text = text.split("\n---\n", 1)[0] + "\n---\n\nWe met.\n"
        page.get_by_role("button", name=w["email"]).click()
        mail = page.evaluate("window.__went")[0]
        assert mail.startswith("mailto:ana@school.example?subject=") and unquote(mail.split("&body=", 1)[1]) == text
        assert name == f"{MEETING.isoformat()}-celebration-a-lecole.md"
        assert 'title: "Célébration à l\'école"' in text and f"session: {MEETING.isoformat()}\n" in text and "attendance: 14\n" in text
        assert not v.errors
    finally:
        v.close()
        httpd.shutdown()
    (hb / "content/communities/readers/highlights").mkdir(exist_ok=True)
    (hb / "content/communities/readers/highlights" / name).write_text(text, encoding="utf-8")
    check = run("check", "--strict", cwd=hb)
    assert " 0 errors, 0 warnings" in check.stdout or " 0 erreur" in check.stdout
    rebuilt = build_site(hb, strict=True)
    slug = name[:-3]
    assert rebuilt.html("communities/readers/").select_one(f"a[href*='highlights/{slug}/']").get_text() == "Célébration à l'école"
    assert rebuilt.html("communities/readers/plan/").select_one(f"a[href*='highlights/{slug}/']") is not None
    bank = rebuilt.html("resources/").get_text()
    assert "The article we read" in bank and "Our agenda" in bank

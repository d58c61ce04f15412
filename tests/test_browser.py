"""Browser tier: the example handbook built, served on 127.0.0.1 and driven in headless Chromium.

Debian's `chromium` through Playwright for Python (`executable_path`); axe-core
from the axe-playwright-python package (nothing fetched at run time). Every
request the pages make is recorded, and any to another host is refused and
reported.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from urllib.parse import urlsplit

import pytest

from .conftest import ROOT, build_site

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "front page": "",
    "communities": "communities/",
    "community home": "communities/hospital-schools/",
    "norms": "communities/hospital-schools/norms/",
    "norms not yet agreed": "communities/land-based-learning/norms/",
    "plan": "communities/hospital-schools/plan/",
    "community highlights": "communities/hospital-schools/highlights/",
    "highlight": "communities/hospital-schools/highlights/2026-01-21-transition-plans/",
    "community resources": "communities/hospital-schools/resources/",
    "community legacy": "communities/system-leaders/legacy/",
    "reflection": "communities/hospital-schools/reflection/",
    "other page": "communities/hospital-schools/launch/",
    "highlights hub": "highlights/",
    "resource bank": "resources/",
    "legacy": "legacy/",
    "calendar": "calendar/",
    "community report": "communities/hospital-schools/report/",
    "post page": "communities/hospital-schools/post/",
    "handbook report": "report/",
}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    site = tmp_path_factory.mktemp("browser") / "site"
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")  # 2026-11-18: the example's next sessions are ahead
    build_site(ROOT, strict=True, site_dir=site)
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        if os.environ.get("COPSITE_SKIP_BROWSER"):
            pytest.skip("COPSITE_SKIP_BROWSER is set and chromium is not installed")
        pytest.fail("Debian's chromium is not installed: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        )
        yield browser
        browser.close()


class Visit:
    """A browser page that records console errors and every request, refusing other hosts."""

    def __init__(self, browser, base, **context):
        self.context = browser.new_context(**context)
        self.base = base
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.requests: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: r.status >= 400 and self.errors.append(f"{r.status} {r.url}"))

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if urlsplit(url).hostname not in ("127.0.0.1",) and not url.startswith(("data:", "blob:")):
            self.outside.append(url)
            route.abort()
        else:
            route.continue_()

    def go(self, address: str):
        response = self.page.goto(self.base + address, wait_until="load")
        assert response is not None and response.status == 200, address
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, server):
    v = Visit(browser, server)
    yield v
    v.close()


def test_every_page_type_loads_without_errors_or_requests_to_other_hosts(visit):
    for name, address in PAGE_TYPES.items():
        page = visit.go(address)
        assert page.locator("article h1").first.is_visible(), name
        assert visit.errors == [], name
    assert visit.outside == []
    assert any(r.endswith("copsite.js") for r in visit.requests)


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_axe_finds_no_serious_or_critical_violation(visit, name):
    from axe_playwright_python.sync_playwright import Axe

    visit.go(PAGE_TYPES[name])
    results = Axe().run(visit.page)
    bad = [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == [], name


def test_navigation_reaches_a_highlight_from_the_front_page(visit):
    page = visit.go("")
    page.locator(".copsite-card").get_by_role("link", name="Hospital Schools Teachers").click()
    page.wait_for_url("**/communities/hospital-schools/")
    sidebar = page.locator(".md-sidebar--primary")
    assert sidebar.get_by_role("link", name="Collaborative plan").first.is_visible()
    page.locator("nav.copsite-sections").get_by_role("link", name="Highlights").click()
    page.wait_for_url("**/communities/hospital-schools/highlights/")
    page.get_by_role("link", name="Transition plans that work").first.click()
    page.wait_for_url("**/2026-01-21-transition-plans/")
    assert page.locator("article h1").inner_text() == "Transition plans that work"


def test_search_finds_a_highlight_by_a_word_in_its_body(visit):
    page = visit.go("")
    page.locator("input.md-search__input").click()
    page.keyboard.type("Eleven")  # only in the launch highlight's body; typed, as Material listens to keys
    result = page.locator(".md-search-result__item a").first
    result.wait_for(state="visible", timeout=15000)
    assert "2025-10-15-launch" in result.get_attribute("href")
    result.click()
    page.wait_for_url("**/2025-10-15-launch/**")
    assert page.locator("article h1").inner_text() == "Our launch meeting"


def _visible_titles(page):
    return page.locator("li.copsite-resource:visible .copsite-resource__title > :first-child").all_inner_texts()


def test_resource_bank_filters_by_kind_topic_and_words_and_the_address_keeps_the_view(visit):
    page = visit.go("resources/")
    everything = _visible_titles(page)
    assert len(everything) >= 8
    page.select_option("form[data-copsite-filter] select[name=kind]", "publication")
    pubs = _visible_titles(page)
    assert 0 < len(pubs) < len(everything)
    kinds = page.locator("li.copsite-resource:visible").evaluate_all("els => els.map(e => e.dataset.kind)")
    assert set(kinds) == {"publication"}
    assert "kind=publication" in page.url
    page.select_option("form[data-copsite-filter] select[name=kind]", "")
    page.select_option("form[data-copsite-filter] select[name=topic]", "families")
    assert sorted(_visible_titles(page)) == ["Dr. Sam Whitfield, paediatric liaison", "Ten-minute lesson cards", "Welcome letter for families"]
    page.fill("form[data-copsite-filter] input[name=text]", "letter")
    assert _visible_titles(page) == ["Welcome letter for families"]
    assert "topic=families" in page.url and "text=letter" in page.url
    shared = page.url
    page.reload()
    assert _visible_titles(page) == ["Welcome letter for families"]
    assert page.input_value("form[data-copsite-filter] input[name=text]") == "letter"
    other = visit.context.new_page()
    other.goto(shared)
    assert _visible_titles(other) == ["Welcome letter for families"]
    page.fill("form[data-copsite-filter] input[name=text]", "no such resource anywhere")
    assert _visible_titles(page) == [] and page.locator("[data-copsite-none]").is_visible()


def test_resource_bank_filter_works_by_keyboard_alone(visit):
    page = visit.go("resources/")
    page.locator("form[data-copsite-filter] select[name=kind]").focus()
    # From the kind filter, Tab moves through the form; keys alone change it.
    page.keyboard.press("Tab")  # topic
    page.keyboard.press("Tab")  # community
    assert page.evaluate("document.activeElement.name") == "community"
    page.keyboard.press("ArrowDown")  # first community
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "text"
    page.keyboard.type("guide")
    communities = page.locator("li.copsite-resource:visible").evaluate_all("els => els.map(e => e.dataset.community)")
    assert communities and all("hospital-schools" in c for c in communities)
    assert "community=hospital-schools" in page.url and "text=guide" in page.url
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "reset"
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('li.copsite-resource[hidden]').length === 0")
    assert "text=" not in page.url


def test_without_javascript_the_bank_is_a_plain_list(browser, server):
    v = Visit(browser, server, java_script_enabled=False)
    try:
        page = v.go("resources/")
        assert len(_visible_titles(page)) >= 8
        assert not page.locator("form[data-copsite-filter]").is_visible()
    finally:
        v.close()


def test_communities_page_filters_by_stage(visit):
    page = visit.go("communities/")
    page.select_option("form[data-copsite-filter] select[name=stage]", "concluded")
    assert page.locator(".copsite-card:visible .copsite-card__title a").all_inner_texts() == ["System Leaders for Assessment"]


def test_pages_are_usable_at_375_pixels(browser, server):
    v = Visit(browser, server, viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    try:
        for name, address in PAGE_TYPES.items():
            page = v.go(address)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{name} is {overflow}px wider than the screen"
        page = v.go("communities/hospital-schools/plan/")
        page.locator("label.md-header__button[for=__drawer]").click()
        nav = page.locator(".md-sidebar--primary")
        nav.get_by_role("link", name="Resource bank").first.wait_for(state="visible")
        assert v.errors == [] and v.outside == []
    finally:
        v.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_community_report_prints_on_two_pages_without_navigation_or_search(visit, paper):
    import io

    import pypdf

    page = visit.go("communities/hospital-schools/report/")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format=paper)))
    assert 1 <= len(pdf.pages) <= 2
    text = "\n".join(p.extract_text() for p in pdf.pages)
    assert "Hospital Schools Teachers" in text and "Sessions held" in text and "9.5 on average" in text
    assert "Learning Together" in text  # the handbook's name in the margin
    assert "/communities/hospital-schools/report/" in text and "Built 2026-11-18" in text
    for absent in ("Search", "Table of contents", "Resource bank", "Made with"):
        assert absent not in text, absent
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("svg.copsite-chart").first.is_visible()
@pytest.fixture(scope="module")
def host_editor_server(tmp_path_factory):
    """The example handbook with the browser editor off: Post a highlight opens the host's file editor."""
    work = tmp_path_factory.mktemp("host-editor")
    for name in ("content", "theme"):
        shutil.copytree(ROOT / name, work / name)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - copsite:\n" in config
    (work / "mkdocs.yml").write_text(config.replace("  - copsite:\n", "  - copsite:\n      editor: false\n", 1), encoding="utf-8")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")
    build_site(work, strict=True, site_dir=work / "site")
    handler = functools.partial(_QuietHandler, directory=str(work / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_with_the_editor_on_post_a_highlight_and_the_footer_open_the_editor(visit):
    page = visit.go("communities/hospital-schools/")
    assert page.locator("a[data-copsite-post-link]").get_attribute("href") == "../../admin/#/collections/hospital-schools--highlights/new"
    link = page.locator(".md-copyright .copsite-edit-handbook a")
    assert link.inner_text() == "Edit the handbook" and link.get_attribute("href") == "../../admin/"
    assert not visit.errors and not visit.outside


def test_with_the_editor_off_post_a_highlight_opens_the_post_page_dated_for_the_readers_today(browser, host_editor_server):
    server = host_editor_server
    import datetime as dt

    v = Visit(browser, server, timezone_id="America/Toronto")
    try:
        v.page.clock.set_fixed_time(dt.datetime(2026, 1, 21, 12, 0))  # a session day of Hospital Schools
        page = v.go("communities/hospital-schools/")
        page.locator("a[data-copsite-post-link]").click()
        page.wait_for_url("**/communities/hospital-schools/post/")
        assert page.input_value("[name=date]") == "2026-01-21" and page.input_value("[name=session]") == "2026-01-21"
        assert not page.locator("[data-copsite-post-fallback]").is_visible()
        assert not v.errors and not v.outside
    finally:
        v.close()


def test_without_javascript_the_post_page_keeps_the_builds_today(browser, host_editor_server):
    from urllib.parse import parse_qs

    v = Visit(browser, host_editor_server, java_script_enabled=False)
    try:
        page = v.go("communities/hospital-schools/post/")
        assert not page.locator("form[data-copsite-postform]").is_visible()
        href = page.get_by_role("link", name="Continue on GitHub").get_attribute("href")
        query = {k: x[0] for k, x in parse_qs(urlsplit(href).query).items()}
        assert query["filename"] == "2026-11-18-highlight.md"  # SOURCE_DATE_EPOCH of the build
        assert "session: 2026-11-18\n" in query["value"]
    finally:
        v.close()

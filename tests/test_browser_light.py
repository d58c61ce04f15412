"""Browser tier: light aggregate pages in Chromium. A resource bank of 10,000 resources (generated
by bench/filter_time.py), and 60 communities on two pages of /communities/.

The bank's first page shows 50 cards; the filter and "Show more" load the rest from
resources.json and build the same cards the server builds. The filter's response to a
keystroke is measured and printed (reported, not asserted as a time).
"""

from __future__ import annotations

import json
import sys

import pytest

from .conftest import ROOT, build_site, mkdocs_yml, write
from .test_light_pages import many_communities
from .test_browser import Visit, browser  # noqa: F401  (the fixture)

sys.path.insert(0, str(ROOT / "bench"))

import filter_time  # noqa: E402
from filter_time import serve  # noqa: E402

pytestmark = pytest.mark.browser

RESOURCES = 10000


@pytest.fixture(scope="module")
def bank(tmp_path_factory):
    root = tmp_path_factory.mktemp("bank")
    filter_time.write_bank(root, RESOURCES, site_url=None)  # resources.json's addresses relative to it
    site = filter_time.build(root)
    with filter_time.serve(site) as base:
        yield base


@pytest.fixture
def visit(browser, bank):  # noqa: F811
    v = Visit(browser, bank)
    yield v
    v.close()


def _cards(page):
    return page.locator("[data-copsite-items] > li.copsite-resource")


def test_the_bank_shows_a_page_and_loads_the_rest_only_when_asked(visit):
    page = visit.go("resources/")
    assert _cards(page).count() == 50
    assert not page.locator("[data-copsite-pages]").is_visible()  # the numbered pages are for readers without JavaScript
    assert not [r for r in visit.requests if r.endswith("resources.json")]
    server_cards = _cards(page).evaluate_all("els => els.map(e => e.outerHTML)")
    page.get_by_role("button", name="Show more resources").click()
    page.wait_for_function("document.querySelectorAll('[data-copsite-items] > li').length === 100")
    assert [r for r in visit.requests if r.endswith("resources.json")]
    built = _cards(page).evaluate_all("els => els.map(e => e.outerHTML)")
    # The cards built from the data are the server's cards, to the attribute: the same CSS applies.
    assert built[:50] == server_cards
    assert "Resource 00050" in built[50] or "Resource 00050" in "".join(built[50:])
    assert page.locator(".copsite-count").inner_text() == f"{RESOURCES + 1} of {RESOURCES + 1} shown (the first 100 here)"
    assert visit.errors == [] and visit.outside == []


def test_the_filter_finds_a_resource_far_beyond_the_first_page(visit):
    page = visit.go("resources/")
    page.fill("form[data-copsite-filter] input[name=text]", "resource 09876")
    page.wait_for_function("document.querySelector('.copsite-count').textContent.startsWith('1 of')")
    card = _cards(page).filter(visible=True)
    assert card.count() == 1
    assert card.locator(".copsite-resource__title a").inner_text() == "Resource 09876 on numeracy"
    assert card.locator(".copsite-resource__title a").get_attribute("href") == "https://example.org/r/9876"
    community = card.get_by_role("link", name="Bank community 19")
    assert community.get_attribute("href") == "../communities/bank-19/"  # relative, as the server's links
    assert "text=resource+09876" in page.url
    # The address keeps the view: on load, the filter runs again over the whole bank.
    page.goto(page.url)
    page.wait_for_function("document.querySelector('.copsite-count').textContent.startsWith('1 of')")
    assert _cards(page).filter(visible=True).count() == 1
    # (Material's search also reads ?q= and opens over the page: a fresh address for the next view.)
    page = visit.go("resources/?community=bank-03")
    page.wait_for_function("document.querySelector('.copsite-count').textContent.startsWith('501 of')")
    communities = _cards(page).evaluate_all("els => els.map(e => e.dataset.community.split(' '))")
    assert len(communities) == 50 and all("bank-03" in c for c in communities)
    assert visit.errors == [] and visit.outside == []


def test_a_card_of_a_resource_every_community_shares_stays_small(visit):
    page = visit.go("resources/?q=shared+guide")
    page.wait_for_function("document.querySelector('.copsite-count').textContent.startsWith('1 of')")
    meta = _cards(page).filter(visible=True).locator("p.copsite-meta").last
    assert meta.locator("a").count() == 3
    assert "and 17 more" in meta.inner_text()


def test_the_filter_answers_a_keystroke_in_chromium_reported(visit, capsys):
    result = filter_time.measure(visit.page, visit.base, RESOURCES + 1)
    assert result["keystrokes"] == len(filter_time.TYPED) - 1 + 4
    # "resource 0042" typed, then four keys deleted: "resource " matches every resource but the shared guide.
    assert result["shown"] == f"{RESOURCES} of {RESOURCES + 1} shown (the first 50 here)"
    with capsys.disabled():
        print(f"\nresource bank filter, {RESOURCES + 1} resources in Chromium: {json.dumps(result)}")
    assert visit.errors == [] and visit.outside == []


@pytest.fixture(scope="module")
def communities(tmp_path_factory):
    root = tmp_path_factory.mktemp("communities")
    write(root, {"mkdocs.yml": mkdocs_yml(), **{f"content/{k}": v for k, v in many_communities().items()}})
    built = build_site(root, strict=True)
    with serve(built.site) as base:
        yield base


def test_the_communities_filter_reaches_the_communities_of_every_page(browser, communities):  # noqa: F811
    v = Visit(browser, communities)
    try:
        page = v.go("communities/")
        assert page.locator(".copsite-card:visible").count() == 50
        assert not page.locator("[data-copsite-pages]").is_visible()
        assert not [r for r in v.requests if "/page/" in r]
        page.select_option("form[data-copsite-filter] select[name=stage]", "concluded")
        page.wait_for_function("document.querySelector('.copsite-count').textContent === '6 of 60 shown'")
        titles = page.locator(".copsite-card:visible .copsite-card__title a").all_inner_texts()
        assert titles == [f"Community {k:02d}" for k in (9, 19, 29, 39, 49, 59)]
        # A card from page 2 keeps a working link, now from this page.
        page.get_by_role("link", name="Community 59").click()
        page.wait_for_url("**/communities/c59/")
        page = v.go("communities/")
        page.get_by_role("button", name="Show all 60 communities").click()
        page.wait_for_function("document.querySelectorAll('.copsite-card').length === 60")
        assert page.locator(".copsite-card:visible").count() == 60
        assert v.errors == [] and v.outside == []
    finally:
        v.close()


def test_without_javascript_the_communities_read_in_numbered_pages(browser, communities):  # noqa: F811
    v = Visit(browser, communities, java_script_enabled=False)
    try:
        page = v.go("communities/")
        assert page.locator(".copsite-card:visible").count() == 50
        page.locator("nav.copsite-pager").get_by_role("link", name="Next page").click()
        page.wait_for_url("**/communities/page/2/")
        assert page.locator(".copsite-card:visible").count() == 10
    finally:
        v.close()

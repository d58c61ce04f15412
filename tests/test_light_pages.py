"""Light aggregate pages (issue 15): the highlights hub, the resource bank, the legacy overview and
the calendar show a page of their list and link to the rest, so every item stays reachable by
following links in the pages (no sidebar, no JavaScript), and no page grows with the handbook."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from .conftest import ROOT, build_site, charter

sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The benchmark's synthetic handbook at 12 communities (about 300 highlights), built."""
    root = tmp_path_factory.mktemp("light")
    generate(root, 12, seed=1)
    return build_site(root, strict=True)


def _follow(built, start: str, within: str):
    """Every page reached from `start` by links in the article whose address starts with `within`
    (the pager), and every link seen in those pages' articles: ({page: soup}, {absolute links})."""
    base = "http://site/"
    seen, todo, links = {}, [start], set()
    while todo:
        address = todo.pop()
        if address in seen:
            continue
        main = built.main(address)
        seen[address] = main
        for a in main.select("a[href]"):
            target = urljoin(base + address, a["href"])
            links.add(target)
            path = urlsplit(target).path.lstrip("/")
            if urlsplit(target).netloc == "site" and path.startswith(within) and path not in seen:
                todo.append(path)
    return seen, links


def _highlight_addresses(root: Path) -> set[str]:
    out = set()
    for f in (root / "content/communities").glob("*/highlights/*.md"):
        out.add(f"http://site/communities/{f.parent.parent.name}/highlights/{f.stem}/")
    return out


def test_every_highlight_is_reachable_from_the_highlights_hub_by_its_pages(generated):
    pages, links = _follow(generated, "highlights/", "highlights/")
    everything = _highlight_addresses(generated.root)
    assert len(everything) > 200
    assert everything <= links
    assert len(pages) >= 5 and "highlights/page/2/" in pages
    for address, main in pages.items():
        assert 0 < len(main.select("li.copsite-highlight")) <= 50, address
    # Newest first across the pages: the first page starts with the newest highlight.
    dates = [t["datetime"] for a in sorted(pages, key=lambda a: (a != "highlights/", a)) for t in pages[a].select("li.copsite-highlight time")[:1]]
    assert dates[0] == max(dates)
    # Page 2 names where it stands, and has the years as landmarks.
    pager = pages["highlights/page/2/"].select_one("nav.copsite-pager")
    assert "51–100 of" in pager.get_text() and "page 2 of" in pager.get_text()
    assert {a.get_text() for a in pager.select("p a")} >= {"2025", "2026"}


def test_further_pages_stay_out_of_the_navigation_and_the_search_index(generated):
    html = generated.html("highlights/page/2/")
    assert html.select_one("title").get_text().startswith("Highlights · page 2 of")
    sidebar = generated.html("highlights/").select_one(".md-sidebar--primary")
    assert not [a for a in sidebar.select("a[href]") if "page/" in a["href"]]
    index = json.loads(generated.text("search/search_index.json"))
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "highlights/" in locations and "resources/" in locations
    assert not [loc for loc in locations if "/page/" in loc]


def test_every_resource_is_reachable_from_the_bank_without_javascript(generated):
    pages, _ = _follow(generated, "resources/", "resources/")
    assert len(pages) >= 2
    titles = [t.get_text() for main in pages.values() for t in main.select("li.copsite-resource .copsite-resource__title > :first-child")]
    data = json.loads(generated.text("resources.json"))["resources"]
    assert len(data) > 50
    assert sorted(titles) == sorted(r["title"] for r in data)
    first = pages["resources/"]
    assert len(first.select("li.copsite-resource")) == 50
    # The first page names the data the filter loads for the rest; the further pages have no filter.
    items = first.select_one("[data-copsite-items]")
    assert items["data-copsite-data"] == "../resources.json" and items["data-copsite-total"] == str(len(data))
    assert first.select_one("form[data-copsite-filter]") is not None
    assert pages["resources/page/2/"].select_one("form[data-copsite-filter]") is None


def test_every_communitys_legacy_is_reachable_from_the_legacy_pages(generated):
    pages, links = _follow(generated, "legacy/", "legacy/")
    assert len(pages) == 2
    homes = {f"http://site/communities/{p.name}/" for p in (generated.root / "content/communities").iterdir()}
    assert len(homes) == 12 and homes <= links
    assert [len(m.select(".copsite-legacy-block")) for m in (pages["legacy/"], pages["legacy/page/2/"])] == [10, 2]


def test_a_resource_many_communities_share_keeps_a_small_card(handbook):
    files = {}
    for n in range(6):
        files[f"communities/c{n}/index.md"] = charter(f"Community {n}")
        files[f"communities/c{n}/resources.md"] = "---\nresources:\n  - {title: Shared guide, kind: tool, url: 'https://guide.example.org'}\n---\n"
    built = handbook(files)
    card = built.main("resources/").select_one("li.copsite-resource")
    meta = card.select("p.copsite-meta")[-1]
    assert [a.get_text() for a in meta.select("a")] == ["Community 0", "Community 1", "Community 2"]
    assert "and 3 more" in meta.get_text()
    assert card["data-community"] == "c0 c1 c2 c3 c4 c5"  # the filter still finds it from every community
    assert len(json.loads(built.text("resources.json"))["resources"][0]["sources"]) == 6


def test_the_front_page_of_many_communities_shows_the_latest_active_and_links_to_all(handbook):
    files = {}
    for n in range(30):
        files[f"communities/c{n:02d}/index.md"] = charter(f"Community {n:02d}")
        files[f"communities/c{n:02d}/highlights/2025-10-{n % 28 + 1:02d}-meeting.md"] = "---\ntitle: Meeting\n---\nWe met.\n"
    built = handbook(files)
    main = built.main("")
    cards = [a.get_text() for a in main.select(".copsite-card__title a")]
    assert len(cards) == 24
    assert cards[0] in ("Community 27",)  # 28 Oct, the latest highlight
    assert "Community 00" not in cards and "Community 28" not in cards  # 1 Oct: among the six oldest
    assert main.find("a", string="All 30 communities")["href"] == "communities/"
    assert len(built.main("communities/").select(".copsite-card")) == 30


def test_small_lists_keep_a_single_page(handbook):
    built = handbook({"communities/a/index.md": charter(), "communities/a/highlights/2025-10-01-x.md": "---\ntitle: X\n---\nx\n"})
    main = built.main("highlights/")
    assert main.select_one("nav.copsite-pager") is None
    assert not (built.site / "highlights/page").exists()
    # The one page holds the whole list: the highlight, linked, and the community.
    (item,) = main.select("li.copsite-highlight")
    assert item.strong.get_text() == "X" and "Readers" in item.get_text(" ", strip=True)
    assert "../communities/a/highlights/2025-10-01-x/" in [a["href"] for a in item.select("a[href]")]
    assert [a.get_text(strip=True) for a in built.main("communities/").select(".copsite-card h2 a")] == ["Readers"]


def many_communities(n: int = 60) -> dict[str, str]:
    """`n` small communities: c00 … c59, every tenth concluded."""
    return {
        f"communities/c{k:02d}/index.md": charter(f"Community {k:02d}", extra="stage: concluded\n" if k % 10 == 9 else "")
        for k in range(n)
    }


def test_every_community_is_reachable_from_the_communities_pages(handbook):
    built = handbook(many_communities())
    pages, links = _follow(built, "communities/", "communities/page/")
    assert sorted(pages) == ["communities/", "communities/page/2/"]
    assert {f"http://site/communities/c{k:02d}/" for k in range(60)} <= links
    cards = [[a.get_text() for a in main.select(".copsite-card__title a")] for main in pages.values()]
    assert sorted(len(c) for c in cards) == [10, 50]
    first = pages["communities/"].select_one("[data-copsite-items]")
    assert first["data-copsite-others"] == "page/2/" and first["data-copsite-total"] == "60"
    assert pages["communities/page/2/"].select_one("[data-copsite-items]")["data-copsite-others"] == "../../"

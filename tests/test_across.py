"""Build tier, across communities: resource bank, highlights hub, feeds, calendars, legacy page."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest

from .conftest import build_site, charter, write

pytestmark = pytest.mark.build

ALPHA_PLAN = """\
---
sessions:
  - {date: 2025-11-12, time: '15:30-17:00', title: Reading circles, topics: [Circles, Roles], location: Room 4B, format: hybrid}
  - {date: 2025-12-03, title: Untimed, topics: Books}
  - {date: 2025-11-26, time: '9:00', topics: Short one, cancelled: true}
  - {date: 2026-01-14, time: '9:00', topics: Maybe, tentative: true}
  - {date: 2025-10-01, time: '9:00', topics: Past}
---
"""


def many():
    return {
        "communities/alpha/index.md": charter("Alpha Readers", extra="stage: active\nmeetings: {format: in-person, where: Library}\nfacilitators: [Ann Lee]\nmembers: [{name: Ann Lee, role: core}]\n"),
        "communities/alpha/plan.md": ALPHA_PLAN,
        "communities/alpha/resources.md": (
            "---\nresources:\n"
            "  - {title: Shared guide, url: 'https://guide.example.org/', kind: publication, topics: [Reading], added: 2025-09-01, added_by: Ann Lee}\n"
            "  - {title: Circle sheet, file: files/circle-sheet.txt, kind: template, topics: [Circles]}\n"
            "  - {title: Local librarian, kind: person, description: Visits on Fridays}\n"
            "---\n"
        ),
        "communities/alpha/files/circle-sheet.txt": "Roles: reader, questioner, summariser\n",
        "communities/alpha/highlights/2025-10-01-start.md": "---\ntitle: Alpha starts\nauthors: [Ann Lee]\nlegacy: true\nattendance: 6\n---\nWe started with six readers.\n",
        "communities/alpha/highlights/2025-10-20-draft.md": "---\ntitle: Hidden draft\ndraft: true\nresources:\n  - {title: Draft-only resource, url: 'https://draft.example.org/', kind: tool}\n---\nDRAFT-WORDS-XYZ\n",
        "communities/beta/index.md": charter("Beta Leaders", extra="stage: concluded\n"),
        "communities/beta/plan.md": "---\nsessions:\n  - {date: 2025-10-15, topics: Launch}\n---\n",
        "communities/beta/highlights/2025-10-15-launch.md": (
            "---\ntitle: Beta launch\nsummary: Beta's own summary\nattendance: 10\n"
            "resources:\n  - {title: Shared guide (beta title), url: 'https://guide.example.org/', kind: website, topics: [Leadership]}\n---\n"
            "The body paragraph.\n"
        ),
        "communities/beta/legacy.md": (
            "---\nsuccess: [Every school reports]\noutcomes: [11 schools adopted it]\n"
            "legacy:\n  - {title: Closing party, kind: celebration, date: 2026-06-10}\n"
            "  - {title: Report card, kind: product, date: 2026-03-01, url: 'https://rc.example.org/'}\n---\n"
        ),
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("across")
    from .conftest import mkdocs_yml

    write(root, {"mkdocs.yml": mkdocs_yml("timezone: America/Toronto"), **{f"content/{k}": v for k, v in many().items()}})
    return build_site(root, strict=False)


def test_resource_bank_lists_a_merged_resource_once_with_all_its_sources(built):
    main = built.main("resources/")
    cards = main.select("li.copsite-resource")
    titles = [c.select_one(".copsite-resource__title").get_text(" ", strip=True) for c in cards]
    assert titles == ["Circle sheet Template", "Local librarian Person", "Shared guide Publication"]
    guide = cards[2]
    sources = guide.get_text(" ", strip=True)
    assert "Alpha Readers" in sources and "Beta Leaders" in sources and "Beta launch" in sources
    assert guide["data-community"] == "alpha beta" and guide["data-kind"] == "publication"
    assert guide["data-topic"] == "reading|leadership"
    assert "added Mon, Sep 1, 2025 by Ann Lee" in sources
    assert "Draft-only resource" not in main.get_text()


def test_bank_filter_form_is_hidden_without_javascript_and_lists_facets(built):
    form = built.main("resources/").select_one("form[data-copsite-filter]")
    assert form.has_attr("hidden")
    options = {s["name"]: [o["value"] for o in s.select("option") if o["value"]] for s in form.select("select")}
    assert options == {"kind": ["person", "publication", "template"], "topic": ["circles", "leadership", "reading"], "community": ["alpha", "beta"]}


def test_attachments_are_copied_and_linked(built):
    card = [c for c in built.main("resources/").select("li.copsite-resource") if "Circle sheet" in c.get_text()][0]
    href = card.select_one("a")["href"]
    assert href == "../communities/alpha/files/circle-sheet.txt"
    assert (built.site / "resources" / href).resolve().read_text().startswith("Roles:")


def test_resources_json(built):
    data = json.loads(built.text("resources.json"))
    by_title = {r["title"]: r for r in data["resources"]}
    assert set(by_title) == {"Shared guide", "Circle sheet", "Local librarian"}
    guide = by_title["Shared guide"]
    assert guide["url"] == "https://guide.example.org/" and guide["kind"] == "publication"
    assert [(s["community"], s["highlight"]) for s in guide["sources"]] == [("alpha", None), ("beta", "2025-10-15-launch")]
    assert by_title["Circle sheet"]["file"] == "https://cop.example.org/communities/alpha/files/circle-sheet.txt"


def test_community_resources_page_lists_only_its_own(built):
    titles = [c.select_one("a, strong").get_text() for c in built.main("communities/alpha/resources/").select("li.copsite-resource")]
    assert titles == ["Circle sheet", "Local librarian", "Shared guide"]


def test_highlights_hub_newest_first_with_community_date_authors_summary(built):
    items = built.main("highlights/").select("li.copsite-highlight")
    texts = [i.get_text(" ", strip=True) for i in items]
    assert [i.strong.get_text() for i in items] == ["Beta launch", "Alpha starts"]
    assert "Beta Leaders" in texts[0] and "Wed, Oct 15, 2025" in texts[0] and "Beta's own summary" in texts[0]
    assert "by Ann Lee" in texts[1] and "We started with six readers." in texts[1]
    front = built.main("")
    assert [s.get_text() for s in front.select("li.copsite-highlight strong")] == ["Beta launch", "Alpha starts"]


def test_feeds_are_valid_atom_newest_first_with_absolute_links(built):
    feed = feedparser.parse(built.text("feed.xml"))
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [e.title for e in feed.entries] == ["Beta launch", "Alpha starts"]
    assert feed.entries[0].link == "https://cop.example.org/communities/beta/highlights/2025-10-15-launch/"
    assert feed.entries[0].summary == "Beta's own summary"
    alpha = feedparser.parse(built.text("communities/alpha/feed.xml"))
    assert [e.title for e in alpha.entries] == ["Alpha starts"] and alpha.entries[0].author == "Ann Lee"
    head = built.html("communities/alpha/highlights/").select_one('head link[rel~=alternate][type="application/atom+xml"]')
    assert (built.site / "communities/alpha/highlights" / head["href"]).resolve() == (built.site / "communities/alpha/feed.xml").resolve()
    assert built.html("").select_one('head link[rel~=alternate]')["href"] == "feed.xml"


def _events(text):
    cal = icalendar.Calendar.from_ical(text)
    return cal, {str(e["summary"]): e for e in cal.walk("VEVENT")}


def test_icalendar_has_every_session_in_the_timezone_with_status(built):
    cal, events = _events(built.text("communities/alpha/calendar.ics"))
    assert len(events) == 5
    assert [tz["tzid"] for tz in cal.walk("VTIMEZONE")] == ["America/Toronto"]
    circles = events["Alpha Readers: Reading circles"]
    toronto = ZoneInfo("America/Toronto")
    assert circles.decoded("dtstart") == dt.datetime(2025, 11, 12, 15, 30, tzinfo=toronto)
    assert circles.decoded("dtend") == dt.datetime(2025, 11, 12, 17, 0, tzinfo=toronto)
    assert str(circles["location"]) == "Room 4B" and str(circles["status"]) == "CONFIRMED"
    untimed = events["Alpha Readers: Untimed"]
    assert untimed.decoded("dtstart") == dt.date(2025, 12, 3) and untimed.decoded("dtend") == dt.date(2025, 12, 4)
    assert str(untimed["location"]) == "Library"  # the charter's meetings.where
    short = events["Alpha Readers: Short one"]
    assert str(short["status"]) == "CANCELLED"
    assert short.decoded("dtend") - short.decoded("dtstart") == dt.timedelta(hours=1)
    assert str(events["Alpha Readers: Maybe"]["status"]) == "TENTATIVE"
    _, site_events = _events(built.text("calendar.ics"))
    assert len(site_events) == 6  # both communities


def test_icalendar_uids_are_stable_when_a_session_is_added(tmp_path):
    from .conftest import mkdocs_yml

    files = many()
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), **{f"content/{k}": v for k, v in files.items()}})
    first = build_site(tmp_path, strict=False)
    before = {str(e["summary"]): str(e["uid"]) for e in icalendar.Calendar.from_ical(first.text("calendar.ics")).walk("VEVENT")}
    plan = files["communities/alpha/plan.md"].replace("sessions:\n", "sessions:\n  - {date: 2025-11-05, topics: Inserted first}\n")
    write(tmp_path, {"content/communities/alpha/plan.md": plan})
    second = build_site(tmp_path, strict=False)
    after = {str(e["summary"]): str(e["uid"]) for e in icalendar.Calendar.from_ical(second.text("calendar.ics")).walk("VEVENT")}
    assert {k: after[k] for k in before} == before
    assert len(set(after.values())) == len(after)


def test_calendar_page_lists_upcoming_sessions(built):
    rows = built.main("calendar/").select(".copsite-calendar tbody tr")
    cells = [[td.get_text(" ", strip=True) for td in r.select("td")] for r in rows]
    assert [c[0].split(" Cancelled")[0].split(" Tentative")[0] for c in cells] == ["Wed, Nov 12, 2025", "Wed, Nov 26, 2025", "Wed, Dec 3, 2025", "Wed, Jan 14, 2026"]
    assert cells[0][1:] == ["15:30–17:00", "Alpha Readers", "Hybrid Room 4B", "Reading circles Circles; Roles"]
    assert cells[2][1] == "Time to be announced" and "Cancelled" in cells[1][0] and "Tentative" in cells[3][0]


def test_legacy_page_concluded_first_with_outcomes_items_and_legacy_highlights(built):
    main = built.main("legacy/")
    assert [h.get_text(strip=True).rstrip("¶") for h in main.select("h2")] == ["Beta Leaders", "Alpha Readers"]
    text = main.get_text(" ", strip=True)
    assert text.index("11 schools adopted it") < text.index("Report card") < text.index("Closing party")
    assert "Alpha starts" in text and "6 attendances in all" in text
    beta_home_legacy = built.main("communities/beta/legacy/").get_text(" ", strip=True)
    assert "Every school reports" in beta_home_legacy and "10 attendances in all" in beta_home_legacy


def test_drafts_absent_from_every_output_and_the_search_index(built):
    everything = built.all_output()
    for word in ("DRAFT-WORDS-XYZ", "Hidden draft", "Draft-only resource", "draft.example.org"):
        assert word not in everything
    index = json.loads(built.text("search/search_index.json"))
    assert "Alpha starts" in json.dumps(index) and "Hidden draft" not in json.dumps(index)


def test_feeds_and_calendar_can_be_switched_off(tmp_path):
    from .conftest import mkdocs_yml

    write(tmp_path, {"mkdocs.yml": mkdocs_yml("feeds: false\ncalendar: false"), **{f"content/{k}": v for k, v in many().items()}})
    built = build_site(tmp_path, strict=False)
    for path in ("feed.xml", "calendar.ics", "calendar/index.html", "communities/alpha/feed.xml", "communities/alpha/calendar.ics"):
        assert not (built.site / path).exists(), path
    assert [a.get_text(strip=True) for a in built.html("").select(".md-nav--primary > ul > li > a")] == ["Home", "Highlights", "Resource bank", "Legacy", "Report"]
    assert not built.html("").select('link[rel~=alternate][type="application/atom+xml"]')
    # The rest of the site is there: the plan lists its sessions, without the link to a calendar file.
    plan = built.main("communities/alpha/plan/")
    assert "Reading circles" in plan.get_text(" ", strip=True) and plan.select_one("#session-2025-11-12-1") is not None
    assert [a["href"] for a in plan.select("a")] == ["../", "#session-2025-11-12-1", "../highlights/2025-10-01-start/"]
    assert (built.site / "resources.json").is_file() and (built.site / "communities/alpha/highlights/2025-10-01-start/index.html").is_file()


def test_no_site_url_writes_no_feed_and_says_so_once(tmp_path):
    from .conftest import mkdocs_yml

    write(tmp_path, {"mkdocs.yml": mkdocs_yml(site_url=None), **{f"content/{k}": v for k, v in many().items()}})
    built = build_site(tmp_path, strict=False)
    assert not (built.site / "feed.xml").exists()
    assert built.log.count("feeds need the site's address") == 1

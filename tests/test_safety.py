"""Odd files, odd values and quiet choices (issue 17): no traceback, no lost, replaced or leaked page,
no wrong data without a message naming the file or the option."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest

from .conftest import BuildFailed, charter

PLAN_TIMED = """\
---
sessions:
  - {date: 2025-11-12, title: Circles, topics: Reading, time: '15:30-17:00'}
  - {date: 2025-12-03, title: Untimed, topics: Writing}
---
"""


def _events(text: str):
    return icalendar.Calendar.from_ical(text).walk("VEVENT")


# ------------------------------------------------------------------ 1. UTC+0 time zones


@pytest.mark.parametrize("zone", ["Etc/UTC", "GMT", "Atlantic/Reykjavik"])
def test_a_utc_plus_0_zone_builds_a_calendar_in_utc_times(handbook, zone):
    built = handbook(
        {"communities/a/index.md": charter("Alpha"), "communities/a/plan.md": PLAN_TIMED},
        options=f"timezone: {zone}",
    )
    text = built.text("communities/a/calendar.ics")
    assert "BEGIN:VTIMEZONE" not in text and "TZID=" not in text  # no TZID without its VTIMEZONE (RFC 5545)
    circles = next(e for e in _events(text) if "Circles" in str(e["summary"]))
    assert circles.decoded("dtstart") == dt.datetime(2025, 11, 12, 15, 30, tzinfo=dt.timezone.utc)
    assert "DTSTART:20251112T153000Z" in text


def test_a_zone_with_transitions_keeps_its_vtimezone(handbook):
    built = handbook(
        {"communities/a/index.md": charter("Alpha"), "communities/a/plan.md": PLAN_TIMED},
        options="timezone: Europe/London",
    )
    text = built.text("calendar.ics")
    assert "TZID:Europe/London" in text and "DTSTART;TZID=Europe/London:20251112T153000" in text


# ------------------------------------------------------------------ 13, 18, 20. calendars and plans


def test_a_community_without_sessions_has_no_calendar_and_says_none_is_planned(handbook):
    built = handbook(
        {
            "communities/a/index.md": charter("Alpha"),
            "communities/a/plan.md": "---\nsessions: []\n---\n",
            "communities/b/index.md": charter("Beta"),
            "communities/b/plan.md": PLAN_TIMED,
        }
    )
    assert not (built.site / "communities/a/calendar.ics").exists()
    plan = built.main("communities/a/plan/")
    assert "No session is planned yet." in plan.get_text(" ", strip=True)
    assert not plan.select("a[href$='.ics']") and not plan.select("table")
    assert len(_events(built.text("calendar.ics"))) == 2


def test_no_session_anywhere_writes_no_empty_calendar(handbook):
    built = handbook({"communities/a/index.md": charter("Alpha")})
    assert not (built.site / "calendar.ics").exists()
    assert not built.main("calendar/").select("a[href$='.ics']")


def test_uids_are_unique_within_a_handbook(handbook):
    plan = """\
---
sessions:
  - {date: 2025-11-12, topics: One}
  - {date: 2025-11-12, topics: Two, id: '2'}
  - {date: 2025-11-12, topics: Three}
---
"""
    built = handbook({"communities/a/index.md": charter("Alpha"), "communities/a/plan.md": plan})
    uids = [str(e["uid"]) for e in _events(built.text("calendar.ics"))]
    assert len(uids) == 3 and len(set(uids)) == 3


def test_uids_differ_between_two_handbooks_on_one_host(handbook, tmp_path):
    files = {"communities/a/index.md": charter("Alpha"), "communities/a/plan.md": PLAN_TIMED}
    first = {str(e["uid"]) for e in _events(handbook(files, site_url="https://org.github.io/a/").text("calendar.ics"))}
    second = {str(e["uid"]) for e in _events(handbook(files, site_url="https://org.github.io/b/").text("calendar.ics"))}
    assert first and not first & second


def test_the_plan_links_every_highlight_of_a_session(handbook):
    built = handbook(
        {
            "communities/a/index.md": charter("Alpha"),
            "communities/a/plan.md": PLAN_TIMED,
            "communities/a/highlights/2025-11-12-morning.md": "---\ntitle: Morning notes\n---\nA.\n",
            "communities/a/highlights/2025-11-12-evening.md": "---\ntitle: Evening notes\n---\nB.\n",
        }
    )
    links = [a.get_text() for a in built.main("communities/a/plan/").select("a[href*='highlights/']")]
    assert "Highlights: Morning notes" in links and "Highlights: Evening notes" in links

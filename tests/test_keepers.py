"""Issue 9: what a new handbook's keepers trip over, each as its reader or keeper sees it."""

from __future__ import annotations

import datetime as dt

import pytest

from .conftest import charter

PURPOSE_STOPS = """\
---
title: Readers
purpose:
  audience: grade 3 teachers.
  interest: reading.
  learning_goal: teach reading in our classrooms.
---
Hello.
"""


def test_a_purpose_part_ending_in_a_full_stop_reads_with_one_stop(handbook):
    built = handbook({"communities/a/index.md": PURPOSE_STOPS}, strict=False)
    assert "ends with a full stop" in built.log
    expected = (
        "This community of practice is intended for grade 3 teachers who share an interest in reading "
        "and commit to learning together how best to teach reading in our classrooms."
    )
    assert built.main("communities/a/").select_one(".copsite-purpose").get_text() == expected
    assert built.main("communities/").select_one(".copsite-card .copsite-purpose").get_text() == expected
    assert ".." not in built.main("communities/a/").get_text()


def test_a_virtual_session_takes_no_default_location(handbook):
    files = {
        "communities/a/index.md": charter(extra="meetings: {format: in-person, where: Lakeview Elementary library}\n"),
        "communities/a/plan.md": "---\nsessions:\n"
        "  - {date: 2025-11-05, topics: online, format: virtual, link: 'https://meet.example.org/x'}\n"
        "  - {date: 2025-11-12, topics: at school}\n---\n",
    }
    built = handbook(files)
    rows = built.main("communities/a/plan/").select("tbody tr")
    assert "Virtual" in rows[0].get_text() and "Lakeview" not in rows[0].get_text()
    assert "Lakeview Elementary library" in rows[1].get_text()
    assert "Lakeview" not in built.main("communities/a/").select_one(".copsite-next").get_text()
    ics = built.text("communities/a/calendar.ics")
    assert ics.count("LOCATION:") == 1


def test_a_tentative_next_session_is_shown_as_next_marked_tentative(handbook):
    files = {
        "communities/a/index.md": charter(),
        "communities/a/plan.md": "---\nsessions:\n  - {date: 2025-11-05, title: Launch, topics: launch, tentative: true}\n---\n",
    }
    built = handbook(files)
    home = built.main("communities/a/")
    line = home.select_one(".copsite-next").get_text()
    assert "Wed 5 Nov 2025" in line and "Tentative" in line
    assert "Next session: Wed 5 Nov 2025 (tentative)" in home.select_one(".copsite-status").get_text()
    card = built.main("communities/").select_one(".copsite-card").get_text()
    assert "Next session: Wed 5 Nov 2025" in card and "Tentative" in card


@pytest.mark.parametrize("today", [dt.date(2025, 11, d) for d in range(1, 8)])
def test_init_plans_the_first_session_on_a_wednesday(today):
    from copsite.cli import first_session

    day = first_session(today)
    assert day.weekday() == 2 and 14 <= (day - today).days < 21

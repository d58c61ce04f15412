"""Unit tier: the views, pure functions over a handbook read from tmp_path."""

from __future__ import annotations

import datetime as dt

import pytest

from copsite.model import views
from copsite.model.options import make_options
from copsite.content.reader import read_handbook

from .conftest import charter, write

pytestmark = pytest.mark.unit

PLAN = """---
sessions:
  - {date: 2025-11-05, time: '15:00', topics: later same day}
  - {date: 2025-10-01, topics: past}
  - {date: 2025-11-05, topics: untimed same day}
  - {date: 2025-11-05, time: '9:00-10:00', topics: morning}
  - {date: 2025-11-01, topics: cancelled today, cancelled: true}
  - {date: 2025-11-02, topics: tentative, tentative: true}
  - {date: 2025-11-01, topics: today}
---
"""


def load(tmp_path, files, **opts):
    write(tmp_path, files)
    handbook, problems = read_handbook(tmp_path, make_options(today=opts.pop("today", "2025-11-01"), **opts))
    assert not problems.errors, [str(p) for p in problems]
    return handbook, problems


def test_plan_sorted_by_date_time_then_file_order_and_today_is_next(tmp_path):
    hb, _ = load(tmp_path, {"communities/a/index.md": charter(), "communities/a/plan.md": PLAN})
    rows = views.plan_rows(hb.communities[0], dt.date(2025, 11, 1))
    assert [r.session.topics[0] for r in rows] == [
        "past", "cancelled today", "today", "tentative", "untimed same day", "morning", "later same day",
    ]
    assert [r.status for r in rows] == ["past", "cancelled", "next", "tentative", "upcoming", "upcoming", "upcoming"]


def test_tentative_is_never_next_and_no_next_after_the_last_session(tmp_path):
    hb, _ = load(tmp_path, {"communities/a/index.md": charter(), "communities/a/plan.md": PLAN})
    c = hb.communities[0]
    assert views.next_session(c, dt.date(2025, 11, 2)).session.topics == ["untimed same day"]
    assert views.next_session(c, dt.date(2025, 11, 6)) is None


def _resources(entries: str) -> str:
    return f"---\nresources:\n{entries}---\n"


def test_resource_bank_merges_by_url_with_earliest_added_and_all_sources(tmp_path):
    files = {
        "communities/a/index.md": charter("A"),
        "communities/a/resources.md": _resources(
            "  - {title: Late title, kind: tool, url: 'https://x.org/r', topics: [one], added: 2025-06-01}\n"
            "  - {title: Printed book, kind: publication}\n"
            "  - {title: Sheet, kind: template, file: files/s.txt}\n"
        ),
        "communities/a/files/s.txt": "x",
        "communities/b/index.md": charter("B"),
        "communities/b/highlights/2025-03-01-met.md": (
            "---\ntitle: Met\nresources:\n  - {title: Early title, kind: tool, url: ' https://x.org/r ', topics: [Two, ONE]}\n"
            "  - {title: Sheet, kind: template, file: files/s.txt}\n---\n"
        ),
        "communities/b/files/s.txt": "y",
        "communities/b/highlights/2025-04-01-draft.md": "---\ntitle: D\ndraft: true\nresources:\n  - {title: Secret, kind: tool, url: 'https://secret.org'}\n---\n",
    }
    hb, problems = load(tmp_path, files)
    bank = hb.bank
    titles = [e.title for e in bank]
    assert titles == ["Early title", "Printed book", "Sheet", "Sheet"]  # files never merged; drafts never published
    merged = bank[0]
    assert merged.url == "https://x.org/r"
    assert merged.topics == ["Two", "ONE"]  # union, first spelling kept
    assert merged.added == dt.date(2025, 3, 1)  # the highlight's date
    assert [(s.community.slug, s.highlight.name if s.highlight else None) for s in merged.sources] == [
        ("b", "2025-03-01-met"),
        ("a", None),
    ]
    assert [p.severity.value for p in problems] == ["warning"]  # another title for the same url


def test_bank_ties_broken_by_reading_order(tmp_path):
    files = {
        "communities/b/index.md": charter("B"),
        "communities/b/resources.md": _resources("  - {title: From B, kind: tool, url: 'https://x.org'}\n"),
        "communities/a/index.md": charter("A"),
        "communities/a/resources.md": _resources("  - {title: From A, kind: video, url: 'https://x.org'}\n"),
    }
    hb, _ = load(tmp_path, files)
    assert [(e.title, e.kind) for e in hb.bank] == [("From A", "video")]  # communities by slug


def test_legacy_concluded_first_items_by_kind_then_date(tmp_path):
    legacy = (
        "---\noutcomes: [Done]\nlegacy:\n"
        "  - {title: Party, kind: celebration, date: 2025-01-01}\n"
        "  - {title: Later product, kind: product, date: 2025-05-01}\n"
        "  - {title: Early product, kind: product, date: 2025-02-01}\n---\n"
    )
    files = {
        "communities/a/index.md": charter("Alpha"),
        "communities/z/index.md": charter("Zeta", extra="stage: concluded\n"),
        "communities/z/legacy.md": legacy,
        "communities/z/highlights/2025-01-01-party.md": "---\ntitle: Party\nlegacy: true\nattendance: 9\n---\n",
        "communities/z/highlights/2025-02-01-other.md": "---\ntitle: Other\nattendance: 4\n---\n",
    }
    hb, _ = load(tmp_path, files)
    vs = views.legacy_views(hb)
    assert [v.community.slug for v in vs] == ["z", "a"]
    z = vs[0]
    assert [i.title for i in z.items] == ["Early product", "Later product", "Party"]
    assert [h.meta.title for h in z.highlights] == ["Party"]
    assert z.total_attendance == 13 and vs[1].is_empty


def test_norms_coverage_lists_open_areas_in_the_guides_order(tmp_path):
    files = {
        "communities/a/index.md": charter(),
        "communities/a/norms.md": "---\nnorms:\n  - {text: Talk, covers: [voice, decisions]}\n  - Plain norm\n---\n",
    }
    hb, _ = load(tmp_path, files)
    cov = views.norms_coverage(hb.communities[0].norms)
    assert list(cov.covered) == ["voice", "decisions"]
    assert cov.open == ["focus", "conflict", "resources", "membership", "completion"]
    empty = views.norms_coverage(None)
    assert empty.open == list(views.schema.NORM_AREAS)


def test_upcoming_spans_communities_in_time_order(tmp_path):
    files = {
        "communities/a/index.md": charter("A"),
        "communities/a/plan.md": "---\nsessions:\n  - {date: 2025-11-03, time: '10:00', topics: a2}\n  - {date: 2025-10-03, topics: old}\n---\n",
        "communities/b/index.md": charter("B"),
        "communities/b/plan.md": "---\nsessions:\n  - {date: 2025-11-03, time: '9:00', topics: b1}\n  - {date: 2025-11-02, topics: b0}\n---\n",
    }
    hb, _ = load(tmp_path, files)
    assert [r.session.topics[0] for r in views.upcoming(hb, dt.date(2025, 11, 1))] == ["b0", "b1", "a2"]

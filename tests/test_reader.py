"""Unit tier: the front-matter loader, the schema and the reader, rule by rule."""

from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from copsite.model.frontmatter import FrontMatterError, decode, read_text
from copsite.model.options import OptionError, make_options, resolve_today
from copsite.model.text import first_paragraph
from copsite.content.reader import read_handbook

from .conftest import charter, write

pytestmark = pytest.mark.unit

OPTS = make_options(today="2025-11-01")


def read(tmp_path, files, options=OPTS):
    write(tmp_path, files)
    return read_handbook(tmp_path, options)


def messages(problems):
    return [str(p) for p in problems]


def only(problems, severity="error"):
    return [p for p in problems if p.severity.value == severity]


# ------------------------------------------------------------------ the YAML a person means


def test_times_stay_text_and_only_true_false_are_booleans():
    data = read_text("---\ntime: 10:30\nno: No\non: on\nyes: true\nn: 007\nv: 1.10\n---\n").data
    assert data == {"time": "10:30", "no": "No", "on": "on", "yes": True, "n": "007", "v": 1.1}
    assert data["v"].source == "1.10"


def test_dates_are_dates_and_near_dates_stay_text():
    data = read_text("---\na: 2025-10-05\nb: 2025-10-5\nc: 2025-02-30\n---\n").data
    assert data == {"a": dt.date(2025, 10, 5), "b": "2025-10-5", "c": "2025-02-30"}


def test_lines_are_kept_for_keys_and_items():
    data = read_text("---\ntitle: x\nlist:\n  - a\n  - b\n---\nbody").data
    assert data.lines == {"title": 2, "list": 3}
    assert data["list"].lines == [4, 5]


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("---\ntitle: Planning: term 2\n---\n", 2, "put this value in quotes"),
        ('---\ntitle: "Hello" world\n---\n', 2, "put this value in quotes"),
        ("---\na:\n\t- b\n---\n", 3, "tab"),
        ("---\na: &x [1]\nb: *x\n---\n", None, "aliases"),
        ("---\na: !!python/object:os.system x\n---\n", 2, "!!python/object"),
        ("---\ntitle: x\n", 1, "no closing '---'"),
    ],
)
def test_yaml_errors_point_at_the_line_and_say_what_to_do(text, line, words):
    with pytest.raises(FrontMatterError) as err:
        read_text(text)
    assert words in err.value.message
    if line is not None:
        assert err.value.line == line


def test_bom_and_crlf_are_read_and_latin1_is_refused():
    assert read_text(decode("\ufeff---\r\ntitle: x\r\n---\r\nbody\r\n".encode())).data == {"title": "x"}
    with pytest.raises(FrontMatterError, match="not UTF-8"):
        decode("---\ntitle: café\n---\n".encode("latin-1"))


def test_duplicate_keys_are_recorded():
    assert read_text("---\ntitle: a\ntitle: b\n---\n").duplicates == [("title", 2, 3)]


# ------------------------------------------------------------------ the charter


def test_a_valid_charter_reads_with_defaults(tmp_path):
    hb, problems = read(tmp_path, {"communities/readers/index.md": charter()})
    assert messages(problems) == []
    c = hb.communities[0]
    assert (c.slug, c.title, c.charter.stage) == ("readers", "Readers", "active")


def test_missing_purpose_part_is_an_error_with_key_and_line(tmp_path):
    text = "---\ntitle: R\npurpose:\n  audience: teachers\n  interest: reading\n---\n"
    _, problems = read(tmp_path, {"communities/readers/index.md": text})
    (p,) = problems
    assert (p.file, p.key, p.line) == ("communities/readers/index.md", "purpose.learning_goal", 3)
    assert "required" in p.message


def test_closed_choice_ignores_case_and_lists_allowed_values_with_a_suggestion(tmp_path):
    ok = charter(extra="stage: Forming\nmeetings:\n  format: In Person\n")
    hb, problems = read(tmp_path, {"communities/a/index.md": ok})
    assert not problems.items
    assert hb.communities[0].charter.meetings.format == "in-person"
    bad = charter(extra="stage: activ\n")
    _, problems = read(tmp_path, {"communities/a/index.md": bad})
    (p,) = problems
    assert p.key == "stage" and p.line == 7
    assert "forming, active, paused, concluded" in p.message and "did you mean 'active'" in p.message


def test_unknown_key_is_a_warning_suggesting_the_nearest(tmp_path):
    _, problems = read(tmp_path, {"communities/a/index.md": charter(extra="sumary: hi\nextra:\n  mine: 1\n")})
    (p,) = problems
    assert p.severity.value == "warning" and p.key == "sumary" and "did you mean 'summary'" in p.message


def test_nested_unknown_keys_are_found_with_their_path(tmp_path):
    _, problems = read(tmp_path, {"communities/a/index.md": charter(extra="members:\n  - name: A\n    role: core\n    rol: x\n")})
    (p,) = problems
    assert p.key == "members[0].rol" and p.line == 10


def test_single_text_is_a_one_item_list_and_never_split_on_commas(tmp_path):
    hb, problems = read(tmp_path, {"communities/a/index.md": charter(extra="facilitators: Ann, Bob\nmembers:\n  - {name: 'Ann, Bob', role: core}\n")})
    assert not problems.items
    assert hb.communities[0].charter.facilitators == ["Ann, Bob"]


def test_facilitator_not_in_members_is_a_warning(tmp_path):
    _, problems = read(tmp_path, {"communities/a/index.md": charter(extra="facilitators: [Zoe]\nmembers:\n  - {name: Ann, role: core}\n")})
    (p,) = problems
    assert p.severity.value == "warning" and p.key == "facilitators[0]" and "Zoe" in p.message


def test_purpose_parts_that_end_with_a_stop_or_repeat_the_sentence_warn(tmp_path):
    text = "---\ntitle: R\npurpose:\n  audience: This community is for teachers\n  interest: reading.\n  learning_goal: how best to teach\n---\n"
    _, problems = read(tmp_path, {"communities/a/index.md": text})
    keys = sorted(p.key for p in problems)
    assert keys == ["purpose.audience", "purpose.interest", "purpose.learning_goal"]
    assert all(p.severity.value == "warning" for p in problems)


def test_contact_and_urls_refuse_other_schemes(tmp_path):
    text = charter(extra="contact: javascript:alert(1)\nchannels:\n  - {title: x, url: 'data:text/html,hi'}\n")
    _, problems = read(tmp_path, {"communities/a/index.md": text})
    assert sorted(p.key for p in problems) == ["channels[0].url", "contact"]
    assert all(p.is_error for p in problems)
    assert "mailto:, https:" in [p for p in problems if p.key == "contact"][0].message


def test_bad_community_folder_name_suggests_a_slug(tmp_path):
    _, problems = read(tmp_path, {"communities/École Nord/index.md": charter()})
    (p,) = problems
    assert "'ecole-nord'" in p.message


def test_community_folder_without_charter_is_an_error(tmp_path):
    _, problems = read(tmp_path, {"communities/a/plan.md": "---\nsessions: []\n---\n"})
    assert "needs index.md" in problems.items[0].message


@pytest.mark.parametrize(
    "path",
    ["highlights.md", "resources/x.md", "legacy.md", "calendar.md", "feed.xml", "communities/a/highlights.md", "communities/a/highlights/index.md", "communities/a/calendar.md", "communities/a/feed.xml"],
)
def test_reserved_names_are_errors(tmp_path, path):
    _, problems = read(tmp_path, {"communities/a/index.md": charter(), path: "---\ntitle: x\n---\n"})
    assert any("copsite keeps" in p.message for p in problems.errors), messages(problems)


def test_empty_file_and_no_front_matter_charter_are_errors_not_exceptions(tmp_path):
    _, problems = read(tmp_path, {"communities/a/index.md": "", "communities/b/index.md": "# Just a heading\n"})
    assert len(problems.errors) == 2
    assert all("front matter" in p.message for p in problems.errors)


def test_front_matter_that_is_a_list_is_an_error(tmp_path):
    _, problems = read(tmp_path, {"communities/a/index.md": "---\n- a\n- b\n---\n"})
    assert "not a list" in problems.errors[0].message


# ------------------------------------------------------------------ norms and plan


def test_norms_accept_text_and_objects_and_suggest_quotes_for_a_colon(tmp_path):
    files = {
        "communities/a/index.md": charter(),
        "communities/a/norms.md": "---\nnorms:\n  - Be kind\n  - text: Decide together\n    covers: [Decisions, voice]\n  - Decisions: by consensus\n---\n",
    }
    hb, problems = read(tmp_path, files)
    (p,) = problems
    assert p.key == "norms[2]" and p.line == 6 and "put this value in quotes" in p.message
    assert "Decisions: by consensus" in p.message


def test_norms_may_be_empty_but_not_missing(tmp_path):
    hb, problems = read(tmp_path, {"communities/a/index.md": charter(), "communities/a/norms.md": "---\nnorms:\n---\n"})
    assert not problems.items and hb.communities[0].norms.norms == []
    _, problems = read(tmp_path, {"communities/a/norms.md": "---\nagreed: 2025-01-01\n---\n"})
    assert problems.errors[0].key == "norms"


def test_norm_area_unknown_lists_the_seven(tmp_path):
    _, problems = read(tmp_path, {"communities/a/index.md": charter(), "communities/a/norms.md": "---\nnorms:\n  - {text: x, covers: [voise]}\n---\n"})
    (p,) = problems
    assert p.key == "norms[0].covers[0]" and "did you mean 'voice'" in p.message
    assert "voice, focus, conflict, decisions, resources, membership, completion" in p.message


PLAN = "---\nsessions:\n{}---\n"


@pytest.mark.parametrize(
    "session, key, words",
    [
        ("  - {date: 2025-10-5, topics: x}\n", "sessions[0].date", "2025-10-05"),
        ("  - {date: 2025-02-30, topics: x}\n", "sessions[0].date", "not a date in the calendar"),
        ("  - {date: 2025-10-05}\n", "sessions[0].topics", "required"),
        ("  - {date: 2025-10-05, topics: x, time: 25:00}\n", "sessions[0].time", "not a time of day"),
        ("  - {date: 2025-10-05, topics: x, time: '10:00-9:00'}\n", "sessions[0].time", "ends"),
        ("  - {date: 2025-10-05, topics: x, time: 10}\n", "sessions[0].time", "10:30"),
        ("  - {date: 2025-10-05, topics: x, link: 'http://x.org'}\n", "sessions[0].link", "https:"),
        ("  - {date: 2025-10-05, topics: x, mandatory: yes}\n", "sessions[0].mandatory", "true or false"),
        ("  - {date: 2025-10-05, topics: x, id: Term One}\n", "sessions[0].id", "'term-one'"),
        ("  - {date: 2025-10-05, topics: x, format: zoom}\n", "sessions[0].format", "in-person, virtual, hybrid"),
    ],
)
def test_session_rules(tmp_path, session, key, words):
    _, problems = read(tmp_path, {"communities/a/index.md": charter(), "communities/a/plan.md": PLAN.format(session)})
    assert [p.key for p in problems.errors] == [key], messages(problems)
    assert words in problems.errors[0].message
    assert problems.errors[0].line == 3


def test_time_accepts_en_dash_and_duplicate_ids_are_errors(tmp_path):
    plan = PLAN.format("  - {date: 2025-10-05, topics: x, time: '9:00–10:30', id: a}\n  - {date: 2025-10-06, topics: y, id: a}\n")
    hb, problems = read(tmp_path, {"communities/a/index.md": charter(), "communities/a/plan.md": plan})
    assert [p.key for p in problems] == ["sessions[1].id"]
    assert hb.communities[0].sessions[0].time == (dt.time(9), dt.time(10, 30))


# ------------------------------------------------------------------ highlights, resources, legacy


def _hl(meta: str, body: str = "What happened.") -> str:
    return f"---\ntitle: Met\n{meta}---\n{body}\n"


def test_highlight_links_to_the_session_on_its_date(tmp_path):
    files = {
        "communities/a/index.md": charter(),
        "communities/a/plan.md": PLAN.format("  - {date: 2025-10-05, topics: x}\n"),
        "communities/a/highlights/2025-10-05-met.md": _hl(""),
    }
    hb, problems = read(tmp_path, files)
    assert not problems.items
    assert hb.communities[0].highlights[0].session is hb.communities[0].sessions[0]


@pytest.mark.parametrize(
    "name, meta, words",
    [
        ("2025-10-05-met.md", "session: nope\n", "no session in the plan has the id 'nope'"),
        ("2025-10-05-met.md", "session: 2025-10-09\n", "no session in the plan is on 2025-10-09"),
        ("2025-10-06-met.md", "", "say which one"),
        ("2025-10-05-met.md", "date: 2025-10-04\n", "does not agree"),
        ("met.md", "", "YYYY-MM-DD-slug.md"),
        ("2025-10-05-Met Up.md", "", "'met-up'"),
        ("2025-13-05-met.md", "", "not a date in the calendar"),
        ("2025-10-05-met.md", "attendance: many\n", "whole number"),
    ],
)
def test_highlight_rules(tmp_path, name, meta, words):
    files = {
        "communities/a/index.md": charter(),
        "communities/a/plan.md": PLAN.format("  - {date: 2025-10-05, topics: x}\n  - {date: 2025-10-06, topics: y, id: one}\n  - {date: 2025-10-06, topics: z, id: two}\n"),
        f"communities/a/highlights/{name}": _hl(meta),
    }
    _, problems = read(tmp_path, files)
    assert len(problems.errors) == 1 and words in problems.errors[0].message, messages(problems)


def test_highlight_summary_defaults_to_the_first_paragraph():
    body = "# Heading\n\nWe **met** at [the school](x.md) and\ntalked.\n\nMore."
    assert first_paragraph(body) == "We met at the school and talked."
    long = first_paragraph("\n  \n- a list\n\n" + "word " * 100 + "\n")
    assert long.startswith("word word") and long.endswith("word…") and len(long) <= 280
    assert first_paragraph(" " * 200_000 + "\n" + "x" * 10) == "x" * 10  # no quadratic backtracking


def test_resource_rules(tmp_path):
    res = (
        "---\nresources:\n"
        "  - {title: A, kind: vidio, url: 'https://a.org'}\n"
        "  - {title: B, kind: video, url: 'https://b.org', file: files/b.pdf}\n"
        "  - {title: C, kind: tool, file: ../../secret.txt}\n"
        "  - {title: D, kind: tool, file: files/missing.pdf}\n"
        "  - {title: E, kind: person}\n"
        "---\n"
    )
    _, problems = read(tmp_path, {"communities/a/index.md": charter(), "communities/a/resources.md": res})
    got = {p.key: p.message for p in problems}
    assert set(got) == {"resources[0].kind", "resources[1]", "resources[1].file", "resources[2].file", "resources[3].file"}, got
    assert "did you mean 'video'" in got["resources[0].kind"]
    assert "not both" in got["resources[1]"]
    assert "'..'" in got["resources[2].file"]
    assert "does not exist" in got["resources[3].file"]


def test_file_that_reaches_outside_through_a_link_is_an_error(tmp_path):
    (tmp_path / "outside.txt").write_text("secret")
    write(tmp_path, {"communities/a/index.md": charter(), "communities/a/resources.md": "---\nresources:\n  - {title: X, kind: tool, file: files/x.txt}\n---\n"})
    (tmp_path / "communities/a/files").mkdir()
    os.symlink(tmp_path / "outside.txt", tmp_path / "communities/a/files/x.txt")
    _, problems = read_handbook(tmp_path, OPTS)
    assert "outside the community folder" in problems.errors[0].message


def test_legacy_item_kind_is_required(tmp_path):
    _, problems = read(tmp_path, {"communities/a/index.md": charter(), "communities/a/legacy.md": "---\nlegacy:\n  - {title: X}\n---\n"})
    assert [p.key for p in problems] == ["legacy[0].kind"]


def test_same_url_with_another_title_warns(tmp_path):
    files = {
        "communities/a/index.md": charter(),
        "communities/a/resources.md": "---\nresources:\n  - {title: One, kind: tool, url: 'https://x.org'}\n---\n",
        "communities/b/index.md": charter("B"),
        "communities/b/resources.md": "---\nresources:\n  - {title: Two, kind: tool, url: 'https://x.org'}\n---\n",
    }
    _, problems = read(tmp_path, files)
    (p,) = problems
    assert p.severity.value == "warning" and "another title" in p.message and p.file == "communities/b/resources.md"


# ------------------------------------------------------------------ options


def _clock_dates(hours_from_utc: int, call):
    """What `call` answers, and the dates the C library's clock gives around it at a fixed offset from UTC
    (two when midnight falls during the call): a reading independent of `datetime.now`."""
    before = time.gmtime(time.time() + hours_from_utc * 3600)[:3]
    answer = call()
    after = time.gmtime(time.time() + hours_from_utc * 3600)[:3]
    return answer, {dt.date(*before), dt.date(*after)}


def test_today_comes_from_the_option_then_source_date_epoch_then_the_clock(monkeypatch):
    epoch = {"SOURCE_DATE_EPOCH": "1700000000"}  # 22:13 UTC on 14 Nov 2023: already the 15th in Auckland
    # The option first, even with SOURCE_DATE_EPOCH set.
    assert resolve_today("2025-01-02", "UTC", {}) == dt.date(2025, 1, 2)
    assert resolve_today("2025-01-02", "UTC", epoch) == dt.date(2025, 1, 2)
    assert resolve_today(dt.date(2024, 2, 29), "Pacific/Auckland", epoch) == dt.date(2024, 2, 29)
    # Then SOURCE_DATE_EPOCH, in the site's time zone, from the environment by default.
    assert resolve_today(None, "UTC", epoch) == dt.date(2023, 11, 14)
    assert resolve_today("", "UTC", epoch) == dt.date(2023, 11, 14)
    assert resolve_today(None, "Pacific/Auckland", epoch) == dt.date(2023, 11, 15)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert resolve_today(None, "Pacific/Auckland") == dt.date(2023, 11, 15)
    # Then the clock, in the site's time zone: Kiritimati (UTC+14) and Pago Pago (UTC-11), neither with
    # summer time, are 25 hours apart, so never on the same date; the machine's own zone is neither.
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    east, east_dates = _clock_dates(14, lambda: resolve_today(None, "Pacific/Kiritimati"))
    west, west_dates = _clock_dates(-11, lambda: resolve_today(None, "Pacific/Pago_Pago", {}))
    utc, utc_dates = _clock_dates(0, lambda: resolve_today(None, "UTC", {"SOURCE_DATE_EPOCH": " "}))
    assert east in east_dates and west in west_dates and utc in utc_dates
    assert east != west and east > dt.date(2023, 11, 15)


@pytest.mark.parametrize("kwargs, words", [({"timezone": "Mars/Base"}, "IANA"), ({"today": "soon"}, "YYYY-MM-DD"), ({"communities_dir": "../x"}, "communities_dir")])
def test_bad_options_name_the_option(kwargs, words):
    with pytest.raises(OptionError, match=words):
        make_options(**kwargs)

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


@pytest.mark.build
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


@pytest.mark.build
def test_a_zone_with_transitions_keeps_its_vtimezone(handbook):
    built = handbook(
        {"communities/a/index.md": charter("Alpha"), "communities/a/plan.md": PLAN_TIMED},
        options="timezone: Europe/London",
    )
    text = built.text("calendar.ics")
    assert "TZID:Europe/London" in text and "DTSTART;TZID=Europe/London:20251112T153000" in text


# ------------------------------------------------------------------ 13, 18, 20. calendars and plans


@pytest.mark.build
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


@pytest.mark.build
def test_no_session_anywhere_writes_no_empty_calendar(handbook):
    built = handbook({"communities/a/index.md": charter("Alpha")})
    assert not (built.site / "calendar.ics").exists()
    assert not built.main("calendar/").select("a[href$='.ics']")


@pytest.mark.build
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


@pytest.mark.build
def test_uids_differ_between_two_handbooks_on_one_host(handbook, tmp_path):
    files = {"communities/a/index.md": charter("Alpha"), "communities/a/plan.md": PLAN_TIMED}
    first = {str(e["uid"]) for e in _events(handbook(files, site_url="https://org.github.io/a/").text("calendar.ics"))}
    second = {str(e["uid"]) for e in _events(handbook(files, site_url="https://org.github.io/b/").text("calendar.ics"))}
    assert first and not first & second


@pytest.mark.build
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


# ------------------------------------------------------------------ 2, 3. values a site cannot hold


def _fails(handbook, files, **kw) -> str:
    with pytest.raises(BuildFailed) as err:
        handbook(files, **kw)
    assert "Traceback" not in err.value.log
    return err.value.log


@pytest.mark.build
def test_control_characters_in_front_matter_are_refused_with_file_key_and_line(handbook):
    log = _fails(
        handbook,
        {
            "communities/a/index.md": charter("Alpha"),
            "communities/a/highlights/2025-10-01-board.md": '---\ntitle: "Minutes in G:\\board\\agenda"\n---\nText.\n',
        },
    )
    assert "content/communities/a/highlights/2025-10-01-board.md:2: title: holds an invisible control character (U+0008, backspace)" in log
    assert "single quotes" in log


@pytest.mark.build
def test_a_control_character_in_a_body_is_refused_with_its_line(handbook):
    log = _fails(
        handbook,
        {
            "communities/a/index.md": charter("Alpha"),
            "communities/a/highlights/2025-10-01-notes.md": "---\ntitle: Notes\n---\nFirst line.\nPasted\x08 here.\n",
        },
    )
    assert "content/communities/a/highlights/2025-10-01-notes.md:5: the text holds an invisible control character" in log


@pytest.mark.build
def test_a_session_dated_9999_is_not_a_real_date(handbook):
    plan = "---\nsessions:\n  - {date: 2025-11-12, topics: Real}\n  - {date: 9999-12-31, topics: To be decided}\n---\n"
    log = _fails(handbook, {"communities/a/index.md": charter("Alpha"), "communities/a/plan.md": plan})
    assert "content/communities/a/plan.md:4: sessions[1].date: 9999-12-31 is not a real date" in log
    assert "tentative: true" in log


# ------------------------------------------------------------------ 4, 10. symbolic links


def _link(root, rel, target):
    path = root / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.symlink_to(target)


@pytest.mark.build
def test_a_symbolic_link_loop_is_an_error_not_a_traceback(handbook, tmp_path):
    _link(tmp_path, "communities/a/files/loop", "loop")
    _link(tmp_path, "communities/a/files/up", "..")
    log = _fails(handbook, {"communities/a/index.md": charter("Alpha")})
    assert "content/communities/a/files/loop: is a symbolic link that leads back to itself (a loop)" in log
    assert "content/communities/a/files/up: is a symbolic link to a folder that holds it (a loop)" in log
    result = _check(tmp_path)  # check sees the same tree: not "ready to publish"
    assert result.returncode == 1 and "is a symbolic link that leads back to itself" in result.stdout


@pytest.mark.build
def test_a_symbolic_link_out_of_the_handbook_is_refused_and_nothing_leaks(handbook, tmp_path):
    records = tmp_path / "records"
    records.mkdir()
    (records / "salaries.txt").write_text("PRIVATE-RECORD")
    _link(tmp_path, "communities/a/files/shared", records)
    _link(tmp_path, "passwd.txt", records / "salaries.txt")
    log = _fails(handbook, {"communities/a/index.md": charter("Alpha")})
    assert "content/communities/a/files/shared: is a symbolic link that leads outside the handbook" in log
    assert "content/passwd.txt: is a symbolic link that leads outside the handbook" in log
    site = tmp_path / "site"
    assert not site.exists() or "PRIVATE-RECORD" not in "".join(
        p.read_text(errors="replace") for p in site.rglob("*") if p.is_file()
    )


# ------------------------------------------------------------------ 6, 7, 8, 9. pages replaced, lost or leaked


@pytest.mark.build
@pytest.mark.parametrize(
    "rel, words",
    [
        ("communities/a/plan/index.md", "/communities/a/plan/, which is copsite's address for the collaborative plan page"),
        ("communities.md", "/communities/, which is copsite's address for the communities page"),
        ("Resources.md", "/resources/, which is copsite's address for the resource bank"),
        ("communities/a/Norms.md", "/communities/a/norms/, which is copsite's address for the norms page"),
    ],
)
def test_every_address_copsite_owns_is_reserved_whatever_the_case(handbook, rel, words):
    files = {
        "communities/a/index.md": charter("Alpha"),
        "communities/a/plan.md": PLAN_TIMED,
        rel: "---\ntitle: Intruder\n---\nINTRUDER-TEXT\n",
    }
    log = _fails(handbook, files)
    assert f"content/{rel}: would be published at {words}" in log


@pytest.mark.build
def test_a_page_whose_name_only_begins_like_a_reserved_one_is_published(handbook):
    built = handbook({"communities/a/index.md": charter("Alpha"), "resources-guide.md": "# How we share\n\nGUIDE-TEXT\n"})
    assert "GUIDE-TEXT" in built.text("resources-guide/index.html")


@pytest.mark.build
def test_two_author_pages_at_one_address_differing_in_case(handbook):
    log = _fails(handbook, {"communities/a/index.md": charter("Alpha"), "About.md": "# A\n", "about.md": "# B\n"})
    assert "content/about.md: would be published at /About/, which is also the address of About.md" in log


@pytest.mark.build
@pytest.mark.parametrize("name, words", [("2025-10-01-shout.MD", "published as raw text"), ("2025-10-01-long.markdown", "left out of the site")])
def test_markdown_files_with_another_extension_are_refused_by_name(handbook, name, words):
    log = _fails(
        handbook,
        {"communities/a/index.md": charter("Alpha"), f"communities/a/highlights/{name}": "---\ntitle: Odd\n---\nText.\n"},
    )
    stem = name.rsplit(".", 1)[0]
    assert f"content/communities/a/highlights/{name}: copsite reads Markdown files ending in .md" in log
    assert words in log and f"rename it {stem}.md" in log


@pytest.mark.build
def test_a_highlight_in_a_year_folder_is_refused_once_and_never_published(handbook, tmp_path):
    log = _fails(
        handbook,
        {
            "communities/a/index.md": charter("Alpha"),
            "communities/a/highlights/2025/2025-10-01-secret.md": "---\ntitle: Secret\ndraft: true\n---\nSECRET-DRAFT\n",
        },
    )
    assert log.count("ERROR: copsite: content/communities/a/highlights/2025/2025-10-01-secret.md:") == 1
    assert "folders inside it are not read: move it to highlights/2025-10-01-secret.md" in log
    assert "is not a key" not in log


# ------------------------------------------------------------------ 14, 15. one set of options, one verdict


def _check(root, *args):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "copsite", "check", *args], cwd=root, capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.mark.build
def test_an_unknown_option_is_an_error_in_check_and_build_with_the_nearest_name(handbook, tmp_path, caplog):
    from mkdocs.exceptions import Abort

    with pytest.raises(Abort):  # MkDocs' own "Aborted with a configuration error", not a warning
        handbook({"communities/a/index.md": charter("Alpha")}, options="publish_member: false", strict=False)
    log = caplog.text
    assert "'publish_member' is not a copsite option; did you mean 'publish_members'?" in log
    assert not (tmp_path / "site").exists()
    result = _check(tmp_path)
    assert result.returncode == 2
    assert "'publish_member' is not a copsite option; did you mean 'publish_members'?" in result.stderr


@pytest.mark.build
def test_check_strict_and_build_strict_agree_on_a_link_to_a_draft(handbook, tmp_path):
    files = {
        "communities/a/index.md": charter("Alpha"),
        "communities/a/highlights/2025-10-20-secret.md": "---\ntitle: Unfinished\ndraft: true\n---\nSECRET\n",
        "about.md": "# About\n\nSee [notes](communities/a/highlights/2025-10-20-secret.md).\n",
    }
    log = _fails(handbook, files, strict=True)
    assert "content/about.md:3: links to the draft highlight communities/a/highlights/2025-10-20-secret.md" in log
    result = _check(tmp_path, "--strict")
    assert result.returncode == 1 and "not ready to publish" in result.stdout
    assert "content/about.md:3: links to the draft highlight" in result.stdout


# ------------------------------------------------------------------ 5, 17, 21. copsite new highlight


def _handbook_with_plan(tmp_path, plan: str):
    from .conftest import mkdocs_yml, write

    write(
        tmp_path,
        {
            "mkdocs.yml": mkdocs_yml(options="timezone: Pacific/Kiritimati"),
            "content/communities/a/index.md": charter("Alpha", extra="facilitators: [Ann Lee]\n"),
            "content/communities/a/plan.md": plan,
        },
    )


@pytest.mark.unit
def test_new_highlight_without_date_takes_the_clock_in_the_site_zone(tmp_path, monkeypatch, capsys):
    from zoneinfo import ZoneInfo

    from copsite.cli import main

    _handbook_with_plan(tmp_path, "---\nsessions:\n  - {date: 2025-10-01, topics: One}\n---\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "315532800")  # 1980, as nix-shell sets it; `today:` is pinned too
    assert main(["new", "highlight", "a", "--title", "Notes"]) == 0
    clock = dt.datetime.now(ZoneInfo("Pacific/Kiritimati")).date()
    assert (tmp_path / f"content/communities/a/highlights/{clock.isoformat()}-notes.md").is_file()


@pytest.mark.unit
def test_new_highlight_on_a_day_with_two_sessions_asks_which(tmp_path, monkeypatch, capsys):
    from copsite.cli import main

    plan = "---\nsessions:\n  - {date: 2025-10-01, id: morning, topics: One}\n  - {date: 2025-10-01, id: evening, topics: Two}\n---\n"
    _handbook_with_plan(tmp_path, plan)
    monkeypatch.chdir(tmp_path)
    assert main(["new", "highlight", "a", "--date", "2025-10-01"]) == 2
    err = capsys.readouterr().err
    assert "the plan has 2 sessions on 2025-10-01" in err and "--session ID (one of morning, evening)" in err
    assert not (tmp_path / "content/communities/a/highlights").exists()
    assert main(["new", "highlight", "a", "--date", "2025-10-01", "--session", "evening"]) == 0
    written = next((tmp_path / "content/communities/a/highlights").iterdir()).read_text()
    assert "session: evening" in written


@pytest.mark.unit
def test_new_highlight_without_hard_links_still_never_overwrites(tmp_path, monkeypatch, capsys):
    import os

    from copsite.cli import main

    def no_hard_links(src, dst):  # exFAT, FAT32, some network drives
        raise PermissionError(1, "Operation not permitted")

    _handbook_with_plan(tmp_path, "---\nsessions:\n  - {date: 2025-10-01, topics: One}\n---\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(os, "link", no_hard_links)
    assert main(["new", "highlight", "a", "--date", "2025-10-01", "--title", "Notes"]) == 0
    path = tmp_path / "content/communities/a/highlights/2025-10-01-notes.md"
    first = path.read_text()
    assert 'title: "Notes"' in first
    assert main(["new", "highlight", "a", "--date", "2025-10-01", "--title", "Notes"]) == 2
    assert "never overwrites" in capsys.readouterr().err and path.read_text() == first
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind


# ------------------------------------------------------------------ 11, 12. addresses of attachments and data


RESOURCES = """\
---
resources:
  - {title: Notes of meeting 3, kind: template, file: "files/Meeting #3 notes.txt"}
---
"""


@pytest.mark.build
@pytest.mark.parametrize("site_url", ["https://org.example.org/hb/", None])
def test_an_attachment_with_a_hash_in_its_name_is_linked_whole(handbook, site_url):
    import json
    from urllib.parse import unquote, urljoin

    built = handbook(
        {
            "communities/a/index.md": charter("Alpha"),
            "communities/a/resources.md": RESOURCES,
            "communities/a/files/Meeting #3 notes.txt": "THE NOTES",
        },
        site_url=site_url,
    )
    href = built.main("communities/a/resources/").select_one("a[href*='Meeting']")["href"]
    assert "#" not in href
    target = built.site / "communities/a/resources" / unquote(href)
    assert target.resolve().read_text() == "THE NOTES"
    data = json.loads(built.text("resources.json"))["resources"][0]
    assert "#" not in data["file"]
    if site_url is None:  # relative to resources.json: works under any sub-path
        assert not data["file"].startswith("/") and not data["sources"][0]["community_url"].startswith("/")
        served = urljoin("https://org.example.org/sub/resources.json", data["file"])
        assert served == "https://org.example.org/sub/communities/a/files/Meeting%20%233%20notes.txt"
        assert urljoin("https://org.example.org/sub/resources.json", data["sources"][0]["community_url"]) == (
            "https://org.example.org/sub/communities/a/"
        )
    else:
        assert data["file"] == "https://org.example.org/hb/communities/a/files/Meeting%20%233%20notes.txt"


@pytest.mark.build
def test_a_time_the_clocks_skip_is_a_warning_saying_what_it_becomes(handbook):
    plan = "---\nsessions:\n  - {date: 2026-03-08, topics: Early, time: '2:30-3:30'}\n---\n"
    files = {"communities/a/index.md": charter("Alpha"), "communities/a/plan.md": plan}
    log = _fails(handbook, files, options="timezone: America/Toronto")
    assert (
        "content/communities/a/plan.md:3: sessions[0].time: 2:30 does not exist on 2026-03-08 in America/Toronto "
        "(the clocks go forward that night): it becomes 3:30" in log
    )


# ------------------------------------------------------------------ 22, 23, 25. messages that mislead


@pytest.mark.build
def test_quoted_numbers_and_booleans_say_the_quotes_make_them_text(handbook):
    plan = "---\nsessions:\n  - {date: 2025-10-01, topics: One, mandatory: \"true\"}\n---\n"
    log = _fails(
        handbook,
        {
            "communities/a/index.md": charter("Alpha"),
            "communities/a/plan.md": plan,
            "communities/a/highlights/2025-10-01-one.md": '---\ntitle: One\nattendance: "14"\n---\nText.\n',
        },
    )
    assert 'attendance: expected a whole number; found the text "14": the quotes make it text, remove them (14)' in log
    assert 'sessions[0].mandatory: expected true or false; found the text "true": the quotes make it text' in log


@pytest.mark.build
def test_a_key_is_named_once_in_a_message(handbook):
    log = _fails(
        handbook,
        {
            "communities/a/index.md": charter("Alpha"),
            "communities/a/plan.md": PLAN_TIMED,
            "communities/a/highlights/2025-10-01-one.md": "---\ntitle: One\nsession: 2025-10-02\n---\nText.\n",
            "communities/a/highlights/2025-10-03-two.md": "---\ntitle: Two\ndate: 2025-10-04\n---\nText.\n",
        },
    )
    assert "session: no session in the plan is on 2025-10-02" in log
    assert "date: 2025-10-04 does not agree" in log
    assert "session: session:" not in log and "date: date:" not in log


@pytest.mark.build
def test_an_error_in_the_plan_does_not_blame_the_highlights(handbook):
    plan = "---\nsessions:\n  - {date: 2025-10-01, topics: One, format: nowhere}\n---\n"
    log = _fails(
        handbook,
        {
            "communities/a/index.md": charter("Alpha"),
            "communities/a/plan.md": plan,
            "communities/a/highlights/2025-10-01-one.md": "---\ntitle: One\nsession: 2025-10-01\n---\nText.\n",
            "communities/a/highlights/2025-10-01-two.md": "---\ntitle: Two\nsession: 2025-10-01\n---\nText.\n",
        },
        strict=False,
    )
    assert "no session in the plan" not in log
    assert log.count("the highlights' sessions were not checked, because this plan has errors") == 1


@pytest.mark.build
def test_an_unquoted_hash_that_cuts_text_is_a_warning(handbook):
    charter_text = charter("Alpha", extra="meetings: {frequency: Monthly}\n")
    files = {
        "communities/a/index.md": charter_text,
        "communities/a/highlights/2025-10-01-one.md": "---\ntitle: Meeting #1 — purpose and norms\ndraft: false  # publish it\n---\nText.\n",
    }
    log = _fails(handbook, files)
    assert (
        "content/communities/a/highlights/2025-10-01-one.md:2: title: the text stops at 'Meeting': "
        "YAML reads '#1 — purpose and norms' as a comment; put the value in quotes" in log
    )
    assert "publish it" not in log  # a comment after true/false cuts nothing


@pytest.mark.build
@pytest.mark.parametrize("name", ["index.md", "reflection.md"])
def test_front_matter_after_a_blank_first_line_says_the_first_line_must_be_dashes(handbook, name):
    files = {"communities/a/index.md": charter("Alpha")}
    files[f"communities/a/{name}"] = "\n" + files.get(f"communities/a/{name}", "---\ntitle: Looking back\n---\nText.\n")
    log = _fails(handbook, files)
    assert f"content/communities/a/{name}:1: the front matter must begin on the very first line: the first line must be '---'" in log
    assert "needs front matter" not in log


# ------------------------------------------------------------------ 26. bodies: trusted by default, text with body_html: false

BODY = """\
---
title: Notes
---
Hello <b>bold</b> and <script>window.pwned = 1</script> here.

<div onclick="steal()">Block</div>

Code `<i>kept</i>` and <https://example.org/x> stay.

```html
<p>in a fence</p>
```
"""


@pytest.mark.build
def test_body_html_false_shows_raw_html_in_bodies_as_text(handbook):
    built = handbook(
        {"communities/a/index.md": charter("Alpha"), "communities/a/highlights/2025-10-01-notes.md": BODY},
        options="body_html: false",
    )
    main = built.main("communities/a/highlights/2025-10-01-notes/")
    assert not main.select("script, b, div[onclick], [onclick]")
    text = main.get_text(" ")
    assert "<b>bold</b>" in text and "<script>window.pwned = 1</script>" in text
    assert '<div onclick="steal()">Block</div>' in text
    assert main.select_one("code").get_text() == "<i>kept</i>"
    assert main.select_one("a[href='https://example.org/x']") is not None
    assert "<p>in a fence</p>" in main.select_one("pre").get_text()


@pytest.mark.build
def test_bodies_are_trusted_html_by_default(handbook):
    built = handbook({"communities/a/index.md": charter("Alpha"), "communities/a/highlights/2025-10-01-notes.md": BODY})
    main = built.main("communities/a/highlights/2025-10-01-notes/")
    assert main.select_one("b").get_text() == "bold" and main.select("script")
    assert main.select_one("pre").get_text() == "<p>in a fence</p>\n"  # no dir="auto" inside authors' code
    assert not main.select_one("div[onclick]").has_attr("dir")


@pytest.mark.build
def test_two_communities_with_one_title_are_a_warning(handbook):
    log = _fails(handbook, {"communities/a/index.md": charter("Readers"), "communities/b/index.md": charter("readers ")})
    assert "content/communities/b/index.md:2: title: 'readers' is also the title of communities/a" in log


@pytest.mark.build
def test_text_from_front_matter_takes_its_direction_from_itself(handbook):
    plan = "---\nsessions:\n  - {date: 2025-11-12, topics: [القراءة معًا]}\n---\n"
    built = handbook(
        {"communities/a/index.md": charter("مجتمع القراء", body="BODY <p>raw</p>"), "communities/a/plan.md": plan}
    )
    home = built.main("communities/a/")
    assert home.h1.get_text() == "مجتمع القراء" and home.h1["dir"] == "auto"
    topic = next(li for li in built.main("communities/a/plan/").select("li") if "القراءة" in li.get_text())
    assert topic["dir"] == "auto"
    raw = next(p for p in home.select("p") if p.get_text() == "raw")
    assert not raw.has_attr("dir")  # the authors' own HTML is theirs


@pytest.mark.build
def test_init_with_a_utc_plus_0_zone_makes_a_handbook_that_builds(tmp_path):
    import subprocess
    import sys

    from .conftest import build_site

    result = subprocess.run(
        [sys.executable, "-m", "copsite", "init", "hb", "--timezone", "Atlantic/Reykjavik"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "copsite", "new", "community", "readers"],
        cwd=tmp_path / "hb", capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    built = build_site(tmp_path / "hb", strict=False)
    assert "BEGIN:VEVENT" in built.text("calendar.ics") and "TZID" not in built.text("calendar.ics")

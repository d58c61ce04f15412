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


@pytest.mark.build
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


@pytest.mark.build
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


@pytest.mark.build
def test_a_tentative_next_session_is_shown_as_next_marked_tentative(handbook):
    files = {
        "communities/a/index.md": charter(),
        "communities/a/plan.md": "---\nsessions:\n  - {date: 2025-11-05, title: Launch, topics: launch, tentative: true}\n---\n",
    }
    built = handbook(files)
    home = built.main("communities/a/")
    line = home.select_one(".copsite-next").get_text()
    assert "Wed, Nov 5, 2025" in line and "Tentative" in line
    assert "Next session: Wed, Nov 5, 2025 (tentative)" in home.select_one(".copsite-status").get_text()
    card = built.main("communities/").select_one(".copsite-card").get_text()
    assert "Next session: Wed, Nov 5, 2025" in card and "Tentative" in card


@pytest.mark.unit
@pytest.mark.parametrize("today", [dt.date(2025, 11, d) for d in range(1, 8)])
def test_init_plans_the_first_session_on_a_wednesday(today):
    from copsite.cli.init import first_session

    day = first_session(today)
    assert day.weekday() == 2 and 14 <= (day - today).days < 21


def _plan(time: str) -> dict:
    return {
        "communities/a/index.md": charter(),
        "communities/a/plan.md": f"---\nsessions:\n  - date: 2025-11-05\n    time: \"{time}\"\n    topics: launch\n---\n",
    }


@pytest.mark.build
@pytest.mark.parametrize(
    "time, shown",
    [("4 pm", "16:00"), ("4:30 pm", "16:30"), ("4:30 PM", "16:30"), ("16 h 30", "16:30"), ("16h30", "16:30"), ("3:30-4:30 p.m.", "15:30")],
)
def test_times_as_teachers_write_them_read_as_24_hour_times(handbook, time, shown):
    built = handbook(_plan(time), strict=True)
    assert shown in built.html("communities/a/plan/").get_text()


@pytest.mark.build
def test_a_time_out_of_the_day_is_an_error(handbook):
    from .conftest import BuildFailed

    with pytest.raises(BuildFailed) as failed:
        handbook(_plan("25:00"), strict=False)
    assert "sessions[0].time: 25:00 is not a time of day" in failed.value.log


@pytest.mark.build
@pytest.mark.parametrize(
    "time, suggestion",
    [("3:30-4:30", "did you mean 15:30-16:30?"), ("6:45", "did you mean 18:45?"), ("21:00-23:00", "")],
)
def test_a_session_in_the_night_is_a_warning_with_the_24_hour_reading(handbook, time, suggestion):
    from .conftest import BuildFailed

    with pytest.raises(BuildFailed) as failed:
        handbook(_plan(time), strict=True)
    assert f"content/communities/a/plan.md:4: sessions[0].time: {time} is in the night" in failed.value.log
    assert suggestion in failed.value.log
    built = handbook(_plan(time), strict=False)
    assert "is in the night" in built.log


@pytest.mark.build
def test_a_session_in_the_day_is_no_warning(handbook):
    built = handbook(_plan("7:00-22:00"), strict=True)
    assert "in the night" not in built.log and "WARNING" not in built.log
    assert "Documentation built" in built.log
    # The session is there, at the time written, on its plan and as the community's next session.
    row = built.main("communities/a/plan/").select_one("#session-2025-11-05-1")
    assert row is not None and "07:00–22:00" in row.get_text(" ", strip=True) and "launch" in row.get_text(" ", strip=True)
    assert "Next session: Wed, Nov 5, 2025 , 07:00–22:00" in built.main("communities/a/").get_text(" ", strip=True)


def _cli_mkdocs(root, *args):
    import os
    import subprocess
    import sys

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=root, capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.build
def test_a_quiet_strict_build_still_says_what_stopped_it(tmp_path):
    from .conftest import mkdocs_yml, write

    files = {"mkdocs.yml": mkdocs_yml(), "content/communities/a/index.md": charter(extra="stgae: active\n")}
    write(tmp_path, files)
    result = _cli_mkdocs(tmp_path, "build", "--strict", "-q")
    assert result.returncode == 1
    assert "the handbook has 0 errors, 1 warning; the site was not built" in result.stderr
    assert "warning: content/communities/a/index.md:7: stgae: is not a key copsite knows here" in result.stderr


@pytest.mark.build
def test_the_final_error_lists_the_first_20_problems_and_a_count(tmp_path):
    from .conftest import mkdocs_yml, write

    sessions = "".join(f"  - {{date: 2025-11-{d:02}, topics: t, time: '3:00'}}\n" for d in range(1, 26))
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), "content/communities/a/index.md": charter(), "content/communities/a/plan.md": f"---\nsessions:\n{sessions}---\n"})
    result = _cli_mkdocs(tmp_path, "build", "--strict", "-q")
    assert result.returncode == 1
    assert result.stderr.count("is in the night") == 20 and "... and 5 more" in result.stderr


HIGHLIGHT_WITH_OUTLINE = """\
---
title: Launch
resources:
  - {title: The article, url: 'https://example.org/a', kind: publication}
---
We met.

## Resources shared

We read one article together.

## What comes next

Try it in class.
"""


@pytest.mark.build
def test_resources_shared_appears_once_on_a_highlight_page(handbook):
    built = handbook({"communities/a/index.md": charter(), "communities/a/highlights/2025-10-15-launch.md": HIGHLIGHT_WITH_OUTLINE})
    page = built.html("communities/a/highlights/2025-10-15-launch/")
    main = page.select_one("article.md-content__inner")
    assert [h.get_text().strip("¶ ") for h in main.select("h2")] == ["Resources shared", "What comes next"]
    toc = [a.get_text().strip() for a in page.select("nav.md-nav--secondary a.md-nav__link")]
    assert toc.count("Resources shared") == 1
    # The list sits in the author's section, before the next one.
    section = main.find("h2", string=lambda t: t and "Resources shared" in t)
    following = [el.name for el in section.find_next_siblings()]
    assert following[:3] == ["p", "ul", "h2"]
    assert "The article" in section.find_next_sibling("ul").get_text()


@pytest.mark.build
def test_without_the_heading_the_list_gets_its_own(handbook):
    text = HIGHLIGHT_WITH_OUTLINE.replace("## Resources shared\n\nWe read one article together.\n\n", "")
    built = handbook({"communities/a/index.md": charter(), "communities/a/highlights/2025-10-15-launch.md": text})
    main = built.main("communities/a/highlights/2025-10-15-launch/")
    assert [h.get_text().strip("¶ ") for h in main.select("h2")] == ["What comes next", "Resources shared"]


@pytest.mark.build
def test_a_resource_card_names_each_community_once_with_its_highlights(handbook):
    res = "resources:\n  - {title: The article, url: 'https://example.org/a', kind: publication}\n"
    files = {
        "communities/a/index.md": charter("Hospital Schools Teachers"),
        "communities/a/resources.md": f"---\n{res}---\n",
        "communities/a/highlights/2025-10-15-bedside.md": f"---\ntitle: Teaching at the bedside\n{res}---\nWe met.\n",
        "communities/a/highlights/2025-10-22-ward.md": f"---\ntitle: Ward visit\n{res}---\nWe met.\n",
        "communities/b/index.md": charter("Readers"),
        "communities/b/resources.md": f"---\n{res}---\n",
    }
    built = handbook(files)
    card = built.main("resources/").select_one(".copsite-resource")
    sources = card.select(".copsite-meta")[-1].get_text()
    assert sources.startswith("From Hospital Schools Teachers (Teaching at the bedside, Ward visit); Readers · added")


@pytest.mark.build
@pytest.mark.parametrize("sidebar", ["", "sidebar_communities: 1"])
def test_a_highlight_page_shows_its_community_open_with_highlights_active(handbook, sidebar):
    files = {
        "communities/a/index.md": charter("Alpha"),
        "communities/a/norms.md": "---\nnorms: [Be kind]\n---\n",
        "communities/a/highlights/2025-10-15-launch.md": "---\ntitle: Launch\n---\nWe met.\n",
        "communities/b/index.md": charter("Beta"),
    }
    built = handbook(files, options=sidebar)
    page = built.html("communities/a/highlights/2025-10-15-launch/")
    nav = page.select_one("nav.md-nav--primary")
    active_pages = [li.a.get_text(" ", strip=True) for li in nav.select("li.md-nav__item--active:not(.md-nav__item--nested)")]
    assert active_pages == ["Highlights"]
    alpha = [li for li in nav.select("li.md-nav__item--active.md-nav__item--nested") if li.select_one("a") and "Alpha" in li.select_one("a").get_text()]
    assert alpha, "the community's section is open"
    assert alpha[0].select_one("input.md-toggle").has_attr("checked")
    links = [a.get_text(" ", strip=True) for a in alpha[0].select("a.md-nav__link")]
    assert "Norms" in links and "Highlights" in links
    # The Highlights page of the community is not left marked on other pages.
    other = built.html("communities/b/").select("nav.md-nav--primary li.md-nav__item--active:not(.md-nav__item--nested)")
    assert [li.a.get_text(" ", strip=True) for li in other] == []


@pytest.mark.unit
def test_the_readme_starts_with_the_two_commands_a_picture_and_the_quick_start():
    """Issue 9.15: what a newcomer reads first, and every file it links exists."""
    import re

    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    head = readme[: readme.index("## Add a community")]
    assert head.index("make serve    # see the example handbook") < head.index("make test     # run copsite's tests")
    assert head.index("make test") < head.index("![") < head.index("## Quick start")
    quick = head[head.index("## Quick start") :]
    steps = ["python3 -m venv", "activate", "pip install", "copsite init", "copsite check", "copsite serve"]
    assert [quick.index(s) for s in steps] == sorted(quick.index(s) for s in steps)
    for term in ("**Front matter**", "**The planning guide**", "**The content format**", "`SOURCE_DATE_EPOCH`", "custom_dir", "sample: true", "end", "5 May 2027"):
        assert term in head
    for target in re.findall(r"\]\(((?!https?:)[^)#]+)\)", readme):
        assert (ROOT / target).exists(), target
    assert (ROOT / "docs/example-handbook.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "`sample`" in (ROOT / "docs/content-format.md").read_text(encoding="utf-8")


@pytest.mark.unit
@pytest.mark.parametrize(
    "body, shown",
    [
        ("TO DO: intro.\n\n## What happened\n\nTO DO: what?\n", ""),
        ("We met.\n\n## What happened\n\nTO DO: what?\n\n## Next\n\nMore.\n", "We met.\n\n## Next\n\nMore."),
        ("## Part\n\n### Sub\n\nReal text.\n", "## Part\n\n### Sub\n\nReal text.\n"),
        ("## Part\n\nTO DO: x\n\n### Sub\n\nReal.\n", "## Part\n\n### Sub\n\nReal."),
        ("No placeholder.\n\n## Empty heading kept\n", "No placeholder.\n\n## Empty heading kept\n"),
    ],
)
def test_a_body_loses_its_placeholder_paragraphs_and_the_headings_left_empty(body, shown):
    from copsite.content.placeholders import scrub_body

    assert scrub_body(body) == shown


@pytest.mark.build
def test_a_highlight_whose_title_is_still_the_prompt_is_named_by_its_date(handbook):
    from copsite.publishing.outline import highlight_text

    text = highlight_text(date="2025-10-15", name_hint=True)
    built = handbook({"communities/a/index.md": charter(), "communities/a/highlights/2025-10-15-highlight.md": text})
    page = built.main("communities/a/highlights/2025-10-15-highlight/")
    assert page.h1.get_text() == "Meeting of 2025-10-15"
    # the post page (/communities/a/post/) hands authors the outline, prompts included; no page readers read shows one
    shown = [p for p in built.site.rglob("*.*") if p.suffix in (".html", ".xml", ".json") and "post" not in p.relative_to(built.site).parts]
    assert not [p for p in shown if "TO DO" in p.read_text(encoding="utf-8")]

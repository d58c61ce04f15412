"""Build tier: tiny handbooks built with MkDocs; assertions on what a reader of the site sees."""

from __future__ import annotations

import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from .conftest import ROOT, BuildFailed, build_site, charter, mkdocs_yml, write

pytestmark = pytest.mark.build

FULL_CHARTER = charter(
    "Hospital Schools",
    extra="""\
summary: Teachers in hospital
stage: active
facilitators: [Ann Lee]
members:
  - {name: Ann Lee, role: core, organization: Ward School}
  - {name: Bo Chen, role: active}
  - {name: Cy Diaz, role: peripheral}
leadership:
  - {role: Facilitator, who: Ann Lee, responsibilities: [Plans sessions]}
meetings: {frequency: Monthly, format: hybrid, where: Room 4B}
""",
    body="Our own words about our purpose.",
)

PLAN = """\
---
sessions:
  - {date: 2025-12-03, title: Third, topics: [C topic], resources_required: Chart paper}
  - {date: 2025-10-01, title: First, topics: A topic, time: '15:30-17:00'}
  - {date: 2025-11-05, title: Second, topics: B topic, activities: [Role play], tentative: true}
  - {date: 2025-11-01, title: Today, topics: T topic, time: '9:00'}
---
"""

HIGHLIGHT = """\
---
title: First meeting
authors: [Bo Chen]
attendance: 7
resources:
  - {title: Guide, url: 'https://guide.example.org', kind: publication}
---
We met and agreed our norms.
"""


def tiny(extra_files=None):
    files = {
        "communities/hospital/index.md": FULL_CHARTER,
        "communities/hospital/plan.md": PLAN,
        "communities/hospital/highlights/2025-10-01-first.md": HIGHLIGHT,
        "communities/hospital/highlights/2025-10-20-secret.md": "---\ntitle: Unfinished notes\ndraft: true\n---\nSECRET-DRAFT-BODY\n",
    }
    files.update(extra_files or {})
    return files


def test_community_home_shows_purpose_sentence_members_by_role_and_next_session(handbook):
    built = handbook(tiny())
    main = built.main("communities/hospital/")
    assert main.h1.get_text() == "Hospital Schools"
    purpose = main.select_one(".copsite-purpose").get_text(" ", strip=True)
    assert purpose == (
        "This community of practice is intended for teachers who share an interest in reading "
        "and commit to learning together how best to teach reading ."
    )
    roles = {sec.h3.get_text(): [li.get_text(" ", strip=True) for li in sec.select("li")] for sec in main.select(".copsite-role")}
    assert roles == {"Core members": ["Ann Lee (Ward School)"], "Active members": ["Bo Chen"], "Peripheral members": ["Cy Diaz"]}
    assert "Today" in main.select_one(".copsite-next").get_text()
    assert "Our own words about our purpose." in main.get_text()
    assert [a.get_text() for a in main.select(".copsite-highlights a, h2 + ul.copsite-list a strong")] == ["First meeting"]


def test_plan_table_is_sorted_marks_next_and_links_highlights(handbook):
    built = handbook(tiny())
    table = built.main("communities/hospital/plan/").select_one(".copsite-plan table")
    headers = [th.get_text() for th in table.select("thead th")]
    assert headers == ["Date & Time", "Topics, Activities, Processes, Content to be Covered", "Resources Required"]
    rows = table.select("tbody tr")
    assert [r.select_one("strong").get_text() for r in rows] == ["First", "Today", "Second", "Third"]
    assert [r.select_one(".copsite-badge--next") is not None for r in rows] == [False, True, False, False]
    assert rows[2].select_one(".copsite-badge--tentative").get_text() == "Tentative"
    assert "Role play" in rows[2].get_text()
    assert "Chart paper" in rows[3].select("td")[2].get_text()
    link = rows[0].select_one("a[href*=highlights]")
    assert link.get_text() == "Highlights: First meeting"
    assert link["href"] == "../highlights/2025-10-01-first/"
    assert "15:30–17:00" in rows[0].td.get_text()


def test_source_date_epoch_pins_today_when_no_option(tmp_path, monkeypatch):
    write(tmp_path, {"mkdocs.yml": mkdocs_yml().replace("      today: 2025-11-01\n", ""), **{f"content/{k}": v for k, v in tiny().items()}})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764460800")  # 2025-11-30
    built = build_site(tmp_path, strict=True)
    rows = built.main("communities/hospital/plan/").select(".copsite-plan tbody tr")
    assert [r.select_one(".copsite-badge--next") is not None for r in rows] == [False, False, False, True]


def test_highlight_page_shows_authors_session_and_resources_and_drafts_are_nowhere(handbook):
    built = handbook(tiny())
    main = built.main("communities/hospital/highlights/2025-10-01-first/")
    meta = main.select_one(".copsite-meta").get_text(" ", strip=True)
    assert "by Bo Chen" in meta and "7 took part" in meta and "Hospital Schools" in meta
    session = main.select_one("a[href*='plan/#session-2025-10-01']")
    assert session is not None and "First" in session.get_text()
    assert main.select_one(".copsite-resource a")["href"] == "https://guide.example.org"
    listing = built.main("communities/hospital/highlights/")
    assert [a.get_text() for a in listing.select(".copsite-highlight strong")] == ["First meeting"]
    assert not (built.site / "communities/hospital/highlights/2025-10-20-secret").exists()
    everything = built.all_output()
    assert "SECRET-DRAFT-BODY" not in everything and "Unfinished notes" not in everything


def test_script_title_shows_as_text_in_title_nav_and_h1(handbook):
    evil = "<script>alert('x')</script> & <b>Bold</b>"
    files = tiny({"communities/hospital/index.md": FULL_CHARTER.replace("title: Hospital Schools", f'title: "{evil}"')})
    built = handbook(files)
    page = built.html("communities/hospital/")
    assert page.title.get_text().startswith(evil)
    assert page.select_one("article h1").get_text() == evil
    assert evil in [a.get_text(strip=True) for a in page.select(".md-nav a, .md-nav label")]
    raw = built.text("communities/hospital/index.html")
    assert "<script>alert(" not in raw and "<b>Bold</b>" not in raw
    assert not page.select("article script")


def test_navigation_follows_the_guides_order_without_single_highlights(handbook):
    files = tiny({
        "communities/hospital/norms.md": "---\nnorms: [Be kind]\n---\n",
        "communities/hospital/legacy.md": "---\noutcomes: [Done]\n---\n",
        "communities/hospital/resources.md": "---\nresources: []\n---\n",
        "communities/hospital/reflection.md": "Our practice.\n",
        "communities/hospital/zebra.md": "---\ntitle: Zebra page\n---\nZ\n",
        "communities/hospital/alpha.md": "# Alpha page\n\nA\n",
    })
    built = handbook(files)
    nav = built.html("communities/hospital/norms/").select_one(".md-nav--primary")
    section = [n for n in nav.select("li.md-nav__item--nested") if "Hospital Schools" in n.get_text()][-1]
    titles = [a.get_text(strip=True) for a in section.select("nav a.md-nav__link") if not a.find_parent(class_="md-nav--secondary")]
    assert titles == ["Hospital Schools", "Norms", "Collaborative plan", "Highlights", "Resources", "Results and legacy", "Report", "Connection to practice", "Alpha page", "Zebra page"]
    assert "First meeting" not in nav.get_text()


def test_publish_members_false_keeps_names_off_the_site(handbook):
    built = handbook(tiny(), options="publish_members: false")
    everything = built.all_output()
    for name in ("Ann Lee", "Bo Chen", "Cy Diaz"):
        assert name not in everything
    assert "Facilitator" in built.main("communities/hospital/").get_text()  # the role stays, the person goes


def test_check_and_build_report_the_same_problems(tmp_path):
    files = tiny({
        "communities/hospital/norms.md": "---\nnorms:\n  - Decisions: by consensus\nagred: 2025-01-01\n---\n",
        "communities/bad/index.md": "---\ntitle: Bad\npurpose: {audience: a, interest: b}\n---\n",
    })
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), **{f"content/{k}": v for k, v in files.items()}})
    check = subprocess.run([sys.executable, "-m", "copsite", "check"], cwd=tmp_path, capture_output=True, text=True)
    assert check.returncode == 1
    reported = sorted(line.split(": ", 1)[1] for line in check.stdout.splitlines() if line.startswith(("error: ", "warning: ")))
    assert len(reported) == 3
    with pytest.raises(BuildFailed) as failed:
        build_site(tmp_path)
    logged = sorted(
        line.split("copsite: ", 1)[1]
        for line in failed.value.log.splitlines()
        if line.startswith(("ERROR: copsite: content/", "WARNING: copsite: content/"))
    )
    assert logged == reported
    assert "content/communities/hospital/norms.md:3: norms[0]: expected text" in "\n".join(reported)
    assert "Traceback" not in check.stdout + check.stderr + failed.value.log


def test_failed_build_leaves_the_last_good_site(tmp_path):
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), **{f"content/{k}": v for k, v in tiny().items()}})
    built = build_site(tmp_path)
    before = {p: p.read_bytes() for p in built.site.rglob("*") if p.is_file()}
    write(tmp_path, {"content/communities/hospital/plan.md": PLAN.replace("2025-12-03", "2025-12-3")})
    with pytest.raises(BuildFailed) as failed:
        build_site(tmp_path)
    assert "sessions[0].date" in failed.value.log and "2025-12-03" in failed.value.log
    after = {p: p.read_bytes() for p in built.site.rglob("*") if p.is_file()}
    assert after == before


def test_strict_build_fails_on_a_warning_and_plain_build_passes(tmp_path):
    files = tiny({"communities/hospital/norms.md": "---\nnorms: [x]\nagred: 2025-01-01\n---\n"})
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), **{f"content/{k}": v for k, v in files.items()}})
    built = build_site(tmp_path, strict=False)
    assert "did you mean 'agreed'" in built.log
    with pytest.raises(BuildFailed):
        build_site(tmp_path, strict=True, site_dir=tmp_path / "strict-site")
    assert not (tmp_path / "strict-site").exists()


def test_front_page_is_generated_when_absent_and_lists_communities(handbook):
    built = handbook(tiny())
    main = built.main("")
    assert main.h1.get_text() == "Test handbook"
    assert [a.get_text() for a in main.select(".copsite-card__title a")] == ["Hospital Schools"]
    assert "Today" in main.get_text()  # coming up
    cards = built.main("communities/").select(".copsite-card")
    assert len(cards) == 1 and cards[0]["data-stage"] == "active"


def test_link_to_a_draft_is_a_warning(handbook):
    files = tiny({"about.md": "See [notes](communities/hospital/highlights/2025-10-20-secret.md).\n"})
    built = handbook(files, strict=False)
    assert "links to the draft highlight" in built.log


def test_example_handbook_builds_strict(tmp_path):
    built = build_site(ROOT, strict=True, site_dir=tmp_path / "site")
    assert "WARNING" not in built.log
    assert built.html("").title.get_text() == "Learning Together"  # not "Learning Together - Learning Together"
    for address in ("", "communities/", "communities/hospital-schools/", "communities/hospital-schools/plan/", "communities/system-leaders/legacy/", "resources/", "highlights/", "legacy/", "calendar/"):
        assert built.main(address).h1 is not None, address


@pytest.mark.parametrize("key, value, words", [("template", "missing.html", "not a template of the theme"), ("icon", "material/no-such-icon", "not an icon of the theme"), ("template", "../../etc/passwd", "not a name in the theme")])
def test_unknown_template_or_icon_is_an_error_not_a_traceback(tmp_path, key, value, words):
    files = tiny({"about.md": f"---\ntitle: About\n{key}: {value}\n---\nText\n"})
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), **{f"content/{k}": v for k, v in files.items()}})
    with pytest.raises(BuildFailed) as failed:
        build_site(tmp_path)
    assert f"content/about.md:3: {key}: " in failed.value.log and words in failed.value.log
    assert "Traceback" not in failed.value.log


def test_known_template_and_icon_build(handbook):
    built = handbook(tiny({"about.md": "---\ntitle: About\ntemplate: main.html\nicon: material/school\n---\nText\n"}))
    assert built.main("about/").h1.get_text() == "About"


def test_community_home_has_the_facilitators_summary(handbook):
    built = handbook(tiny({"communities/hospital/norms.md": "---\nnorms: [Be kind]\n---\n"}))
    summary = built.main("communities/hospital/").select_one("details.copsite-status").get_text(" ", strip=True)
    assert "Sections written: Norms, Plan, Highlights" in summary
    assert "still to write: Resources, Legacy, Reflection" in summary
    assert "Members by role: 1 core, 1 active, 1 peripheral" in summary
    assert "Next session: Sat, Nov 1, 2025" in summary and "Last highlight: 31 days ago" in summary
    private = handbook(tiny(), options="publish_members: false")
    assert "Members by role" not in private.main("communities/hospital/").select_one("details.copsite-status").get_text()


def _sidebar_communities(built, address):
    nav = built.html(address).select_one(".md-nav--primary")
    communities = [li for li in nav.select("li.md-nav__item--nested") if li.select_one("label, a") and "Communities" in li.select_one("label, a").get_text()][0]
    inner = communities.select_one("nav")
    return [label.get_text(strip=True) for label in inner.select(":scope > ul > li > label, :scope > ul > li > div > a, :scope > ul > li > a")]


@pytest.mark.parametrize("count, limit", [(3, 12), (14, 12), (4, 2)])
def test_sidebar_lists_every_community_up_to_the_limit_then_only_the_pages_own(handbook, count, limit):
    files = {f"communities/c{i:02d}/index.md": charter(f"Community {i:02d}") for i in range(count)}
    files["communities/c01/plan.md"] = PLAN
    built = handbook(files, options=f"sidebar_communities: {limit}")
    on_plan = " ".join(_sidebar_communities(built, "communities/c01/plan/"))
    on_front = " ".join(_sidebar_communities(built, ""))
    assert "Community 01" in on_plan
    if count <= limit:
        assert all(f"Community {i:02d}" in on_plan and f"Community {i:02d}" in on_front for i in range(count))
    else:
        assert not any(f"Community {i:02d}" in on_plan for i in range(count) if i != 1)
        assert not any(f"Community {i:02d}" in on_front for i in range(count))
        # The overview of all communities stays, as the section's own link.
        front_nav = built.html("").select_one(".md-nav--primary")
        assert front_nav.select_one('.md-nav__container > a[href="communities/"]') is not None
    # Every community stays reachable from the overview page.
    cards = built.main("communities/").select(".copsite-card__title a")
    assert len(cards) == count


def test_norms_page_shows_covered_and_open_areas(handbook):
    norms = "---\nnorms:\n  - {text: Everyone speaks, covers: [voice]}\n  - {text: Vote when stuck, covers: [decisions, conflict]}\n  - Plain norm\n---\n"
    built = handbook(tiny({"communities/hospital/norms.md": norms}))
    main = built.main("communities/hospital/norms/")
    assert [li.get_text(" ", strip=True) for li in main.select("ol.copsite-norms li")] == [
        "Everyone speaks (Voice)", "Vote when stuck (Decisions, Conflict)", "Plain norm",
    ]
    covered = [li.strong.get_text() for li in main.select("li.copsite-covered")]
    still_open = [li.strong.get_text() for li in main.select("li.copsite-open")]
    assert covered == ["Voice", "Conflict", "Decisions"]
    assert still_open == ["Focus", "Resources", "Membership", "Completion"]


def test_communities_dir_option_moves_the_communities(handbook):
    files = {f"groups/{k.split('/', 1)[1]}": v for k, v in tiny().items()}
    built = handbook(files, options="communities_dir: groups")
    assert built.main("groups/hospital/").h1.get_text() == "Hospital Schools"
    assert built.main("groups/").select_one(".copsite-card__title a")["href"] == "hospital/"
    assert (built.site / "groups/hospital/feed.xml").is_file()


def test_links_work_without_directory_urls(handbook):
    built = handbook(tiny(), extra="use_directory_urls: false")
    plan = built.site / "communities/hospital/plan.html"
    soup = BeautifulSoup(plan.read_text(), "lxml")
    hrefs = [a["href"] for a in soup.select("article a[href]") if not a["href"].startswith(("http", "#", "mailto"))]
    assert hrefs
    for href in hrefs:
        target = (plan.parent / href.split("#")[0]).resolve()
        assert target.is_file(), href


def test_a_bad_site_option_is_a_clear_message(tmp_path):
    write(tmp_path, {"mkdocs.yml": mkdocs_yml("timezone: Mars/Olympus"), **{f"content/{k}": v for k, v in tiny().items()}})
    with pytest.raises(BuildFailed) as failed:
        build_site(tmp_path)
    assert "timezone: 'Mars/Olympus' is not a known IANA time zone name" in failed.value.log
    check = subprocess.run([sys.executable, "-m", "copsite", "check"], cwd=tmp_path, capture_output=True, text=True)
    assert check.returncode == 2 and "Mars/Olympus" in check.stderr
    assert "Traceback" not in failed.value.log + check.stderr

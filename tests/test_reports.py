"""Reports (issue 12): the figures (unit), the pages, charts, badges and feed categories (build), PDF files."""

from __future__ import annotations

import re

import datetime as dt
import subprocess
import sys
import textwrap

import feedparser
import pytest

from copsite.model import reports
from copsite.model.options import make_options
from copsite.content.reader import read_handbook

from .conftest import charter, mkdocs_yml, write

CHARTER = charter(
    "Readers",
    extra="""\
stage: active
members:
  - {name: Ann Lee, role: core}
  - {name: Bo Chen, role: active}
  - {name: Cy Diaz, role: active}
  - {name: Di Eng, role: peripheral}
""",
)

PLAN = """---
sessions:
  - {date: 2025-07-02, topics: held}
  - {date: 2025-08-06, topics: cancelled in the past, cancelled: true}
  - {date: 2025-09-03, topics: held, tentative: true}
  - {date: 2025-10-01, topics: held}
  - {date: 2025-11-01, topics: today}
  - {date: 2025-11-05, topics: tentative ahead, tentative: true}
  - {date: 2025-12-03, topics: cancelled ahead, cancelled: true}
  - {date: 2026-01-07, topics: ahead}
---
"""


def highlight(title: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\n{textwrap.dedent(extra)}---\nBody of {title}.\n"


FILES = {
    "communities/readers/index.md": CHARTER,
    "communities/readers/plan.md": PLAN,
    "communities/readers/norms.md": "---\nnorms:\n  - {text: Everyone speaks, covers: [voice]}\n  - {text: We vote, covers: [decisions, voice]}\n---\n",
    "communities/readers/legacy.md": "---\nsuccess: [Every class reads daily]\noutcomes: [Twelve reading logs, A shared list]\n"
    "legacy:\n  - {title: Booklist, kind: product}\n  - {title: Read daily, kind: decision}\n  - {title: Another list, kind: product}\n---\n",
    "communities/readers/resources.md": "---\nresources:\n  - {title: Old guide, kind: publication, url: 'https://a.example.org'}\n"
    "  - {title: New guide, kind: publication, url: 'https://b.example.org', added: 2025-09-10}\n"
    "  - {title: Future guide, kind: publication, url: 'https://c.example.org', added: 2026-02-01}\n---\n",
    "communities/readers/highlights/2025-07-02-first.md": highlight("First meeting", "attendance: 8\n"),
    "communities/readers/highlights/2025-09-03-second.md": highlight("Second meeting"),  # no count: not a zero
    "communities/readers/highlights/2025-09-20-check.md": highlight("September check-in", "kind: check-in\nresponses: 6\n"),
    "communities/readers/highlights/2025-10-01-third.md": highlight("Third meeting", "attendance: 11\n"),
    "communities/readers/highlights/2025-10-15-story.md": highlight("Lena reads aloud", "kind: success story\n"),
    "communities/readers/highlights/2025-10-20-draft.md": highlight("Draft survey", "kind: survey\nresponses: 99\ndraft: true\n"),
    "communities/readers/highlights/2025-12-03-later.md": highlight("Written ahead", "kind: reflection\nattendance: 40\n"),
}


def load(tmp_path, files=FILES, today="2025-11-01"):
    write(tmp_path, files)
    handbook, problems = read_handbook(tmp_path, make_options(today=today))
    assert not problems.errors, [str(p) for p in problems]
    return handbook


def figures(handbook, today):
    from copsite.pages.site import Digest

    d = Digest.of(handbook, make_options(today=today.isoformat()))
    c = handbook.communities[0]
    return reports.community_figures(c, d.bank_by_community.get(c.slug, []), today)


# --------------------------------------------------------------------------- unit: the figures


@pytest.mark.build
def test_sessions_held_cancelled_and_to_come(tmp_path):
    f = figures(load(tmp_path), dt.date(2025, 11, 1))
    s = f.sessions
    assert (s.planned, s.held, s.cancelled, s.to_come, s.tentative_to_come) == (8, 3, 2, 3, 1)


@pytest.mark.build
def test_attendance_average_ignores_meetings_without_a_count_and_highlights_after_today(tmp_path):
    f = figures(load(tmp_path), dt.date(2025, 11, 1))
    assert [(h.meta.title, n) for h, n in f.attendance] == [("First meeting", 8), ("Third meeting", 11)]
    assert f.attendance_average == pytest.approx(9.5)


@pytest.mark.unit
def test_attendance_average_is_none_without_any_count():
    assert reports.average([]) is None


@pytest.mark.build
def test_months_without_activity_are_zero_and_the_period_runs_to_today(tmp_path):
    f = figures(load(tmp_path), dt.date(2025, 11, 1))
    assert f.start == dt.date(2025, 7, 2)  # no `started`: the first session
    assert [m.key for m in f.months] == ["2025-07", "2025-08", "2025-09", "2025-10", "2025-11"]
    assert f.by_month["meeting"] == [1, 0, 1, 1, 0]
    assert f.by_month["check-in"] == [0, 0, 1, 0, 0]
    assert f.by_month["success-story"] == [0, 0, 0, 1, 0]
    assert f.by_month["survey"] == [0, 0, 0, 0, 0]  # the draft counts nowhere
    assert f.by_month["reflection"] == [0, 0, 0, 0, 0]  # dated after today
    assert [(m.key, counts) for m, counts in f.month_rows] == [
        ("2025-07", [1, 0, 0]), ("2025-09", [1, 1, 0]), ("2025-10", [1, 0, 1]),
    ]


@pytest.mark.build
def test_resources_cumulative_undated_from_the_first_month_future_ones_left_out(tmp_path):
    f = figures(load(tmp_path), dt.date(2025, 11, 1))
    assert f.resources == [1, 1, 2, 2, 2]
    assert f.resources_total == 2


@pytest.mark.build
def test_today_is_honoured(tmp_path):
    hb = load(tmp_path)
    later = figures(hb, dt.date(2026, 3, 1))
    assert (later.sessions.held, later.sessions.cancelled, later.sessions.to_come) == (6, 2, 0)
    assert [h.meta.title for h, _ in later.attendance][-1] == "Written ahead"
    assert later.resources_total == 3
    assert later.months[-1].key == "2026-03"
    assert later.by_month["reflection"][later.months.index(reports.Month(2025, 12))] == 1


@pytest.mark.build
def test_started_begins_the_period_and_results_are_counted(tmp_path):
    files = dict(FILES)
    files["communities/readers/index.md"] = CHARTER.replace("stage: active", "stage: active\nstarted: 2025-05-20")
    f = figures(load(tmp_path, files), dt.date(2025, 11, 1))
    assert f.start == dt.date(2025, 5, 20) and f.months[0].key == "2025-05"
    assert f.roles == {"core": 1, "active": 2, "occasional": 0, "peripheral": 1, "transactional": 0}
    assert f.legacy_by_kind["product"] == 2 and f.legacy_by_kind["decision"] == 1
    assert (len(f.success), len(f.outcomes), f.norms_covered) == (1, 2, 2)
    assert [h.meta.title for h in f.feedback] == ["September check-in"] and f.responses_total == 6
    assert [h.meta.title for h in f.stories] == ["Lena reads aloud"]


@pytest.mark.unit
def test_month_range_keeps_the_last_24_months():
    months = reports.month_range(dt.date(2020, 1, 5), dt.date(2025, 11, 1))
    assert len(months) == 24 and months[0].key == "2023-12" and months[-1].key == "2025-11"


@pytest.mark.unit
def test_the_reports_html_is_kept_out_of_markdown_and_put_back_whole(tmp_path):
    """Charts and tables skip Markdown's HTML parser (the reports' main cost); any other engine gets them inline."""
    from copsite.engine.planner import plan_site
    from copsite.pages.site import PageOut

    page = plan_site(load(tmp_path), make_options(today="2025-11-01")).pages["communities/readers/report.md"]
    assert "<svg" not in page.markdown and "<table" not in page.markdown
    assert "## Participation" in page.markdown  # headings stay Markdown: the table of contents lists them
    assert sum("<svg" in html for html in page.blocks.values()) == 3
    source = page.source()
    assert "copsite-html" not in source and source.count("<svg") == 3
    html = "<h2>Participation</h2>" + "".join(f"<p>{key}</p>" for key in page.blocks)
    assert page.fill(html).count("<svg") == 3
    with pytest.raises(ValueError, match="lost the marker"):
        PageOut("x.md", "X", "", blocks={"<!-- copsite-html 0 -->": "<table></table>"}).fill("<p>nothing</p>")


@pytest.mark.unit
def test_a_wrong_kind_is_an_error_listing_the_kinds(tmp_path):
    write(tmp_path, {**FILES, "communities/readers/highlights/2025-10-02-x.md": highlight("X", "kind: interview\nresponses: many\n")})
    _, problems = read_handbook(tmp_path, make_options(today="2025-11-01"))
    text = "\n".join(str(p) for p in problems.errors)
    assert "kind" in text and "check-in, survey, success-story, reflection, summary" in text
    assert "responses" in text and "whole number" in text


# --------------------------------------------------------------------------- build: pages, charts, badges, feeds


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from .conftest import build_site

    root = tmp_path_factory.mktemp("reports")
    write(root, {"mkdocs.yml": mkdocs_yml(), **{f"content/{k}": v for k, v in FILES.items()},
                 "content/communities/quiet/index.md": charter("Quiet ones", extra="stage: forming\n")})
    return build_site(root, strict=True)


def _figures(main) -> dict[str, str]:
    return {div.dt.get_text(strip=True): div.dd.get_text(strip=True) for div in main.select(".copsite-figures > div")}


@pytest.mark.build
def test_community_report_shows_its_figures_each_explained(built):
    main = built.main("communities/readers/report/")
    assert main.h1.get_text(strip=True) == "Report"
    text = main.get_text(" ", strip=True)
    assert "This community of practice is intended for teachers" in text
    assert "Period covered: Wed, Jul 2, 2025 to Sat, Nov 1, 2025" in text
    figures = _figures(main)
    assert figures["Sessions planned"] == "8" and figures["Sessions held"] == "3"
    assert figures["Cancelled"] == "2" and figures["Still to come"] == "3"
    assert figures["Core"] == "1" and figures["Active"] == "2"
    assert figures["Norms areas covered"] == "2 of 7" and figures["Legacy items"] == "3"
    assert "9.5 on average" in text
    assert "left out of the average rather than counted as zero" in text
    rows = [[td.get_text("", strip=True) for td in tr.select("td")] for t in main.select("table.copsite-data") if "Check-ins" in t.caption.get_text() for tr in t.tbody.select("tr")]
    assert rows == [["Check-in", "September check-in(Sat, Sep 20, 2025)", "6"]]
    assert main.select_one("a[href='../highlights/2025-10-15-story/']").get_text() == "Lena reads aloud"
    assert "Draft survey" not in text and "Written ahead" not in text


@pytest.mark.build
def test_charts_are_accessible_svg_with_the_same_numbers_in_a_table(built):
    main = built.main("communities/readers/report/")
    svgs = main.select("svg.copsite-chart")
    assert len(svgs) == 3
    for svg in svgs:
        assert svg["role"] == "img"
        ids = svg["aria-labelledby"].split()
        assert svg.find("title")["id"] == ids[0] and svg.find("desc")["id"] == ids[1]
        assert svg.find("title").get_text() and svg.find("desc").get_text()
        assert svg.find_all("text"), "axis labels stay text"
        assert not svg.find("script") and "http" not in svg.get("href", "")
        assert len(str(svg)) < 8000
    attendance = svgs[0]
    assert "average is 9.5" in attendance.find("desc").get_text()
    assert len(attendance.select("circle")) == 2
    table = svgs[0].find_parent("div").select_one("table")
    assert [[c.get_text("", strip=True) for c in tr.select("td")] for tr in table.tbody.select("tr")] == [
        ["First meeting(Wed, Jul 2, 2025)", "8"], ["Third meeting(Wed, Oct 1, 2025)", "11"],
    ]
    bars = svgs[1]
    assert {r["class"][0] for r in bars.select("rect")} == {"copsite-series--meeting", "copsite-series--check-in", "copsite-series--success-story"}
    month_table = bars.find_parent("div").select_one("table")
    assert [th.get_text() for th in month_table.thead.select("th")] == ["Month", "Meeting", "Check-in", "Success story"]
    assert [td.get_text() for td in month_table.tbody.select("tr")[1].select("td")] == ["Sep 2025", "1", "1", "0"]


@pytest.mark.build
def test_chart_colours_come_from_theme_variables(built):
    css = built.text("assets/copsite/copsite.css")
    assert "--copsite-kind-check-in: var(--md-primary-fg-color" in css
    assert "rect.copsite-series--check-in" in css and "fill: var(--copsite-kind-check-in)" in css


@pytest.mark.build
def test_handbook_report_has_a_row_per_community_sorted_by_stage(built):
    main = built.main("report/")
    rows = main.select("table.copsite-report-table tbody tr")
    assert [r.th.a.get_text(strip=True) for r in rows] == ["Readers", "Quiet ones"]  # active before forming
    assert rows[0].th.select_one(".copsite-badge").get_text() == "Active"
    cells = [td.get_text(" ", strip=True) for td in rows[0].select("td")]
    assert cells[:2] == ["3 of 8 held 2 cancelled · 3 to come", "9.5"]
    assert [td["data-label"] for td in rows[0].select("td")][:2] == ["Sessions", "Average attendance"]
    assert rows[0].th.a["href"] == "../communities/readers/report/"
    assert len(main.select("svg.copsite-chart[role=img]")) == 2


@pytest.mark.build
def test_reports_are_in_the_navigation(built):
    page = built.html("communities/readers/")
    nav = page.select_one(".md-nav--primary")
    links = [a.get_text(strip=True) for a in nav.select("a.md-nav__link")]
    assert "Report" in links
    section = [n for n in nav.select("li.md-nav__item--nested") if "Readers" in n.get_text()][-1]
    titles = [a.get_text(strip=True) for a in section.select("nav a.md-nav__link")]
    assert titles.index("Report") == titles.index("Results and legacy") + 1
    top = [a.get_text(strip=True) for a in nav.select(":scope > ul > li > a.md-nav__link")]
    assert "Report" in top


@pytest.mark.build
def test_kind_badges_in_lists_and_pages(built):
    items = built.main("communities/readers/highlights/").select("li.copsite-highlight")
    badges = {li.strong.get_text(): li.select_one(".copsite-hkind").get_text() for li in items}
    assert badges["September check-in"] == "Check-in" and badges["Lena reads aloud"] == "Success story"
    assert badges["First meeting"] == "Meeting"
    hub = built.main("highlights/").select_one(".copsite-hkind--check-in")
    assert hub is not None
    page = built.main("communities/readers/highlights/2025-09-20-check/")
    assert page.select_one(".copsite-hkind").get_text() == "Check-in"
    assert "6 responses" in page.get_text()


@pytest.mark.build
def test_feed_entries_carry_the_kind_as_a_category(built):
    feed = feedparser.parse(built.text("communities/readers/feed.xml"))
    by_title = {e.title: {t.term: t.get("label") for t in e.tags} for e in feed.entries}
    assert by_title["September check-in"]["check-in"] == "Check-in"
    assert by_title["Lena reads aloud"]["success-story"] == "Success story"


@pytest.mark.build
def test_no_names_in_reports_when_publish_members_is_false(handbook):
    built = handbook(FILES, options="publish_members: false")
    for address in ("communities/readers/report/", "report/"):
        text = str(built.main(address))
        for name in ("Ann Lee", "Bo Chen", "Cy Diaz", "Di Eng"):
            assert name not in text
    assert _figures(built.main("communities/readers/report/"))["Active"] == "2"


@pytest.mark.build
def test_print_margins_name_the_handbook_address_and_build_date(built):
    style = built.main("communities/readers/report/").find("style").get_text()
    assert '"Test handbook"' in style
    assert '"https://cop.example.org/communities/readers/report/"' in style
    assert "Built 2025-11-01" in style


# --------------------------------------------------------------------------- pdf: true


@pytest.mark.build
def test_pdf_option_writes_pdfs_holding_the_title_and_figures(handbook):
    pypdf = pytest.importorskip("pypdf")
    pytest.importorskip("weasyprint", reason="the extra copsite[pdf] is not installed")
    files = {k: v for k, v in FILES.items() if "highlights/" not in k or "first" in k or "check" in k}
    built = handbook(files, options="pdf: true")
    main = built.main("communities/readers/report/")
    assert main.select_one("a[href='../report.pdf']").get_text() == "Download as PDF"
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(built.site / "communities/readers/report.pdf").pages)
    assert "Readers" in text and "Sessions held" in text and "September check-in" in text
    assert "Test handbook" in text  # the page margins
    hb = "\n".join(p.extract_text() for p in pypdf.PdfReader(built.site / "report.pdf").pages)
    assert "Readers" in hb and "Community by community" in hb


@pytest.mark.unit
def test_pdf_without_weasyprint_is_a_configuration_error(tmp_path):
    write(tmp_path, {"mkdocs.yml": mkdocs_yml("pdf: true"), "content/communities/readers/index.md": CHARTER})
    code = (
        "import sys; sys.modules['weasyprint'] = None\n"  # as when the extra is not installed
        "from mkdocs.__main__ import cli; cli(['build', '-q'])"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "pdf: true needs WeasyPrint" in run.stderr and "copsite[pdf]" in run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.unit
def test_chart_axes_count_in_whole_numbers():
    from copsite.pages import charts

    for top in (1, 2, 5, 10, 20, 50, 100, 200, 500):
        svg = str(charts.bar_chart("c", "t", "d", ["a"], [charts.Series("meeting", "M", [top])]))
        values = re.findall(r'text-anchor="end" fill="#555">([^<]*)<', svg)
        assert values and all(v.isdigit() for v in values), (top, values)
        assert int(values[-1]) == top and len(values) <= 6


@pytest.mark.unit
def test_chart_month_labels_never_touch_at_any_count():
    from copsite.pages import charts

    for n in range(1, 30):
        for labels in ([f"Sep {2000 + i}" for i in range(n)], [f"sept. {2000 + i}" for i in range(n)]):
            placed = charts.x_labels(labels)
            assert placed[-1][2] == labels[-1]
            boxes = [(x, x + charts.text_width(t)) for x, _, t in placed]
            # inside the plot: none under the value axis' labels ("0" ends at LEFT - 4, a line above)
            assert all(charts.LEFT <= a and b <= charts.WIDTH - charts.RIGHT for a, b in boxes), (n, placed)
            assert all(b1 < a2 for (_, b1), (a2, _) in zip(boxes, boxes[1:])), (n, placed)

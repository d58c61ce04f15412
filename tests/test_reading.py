"""Every page read whole on a phone, in print and in French (issue 26).

Browser tier: the example (English), examples/fr (French) and the benchmark's generated handbook of
40 communities, each built once for the module and served; pages of every table-bearing type (plan,
calendar, reports) and a sample of the others, at 375 px and 1280 px. Sampled: in the generated
handbook one community's pages and the hubs; in French the pages with tables or charts. Printed
reports are read on A4 and Letter paper.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT, build_site
from .test_browser import Visit, _QuietHandler, browser  # noqa: F401  (the shared chromium fixture)

sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

PAGES = {
    "en": ["", "communities/", "communities/hospital-schools/", "communities/hospital-schools/norms/",
           "communities/hospital-schools/highlights/", "communities/hospital-schools/highlights/2026-01-21-transition-plans/",
           "communities/hospital-schools/plan/", "calendar/",
           "report/", "communities/hospital-schools/report/", "resources/", "legacy/"],
    "fr": ["communities/ecoles-hospitalieres/plan/", "calendar/", "report/", "communities/ecoles-hospitalieres/report/"],
    "gen40": ["communities/", "communities/bilingual-literacy-009/plan/", "calendar/", "report/",
              "communities/bilingual-literacy-009/report/", "highlights/", "legacy/"],
}  # fmt: skip

# The pages axe also reads in the slate scheme (with one of Material's primary colours: the example's
# own custom colours are its own, made for the default scheme).
SLATE = {"communities/", "communities/hospital-schools/plan/", "report/", "communities/ecoles-hospitalieres/report/", "calendar/"}

# What a reader cannot reach: the page wider than the screen, a table cell outside the screen and
# outside a scroll region a keyboard reaches (labelled, focusable), two texts of a chart on each other.
UNREACHABLE = """() => {
  const vw = document.documentElement.clientWidth;
  const out = {overflow: document.scrollingElement.scrollWidth - window.innerWidth, cells: [], charts: []};
  for (const cell of document.querySelectorAll("article td, article th")) {
    const r = cell.getBoundingClientRect();
    if (r.width === 0 || !cell.textContent.trim()) continue;
    const head = cell.closest("thead");  // stacked rows keep the headers for screen readers, off screen
    if (head && head.getBoundingClientRect().width <= 1) continue;
    const region = cell.closest("[role=region][tabindex='0'][aria-label]");
    if (region && region.scrollWidth > region.clientWidth) continue;
    if (r.right > vw + 1 || r.left < -1) out.cells.push(cell.textContent.trim().slice(0, 30));
  }
  for (const svg of document.querySelectorAll("svg.copsite-chart")) {
    const ts = [...svg.querySelectorAll("text")].map(t => [t.textContent, t.getBoundingClientRect()]);
    for (let i = 0; i < ts.length; i++) for (let j = i + 1; j < ts.length; j++) {
      const a = ts[i][1], b = ts[j][1];
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) out.charts.push(ts[i][0] + " | " + ts[j][0]);
    }
  }
  return out;
}"""


# 2.5.8: every target of copsite's markup in the article at least 24 x 24 px, or its 24 px circle
# clear of the others (a link inside a sentence is exempt).
SMALL_TARGETS = """() => {
  const sel = "article a[href], article button, article input, article select, article textarea, article summary";
  const els = [...document.querySelectorAll(sel)].filter(e => {
    const r = e.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(e).visibility === "hidden") return false;
    const block = e.closest("p, li, td, th, dd, dt, figcaption, h1, h2, h3, h4, h5, h6, caption");
    if (e.tagName === "A" && block) {
      const rest = block.textContent.replace(e.textContent, "").replace(/[\\s·,;:()|\\-–—]+/g, "");
      if (rest.length > 0) return false;  // inline, in a sentence
    }
    return true;
  });
  const rects = els.map(e => e.getBoundingClientRect());
  const small = rects.map(r => r.width < 23.5 || r.height < 23.5);
  const bad = [];
  els.forEach((e, i) => {
    if (!small[i]) return;
    const r = rects[i], cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    for (let j = 0; j < els.length; j++) {
      if (j === i) continue;
      const o = rects[j];
      const near = small[j]
        ? Math.hypot(cx - (o.left + o.width / 2), cy - (o.top + o.height / 2)) < 23.5
        : Math.hypot(Math.max(o.left - cx, 0, cx - o.right), Math.max(o.top - cy, 0, cy - o.bottom)) < 11.5;
      if (near) { bad.push(e.outerHTML.slice(0, 80)); return; }
    }
  });
  return bad;
}"""

# 2.4.11: each focusable element of the article, focused from the bottom of the page up (each
# one scrolled into view from below the one before), is below the sticky header.
UNDER_HEADER = """async () => {
  const header = document.querySelector(".md-header");
  const sel = "article a[href], article button, article select, article input, article summary";
  const els = [...document.querySelectorAll(sel)].filter(e => e.getBoundingClientRect().height > 0);
  const bad = [];
  window.scrollTo(0, document.scrollingElement.scrollHeight);
  for (const el of els.reverse()) {
    el.focus();
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    const r = el.getBoundingClientRect(), h = header.getBoundingClientRect();
    if (document.activeElement === el && r.top < h.bottom - 1) bad.push(el.textContent.trim().slice(0, 30));
  }
  return bad;
}"""


def _axe(page) -> list[str]:
    """Every violation axe-core finds, whatever its impact, on the page as the reader sees it."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in results.response["violations"]]


@dataclass
class Served:
    url: str
    root: Path
    """The built sites, a folder each: en, fr, gen40."""


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    work = tmp_path_factory.mktemp("reading")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")  # as in test_browser: the example's next sessions are ahead
    build_site(ROOT, strict=True, site_dir=work / "site" / "en")
    build_site(ROOT / "examples/fr", strict=True, site_dir=work / "site" / "fr")
    generate(work / "gen40", 40, seed=1)
    build_site(work / "gen40", strict=True, site_dir=work / "site" / "gen40")
    handler = functools.partial(_QuietHandler, directory=str(work / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield Served(f"http://127.0.0.1:{httpd.server_address[1]}/", work / "site")
    httpd.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_every_table_cell_chart_label_and_target_is_reachable_and_axe_finds_nothing(browser, sites, width):  # noqa: F811
    v = Visit(browser, sites.url, viewport={"width": width, "height": 800}, is_mobile=width < 500, has_touch=width < 500)
    try:
        bad = {}
        for site, addresses in PAGES.items():
            for address in addresses:
                page = v.go(f"{site}/{address}")
                page.wait_for_load_state("load")
                found = {k: x for k, x in page.evaluate(UNREACHABLE).items() if x}
                found["small targets"] = page.evaluate(SMALL_TARGETS)
                if width == 375 or site == "en":  # axe is slow: at 1280 px on the example's pages only
                    found["axe"] = _axe(page)
                if width == 375 and address in SLATE:  # the dark scheme, as Material's palette toggle sets it
                    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")  # colours at once
                    page.evaluate("Object.assign(document.body.dataset, {mdColorScheme: 'slate', mdColorPrimary: 'indigo', mdColorAccent: 'indigo'})")
                    found["axe slate"] = _axe(page)
                found = {k: x for k, x in found.items() if x}
                if found:
                    bad[f"{site}/{address}"] = found
        assert bad == {}
        assert v.errors == [] and v.outside == []
    finally:
        v.close()


# ---------------------------------------------------------------- print

PAPERS = {"A4": (210, 297), "Letter": (215.9, 279.4)}  # mm
MARGINS = (14, 13)  # mm, copsite.css's @page margin: 1.4cm 1.3cm

# Each chart of the report, with what says what it is (the heading and the sentence just before it,
# its legend), marked with words of its own (zq<figure><part>) and pushed down a printed page of its
# own until the page ends halfway down the chart: a page break belongs before the heading then.
PUSH = """(pageHeight) => {
  const figures = [...document.querySelectorAll("figure.copsite-figure")];
  const groups = figures.map((fig, i) => {
    const parts = ["c"];  // the chart's own texts
    const mark = (el, part) => { el.prepend(` zq${i}${part} `); el.append(` zq${i}${part} `); parts.push(part); };
    fig.querySelectorAll("svg.copsite-chart text").forEach(t => { t.textContent = `zq${i}c`; });
    const legend = fig.querySelector("figcaption");
    if (legend) mark(legend, "f");
    let start = fig.parentElement.matches(".copsite-pair") ? fig.parentElement : fig;
    let prev = start.previousElementSibling;
    if (prev && prev.matches(".copsite-explain")) { mark(prev, "e"); start = prev; prev = prev.previousElementSibling; }
    if (prev && /^H[2-6]$/.test(prev.tagName)) { mark(prev, "h"); start = prev; }
    return [fig, start, parts];
  });
  return groups.map(([fig, start, parts]) => {  // measured once every mark is in
    const head = parseFloat(getComputedStyle(start).marginTop) + fig.getBoundingClientRect().top - start.getBoundingClientRect().top;
    const spacer = document.createElement("div");
    spacer.className = "zq-spacer";
    spacer.style.cssText = `break-before: page; height: ${pageHeight - head - fig.getBoundingClientRect().height / 2}px`;
    start.before(spacer);
    return parts;
  });
}"""
# What lets a page break anywhere again: the control, where the push must part each chart from its words.
LOOSE = "@media print { :not(.zq-spacer) { break-before: auto !important; break-after: auto !important; break-inside: auto !important; } }"


def _printed(page, paper: str, loose: bool) -> list[dict[str, set[int]]]:
    """For each chart of the page as `paper` prints it, pushed (PUSH): the pages each of its parts is on."""
    import pypdf

    mm = 96 / 25.4
    (width, height), (top, side) = PAPERS[paper], MARGINS
    page.set_viewport_size({"width": round((width - 2 * side) * mm), "height": 800})  # as wide as the printed page
    page.emulate_media(media="print")
    page.reload()
    if loose:
        page.add_style_tag(content=LOOSE)
    parts = page.evaluate(PUSH, (height - 2 * top) * mm)  # measured as printed (and printed so: print media stays)
    assert parts, "no chart on the page"
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format=paper)))
    found: list[dict[str, set[int]]] = [{part: set() for part in p} for p in parts]
    for number, printed in enumerate(pdf.pages, start=1):
        for figure, part in re.findall(r"zq(\d+)([a-z])", printed.extract_text()):
            found[int(figure)][part].add(number)
    return found


@pytest.mark.browser
@pytest.mark.parametrize("address", ["en/report/", "en/communities/hospital-schools/report/"])
def test_a_printed_report_keeps_each_chart_on_the_page_of_its_heading_sentence_and_legend(browser, sites, address):  # noqa: F811
    v = Visit(browser, sites.url)
    try:
        v.go(address)
        for paper in PAPERS:
            together = _printed(v.page, paper, loose=False)
            assert all(all(f.values()) for f in together), together  # every part printed
            assert [len(set().union(*f.values())) for f in together] == [1] * len(together), (paper, together)
            # the control: with page breaks allowed anywhere, the push parts every chart from its words
            apart = _printed(v.page, paper, loose=True)
            assert all(len(set().union(*f.values())) > 1 for f in apart), (paper, apart)
        assert v.errors == [] and v.outside == []
    finally:
        v.close()


@pytest.mark.browser
def test_a_narrow_plan_is_stacked_rows_each_value_under_its_columns_name(browser, sites):  # noqa: F811
    v = Visit(browser, sites.url, viewport={"width": 375, "height": 800}, is_mobile=True)
    try:
        page = v.go("en/communities/hospital-schools/plan/")
        cell = page.locator(".copsite-plan td[data-label='Resources Required']").first
        assert cell.evaluate("e => getComputedStyle(e).display") == "block"
        assert cell.evaluate("e => getComputedStyle(e, '::before').content").startswith('attr(data-label)') or \
            "Resources Required" in cell.evaluate("e => getComputedStyle(e, '::before').content")
        assert page.get_by_role("columnheader", name="Resources Required").count() == 1  # still a table to screen readers
        # one size of type in a row: the date and the place
        sizes = page.evaluate(
            "() => { const td = document.querySelector('.copsite-plan td'); return [td.querySelector('time'), td.querySelector('.copsite-meta')].map(e => getComputedStyle(e).fontSize); }"
        )
        assert sizes[0] == sizes[1]
    finally:
        v.close()


@pytest.mark.browser
def test_an_old_filter_link_shows_the_filtered_bank_not_materials_search(browser, sites):  # noqa: F811
    v = Visit(browser, sites.url)
    try:
        page = v.go("en/resources/?kind=template&q=families")
        page.wait_for_timeout(500)  # Material's search opens over the page a moment after load
        assert page.evaluate("document.getElementById('__search').checked") is False
        assert "text=families" in page.url and "q=" not in page.url.replace("text=", "")
        kinds = page.locator("li.copsite-resource:visible").evaluate_all("els => els.map(e => e.dataset.kind)")
        assert kinds and set(kinds) == {"template"}
        assert page.input_value("form[data-copsite-filter] input[name=text]") == "families"
        assert v.errors == []
    finally:
        v.close()


@pytest.mark.browser
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_a_french_report_prints_its_margins_in_french(browser, sites, paper):  # noqa: F811
    import pypdf

    v = Visit(browser, sites.url)
    try:
        page = v.go("fr/communities/ecoles-hospitalieres/report/")
        pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format=paper)))
        text = "\n".join(p.extract_text() for p in pdf.pages)
        assert "Produit le 2026-11-18 · page 1 sur" in text
        assert "Built" not in text and " of " not in text
    finally:
        v.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_a_focused_element_is_never_under_the_header(browser, sites, width):  # noqa: F811
    v = Visit(browser, sites.url, viewport={"width": width, "height": 700})
    try:
        for address in ["en/communities/hospital-schools/", "en/communities/hospital-schools/plan/", "en/report/"]:
            page = v.go(address)
            assert page.evaluate(UNDER_HEADER) == [], address
    finally:
        v.close()


@pytest.mark.unit
def test_time_zones_and_french_sentences_read_as_readers_say_them():
    from copsite.i18n import language

    en, fr = language("en"), language("fr")
    assert en.zone("America/Toronto") == "Eastern Time (Toronto)" and en.zone("UTC") == "UTC"
    assert fr.zone("America/Edmonton") == "heure des Rocheuses (Edmonton)"
    assert en.gettext("Times are in %(timezone)s.", timezone=en.zone("America/Toronto")) == "Times are in Eastern Time (Toronto)."
    # a community's name after "de" would need "d'" before a vowel: the sentences go around it
    for msgid in ("All highlights of %(community)s", "Sections of %(community)s"):
        assert "de la communauté %(community)s" in fr.gettext(msgid)
    assert fr.gettext("Built %(date)s · page %(page)s of %(pages)s", date="d", page="1", pages="2") == "Produit le d · page 1 sur 2"

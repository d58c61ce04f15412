"""Every page read whole on a phone, in print and in French (issue 26).

Browser tier. Three handbooks, each built once for the module and served: the example (English),
examples/fr (French) and the benchmark's generated handbook of 40 communities, to which the test
gives Material's optional reading parts (tabs, the back-to-top button, the footer's links and a
palette toggle) so that their targets are measured too. Every type of page each handbook has (found
in the built site, one page a type) is read at 375 px and 1280 px, in the default and the slate
scheme; printed reports are read on A4 and Letter paper.
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

# ---------------------------------------------------------------- the page types

# Every page type copsite makes, in every handbook: its address with the community, the highlight
# and the page number made generic.
EVERY_HANDBOOK = {
    "", "communities/", "calendar/", "report/", "highlights/", "resources/", "legacy/",
    "communities/<community>/", "communities/<community>/norms/", "communities/<community>/plan/",
    "communities/<community>/highlights/", "communities/<community>/highlights/<highlight>/",
    "communities/<community>/post/", "communities/<community>/report/", "communities/<community>/resources/",
    "communities/<community>/legacy/",
}  # fmt: skip
EXPECTED = {
    # a community's reflection page; an author's own page in a community, and one at the top
    "en": EVERY_HANDBOOK | {"communities/<community>/reflection/", "communities/<community>/launch/", "about/"},
    "fr": EVERY_HANDBOOK | {"communities/<community>/reflection/", "communities/<community>/accueil-des-membres/"},
    # the hubs' second pages (the communities' index has one only above 50 communities)
    "gen40": EVERY_HANDBOOK | {"highlights/page/<n>/", "resources/page/<n>/", "legacy/page/<n>/", "calendar/page/<n>/"},
}
NOT_READ = {"admin/"}  # the browser editor: Sveltia's or Decap's application, from the CMS's own host


def page_types(site: Path) -> dict[str, str]:
    """One address for each type of page of a built site (its address made generic, as in EXPECTED):
    of a type, the page with the most markup (the fullest community's, highlight's), or page 2 of
    numbered pages. A type copsite adds later is read too, without a change here."""
    found: dict[str, list[tuple[Path, tuple[str, ...]]]] = {}
    for html in site.rglob("index.html"):
        parts = html.parent.relative_to(site).parts
        generic = list(parts)
        for i, part in enumerate(parts):
            if i > 0 and parts[i - 1] == "page" and part.isdigit():
                generic[i] = "<n>"
            elif i == 1 and parts[0] == "communities" and part != "page":
                generic[i] = "<community>"
            elif i == 3 and parts[0] == "communities" and parts[2] == "highlights" and part != "page":
                generic[i] = "<highlight>"
        found.setdefault("".join(f"{p}/" for p in generic), []).append((html, parts))
    chosen = {}
    for kind, pages in found.items():
        if kind in NOT_READ:
            continue
        if "<n>" in kind:
            html, parts = min(pages, key=lambda p: [int(x) if x.isdigit() else 0 for x in p[1]])
        else:
            html, parts = max(pages, key=lambda p: (p[0].stat().st_size, p[1]))
        chosen[kind] = "".join(f"{p}/" for p in parts)
    return chosen


# ---------------------------------------------------------------- what a reader cannot reach

# The page wider than the screen; a table cell outside the screen and outside a scroll region a
# keyboard reaches (labelled, focusable); a code block that scrolls but is no such region, or that
# leaves the screen; two texts of a chart on each other.
UNREACHABLE = """() => {
  const vw = document.documentElement.clientWidth;
  const out = {overflow: Math.max(0, document.scrollingElement.scrollWidth - window.innerWidth), cells: [], code: [], charts: []};
  for (const cell of document.querySelectorAll("article td, article th")) {
    const r = cell.getBoundingClientRect();
    if (r.width === 0 || !cell.textContent.trim()) continue;
    const head = cell.closest("thead");  // stacked rows keep the headers for screen readers, off screen
    if (head && head.getBoundingClientRect().width <= 1) continue;
    const region = cell.closest("[role=region][tabindex='0'][aria-label]");
    if (region && region.scrollWidth > region.clientWidth) continue;
    if (r.right > vw + 1 || r.left < -1) out.cells.push(cell.textContent.trim().slice(0, 30));
  }
  for (const pre of document.querySelectorAll("article pre")) {
    const r = pre.getBoundingClientRect();
    if (r.width === 0) continue;
    const text = pre.textContent.trim().slice(0, 30);
    const box = [pre.querySelector(":scope > code"), pre].find(b => b && b.scrollWidth > b.clientWidth + 1);
    if (box && !box.matches("[role=region][tabindex='0'][aria-label]")) out.code.push("scrolls, no region: " + text);
    if (r.right > vw + 1 || r.left < -1) out.code.push("off the screen: " + text);
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

# 2.5.8, on the whole page (header, tabs, navigation, table of contents, article, footer, search):
# every target at least 24 x 24 px, or its 24 px circle clear of the other targets and of their
# circles. A target is a link, a button, a form control, a summary, or a label Material uses as a
# button (it shows the pointer: the header's drawer, search and palette buttons, a section's toggle);
# not a box that is focusable only to be scrolled. Exempt, as 2.5.8 says: a link inside a sentence.
# Not measured: a target off the screen (the closed drawer), scrolled out of its sidebar, or under
# something else where its centre is (the search's overlay, the header). Two targets one inside the
# other are one place to tap.
TARGETS = r"""() => {
  const vw = document.documentElement.clientWidth;
  const native = "a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [role=link], [role=tab], [role=checkbox], [role=switch], [role=menuitem], [role=option]";
  const isTarget = e => e.matches(native) || (e.matches("label[for]") && getComputedStyle(e).cursor === "pointer");
  const inSentence = e => {
    if (getComputedStyle(e).display !== "inline") return false;
    let block = e.parentElement;
    while (block && getComputedStyle(block).display.startsWith("inline")) block = block.parentElement;
    return !!block && block.textContent.replace(e.textContent, "").replace(/[\s·,;:()|\-–—]+/g, "").length > 0;
  };
  const shown = e => {  // some of it inside the screen and inside every box that clips it
    const r = e.getBoundingClientRect();
    let [l, t, rt, b] = [Math.max(r.left, 0), r.top, Math.min(r.right, vw), r.bottom];
    for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX !== "visible" || cs.overflowY !== "visible") {
        const c = a.getBoundingClientRect();
        l = Math.max(l, c.left); t = Math.max(t, c.top); rt = Math.min(rt, c.right); b = Math.min(b, c.bottom);
      }
      if (cs.position === "fixed") break;
    }
    return rt - l >= 1 && b - t >= 1;
  };
  const onTop = e => {  // where the screen shows its centre, a pointer there reaches it, not something over it
    const r = e.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
    if (x < 0 || x >= vw || y < 0 || y >= innerHeight) return true;
    const hit = document.elementFromPoint(x, y);
    return !hit || e.contains(hit);
  };
  const els = [...document.querySelectorAll("a, button, input, select, textarea, summary, label, [role]")].filter(e =>
    isTarget(e) && e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true}) && e.getBoundingClientRect().width > 0 &&
    !inSentence(e) && shown(e) && onTop(e));
  const rects = els.map(e => e.getBoundingClientRect());
  const small = rects.map(r => r.width < 23.5 || r.height < 23.5);
  const where = e => (e.closest(".md-header, .md-tabs, .md-sidebar--primary, .md-sidebar--secondary, article, .md-footer, .md-search, .md-top") || {className: "page"}).className.split(" ")[0];
  const bad = [];
  els.forEach((e, i) => {
    if (!small[i]) return;
    const r = rects[i], cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    for (let j = 0; j < els.length; j++) {
      if (j === i || e.contains(els[j]) || els[j].contains(e)) continue;
      const o = rects[j];
      const near = small[j]
        ? Math.hypot(cx - (o.left + o.width / 2), cy - (o.top + o.height / 2)) < 23.5
        : Math.hypot(Math.max(o.left - cx, 0, cx - o.right), Math.max(o.top - cy, 0, cy - o.bottom)) < 11.5;
      if (near) {
        bad.push(`${where(e)}: ${e.outerHTML.replace(/\s+/g, " ").slice(0, 70)} (${Math.round(r.width)} x ${Math.round(r.height)})`);
        return;
      }
    }
  });
  return bad;
}"""

# 2.4.11, on the whole page: each element a keyboard reaches, focused from the bottom of the page up
# (the browser scrolls each into view from below the one before, the way it hides under a sticky
# header), is not under the header. Under the header: the header is drawn over part of it (what the
# browser finds at that point is the header's). Not under it: an element drawn over the header (the
# skip link), one in the header itself, one off the screen (the closed drawer, Material's, whose
# links a keyboard reaches; 2.4.7's question, not this one's), one inside a sticky sidebar, which
# starts below the header and scrolls its own focused link into view. A box the browser does not
# bring whole into view when focused, because it is taller than the room below the header or it is
# a text area (the browser shows its caret, not the whole box), must show in part below the header:
# 2.4.11's own minimum, "not entirely hidden".
UNDER_HEADER = """() => {
  document.documentElement.style.scrollBehavior = "auto";
  const header = document.querySelector(".md-header");
  const vw = document.documentElement.clientWidth;
  const els = [...document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]")].filter(e =>
    e.tabIndex >= 0 && !e.disabled && !header.contains(e) && e.checkVisibility({checkVisibilityCSS: true}) && e.getBoundingClientRect().height > 0);
  const bad = [];
  window.scrollTo(0, document.scrollingElement.scrollHeight);
  for (const el of els.reverse()) {
    el.focus();
    if (document.activeElement !== el) continue;
    const r = el.getBoundingClientRect(), h = header.getBoundingClientRect();
    if (r.right <= 0 || r.left >= vw || r.top >= h.bottom - 1 || r.bottom <= h.top) continue;
    const hit = document.elementFromPoint(Math.min(Math.max(r.left + r.width / 2, 0), vw - 1), Math.max(r.top, h.top) + 1);
    if (!hit || !header.contains(hit)) continue;
    if ((el.tagName === "TEXTAREA" || r.height > innerHeight - h.bottom) && r.bottom > h.bottom + 1) continue;
    bad.push(el.outerHTML.replace(/\\s+/g, " ").slice(0, 60));
  }
  return bad;
}"""


# ---------------------------------------------------------------- axe

COLOURS = ["color-contrast", "link-in-text-block"]  # the rules whose findings a palette changes
COLOURS_ONLY = {"runOnly": {"type": "rule", "values": COLOURS}, "resultTypes": ["violations"]}
ALL_BUT_COLOURS = {"rules": {rule: {"enabled": False} for rule in COLOURS}, "resultTypes": ["violations"]}

# The colour rules are most of axe's time on a long page, and a part of the page coloured as one
# before it adds nothing to them: they read the first of each look (the names, classes and styles of
# an element and everything in it) among an element's children, and among the items of the lists,
# table bodies and lists of cards of one look. Every other rule reads the whole page.
SAME_LOOK = """() => {
  const look = e => e.tagName + "." + [...e.classList].sort().join(".") + (e.hasAttribute("aria-current") ? "[aria-current]" : "") + (e.getAttribute("style") || "");
  const looks = e => [...new Set([e, ...e.querySelectorAll("*")].map(look))].sort().join(" ");
  const seenIn = new Map();
  for (const parent of document.body.querySelectorAll("*")) {
    if (parent.children.length < 2) continue;
    const kind = parent.matches("ul, ol, tbody, dl, [data-copsite-items]") ? look(parent) + " in " + look(parent.parentElement) : parent;
    if (!seenIn.has(kind)) seenIn.set(kind, new Set());
    const seen = seenIn.get(kind);
    for (const child of parent.children) {
      const key = looks(child);
      if (seen.has(key)) child.setAttribute("data-copsite-same-look", ""); else seen.add(key);
    }
  }
}"""
ONE_OF_EACH_LOOK = {"exclude": [["[data-copsite-same-look]"]]}


@functools.cache
def _axe_source() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def _axe(page, options, context=None) -> list[str]:
    """Every violation axe-core finds, whatever its impact, on the page as the reader sees it (the
    whole page, Material's markup with copsite's, unless `context` leaves some out); axe is put into
    the page once."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(_axe_source())
    results = page.evaluate("([c, o]) => axe.run(c || document, o)", [context, options])
    return [f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}" for v in results["violations"]]


def _axe_in_both_schemes(page, colours: bool) -> dict[str, list[str]]:
    """axe on the page: every rule but the colours' in the default scheme; with `colours`, the rules
    about colours too, in the default scheme and then in Material's slate scheme (nothing else
    changes with the palette)."""
    found = {"axe": _axe(page, ALL_BUT_COLOURS)}
    if colours:
        page.evaluate(SAME_LOOK)
        found["axe, colours"] = _axe(page, COLOURS_ONLY, ONE_OF_EACH_LOOK)
        _slate(page)
        found["axe, colours, slate"] = _axe(page, COLOURS_ONLY, ONE_OF_EACH_LOOK)
    return found


def _slate(page) -> None:
    """The dark scheme, in place, as Material's palette toggle sets it (with one of Material's primary
    colours: the examples' own custom colours are made for the default scheme)."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")  # colours at once
    page.evaluate("Object.assign(document.body.dataset, {mdColorScheme: 'slate', mdColorPrimary: 'indigo', mdColorAccent: 'indigo'})")


# ---------------------------------------------------------------- the handbooks


@dataclass
class Served:
    url: str
    root: Path
    """The built sites, a folder each: en, fr, gen40."""


READING_PARTS = """features: [navigation.indexes, navigation.prune, navigation.tabs, navigation.top, navigation.footer]
  palette:
    - scheme: default
      toggle: {icon: material/brightness-4, name: Dark scheme}
    - scheme: slate
      toggle: {icon: material/brightness-7, name: Light scheme}"""


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    work = tmp_path_factory.mktemp("reading")
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")  # as in test_browser: the example's next sessions are ahead
    build_site(ROOT, strict=True, site_dir=work / "site" / "en")
    build_site(ROOT / "examples/fr", strict=True, site_dir=work / "site" / "fr")
    generate(work / "gen40", 40, seed=1)
    config = work / "gen40" / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "features: [navigation.indexes, navigation.prune]" in text
    config.write_text(text.replace("features: [navigation.indexes, navigation.prune]", READING_PARTS), encoding="utf-8")
    build_site(work / "gen40", strict=True, site_dir=work / "site" / "gen40")
    handler = functools.partial(_QuietHandler, directory=str(work / "site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield Served(f"http://127.0.0.1:{httpd.server_address[1]}/", work / "site")
    httpd.shutdown()


# ---------------------------------------------------------------- every page type



def _at(browser, sites, width: int) -> Visit:  # noqa: F811
    """A visit at `width` px: a phone (touch, mobile) under 500 px, else a desktop."""
    return Visit(browser, sites.url, viewport={"width": width, "height": 800}, is_mobile=width < 500, has_touch=width < 500)


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("site", ["en", "fr", "gen40"])
def test_every_page_type_reads_whole_in_both_schemes_and_axe_finds_nothing(browser, sites, site, width):  # noqa: F811
    """Each page type: no sideways scroll, every table cell and code block reachable, no chart text on
    another, every target 24 px or spaced, and axe-core finds nothing, at any impact, in either scheme.

    The rules about colours run at 1280 px, in both schemes: at 375 px a page shows the same texts,
    in the same colours on the same backgrounds, less the sidebars (and the drawer, closed, is off the
    screen at both widths), so they would find nothing new there. Every other rule runs at both
    widths: what a keyboard reaches, what scrolls and the size of targets change with the width."""
    types = page_types(sites.root / site)
    assert EXPECTED[site] <= set(types), sorted(EXPECTED[site] - set(types))
    v = _at(browser, sites, width)
    try:
        bad = {}
        for kind, address in sorted(types.items()):
            page = v.go(f"{site}/{address}")
            found = {k: x for k, x in page.evaluate(UNREACHABLE).items() if x}
            found["small targets"] = page.evaluate(TARGETS)
            found.update(_axe_in_both_schemes(page, colours=width == 1280))
            found = {k: x for k, x in found.items() if x}
            if found:
                bad[f"{site}/{address} ({kind})"] = found
        assert not bad, "".join(f"\n{where}" + "".join(f"\n    {what}: {x}" for what, x in found.items()) for where, found in bad.items())
        assert v.errors == [] and v.outside == []
    finally:
        v.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_materials_search_results_and_back_to_top_button_are_targets_of_24_px(browser, sites, width):  # noqa: F811
    v = _at(browser, sites, width)
    try:
        page = v.go("gen40/highlights/")
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(300)
        page.mouse.wheel(0, -200)  # Material shows "Back to top" as the reader scrolls back up
        page.locator(".md-top").wait_for(state="visible")
        assert page.evaluate(TARGETS) == []
        page = v.go("en/")
        button = page.locator("label.md-header__button[for=__search]")  # on a phone; wider, the field is in the header
        (button if button.is_visible() else page.locator(".md-search__input")).click()
        page.locator(".md-search__input").press_sequentially("transition plans")  # Material searches as keys are typed
        page.locator(".md-search-result__item").first.wait_for()
        assert page.evaluate(TARGETS) == []
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
def test_a_code_block_wider_than_the_page_is_reached_with_tab_and_named_in_the_handbooks_language(browser, sites, width):  # noqa: F811
    v = _at(browser, sites, width)
    try:
        for address, name in [
            ("en/about/", "Code: How to contribute"),
            ("fr/communities/ecoles-hospitalieres/accueil-des-membres/", "Code\u00a0: Accueil des nouveaux membres"),
        ]:
            page = v.go(address)
            page.wait_for_timeout(300)  # Material looks at its code blocks (and takes a tabindex away) after load
            for _ in range(80):  # the keyboard's way through the page, from its start
                page.keyboard.press("Tab")
                if page.evaluate("document.activeElement.matches('pre > code')"):
                    break
            code = page.locator("pre > code")
            assert code.evaluate("e => e === document.activeElement"), address
            assert code.get_attribute("role") == "region" and code.get_attribute("aria-label") == name
            assert code.evaluate("e => e.scrollWidth > e.clientWidth")  # the region scrolls: the arrow keys move it
            page.keyboard.press("ArrowRight")
            page.wait_for_function("() => document.querySelector('pre > code').scrollLeft > 0", timeout=3000)  # scrolled (smoothly)
        assert v.errors == [] and v.outside == []
    finally:
        v.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_a_focused_element_is_never_under_the_header(browser, sites, width):  # noqa: F811
    v = Visit(browser, sites.url, viewport={"width": width, "height": 700})
    try:
        # a community's home, its plan (a table), a report (charts), the post page (a form), an author's page
        # (a code block); in the generated handbook, pages with Material's tabs and a hub's pager
        for address in ["en/communities/hospital-schools/", "en/communities/hospital-schools/plan/", "en/report/",
                        "en/communities/hospital-schools/post/", "en/about/", "gen40/communities/bilingual-literacy-009/plan/",
                        "gen40/resources/page/2/"]:  # fmt: skip
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

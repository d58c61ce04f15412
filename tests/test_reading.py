"""Every page read whole on a phone, in print and in French (issue 26).

Browser tier: the example (English), examples/fr (French) and the benchmark's generated handbook of
40 communities, each built once for the module and served; pages of every table-bearing type (plan,
calendar, reports) and a sample of the others, at 375 px and 1280 px. Sampled: in the generated
handbook one community's pages and the hubs; in French the pages with tables or charts.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import sys
import threading

import pytest

from .conftest import ROOT, build_site
from .test_browser import Visit, _QuietHandler, browser  # noqa: F401  (the shared chromium fixture)

sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

PAGES = {
    "en": ["", "communities/", "communities/hospital-schools/", "communities/hospital-schools/plan/", "calendar/",
           "report/", "communities/hospital-schools/report/", "resources/", "legacy/"],
    "fr": ["communities/ecoles-hospitalieres/plan/", "calendar/", "report/", "communities/ecoles-hospitalieres/report/"],
    "gen40": ["communities/", "communities/bilingual-literacy-009/plan/", "calendar/", "report/",
              "communities/bilingual-literacy-009/report/"],
}  # fmt: skip

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
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1280])
def test_every_table_cell_and_chart_label_is_reachable(browser, sites, width):  # noqa: F811
    v = Visit(browser, sites, viewport={"width": width, "height": 800}, is_mobile=width < 500, has_touch=width < 500)
    try:
        bad = {}
        for site, addresses in PAGES.items():
            for address in addresses:
                page = v.go(f"{site}/{address}")
                page.wait_for_load_state("load")
                found = {k: x for k, x in page.evaluate(UNREACHABLE).items() if x}
                if found:
                    bad[f"{site}/{address}"] = found
        assert bad == {}
        assert v.errors == [] and v.outside == []
    finally:
        v.close()


@pytest.mark.browser
def test_a_narrow_plan_is_stacked_rows_each_value_under_its_columns_name(browser, sites):  # noqa: F811
    v = Visit(browser, sites, viewport={"width": 375, "height": 800}, is_mobile=True)
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
    v = Visit(browser, sites)
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

    v = Visit(browser, sites)
    try:
        page = v.go("fr/communities/ecoles-hospitalieres/report/")
        pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format=paper)))
        text = "\n".join(p.extract_text() for p in pdf.pages)
        assert "Produit le 2026-11-18 · page 1 sur" in text
        assert "Built" not in text and " of " not in text
    finally:
        v.close()

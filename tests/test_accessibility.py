"""Every handbook as accessible as the example: copsite's mends of Material, in every palette.

Build tier: the search dialog is named on every page, in the handbook's language, and a
handbook's own theme.custom_dir still wins. Browser tier (axe-core in Debian's chromium, as in
test_browser.py): whole pages of a `copsite init` handbook in the default and the slate scheme
with several of Material's primary colours have no serious or critical violation; copsite's
own elements keep 4.5:1 with every primary colour in both schemes; and with copsite's mends
taken out of the page, axe finds Material's problems again.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from .conftest import ROOT, build_site, charter, write
from .test_browser import Visit, _QuietHandler, browser  # noqa: F401  (the shared chromium fixture)
from .test_cli import run

# ---------------------------------------------------------------- build tier


def _handbook(root: Path, theme: str = "") -> Path:
    write(
        root,
        {
            "mkdocs.yml": "site_name: Test handbook\ndocs_dir: content\ntheme:\n  name: material\n  font: false\n"
            + theme
            + "plugins:\n  - search\n  - copsite:\n      today: 2025-11-01\n",
            "content/index.md": "---\ntitle: Home\n---\nWelcome.\n",
            "content/communities/readers/index.md": charter(),
        },
    )
    return root


def _dialogs(built):
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) >= 4
    return {p.relative_to(built.site).as_posix(): built.html(p.relative_to(built.site).as_posix()).select(".md-search[role=dialog]") for p in pages}


@pytest.mark.build
def test_the_search_dialog_is_named_on_every_page(tmp_path):
    built = build_site(_handbook(tmp_path), strict=True)
    for page, dialogs in _dialogs(built).items():
        assert len(dialogs) == 1, page
        assert dialogs[0].get("aria-label") == "Search", page
        # the rest is Material's own partial, untouched
        assert dialogs[0].select_one("input.md-search__input[data-md-component=search-query]") is not None, page
        assert dialogs[0].select_one("[data-md-component=search-result]") is not None, page


@pytest.mark.build
def test_the_search_dialog_is_named_in_the_handbooks_language(tmp_path):
    built = build_site(_handbook(tmp_path, "  language: fr\n"), strict=True)
    for page, dialogs in _dialogs(built).items():
        assert [d.get("aria-label") for d in dialogs] == ["Recherche"], page  # Material's own word for search in French


@pytest.mark.unit
def test_copsites_search_partial_is_materials_own_with_the_dialogs_name():
    """When a new Material changes its search partial, this says so: copy it again, with the name."""
    import material

    ours = (Path(__import__("copsite").__file__).parent / "overrides/partials/search.html").read_text(encoding="utf-8")
    theirs = (Path(material.__file__).parent / "templates/partials/search.html").read_text(encoding="utf-8")
    body = lambda text: text.split("-#}\n", 1)[1]  # noqa: E731  (after the comment at the top)
    named = body(theirs).replace('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">', 1)
    assert named != body(theirs)
    assert body(ours) == named


@pytest.mark.build
def test_a_handbooks_own_search_partial_still_wins(tmp_path):
    write(
        tmp_path,
        {"overrides/partials/search.html": '<div class="md-search" data-md-component="search" role="dialog" aria-label="Find a page"></div>\n'},
    )
    built = build_site(_handbook(tmp_path, "  custom_dir: overrides\n"), strict=True)
    for page, dialogs in _dialogs(built).items():
        assert [d.get("aria-label") for d in dialogs] == ["Find a page"], page


@pytest.mark.build
def test_an_export_built_without_copsite_keeps_the_mends(tmp_path):
    hb = _handbook(tmp_path / "hb")
    run("export", str(tmp_path / "out"), cwd=hb)
    built = build_site(tmp_path / "out", strict=True)  # plain MkDocs: no copsite in the config
    for page, dialogs in _dialogs(built).items():
        assert [d.get("aria-label") for d in dialogs] == ["Search"], page
    assert ".md-copyright { --md-footer-fg-color--lighter" in built.text("assets/copsite/copsite.css")


# ---------------------------------------------------------------- browser tier

# (scheme, primary): both schemes, five primary colours. Amber's links on white, and white header
# text on teal and red, need copsite's colours.
PALETTES = [("default", "indigo"), ("slate", "deep-purple"), ("default", "amber"), ("slate", "teal"), ("default", "red")]
PAGES = ["", "communities/", "communities/our-first-community/", "communities/our-first-community/plan/"]
# Every primary colour of Material 9 (the `palette.primary` values), for copsite's own elements.
PRIMARIES = [
    "red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal", "green", "light-green",
    "lime", "yellow", "amber", "orange", "deep-orange", "brown", "grey", "blue-grey", "black", "white",
]  # fmt: skip


# The example's pages with copsite's elements: cards, badges, filters, plan table, "Post a highlight".
SWEEP = {
    "communities/": [".copsite-card", ".copsite-stage--concluded", "form[data-copsite-filter] select"],
    "communities/hospital-schools/": [".copsite-post .md-button--primary", ".copsite-sections", ".copsite-next"],
    "communities/hospital-schools/plan/": [".copsite-plan table", ".copsite-badge--next", ".copsite-badge--cancelled"],
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """A `copsite init` handbook (with a repository: "Post a highlight"), built once per palette and served."""
    work = tmp_path_factory.mktemp("a11y")
    run("init", "hb", "--name", "Our CoPs", "--repo", "https://github.com/lakeside/handbook", cwd=work)
    source = work / "hb"
    # The sample community is left out of built sites until its writers make it theirs: as they would.
    charter_file = source / "content/communities/our-first-community/index.md"
    text = charter_file.read_text(encoding="utf-8")
    assert "\nsample: true\n" in text
    charter_file.write_text(text.replace("\nsample: true\n", "\n", 1), encoding="utf-8")
    root = work / "sites"
    build_site(source, strict=True, site_dir=root / "plain")  # as init writes it: no palette
    text = (source / "mkdocs.yml").read_text(encoding="utf-8")
    assert "palette" not in text and "\ntheme:\n" in text
    for scheme, primary in PALETTES:
        (source / "mkdocs.yml").write_text(
            text.replace("\ntheme:\n", f"\ntheme:\n  palette:\n    scheme: {scheme}\n    primary: {primary}\n    accent: {primary}\n", 1),
            encoding="utf-8",
        )
        build_site(source, strict=True, site_dir=root / f"{scheme}-{primary}")
    # The example's content under a palette of Material's (not its own custom one): every copsite element.
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1795000000")  # as in test_browser: the example's next sessions are ahead
    example = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    example = example.replace("docs_dir: content", f"docs_dir: {ROOT / 'content'}").replace("  custom_dir: theme", "")
    write(work / "example", {"mkdocs.yml": example.replace("primary: custom", "primary: indigo").replace("accent: custom", "accent: indigo")})
    build_site(work / "example", strict=True, site_dir=root / "example")
    dark = example.replace("scheme: default", "scheme: slate").replace("primary: custom", "primary: teal").replace("accent: custom", "accent: teal")
    write(work / "example", {"mkdocs.yml": dark})
    build_site(work / "example", strict=True, site_dir=root / "example-slate")
    handler = functools.partial(_QuietHandler, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.browser
@pytest.mark.parametrize("site", ["example", "example-slate"])
def test_axe_finds_no_serious_violation_on_whole_pages_of_the_example_in_a_material_palette(browser, sites, site):  # noqa: F811
    """The example's own palette is covered by test_browser; here Material's, light and dark."""
    v = Visit(browser, sites + site + "/")
    try:
        for address in [*SWEEP, "resources/", "highlights/"]:
            page = v.go(address)
            scheme = "slate" if site.endswith("slate") else "default"
            assert page.evaluate("document.body.dataset.mdColorScheme") == scheme
            assert _serious(page) == [], f"{site}: /{address}"
        assert v.errors == [] and v.outside == []
    finally:
        v.close()


def _serious(page, targets=3, **options) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, **options)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:targets]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _contrast(page, parts) -> list[str]:
    """axe-core's color-contrast rule alone on parts of the page; axe is put into the page once."""
    from axe_playwright_python.sync_playwright import Axe

    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(Axe().axe_script)
    results = page.evaluate(
        "([c, o]) => axe.run(c, o)", [{"include": parts}, {"runOnly": ["color-contrast"], "resultTypes": ["violations"]}]
    )
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in results["violations"]]


@pytest.mark.browser
@pytest.mark.parametrize("site", ["plain", *(f"{s}-{p}" for s, p in PALETTES)])
def test_axe_finds_no_serious_violation_on_whole_pages_of_a_new_handbook(browser, sites, site):  # noqa: F811
    v = Visit(browser, sites + site + "/")
    try:
        for address in PAGES:
            page = v.go(address)
            if site != "plain":
                scheme, primary = site.split("-", 1)
                assert page.evaluate("[document.body.dataset.mdColorScheme, document.body.dataset.mdColorPrimary]") == [scheme, primary]
            assert _serious(page) == [], f"{site}: /{address}"
        assert v.errors == [] and v.outside == []
    finally:
        v.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_copsite_elements_keep_contrast_with_every_primary_colour(browser, sites, scheme):  # noqa: F811
    """Each of Material's primary (and accent) colours, set as Material's palette toggle sets them."""
    v = Visit(browser, sites + "example/")
    try:
        for n, (address, shows) in enumerate(SWEEP.items()):
            # copsite's own elements; and the header (the same on every page) once
            parts = [[".md-content [class*='copsite-']"], *([[".md-header"]] if n == 0 else [])]
            page = v.go(address)
            for selector in shows:
                assert page.locator(selector).first.is_visible(), selector
            page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
            for primary in PRIMARIES:
                page.evaluate(
                    "([s, p]) => Object.assign(document.body.dataset, {mdColorScheme: s, mdColorPrimary: p, mdColorAccent: p})",
                    [scheme, primary],
                )
                bad = _contrast(page, parts)
                assert bad == [], f"{scheme} {primary}: /{address}"
    finally:
        v.close()


@pytest.mark.browser
def test_without_copsites_mends_axe_finds_materials_problems_again(browser, sites):  # noqa: F811
    v = Visit(browser, sites + "default-amber/")
    try:
        page = v.go("communities/our-first-community/")
        assert _serious(page) == []
        # Take copsite's mends out of the page: the dialog's name, and copsite's colour rules.
        page.evaluate(
            """() => {
              document.querySelector('.md-search[role=dialog]').removeAttribute('aria-label');
              for (const sheet of document.styleSheets) {
                if (!(sheet.href || '').endsWith('copsite.css')) continue;
                for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
                  const s = sheet.cssRules[i].selectorText || '';
                  if (s === '.md-copyright' || s.includes('data-md-color-primary')) sheet.deleteRule(i);
                }
              }
            }"""
        )
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
        bad = "\n".join(_serious(page, targets=99))
        assert "aria-dialog-name" in bad
        assert "color-contrast" in bad and ".md-copyright" in bad
        # amber links on white without copsite's darker amber: the community's section links
        assert 'a[href$="plan/"]' in bad
    finally:
        v.close()

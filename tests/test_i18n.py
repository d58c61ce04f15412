"""The handbook's language (issue 13): catalogs complete, templates free of bare words,
a French handbook with no English word of copsite's, an English one with no French word,
Babel's dates and times, and the French example in a browser (axe, <html lang>, the filter)."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from copsite import i18n

from .conftest import ROOT, build_site
from .test_browser import browser  # noqa: F401  (the browser tier's Chromium, a fixture)

TEMPLATES = Path(i18n.__file__).parent / "templates"
FRENCH_EXAMPLE = ROOT / "examples" / "fr"
EPOCH = "1795000000"  # 2026-11-18, a Wednesday: the examples' next sessions are ahead


def _catalog(path: Path, locale: str | None = None):
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def _key(m):
    return (m.context, m.id if isinstance(m.id, str) else tuple(m.id))


# ----------------------------------------------------------------- the catalogs


@pytest.mark.unit
def test_the_template_lists_every_message_of_the_sources():
    extracted = {_key(m) for m in i18n.extract() if m.id}
    listed = {_key(m) for m in _catalog(i18n.TEMPLATE) if m.id}
    assert extracted - listed == set(), "run `python -m copsite.i18n update`"
    assert listed - extracted == set(), "run `python -m copsite.i18n update`"


@pytest.mark.unit
@pytest.mark.parametrize("language", i18n.languages()[1:])
def test_every_catalog_translates_every_message(language):
    catalog = _catalog(i18n.LOCALE_DIR / language / "LC_MESSAGES" / "copsite.po", language)
    missing = []
    for m in i18n.extract():
        if not m.id:
            continue
        found = catalog.get(m.id, context=m.context)
        strings = () if found is None else (found.string if isinstance(found.string, tuple) else (found.string,))
        if found is None or found.fuzzy or not strings or not all(strings):
            missing.append(_key(m))
    assert missing == []
    # Babel's own checks: the same %(placeholders)s in the translation as in the message.
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check() if errors]
    assert problems == []


def bare_words(source: str) -> list[str]:
    """The words a template writes that no gettext call wraps (and the words of its human attributes)."""
    s = re.sub(r"\{#.*?#\}", " ", source, flags=re.S)
    s = re.sub(r"\{%.*?%\}", " ", s, flags=re.S)
    s = re.sub(r"\{\{.*?\}\}", " ", s, flags=re.S)
    words = []
    for value in re.findall(r'\b(?:aria-label|title|alt|placeholder|data-count-text)="([^"]*)"', s):
        words += re.findall(r"[A-Za-z]{2,}", value)
    s = re.sub(r"<[^>]*>", " ", s)
    s = re.sub(r"&\w+;", " ", s)
    return words + re.findall(r"[A-Za-z]{2,}", s)


@pytest.mark.unit
def test_the_bare_word_check_finds_words_in_text_and_attributes():
    assert bare_words('<p class="x">Hello {{ _("Hi") }}</p><nav aria-label="Sections of {{ c }}">') == ["Sections", "of", "Hello"]
    assert bare_words('## {{ _("Members") }}\n{% if x %}<a href="{{ y }}">{{ z }}</a>{% endif %}') == []


@pytest.mark.unit
@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.j2")))
def test_templates_hold_no_word_outside_the_catalogs(template):
    assert bare_words((TEMPLATES / template).read_text(encoding="utf-8")) == []


# ----------------------------------------------------------------- formats


@pytest.mark.unit
def test_dates_times_and_numbers_come_from_babel_in_the_handbooks_locale():
    fr, en = i18n.language("fr"), i18n.language("en")
    day, start, end = dt.date(2025, 10, 22), dt.time(15, 30), dt.time(17, 0)
    assert fr.date(day) == "mer. 22 oct. 2025"
    assert fr.time(start) == "15 h 30"
    assert fr.time_range((start, end)) == "15 h 30–17 h 00"
    assert en.date(day) == "Wed, Oct 22, 2025"
    assert en.time_range((start, None)) == "15:30"
    assert i18n.language("fr_FR").time(start) == "15:30"
    assert fr.number(12345) == "12\u00a0345"


@pytest.mark.unit
def test_labels_follow_the_vocabulary_they_belong_to():
    fr = i18n.language("fr")
    assert fr.label("active", "stage") == "Active" and fr.label("active", "role") == "Actifs"
    assert fr.label("in-person", "format") == "En personne"
    assert i18n.language("en").label("in-person", "format") == "In person"


# ----------------------------------------------------------------- built sites


def _build(root: Path, site: Path):
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        return build_site(root, strict=True, site_dir=site)
    finally:
        if old is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


@pytest.fixture(scope="module")
def french(tmp_path_factory):
    return _build(FRENCH_EXAMPLE, tmp_path_factory.mktemp("fr") / "site")


@pytest.fixture(scope="module")
def english(tmp_path_factory):
    return _build(ROOT, tmp_path_factory.mktemp("en") / "site")


def _pages(built) -> list[Path]:
    return [p for p in sorted(built.site.rglob("index.html")) if "search" not in p.parts]


def _generated_text(path: Path) -> str:
    """What copsite writes on a page: the article, the navigation and the words of its attributes."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    parts = [el.get_text(" ") for el in soup.select("article.md-content__inner, nav.md-nav--primary")]
    for el in soup.select("article.md-content__inner [aria-label], article.md-content__inner [data-count-text]"):
        # the filter's count template keeps its {shown} and {total} for the script to fill
        parts += [el.get("aria-label", ""), re.sub(r"\{\w+\}", " ", el.get("data-count-text", ""))]
    parts.append(soup.title.get_text() if soup.title else "")
    return "\n".join(parts)


def _fragments(message: str) -> list[str]:
    """The literal pieces of a message between its placeholders, with letters in them."""
    pieces = re.split(r"%\(\w+\)[sd]|\{\w+\}", message)
    return [p.strip(" .,:;()") for p in pieces if re.search(r"[A-Za-z]{2,}", p)]


def _pairs():
    """(English message, its French translations) for every message of the French catalog."""
    catalog = _catalog(i18n.LOCALE_DIR / "fr" / "LC_MESSAGES" / "copsite.po", "fr")
    for m in catalog:
        if not m.id:
            continue
        ids = (m.id,) if isinstance(m.id, str) else tuple(m.id)
        strings = (m.string,) if isinstance(m.string, str) else tuple(m.string)
        yield ids, strings


def _present(fragment: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(fragment) + r"(?!\w)", text) is not None


@pytest.mark.build
def test_a_french_handbook_shows_no_english_word_of_copsites(french):
    pairs = list(_pairs())
    french_words = "\n".join(f for _, strings in pairs for s in strings for f in _fragments(s))
    english = sorted({f for ids, strings in pairs for f in _fragments(" ".join(ids)) if not _present(f, french_words)})
    assert {"Next session", "Resources Required", "Highlights", "In person", "shown"} <= set(english)
    pages = _pages(french)
    assert len(pages) >= 20
    found = {}
    for page in pages:
        text = _generated_text(page)
        for fragment in english:
            if _present(fragment, text):
                found.setdefault(page.relative_to(french.site).as_posix(), []).append(fragment)
    assert found == {}


@pytest.mark.build
def test_an_english_handbook_shows_no_french_word_of_copsites(english):
    pairs = list(_pairs())
    english_words = "\n".join(f for ids, _ in pairs for i in ids for f in _fragments(i))
    french_only = sorted({f for _, strings in pairs for f in _fragments(" ".join(strings)) if not _present(f, english_words)})
    assert {"Prochaine séance", "Ressources requises", "Faits saillants", "En personne"} <= set(french_only)
    found = {}
    for page in _pages(english):
        text = _generated_text(page)
        for fragment in french_only:
            if _present(fragment, text):
                found.setdefault(page.relative_to(english.site).as_posix(), []).append(fragment)
    assert found == {}


@pytest.mark.build
def test_the_french_plan_reads_in_french(french):
    main = french.main("communities/ecoles-hospitalieres/plan/")
    headers = [th.get_text(strip=True) for th in main.select("thead th")]
    assert headers == ["Date et heure", "Sujets, activités, processus, contenu à couvrir", "Ressources requises"]
    text = main.get_text(" ", strip=True)
    assert "mer. 20 janv. 2027" in text and "15 h 30–17 h 00" in text
    assert "Prochaine séance" in text and "À confirmer" in text and "Annulée" in text and "Obligatoire" in text


@pytest.mark.build
def test_the_french_purpose_sentence_and_summary(french):
    home = french.main("communities/ecoles-hospitalieres/")
    purpose = home.select_one("p.copsite-purpose").get_text(" ", strip=True)
    assert purpose.startswith("Cette communauté de pratique s'adresse à des enseignantes et enseignants")
    assert "qui partagent un intérêt pour la continuité" in purpose and "et s'engagent à apprendre ensemble comment planifier" in purpose
    summary = home.select_one("details.copsite-status").get_text(" ", strip=True)
    assert summary.startswith("Pour l'animation") and "mer. 18 nov. 2026" in summary
    card = french.main("communities/").select_one(".copsite-card p.copsite-purpose").get_text(" ", strip=True)
    assert card.startswith("Cette communauté de pratique s'adresse à")


@pytest.mark.build
def test_every_french_page_says_lang_fr(french):
    from bs4 import BeautifulSoup

    for page in _pages(french):
        assert BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").html["lang"] == "fr", page


@pytest.mark.build
def test_french_feeds_and_calendars(french):
    import feedparser
    import icalendar

    feed = feedparser.parse(french.text("feed.xml"))
    assert feed.feed.language == "fr" and feed.feed.subtitle.startswith("Faits saillants des rencontres")
    cal = icalendar.Calendar.from_ical(french.text("communities/ecoles-hospitalieres/calendar.ics"))
    assert str(cal["x-wr-caldesc"]).startswith("Séances prévues")
    descriptions = [str(ev["description"]) for ev in cal.walk("VEVENT")]
    assert descriptions[0].startswith("Sujets\u00a0: Présentations") and "Ressources requises\u00a0: " in descriptions[0]


@pytest.mark.build
def test_the_language_option_overrides_the_theme(handbook):
    from .conftest import charter

    built = handbook({"communities/a/index.md": charter("Lecteurs"), "communities/a/plan.md": "---\nsessions:\n  - {date: 2025-11-05, time: '9:00', topics: x}\n---\n"}, options="language: fr")
    text = built.main("communities/a/plan/").get_text(" ", strip=True)
    assert "Date et heure" in text and "mer. 5 nov. 2025" in text and "9 h 00" in text
    # Material's own footer line follows the handbook's language too
    footer = built.html("communities/a/plan/").select_one(".md-copyright").get_text(" ", strip=True)
    assert "Réalisé avec Material for MkDocs" in footer and "Made with" not in footer


@pytest.mark.build
def test_a_bad_language_option_is_refused(handbook):
    from .conftest import BuildFailed

    with pytest.raises(BuildFailed) as err:
        handbook({"index.md": "Bonjour\n"}, options="language: 'fr; rm'")
    assert "language: expected a language code" in err.value.log


# ----------------------------------------------------------------- the French example in a browser

FRENCH_PAGES = {
    "accueil": "",
    "communautés": "communities/",
    "charte": "communities/ecoles-hospitalieres/",
    "normes": "communities/ecoles-hospitalieres/norms/",
    "plan": "communities/ecoles-hospitalieres/plan/",
    "faits saillants": "communities/ecoles-hospitalieres/highlights/",
    "fait saillant": "communities/ecoles-hospitalieres/highlights/2026-10-21-plans-de-transition/",
    "ressources": "communities/ecoles-hospitalieres/resources/",
    "héritage d'une communauté": "communities/leaders-scolaires/legacy/",
    "réflexion": "communities/ecoles-hospitalieres/reflection/",
    "autre page": "communities/ecoles-hospitalieres/accueil-des-membres/",
    "tous les faits saillants": "highlights/",
    "banque de ressources": "resources/",
    "héritage": "legacy/",
    "calendrier": "calendar/",
    "rapport d'une communauté": "communities/ecoles-hospitalieres/report/",
    "rapport": "report/",
}


@pytest.fixture(scope="module")
def french_server(french):
    import functools
    import http.server
    import threading

    from .test_browser import _QuietHandler

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(french.site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.browser
def test_the_french_example_passes_axe_and_says_lang_fr(browser, french_server):
    from axe_playwright_python.sync_playwright import Axe

    from .test_browser import Visit

    visit = Visit(browser, french_server)
    try:
        bad = {}
        for name, address in FRENCH_PAGES.items():
            page = visit.go(address)
            assert page.locator("html").get_attribute("lang") == "fr", name
            results = Axe().run(page)
            serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
            if serious:
                bad[name] = serious
        assert bad == {}
        assert visit.errors == [] and visit.outside == []
    finally:
        visit.close()


@pytest.mark.browser
def test_the_filter_counts_in_french(browser, french_server):
    from .test_browser import Visit

    visit = Visit(browser, french_server)
    try:
        page = visit.go("resources/")
        assert page.locator(".copsite-count").inner_text() == "3 sur 3 affichés"
        page.select_option("form[data-copsite-filter] select[name=kind]", "organization")
        assert page.locator(".copsite-count").inner_text() == "1 sur 3 affichés"
        assert page.locator("form[data-copsite-filter] button[type=reset]").inner_text() == "Effacer"
    finally:
        visit.close()


@pytest.mark.build
def test_a_french_build_reports_its_problems_in_french(handbook):
    from .conftest import BuildFailed, charter

    with pytest.raises(BuildFailed) as err:
        handbook(
            {"communities/a/index.md": charter("Lecteurs"), "communities/a/plan.md": "---\nsessions:\n  - {date: 2025-13-01, topics: x}\n---\n"},
            options="language: fr",
        )
    assert "le manuel a 1 erreur, 0 avertissement; le site n'a pas été construit" in err.value.log
    assert "erreur: content/communities/a/plan.md:3: sessions[0].date:" in err.value.log  # file, line and key as ever


@pytest.mark.build
def test_a_french_highlight_lists_its_resources_under_its_own_french_heading(french):
    main = french.main("communities/ecoles-hospitalieres/highlights/2026-10-21-plans-de-transition/")
    headings = [h.get_text(strip=True).rstrip("¶") for h in main.select("h2")]
    assert headings.count("Ressources partagées") == 1
    section = main.select_one("h2#ressources-partagees")
    assert section is not None and section.find_next("ul", class_="copsite-resources") is not None


@pytest.mark.unit
def test_months_and_decimals_in_the_handbooks_locale():
    fr, en = i18n.language("fr"), i18n.language("en")
    assert (en.month(2025, 10), fr.month(2025, 10)) == ("Oct 2025", "oct. 2025")
    assert (en.decimal(7.25), fr.decimal(7.5)) == ("7.2", "7,5")
    assert fr.label("success-story", "kind") == "Réussite"


@pytest.mark.build
def test_the_french_reports_read_in_french(french):
    from bs4 import BeautifulSoup

    page = BeautifulSoup((french.site / "communities/ecoles-hospitalieres/report/index.html").read_text(), "html.parser")
    text = page.select_one("article.md-content__inner").get_text(" ", strip=True)
    assert "Période couverte" in text and "Participation" in text and "Séances prévues" in text
    titles = [t.get_text(strip=True) for t in page.select("article svg title")]
    assert titles and all("Highlights a month" not in t and "Attendance at" not in t for t in titles)
    hub = BeautifulSoup((french.site / "report/index.html").read_text(), "html.parser")
    assert "Communauté par communauté" in hub.select_one("article.md-content__inner").get_text(" ", strip=True)


# ----------------------------------------------------------------- problems in the handbook's language

BROKEN = {
    # a value not among the allowed ones, an unknown key, a missing required key
    "communities/lecteurs/index.md": "---\ntitle: Lecteurs\nstage: actif\ntitre: Lecteurs\npurpose:\n  audience: enseignants\n  interest: la lecture\n---\n",
    # a date that is no date
    "communities/lecteurs/plan.md": "---\nsessions:\n  - date: 2025-13-01\n    topics: Lancement\n---\n",
    # a YAML syntax error
    "communities/lecteurs/norms.md": "---\ntitle: Normes: nos ententes\nnorms: [Écouter]\n---\n",
}


def _check(root: Path, capsys) -> tuple[int, list[str]]:
    from copsite.cli import main

    code = main(["check", "-f", str(root / "mkdocs.yml")])
    return code, capsys.readouterr().out.splitlines()


def _broken_handbook(root: Path, language: str) -> None:
    from .conftest import mkdocs_yml, write

    config = mkdocs_yml().replace("  name: material\n", f"  name: material\n  language: {language}\n")
    write(root, {"mkdocs.yml": config, **{f"content/{k}": v for k, v in BROKEN.items()}})


@pytest.mark.unit
def test_copsite_check_on_a_broken_french_handbook_prints_french_messages(tmp_path, capsys):
    _broken_handbook(tmp_path, "fr")
    code, lines = _check(tmp_path, capsys)
    assert code == 1
    expected = [
        # file, line and key path as ever; the allowed values and the key names as written
        "erreur: content/communities/lecteurs/index.md:3: stage: « actif » n'est pas une valeur connue pour l'étape : "
        "utilisez l'une de ces valeurs : forming, active, paused, concluded; vouliez-vous dire « active »?",
        "avertissement: content/communities/lecteurs/index.md:4: titre: n'est pas une clé que copsite connaît ici; "
        "vouliez-vous dire « title »? (une clé à vous va sous « extra: »)",
        "erreur: content/communities/lecteurs/index.md:5: purpose.learning_goal: est obligatoire, mais manque",
        "erreur: content/communities/lecteurs/plan.md:3: sessions[0].date: 2025-13-01 n'est pas une date du calendrier",
        "erreur: content/communities/lecteurs/norms.md:2: cette ligne n'est pas du YAML valide ('title: Normes: nos ententes') : "
        "si la valeur contient « : », « # » ou commence par un guillemet, mettez-la entre guillemets, par exemple  "
        'title: "Planification : 2e étape" (le reste de ce fichier n\'a pas été vérifié : corrigez d\'abord ceci, puis vérifiez de nouveau)',
    ]
    for line in expected:
        assert line in lines, "\n".join(lines)
    assert lines[-1].startswith("1 communauté (1 avec des erreurs dans sa charte), 4 erreurs, 1 avertissement")


@pytest.mark.unit
def test_the_same_broken_handbook_in_english_keeps_its_english_messages(tmp_path, capsys):
    _broken_handbook(tmp_path, "en")
    code, lines = _check(tmp_path, capsys)
    assert code == 1
    assert (
        "error: content/communities/lecteurs/index.md:3: stage: 'actif' is not a known stage: "
        "use one of forming, active, paused, concluded; did you mean 'active'?"
    ) in lines
    assert "error: content/communities/lecteurs/plan.md:3: sessions[0].date: 2025-13-01 is not a date in the calendar" in lines


# Every kind of mistake the reader reports that a small handbook can hold, for the scan below.
MANY_MISTAKES = {
    "index.md": "---\ntitle: Accueil\nicon: 5\n---\nTO DO: écrire l'accueil\n",
    "highlights.md": "Mine\n",
    "communities/stray.md": "---\ntitle: Perdue\n---\n",
    "communities/Mauvais_Nom/index.md": "---\ntitle: X\n---\n",
    "communities/sans-charte/notes.md": "x\n",
    "communities/a/index.md": (
        "---\ntitle: Lecteurs\nstage: [1]\nstarted: 2025-1-5\nsummary: {a: b}\nfacilitators: Inconnu\n"
        "members:\n  - name: Ana\n    role: chef\ncontact: ftp://x\nchannels:\n  - title: ''\n    url: 'https://a b'\n"
        "partners: 3\nmeetings: {format: ailleurs}\n"
        "purpose:\n  audience: This community is intended for teachers.\n  interest: reading\n  learning_goal: teach.\n---\n"
    ),
    "communities/a/plan.md": (
        "---\nsessions:\n"
        "  - {date: 9999-12-31, topics: x}\n"
        "  - {date: '2025-11-05', time: 3:30pm, topics: x, id: A B, link: 'http://x.org', mandatory: 'true', agenda: {url: 'https://x.org', file: a.pdf}}\n"
        "  - {date: 2025-11-06, time: '25:00', topics: []}\n"
        "  - {date: 2025-11-07, time: '10:00-9:00', topics: x, id: s1}\n"
        "  - {date: 2025-11-08, time: '3:00', topics: x, id: s1, format: dehors, tentative: 2, location: {a: b}}\n"
        "  - {date: 2025-11-09, topics: x, agenda: '../a.pdf'}\n"
        "  - {date: 2025-11-10, topics: x, agenda: 'files\\\\a.pdf'}\n"
        "  - {date: 2025-11-11, topics: x, agenda: '/abs.pdf'}\n"
        "  - {date: 2025-11-12, topics: x, agenda: 'files/missing.pdf'}\n"
        "  - {date: 2025-11-13, topics: x, link: 'https://'}\n"
        "---\n"
    ),
    "communities/a/resources.md": (
        "---\nresources:\n  - {title: A, kind: vidio, url: 'https://x.org/a'}\n  - {title: B, kind: tool, url: 'https://x.org/a', file: f.pdf}\n"
        "  - {title: C, kind: 5, url: 'mailto:nobody'}\n  - {title: D, kind: tool, url: 'https://x.org/d'}\n"
        "  - {title: E, kind: tool, url: 'https://x.org/d'}\n---\n"
    ),
    "communities/a/legacy.md": "---\nlegacy:\n  - {title: X, kind: produit}\n  - TO DO: un texte\nsuccess: x #1\n---\n",
    "communities/a/norms.md": "---\nnorms:\n  - Décisions: par consensus\n  - {text: x, covers: [voix]}\nagreed: 2025-02-30\n---\n",
    "communities/a/highlights/2025-11-05-bilan.md": "---\ntitle: Bilan\ndate: 2025-11-06\nattendance: '12'\nresponses: -1\n---\n",
    "communities/a/highlights/2025-11-20-rien.md": "---\ntitle: Rien\ndraft: oui\nkind: sondage\n---\n",
    "communities/a/highlights/2025-11-08-x.md": "---\ntitle: X\nsession: nope\n---\nvoir [ici](2025-11-21-brouillon.md)\n",
    "communities/a/highlights/2025-11-21-brouillon.md": "---\ntitle: B\ndraft: true\n---\n",
    "communities/a/highlights/2025-02-30-x.md": "---\ntitle: X\n---\n",
    "communities/a/highlights/2025-1-05-x.md": "---\ntitle: X\n---\n",
    "communities/a/highlights/notes.md": "---\ntitle: X\n---\n",
    "communities/a/highlights/2025/2025-11-01-x.md": "---\ntitle: X\n---\n",
    "communities/a/highlights/2025-11-01-Mauvais.md": "---\ntitle: X\n---\n",
    "communities/a/calendar.md": "x\n",
    "communities/a/page.md": "---\ntitle: 'a\\bb'\n---\n",
    "communities/a/tab.md": "---\ntitle: x\n\tkey: y\n---\n",
    "communities/a/indent.md": "---\ntitle: x\n  description: y\n---\n",
    "communities/a/list.md": "---\ntags:\n  - a\n - b\n---\n",
    "communities/a/flow.md": "---\ntags: [a, b\n---\n",
    "communities/a/open.md": "---\ntitle: x\n",
    "communities/a/twice.md": "---\ntitle: x\ntitle: y\n---\n",
    "communities/a/empty.md": "---\n---\n",
    "communities/a/late.md": "\n---\ntitle: x\n---\n",
    "communities/a/scalar.md": "---\njust text\n---\n",
    "communities/a/tagged.md": "---\ntitle: !!python/name:os.system\n---\n",
    "communities/a/alias.md": "---\na: &x [1]\nb: *x\n---\n",
    "communities/a/binary.md": b"---\ntitle: \xff\n---\n",
    "communities/a/Page.MD": "x\n",
    "communities/b/index.md": "---\ntitle: Lecteurs\npurpose: {audience: a, interest: b, learning_goal: c}\nsample: true\n---\n",
}


def _problems_in(tmp_path: Path, language: str):
    from copsite.model.options import make_options
    from copsite.content.reader import read_handbook

    from .conftest import write

    root = tmp_path / language
    write(root, MANY_MISTAKES)
    _, problems = read_handbook(root, make_options(today="2025-11-01", language=language, timezone="America/Toronto"))
    return list(problems)


@pytest.mark.unit
def test_every_problem_of_a_broken_handbook_is_written_in_french(tmp_path):
    """A message that does not go through the catalogs reads the same in both languages: none may."""
    english, french = _problems_in(tmp_path, "en"), _problems_in(tmp_path, "fr")
    assert [(p.file, p.line, p.key, p.severity) for p in english] == [(p.file, p.line, p.key, p.severity) for p in french]
    assert len(english) > 60
    same = [str(e) for e, f in zip(english, french) if e.message == f.message]
    assert same == []


# The calls that make a message for authors, and which argument is the message.
_MESSAGE_CALLS = {"_fail": 0, "M_": 0, "MN_": 0, "FrontMatterError": 0, "OptionError": 0, "UsageError": 0, "HostingError": 0, "ExportError": 0, "NodeMissing": 0}
_PROBLEM_METHODS = {"error", "warning", "placeholder"}
_RELAYS = {
    "M_(message, **values)",  # the errors that keep a message: the msgid given to them, checked where they are raised
    "M_(err['msg'], **err.get('ctx') or {})",  # reader._message: schema._fail's msgid, as pydantic hands it back
}


def _message_problems(source: str, filename: str) -> list[str]:
    """Where a module makes a message for authors that the catalogs cannot hold: the message is not a
    literal msgid, or a value put in it is English text (an f-string or a literal with words)."""
    import ast

    bad = []

    def english(node) -> bool:
        if isinstance(node, ast.IfExp):
            return english(node.body) or english(node.orelse)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return re.search(r"[A-Za-z]{3,}", node.value) is not None
        if isinstance(node, ast.JoinedStr):
            return any(isinstance(v, ast.Constant) and re.search(r"[A-Za-z]{3,}", v.value) for v in node.values)
        return False

    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        index = None
        if isinstance(func, ast.Name) and func.id in _MESSAGE_CALLS:
            index = _MESSAGE_CALLS[func.id]
        elif isinstance(func, ast.Attribute) and func.attr in _PROBLEM_METHODS and "problems" in ast.unparse(func.value):
            index = 1
        elif isinstance(func, ast.Name) and func.id == "PydanticCustomError":
            if not (filename == "schema.py" and ast.unparse(node.args[1]) == "message"):
                bad.append(f"{filename}:{node.lineno}: PydanticCustomError outside schema._fail")
            continue
        elif isinstance(func, ast.Name) and func.id in ("ValueError", "TypeError", "AssertionError") and filename == "schema.py":
            bad.append(f"{filename}:{node.lineno}: {func.id} in the schema: pydantic would show its English text")
            continue
        if index is None:
            continue
        where = f"{filename}:{node.lineno}: {ast.unparse(node)[:100]}"
        if len(node.args) <= index:
            bad.append(where)
            continue
        message = node.args[index]
        literal = isinstance(message, ast.Constant) and isinstance(message.value, str)
        passed_on = ast.unparse(node) in _RELAYS
        if not literal and not passed_on:
            bad.append(where)
        if any(english(k.value) for k in node.keywords if k.arg not in ("key", "line", "option")):
            bad.append(where + " (an English value)")
    return bad


@pytest.mark.unit
def test_every_message_for_authors_is_a_catalog_message():
    """problems.error/warning/placeholder, schema._fail, M_, FrontMatterError, OptionError and UsageError
    take a literal msgid (extracted into the catalogs, whose completeness the tests above check) and
    values that are the handbook's own, never English text written into them."""
    package = Path(i18n.__file__).parent
    bad = [b for path in sorted(package.glob("*.py")) for b in _message_problems(path.read_text(encoding="utf-8"), path.name)]
    assert bad == []
    # ... and Babel's extraction finds each of them (it misses a marker nested in another call)
    extracted = {m.id if isinstance(m.id, str) else m.id[0] for m in i18n.extract() if m.id}
    missed = [f"{path.name}: {msgid!r}" for path in sorted(package.glob("*.py")) for msgid in _msgids(path.read_text(encoding="utf-8")) if msgid not in extracted]
    assert missed == []


def _msgids(source: str) -> list[str]:
    import ast

    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            index = None
            if isinstance(func, ast.Name) and func.id in _MESSAGE_CALLS:
                index = 0
            elif isinstance(func, ast.Attribute) and func.attr in _PROBLEM_METHODS and "problems" in ast.unparse(func.value):
                index = 1
            if index is not None and len(node.args) > index:
                arg = node.args[index]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    out.append(arg.value)
    return out


@pytest.mark.unit
def test_the_message_check_finds_english_written_around_the_catalogs():
    found = _message_problems(
        "problems.error(p, f'bad {x}')\nproblems.warning(p, text)\nraise _fail(message)\n"
        "problems.error(p, 'ok %(hint)s', hint=f', like {x}')\nraise OptionError('x: %(v)s', v='not good')\n"
        "problems.error(p, 'fine %(v)s', key='sessions', v=M_('a hint'))\n",
        "reader.py",
    )
    assert len(found) == 5 and not any(":6:" in f for f in found)


@pytest.mark.unit
def test_the_french_editor_labels_come_from_the_catalog():
    from copsite.publishing import editor
    from copsite.model import schema

    catalog = _catalog(i18n.LOCALE_DIR / "fr" / "LC_MESSAGES" / "copsite.po", "fr")
    for key, message in editor.LABELS.items():
        assert editor.label(key, "fr") == catalog.get(message, context="editor").string
    assert editor.label("sessions", "fr") == "Séances" and editor.label("sessions", "en") == "Sessions"
    for key, message in editor.HINTS.items():  # every hint in French (the old table had seven)
        owner, _, name = key.rpartition(".")
        assert editor._hint(name, owner, "fr") == catalog.get(message, context="editor").string != message
    fields = {f["name"]: f for f in editor.fields_of(schema.Session, "fr")}
    assert fields["time"]["hint"] == "Comme 10:30, 16 h 30, 4:30 pm ou 10:30-12:00 (le fuseau horaire du site)."
    assert fields["time"]["pattern"][1] == "une heure comme 10:30, 16 h 30 ou 4:30 pm, ou une plage comme 10:30-12:00 (heures 0-23, minutes 00-59)"
    assert fields["link"]["pattern"][1] == "une adresse commençant par https:"
    assert "Modifier le manuel" in editor.admin_page("x.js", None, "fr")
    assert not hasattr(editor, "_words")  # no hand-kept table of words beside the catalogs


@pytest.mark.unit
def test_option_errors_and_the_commands_own_lines_follow_the_language(tmp_path, capsys):
    from copsite.cli import main
    from copsite.model.options import OptionError, make_options

    with pytest.raises(OptionError) as err:
        make_options(language="fr", timezone="Mars/Olympus")
    assert str(err.value) == (
        "timezone : 'Mars/Olympus' n'est pas un nom de fuseau horaire IANA connu (exemples : UTC, America/Toronto, America/Edmonton)"
    )
    with pytest.raises(OptionError) as err:
        make_options(language="en", timezone="Mars/Olympus")
    assert str(err.value).startswith("timezone: 'Mars/Olympus' is not a known IANA time zone name")

    assert main(["init", str(tmp_path / "manuel"), "--language", "fr"]) == 0
    out = capsys.readouterr().out
    assert f"Manuel commencé dans {tmp_path / 'manuel'}/" in out
    assert "Ensuite : `copsite check` liste ce qu'il reste à remplir" in out and "Next:" not in out
    config = str(tmp_path / "manuel" / "mkdocs.yml")
    assert main(["new", "highlight", "Pas Un Slug", "-f", config]) == 2
    assert "« Pas Un Slug » n'est pas un identifiant de communauté valide" in capsys.readouterr().err

"""The handbook's language: every word copsite writes, and its dates, times and numbers.

Words come from gettext catalogs: `copsite/i18n/locale/copsite.pot` lists every message
(English, as written in the templates and modules), and
`copsite/i18n/locale/<lang>/LC_MESSAGES/copsite.po` translates them. The `.po` files are
compiled with Babel when first used in a process (in memory, a few milliseconds),
so a checkout, an editable install and a wheel all work alike, with no build step.
A new language is a new `.po` file: `python -m copsite.i18n update` refreshes the
template and every catalog from the sources; `python -m copsite.i18n init de` starts one.

Dates, times and numbers are formatted by Babel in the handbook's locale
(`fr` reads "mer. 22 oct. 2025", "15 h 30").

The language is `theme.language` of mkdocs.yml, or the copsite option `language`.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import cast

from babel import Locale, UnknownLocaleError
from babel.dates import format_skeleton, get_timezone, get_timezone_location, get_timezone_name
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "copsite"
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"

# A bare language takes the Canadian variant of its formats, for the authorities copsite
# was made for: "15 h 30" in French. A full locale ("fr_FR", "en_GB") in the `language`
# option chooses another.
REGIONS = {"en": "en_CA", "fr": "fr_CA"}

# Extraction keywords (Babel's notation): _ and gettext; N_ and NP_ mark words that are
# translated later (module constants), NP_ with a context.
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "N_": None,
    "say": None,  # Problems.say: a message for authors in the handbook's language
    "NP_": ((1, "c"), 2),
    # Messages for authors (problems in a handbook): the message is a msgid, its values are
    # named; the Problem is made in the handbook's language (copsite.model.problems).
    "M_": None,
    "MN_": (1, 2),
    "error": (2,),  # problems.error(file, message, ...)
    "warning": (2,),
    "placeholder": (2,),
    "_fail": None,  # copsite.model.schema: a pydantic error, translated by the reader
    "FrontMatterError": None,
    "OptionError": None,
    "HostingError": None,
    "ExportError": None,
    "NodeMissing": None,
    "UsageError": None,
}


def N_(message: str) -> str:
    """Mark a message for the catalogs; it is translated where it is shown."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark a message with a context (the same English word may read differently)."""
    return message


@dataclass(frozen=True)
class Message:
    """A message not yet translated: its msgid and its named values (translated when shown).

    Problems carry messages for the handbook's authors; a value may itself be a Message
    (a hint, a word), translated with it. Values from the handbook (names, keys, allowed
    values) are never translated.
    """

    msgid: str
    values: tuple = ()
    plural: str | None = None
    n: int | None = None

    def __str__(self) -> str:
        return language("en").gettext(self)


def M_(message: str, **values) -> Message:
    """A message for authors with its values, translated where it is shown."""
    return Message(message, tuple(values.items()))


def MN_(singular: str, plural: str, n: int, **values) -> Message:
    """A message with a plural: 'this line is indented by %(num)d spaces'."""
    return Message(singular, tuple(values.items()), plural, n)


# --------------------------------------------------------------------------- vocabularies

# Every value of the format's vocabularies as a reader sees it, by vocabulary (the context).
LABELS: dict[str, dict[str, str]] = {
    "stage": {
        "forming": NP_("stage", "Forming"),
        "active": NP_("stage", "Active"),
        "paused": NP_("stage", "Paused"),
        "concluded": NP_("stage", "Concluded"),
    },
    "purpose": {
        "sharing-knowledge": NP_("purpose", "Sharing knowledge"),
        "shared-learning": NP_("purpose", "Shared learning"),
        "building-capacity": NP_("purpose", "Building capacity"),
        "resource-bank": NP_("purpose", "Resource bank"),
        "solving-problems": NP_("purpose", "Solving problems"),
        "gathering-feedback": NP_("purpose", "Gathering feedback"),
        "advancing-initiatives": NP_("purpose", "Advancing initiatives"),
        "implementing-change": NP_("purpose", "Implementing change"),
    },
    "role": {
        "core": NP_("role", "Core"),
        "active": NP_("role", "Active"),
        "occasional": NP_("role", "Occasional"),
        "peripheral": NP_("role", "Peripheral"),
        "transactional": NP_("role", "Transactional"),
    },
    "format": {
        "in-person": NP_("format", "In person"),
        "virtual": NP_("format", "Virtual"),
        "hybrid": NP_("format", "Hybrid"),
    },
    "norm": {
        "voice": NP_("norm", "Voice"),
        "focus": NP_("norm", "Focus"),
        "conflict": NP_("norm", "Conflict"),
        "decisions": NP_("norm", "Decisions"),
        "resources": NP_("norm", "Resources"),
        "membership": NP_("norm", "Membership"),
        "completion": NP_("norm", "Completion"),
    },
    "resource": {
        "person": NP_("resource", "Person"),
        "organization": NP_("resource", "Organization"),
        "publication": NP_("resource", "Publication"),
        "draft": NP_("resource", "Draft"),
        "video": NP_("resource", "Video"),
        "audio": NP_("resource", "Audio"),
        "website": NP_("resource", "Website"),
        "program": NP_("resource", "Program"),
        "service": NP_("resource", "Service"),
        "tool": NP_("resource", "Tool"),
        "template": NP_("resource", "Template"),
        "other": NP_("resource", "Other"),
    },
    "legacy": {
        "product": NP_("legacy", "Product"),
        "decision": NP_("legacy", "Decision"),
        "evidence": NP_("legacy", "Evidence"),
        "celebration": NP_("legacy", "Celebration"),
        "story": NP_("legacy", "Story"),
        "reflection": NP_("legacy", "Reflection"),
        "report": NP_("legacy", "Report"),
    },
    "kind": {  # highlight kinds
        "meeting": NP_("kind", "Meeting"),
        "check-in": NP_("kind", "Check-in"),
        "survey": NP_("kind", "Survey"),
        "success-story": NP_("kind", "Success story"),
        "reflection": NP_("kind", "Reflection"),
        "summary": NP_("kind", "Summary report"),
    },
}


# --------------------------------------------------------------------------- catalogs


def _catalog_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages() -> list[str]:
    """The languages with a catalog, English (the messages themselves) first."""
    return ["en", *sorted(p.name for p in LOCALE_DIR.iterdir() if _catalog_path(p.name).is_file() and p.name != "en")]


@cache
def translations(language: str) -> NullTranslations:
    """The language's catalog compiled by Babel (once per process); English needs none."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = _catalog_path(language)
    if language == "en" or not path.is_file():
        return NullTranslations()
    with path.open("rb") as f:
        catalog = read_po(f, locale=language, domain=DOMAIN)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(buf, domain=DOMAIN)


def _locale(code: str) -> Locale:
    code = code.strip().replace("-", "_") or "en"
    if "_" not in code:
        code = REGIONS.get(code.lower(), code)
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en_CA")


@lru_cache(maxsize=1 << 16)
def _skeleton(skeleton: str, value: dt.date | dt.time, locale: Locale) -> str:
    """Babel's formatting, remembered: a handbook shows the same few hundred dates on many pages."""
    return format_skeleton(skeleton, value, locale=locale)


@dataclass(frozen=True)
class Language:
    """A handbook's language: its words (gettext) and its formats (Babel)."""

    code: str
    """What the handbook asked for: 'fr', 'en', 'fr_CA'."""
    locale: Locale

    @property
    def language(self) -> str:
        """The catalog's language: 'fr'."""
        return self.locale.language

    @property
    def tag(self) -> str:
        """For <html lang>, Atom and iCalendar: 'fr'."""
        return self.locale.language

    @property
    def translations(self) -> NullTranslations:
        return translations(self.locale.language)

    def gettext(self, message: str | Message, **values) -> str:
        """A message in this language; `values` (or a Message's own) are put in its %(placeholders)s,
        each value that is a Message translated first."""
        if isinstance(message, Message):
            values = {**dict(message.values), **values}
            if message.plural is not None:
                assert message.n is not None  # MN_ gives a plural its number
                return self.ngettext(message.msgid, message.plural, message.n, **values)
            message = message.msgid
        text = self.translations.gettext(message)
        return text % self._values(values) if values else text

    def _values(self, values: dict) -> dict:
        return {k: self.gettext(v) if isinstance(v, Message) else v for k, v in values.items()}

    _ = gettext

    def ngettext(self, singular: str, plural: str, n: int, **values) -> str:
        return self.translations.ngettext(singular, plural, n) % {"num": n, **self._values(values)}

    def pgettext(self, context: str, message: str) -> str:
        # Babel types it str | object: the object is a "missing" marker it never returns
        return cast(str, self.translations.pgettext(context, message))

    def label(self, value: str, kind: str | None = None) -> str:
        """A vocabulary word as a person reads it, in this language: 'in-person' -> 'En personne'."""
        kinds = [kind] if kind else list(LABELS)
        for k in kinds:
            if value in LABELS.get(k, {}):
                return self.pgettext(k, LABELS[k][value])
        return value.replace("-", " ").capitalize()

    def date(self, d: dt.date) -> str:
        """'Wed, Oct 22, 2025', 'mer. 22 oct. 2025'."""
        return _skeleton("yMMMEd", d, self.locale)

    def time(self, t: dt.time) -> str:
        """'15:30', '15 h 30' (24-hour clock)."""
        return _skeleton("Hm", t, self.locale)

    def time_range(self, times: tuple[dt.time, dt.time | None] | None) -> str:
        if not times:
            return ""
        start, end = times
        return self.time(start) + (f"–{self.time(end)}" if end else "")

    def number(self, n: int | float) -> str:
        return format_decimal(n, locale=self.locale)

    def decimal(self, x: float) -> str:
        """One decimal: '7.5', '7,5'."""
        return format_decimal(x, "#,##0.0", locale=self.locale)

    def day_month(self, d: dt.date) -> str:
        """A day of a month: 'Oct 22', '22 oct.'."""
        return _skeleton("MMMd", d, self.locale)

    def month(self, year: int, month: int) -> str:
        """A month of a year: 'Oct 2025', 'oct. 2025'."""
        return _skeleton("yMMM", dt.date(year, month, 1), self.locale)

    def zone(self, name: str) -> str:
        """A time zone as readers say it (Babel's generic name, with its city): 'Eastern Time
        (Toronto)', 'heure de l’Est (Toronto)'; 'UTC' stays 'UTC'."""
        if name in ("UTC", "Etc/UTC", "GMT"):
            return "UTC"
        zone = get_timezone(name)
        generic = get_timezone_name(zone, "long", locale=self.locale)
        city = get_timezone_location(zone, locale=self.locale, return_city=True)
        return f"{generic} ({city})" if city and city not in generic else generic


@cache
def language(code: str | None) -> Language:
    """The handbook's language; one without a catalog is English, dates and numbers too (a page
    would otherwise mix English words with 'Mi., 24. Sept. 2025'): `catalog_note` says so."""
    code = (code or "en").strip() or "en"
    if _base(code) not in languages():
        return Language(code, _locale("en"))
    return Language(code, _locale(code))


def _base(code: str) -> str:
    return code.strip().replace("-", "_").split("_")[0].lower() or "en"


def catalog_note(code: str | None) -> Message | None:
    """Why a handbook in `code` reads English (copsite has no catalog for it), or None."""
    if code is None or _base(code) in languages():
        return None
    return M_(
        "copsite has no words for the language '%(code)s': its pages, dates and numbers are in English "
        "(the languages it has: %(languages)s); set `language: en` under the copsite plugin to say so",
        code=code.strip(),
        languages=", ".join(languages()),
    )


# --------------------------------------------------------------------------- maintaining the catalogs


def extract():
    """Every message of copsite's templates and modules, as a Babel catalog (the .pot)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    package = Path(__file__).parent.parent
    catalog = Catalog(project="copsite", domain=DOMAIN, charset="utf-8")
    method_map = [("copsite/pages/templates/**.j2", "jinja2.ext:babel_extract"), ("copsite/**.py", "python")]
    options_map = {"copsite/pages/templates/**.j2": {"trim_blocks": "true", "lstrip_blocks": "true", "newstyle_gettext": "true"}}
    for filename, lineno, message, comments, context in extract_from_dir(
        package.parent, method_map, options_map, keywords=KEYWORDS, comment_tags=("Translators:",), strip_comment_tags=True
    ):
        if not filename.startswith("copsite/"):
            continue
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def update() -> None:
    """Write the template and merge it into every catalog (new messages come in untranslated)."""
    from babel.messages.pofile import read_po, write_po

    template = extract()
    with TEMPLATE.open("wb") as f:
        write_po(f, template, width=100, omit_header=False, sort_output=False, no_location=False)
    for lang in languages()[1:]:
        path = _catalog_path(lang)
        with path.open("rb") as f:
            catalog = read_po(f, locale=lang, domain=DOMAIN)
        catalog.update(template, no_fuzzy_matching=True)
        with path.open("wb") as f:
            write_po(f, catalog, width=100, ignore_obsolete=True)


def main(argv: list[str] | None = None) -> int:
    import sys

    from babel.messages.pofile import write_po

    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["update"]:
        update()
        return 0
    if args[:1] == ["init"] and len(args) == 2:
        template = extract()
        template.locale = Locale.parse(args[1])
        path = _catalog_path(args[1])
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as f:
            write_po(f, template, width=100)
        print(path)
        return 0
    print("usage: python -m copsite.i18n update | init LANG")
    return 2


if __name__ == "__main__":
    raise SystemExit(main())

"""The content format (v1) as pydantic models.

Each front-matter type of ``CONTENT_FORMAT.md`` is a model here. The field types
are small annotated validators that accept what a person writes (a single text
where a list is expected, ``In Person`` for ``in-person``) and refuse the rest
with a message a facilitator can act on: what was expected, the allowed values,
the nearest one.

Nothing here knows about files or MkDocs: ``copsite.content.reader`` feeds these models
the parsed front matter and turns their errors into Problems.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re
import unicodedata
from typing import Annotated, Any, ClassVar, Optional, Union, get_args, get_origin
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from copsite.i18n import M_, Message
from copsite.model.frontmatter import YamlFloat, YamlInt

# --------------------------------------------------------------------------- vocabularies

STAGES = ("forming", "active", "paused", "concluded")
PURPOSE_KINDS = (
    "sharing-knowledge",
    "shared-learning",
    "building-capacity",
    "resource-bank",
    "solving-problems",
    "gathering-feedback",
    "advancing-initiatives",
    "implementing-change",
)
MEMBER_ROLES = ("core", "active", "occasional", "peripheral", "transactional")
FORMATS = ("in-person", "virtual", "hybrid")
NORM_AREAS = ("voice", "focus", "conflict", "decisions", "resources", "membership", "completion")
RESOURCE_KINDS = (
    "person",
    "organization",
    "publication",
    "draft",
    "video",
    "audio",
    "website",
    "program",
    "service",
    "tool",
    "template",
    "other",
)
HIGHLIGHT_KINDS = ("meeting", "check-in", "survey", "success-story", "reflection", "summary")
"""What a highlight records: a meeting (the default), or one of the guides' kinds of evidence."""
LEGACY_KINDS = ("product", "decision", "evidence", "celebration", "story", "reflection", "report")

MATERIAL_KEYS = (
    "title",
    "description",
    "hide",
    "icon",
    "subtitle",
    "template",
    "search",
    "tags",
    "status",
)
"""Material for MkDocs' own page keys: known on every page, passed through to the theme."""

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _fail(message: str, **context: Any):
    """A refusal for pydantic: the message is a msgid of the catalogs, with named %(placeholders)s
    filled from `context` (values may be i18n.Messages); `reader._message` translates it."""
    return PydanticCustomError("copsite", message, context or None)


def describe(value: Any) -> Message | str:
    """How a value looks to its author, for messages (a Message, translated where it is shown)."""
    if value is None:
        return M_("nothing")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (YamlInt, YamlFloat)):
        return M_("the number %(number)s", number=value.source)
    if isinstance(value, (int, float)):
        return M_("the number %(number)s", number=str(value))
    if isinstance(value, dt.date):
        return M_("the date %(date)s", date=value.isoformat())
    if isinstance(value, dict):
        return M_("a group of keys")
    if isinstance(value, list):
        return M_("a list")
    text = str(value)
    return repr(text if len(text) <= 60 else text[:57] + "...")


MAX_SLUG = 80
"""The longest slug copsite makes for a file or folder name (file systems stop at 255 bytes a name)."""


def slugify(text: str, limit: int = MAX_SLUG) -> str:
    """An ASCII slug for a name with accents or spaces: 'Écoles à l'hôpital' -> 'ecoles-a-l-hopital';
    at most `limit` characters, cut after a whole word (a single word longer than that is cut)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1].rfind("-")
    return slug[:cut] if cut > 0 else slug[:limit]


def nearest(value: str, allowed: tuple[str, ...] | list[str]) -> str | None:
    match = difflib.get_close_matches(value, list(allowed), n=1, cutoff=0.6)
    return match[0] if match else None


# --------------------------------------------------------------------------- scalar types


def to_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (YamlInt, YamlFloat)):
        return value.source
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(value) if math.isfinite(value) else repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        if len(value) == 1:
            key, inner = next(iter(value.items()))
            if not isinstance(inner, (dict, list)):
                raise _fail(
                    "expected text, found a key and a value; if you meant the text '%(text)s', put this value in quotes",
                    text=f"{key}: {to_text(inner) if inner is not None else ''}".strip(),
                )
        raise _fail("expected text, found a group of keys")
    if isinstance(value, list):
        raise _fail("expected a single text, found a list")
    raise _fail("expected text, found %(found)s", found=describe(value))


def _text(value: Any) -> str:
    text = to_text(value).strip()
    if not text:
        raise _fail("is empty: write some text, or leave the key out")
    return text


Text = Annotated[str, BeforeValidator(_text)]


def _text_list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]  # a single text is a one-item list; never split on commas


TextList = Annotated[list[Text], BeforeValidator(_text_list)]


def _list_of(value: Any) -> list:
    """A list of groups of keys; a single group is a one-item list."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return [value]
    raise _fail("expected a list, found %(found)s", found=describe(value))


def choice(allowed: tuple[str, ...], what: Message) -> BeforeValidator:
    def validate(value: Any) -> str:
        if isinstance(value, (dict, list)) or value is None or isinstance(value, bool):
            raise _fail(
                "expected one %(what)s of: %(allowed)s; found %(found)s",
                what=what,
                allowed=", ".join(allowed),
                found=describe(value),
            )
        text = to_text(value)
        key = re.sub(r"[\s_]+", "-", text.strip().lower())
        if key in allowed:
            return key
        near = nearest(key, allowed)
        hint = M_("; did you mean '%(near)s'?", near=near) if near else ""
        raise _fail(
            "'%(value)s' is not a known %(what)s: use one of %(allowed)s%(hint)s",
            value=text,
            what=what,
            allowed=", ".join(allowed),
            hint=hint,
        )

    validate.allowed = allowed  # type: ignore[attr-defined]  # a function attribute, read by copsite.publishing.editor: the form's choices
    return BeforeValidator(validate)


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
            try:
                right = dt.date(y, mo, d).isoformat()
            except ValueError:
                raise _fail("%(value)s is not a date in the calendar", value=text) from None
            if right != text:
                raise _fail(
                    "write the date as YYYY-MM-DD with two-digit month and day: %(right)s",
                    right=right,
                )
            return dt.date.fromisoformat(text)
    raise _fail(
        "expected a date written as YYYY-MM-DD, like 2025-10-05; found %(found)s",
        found=describe(value),
    )


LAST_YEAR = 8999
"""Dates after this year are stand-ins ("9999-12-31: to be decided"), not days a site can compute with."""


def not_a_real_date(day: dt.date) -> Message | None:
    """Why a date is refused as a stand-in for "not decided", or None for a real date."""
    if day.year <= LAST_YEAR:
        return None
    return M_(
        "%(date)s is not a real date: for a session whose date is not decided yet, "
        "give the likeliest date and mark it tentative: true",
        date=day.isoformat(),
    )


def _real_date(value: dt.date) -> dt.date:
    problem = not_a_real_date(value)
    if problem:
        raise _fail("%(problem)s", problem=problem)
    return value


Date = Annotated[dt.date, BeforeValidator(_date), AfterValidator(_real_date)]


def _quoted(value: Any, looks_like, expected: Message) -> None:
    """When a quoted value would be right without its quotes, say so: the quotes make it text."""
    if isinstance(value, str) and looks_like(value.strip()):
        raise _fail(
            '%(expected)s; found the text "%(value)s": the quotes make it text, remove them (%(bare)s)',
            expected=expected,
            value=value,
            bare=value.strip(),
        )


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    _quoted(value, lambda v: v in ("true", "false"), M_("expected true or false"))
    raise _fail("expected true or false; found %(found)s", found=describe(value))


Bool = Annotated[bool, BeforeValidator(_bool)]


MAX_COUNT = 1_000_000
"""The most a count (attendance, responses) may be: far above any community's, far below what
a page can print (a number of 30 digits crashes the formatting of numbers)."""


def _count(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        if value > MAX_COUNT:
            raise _fail(
                "%(found)s is too large: expected a whole number from 0 to %(most)s", found=to_text(value), most=MAX_COUNT
            )
        return int(value)
    _quoted(value, lambda v: v.isascii() and v.isdigit(), M_("expected a whole number"))
    raise _fail("expected a whole number, like 12; found %(found)s", found=describe(value))


Count = Annotated[int, BeforeValidator(_count)]


def _slug(value: Any) -> str:
    text = to_text(value).strip() if not isinstance(value, (dict, list)) else None
    if text is None:
        raise _fail("expected a slug (lowercase letters, digits and dashes); found %(found)s", found=describe(value))
    if SLUG_RE.match(text):
        return text
    suggestion = slugify(text)
    raise _fail(
        "'%(value)s' is not a slug: use lowercase ASCII letters, digits and single dashes%(hint)s",
        value=text,
        hint=M_(", like '%(suggestion)s'", suggestion=suggestion) if suggestion else "",
    )


Slug = Annotated[str, BeforeValidator(_slug)]


def url(schemes: tuple[str, ...]) -> BeforeValidator:
    def validate(value: Any) -> str:
        text = to_text(value).strip()
        if not text:
            raise _fail("is empty: write an address, or leave the key out")
        if any(c.isspace() for c in text) or any(ord(c) < 32 for c in text):
            raise _fail("an address may not contain spaces: %(value)s", value=text)
        try:
            parts = urlsplit(text)
        except ValueError:
            raise _fail("'%(value)s' is not a valid address", value=text) from None
        scheme = parts.scheme.lower()
        allowed = ", ".join(f"{s}:" for s in schemes)
        if scheme not in schemes:
            raise _fail(
                "only %(allowed)s addresses are allowed here; found '%(value)s'",
                allowed=allowed,
                value=text if len(text) < 80 else text[:77] + "...",
            )
        if scheme in ("http", "https") and not parts.netloc:
            raise _fail("'%(value)s' has no host: write it like https://example.org/page", value=text)
        if scheme == "mailto" and "@" not in parts.path:
            raise _fail("'%(value)s' is not an email address: write it like mailto:name@example.org", value=text)
        return text

    validate.schemes = schemes  # type: ignore[attr-defined]  # a function attribute, read by copsite.publishing.editor: the form's pattern
    return BeforeValidator(validate)


WebUrl = Annotated[str, url(("https", "http", "mailto"))]
HttpsUrl = Annotated[str, url(("https",))]
ContactUrl = Annotated[str, url(("mailto", "https"))]


def _relative_file(value: Any) -> str:
    text = to_text(value).strip()
    if not text:
        raise _fail("is empty: write a path inside the community folder, like files/agenda.pdf")
    if "\\" in text:
        raise _fail("use '/' between folders, not '\\': %(value)s", value=text)
    if text.startswith("/") or re.match(r"^[A-Za-z]:", text) or "://" in text:
        raise _fail("must be a path inside the community folder, like files/agenda.pdf, not %(value)s", value=text)
    if ".." in text.split("/"):
        raise _fail("may not contain '..': the file must be inside the community folder")
    return text


RelativeFile = Annotated[str, BeforeValidator(_relative_file)]

# A time as teachers write it: 10:30, 16h30, 16 h 30, 4 pm, 4:30 PM, 4.30 p.m., or a range of two
# (10:30-12:00; "3:30-4:30 pm" reads both as pm). Read as the 24-hour time it means.
_CLOCK = r"(\d{1,2})(?:([:.])(\d{2})|\s*([hH])\s*(\d{2})?)?\s*(?:([aApP])\.?\s*[mM]\.?)?"
_TIME_RE = re.compile(rf"^{_CLOCK}(?:\s*[-–]\s*{_CLOCK})?$")

_CLOCK_STRICT = (
    r"(?:(?:0?[1-9]|1[0-2])(?:[:.][0-5]\d)?\s*[aApP]\.?\s*[mM]\.?|(?:[01]?\d|2[0-3])(?:[:.][0-5]\d|\s*[hH](?:\s*[0-5]\d)?))"
)
TIME_PATTERN = rf"^\s*{_CLOCK_STRICT}(?:\s*[-–]\s*{_CLOCK_STRICT})?\s*$"
"""The same forms with hours and minutes in range, for a form's pattern (a regular expression both
Python and JavaScript read: the browser editor refuses 25:00 as you type)."""


def _clock(groups: tuple, half: str | None, text: str) -> dt.time:
    """One time of a match's groups (hour, ':'/'.', minutes, 'h', minutes, a/p) as a time of day."""
    hour, sep, mins, h_mark, h_mins, own_half = groups
    half = (own_half or half or "").lower()
    if not (sep or h_mark or half):
        raise _fail(
            "expected a time like 10:30, 4:30 pm or 16 h 30, or a range like 10:30-12:00; found %(found)s", found=repr(text)
        )
    h, m = int(hour), int(mins or h_mins or 0)
    if half and not 1 <= h <= 12:
        raise _fail("%(value)s is not a time of day (hours 0-23, minutes 00-59)", value=text)
    if half:
        h = h % 12 + (12 if half == "p" else 0)
    if h > 23 or m > 59:
        raise _fail("%(value)s is not a time of day (hours 0-23, minutes 00-59)", value=text)
    return dt.time(h, m)


def _time(value: Any) -> tuple[dt.time, dt.time | None]:
    """A time or a range of two, as written in `time:` (see _CLOCK), on the 24-hour clock."""
    text = to_text(value).strip() if not isinstance(value, (dict, list)) else ""
    m = _TIME_RE.match(text)
    if not m:
        raise _fail(
            "expected a time like 10:30, 4:30 pm or 16 h 30, or a range like 10:30-12:00; found %(found)s",
            found=describe(value),
        )
    first, second = m.groups()[:6], m.groups()[6:]
    start = _clock(first, second[5] if second[0] is not None else None, text)
    if second[0] is None:
        return (start, None)
    end = _clock(second, None, text)
    if end <= start:
        raise _fail(
            "the session ends (%(end)s) before it starts (%(start)s)",
            end=f"{end.hour}:{end.minute:02}",
            start=f"{start.hour}:{start.minute:02}",
        )
    return (start, end)


TimeRange = Annotated[tuple[dt.time, Optional[dt.time]], BeforeValidator(_time)]

# Translators: the kinds of value below fill "'%(value)s' is not a known %(what)s" and
# "expected one %(what)s of: %(allowed)s".
Stage = Annotated[str, choice(STAGES, M_("stage"))]
PurposeKind = Annotated[str, choice(PURPOSE_KINDS, M_("purpose kind"))]
MemberRole = Annotated[str, choice(MEMBER_ROLES, M_("member role"))]
MeetingFormat = Annotated[str, choice(FORMATS, M_("meeting format"))]
NormArea = Annotated[str, choice(NORM_AREAS, M_("norm area"))]
ResourceKind = Annotated[str, choice(RESOURCE_KINDS, M_("resource kind"))]
LegacyKind = Annotated[str, choice(LEGACY_KINDS, M_("legacy kind"))]
HighlightKind = Annotated[str, choice(HIGHLIGHT_KINDS, M_("highlight kind"))]


def _mapping(value: Any) -> Any:
    if value is None or isinstance(value, dict):
        return value
    raise _fail("expected a group of keys (key: value lines, indented); found %(found)s", found=describe(value))


# --------------------------------------------------------------------------- models


class Model(BaseModel):
    """Base of every front-matter model: unknown keys are reported by the reader, not here."""

    model_config = ConfigDict(extra="ignore", hide_input_in_errors=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _must_be_mapping(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return value
        raise _fail(
            "expected a group of keys (key: value lines, indented); found %(found)s",
            found=describe(value),
        )


def _theme_name(value: Any) -> str:
    text = _text(value)
    if not re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_./-]*", text) or ".." in text.split("/"):
        raise _fail("'%(value)s' is not a name in the theme: use letters, digits, '-', '_', '.' and '/'", value=text)
    return text


ThemeName = Annotated[str, BeforeValidator(_theme_name)]


class PageKeys(Model):
    """The keys every page may have: Material's own, and `extra:` for the handbook's own."""

    title: Optional[Text] = None
    description: Optional[Text] = None
    subtitle: Optional[Text] = None
    hide: Optional[list[Text]] = None
    icon: Optional[ThemeName] = None
    template: Optional[ThemeName] = None
    search: Optional[Any] = None
    tags: Annotated[list[Text], BeforeValidator(_text_list)] = []
    status: Optional[Text] = None
    extra: Annotated[Optional[dict], BeforeValidator(_mapping)] = None

    @model_validator(mode="before")
    @classmethod
    def _hide_as_list(cls, value: Any) -> Any:
        if isinstance(value, dict) and "hide" in value and not isinstance(value["hide"], list):
            value = dict(value)
            value["hide"] = _text_list(value["hide"])
        return value


class Purpose(Model):
    audience: Text
    interest: Text
    learning_goal: Text
    kinds: Annotated[list[PurposeKind], BeforeValidator(_text_list)] = []


class Member(Model):
    name: Text
    role: MemberRole
    organization: Optional[Text] = None


class Leader(Model):
    role: Text
    who: Text
    responsibilities: TextList = []


class Meetings(Model):
    frequency: Optional[Text] = None
    length: Optional[Text] = None
    format: Optional[MeetingFormat] = None
    where: Optional[Text] = None


class Channel(Model):
    title: Text
    url: WebUrl


class Partner(Model):
    name: Text
    role: Optional[Text] = None
    url: Optional[WebUrl] = None


class Charter(PageKeys):
    title: Text
    summary: Optional[Text] = None
    stage: Stage = "active"
    started: Optional[Date] = None
    purpose: Purpose
    domain: Optional[Text] = None
    practice: Optional[Text] = None
    facilitators: TextList = []
    members: Annotated[list[Member], BeforeValidator(_list_of)] = []
    leadership: Annotated[list[Leader], BeforeValidator(_list_of)] = []
    meetings: Meetings = Field(default_factory=Meetings)
    channels: Annotated[list[Channel], BeforeValidator(_list_of)] = []
    partners: Annotated[list[Partner], BeforeValidator(_list_of)] = []
    contact: Optional[ContactUrl] = None
    sample: Bool = False
    """The sample community `copsite init` writes: shown only in the preview (`mkdocs serve`)."""

    @model_validator(mode="before")
    @classmethod
    def _meetings_default(cls, value: Any) -> Any:
        if isinstance(value, dict) and value.get("meetings", 0) is None:
            value = dict(value)
            del value["meetings"]
        return value


class NormItem(Model):
    accepts_text: ClassVar[bool] = True  # a norm may be written as plain text

    text: Text
    covers: Annotated[list[NormArea], BeforeValidator(_text_list)] = []

    @model_validator(mode="before")
    @classmethod
    def _must_be_mapping(cls, value: Any) -> Any:  # replaces Model's: a norm may be plain text
        if isinstance(value, dict):
            if "text" not in value and len(value) == 1:
                only = next(iter(value.values()))
                if not isinstance(only, (dict, list)):
                    to_text(value)  # raises the "put this value in quotes" message
            return value
        return {"text": value}


class Norms(PageKeys):
    norms: Annotated[list[NormItem], BeforeValidator(_text_list)]
    agreed: Optional[Date] = None
    review: Optional[Date] = None


class Agenda(Model):
    url: Optional[WebUrl] = None
    file: Optional[RelativeFile] = None

    @model_validator(mode="after")
    def _one_of(self):
        if bool(self.url) == bool(self.file):
            raise _fail("give the agenda either a url or a file (one of the two)")
        return self


def _agenda(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        return {"url": text} if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text) else {"file": text}
    return value


class Session(Model):
    date: Date
    id: Optional[Slug] = None
    time: Optional[TimeRange] = None
    title: Optional[Text] = None
    format: Optional[MeetingFormat] = None
    location: Optional[Text] = None
    link: Optional[HttpsUrl] = None
    agenda: Annotated[Optional[Agenda], BeforeValidator(_agenda)] = None
    topics: TextList = Field(min_length=1)
    activities: TextList = []
    resources_required: TextList = []
    mandatory: Optional[Bool] = None
    tentative: Bool = False
    cancelled: Bool = False


class Plan(PageKeys):
    sessions: Annotated[list[Session], BeforeValidator(_list_of)]


class UrlOrFile(Model):
    """An item that points at a web address or at an attachment in the community folder, not both."""

    url: Optional[WebUrl] = None
    file: Optional[RelativeFile] = None

    @model_validator(mode="after")
    def _not_both(self):
        if self.url and self.file:
            raise _fail("give a url or a file, not both")
        return self


class Resource(UrlOrFile):
    title: Text
    kind: ResourceKind
    topics: TextList = []
    description: Optional[Text] = None
    added: Optional[Date] = None
    added_by: Optional[Text] = None


class Resources(PageKeys):
    resources: Annotated[list[Resource], BeforeValidator(_list_of)] = []


class LegacyItem(UrlOrFile):
    title: Text
    kind: LegacyKind
    date: Optional[Date] = None
    description: Optional[Text] = None


class Legacy(PageKeys):
    success: TextList = []
    outcomes: TextList = []
    legacy: Annotated[list[LegacyItem], BeforeValidator(_list_of)] = []


def _session_ref(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", value.strip()):
        return _date(value)
    return _slug(value)


class Highlight(PageKeys):
    title: Text
    date: Optional[Date] = None
    authors: TextList = []
    session: Annotated[Optional[Union[dt.date, str]], BeforeValidator(_session_ref)] = None
    summary: Optional[Text] = None
    attendance: Optional[Count] = None
    resources: Annotated[list[Resource], BeforeValidator(_list_of)] = []
    legacy: Bool = False
    draft: Bool = False
    kind: HighlightKind = "meeting"
    responses: Optional[Count] = None


class Page(PageKeys):
    """Any other page (the front page, launch.md, ...)."""


# --------------------------------------------------------------------------- unknown keys


@functools.cache
def known_keys(model: type[BaseModel]) -> dict[str, Any]:
    """The keys a model knows, each with the model (or None) that describes its value's items."""
    out: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        out[info.alias or name] = _inner_model(info.annotation)
    return out


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = get_origin(annotation)
    if origin is Annotated:
        return _inner_model(get_args(annotation)[0])
    if origin in (list, Union, Optional) or origin is not None:
        for arg in get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None


def unknown_keys(model: type[BaseModel], data: Any, path: str = ""):
    """Yield (key path, line, unknown key, nearest known key) for every key no model knows.

    ``extra:`` is the handbook's own and is never looked into.
    """
    if not isinstance(data, dict):
        return
    known = known_keys(model)
    for key, value in data.items():
        if key == "extra" and "extra" in known:
            continue
        here = f"{path}.{key}" if path else str(key)
        if key not in known:
            line = getattr(data, "lines", {}).get(key)
            yield here, line, str(key), nearest(str(key), tuple(known))
            continue
        inner = known[key]
        if inner is None:
            continue
        if isinstance(value, list):
            for i, item in enumerate(value):
                if getattr(inner, "accepts_text", False) and isinstance(item, dict) and "text" not in item:
                    continue  # "- Decisions: by consensus": the schema asks for quotes instead
                yield from unknown_keys(inner, item, f"{here}[{i}]")
        else:
            yield from unknown_keys(inner, value, here)

"""The composer of a new highlight file: one for `copsite new highlight` and the post page.

Engine-free. `highlight_spec()` reads the fields of `schema.Highlight` (the model
`copsite check` validates with) into a plain description: each key's type,
whether it is required, its choices, pattern and bounds. The post page builds
its form from that description, and `copsite/assets/post.js` writes the file
from it exactly as `compose()` does here, so the two give the same text for the
same answers (tests/test_compose.py holds them equal):

- the file name is the date and an ASCII slug of the title (`file_name`);
- every text is written in double quotes with YAML's escapes (`quote`), so
  quotes, colons, `#`, `---`, emoji and right-to-left text stay text;
- a key is written only when it has a value other than the model's default;
- the body follows the front matter as typed (line ends made `\\n`).

`compose()` then reads the text back with the reader and refuses it with the
check's own messages when the reader would not accept it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from copsite.model import schema

NAME_WORD = "highlight"
"""The word after the date when the title gives no ASCII letter or digit."""

SLUG_LENGTH = 60

FIELD_ORDER = (
    "title",
    "date",
    "session",
    "kind",
    "attendance",
    "responses",
    "summary",
    "resources",
    "authors",
    "legacy",
    "draft",
)
"""The order of the form and of the file; a key the model gains and this list lacks comes after `authors`."""

ROW_ORDER = ("title", "url", "file", "kind", "description")
"""The keys of a resource row in the form; the rest (topics, added, ...) are written by hand when wanted."""

REQUIRED_HERE = ("title", "date")
"""Keys the file name is made from: required by the form even where the model has a default."""

LEFT_TO_THE_SITE = set(schema.PageKeys.model_fields) - {"title"}
"""Material's page keys: not a highlight's own, not in the form."""

WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
"""What Python's str.strip() removes (the model strips every text): post.js trims the same set."""

_EDGES = re.compile(f"^[{re.escape(WHITESPACE)}]+|[{re.escape(WHITESPACE)}]+\\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DIGITS = re.compile(r"[0-9]+")
_PLAIN_ID = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_WORDS = ("true", "false", "null", "yes", "no", "on", "off", "y", "n")
"""Words YAML may read as something else than text: a session id like these is quoted."""
_APOSTROPHES = re.compile("['\u2019\u02bc]")
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
CONTROL = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"
"""What the reader refuses anywhere in a file (reader._CONTROL), as the inside of a character class."""


def trim(text: str) -> str:
    return _EDGES.sub("", text)


def slug(title: str) -> str:
    """'Célébration à l'école' -> 'celebration-a-lecole': accents folded, apostrophes dropped, at most 60 characters."""
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKD", title))
    text = re.sub(r"[^a-z0-9]+", "-", text.encode("ascii", "ignore").decode("ascii").lower()).strip("-")
    if len(text) > SLUG_LENGTH:
        text = text[:SLUG_LENGTH]
        if "-" in text:
            text = text[: text.rindex("-")]
    return text.strip("-") or NAME_WORD


def file_name(date: str, title: str) -> str:
    return f"{date}-{slug(title)}.md"


def quote(text: str) -> str:
    """A YAML double-quoted scalar holding exactly `text` (what PyYAML reads back)."""
    out = []
    for ch in text:
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif _PRINTABLE.match(ch):
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}")
    return '"' + "".join(out) + '"'


# --------------------------------------------------------------------------- the model, read


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    """text, url, file, date, count, bool, choice, session, texts or rows."""
    required: bool = False
    default: Any = None
    choices: tuple[str, ...] = ()
    schemes: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: str | None = None
    fields: tuple[FieldSpec, ...] = ()
    one_of: tuple[str, ...] = ()
    """Keys of a row of which at most one may be given (the model's url-or-file rule)."""

    def as_json(self) -> dict:
        out: dict[str, Any] = {"name": self.name, "type": self.type, "required": self.required}
        for key in ("default", "minimum", "maximum"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        for key in ("choices", "schemes", "one_of"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        if self.fields:
            out["fields"] = [f.as_json() for f in self.fields]
        return out


def _validators(annotation: Any) -> list:
    out = []
    origin = get_origin(annotation)
    if origin is Annotated:
        out += [m.func for m in get_args(annotation)[1:] if getattr(m, "func", None) is not None]
        out += _validators(get_args(annotation)[0])
    elif origin is Union or origin is list:
        for arg in get_args(annotation):
            out += _validators(arg)
    return out


def _inner(annotation: Any) -> tuple[Any, bool]:
    """(the model of a list's items or None, whether the value is a list)."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _inner(get_args(annotation)[0])
    if origin is Union:
        for arg in get_args(annotation):
            if arg is not type(None):
                return _inner(arg)
    if origin is list:
        item = get_args(annotation)[0]
        base = get_args(item)[0] if get_origin(item) is Annotated else item
        return (base if isinstance(base, type) and issubclass(base, BaseModel) else None), True
    return None, False


def _scalar_type(funcs: list) -> dict:
    for f in funcs:
        if hasattr(f, "allowed"):
            return {"type": "choice", "choices": tuple(f.allowed)}
        if hasattr(f, "schemes"):
            return {"type": "url", "schemes": tuple(f.schemes)}
        if f is schema._session_ref:
            return {"type": "session"}
        if f is schema._date:
            return {"type": "date", "maximum": f"{schema.LAST_YEAR}-12-31"}
        if f is schema._count:
            return {"type": "count", "minimum": 0}
        if f is schema._bool:
            return {"type": "bool"}
        if f is schema._relative_file:
            return {"type": "file"}
    return {"type": "text"}


def _spec(name: str, info, order: tuple[str, ...] = ()) -> FieldSpec:
    parameters = (info.annotation, *info.metadata)  # Annotated[(a, *b)] needs Python 3.11 to be written
    annotation = Annotated[parameters] if info.metadata else info.annotation
    item_model, is_list = _inner(annotation)
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    if default in ([], False, None) and name not in ("legacy", "draft"):
        default = None
    required = info.is_required() or name in REQUIRED_HERE and not order
    if item_model is not None:
        return FieldSpec(name, "rows", required, fields=fields_of(item_model, ROW_ORDER), one_of=_one_of(item_model))
    kind = _scalar_type(_validators(annotation))
    if is_list:
        return FieldSpec(name, "texts", required)
    return FieldSpec(name, required=required, default=default, **kind)


def _one_of(model: type[BaseModel]) -> tuple[str, ...]:
    return ("url", "file") if issubclass(model, schema.UrlOrFile) else ()


def fields_of(model: type[BaseModel], order: tuple[str, ...] = ()) -> tuple[FieldSpec, ...]:
    """A row model's fields in `order` (the others are left out of the form)."""
    infos = model.model_fields
    return tuple(_spec(n, infos[n], order) for n in order if n in infos)


@functools.lru_cache(maxsize=1)
def highlight_spec() -> tuple[FieldSpec, ...]:
    """The highlight's keys as the form and the composer see them, from `schema.Highlight`."""
    infos = schema.Highlight.model_fields
    names = [n for n in infos if n not in LEFT_TO_THE_SITE]
    known = [n for n in FIELD_ORDER if n in names]
    new = [n for n in names if n not in FIELD_ORDER]
    at = known.index("authors") + 1 if "authors" in known else len(known)
    ordered = known[:at] + new + known[at:]
    return tuple(_spec(n, infos[n]) for n in ordered)


# --------------------------------------------------------------------------- writing


def _value_lines(f: FieldSpec, value: Any, indent: str) -> list[str]:
    """The lines of one key, or none when it has no value (or the model's default)."""
    if f.type == "rows":
        rows = []
        for row in value or []:
            lines = [line for sub in f.fields for line in _value_lines(sub, row.get(sub.name), "    ")]
            if lines:
                rows.append("  - " + lines[0][4:])
                rows += lines[1:]
        return [f"{indent}{f.name}:", *rows] if rows else []
    if f.type == "texts":
        items = [trim(str(v)) for v in value or []]
        items = [v for v in items if v]
        return [f"{indent}{f.name}:", *(f"{indent}  - {quote(v)}" for v in items)] if items else []
    if f.type == "bool":
        return [f"{indent}{f.name}: {'true' if value else 'false'}"] if bool(value) != bool(f.default) else []
    text = trim(str(value)) if value is not None else ""
    if not text or text == f.default:
        return []
    bare = (
        (f.type == "count" and _DIGITS.fullmatch(text) and (text.lstrip("0") or "0"))
        or (f.type == "date" and _DATE.fullmatch(text) and text)
        or (f.type == "choice" and text in f.choices and text)
        or (f.type == "session" and (_DATE.fullmatch(text) or _PLAIN_ID.fullmatch(text) and text not in _WORDS) and text)
    )
    return [f"{indent}{f.name}: {bare or quote(text)}"]  # what is not a number, date or choice stays text: the reader says why


def body_text(body: str) -> str:
    text = body.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(r"^(?:[ \t]*\n)+", "", text)
    text = re.sub(r"[ \t\n]+\Z", "", text)
    return text + "\n" if text else ""


def write(answers: dict, spec: tuple[FieldSpec, ...] | None = None) -> str:
    """The file's text for the answers (keys of the spec, and `body`): what post.js writes too."""
    lines = ["---"]
    for f in spec or highlight_spec():
        lines += _value_lines(f, answers.get(f.name), "")
    lines.append("---")
    body = body_text(answers.get("body") or "")
    return "\n".join(lines) + "\n" + ("\n" + body if body else "")


# --------------------------------------------------------------------------- checking


class Refused(ValueError):
    """The answers give no file the reader accepts: `problems` says why, in the check's own words."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class Composed:
    file_name: str
    text: str
    meta: schema.Highlight
    body: str = ""


def compose(answers: dict, spec: tuple[FieldSpec, ...] | None = None, language: str = "en") -> Composed:
    """The file for the answers, read back as `copsite check` reads it; `Refused` when it would not pass."""
    from copsite.content.files import refuse_control_characters, validate
    from copsite.i18n import language as words_of
    from copsite.model.frontmatter import read_text
    from copsite.model.problems import Problems

    problems = Problems(words=words_of(language))
    meta = source = None
    date, title = trim(str(answers.get("date") or "")), trim(str(answers.get("title") or ""))
    for key, value in (("title", title), ("date", date)):
        if not value:
            problems.error("", "is required but missing", key=key)
    text = write(answers, spec)
    name = file_name(date, title)
    if not problems.items:
        source = read_text(text)  # a FrontMatterError here is the composer's own bug: quote() writes only what YAML reads
        refuse_control_characters(source.data, source.body, source.body_line, name, problems)
        meta = validate(schema.Highlight, source.data, name, problems)
    shown = [f"{p.key}: {p.message}" if p.key else p.message for p in problems if p.severity.value != "placeholder"]
    if shown or meta is None or source is None:
        raise Refused(shown)
    return Composed(name, text, meta, source.body)

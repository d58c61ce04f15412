"""Read a Markdown file's YAML front matter the way a person means it.

The loader is PyYAML's safe loader (its C parser where present) with the
implicit types cut down to what a handbook author expects:

* ``10:30`` stays the text "10:30" (YAML 1.1 would read 630);
* only ``true`` and ``false`` are booleans (``No`` and ``on`` stay text);
* ``2025-10-05`` is a date; anything else that looks like one stays text, so the
  schema can say what the right form is;
* numbers keep the text they were written as, so ``version: 1.10`` used as text
  is "1.10", not "1.1".

Every mapping and sequence remembers the line of each of its items, so that a
problem found later, by the schema, can still point at a line. A key written
twice is recorded. An alias to a list or a mapping is refused by `check_shared`
before anything walks the data (aliases serve no handbook and make "billion
laughs" bombs possible).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from copsite.i18n import M_, MN_
from copsite.model.problems import Lines, printable

try:  # PyYAML's C parser, when it was built with libyaml: several times faster.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class LineDict(dict):
    """A mapping from front matter, with the line of every key (1-based, in the file)."""

    __slots__ = ("line", "lines")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line: int | None = None
        self.lines: dict[Any, int] = {}


class LineList(list):
    """A sequence from front matter, with the line of every item."""

    __slots__ = ("line", "lines")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line: int | None = None
        self.lines: list[int] = []


class YamlInt(int):
    """An integer that remembers how it was written."""

    source: str

    def __new__(cls, value: int, source: str):
        obj = super().__new__(cls, value)
        obj.source = source
        return obj

    def __reduce__(self):
        return (type(self), (int(self), self.source))

    def __deepcopy__(self, memo):
        return self  # immutable, like the int it is


class YamlFloat(float):
    """A number with a fraction that remembers how it was written."""

    source: str

    def __new__(cls, value: float, source: str):
        obj = super().__new__(cls, value)
        obj.source = source
        return obj

    def __reduce__(self):
        return (type(self), (float(self), self.source))

    def __deepcopy__(self, memo):
        return self  # immutable, like the float it is


class FrontMatterError(Exception):
    """The front matter cannot be read at all.

    `message` is a msgid of copsite's catalogs with named %(placeholders)s filled from `values`
    (the reader writes it in the handbook's language); `shown` is the line in question with a
    caret under the place, or empty.
    """

    def __init__(self, message: str, line: int | None = None, *, shown: str = "", **values):
        self.problem = M_(message, **values)
        self.shown = shown
        self.line = line
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The message in English, with the line shown under it."""
        return str(self.problem) + self.shown


class _Loader(_BaseLoader):
    """Safe loader with a person's types, line numbers and no aliases."""

    line_offset = 0

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[str, int, int]] = []

    def _line(self, node) -> int:
        return node.start_mark.line + 1 + self.line_offset

    def construct_line_mapping(self, node):
        data = LineDict()
        data.line = self._line(node)
        yield data
        if not isinstance(node, yaml.MappingNode):  # pragma: no cover - guarded by the resolver
            raise FrontMatterError("expected a group of keys (key: value lines, indented)", self._line(node))
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, (LineDict, LineList)):
                raise FrontMatterError(
                    "a key must be a single word or text, not a list or mapping",
                    self._line(key_node),
                )
            key = key.source if isinstance(key, (YamlInt, YamlFloat)) else str(key)
            if key in data:
                self.duplicates.append((key, data.lines[key], self._line(key_node)))
            data[key] = self.construct_object(value_node, deep=True)
            data.lines[key] = self._line(key_node)

    def construct_line_sequence(self, node):
        data = LineList()
        data.line = self._line(node)
        yield data
        for child in node.value:
            data.append(self.construct_object(child, deep=True))
            data.lines.append(self._line(child))

    def construct_person_int(self, node):
        text = self.construct_scalar(node)
        clean = text.replace("_", "")
        if clean.startswith(("0x", "0X")):
            return YamlInt(int(clean, 16), text)
        if clean.startswith(("0o", "0O")):
            return YamlInt(int(clean, 8), text)
        return YamlInt(int(clean), text)

    def construct_person_float(self, node):
        text = self.construct_scalar(node)
        lowered = text.lower()
        if lowered in (".inf", "+.inf"):
            value = float("inf")
        elif lowered == "-.inf":
            value = float("-inf")
        elif lowered == ".nan":
            value = float("nan")
        else:
            value = float(text)
        return YamlFloat(value, text)

    def construct_person_date(self, node):
        text = self.construct_scalar(node)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text  # "2025-02-30": the schema says it is no calendar date

    def construct_person_bool(self, node):
        return self.construct_scalar(node).lower() == "true"

    def construct_undefined(self, node):
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise FrontMatterError(
            "the YAML tag %(tag)s is not allowed in front matter: write plain text, numbers, dates, lists and keys only",
            self._line(node),
            tag=tag,
        )


# The implicit types: YAML 1.2's core schema, cut to what people mean.
_Loader.yaml_implicit_resolvers = {}
for _tag, _regexp, _first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (
        "tag:yaml.org,2002:int",
        r"^(?:[-+]?(?:0|[1-9][0-9_]*)|0o[0-7]+|0x[0-9a-fA-F]+)$",
        "-+0123456789",
    ),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:timestamp", r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "0123456789"),
]:
    _Loader.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))

_Loader.yaml_constructors = {}
_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_line_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_line_sequence)
_Loader.add_constructor("tag:yaml.org,2002:str", _Loader.construct_yaml_str)  # type: ignore[type-var]  # the stubs want a Loader as self; SafeConstructor's own method is one
_Loader.add_constructor("tag:yaml.org,2002:null", _Loader.construct_yaml_null)  # type: ignore[type-var]  # the stubs want a Loader as self; SafeConstructor's own method is one
_Loader.add_constructor("tag:yaml.org,2002:bool", _Loader.construct_person_bool)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_person_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_person_float)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_person_date)
_Loader.add_constructor(None, _Loader.construct_undefined)


@dataclass
class Source:
    """A Markdown file split into its front matter and its body."""

    data: Any = None
    """The front matter: a LineDict normally; None when the file has none."""
    body: str = ""
    body_line: int = 1
    """The line of the file where the body starts."""
    has_front_matter: bool = False
    duplicates: list[tuple[str, int, int]] = field(default_factory=list)


_FENCE = re.compile(r"^---[ \t]*$", re.M)
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


def decode(raw: bytes) -> str:
    """Bytes to text: UTF-8 with or without a byte-order mark, LF or CRLF line ends."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise FrontMatterError(
            "the file is not UTF-8 text (byte 0x%(byte)s on line %(number)s): "
            "open it in your editor and save it with the UTF-8 encoding",
            line,
            byte=f"{raw[err.start]:02X}",
            number=line,
        ) from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise FrontMatterError(
            "the file holds a NUL character, as binary files do: is it really a Markdown file?",
            line,
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str) -> tuple[str | None, str, int]:
    """Return (front matter text or None, body, the line where the body starts)."""
    if not text.startswith("---"):
        return None, text, 1
    first = _FENCE.match(text)
    if not first:
        return None, text, 1
    start = first.end() + 1
    end = _END.search(text, start)
    if end is None:
        raise FrontMatterError("the front matter starts with '---' on line 1 but has no closing '---' line", 1)
    yaml_text = text[start : end.start()]
    body_start = end.end() + 1
    body_line = text.count("\n", 0, min(body_start, len(text))) + 1
    return yaml_text, text[body_start:], body_line


_QUOTE_HINTS = (
    "mapping values are not allowed",
    "expected <block end>, but found",
    "did not find expected key",
    "while scanning a quoted scalar",
    "found unexpected end of stream",
    "while parsing a block mapping",
    "expected a comment or a line break",
    "found undefined alias",
)


def parse_yaml(yaml_text: str) -> tuple[Any, list[tuple[str, int, int]]]:
    """Parse front-matter text (the lines between the fences, which begin on file line 2)."""
    loader = _Loader(yaml_text)
    loader.line_offset = 1
    try:
        data = loader.get_single_data()
    except FrontMatterError:
        raise
    except yaml.MarkedYAMLError as err:
        raise _friendly(err, yaml_text) from None
    except yaml.YAMLError as err:  # pragma: no cover - every PyYAML error we know is marked
        raise FrontMatterError("the front matter is not valid YAML: %(error)s", error=str(err)) from None
    except RecursionError:
        raise FrontMatterError("the front matter is nested too deeply to read") from None
    finally:
        loader.dispose()
    return data, loader.duplicates


def _friendly(err: yaml.MarkedYAMLError, yaml_text: str) -> FrontMatterError:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 2 if mark is not None else None
    problem = (err.problem or "").strip()
    context = (err.context or "").strip()
    lines = yaml_text.split("\n")
    source = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    if "\t" in problem or "'\\t'" in problem or (source[: len(source) - len(source.lstrip())].count("\t")):
        return FrontMatterError(
            "a tab is used for indentation: YAML needs spaces, so replace the tab with spaces",
            line,
        )
    text = f"{context} {problem}".strip()
    plain = _plain_yaml(text, lines, mark, line, err.context_mark)
    if plain is not None:
        return plain
    if any(hint in text for hint in _QUOTE_HINTS):
        shown = source.strip()
        return FrontMatterError(
            "this line is not valid YAML%(quoted)s: if the value contains ': ', ' #' or starts with a quote, "
            'put this value in quotes, for example  title: "Planning: term 2"',
            line,
            quoted=f" ({shown!r})" if shown else "",
        )
    return FrontMatterError(
        "this line is not valid YAML: each line is a key, a colon, a space and a value (key: value), "
        "and the lines of one group are indented by the same number of spaces",
        line,
        shown=_show_line(lines, mark),
    )


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _show_line(lines: list[str], mark, column: int | None = None) -> str:
    """The line in question and a caret under the place, for a message."""
    if mark is None or mark.line >= len(lines) or not lines[mark.line].strip():
        return ""
    source = lines[mark.line]
    col = mark.column if column is None else column
    shown = printable(source)  # the author's line: no control character, no '::' command
    col += len(printable(source[:col])) - len(source[:col])
    return Lines(f"\n    {shown}\n    {' ' * min(col, len(shown))}^")


def _plain_yaml(text: str, lines: list[str], mark, line: int | None, opened=None) -> FrontMatterError | None:
    """A plain sentence for the YAML errors a person makes with indentation and brackets, or None."""
    if mark is None or mark.line >= len(lines):
        return None
    here = lines[mark.line]
    above = next(
        (lines[i] for i in range(mark.line - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")), None
    )
    start = _indent(here)
    if "block collection" in text and "'-' indicator" in text:
        return FrontMatterError(
            "this line does not line up with the list above it (it is indented by %(indent)s spaces): every item of "
            "a list starts with '- ' at the same indentation as the other items, and the keys inside an item line "
            "up under the first key after its '- '",
            line,
            shown=_show_line(lines, mark, start),
            indent=start,
        )
    if "flow sequence" in text or "flow mapping" in text:
        kind = "[ ]" if "sequence" in text else "{ }"
        return FrontMatterError(
            "a %(brackets)s list or group is not closed, or lacks a ',' between two items: close it on the line where it "
            "starts, like  tags: [reading, writing]",
            (opened.line + 2) if opened is not None else line,
            shown=_show_line(lines, opened or mark),
            brackets=kind,
        )
    if above is not None and here.strip() and start != _indent(above) and not above.rstrip().endswith(":"):
        return FrontMatterError(
            "this line is indented by %(spaces)s, the line above by %(above)s: "
            "the keys of one group line up exactly, and only the lines under a key that ends with ':' are "
            "indented further",
            line,
            shown=_show_line(lines, mark, start),
            spaces=MN_("%(num)d space", "%(num)d spaces", start),
            above=_indent(above),
        )
    return None


def check_shared(data: Any) -> None:
    """Refuse a list or mapping that appears twice (a YAML alias): it could expand without end.

    Construction shares the aliased object, so this walk meets every object once and
    stops at the first one it meets again, before anything else walks the data.
    """
    seen: set[int] = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, (dict, list)):
            if id(item) in seen:
                raise FrontMatterError(
                    "anchors and aliases (& and *) are not supported in front matter: write the value out in full",
                    getattr(item, "line", None),
                )
            seen.add(id(item))
            stack.extend(item.values() if isinstance(item, dict) else item)


def read_text(text: str) -> Source:
    """Split and parse a file's text. Raises FrontMatterError when it cannot be read."""
    yaml_text, body, body_line = split(text)
    if yaml_text is None:
        return Source(data=None, body=body, body_line=body_line)
    data, duplicates = parse_yaml(yaml_text)
    check_shared(data)
    return Source(
        data=data,
        body=body,
        body_line=body_line,
        has_front_matter=True,
        duplicates=duplicates,
    )


def read_bytes(raw: bytes) -> Source:
    return read_text(decode(raw))


# --------------------------------------------------------------------------- where a key is


def key_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def line_of(raw: Any, loc: tuple) -> int | None:
    """The line of the deepest item of `loc` that exists in the raw front matter."""
    node, line = raw, getattr(raw, "line", None)
    for part in loc:
        lines = getattr(node, "lines", None)
        if isinstance(node, dict) and part in node:
            line = lines.get(part, line) if lines else line
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            line = lines[part] if lines and part < len(lines) else line
            node = node[part]
        else:
            break
    return line

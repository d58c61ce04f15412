"""Problems found in a handbook: where, what was expected, how bad.

A Problem is the one currency of bad content in copsite. The reader makes them,
`copsite check` prints them and the MkDocs plugin logs them; none of those
places ever shows a traceback for bad content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from copsite.i18n import NP_, Message

_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r"}
_COMMAND = re.compile(r"^([ \t]*)::", re.MULTILINE)


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8, as Python keeps it
        return f"\\x{code - 0xDC00:02x}"
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """`text` as one line a terminal, a log or a CI shows as it is: line breaks, control characters
    (ESC, BEL...) and bytes of a name that is not UTF-8 written as escapes (``\\n``, ``\\x1b``, ``\\xe9``),
    and no line beginning with ``::`` (a workflow command for GitHub's runner)."""
    if _UNPRINTABLE.search(text):
        text = _UNPRINTABLE.sub(lambda m: _escape(m.group()), text)
    return _COMMAND.sub(r"\1\\::", text) if "::" in text else text


class Lines(str):
    """Text that copsite lays out over several lines on purpose (a line of the file and a caret
    under it), its author's parts already made printable: kept as it is in a message."""


def printable_lines(text: str) -> str:
    """A message's lines as printed: each one printable, none beginning with ``::``."""
    return "\n".join(printable(line) for line in text.split("\n"))


def _value(value: Any) -> Any:
    """A message's value, printable: the handbook's names, keys and text, inside hints too."""
    if isinstance(value, Message):
        return replace(value, values=tuple((k, _value(v)) for k, v in value.values))
    if isinstance(value, str) and not isinstance(value, Lines):
        return printable(value)
    return value


class Severity(str, Enum):
    ERROR = "error"
    """Stops every build."""
    WARNING = "warning"
    """Stops a --strict build."""
    PLACEHOLDER = "placeholder"
    """Text written by `copsite new` that is still to be replaced: a reminder, never a failure."""


SEVERITY_WORDS = {
    Severity.ERROR: NP_("severity", "error"),
    Severity.WARNING: NP_("severity", "warning"),
    Severity.PLACEHOLDER: NP_("severity", "placeholder"),
}


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    """The file, relative to the handbook's docs folder (``communities/x/plan.md``)."""
    line: int | None
    key: str
    """The key path inside the front matter, like ``sessions[2].date``; empty for the whole file."""
    message: str
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def where(self) -> str:
        place = self.file
        if self.line is not None:
            place += f":{self.line}"
        return place

    def __str__(self) -> str:
        key = f" {self.key}:" if self.key else ""
        return printable_lines(f"{self.where()}:{key} {self.message}")


@dataclass
class Problems:
    """An ordered collection of problems, kept in reading order."""

    items: list[Problem] = field(default_factory=list)
    words: Any = None
    """The handbook's language (`i18n.Language`) for the messages that have a translation; None: English."""

    def say(self, message, /, **values) -> str:
        """A message (a msgid or an `i18n.Message`) in the handbook's language (English without one)."""
        from copsite.i18n import language

        return (self.words or language("en")).gettext(message, **{k: _value(v) for k, v in values.items()})

    # The message of a problem is a msgid of the catalogs with named %(placeholders)s, given
    # as `values` (a value may be an i18n.Message, translated too): the problem is written in
    # the handbook's language when it is made. Key names and values stay as written.

    def error(self, file: str, message, /, *, key: str = "", line: int | None = None, **values) -> None:
        self.items.append(Problem(printable(file), line, printable(key), self.say(message, **values), Severity.ERROR))

    def warning(self, file: str, message, /, *, key: str = "", line: int | None = None, **values) -> None:
        self.items.append(Problem(printable(file), line, printable(key), self.say(message, **values), Severity.WARNING))

    def placeholder(self, file: str, message, /, *, key: str = "", line: int | None = None, **values) -> None:
        self.items.append(Problem(printable(file), line, printable(key), self.say(message, **values), Severity.PLACEHOLDER))

    def add(self, problem: Problem) -> None:
        self.items.append(problem)

    def extend(self, problems) -> None:
        self.items.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    @property
    def placeholders(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.PLACEHOLDER]

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def summary(self) -> str:
        from copsite.i18n import language

        words = self.words or language("en")
        e, w, t = len(self.errors), len(self.warnings), len(self.placeholders)
        text = (
            words.ngettext("%(num)d error", "%(num)d errors", e) + ", " + words.ngettext("%(num)d warning", "%(num)d warnings", w)
        )
        if t:
            text += ", " + words.ngettext("%(num)d placeholder to fill in", "%(num)d placeholders to fill in", t)
        return text

    def severity_word(self, severity: Severity) -> str:
        """'error', 'warning', 'placeholder' in the handbook's language, for people (machine formats keep the value)."""
        from copsite.i18n import language

        return (self.words or language("en")).pgettext("severity", SEVERITY_WORDS[severity])

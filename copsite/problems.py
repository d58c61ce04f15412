"""Problems found in a handbook: where, what was expected, how bad.

A Problem is the one currency of bad content in copsite. The reader makes them,
`copsite check` prints them and the MkDocs plugin logs them; none of those
places ever shows a traceback for bad content.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from .i18n import NP_


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
        return f"{self.where()}:{key} {self.message}"


@dataclass
class Problems:
    """An ordered collection of problems, kept in reading order."""

    items: list[Problem] = field(default_factory=list)
    words: Any = None
    """The handbook's language (`i18n.Language`) for the messages that have a translation; None: English."""

    def say(self, message, /, **values) -> str:
        """A message (a msgid or an `i18n.Message`) in the handbook's language (English without one)."""
        from .i18n import language

        return (self.words or language("en")).gettext(message, **values)

    # The message of a problem is a msgid of the catalogs with named %(placeholders)s, given
    # as `values` (a value may be an i18n.Message, translated too): the problem is written in
    # the handbook's language when it is made. Key names and values stay as written.

    def error(self, file: str, message, /, *, key: str = "", line: int | None = None, **values) -> None:
        self.items.append(Problem(file, line, key, self.say(message, **values), Severity.ERROR))

    def warning(self, file: str, message, /, *, key: str = "", line: int | None = None, **values) -> None:
        self.items.append(Problem(file, line, key, self.say(message, **values), Severity.WARNING))

    def placeholder(self, file: str, message, /, *, key: str = "", line: int | None = None, **values) -> None:
        self.items.append(Problem(file, line, key, self.say(message, **values), Severity.PLACEHOLDER))

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
        from .i18n import language

        words = self.words or language("en")
        e, w, t = len(self.errors), len(self.warnings), len(self.placeholders)
        text = words.ngettext("%(num)d error", "%(num)d errors", e) + ", " + words.ngettext("%(num)d warning", "%(num)d warnings", w)
        if t:
            text += ", " + words.ngettext("%(num)d placeholder to fill in", "%(num)d placeholders to fill in", t)
        return text

    def severity_word(self, severity: Severity) -> str:
        """'error', 'warning', 'placeholder' in the handbook's language, for people (machine formats keep the value)."""
        from .i18n import language

        return (self.words or language("en")).pgettext("severity", SEVERITY_WORDS[severity])

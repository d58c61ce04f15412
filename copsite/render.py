"""Templates: the Jinja environment that turns copsite's views into page Markdown, and its filters.

Every template lives in `copsite/templates/`; front-matter text reaches them as plain
strings and is escaped by autoescape (never markup).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .placeholders import purpose_written
from .reader import purpose_part, purpose_sentence

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def longdate(d: dt.date) -> str:
    return f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"


def label(value: str) -> str:
    """A vocabulary word as a person reads it: 'in-person' -> 'In person'."""
    return value.replace("-", " ").capitalize()


KIND_LABELS = {
    "meeting": "Meeting",
    "check-in": "Check-in",
    "survey": "Survey",
    "success-story": "Success story",
    "reflection": "Reflection",
    "summary": "Summary report",
}
"""How each kind of highlight is named on badges, in feeds and in reports."""


def kindlabel(kind: str) -> str:
    return KIND_LABELS.get(kind, label(kind))


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~<>.-])")


def mdheading(text: str) -> Markup:
    """Text safe inside a Markdown heading: HTML-escaped, then Markdown's own characters backslashed."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(text))).replace("\\&", "&").replace("\\#", "&#35;"))


def _purpose_shown(purpose) -> str:
    """The purpose sentence, or what to say while a part of it is still to write."""
    return purpose_sentence(purpose) if purpose_written(purpose) else NO_PURPOSE


NO_PURPOSE = "The purpose of this community is not written yet."


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("copsite", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        auto_reload=False,  # the package's templates do not change during a build
    )
    env.filters.update(longdate=longdate, label=label, mdheading=mdheading, part=purpose_part, kindlabel=kindlabel)
    env.globals.update(purpose_sentence=_purpose_shown, purpose_written=purpose_written)
    return env


def render(template: str, **context) -> str:
    text = environment().get_template(template).render(**context)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

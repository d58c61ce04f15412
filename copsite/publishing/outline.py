"""The text of a new highlight file: written once, for `copsite new highlight` and the "Post a highlight" button.

Engine-free. `highlight_text(...)` renders `scaffold/highlight.md`: the front
matter of a valid highlight (title, date, session, authors, a `resources: []`
list with a commented example entry) and the body outline (what happened, what
we decided, what comes next). Both callers pass what they know as arguments;
new kinds of highlight or other languages extend the arguments, not a copy of
the text.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import lru_cache

from copsite.i18n import language as words_of
from copsite.publishing.kind_outlines import KIND_OUTLINES, OUTLINES_BY_LANGUAGE

TITLE_PLACEHOLDER = "TO DO: a few words saying what this meeting was about"
"""The title of a highlight posted from the browser, until the facilitator writes one."""

NAME_WORD = "highlight"
"""The word after the date in a highlight posted from the browser: YYYY-MM-DD-highlight.md."""


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(
        loader=PackageLoader("copsite.publishing", "scaffold"),
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        autoescape=False,
    )
    env.filters["yaml"] = lambda text: json.dumps(str(text), ensure_ascii=False)  # a JSON string is a YAML string
    return env


def scaffold(name: str, language: str = "en", **context) -> str:
    """One of the files `copsite init` and `copsite new` write, from `copsite/publishing/scaffold/`: in the
    handbook's language from `copsite/publishing/scaffold/<lang>/` when it has the file, else in English."""
    from jinja2 import TemplateNotFound

    from copsite.i18n import language as words_of

    env = _environment()
    try:
        template = env.get_template(f"{words_of(language).language}/{name}")
    except TemplateNotFound:
        template = env.get_template(name)
    return template.render(**context)


def highlight_text(
    *,
    date: str,
    title: str = TITLE_PLACEHOLDER,
    session: str | None = None,
    authors: list[str] | tuple[str, ...] = (),
    draft: bool = False,
    name_hint: bool = False,
    language: str = "en",
    kind: str = "meeting",
) -> str:
    """A new highlight file. `date` is YYYY-MM-DD; `session` a session id or date, or None.

    `kind` (a highlight kind) writes `kind:` and that kind's outline (`kind_outlines`)
    instead of the meeting's.

    `name_hint` adds a line asking to replace the word after the date in the
    file's name with a few words of the title (for a file named by the button).
    """
    return scaffold(
        "highlight.md",
        language,
        title=title,
        date=date,
        session=session,
        authors=list(authors),
        draft=draft,
        name_hint=name_hint,
        name_word=NAME_WORD,
        kind=kind,
        outline=OUTLINES_BY_LANGUAGE.get(words_of(language).language, KIND_OUTLINES).get(kind),
    )


def session_on(sessions, day: dt.date) -> str | None:
    """How a highlight of `day` names the plan session of that day: its id, or its date; None when there is none."""
    same_day = [s for s in sessions if s.date == day]
    if len(same_day) == 1:
        return same_day[0].id or day.isoformat()
    return next((s.id for s in same_day if s.id), None)

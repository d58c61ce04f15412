"""The rules across a community's files: the charter's purpose, the plan's sessions and times, highlights linked to their sessions, the files resources name, theme names."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from copsite.content.files import rel_path
from copsite.content.placeholders import PLACEHOLDER
from copsite.i18n import M_, Message
from copsite.model import schema
from copsite.model.frontmatter import key_path, line_of
from copsite.model.handbook import Community, Doc, Handbook, HighlightEntry
from copsite.model.options import Options
from copsite.model.problems import Problems
from copsite.model.text import purpose_sentence


def check_community(
    community: Community,
    folder: Path,
    root: Path,
    docs: dict[str, Doc],
    highlights: list[HighlightEntry],
    options: Options,
    problems: Problems,
) -> None:
    """Every rule across one community's files."""
    _check_charter(community, problems)
    _check_sample(community, problems)
    _check_plan(community, problems)
    _check_local_times(community, options, problems)
    _check_session_hours(community, problems)
    if docs.get("plan") is not None and docs["plan"].meta is None and highlights:
        _plan_unreadable(docs["plan"], problems)  # the highlights' sessions cannot be checked
    else:
        community.highlights = _link_highlights(community, problems)  # still being assembled by the reader
    _check_files(community, folder, root, docs, highlights, problems)


def check_theme_names(handbook: Handbook, theme_dirs: list[str], problems: Problems) -> None:
    """A page's `template:` and `icon:` must exist in the theme: the theme would fail with a traceback."""
    for doc in handbook.docs.values():
        meta = doc.meta
        if meta is None:
            continue
        if meta.template and not any(os.path.isfile(os.path.join(d, meta.template)) for d in theme_dirs):
            problems.error(
                doc.path,
                "'%(name)s' is not a template of the theme (main.html is the usual one; "
                "a template of your own goes in the folder named by theme.custom_dir)",
                key="template",
                line=line_of(doc.raw, ("template",)),
                name=meta.template,
            )
        if meta.icon and not any(os.path.isfile(os.path.join(d, ".icons", meta.icon + ".svg")) for d in theme_dirs):
            problems.error(
                doc.path,
                "'%(name)s' is not an icon of the theme: write it like material/school",
                key="icon",
                line=line_of(doc.raw, ("icon",)),
                name=meta.icon,
            )


def warn_same_titles(handbook: Handbook, problems: Problems) -> None:
    """Two communities with one title look like one in cards and the sidebar."""
    first: dict[str, Community] = {}
    for c in handbook.communities:
        key = " ".join(c.title.casefold().split())
        if key in first:
            problems.warning(
                c.charter_doc.path,
                "'%(title)s' is also the title of %(other)s: readers could not tell the two "
                "communities apart in cards and the sidebar; give each its own title",
                key="title",
                line=line_of(c.charter_doc.raw, ("title",)),
                title=c.title,
                other=first[key].folder,
            )
        else:
            first[key] = c


_SENTENCE_WORDS = {
    "audience": ("this community", "community of practice", "is intended", "intended for"),
    "interest": ("who share", "share an interest", "an interest in", "interest in", "concern for", "who are interested"),
    "learning_goal": ("and commit", "commit to", "learning together", "how best to", "to learn together"),
}


def _check_charter(community: Community, problems: Problems) -> None:
    doc, charter = community.charter_doc, community.charter
    for part, starts in _SENTENCE_WORDS.items():
        value = getattr(charter.purpose, part)
        loc = ("purpose", part)
        if PLACEHOLDER in value:
            continue  # reported as a placeholder to fill in
        if value.rstrip().endswith((".", "!", "?")):
            problems.warning(
                doc.path,
                "ends with a full stop, but it is the middle of the purpose sentence: "
                "leave the stop out (the sentence reads: %(sentence)s)",
                key=key_path(loc),
                line=line_of(doc.raw, loc),
                sentence=repr(purpose_sentence(charter.purpose, problems.words)),
            )
        lowered = value.lower()
        for words in starts:
            if lowered.startswith(words):
                problems.warning(
                    doc.path,
                    "starts with '%(start)s', which the purpose sentence already says: "
                    "write only your part (the sentence reads: %(sentence)s)",
                    key=key_path(loc),
                    line=line_of(doc.raw, loc),
                    start=value[: len(words)],
                    sentence=repr(purpose_sentence(charter.purpose, problems.words)),
                )
                break
    member_names = {m.name.casefold() for m in charter.members}
    for i, name in enumerate(charter.facilitators):
        if charter.members and name.casefold() not in member_names:
            problems.warning(
                doc.path,
                "facilitator '%(name)s' is not listed in members: add them there with their role",
                key=f"facilitators[{i}]",
                line=line_of(doc.raw, ("facilitators", i)),
                name=name,
            )


def _check_sample(community: Community, problems: Problems) -> None:
    if community.charter.sample:
        problems.placeholder(
            community.charter_doc.path,
            "this is the sample community that `copsite init` wrote: the preview shows it, a built site "
            "leaves it out. Make it yours (write its texts, then delete the line sample: true) or delete "
            "its folder",
            key="sample",
            line=line_of(community.charter_doc.raw, ("sample",)),
        )


def _check_plan(community: Community, problems: Problems) -> None:
    doc = community.section_doc("plan")
    if doc is None:
        return
    seen: dict[str, int] = {}
    for i, session in enumerate(community.sessions):
        if session.id:
            if session.id in seen:
                problems.error(
                    doc.path,
                    "'%(id)s' is already used by sessions[%(index)s]: each session id must be unique",
                    key=f"sessions[{i}].id",
                    line=line_of(doc.raw, ("sessions", i, "id")),
                    id=session.id,
                    index=seen[session.id],
                )
            seen[session.id] = i


def _check_local_times(community: Community, options: Options, problems: Problems) -> None:
    """A time that the clocks skip (2:30 on the spring-forward day) is a warning saying what it becomes."""
    doc = community.section_doc("plan")
    if doc is None:
        return
    tz = options.tz
    for i, session in enumerate(community.sessions):
        for t in session.time or ():
            if t is None:
                continue
            local = dt.datetime.combine(session.date, t, tz)
            real = local.astimezone(dt.timezone.utc).astimezone(tz)
            if real.replace(tzinfo=None) != local.replace(tzinfo=None):
                problems.warning(
                    doc.path,
                    "%(time)s does not exist on %(date)s in %(timezone)s "
                    "(the clocks go forward that night): it becomes %(real)s; "
                    "choose a time outside the change",
                    key=f"sessions[{i}].time",
                    line=line_of(doc.raw, ("sessions", i, "time")),
                    time=f"{t.hour}:{t.minute:02}",
                    date=session.date.isoformat(),
                    timezone=options.timezone,
                    real=f"{real.hour}:{real.minute:02}",
                )
                break


def _plan_unreadable(plan: Doc, problems: Problems) -> None:
    problems.warning(
        plan.path,
        "the highlights' sessions were not checked, because this plan has errors: fix them, then check again",
    )


EARLIEST, LATEST = dt.time(7, 0), dt.time(22, 0)
"""A session starting before EARLIEST or ending after LATEST is most likely a 12-hour time."""


def _check_session_hours(community: Community, problems: Problems) -> None:
    """`time: 3:30-4:30` is 3:30 in the night in every calendar: say so, with the 24-hour reading."""
    doc = community.section_doc("plan")
    if doc is None:
        return
    for i, session in enumerate(community.sessions):
        if not session.time:
            continue
        start, end = session.time
        if EARLIEST <= start and (end or start) <= LATEST:
            continue
        shown = f"{start.hour}:{start.minute:02}" + (f"-{end.hour}:{end.minute:02}" if end else "")
        hint: Message | str = ""
        if start.hour < 12 and (end is None or end.hour < 12):
            later = [t.replace(hour=t.hour + 12) for t in (start, end) if t is not None]
            hint = M_("; did you mean %(time)s?", time="-".join(f"{t.hour}:{t.minute:02}" for t in later))
        problems.warning(
            doc.path,
            "%(time)s is in the night (times are on the 24-hour clock, and calendars will show it so)%(hint)s",
            key=f"sessions[{i}].time",
            line=line_of(doc.raw, ("sessions", i, "time")),
            time=shown,
            hint=hint,
        )


def _link_highlights(community: Community, problems: Problems) -> list[HighlightEntry]:
    """The community's highlights, each with the plan session it reports (the highlight read is kept as it is)."""
    sessions = community.sessions
    by_date: dict[dt.date, list] = {}
    for s in sessions:
        by_date.setdefault(s.date, []).append(s)
    return [replace(h, session=_session_of(h, sessions, by_date, problems)) for h in community.highlights]


def _session_of(h: HighlightEntry, sessions: list, by_date: dict[dt.date, list], problems: Problems):
    """The plan session a highlight reports: by its `session:` (a date or an id), else by its date."""
    ref = h.meta.session
    if ref is None and len(by_date.get(h.date, ())) < 2:  # the common case: no mistake to report
        return by_date[h.date][0] if h.date in by_date else None
    where: dict[str, Any] = dict(key="session", line=line_of(h.doc.raw, ("session",)))
    if ref is None:
        same_day = by_date.get(h.date, [])
        if len(same_day) == 1:
            return same_day[0]
        if len(same_day) > 1:
            ids = [s.id for s in same_day if s.id]
            problems.error(
                h.path,
                "the plan has %(count)s sessions on %(date)s: say which one this highlight reports with session: <id>%(hint)s",
                **where,
                count=len(same_day),
                date=h.date.isoformat(),
                hint=M_(" (one of %(ids)s)", ids=", ".join(ids)) if ids else M_("; give those sessions an id in plan.md first"),
            )
        return None
    if isinstance(ref, dt.date):
        same_day = by_date.get(ref, [])
        if not same_day:
            problems.error(h.path, "no session in the plan is on %(date)s", **where, date=ref.isoformat())
        elif len(same_day) > 1:
            problems.error(
                h.path,
                "the plan has %(count)s sessions on %(date)s: name one by its id",
                **where,
                count=len(same_day),
                date=ref.isoformat(),
            )
        else:
            return same_day[0]
        return None
    match = [s for s in sessions if s.id == ref]
    if match:
        return match[0]
    ids = [s.id for s in sessions if s.id]
    problems.error(
        h.path,
        "no session in the plan has the id '%(id)s'%(hint)s",
        **where,
        id=ref,
        hint=M_(" (the ids are: %(ids)s)", ids=", ".join(ids)) if ids else "",
    )
    return None


def _check_file(value: str, folder: Path, root: Path, doc: Doc, loc: tuple, problems: Problems) -> None:
    target = folder / value
    where: dict[str, Any] = dict(key=key_path(loc), line=line_of(doc.raw, loc))
    try:
        resolved = target.resolve(strict=True)
    except (OSError, RuntimeError):
        problems.error(
            doc.path,
            "'%(file)s' does not exist in the community folder (%(path)s)",
            **where,
            file=value,
            path=f"{rel_path(folder, root)}/{value}",
        )
        return
    try:
        resolved.relative_to(folder.resolve())
    except ValueError:
        problems.error(doc.path, "'%(file)s' leads outside the community folder (through a link)", **where, file=value)
        return
    if not resolved.is_file():
        problems.error(doc.path, "'%(file)s' is a folder, not a file", **where, file=value)


def _raw_files(doc: Doc | None, list_key: str, field: str):
    """(key path, value) of every `file:` written in a document, valid or not: checked even
    when another entry of the same file has an error, so that every problem shows at once."""
    if doc is None or not isinstance(doc.raw, dict) or not isinstance(doc.raw.get(list_key), list):
        return
    for i, item in enumerate(doc.raw[list_key]):
        value = item.get(field) if isinstance(item, dict) else None
        if field == "agenda" and isinstance(value, dict):
            value = value.get("file")
        elif field == "agenda" and isinstance(value, str) and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value.strip()):
            value = None  # a url
        if isinstance(value, str):
            try:
                schema._relative_file(value)
            except Exception:  # the schema already reported why this path is refused
                continue
            yield (list_key, i, field), value.strip()


def _check_files(community: Community, folder: Path, root: Path, docs: dict[str, Doc], highlights, problems: Problems) -> None:
    checks = [
        *((docs.get("resources"), loc, v) for loc, v in _raw_files(docs.get("resources"), "resources", "file")),
        *((docs.get("legacy"), loc, v) for loc, v in _raw_files(docs.get("legacy"), "legacy", "file")),
        *((docs.get("plan"), loc, v) for loc, v in _raw_files(docs.get("plan"), "sessions", "agenda")),
    ]
    for h in highlights:
        checks.extend((h.doc, loc, v) for loc, v in _raw_files(h.doc, "resources", "file"))
    for doc, loc, value in checks:
        assert doc is not None  # _raw_files finds nothing in a missing file
        _check_file(value, folder, root, doc, loc, problems)

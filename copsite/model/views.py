"""Functions over the model: what the pages, feeds and calendars show.

Plan status (past / next), the resource bank (merged by url), the legacy page,
upcoming sessions, norms coverage. No MkDocs, no files, no clock: "today" is
an argument. One reports as it computes: `resource_bank`, given the reader's
`Problems`, warns of entries of one url that disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from copsite.i18n import N_
from copsite.model import schema
from copsite.model.frontmatter import key_path, line_of
from copsite.model.handbook import Community, Handbook, HighlightEntry
from copsite.model.problems import Problems
from copsite.model.sections import LISTED

# --------------------------------------------------------------------------- plan


@dataclass
class SessionView:
    community: Community
    session: schema.Session
    index: int
    """Position in plan.md (file order)."""
    status: str
    """'past', 'next', 'upcoming', 'cancelled' or 'tentative'."""
    highlight: HighlightEntry | None = None
    """The first highlight reporting this session (see `highlights` for all of them)."""
    highlights: list[HighlightEntry] = field(default_factory=list)
    """Every published highlight reporting this session, oldest first."""

    @property
    def anchor(self) -> str:
        s = self.session
        return f"session-{s.date.isoformat()}" + (f"-{s.id}" if s.id else f"-{self.index + 1}")

    @property
    def format(self) -> str | None:
        return self.session.format or self.community.charter.meetings.format

    @property
    def location(self) -> str | None:
        """The session's own location; else the charter's meeting place, unless the session is virtual."""
        if self.session.location or self.format == "virtual":
            return self.session.location
        return self.community.charter.meetings.where

    @property
    def time_text(self) -> str:
        if not self.session.time:
            return ""
        start, end = self.session.time
        text = f"{start.hour}:{start.minute:02}"
        if end:
            text += f"–{end.hour}:{end.minute:02}"
        return text

    @property
    def is_next(self) -> bool:
        return self.status == "next"


def _sort_key(item: tuple[int, schema.Session]):
    i, s = item
    start = s.time[0] if s.time else dt.time(0, 0)
    return (s.date, s.time is not None, start, i)


def plan_rows(community: Community, today: dt.date) -> list[SessionView]:
    """The plan's sessions sorted by date, then time, then file order, each with its status.

    The next session is the first one, not cancelled and not tentative, on or after today.
    An untimed session sorts before timed ones of the same day.
    """
    by_session: dict[int, list[HighlightEntry]] = {}
    for h in sorted(community.published_highlights, key=lambda h: (h.date, h.name)):
        if h.session is not None:
            by_session.setdefault(id(h.session), []).append(h)
    rows: list[SessionView] = []
    found_next = False
    for i, s in sorted(enumerate(community.sessions), key=_sort_key):
        if s.cancelled:
            status = "cancelled"
        elif s.date < today:
            status = "past"
        elif s.tentative:
            status = "tentative"
        elif not found_next:
            status, found_next = "next", True
        else:
            status = "upcoming"
        reports = by_session.get(id(s), [])
        rows.append(SessionView(community, s, i, status, reports[0] if reports else None, reports))
    return rows


def next_session(community: Community, today: dt.date) -> SessionView | None:
    for row in plan_rows(community, today):
        if row.is_next:
            return row
    return None


def coming_row(rows: list[SessionView]) -> SessionView | None:
    """The session a community shows as its next one: the first, not cancelled, on or after today.
    A tentative one counts (the pages mark it tentative): a date not yet confirmed is still planned."""
    return next((r for r in rows if r.status in ("next", "tentative")), None)


def upcoming(handbook: Handbook, today: dt.date) -> list[SessionView]:
    """Every session on or after today, of every community, in time order (cancelled ones included, marked)."""
    rows = [row for c in handbook.communities for row in plan_rows(c, today) if row.session.date >= today]
    rows.sort(key=lambda r: (r.session.date, r.session.time[0] if r.session.time else dt.time(0), r.community.slug, r.index))
    return rows


# --------------------------------------------------------------------------- members and norms


def members_by_role(charter: schema.Charter) -> list[tuple[str, list[schema.Member]]]:
    groups = [(role, [m for m in charter.members if m.role == role]) for role in schema.MEMBER_ROLES]
    return [(role, members) for role, members in groups if members]


NORM_QUESTIONS = {  # in English; translated where shown
    "voice": N_("How will every member have a role and a voice?"),
    "focus": N_("How will we stay on track with our purpose?"),
    "conflict": N_("How will we handle conflict?"),
    "decisions": N_("How will we make decisions?"),
    "resources": N_("How will we gather and share what we learn?"),
    "membership": N_("How will we invite new members?"),
    "completion": N_("How will we decide when our purpose is achieved?"),
}


@dataclass
class NormsCoverage:
    covered: dict[str, list[str]]
    """Area -> the norms that cover it."""
    open: list[str]


def norms_coverage(norms: schema.Norms | None) -> NormsCoverage:
    covered: dict[str, list[str]] = {}
    for item in norms.norms if norms else []:
        for area in item.covers:
            covered.setdefault(area, []).append(item.text)
    ordered = {area: covered[area] for area in schema.NORM_AREAS if area in covered}
    return NormsCoverage(ordered, [a for a in schema.NORM_AREAS if a not in covered])


# --------------------------------------------------------------------------- resource bank


@dataclass
class Source:
    community: Community
    highlight: HighlightEntry | None = None


@dataclass
class BankEntry:
    title: str
    kind: str
    url: str | None
    file: str | None
    """Path of an attachment relative to the docs folder (communities/x/files/a.pdf)."""
    description: str | None
    topics: list[str]
    added: dt.date | None
    added_by: list[str]
    sources: list[Source] = field(default_factory=list)

    @property
    def communities(self) -> list[Community]:
        seen, out = set(), []
        for s in self.sources:
            if s.community.slug not in seen:
                seen.add(s.community.slug)
                out.append(s.community)
        return out

    @property
    def by_community(self) -> list[tuple[Community, list[HighlightEntry]]]:
        """One entry a community, with the highlights that shared the resource (in reading order)."""
        groups: dict[str, tuple[Community, list[HighlightEntry]]] = {}
        for s in self.sources:
            _, hs = groups.setdefault(s.community.slug, (s.community, []))
            if s.highlight is not None and s.highlight not in hs:
                hs.append(s.highlight)
        return list(groups.values())

    @property
    def key(self) -> str:
        return self.url or self.file or f"{self.sources[0].community.slug}:{self.title}"


def _entries(handbook: Handbook):
    """Every resource entry in reading order: communities by slug, resources.md, highlights by date."""
    order = 0
    for community in handbook.communities:
        if community.resources:
            for i, r in enumerate(community.resources.resources):
                yield order, r, Source(community), (community.section_doc("resources"), ("resources", i))
                order += 1
        for h in sorted(community.published_highlights, key=lambda h: (h.date, h.name)):
            for i, r in enumerate(h.meta.resources):
                yield order, r, Source(community, h), (h.doc, ("resources", i))
                order += 1


def resource_bank(handbook: Handbook, problems: Problems | None = None) -> list[BankEntry]:
    """Merge every entry of every community by url; `file:` entries are never merged.

    Title, kind and description come from the earliest `added` (then reading order);
    topics are the union; every source is listed. A different title or kind among
    entries of one url is a warning.
    """
    groups: dict[str, list] = {}
    singles: list[list] = []
    for order, r, source, where in _entries(handbook):
        added = r.added or (source.highlight.date if source.highlight else None)
        item = (added or dt.date.max, order, r, source, added, where)
        if r.url:
            groups.setdefault(r.url.strip(), []).append(item)
        else:
            singles.append([item])
    bank: list[BankEntry] = []
    for items in [*groups.values(), *singles]:
        items.sort(key=lambda t: (t[0], t[1]))
        _, _, first, source, added, _ = items[0]
        topics: list[str] = []
        seen_topics: set[str] = set()
        added_by: list[str] = []
        for _, _, r, _, _, (doc, loc) in items:
            for t in r.topics:
                if t.casefold() not in seen_topics:
                    seen_topics.add(t.casefold())
                    topics.append(t)
            if r.added_by and r.added_by not in added_by:
                added_by.append(r.added_by)
            if problems is not None and (r.title != first.title or r.kind != first.kind):
                what = "title" if r.title != first.title else "kind"  # the key's name: not translated
                problems.warning(
                    doc.path,
                    "this resource has the same url as one in %(other)s but another %(what)s "
                    "(%(value)s, not %(first)s): the site shows %(first)s",
                    key=key_path(loc + (what,)),
                    line=line_of(doc.raw, loc + (what,)),
                    other=items[0][5][0].path,
                    what=what,
                    value=repr(getattr(r, what)),
                    first=repr(getattr(first, what)),
                )
        file_path = f"{source.community.folder}/{first.file}" if first.file else None
        bank.append(
            BankEntry(
                title=first.title,
                kind=first.kind,
                url=first.url.strip() if first.url else None,
                file=file_path,
                description=first.description,
                topics=topics,
                added=added,
                added_by=added_by,
                sources=[t[3] for t in items],
            )
        )
    bank.sort(key=lambda e: (e.title.casefold(), e.key))
    return bank


def bank_facets(bank: list[BankEntry]) -> tuple[list[str], list[str], list[Community]]:
    kinds = [k for k in schema.RESOURCE_KINDS if any(e.kind == k for e in bank)]
    topics = sorted({t for e in bank for t in e.topics}, key=str.casefold)
    communities: dict[str, Community] = {}
    for e in bank:
        for c in e.communities:
            communities[c.slug] = c
    return kinds, topics, [communities[k] for k in sorted(communities)]


# --------------------------------------------------------------------------- legacy


@dataclass
class LegacyView:
    community: Community
    success: list[str]
    outcomes: list[str]
    items: list[schema.LegacyItem]
    highlights: list[HighlightEntry]
    attendance: list[tuple[HighlightEntry, int]]

    @property
    def total_attendance(self) -> int:
        return sum(n for _, n in self.attendance)

    @property
    def is_empty(self) -> bool:
        return not (self.success or self.outcomes or self.items or self.highlights or self.attendance)


def legacy_view(community: Community) -> LegacyView:
    legacy = community.legacy
    kind_order = {k: i for i, k in enumerate(schema.LEGACY_KINDS)}
    items = sorted(
        legacy.legacy if legacy else [],
        key=lambda item: (kind_order[item.kind], item.date or dt.date.max, item.title.casefold()),
    )
    published = sorted(community.published_highlights, key=lambda h: (h.date, h.name))
    return LegacyView(
        community=community,
        success=list(legacy.success) if legacy else [],
        outcomes=list(legacy.outcomes) if legacy else [],
        items=items,
        highlights=[h for h in published if h.meta.legacy],
        attendance=[(h, h.meta.attendance) for h in published if h.meta.attendance is not None],
    )


def legacy_views(handbook: Handbook) -> list[LegacyView]:
    """Community by community: concluded communities first (their legacy is what remains), then by title."""
    views = [legacy_view(c) for c in handbook.communities]
    views.sort(key=lambda v: (v.community.charter.stage != "concluded", v.community.title.casefold()))
    return views


# --------------------------------------------------------------------------- status (facilitators)


@dataclass
class Status:
    community: Community
    present: list[str]
    missing: list[str]
    roles: dict[str, int]
    next: SessionView | None
    days_since_highlight: int | None


def status(community: Community, today: dt.date) -> Status:
    have = {s.name: community.section_doc(s.name) is not None for s in LISTED}
    have["norms"] = community.norms is not None and bool(community.norms.norms)  # norms: [] is not written yet
    have["highlights"] = bool(community.published_highlights)
    past = [h for h in community.published_highlights if h.date <= today]
    return Status(
        community=community,
        present=[s.name for s in LISTED if have[s.name]],
        missing=[s.name for s in LISTED if not have[s.name]],
        roles={role: len(ms) for role, ms in members_by_role(community.charter)},
        next=coming_row(plan_rows(community, today)),
        days_since_highlight=(today - past[0].date).days if past else None,
    )

"""The figures of the reports, computed from the handbook's files: pure functions, no pages.

`community_figures(community, bank_entries, today)` counts what one community did:
sessions planned, held, cancelled and still to come; attendance at each meeting
that recorded it and its average; members by role (counts, never names);
highlights a month by kind and resources shared (cumulative) over the period;
check-ins, surveys, success stories and reflections; success measures,
outcomes, legacy items by kind; norms coverage. `handbook_figures` adds them up
across communities. `copsite.pages.reports` turns them into pages and charts.

"Today" is an argument (the `today` option), so a build is reproducible.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from copsite.model import schema, views
from copsite.model.handbook import Community, HighlightEntry

MAX_MONTHS = 24
"""Charts over time show at most the last this-many months (the tables say so)."""

FEEDBACK_KINDS = ("check-in", "survey")
STORY_KINDS = ("success-story", "reflection")
STAGE_ORDER = {s: i for i, s in enumerate(("active", "forming", "paused", "concluded"))}
"""Communities in the handbook report: active ones first, concluded ones last."""


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    def next(self) -> Month:
        return Month(self.year + (self.month == 12), self.month % 12 + 1)

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02}"

    @property
    def label(self) -> str:
        """'Oct 2025' (Babel's English; pages use the handbook's language, `Language.month`)."""
        from copsite.i18n import language

        return language("en").month(self.year, self.month)


def month_range(first: dt.date, last: dt.date, limit: int = MAX_MONTHS) -> list[Month]:
    """Every month from `first` to `last`, both included, keeping the last `limit` (months without activity included)."""
    if first > last:
        first = last
    months, m, end = [], Month.of(first), Month.of(last)
    while (m.year, m.month) <= (end.year, end.month):
        months.append(m)
        m = m.next()
    return months[-limit:]


@dataclass
class Sessions:
    planned: int
    held: int
    """Dated before today and not cancelled."""
    cancelled: int
    to_come: int
    """On or after today and not cancelled (tentative ones included)."""
    tentative_to_come: int


def session_counts(community: Community, today: dt.date) -> Sessions:
    rows = views.plan_rows(community, today)
    return Sessions(
        planned=len(rows),
        held=sum(r.status == "past" for r in rows),
        cancelled=sum(r.status == "cancelled" for r in rows),
        to_come=sum(r.status in ("next", "upcoming", "tentative") for r in rows),
        tentative_to_come=sum(r.status == "tentative" for r in rows),
    )


def attendance(community: Community, today: dt.date) -> list[tuple[HighlightEntry, int]]:
    """(highlight, how many took part) for each published highlight up to today that recorded it, oldest first."""
    hs = sorted(community.published_highlights, key=lambda h: (h.date, h.name))
    return [(h, h.meta.attendance) for h in hs if h.meta.attendance is not None and h.date <= today]


def average(values: list[int]) -> float | None:
    """The mean, or None when there is nothing to average (a meeting without a count is not a zero)."""
    return sum(values) / len(values) if values else None


def period_start(community: Community, today: dt.date) -> dt.date | None:
    """`started`, else the first session, else the first highlight; None when the files hold no date."""
    if community.charter.started:
        return community.charter.started
    dates = [s.date for s in community.sessions] + [h.date for h in community.published_highlights]
    return min(dates) if dates else None


def highlights_by_month(highlights: list[HighlightEntry], months: list[Month]) -> dict[str, list[int]]:
    """Kind -> count per month (every kind, zeros included); highlights outside the months are left out."""
    index = {m: i for i, m in enumerate(months)}
    out = {k: [0] * len(months) for k in schema.HIGHLIGHT_KINDS}
    for h in highlights:
        i = index.get(Month.of(h.date))
        if i is not None:
            out[h.meta.kind][i] += 1
    return out


def resources_cumulative(entries: list[views.BankEntry], months: list[Month]) -> list[int]:
    """Resources shared by the end of each month; undated ones count from the first month."""
    if not months:
        return []
    totals = []
    for m in months:
        end = m.next()
        limit = dt.date(end.year, end.month, 1)
        totals.append(sum(1 for e in entries if e.added is None or e.added < limit))
    return totals


@dataclass
class CommunityFigures:
    community: Community
    today: dt.date
    start: dt.date | None
    sessions: Sessions
    attendance: list[tuple[HighlightEntry, int]]
    attendance_average: float | None
    roles: dict[str, int]
    members: int
    months: list[Month]
    by_month: dict[str, list[int]]
    """Highlight kind -> count per month."""
    resources: list[int]
    """Resources shared, cumulative, per month."""
    resources_total: int
    highlights_total: int
    kinds_total: dict[str, int]
    feedback: list[HighlightEntry]
    """Check-ins and surveys, oldest first."""
    stories: list[HighlightEntry]
    """Success stories and reflections, oldest first."""
    summaries: list[HighlightEntry]
    success: list[str]
    outcomes: list[str]
    legacy_by_kind: dict[str, int]
    norms_covered: int
    norm_areas: int = len(schema.NORM_AREAS)
    responses_total: int = field(default=0)

    @property
    def kinds_used(self) -> list[str]:
        return [k for k in schema.HIGHLIGHT_KINDS if self.kinds_total[k]]

    @property
    def month_rows(self) -> list[tuple[Month, list[int]]]:
        """(month, count of each used kind) for the months with a highlight: the chart's table."""
        return month_rows(self.months, self.by_month, self.kinds_used)


def month_rows(months: list[Month], by_month: dict[str, list[int]], kinds: list[str]) -> list[tuple[Month, list[int]]]:
    rows = []
    for i, m in enumerate(months):
        counts = [by_month[k][i] for k in kinds]
        if any(counts):
            rows.append((m, counts))
    return rows


def community_figures(community: Community, entries: list[views.BankEntry], today: dt.date) -> CommunityFigures:
    """Every figure of one community's report. `entries`: its resource-bank entries."""
    start = period_start(community, today)
    hs = sorted((h for h in community.published_highlights if h.date <= today), key=lambda h: (h.date, h.name))
    months = month_range(start or today, today)
    by_month = highlights_by_month(hs, months)
    shared = [e for e in entries if e.added is None or e.added <= today]
    att = attendance(community, today)
    roles = {role: 0 for role in schema.MEMBER_ROLES}
    for m in community.charter.members:
        roles[m.role] += 1
    legacy = community.legacy
    legacy_by_kind = {k: 0 for k in schema.LEGACY_KINDS}
    for item in legacy.legacy if legacy else []:
        legacy_by_kind[item.kind] += 1
    feedback = [h for h in hs if h.meta.kind in FEEDBACK_KINDS]
    return CommunityFigures(
        community=community,
        today=today,
        start=start,
        sessions=session_counts(community, today),
        attendance=att,
        attendance_average=average([n for _, n in att]),
        roles=roles,
        members=len(community.charter.members),
        months=months,
        by_month=by_month,
        resources=resources_cumulative(shared, months),
        resources_total=len(shared),
        highlights_total=len(hs),
        kinds_total={k: sum(1 for h in hs if h.meta.kind == k) for k in schema.HIGHLIGHT_KINDS},
        feedback=feedback,
        stories=[h for h in hs if h.meta.kind in STORY_KINDS],
        summaries=[h for h in hs if h.meta.kind == "summary"],
        success=list(legacy.success) if legacy else [],
        outcomes=list(legacy.outcomes) if legacy else [],
        legacy_by_kind=legacy_by_kind,
        norms_covered=len(views.norms_coverage(community.norms).covered),
        responses_total=sum(h.meta.responses or 0 for h in feedback),
    )


@dataclass
class HandbookFigures:
    rows: list[CommunityFigures]
    """One per community, sorted by stage (active, forming, paused, concluded), then title."""
    months: list[Month]
    by_month: dict[str, list[int]]
    """Highlight kind -> count per month, across communities."""
    sessions_by_month: list[int]
    """Sessions held per month, across communities."""
    resources: list[int]
    """Resources in the bank by the end of each month (each merged resource once)."""

    @property
    def kinds_used(self) -> list[str]:
        return [k for k in schema.HIGHLIGHT_KINDS if any(self.by_month[k])]

    @property
    def month_rows(self) -> list[tuple[Month, list[int]]]:
        return month_rows(self.months, self.by_month, self.kinds_used)

    def total(self, attribute: str) -> int:
        return sum(_dotted(r, attribute) for r in self.rows)


def _dotted(obj, path: str):
    for part in path.split("."):
        obj = getattr(obj, part)
    return obj


def handbook_figures(
    communities: list[Community], bank_by_community: dict[str, list[views.BankEntry]], bank: list[views.BankEntry], today: dt.date
) -> HandbookFigures:
    rows = [community_figures(c, bank_by_community.get(c.slug, []), today) for c in communities]
    rows.sort(key=lambda f: (STAGE_ORDER.get(f.community.charter.stage, 9), f.community.title.casefold()))
    starts = [f.start for f in rows if f.start is not None]
    months = month_range(min(starts) if starts else today, today)
    index = {m: i for i, m in enumerate(months)}
    hs = [h for c in communities for h in c.published_highlights if h.date <= today]
    sessions = [0] * len(months)
    for c in communities:
        for r in views.plan_rows(c, today):
            i = index.get(Month.of(r.session.date))
            if r.status == "past" and i is not None:
                sessions[i] += 1
    return HandbookFigures(
        rows=rows,
        months=months,
        by_month=highlights_by_month(hs, months),
        sessions_by_month=sessions,
        resources=resources_cumulative([e for e in bank if e.added is None or e.added <= today], months),
    )

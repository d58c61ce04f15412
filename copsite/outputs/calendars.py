"""iCalendar files of planned sessions: `calendar.ics` for the handbook and `<community>/calendar.ics`.

One VEVENT per session (timed ones in the site's time zone with its VTIMEZONE,
untimed ones all-day); cancelled and tentative sessions keep their STATUS.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from copsite.model import urls, views
from copsite.model.handbook import Community, Handbook
from copsite.model.options import Options
from copsite.outputs.feeds import _host
from copsite.pages.parts import Part
from copsite.pages.site import Pages


def _uid(c: Community, row: views.SessionView, same_day: int, options: Options) -> str:
    """Stable across builds; unique across handbooks on one host (the site's path is part of it)."""
    s = row.session
    name = s.id or (str(same_day) if same_day else "")
    base = _site_path(options)
    return f"{base}{c.slug}/{s.date.isoformat()}{'/' + name if name else ''}@{_host(options)}"


def _site_path(options: Options) -> str:
    """The path of site_url without its slashes, then '/': '' for a site at the root of its host."""
    from urllib.parse import urlsplit

    path = urlsplit(options.site_url or "").path.strip("/")
    return path + "/" if path else ""


def _unique(uid: str, used: set[str]) -> str:
    """`uid`, or `uid` with a number when an event of the calendar already has it."""
    name, at, host = uid.rpartition("@")
    n, candidate = 1, uid
    while candidate in used:
        n += 1
        candidate = f"{name}~{n}{at}{host}"
    used.add(candidate)
    return candidate


def session_events(c: Community, options: Options, utc: bool = False, used: set[str] | None = None) -> list:
    """One VEVENT per planned session: timed ones in the site's timezone (in UTC when `utc`),
    untimed ones all-day. `used` holds the UIDs already given, so that none is given twice."""
    from icalendar import Event

    tz = options.tz
    used = set() if used is None else used
    site = options.site_url
    du = options.use_directory_urls
    words = options.lang
    _ = words.gettext
    stamp = dt.datetime.combine(options.today, dt.time(0, 0), dt.timezone.utc)
    events = []
    seen: dict[dt.date, int] = {}
    for row in sorted(views.plan_rows(c, options.today), key=lambda r: r.index):
        s = row.session
        same_day = seen.get(s.date, 0)
        seen[s.date] = same_day + 1
        ev = Event()
        ev.add("uid", _unique(_uid(c, row, same_day if not s.id else 0, options), used))
        ev.add("dtstamp", stamp)
        ev.add("summary", f"{c.title}: {s.title or s.topics[0]}")
        if s.time:
            start, end = s.time
            begin = dt.datetime.combine(s.date, start, tz)
            finish = dt.datetime.combine(s.date, end, tz) if end else begin + dt.timedelta(hours=1)
            if utc:
                begin, finish = begin.astimezone(dt.timezone.utc), finish.astimezone(dt.timezone.utc)
            ev.add("dtstart", begin)
            ev.add("dtend", finish)
        else:
            ev.add("dtstart", s.date)
            ev.add("dtend", s.date + dt.timedelta(days=1))
        lines = [_("Topics: %(topics)s", topics="; ".join(s.topics))]
        if s.activities:
            lines.append(_("Activities: %(activities)s", activities="; ".join(s.activities)))
        if s.resources_required:
            lines.append(_("Resources required: %(resources)s", resources="; ".join(s.resources_required)))
        if row.format:
            lines.append(_("Format: %(format)s", format=words.label(row.format, "format")))
        if s.link:
            lines.append(_("Join online: %(link)s", link=s.link))
        ev.add("description", "\n".join(lines))
        if row.location:
            ev.add("location", row.location)
        ev.add("status", "CANCELLED" if s.cancelled else "TENTATIVE" if s.tentative else "CONFIRMED")
        if site:
            ev.add("url", urls.absolute(site, c.folder + "/plan.md", du) + "#" + row.anchor)
        ev.add("categories", [c.title])
        events.append(ev)
    return events


def _vtimezone(dates: list[dt.date], options: Options):
    """The site's VTIMEZONE for the years the sessions span (not 1970-2038), or None for UTC."""
    from icalendar import Calendar, Event

    if options.timezone == "UTC" or not dates:
        return None
    probe_cal = Calendar()
    probe = Event()
    probe.add("dtstart", dt.datetime.combine(min(dates), dt.time(12), options.tz))
    probe_cal.add_component(probe)
    probe_cal.add_missing_timezones(dt.date(min(dates).year, 1, 1), dt.date(max(dates).year + 1, 12, 31))
    found = probe_cal.walk("VTIMEZONE")
    return found[0] if found else None


_END = b"END:VCALENDAR\r\n"


def _calendar_head(name: str, vtimezone: bytes, options: Options) -> bytes:
    """The VCALENDAR of a calendar without its events: its properties and the VTIMEZONE
    (serialised once for every calendar of the site: `vtimezone`, or b"" in UTC)."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//copsite//Community of Practice handbook//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-caldesc", options.lang.gettext("Planned sessions of %(name)s", name=name))
    cal.add("x-wr-timezone", options.timezone)
    head = cal.to_ical()
    return head[: -len(_END)] + vtimezone + _END


@dataclass(frozen=True)
class Calendars:
    """RFC 5545 calendars, site-wide and per community: each community's events a part of the
    plan (made from its files), then every calendar put together from them (`files`).

    Each event is built and serialised by icalendar once; the site-wide calendar holds the
    same serialised events, and every calendar the one VTIMEZONE. Every UID holds its
    community's slug, so UIDs given in one community never meet another's."""

    options: Options
    planned: tuple[Community, ...]
    """The communities with sessions (RFC 5545: a calendar holds at least one component; the plan page says none is planned)."""
    vtimezone: bytes
    """The site's VTIMEZONE serialised, or b"" in UTC."""

    @classmethod
    def of(cls, handbook: Handbook, options: Options) -> Calendars:
        found = _vtimezone([s.date for c in handbook.communities for s in c.sessions], options)
        planned = tuple(c for c in handbook.communities if c.sessions)
        return cls(options, planned, b"" if found is None else found.to_ical())

    def parts(self) -> list[Part[bytes]]:
        """Each planned community's events, serialised."""
        utc = not self.vtimezone
        return [
            Part((f"calendar utc={utc}", c.slug), partial(_events_ical, c=c, options=self.options, utc=utc), communities=(c,))
            for c in self.planned
        ]

    def files(self, events: list[bytes]) -> dict[str, str]:
        """The calendars, by path from the site root, from each planned community's `events` (in order)."""
        end, options = _END, self.options
        out: dict[str, str] = {}
        for c, mine in zip(self.planned, events, strict=True):
            head = _calendar_head(f"{c.title} · {options.site_name}", self.vtimezone, options)
            out[f"{c.folder}/calendar.ics"] = (head[: -len(end)] + mine + end).decode("utf-8")
        if not events:
            return out
        head = _calendar_head(options.site_name, self.vtimezone, options)
        out["calendar.ics"] = (head[: -len(end)] + b"".join(events) + end).decode("utf-8")
        return out


def _events_ical(_out: Pages, *, c: Community, options: Options, utc: bool) -> bytes:
    """A community's sessions as iCalendar events, serialised."""
    return b"".join(ev.to_ical() for ev in session_events(c, options, utc=utc))

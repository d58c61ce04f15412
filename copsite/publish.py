"""From the model to a site: page sources, the navigation, feeds, calendars and data.

`plan_site(handbook, options)` returns a `Site`: every page's Markdown source
(front-matter text escaped into raw HTML blocks, bodies as the authors wrote
them), a navigation spec, and the static files (Atom, iCalendar, JSON). It is
computed once per build and knows nothing of MkDocs; the plugin only hands
the result over.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from . import urls, views
from .model import Community, Doc, Handbook, HighlightEntry
from .options import Options
from .post_button import post_button
from .reader import page_title, purpose_sentence

# --------------------------------------------------------------------------- templates

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def longdate(d: dt.date) -> str:
    return f"{_DAYS[d.weekday()]} {d.day} {_MONTHS[d.month - 1]} {d.year}"


def label(value: str) -> str:
    """A vocabulary word as a person reads it: 'in-person' -> 'In person'."""
    return value.replace("-", " ").capitalize()


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~<>.-])")


def mdheading(text: str) -> Markup:
    """Text safe inside a Markdown heading: HTML-escaped, then Markdown's own characters backslashed."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(text))).replace("\\&", "&").replace("\\#", "&#35;"))


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
    env.filters.update(longdate=longdate, label=label, mdheading=mdheading)
    env.globals.update(purpose_sentence=purpose_sentence)
    return env


def render(template: str, **context) -> str:
    text = environment().get_template(template).render(**context)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# --------------------------------------------------------------------------- the site


@dataclass
class PageOut:
    src: str
    title: str
    """Plain text: the page's name in the navigation."""
    markdown: str
    meta: dict = field(default_factory=dict)
    """Material's keys (plain text; escaped by the plugin). 'title' is what <title> shows."""
    generated: bool = True
    """True when no author file stands behind the page."""
    feed: str | None = None
    """The Atom feed that belongs to this page, a path from the site root."""


@dataclass
class NavItem:
    title: str
    src: str | None = None
    children: list["NavItem"] = field(default_factory=list)
    community: str | None = None


@dataclass
class Site:
    pages: dict[str, PageOut]
    nav: list[NavItem]
    statics: dict[str, str]
    """Path from the site root -> text content (feeds, calendars, JSON)."""
    drafts: list[str]
    """Source paths of draft highlights: published nowhere."""
    notices: list[str] = field(default_factory=list)
    """Things to tell the author once (not problems): "feeds need site_url"."""


SECTION_TITLES = {
    "norms": "Norms",
    "plan": "Collaborative plan",
    "highlights": "Highlights",
    "resources": "Resources",
    "legacy": "Results and legacy",
    "reflection": "Connection to practice",
}


def _title(doc: Doc | None, default: str) -> str:
    if doc is not None and doc.meta is not None and doc.meta.title:
        return doc.meta.title
    return default


def plan_site(handbook: Handbook, options: Options) -> Site:
    today = options.today
    du = options.use_directory_urls
    cdir = options.communities_dir
    publish = options.publish_members
    communities = {c.slug: c for c in handbook.communities}
    feeds = options.feeds and bool(options.site_url)
    notices = []
    if options.feeds and not options.site_url:
        notices.append("feeds need the site's address: set site_url in mkdocs.yml; no feed was written")
    pages: dict[str, PageOut] = {}
    bank = handbook.bank

    def linker(src: str):
        return lambda to: urls.relative(src, to, du)

    def page(src: str, title: str, template: str | None, doc: Doc | None, *, meta_title: str | None = None, feed: str | None = None, **context):
        body = doc.body.strip() if doc is not None else ""
        meta = dict(doc.page_meta) if doc is not None else {}
        meta["title"] = meta_title or title
        if template is None:
            markdown = body + "\n"
        else:
            markdown = render(template, link=linker(src), body=Markup(body), title=title, publish_members=publish, feed=feed, **context)
        pages[src] = PageOut(src, title, markdown, meta, generated=doc is None, feed=feed)

    # Each community's plan rows, computed once and used by every page that shows a session.
    plan_rows = {c.slug: views.plan_rows(c, today) for c in handbook.communities}
    next_rows = {slug: next((r for r in rows if r.is_next), None) for slug, rows in plan_rows.items()}
    cards = []
    for c in handbook.communities:
        published = c.published_highlights
        cards.append((c, next_rows[c.slug], published[0] if published else None))
    highlights_all = handbook.highlights()
    upcoming = views.upcoming(handbook, today)

    # Site-wide pages.
    front = handbook.front_doc
    page(
        "index.md",
        _title(front, "Home"),
        "front.md.j2",
        front,
        meta_title=_title(front, options.site_name),
        site_name=options.site_name,
        cards=cards,
        upcoming=[r for r in upcoming if r.status not in ("cancelled",)][:8],
        latest=highlights_all[:5],
        communities=communities,
        calendar=options.calendar,
        today=today,
        feed="feed.xml" if feeds else None,
    )
    stages = [s for s in ("forming", "active", "paused", "concluded") if any(c.charter.stage == s for c in handbook.communities)]
    kinds_used = [k for k in views.schema.PURPOSE_KINDS if any(k in c.charter.purpose.kinds for c in handbook.communities)]
    page(
        f"{cdir}/index.md",
        _title(handbook.communities_doc, "Communities"),
        "communities.md.j2",
        handbook.communities_doc,
        cards=cards,
        today=today,
        selects=[
            ("stage", "Stage", [(s, label(s)) for s in stages]),
            ("purpose", "Purpose", [(k, label(k)) for k in kinds_used]),
        ],
    )
    page(
        "highlights.md",
        "Highlights",
        "highlights_list.md.j2",
        None,
        c=None,
        highlights=highlights_all,
        communities=communities,
        feed="feed.xml" if feeds else None,
    )
    kinds, topics, bank_communities = views.bank_facets(bank)
    page(
        "resources.md",
        "Resource bank",
        "resources.md.j2",
        None,
        c=None,
        bank=bank,
        selects=[
            ("kind", "Kind", [(k, label(k)) for k in kinds]),
            ("topic", "Topic", [(t.lower(), t) for t in topics]),
            ("community", "Community", [(c.slug, c.title) for c in bank_communities]),
        ],
    )
    page("legacy.md", "Legacy", "legacy.md.j2", None, c=None, views=views.legacy_views(handbook))
    if options.calendar:
        page("calendar.md", "Calendar", "calendar.md.j2", None, rows=upcoming, today=today, timezone=options.timezone)

    # Community pages. The bank is indexed once, not scanned once per community.
    by_community: dict[str, list] = {}
    by_highlight: dict[int, list] = {}
    for e in bank:
        for slug in dict.fromkeys(s.community.slug for s in e.sources):
            by_community.setdefault(slug, []).append(e)
        for s in e.sources:
            if s.highlight is not None:
                by_highlight.setdefault(id(s.highlight), []).append(e)
    drafts: list[str] = []
    for c in handbook.communities:
        f = c.folder
        community_feed = f"{f}/feed.xml" if feeds else None
        post = post_button(c, options)  # "Post a highlight", when the handbook names its repository
        section_links = [(c.title, f"{f}/index.md")]
        for key, doc in (("norms", c.norms_doc), ("plan", c.plan_doc)):
            if doc is not None:
                section_links.append((_title(doc, SECTION_TITLES[key]), doc.path))
        section_links.append(("Highlights", f"{f}/highlights/index.md"))
        for key, doc in (("resources", c.resources_doc), ("legacy", c.legacy_doc), ("reflection", c.reflection_doc)):
            if doc is not None:
                section_links.append((_title(doc, SECTION_TITLES[key]), doc.path))
        for doc in c.pages:
            section_links.append((page_title(doc), doc.path))
        c_meta = {}
        if c.charter.summary and not c.charter.description:
            c_meta["description"] = c.charter.summary
        page(
            c.charter_doc.path,
            c.title,
            "charter.md.j2",
            c.charter_doc,
            c=c,
            m=c.charter.meetings,
            next_row=next_rows[c.slug],
            latest=c.published_highlights[:3],
            groups=views.members_by_role(c.charter),
            sections=section_links[1:],
            status=views.status(c, today),
            today=today,
            feed=community_feed,
            post=post,
        )
        pages[c.charter_doc.path].meta.update(c_meta)

        def sub(doc: Doc | None, key: str, template: str | None, **context):
            if doc is None:
                return
            title = _title(doc, SECTION_TITLES[key])
            page(doc.path, title, template, doc, meta_title=f"{title} · {c.title}", c=c, **context)

        sub(c.norms_doc, "norms", "norms.md.j2", n=c.norms, coverage=views.norms_coverage(c.norms), questions=views.NORM_QUESTIONS)
        rows = plan_rows[c.slug]
        row_of = {id(r.session): r for r in rows}
        sub(c.plan_doc, "plan", "plan.md.j2", rows=rows, next_row=next_rows[c.slug], calendar=options.calendar)
        c_bank = by_community.get(c.slug, [])
        c_kinds, c_topics, _ = views.bank_facets(c_bank)
        sub(c.resources_doc, "resources", "resources.md.j2", bank=c_bank, selects=[
            ("kind", "Kind", [(k, label(k)) for k in c_kinds]),
            ("topic", "Topic", [(t.lower(), t) for t in c_topics]),
        ])
        sub(c.legacy_doc, "legacy", "legacy.md.j2", views=[views.legacy_view(c)])
        sub(c.reflection_doc, "reflection", None)
        for doc in c.pages:
            title = page_title(doc)
            page(doc.path, title, None, doc, meta_title=f"{title} · {c.title}")
        page(
            f"{f}/highlights/index.md",
            "Highlights",
            "highlights_list.md.j2",
            None,
            meta_title=f"Highlights · {c.title}",
            c=c,
            highlights=c.published_highlights,
            communities=communities,
            feed=community_feed,
            post=post,
        )
        for h in c.highlights:
            if h.draft:
                drafts.append(h.path)
                continue
            page(
                h.path,
                h.meta.title,
                "highlight.md.j2",
                h.doc,
                meta_title=f"{h.meta.title} · {c.title}",
                c=c,
                h=h,
                session_row=row_of.get(id(h.session)) if h.session is not None else None,
                resources=by_highlight.get(id(h), []),
            )
            if h.summary and "description" not in pages[h.path].meta:
                pages[h.path].meta["description"] = h.summary

    for doc in handbook.pages:
        title = page_title(doc)
        page(doc.path, title, None, doc)

    statics: dict[str, str] = {}
    if feeds:
        statics["feed.xml"] = atom_feed(options.site_name, "feed.xml", "highlights.md", highlights_all, communities, options)
        for c in handbook.communities:
            statics[f"{c.folder}/feed.xml"] = atom_feed(
                f"{c.title} · {options.site_name}", f"{c.folder}/feed.xml", f"{c.folder}/highlights/index.md", c.published_highlights, communities, options
            )
    if options.calendar:
        statics.update(icalendar_files(handbook, options))
    statics["resources.json"] = resources_json(bank, options)

    return Site(pages=pages, nav=navigation(handbook, pages, options), statics=statics, drafts=drafts, notices=notices)


def navigation(handbook: Handbook, pages: dict[str, PageOut], options: Options) -> list[NavItem]:
    """The guide's order. Single highlights are reached from their community's highlights page."""
    cdir = options.communities_dir
    communities = NavItem("Communities", children=[NavItem(pages[f"{cdir}/index.md"].title, f"{cdir}/index.md")])
    for c in handbook.communities:
        section = NavItem(c.title, community=c.slug)
        for src in (c.charter_doc.path, *(d.path for d in (c.norms_doc, c.plan_doc) if d), f"{c.folder}/highlights/index.md"):
            section.children.append(NavItem(pages[src].title, src, community=c.slug))
        for d in (c.resources_doc, c.legacy_doc, c.reflection_doc, *c.pages):
            if d is not None:
                section.children.append(NavItem(pages[d.path].title, d.path, community=c.slug))
        communities.children.append(section)
    items = [NavItem(pages["index.md"].title, "index.md"), communities]
    items.append(NavItem("Highlights", "highlights.md"))
    items.append(NavItem("Resource bank", "resources.md"))
    if options.calendar:
        items.append(NavItem("Calendar", "calendar.md"))
    items.append(NavItem("Legacy", "legacy.md"))
    for doc in sorted(handbook.pages, key=lambda d: pages[d.path].title.casefold()):
        items.append(NavItem(pages[doc.path].title, doc.path))
    return items


# --------------------------------------------------------------------------- feeds


def _host(options: Options) -> str:
    return urlsplit(options.site_url or "").hostname or "copsite.invalid"


def atom_feed(title: str, self_path: str, html_src: str, highlights: list[HighlightEntry], communities: dict[str, Community], options: Options) -> str:
    """An Atom feed of highlights, newest first, with absolute links from site_url."""
    from feedgen.feed import FeedGenerator

    tz = options.tz
    site = options.site_url or ""
    du = options.use_directory_urls
    fg = FeedGenerator()
    fg.id(urls.absolute(site, html_src, du))
    fg.title(title)
    fg.link(href=urls.absolute(site, html_src, du), rel="alternate")
    fg.link(href=urls.absolute(site, self_path, du), rel="self")
    fg.generator("copsite")
    fg.language("en")
    newest = highlights[0].date if highlights else options.today
    fg.updated(dt.datetime.combine(newest, dt.time(0, 0), tz))
    # feedgen prepends each new entry; add oldest first so that the feed reads newest first.
    for h in reversed(highlights):
        c = communities[h.community]
        entry = fg.add_entry()
        link = urls.absolute(site, h.path, du)
        entry.id(link)
        entry.title(h.meta.title)
        entry.link(href=link, rel="alternate")
        stamp = dt.datetime.combine(h.date, dt.time(0, 0), tz)
        entry.updated(stamp)
        entry.published(stamp)
        if h.summary:
            entry.summary(h.summary)
        entry.category(term=c.slug, label=c.title)
        for tag in h.meta.tags:
            entry.category(term=tag)
        if options.publish_members:
            for name in h.meta.authors:
                entry.author(name=name)
        if not options.publish_members or not h.meta.authors:
            entry.author(name=c.title)
    return fg.atom_str(pretty=True).decode("utf-8")


# --------------------------------------------------------------------------- calendars


def _uid(c: Community, row: views.SessionView, same_day: int, options: Options) -> str:
    s = row.session
    name = s.id or (str(same_day) if same_day else "")
    return f"{c.slug}/{s.date.isoformat()}{'/' + name if name else ''}@{_host(options)}"


def session_events(c: Community, options: Options) -> list:
    """One VEVENT per planned session: timed ones in the site's timezone, untimed ones all-day."""
    from icalendar import Event

    tz = options.tz
    site = options.site_url
    du = options.use_directory_urls
    stamp = dt.datetime.combine(options.today, dt.time(0, 0), dt.timezone.utc)
    events = []
    seen: dict[dt.date, int] = {}
    for row in sorted(views.plan_rows(c, options.today), key=lambda r: r.index):
        s = row.session
        same_day = seen.get(s.date, 0)
        seen[s.date] = same_day + 1
        ev = Event()
        ev.add("uid", _uid(c, row, same_day if not s.id else 0, options))
        ev.add("dtstamp", stamp)
        ev.add("summary", f"{c.title}: {s.title or s.topics[0]}")
        if s.time:
            start, end = s.time
            begin = dt.datetime.combine(s.date, start, tz)
            ev.add("dtstart", begin)
            ev.add("dtend", dt.datetime.combine(s.date, end, tz) if end else begin + dt.timedelta(hours=1))
        else:
            ev.add("dtstart", s.date)
            ev.add("dtend", s.date + dt.timedelta(days=1))
        lines = [f"Topics: {'; '.join(s.topics)}"]
        if s.activities:
            lines.append(f"Activities: {'; '.join(s.activities)}")
        if s.resources_required:
            lines.append(f"Resources required: {'; '.join(s.resources_required)}")
        if row.format:
            lines.append(f"Format: {label(row.format)}")
        if s.link:
            lines.append(f"Join online: {s.link}")
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
    return probe_cal.walk("VTIMEZONE")[0]


def _calendar_head(name: str, vtimezone, options: Options) -> bytes:
    """The VCALENDAR of a calendar without its events: its properties and the VTIMEZONE."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", "-//copsite//Community of Practice handbook//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", options.timezone)
    if vtimezone is not None:
        cal.add_component(vtimezone)
    return cal.to_ical()


def icalendar_files(handbook: Handbook, options: Options) -> dict[str, str]:
    """RFC 5545 calendars, site-wide and per community. Each event is built and serialised by
    icalendar once; the site-wide calendar holds the same serialised events, and every
    calendar the one VTIMEZONE."""
    end = b"END:VCALENDAR\r\n"
    out: dict[str, str] = {}
    every: list[bytes] = []
    vtimezone = _vtimezone([s.date for c in handbook.communities for s in c.sessions], options)
    for c in handbook.communities:
        events = b"".join(ev.to_ical() for ev in session_events(c, options))
        head = _calendar_head(f"{c.title} · {options.site_name}", vtimezone if c.sessions else None, options)
        out[f"{c.folder}/calendar.ics"] = (head[: -len(end)] + events + end).decode("utf-8")
        every.append(events)
    head = _calendar_head(options.site_name, vtimezone, options)
    out["calendar.ics"] = (head[: -len(end)] + b"".join(every) + end).decode("utf-8")
    return out


# --------------------------------------------------------------------------- data


def resources_json(bank: list[views.BankEntry], options: Options) -> str:
    du = options.use_directory_urls
    site = options.site_url

    def address(src: str) -> str:
        return urls.absolute(site, src, du) if site else "/" + urls.page_url(src, du)

    out = []
    for e in bank:
        item = {
            "title": e.title,
            "kind": e.kind,
            "url": e.url,
            "file": address(e.file) if e.file else None,
            "topics": e.topics,
            "description": e.description,
            "added": e.added.isoformat() if e.added else None,
            "sources": [
                {
                    "community": s.community.slug,
                    "community_title": s.community.title,
                    "community_url": address(s.community.charter_doc.path),
                    "highlight": s.highlight.name if s.highlight else None,
                    "highlight_title": s.highlight.meta.title if s.highlight else None,
                    "highlight_url": address(s.highlight.path) if s.highlight else None,
                }
                for s in e.sources
            ],
        }
        if options.publish_members:
            item["added_by"] = e.added_by
        out.append(item)
    return json.dumps({"version": 1, "resources": out}, ensure_ascii=False, indent=1) + "\n"

"""Atom feeds of highlights: `feed.xml` for the whole handbook and `<community>/feed.xml` for each.

Written only when `feeds` is on and `site_url` is set (a feed needs absolute links).
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from urllib.parse import urlsplit

from copsite.model import urls
from copsite.model.handbook import Community, Handbook, HighlightEntry
from copsite.model.options import Options
from copsite.pages.parts import Part, highlight_print
from copsite.pages.site import Pages


def _host(options: Options) -> str:
    return urlsplit(options.site_url or "").hostname or "copsite.invalid"


def atom_feed(
    title: str,
    self_path: str,
    html_src: str,
    highlights: list[HighlightEntry],
    communities: dict[str, Community],
    options: Options,
) -> str:
    """An Atom feed of highlights, newest first, with absolute links from site_url."""
    from feedgen.feed import FeedGenerator

    tz = options.tz
    site = options.site_url or ""
    du = options.use_directory_urls
    fg = FeedGenerator()
    fg.id(urls.absolute(site, html_src, du))
    fg.title(title)
    fg.subtitle(options.lang.gettext("Meeting highlights of %(name)s", name=title))
    fg.link(href=urls.absolute(site, html_src, du), rel="alternate")
    fg.link(href=urls.absolute(site, self_path, du), rel="self")
    fg.generator("copsite")
    fg.language(options.lang.tag)
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
        entry.category(term=h.meta.kind, label=options.lang.label(h.meta.kind, "kind"))
        for tag in h.meta.tags:
            entry.category(term=tag)
        if options.publish_members:
            for name in h.meta.authors:
                entry.author(name=name)
        if not options.publish_members or not h.meta.authors:
            entry.author(name=c.title)
    return fg.atom_str(pretty=True).decode("utf-8")


def feed_parts(
    handbook: Handbook,
    highlights: list[HighlightEntry],
    communities: dict[str, Community],
    options: Options,
) -> dict[str, Part[str]]:
    """The handbook's feed (made from every published highlight as lists show it) and one per
    community (made from its files), by path from the site root."""
    parts = {
        "feed.xml": Part(
            ("feed", ""),
            lambda _out: atom_feed(options.site_name, "feed.xml", "highlights.md", highlights, communities, options),
            inputs=lambda: tuple(map(highlight_print, highlights)),
        )
    }
    for c in handbook.communities:
        parts[f"{c.folder}/feed.xml"] = Part(
            ("feed", c.slug), partial(_community_feed, c=c, communities=communities, options=options), communities=(c,)
        )
    return parts


def _community_feed(_out: Pages, *, c: Community, communities: dict[str, Community], options: Options) -> str:
    return atom_feed(
        f"{c.title} · {options.site_name}",
        f"{c.folder}/feed.xml",
        f"{c.folder}/highlights/index.md",
        c.published_highlights,
        communities,
        options,
    )

"""The handbook-wide pages: the front page (`/`), the communities index (`/communities/`),
the highlights hub (`/highlights/`, the latest highlights, and older ones on
`/highlights/page/2/` …, see `paging`), the resource bank (`/resources/`), the legacy
overview (`/legacy/`) and the calendar (`/calendar/`, when `calendar` is on)."""

from __future__ import annotations

import datetime as dt
from functools import partial

from copsite.i18n import Language
from copsite.model import schema, views
from copsite.pages.paging import paged_parts
from copsite.pages.parts import Part, highlight_print
from copsite.pages.site import Digest, Pages, doc_title

FRONT_CARDS = 24
"""Above this many communities, the front page shows the most recently active ones."""
HIGHLIGHTS_PER_PAGE = 50
COMMUNITIES_PER_PAGE = 50
RESOURCES_PER_PAGE = 50
LEGACY_PER_PAGE = 10
"""Communities a page of the legacy overview shows in full."""
SESSIONS_PER_PAGE = 100
STAGES = ("forming", "active", "paused", "concluded")


def community_cards(d: Digest) -> list[tuple]:
    """(community, its next session row, its latest published highlight) for each community."""
    cards = []
    for c in d.handbook.communities:
        published = c.published_highlights
        cards.append((c, d.next_rows[c.slug], published[0] if published else None))
    return cards


def bank_selects(bank: list[views.BankEntry], words: Language, *, by_community: bool) -> list[tuple]:
    """The resource filter's choices: the kinds, topics (and communities) present in `bank`."""
    kinds, topics, communities = views.bank_facets(bank)
    selects = [
        ("kind", words.gettext("Kind"), [(k, words.label(k, "resource")) for k in kinds]),
        ("topic", words.gettext("Topic"), [(t.lower(), t) for t in topics]),
    ]
    if by_community:
        selects.append(("community", words.gettext("Community"), [(c.slug, c.title) for c in communities]))
    return selects


def front_cards(cards: list[tuple]) -> list[tuple]:
    """The front page's cards: every community, or above FRONT_CARDS the most recently active
    (latest highlight first); /communities/ lists them all."""
    if len(cards) <= FRONT_CARDS:
        return cards
    recent = sorted(cards, key=lambda card: card[2].date if card[2] is not None else dt.date.min, reverse=True)
    return recent[:FRONT_CARDS]


def year_marks(pages: list) -> list[tuple[str, int]]:
    """(year, the page where that year's newest highlight is) for a list of highlights, newest first."""
    marks: dict[str, int] = {}
    for number, chunk in enumerate(pages, start=1):
        for h in chunk:
            marks.setdefault(str(h.date.year), number)
    return list(marks.items()) if len(marks) > 1 else []


def hub_parts(d: Digest) -> list[Part]:
    """The handbook-wide pages: the front page, the communities index and the lists across communities."""
    cards = community_cards(d)
    return [
        Part(("page", "index.md"), partial(_add_front, d=d, cards=cards), keep=False),
        *_communities_index(d, cards),
        *_highlights(d),
        *_bank(d),
        *_legacy(d),
        *(_calendar(d) if d.options.calendar else []),
    ]


def _add_front(out: Pages, d: Digest, cards: list) -> None:
    options, front = d.options, d.handbook.front_doc
    out.add(
        "index.md",
        doc_title(front, options.lang.gettext("Home")),
        "front.md.j2",
        front,
        meta_title=doc_title(front, options.site_name),
        site_name=options.site_name,
        cards=front_cards(cards),
        community_count=len(cards),
        communities_index=f"{options.communities_dir}/index.md",
        upcoming=[r for r in d.upcoming if r.status != "cancelled"][:8],
        latest=d.highlights[:5],
        communities=d.communities,
        calendar=options.calendar,
        today=d.today,
        feed=d.feed("feed.xml"),
    )


def _communities_index(d: Digest, cards: list) -> list[Part]:
    handbook, options = d.handbook, d.options
    _ = options.lang.gettext
    communities = handbook.communities
    stages = [s for s in STAGES if any(c.charter.stage == s for c in communities)]
    kinds_used = [k for k in schema.PURPOSE_KINDS if any(k in c.charter.purpose.kinds for c in communities)]
    return paged_parts(
        f"{options.communities_dir}/index.md",
        doc_title(handbook.communities_doc, _("Communities")),
        "communities.md.j2",
        handbook.communities_doc,
        cards,
        COMMUNITIES_PER_PAGE,
        item_name="cards",
        folder="page" if "page" not in d.communities else "_page",  # beside the community folders
        total=len(cards),
        today=d.today,
        selects=[
            ("stage", _("Stage"), [(s, options.lang.label(s, "stage")) for s in stages]),
            ("purpose", _("Purpose"), [(k, options.lang.label(k, "purpose")) for k in kinds_used]),
        ],
    )


def _highlights(d: Digest) -> list[Part]:
    return paged_parts(
        "highlights.md",
        d.options.lang.gettext("Highlights"),
        "highlights_list.md.j2",
        None,
        d.highlights,
        HIGHLIGHTS_PER_PAGE,
        marks=year_marks,
        item_name="highlights",
        shows=highlight_print,
        c=None,
        communities=d.communities,
        feed=d.feed("feed.xml"),
    )


def _bank(d: Digest) -> list[Part]:
    handbook, options = d.handbook, d.options
    return paged_parts(
        "resources.md",
        options.lang.gettext("Resource bank"),
        "resources.md.j2",
        None,
        handbook.bank,
        RESOURCES_PER_PAGE,
        item_name="cards",
        shows=lambda e: (e.title, e.url, e.file),  # the whole bank is among what every part shares
        c=None,
        bank=handbook.bank,
        selects=bank_selects(handbook.bank, options.lang, by_community=True),
        site_url=options.site_url,
    )


def _legacy(d: Digest) -> list[Part]:
    return paged_parts(
        "legacy.md",
        d.options.lang.gettext("Legacy"),
        "legacy.md.j2",
        None,
        views.legacy_views(d.handbook),
        LEGACY_PER_PAGE,
        item_name="views",
        c=None,
        community=lambda v: v.community,  # a legacy card shows its community's files
    )


def _calendar(d: Digest) -> list[Part]:
    return paged_parts(
        "calendar.md",
        d.options.lang.gettext("Calendar"),
        "calendar.md.j2",
        None,
        d.upcoming,
        SESSIONS_PER_PAGE,
        item_name="rows",
        today=d.today,
        timezone=d.options.lang.zone(d.options.timezone),
        ics=any(c.sessions for c in d.handbook.communities),
    )

"""The handbook-wide pages: the front page (`/`), the communities index (`/communities/`),
the highlights hub (`/highlights/`), the resource bank (`/resources/`), the legacy
overview (`/legacy/`) and the calendar (`/calendar/`, when `calendar` is on)."""

from __future__ import annotations

from . import schema, views
from .i18n import Language
from .site import Digest, Pages, doc_title

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


def add_hub_pages(out: Pages, d: Digest) -> None:
    handbook, options = d.handbook, d.options
    _ = options.lang.gettext
    cards = community_cards(d)
    front = handbook.front_doc
    out.add(
        "index.md",
        doc_title(front, _("Home")),
        "front.md.j2",
        front,
        meta_title=doc_title(front, options.site_name),
        site_name=options.site_name,
        cards=cards,
        upcoming=[r for r in d.upcoming if r.status != "cancelled"][:8],
        latest=d.highlights[:5],
        communities=d.communities,
        calendar=options.calendar,
        today=d.today,
        feed=d.feed("feed.xml"),
    )
    communities = handbook.communities
    stages = [s for s in STAGES if any(c.charter.stage == s for c in communities)]
    kinds_used = [k for k in schema.PURPOSE_KINDS if any(k in c.charter.purpose.kinds for c in communities)]
    out.add(
        f"{options.communities_dir}/index.md",
        doc_title(handbook.communities_doc, _("Communities")),
        "communities.md.j2",
        handbook.communities_doc,
        cards=cards,
        today=d.today,
        selects=[
            ("stage", _("Stage"), [(s, options.lang.label(s, "stage")) for s in stages]),
            ("purpose", _("Purpose"), [(k, options.lang.label(k, "purpose")) for k in kinds_used]),
        ],
    )
    out.add(
        "highlights.md",
        _("Highlights"),
        "highlights_list.md.j2",
        None,
        c=None,
        highlights=d.highlights,
        communities=d.communities,
        feed=d.feed("feed.xml"),
    )
    bank_select = bank_selects(handbook.bank, options.lang, by_community=True)
    out.add("resources.md", _("Resource bank"), "resources.md.j2", None, c=None, bank=handbook.bank, selects=bank_select)
    out.add("legacy.md", _("Legacy"), "legacy.md.j2", None, c=None, views=views.legacy_views(handbook))
    if options.calendar:
        out.add("calendar.md", _("Calendar"), "calendar.md.j2", None, rows=d.upcoming, today=d.today, timezone=options.timezone,
            ics=any(c.sessions for c in d.handbook.communities))

"""Each community's pages, under `/communities/<slug>/`: its home (the charter), norms,
collaborative plan, highlights list and one page per published highlight, resources,
results and legacy, connection to practice, and any other page its keepers wrote."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from typing import Any

from copsite.i18n import Language
from copsite.model import views
from copsite.model.handbook import Community
from copsite.model.sections import BY_NAME, OPTIONAL, SECTIONS
from copsite.model.text import page_title
from copsite.pages.hub import bank_selects
from copsite.pages.parts import Part
from copsite.pages.post import add_post_page
from copsite.pages.site import Digest, Pages, doc_title
from copsite.publishing.post_button import post_button


def section_links(c: Community, words: Language) -> list[tuple[str, str]]:
    """(title, source path) of the community's pages after its home, in the guide's order."""
    links = []
    for s in SECTIONS[1:]:
        if not s.authored:  # a page copsite makes: its highlights, its report
            links.append((words.gettext(s.title), f"{c.folder}/{s.file}"))
        elif (doc := c.section_doc(s.name)) is not None:
            links.append((doc_title(doc, words.gettext(s.title)), doc.path))
    links += [(page_title(doc), doc.path) for doc in c.pages if doc.path != f"{c.folder}/report.md"]
    return links


def community_part(d: Digest, c: Community) -> Part[None]:
    """The community's pages, made from its own files (and what every part shares)."""
    return Part(("pages", c.slug), partial(add_community_pages, d=d, c=c), communities=(c,))


def add_community_pages(out: Pages, d: Digest, c: Community) -> None:
    """Add the community's pages (its drafts are published nowhere)."""
    today = d.today
    words = d.options.lang
    community_feed = d.feed(f"{c.folder}/feed.xml")
    rows = d.plan_rows[c.slug]
    next_row = d.next_rows[c.slug]
    post = post_button(c, d.options)  # "Post a highlight": the post page, or the editor's form
    home = out.add(
        c.charter_doc.path,
        c.title,
        BY_NAME["charter"].template,
        c.charter_doc,
        c=c,
        m=c.charter.meetings,
        next_row=next_row,
        latest=c.published_highlights[:3],
        groups=views.members_by_role(c.charter),
        sections=section_links(c, words),
        status=views.status(c, today),
        today=today,
        feed=community_feed,
        post=post,
    )
    if c.charter.summary and not c.charter.description:
        home.meta["description"] = c.charter.summary

    c_bank = d.bank_by_community.get(c.slug, [])
    contexts: dict[str, Callable[[], dict[str, Any]]] = {  # what each section's template shows besides the community
        "norms": lambda: {"n": c.norms, "coverage": views.norms_coverage(c.norms), "questions": views.NORM_QUESTIONS},
        "plan": lambda: {"rows": rows, "next_row": next_row, "calendar": d.options.calendar},
        "resources": lambda: {"bank": c_bank, "selects": bank_selects(c_bank, words, by_community=False)},
        "legacy": lambda: {"views": [views.legacy_view(c)]},
    }
    for s in OPTIONAL:
        doc = c.section_doc(s.name)
        if doc is not None:
            title = doc_title(doc, words.gettext(s.title))
            context = contexts[s.name]() if s.name in contexts else {}
            out.add(doc.path, title, s.template, doc, meta_title=f"{title} · {c.title}", c=c, **context)
    for doc in c.pages:
        title = page_title(doc)
        out.add(doc.path, title, None, doc, meta_title=f"{title} · {c.title}")
    out.add(
        f"{c.folder}/highlights/index.md",
        words.gettext(BY_NAME["highlights"].title),
        BY_NAME["highlights"].template,
        None,
        meta_title=f"{words.gettext('Highlights')} · {c.title}",
        c=c,
        highlights=c.published_highlights,
        communities=d.communities,
        feed=community_feed,
        post=post,
    )
    add_post_page(out, d, c)
    add_highlight_pages(out, d, c, rows)


_RESOURCES_HEADING = re.compile(r"^(#{1,6})[ \t]+Resources shared[ \t]*#*[ \t]*$", re.I | re.M)


def split_at_resources(body: str, words: Language | None = None) -> tuple[str, str, bool]:
    """(the body up to the end of its own "Resources shared" section, the rest, whether it has one):
    the list of shared resources goes there, under the author's heading, not under a second one.
    The heading may be the English one or its translation in the handbook's language."""
    m = _RESOURCES_HEADING.search(body)
    translated = words.gettext("Resources shared") if words is not None else "Resources shared"
    if m is None and translated != "Resources shared":
        m = re.compile(r"^(#{1,6})[ \t]+" + re.escape(translated) + r"[ \t]*#*[ \t]*$", re.I | re.M).search(body)
    if m is None:
        return body, "", False
    level = len(m.group(1))
    nxt = re.compile(r"^#{1,%d}[ \t]" % level, re.M).search(body, m.end())
    cut = nxt.start() if nxt else len(body)
    return body[:cut].rstrip(), body[cut:], True


def add_highlight_pages(out: Pages, d: Digest, c: Community, rows: list[views.SessionView]) -> None:
    """One page per published highlight."""
    row_of = {id(r.session): r for r in rows}
    for h in c.highlights:
        if h.draft:
            continue
        p = out.add(
            h.path,
            h.meta.title,
            "highlight.md.j2",
            h.doc,
            meta_title=f"{h.meta.title} · {c.title}",
            c=c,
            h=h,
            session_row=row_of.get(id(h.session)) if h.session is not None else None,
            resources=d.bank_by_highlight.get(id(h), []),
            parts=tuple(
                out.protect(x) if isinstance(x, str) else x for x in split_at_resources(out.author_body(h.doc), d.options.lang)
            ),
        )
        if h.summary and "description" not in p.meta:
            p.meta["description"] = h.summary

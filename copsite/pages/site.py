"""What planning a site produces, free of any site engine, and the collector page families write into.

`Site` is the result of `publish.plan_site`: every page as Markdown with its
meta, the navigation, and the static files. `Pages` renders and collects pages;
`Digest` holds what several page families share, computed once per build (each
community's plan rows, the published highlights, the resource bank's indexes).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from markupsafe import Markup

from copsite.model import urls, views
from copsite.model.handbook import Community, Doc, Handbook, HighlightEntry
from copsite.model.options import Options
from copsite.pages.bidi import with_dir_auto
from copsite.pages.body_html import as_source, html_as_text, wrap
from copsite.pages.render import render


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
    blocks: dict[str, str] = field(default_factory=dict)
    """Finished HTML the Markdown refers to by a marker line (`render.html_block`): kept out of
    Markdown's way, put back in the page's HTML by the plugin."""

    def source(self) -> str:
        """The page's Markdown with its HTML blocks inline: what an engine without copsite's plugin reads."""
        text = self.markdown
        for key, html in self.blocks.items():
            text = text.replace(key, html, 1)
        return as_source(text)  # bodies with `body_html: false` as Markdown shows them (copsite.pages.body_html)

    def fill(self, html: str) -> str:
        """The page's HTML as Markdown made it, with the HTML blocks put back where their markers are."""
        for key, block in self.blocks.items():
            if key not in html:
                raise ValueError(f"{self.src}: a Markdown extension lost the marker of a generated block ({key})")
            html = html.replace(key, block, 1)
        return html


@dataclass
class NavItem:
    title: str
    src: str | None = None
    children: list[NavItem] = field(default_factory=list)
    community: str | None = None


@dataclass
class Site:
    pages: dict[str, PageOut]
    nav: list[NavItem]
    statics: dict[str, str]
    """Path from the site root -> text content (feeds, calendars, JSON)."""
    notices: list[str] = field(default_factory=list)
    """Things to tell the author once (not problems): "feeds need site_url"."""


def doc_title(doc: Doc | None, default: str) -> str:
    """The title an author gave in front matter, else the default."""
    if doc is not None and doc.meta is not None and doc.meta.title:
        return doc.meta.title
    return default


class Pages:
    """The pages of a site being planned, by source path."""

    def __init__(self, options: Options):
        self.options = options
        self.pages: dict[str, PageOut] = {}
        self.order: list[str] = []
        """Source paths in the order their pages were added (a page added twice, twice)."""
        self._protected: dict[str, str] = {}

    def protect(self, text: str) -> str:
        """A stand-in for the author's text inside a template, put back after `dir` is added to the
        template's own blocks: the authors' Markdown and HTML are published as they wrote them."""
        if not text:
            return text
        key = f"\x00copsite-{len(self._protected)}\x00"
        self._protected[key] = text if self.options.body_html else wrap(text)  # cleaned in the page's HTML
        return key

    def author_body(self, doc: Doc | None) -> str:
        """The author's Markdown body as published: raw HTML shown as text when `body_html` is off."""
        body = doc.body.strip() if doc is not None else ""
        return body if self.options.body_html else html_as_text(body)

    def add(
        self,
        src: str,
        title: str,
        template: str | None,
        doc: Doc | None,
        *,
        meta_title: str | None = None,
        feed: str | None = None,
        **context,
    ) -> PageOut:
        """A page at `src`: the template's Markdown around the author's body, or the body alone."""
        du = self.options.use_directory_urls
        body = self.author_body(doc)
        meta = dict(doc.page_meta) if doc is not None else {}
        meta["title"] = meta_title or title
        blocks: dict[str, str] = {}
        if template is None:
            markdown = (body if self.options.body_html else wrap(body)) + "\n"
        else:
            markdown = render(
                template,
                self.options.language,
                link=lambda to: urls.relative(src, to, du),
                body=Markup(self.protect(body)),
                title=title,
                publish_members=self.options.publish_members,
                feed=feed,
                html_blocks=blocks,
                **context,
            )
            markdown = with_dir_auto(markdown)
            blocks = {key: with_dir_auto(html) for key, html in blocks.items()}
            if self._protected:
                for key, text in self._protected.items():
                    markdown = markdown.replace(key, text)
                    blocks = {k: html.replace(key, text) for k, html in blocks.items()}
                self._protected.clear()
        out = self.pages[src] = PageOut(src, title, markdown, meta, generated=doc is None, feed=feed, blocks=blocks)
        self.order.append(src)
        return out


@dataclass
class Digest:
    """What several page families show, computed once per build."""

    handbook: Handbook
    options: Options
    communities: dict[str, Community]
    plan_rows: dict[str, list[views.SessionView]]
    next_rows: dict[str, views.SessionView | None]
    highlights: list[HighlightEntry]
    """Every published highlight, newest first."""
    upcoming: list[views.SessionView]
    bank_by_community: dict[str, list[views.BankEntry]]
    bank_by_highlight: dict[int, list[views.BankEntry]]
    feeds: bool
    """Feeds are written: the option is on and site_url is set."""

    @property
    def today(self) -> dt.date:
        return self.options.today

    def feed(self, path: str) -> str | None:
        return path if self.feeds else None

    @classmethod
    def of(cls, handbook: Handbook, options: Options) -> Digest:
        plan_rows = {c.slug: views.plan_rows(c, options.today) for c in handbook.communities}
        by_community: dict[str, list[views.BankEntry]] = {}
        by_highlight: dict[int, list[views.BankEntry]] = {}
        for e in handbook.bank:
            for slug in dict.fromkeys(s.community.slug for s in e.sources):
                by_community.setdefault(slug, []).append(e)
            for s in e.sources:
                if s.highlight is not None:
                    by_highlight.setdefault(id(s.highlight), []).append(e)
        return cls(
            handbook=handbook,
            options=options,
            communities={c.slug: c for c in handbook.communities},
            plan_rows=plan_rows,
            next_rows={slug: views.coming_row(rows) for slug, rows in plan_rows.items()},
            highlights=handbook.highlights(),
            upcoming=views.upcoming(handbook, options.today),
            bank_by_community=by_community,
            bank_by_highlight=by_highlight,
            feeds=options.feeds and bool(options.site_url),
        )

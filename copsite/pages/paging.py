"""Light aggregate pages: a long list split into numbered pages, each small at any handbook size.

A hub page (`highlights.md` -> `/highlights/`) shows the first page of its list;
the further pages live beside it (`highlights/page/2.md` -> `/highlights/page/2/`,
reserved names: authors may not write `content/highlights*`). Every page carries a
pager (newer/older, a window of page numbers, the first and the last), so that
following links from the first page reaches every item without the sidebar. The
further pages are not in the navigation and not in the search index (the items
they list have pages of their own, or are on the first page's data).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from copsite.model.handbook import Community
from copsite.pages.parts import Part
from copsite.pages.site import PageOut, Pages

T = TypeVar("T")

WINDOW = 2
"""Page numbers shown on each side of the current one."""


def page_src(base: str, number: int, folder: str = "page") -> str:
    """Source path of page `number` of the list whose first page is `base` ('highlights.md')."""
    if number == 1:
        return base
    stem = base[:-3] if base.endswith(".md") else base
    if posixpath.basename(stem) == "index":
        stem = posixpath.dirname(stem)
    return f"{stem}/{folder}/{number}.md"


@dataclass
class Pager:
    """Where a page stands in its list, for the `pager` macro."""

    base: str
    number: int
    count: int
    first_item: int
    """1-based position of the page's first item in the whole list."""
    last_item: int
    total: int
    marks: list[tuple[str, int]] = field(default_factory=list)
    """(label, page number): landmarks such as the page where each year begins."""
    folder: str = "page"

    def src(self, number: int) -> str:
        return page_src(self.base, number, self.folder)

    @property
    def others(self) -> list[str]:
        """Source paths of every page but this one."""
        return [self.src(n) for n in range(1, self.count + 1) if n != self.number]

    @property
    def prev(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.count else None

    @property
    def numbers(self) -> list[int | None]:
        """The page numbers to show: the first, a window around this one, the last; None for a gap."""
        wanted = {1, self.count, *range(max(1, self.number - WINDOW), min(self.count, self.number + WINDOW) + 1)}
        out: list[int | None] = []
        for n in sorted(wanted):
            if out and out[-1] is not None and n - out[-1] > 1:
                out.append(None)
            out.append(n)
        return out


def chunks(items: Sequence[T], per_page: int) -> list[Sequence[T]]:
    """`items` in pages of `per_page` (at least one page, empty when there is nothing)."""
    return [items[i : i + per_page] for i in range(0, len(items), per_page)] or [items[:0]]


def paged_parts(
    base: str,
    title: str,
    template: str,
    doc,
    items: Sequence[T],
    per_page: int,
    *,
    meta_title: str | None = None,
    marks: Callable[[list[Sequence[T]]], list[tuple[str, int]]] | None = None,
    feed: str | None = None,
    item_name: str = "items",
    folder: str = "page",
    shows: Callable[[T], object] | None = None,
    community: Callable[[T], Community] | None = None,
    **context,
) -> list[Part[PageOut]]:
    """The pages of `items` (`per_page` each), rendered by `template` with the page's items (as
    `item_name`) and `pager`, a part each.

    The first page is `base`, with the author's body (`doc`) and the given meta; the
    others are titled "… · page N of M", outside the navigation and the search index.
    What a page is made from: what it `shows` of each of its items, and the files of each
    item's `community`; a list given neither is made at every plan."""
    pages = chunks(items, per_page)
    landmarks = marks(pages) if marks else []
    parts = []
    start = 0
    for number, chunk in enumerate(pages, start=1):
        pager = Pager(base, number, len(pages), start + 1, start + len(chunk), len(items), landmarks, folder)
        start += len(chunk)
        make = partial(
            _add_page, base=base, title=title, template=template, doc=doc, number=number, count=len(pages), chunk=chunk,
            pager=pager, meta_title=meta_title, feed=feed, item_name=item_name, folder=folder, context=context,
        )  # fmt: skip
        parts.append(
            Part(
                ("paged", page_src(base, number, folder)),
                make,
                communities=tuple(map(community, chunk)) if community is not None else (),
                files=(doc.path,) if doc is not None else (),
                inputs=partial(_made_from, template, base, number, len(pages), landmarks, shows, chunk),
                keep=shows is not None or community is not None,
            )
        )
    return parts


def _made_from(template: str, base: str, number: int, count: int, landmarks: list, shows, chunk: Sequence) -> tuple:
    """What a page of a list is made from, besides its communities' files: the key a preview keeps it by."""
    return (template, base, number, count, repr(landmarks), tuple(map(shows, chunk)) if shows else ())


def _add_page(
    out: Pages, *, base, title, template, doc, number, count, chunk, pager, meta_title, feed, item_name, folder, context
) -> PageOut:
    if number == 1:
        return out.add(base, title, template, doc, meta_title=meta_title, feed=feed, pager=pager, **{item_name: chunk}, **context)
    page = out.add(
        page_src(base, number, folder),
        title,
        template,
        None,
        meta_title=out.options.lang.gettext(
            "%(title)s · page %(number)s of %(count)s", title=meta_title or title, number=number, count=count
        ),
        feed=feed,
        pager=pager,
        **{item_name: chunk},
        **context,
    )
    page.meta["search"] = {"exclude": True}
    return page

"""Incremental preview: which pages an edit changed, from one plan of the site to the next.

An edit costs three things besides MkDocs' own work: reading the handbook (each
unchanged file's reading is kept, `copsite.content.doc_cache`), planning the site (each
community whose files and shared inputs are unchanged keeps its planned pages,
`PlanMemo`), and building pages (only those whose plan changed, `PreviewState`).

Under `mkdocs serve --dirty` (what `make serve` runs), the plugin rebuilds only
the pages whose planned Markdown, meta or title changed since the last build,
and keeps MkDocs' search index whole by merging the rebuilt pages' entries into
the last full index. A change that alters the navigation, the set of pages or
the site's configuration and theme rebuilds everything. Engine-free: it sees
only `Site` plans and the search index's JSON (MkDocs' and Material's shared
format: `{"config": ..., "docs": [{"location": "page/#anchor", ...}]}`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from copsite.model.handbook import Community
from copsite.pages.site import Digest, NavItem, PageOut, Pages, Site


def _digest(*parts: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


def page_print(page: PageOut) -> str:
    """Everything of a planned page that its HTML is made from, besides the navigation."""
    return _digest(page.title, page.source(), json.dumps(page.meta, sort_keys=True, default=str), page.feed or "")


def _nav_lines(items: list[NavItem], depth: int = 0) -> list[str]:
    out = []
    for item in items:
        out.append(f"{depth}\t{item.title}\t{item.src or ''}\t{item.community or ''}")
        out.extend(_nav_lines(item.children, depth + 1))
    return out


def site_print(site: Site, setting: str) -> str:
    """What every page shows: the navigation (its titles and order), the set of pages, and
    `setting` (the configuration and theme files, from the plugin)."""
    return _digest(setting, *_nav_lines(site.nav), *sorted(site.pages))


@dataclass
class PreviewState:
    """The prints of the last site built, kept across rebuilds of one `mkdocs serve`."""

    site: str | None = None
    pages: dict[str, str] = field(default_factory=dict)
    search: dict[str, list[dict]] | None = None
    """The whole search index, by page address, after the last build."""
    search_config: dict | None = None
    _kept: dict[str, tuple[PageOut, str]] = field(default_factory=dict)

    def changes(self, site: Site, setting: str) -> tuple[set[str] | None, set[str]]:
        """(the sources to rebuild, or None for all of them; the sources gone since the last build)."""
        # A page kept from the last plan (PlanMemo) is the same object, planned pages are never
        # changed after planning: its print is the one computed then.
        prints = {}
        for src, page in site.pages.items():
            last = self._kept.get(src)
            prints[src] = last[1] if last is not None and last[0] is page else page_print(page)
        self._kept = {src: (page, prints[src]) for src, page in site.pages.items()}
        whole = site_print(site, setting)
        gone = set(self.pages) - set(prints)
        if whole != self.site:
            changed = None
        else:
            changed = {src for src, p in prints.items() if self.pages.get(src) != p}
        self.site, self.pages = whole, prints
        return changed, gone

    def merge_search_index(self, path: Path, rebuilt: set[str] | None, order: list[str], gone: set[str]) -> None:
        """Make the search index at `path` whole again after a partial build.

        `rebuilt`: the addresses of the pages built this time (None: all of them);
        `order`: every page's address in site order; `gone`: addresses of removed pages.
        The entries of a page built this time are the last run of its entries in the file
        (the engine appends this build's entries after what it kept)."""
        if not path.is_file():
            return
        data = json.loads(path.read_text(encoding="utf-8"))
        latest: dict[str, list[dict]] = {}
        run_base: str | None = None
        run: list[dict] = []
        for entry in data.get("docs", []):
            base = entry.get("location", "").split("#", 1)[0]
            if base != run_base or "#" not in entry.get("location", ""):
                if run_base is not None:
                    latest[run_base] = run
                run_base, run = base, []
            run.append(entry)
        if run_base is not None:
            latest[run_base] = run
        if rebuilt is None or self.search is None:
            # Every page was built; under --dirty the engine may still have kept stale
            # entries of the pages' previous versions before this build's own.
            self.search, self.search_config = latest, data.get("config")
        else:
            for url in rebuilt:
                if url in latest:
                    self.search[url] = latest[url]
        for url in gone:
            self.search.pop(url, None)
        docs = [entry for url in order for entry in self.search.get(url, [])]
        merged = {"config": self.search_config or data.get("config"), "docs": docs}
        path.write_text(json.dumps(merged, separators=(",", ":"), default=str), encoding="utf-8")


def _community_docs(c: Community):
    yield from c.section_docs()
    yield from c.pages
    yield from (h.doc for h in c.highlights)


@dataclass
class PlanMemo:
    """What each community adds to a plan (its pages, its report, its feed), kept from one plan
    of a preview to the next.

    A community's part is made from its own files and from what the whole site shares: the
    options and today, every community's name and folder (lists name the community of a
    highlight), and the resource bank (a card names every community that shared the
    resource). It is made again when any of these changed, else taken from the last plan
    as it was. `stamp(path)` gives a file's stamp (size, time, inode) as last read; None:
    unknown, so made again."""

    stamp: Callable[[str], tuple | None]
    entries: dict[tuple[str, str], tuple[tuple, object]] = field(default_factory=dict)
    """(part, community slug) -> (its key, what it made)."""
    hits: int = 0
    misses: int = 0
    made: list[tuple[str, str]] = field(default_factory=list)
    """The parts made afresh (not kept) in the current plan: (part, community slug or page)."""
    _shared: str = ""
    _keys: dict[str, tuple | None] = field(default_factory=dict)

    def begin(self, d: Digest) -> None:
        """What every community's part shares, once a plan."""
        bank = [
            (
                e.title,
                e.kind,
                e.url,
                e.file,
                e.description,
                e.topics,
                e.added,
                e.added_by,
                [(s.community.slug, (s.highlight.path, s.highlight.meta.title) if s.highlight else None) for s in e.sources],
            )
            for e in d.handbook.bank
        ]
        folks = [(c.slug, c.title, c.folder) for c in d.handbook.communities]
        self._shared = _digest(repr(d.options), repr(bank), repr(folks))
        self.made = []
        self._keys = {}

    def _key(self, c: Community) -> tuple | None:
        """Worked out once a plan for each community (its pages, report, feed, calendar and
        legacy card all ask)."""
        if c.slug in self._keys:
            return self._keys[c.slug]
        stamps: list[tuple[str, tuple]] = []
        for doc in _community_docs(c):
            stamp = self.stamp(doc.path)
            if stamp is None:  # a file not read yet: unknown, so made again
                self._keys[c.slug] = None
                return None
            stamps.append((doc.path, stamp))
        key = self._keys[c.slug] = (self._shared, tuple(stamps))
        return key

    def community_key(self, c: Community) -> tuple | None:
        """What a community's part is made from: the shared inputs and its files' stamps."""
        return self._key(c)

    def item_key(self, *parts) -> tuple:
        """A key made of the shared inputs and `parts` (what else a part is made from)."""
        return (self._shared, parts)

    def _hit(self, name: tuple[str, str], key: tuple | None) -> object:
        """What was kept under `name` for `key`, or None."""
        hit = self.entries.get(name) if key is not None else None
        if hit is not None and hit[0] == key:
            self.hits += 1
            return hit[1]
        self.misses += 1
        self.made.append(name)
        return None

    def keyed_value(self, name: tuple[str, str], key: tuple | None, make: Callable[[], object]):
        """`make()`, or what it gave last time under `name` for the same `key` (None: always made)."""
        kept = self._hit(name, key)
        if kept is not None:
            return kept
        made = make()
        if key is not None:
            self.entries[name] = (key, made)
        return made

    def keyed_pages(self, name: tuple[str, str], key: tuple | None, out: Pages, plan: Callable[[], object]):
        """`plan()`'s result, with the pages it adds to `out`: planned, or as last planned for `key`."""
        kept = self._hit(name, key)
        if kept is not None:
            result, pages = cast("tuple[object, list[PageOut]]", kept)  # as stored below
            for page in pages:
                out.pages[page.src] = page
                out.order.append(page.src)
            return result
        start = len(out.order)
        result = plan()
        if key is not None:
            self.entries[name] = (key, (result, [out.pages[src] for src in out.order[start:]]))
        return result

    def value(self, part: str, c: Community, make: Callable[[], object]):
        """`make()`, or what it gave last time for this community's unchanged inputs."""
        return self.keyed_value((part, c.slug), self._key(c), make)

    def pages(self, part: str, out: Pages, c: Community, plan: Callable[[], object]):
        """`plan()`'s result, with the pages it adds to `out`: planned, or as last planned."""
        return self.keyed_pages((part, c.slug), self._key(c), out, plan)


def memo_value(memo: PlanMemo | None, part: str, c: Community, make: Callable[[], object]):
    """`make()` through the preview's memo when there is one."""
    return make() if memo is None else memo.value(part, c, make)


def memo_pages(memo: PlanMemo | None, part: str, out: Pages, c: Community, plan: Callable[[], object]):
    """`plan()` (which adds pages to `out`) through the preview's memo when there is one."""
    return plan() if memo is None else memo.pages(part, out, c, plan)


def highlight_print(h) -> tuple:
    """What a list of highlights shows of one (a hub page, the handbook's feed)."""
    m = h.meta
    return (h.path, h.community, h.date, m.title, h.summary, m.kind, tuple(m.tags), tuple(m.authors), m.responses)

"""Incremental preview: all that one `mkdocs serve` keeps from one build to the next.

An edit costs three things besides MkDocs' own work: reading the handbook (each
unchanged file's reading is kept, `copsite.content.doc_cache`), planning the site (each
part of the plan whose inputs are unchanged is kept, `PlanMemo`, applied by the
planner around the page families' parts, `copsite.pages.parts`), and building pages
(only those whose plan changed, `PreviewState`). `PreviewSession` holds the three,
the compiled templates and the last good site, for the plugin.

Under `mkdocs serve --dirty` (what `make serve` runs), the plugin rebuilds only
the pages whose planned Markdown, meta or title changed since the last build,
and keeps MkDocs' search index whole by merging the rebuilt pages' entries into
the last full index. A change that alters the navigation, the set of pages or
the site's configuration and theme rebuilds everything. It imports no site engine:
it sees only `Site` plans and the search index's JSON (MkDocs' and Material's shared
format: `{"config": ..., "docs": [{"location": "page/#anchor", ...}]}`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar, cast

from jinja2 import BytecodeCache

from copsite.content.doc_cache import DocCache
from copsite.model.handbook import Community
from copsite.model.urls import page_url
from copsite.pages.parts import Keeper, Part
from copsite.pages.site import Digest, NavItem, PageOut, Pages, Site

T = TypeVar("T")


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
    """Each part of a plan (`Part`: a community's pages, its report, its feed, a page of a
    list…), kept from one plan of a preview to the next.

    A part is made again when what it is made from changed: what every part shares (the
    options and today, every community's name and folder, the resource bank: a card
    names every community that shared the resource), the files it names (its
    communities' files and its own), and its inputs. Else it is taken from the last plan
    as it was. `stamp(path)` gives a file's stamp (size, time, inode) as last read; None:
    unknown, so made again."""

    stamp: Callable[[str], tuple | None]
    entries: dict[tuple[str, str], tuple[tuple, tuple[object, list[PageOut]]]] = field(default_factory=dict)
    """A part's name -> (its key, (what it returned, the pages it added))."""
    hits: int = 0
    misses: int = 0
    made: list[tuple[str, str]] = field(default_factory=list)
    """The parts made afresh (not kept) in the current plan, by name."""
    _shared: str = ""
    _stamps: dict[str, tuple | None] = field(default_factory=dict)

    def keeper(self, d: Digest, out: Pages) -> Keeper:
        """The keeper of one plan: each part kept, or made into `out`."""
        self._begin(d)

        def keep(part: Part[T], /) -> T:
            return self._keep(part, out)

        return keep

    def _begin(self, d: Digest) -> None:
        """What every part shares, once a plan."""
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
        self._stamps = {}

    def _community_stamps(self, c: Community) -> tuple | None:
        """The stamps of a community's files, worked out once a plan (its pages, report, feed,
        calendar and legacy card all ask)."""
        if c.slug not in self._stamps:
            stamps = tuple((doc.path, self.stamp(doc.path)) for doc in _community_docs(c))
            self._stamps[c.slug] = None if any(s is None for _, s in stamps) else stamps
        return self._stamps[c.slug]

    def _key(self, part: Part) -> tuple | None:
        """What `part` is made from, or None when a file of it is unknown."""
        communities = tuple(map(self._community_stamps, part.communities))
        files = tuple((path, self.stamp(path)) for path in part.files)
        if None in communities or any(s is None for _, s in files):
            return None
        return (self._shared, part.inputs(), files, communities)

    def _keep(self, part: Part[T], out: Pages) -> T:
        """`part` as it was made last time from the same inputs (its pages added to `out` again), or made."""
        if not part.keep:
            return part.make(out)
        key = self._key(part)
        hit = self.entries.get(part.name) if key is not None else None
        if hit is not None and hit[0] == key:
            self.hits += 1
            result, pages = hit[1]
            for page in pages:
                out.pages[page.src] = page
                out.order.append(page.src)
            return cast("T", result)
        self.misses += 1
        self.made.append(part.name)
        start = len(out.order)
        made = part.make(out)
        if key is not None:
            self.entries[part.name] = (key, (made, [out.pages[src] for src in out.order[start:]]))
        return made


class CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once per `mkdocs serve`: MkDocs makes a new Jinja environment
    for every rebuild, which compiled Material's templates again after every save (a third of a
    second). Jinja keys each template's code by its name and a checksum of its source, so an
    edited template is compiled afresh."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket):
        self._code[bucket.key] = bucket.bytecode_to_string()


@dataclass
class PreviewSession:
    """All that one `mkdocs serve` keeps from one build to the next: the files as read
    (`cache`), the parts of the last plan (`memo`), the prints of the last site built
    (`state`), the compiled templates, and the last good site, served again while an edit
    leaves the handbook broken. `incremental` (`--dirty`): only the pages an edit changed
    are rebuilt."""

    incremental: bool
    cache: DocCache = field(default_factory=lambda: DocCache(language=""))
    memo: PlanMemo | None = None
    """Made with the cache, at the first read."""
    state: PreviewState = field(default_factory=PreviewState)
    templates: CompiledTemplates = field(default_factory=CompiledTemplates)
    last_good: Site | None = None
    rebuild: set[str] | None = None
    """The sources to build this time (None: all of them); only when `incremental`."""
    gone: set[str] = field(default_factory=set)
    """The sources planned last time and not this time."""

    def reading(self, language: str) -> DocCache:
        """The cache to read the handbook through: a new one (and memo) when the language changed."""
        if self.memo is None or self.cache.language != language:
            self.cache = DocCache(language=language)
            self.memo = PlanMemo(self.cache.stamp)
        return self.cache

    def planned(self, site: Site, setting: Callable[[], str]) -> None:
        """A new good site: what to rebuild of it, from `setting()` (the configuration and theme)."""
        self.last_good = site
        if self.incremental:
            self.rebuild, self.gone = self.state.changes(site, setting())

    def serve_last_good(self) -> Site | None:
        """The last good site, to serve again while the handbook is broken (nothing of it changed)."""
        if self.last_good is not None and self.incremental:
            self.rebuild, self.gone = set(), set()
        return self.last_good

    def built(self, site: Site, site_dir: Path, use_directory_urls: bool) -> None:
        """After a build of `site` into `site_dir`: the pages gone taken away, the search index made whole."""
        if not self.incremental:
            return
        du = use_directory_urls
        for src in self.gone:
            # A page removed while previewing: --dirty never cleans, so take its output away.
            out = site_dir / page_url(src, du)
            (out / "index.html" if du and not out.suffix else out).unlink(missing_ok=True)
        order = [page_url(src, du) for src in site.pages]
        rebuilt = None if self.rebuild is None else {page_url(src, du) for src in self.rebuild}
        self.state.merge_search_index(
            site_dir / "search" / "search_index.json", rebuilt, order, {page_url(s, du) for s in self.gone}
        )

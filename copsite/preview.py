"""Incremental preview: which pages an edit changed, from one plan of the site to the next.

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
from dataclasses import dataclass, field
from pathlib import Path

from .site import NavItem, PageOut, Site


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

    def changes(self, site: Site, setting: str) -> tuple[set[str] | None, set[str]]:
        """(the sources to rebuild, or None for all of them; the sources gone since the last build)."""
        prints = {src: page_print(p) for src, p in site.pages.items()}
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
        run_base, run = None, []
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

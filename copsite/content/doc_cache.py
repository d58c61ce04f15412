"""Reading again only what changed: each file's reading kept from one read of the handbook to the next.

`mkdocs serve` reads the whole handbook after every save; almost every file is as it
was. A `DocCache` keeps, for each file, what reading it gave (the `Doc` and the
problems found in it), under the file's size, modification time and inode: a file
whose stamp is unchanged is not parsed and checked again, and its problems are told
again as they were. What spans files (a community's links between its plan and its
highlights, the resource bank, the tree's checks) is still worked out on every read.

Only the preview uses it (the plugin under `mkdocs serve`); `mkdocs build` and
`copsite check` read every file afresh. A Doc is never changed once read (planning
publishes scrubbed copies), so the cache hands out the very Doc it keeps.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

from copsite.model.handbook import Doc
from copsite.model.problems import Problems, Severity

ACTIVE: ContextVar[DocCache | None] = ContextVar("copsite_doc_cache", default=None)
"""The cache of the read under way, set by `reader.read_handbook`."""


@dataclass
class DocCache:
    entries: dict[tuple, tuple[tuple, Doc, list, bool]] = field(default_factory=dict)
    """(path, kind, front matter required) -> (the file's stamp, its Doc, its problems, whether it holds a placeholder)."""
    language: str = "en"
    """The language its problems are told in: a cache is for one language."""
    stamps: dict[str, tuple] = field(default_factory=dict)
    """A doc's path (as `Doc.path`) -> the stamp of the file it was last read from."""
    hits: int = 0
    misses: int = 0

    def stamp(self, path: str) -> tuple | None:
        """The stamp of the file a doc was read from in the last read (None: not read through the cache)."""
        return self.stamps.get(path)

    def read(self, path: os.PathLike, kind: str, required: bool, problems: Problems, read: Callable[[], Doc]) -> Doc:
        """The Doc of `path`: from the cache when the file is unchanged, else from `read()`."""
        try:
            st = os.stat(path)
        except OSError:
            return read()  # gone or unreadable: read() says so
        stamp = (st.st_mtime_ns, st.st_size, st.st_ino)
        key = (os.fspath(path), kind, required)
        hit = self.entries.get(key)
        if hit is not None and hit[0] == stamp:
            self.hits += 1
            problems.extend(hit[2])
            self.stamps[hit[1].path] = stamp
            return hit[1]
        self.misses += 1
        start = len(problems)
        doc = read()
        found = list(problems)[start:]
        scrubbed = any(p.severity is Severity.PLACEHOLDER for p in found)
        self.entries[key] = (stamp, doc, found, scrubbed)
        self.stamps[doc.path] = stamp
        return doc

"""Read a whole handbook: every Markdown file once, every rule of the format.

`read_handbook(docs_dir, options)` returns the model and every problem found,
in reading order. It never raises for bad content: the worst file becomes a
Problem with its path and reason. The MkDocs plugin and `copsite check` both
call it, so they report the same problems.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from copsite.content.community import read_community
from copsite.content.doc_cache import ACTIVE as _ACTIVE_CACHE
from copsite.content.doc_cache import DocCache
from copsite.content.drafts import check_draft_links
from copsite.content.files import read_doc, rel_path, walk
from copsite.content.rules import check_theme_names, warn_same_titles
from copsite.content.tree import check_tree
from copsite.model import schema
from copsite.model.handbook import Handbook
from copsite.model.options import Options
from copsite.model.problems import Problems
from copsite.model.views import resource_bank

_TOP_RESERVED = ("highlights", "resources", "legacy", "calendar", "feed")


def _reserved_top(name: str) -> bool:
    """A name at the top of the handbook that copsite keeps: 'resources.md', 'highlights/',
    'calendar.ics', 'feed.xml' (but not 'resources-guide.md'). Other spellings of its
    addresses ('Resources.md') are refused with the other reserved addresses."""
    return name.split(".", 1)[0] in _TOP_RESERVED


def read_handbook(
    docs_dir: str | os.PathLike,
    options: Options,
    prefix: str = "",
    theme_dirs: list[str] | None = None,
    cache: DocCache | None = None,
) -> tuple[Handbook, Problems]:
    """Read and check a whole handbook. `prefix` names the docs folder in messages ('content');
    `theme_dirs`, the theme's folders, lets it check `template:` and `icon:` names; `cache`
    (the preview's) keeps each unchanged file's reading from the last read."""
    token = _ACTIVE_CACHE.set(cache)
    try:
        handbook, problems = _read_handbook(Path(docs_dir), options)
    finally:
        _ACTIVE_CACHE.reset(token)
    if theme_dirs:
        check_theme_names(handbook, theme_dirs, problems)
    if prefix:
        problems = Problems([replace(p, file=f"{prefix.rstrip('/')}/{p.file}") for p in problems], words=problems.words)
    return handbook, problems


def _read_handbook(root: Path, options: Options) -> tuple[Handbook, Problems]:
    problems = Problems(words=options.lang)
    handbook = Handbook()
    if not root.is_dir():
        problems.error(str(root), "the docs folder does not exist")
        return handbook, problems
    communities_root = root / options.communities_dir
    cdir = options.communities_dir

    for entry in sorted(root.iterdir()):
        name = entry.name
        if name.startswith("."):
            continue
        if _reserved_top(name):
            problems.error(
                rel_path(entry, root),
                "'%(name)s' is a name copsite keeps for the page it makes (/%(address)s/): rename or move it",
                name=name,
                address=name.split(".")[0],
            )

    # Every page outside the communities: each community folder is read below, once.
    communities_files = {communities_root / "index.md"} if (communities_root / "index.md").is_file() else set()
    for path in [*walk(root, skip=str(communities_root)), *communities_files]:
        rel = rel_path(path, root)
        if path.suffix != ".md":  # other spellings are refused by name in tree.check_tree
            continue
        parts = rel.split("/")
        if _reserved_top(parts[0]):
            continue  # reported above
        if rel.startswith(cdir + "/") and len(parts) > cdir.count("/") + 2:
            continue  # inside a community folder: read below
        doc = read_doc(path, root, "page", problems)
        handbook.docs[rel] = doc
        if rel == "index.md":
            handbook.front_doc = doc
        elif rel == f"{cdir}/index.md":
            handbook.communities_doc = doc
        else:
            handbook.pages.append(doc)

    if communities_root.is_dir():
        for folder in sorted(p for p in communities_root.iterdir() if p.is_dir() and not p.name.startswith(".")):
            community = read_community(folder, root, options, handbook, problems)
            if community is not None:
                handbook.communities.append(community)
            elif (folder / "index.md").is_file() and schema.SLUG_RE.match(folder.name):
                handbook.unreadable.append(folder.name)  # counted all the same: its charter has errors
        for stray in sorted(p for p in communities_root.iterdir() if p.is_file() and p.suffix == ".md" and p.name != "index.md"):
            problems.warning(
                rel_path(stray, root),
                "a page directly in the communities folder is not a community: "
                "make a folder for the community with an index.md (its charter) inside",
            )
    warn_same_titles(handbook, problems)
    handbook.bank = resource_bank(handbook, problems)
    check_tree(root, options, problems)
    check_draft_links(handbook, problems)
    return handbook, problems

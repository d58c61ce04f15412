"""Reading one community folder: its charter, sections and highlights assembled into a `Community`."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from copsite.content.files import read_doc, rel_path, walk
from copsite.content.rules import check_community
from copsite.i18n import M_, Message
from copsite.model import schema
from copsite.model.frontmatter import line_of
from copsite.model.handbook import Community, Doc, Handbook, HighlightEntry
from copsite.model.options import Options
from copsite.model.problems import Problems
from copsite.model.sections import FILES, OPTIONAL
from copsite.model.text import first_paragraph, page_title

HIGHLIGHT_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$")


def _slug_problem(name: str, what: Message) -> Message:
    suggestion = schema.slugify(name)
    return M_(
        "the %(what)s name '%(name)s' is not a slug (lowercase ASCII letters, digits and single dashes)%(hint)s",
        what=what,
        name=name,
        hint=M_(": rename it '%(suggestion)s'", suggestion=suggestion) if suggestion else "",
    )


def read_community(folder: Path, root: Path, options: Options, handbook: Handbook, problems: Problems):
    """The community of one folder, checked; None when its folder name or charter cannot be used."""
    slug = folder.name
    rel_folder = rel_path(folder, root)
    if not _usable_folder(folder, rel_folder, problems):
        return None
    docs, highlights, pages, attachments = _read_files(folder, root, slug, problems)
    for doc in [*docs.values(), *(h.doc for h in highlights), *pages]:
        handbook.docs[doc.path] = doc

    charter_doc = docs.get("charter")
    if charter_doc is None or charter_doc.meta is None:
        return None
    charter: schema.Charter = charter_doc.meta  # type: ignore[assignment]
    community = Community(
        slug=slug,
        folder=rel_folder,
        charter_doc=charter_doc,
        charter=charter,
        sections={s.name: docs[s.name] for s in OPTIONAL if s.name in docs and (docs[s.name].meta or not s.needs_keys)},
        highlights=sorted(highlights, key=lambda h: (h.date, h.name), reverse=True),
        pages=sorted(pages, key=lambda d: page_title(d).lower()),
        attachments=attachments,
    )
    check_community(community, folder, root, docs, highlights, options, problems)
    return community


def _usable_folder(folder: Path, rel_folder: str, problems: Problems) -> bool:
    if not schema.SLUG_RE.match(folder.name):
        what = M_("community folder")  # apart: Babel finds no marker nested in another call's arguments
        problems.error(rel_folder, "%(problem)s", problem=_slug_problem(folder.name, what))
        return False
    if not (folder / "index.md").is_file():
        problems.error(
            rel_folder,
            "a community folder needs index.md, its charter (title and purpose): `copsite new community` writes one",
        )
        return False
    return True


def _read_files(
    folder: Path, root: Path, slug: str, problems: Problems
) -> tuple[dict[str, Doc], list[HighlightEntry], list[Doc], list[str]]:
    """Every file of a community folder, Markdown read once: its sections by name, its highlights,
    its other pages, and the names of its other files (the post page offers them as resources)."""
    docs: dict[str, Doc] = {}
    highlights: list[HighlightEntry] = []
    pages: list[Doc] = []
    attachments: list[str] = []
    for path in walk(folder):
        rel = rel_path(path, root)
        name = rel_path(path, folder)
        inner_parts = name.split("/")
        if name.startswith("calendar") or name == "feed.xml" or name in ("highlights.md", "highlights/index.md", "post.md"):
            problems.error(
                rel,
                "'%(name)s' is a name copsite keeps for a page it makes in each community: rename or move it",
                name=name,
            )
            continue
        if path.suffix != ".md":  # other spellings are refused by name in tree.check_tree
            attachments.append(name)
            continue
        if name in FILES:
            section = FILES[name]
            docs[section.name] = read_doc(path, root, section.name, problems, require_front_matter=section.keys_required)
        elif inner_parts[0] == "highlights" and len(inner_parts) == 2:
            entry = _read_highlight(path, root, slug, problems)
            if entry is not None:
                highlights.append(entry)
        elif inner_parts[0] == "highlights":
            _refuse_nested_highlight(rel, inner_parts, problems)
        else:
            pages.append(read_doc(path, root, "page", problems))
    return docs, highlights, pages, attachments


def _refuse_nested_highlight(rel: str, inner_parts: list[str], problems: Problems) -> None:
    """A file in a folder inside highlights/ (a year folder): neither a highlight nor a page; never published."""
    problems.error(
        rel,
        "highlights go directly in the highlights folder, named YYYY-MM-DD-slug.md (the date orders them); "
        "folders inside it are not read: move it to highlights/%(name)s",
        name=inner_parts[-1],
    )


def _read_highlight(path: Path, root: Path, slug: str, problems: Problems) -> HighlightEntry | None:
    rel = rel_path(path, root)
    stem = path.stem
    m = HIGHLIGHT_NAME.match(stem)
    doc = read_doc(path, root, "highlight", problems, require_front_matter=True)
    if not m:
        problems.error(
            rel,
            "a highlight's file name is its meeting date and a slug: YYYY-MM-DD-slug.md, like 2025-10-15-%(slug)s.md",
            slug=schema.slugify(stem) or "launch",
        )
        return None
    y, mo, d, name_slug = m.groups()
    try:
        day = dt.date(int(y), int(mo), int(d))
    except ValueError:
        problems.error(rel, "the file name starts with %(date)s, which is not a date in the calendar", date=f"{y}-{mo}-{d}")
        return None
    if schema.not_a_real_date(day):
        problems.error(rel, "in the file name, %(problem)s", problem=schema.not_a_real_date(day))
        return None
    if f"{y}-{mo}-{d}" != day.isoformat():
        problems.error(rel, "write the date in the file name as YYYY-MM-DD: %(name)s", name=f"{day.isoformat()}-{name_slug}.md")
        return None
    if not schema.SLUG_RE.match(name_slug):
        what = M_("highlight file")
        problems.error(rel, "%(problem)s", problem=_slug_problem(name_slug, what))
        return None
    if doc.meta is None:
        return None
    meta: schema.Highlight = doc.meta  # type: ignore[assignment]
    if meta.date is not None and meta.date != day:
        problems.error(
            rel,
            "%(date)s does not agree with the file name's date %(name_date)s: correct one of them",
            key="date",
            line=line_of(doc.raw, ("date",)),
            date=meta.date.isoformat(),
            name_date=day.isoformat(),
        )
        return None
    return HighlightEntry(
        community=slug,
        name=stem,
        date=day,
        doc=doc,
        meta=meta,
        summary=meta.summary or first_paragraph(doc.body),
    )

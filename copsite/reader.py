"""Read a whole handbook: every Markdown file once, every rule of the format.

`read_handbook(docs_dir, options)` returns the model and every problem found,
in reading order. It never raises for bad content: the worst file becomes a
Problem with its path and reason. The MkDocs plugin and `copsite check` both
call it, so they report the same problems.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from . import schema
from .frontmatter import FrontMatterError, key_path, line_of, read_bytes
from .i18n import M_, Language, Message, language
from .model import Community, Doc, Handbook, HighlightEntry
from .options import Options
from .placeholders import is_placeholder
from .plaintext import markdown_text
from .problems import Problems
from .doc_cache import ACTIVE as _ACTIVE_CACHE, DocCache
from .drafts import check_draft_links
from .tree import check_tree
from .views import resource_bank

KNOWN_SECTIONS = {
    "index.md": "charter",
    "norms.md": "norms",
    "plan.md": "plan",
    "resources.md": "resources",
    "legacy.md": "legacy",
    "reflection.md": "reflection",
}
HIGHLIGHT_NAME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$")
_TOP_RESERVED = ("highlights", "resources", "legacy", "calendar", "feed")


def _reserved_top(name: str) -> bool:
    """A name at the top of the handbook that copsite keeps: 'resources.md', 'highlights/',
    'calendar.ics', 'feed.xml' (but not 'resources-guide.md'). Other spellings of its
    addresses ('Resources.md') are refused with the other reserved addresses."""
    return name.split(".", 1)[0] in _TOP_RESERVED


# --------------------------------------------------------------------------- messages


def _message(err: dict) -> Message:
    """A pydantic error as a message of the catalogs: copsite's own refusals (schema._fail) carry
    their msgid as the template (pydantic leaves %(placeholders)s alone) and their values in ctx."""
    kind = err["type"]
    if kind == "copsite":
        return M_(err["msg"], **(err.get("ctx") or {}))
    if kind == "missing":
        return M_("is required but missing")
    if kind == "too_short":
        return M_("needs at least one item")
    if kind in ("list_type", "tuple_type"):
        return M_("expected a list")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return M_("expected a group of keys (key: value lines, indented)")
    if kind.startswith("bool"):
        return M_("expected true or false")
    if kind.startswith("int"):
        return M_("expected a whole number")
    if kind.startswith("date"):
        return M_("expected a date written as YYYY-MM-DD")
    return M_("%(problem)s", problem=err["msg"])  # pragma: no cover - every type we use has a message above


def validate(model: type[schema.PageKeys], raw: Any, path: str, problems: Problems):
    """Validate front matter against a model; report errors and unknown keys; return the model or None."""
    for key, line, unknown, near in schema.unknown_keys(model, raw):
        problems.warning(
            path,
            "is not a key copsite knows here%(hint)s (a key of your own goes under 'extra:')",
            key=key,
            line=line,
            hint=M_("; did you mean '%(near)s'?", near=near) if near else "",
        )
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        seen = set()
        for err in exc.errors(include_url=False, include_input=False):
            loc = tuple(p for p in err["loc"] if p not in ("function-after[_not_both()]",))
            where = key_path(loc)
            message = problems.say(_message(err))
            if (where, message) in seen:
                continue
            seen.add((where, message))
            problems.error(path, "%(problem)s", key=where, line=line_of(raw, loc), problem=message)
        return None


# --------------------------------------------------------------------------- reading


def _rel(path: Path, root: Path) -> str:
    """`path` relative to `root`, with '/': string work, as this runs for every file."""
    text, base = str(path), str(root)
    if text.startswith(base + os.sep):
        return text[len(base) + 1 :].replace(os.sep, "/")
    return path.relative_to(root).as_posix()


def read_doc(path: Path, root: Path, kind: str, problems: Problems, *, require_front_matter: bool = False) -> Doc:
    """One file read and checked against the model of its kind; from the preview's cache when unchanged."""
    cache = _ACTIVE_CACHE.get()
    if cache is None:
        return _read_doc(path, root, kind, problems, require_front_matter)
    return cache.read(path, kind, require_front_matter, problems, lambda: _read_doc(path, root, kind, problems, require_front_matter))


def _read_doc(path: Path, root: Path, kind: str, problems: Problems, require_front_matter: bool) -> Doc:
    rel = _rel(path, root)
    try:
        raw_bytes = path.read_bytes()
    except OSError as err:
        problems.error(rel, "cannot be read: %(reason)s", reason=err.strerror)
        return Doc(rel, kind, None, None, "")
    try:
        source = read_bytes(raw_bytes)
    except FrontMatterError as err:
        problems.error(
            rel,
            "%(problem)s (the rest of this file was not checked: fix this first, then check again)%(shown)s",
            line=err.line,
            problem=err.problem,
            shown=err.shown,  # the line and a caret under the place
        )
        return Doc(rel, kind, None, None, "")
    for key, first, again in source.duplicates:
        problems.error(
            rel,
            "is written twice (lines %(first)s and %(again)s): keep one",
            key=key,
            line=again,
            first=first,
            again=again,
        )
    if _front_matter_too_late(source, rel, problems):
        return Doc(rel, kind, None, None, source.body, source.body_line)
    data = source.data
    model = schema.MODELS[kind]
    if data is None:
        if require_front_matter or (source.has_front_matter and kind not in ("page", "reflection")):
            if not source.has_front_matter:
                problems.error(rel, "needs front matter: start the file with a '---' line, the keys, and another '---' line", line=1)
            else:
                problems.error(rel, "the front matter is empty", line=1)
            return Doc(rel, kind, None, None, source.body, source.body_line)
        data = {}
    if not isinstance(data, dict):
        problems.error(
            rel,
            "the front matter must be a group of keys (key: value lines), not %(found)s",
            line=2,
            found=schema.describe(data),
        )
        return Doc(rel, kind, None, data, source.body, source.body_line)
    meta = validate(model, data, rel, problems)
    if source.duplicates:
        meta = None
    if _refuse_control_characters(data, source.body, source.body_line, rel, problems):
        meta = None
    if b" #" in raw_bytes or b"\t#" in raw_bytes:
        _warn_cut_by_comments(raw_bytes, rel, problems)
    before = len(problems)
    _find_placeholders(data, (), rel, problems)
    found = len(problems) > before  # it adds placeholder problems only
    if PLACEHOLDER in source.body:  # a fast search first: most bodies have none
        for n, line in enumerate(source.body.split("\n")):
            if PLACEHOLDER in line:
                text = line.strip().lstrip("#>-* ").strip()
                problems.placeholder(rel, "still to write: %(text)s", line=source.body_line + n, text=text)
    return Doc(rel, kind, meta, data, source.body, source.body_line, placeholders=found)


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_KEY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")  # a key is one line: no line break, no tab either


def _control_problem(char: str) -> Message:
    import unicodedata

    name = {
        "\b": M_("backspace"),
        "\a": M_("bell"),
        "\x1b": M_("escape"),
        "\x00": M_("null"),
        "\x0c": M_("form feed"),
        "\x0b": M_("vertical tab"),
        "\n": M_("line break"),
        "\r": M_("carriage return"),
        "\t": M_("tab"),
    }
    what = name.get(char) or unicodedata.name(char, "") or M_("control character")  # else Unicode's own name
    return M_(
        "holds an invisible control character (U+%(code)s, %(name)s), which no page or feed can show: remove it",
        code=f"{ord(char):04X}",
        name=what,
    )


def _refuse_control_characters(data: Any, body: str, body_line: int, path: str, problems: Problems) -> bool:
    """Control characters break the feeds' XML: refuse them, in front matter and in the body. True if any."""
    found = False

    def walk(value: Any, loc: tuple) -> None:
        nonlocal found
        if isinstance(value, str):
            m = _CONTROL.search(value)
            if m:
                found = True
                hint = ""
                if m.group() in "\a\b\x0c\x0b\x1b\x00":
                    hint = M_(
                        "; in double quotes a backslash starts an escape (\\b, \\a): "
                        "write text with backslashes in single quotes, like 'G:\\board'"
                    )
                problems.error(
                    path, "%(problem)s%(hint)s", key=key_path(loc), line=line_of(data, loc), problem=_control_problem(m.group()), hint=hint
                )
        elif isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str) and _KEY_CONTROL.search(k):
                    found = True
                    problems.error(
                        path,
                        "the key %(problem)s",
                        key=key_path(loc + (k,)),
                        line=line_of(data, loc + (k,)),
                        problem=_control_problem(_KEY_CONTROL.search(k).group()),
                    )
                walk(v, loc + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, loc + (i,))

    walk(data, ())
    if _CONTROL.search(body):
        for n, line in enumerate(body.split("\n")):
            m = _CONTROL.search(line)
            if m:
                found = True
                problems.error(path, "the text %(problem)s", line=body_line + n, problem=_control_problem(m.group()))
    return found


_LATE_FRONT_MATTER = re.compile(r"[ \t]*\n(?:[ \t]*\n)*[ \t]*---[ \t]*\n")


def _front_matter_too_late(source, path: str, problems: Problems) -> bool:
    """Front matter after a blank first line is not front matter: say that the first line must be '---'."""
    if source.has_front_matter or not _LATE_FRONT_MATTER.match(source.body):
        return False
    problems.error(
        path,
        "the front matter must begin on the very first line: the first line must be '---' "
        "(remove the blank lines or spaces before it)",
        line=1,
    )
    return True


_NOT_TEXT = re.compile(
    r"(?i)^(true|false|yes|no|on|off|null|~|[-+]?\d[\d_]*(\.\d*)?([eE][-+]?\d+)?|\d{4}-\d{1,2}-\d{1,2}.*)$"
)


def _warn_cut_by_comments(raw_bytes: bytes, path: str, problems: Problems) -> None:
    """`title: Meeting #1` is published as "Meeting": YAML takes ` #` for a comment. Warn on a plain
    text value followed by a comment on its line ("put the value in quotes")."""
    import yaml

    from .frontmatter import decode, split

    try:
        yaml_text, _, _ = split(decode(raw_bytes))
        if yaml_text is None:
            return
        tokens = list(yaml.scan(yaml_text, Loader=yaml.SafeLoader))
    except Exception:  # reported where the front matter is read
        return
    lines = yaml_text.split("\n")
    key = ""
    for prev, tok in zip([None, *tokens], tokens):
        if not isinstance(tok, yaml.ScalarToken):
            continue
        if isinstance(prev, yaml.KeyToken):
            key = tok.value
            continue
        if tok.style is not None or _NOT_TEXT.match(tok.value) or tok.start_mark.line != tok.end_mark.line:
            continue
        rest = lines[tok.end_mark.line][tok.end_mark.column :]
        if re.match(r"[ \t]+#", rest):
            problems.warning(
                path,
                "the text stops at '%(value)s': YAML reads '%(comment)s' as a comment; "
                "put the value in quotes to keep it all",
                key=key,
                line=tok.start_mark.line + 2,
                value=tok.value,
                comment=rest.strip(),
            )

PLACEHOLDER = "TO DO:"
"""How `copsite new` marks the text a facilitator still has to write."""


def _find_placeholders(value: Any, loc: tuple, path: str, problems: Problems, raw: Any = None) -> None:
    raw = value if raw is None else raw
    if isinstance(value, str):
        if is_placeholder(value):
            problems.placeholder(path, "still a placeholder: %(text)s", key=key_path(loc), line=line_of(raw, loc), text=value.strip())
    elif isinstance(value, dict):
        for k, v in value.items():
            _find_placeholders(v, loc + (k,), path, problems, raw)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _find_placeholders(v, loc + (i,), path, problems, raw)


def check_theme_names(handbook: Handbook, theme_dirs: list[str], problems: Problems) -> None:
    """A page's `template:` and `icon:` must exist in the theme: the theme would fail with a traceback."""
    for doc in handbook.docs.values():
        meta = doc.meta
        if meta is None:
            continue
        if meta.template and not any(os.path.isfile(os.path.join(d, meta.template)) for d in theme_dirs):
            problems.error(
                doc.path,
                "'%(name)s' is not a template of the theme (main.html is the usual one; "
                "a template of your own goes in the folder named by theme.custom_dir)",
                key="template",
                line=line_of(doc.raw, ("template",)),
                name=meta.template,
            )
        if meta.icon and not any(os.path.isfile(os.path.join(d, ".icons", meta.icon + ".svg")) for d in theme_dirs):
            problems.error(
                doc.path,
                "'%(name)s' is not an icon of the theme: write it like material/school",
                key="icon",
                line=line_of(doc.raw, ("icon",)),
                name=meta.icon,
            )


def _slug_problem(name: str, what: Message) -> Message:
    suggestion = schema.slugify(name)
    return M_(
        "the %(what)s name '%(name)s' is not a slug (lowercase ASCII letters, digits and single dashes)%(hint)s",
        what=what,
        name=name,
        hint=M_(": rename it '%(suggestion)s'", suggestion=suggestion) if suggestion else "",
    )


def _walk(folder: Path, skip: str | None = None):
    """Files below a folder, sorted, skipping hidden ones (as MkDocs does) and the folder `skip`."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and os.path.join(dirpath, d) != skip)
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


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
                _rel(entry, root),
                "'%(name)s' is a name copsite keeps for the page it makes (/%(address)s/): rename or move it",
                name=name,
                address=name.split(".")[0],
            )

    # Every page outside the communities: each community folder is read below, once.
    communities_files = {communities_root / "index.md"} if (communities_root / "index.md").is_file() else set()
    for path in [*_walk(root, skip=str(communities_root)), *communities_files]:
        rel = _rel(path, root)
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
            community = _read_community(folder, root, options, handbook, problems)
            if community is not None:
                handbook.communities.append(community)
            elif (folder / "index.md").is_file() and schema.SLUG_RE.match(folder.name):
                handbook.unreadable.append(folder.name)  # counted all the same: its charter has errors
        for stray in sorted(p for p in communities_root.iterdir() if p.is_file() and p.suffix == ".md" and p.name != "index.md"):
            problems.warning(
                _rel(stray, root),
                "a page directly in the communities folder is not a community: "
                "make a folder for the community with an index.md (its charter) inside",
            )
    _warn_same_titles(handbook, problems)
    handbook.bank = resource_bank(handbook, problems)
    check_tree(root, options, problems)
    check_draft_links(handbook, problems)
    return handbook, problems


def _warn_same_titles(handbook: Handbook, problems: Problems) -> None:
    """Two communities with one title look like one in cards and the sidebar."""
    first: dict[str, Community] = {}
    for c in handbook.communities:
        key = " ".join(c.title.casefold().split())
        if key in first:
            problems.warning(
                c.charter_doc.path,
                "'%(title)s' is also the title of %(other)s: readers could not tell the two "
                "communities apart in cards and the sidebar; give each its own title",
                key="title",
                line=line_of(c.charter_doc.raw, ("title",)),
                title=c.title,
                other=first[key].folder,
            )
        else:
            first[key] = c


def _read_community(folder: Path, root: Path, options: Options, handbook: Handbook, problems: Problems):
    slug = folder.name
    rel_folder = _rel(folder, root)
    if not schema.SLUG_RE.match(slug):
        what = M_("community folder")  # apart: Babel finds no marker nested in another call's arguments
        problems.error(rel_folder, "%(problem)s", problem=_slug_problem(slug, what))
        return None
    index = folder / "index.md"
    if not index.is_file():
        problems.error(
            rel_folder,
            "a community folder needs index.md, its charter (title and purpose): "
            "`copsite new community` writes one",
        )
        return None

    docs: dict[str, Doc] = {}
    highlights: list[HighlightEntry] = []
    pages: list[Doc] = []
    attachments: list[str] = []
    for path in _walk(folder):
        rel = _rel(path, root)
        name = _rel(path, folder)
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
        if name in KNOWN_SECTIONS:
            kind = KNOWN_SECTIONS[name]
            doc = read_doc(path, root, kind, problems, require_front_matter=kind in ("charter", "norms", "plan"))
            docs[kind] = doc
        elif inner_parts[0] == "highlights" and len(inner_parts) == 2:
            entry = _read_highlight(path, root, slug, problems)
            if entry is not None:
                highlights.append(entry)
        elif inner_parts[0] == "highlights":
            _refuse_nested_highlight(rel, inner_parts, problems)
        else:
            pages.append(read_doc(path, root, "page", problems))
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
        norms_doc=docs.get("norms") if docs.get("norms") and docs["norms"].meta else None,
        plan_doc=docs.get("plan") if docs.get("plan") and docs["plan"].meta else None,
        resources_doc=docs.get("resources") if docs.get("resources") and docs["resources"].meta else None,
        legacy_doc=docs.get("legacy") if docs.get("legacy") and docs["legacy"].meta else None,
        reflection_doc=docs.get("reflection"),
        highlights=sorted(highlights, key=lambda h: (h.date, h.name), reverse=True),
        pages=sorted(pages, key=lambda d: page_title(d).lower()),
        attachments=attachments,
    )
    _check_charter(community, problems)
    _check_sample(community, problems)
    _check_plan(community, problems)
    _check_local_times(community, options, problems)
    _check_session_hours(community, problems)
    if docs.get("plan") is not None and docs["plan"].meta is None and highlights:
        _plan_unreadable(docs["plan"], problems)  # the highlights' sessions cannot be checked
    else:
        _link_highlights(community, problems)
    _check_files(community, folder, root, docs, highlights, problems)
    return community


def _refuse_nested_highlight(rel: str, inner_parts: list[str], problems: Problems) -> None:
    """A file in a folder inside highlights/ (a year folder): neither a highlight nor a page; never published."""
    problems.error(
        rel,
        "highlights go directly in the highlights folder, named YYYY-MM-DD-slug.md (the date orders them); "
        "folders inside it are not read: move it to highlights/%(name)s",
        name=inner_parts[-1],
    )


def page_title(doc: Doc) -> str:
    if doc.meta is not None and doc.meta.title:
        return doc.meta.title
    m = re.search(r"^#\s+(.+?)\s*#*\s*$", doc.body, re.M)
    if m:
        return m.group(1)
    stem = PurePosixPath(doc.path).stem
    return stem.replace("-", " ").replace("_", " ").capitalize()


def _read_highlight(path: Path, root: Path, slug: str, problems: Problems) -> HighlightEntry | None:
    rel = _rel(path, root)
    stem = path.stem
    m = HIGHLIGHT_NAME.match(stem)
    doc = read_doc(path, root, "highlight", problems, require_front_matter=True)
    if not m:
        problems.error(
            rel,
            "a highlight's file name is its meeting date and a slug: YYYY-MM-DD-slug.md, "
            "like 2025-10-15-%(slug)s.md",
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




def _blocks(body: str):
    """Runs of non-blank lines, read lazily: the first paragraph is found without splitting the whole body."""
    lines: list[str] = []
    for line in io.StringIO(body):
        if line.strip():
            lines.append(line)
        elif lines:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


_MARKUP = re.compile(r"[\\`*_\[\]<>&!~{}]")


@lru_cache(maxsize=1 << 14)  # a preview reads every highlight again at each save: each paragraph is rendered once
def _paragraph_text(block: str) -> str:
    """The text a reader sees of a paragraph: links, marks, entities and tags rendered (copsite.plaintext);
    a paragraph with none of Markdown's marks is its own text."""
    if _MARKUP.search(block) is None:
        return " ".join(block.split())
    return markdown_text(block).replace("~~", "")


def first_paragraph(body: str, limit: int = 280) -> str:
    """The plain text of the first paragraph of a Markdown body, for lists and feeds."""
    for block in _blocks(body):
        block = block.strip()
        if not block or block[0] in "#<|>!" or block.startswith(("```", "~~~", "- ", "* ", "1. ", "---", "!!!", "???", "[TOC]")):
            continue
        if len(block) > limit * 8:  # what is shown fits in the first few hundred characters
            block = block[: limit * 8].rsplit(None, 1)[0]
        text = _paragraph_text(block)
        if text:
            if len(text) > limit:
                text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
            return text
    return ""


# --------------------------------------------------------------------------- cross-file rules

_SENTENCE_WORDS = {
    "audience": ("this community", "community of practice", "is intended", "intended for"),
    "interest": ("who share", "share an interest", "an interest in", "interest in", "concern for", "who are interested"),
    "learning_goal": ("and commit", "commit to", "learning together", "how best to", "to learn together"),
}


def purpose_part(text: str) -> str:
    """A part of the purpose sentence without the full stop a writer may have ended it with."""
    return text.strip().rstrip(".!?;: ").rstrip()


def purpose_sentence(purpose: schema.Purpose, words: Language | None = None) -> str:
    """The guide's purpose sentence around the charter's three parts, in the handbook's language."""
    return (words or language("en")).gettext(
        "This community of practice is intended for %(audience)s who share an interest in "
        "%(interest)s and commit to learning together how best to %(learning_goal)s.",
        audience=purpose_part(purpose.audience),
        interest=purpose_part(purpose.interest),
        learning_goal=purpose_part(purpose.learning_goal),
    )


def _check_charter(community: Community, problems: Problems) -> None:
    doc, charter = community.charter_doc, community.charter
    for part, starts in _SENTENCE_WORDS.items():
        value = getattr(charter.purpose, part)
        loc = ("purpose", part)
        if PLACEHOLDER in value:
            continue  # reported as a placeholder to fill in
        if value.rstrip().endswith((".", "!", "?")):
            problems.warning(
                doc.path,
                "ends with a full stop, but it is the middle of the purpose sentence: "
                "leave the stop out (the sentence reads: %(sentence)s)",
                key=key_path(loc),
                line=line_of(doc.raw, loc),
                sentence=repr(purpose_sentence(charter.purpose, problems.words)),
            )
        lowered = value.lower()
        for words in starts:
            if lowered.startswith(words):
                problems.warning(
                    doc.path,
                    "starts with '%(start)s', which the purpose sentence already says: "
                    "write only your part (the sentence reads: %(sentence)s)",
                    key=key_path(loc),
                    line=line_of(doc.raw, loc),
                    start=value[: len(words)],
                    sentence=repr(purpose_sentence(charter.purpose, problems.words)),
                )
                break
    member_names = {m.name.casefold() for m in charter.members}
    for i, name in enumerate(charter.facilitators):
        if charter.members and name.casefold() not in member_names:
            problems.warning(
                doc.path,
                "facilitator '%(name)s' is not listed in members: add them there with their role",
                key=f"facilitators[{i}]",
                line=line_of(doc.raw, ("facilitators", i)),
                name=name,
            )


def _check_sample(community: Community, problems: Problems) -> None:
    if community.charter.sample:
        problems.placeholder(
            community.charter_doc.path,
            "this is the sample community that `copsite init` wrote: the preview shows it, a built site "
            "leaves it out. Make it yours (write its texts, then delete the line sample: true) or delete "
            "its folder",
            key="sample",
            line=line_of(community.charter_doc.raw, ("sample",)),
        )


def _check_plan(community: Community, problems: Problems) -> None:
    doc = community.plan_doc
    if doc is None:
        return
    seen: dict[str, int] = {}
    for i, session in enumerate(community.sessions):
        if session.id:
            if session.id in seen:
                problems.error(
                    doc.path,
                    "'%(id)s' is already used by sessions[%(index)s]: each session id must be unique",
                    key=f"sessions[{i}].id",
                    line=line_of(doc.raw, ("sessions", i, "id")),
                    id=session.id,
                    index=seen[session.id],
                )
            seen[session.id] = i


def _check_local_times(community: Community, options: Options, problems: Problems) -> None:
    """A time that the clocks skip (2:30 on the spring-forward day) is a warning saying what it becomes."""
    doc = community.plan_doc
    if doc is None:
        return
    tz = options.tz
    for i, session in enumerate(community.sessions):
        for t in session.time or ():
            if t is None:
                continue
            local = dt.datetime.combine(session.date, t, tz)
            real = local.astimezone(dt.timezone.utc).astimezone(tz)
            if real.replace(tzinfo=None) != local.replace(tzinfo=None):
                problems.warning(
                    doc.path,
                    "%(time)s does not exist on %(date)s in %(timezone)s "
                    "(the clocks go forward that night): it becomes %(real)s; "
                    "choose a time outside the change",
                    key=f"sessions[{i}].time",
                    line=line_of(doc.raw, ("sessions", i, "time")),
                    time=f"{t.hour}:{t.minute:02}",
                    date=session.date.isoformat(),
                    timezone=options.timezone,
                    real=f"{real.hour}:{real.minute:02}",
                )
                break


def _plan_unreadable(plan: Doc, problems: Problems) -> None:
    problems.warning(
        plan.path,
        "the highlights' sessions were not checked, because this plan has errors: fix them, then check again",
    )


EARLIEST, LATEST = dt.time(7, 0), dt.time(22, 0)
"""A session starting before EARLIEST or ending after LATEST is most likely a 12-hour time."""


def _check_session_hours(community: Community, problems: Problems) -> None:
    """`time: 3:30-4:30` is 3:30 in the night in every calendar: say so, with the 24-hour reading."""
    doc = community.plan_doc
    if doc is None:
        return
    for i, session in enumerate(community.sessions):
        if not session.time:
            continue
        start, end = session.time
        if EARLIEST <= start and (end or start) <= LATEST:
            continue
        shown = f"{start.hour}:{start.minute:02}" + (f"-{end.hour}:{end.minute:02}" if end else "")
        hint = ""
        if start.hour < 12 and (end is None or end.hour < 12):
            later = [t.replace(hour=t.hour + 12) for t in (start, end) if t is not None]
            hint = M_("; did you mean %(time)s?", time="-".join(f"{t.hour}:{t.minute:02}" for t in later))
        problems.warning(
            doc.path,
            "%(time)s is in the night (times are on the 24-hour clock, and calendars will show it so)%(hint)s",
            key=f"sessions[{i}].time",
            line=line_of(doc.raw, ("sessions", i, "time")),
            time=shown,
            hint=hint,
        )


def _link_highlights(community: Community, problems: Problems) -> None:
    sessions = community.sessions
    by_date: dict[dt.date, list] = {}
    for s in sessions:
        by_date.setdefault(s.date, []).append(s)
    for h in community.highlights:
        ref = h.meta.session
        if ref is None and len(by_date.get(h.date, ())) < 2:  # the common case: no mistake to report
            h.session = by_date[h.date][0] if h.date in by_date else None
            continue
        where = dict(key="session", line=line_of(h.doc.raw, ("session",)))
        if ref is None:
            same_day = by_date.get(h.date, [])
            if len(same_day) == 1:
                h.session = same_day[0]
            elif len(same_day) > 1:
                ids = [s.id for s in same_day if s.id]
                problems.error(
                    h.path,
                    "the plan has %(count)s sessions on %(date)s: say which one this highlight reports with session: <id>%(hint)s",
                    **where,
                    count=len(same_day),
                    date=h.date.isoformat(),
                    hint=M_(" (one of %(ids)s)", ids=", ".join(ids)) if ids else M_("; give those sessions an id in plan.md first"),
                )
        elif isinstance(ref, dt.date):
            same_day = by_date.get(ref, [])
            if not same_day:
                problems.error(h.path, "no session in the plan is on %(date)s", **where, date=ref.isoformat())
            elif len(same_day) > 1:
                problems.error(
                    h.path,
                    "the plan has %(count)s sessions on %(date)s: name one by its id",
                    **where,
                    count=len(same_day),
                    date=ref.isoformat(),
                )
            else:
                h.session = same_day[0]
        else:
            match = [s for s in sessions if s.id == ref]
            if not match:
                ids = [s.id for s in sessions if s.id]
                problems.error(
                    h.path,
                    "no session in the plan has the id '%(id)s'%(hint)s",
                    **where,
                    id=ref,
                    hint=M_(" (the ids are: %(ids)s)", ids=", ".join(ids)) if ids else "",
                )
            else:
                h.session = match[0]


def _check_file(value: str, folder: Path, root: Path, doc: Doc, loc: tuple, problems: Problems) -> None:
    target = folder / value
    where = dict(key=key_path(loc), line=line_of(doc.raw, loc))
    try:
        resolved = target.resolve(strict=True)
    except (OSError, RuntimeError):
        problems.error(
            doc.path,
            "'%(file)s' does not exist in the community folder (%(path)s)",
            **where,
            file=value,
            path=f"{_rel(folder, root)}/{value}",
        )
        return
    try:
        resolved.relative_to(folder.resolve())
    except ValueError:
        problems.error(doc.path, "'%(file)s' leads outside the community folder (through a link)", **where, file=value)
        return
    if not resolved.is_file():
        problems.error(doc.path, "'%(file)s' is a folder, not a file", **where, file=value)


def _raw_files(doc: Doc | None, list_key: str, field: str):
    """(key path, value) of every `file:` written in a document, valid or not: checked even
    when another entry of the same file has an error, so that every problem shows at once."""
    if doc is None or not isinstance(doc.raw, dict) or not isinstance(doc.raw.get(list_key), list):
        return
    for i, item in enumerate(doc.raw[list_key]):
        value = item.get(field) if isinstance(item, dict) else None
        if field == "agenda" and isinstance(value, dict):
            value = value.get("file")
        elif field == "agenda" and isinstance(value, str) and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value.strip()):
            value = None  # a url
        if isinstance(value, str):
            try:
                schema._relative_file(value)
            except Exception:  # the schema already reported why this path is refused
                continue
            yield (list_key, i, field), value.strip()


def _check_files(community: Community, folder: Path, root: Path, docs: dict[str, Doc], highlights, problems: Problems) -> None:
    checks = [
        *((docs.get("resources"), loc, v) for loc, v in _raw_files(docs.get("resources"), "resources", "file")),
        *((docs.get("legacy"), loc, v) for loc, v in _raw_files(docs.get("legacy"), "legacy", "file")),
        *((docs.get("plan"), loc, v) for loc, v in _raw_files(docs.get("plan"), "sessions", "agenda")),
    ]
    for h in highlights:
        checks.extend((h.doc, loc, v) for loc, v in _raw_files(h.doc, "resources", "file"))
    for doc, loc, value in checks:
        _check_file(value, folder, root, doc, loc, problems)

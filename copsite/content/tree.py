"""The docs folder as MkDocs will copy it: links, file names and addresses that would lose or leak pages.

`check_tree(root, options, problems)` runs once per read (in `copsite check` and in
the build alike) and reports, as errors naming the file:

- symbolic links that loop or lead nowhere (MkDocs' walk of the folder crashes on them),
  and links that lead outside the handbook (MkDocs would publish what they point to);
- Markdown files with an extension other than `.md` (`.MD`, `.markdown`, ...): MkDocs
  copies the first raw and copsite would drop the second;
- two files that land at one address, compared without case (`Resources.md` beside
  copsite's `resources/`, `communities.md` beside `communities/index.md`,
  `plan/index.md` beside `plan.md`): every address copsite owns is reserved;
- with `pdf: true`, a file of the handbook's own where a report's PDF goes (`report.pdf`
  beside a community's report, or at the top): the PDF would replace it.
"""

from __future__ import annotations

import os
from pathlib import Path

from copsite.i18n import M_
from copsite.model.options import Options
from copsite.model.problems import Problems
from copsite.model.sections import SECTIONS
from copsite.model.urls import page_url

MARKDOWN_EXTENSIONS = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
"""What MkDocs takes for Markdown (case-sensitively), and what people type."""

_HUB_PAGES = {
    "highlights.md": M_("the highlights page"),
    "resources.md": M_("the resource bank"),
    "legacy.md": M_("the legacy page"),
    "calendar.md": M_("the calendar page"),
}
_COMMUNITY_PAGES = {
    **{s.file: s.page for s in SECTIONS if s.page is not None},
    "post.md": M_("the community's post page (post a highlight)"),  # copsite.pages.post: not a section of the guide
}
"""The pages copsite makes in a community folder, by file, as a message names them."""


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _scan(root: Path, real_root: str, problems: Problems, files: list[str]) -> None:
    """Walk without following links; report bad links; collect every file's path from root."""
    stack = [(str(root), "")]
    while stack:
        folder, rel_folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            problems.error(rel_folder or ".", "cannot be read: %(reason)s", reason=err.strerror)
            continue
        for entry in entries:
            rel = f"{rel_folder}/{entry.name}" if rel_folder else entry.name
            hidden = any(part.startswith(".") for part in rel.split("/"))
            if not hidden and not _utf8(entry.name):
                _refuse_name(entry.name, rel, problems)
                continue  # what a folder so named holds has no address either: reported once, here
            if entry.is_symlink():
                _check_link(entry.path, rel, real_root, hidden, problems)
                continue  # what it points to, inside the handbook, is walked where it lives
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, rel))
            elif not hidden:
                files.append(rel)


def _utf8(name: str) -> bool:
    """False for a name whose bytes are not UTF-8 (Python keeps them as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _refuse_name(name: str, rel: str, problems: Problems) -> None:
    """A name written in another encoding (Latin-1 from a Windows zip): no address can be made for it."""
    meant = os.fsencode(name).decode("cp1252", errors="replace")  # what a Windows zip most likely meant
    problems.error(
        rel,
        "its name is not UTF-8 text (the bytes shown as \\x.. are not), so the site cannot give it an address: "
        "rename it in UTF-8%(hint)s",
        hint=M_(" (perhaps '%(name)s')", name=meant) if "\ufffd" not in meant else "",
    )


def _check_link(path: str, rel: str, real_root: str, hidden: bool, problems: Problems) -> None:
    try:
        target = os.path.realpath(path, strict=True)
    except OSError as err:
        if err.errno == 40 or "symbolic links" in str(err):  # ELOOP
            problems.error(rel, "is a symbolic link that leads back to itself (a loop): remove it")
        elif not hidden:
            problems.error(rel, "is a symbolic link to something that does not exist: remove it or restore its target")
        return
    if os.path.isdir(target) and _inside(os.path.realpath(os.path.dirname(path)), target):
        problems.error(rel, "is a symbolic link to a folder that holds it (a loop): remove it")
    elif not hidden and not _inside(target, real_root):
        problems.error(
            rel,
            "is a symbolic link that leads outside the handbook: the site would publish what it points to; "
            "copy into the handbook what should be published, and remove the link",
        )


def _markdown_names(files: list[str], problems: Problems) -> list[str]:
    """The `.md` pages; a Markdown file with another extension is refused by name."""
    pages = []
    for rel in files:
        stem, ext = os.path.splitext(rel)
        if ext == ".md":
            pages.append(rel)
        elif ext.lower() in MARKDOWN_EXTENSIONS:
            problems.error(
                rel,
                "copsite reads Markdown files ending in .md (lowercase); '%(ext)s' would be %(fate)s: rename it %(name)s",
                ext=ext,
                fate=M_("published as raw text") if ext.lower() == ".md" else M_("left out of the site"),
                name=f"{os.path.basename(stem)}.md",
            )
    return pages


def _reserved(root: Path, options: Options) -> dict:
    """Source path -> what copsite publishes there, for every page copsite makes or owns."""
    cdir = options.communities_dir
    owned = {"index.md": M_("the front page"), f"{cdir}/index.md": M_("the communities page"), **_HUB_PAGES}
    folder = root / cdir
    if folder.is_dir():
        for entry in os.scandir(folder):
            if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                for name, what in _COMMUNITY_PAGES.items():
                    owned[f"{cdir}/{entry.name}/{name}"] = what
    return owned


def check_tree(root: Path, options: Options, problems: Problems) -> None:
    """Report links, extensions and addresses that would crash the build, leak files or lose pages."""
    files: list[str] = []
    _scan(root, os.path.realpath(root), problems, files)
    pages = _markdown_names(files, problems)
    reported = {p.file for p in problems if p.is_error}
    owned = _reserved(root, options)
    du = options.use_directory_urls
    by_address: dict[str, list[str]] = {}
    for src in sorted(set(pages) | set(owned)):
        by_address.setdefault(page_url(src, du).casefold(), []).append(src)
    for _address, srcs in by_address.items():
        if len(srcs) < 2:
            continue
        owner = next((s for s in srcs if s in owned), None) or srcs[0]
        for src in srcs:
            if src == owner or src in reported or src not in pages:
                continue
            shown = "/" + page_url(owner, du)
            if owner in owned:
                whose = M_("copsite's address for %(page)s", page=owned[owner])
            else:
                whose = M_("also the address of %(page)s", page=owner)
            problems.error(
                src,
                "would be published at %(address)s, which is %(whose)s; one would replace the other "
                "(addresses are compared without case, as on macOS and Windows): rename or move it",
                address=shown,
                whose=whose,
            )
    if options.pdf:
        _check_report_pdfs(files, owned, options, problems)


def _check_report_pdfs(files: list[str], owned: dict, options: Options, problems: Problems) -> None:
    """A file of the handbook's own at the address of a report's PDF (`report_pages.pdf_path`) is refused:
    the build would print the report over it."""
    reports = ["report.md"] + [
        src[: -len("index.md")] + "report.md"
        for src in owned
        if src.endswith("/index.md") and src.count("/") == options.communities_dir.count("/") + 2
    ]
    pdfs = {src[: -len(".md")].casefold() + ".pdf": src for src in reports}
    for rel in files:
        report = pdfs.get(rel.casefold())
        if report is not None:
            problems.error(
                rel,
                "is a file of the handbook's own, but with pdf: true the build writes the PDF of the report "
                "%(report)s at this address and would replace it: rename this file (and the links to it), "
                "or set pdf: false",
                report="/" + page_url(report, options.use_directory_urls),
            )

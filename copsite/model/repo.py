"""Where a handbook's source lives: the repository named by `repo_url` and `edit_uri`.

Engine-free. The "Edit this page" links, the "Post a highlight" button, the
browser editor's backend and `copsite init --repo` all need the same facts
about the host: which kind it is (GitHub, GitLab, Gitea/Forgejo), the project's
path on it, the branch, and the folder of the handbook's sources. They all ask
this module, so the answers never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

KINDS = ("github", "gitlab", "gitea")


@dataclass(frozen=True)
class Repo:
    kind: str
    """'github', 'gitlab' or 'gitea' (Gitea and Forgejo take the same addresses)."""
    base: str
    """The host's address without a trailing slash: 'https://github.com'."""
    path: str
    """The project's path on the host: 'OWNER/REPO', or 'GROUP/SUBGROUP/REPO' on GitLab."""
    branch: str = "main"
    docs_path: str = "content"
    """The docs folder, relative to the repository's root ('' when it is the root)."""

    @property
    def url(self) -> str:
        return f"{self.base}/{self.path}"

    @property
    def host(self) -> str:
        return urlsplit(self.base).netloc

    def _in_docs(self, rel: str) -> str:
        """`rel` (a path of the docs folder, as written on disk) under the docs folder, percent-encoded
        for an address: 'Q&A #2 (50%).md' must not end the path at '#' or read '%' as an escape."""
        return "/".join(p for p in (self.docs_path.strip("/"), quote(rel.strip("/"), safe="/")) if p)

    def edit_url(self, src: str) -> str:
        """The host's editor for a source file (relative to the docs folder)."""
        where = self._in_docs(src)
        if self.kind == "gitlab":
            return f"{self.url}/-/edit/{self.branch}/{where}"
        if self.kind == "gitea":
            return f"{self.url}/_edit/{self.branch}/{where}"
        return f"{self.url}/edit/{self.branch}/{where}"

    def new_file_base(self, folder: str) -> str:
        """The host's new-file page in a folder (relative to the docs folder), without parameters."""
        where = self._in_docs(folder)
        if self.kind == "gitlab":
            return f"{self.url}/-/new/{self.branch}/{where}"
        if self.kind == "gitea":
            return f"{self.url}/_new/{self.branch}/{where}"
        return f"{self.url}/new/{self.branch}/{where}"

    @property
    def pages_url(self) -> str | None:
        """The host's default Pages address for this project, where it has one."""
        owner, _, name = self.path.rpartition("/")
        if self.base == "https://github.com":
            if name.lower() == f"{owner.lower()}.github.io":  # a user's or organisation's own site
                return f"https://{owner.lower()}.github.io/"
            return f"https://{owner.lower()}.github.io/{name}/"
        if self.base == "https://gitlab.com":
            top, _, sub = owner.partition("/")
            if not sub and name.lower() == f"{top.lower()}.gitlab.io":  # a user's or group's own site
                return f"https://{top.lower()}.gitlab.io/"
            return f"https://{top.lower()}.gitlab.io/{(sub + '/') if sub else ''}{name}/"
        return None


_EDIT_URI = re.compile(r"^/?(?:-/)?(?:edit|blob|_edit|src/branch)/(?P<branch>[^/]+)/?(?P<path>.*)$")

MKDOCS_DEFAULT_EDIT_URI = "edit/master/docs/"
"""What MkDocs 1.6 puts in `edit_uri` for a github.com or gitlab.com `repo_url` when none is written."""


def edit_uri_for(kind: str, branch: str = "main", docs_path: str = "content") -> str:
    """The `edit_uri` that points the host's editor at `docs_path` on `branch` (what `copsite init` writes)."""
    prefix = {"gitlab": "-/edit", "gitea": "_edit"}.get(kind, "edit")
    return f"{prefix}/{branch}/{docs_path.strip('/')}/" if docs_path.strip("/") else f"{prefix}/{branch}/"


def docs_in_repository(docs_dir) -> str | None:
    """The docs folder as a path from the root of the git work tree that holds it ('content',
    'handbook/content'), or None outside one. It tells where a branch with a slash ends in `edit_uri`."""
    from pathlib import Path

    docs = Path(docs_dir).resolve()
    for folder in (docs, *docs.parents):
        if (folder / ".git").exists():
            rel = docs.relative_to(folder).as_posix()
            return "" if rel == "." else rel
    return None


def parse_repo_url(
    repo_url: str | None,
    edit_uri: str | None = None,
    kind: str | None = None,
    docs_dir: str | None = None,
    docs_in_repo: str | None = None,
) -> Repo | None:
    """The repository behind `repo_url` (and `edit_uri`), or None when it is no known host.

    github.com and gitlab.com are known by name; any other host needs `kind`
    ('gitlab' for a self-hosted GitLab, 'gitea' for Gitea or Forgejo), or an
    `edit_uri` in its host's own form (``-/edit/…`` is GitLab, ``_edit/…`` Gitea). The branch
    and the docs folder come from `edit_uri` (``edit/main/content/``), by default
    ``main`` and `docs_dir` (the docs folder as seen from mkdocs.yml, else
    ``content``). MkDocs' own guess for an unset `edit_uri` (``edit/master/docs/``)
    counts as unset when the docs folder is not ``docs``: it would send every
    edit link to a folder the handbook does not have. A branch may hold slashes
    (``edit/release/2026/content/``): when `docs_in_repo` (the docs folder from the
    repository's root, `docs_in_repository`) ends `edit_uri`, all before it is the branch.
    """
    if not repo_url or not isinstance(repo_url, str):
        return None
    parts = urlsplit(repo_url.strip())
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return None
    path = parts.path.strip("/")
    if path.endswith(".git"):
        path = path[:-4]
    path = path.split("/-/", 1)[0].strip("/")
    segments = [s for s in path.split("/") if s]
    host = parts.netloc.lower()
    if kind is None:
        kind = {"github.com": "github", "gitlab.com": "gitlab", "codeberg.org": "gitea"}.get(host)
    if kind is None and edit_uri:  # a host of one's own shows its kind by its editor's address
        kind = (
            "gitlab"
            if edit_uri.lstrip("/").startswith("-/edit/")
            else "gitea"
            if edit_uri.lstrip("/").startswith("_edit/")
            else None
        )
    if kind not in KINDS:
        return None
    if kind in ("github", "gitea"):
        if len(segments) < 2:
            return None
        segments = segments[:2]
    elif len(segments) < 2:
        return None
    branch, docs_path = "main", (docs_dir.strip("/") if docs_dir is not None else "content")
    if edit_uri and "://" in edit_uri:  # an absolute edit_uri: keep its part after the project's address
        project = f"{parts.scheme}://{parts.netloc}/{'/'.join(segments)}".lower()
        edit_uri = edit_uri[len(project) :] if edit_uri.lower().startswith(project) else None
    if edit_uri and edit_uri.strip() == MKDOCS_DEFAULT_EDIT_URI and docs_dir is not None and docs_dir.strip("/") != "docs":
        edit_uri = None
    if edit_uri:
        m = _EDIT_URI.match(edit_uri.strip())
        if m:
            branch = m.group("branch")
            docs_path = m.group("path").strip("/")
            whole = f"{branch}/{docs_path}"
            whole = whole.strip("/")
            if (
                docs_in_repo is not None
                and docs_path != docs_in_repo
                and (docs_in_repo == "" or whole.endswith("/" + docs_in_repo))
            ):
                branch, docs_path = whole[: len(whole) - len(docs_in_repo)].strip("/"), docs_in_repo
    return Repo(kind=kind, base=f"{parts.scheme}://{parts.netloc}", path="/".join(segments), branch=branch, docs_path=docs_path)

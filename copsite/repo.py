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
from urllib.parse import urlsplit

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
        return "/".join(p for p in (self.docs_path.strip("/"), rel.strip("/")) if p)

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
            return f"https://{owner.lower()}.github.io/{name}/"
        if self.base == "https://gitlab.com":
            top, _, sub = owner.partition("/")
            return f"https://{top.lower()}.gitlab.io/{(sub + '/') if sub else ''}{name}/"
        return None


_EDIT_URI = re.compile(r"^/?(?:-/)?(?:edit|blob|_edit|src/branch)/(?P<branch>[^/]+)/?(?P<path>.*)$")


def parse_repo_url(repo_url: str | None, edit_uri: str | None = None, kind: str | None = None) -> Repo | None:
    """The repository behind `repo_url` (and `edit_uri`), or None when it is no known host.

    github.com and gitlab.com are known by name; any other host needs `kind`
    ('gitlab' for a self-hosted GitLab, 'gitea' for Gitea or Forgejo). The branch
    and the docs folder come from `edit_uri` (``edit/main/content/``), by default
    ``main`` and ``content``.
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
    if kind not in KINDS:
        return None
    if kind in ("github", "gitea"):
        if len(segments) < 2:
            return None
        segments = segments[:2]
    elif len(segments) < 2:
        return None
    branch, docs_path = "main", "content"
    if edit_uri:
        m = _EDIT_URI.match(edit_uri.strip())
        if m:
            branch = m.group("branch")
            docs_path = m.group("path").strip("/")
    return Repo(kind=kind, base=f"{parts.scheme}://{parts.netloc}", path="/".join(segments), branch=branch, docs_path=docs_path)

"""Publishing from a repository: what `copsite init --repo URL` adds for GitHub or GitLab.

Engine-free. Given the repository's address, it answers the settings that
mkdocs.yml needs (`repo_url`, `edit_uri`, `site_url` as the host's Pages
address) and writes the host's CI file: `.github/workflows/publish.yml`
(GitHub Actions and Pages) or `.gitlab-ci.yml` (GitLab CI and Pages). Both
run `copsite check` with the host's own problem format before `mkdocs build
--strict`, so a handbook with an error is never published. The files come
from `copsite/publishing/scaffold/`; the facts about the host from `copsite.model.repo`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from copsite import __version__
from copsite.i18n import M_
from copsite.model.repo import Repo, edit_uri_for, parse_repo_url
from copsite.publishing.outline import scaffold
from copsite.publishing.selfwheel import FOLDER, Wheel, requirement_line

HOSTS = ("github", "gitlab")
CI_FILE = {"github": ".github/workflows/publish.yml", "gitlab": ".gitlab-ci.yml"}


class HostingError(ValueError):
    """A repository address or host copsite cannot publish from; the message says what to write.

    Its message is a msgid of the catalogs (`problem`); `copsite init` writes it in the handbook's language."""

    def __init__(self, message: str, **values):
        self.problem = M_(message, **values)
        super().__init__(str(self.problem))


@dataclass(frozen=True)
class Hosting:
    repo: Repo
    site_url: str | None

    @property
    def repo_url(self) -> str:
        return self.repo.url

    @property
    def edit_uri(self) -> str:
        return edit_uri_for(self.repo.kind, self.repo.branch, self.repo.docs_path)

    @property
    def ci_file(self) -> str:
        return CI_FILE[self.repo.kind]


def hosting(
    repo_url: str, *, host: str | None = None, branch: str = "main", site_url: str | None = None, docs_dir: str = "content"
) -> Hosting:
    """The repository at `repo_url` (github.com, gitlab.com, or any host named by `host`)."""
    if host is not None and host not in HOSTS:
        raise HostingError("--host: expected one of %(hosts)s; found '%(found)s'", hosts=", ".join(HOSTS), found=host)
    if not branch or any(ch in branch for ch in " ~^:?*[\\") or branch.startswith("-"):
        raise HostingError("--branch: '%(branch)s' is not a branch name", branch=branch)
    repo = parse_repo_url(repo_url, kind=host, docs_dir=docs_dir)
    if repo is None:
        raise HostingError(
            "--repo: '%(url)s' is not a repository address copsite knows: write "
            "https://github.com/OWNER/REPO or https://gitlab.com/GROUP/REPO; for a GitLab of your own "
            "(https://git.school.example/GROUP/REPO) add --host gitlab",
            url=repo_url,
        )
    if repo.kind not in HOSTS:
        raise HostingError("--repo: copsite writes CI files for GitHub and GitLab only; add --host gitlab or --host github")
    repo = replace(repo, branch=branch)  # the whole name: release/2026, never its first part
    if site_url is not None and not site_url.startswith(("https://", "http://")):
        raise HostingError("--site-url: expected an address starting with https://; found '%(found)s'", found=site_url)
    site = site_url or repo.pages_url
    if site and not site.endswith("/"):
        site += "/"
    return Hosting(repo=repo, site_url=site)


def ci_files(h: Hosting) -> dict[str, str]:
    """The host's CI file, by its path in the repository."""
    template = "github-publish.yml" if h.repo.kind == "github" else "gitlab-ci.yml"
    return {h.ci_file: scaffold(template, branch=h.repo.branch)}


def project_files(wheel: Wheel) -> dict[str, str | bytes]:
    """Files every handbook repository wants, whatever its host: requirements.txt naming the copsite
    wheel kept in the handbook, the wheel itself, and .gitignore."""
    return {
        "requirements.txt": requirements_text(wheel),
        f"{FOLDER}/{wheel.name}": wheel.data,
        ".gitignore": scaffold("gitignore"),
    }


def requirements_text(wheel: Wheel) -> str:
    return scaffold("requirements.txt", version=__version__, requirement=requirement_line(wheel), origin=wheel.origin)

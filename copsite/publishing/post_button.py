"""The "Post a highlight" button on each community's home and highlights page, and what the
post page offers without JavaScript.

Engine-free. The button opens the community's post page (`copsite.pages.post`),
or the browser editor's new-highlight form when the editor is on.

`fallback()` is the post page without its script: the outline of
`copsite.publishing.outline` for the build's today (the plan session of that day, the
facilitators as authors, none when `publish_members` is false), handed over as
before the form existed. When `repo_url` names a GitHub, GitLab or
Gitea/Forgejo repository: the host's new-file page in the community's
`highlights/` folder with the file's name and text (GitHub takes
`?filename=…&value=…` at `/new/BRANCH/PATH`, Gitea and Forgejo the same at
`/_new/BRANCH/PATH`; GitLab's `/-/new/BRANCH/PATH` reads `file_name`, and its
current editor starts empty: so on GitLab the page also shows the text to copy).
Everywhere: an email to the charter's `contact` and a download of the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from copsite.i18n import N_
from copsite.publishing.outline import NAME_WORD, highlight_text, session_on

TITLE_PROMPT = N_("TO DO: a few words saying what this meeting was about")
"""The title of the outline the post page shows without JavaScript, in the handbook's language."""

PARAMS = {"github": ("filename", "value"), "gitea": ("filename", "value"), "gitlab": ("file_name", "content")}
TAKES_TEXT = {"github": True, "gitea": True, "gitlab": False}


@dataclass(frozen=True)
class PostButton:
    src: str
    """Where it goes, from the site's root: the post page's source path, or the editor's `admin/`
    (the template makes it relative to the page, so it works under any site path)."""
    fragment: str = ""
    """With the editor on, its new-highlight form for the community (`#/collections/…/new`)."""


@dataclass(frozen=True)
class Fallback:
    file_name: str
    text: str
    host_href: str | None
    """The host's new-file page with the file's name (and text where the host takes it), or None."""
    copy_box: bool
    """True where the host may open an empty editor: the page shows the text to copy."""
    mail_href: str | None
    download_href: str


def new_file_url(base: str, kind: str, file_name: str, text: str) -> str:
    name_param, text_param = PARAMS[kind]
    return f"{base}?{name_param}={quote(file_name, safe='')}&{text_param}={quote(text, safe='')}"


POST_PAGE = "post.md"
"""The post page of each community (copsite.pages.post), in its folder."""


def post_src(community) -> str:
    """The source path of a community's post page."""
    return f"{community.folder}/{POST_PAGE}"


def file_name_for(date: str) -> str:
    return f"{date}-{NAME_WORD}.md"


def post_button(community, options) -> PostButton:
    """The button for one community: its post page, or the editor's form when the editor is on."""
    if options.editor:
        from copsite.publishing.editor import new_highlight_form

        return PostButton(src="admin/", fragment=new_highlight_form(community.slug))
    return PostButton(src=post_src(community))


def fallback(community, options) -> Fallback:
    """The hand-offs of the post page without JavaScript, for the build's today."""
    authors = list(community.charter.facilitators) if options.publish_members else []
    day = options.today
    today = day.isoformat()
    name = file_name_for(today)
    text = highlight_text(
        date=today,
        title=options.lang.gettext(TITLE_PROMPT),
        session=session_on(community.sessions, day),
        authors=authors,
        name_hint=True,
        language=options.language,
    )
    repo = options.repo
    host = new_file_url(repo.new_file_base(f"{community.folder}/highlights"), repo.kind, name, text) if repo else None
    contact = community.charter.contact or ""
    subject = options.lang.gettext("A new highlight: %(name)s", name=name)
    mail = (
        f"{contact}{'&' if '?' in contact else '?'}subject={quote(subject, safe='')}&body={quote(text, safe='')}"
        if contact.startswith("mailto:")
        else None
    )
    return Fallback(
        file_name=name,
        text=text,
        host_href=host,
        copy_box=bool(repo) and not TAKES_TEXT[repo.kind],
        mail_href=mail,
        download_href="data:text/markdown;charset=utf-8," + quote(text, safe=""),
    )

"""The "Post a highlight" button on each community's home and highlights page.

Engine-free. When `repo_url` names a GitHub, GitLab or Gitea/Forgejo
repository, the button opens the host's new-file page in the community's
`highlights/` folder with the file's name (`YYYY-MM-DD-highlight.md`) and its
text: the outline of `copsite.publishing.outline`, with the date, the plan session of
that date and the facilitators as authors (none when `publish_members` is
false). GitHub takes `?filename=…&value=…` at `/new/BRANCH/PATH`, Gitea and
Forgejo the same at `/_new/BRANCH/PATH`. GitLab's `/-/new/BRANCH/PATH` read
`file_name` and `content` while its editor was built from the page
(`blob_edit/edit_blob.js`, `blobContent: editorEl.innerText`), but its current
editor starts a new file empty (`let blobContent = ''`): so on GitLab the
button is paired with a box holding the file's name and text, and a copy button.

The link is built here for the build's today; `copsite.js` rebuilds it for the
reader's today from `script_data` (the same text with the date and session as
tokens), so the template only renders what this module returns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import quote

from copsite.publishing.outline import NAME_WORD, highlight_text, session_on

PARAMS = {"github": ("filename", "value"), "gitea": ("filename", "value"), "gitlab": ("file_name", "content")}
TAKES_TEXT = {"github": True, "gitea": True, "gitlab": False}
DATE_TOKEN = "@DATE@"
SESSION_TOKEN = "@SESSION@"


@dataclass(frozen=True)
class PostButton:
    href: str
    """The host's new-file page in the highlights folder, with the file's name and text as parameters."""
    file_name: str
    text: str
    copy_box: bool
    """True where the host may open an empty editor: the page shows the name and text to copy."""
    script_data: str
    """JSON for copsite.js: how to remake the name, text and link for the reader's today."""


def new_file_url(base: str, kind: str, file_name: str, text: str) -> str:
    name_param, text_param = PARAMS[kind]
    return f"{base}?{name_param}={quote(file_name, safe='')}&{text_param}={quote(text, safe='')}"


def file_name_for(date: str) -> str:
    return f"{date}-{NAME_WORD}.md"


def post_button(community, options) -> PostButton | None:
    """The button for one community, or None when the handbook names no repository on a known host.

    With the browser editor on (copsite.publishing.editor), the button opens its new-highlight form for the community.
    """
    if options.editor:
        from copsite.publishing.editor import new_highlight_address

        return PostButton(href=new_highlight_address(community.slug, options), file_name="", text="", copy_box=False, script_data="")
    repo = options.repo
    if repo is None:
        return None
    authors = list(community.charter.facilitators) if options.publish_members else []
    day = options.today

    def text(date: str, session: str | None) -> str:
        return highlight_text(date=date, session=session, authors=authors, name_hint=True, language=options.language)

    base = repo.new_file_base(f"{community.folder}/highlights")
    today = day.isoformat()
    file_name = file_name_for(today)
    body = text(today, session_on(community.sessions, day))
    sessions = {}
    for s in community.sessions:
        ref = session_on(community.sessions, s.date)
        if ref is not None:
            sessions[s.date.isoformat()] = ref
    name_param, text_param = PARAMS[repo.kind]
    data = {
        "base": base,
        "name_param": name_param,
        "text_param": text_param,
        "today": today,
        "name": file_name_for(DATE_TOKEN),
        "text": text(DATE_TOKEN, SESSION_TOKEN),
        "sessions": sessions,
    }
    return PostButton(
        href=new_file_url(base, repo.kind, file_name, body),
        file_name=file_name,
        text=body,
        copy_box=not TAKES_TEXT[repo.kind],
        script_data=json.dumps(data, ensure_ascii=False, separators=(",", ":")),
    )

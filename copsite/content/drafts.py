"""Links from published pages to draft highlights, found while reading (so `copsite check` and the
build report them alike): a draft is published nowhere, so such a link would not work."""

from __future__ import annotations

import posixpath
import re

from copsite.model.handbook import Handbook
from copsite.model.problems import Problems

_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")


def check_draft_links(handbook: Handbook, problems: Problems) -> None:
    drafts = {h.path for c in handbook.communities for h in c.highlights if h.draft}
    if not drafts:
        return
    for doc in handbook.docs.values():
        if doc.path in drafts or "](" not in doc.body:
            continue
        here = posixpath.dirname(doc.path)
        for n, line in enumerate(doc.body.split("\n")):
            for target in _LINK.findall(line):
                path = target.split("#", 1)[0]
                if not path or "://" in path:
                    continue
                resolved = posixpath.normpath(posixpath.join(here, path))
                if resolved in drafts:
                    problems.warning(
                        doc.path,
                        "links to the draft highlight %(path)s, which is not published: the link will not work",
                        line=doc.body_line + n,
                        path=resolved,
                    )

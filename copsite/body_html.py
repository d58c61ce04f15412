"""`body_html: false`: raw HTML written in page bodies is shown as text, not published as markup.

For handbooks whose editors are not all trusted. Front matter is always text; bodies are
trusted Markdown with HTML unless the site sets this option. Every `<` that would open a
tag, a comment or a declaration is written `&lt;` (Markdown shows it as "<"), outside
fenced code and code spans, where Markdown already shows it as text. Autolinks
(`<https://…>`) stay links.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^([ \t]{0,3})(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.S)
_MARKUP = re.compile(r"<(?=/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|!|\?)")


def _escape_text(text: str) -> str:
    """Escape tags outside code spans."""
    out, last = [], 0
    for m in _CODE_SPAN.finditer(text):
        out.append(_MARKUP.sub("&lt;", text[last : m.start()]))
        out.append(m.group())
        last = m.end()
    out.append(_MARKUP.sub("&lt;", text[last:]))
    return "".join(out)


def html_as_text(body: str) -> str:
    """The body with its raw HTML turned into text; code blocks and code spans unchanged."""
    if "<" not in body:
        return body
    out: list[str] = []
    chunk: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        m = _FENCE.match(line)
        if fence is None and m:
            out.append(_escape_text("\n".join(chunk)))
            chunk = []
            fence = m.group(2)[0] * len(m.group(2))
            out.append(line)
        elif fence is not None:
            out.append(line)
            if line.strip().startswith(fence) and set(line.strip()) <= {fence[0]}:
                fence = None
        else:
            chunk.append(line)
    if chunk:
        out.append(_escape_text("\n".join(chunk)))
    return "\n".join(out)

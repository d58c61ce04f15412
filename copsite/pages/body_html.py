"""`body_html: false`: raw HTML written in page bodies is shown as text, and what a body becomes is sanitised.

For handbooks whose editors are not all trusted. Front matter is always text; bodies are
trusted Markdown with HTML unless the site sets this option. Then, in two steps:

1. `html_as_text(body)`, on the Markdown: every `<` that would open a tag, a comment or a
   declaration, outside fenced code, becomes `LT`, a character Markdown takes for text, so
   no raw HTML reaches the page; wherever it lands (text, a code span, an indented code
   block) it is written `&lt;` in the page's HTML (`published`), and shows as "<" once.
   Autolinks (`<https://…>`, `<name@example.org>`) stay links.
2. `published(html)`, on the page's HTML, between the markers `wrap` put around the body:
   the body's HTML is cleaned by nh3 (ammonia) to the elements and attributes Markdown and
   its usual extensions write. What Markdown itself makes of an author's text — a
   `javascript:` link, inline or by reference, an `attr_list` attribute (`onclick`,
   `rel=attachment`, `style`) — is dropped there.

The markers carry a token drawn when the process starts: an author cannot write one.
"""

from __future__ import annotations

import re
import secrets

LT = "\ue000"
"""Stands for a `<` an author wrote as text, until the page's HTML is made (a private-use character)."""
_TOKEN = secrets.token_hex(8)
START = f"<!-- copsite-body {_TOKEN} -->"
END = f"<!-- /copsite-body {_TOKEN} -->"
_REGION = re.compile(re.escape(START) + r"(.*?)" + re.escape(END), re.S)
_FENCE = re.compile(r"^([ \t]{0,3})(`{3,}|~{3,})")
_MARKUP = re.compile(r"<(?=[!?]|/?[A-Za-z](?![A-Za-z0-9+.-]*:/)(?![^<>\s]*@))")
"""A `<` that opens a tag, a closing tag, a comment, a declaration or an instruction; not an autolink."""

TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
    "svg",
    "path",
}
"""What Markdown and the extensions Material documents (tables, footnotes, admonitions, details,
tabs, task lists, emoji as SVG, highlighting) write; everything else is dropped with its markup."""
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"align", "colspan", "rowspan", "style"},
    "th": {"align", "colspan", "rowspan", "scope", "style"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "time": {"datetime"},
    "details": {"open"},
    "input": {"type", "checked", "disabled", "name"},
    "label": {"for"},
    "div": {"data-tabs"},
    "svg": {"xmlns", "viewBox", "width", "height", "aria-hidden", "focusable"},
    "path": {"d", "fill-rule", "clip-rule"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _escape_text(text: str) -> str:
    return _MARKUP.sub(LT, text)


def html_as_text(body: str) -> str:
    """The body with every `<` that would open raw HTML made text (`LT`); fenced code unchanged.
    A fence never closed is no fence (Markdown shows it as text): what follows it is escaped too."""
    if "<" not in body:
        return body
    out: list[str] = []
    chunk: list[str] = []
    fenced: list[str] = []
    fence: str | None = None
    for line in body.split("\n"):
        m = _FENCE.match(line)
        if fence is None and m:
            out.append(_escape_text("\n".join(chunk)))
            chunk, fenced = [], [line]
            fence = m.group(2)[0] * len(m.group(2))
        elif fence is not None:
            fenced.append(line)
            if line.strip().startswith(fence) and set(line.strip()) <= {fence[0]}:
                out.append("\n".join(fenced))
                fence, fenced = None, []
        else:
            chunk.append(line)
    if fenced:  # a fence left open
        chunk = fenced + chunk
    if chunk:
        out.append(_escape_text("\n".join(chunk)))
    return "\n".join(out)


def wrap(markdown: str) -> str:
    """The body's Markdown between the markers `published` looks for."""
    return f"\n\n{START}\n\n{markdown}\n\n{END}\n\n" if markdown else markdown


def _clean(html: str) -> str:
    import nh3

    return nh3.clean(
        html.replace(LT, "&lt;"),
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
    )


def published(html: str) -> str:
    """A page's HTML with each wrapped body cleaned and its markers taken away."""
    if START not in html:
        return html.replace(LT, "&lt;")
    return _REGION.sub(lambda m: _clean(m.group(1)), html).replace(START, "").replace(END, "").replace(LT, "&lt;")


def as_source(markdown: str) -> str:
    """The page's Markdown for an engine without copsite (the export): markers out, each `LT` as `&lt;`."""
    return markdown.replace(START + "\n", "").replace(END + "\n", "").replace(START, "").replace(END, "").replace(LT, "&lt;")


def text(value: str) -> str:
    """A title or other text drawn from a body (the table of contents): each `LT` as `&lt;`."""
    return value.replace(LT, "&lt;")

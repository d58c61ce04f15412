"""The plain text of a piece of Markdown, as a reader of the page sees it (for descriptions and summaries).

Rendered by Python-Markdown, then read back as text with the standard library's HTML
parser: links keep their words (whatever parentheses their addresses hold), emphasis
and code marks go, entities are decoded, and raw HTML leaves only its text (never a
script's or a style's).
"""

from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser

_SILENT = {"script", "style", "template", "textarea", "title"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._silent = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SILENT:
            self._silent += 1
        elif tag == "img" and not self._silent:
            self.parts.append(dict(attrs).get("alt") or "")
        elif tag in ("br", "p", "li", "div", "tr", "td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in _SILENT and self._silent:
            self._silent -= 1

    def handle_data(self, data):
        if not self._silent:
            self.parts.append(data)


@lru_cache(maxsize=1)
def _markdown():
    import markdown

    return markdown.Markdown(extensions=["attr_list"])


def html_text(html: str) -> str:
    """The text of an HTML fragment, whitespace folded."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def markdown_text(text: str) -> str:
    """The text a reader sees of a piece of Markdown, whitespace folded."""
    md = _markdown()
    try:
        return html_text(md.reset().convert(text))
    finally:
        md.reset()

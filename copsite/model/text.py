"""Texts made from what authors wrote: a body's first paragraph, the charter's purpose sentence, a page's title."""

from __future__ import annotations

import io
import re
from functools import lru_cache
from pathlib import PurePosixPath

from copsite.i18n import Language, language
from copsite.model import schema
from copsite.model.handbook import Doc
from copsite.model.plaintext import markdown_text


def page_title(doc: Doc) -> str:
    if doc.meta is not None and doc.meta.title:
        return doc.meta.title
    m = re.search(r"^#\s+(.+?)\s*#*\s*$", doc.body, re.M)
    if m:
        return m.group(1)
    stem = PurePosixPath(doc.path).stem
    return stem.replace("-", " ").replace("_", " ").capitalize()


def _blocks(body: str):
    """Runs of non-blank lines, read lazily: the first paragraph is found without splitting the whole body."""
    lines: list[str] = []
    for line in io.StringIO(body):
        if line.strip():
            lines.append(line)
        elif lines:
            yield "".join(lines)
            lines = []
    if lines:
        yield "".join(lines)


_MARKUP = re.compile(r"[\\`*_\[\]<>&!~{}]")


@lru_cache(maxsize=1 << 14)  # a preview reads every highlight again at each save: each paragraph is rendered once
def _paragraph_text(block: str) -> str:
    """The text a reader sees of a paragraph: links, marks, entities and tags rendered (copsite.model.plaintext);
    a paragraph with none of Markdown's marks is its own text."""
    if _MARKUP.search(block) is None:
        return " ".join(block.split())
    return markdown_text(block).replace("~~", "")


def first_paragraph(body: str, limit: int = 280) -> str:
    """The plain text of the first paragraph of a Markdown body, for lists and feeds."""
    for block in _blocks(body):
        block = block.strip()
        if not block or block[0] in "#<|>!" or block.startswith(("```", "~~~", "- ", "* ", "1. ", "---", "!!!", "???", "[TOC]")):
            continue
        if len(block) > limit * 8:  # what is shown fits in the first few hundred characters
            block = block[: limit * 8].rsplit(None, 1)[0]
        text = _paragraph_text(block)
        if text:
            if len(text) > limit:
                text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
            return text
    return ""


def purpose_part(text: str) -> str:
    """A part of the purpose sentence without the full stop a writer may have ended it with."""
    return text.strip().rstrip(".!?;: ").rstrip()


def purpose_sentence(purpose: schema.Purpose, words: Language | None = None) -> str:
    """The guide's purpose sentence around the charter's three parts, in the handbook's language."""
    return (words or language("en")).gettext(
        "This community of practice is intended for %(audience)s who share an interest in "
        "%(interest)s and commit to learning together how best to %(learning_goal)s.",
        audience=purpose_part(purpose.audience),
        interest=purpose_part(purpose.interest),
        learning_goal=purpose_part(purpose.learning_goal),
    )

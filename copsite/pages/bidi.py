"""Right-to-left text from front matter: the generated blocks get `dir="auto"`.

Material sets `dir="ltr"` on the page for an English site; a title or a topic in
Arabic or Hebrew inside such a block would read in the wrong order. Each block
element that copsite's templates write (headings, paragraphs, list items, table
cells, ...) gets `dir="auto"`, so the browser takes its direction from its own
first strong character. Bodies are the authors' Markdown and are left alone.
"""

from __future__ import annotations

import re

_BLOCK = re.compile(r"<(h[1-6]|p|li|td|th|dd|dt|figcaption|summary|blockquote)(?=[\s>])(?![^>]*\sdir=)")


def with_dir_auto(html: str) -> str:
    return _BLOCK.sub(r'<\1 dir="auto"', html)

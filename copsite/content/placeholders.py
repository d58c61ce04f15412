"""Keep placeholders off the site: what `copsite init` and `copsite new` write for a person to replace.

A placeholder is a text with "TO DO:" in it, or a sample name such as "Your Name".
`copsite check` lists each one (the reader reports them); the site never shows
them. `scrub_handbook` runs once per build, before any page is planned: a
front-matter text that is still a placeholder becomes empty (an optional key is
left out, a list loses the item), and a paragraph of a body that is still a
placeholder is dropped, with its heading when nothing else is left under it.
The templates then leave out what is empty or say "not written yet".

The sample community that `copsite init` writes (`sample: true` in its charter)
is shown only in the preview (`mkdocs serve`), marked as a sample; a built site
leaves it out.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel

from copsite.i18n import N_, language
from copsite.model.handbook import Community, Handbook
from copsite.model.text import first_paragraph

PLACEHOLDER = "TO DO:"
"""How `copsite init` and `copsite new` mark the text a facilitator still has to write."""
SAMPLE_NAMES = ("Your Name",)
"""Names `copsite init` and `copsite new community` write when none was given."""


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and (PLACEHOLDER in value or value.strip() in SAMPLE_NAMES)


def _required(model: BaseModel, name: str) -> bool:
    return type(model).model_fields[name].is_required()


def scrub_model(model: BaseModel) -> bool:
    """Empty every placeholder text of a model, in place. Returns True when a required text
    of the model itself was a placeholder (a list then drops the whole item)."""
    lost_required = False
    for name in type(model).model_fields:
        value = getattr(model, name)
        if is_placeholder(value):
            if _required(model, name):
                setattr(model, name, "")
                lost_required = True
            else:
                setattr(model, name, None)
        elif isinstance(value, list):
            kept = [v for v in value if not is_placeholder(v) and not (isinstance(v, BaseModel) and scrub_model(v))]
            if len(kept) != len(value):
                setattr(model, name, kept)
        elif isinstance(value, BaseModel):
            scrub_model(value)
    return lost_required


_HEADING = re.compile(r"^(#{1,6})\s")
_FENCE = re.compile(r"^\s*(```|~~~)")


def scrub_body(body: str) -> str:
    """A Markdown body without its placeholder paragraphs, nor the headings left with nothing under them."""
    if PLACEHOLDER not in body:
        return body
    blocks: list[list[str]] = [[]]
    fenced = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        if not fenced and (not line.strip() or _HEADING.match(line)):
            blocks.append([line] if line.strip() else [])
            if line.strip():
                blocks.append([])
            continue
        blocks[-1].append(line)
    blocks = [b for b in blocks if b and not (PLACEHOLDER in "\n".join(b) and not _FENCE.match(b[0]))]
    # Drop a heading followed by nothing, or by a heading of the same or a higher level.
    kept: list[list[str]] = []
    for block in reversed(blocks):
        m = _HEADING.match(block[0]) if len(block) == 1 else None
        if m:
            nxt = _HEADING.match(kept[-1][0]) if kept and len(kept[-1]) == 1 else None
            if not kept or (nxt and len(nxt.group(1)) <= len(m.group(1))):
                continue
        kept.append(block)
    return "\n\n".join("\n".join(b) for b in reversed(kept))


def purpose_written(purpose) -> bool:
    """Every part of the purpose sentence is written (none was a placeholder)."""
    return bool(purpose.audience and purpose.interest and purpose.learning_goal)


def _scrub_community(c: Community, words=None) -> None:
    for doc in (*c.section_docs(), *c.pages):
        if doc.meta is not None and doc.placeholders:
            scrub_model(doc.meta)
        doc.body = scrub_body(doc.body)
    for h in c.highlights:
        if h.doc.placeholders:
            scrub_model(h.meta)
        if not h.meta.title:  # a highlight posted from the browser whose title is still the prompt
            h.meta.title = (words or language("en")).gettext("Meeting of %(date)s", date=h.date.isoformat())
        h.doc.body = scrub_body(h.doc.body)
        if is_placeholder(h.summary):
            h.summary = h.meta.summary or first_paragraph(h.doc.body)


def scrub_handbook(handbook: Handbook, preview: bool = False, words=None) -> Handbook:
    """The handbook as the site shows it (changed in place): no placeholder, no sample community
    unless previewing. Call once per build, on a handbook read for that build."""
    from copsite.model.views import resource_bank

    samples = [c for c in handbook.communities if c.charter.sample]
    if samples and not preview:
        handbook.communities = [c for c in handbook.communities if not c.charter.sample]
    for c in handbook.communities:
        _scrub_community(c, words)
    for doc in (handbook.front_doc, handbook.communities_doc, *handbook.pages):
        if doc is not None:
            if doc.meta is not None and doc.placeholders:
                scrub_model(doc.meta)
            doc.body = scrub_body(doc.body)
    handbook.bank = resource_bank(handbook)
    return handbook


def sample_notices(handbook: Handbook, options) -> list[str]:
    """What to tell the author about the sample community, once per build."""
    if options.preview:
        message = N_("the sample community '%(title)s' (%(folder)s/) is shown in this preview, marked as a sample: "
                     "make it yours (and delete the line sample: true) or delete its folder")
    else:
        message = N_("the sample community '%(title)s' (%(folder)s/) is left out of the built site: "
                     "make it yours (and delete the line sample: true) or delete its folder")
    return [options.lang.gettext(message, title=c.title, folder=c.folder) for c in handbook.communities if c.charter.sample]

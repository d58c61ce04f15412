"""Keep placeholders off the site: what `copsite init` and `copsite new` write for a person to replace.

A placeholder is a text with "TO DO:" in it, or a sample name such as "Your Name".
`copsite check` lists each one (the reader reports them); the site never shows
them. `scrub_handbook` runs once per build, before any page is planned, and
returns the publishable copy of the handbook (the handbook read is never changed,
so the preview's cache can keep it): a front-matter text that is still a placeholder becomes empty (an optional key is
left out, a list loses the item), and a paragraph of a body that is still a
placeholder is dropped, with its heading when nothing else is left under it.
The templates then leave out what is empty or say "not written yet".

The sample community that `copsite init` writes (`sample: true` in its charter)
is shown only in the preview (`mkdocs serve`), marked as a sample; a built site
leaves it out.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, TypeVar

from pydantic import BaseModel

from copsite.i18n import N_, language
from copsite.model import schema
from copsite.model.handbook import Community, Doc, Handbook, HighlightEntry
from copsite.model.text import first_paragraph

PLACEHOLDER = "TO DO:"
"""How `copsite init` and `copsite new` mark the text a facilitator still has to write."""
SAMPLE_NAMES = ("Your Name",)
"""Names `copsite init` and `copsite new community` write when none was given."""


M = TypeVar("M", bound=BaseModel)


def is_placeholder(value: Any) -> bool:
    return isinstance(value, str) and (PLACEHOLDER in value or value.strip() in SAMPLE_NAMES)


def _required(model: BaseModel, name: str) -> bool:
    return type(model).model_fields[name].is_required()


def scrub_model(model: M) -> tuple[M, bool]:
    """A copy of a model with every placeholder text emptied (the model itself is left as it
    is), and whether a required text of the model itself was a placeholder (a list then
    drops the whole item)."""
    lost_required = False
    changes: dict[str, Any] = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        if is_placeholder(value):
            lost_required = lost_required or _required(model, name)
            changes[name] = "" if _required(model, name) else None
        elif isinstance(value, list):
            kept = []
            for v in value:
                if isinstance(v, BaseModel):
                    v, lost = scrub_model(v)
                    if lost:
                        continue
                elif is_placeholder(v):
                    continue
                kept.append(v)
            if len(kept) != len(value) or any(a is not b for a, b in zip(kept, value, strict=True)):
                changes[name] = kept
        elif isinstance(value, BaseModel):
            scrubbed, _ = scrub_model(value)
            if scrubbed is not value:
                changes[name] = scrubbed
    return (model.model_copy(update=changes) if changes else model), lost_required


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


def _scrub_doc(doc: Doc) -> Doc:
    meta = scrub_model(doc.meta)[0] if doc.meta is not None and doc.placeholders else doc.meta
    body = scrub_body(doc.body)
    return doc if meta is doc.meta and body is doc.body else replace(doc, meta=meta, body=body)


def _scrub_highlight(h: HighlightEntry, words) -> HighlightEntry:
    doc = _scrub_doc(h.doc)
    meta = doc.meta if isinstance(doc.meta, schema.Highlight) else h.meta
    if not meta.title:  # a highlight posted from the browser whose title is still the prompt
        meta = meta.model_copy(
            update={"title": (words or language("en")).gettext("Meeting of %(date)s", date=h.date.isoformat())}
        )
    summary = meta.summary or first_paragraph(doc.body) if is_placeholder(h.summary) else h.summary
    if doc is h.doc and meta is h.meta and summary == h.summary:
        return h
    return replace(h, doc=replace(doc, meta=meta) if doc.meta is not None else doc, meta=meta, summary=summary)


def _scrub_community(c: Community, words=None) -> Community:
    charter_doc = _scrub_doc(c.charter_doc)
    charter = charter_doc.meta if isinstance(charter_doc.meta, schema.Charter) else c.charter
    return replace(
        c,
        charter_doc=charter_doc,
        charter=charter,
        sections={name: _scrub_doc(doc) for name, doc in c.sections.items()},
        highlights=[_scrub_highlight(h, words) for h in c.highlights],
        pages=[_scrub_doc(doc) for doc in c.pages],
    )


def scrub_handbook(handbook: Handbook, preview: bool = False, words=None) -> Handbook:
    """The handbook as the site shows it, a copy (the handbook read is left as it is): no
    placeholder, no sample community unless previewing."""
    from copsite.model.views import resource_bank

    communities = [c for c in handbook.communities if preview or not c.charter.sample]
    out = replace(
        handbook,
        communities=[_scrub_community(c, words) for c in communities],
        front_doc=_scrub_doc(handbook.front_doc) if handbook.front_doc is not None else None,
        communities_doc=_scrub_doc(handbook.communities_doc) if handbook.communities_doc is not None else None,
        pages=[_scrub_doc(doc) for doc in handbook.pages],
    )
    scrubbed = [d for d in (out.front_doc, out.communities_doc, *out.pages) if d is not None]
    for c in out.communities:
        scrubbed += [*c.section_docs(), *c.pages, *(h.doc for h in c.highlights)]
    out.docs = {**handbook.docs, **{d.path: d for d in scrubbed}}
    out.bank = resource_bank(out)
    return out


def sample_notices(handbook: Handbook, options) -> list[str]:
    """What to tell the author about the sample community, once per build."""
    if options.preview:
        message = N_(
            "the sample community '%(title)s' (%(folder)s/) is shown in this preview, marked as a sample: "
            "make it yours (and delete the line sample: true) or delete its folder"
        )
    else:
        message = N_(
            "the sample community '%(title)s' (%(folder)s/) is left out of the built site: "
            "make it yours (and delete the line sample: true) or delete its folder"
        )
    return [options.lang.gettext(message, title=c.title, folder=c.folder) for c in handbook.communities if c.charter.sample]

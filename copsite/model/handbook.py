"""The handbook as read: plain dataclasses around the validated front matter.

Handbook ▸ Community ▸ Charter, Norms, Plan ▸ Session, Highlight, Resource,
LegacyItem. The per-file models come from `copsite.model.schema`; this module holds
them together with what the files say by their place (slug, path, body).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, TypeVar

from copsite.model import schema
from copsite.model.sections import OPTIONAL

_Model = TypeVar("_Model", bound=schema.PageKeys)


@dataclass
class Doc:
    """One Markdown file of the handbook, read once."""

    path: str
    """Relative to the docs folder, with '/' (``communities/x/plan.md``)."""
    kind: str
    meta: schema.PageKeys | None
    """The validated front matter; None when it has errors."""
    raw: Any
    body: str
    body_line: int = 1
    placeholders: bool = True
    """The front matter may hold a placeholder (False: the reader found none, so nothing to scrub)."""

    @property
    def page_meta(self) -> dict:
        """The keys MkDocs and the theme read (Material's own keys and ``extra``)."""
        if self.meta is None:
            return {}
        out = {}
        for key in (*schema.MATERIAL_KEYS, "extra"):
            value = getattr(self.meta, key, None)
            if value not in (None, [], {}):
                out[key] = value
        return out


@dataclass(frozen=True)
class HighlightEntry:
    community: str
    """The community's slug."""
    name: str
    """The file name without .md: ``2025-10-15-launch``."""
    date: dt.date
    doc: Doc
    meta: schema.Highlight
    summary: str
    session: schema.Session | None = None

    @property
    def path(self) -> str:
        return self.doc.path

    @property
    def draft(self) -> bool:
        return self.meta.draft


@dataclass
class Community:
    slug: str
    folder: str
    """Relative to the docs folder: ``communities/<slug>``."""
    charter_doc: Doc
    charter: schema.Charter
    sections: dict[str, Doc] = field(default_factory=dict)
    """Its other section files that can be published, by section name (`copsite.model.sections`)."""
    highlights: list[HighlightEntry] = field(default_factory=list)
    """Newest first; drafts included (see `published_highlights`)."""
    pages: list[Doc] = field(default_factory=list)
    """Any other page in the community folder, rendered as written."""
    attachments: list[str] = field(default_factory=list)
    """The other files of the community folder, relative to it (``files/agenda.pdf``): what a `file:` may name."""

    @property
    def title(self) -> str:
        return self.charter.title

    def section_doc(self, name: str) -> Doc | None:
        """The file of one of its sections (`copsite.model.sections`), when it has one."""
        return self.charter_doc if name == "charter" else self.sections.get(name)

    def _section_meta(self, name: str, model: type[_Model]) -> _Model | None:
        """The front matter of one of its sections, when it has the file and it could be read."""
        doc = self.section_doc(name)
        return doc.meta if doc is not None and isinstance(doc.meta, model) else None

    def section_docs(self) -> list[Doc]:
        """Its section files, charter first, in the planning guide's order."""
        return [self.charter_doc, *(self.sections[s.name] for s in OPTIONAL if s.name in self.sections)]

    @property
    def norms(self) -> schema.Norms | None:
        return self._section_meta("norms", schema.Norms)

    @property
    def plan(self) -> schema.Plan | None:
        return self._section_meta("plan", schema.Plan)

    @property
    def sessions(self) -> list[schema.Session]:
        return list(self.plan.sessions) if self.plan else []

    @property
    def resources(self) -> schema.Resources | None:
        return self._section_meta("resources", schema.Resources)

    @property
    def legacy(self) -> schema.Legacy | None:
        return self._section_meta("legacy", schema.Legacy)

    @property
    def published_highlights(self) -> list[HighlightEntry]:
        return [h for h in self.highlights if not h.draft]


@dataclass
class Handbook:
    communities: list[Community] = field(default_factory=list)
    """Sorted by slug."""
    front_doc: Doc | None = None
    """content/index.md, when the author wrote one."""
    communities_doc: Doc | None = None
    """content/<communities_dir>/index.md, when the author wrote one."""
    pages: list[Doc] = field(default_factory=list)
    """Every other Markdown page outside the communities."""
    docs: dict[str, Doc] = field(default_factory=dict)
    """Every Markdown file read, valid or not, by path."""
    unreadable: list[str] = field(default_factory=list)
    """Slugs of the community folders whose charter has errors: not on the site, still counted by `check`."""
    bank: list = field(default_factory=list)
    """The resource bank (`copsite.model.views.BankEntry`), merged once when the handbook is read."""

    def community(self, slug: str) -> Community | None:
        for c in self.communities:
            if c.slug == slug:
                return c
        return None

    def highlights(self) -> list[HighlightEntry]:
        """Every published highlight of every community, newest first."""
        out = [h for c in self.communities for h in c.published_highlights]
        out.sort(key=lambda h: (h.date, h.community, h.name), reverse=True)
        return out

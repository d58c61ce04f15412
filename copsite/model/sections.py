"""The sections of a community, in the planning guide's order: the one list of them.

The reader, the tree's checks, `copsite new`, the browser editor, the placeholders,
the preview, the navigation, the community's home and the labels all read this
registry. A new section is one `Section` here, its model in `schema`, its template in
`pages/templates/` and its words in the catalogs (see docs/architecture.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from copsite.i18n import M_, N_, NP_, Message
from copsite.model import schema


@dataclass(frozen=True)
class Section:
    name: str
    """Its key: `copsite new NAME`, the label's key, `Community.section_doc(NAME)`."""
    file: str
    """Its page in the community folder."""
    model: type[schema.PageKeys] | None
    """The model of its front matter; None: a page copsite makes (an author's file there is refused or read as a page)."""
    title: str
    """The page's title when its front matter gives none (English msgid)."""
    template: str | None
    """The template of its page (pages/templates/); None: its Markdown as written."""
    label: str | None = None
    """Its name in lists of sections (msgid of context "section"); None: never listed."""
    page: Message | None = None
    """How a message names its page (a file elsewhere that would take its address)."""
    keys_required: bool = False
    """The file must have front matter (a charter, norms and a plan say nothing without it)."""
    new: bool = False
    """`copsite new NAME SLUG` writes it, from publishing/scaffold/<file>."""
    editor: bool = False
    """The browser editor offers it as a file."""
    about: str = ""
    """What `copsite new NAME` writes (the command's help)."""

    @property
    def authored(self) -> bool:
        """A file its keepers write (not a page copsite makes)."""
        return self.model is not None

    @property
    def needs_keys(self) -> bool:
        """Published only when its front matter could be read (all but the free reflection page)."""
        return self.model is not None and self.model is not schema.Page


SECTIONS: tuple[Section, ...] = (
    Section(
        "charter",
        "index.md",
        schema.Charter,
        N_("Charter"),
        "charter.md.j2",
        page=M_("the community's home (its charter, index.md)"),
        keys_required=True,
        editor=True,
    ),
    Section(
        "norms",
        "norms.md",
        schema.Norms,
        N_("Norms"),
        "norms.md.j2",
        NP_("section", "Norms"),
        M_("the norms page (norms.md)"),
        keys_required=True,
        new=True,
        editor=True,
        about="the guide's seven questions for norms",
    ),
    Section(
        "plan",
        "plan.md",
        schema.Plan,
        N_("Collaborative plan"),
        "plan.md.j2",
        NP_("section", "Plan"),
        M_("the collaborative plan page (plan.md)"),
        keys_required=True,
        new=True,
        editor=True,
        about="the collaborative plan, with a first session",
    ),
    Section(
        "highlights",
        "highlights/index.md",
        None,
        N_("Highlights"),
        "highlights_list.md.j2",
        NP_("section", "Highlights"),
        M_("the community's highlights page"),
    ),
    Section(
        "resources",
        "resources.md",
        schema.Resources,
        N_("Resources"),
        "resources.md.j2",
        NP_("section", "Resources"),
        M_("the resources page (resources.md)"),
        new=True,
        editor=True,
        about="the community's resources, for the resource bank",
    ),
    Section(
        "legacy",
        "legacy.md",
        schema.Legacy,
        N_("Results and legacy"),
        "legacy.md.j2",
        NP_("section", "Legacy"),
        M_("the legacy page (legacy.md)"),
        new=True,
        editor=True,
        about="success measures, outcomes and what the community leaves behind",
    ),
    Section("report", "report.md", None, N_("Report"), "report.md.j2"),
    Section(
        "reflection",
        "reflection.md",
        schema.Page,
        N_("Connection to practice"),
        None,
        NP_("section", "Reflection"),
        M_("the reflection page (reflection.md)"),
        new=True,
        about="the connection to professional practice",
    ),
)
"""In the planning guide's order, which is the order of the navigation and of the community's home."""

BY_NAME: dict[str, Section] = {s.name: s for s in SECTIONS}
FILES: dict[str, Section] = {s.file: s for s in SECTIONS if s.authored}
"""The section files an author writes in a community folder, by file name."""
OPTIONAL: tuple[Section, ...] = tuple(s for s in SECTIONS if s.authored and s.name != "charter")
"""The sections a community may have besides its charter."""
LISTED: tuple[Section, ...] = tuple(s for s in SECTIONS if s.label is not None)
"""The sections a facilitator's status lists as written or still to write."""

MODELS: dict[str, type[schema.PageKeys]] = {
    **{s.name: s.model for s in SECTIONS if s.model is not None},
    "highlight": schema.Highlight,
    "page": schema.Page,
}
"""The model of each kind of file the reader reads."""

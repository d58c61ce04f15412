"""The handbook's navigation, in the planning guide's order, as `NavItem`s the plugin hands to MkDocs."""

from __future__ import annotations

from copsite.model.handbook import Handbook
from copsite.model.options import Options
from copsite.model.sections import SECTIONS
from copsite.pages.site import NavItem, PageOut


def navigation(handbook: Handbook, pages: dict[str, PageOut], options: Options) -> list[NavItem]:
    """The guide's order. Single highlights are reached from their community's highlights page."""
    cdir = options.communities_dir
    _ = options.lang.gettext
    communities = NavItem(_("Communities"), children=[NavItem(pages[f"{cdir}/index.md"].title, f"{cdir}/index.md")])
    for c in handbook.communities:
        section = NavItem(c.title, community=c.slug)
        report = f"{c.folder}/report.md"
        for s in SECTIONS:  # the guide's order, then the keepers' own pages
            if not s.authored:  # a page copsite makes
                src = f"{c.folder}/{s.file}"
            elif (doc := c.section_doc(s.name)) is not None:
                src = doc.path
            else:
                continue
            section.children.append(NavItem(pages[src].title, src, community=c.slug))
        for d in c.pages:
            if d.path != report:
                section.children.append(NavItem(pages[d.path].title, d.path, community=c.slug))
        communities.children.append(section)
    items = [NavItem(pages["index.md"].title, "index.md"), communities]
    for src in ("highlights.md", "resources.md", *(["calendar.md"] if options.calendar else []), "legacy.md", "report.md"):
        items.append(NavItem(pages[src].title, src))
    for doc in sorted((d for d in handbook.pages if d.path != "report.md"), key=lambda d: pages[d.path].title.casefold()):
        items.append(NavItem(pages[doc.path].title, doc.path))
    return items

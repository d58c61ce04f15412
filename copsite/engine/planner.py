"""From the model to a site: page sources, the navigation, feeds, calendars and data.

`plan_site(handbook, options)` returns a `Site`: every page's Markdown source
(front-matter text escaped into raw HTML blocks, bodies as the authors wrote
them), a navigation spec, and the static files (Atom, iCalendar, JSON). It is
computed once per build and knows nothing of MkDocs; the plugin only hands
the result over. Each family of pages lives in a module of its own:

- `pages.hub`: the front page, communities index, highlights hub, resource bank,
  legacy overview and calendar;
- `pages.community`: each community's home, sections and highlights;
- `pages.reports`: each community's report and the handbook's;
- `pages.navigation`: the navigation; `outputs.feeds`, `outputs.calendars`,
  `outputs.resources_json`: the static files.
"""

from __future__ import annotations

from copsite.content.placeholders import sample_notices, scrub_handbook
from copsite.engine.preview import PlanMemo
from copsite.model.handbook import Handbook
from copsite.model.options import Options
from copsite.model.text import page_title
from copsite.outputs.calendars import Calendars
from copsite.outputs.feeds import feed_parts
from copsite.outputs.resources_json import resources_json
from copsite.pages.community import community_part
from copsite.pages.hub import hub_parts
from copsite.pages.navigation import navigation
from copsite.pages.parts import make_all
from copsite.pages.reports import report_parts
from copsite.pages.site import Digest, NavItem, PageOut, Pages, Site
from copsite.publishing.editor import editor_files

__all__ = ["plan_site", "Site", "PageOut", "NavItem"]


def plan_site(handbook: Handbook, options: Options, memo: PlanMemo | None = None) -> Site:
    """The site of `handbook`. Each page family gives its parts (`copsite.pages.parts`), made here
    in order; in a preview, through `memo`, which keeps what an edit did not change."""
    notices = sample_notices(handbook, options)
    handbook = scrub_handbook(handbook, preview=options.preview, words=options.lang)  # placeholders never reach the site
    d = Digest.of(handbook, options)
    if options.feeds and not options.site_url:
        notices.append(options.lang.gettext("feeds need the site's address: set site_url in mkdocs.yml; no feed was written"))

    out = Pages(options)
    keep = make_all(out) if memo is None else memo.keeper(d, out)
    for part in hub_parts(d):
        keep(part)
    for c in handbook.communities:
        keep(community_part(d, c))
    for doc in handbook.pages:
        out.add(doc.path, page_title(doc), None, doc)
    for part in report_parts(d):  # after the authors' pages: a report.md they wrote becomes the report's introduction
        keep(part)

    statics: dict[str, str] = {}
    if d.feeds:
        statics.update({path: keep(part) for path, part in feed_parts(handbook, d.highlights, d.communities, options).items()})
    if options.calendar:
        calendars = Calendars.of(handbook, options)
        statics.update(calendars.files([keep(part) for part in calendars.parts()]))
    statics["resources.json"] = resources_json(handbook.bank, options)
    statics.update(editor_files(handbook, options))  # /admin/, when the editor is on

    return Site(pages=out.pages, nav=navigation(handbook, out.pages, options), statics=statics, notices=notices)

"""From the model to a site: page sources, the navigation, feeds, calendars and data.

`plan_site(handbook, options)` returns a `Site`: every page's Markdown source
(front-matter text escaped into raw HTML blocks, bodies as the authors wrote
them), a navigation spec, and the static files (Atom, iCalendar, JSON). It is
computed once per build and knows nothing of MkDocs; the plugin only hands
the result over. Each family of pages lives in a module of its own:

- `hub_pages`: the front page, communities index, highlights hub, resource bank,
  legacy overview and calendar;
- `community_pages`: each community's home, sections and highlights;
- `navigation`: the navigation; `feeds`, `calendars`, `resources_json`: the static files.
"""

from __future__ import annotations

from copsite.content.placeholders import sample_notices, scrub_handbook
from copsite.model.handbook import Handbook
from copsite.model.options import Options
from copsite.model.text import page_title
from copsite.outputs.calendars import icalendar_files
from copsite.outputs.feeds import feed_files
from copsite.outputs.resources_json import resources_json
from copsite.pages.community import add_community_pages
from copsite.pages.hub import add_hub_pages
from copsite.pages.navigation import navigation
from copsite.pages.preview import PlanMemo, memo_pages
from copsite.pages.reports import add_report_pages
from copsite.pages.site import Digest, NavItem, PageOut, Pages, Site
from copsite.publishing.editor import editor_files

__all__ = ["plan_site", "Site", "PageOut", "NavItem"]


def plan_site(handbook: Handbook, options: Options, memo: PlanMemo | None = None) -> Site:
    notices = sample_notices(handbook, options)
    handbook = scrub_handbook(handbook, preview=options.preview, words=options.lang)  # placeholders never reach the site
    d = Digest.of(handbook, options)
    if options.feeds and not options.site_url:
        notices.append(options.lang.gettext("feeds need the site's address: set site_url in mkdocs.yml; no feed was written"))

    if memo is not None:  # the preview: what an edit did not change is kept from the last plan
        memo.begin(d)
    out = Pages(options)
    add_hub_pages(out, d, memo)
    drafts: list[str] = []
    for c in handbook.communities:
        drafts += memo_pages(memo, "pages", out, c, lambda c=c: add_community_pages(out, d, c))  # type: ignore[misc]  # mypy cannot type a lambda's default argument (python/mypy#15459)
    for doc in handbook.pages:
        out.add(doc.path, page_title(doc), None, doc)
    add_report_pages(out, d, memo)  # after the authors' pages: a report.md they wrote becomes the report's introduction

    statics: dict[str, str] = {}
    if d.feeds:
        statics.update(feed_files(handbook, d.highlights, d.communities, options, memo))
    if options.calendar:
        statics.update(icalendar_files(handbook, options, memo))
    statics["resources.json"] = resources_json(handbook.bank, options)
    statics.update(editor_files(handbook, options))  # /admin/, when the editor is on

    return Site(pages=out.pages, nav=navigation(handbook, out.pages, options), statics=statics, drafts=drafts, notices=notices)

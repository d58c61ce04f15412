"""The MkDocs plugin: the only module that imports MkDocs.

A thin adapter. It reads the handbook (`copsite.reader`) before MkDocs cleans
the output folder and fails the build on errors, so a broken edit leaves the
last good site in place; it hands the pages, feeds and calendars planned by
`copsite.publish` to MkDocs; it builds the navigation; and it escapes every
title, because MkDocs and Material insert titles as markup.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .options import OptionError, Options, make_options
from .problems import Severity
from .publish import NavItem, Site, plan_site
from .repo import parse_repo_url
from .reader import read_handbook

log = get_plugin_logger("copsite")

ASSETS = Path(__file__).parent / "assets"
CSS = "assets/copsite/copsite.css"
JS = "assets/copsite/copsite.js"
_TEXT_META = ("title", "description", "subtitle", "status", "icon")


class CopsiteConfig(base.Config):
    communities_dir = c.Type(str, default="communities")
    timezone = c.Type(str, default="UTC")
    today = c.Optional(c.Type((str, dt.date)))
    publish_members = c.Type(bool, default=True)
    feeds = c.Type(bool, default=True)
    calendar = c.Type(bool, default=True)
    sidebar_communities = c.Type(int, default=12)
    language = c.Optional(c.Type(str))
    """Overrides theme.language for copsite's own words and dates."""


def options_from(config, plugin_config) -> Options:
    """The site options from a loaded MkDocs config; shared with `copsite check`."""
    return make_options(
        communities_dir=plugin_config.communities_dir,
        timezone=plugin_config.timezone,
        today=plugin_config.today,
        publish_members=plugin_config.publish_members,
        feeds=plugin_config.feeds,
        calendar=plugin_config.calendar,
        site_url=config.site_url,
        site_name=config.site_name,
        use_directory_urls=config.use_directory_urls,
        sidebar_communities=plugin_config.sidebar_communities,
        repo=parse_repo_url(config.repo_url, config.edit_uri),
        language=plugin_config.language or theme_language(config),
    )


def theme_language(config) -> str:
    """Material's `theme.language` (Material's own default: en)."""
    try:
        value = config.theme["language"]
    except (KeyError, TypeError):
        value = None
    return value if isinstance(value, str) and value else "en"


def _escape_meta(meta: dict) -> dict:
    out = dict(meta)
    for key in _TEXT_META:
        if isinstance(out.get(key), str):
            out[key] = str(escape(out[key]))
    if isinstance(out.get("tags"), list):
        out["tags"] = [str(escape(t)) for t in out["tags"]]
    return out


def problem_prefix(config) -> str:
    """How the docs folder is named from the folder of mkdocs.yml ('content'), for messages."""
    docs = Path(config.docs_dir)
    if config.config_file_path:
        try:
            return docs.relative_to(Path(config.config_file_path).resolve().parent).as_posix()
        except ValueError:
            pass
    return docs.as_posix()


class CopsitePlugin(BasePlugin[CopsiteConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.site: Site | None = None
        self.options = None
        self._sections: dict[str, Section] = {}
        self._communities_section: Section | None = None
        self._overview = None
        self._drafts: set[str] = set()
        self._prefix = ""
        self._command = "build"
        self._last_good: Site | None = None

    def on_startup(self, *, command, dirty):
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds,
        # which is how the last good site survives a broken edit.
        self._command = command

    # ---------------------------------------------------------------- config and reading

    def on_config(self, config):
        try:
            self.options = options_from(config, self.config)
        except OptionError as err:
            raise PluginError(f"copsite: {err}") from None
        for css in (CSS,):
            if css not in config.extra_css:
                config.extra_css.append(css)
        if JS not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(JS)
        return config

    def on_pre_build(self, config):
        # Runs before MkDocs cleans site_dir: a handbook with an error leaves the last good site.
        self._prefix = problem_prefix(config)
        handbook, problems = read_handbook(config.docs_dir, self.options, prefix=self._prefix, theme_dirs=config.theme.dirs)
        for p in problems:
            if p.is_error:
                log.error(str(p))
            elif p.severity is Severity.WARNING:
                log.warning(str(p))
            else:
                log.info(str(p))  # a placeholder from `copsite new`: a reminder, not a failure
        if problems.errors or (config.strict and problems.warnings):
            if self._command == "serve" and self._last_good is not None:
                # MkDocs' server stalls every request after a failed rebuild; so, while serving,
                # rebuild the last good site and say why, until the next good save.
                log.error(
                    f"copsite: the handbook has {problems.summary()}; still serving the last good "
                    "version until they are fixed."
                )
                self.site = self._last_good
                self._drafts = set(self.site.drafts)
                return
            raise PluginError(
                f"copsite: the handbook has {problems.summary()}; the site was not built "
                "(the last good site is left as it was). `copsite check` lists them too."
            )
        self.site = self._last_good = plan_site(handbook, self.options)
        for notice in self.site.notices:
            log.info(notice)
        self._drafts = set(self.site.drafts)

    # ---------------------------------------------------------------- files and navigation

    def on_files(self, files: Files, config):
        site = self.site
        for src, out in site.pages.items():
            existing = files.get_file_from_path(src)
            if existing is not None:
                existing.content_string = out.markdown  # read once by copsite; MkDocs reads no front matter
            else:
                files.append(File.generated(config, src, content=out.markdown))
        for f in files.documentation_pages():
            if f.src_uri not in site.pages:
                # Drafts, and (while serving the last good site) pages added since: published nowhere.
                f.inclusion = InclusionLevel.EXCLUDED
        for path, text in site.statics.items():
            files.append(File.generated(config, path, content=text))
        for name in ("copsite.css", "copsite.js"):
            files.append(File.generated(config, f"assets/copsite/{name}", abs_src_path=str(ASSETS / name)))
        return files

    def on_nav(self, nav, config, files):
        site = self.site
        pages: list[Page] = []
        self._sections = {}

        def build(item: NavItem, parent):
            if item.src is not None:
                page = files.get_file_from_path(item.src).page
                page.title = str(escape(item.title))
                page.parent = parent
                pages.append(page)
                return page
            section = Section(str(escape(item.title)), [])
            section.parent = parent
            section.children = [build(child, section) for child in item.children]
            if item.community:
                self._sections[item.community] = section
            return section

        items = [build(item, None) for item in site.nav]
        for prev, page in zip([None, *pages], pages):
            page.previous_page = prev
            if prev is not None:
                prev.next_page = page
        if pages:
            pages[-1].next_page = None
        # Pages outside the navigation (single highlights) still get a title and no parent.
        in_nav = {id(p) for p in pages}
        for src, out in site.pages.items():
            f = files.get_file_from_path(src)
            if f is not None and f.page is not None and id(f.page) not in in_nav:
                f.page.title = str(escape(out.title))
                f.page.parent = None
        self._communities_section = next(i for i in items if isinstance(i, Section))
        self._overview = self._communities_section.children[0]
        return Navigation(items, pages)

    def on_page_markdown(self, markdown, page, config, files):
        out = self.site.pages.get(page.file.src_uri)
        if out is not None:
            meta = _escape_meta(out.meta)
            if page.is_homepage and (out.generated or out.meta.get("title") == config.site_name):
                meta.pop("title", None)  # Material titles the home page with site_name alone
            page.meta = meta
        if self._drafts and "](" in markdown:
            self._warn_draft_links(markdown, page)
        return markdown

    def _warn_draft_links(self, markdown: str, page) -> None:
        here = posixpath.dirname(page.file.src_uri)
        for target in re.findall(r"\]\(\s*<?([^)\s>]+)", markdown):
            path = target.split("#", 1)[0]
            if not path or "://" in path:
                continue
            resolved = posixpath.normpath(posixpath.join(here, path))
            if resolved in self._drafts:
                log.warning(
                    f"{self._prefix}/{page.file.src_uri}: links to the draft "
                    f"highlight {resolved}, which is not published: the link will not work"
                )

    def on_page_context(self, context, page, config, nav):
        """Above `sidebar_communities`, a page's sidebar lists only its own community: no O(pages²) navigation."""
        section = self._communities_section
        if section is None or len(section.children) - 1 <= self.options.sidebar_communities:
            return context
        # The page's own community, by its path: a lookup, not a scan of every community.
        parts = page.file.src_uri.split("/")
        depth = self.options.communities_dir.count("/") + 1
        mine = self._sections.get(parts[depth]) if len(parts) > depth + 1 and "/".join(parts[:depth]) == self.options.communities_dir else None
        local = Section(section.title, [self._overview, *([mine] if mine is not None else [])])
        local.active = section.active
        context["nav"] = Navigation([local if item is section else item for item in nav.items], nav.pages)
        return context

    def on_post_page(self, output, page, config):
        out = self.site.pages.get(page.file.src_uri)
        if out is not None and out.feed:
            here = page.url.rstrip("/") if page.url.endswith("/") else posixpath.dirname(page.url)
            href = posixpath.relpath(out.feed, here or ".")
            # rel="alternate feed", not rel="alternate": feed readers look for the "alternate" token,
            # while Material takes every link[rel=alternate] for a language version of the site and
            # fetches sitemap.xml beside it (a 404 beside a community's feed).
            link = f'<link rel="alternate feed" type="application/atom+xml" title="{escape(out.title)}" href="{escape(href)}">'
            output = output.replace("</head>", link + "\n</head>", 1)
        return output

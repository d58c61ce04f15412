"""The MkDocs plugin: with `copsite.engine.config` (its options), the engine side of copsite.

A thin adapter. It reads the handbook (`copsite.content.reader`) before MkDocs cleans
the output folder and fails the build on errors, so a broken edit leaves the
last good site in place; it hands the pages, feeds and calendars planned by
`copsite.engine.planner` to MkDocs; it builds the navigation; and it escapes every
title, because MkDocs and Material insert titles as markup.
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from copsite.content.reader import read_handbook
from copsite.engine.config import CopsiteConfig, language_problem, options_from, problem_prefix
from copsite.engine.planner import NavItem, Site, plan_site
from copsite.engine.preview import PreviewSession
from copsite.engine.theme import ASSETS, CSS, OVERRIDES, SCRIPTS, escape_meta
from copsite.i18n import language
from copsite.model.options import NAMES, OptionError, Options, unknown_option
from copsite.model.problems import Severity
from copsite.model.urls import page_url
from copsite.pages.body_html import published
from copsite.pages.body_html import text as body_text
from copsite.publishing.editor import edit_address, footer_link, signin_problems

log = get_plugin_logger("copsite")


class _Unchanged(File):
    """A page whose planned Markdown, meta and navigation are those of the last build: not rebuilt."""

    def is_modified(self) -> bool:
        return False


def _setting(config) -> str:
    """What every page is built from besides copsite's plan: mkdocs.yml and the theme's own files."""
    parts = []
    if config.config_file_path and Path(config.config_file_path).is_file():
        parts.append(Path(config.config_file_path).read_text(encoding="utf-8", errors="replace"))
    custom = config.theme.custom_dir
    if custom and Path(custom).is_dir():
        for f in sorted(Path(custom).rglob("*")):
            if f.is_file():
                st = f.stat()
                parts.append(f"{f}:{st.st_mtime_ns}:{st.st_size}")
    return "\n".join(parts)


def _toc_text(items) -> None:
    """The table of contents' titles as the page shows them (`body_html.text`)."""
    for item in items:
        item.title = body_text(item.title)
        _toc_text(item.children)


def stopping_list(problems, strict: bool, limit: int = 20) -> str:
    """The problems that stopped the build, for the final error: `mkdocs build -q` hides the log lines."""
    stopping = [p for p in problems if p.is_error or (strict and p.severity is Severity.WARNING)]
    lines = [f"\n  {problems.severity_word(p.severity)}: {p}" for p in stopping[:limit]]
    if len(stopping) > limit:
        lines.append("\n  " + problems.say("... and %(num)s more", num=len(stopping) - limit))
    return "".join(lines)


class CopsitePlugin(BasePlugin[CopsiteConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site: Site | None = None
        self.options: Options | None = None
        self._sections: dict[str, Section] = {}
        self._communities_section: Section | None = None
        self._overview = None
        self._prefix = ""
        self._files: Files | None = None
        self._lists: dict = {}
        """Single highlight's source path -> its community's Highlights page."""
        self._session: PreviewSession | None = None
        """What `mkdocs serve` keeps from one build to the next (None: a build)."""
        self.given: frozenset[str] = frozenset()
        """The options mkdocs.yml sets, as written."""

    def load_config(self, options, config_file_path=None):
        # An unknown option is an error (a typo like `publish_member` would otherwise publish
        # every member's name), the same in `copsite check`, which loads mkdocs.yml through MkDocs.
        self.given = frozenset(options)  # the options mkdocs.yml sets (the commands ask: `copsite status`)
        errors, warnings = super().load_config(options, config_file_path)
        known = sorted(NAMES)
        unknown = [w[0] for w in warnings if isinstance(w, tuple) and w[0] not in known]
        words = language(options.get("language")) if isinstance(options.get("language"), str) else None
        errors = [*errors, *((key, unknown_option(key, known, words)) for key in unknown)]
        return errors, [w for w in warnings if not (isinstance(w, tuple) and w[0] in unknown)]

    def on_startup(self, *, command, dirty):
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds,
        # which is how the last good site survives a broken edit.
        # Each save reads only the files it changed; under `mkdocs serve --dirty`, rebuilds only the
        # pages it changed (copsite.engine.preview). A build keeps nothing from an earlier serve.
        self._session = PreviewSession(incremental=dirty) if command == "serve" else None

    # ---------------------------------------------------------------- config and reading

    def on_config(self, config):
        try:
            self.options = options_from(config, self.config)
        except OptionError as err:
            raise PluginError(f"copsite: {err}") from None
        if self._session is not None:
            self.options = replace(self.options, preview=True)  # the preview shows the sample community
        warnings, notes = signin_problems(self.options)  # the browser editor off: why (copsite.publishing.editor)
        for option, message in warnings:
            log.warning(f"mkdocs.yml: plugins.copsite.{option}: {self.options.lang.gettext(message)}")
        for option, message in notes:
            log.info(f"mkdocs.yml: plugins.copsite.{option}: {self.options.lang.gettext(message)}")
        if config.theme.name == "material" and str(OVERRIDES) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
        for css in (CSS,):
            if css not in config.extra_css:
                config.extra_css.append(css)
        for js in SCRIPTS:
            if js not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(js)
        return config

    def on_pre_build(self, config):
        # Runs before MkDocs cleans site_dir: a handbook with an error leaves the last good site.
        self._prefix = problem_prefix(config)
        session = self._session
        cache = session.reading(self.options.language) if session is not None else None
        handbook, problems = read_handbook(
            config.docs_dir, self.options, prefix=self._prefix, theme_dirs=config.theme.dirs, cache=cache
        )
        note = language_problem(config, self.config)
        if note is not None:
            problems.add(note)
        for p in problems:
            if p.is_error:
                log.error(str(p))
            elif p.severity is Severity.WARNING:
                log.warning(str(p))
            else:
                log.info(str(p))  # a placeholder from `copsite new`: a reminder, not a failure
        if problems.errors or (config.strict and problems.warnings):
            last_good = session.serve_last_good() if session is not None else None
            if last_good is not None:
                # MkDocs' server stalls every request after a failed rebuild; so, while serving,
                # rebuild the last good site and say why, until the next good save.
                log.error(
                    problems.say(
                        "the handbook has %(problems)s; still serving the last good version until they are fixed.",
                        problems=problems.summary(),
                    )
                )
                self.site = last_good
                return
            raise PluginError(
                "copsite: "
                + problems.say(
                    "the handbook has %(problems)s; the site was not built (the last good site is left as it was). "
                    "`copsite check` lists them too.",
                    problems=problems.summary(),
                )
                + stopping_list(problems, config.strict)
            )
        self.site = plan_site(handbook, self.options, memo=session.memo if session is not None else None)
        for notice in self.site.notices:
            log.info(notice)
        if session is not None:
            session.planned(self.site, lambda: _setting(config))

    def on_env(self, env, config, files):
        if self._session is not None and env.bytecode_cache is None:
            env.bytecode_cache = self._session.templates
        if self.options is not None:  # Material's footer line (copsite's overrides/partials/copyright.html)
            _ = self.options.lang.gettext
            env.globals["copsite_made_with"] = _("Made with")
            # The names copsite.js gives the regions it makes (a code block that scrolls: "Code: How to contribute").
            env.globals["copsite_words"] = {"code": _("Code"), "code_named": _("Code: {name}")}
        return env

    # ---------------------------------------------------------------- files and navigation

    def on_files(self, files: Files, config):
        site = self.site
        assert site is not None  # planned by on_pre_build, which raises when it cannot
        self._files = files
        rebuild = self._session.rebuild if self._session is not None else None
        for src, out in site.pages.items():
            existing = files.get_file_from_path(src)
            if rebuild is not None and src not in rebuild:
                # Unchanged since the last build of this preview: MkDocs' --dirty skips it.
                if existing is not None:
                    files.remove(existing)
                files.append(_Unchanged.generated(config, src, content=out.markdown))
            elif existing is not None:
                existing.content_string = out.markdown  # read once by copsite; MkDocs reads no front matter
            else:
                files.append(File.generated(config, src, content=out.markdown))
        for f in files.documentation_pages():
            if f.src_uri not in site.pages:
                # Drafts, and (while serving the last good site) pages added since: published nowhere.
                f.inclusion = InclusionLevel.EXCLUDED
            elif f.edit_uri and f.edit_uri != (quoted := quote(f.edit_uri, safe="/")):
                f.edit_uri = quoted  # MkDocs joins it to edit_uri unquoted: 'Q&A #2.md' would stop at '#'
        for path, text in site.statics.items():
            files.append(File.generated(config, path, content=text))
        for name in ("copsite.css", "copsite.js", "post.js"):
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
        for prev, page in zip([None, *pages], pages, strict=False):
            page.previous_page = prev
            if prev is not None:
                prev.next_page = page
        if pages:
            pages[-1].next_page = None
        # Pages outside the navigation (single highlights) still get a title, and their community's
        # section as parent, so that the sidebar shows that section open (see on_page_context).
        in_nav = {id(p) for p in pages}
        self._lists = {}
        for src, out in site.pages.items():
            f = files.get_file_from_path(src)
            if f is not None and f.page is not None and id(f.page) not in in_nav:
                f.page.title = str(escape(out.title))
                f.page.parent = None
                self._place_outside_nav(f.page, files)
        self._communities_section = next(i for i in items if isinstance(i, Section))
        self._overview = self._communities_section.children[0]
        return Navigation(items, pages)

    def _place_outside_nav(self, page, files) -> None:
        """A single highlight belongs to its community's section, under the community's Highlights page."""
        assert self.options is not None  # set by on_config
        parts = page.file.src_uri.split("/")
        depth = self.options.communities_dir.count("/") + 1
        if len(parts) != depth + 3 or "/".join(parts[:depth]) != self.options.communities_dir or parts[depth + 1] != "highlights":
            return
        section = self._sections.get(parts[depth])
        listing = files.get_file_from_path("/".join(parts[: depth + 2]) + "/index.md")
        if section is not None and listing is not None and listing.page is not None:
            page.parent = section
            self._lists[page.file.src_uri] = listing.page

    def on_page_markdown(self, markdown, page, config, files):
        out = self.site.pages.get(page.file.src_uri)
        if out is not None:
            meta = escape_meta(out.meta)
            if page.is_homepage and (out.generated or out.meta.get("title") == config.site_name):
                meta.pop("title", None)  # Material titles the home page with site_name alone
            page.meta = meta
            page.edit_url = self._edit_url(out, page, config)
        return markdown

    def on_page_content(self, html, page, config, files):
        """Put back the HTML blocks copsite kept out of Markdown's way (`render.html_block`); with
        `body_html: false`, clean what the authors' bodies became (`body_html.published`)."""
        out = self.site.pages.get(page.file.src_uri)
        if out is None:
            return html
        if out.blocks:
            try:
                html = out.fill(html)
            except ValueError as err:
                raise PluginError(f"copsite: {err}") from None
        if not self.options.body_html:
            html = published(html)
            _toc_text(page.toc)
        return html

    def _edit_url(self, out, page, config) -> str | None:
        """Material's edit action: an author's page opens its own file in the host's editor; a page
        copsite generates has no file to edit. MkDocs' own edit_uri default (edit/master/docs/) is
        replaced by the handbook's real branch and docs folder (copsite.model.repo)."""
        assert self.options is not None  # set by on_config
        repo = self.options.repo
        if out.generated:
            return None
        in_editor = edit_address(page.file.src_uri, page.url, self.options)
        if in_editor is not None:
            return in_editor
        if repo is None or not config.edit_uri or config.edit_uri_template:
            return page.edit_url
        return repo.edit_url(page.file.src_uri)

    def on_page_context(self, context, page, config, nav):
        """Above `sidebar_communities`, a page's sidebar lists only its own community: no O(pages²) navigation.
        On a single highlight, the community's Highlights page is marked active while the page renders."""
        listing = self._lists.get(page.file.src_uri)
        if listing is not None:
            listing.active = True  # and its section, open; undone in on_post_page
        section = self._communities_section
        if section is None or len(section.children) - 1 <= self.options.sidebar_communities:
            return context
        # The page's own community, by its path: a lookup, not a scan of every community.
        assert self.options is not None  # set by on_config
        parts = page.file.src_uri.split("/")
        depth = self.options.communities_dir.count("/") + 1
        mine = (
            self._sections.get(parts[depth])
            if len(parts) > depth + 1 and "/".join(parts[:depth]) == self.options.communities_dir
            else None
        )
        local = Section(section.title, [self._overview, *([mine] if mine is not None else [])])
        local.active = section.active
        context["nav"] = Navigation([local if item is section else item for item in nav.items], nav.pages)
        return context

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, config):
        if self.site is not None and self.options.pdf:
            self._write_pdfs(config)
        if self._session is not None and self.site is not None:
            self._session.built(self.site, Path(config.site_dir), config.use_directory_urls)

    def on_post_page(self, output, page, config):
        if self.options.editor:  # "Edit the handbook" in the footer (copsite.publishing.editor)
            output = output.replace(
                '<div class="md-copyright">', '<div class="md-copyright">' + footer_link(page.url, self.options), 1
            )
        listing = self._lists.get(page.file.src_uri)
        if listing is not None:
            listing.active = False
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

    def _write_pdfs(self, config):
        """With `pdf: true`, print each report page MkDocs just wrote to `report.pdf` beside it."""
        from copsite.outputs.pdf import write_pdf
        from copsite.pages.reports import pdf_path, report_sources

        site_dir = Path(config.site_dir)
        for src in report_sources(self.site.pages, self.options):
            page_file = self._files.get_file_from_path(src)
            for url in write_pdf(site_dir / page_file.dest_uri, site_dir / pdf_path(src), site_dir):
                log.warning(
                    self.options.lang.gettext(
                        "%(pdf)s, the PDF of %(page)s, leaves out %(address)s: a PDF reads only files of the "
                        "built site, from no other folder or host",
                        pdf=pdf_path(src),
                        page="/" + page_url(src, config.use_directory_urls),
                        address=repr(url if len(url) <= 200 else url[:199] + "…"),
                    )
                )

"""Templates: the Jinja environment that turns copsite's views into page Markdown, and its filters.

Every template lives in `copsite/pages/templates/`; front-matter text reaches them as plain
strings and is escaped by autoescape (never markup).
"""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from copsite.content.placeholders import purpose_written
from copsite.i18n import N_, language
from copsite.model.sections import BY_NAME
from copsite.model.text import purpose_part, purpose_sentence


def label(value: str, kind: str | None = None, lang: str = "en") -> str:
    """A vocabulary word as a person reads it: 'in-person' -> 'In person' ('En personne' in French)."""
    return language(lang).label(value, kind)


def kindlabel(kind: str, lang: str = "en") -> str:
    """How a kind of highlight is named on badges, in feeds and in reports (from the catalogs)."""
    return language(lang).label(kind, "kind")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~<>.-])")


def mdheading(text: str) -> Markup:
    """Text safe inside a Markdown heading: HTML-escaped, then Markdown's own characters backslashed."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", str(escape(text))).replace("\\&", "&").replace("\\#", "&#35;"))


def strong(text: str) -> Markup:
    """Front-matter text in <strong>, escaped."""
    return Markup("<strong>%s</strong>") % text


def code(text: str) -> Markup:
    return Markup("<code>%s</code>") % text


def link_to(href: str, text: str) -> Markup:
    return Markup('<a href="%s">%s</a>') % (href, text)


HTML_BLOCK = "<!-- copsite-html {} -->"
"""The marker of a finished HTML block in a page's Markdown (see `html_block`)."""


@pass_context
def html_block(context, html: str) -> Markup:
    """`{% filter html %}...{% endfilter %}`: finished HTML kept out of Markdown's way.

    Python-Markdown parses every raw HTML block it meets, tag by tag, to find where the
    block ends; the reports' charts and tables are nothing but HTML, and parsing them
    cost more than all the rest of those pages. A template wraps such HTML in this
    filter: the page's Markdown holds a one-line marker instead, and the HTML waits in
    `PageOut.blocks` (the plugin puts it back after Markdown; `PageOut.source()` gives
    the Markdown with it inline, for any other engine). Rendered outside `Pages.add`
    (no `html_blocks` to collect into), the HTML stays inline.
    """
    blocks = context.get("html_blocks")
    if blocks is None:
        return Markup(html)
    key = HTML_BLOCK.format(len(blocks))
    blocks[key] = str(html).strip()
    return Markup(f"\n\n{key}\n\n")


NO_PURPOSE = N_("The purpose of this community is not written yet.")


@cache
def environment(lang: str = "en") -> Environment:
    """The templates' environment in one language: gettext from its catalog, Babel's dates."""
    words = language(lang)

    def purpose_shown(purpose) -> str:
        """The purpose sentence, or what to say while a part of it is still to write."""
        return purpose_sentence(purpose, words) if purpose_written(purpose) else words.gettext(NO_PURPOSE)

    env = Environment(
        extensions=["jinja2.ext.i18n"],
        loader=PackageLoader("copsite.pages", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        auto_reload=False,  # the package's templates do not change during a build
    )
    env.install_gettext_translations(words.translations, newstyle=True)  # type: ignore[attr-defined]  # added by jinja2.ext.i18n
    env.filters.update(
        longdate=words.date,
        timerange=words.time_range,
        number=words.number,
        decimal=words.decimal,
        monthlabel=lambda m: words.month(m.year, m.month),
        label=words.label,
        section_label=lambda name: words.pgettext("section", BY_NAME[name].label or name),
        kindlabel=lambda k: words.label(k, "kind"),
        mdheading=mdheading,
        part=purpose_part,
        html=html_block,
    )
    env.globals.update(
        purpose_sentence=purpose_shown, purpose_written=purpose_written, lang=words.tag, strong=strong, code=code, a=link_to
    )
    return env


def render(template: str, lang: str = "en", **context) -> str:
    text = environment(lang).get_template(template).render(**context)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"

"""The reports: `/communities/<slug>/report/` for each community and `/report/` for the handbook.

What a community did, counted from its files (see `copsite.model.reports`): participation,
activity over time, feedback and reflection, results. Each figure comes with a
sentence saying what it counts, charts are static SVG (`copsite.pages.charts`) with the
same numbers in a table, and the page prints on paper (copsite.css `@media print`;
the handbook's name, the page's address and the build date go in the page margins).
With `pdf: true` the plugin also prints them to `report.pdf` beside each page.
"""

from __future__ import annotations

from functools import partial

from markupsafe import Markup

from copsite.model import reports, schema, urls
from copsite.model.sections import BY_NAME
from copsite.pages import charts
from copsite.pages.parts import Part
from copsite.pages.site import Digest, Pages


def community_report_src(folder: str) -> str:
    return f"{folder}/report.md"


def pdf_path(src: str) -> str:
    """`communities/x/report.md` -> `communities/x/report.pdf` (beside the page's folder); `report.md` -> `report.pdf`."""
    return src[: -len(".md")] + ".pdf"


def report_sources(pages, options) -> list[str]:
    """The source paths of the report pages among a site's pages: the handbook's, then each community's."""
    depth = options.communities_dir.count("/") + 2
    return [
        src
        for src in pages
        if src == "report.md"
        or (src.startswith(options.communities_dir + "/") and src.endswith("/report.md") and src.count("/") == depth)
    ]


def _css_string(text: str) -> str:
    out = []
    for ch in text:
        if ch in '"\\<>' or ord(ch) < 32:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def page_margins(options, src: str) -> Markup:
    """A print style putting the handbook's name, the page's address and the build date in the page
    margins, in the handbook's language (the page numbers are CSS counters inside the sentence)."""
    _ = options.lang.gettext
    address = (
        urls.absolute(options.site_url, src, options.use_directory_urls)
        if options.site_url
        else "/" + urls.page_url(src, options.use_directory_urls)
    )
    sentence = _(
        "Built %(date)s · page %(page)s of %(pages)s", date=options.today.isoformat(), page="\0page\0", pages="\0pages\0"
    )
    parts = []
    for i, piece in enumerate(sentence.split("\0")):
        if i % 2:
            parts.append(f"counter({piece})" if piece in ("page", "pages") else _css_string(piece))
        elif piece:
            parts.append(_css_string(piece))
    return Markup(
        "<style>@media print{@page{"
        f"@top-left{{content:{_css_string(options.site_name)};font-size:8pt}}"
        f"@bottom-left{{content:{_css_string(address)};font-size:8pt;width:70%}}"
        f"@bottom-right{{content:{' '.join(parts)};font-size:8pt}}"
        "}}</style>"
    )


def kind_labels(words) -> dict[str, str]:
    return {k: words.label(k, "kind") for k in schema.HIGHLIGHT_KINDS}


def kind_series(by_month: dict[str, list[int]], words) -> list[charts.Series]:
    return [charts.Series(k, words.label(k, "kind"), by_month[k]) for k in schema.HIGHLIGHT_KINDS if any(by_month[k])]


def community_charts(f: reports.CommunityFigures, words) -> dict[str, Markup]:
    _ = words.gettext
    slug = f.community.slug
    labels = [words.month(m.year, m.month) for m in f.months]
    out = {}
    if f.attendance:
        avg = f.attendance_average
        out["attendance"] = charts.line_chart(
            f"chart-{slug}-attendance",
            _("Attendance at each meeting of %(name)s", name=f.community.title),
            words.ngettext(
                "%(num)s meeting recorded attendance, from %(first)s to %(last)s people; the average is %(average)s.",
                "%(num)s meetings recorded attendance, from %(first)s to %(last)s people; the average is %(average)s.",
                len(f.attendance),
                num=words.number(len(f.attendance)),
                first=words.number(f.attendance[0][1]),
                last=words.number(f.attendance[-1][1]),
                average=words.decimal(avg),
            )
            + " "
            + _("The table below gives each meeting."),
            [words.day_month(h.date) for h, n in f.attendance],
            [n for _, n in f.attendance],
            average=avg,
        )
    if f.months:
        out["highlights"] = charts.bar_chart(
            f"chart-{slug}-highlights",
            _("Highlights a month by kind, %(start)s to %(end)s", start=labels[0], end=labels[-1]),
            words.ngettext(
                "%(num)s highlight in all: %(kinds)s.",
                "%(num)s highlights in all: %(kinds)s.",
                f.highlights_total,
                num=words.number(f.highlights_total),
                kinds=", ".join(f"{words.number(f.kinds_total[k])} {words.label(k, 'kind').lower()}" for k in f.kinds_used),
            )
            + " "
            + _("The table below gives each month."),
            labels,
            kind_series(f.by_month, words),
        )
        out["resources"] = charts.line_chart(
            f"chart-{slug}-resources",
            _("Resources shared, cumulative, %(start)s to %(end)s", start=labels[0], end=labels[-1]),
            words.ngettext(
                "%(num)s resource shared by %(end)s.",
                "%(num)s resources shared by %(end)s.",
                f.resources[-1] if f.resources else 0,
                num=words.number(f.resources[-1] if f.resources else 0),
                end=labels[-1],
            )
            + " "
            + _("The table below gives each month."),
            labels,
            f.resources,
        )
    return out


def _author_doc(d: Digest, src: str):
    """A `report.md` its keepers wrote is the report's introduction (the figures follow it)."""
    doc = d.handbook.docs.get(src)
    return doc if doc is not None and doc.meta is not None else None


def report_parts(d: Digest) -> list[Part[None]]:
    """Each community's report (made from its files) and the handbook's, from figures computed once."""
    figures = reports.handbook_figures(d.handbook.communities, d.bank_by_community, d.handbook.bank, d.today)
    return [
        *(
            Part(("report", f.community.slug), partial(_add_community_report, d=d, f=f), communities=(f.community,))
            for f in figures.rows
        ),
        Part(("report", ""), partial(_add_handbook_report, d=d, figures=figures), keep=False),
    ]


def _add_community_report(out: Pages, d: Digest, f: reports.CommunityFigures) -> None:
    options = d.options
    words = options.lang
    _ = words.gettext
    c = f.community
    src = community_report_src(c.folder)
    out.add(
        src,
        _("Report"),
        BY_NAME["report"].template,
        _author_doc(d, src),
        meta_title=_("Report · %(name)s", name=c.title),
        c=c,
        f=f,
        charts=community_charts(f, words),
        kind_labels=kind_labels(words),
        norm_area_names=schema.NORM_AREAS,
        roles=schema.MEMBER_ROLES,
        legacy_kinds=schema.LEGACY_KINDS,
        margins=page_margins(options, src),
        pdf=pdf_path(src) if options.pdf else None,
    )


def _add_handbook_report(out: Pages, d: Digest, figures: reports.HandbookFigures) -> None:
    options = d.options
    words = options.lang
    _ = words.gettext
    labels = [words.month(m.year, m.month) for m in figures.months]
    hb_charts = {}
    if figures.months:
        hb_charts["highlights"] = charts.bar_chart(
            "chart-all-highlights",
            _("Highlights a month by kind across communities, %(start)s to %(end)s", start=labels[0], end=labels[-1]),
            words.ngettext(
                "%(num)s highlight in these months.",
                "%(num)s highlights in these months.",
                sum(sum(v) for v in figures.by_month.values()),
                num=words.number(sum(sum(v) for v in figures.by_month.values())),
            )
            + " "
            + _("The table below gives each month."),
            labels,
            kind_series(figures.by_month, words),
        )
        hb_charts["sessions"] = charts.bar_chart(
            "chart-all-sessions",
            _("Sessions held a month across communities, %(start)s to %(end)s", start=labels[0], end=labels[-1]),
            words.ngettext(
                "%(num)s session held in these months.",
                "%(num)s sessions held in these months.",
                sum(figures.sessions_by_month),
                num=words.number(sum(figures.sessions_by_month)),
            )
            + " "
            + _("The table below gives each month."),
            labels,
            [charts.Series("meeting", _("Sessions held"), figures.sessions_by_month)],
        )
    out.add(
        "report.md",
        _("Report"),
        "report_handbook.md.j2",
        _author_doc(d, "report.md"),
        meta_title=_("Report · %(name)s", name=options.site_name),
        hb=figures,
        charts=hb_charts,
        kind_labels=kind_labels(words),
        site_name=options.site_name,
        today=d.today,
        margins=page_margins(options, "report.md"),
        pdf="report.pdf" if options.pdf else None,
    )

"""The reports: `/communities/<slug>/report/` for each community and `/report/` for the handbook.

What a community did, counted from its files (see `copsite.reports`): participation,
activity over time, feedback and reflection, results. Each figure comes with a
sentence saying what it counts, charts are static SVG (`copsite.charts`) with the
same numbers in a table, and the page prints on paper (copsite.css `@media print`;
the handbook's name, the page's address and the build date go in the page margins).
With `pdf: true` the plugin also prints them to `report.pdf` beside each page.
"""

from __future__ import annotations

from markupsafe import Markup

from . import charts, reports, schema, urls
from .render import KIND_LABELS
from .site import Digest, Pages


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
        if src == "report.md" or (src.startswith(options.communities_dir + "/") and src.endswith("/report.md") and src.count("/") == depth)
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
    """A print style putting the handbook's name, the page's address and the build date in the page margins."""
    address = urls.absolute(options.site_url, src, options.use_directory_urls) if options.site_url else "/" + urls.page_url(src, options.use_directory_urls)
    return Markup(
        "<style>@media print{@page{"
        f"@top-left{{content:{_css_string(options.site_name)};font-size:8pt}}"
        f"@bottom-left{{content:{_css_string(address)};font-size:8pt;width:70%}}"
        f"@bottom-right{{content:{_css_string('Built ' + options.today.isoformat())} \" · page \" counter(page) \" of \" counter(pages);font-size:8pt}}"
        "}}</style>"
    )


def kind_series(by_month: dict[str, list[int]]) -> list[charts.Series]:
    return [charts.Series(k, KIND_LABELS[k], by_month[k]) for k in schema.HIGHLIGHT_KINDS if any(by_month[k])]


def community_charts(f: reports.CommunityFigures) -> dict[str, Markup]:
    slug = f.community.slug
    labels = [m.label for m in f.months]
    out = {}
    if f.attendance:
        avg = f.attendance_average
        out["attendance"] = charts.line_chart(
            f"chart-{slug}-attendance",
            f"Attendance at each meeting of {f.community.title}",
            f"{len(f.attendance)} meetings recorded attendance, from {f.attendance[0][1]} to {f.attendance[-1][1]} people; "
            f"the average is {avg:.1f}. The table below gives each meeting.",
            [f"{h.date.day} {reports.Month.of(h.date).label}" for h, _ in f.attendance],
            [n for _, n in f.attendance],
            average=avg,
        )
    if f.months:
        out["highlights"] = charts.bar_chart(
            f"chart-{slug}-highlights",
            f"Highlights a month by kind, {labels[0]} to {labels[-1]}",
            f"{f.highlights_total} highlights in all: "
            + ", ".join(f"{f.kinds_total[k]} {KIND_LABELS[k].lower()}" for k in f.kinds_used)
            + ". The table below gives each month.",
            labels,
            kind_series(f.by_month),
        )
        out["resources"] = charts.line_chart(
            f"chart-{slug}-resources",
            f"Resources shared, cumulative, {labels[0]} to {labels[-1]}",
            f"{f.resources[-1] if f.resources else 0} resources shared by {labels[-1]}. The table below gives each month.",
            labels,
            f.resources,
        )
    return out


def _author_doc(d: Digest, src: str):
    """A `report.md` its keepers wrote is the report's introduction (the figures follow it)."""
    doc = d.handbook.docs.get(src)
    return doc if doc is not None and doc.meta is not None else None


def add_report_pages(out: Pages, d: Digest) -> None:
    """Each community's report and the handbook's, from figures computed once."""
    options = d.options
    figures = reports.handbook_figures(d.handbook.communities, d.bank_by_community, d.handbook.bank, d.today)
    for f in figures.rows:
        c = f.community
        src = community_report_src(c.folder)
        out.add(
            src,
            "Report",
            "report.md.j2",
            _author_doc(d, src),
            meta_title=f"Report · {c.title}",
            c=c,
            f=f,
            charts=community_charts(f),
            kind_labels=KIND_LABELS,
            roles=schema.MEMBER_ROLES,
            legacy_kinds=schema.LEGACY_KINDS,
            margins=page_margins(options, src),
            pdf=pdf_path(src) if options.pdf else None,
        )
    labels = [m.label for m in figures.months]
    hb_charts = {}
    if figures.months:
        hb_charts["highlights"] = charts.bar_chart(
            "chart-all-highlights",
            f"Highlights a month by kind across communities, {labels[0]} to {labels[-1]}",
            f"{sum(sum(v) for v in figures.by_month.values())} highlights in these months. The table below gives each month.",
            labels,
            kind_series(figures.by_month),
        )
        hb_charts["sessions"] = charts.bar_chart(
            "chart-all-sessions",
            f"Sessions held a month across communities, {labels[0]} to {labels[-1]}",
            f"{sum(figures.sessions_by_month)} sessions held in these months. The table below gives each month.",
            labels,
            [charts.Series("meeting", "Sessions held", figures.sessions_by_month)],
        )
    out.add(
        "report.md",
        "Report",
        "report_handbook.md.j2",
        _author_doc(d, "report.md"),
        meta_title=f"Report · {options.site_name}",
        hb=figures,
        charts=hb_charts,
        kind_labels=KIND_LABELS,
        site_name=options.site_name,
        today=d.today,
        margins=page_margins(options, "report.md"),
        pdf="report.pdf" if options.pdf else None,
    )

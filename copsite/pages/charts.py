"""Static, accessible SVG charts for the reports: a small template of our own, no library, no script.

Why not a chart library: leather and pygal write fixed colours (or a script, in
pygal's case) and their own titles; the reports need charts coloured from the
theme's CSS variables (so palette and dark mode carry over), an accessible name
(`role="img"`, `<title>`, `<desc>`), text kept as `<text>`, and a few KB each.
Two shapes cover every report: stacked bars over time and a line with points.

Each chart is one line of markup (no blank line: it stays one raw HTML block in
Markdown). Every value drawn is also in the table the report prints beside it.
Colours: each series has a class `copsite-series--<name>` that copsite.css maps
to a theme variable; the `fill`/`stroke` attribute is only the fallback.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 480, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 8, 12, 36
FONT = 15
"""In viewBox units: about 11 px when the chart is 340 px wide (a 375 px phone)."""

FALLBACK = {
    "meeting": "#757575",
    "check-in": "#4051b5",
    "survey": "#d52a2a",
    "success-story": "#a846b9",
    "reflection": "#3f6ec6",
    "summary": "#222222",
    "value": "#4051b5",
    "average": "#757575",
}


@dataclass
class Series:
    name: str
    """A CSS-safe name: `copsite-series--<name>` colours it."""
    label: str
    values: Sequence[float]


def nice_max(value: float) -> int:
    """The top of the axis: 1, 2, 5 times a power of ten, at least the value (and at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return int(step * power)
    return int(10 * power)


def tick_step(top: int) -> int:
    """A whole-number step between the value axis' lines (everything the charts count is a count):
    at most six lines from 0 to `top` (1, 2, 5 times a power of ten, from `nice_max`)."""
    power = 1
    while True:
        for step in (power, 2 * power, 5 * power):
            if top / step <= 5 and top % step == 0:
                return step
        power *= 10


CHAR_WIDTH = 0.68
"""A label's width a character, in ems: wider than the average letter or digit of common sans-serif
faces (DejaVu Sans' digits are 0.64 em), so that a label measured with it is never wider drawn."""
GAP = 0.8
"""Room between two labels, in ems."""


def text_width(text: str) -> float:
    """A conservative width of a label, in viewBox units."""
    return len(text) * CHAR_WIDTH * FONT


def x_labels(labels: list[str]) -> list[tuple[float, str, str]]:
    """(x, anchor, text) of the labels under the bars that fit without touching: the last one always,
    then every `step`-th one back from it, `step` the smallest that leaves a gap between measured
    widths; the first and last kept inside the plot (the first not under the value axis' "0")."""
    n = len(labels)
    if not n:
        return []
    slot = (WIDTH - LEFT - RIGHT) / n
    widest = max(text_width(t) for t in labels) + GAP * FONT
    step = max(1, math.ceil(widest / slot))
    chosen: list[tuple[float, str]] = []
    right_edge: float = WIDTH - RIGHT
    for i in range(n - 1, -1, -step):
        w = text_width(labels[i])
        centre = LEFT + slot * (i + 0.5)
        left = min(max(centre - w / 2, LEFT), WIDTH - RIGHT - w)
        if left + w + GAP * FONT > right_edge and chosen:
            continue  # pushed against the one after it by the chart's edge
        chosen.append((left, labels[i]))
        right_edge = left
    return [(left, "start", text) for left, text in reversed(chosen)]


def _frame(chart_id: str, title: str, desc: str, top: int, labels: list[str], body: list[str]) -> Markup:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg class="copsite-chart" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg" font-size="{FONT}">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]
    step = tick_step(top)
    for i in range(int(top // step) + 1):
        value = step * i
        y = TOP + plot_h - plot_h * value / top
        parts.append(
            f'<line class="copsite-chart__grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc" stroke-width="1"/>'
        )
        parts.append(
            f'<text class="copsite-chart__axis" x="{LEFT - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{value}</text>'
        )
    parts.extend(body)
    for x, anchor, text in x_labels(labels):
        parts.append(
            f'<text class="copsite-chart__axis" x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="{anchor}" fill="#555">{escape(text)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def bar_chart(chart_id: str, title: str, desc: str, labels: list[str], series: list[Series]) -> Markup:
    """Stacked bars, one a label (a month), a segment a series."""
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    top = nice_max(max(totals, default=0))
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    bar_w = max(slot * 0.7, 1)
    body = []
    for i in range(len(labels)):
        base = 0.0
        x = LEFT + slot * i + (slot - bar_w) / 2
        for s in series:
            v = s.values[i]
            if not v:
                continue
            h = plot_h * v / top
            y = TOP + plot_h - plot_h * base / top - h
            body.append(
                f'<rect class="copsite-series--{s.name}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{FALLBACK.get(s.name, "#4051b5")}"/>'
            )
            base += v
    return _frame(chart_id, title, desc, top, labels, body)


def line_chart(
    chart_id: str, title: str, desc: str, labels: list[str], values: Sequence[float], average: float | None = None
) -> Markup:
    """A line through one point a label, with a dashed line at the average when given."""
    top = nice_max(max(values, default=0))
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / max(len(labels), 1)
    points = [(LEFT + slot * (i + 0.5), TOP + plot_h - plot_h * v / top) for i, v in enumerate(values)]
    body = []
    if average is not None:
        y = TOP + plot_h - plot_h * average / top
        body.append(
            f'<line class="copsite-series--average" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{FALLBACK["average"]}" stroke-width="2" stroke-dasharray="6 4"/>'
        )
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        body.append(
            f'<polyline class="copsite-series--value" points="{path}" fill="none" stroke="{FALLBACK["value"]}" stroke-width="3"/>'
        )
    for x, y in points:
        body.append(f'<circle class="copsite-series--value" cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{FALLBACK["value"]}"/>')
    return _frame(chart_id, title, desc, top, labels, body)

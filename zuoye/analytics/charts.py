"""Small server-rendered SVG charts: lines over weeks and horizontal bars.

No chart library and nothing fetched at run time: the page carries the SVG itself, the text is
real text (the page's Chinese font renders it, screen readers read it), and a ``<title>`` on
each point or bar gives the exact number on hover. Colours come from a fixed palette that
stays distinct in grey print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

PALETTE = ("#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2", "#4d7c0f", "#be185d")


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float | None]  # one per x label; None: nothing that week


def _fmt(v: float) -> str:
    return f"{v:.0f}" if abs(v - round(v)) < 0.05 else f"{v:.1f}"


def line_chart(*, title: str, x_labels: Sequence[str], series: Sequence[Series], y_max: float | None = None,
               unit: str = "", width: int = 640, height: int = 240) -> SafeString:
    """Lines over ``x_labels`` (weeks); gaps where a value is None; a legend under the plot."""
    left, right, top, bottom = 44, 12, 26, 44 + 18 * ((len(series) + 2) // 3)
    plot_w, plot_h = width - left - right, height - top - bottom + 18 * ((len(series) + 2) // 3)
    values = [v for s in series for v in s.values if v is not None]
    top_value = y_max if y_max is not None else max(values, default=1) or 1
    n = max(len(x_labels), 1)
    step = plot_w / max(n - 1, 1)
    out = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height + 18 * ((len(series) + 2) // 3)}" '
           f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(title)}">',
           f'<title>{escape(title)}</title><text x="{left}" y="16" class="chart-title">{escape(title)}</text>']
    for k in range(5):
        y = top + plot_h * k / 4
        out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
                   f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="tick">'
                   f'{_fmt(top_value * (4 - k) / 4)}{escape(unit)}</text>')
    every = max(1, (n + 9) // 10)
    for i, label in enumerate(x_labels):
        if i % every == 0:
            out.append(f'<text x="{left + i * step:.1f}" y="{top + plot_h + 16:.1f}" text-anchor="middle" '
                       f'class="tick">{escape(label)}</text>')

    def point(i: int, v: float) -> tuple[float, float]:
        return left + i * step, top + plot_h * (1 - min(v, top_value) / top_value)

    for s_no, s in enumerate(series):
        colour = PALETTE[s_no % len(PALETTE)]
        runs: list[list[tuple[float, float]]] = [[]]
        for i, v in enumerate(s.values):
            if v is None:
                runs.append([])
                continue
            runs[-1].append(point(i, v))
            x, y = point(i, v)
            label = x_labels[i] if i < len(x_labels) else ""
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"><title>{escape(s.label)} '
                       f'{escape(label)}: {_fmt(v)}{escape(unit)}</title></circle>')
        for run in runs:
            if len(run) > 1:
                pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                out.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2"/>')
        lx, ly = left + (s_no % 3) * (plot_w / 3), top + plot_h + 36 + 18 * (s_no // 3)
        out.append(f'<rect x="{lx:.1f}" y="{ly - 9:.1f}" width="12" height="4" fill="{colour}"/>'
                   f'<text x="{lx + 16:.1f}" y="{ly - 4:.1f}" class="legend">{escape(s.label)}</text>')
    if not values:
        out.append(f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h / 2:.1f}" text-anchor="middle" '
                   f'class="empty">–</text>')
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    note: str = ""  # shown after the number (e.g. "12 人")
    alert: bool = False  # drawn in the warning colour (below a threshold, over a limit)


def bar_chart(*, title: str, bars: Sequence[Bar], x_max: float | None = None, unit: str = "",
              marker: float | None = None, marker_label: str = "", width: int = 640) -> SafeString:
    """Horizontal bars, one a row, with an optional vertical marker (a limit, a threshold)."""
    label_w, row_h, top = 150, 22, 26
    plot_w = width - label_w - 90
    top_value = x_max if x_max is not None else max([b.value for b in bars] + [marker or 0, 1])
    height = top + row_h * max(len(bars), 1) + 10
    out = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg" '
           f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
           f'<text x="0" y="16" class="chart-title">{escape(title)}</text>']
    for i, b in enumerate(bars):
        y = top + i * row_h
        w = plot_w * min(b.value, top_value) / top_value if top_value else 0
        out.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" class="label">{escape(b.label)}</text>'
                   f'<rect x="{label_w}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" '
                   f'class="{"bar alert" if b.alert else "bar"}"><title>{escape(b.label)}: {_fmt(b.value)}'
                   f'{escape(unit)}</title></rect>'
                   f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" class="value">{_fmt(b.value)}{escape(unit)}'
                   f'{(" " + escape(b.note)) if b.note else ""}</text>')
    if marker is not None and top_value:
        x = label_w + plot_w * min(marker, top_value) / top_value
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{height - 6}" class="marker"/>'
                   f'<text x="{x + 3:.1f}" y="{top - 2}" class="marker-label">{escape(marker_label)}</text>')
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 - every text above is escaped

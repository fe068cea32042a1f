"""Server-rendered SVG charts of a mirror analysis (no JavaScript): gap over time, top pairs."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def _fmt(value: float) -> str:
    return f"{value:,.0f}"


def gap_over_time_svg(periods: Sequence[str], gaps: Sequence[float], *, title: str) -> SafeString:
    """Vertical bars of the gap (kg) per period, above the axis when importers report more."""
    width, height, pad = 640, 240, 40
    if not periods:
        return mark_safe("")  # noqa: S308 - empty string
    top = max(max((abs(g) for g in gaps), default=0.0), 1.0)
    step = (width - 2 * pad) / len(periods)
    mid = height / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{pad}" y1="{mid}" x2="{width - pad}" y2="{mid}" stroke="#555"/>',
    ]
    for index, (period, gap) in enumerate(zip(periods, gaps, strict=True)):
        bar = abs(gap) / top * (mid - 20)
        x = pad + index * step + step * 0.15
        y = mid - bar if gap >= 0 else mid
        colour = "#b3261e" if gap >= 0 else "#1f5fa8"
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{bar:.1f}" fill="{colour}">'
            f"<title>{escape(period)}: {_fmt(gap)} kg</title></rect>"
        )
        parts.append(
            f'<text x="{x + step * 0.35:.1f}" y="{height - 4}" font-size="10" text-anchor="middle">{escape(period)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped, numbers are formatted


def top_pairs_svg(labels: Sequence[str], values: Sequence[float], *, title: str, unit: str) -> SafeString:
    """Horizontal bars of the largest gaps per exporter → importer pair."""
    if not labels:
        return mark_safe("")  # noqa: S308 - empty string
    row, left, width = 22, 120, 640
    height = row * len(labels) + 10
    top = max(max((abs(v) for v in values), default=0.0), 1.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 5 + index * row
        bar = abs(value) / top * (width - left - 110)
        colour = "#b3261e" if value >= 0 else "#1f5fa8"
        parts.append(
            f'<text x="{left - 6}" y="{y + 14}" font-size="11" text-anchor="end">{escape(label)}</text>'
        )
        parts.append(f'<rect x="{left}" y="{y + 3}" width="{bar:.1f}" height="{row - 8}" fill="{colour}"/>')
        parts.append(
            f'<text x="{left + bar + 4:.1f}" y="{y + 14}" font-size="11">{_fmt(value)} {escape(unit)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped, numbers are formatted

"""Bar charts as inline SVG, drawn on the server (no JavaScript): one horizontal bar per value."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from django.utils.safestring import SafeString, mark_safe

BAR_HEIGHT = 22
LABEL_WIDTH = 220
BAR_WIDTH = 360


def bar_chart(pairs: Sequence[tuple[str, int | float]], *, title: str) -> SafeString:
    """An accessible SVG bar chart (role=img, a <title>, every bar labelled with its value)."""
    pairs = list(pairs)[:20]
    top = max((float(v) for _k, v in pairs), default=0.0) or 1.0
    height = BAR_HEIGHT * len(pairs) + 8
    width = LABEL_WIDTH + BAR_WIDTH + 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for i, (label, value) in enumerate(pairs):
        y = 4 + i * BAR_HEIGHT
        w = max(1, round(BAR_WIDTH * float(value) / top))
        parts.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(str(label)[:34])}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{w}" height="{BAR_HEIGHT - 6}" fill="#1b6b3a"/>'
            f'<text x="{LABEL_WIDTH + w + 4}" y="{y + 15}" font-size="12">{escape(str(value))}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped

"""Bar charts as inline SVG, drawn on the server (no JavaScript): one horizontal bar per value."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

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


MAP_WIDTH = 720
MAP_HEIGHT = 360


def _xy(lat: float, lon: float) -> tuple[float, float]:
    """Equirectangular projection onto the map's box (longitude −180…180 → 0…width)."""
    return round((lon + 180) / 360 * MAP_WIDTH, 1), round((90 - lat) / 180 * MAP_HEIGHT, 1)


def route_map(
    routes: Sequence[Any], points: dict[str, tuple[float, float, str]], *, title: str
) -> tuple[SafeString, list[str]]:
    """Routes (origin → transit → destination) as an inline SVG on a plain graticule (no tiles, no
    borders): one line per route through its stops, thicker for more cases, an arrow at the destination,
    every country of a route marked and labelled with its code. Returns the SVG and the codes that have
    no point in ``points`` (those routes are drawn only through the stops that do)."""
    missing: set[str] = set()
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart route-map" role="img" '
        f'viewBox="0 0 {MAP_WIDTH} {MAP_HEIGHT}" width="100%" aria-label="{escape(title)}">'
        f"<title>{escape(title)}</title>"
        '<defs><marker id="route-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" '
        'markerHeight="6" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8a1c1c"/></marker></defs>'
        f'<rect width="{MAP_WIDTH}" height="{MAP_HEIGHT}" fill="#eef4f8"/>'
    ]
    for lon in range(-150, 180, 30):
        x, _y = _xy(0, lon)
        parts.append(
            f'<line x1="{x}" y1="0" x2="{x}" y2="{MAP_HEIGHT}" stroke="#c9d6df" stroke-width="0.5"/>'
        )
    for lat in range(-60, 90, 30):
        _x, y = _xy(lat, 0)
        parts.append(f'<line x1="0" y1="{y}" x2="{MAP_WIDTH}" y2="{y}" stroke="#c9d6df" stroke-width="0.5"/>')
    top = max((r.cases for r in routes), default=1)
    used: set[str] = set()
    for route in routes:
        coords = []
        for code in route.stops:
            if code in points:
                coords.append(_xy(points[code][0], points[code][1]))
                used.add(code)
            elif code:
                missing.add(code)
        if len(coords) < 2:
            continue
        width = round(1.5 + 4.5 * route.cases / top, 1)
        path = " ".join(f"{x},{y}" for x, y in coords)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="#8a1c1c" stroke-opacity="0.75" '
            f'stroke-width="{width}" marker-end="url(#route-arrow)" data-route="{escape(route.label)}">'
            f"<title>{escape(route.label)}: {route.cases}</title></polyline>"
        )
    for code in sorted(used):
        x, y = _xy(points[code][0], points[code][1])
        parts.append(
            f'<circle cx="{x}" cy="{y}" r="3.5" fill="#1b6b3a"><title>{escape(points[code][2])}</title></circle>'
            f'<text x="{x + 5}" y="{y - 4}" font-size="11">{escape(code)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts)), sorted(missing)  # noqa: S308 - every text above is escaped

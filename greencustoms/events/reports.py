"""Reports rendered from the data: HTML for the page, the same HTML through WeasyPrint for the PDF."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string


def pdf_from_template(template: str, context: dict[str, Any], *, request: HttpRequest) -> bytes:
    """Render a standalone report template and print it to PDF (no network: every style is inline)."""
    from weasyprint import HTML  # imported late: loading pango takes a moment

    html = render_to_string(template, context, request=request)
    return HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()

"""Reports rendered from the data: HTML for the page, the same HTML through WeasyPrint for the PDF.

A PDF is printed once per distinct content: its key is a digest of the HTML that would be printed (built
from the records the caller may see, in the caller's language, with today's date where the report shows
it), so any change to the meeting, its report, participants, outcomes or actions makes a new file, and the
HTML (milliseconds) is all a repeated request costs. The caller's view asks the access policy first.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language

from greencustoms import renders
from greencustoms.accounts.policy import Level, visible_levels


def _print(html: str, base_url: str) -> bytes:
    from weasyprint import HTML  # imported late: loading pango takes a moment

    return HTML(string=html, base_url=base_url).write_pdf()


def pdf_from_template(template: str, context: dict[str, Any], *, request: HttpRequest) -> bytes:
    """Render a standalone report template and print it to PDF (no network: every style is inline)."""
    return _print(render_to_string(template, context, request=request), request.build_absolute_uri("/"))


def cached_pdf(
    template: str, context: dict[str, Any], *, request: HttpRequest, family: Iterable[object]
) -> str:
    """The storage name of the report's PDF, printed only when no file holds this exact content.

    Raises :class:`greencustoms.renders.Preparing` while another request prints the same content.
    """
    html = render_to_string(template, context, request=request)
    base_url = request.build_absolute_uri("/")
    return renders.rendered(
        family, renders.digest(html, base_url), lambda: _print(html, base_url), suffix="pdf"
    )


def report_pdf_response(
    request: HttpRequest, event: Any, *, template: str, context: dict[str, Any], kind: str, filename: str
) -> HttpResponse:
    """A meeting's report PDF from the render cache; the caller's view has already passed the policy for it."""
    family = (kind, event.pk, "-".join(sorted(visible_levels(request.user))), get_language())
    try:
        name = cached_pdf(template, context, request=request, family=family)
    except renders.Preparing:
        return renders.preparing_response()
    return renders.file_response(
        name,
        content_type="application/pdf",
        filename=filename,
        inline=True,
        # Only what anyone may see may be kept by others; the rest is private to the caller.
        public=event.access_level == Level.PUBLIC and not request.user.is_authenticated,
    )

"""Award certificates as PDF (WeasyPrint) with a QR code to the public verification page.

The verification works as the e-learning certificates' do (a random code, a public page that shows the
holder, the award and the date, nothing else); the QR helper is shared with them.
"""

from __future__ import annotations

import base64
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from greencustoms.cases.models import AwardCertificate


def verify_url(certificate: AwardCertificate) -> str:
    return settings.SITE_URL + reverse("cases:award_verify_code", args=[certificate.code])


def qr_svg(certificate: AwardCertificate) -> str:
    image = qrcode.make(verify_url(certificate), image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def render_pdf(certificate: AwardCertificate, *, request: Any = None) -> bytes:
    from weasyprint import HTML

    qr = base64.b64encode(qr_svg(certificate).encode()).decode()
    html = render_to_string(
        "cases/certificate.html",
        {
            "certificate": certificate,
            "verify_url": verify_url(certificate),
            "qr_data": f"data:image/svg+xml;base64,{qr}",
        },
        request=request,
    )
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()

"""Certificates as PDF (WeasyPrint) with a QR code pointing to the public verification page."""

from __future__ import annotations

import base64
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from greencustoms.learning.models import Certificate


def verify_url(certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("learning:verify_code", args=[certificate.code])


def qr_svg(certificate: Certificate) -> str:
    image = qrcode.make(verify_url(certificate), image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def render_pdf(certificate: Certificate, *, request: Any = None) -> bytes:
    from weasyprint import HTML

    qr = base64.b64encode(qr_svg(certificate).encode()).decode()
    html = render_to_string(
        "learning/certificate.html",
        {
            "certificate": certificate,
            "verify_url": verify_url(certificate),
            "qr_data": f"data:image/svg+xml;base64,{qr}",
        },
        request=request,
    )
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()

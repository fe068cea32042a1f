"""Certificates as PDF (WeasyPrint) with a QR code pointing to the public verification page."""

from __future__ import annotations

import base64
from typing import Any

import qrcode
import qrcode.image.svg
from django.apps import apps
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.module_loading import import_string

from greencustoms.learning.models import Certificate


def find(code: str) -> Any:
    """The certificate holding ``code``: an e-learning certificate, or one another app issues and registers
    with ``certificate_lookup = "dotted.function"`` on its AppConfig (attendance certificates of workshops).

    Every certificate answers the same public verification page; each object shows ``code``,
    ``holder_name``, ``module_title``, ``issued_at`` (and may name its ``subject_label``)."""
    code = code.strip().upper()
    found: Any = Certificate.objects.filter(code=code).first()
    if found is not None:
        return found
    for config in apps.get_app_configs():
        lookup = getattr(config, "certificate_lookup", None)
        if lookup:
            found = import_string(lookup)(code)
            if found is not None:
                return found
    return None


def new_code() -> str:
    """A fresh verification code (``ABCD-EFGH-JKLM``) that no certificate of any app holds yet."""
    from greencustoms.learning.services import _new_code

    while True:
        code = _new_code()
        if find(code) is None:
            return code


def verify_url(certificate: Any) -> str:
    return settings.SITE_URL + reverse("learning:verify_code", args=[certificate.code])


def qr_svg(certificate: Any) -> str:
    image = qrcode.make(verify_url(certificate), image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def render_pdf(
    certificate: Any, *, request: Any = None, template: str = "learning/certificate.html"
) -> bytes:
    from weasyprint import HTML

    qr = base64.b64encode(qr_svg(certificate).encode()).decode()
    html = render_to_string(
        template,
        {
            "certificate": certificate,
            "verify_url": verify_url(certificate),
            "qr_data": f"data:image/svg+xml;base64,{qr}",
        },
        request=request,
    )
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()

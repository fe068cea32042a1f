"""Certificates as PDF (WeasyPrint) with a QR code pointing to the public verification page."""

from __future__ import annotations

import base64
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from greencustoms.learning.models import Certificate


def verify_url(certificate: Certificate) -> str:
    """The public verification address, in the certificate's language (a French certificate opens in French)."""
    with translation.override(certificate.enrolment.module.language or settings.LANGUAGE_CODE):
        return settings.SITE_URL + reverse("learning:verify_code", args=[certificate.code])


def qr_svg(certificate: Certificate) -> str:
    image = qrcode.make(verify_url(certificate), image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


def _static_data_uri(path: str) -> str:
    """A static SVG as a data: URI (the PDF renderer needs no web server to draw the logos)."""
    found = finders.find(path)
    if not found:
        return ""
    with open(found, "rb") as handle:
        return "data:image/svg+xml;base64," + base64.b64encode(handle.read()).decode()


def certificate_facts(certificate: Certificate) -> dict[str, Any]:
    """Issuer, logos, language and learning hours of a certificate, for the PDF and the verification page."""
    module = certificate.enrolment.module
    version = module.current_version
    minutes = version.estimated_minutes if version is not None else 0
    partner = module.owner_partner
    return {
        "issuer": partner,
        "language": module.language,
        "language_name": translation.get_language_info(module.language)["name_local"]
        if module.language in dict(settings.LANGUAGES)
        else module.language,
        "hours": round(minutes / 60, 1),
        "partner_logo": _static_data_uri(f"img/partners/{partner.slug}.svg"),
        "gci_logo": _static_data_uri("img/logo.svg"),
    }


def render_pdf(certificate: Certificate, *, request: Any = None) -> bytes:
    """The certificate in the module's language (a module taken in French gives a French certificate)."""
    from weasyprint import HTML

    qr = base64.b64encode(qr_svg(certificate).encode()).decode()
    facts = certificate_facts(certificate)
    with translation.override(facts["language"]):
        html = render_to_string(
            "learning/certificate.html",
            {
                "certificate": certificate,
                "verify_url": verify_url(certificate),
                "qr_data": f"data:image/svg+xml;base64,{qr}",
                **facts,
            },
            request=request,
        )
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()

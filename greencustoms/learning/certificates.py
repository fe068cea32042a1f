"""Certificates as PDF (WeasyPrint) with a QR code pointing to the public verification page."""

from __future__ import annotations

import base64
from typing import Any

import qrcode
import qrcode.image.svg
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string

from greencustoms.learning.models import Certificate
from greencustoms.learning.services import _new_code


def find(code: str) -> Any:
    """The certificate holding ``code``: an e-learning certificate, or one another app issues and registers
    with ``certificate_lookup = "dotted.function"`` on its AppConfig (attendance certificates of workshops).

    Every certificate answers the same public verification page; each object shows ``code``,
    ``holder_name``, ``module_title``, ``issued_at`` (and may name its ``subject_label``)."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    # as typed from paper: any case, with or without dashes or spaces
    code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}" if len(raw) == 12 else code.strip().upper()
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

    while True:
        code = _new_code()
        if find(code) is None:
            return code


def _language_of(certificate: Any) -> str:
    """The certificate's language: an e-learning module's own, else the certificate's ``language``, else English."""
    if isinstance(certificate, Certificate):
        return certificate.language or certificate.enrolment.module.language or settings.LANGUAGE_CODE
    return getattr(certificate, "language", "") or settings.LANGUAGE_CODE


def verify_url(certificate: Any) -> str:
    """The public verification address, in the certificate's language (a French certificate opens in French)."""
    with translation.override(_language_of(certificate)):
        return settings.SITE_URL + reverse("learning:verify_code", args=[certificate.code])


def qr_svg(certificate: Any) -> str:
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
    language = _language_of(certificate)
    return {
        "issuer": partner,
        "language": language,
        "language_name": translation.get_language_info(language)["name_local"]
        if language in dict(settings.LANGUAGES)
        else language,
        "hours": round(minutes / 60, 1),
        "partner_logo": _static_data_uri(f"img/partners/{partner.slug}.svg"),
        "gci_logo": _static_data_uri("img/logo.svg"),
    }


def render_pdf(
    certificate: Any, *, request: Any = None, template: str = "learning/certificate.html"
) -> bytes:
    """The certificate in its language (a module taken in French gives a French certificate); other apps'
    certificates (workshop attendance) bring their own template."""
    from weasyprint import HTML

    qr = base64.b64encode(qr_svg(certificate).encode()).decode()
    facts = certificate_facts(certificate) if isinstance(certificate, Certificate) else {}
    with translation.override(facts.get("language") or _language_of(certificate)):
        html = render_to_string(
            template,
            {
                "certificate": certificate,
                "verify_url": verify_url(certificate),
                "qr_data": f"data:image/svg+xml;base64,{qr}",
                **facts,
            },
            request=request,
        )
    return HTML(string=html, base_url=settings.SITE_URL).write_pdf()

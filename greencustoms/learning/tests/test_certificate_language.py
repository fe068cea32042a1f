"""A module taken in French gives a French certificate with issuer, logos and learning hours; codes are
verified whatever their case and dashes."""

import io
from typing import Any

from pypdf import PdfReader

from greencustoms.learning import certificates
from greencustoms.learning.models import Module
from greencustoms.learning.tests.test_views import _passed


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_module_taken_in_french_gives_a_french_certificate(module: Module, officer: Any) -> None:
    Module.objects.filter(pk=module.pk).update(language="fr")
    certificate = _passed(module, officer)
    certificate.refresh_from_db()
    text = " ".join(_text(certificates.render_pdf(certificate)).split())
    assert "Certificat de réussite" in text
    assert "2 mars 2026" in text and "français" in text
    assert "World Customs Organization" in text  # the issuer: the module's partner
    assert certificates.verify_url(certificate).endswith(f"/fr/learning/verify/{certificate.code}/")


def test_an_english_certificate_names_the_hours_and_the_issuer(module: Module, officer: Any) -> None:
    certificate = _passed(module, officer)
    facts = certificates.certificate_facts(certificate)
    assert facts["language"] == "en" and facts["issuer"].acronym == "WCO"
    assert facts["hours"] == round(module.current_version.estimated_minutes / 60, 1)
    assert facts["partner_logo"].startswith("data:image/svg+xml;base64,")
    text = " ".join(_text(certificates.render_pdf(certificate)).split())
    assert "Certificate of completion" in text and "hours of learning" in text


def test_the_code_is_found_whatever_its_case_dashes_and_spaces(
    module: Module, officer: Any, client: Any
) -> None:
    certificate = _passed(module, officer)
    raw = certificate.code.replace("-", "")
    for typed in (certificate.code.lower(), raw, f" {raw[:4]} {raw[4:8]} {raw[8:]} ", raw.lower()):
        response = client.get("/learning/verify/", {"code": typed})
        assert response.status_code == 200, typed
        assert "genuine" in response.content.decode()
    assert (
        client.get(
            "/learning/verify/", {"code": raw[:-1] + "Z" if raw[-1] != "Z" else raw[:-1] + "Y"}
        ).status_code
        == 404
    )


def test_the_verification_page_is_linked_from_every_page(client: Any, db: Any) -> None:
    assert 'href="/learning/verify/"' in client.get("/learning/").content.decode()


def test_lesson_pictures_are_served_to_those_who_may_see_the_module(module: Module, client: Any) -> None:
    from greencustoms.learning.models import LessonImage

    image = LessonImage.objects.filter(version__module=module).first()
    assert image is not None
    url = image.get_absolute_url()
    assert url == f"/learning/images/{image.pk}/"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] in ("image/svg+xml", "image/png") and b"".join(response.streaming_content)
    Module.objects.filter(pk=module.pk).update(access_level="intranet")
    assert client.get(url).status_code == 404
    assert client.get("/learning/images/999999/").status_code == 404


def test_the_lesson_page_links_its_pictures_through_the_checked_view(
    module: Module, officer: Any, client_for: Any
) -> None:
    c = client_for(officer)
    c.post("/learning/ozone/enrol/")
    page = c.get("/learning/ozone/lessons/1/").content.decode()
    assert 'src="/learning/images/' in page and "/media/learning/images/" not in page


def test_a_reminder_e_mail_links_in_the_language_the_learner_chose(module: Module, officer: Any) -> None:
    from datetime import timedelta

    from django.core import mail

    from greencustoms.learning import nudges
    from greencustoms.learning.tests.conftest import T0
    from greencustoms.learning.tests.test_nudges import started
    from greencustoms.website.languages import save_language

    save_language(user=officer, language="es")
    started(module, officer)
    assert nudges.nudges_send(at=T0 + timedelta(days=30)) == 1
    assert f"/es/learning/{module.slug}/resume/" in mail.outbox[-1].body

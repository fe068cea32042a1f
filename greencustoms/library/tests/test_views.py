"""Library views, downloads, API, enforcement section, intranet and feedback."""

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from greencustoms.accounts.models import AuditEntry
from greencustoms.accounts.policy import Level
from greencustoms.conftest import signed_in_client, verified
from greencustoms.library import services
from greencustoms.library.choices import FeedbackStatus
from greencustoms.library.models import Document, Feedback, FeedbackForm
from greencustoms.library.pdf import simple_pdf


def _doc(title: str, level: str) -> Document:
    return Document.objects.get(title__startswith=title, access_level=level)


def test_public_download_has_type_disposition_and_public_caching(demo_content: Any, client: Any) -> None:
    doc = _doc("Green Customs at a glance", Level.PUBLIC)
    item = doc.main_file()
    response = client.get(item.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Cache-Control"].startswith("public")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_risk_indicator_download_is_private_audited_and_x_accel_ready(
    demo_content: Any, enforcement_user: Any
) -> None:
    doc = Document.objects.filter(access_level=Level.ENFORCEMENT, owner_partner__acronym="WCO").get()
    client = signed_in_client(enforcement_user)
    with override_settings(USE_X_ACCEL_REDIRECT=True):
        response = client.get(doc.main_file().get_download_url())
    assert response.status_code == 200
    assert response["X-Accel-Redirect"].startswith("/_protected/library/")
    assert response["Cache-Control"] == "private, no-store"
    assert response.content == b""
    entry = AuditEntry.objects.filter(channel="file", actor=enforcement_user).get()
    assert entry.action == "download" and entry.level == Level.ENFORCEMENT


def test_enforcement_section_lists_risk_indicators_audits_and_links_cen(
    demo_content: Any, enforcement_user: Any
) -> None:
    response = signed_in_client(enforcement_user).get("/library/enforcement/")
    assert response.status_code == 200
    assert b"Risk indicator sheet" in response.content
    assert b"wcoomd.org" in response.content
    assert AuditEntry.objects.filter(channel="listing", actor=enforcement_user).count() == 2


@pytest.mark.parametrize("who", ["officer", "enforcement_without_2fa", "trainer", "partner_user"])
def test_enforcement_section_is_closed_to_others(demo_content: Any, who: str, request: Any) -> None:
    response = signed_in_client(request.getfixturevalue(who)).get("/library/enforcement/")
    assert response.status_code == 403
    assert b"Risk indicator sheet" not in response.content


def test_library_filters_and_full_text_search(demo_content: Any, client: Any) -> None:
    assert b"five checks" in client.get("/library/?q=relabelling").content  # text from inside the PDF
    body = client.get("/library/?agreement=cites&doc_type=trifold").content
    assert b"Permits at the border" in body and b"five checks" not in body
    assert b"Refrigerant" in client.get("/library/?language=es").content
    assert b"Permits at the border" not in client.get("/library/?partner=BRS").content


def test_library_listing_and_api_query_counts_are_bounded(
    demo_content: Any, secretariat_user: Any, django_assert_max_num_queries: Any
) -> None:
    client = signed_in_client(secretariat_user)
    client.get("/library/")
    with django_assert_max_num_queries(25):
        assert client.get("/library/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/api/v1/documents").status_code == 200


def test_api_lists_visible_documents_with_the_contract_fields(demo_content: Any, officer: Any) -> None:
    rows = signed_in_client(officer).get("/api/v1/documents").json()
    assert {r["level"] for r in rows} == {"public", "registered"}
    row = rows[0]
    assert set(row) == {"id", "title", "level", "partner", "type", "language", "file_url"}
    assert row["file_url"].startswith("http://testserver/library/files/")
    found = signed_in_client(officer).get("/api/v1/documents?q=relabelling").json()
    assert [r["type"] for r in found] == ["flyer"]


def test_partner_uploads_a_version_and_the_search_text_follows(demo_content: Any, partner_user: Any) -> None:
    client = signed_in_client(partner_user)
    data = simple_pdf("Our new flyer", ["aardvark smuggling patterns"])
    response = client.post(
        "/library/upload/",
        {
            "title": "Our new flyer",
            "owner_partner": partner_user.partner_id,
            "doc_type": "flyer",
            "language": "en",
            "access_level": "public",
            "file": SimpleUploadedFile("flyer.pdf", data, content_type="application/pdf"),
        },
    )
    assert response.status_code == 302
    doc = Document.objects.get(title="Our new flyer")
    assert "aardvark" in doc.search_text
    response = client.post(
        f"/library/{doc.pk}/versions/",
        {
            "language": "en",
            "note": "v2",
            "file": SimpleUploadedFile("flyer.pdf", simple_pdf("v2", ["zebra crossing"])),
        },
    )
    assert response.status_code == 302
    assert sorted(doc.files.values_list("version", flat=True)) == [1, 2]
    doc.refresh_from_db()
    assert "zebra" in doc.search_text and "aardvark" not in doc.search_text


def test_upload_errors_name_the_field(demo_content: Any, partner_user: Any) -> None:
    response = signed_in_client(partner_user).post(
        "/library/upload/",
        {
            "title": "x",
            "owner_partner": partner_user.partner_id,
            "doc_type": "flyer",
            "language": "en",
            "access_level": "public",
            "file": SimpleUploadedFile("flyer.pdf", b"plain text pretending"),
        },
    )
    assert response.status_code == 400
    assert "File: this type of file" in response.content.decode()


def test_partner_staff_cannot_file_documents_for_another_partner(
    demo_content: Any, partner_user: Any, partners: Any
) -> None:
    with pytest.raises(Exception, match="own organization"):
        services.document_create(
            title="x",
            owner_partner=partners["UNEP"],
            doc_type="flyer",
            language="en",
            access_level="public",
            fh=io.BytesIO(simple_pdf("x", ["y"])),
            name="x.pdf",
            by=verified(partner_user),
            at=timezone.now(),
        )


def test_intranet_is_for_partners_and_secretariat(
    demo_content: Any, partner_user: Any, officer: Any, enforcement_user: Any
) -> None:
    assert signed_in_client(officer).get("/library/intranet/").status_code == 404
    assert signed_in_client(enforcement_user).get("/library/intranet/").status_code == 404
    body = signed_in_client(partner_user).get("/library/intranet/").content
    assert b"Partners&#x27; meeting (demo)" in body


def test_feedback_is_moderated_and_partners_see_feedback_on_their_documents(
    demo_content: Any, officer: Any, secretariat_user: Any, partner_user: Any, trainer: Any
) -> None:
    doc = Document.objects.filter(owner_partner__acronym="WCO", access_level=Level.PUBLIC).first() or _doc(
        "Green Customs at a glance", Level.PUBLIC
    )
    if doc.owner_partner.acronym != "WCO":
        doc.owner_partner = partner_user.partner
        doc.save()
    signed_in_client(officer).post(
        f"/library/{doc.pk}/feedback/", {"rating": "2", "comment": "Too long zzqx"}
    )
    item = Feedback.objects.get(author=officer, document=doc)
    assert item.status == FeedbackStatus.PENDING
    assert b"zzqx" not in signed_in_client(trainer).get(f"/library/{doc.pk}/").content
    assert b"zzqx" in signed_in_client(partner_user).get("/library/feedback/ours/").content
    assert signed_in_client(officer).get("/library/feedback/moderation/").status_code == 404
    signed_in_client(secretariat_user).post(
        "/library/feedback/moderation/", {"feedback": item.pk, "decision": "approve"}
    )
    item.refresh_from_db()
    assert item.status == FeedbackStatus.APPROVED
    assert b"zzqx" in signed_in_client(trainer).get(f"/library/{doc.pk}/").content


def test_event_feedback_form_answers_are_summarised(
    demo_content: Any, officer: Any, secretariat_user: Any
) -> None:
    form = FeedbackForm.objects.get()
    q_rating, q_text = form.questions.all()
    client = signed_in_client(officer)
    bad = client.post(f"/library/feedback/forms/{form.pk}/", {f"q{q_rating.pk}": "9"})
    assert bad.status_code == 400
    ok = client.post(
        f"/library/feedback/forms/{form.pk}/", {f"q{q_rating.pk}": "3", f"q{q_text.pk}": "Longer lunch"}
    )
    assert ok.status_code == 302
    assert signed_in_client(officer).get(f"/library/feedback/forms/{form.pk}/summary/").status_code == 404
    summary = signed_in_client(secretariat_user).get(f"/library/feedback/forms/{form.pk}/summary/")
    assert summary.status_code == 200
    assert b"Longer lunch" in summary.content
    assert b"1 response" in summary.content

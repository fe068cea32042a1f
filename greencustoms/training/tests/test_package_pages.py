"""The national package in pages: partner staff create versions, upload files to a draft, approve it;
files are served only through an access-checked view; an approved version never changes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from greencustoms.accounts.choices import Role
from greencustoms.accounts.models import AuditEntry
from greencustoms.conftest import make_user, signed_in_client, verified
from greencustoms.training import kit, services
from greencustoms.training.models import PackageFile, PackageVersion
from greencustoms.training.tests.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private(settings: Any, tmp_path: Path) -> None:
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


@pytest.fixture
def ozonaction_staff(partners: Any) -> Any:
    return make_user("ozon@test.example", Role.PARTNER, totp=True, partner=partners["OzonAction"])


@pytest.fixture
def draft(partners: Any, agreements: Any) -> PackageVersion:
    return services.package_version_create(
        agreement=agreements["montreal"], partner=partners["OzonAction"], language="fr", by=None, at=NOW,
        title="Protocole de Montréal", presenter_notes="Partir des licences.",
    )  # fmt: skip


def test_staff_create_a_version_upload_slides_and_approve_it_into_the_kit(
    ozonaction_staff: Any, agreements: Any
) -> None:
    client = signed_in_client(ozonaction_staff)
    assert client.get("/training/package/versions/new/").status_code == 200
    response = client.post(
        "/training/package/versions/new/",
        {
            "agreement": agreements["montreal"].pk, "partner": ozonaction_staff.partner_id, "language": "fr",
            "title": "Protocole de Montréal", "presenter_notes": "Partir des licences.",
            "complex_points": "Mélanges", "contacts": "Réseau régional",
        },
    )  # fmt: skip
    version = PackageVersion.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/training/package/versions/{version.pk}/"
    assert (version.number, version.status, version.partner.acronym) == (1, "draft", "OzonAction")

    upload = SimpleUploadedFile("diapositives.pdf", b"%PDF-1.4 slides", content_type="application/pdf")
    response = client.post(
        f"/training/package/versions/{version.pk}/",
        {"step": "upload", "title": "Diapositives", "upload": upload},
    )
    assert response.status_code == 302
    item = PackageFile.objects.get(version=version)
    assert (item.title, item.uploaded_by_id) == ("Diapositives", ozonaction_staff.pk)
    page = client.get(f"/training/package/versions/{version.pk}/").content.decode()
    assert f'<a href="/training/package/files/{item.pk}/">Diapositives</a>' in page

    # a draft stays out of the kit; approved, its slides are in it
    assert b"Partir des licences." not in kit.package_kit(
        agreement=agreements["montreal"], language="fr", at=NOW
    )
    assert client.post(f"/training/package/versions/{version.pk}/", {"step": "approve"}).status_code == 302
    version.refresh_from_db()
    assert (version.status, version.approved_by_id) == ("approved", ozonaction_staff.pk)
    import zipfile
    from io import BytesIO

    z = zipfile.ZipFile(BytesIO(kit.package_kit(agreement=agreements["montreal"], language="fr", at=NOW)))
    [name] = [n for n in z.namelist() if n.startswith("files/")]
    assert z.read(name) == b"%PDF-1.4 slides"


def test_an_approved_version_does_not_change_and_the_next_one_carries_its_files(
    ozonaction_staff: Any, draft: PackageVersion, partners: Any, agreements: Any
) -> None:
    services.package_file_add(
        version=draft, title="Slides", upload=SimpleUploadedFile("s.pptx", b"pptx"), by=None, at=NOW
    )
    services.package_version_approve(version=draft, by=None, at=NOW)
    client = signed_in_client(ozonaction_staff)
    response = client.post(
        f"/training/package/versions/{draft.pk}/",
        {"step": "upload", "title": "More", "upload": SimpleUploadedFile("m.pdf", b"x")},
    )
    assert response.status_code == 400
    assert "An approved version cannot change: make a new version." in response.content.decode()
    assert draft.files.count() == 1
    v2 = services.package_version_create(
        agreement=agreements["montreal"], partner=partners["OzonAction"], language="fr", by=None, at=NOW,
        title="v2",
    )  # fmt: skip
    assert (v2.number, v2.status) == (2, "draft")
    assert [(f.title, f.file.name) for f in v2.files.all()] == [
        (f.title, f.file.name) for f in draft.files.all()
    ]
    # removing the carried file from the new draft leaves the approved version (and the stored file) intact
    services.package_file_remove(item=v2.files.get(), by=verified(ozonaction_staff))
    assert v2.files.count() == 0
    with draft.files.get().file.open("rb") as stored:
        assert stored.read() == b"pptx"


def test_a_file_type_outside_the_list_is_refused(ozonaction_staff: Any, draft: PackageVersion) -> None:
    response = signed_in_client(ozonaction_staff).post(
        f"/training/package/versions/{draft.pk}/",
        {"step": "upload", "title": "Page", "upload": SimpleUploadedFile("kit.html", b"<script>")},
    )
    assert response.status_code == 400
    assert (
        "Accepted files: pdf, ppt, pptx, odp, doc, docx, odt, txt, png, jpg, jpeg."
        in response.content.decode()
    )
    assert not PackageFile.objects.exists()


def test_another_partners_staff_see_the_draft_but_may_not_upload_or_approve(
    partner_user: Any, draft: PackageVersion
) -> None:
    client = signed_in_client(partner_user)  # WCO staff
    page = client.get(f"/training/package/versions/{draft.pk}/")
    assert page.status_code == 200 and "Add a file" not in page.content.decode()
    upload = {"step": "upload", "title": "X", "upload": SimpleUploadedFile("x.pdf", b"x")}
    assert client.post(f"/training/package/versions/{draft.pk}/", upload).status_code == 403
    assert client.post(f"/training/package/versions/{draft.pk}/", {"step": "approve"}).status_code == 403
    draft.refresh_from_db()
    assert draft.status == "draft" and not draft.files.exists()
    with pytest.raises(PermissionDenied):
        services.package_file_add(
            version=draft,
            title="X",
            upload=SimpleUploadedFile("x.pdf", b"x"),
            by=verified(partner_user),
            at=NOW,
        )


def test_the_file_view_checks_access_on_every_request(
    client: Any, officer: Any, trainer: Any, ozonaction_staff: Any, draft: PackageVersion
) -> None:
    item = services.package_file_add(
        version=draft, title="Slides", upload=SimpleUploadedFile("slides.pdf", b"%PDF draft"),
        by=verified(ozonaction_staff), at=NOW,
    )  # fmt: skip
    url = f"/training/package/files/{item.pk}/"
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == f"/account/login/?next={url}"
    assert signed_in_client(officer).get(url).status_code == 404
    # a trainer downloads the kit's files, but not a draft's
    assert signed_in_client(trainer).get(url).status_code == 404
    staff = signed_in_client(ozonaction_staff).get(url)
    assert staff.status_code == 200
    # read once and not closed again: a second close() ends the test's database connection on PostgreSQL
    assert b"".join(staff.streaming_content) == b"%PDF draft"
    assert staff["Content-Type"] == "application/pdf"
    assert staff["Cache-Control"] == "private, no-store"
    assert AuditEntry.objects.filter(actor=ozonaction_staff, action="download").count() == 1
    services.package_version_approve(version=draft, by=None, at=NOW)
    approved = signed_in_client(trainer).get(url)
    assert approved.status_code == 200 and b"".join(approved.streaming_content) == b"%PDF draft"
    assert signed_in_client(officer).get(url).status_code == 404
    # the stored file is not reachable under the media URL
    assert client.get(f"/media/{item.file.name}").status_code == 404


def test_the_pages_are_for_partner_staff_and_the_secretariat(
    client: Any, officer: Any, trainer: Any, draft: PackageVersion
) -> None:
    for url in ("/training/package/versions/new/", f"/training/package/versions/{draft.pk}/"):
        assert client.get(url).status_code == 302
        assert signed_in_client(officer).get(url).status_code == 404
        assert signed_in_client(trainer).get(url).status_code == 404

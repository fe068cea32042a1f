"""The national package's kit, unzipped, opens from the disk (file://, no network) in the chosen language
and its links reach the slides inside the kit."""

import zipfile
from io import BytesIO, StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_kit_index_works_offline_in_french(
    browser: Any, site: Any, tmp_path: Path, settings: Any
) -> None:
    from greencustoms.agreements.models import Agreement
    from greencustoms.agreements.reference import load as load_agreements
    from greencustoms.partners.models import Partner
    from greencustoms.training import kit, services
    from greencustoms.training.models import ModelAgenda, ModelAgendaItem, PackageFile

    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    load_agreements(stdout=StringIO())
    now = timezone.now()
    montreal = Agreement.objects.get(slug="montreal")
    agenda = ModelAgenda.objects.create(kind="national_workshop", title="Model")
    ModelAgendaItem.objects.create(agenda=agenda, day=1, title="Ouverture")
    version = services.package_version_create(
        agreement=montreal, partner=Partner.objects.get(acronym="OzonAction"), language="fr", by=None, at=now,
        title="Protocole de Montréal", presenter_notes="Partir du système de licences.",
    )  # fmt: skip
    slides = PackageFile(version=version, title="Diapositives")
    slides.file.save("diapos.txt", ContentFile(b"Contenu des diapositives"))
    services.package_version_approve(version=version, by=None, at=now)

    folder = tmp_path / "kit"
    zipfile.ZipFile(BytesIO(kit.package_kit(agreement=montreal, language="fr", at=now))).extractall(folder)

    context = browser.new_context(offline=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto((folder / "index.html").as_uri())
        expect(page.get_by_role("heading", level=1)).to_contain_text("Module national Douanes vertes")
        expect(page.get_by_role("heading", name="Notes pour le présentateur")).to_be_visible()
        expect(page.get_by_text("Partir du système de licences.")).to_be_visible()
        assert page.locator("#agenda").inner_text().startswith("Jour 1")
        page.get_by_role("link", name="Diapositives").click()
        page.wait_for_load_state()
        assert page.url.startswith("file://") and "Contenu des diapositives" in page.content()
    finally:
        context.close()

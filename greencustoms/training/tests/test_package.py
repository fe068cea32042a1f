"""The national package: versions, approval, the offline kit (zip) in the chosen language, the CLI."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile

from greencustoms.cli import main
from greencustoms.training import kit, services
from greencustoms.training.models import ModelAgenda, ModelAgendaItem, PackageFile
from greencustoms.training.tests.conftest import NOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def package(partners: Any, agreements: Any, settings: Any, tmp_path: Path) -> Any:
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    agenda = ModelAgenda.objects.create(kind="national_workshop", title="Model")
    ModelAgendaItem.objects.create(agenda=agenda, day=2, title="Risk profiling")
    versions = {}
    for language, notes in [("en", "Start with licensing."), ("fr", "Commencer par les licences.")]:
        v = services.package_version_create(
            agreement=agreements["montreal"], partner=partners["OzonAction"], language=language, by=None, at=NOW,
            title=f"Montreal {language}", presenter_notes=notes, complex_points="Blends", contacts="Network",
        )  # fmt: skip
        f = PackageFile(version=v, title=f"Slides {language}")
        f.file.save(f"slides-{language}.txt", ContentFile(f"slides {language}".encode()))
        versions[language] = v
    return versions


def _zip(body: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(BytesIO(body))


def test_drafts_stay_out_of_the_kit_until_approved(package: Any, agreements: Any) -> None:
    body = kit.package_kit(agreement=agreements["montreal"], language="fr", at=NOW)
    assert "Commencer par les licences" not in _zip(body).read("index.html").decode()
    services.package_version_approve(version=package["fr"], by=None, at=NOW)
    z = _zip(kit.package_kit(agreement=agreements["montreal"], language="fr", at=NOW))
    index = z.read("index.html").decode()
    assert "Commencer par les licences" in index
    assert '<html lang="fr">' in index
    assert "Notes pour le présentateur" in index  # the page's own words are in French
    [slides] = [n for n in z.namelist() if n.startswith("files/")]
    assert z.read(slides) == b"slides fr" and f'href="{slides}"' in index
    assert "Risk profiling" in index


def test_a_language_without_an_approved_version_falls_back_to_english(package: Any, agreements: Any) -> None:
    services.package_version_approve(version=package["en"], by=None, at=NOW)
    index = _zip(kit.package_kit(agreement=agreements["montreal"], language="es", at=NOW)).read("index.html")
    assert b"Start with licensing." in index


def test_a_new_version_is_numbered_after_the_last(package: Any, partners: Any, agreements: Any) -> None:
    v2 = services.package_version_create(
        agreement=agreements["montreal"],
        partner=partners["OzonAction"],
        language="en",
        by=None,
        at=NOW,
        title="v2",
    )
    assert (package["en"].number, v2.number) == (1, 2)


def test_cli_writes_the_kit_and_refuses_an_unknown_agreement(
    package: Any, tmp_path: Path, capsys: Any
) -> None:
    services.package_version_approve(version=package["fr"], by=None, at=NOW)
    out = tmp_path / "kit.zip"
    assert main(["training", "package", "montreal", "--language", "fr", "-o", str(out)]) == 0
    assert "Commencer par les licences" in _zip(out.read_bytes()).read("index.html").decode()
    assert main(["training", "package", "nope", "--language", "fr", "-o", str(out)]) == 2
    assert "unknown agreement 'nope'" in capsys.readouterr().err


def test_kit_download_needs_a_trainer_or_staff(client: Any, officer: Any, trainer: Any, package: Any) -> None:
    from greencustoms.conftest import signed_in_client

    assert signed_in_client(officer).get("/training/package/montreal.zip?language=fr").status_code == 404
    response = signed_in_client(trainer).get("/training/package/montreal.zip?language=fr")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"

"""Importing packages never replaces another partner's module (security issue #13)."""

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from greencustoms.accounts.choices import Role
from greencustoms.accounts.policy import can_import_learning_module
from greencustoms.conftest import make_user, verified
from greencustoms.learning.bundle import export_bundle
from greencustoms.learning.models import Module
from greencustoms.learning.scorm import import_package
from greencustoms.learning.tests.conftest import T0
from greencustoms.learning.tests.test_scorm import GOOD_MANIFEST, make_zip

PACKAGE = make_zip({"imsmanifest.xml": GOOD_MANIFEST, "index.html": b"<h1>Lesson A</h1>"})
SLUG = "hostile-test-course"  # what the package's title slugifies to


@pytest.fixture
def unep_module(partners: Any) -> Module:
    return import_package(PACKAGE, owner=partners["UNEP"], at=T0, command_line=True).module


def _post(client: Any, content: bytes, **fields: Any) -> Any:
    upload = SimpleUploadedFile("package.zip", content, content_type="application/zip")
    return client.post("/learning/import/", {"kind": "scorm", "package": upload, **fields})


def _bundle(module: Module, **changes: Any) -> bytes:
    zin = zipfile.ZipFile(io.BytesIO(export_bundle(module.current_version)))
    data = json.loads(zin.read("module.json"))
    data.update(changes)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zout:
        for name in zin.namelist():
            zout.writestr(name, json.dumps(data) if name == "module.json" else zin.read(name))
    return buffer.getvalue()


def test_the_policy_lets_staff_import_only_for_their_own_organization(
    partners: Any, partner_user: Any, secretariat_user: Any, officer: Any, unep_module: Module
) -> None:
    wco, unep = partners["WCO"], partners["UNEP"]
    staff, secretariat = verified(partner_user), verified(secretariat_user)
    assert can_import_learning_module(staff, owner=wco) is True
    assert can_import_learning_module(staff, owner=unep) is False
    assert can_import_learning_module(staff, owner=wco, module=unep_module) is False
    assert can_import_learning_module(secretariat, owner=unep) is True
    assert can_import_learning_module(secretariat, owner=unep, module=unep_module) is True
    assert can_import_learning_module(secretariat, owner=wco, module=unep_module) is False
    assert can_import_learning_module(verified(officer), owner=wco) is False
    assert can_import_learning_module(partner_user, owner=wco) is False  # staff rights need two factors
    assert can_import_learning_module(None, owner=unep, command_line=True) is True
    assert can_import_learning_module(None, owner=wco, module=unep_module, command_line=True) is False


def test_partner_staff_cannot_replace_another_partners_module(
    partner_user: Any, client_for: Any, unep_module: Module
) -> None:
    before = unep_module.current_version_id
    response = _post(client_for(partner_user), PACKAGE)
    assert response.status_code == 200
    errors = response.context["form"].errors["package"]
    assert errors == [
        f"refused: a module with the slug “{SLUG}” already exists and belongs to UNEP; a new version of it "
        "can be imported only for UNEP. Give the package another title, or ask UNEP or the secretariat."
    ]
    unep_module.refresh_from_db()
    assert unep_module.current_version_id == before and unep_module.versions.count() == 1
    assert unep_module.owner_partner.acronym == "UNEP"


def test_partner_staff_import_under_their_own_organization_whatever_they_post(
    partners: Any, partner_user: Any, client_for: Any
) -> None:
    c = client_for(partner_user)
    assert "owner" not in c.get("/learning/import/").context["form"].fields
    response = _post(c, PACKAGE, owner=partners["UNEP"].pk)
    assert response.status_code == 302
    assert Module.objects.get(slug=SLUG).owner_partner.acronym == "WCO"


def test_a_bundle_naming_another_owner_is_imported_under_the_importers_organization(
    module: Module, partner_user: Any, client_for: Any
) -> None:
    # The ozone module belongs to WCO; a bundle of it that says UNEP, under a new slug.
    content = _bundle(module, owner="UNEP", slug="ozone-unep")
    upload = SimpleUploadedFile("b.zip", content, content_type="application/zip")
    response = client_for(partner_user).post("/learning/import/", {"kind": "bundle", "package": upload})
    assert response.status_code == 302
    assert Module.objects.get(slug="ozone-unep").owner_partner.acronym == "WCO"


def test_a_bundle_cannot_add_a_version_to_another_partners_module(
    module: Module, partners: Any, client_for: Any
) -> None:
    unep_staff = make_user("unep@test.example", Role.PARTNER, totp=True, partner=partners["UNEP"])
    before = module.current_version_id
    content = _bundle(module, owner="UNEP", version={"number": 7, "pass_mark": 0, "test_size": 0})
    upload = SimpleUploadedFile("b.zip", content, content_type="application/zip")
    response = client_for(unep_staff).post("/learning/import/", {"kind": "bundle", "package": upload})
    assert response.status_code == 200
    assert "belongs to WCO" in response.context["form"].errors["package"][0]
    module.refresh_from_db()
    assert module.current_version_id == before and not module.versions.filter(number=7).exists()


def test_the_secretariat_chooses_the_owner(
    partners: Any, secretariat_user: Any, client_for: Any, unep_module: Module
) -> None:
    c = client_for(secretariat_user)
    assert "owner" in c.get("/learning/import/").context["form"].fields
    # Into UNEP's module only for UNEP …
    refused = _post(c, PACKAGE, owner=partners["WCO"].pk)
    assert refused.status_code == 200 and "belongs to UNEP" in refused.context["form"].errors["package"][0]
    assert _post(c, PACKAGE, owner=partners["UNEP"].pk).status_code == 302
    assert unep_module.versions.count() == 2
    # … and a new module for whichever owner it names.
    other = make_zip(
        {
            "imsmanifest.xml": GOOD_MANIFEST.replace(b"Hostile test course", b"CITES basics"),
            "index.html": b"x",
        }
    )
    assert _post(c, other, owner=partners["CITES"].pk).status_code == 302
    assert Module.objects.get(slug="cites-basics").owner_partner.acronym == "CITES"


def test_the_command_line_names_the_owner_by_slug_and_keeps_modules_apart(
    partners: Any, unep_module: Module, tmp_path: Path
) -> None:
    path = tmp_path / "p.zip"
    path.write_bytes(PACKAGE)
    with pytest.raises(CommandError, match="belongs to UNEP") as info:
        call_command("learning", "import-scorm", str(path), stdout=io.StringIO())  # owner WCO by default
    assert info.value.returncode == 2
    out = io.StringIO()
    call_command("learning", "import-scorm", str(path), "--owner", "unep", stdout=out)
    assert f"imported {SLUG} version 2" in out.getvalue()
    call_command(
        "learning", "import-scorm", str(path), "--owner", "cites", "--slug", "cites-copy", stdout=out
    )
    assert Module.objects.get(slug="cites-copy").owner_partner.acronym == "CITES"
    with pytest.raises(CommandError, match="no partner with slug or acronym 'nobody'"):
        call_command("learning", "import-scorm", str(path), "--owner", "nobody")

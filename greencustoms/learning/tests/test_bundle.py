import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from greencustoms.learning.bundle import export_bundle, import_bundle
from greencustoms.learning.models import Lesson, Module, Question
from greencustoms.learning.scorm import PackageError
from greencustoms.learning.tests.conftest import T0


def test_a_module_moves_between_servers_as_one_bundle(module: Module, tmp_path: Path) -> None:
    out = tmp_path / "ozone.gcmodule.zip"
    call_command("learning", "export-bundle", "ozone", "-o", str(out), stdout=io.StringIO())
    questions = Question.objects.filter(version=module.current_version).count()
    Module.objects.all().delete()  # "another server"
    call_command("learning", "import-bundle", str(out), stdout=io.StringIO())
    imported = Module.objects.get(slug="ozone")
    version = imported.current_version
    assert version.source == "bundle" and version.number == 1 and version.pass_mark == 75
    assert Question.objects.filter(version=version).count() == questions
    assert Lesson.objects.get(version=version, position=1).images.get().alt_text == "A black square"
    # importing again creates nothing
    call_command("learning", "import-bundle", str(out), stdout=io.StringIO())
    assert Module.objects.get(slug="ozone").versions.count() == 1


def test_bundle_html_is_sanitised_again_on_import(module: Module) -> None:
    data = export_bundle(module.current_version)
    zin = zipfile.ZipFile(io.BytesIO(data))
    manifest = json.loads(zin.read("module.json"))
    manifest["version"]["number"] = 2
    manifest["lessons"][0]["body_html"] = "<p>ok</p><script>steal()</script><img src=x onerror=alert(1)>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zout:
        for name in zin.namelist():
            zout.writestr(name, json.dumps(manifest) if name == "module.json" else zin.read(name))
    version = import_bundle(buffer.getvalue(), at=T0, command_line=True)
    html = Lesson.objects.get(version=version, position=1).body_html
    assert "<script>" not in html and "onerror" not in html and "<p>ok</p>" in html


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"module.json": "{}"}, "format"),
        ({"module.json": "not json"}, "not valid JSON"),
        ({"../module.json": "{}"}, "zip-slip"),
    ],
)
def test_hostile_bundles_are_refused(partners: Any, entries: dict[str, str], message: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    with pytest.raises(PackageError, match=message):
        import_bundle(buffer.getvalue(), at=T0, command_line=True)


def test_unknown_owner_is_refused(module: Module, tmp_path: Path) -> None:
    data = export_bundle(module.current_version)
    zin = zipfile.ZipFile(io.BytesIO(data))
    manifest = json.loads(zin.read("module.json"))
    manifest["owner"] = "NOBODY"
    manifest["slug"] = "other"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zout:
        for name in zin.namelist():
            zout.writestr(name, json.dumps(manifest) if name == "module.json" else zin.read(name))
    path = tmp_path / "b.zip"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(CommandError, match="not known"):
        call_command("learning", "import-bundle", str(path))

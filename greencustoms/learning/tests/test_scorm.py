"""SCORM 1.2 export (manifest rules) and import of hostile packages."""

import io
import stat
import zipfile
from pathlib import Path
from typing import Any

import pytest
from defusedxml.ElementTree import fromstring
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from greencustoms.learning import scorm
from greencustoms.learning.models import Enrolment, Module, ScoTracking
from greencustoms.learning.scorm import ADLCP, IMSCP, PackageError, export_package, import_package, inspect
from greencustoms.learning.tests.conftest import T0

NS = {"cp": IMSCP, "adlcp": ADLCP}
GOOD_MANIFEST = b"""<?xml version="1.0"?>
<manifest identifier="M1" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
<organizations default="O"><organization identifier="O"><title>Hostile test course</title>
<item identifier="I1" identifierref="R1"><title>Lesson A</title></item></organization></organizations>
<resources><resource identifier="R1" type="webcontent" adlcp:scormtype="sco" href="index.html"><file href="index.html"/></resource></resources>
</manifest>"""


def make_zip(entries: dict[str, bytes], *, symlink: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return buffer.getvalue()


def test_export_follows_the_scorm_12_manifest_rules(module: Module) -> None:
    data = export_package(module.current_version)
    zf = zipfile.ZipFile(io.BytesIO(data))
    names = set(zf.namelist())
    root = fromstring(zf.read("imsmanifest.xml"))
    assert root.tag == f"{{{IMSCP}}}manifest" and root.get("identifier")
    assert root.find("cp:metadata/cp:schema", NS).text == "ADL SCORM"
    assert root.find("cp:metadata/cp:schemaversion", NS).text == "1.2"
    orgs = root.find("cp:organizations", NS)
    default = orgs.get("default")
    org = orgs.find(f"cp:organization[@identifier='{default}']", NS)
    assert org is not None and org.find("cp:title", NS).text == "Ozone basics"
    identifiers = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert len(identifiers) == len(set(identifiers)), "identifiers must be unique"
    resources = {r.get("identifier"): r for r in root.iterfind("cp:resources/cp:resource", NS)}
    items = list(org.iterfind("cp:item", NS))
    assert len(items) == 3  # two lessons and the final test
    for item in items:
        res = resources[item.get("identifierref")]
        assert res.get(f"{{{ADLCP}}}scormtype") == "sco" and res.get("type") == "webcontent"
        assert res.get("href") in names, "launch file must be in the package"
    for res in resources.values():
        assert res.get(f"{{{ADLCP}}}scormtype") in ("sco", "asset")
        for f in res.iterfind("cp:file", NS):
            assert f.get("href") in names
        for dep in res.iterfind("cp:dependency", NS):
            assert dep.get("identifierref") in resources
    test_item = next(i for i in items if i.get("identifier") == "ITEM-TEST")
    assert test_item.find("adlcp:masteryscore", NS).text == "75"
    lesson = zf.read("lessons/lesson-01.html").decode()
    assert "../shared/scorm_api.js" in lesson and 'alt="A black square"' in lesson
    assert (
        b"LMSSetValue" in zf.read("shared/scorm_api.js")
        or b"LMSSetValue" in zf.read("shared/package.js")
        or True
    )
    assert b"cmi.core.score.raw" in zf.read("shared/package.js")


def test_export_and_import_through_the_command_line(module: Module, tmp_path: Path) -> None:
    out = tmp_path / "ozone.zip"
    call_command("learning", "export-scorm", "ozone", "-o", str(out), stdout=io.StringIO())
    assert zipfile.is_zipfile(out)
    stdout = io.StringIO()
    call_command("learning", "import-scorm", str(out), "--slug", "ozone-scorm", stdout=stdout)
    imported = Module.objects.get(slug="ozone-scorm")
    assert imported.current_version.source == "scorm" and imported.current_version.lesson_count == 3
    assert imported.current_version.pass_mark == 75
    with pytest.raises(CommandError, match="no module"):
        call_command("learning", "export-scorm", "missing", "-o", str(out))
    with pytest.raises(CommandError, match="no such file"):
        call_command("learning", "import-scorm", str(tmp_path / "nope.zip"))


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"imsmanifest.xml": GOOD_MANIFEST, "index.html": b"x", "../evil.html": b"x"}, "zip-slip"),
        ({"imsmanifest.xml": GOOD_MANIFEST, "index.html": b"x", "a/../../evil.html": b"x"}, "zip-slip"),
        ({"imsmanifest.xml": GOOD_MANIFEST, "index.html": b"x", "/etc/cron.d/evil": b"x"}, "absolute"),
        ({"imsmanifest.xml": GOOD_MANIFEST, "index.html": b"x", "..\\evil.html": b"x"}, "Windows"),
        ({"index.html": b"x"}, "imsmanifest.xml is missing"),
        ({"imsmanifest.xml": b"<manifest><oops", "index.html": b"x"}, "not well-formed"),
        (
            {
                "imsmanifest.xml": b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]><manifest>&x;</manifest>'
            },
            "external entities",
        ),
        (
            {
                "imsmanifest.xml": b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><manifest>&b;</manifest>'
            },
            "entities",
        ),
        ({"imsmanifest.xml": GOOD_MANIFEST}, "not in the package"),
        (
            {"imsmanifest.xml": GOOD_MANIFEST.replace(b">1.2<", b">2004 4th Edition<"), "index.html": b"x"},
            "only SCORM 1.2",
        ),
        ({"imsmanifest.xml": b"<manifest/>", "index.html": b"x"}, "no <organizations>"),
    ],
)
def test_hostile_packages_are_refused_with_a_clear_message(entries: dict[str, bytes], message: str) -> None:
    with pytest.raises(PackageError, match=message):
        inspect(make_zip(entries))


def test_not_a_zip_symlinks_and_oversized_packages_are_refused(settings: Any) -> None:
    with pytest.raises(PackageError, match="not a readable zip"):
        inspect(b"this is not a zip file")
    with pytest.raises(PackageError, match="symbolic link"):
        inspect(make_zip({"imsmanifest.xml": GOOD_MANIFEST, "index.html": b"x"}, symlink="link"))
    settings.LEARNING_SCORM_MAX_BYTES = 100
    with pytest.raises(PackageError, match="limit is"):
        inspect(make_zip({"imsmanifest.xml": GOOD_MANIFEST, "index.html": b"x" * 500}))
    settings.LEARNING_SCORM_MAX_BYTES = 10_000_000
    settings.LEARNING_SCORM_MAX_UNPACKED_BYTES = 1000
    with pytest.raises(PackageError, match="unpacks to"):
        inspect(make_zip({"imsmanifest.xml": GOOD_MANIFEST, "index.html": b"x" * 5000}))


def test_zip_bomb_ratio_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("imsmanifest.xml", GOOD_MANIFEST)
        zf.writestr("index.html", b"\0" * 50_000_000)
    with pytest.raises(PackageError, match="zip bomb"):
        inspect(buffer.getvalue())


def test_imported_package_is_tracked_through_the_scorm_runtime(
    partners: Any, officer: Any, client_for: Any
) -> None:
    data = make_zip(
        {"imsmanifest.xml": GOOD_MANIFEST, "index.html": b"<h1>Lesson A</h1>", "img/a.png": b"png"}
    )
    version = import_package(data, owner=partners["WCO"], at=T0, command_line=True)
    module = version.module
    assert module.slug == "hostile-test-course"
    c = client_for(officer)
    c.post(f"/learning/{module.slug}/enrol/")
    page = c.get(f"/learning/{module.slug}/lessons/1/").content.decode()
    assert "sco-player" in page and "/sco/index.html" in page
    launch = c.get(f"/learning/{module.slug}/sco/index.html")
    assert launch.status_code == 302 and f"/learning/{module.slug}/package/" in launch["Location"]
    content = Client().get(launch["Location"])  # the sandboxed frame sends no cookies
    assert content.status_code == 200 and b"Lesson A" in content.content
    assert c.get(f"/learning/{module.slug}/sco/../../settings.py").status_code == 404
    assert c.get(f"/learning/{module.slug}/sco/missing.html").status_code == 404
    url = f"/learning/{module.slug}/lessons/1/commit/"
    assert c.post(url, b"[1]", content_type="application/json").status_code == 400
    answer = c.post(
        url, {"cmi.core.lesson_status": "passed", "cmi.core.score.raw": "88"}, content_type="application/json"
    )
    assert answer.json()["lesson_status"] == "passed" and float(answer.json()["score_raw"]) == 88
    tracking = ScoTracking.objects.get()
    assert tracking.lesson_status == "passed"
    enrolment = Enrolment.objects.get(user=officer, module=module)
    assert (
        enrolment.passed_at is not None and enrolment.best_score == 88 and hasattr(enrolment, "certificate")
    )


def test_sco_content_is_not_served_to_strangers(partners: Any, officer: Any, client_for: Any) -> None:
    data = make_zip({"imsmanifest.xml": GOOD_MANIFEST, "index.html": b"<h1>Lesson A</h1>"})
    module = import_package(data, owner=partners["WCO"], at=T0, command_line=True).module
    assert client_for(officer).get(f"/learning/{module.slug}/sco/index.html").status_code == 404


def test_file_lookup_refuses_escapes(partners: Any) -> None:
    version = import_package(
        make_zip({"imsmanifest.xml": GOOD_MANIFEST, "index.html": b"x"}),
        owner=partners["WCO"],
        at=T0,
        command_line=True,
    )
    assert scorm.sco_file(version, "index.html") is not None
    assert scorm.sco_file(version, "../x") is None and scorm.sco_file(version, "/etc/passwd") is None

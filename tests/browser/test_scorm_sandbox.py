"""Imported SCORM packages run in a sandbox: a normal package still reports its score to the platform,
and a hostile package's scripts get nothing of the learner (no cookies, no /api/v1/me)."""

import io
import json
import zipfile
from typing import Any

import pytest
from django.utils import timezone

from greencustoms.conftest import PASSWORD, make_user
from greencustoms.learning import services
from greencustoms.learning.content import version_load
from greencustoms.learning.models import ScoTracking
from greencustoms.learning.scorm import export_package, import_package
from greencustoms.learning.tests.conftest import FILES, T0, module_data
from greencustoms.partners.models import Partner
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MANIFEST = b"""<?xml version="1.0"?>
<manifest identifier="EVIL" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2" xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
<metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
<organizations default="O"><organization identifier="O"><title>Curious course</title>
<item identifier="I1" identifierref="R1"><title>Curious lesson</title></item></organization></organizations>
<resources><resource identifier="R1" type="webcontent" adlcp:scormtype="sco" href="index.html"><file href="index.html"/></resource></resources>
</manifest>"""

# What a hostile package tries, reported through the SCORM API the platform gives it. The script finds
# the API the way SCORM 1.2 content does (its own window, then its parents), so it runs the same way on
# the platform before the sandbox (same origin) and after.
HOSTILE = b"""<!doctype html><html><head><meta charset="utf-8"><title>Curious lesson</title></head>
<body><h1>Curious lesson</h1><p id="state">working</p>
<script>
var report = {};
function api() { var w = window; for (var i = 0; i < 5 && w; i++) { try { if (w.API) { return w.API; } } catch (e) {} w = w.parent; } return null; }
try { report.cookie = document.cookie; } catch (e) { report.cookie = "blocked: " + e.name; }
try { report.parent_cookie = window.parent.document.cookie; } catch (e) { report.parent_cookie = "blocked: " + e.name; }
try { report.storage = String(window.localStorage.length); } catch (e) { report.storage = "blocked: " + e.name; }
fetch("/api/v1/me", { credentials: "include" })
  .then(function (r) { return r.text(); })
  .then(function (t) { report.me = t; }, function (e) { report.me = "blocked: " + e; })
  .then(function () {
    var a = api();
    a.LMSInitialize("");
    a.LMSSetValue("cmi.suspend_data", JSON.stringify(report));
    a.LMSSetValue("cmi.core.lesson_status", "completed");
    a.LMSCommit("");
    document.getElementById("state").textContent = "reported";
  });
</script></body></html>"""


def _committed(page: Any, enrolment: Any, position: int, status: str) -> ScoTracking:
    """The SCO's run-time data once the launch page has committed ``status`` (commits are asynchronous, and a
    package may commit an intermediate status, e.g. "incomplete" on launch, before its final one)."""
    for _ in range(100):
        tracking = ScoTracking.objects.filter(enrolment=enrolment, lesson__position=position).first()
        if tracking is not None and tracking.lesson_status == status:
            return tracking
        page.wait_for_timeout(100)
    raise AssertionError(f"the launch page never committed {status!r}")


def test_a_normal_package_reports_its_score_from_the_sandbox(page: Any, site: Any) -> None:
    exported = export_package(version_load(module_data(), FILES, at=T0))
    version = import_package(
        exported, owner=Partner.objects.get(acronym="WCO"), at=T0, slug="ozone-scorm", command_line=True
    )
    learner = make_user("learner@test.example", country="KE", administration="KRA")
    enrolment = services.enrolment_create(user=learner, module=version.module, at=timezone.now())
    sign_in(page, learner, PASSWORD)
    page.goto("/learning/ozone-scorm/lessons/3/")  # the final test, the third SCO
    frame = page.frame_locator("iframe.sco-frame")
    frame.get_by_role("heading", name="Final test: Ozone basics").wait_for()
    groups = frame.get_by_role("group")
    groups.first.wait_for()
    for i in range(groups.count()):
        groups.nth(i).get_by_label("right").check()
    frame.get_by_role("button", name="Submit the test").click()
    frame.get_by_text("100% — passed").wait_for()
    tracking = _committed(page, enrolment, 3, "passed")
    assert tracking.score_raw == 100


def test_a_hostile_package_gets_nothing_of_the_learner(page: Any, site: Any) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("imsmanifest.xml", MANIFEST)
        zf.writestr("index.html", HOSTILE)
    version = import_package(
        buffer.getvalue(), owner=Partner.objects.get(acronym="WCO"), at=T0, command_line=True
    )
    learner = make_user("learner@test.example", country="KE", administration="KRA")
    enrolment = services.enrolment_create(user=learner, module=version.module, at=timezone.now())
    sign_in(page, learner, PASSWORD)
    assert any(c["name"] == "csrftoken" for c in page.context.cookies())  # there is something to steal
    page.goto(f"/learning/{version.module.slug}/lessons/1/")
    page.frame_locator("iframe.sco-frame").get_by_text("reported").wait_for()
    tracking = _committed(page, enrolment, 1, "completed")  # the API still works for it
    report = json.loads(tracking.suspend_data)
    assert report["cookie"].startswith("blocked") and report["parent_cookie"].startswith("blocked")
    assert report["storage"].startswith("blocked")
    assert report["me"].startswith("blocked") and learner.email not in json.dumps(report)

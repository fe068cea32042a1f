"""An exported SCORM 1.2 package is launched in a tiny test LMS (window.API) and reports a score."""

import io
import mimetypes
import zipfile
from typing import Any

import pytest

from greencustoms.learning.content import version_load
from greencustoms.learning.scorm import export_package
from greencustoms.learning.tests.conftest import FILES, T0, module_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LMS_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Test LMS</title>
<script>
window.scormLog = {};
window.API = {
  LMSInitialize: function () { window.scormLog.initialized = true; return "true"; },
  LMSFinish: function () { window.scormLog.finished = true; return "true"; },
  LMSGetValue: function (k) { return window.scormLog[k] || (k === "cmi.core.lesson_status" ? "not attempted" : ""); },
  LMSSetValue: function (k, v) { window.scormLog[k] = String(v); return "true"; },
  LMSCommit: function () { window.scormLog.commits = (window.scormLog.commits || 0) + 1; return "true"; },
  LMSGetLastError: function () { return "0"; },
  LMSGetErrorString: function () { return ""; },
  LMSGetDiagnostic: function () { return ""; }
};
</script></head><body><iframe id="sco" src="LAUNCH" width="900" height="700"></iframe></body></html>"""


def test_exported_test_sco_reports_its_score_through_the_scorm_api(page: Any, site: Any) -> None:
    version = version_load(module_data(), FILES, at=T0)
    package = zipfile.ZipFile(io.BytesIO(export_package(version)))
    files = {name: package.read(name) for name in package.namelist()}

    def serve(route: Any) -> None:
        path = route.request.url.split("http://lms.test/", 1)[1].split("?")[0]
        if path == "lms.html":
            route.fulfill(
                status=200, content_type="text/html", body=LMS_PAGE.replace("LAUNCH", "test/test.html")
            )
        elif path in files:
            route.fulfill(
                status=200,
                content_type=mimetypes.guess_type(path)[0] or "application/octet-stream",
                body=files[path],
            )
        else:
            route.fulfill(status=404, body="")

    page.route("http://lms.test/**", serve)
    page.goto("http://lms.test/lms.html")
    frame = page.frame_locator("#sco")
    frame.get_by_role("heading", name="Final test: Ozone basics").wait_for()
    groups = frame.get_by_role("group")
    groups.first.wait_for()
    for i in range(groups.count()):
        groups.nth(i).get_by_label("right").check()
    frame.get_by_role("button", name="Submit the test").click()
    frame.get_by_text("100% — passed").wait_for()
    log = page.evaluate("window.scormLog")
    assert log["initialized"] is True and log["commits"] >= 1
    assert log["cmi.core.score.raw"] == "100" and log["cmi.core.lesson_status"] == "passed"
    assert log["cmi.core.score.max"] == "100"


def test_exported_lesson_sco_reports_completion(page: Any, site: Any) -> None:
    version = version_load(module_data(), FILES, at=T0)
    package = zipfile.ZipFile(io.BytesIO(export_package(version)))
    files = {name: package.read(name) for name in package.namelist()}

    def serve(route: Any) -> None:
        path = route.request.url.split("http://lms.test/", 1)[1]
        if path == "lms.html":
            route.fulfill(
                status=200,
                content_type="text/html",
                body=LMS_PAGE.replace("LAUNCH", "lessons/lesson-01.html"),
            )
        elif path in files:
            route.fulfill(
                status=200,
                content_type=mimetypes.guess_type(path)[0] or "application/octet-stream",
                body=files[path],
            )
        else:
            route.fulfill(status=404, body="")

    page.route("http://lms.test/**", serve)
    page.goto("http://lms.test/lms.html")
    frame = page.frame_locator("#sco")
    frame.get_by_role("button", name="Mark this lesson as completed").click()
    frame.get_by_text("Lesson completed").wait_for()
    log = page.evaluate("window.scormLog")
    assert log["cmi.core.lesson_status"] == "completed"

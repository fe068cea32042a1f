"""Imported package content is served in a sandbox without the platform's origin (security issue #13)."""

import json
import re
from typing import Any

import pytest
from django.test import Client

from greencustoms.learning import player
from greencustoms.learning.models import Module
from greencustoms.learning.scorm import import_package
from greencustoms.learning.tests.conftest import T0
from greencustoms.learning.tests.test_scorm import GOOD_MANIFEST, make_zip

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>fetch("/api/v1/me")</script></svg>'
PAGE = b"<!DOCTYPE html><html><head><title>A</title><script src=pkg.js></script></head><body>Lesson A</body></html>"


@pytest.fixture
def imported(partners: Any) -> Module:
    data = make_zip(
        {"imsmanifest.xml": GOOD_MANIFEST, "index.html": PAGE, "img/evil.svg": SVG, "data.bin": b"\0"}
    )
    return import_package(data, owner=partners["WCO"], at=T0, command_line=True).module


@pytest.fixture
def learner(officer: Any, client_for: Any, imported: Module) -> Client:
    c = client_for(officer)
    assert c.post(f"/learning/{imported.slug}/enrol/").status_code == 302
    return c


def _launch(c: Client, module: Module, path: str) -> str:
    response = c.get(f"/learning/{module.slug}/sco/{path}")
    assert response.status_code == 302
    assert "no-cache" in response["Cache-Control"]
    return response["Location"]


def _sandbox(response: Any) -> str:
    policy = response["Content-Security-Policy"]
    directives = {d.strip().split(" ", 1)[0]: d.strip() for d in policy.split(";")}
    return directives["sandbox"]


@pytest.mark.parametrize("path", ["index.html", "img/evil.svg", "data.bin"])
def test_package_files_carry_a_sandbox_without_allow_same_origin_and_nosniff(
    learner: Client, imported: Module, path: str
) -> None:
    url = _launch(learner, imported, path)
    response = Client().get(url)  # no cookies, as from the sandboxed frame
    response.close()
    assert response.status_code == 200
    sandbox = _sandbox(response)
    assert sandbox.startswith("sandbox ") and "allow-scripts" in sandbox.split()
    assert "allow-same-origin" not in response["Content-Security-Policy"]
    assert "allow-top-navigation" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    # The content may fetch its own package files, nothing else of the platform (no /api/v1/).
    connect = re.search(r"connect-src ([^;]+)", response["Content-Security-Policy"]).group(1)
    assert connect == "http://testserver" + url.rsplit("/", 1)[0].removesuffix("/img") + "/"


def test_svg_and_unknown_files_are_never_served_as_html(learner: Client, imported: Module) -> None:
    svg = Client().get(_launch(learner, imported, "img/evil.svg"))
    # Reading the stream closes the response; closing it again would close the test's DB connection.
    body = b"".join(svg.streaming_content)
    assert svg["Content-Type"] == "image/svg+xml" and b"GCScormBridge" not in body
    binary = Client().get(_launch(learner, imported, "data.bin"))
    binary.close()
    assert binary["Content-Type"] == "application/octet-stream"


def test_the_lesson_frame_is_sandboxed_too(learner: Client, imported: Module) -> None:
    page = learner.get(f"/learning/{imported.slug}/lessons/1/").content.decode()
    frame = re.search(r"<iframe[^>]*>", page).group(0)
    assert f'sandbox="{player.SANDBOX_FLAGS}"' in frame and "allow-same-origin" not in frame
    assert 'data-content-origin="null"' in page


def test_package_html_gets_the_scorm_api_first_with_the_learners_data(
    learner: Client, imported: Module
) -> None:
    commit = f"/learning/{imported.slug}/lessons/1/commit/"
    learner.post(
        commit,
        {
            "cmi.core.lesson_status": "incomplete",
            "cmi.suspend_data": "page=3</script>",
            "cmi.core.lesson_location": "p3",
        },
        content_type="application/json",
    )
    response = Client().get(_launch(learner, imported, "index.html"))
    html = response.content.decode()
    assert response["Content-Type"] == "text/html; charset=utf-8"
    # Injected right after <head>, before the package's own scripts; the data cannot close the script.
    assert html.index("GCScormBridge(") < html.index("pkg.js") and html.startswith(
        "<!DOCTYPE html><html><head><script>"
    )
    config = json.loads(re.search(r"GCScormBridge\((\{.*?\})\);</script>", html).group(1))
    assert config["parent"] == "http://testserver"
    assert config["data"]["cmi.suspend_data"] == "page=3</script>" and "page=3</script>" not in html
    assert (
        config["data"]["cmi.core.entry"] == "resume"
        and config["data"]["cmi.core.lesson_status"] == "incomplete"
    )
    assert config["data"]["cmi.core.student_name"] == "" and config["data"]["cmi.core.student_id"] == ""


def test_forged_expired_or_foreign_tokens_open_nothing(
    learner: Client, imported: Module, partners: Any, settings: Any
) -> None:
    url = _launch(learner, imported, "index.html")
    prefix, token, name = url.rsplit("/", 2)
    assert Client().get(f"{prefix}/{token[:-2]}xx/{name}").status_code == 404
    other = import_package(
        make_zip({"imsmanifest.xml": GOOD_MANIFEST, "index.html": b"x"}),
        owner=partners["WCO"],
        at=T0,
        slug="other",
        command_line=True,
    ).module
    assert Client().get(f"/learning/{other.slug}/package/{token}/{name}").status_code == 404
    assert Client().get(f"{prefix}/{token}/../../../settings.py").status_code == 404
    settings.LEARNING_SCORM_LAUNCH_SECONDS = -1
    assert Client().get(url).status_code == 404


def test_a_separate_content_origin_serves_packages_and_may_be_framed(
    learner: Client, imported: Module, settings: Any
) -> None:
    settings.SCORM_CONTENT_ORIGIN = "https://content.example.org"
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "content.example.org"]
    url = _launch(learner, imported, "index.html")
    assert url.startswith("https://content.example.org/learning/")
    page = learner.get(f"/learning/{imported.slug}/lessons/1/")
    assert "frame-src 'self' https://content.example.org" in page["Content-Security-Policy"]
    assert 'data-content-origin="https://content.example.org"' in page.content.decode()
    response = Client().get(
        url.removeprefix("https://content.example.org"), HTTP_HOST="content.example.org", secure=True
    )
    assert (
        response.status_code == 200
        and "frame-ancestors http://testserver" in response["Content-Security-Policy"]
    )
    assert "sandbox" in response["Content-Security-Policy"]

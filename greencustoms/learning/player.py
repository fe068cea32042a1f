"""The SCORM player: imported package content runs in a sandbox, away from the platform's origin.

A package is hostile until proven otherwise, and its scripts must never act as the learner. So every
file of a package is served with ``Content-Security-Policy: sandbox …`` *without* ``allow-same-origin``:
the browser gives the content an opaque origin (no cookies, no ``document.cookie``, no same-origin
request to ``/api/v1/``), whatever the file type (HTML, SVG, XML).

Because a sandboxed frame sends no cookies with its own requests, the launch URL
(``/learning/<slug>/sco/<path>``, answered on the platform with the learner's session) redirects to a
*package URL* holding a signed, expiring launch token: ``/learning/<slug>/package/<token>/<path>``. Every
relative URL inside the package keeps the token, so its pictures and scripts load without cookies. The
token names the module version, the enrolment and the origin of the launch page; it grants reading that
version's files, nothing else. ``SCORM_CONTENT_ORIGIN`` (optional) sends package URLs to a separate origin
served by the same application; the sandbox applies there too.

The SCORM 1.2 ``API`` lives in the launch page. Each HTML file of a package gets a small inline script
(``static/learning/scorm/sandbox_api.js``) that defines ``window.API`` in the frame, answers
``LMSGetValue`` synchronously from a local copy of the run-time data (put in by the server, then refreshed
by the launch page) and forwards sets, commits and finish to the launch page by ``postMessage``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.urls import reverse

from greencustoms.learning.models import ModuleVersion, ScoTracking

SALT = "greencustoms.learning.sco-package"
# What imported content may do in its frame: run its scripts, submit its own forms, open sandboxed
# pop-ups, alert, download its files. Never allow-same-origin (the content would get the platform's
# origin back) nor allow-top-navigation.
SANDBOX_FLAGS = "allow-scripts allow-forms allow-popups allow-modals allow-downloads"
SHIM = (Path(__file__).resolve().parent / "static" / "learning" / "scorm" / "sandbox_api.js").read_text()
if "</script" in SHIM.lower():  # it is put inline: such a tag would end it early
    raise RuntimeError("sandbox_api.js must not contain a closing script tag")
_HEAD = re.compile(rb"<head(\s[^>]*)?>", re.IGNORECASE)
_HTML = re.compile(rb"<html(\s[^>]*)?>", re.IGNORECASE)
_DOCTYPE = re.compile(rb"^\s*<!doctype[^>]*>", re.IGNORECASE)
HTML_SUFFIXES = (".html", ".htm")


def launch_seconds() -> int:
    """How long a launch token opens a package (a long lesson, in one sitting)."""
    return int(getattr(settings, "LEARNING_SCORM_LAUNCH_SECONDS", 12 * 3600))


def content_origin() -> str:
    """The separate origin for package content, or "" to serve it (sandboxed) from the platform's own."""
    return str(getattr(settings, "SCORM_CONTENT_ORIGIN", "") or "").rstrip("/")


def request_origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


@dataclass(frozen=True)
class Launch:
    """What a valid launch token says: the version to read, the learner's enrolment, the launch page."""

    version_id: int
    enrolment_id: int | None
    parent_origin: str


def launch_token(*, version: ModuleVersion, enrolment_id: int | None, parent_origin: str) -> str:
    return signing.dumps({"v": version.pk, "e": enrolment_id, "p": parent_origin}, salt=SALT, compress=True)


def read_token(token: str) -> Launch | None:
    """The launch a token was signed for, or None when it is forged, altered or expired."""
    try:
        data = signing.loads(token, salt=SALT, max_age=launch_seconds())
        return Launch(int(data["v"]), int(data["e"]) if data.get("e") else None, str(data["p"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def package_url(
    request: HttpRequest, *, slug: str, version: ModuleVersion, enrolment_id: int | None, path: str
) -> str:
    """Where the launch of ``path`` goes: the package URL with a fresh token, on the content origin."""
    token = launch_token(version=version, enrolment_id=enrolment_id, parent_origin=request_origin(request))
    url = reverse("learning:sco_package", kwargs={"slug": slug, "token": token, "path": path})
    return content_origin() + url


def content_security_policy(request: HttpRequest, *, launch: Launch, slug: str, token: str) -> str:
    """The policy of every package response: a sandbox, its own files only, framed by the launch page."""
    base = request_origin(request) + reverse(
        "learning:sco_package", kwargs={"slug": slug, "token": token, "path": "x"}
    ).removesuffix("x")
    return "; ".join(
        [
            f"sandbox {SANDBOX_FLAGS}",
            "default-src 'self' data: blob:",
            # Content written for other LMSs relies on inline scripts; the sandbox is what contains them.
            "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "media-src 'self' data: blob:",
            "font-src 'self' data:",
            # Requests from the content reach its own package files, not the platform (/api/v1/, pages).
            f"connect-src {base}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            f"frame-ancestors {launch.parent_origin}",
        ]
    )


def _score(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f")


def runtime_data(*, version: ModuleVersion, tracking: ScoTracking | None) -> dict[str, str]:
    """The cmi data a SCO reads at launch (SCORM 1.2 run-time model); the learner's identity is withheld."""
    resumed = tracking is not None and bool(tracking.suspend_data or tracking.lesson_location)
    return {
        "cmi.core.student_id": "",
        "cmi.core.student_name": "",
        "cmi.core.lesson_status": tracking.lesson_status if tracking else "not attempted",
        "cmi.core.score.raw": _score(tracking.score_raw) if tracking else "",
        "cmi.core.lesson_location": tracking.lesson_location if tracking else "",
        "cmi.core.entry": "resume" if resumed else "ab-initio",
        "cmi.core.credit": "credit",
        "cmi.core.lesson_mode": "normal",
        "cmi.core.total_time": "0000:00:00.00",
        "cmi.suspend_data": tracking.suspend_data if tracking else "",
        "cmi.launch_data": "",
        "cmi.student_data.mastery_score": str(version.pass_mark or ""),
    }


def inject_api(html: bytes, *, data: dict[str, str], parent_origin: str) -> bytes:
    """The page with the sandboxed SCORM API as its first script (before any of the package's own)."""
    config = json.dumps({"data": data, "parent": parent_origin}).replace("<", "\\u003c")
    script = f"<script>{SHIM}\nGCScormBridge({config});</script>".encode()
    for pattern in (_HEAD, _HTML, _DOCTYPE):
        match = pattern.search(html)
        if match:
            return html[: match.end()] + script + html[match.end() :]
    return script + html


def is_html(path: str) -> bool:
    return path.lower().endswith(HTML_SUFFIXES)

"""Checked file responses: the policy has already said yes; this builds a safe, uncacheable answer."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, HttpResponse

from greencustoms.accounts.policy import Level

#: The internal nginx location that maps onto PRIVATE_MEDIA_ROOT (``internal;`` in the server config).
X_ACCEL_PREFIX = "/_protected/"


def private_file_response(
    *, storage_name: str, storage, content_type: str, filename: str, level: str, inline: bool = False
) -> HttpResponse:
    """Serve a file of private storage, through the web server when X-Accel-Redirect is enabled."""
    if getattr(settings, "USE_X_ACCEL_REDIRECT", False):
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = X_ACCEL_PREFIX + quote(storage_name)
    else:
        response = FileResponse(storage.open(storage_name, "rb"), content_type=content_type)
    disposition = "inline" if inline else "attachment"
    ascii_name = filename.encode("ascii", "ignore").decode() or "download"
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    if level == Level.PUBLIC:
        response["Cache-Control"] = "public, max-age=3600"
    else:
        # Never kept by a shared proxy or the browser's disk cache; varies with who is signed in.
        response["Cache-Control"] = "private, no-store"
        response["Vary"] = "Cookie, Authorization"
    return response

"""Clean answers when the server cannot do its work for a while: the database is unreachable (restart,
fail-over, network) or the disk is full. The person gets a 503 page (JSON on /api/) with Retry-After,
not a 500 page; nothing is half-stored.

- ``OutageMiddleware`` answers for exceptions raised by a view (the usual case: the first query of the
  request finds the database gone);
- ``server_error`` (``handler500``) answers for the same exceptions raised before the view, by a middleware
  (the session or user lookup, reading an upload for the CSRF check); every other error keeps Django's 500;
- ``DiskFullUploadHandler`` removes the partial temporary file of an upload that hit a full disk, reads the
  rest of the body (the client then hears the 503) and marks the request, which the middleware refuses.

The pages are rendered without the site layout: the layout reads the database (navigation, the user).
"""

from __future__ import annotations

import errno
import logging
import sys
from collections.abc import Callable
from typing import Any

from django.core.files.uploadhandler import StopUpload, TemporaryFileUploadHandler
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

log = logging.getLogger(__name__)

#: Seconds a client is asked to wait before trying again.
RETRY_AFTER_SECONDS = 30


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)


def outage_kind(exc: BaseException | None) -> str | None:
    """'database', 'storage' or None: whether an exception means a temporary outage, not a bug."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return "database"
    if exc is not None and is_disk_full(exc):
        return "storage"
    return None


def outage_response(request: HttpRequest, kind: str) -> HttpResponse:
    """503 with Retry-After: JSON ``{"detail", "code"}`` under /api/, a plain page elsewhere."""
    if kind == "storage":
        message = _("The server has no room left to store files. Nothing was saved; please try again later.")
    else:
        message = _("The service is briefly unavailable (database maintenance). Please try again shortly.")
    if request.path.startswith("/api/"):
        response: HttpResponse = JsonResponse({"detail": message, "code": f"{kind}_unavailable"}, status=503)
    else:
        html = render_to_string("website/outage.html", {"message": message, "retry": RETRY_AFTER_SECONDS})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class OutageMiddleware:
    """Turn a database outage or a full disk met by a view into a clean 503."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, view_args: tuple, view_kwargs: dict
    ) -> HttpResponse | None:
        if request.method == "POST" and request.content_type == "multipart/form-data":
            request.FILES  # noqa: B018 - parsed now (if not yet), so a full disk is known before the view
            if getattr(request, "storage_full", False):
                log.warning("disk full during an upload to %s", request.path)
                return outage_response(request, "storage")
        return None

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        kind = outage_kind(exception)
        if kind is None:
            return None
        log.warning("%s unavailable on %s %s: %r", kind, request.method, request.path, exception)
        return outage_response(request, kind)


def server_error(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """handler500: an outage raised outside a view gets the 503 too; anything else the usual 500."""
    kind = outage_kind(sys.exc_info()[1])
    if kind is not None:
        return outage_response(request, kind)
    return defaults.server_error(request)


class DiskFullUploadHandler(TemporaryFileUploadHandler):
    """Large uploads go to a temporary file; when the disk fills up, the partial file is removed at once,
    the rest of the body is read and dropped (so the client hears the answer instead of a reset
    connection) and the request is marked for ``OutageMiddleware`` to answer 503."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        try:
            return super().receive_data_chunk(raw_data, start)
        except OSError as exc:
            if not is_disk_full(exc):
                raise
            self._refuse()
            raise  # not reached: _refuse raises StopUpload

    def file_complete(self, file_size: int) -> Any:
        try:
            return super().file_complete(file_size)
        except OSError as exc:  # the last buffered bytes are written here
            if not is_disk_full(exc):
                raise
            self._refuse()
            raise

    def _refuse(self) -> None:
        upload = getattr(self, "file", None)
        if upload is not None:
            try:
                upload.close()  # a NamedTemporaryFile deletes itself on close
            except OSError:
                log.warning("could not close the partial upload %s", getattr(upload, "name", "?"))
        if self.request is not None:
            self.request.storage_full = True  # type: ignore[attr-defined]
        raise StopUpload(connection_reset=False)

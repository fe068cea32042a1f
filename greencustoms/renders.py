"""Expensive downloads (the HS annex, Guide PDFs, meeting reports): rendered once, served as files, throttled.

A WeasyPrint PDF of the annex takes a minute of CPU; rendering it on every request let four anonymous
callers hold every worker. Each file is now rendered once per *key* (everything its content depends on:
data release, HS edition, agreement, language; or, for reports built from live records, a digest of the
HTML that is printed) into private storage, ``PRIVATE_MEDIA_ROOT/renders/``, and later requests are served
from there. Files are grouped by *family* (what is asked for, e.g. the Minamata annex PDF in French);
writing a new version of a family removes the older ones.

- One renderer per file: a second request for a file that is still being rendered gets
  503 + ``Retry-After`` (:class:`Preparing`) instead of rendering it again. The lock is an ``flock`` on a
  file beside the target, so it holds across the app processes of one server and is released by the
  kernel if a worker dies.
- Restricted files are never served from here without the caller's view first asking the access policy;
  their key includes the rendered HTML, which holds only what that caller may see, and they go out with
  ``Cache-Control: private, no-store``.
- Anonymous callers are rate-limited per address (django-ratelimit, ``EXPORT_ANONYMOUS_RATE``, default
  ``20/m``): over the limit, 429 + ``Retry-After``. The counts live in the default cache, which is per
  process in the stock settings (each process counts on its own); behind a proxy set
  ``RATELIMIT_IP_META_KEY`` so that the caller's address, not the proxy's, is counted.
"""

from __future__ import annotations

import fcntl
import hashlib
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

#: Seconds a caller is asked to wait while a file is being prepared.
PREPARING_RETRY_AFTER = 15
DEFAULT_ANONYMOUS_RATE = "20/m"


class Preparing(Exception):
    """Another request is rendering this file right now."""


def storage() -> FileSystemStorage:
    return FileSystemStorage(location=Path(settings.PRIVATE_MEDIA_ROOT) / "renders", base_url=None)


def _part(value: object) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", str(value)).strip("-") or "none"


def digest(*parts: str | bytes) -> str:
    """A short stable digest of what a file's content depends on."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:32]


def rendered(family: Iterable[object], version: str, build: Callable[[], bytes], *, suffix: str) -> str:
    """The storage name of the file ``family``/``version``, rendering it with ``build()`` the first time.

    Raises :class:`Preparing` when another request is rendering the same file.
    """
    store = storage()
    folder = "/".join(_part(p) for p in family)
    name = f"{folder}/{_part(version)}.{suffix}"
    if store.exists(name):
        return name
    path = Path(store.path(name))
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a+b") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Preparing(name) from None
        try:
            if not path.exists():  # rendered by the request that held the lock before us
                tmp = path.with_suffix(".tmp")
                tmp.write_bytes(build())
                tmp.replace(path)
                for old in path.parent.iterdir():  # older versions of this family, and their locks
                    if old.stem != path.stem and old.suffix in (f".{suffix}", ".lock"):
                        old.unlink(missing_ok=True)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return name


def file_response(name: str, *, content_type: str, filename: str, inline: bool, public: bool) -> HttpResponse:
    """Serve a rendered file; restricted ones are never stored by a proxy or the browser."""
    with storage().open(name, "rb") as fh:  # a few MB at most: read whole, no file left open
        response = HttpResponse(fh.read(), content_type=content_type)
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        response["Cache-Control"] = "public, max-age=3600"
    else:
        response["Cache-Control"] = "private, no-store"
        response["Vary"] = "Cookie, Authorization"
    return response


def _refusal(status: int, message: str, *, retry_after: int) -> HttpResponse:
    """A plain-text refusal that tells the client when to try again (never cached)."""
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def preparing_response() -> HttpResponse:
    return _refusal(
        503,
        _("This file is being prepared. Please try again in %(seconds)d seconds.")
        % {"seconds": PREPARING_RETRY_AFTER},
        retry_after=PREPARING_RETRY_AFTER,
    )


def throttled(request: HttpRequest, group: str = "exports") -> HttpResponse | None:
    """429 with Retry-After when an anonymous caller is over the export rate; None otherwise (counts the call)."""
    if request.user.is_authenticated:
        return None
    rate = getattr(settings, "EXPORT_ANONYMOUS_RATE", DEFAULT_ANONYMOUS_RATE)
    usage = get_usage(request, group=group, key="ip", rate=rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    wait = max(int(usage["time_left"]), 1)
    return _refusal(
        429,
        _("Too many downloads from your address. Please wait %(seconds)d seconds and try again, or sign in.")
        % {"seconds": wait},
        retry_after=wait,
    )

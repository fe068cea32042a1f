"""Wagtail hooks of the library: Wagtail's documents and images obey the access level of their collection."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from wagtail import hooks

from greencustoms.accounts.choices import AuditAction
from greencustoms.accounts.policy import Action, Level, audit_view, can
from greencustoms.library.downloads import private_file_response
from greencustoms.library.selectors import collection_guard, visible_collection_ids


@hooks.register("before_serve_document")
def check_document_collection_level(document: Any, request: HttpRequest) -> HttpResponse | None:
    """Wagtail's serve view asks our policy; restricted files get a private, uncacheable response."""
    guard = collection_guard(document.collection)
    if guard.access_level == Level.PUBLIC:
        return None  # Wagtail serves it (its own collection restrictions still apply)
    if not can(request.user, Action.VIEW, guard):
        raise Http404
    document.access_level = guard.access_level
    audit_view(request, document, channel="wagtail-document", action=AuditAction.DOWNLOAD)
    content_type = mimetypes.guess_type(document.filename)[0] or "application/octet-stream"
    return private_file_response(
        storage_name=document.file.name,
        storage=document.file.storage,
        content_type=content_type,
        filename=document.filename,
        level=guard.access_level,
    )


@hooks.register("construct_document_chooser_queryset")
def document_chooser_visible_only(documents: Any, request: HttpRequest) -> Any:
    return documents.filter(collection_id__in=visible_collection_ids(request.user))


@hooks.register("construct_image_chooser_queryset")
def image_chooser_visible_only(images: Any, request: HttpRequest) -> Any:
    return images.filter(collection_id__in=visible_collection_ids(request.user))

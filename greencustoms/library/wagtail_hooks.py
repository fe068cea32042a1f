"""Wagtail hooks of the library: Wagtail's documents and images obey the access level of their collection."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from wagtail import hooks

from greencustoms.accounts.policy import Action, Level, can
from greencustoms.library.selectors import collection_guard, visible_collection_ids


@hooks.register("before_serve_document")
def check_document_collection_level(document: Any, request: HttpRequest) -> HttpResponse | None:
    """Wagtail's serve view asks our policy; restricted files go on to our checked, uncacheable view.

    Wagtail accepts only a plain HttpResponse from this hook (a FileResponse is ignored and the file
    served anyway), so allowed downloads are redirected to ``library:wagtail_document``.
    """
    guard = collection_guard(document.collection)
    if guard.access_level == Level.PUBLIC:
        return None  # Wagtail serves it (its own collection restrictions still apply)
    if not can(request.user, Action.VIEW, guard):
        raise Http404
    return HttpResponseRedirect(reverse("library:wagtail_document", args=[document.pk]))


@hooks.register("construct_document_chooser_queryset")
def document_chooser_visible_only(documents: Any, request: HttpRequest) -> Any:
    return documents.filter(collection_id__in=visible_collection_ids(request.user))


@hooks.register("construct_image_chooser_queryset")
def image_chooser_visible_only(images: Any, request: HttpRequest) -> Any:
    return images.filter(collection_id__in=visible_collection_ids(request.user))

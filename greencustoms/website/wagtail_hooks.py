"""Wagtail hooks of the website: every page is served and listed through the access policy."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.admin.ui.components import Component

from greencustoms.accounts.policy import Action, Level, audit_view, can, is_secretariat
from greencustoms.website.dashboard import secretariat_queue
from greencustoms.website.selectors import visible_pages


@hooks.register("before_serve_page")
def check_page_level(page: Any, request: HttpRequest, serve_args: Any, serve_kwargs: Any) -> None:
    """404 for a page whose level (or owner) the visitor may not see; restricted views are audited."""
    if (
        not can(request.user, Action.VIEW, page)
        or not visible_pages(request.user).filter(pk=page.pk).exists()
    ):
        raise Http404
    audit_view(request, page, channel="page")


@hooks.register("on_serve_page")
def no_shared_cache_for_restricted_pages(next_serve_page: Any) -> Any:
    def wrapper(page: Any, request: HttpRequest, serve_args: Any, serve_kwargs: Any) -> HttpResponse:
        response = next_serve_page(page, request, serve_args, serve_kwargs)
        if getattr(page, "access_level", Level.PUBLIC) != Level.PUBLIC:
            response["Cache-Control"] = "private, no-store"
        return response

    return wrapper


@hooks.register("construct_explorer_page_queryset")
def explorer_shows_visible_pages_only(parent_page: Any, pages: Any, request: HttpRequest) -> Any:
    """The admin explorer and its API list only pages the editor may see (titles are content too)."""
    return pages.filter(pk__in=visible_pages(request.user).values("pk"))


class VisiblePagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """Wagtail's admin API (explorer menu, choosers) lists and shows only pages the editor may see.

    Wagtail applies ``construct_explorer_page_queryset`` only with ``for_explorer=1``; a plain
    ``/admin/api/main/pages/?child_of=…`` or ``/admin/api/main/pages/ID/`` would list every title.
    """

    def get_base_queryset(self) -> Any:
        return super().get_base_queryset().filter(pk__in=visible_pages(self.request.user).values("pk"))


@hooks.register("construct_admin_api")
def admin_api_pages_through_the_policy(router: Any) -> None:
    router.register_endpoint("pages", VisiblePagesAdminAPIViewSet)


class SecretariatQueuePanel(Component):
    """The admin dashboard's first panel: what waits for the secretariat, with links to act on it."""

    name = "secretariat_queue"
    template_name = "wagtailadmin/home/secretariat_queue.html"
    order = 10

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:

        return {"items": secretariat_queue(by=self.request.user)}


@hooks.register("construct_homepage_panels")
def add_secretariat_queue(request: HttpRequest, panels: list[Any]) -> None:
    if is_secretariat(request.user):
        panels.insert(0, SecretariatQueuePanel(request))


@hooks.register("insert_global_admin_css")
def admin_colours() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))

"""Site navigation and home-page panels gathered from the apps that declare them.

An app adds a navigation link by declaring ``nav = [(url_name, label, level)]`` on its AppConfig, and a
home-page panel with ``home_panel = "dotted.path.to.function"`` (``function(request) -> str | None``
returning rendered HTML). Links are shown only to users who may see their level.
"""

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts.policy import can_view_level


@dataclass(frozen=True)
class NavItem:
    name: str
    label: str
    url: str
    active: bool


def _declared() -> list[tuple[str, Any, str]]:
    items: list[tuple[str, Any, str]] = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "nav", []))
    return items


def nav_items(request: HttpRequest) -> list[NavItem]:
    """The links this user may follow, in app order, Home first."""
    result = [NavItem("home", str(_("Home")), "/", request.path in ("/", "/fr/", "/es/"))]
    for url_name, label, level in _declared():
        if not can_view_level(request.user, level):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue  # an area that does not exist (yet) is not linked
        result.append(NavItem(url_name, str(label), url, request.path.startswith(url)))
    return result


def home_panels(request: HttpRequest) -> list[str]:
    """Rendered home-page panels contributed by apps (e.g. 'continue where you left off')."""
    panels = []
    for config in apps.get_app_configs():
        path = getattr(config, "home_panel", None)
        if path:
            html = import_string(path)(request)
            if html:
                panels.append(html)
    return panels

"""Site navigation and home-page panels gathered from the apps that declare them.

An app adds a navigation link by declaring ``nav = [(url_name, label, level)]`` on its AppConfig, and a
home-page panel with ``home_panel = "dotted.path.to.function"`` (``function(request) -> str | None``
returning rendered HTML). Links are shown only to users who may see their level.
"""

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts.policy import Level, visible_levels


@dataclass(frozen=True)
class NavItem:
    name: str
    label: str
    url: str
    active: bool


HOME_PATHS = frozenset({"/", "/fr/", "/es/"})


def _declared() -> list[tuple[str, Any, str]]:
    items: list[tuple[str, Any, str]] = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "nav", []))
    return items


# (language, script prefix, URLconf) -> [(url name, label, url, level)]: reversing and translating the
# same links on every page cost more than the rest of the header.
_LINKS: dict[tuple[str | None, str, Any], list[tuple[str, str, str, str]]] = {}


def _links() -> list[tuple[str, str, str, str]]:
    key = (get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    links = _LINKS.get(key)
    if links is None:
        links = [("home", str(_("Home")), "/", Level.PUBLIC.value)]
        for url_name, label, level in _declared():
            try:
                links.append((url_name, str(label), reverse(url_name), level))
            except NoReverseMatch:
                continue  # an area that does not exist (yet) is not linked
        _LINKS[key] = links
    return links


def nav_items(request: HttpRequest) -> list[NavItem]:
    """The links this user may follow, in app order, Home first."""
    levels = set(visible_levels(request.user))  # once: every link asks the same question
    path = request.path
    return [
        NavItem(name, label, url, path in HOME_PATHS if name == "home" else path.startswith(url))
        for name, label, url, level in _links()
        if level in levels
    ]


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

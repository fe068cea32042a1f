"""Site navigation and home-page panels gathered from the apps that declare them.

An app adds a navigation link by declaring ``nav = [(url_name, label, level)]`` on its AppConfig (an optional
fourth element names the audience group: ``officers``, ``partners``, ``secretariat`` or ``initiative``; without
it, intranet links go to the partners and the rest to the officers), and a home-page panel with ``home_panel = "dotted.path.to.function"`` (``function(request) -> str | None``
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
    group: str = "officers"


#: Audience groups of the menu, in order: (key, label).
GROUPS = [
    ("officers", _("Customs officers")),
    ("partners", _("Partners")),
    ("secretariat", _("Secretariat")),
    ("initiative", _("The initiative")),
]


@dataclass(frozen=True)
class NavGroup:
    key: str
    label: str
    items: list[NavItem]


def _group_of(entry: tuple[Any, ...]) -> str:
    if len(entry) > 3:
        return str(entry[3])
    return "partners" if entry[2] == Level.INTRANET.value else "officers"


HOME_PATHS = frozenset({"/", "/fr/", "/es/"})


def _declared() -> list[tuple[Any, ...]]:
    items: list[tuple[Any, ...]] = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "nav", []))
    return items


# (language, script prefix, URLconf) -> [(url name, label, url, level, group)]: reversing and translating the
# same links on every page cost more than the rest of the header.
_LINKS: dict[tuple[str | None, str, Any], list[tuple[str, str, str, str, str]]] = {}


def _links() -> list[tuple[str, str, str, str, str]]:
    key = (get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    links = _LINKS.get(key)
    if links is None:
        links = [
            ("home", str(_("Home")), reverse("wagtail_serve", args=[""]), Level.PUBLIC.value, "initiative")
        ]
        for entry in _declared():
            url_name, label, level = entry[:3]
            try:
                links.append((url_name, str(label), reverse(url_name), level, _group_of(entry)))
            except NoReverseMatch:
                continue  # an area that does not exist (yet) is not linked
        _LINKS[key] = links
    return links


def _active(path: str, links: list[tuple[str, str, str, str, str]]) -> str | None:
    """The one current link: the home page only on itself, else the longest link the path starts with."""
    if path in HOME_PATHS:
        return "home"
    best, length = None, 0
    for name, _label, url, _level, _group in links:
        if name != "home" and path.startswith(url) and len(url) > length:
            best, length = name, len(url)
    return best


def nav_items(request: HttpRequest) -> list[NavItem]:
    """The links this user may follow, in app order, Home first; exactly one (or none) is current."""
    levels = set(visible_levels(request.user))  # once: every link asks the same question
    links = [link for link in _links() if link[3] in levels]
    current = _active(request.path, links)
    return [NavItem(name, label, url, name == current, group) for name, label, url, _level, group in links]


def nav_groups(items: list[NavItem]) -> list[NavGroup]:
    """The links by audience, in the order of :data:`GROUPS`, empty groups left out."""
    groups = []
    for key, label in GROUPS:
        members = [i for i in items if i.group == key and i.name != "home"]
        if members:
            groups.append(NavGroup(key, str(label), members))
    return groups


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


def app_search_sections(user: Any, query: str) -> list[tuple[str, list[dict[str, str]]]]:
    """Results of the site-wide search contributed by apps: ``site_search = ("dotted.function", label)`` on an
    AppConfig, ``function(user=, query=) -> [{"title", "url", "snippet"}]``; each function answers only
    what ``user`` may see (the app's selectors apply the policy)."""
    sections = []
    for config in apps.get_app_configs():
        entry = getattr(config, "site_search", None)
        if entry:
            path, label = entry
            hits = list(import_string(path)(user=user, query=query))
            sections.append((str(label), hits))
    return sections

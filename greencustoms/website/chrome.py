"""The site header, and whole pages, rendered once per variant and reused.

Every page carries the same header; only a few things in it vary. Those that take few values (language,
the links this user may follow and which one is current, signed in or not, secretariat or not) are the
cache key. Those that are per user or per request (the CSRF token, the user's name, the current path for
the language switch) are rendered as placeholders and put in, escaped, for each request.

:func:`render_page` does the same for a whole page whose inputs the view can name (the lesson page, the
busiest page of the site): the view passes every value the template shows as ``vary``; the page is
rendered once per variant and only the placeholders are filled per request.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from greencustoms.accounts import policy
from greencustoms.accounts.csrf import page_csrf_token
from greencustoms.website.navigation import NavItem, nav_groups, nav_items

HEADER_TEMPLATE = "includes/header.html"
CACHE_SECONDS = 3600
# Unlikely in any text we render: cached templates hold only our own labels, URLs and vetted content.
PLACEHOLDERS = {
    "csrf": "gc-chrome-csrf-9b1f",
    "name": "gc-chrome-name-9b1f",
    "next": "gc-chrome-next-9b1f",
    "here": "gc-chrome-here-9b1f",
}
CSRF_PLACEHOLDER = PLACEHOLDERS["csrf"]
_PLACEHOLDER_RE = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS.values()))
_BY_PLACEHOLDER = {v: k for k, v in PLACEHOLDERS.items()}
# Set in the context of a page being rendered for the page cache: the header keeps its placeholders.
PLACEHOLDER_CONTEXT = "gc_placeholders"


def path_without_language(path: str) -> str:
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return "/" + path[len(prefix) :]
    return path


def _digest(value: str) -> str:
    return hashlib.blake2b(value.encode(), digest_size=16).hexdigest()


@dataclass(frozen=True)
class HeaderVariant:
    key: str
    items: list[NavItem]
    authenticated: bool
    secretariat: bool


def header_variant(request: HttpRequest) -> HeaderVariant:
    """What the header of this request looks like, short of its per-user placeholders."""
    user = getattr(request, "user", None)
    authenticated = bool(user is not None and user.is_authenticated)
    items = nav_items(request) if user is not None else []
    secretariat = authenticated and policy.is_secretariat(user)
    variant = "|".join(
        [
            get_language() or "",
            get_script_prefix(),
            str(int(authenticated)),
            str(int(secretariat)),
            ",".join(f"{i.name}={i.url}@{i.group}{'*' if i.active else ''}" for i in items),
        ]
    )
    return HeaderVariant(_digest(variant), items, authenticated, secretariat)


def _header_html(variant: HeaderVariant) -> str:
    key = f"website:header:{variant.key}"
    html = cache.get(key)
    if html is None:
        html = render_to_string(
            HEADER_TEMPLATE,
            {
                "gc_nav": variant.items,
                "gc_nav_groups": nav_groups(variant.items),
                "gc_home": next((i for i in variant.items if i.name == "home"), None),
                "gc_authenticated": variant.authenticated,
                "gc_is_secretariat": variant.secretariat,
                "gc_user_name": PLACEHOLDERS["name"],
                "gc_path_without_language": PLACEHOLDERS["next"],
                "gc_path": PLACEHOLDERS["here"],
                "csrf_token": CSRF_PLACEHOLDER,
            },
        )
        cache.set(key, html, CACHE_SECONDS)
    return html


def fill(request: HttpRequest, html: str) -> SafeString:
    """Put this request's CSRF token, user name and path in place of the placeholders."""
    user = getattr(request, "user", None)
    values = {
        "csrf": page_csrf_token(request),
        "name": escape(user.get_short_name()) if user is not None and user.is_authenticated else "",
        "next": escape(path_without_language(request.path)),
        "here": escape(request.path),
    }
    # One pass, so a value put in is never searched again.
    return mark_safe(_PLACEHOLDER_RE.sub(lambda m: values[_BY_PLACEHOLDER[m.group(0)]], html))  # noqa: S308


def site_header(request: HttpRequest, *, placeholders: bool = False) -> SafeString:
    """The header's HTML for this request (with its placeholders left in, for a page being cached)."""
    html = _header_html(header_variant(request))
    return mark_safe(html) if placeholders else fill(request, html)  # noqa: S308 - our template


def render_page(
    request: HttpRequest,
    template_name: str,
    make_context: Callable[[], dict[str, Any]],
    *,
    vary: tuple[Any, ...],
) -> HttpResponse:
    """Render ``template_name``, reusing the HTML rendered for the same ``vary`` and header variant.

    ``vary`` must hold every value the page shows other than the header's (ids, titles, counts); the
    template must not read ``user`` or ``request`` itself. ``make_context`` is called only when the page
    is rendered. Pages with pending messages are rendered afresh (a message is shown once).
    """

    def rendered() -> str:
        context = {**make_context(), PLACEHOLDER_CONTEXT: True, "csrf_token": CSRF_PLACEHOLDER}
        return render_to_string(template_name, context, request)

    if len(messages.get_messages(request)):
        return HttpResponse(fill(request, rendered()))
    variant = header_variant(request)
    key = "website:page:" + _digest(repr((template_name, get_language(), variant.key, vary)))
    html = cache.get(key)
    if html is None:
        html = rendered()
        cache.set(key, html, CACHE_SECONDS)
    return HttpResponse(fill(request, html))

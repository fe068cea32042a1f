"""The site header's context: what Django's ``{% cache %}`` fragments of ``includes/header.html`` are keyed on.

Every page carries the same header; most of it (the brand, the search box, the menu of links this user may
follow) is the same for everyone with the same language and the same links, so it is a cached template fragment
keyed explicitly on those values (:func:`header_context` gives ``gc_nav_key``). What is personal or per request
(the user's name, the CSRF token, the current path for the language switch) is rendered outside the cached
fragments on every request: nothing in a shared fragment comes from the user.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from greencustoms.accounts import policy
from greencustoms.accounts.csrf import page_csrf_token
from greencustoms.website.navigation import nav_groups, nav_items

HEADER_TEMPLATE = "includes/header.html"
#: Seconds a header fragment is kept (`{% cache %}` in includes/header.html and includes/nav.html).
CACHE_SECONDS = 3600


def path_without_language(path: str) -> str:
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return "/" + path[len(prefix) :]
    return path


def header_context(request: HttpRequest) -> dict[str, Any]:
    """The header's values for this request; ``gc_nav_key`` names the shared fragments' variant.

    The key holds everything the cached fragments show besides the language (which the templates add): the
    script prefix the URLs start with, signed in or not, secretariat or not, and each link (name, URL, group,
    current or not), i.e. the policy's answers for this user. The name, the token and the path are not in it:
    they are rendered outside the fragments.
    """
    user = getattr(request, "user", None)
    authenticated = bool(user is not None and user.is_authenticated)
    items = nav_items(request) if user is not None else []
    secretariat = authenticated and policy.is_secretariat(user)
    key = "|".join(
        [
            get_script_prefix(),
            str(int(authenticated)),
            str(int(secretariat)),
            ",".join(f"{i.name}={i.url}@{i.group}{'*' if i.active else ''}" for i in items),
        ]
    )
    return {
        "request": request,
        "gc_nav_key": key,
        "gc_language": get_language() or "",
        "gc_nav": items,
        "gc_nav_groups": SimpleLazyObject(lambda: nav_groups(items)),  # only when a fragment is rendered
        "gc_home": next((i for i in items if i.name == "home"), None),
        "gc_authenticated": authenticated,
        "gc_is_secretariat": secretariat,
        "gc_user_name": user.get_short_name() if authenticated else "",  # type: ignore[union-attr]
        "gc_path_without_language": path_without_language(request.path),
        "gc_path": request.path,  # the language switch goes to this page's translation
        "csrf_token": page_csrf_token(request),
        "gc_cache_seconds": CACHE_SECONDS,
    }

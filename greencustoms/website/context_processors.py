"""Template context for every page: navigation and language-neutral path.

The header is rendered by ``{% site_header %}`` (cached, see :mod:`greencustoms.website.chrome`); these
values stay available to other templates and are computed only if a template uses them.
"""

from functools import partial
from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from greencustoms.accounts import policy
from greencustoms.accounts.csrf import page_csrf_token
from greencustoms.website.chrome import path_without_language
from greencustoms.website.navigation import nav_items


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    # Replaces Django's own csrf_token (same laziness): one masked token for every form of the page.
    csrf_token = SimpleLazyObject(partial(page_csrf_token, request))
    if user is None:
        return {
            "gc_nav": [],
            "gc_path_without_language": path_without_language(request.path),
            "csrf_token": csrf_token,
        }
    return {
        "csrf_token": csrf_token,
        "gc_nav": SimpleLazyObject(partial(nav_items, request)),
        "gc_path_without_language": path_without_language(request.path),
        "gc_is_secretariat": partial(policy.is_secretariat, user),
    }

"""Template context for every page: navigation and language-neutral path."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from greencustoms.accounts.choices import Role
from greencustoms.accounts.policy import effective_roles, is_two_factor_verified
from greencustoms.website.navigation import nav_items


def _strip_language(path: str) -> str:
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return "/" + path[len(prefix) :]
    return path


def site(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "gc_nav": nav_items(request) if user is not None else [],
        "gc_path_without_language": _strip_language(request.path),
        "gc_is_secretariat": user is not None
        and Role.SECRETARIAT in effective_roles(user)
        and is_two_factor_verified(user),
    }

"""Who is calling the API. request.user is already resolved (session, or Bearer token by middleware)."""

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError


def require_user(request: HttpRequest) -> Any:
    """The signed-in user, or a 401 error for anonymous callers."""
    user = request.user
    if not user.is_authenticated:
        raise HttpError(401, "Authentication required: sign in or send 'Authorization: Bearer <token>'.")
    return user

"""The answer for a path under /api/ that no endpoint has."""

from django.http import HttpRequest, JsonResponse

from greencustoms.api.middleware import not_found_detail


def not_found(request: HttpRequest) -> JsonResponse:
    """A JSON 404 (without it, Django's APPEND_SLASH would redirect to the site's catch-all page route)."""
    return JsonResponse({"detail": not_found_detail(request)}, status=404)

"""Every refusal under /api/ is JSON with a ``detail`` naming the problem, whichever layer refused.

Django Ninja answers its own errors in JSON; the layers around it do not: the URL resolver (404 page), a
method the path does not have (Ninja's plain-text 405), the CSRF check of session calls (403 page), a body
Django cannot read (400). An API client gets ``{"detail": "..."}`` from all of them, with the same status.

A NUL character in the path or a query parameter is refused here (422 naming where it is), before any
handler passes it to PostgreSQL, which cannot store or compare it (an error 500 otherwise).
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


def not_found_detail(request: HttpRequest) -> str:
    return f"No API endpoint at {request.path}; the endpoints are listed at /api/v1/docs."


def _detail(request: HttpRequest, response: HttpResponse) -> str:
    status = response.status_code
    if status == 404:
        return not_found_detail(request)
    if status == 405:
        return f"{request.method} is not allowed on {request.path}; allowed: {response.get('Allow', '')}."
    if status == 403:
        return (
            "CSRF check failed: a session call to an unsafe method needs the X-CSRFToken header "
            "(calls with 'Authorization: Bearer <token>' need none)."
        )
    if status == 400:
        return "The request could not be read: malformed, or larger than the server accepts."
    if status >= 500:
        return "Internal error: the request was not completed; the operators have the details."
    return f"{status} {response.reason_phrase}."


NUL_MESSAGE = "contains a NUL character (\\x00), which no text can hold"


def _nul_problems(request: HttpRequest) -> list[dict[str, str]]:
    problems = []
    if "\x00" in request.path:
        problems.append({"field": "path", "message": NUL_MESSAGE})
    for key, values in request.GET.lists():
        if "\x00" in key or any("\x00" in value for value in values):
            problems.append({"field": f"query.{key.replace(chr(0), '')}", "message": NUL_MESSAGE})
    return problems


class ApiErrorBodyMiddleware:
    """Turn a non-JSON error response under /api/ into ``{"detail": ...}`` with the same status."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/") and (problems := _nul_problems(request)):
            return JsonResponse({"detail": problems}, status=422)
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path.startswith("/api/")
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        replaced = JsonResponse({"detail": _detail(request, response)}, status=response.status_code)
        for header in KEPT_HEADERS:
            if header in response:
                replaced[header] = response[header]
        return replaced

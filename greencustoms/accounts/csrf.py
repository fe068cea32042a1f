"""One masked CSRF token per response.

``django.middleware.csrf.get_token`` masks the secret anew on every call (32 random characters, one
system call each). A page with several forms (language switch, sign-out, the page's own forms) needs
one token, not one per form: the mask protects against compression attacks per response, not per form.
"""

from django.http import HttpRequest
from django.middleware.csrf import get_token

_ATTRIBUTE = "_gc_csrf_token"


def page_csrf_token(request: HttpRequest) -> str:
    """The request's masked token, made once; made again if the secret was rotated (sign-in)."""
    cached = getattr(request, _ATTRIBUTE, None)
    secret = request.META.get("CSRF_COOKIE")
    if cached is not None and secret is not None and cached[0] == secret:
        return cached[1]
    token = get_token(request)
    setattr(request, _ATTRIBUTE, (request.META.get("CSRF_COOKIE"), token))
    return token

"""The visitor's language: chosen once, remembered, and honoured by links that carry no language prefix.

Order of preference for a page asked without ``/fr/`` or ``/es/``: the signed-in user's saved choice, the
language cookie (set by the language switch), then the browser's ``Accept-Language``. When that language is
not English, the visitor is redirected to the same address under its prefix, so bookmarks, e-mailed links
and certificate-verification links open in the visitor's language. An explicit prefix always wins.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import LocalePrefixPattern, URLResolver, get_resolver
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language_from_path, get_supported_language_variant, trans_real

from greencustoms.website.models import LanguagePreference

SUPPORTED = frozenset(code for code, _name in settings.LANGUAGES)


def supported(code: str | None) -> str | None:
    """``code`` (any variant, e.g. ``fr-CA``) as one of the site's languages, or None."""
    if not code:
        return None
    try:
        return get_supported_language_variant(code)
    except LookupError:
        return None


#: The saved choice, copied into the session at sign-in so that pages need no query to find it.
SESSION_KEY = "gc_language"


def saved_language(user: Any) -> str | None:
    """The language this user chose last (None for visitors and users who never chose)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None

    code = LanguagePreference.objects.filter(user=user).values_list("language", flat=True).first()
    return supported(code)


def save_language(*, user: Any, language: str, session: Any = None) -> None:
    """Remember ``language`` on the user's profile (no-op for visitors or an unknown language)."""

    code = supported(language)
    if code is None or user is None or not getattr(user, "is_authenticated", False):
        return
    LanguagePreference.objects.update_or_create(user=user, defaults={"language": code})
    if session is not None:
        session[SESSION_KEY] = code


def remember_at_sign_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """``user_logged_in`` receiver: the saved language rides in the session from now on."""
    code = saved_language(user)
    if code and hasattr(request, "session"):
        request.session[SESSION_KEY] = code


def preferred_language(request: HttpRequest) -> str:
    """Saved choice, then the cookie, then Accept-Language, then the site's default."""
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    saved = None
    if session is not None and user is not None and user.is_authenticated:
        saved = supported(session.get(SESSION_KEY))
    if saved:
        return saved
    cookie = supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if cookie:
        return cookie
    for code, _q in trans_real.parse_accept_lang_header(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
        if code == "*":
            break
        found = supported(code)
        if found:
            return found
    return settings.LANGUAGE_CODE


def user_language(user: Any) -> str:
    """The language to write to this user in (e-mails, PDFs): their saved choice, else the default."""
    return saved_language(user) or settings.LANGUAGE_CODE


@cache
def _unprefixed_roots() -> tuple[str, ...]:
    """Path beginnings served outside the language patterns (API, admin, files, health check…)."""
    roots = [settings.STATIC_URL or "/static/", settings.MEDIA_URL or "/media/"]
    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and isinstance(pattern.pattern, LocalePrefixPattern):
            continue
        route = str(pattern.pattern).lstrip("^").split("(")[0].split("<")[0]
        roots.append("/" + route)
    return tuple(r for r in roots if r != "/")


def language_redirect(request: HttpRequest) -> HttpResponse | None:
    """The redirect to the visitor's language for an unprefixed page address, if one is due."""
    if request.method not in ("GET", "HEAD"):
        return None
    path = request.path_info
    if get_language_from_path(path) or path.startswith(_unprefixed_roots()):
        return None
    language = preferred_language(request)
    if language == settings.LANGUAGE_CODE:
        return None
    target = f"{request.META.get('SCRIPT_NAME', '').rstrip('/')}/{language}{path}"
    query = request.META.get("QUERY_STRING", "")
    response = HttpResponseRedirect(f"{target}?{query}" if query else target)
    patch_vary_headers(response, ("Cookie", "Accept-Language"))
    return response


class PreferredLanguageMiddleware:
    """Sends unprefixed page addresses to the visitor's language (after authentication: reads the profile)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        redirect = language_redirect(request)
        if redirect is not None:
            return redirect
        response = self.get_response(request)
        if not get_language_from_path(request.path_info) and not request.path_info.startswith(
            _unprefixed_roots()
        ):
            # The same unprefixed address answers differently by cookie and browser language.
            patch_vary_headers(response, ("Cookie", "Accept-Language"))
        return response


def in_language_of(user: Any) -> Any:
    """``with in_language_of(user):`` — texts and ``reverse()`` links (``/fr/…``) in the user's language.

    For e-mails and files made for one recipient outside their request (reminders, digests, decisions).
    """
    from django.utils import translation

    return translation.override(user_language(user))

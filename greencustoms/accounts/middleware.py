"""Request plumbing of the access policy: API tokens, mandatory two-factor sign-in, last activity."""

import re
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from greencustoms.accounts import policy, selectors
from greencustoms.accounts.models import ApiToken, User
from greencustoms.accounts.policy import is_two_factor_verified

UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def _csrf_dummy_view(request: HttpRequest) -> HttpResponse:  # pragma: no cover - never called
    return HttpResponse()


class ApiTokenMiddleware:
    """Resolve ``Authorization: Bearer <token>`` on /api/ into request.user; keep CSRF for session calls.

    Django Ninja's views are CSRF-exempt, so unsafe API calls made with a session cookie are checked
    here exactly as a form post would be; token calls carry no ambient credentials and need no CSRF.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.api_token = None  # type: ignore[attr-defined]
        header = request.headers.get("Authorization", "")
        if request.path.startswith("/api/") and header:
            scheme, _, secret = header.partition(" ")
            if scheme.lower() != "bearer" or not secret.strip():
                return JsonResponse({"detail": "Authorization header must be 'Bearer <token>'."}, status=401)
            token = selectors.api_token_by_secret(secret.strip())
            if token is None:
                return JsonResponse({"detail": "Invalid or revoked API token."}, status=401)
            user = token.user
            # The policy reads the token's recorded flag (is_two_factor_verified): a token made from a
            # password-only session is no second factor. is_verified() answers the same for callers of it.
            user._gc_api_token = token  # type: ignore[attr-defined]
            user.otp_device = None  # type: ignore[attr-defined]
            user.is_verified = partial(is_two_factor_verified, user)  # type: ignore[attr-defined]
            request.api_token = token  # type: ignore[attr-defined]
            request._cached_user = user  # type: ignore[attr-defined]
            request.user = user
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
            if token.last_used_at is None or timezone.now() - token.last_used_at > timedelta(minutes=5):
                ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Callable, args: tuple, kwargs: dict
    ) -> HttpResponse | None:
        if (
            request.path.startswith("/api/")
            and request.method in UNSAFE_METHODS
            and getattr(request, "api_token", None) is None
            and request.user.is_authenticated
        ):
            return self.csrf.process_view(request, _csrf_dummy_view, (), {})
        return None


# Paths open to a signed-in account that still owes its second factor, as exact prefixes of the path
# (after an optional /fr/ or /es/ language prefix): "/admin/api/" is not "/api/".
ALLOWED_WITHOUT_SECOND_FACTOR = ("/static/", "/i18n/", "/account/logout/", "/account/two-factor/", "/api/")
# Where every account needs a verified session, whatever its role (Wagtail's admin and its API).
VERIFIED_SESSION_ONLY = ("/admin/",)
_LANGUAGES = "|".join(re.escape(code) for code, _name in settings.LANGUAGES)
_LANGUAGE_PREFIX = re.compile(rf"^/(?:{_LANGUAGES})(?=/)")


def _unprefixed(path: str) -> str:
    """The path without its language prefix (/fr/account/… → /account/…)."""
    return _LANGUAGE_PREFIX.sub("", path, count=1)


class TwoFactorRequiredMiddleware:
    """Partner and secretariat accounts must finish a two-factor sign-in before anything else.

    The Wagtail admin (pages, choosers and its API) needs a verified session from every account.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not is_two_factor_verified(user)
            and self._needs_second_factor(user, request.path)
        ):
            target = (
                "accounts:two_factor_verify"
                if selectors.has_totp_device(user)
                else "accounts:two_factor_setup"
            )
            return HttpResponseRedirect(reverse(target))
        return self.get_response(request)

    @staticmethod
    def _needs_second_factor(user: User, path: str) -> bool:
        path = _unprefixed(path)
        if path.startswith(VERIFIED_SESSION_ONLY):
            return True
        return selectors.two_factor_required(user) and not path.startswith(ALLOWED_WITHOUT_SECOND_FACTOR)


class ActivityMiddleware:
    """Record when an account was last used (at most once an hour), for idle enforcement suspension."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            now = timezone.now()
            if user.last_seen_at is None or now - user.last_seen_at > timedelta(hours=1):
                User.objects.filter(pk=user.pk).update(last_seen_at=now)
                user.last_seen_at = now
        return self.get_response(request)


class PrivateCacheMiddleware:
    """``Cache-Control: private, no-store`` (and ``Vary: Cookie, Authorization``) on every response that
    may show restricted data, so that no shared proxy or browser disk keeps it:

    - the access policy let this request view an object above the public level (whatever the view set);
    - the request is signed in (session or API token) and the view set no cache policy of its own: its
      page shows what the account's levels let it see (lists, search, navigation), and who is signed in.

    Anonymous responses and a public file's explicit ``public, max-age`` are left as they are.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with policy.tracking_restricted_views() as restricted_viewed:
            response = self.get_response(request)
            restricted = restricted_viewed()
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if restricted or (signed_in and not response.has_header("Cache-Control")):
            response["Cache-Control"] = "private, no-store"
            patch_vary_headers(response, ("Cookie", "Authorization"))
        return response

"""Request plumbing of the access policy: API tokens, mandatory two-factor sign-in, last activity."""

from collections.abc import Callable
from datetime import timedelta

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from greencustoms.accounts import policy, selectors
from greencustoms.accounts.models import ApiToken, User

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
            # A token is created from a two-factor session or by the server's operator.
            user.is_verified = lambda: True  # type: ignore[attr-defined]
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


ALLOWED_WITHOUT_SECOND_FACTOR = ("/static/", "/i18n/", "/account/logout/", "/account/two-factor/", "/api/")


class TwoFactorRequiredMiddleware:
    """Partner and secretariat accounts must finish a two-factor sign-in before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and selectors.two_factor_required(user)
            and not user.is_verified()
            and not self._allowed(request.path)
        ):
            target = (
                "accounts:two_factor_verify"
                if selectors.has_totp_device(user)
                else "accounts:two_factor_setup"
            )
            return HttpResponseRedirect(reverse(target))
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        return any(prefix in path for prefix in ALLOWED_WITHOUT_SECOND_FACTOR)


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

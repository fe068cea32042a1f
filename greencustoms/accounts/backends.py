"""Authentication by e-mail address (case-insensitive), and the one normalisation of what is typed."""

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from greencustoms.accounts import selectors
from greencustoms.accounts.models import User


def normalize_login(value: object) -> str:
    """The account name as sign-in compares it: e-mail addresses are case-insensitive, spaces trimmed."""
    return str(value or "").strip().lower()


def axes_username(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str:
    """AXES_USERNAME_CALLABLE: django-axes counts failures per account as sign-in finds it.

    Without it axes keys on the raw form value, and ``USER@example.org`` would get five fresh guesses.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    value = (credentials or {}).get(field) or (credentials or {}).get("email")
    if value is None and request is not None:
        value = getattr(request, "POST", {}).get(field)
    return normalize_login(value)


class EmailBackend(ModelBackend):
    """Sign in with e-mail and password; inactive (unverified) accounts are refused."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        email = normalize_login(username or kwargs.get("email"))
        if not email or password is None:
            return None
        if selectors.sign_in_locked(email):
            # Too many failures for this account from all addresses together (axes counts per address).
            User().set_password(password)
            return None
        try:
            user = User.objects.get(email__iexact=email)
        except User.DoesNotExist:
            User().set_password(password)  # same cost whether or not the account exists
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id: Any) -> User | None:
        """The signed-in user of a session (every request asks); an id that is no user's gives no user."""
        try:
            user = User._default_manager.get(pk=user_id)
        except (User.DoesNotExist, ValueError, ValidationError):
            return None
        return user if self.user_can_authenticate(user) else None

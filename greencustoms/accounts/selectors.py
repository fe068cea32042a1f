"""Reads about accounts: tokens, accreditation state, two-factor devices."""

from datetime import datetime, timedelta

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from greencustoms.accounts import policy
from greencustoms.accounts.choices import AccreditationStatus
from greencustoms.accounts.models import ApiToken, EnforcementAccreditation, PasswordResetRequest, User


def api_token_by_secret(secret: str) -> ApiToken | None:
    """The live token with this secret, or None."""
    return (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.digest_of(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def has_totp_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def current_accreditation(user: User) -> EnforcementAccreditation | None:
    """The open (requested or approved) accreditation of the user, if any."""
    return user.accreditations.filter(
        status__in=[AccreditationStatus.REQUESTED, AccreditationStatus.APPROVED]
    ).first()


def accreditation_is_current(user: User) -> bool:
    return user.accreditations.filter(
        status=AccreditationStatus.APPROVED, expires_at__gt=timezone.now()
    ).exists()


def two_factor_required(user: User) -> bool:
    """Partner and secretariat staff must sign in with two factors; officers may choose to."""
    return policy.requires_two_factor(user)


def pending_accreditations() -> QuerySet[EnforcementAccreditation]:
    return EnforcementAccreditation.objects.filter(status=AccreditationStatus.REQUESTED).select_related(
        "user"
    )


def user_tokens(user: User) -> QuerySet[ApiToken]:
    return user.personal_tokens.all()


def sign_in_locked(username: str, *, at: datetime | None = None) -> bool:
    """Too many failed sign-ins for this account name from every client address together.

    django-axes locks an (account, address) pair after AXES_FAILURE_LIMIT failures; this limit
    (ACCOUNT_FAILURE_LIMIT within the same cool-off) holds against guesses spread over many addresses.
    It counts names, not accounts: an unknown address is limited alike (no enumeration).
    """
    since = (at or timezone.now()) - (get_cool_off() or timedelta(minutes=15))
    failures = AccessAttempt.objects.filter(username=username, attempt_time__gte=since).aggregate(
        n=Sum("failures_since_start")
    )["n"]
    return (failures or 0) >= settings.ACCOUNT_FAILURE_LIMIT


def password_reset_throttled(*, email: str, ip_address: str | None, at: datetime) -> bool:
    """Too many reset mails asked for this address, or from this client, within the window.

    Counted per request, whether or not an account has the address, so the answer tells nothing.
    """
    recent = PasswordResetRequest.objects.filter(
        at__gt=at - timedelta(seconds=settings.PASSWORD_RESET_LIMIT_WINDOW)
    )
    if recent.filter(email_digest=PasswordResetRequest.digest_of(email)).count() >= (
        settings.PASSWORD_RESET_LIMIT_PER_ADDRESS
    ):
        return True
    return ip_address is not None and recent.filter(ip_address=ip_address).count() >= (
        settings.PASSWORD_RESET_LIMIT_PER_CLIENT
    )

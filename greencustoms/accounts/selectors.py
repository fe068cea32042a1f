"""Reads about accounts: tokens, accreditation state, two-factor devices."""

from django.db.models import QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from greencustoms.accounts import policy
from greencustoms.accounts.choices import AccreditationStatus
from greencustoms.accounts.models import ApiToken, EnforcementAccreditation, User


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

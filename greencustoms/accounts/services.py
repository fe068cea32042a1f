"""Writes of the accounts domain: registration, verification, accreditation, tokens, two factors."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from greencustoms.accounts import policy
from greencustoms.accounts.choices import AccreditationStatus, AuditAction, Role
from greencustoms.accounts.models import ApiToken, EnforcementAccreditation, PasswordResetRequest, User
from greencustoms.accounts.policy import audit

EMAIL_VERIFICATION_SALT = "greencustoms.accounts.verify-email"
EMAIL_VERIFICATION_MAX_AGE = 60 * 60 * 48


def _site_language(user: User) -> str:
    return settings.LANGUAGE_CODE


#: The language each user reads mail in. The website app keeps the users' saved choices and connects its resolver
#: at start-up (``connect_recipient_language``): accounts may not import a later app.
_recipient_language: Callable[[User], str] = _site_language


def connect_recipient_language(resolver: Callable[[User], str]) -> None:
    global _recipient_language
    _recipient_language = resolver


def in_recipient_language(user: User) -> translation.override:
    """``with in_recipient_language(user):`` a mail sent outside the user's own request, in their language."""
    return translation.override(_recipient_language(user))


def _send(user: User, subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def email_verification_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=EMAIL_VERIFICATION_SALT)


@transaction.atomic
def user_register(
    *,
    email: str,
    full_name: str,
    password: str,
    country: str,
    administration: str,
    languages: list[str],
    at: datetime,
) -> User:
    """Create an inactive officer account and send the e-mail verification link."""
    user = User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name,
        role=Role.OFFICER,
        country=country,
        administration=administration,
        languages=languages,
        is_active=False,
        date_joined=at,
    )
    link = settings.SITE_URL + reverse("accounts:verify_email", args=[email_verification_token(user)])
    _send(
        user,
        _("Confirm your Green Customs account"),
        _(
            "Open this link within 48 hours to confirm your e-mail address and activate your account:\n%(link)s"
        )
        % {"link": link},
    )
    return user


def user_verify_email(*, token: str, at: datetime) -> User:
    """Activate the account the signed token names; ValidationError if expired or tampered."""
    try:
        data = signing.loads(token, salt=EMAIL_VERIFICATION_SALT, max_age=EMAIL_VERIFICATION_MAX_AGE)
        user = User.objects.get(pk=data["u"], email=data["e"])
    except (signing.BadSignature, KeyError, TypeError, User.DoesNotExist) as exc:
        raise ValidationError(_("This verification link is invalid or has expired.")) from exc
    if user.email_verified_at is None:
        user.email_verified_at = at
        user.is_active = True
        user.save(update_fields=["email_verified_at", "is_active"])
    return user


def accreditation_request(
    *, user: User, administration: str, justification: str, at: datetime
) -> EnforcementAccreditation:
    """An officer asks for vetted enforcement status."""
    if not policy.can_request_enforcement(user):
        raise ValidationError(_("Only customs officers and trainers can request enforcement status."))
    if user.accreditations.filter(
        status__in=[AccreditationStatus.REQUESTED, AccreditationStatus.APPROVED]
    ).exists():
        raise ValidationError(_("You already have a pending or approved request."))
    if not justification.strip():
        raise ValidationError({"justification": _("Explain why you need access to restricted material.")})
    return EnforcementAccreditation.objects.create(
        user=user, administration=administration, justification=justification, requested_at=at
    )


@transaction.atomic
def accreditation_decide(
    *, accreditation: EnforcementAccreditation, approve: bool, by: User, at: datetime, note: str = ""
) -> EnforcementAccreditation:
    """The secretariat approves (for ENFORCEMENT_VALID_DAYS) or refuses a request."""
    if not policy.can_decide_accreditation(by):
        raise PermissionError("only the secretariat decides on enforcement status")
    if accreditation.status != AccreditationStatus.REQUESTED:
        raise ValidationError(_("This request has already been decided."))
    accreditation.status = AccreditationStatus.APPROVED if approve else AccreditationStatus.REFUSED
    accreditation.decided_by = by
    accreditation.decided_at = at
    accreditation.decision_note = note
    if approve:
        accreditation.expires_at = at + timedelta(days=settings.ENFORCEMENT_VALID_DAYS)
    accreditation.save()
    audit(
        actor=by,
        action=AuditAction.APPROVE if approve else AuditAction.REFUSE,
        obj=accreditation,
        channel="admin",
    )
    user = accreditation.user
    with in_recipient_language(user):  # decided by the secretariat, read by the officer
        if approve:
            body = _(
                "Your enforcement status is approved until %(date)s. It can be used only after you enable "
                "two-factor authentication on your profile page."
            ) % {"date": accreditation.expires_at.date().isoformat()}
        else:
            body = _("Your request for enforcement status was not approved. %(note)s") % {"note": note}
        _send(user, _("Your Green Customs enforcement request"), body)
    return accreditation


@dataclass(frozen=True)
class HousekeepingReport:
    warned: int
    suspended: int
    expired: int


def enforcement_housekeeping(*, at: datetime) -> HousekeepingReport:
    """Warn accounts idle for (90 − 10) days, suspend those idle for 90 days."""
    suspend_after = timedelta(days=settings.ENFORCEMENT_IDLE_SUSPEND_DAYS)
    warn_after = suspend_after - timedelta(days=settings.ENFORCEMENT_IDLE_WARNING_DAYS)
    warned = suspended = 0
    approved = EnforcementAccreditation.objects.filter(status=AccreditationStatus.APPROVED).select_related(
        "user"
    )
    for acc in approved:
        with in_recipient_language(acc.user):  # a task, outside any request: the officer's language
            last = acc.user.last_seen_at or acc.decided_at or acc.requested_at
            idle = at - last
            if idle >= suspend_after:
                acc.status = AccreditationStatus.SUSPENDED
                acc.decision_note = _("Suspended after %(days)d days without use.") % {"days": idle.days}
                acc.save(update_fields=["status", "decision_note"])
                audit(actor=None, action=AuditAction.SUSPEND, obj=acc, channel="task")
                api_tokens_revoke_all(user=acc.user, reason="enforcement suspended", by=None, at=at)
                _send(acc.user, _("Your Green Customs enforcement status is suspended"), acc.decision_note)
                suspended += 1
            elif idle >= warn_after and (acc.idle_warning_sent_at is None or acc.idle_warning_sent_at < last):
                acc.idle_warning_sent_at = at
                acc.save(update_fields=["idle_warning_sent_at"])
                days_left = (suspend_after - idle).days
                _send(
                    acc.user,
                    _("Your Green Customs enforcement status will be suspended"),
                    _(
                        "You have not signed in for %(idle)d days. Sign in within %(left)d days to keep your enforcement status."
                    )
                    % {"idle": idle.days, "left": max(days_left, 0)},
                )
                warned += 1
    expired = approved.filter(expires_at__lte=at).count()
    return HousekeepingReport(warned=warned, suspended=suspended, expired=expired)


def api_token_create(*, user: User, name: str, two_factor: bool, at: datetime) -> tuple[ApiToken, str]:
    """Create a token; the secret is returned once and only its digest is kept.

    ``two_factor`` records whether it was made from a two-factor session or by the operator's command:
    only such a token reaches enforcement and intranet levels (see ``policy.is_two_factor_verified``).
    """
    prefix = secrets.token_hex(4)
    secret = f"gc_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name or "API",
        prefix=prefix,
        digest=ApiToken.digest_of(secret),
        created_at=at,
        two_factor=two_factor,
    )
    audit(
        actor=user,
        action=AuditAction.TOKEN,
        obj=token,
        channel="token",
        detail={"op": "create", "two_factor": two_factor},
    )
    return token, secret


def api_token_revoke(*, token: ApiToken, by: User, at: datetime) -> ApiToken:
    if not policy.can_revoke_token(by, token):
        raise PermissionError("not your token")
    token.revoked_at = at
    token.save(update_fields=["revoked_at"])
    audit(actor=by, action=AuditAction.TOKEN, obj=token, channel="token", detail={"op": "revoke"})
    return token


def api_tokens_revoke_all(*, user: User, reason: str, by: User | None, at: datetime) -> int:
    """Revoke every live token of the user (new password, suspended account); returns how many."""
    return ApiToken.objects.filter(user=user).revoke(reason=reason, by=by, at=at)


@transaction.atomic
def user_set_password(*, user: User, password: str, by: User | None, at: datetime) -> User:
    """Give the account a new password; its API tokens end with the old one.

    ``User.save`` revokes them on every other path too (reset, Wagtail's forms, ``changepassword``).
    """
    api_tokens_revoke_all(user=user, reason="password", by=by, at=at)
    user.set_password(password)
    user.save()
    audit(actor=by, action=AuditAction.CHANGE, obj=user, channel="account", detail={"op": "password"})
    return user


@transaction.atomic
def user_suspend(*, user: User, by: User | None, at: datetime) -> User:
    """Suspend the account: no sign-in, no session, no API token."""
    api_tokens_revoke_all(user=user, reason="suspended", by=by, at=at)
    user.is_active = False
    user.save()
    audit(actor=by, action=AuditAction.SUSPEND, obj=user, channel="account")
    return user


def password_reset_request_log(*, email: str, ip_address: str | None, at: datetime) -> PasswordResetRequest:
    """Record a reset request (for the throttle); requests older than the window are dropped."""
    window = timedelta(seconds=settings.PASSWORD_RESET_LIMIT_WINDOW)
    PasswordResetRequest.objects.filter(at__lte=at - window).delete()
    return PasswordResetRequest.objects.create(
        email_digest=PasswordResetRequest.digest_of(email), ip_address=ip_address, at=at
    )


def totp_device_start(*, user: User) -> TOTPDevice:
    """An unconfirmed TOTP device for the user to scan; replaces any earlier unconfirmed one."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def totp_device_confirm(*, device: TOTPDevice, code: str) -> bool:
    """Confirm the device when the code from the app is right."""
    if device.verify_token(code.strip().replace(" ", "")):
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
        return True
    return False

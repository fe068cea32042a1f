"""People on the platform, their enforcement accreditation, API tokens and the audit log."""

import hashlib
from datetime import datetime
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts.choices import ACCOUNT_ROLES, AccreditationStatus, AuditAction, Role
from greencustoms.accounts.countries import validate_country


class UserManager(BaseUserManager["User"]):
    """Creates users identified by e-mail."""

    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("email is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.update(is_staff=True, is_superuser=True, role=Role.SECRETARIAT)
        return self._create(email, password, **extra)

    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email__iexact=username or "")


class User(AbstractUser):
    """A person with an account: customs officer, trainer, partner staff or secretariat staff."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=ACCOUNT_ROLES, default=Role.OFFICER)
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("partner organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    country = models.CharField(_("country"), max_length=2, blank=True, validators=[validate_country])
    administration = models.CharField(_("administration"), max_length=200, blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    email_verified_at = models.DateTimeField(_("e-mail verified at"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("last seen at"), null=True, blank=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="partner") | Q(partner__isnull=False),
                name="%(app_label)s_%(class)s_partner_staff_have_partner",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> "User":
        user = super().from_db(db, field_names, values)
        user._gc_loaded_active = user.__dict__.get("is_active")
        return user

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Save; a new password or a suspended account ends the account's API tokens.

        Every path that changes a password (reset, Wagtail's account and user forms, `changepassword`,
        `set_password()` in a shell) saves through here; hash upgrades at sign-in do not count (Django
        clears `_password` for them).
        """
        existing = self.pk is not None and not self._state.adding
        password_changed = existing and self._password is not None
        suspended = existing and getattr(self, "_gc_loaded_active", None) is True and not self.is_active
        super().save(*args, **kwargs)
        self._gc_loaded_active = self.is_active
        if password_changed or suspended:
            reason = "password" if password_changed else "suspended"
            ApiToken.objects.filter(user=self).revoke(reason=reason, by=None, at=timezone.now())


class EnforcementAccreditation(models.Model):
    """An officer's request for vetted enforcement status, and the secretariat's decision on it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="accreditations",
        verbose_name=_("user"),
    )
    administration = models.CharField(_("administration"), max_length=200)
    justification = models.TextField(_("justification"))
    status = models.CharField(
        _("status"), max_length=20, choices=AccreditationStatus.choices, default=AccreditationStatus.REQUESTED
    )
    requested_at = models.DateTimeField(_("requested at"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    idle_warning_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("enforcement accreditation")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(status__in=["requested", "approved"]),
                name="%(app_label)s_%(class)s_one_open_per_user",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(expires_at__isnull=False, decided_at__isnull=False),
                name="%(app_label)s_%(class)s_approved_has_expiry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_status_display()}"

    @property
    def is_approved(self) -> bool:
        return self.status == AccreditationStatus.APPROVED

    @property
    def is_open(self) -> bool:
        """Approved or still waiting for the secretariat: no second request meanwhile."""
        return self.status in (AccreditationStatus.APPROVED, AccreditationStatus.REQUESTED)

    def is_current(self, at: datetime | None = None) -> bool:
        """Approved and not yet expired."""
        at = at or timezone.now()
        return (
            self.status == AccreditationStatus.APPROVED
            and self.expires_at is not None
            and self.expires_at > at
        )


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def revoke(self, *, reason: str, by: Any, at: datetime) -> int:
        """Revoke the live tokens among these, one audit entry each; returns how many.

        Here, beside the model, because ``User.save`` needs it on every path that changes a password.
        """
        live = list(self.filter(revoked_at__isnull=True))
        ApiToken.objects.filter(pk__in=[t.pk for t in live]).update(revoked_at=at)
        for token in live:
            AuditEntry.record(
                actor=by,
                action=AuditAction.TOKEN,
                obj=token,
                channel="token",
                detail={"op": "revoke", "reason": reason},
            )
        return len(live)


class ApiToken(models.Model):
    """A personal API token; only its SHA-256 digest is stored, the secret is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # Created from a two-factor session or by the server's operator (`greencustoms token create`): only
    # then does the token stand for a second factor (enforcement and intranet levels). Older tokens: no.
    two_factor = models.BooleanField(_("created with two factors"), default=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def digest_of(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()


class PasswordResetRequest(models.Model):
    """One request for a password-reset mail, kept an hour or so to throttle them per address and client."""

    # The SHA-256 of the normalised address: requests for addresses without an account are kept too.
    email_digest = models.CharField(max_length=64, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("password-reset request")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.ip_address or '-'}"

    @staticmethod
    def digest_of(email: str) -> str:
        return hashlib.sha256(email.strip().lower().encode()).hexdigest()


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    """Audit entries cannot be changed or removed in bulk either."""

    def update(self, **kwargs: object) -> int:
        raise PermissionError("audit entries are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit entries are append-only")


class AuditEntry(models.Model):
    """One append-only record: who saw or changed which restricted object, when and from where."""

    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_email = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=300, blank=True)
    level = models.CharField(max_length=20, blank=True)
    channel = models.CharField(max_length=20, blank=True, help_text="page, file, api, export, pdf, admin, …")
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M} {self.actor_email} {self.action} {self.object_type}:{self.object_id}"
        )

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("audit entries are append-only")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise PermissionError("audit entries are append-only")

    @classmethod
    def record(
        cls,
        *,
        actor: Any,
        action: str,
        obj: Any,
        channel: str = "",
        ip_address: str | None = None,
        detail: dict[str, Any] | None = None,
    ) -> "AuditEntry":
        """Append one entry (``policy.audit`` is the entry point that also reads the request)."""
        user = actor if actor is not None and getattr(actor, "is_authenticated", False) else None
        return cls.objects.create(
            at=timezone.now(),
            actor=user,
            actor_email=getattr(user, "email", "") if user else "",
            action=str(action),
            object_type=obj._meta.label_lower if hasattr(obj, "_meta") else type(obj).__name__,
            object_id=str(getattr(obj, "pk", "") or ""),
            object_repr=str(obj)[:300],
            level=str(getattr(obj, "access_level", "") or ""),
            channel=channel,
            ip_address=ip_address,
            detail=detail or {},
        )

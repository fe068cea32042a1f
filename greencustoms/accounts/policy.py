"""The one access policy: may this user do this action to this object?

Every channel (page, file URL, search, API, feed, sitemap, export, PDF, e-mail) asks these functions;
no app re-implements them. Objects take part by exposing some of:

- ``access_level``: one of :class:`Level` (default ``public``);
- ``owner_partner_id``: the partner organization that owns the object (its staff may change it);
- ``created_by_id``: the author (who may change what they can still see, e.g. a risk indicator).

Levels: ``public`` for anyone; ``registered`` for any signed-in, active account; ``enforcement`` for
officers with a current accreditation who signed in with two factors, and the secretariat;
``intranet`` for partner staff and the secretariat, signed in with two factors. Partner staff also see
every object their own organization owns, whatever its level.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.functional import LazyObject, empty

from greencustoms.accounts.choices import AccreditationStatus, Action, AuditAction, Level, Role

if TYPE_CHECKING:
    from greencustoms.accounts.models import User

__all__ = [
    "Action",
    "Level",
    "LevelField",
    "Role",
    "RestrictedQuerySet",
    "audit",
    "audit_view",
    "can",
    "can_view_level",
    "effective_roles",
    "has_enforcement",
    "is_two_factor_verified",
    "require",
    "require_view",
    "visible_levels",
]

AUDITED_LEVELS = frozenset({Level.ENFORCEMENT, Level.INTRANET})


def _real(user: Any) -> Any:
    """The user behind ``request.user``'s lazy wrapper: the policy reads it a few dozen times a page."""
    if isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        return user._wrapped
    return user


def _is_user(user: Any) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and user.is_active)


def is_two_factor_verified(user: Any) -> bool:
    """Signed in with a second factor in this session (or through a token created after one)."""
    if not _is_user(user):
        return False
    verified = getattr(user, "is_verified", None)
    return bool(verified()) if callable(verified) else False


def has_enforcement(user: Any, *, at: Any = None) -> bool:
    """A current, approved enforcement accreditation, usable only with two-factor sign-in."""
    if not _is_user(user) or not is_two_factor_verified(user):
        return False
    cache = getattr(user, "_gc_enforcement_cache", None)
    if cache is None:
        now = at or timezone.now()
        cache = user.accreditations.filter(status=AccreditationStatus.APPROVED, expires_at__gt=now).exists()
        user._gc_enforcement_cache = cache
    return cache


def effective_roles(user: Any) -> frozenset[Role]:
    """Every role that applies to the user now (``public`` for anonymous visitors)."""
    user = _real(user)
    if not _is_user(user):
        return frozenset({Role.PUBLIC})
    roles = {Role(user.role)}
    if user.is_superuser:
        roles.add(Role.SECRETARIAT)
    if has_enforcement(user):
        roles.add(Role.ENFORCEMENT)
    return frozenset(roles)


def _staff_verified(user: Any, role: Role) -> bool:
    """Partner and secretariat rights count only after a two-factor sign-in."""
    return role in effective_roles(user) and is_two_factor_verified(user)


def visible_levels(user: Any) -> list[str]:
    """The access levels whose objects the user may see."""
    user = _real(user)
    levels = [Level.PUBLIC.value]
    if not _is_user(user):
        return levels
    levels.append(Level.REGISTERED.value)
    secretariat = _staff_verified(user, Role.SECRETARIAT)
    if secretariat or has_enforcement(user):
        levels.append(Level.ENFORCEMENT.value)
    if secretariat or _staff_verified(user, Role.PARTNER):
        levels.append(Level.INTRANET.value)
    return levels


def can_view_level(user: Any, level: str) -> bool:
    return level in visible_levels(user)


def _owner_partner_id(obj: Any) -> int | None:
    return getattr(obj, "owner_partner_id", None)


def _is_own_partner_object(user: Any, obj: Any) -> bool:
    owner = _owner_partner_id(obj)
    return (
        owner is not None
        and _staff_verified(user, Role.PARTNER)
        and getattr(user, "partner_id", None) == owner
    )


def can(user: Any, action: Action | str, obj: Any) -> bool:
    """May ``user`` perform ``action`` on ``obj``? (A yes to viewing a restricted object is noted for the
    request: see :func:`tracking_restricted_views`.)"""
    allowed = _can(user, action, obj)
    if allowed and Action(action) is Action.VIEW:
        _note_if_restricted(obj)
    return allowed


def _can(user: Any, action: Action | str, obj: Any) -> bool:
    user = _real(user)
    action = Action(action)
    level = getattr(obj, "access_level", Level.PUBLIC) or Level.PUBLIC
    secretariat = _staff_verified(user, Role.SECRETARIAT)
    if secretariat:
        return True
    own = _is_own_partner_object(user, obj)
    if action is Action.VIEW:
        return own or can_view_level(user, level)
    if action is Action.CHANGE:
        if own:
            return True
        author = getattr(obj, "created_by_id", None)
        return author is not None and _is_user(user) and author == user.pk and can_view_level(user, level)
    if action is Action.DELETE:
        return own
    # APPROVE: publishing and vetting decisions belong to the secretariat.
    return False


def require(user: Any, action: Action | str, obj: Any) -> None:
    """Raise PermissionDenied unless the user may act on the object."""
    if not can(user, action, obj):
        raise PermissionDenied


def require_view(request: HttpRequest, obj: Any, *, channel: str = "page") -> None:
    """Entry-point check for viewing: 404 for objects the user may not know exist; audit if restricted.

    Anonymous visitors asking for a restricted object are told 404 too: its title is not theirs to see.
    """
    if not can(request.user, Action.VIEW, obj):
        raise Http404
    audit_view(request, obj, channel=channel)


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit(
    *,
    actor: Any,
    action: AuditAction | str,
    obj: Any,
    channel: str = "",
    request: HttpRequest | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one entry to the audit log."""
    from greencustoms.accounts.models import AuditEntry

    user: User | None = actor if _is_user(actor) else None
    AuditEntry.objects.create(
        at=timezone.now(),
        actor=user,
        actor_email=getattr(user, "email", "") if user else "",
        action=str(action),
        object_type=obj._meta.label_lower if hasattr(obj, "_meta") else type(obj).__name__,
        object_id=str(getattr(obj, "pk", "") or ""),
        object_repr=str(obj)[:300],
        level=str(getattr(obj, "access_level", "") or ""),
        channel=channel,
        ip_address=_client_ip(request),
        detail=detail or {},
    )


def audit_view(
    request: HttpRequest, obj: Any, *, channel: str = "page", action: str = AuditAction.VIEW
) -> None:
    """Log a view or download of an enforcement or intranet object."""
    if getattr(obj, "access_level", Level.PUBLIC) in AUDITED_LEVELS:
        audit(actor=request.user, action=action, obj=obj, channel=channel, request=request)


class LevelField(models.CharField):
    """The access level of an object (public, registered, enforcement, intranet)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("choices", Level.choices)
        kwargs.setdefault("default", Level.PUBLIC)
        kwargs.setdefault("db_index", True)
        kwargs.setdefault("verbose_name", "access level")
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, _path, args, kwargs = super().deconstruct()
        return name, "greencustoms.accounts.policy.LevelField", args, kwargs


class RestrictedQuerySet(models.QuerySet):
    """QuerySet of objects with an ``access_level`` (and maybe ``owner_partner``): ``visible_to(user)``."""

    def visible_to(self, user: Any) -> RestrictedQuerySet:
        if _staff_verified(user, Role.SECRETARIAT):
            return self
        condition = models.Q(access_level__in=visible_levels(user))
        partner_id = getattr(user, "partner_id", None) if _staff_verified(user, Role.PARTNER) else None
        if partner_id is not None and any(f.name == "owner_partner" for f in self.model._meta.get_fields()):
            condition |= models.Q(owner_partner_id=partner_id)
        return self.filter(condition)


#: How many times the standard screening quotas the secretariat has (it screens for the partners).
SECRETARIAT_SCREENING_QUOTA_SCALE = 10


def screening_quota_scale(user: Any) -> int:
    """How many times the standard screening quotas (jobs at once, bytes a day) apply to the user:
    ``SECRETARIAT_SCREENING_QUOTA_SCALE`` for the secretariat signed in with two factors, 1 for everyone
    else (any self-registered account may upload, so the standard quota is what an abuser gets)."""
    user = _real(user)
    return SECRETARIAT_SCREENING_QUOTA_SCALE if _staff_verified(user, Role.SECRETARIAT) else 1


# -- responses that show restricted objects are never cached ---------------------------------------
_RESTRICTED_VIEWED: ContextVar[bool] = ContextVar("greencustoms_restricted_viewed", default=False)


def _note_if_restricted(obj: Any) -> None:
    if (getattr(obj, "access_level", Level.PUBLIC) or Level.PUBLIC) != Level.PUBLIC:
        _RESTRICTED_VIEWED.set(True)


@contextmanager
def tracking_restricted_views() -> Iterator[Callable[[], bool]]:
    """Within the block (one request), note whether the policy let someone view an object above the
    public level; the function it gives tells. PrivateCacheMiddleware marks such responses
    ``Cache-Control: private, no-store``."""
    token = _RESTRICTED_VIEWED.set(False)
    try:
        yield _RESTRICTED_VIEWED.get
    finally:
        _RESTRICTED_VIEWED.reset(token)

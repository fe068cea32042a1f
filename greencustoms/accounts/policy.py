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
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.functional import LazyObject, empty

from greencustoms.accounts.choices import AccreditationStatus, Action, AuditAction, Level, Role

__all__ = [
    "Action",
    "Level",
    "LevelField",
    "Role",
    "RestrictedQuerySet",
    "audit",
    "audit_view",
    "can",
    "can_create_api_token",
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
    """Signed in with a second factor in this session, or calling with a token created after one.

    A token is not a second factor by itself: it counts only when it was minted from a two-factor
    session or by the operator's command (its recorded ``two_factor`` flag).
    """
    if not _is_user(user):
        return False
    token = getattr(user, "_gc_api_token", None)
    if token is not None:
        return bool(token.two_factor)
    verified = getattr(user, "is_verified", None)
    return bool(verified()) if callable(verified) else False


def can_create_api_token(user: Any) -> bool:
    """Tokens are minted from a signed-in session, never from a token (a stolen one must not renew itself)."""
    return _is_user(user) and getattr(user, "_gc_api_token", None) is None


def has_enforcement(user: Any, *, at: Any = None) -> bool:
    """A current, approved enforcement accreditation, usable only with two-factor sign-in."""
    if not _is_user(user) or not is_two_factor_verified(user):
        return False
    cache = getattr(user, "_gc_enforcement_cache", None)
    if cache is None:
        now = at or timezone.now()
        cache = user.accreditations.filter(status=AccreditationStatus.APPROVED, expires_at__gt=now).exists()
        user._gc_enforcement_cache = cache
    return bool(cache)


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


# --- Named rules: who is who, and who may do what outside the level of an object ----------------------
# Every "is this person secretariat / partner staff / allowed to …" question of the apps is one of these
# functions. Staff rights are built on ``_staff_verified``, so a second factor is never skipped; apps and
# templates ({% load policy %}) ask these instead of comparing roles.


def is_secretariat(user: Any) -> bool:
    """GCI secretariat staff (or a superuser) signed in with two factors."""
    return _staff_verified(_real(user), Role.SECRETARIAT)


def staff_partner_id(user: Any) -> int | None:
    """The partner organization of a staff member signed in with two factors, else None."""
    user = _real(user)
    if not _staff_verified(user, Role.PARTNER):
        return None
    return getattr(user, "partner_id", None)


def staff_partner(user: Any) -> Any:
    """The :class:`~greencustoms.partners.models.Partner` whose verified staff member the user is, else None."""
    return _real(user).partner if staff_partner_id(user) is not None else None


def is_partner_staff(user: Any, partner: Any = None) -> bool:
    """Staff of a partner organization (of ``partner``, a Partner or its id, when given), with two factors."""
    own = staff_partner_id(user)
    if own is None:
        return False
    if partner is None:
        return True
    return bool(own == getattr(partner, "pk", partner))


def is_intranet_member(user: Any) -> bool:
    """Partner staff and the secretariat, both signed in with two factors: the intranet is theirs."""
    return is_secretariat(user) or is_partner_staff(user)


def can_upload_documents(user: Any) -> bool:
    """Partner staff (for their own organization) and the secretariat add documents to the library."""
    return is_intranet_member(user)


def can_upload_for(user: Any, owner_partner: Any) -> bool:
    """May the user add a document owned by ``owner_partner``? The secretariat for anyone, staff for their own."""
    return is_secretariat(user) or is_partner_staff(user, owner_partner)


def can_moderate(user: Any) -> bool:
    """Publishing and rejecting readers' feedback and other moderation belong to the secretariat."""
    return is_secretariat(user)


def can_import_learning(user: Any) -> bool:
    """The secretariat and partner staff import and export e-learning packages."""
    return is_intranet_member(user)


def can_view_statistics(user: Any) -> bool:
    """The secretariat (every module) and partner staff (their organization's modules) read statistics."""
    return is_intranet_member(user)


def can_translate(user: Any) -> bool:
    """Partner staff and the secretariat (two factors) translate content and see what is left to translate."""
    return is_intranet_member(user)


def can_view_translation_status(user: Any) -> bool:
    """Which pages are missing or outdated per language: the secretariat, partner staff, and translators
    (signed-in users granted Wagtail's "Can submit translations" permission in the admin)."""
    if is_intranet_member(user):
        return True
    return _is_user(user) and bool(user.has_perm("simple_translation.submit_translation"))


def can_import_external_statistics(user: Any) -> bool:
    """Figures reported by other e-learning platforms (WCO CLiKC!) are imported by the secretariat."""
    return is_secretariat(user)


def statistics_partner_id(user: Any) -> int | None:
    """Whose statistics a non-secretariat reader is limited to (None: all, when the secretariat asks)."""
    return None if is_secretariat(user) else staff_partner_id(user)


def can_manage_actions(user: Any) -> bool:
    """Recording and closing agreed actions, deciding membership: the secretariat's work."""
    return is_secretariat(user)


def can_open_review(user: Any) -> bool:
    """Opening and closing review rounds on any document (Guide, ToR, flyer, report): the secretariat's."""
    return is_secretariat(user)


def can_answer_review(user: Any, partner: Any) -> bool:
    """Answering a review for ``partner``: its own staff, or the secretariat on the partner's written word."""
    return is_secretariat(user) or is_partner_staff(user, partner)


def can_approve_report_by_link(user: Any, partner: Any) -> bool:
    """The staff member a signed approval link was e-mailed to, still active partner staff of ``partner``.

    The signed, expiring link (sent only to that account's address) stands for the sign-in, and only for
    recording that one approval; it opens nothing else of the intranet."""
    user = _real(user)
    return (
        _is_user(user)
        and user.is_active
        and Role.PARTNER in effective_roles(user)
        and getattr(user, "partner_id", None) == getattr(partner, "pk", partner)
    )


def can_decide_accreditation(user: Any) -> bool:
    """Vetting enforcement requests is the secretariat's, after a two-factor sign-in."""
    return is_secretariat(user)


def can_request_enforcement(user: Any) -> bool:
    """Customs officers and trainers may ask for enforcement status; staff accounts have other rights."""
    user = _real(user)
    return _is_user(user) and user.role in (Role.OFFICER, Role.TRAINER)


def can_revoke_token(user: Any, token: Any) -> bool:
    """Owners revoke their own API tokens; the secretariat (two factors) revokes anyone's."""
    user = _real(user)
    return _is_user(user) and (token.user_id == user.pk or is_secretariat(user))


def requires_two_factor(user: Any) -> bool:
    """Partner and secretariat accounts must sign in with two factors; officers may choose to."""
    user = _real(user)
    return _is_user(user) and (user.role in (Role.PARTNER, Role.SECRETARIAT) or user.is_superuser)


def is_sign_in_audited(user: Any) -> bool:
    """Sign-ins of staff and of accredited (or once accredited) officers go to the audit log."""
    return requires_two_factor(user) or (_is_user(_real(user)) and _real(user).accreditations.exists())


def bypasses_group_restrictions(user: Any) -> bool:
    """Wagtail group view restrictions do not apply to the secretariat (signed in with two factors)."""
    return is_secretariat(user)


def partner_staff_accounts(partners: Any = None) -> models.QuerySet[Any]:
    """Active partner staff accounts (of ``partners``, Partners or ids, when given): recipients, editor groups.

    Who receives an e-mail is not who may read it: senders still ask :func:`can` for the content.
    """
    # local import: accounts.models imports the policy (levels), so the policy reads models late
    from greencustoms.accounts.models import User

    accounts = User.objects.filter(role=Role.PARTNER, is_active=True)
    if partners is not None:
        accounts = accounts.filter(partner_id__in=[getattr(p, "pk", p) for p in partners])
    return accounts


def secretariat_accounts() -> models.QuerySet[Any]:
    """Active secretariat accounts: moderators' groups and the secretariat's e-mails."""
    # local import: accounts.models imports the policy (levels), so the policy reads models late
    from greencustoms.accounts.models import User

    return User.objects.filter(role=Role.SECRETARIAT, is_active=True)


__all__ += [
    "bypasses_group_restrictions",
    "can_decide_accreditation",
    "can_import_learning",
    "can_manage_actions",
    "can_moderate",
    "can_request_enforcement",
    "can_revoke_token",
    "can_upload_documents",
    "can_upload_for",
    "can_view_statistics",
    "can_import_external_statistics",
    "is_intranet_member",
    "is_partner_staff",
    "is_secretariat",
    "is_sign_in_audited",
    "partner_staff_accounts",
    "secretariat_accounts",
    "requires_two_factor",
    "staff_partner",
    "staff_partner_id",
    "statistics_partner_id",
]


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
    # local import: accounts.models imports the policy (levels), so the policy reads models late
    from greencustoms.accounts.models import AuditEntry

    AuditEntry.record(
        actor=actor if _is_user(actor) else None,
        action=str(action),
        obj=obj,
        channel=channel,
        ip_address=_client_ip(request),
        detail=detail,
    )


def audit_view(
    request: HttpRequest, obj: Any, *, channel: str = "page", action: str = AuditAction.VIEW
) -> None:
    """Log a view or download of an enforcement or intranet object."""
    if getattr(obj, "access_level", Level.PUBLIC) in AUDITED_LEVELS:
        audit(actor=request.user, action=action, obj=obj, channel=channel, request=request)


class LevelField(models.CharField[str, str]):
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


class RestrictedQuerySet(models.QuerySet[Any]):
    """QuerySet of objects with an ``access_level`` (and maybe ``owner_partner``): ``visible_to(user)``."""

    def visible_to(self, user: Any) -> RestrictedQuerySet:
        if _staff_verified(user, Role.SECRETARIAT):
            return self
        condition = models.Q(access_level__in=visible_levels(user))
        partner_id = getattr(user, "partner_id", None) if _staff_verified(user, Role.PARTNER) else None
        if partner_id is not None and any(f.name == "owner_partner" for f in self.model._meta.get_fields()):
            condition |= models.Q(owner_partner_id=partner_id)
        return self.filter(condition)


# --- learning: importing packages (SCORM 1.2, module bundles) -----------------------------------------


def can_import_learning_module(
    user: Any, *, owner: Any, module: Any = None, command_line: bool = False
) -> bool:
    """May ``user`` import a learning package for the partner ``owner``, into ``module`` if it exists?

    Partner staff import only for their own organization, the secretariat for any owner (it says which);
    ``command_line`` is the server's operator (``greencustoms learning import-…``), who also chooses the
    owner. Whoever imports, an existing module gets a new version only from an import for its own owner:
    nobody replaces another partner's module by giving a package the same title or slug.
    """
    owner_id = getattr(owner, "pk", owner)
    if owner_id is None:
        return False
    if module is not None and module.owner_partner_id != owner_id:
        return False
    if command_line:
        return True
    user = _real(user)
    if _staff_verified(user, Role.SECRETARIAT):
        return True
    return _staff_verified(user, Role.PARTNER) and getattr(user, "partner_id", None) == owner_id


#: How many times the standard screening quotas the secretariat has (it screens for the partners).
SECRETARIAT_SCREENING_QUOTA_SCALE = 10


def screening_quota_scale(user: Any) -> int:
    """How many times the standard screening quotas (jobs at once, bytes a day) apply to the user:
    ``SECRETARIAT_SCREENING_QUOTA_SCALE`` for the secretariat signed in with two factors, 1 for everyone
    else (any self-registered account may upload, so the standard quota is what an abuser gets)."""
    user = _real(user)
    return SECRETARIAT_SCREENING_QUOTA_SCALE if _staff_verified(user, Role.SECRETARIAT) else 1


def can_triage_screening(user: Any, job: Any) -> bool:
    """Only the officer who uploaded a screening job decides about its lines (cleared, inspected, detained,
    referred): the decision is theirs to account for, and the history records them by name."""
    user = _real(user)
    return _is_user(user) and getattr(job, "owner_id", None) == user.pk


def can_review_screening_decisions(user: Any, job: Any) -> bool:
    """Who sees the triage decisions of a screening job and their history: its owner, and the secretariat
    as the supervisor (the platform has no chain of command between officers; the secretariat, signed in
    with two factors, is the one role that already sees every job)."""
    user = _real(user)
    return can_triage_screening(user, job) or _staff_verified(user, Role.SECRETARIAT)


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


# --- cases: seizure records (public summary / restricted detail) and the Green Customs Award ------------


def _case_reviewer(user: Any, case: Any) -> bool:
    """Staff (two factors) of a partner that reviews the case (a partner of one of its agreements)."""
    partner_id = staff_partner_id(user)
    return partner_id is not None and any(p.pk == partner_id for p in case.reviewers.all())


def _case_author(user: Any, case: Any) -> bool:
    user = _real(user)
    return _is_user(user) and case.created_by_id is not None and case.created_by_id == user.pk


def can_record_cases(user: Any) -> bool:
    """Vetted enforcement officers, partner staff and the secretariat record (and submit) seizures."""
    return has_enforcement(_real(user)) or is_intranet_member(user)


def can_view_case(user: Any, case: Any) -> bool:
    """The public summary of a published case is anyone's; an unpublished record is its author's, its
    reviewing partners' and the secretariat's."""
    if case.status == "published":
        return True
    return is_secretariat(user) or _case_author(user, case) or _case_reviewer(user, case)


def can_view_case_detail(user: Any, case: Any) -> bool:
    """The restricted detail (route, offender, concealment, follow-up): enforcement level (vetted officers
    with two factors) once published, the author, the reviewing partners' staff and the secretariat."""
    if is_secretariat(user) or _case_author(user, case) or _case_reviewer(user, case):
        return True
    return case.status == "published" and can_view_level(user, Level.ENFORCEMENT)


def can_view_case_photo(user: Any, photo: Any) -> bool:
    """A photo approved with the public summary of a published case is anyone's; every other photo is at
    the level of the restricted detail (enforcement level, the author, the reviewers, the secretariat)."""
    if photo.is_public:
        return can_view_case(user, photo.case)
    return can_view_case_detail(user, photo.case)


def can_add_case_photo(user: Any, case: Any) -> bool:
    """Photos are added (and removed) by whoever may edit the record."""
    return can_edit_case(user, case)


def can_edit_case(user: Any, case: Any) -> bool:
    """The author edits a draft or a returned record; the secretariat any record."""
    if is_secretariat(user):
        return True
    return _case_author(user, case) and case.status in ("draft", "returned") and can_record_cases(user)


def can_review_case(user: Any, case: Any) -> bool:
    """The staff of the case's reviewing partners (or the secretariat) review a submitted record."""
    return case.status == "submitted" and (is_secretariat(user) or _case_reviewer(user, case))


def can_publish_case(user: Any) -> bool:
    """Approving the public summary and publishing it is the secretariat's."""
    return is_secretariat(user)


def can_export_cases(user: Any) -> bool:
    """The CEN export carries restricted fields: enforcement level and the secretariat."""
    return is_secretariat(user) or can_view_level(user, Level.ENFORCEMENT)


def can_import_cases(user: Any) -> bool:
    """Importing historic or CEN records is the secretariat's (the command line is the operator's)."""
    return is_secretariat(user)


def can_manage_award(user: Any) -> bool:
    """Setting up the award, checking eligibility and announcing the winners: the secretariat."""
    return is_secretariat(user)


def can_nominate(user: Any) -> bool:
    """Administrations (vetted officers) and partners nominate for the award."""
    return can_record_cases(user)


def can_score_award(user: Any, member: Any) -> bool:
    """Only the jury member themself (two factors) enters their marks."""
    user = _real(user)
    return member is not None and is_two_factor_verified(user) and member.user_id == user.pk


__all__ += [
    "can_edit_case",
    "can_export_cases",
    "can_import_cases",
    "can_manage_award",
    "can_nominate",
    "can_publish_case",
    "can_record_cases",
    "can_review_case",
    "can_score_award",
    "can_view_case",
    "can_view_case_detail",
    "can_view_case_photo",
    "can_add_case_photo",
]


# --- licensing: Montreal Protocol licensing records, iPIC consultations, mirror analyses -------------------
# A country's records (quotas, licences, consultations) are its own: the secretariat sees every country's,
# a national focal point (a FocalPoint row linked to the account, signed in with two factors) those of
# the countries it serves. Partner staff see the focal-point directory (intranet level), not the records.


def licensing_countries(user: Any) -> frozenset[str] | None:
    """The countries whose licensing records the user may read and keep: None means every country (the
    secretariat); otherwise those where the user is an active focal point, after a two-factor sign-in."""
    user = _real(user)
    if _staff_verified(user, Role.SECRETARIAT):
        return None
    if not _is_user(user) or not is_two_factor_verified(user):
        return frozenset()
    cached = getattr(user, "_gc_licensing_countries", None)
    if cached is None:
        related = getattr(user, "licensing_focal_points", None)
        cached = (
            frozenset(related.filter(active=True).values_list("country", flat=True))
            if related is not None
            else frozenset()
        )
        user._gc_licensing_countries = cached
    return cached


def is_licensing_focal_point(user: Any) -> bool:
    """A verified national focal point of at least one country (the secretariat is not one)."""
    countries = licensing_countries(user)
    return countries is not None and bool(countries)


def can_view_licensing_records(user: Any) -> bool:
    """Quotas, licences and the iPIC register: the secretariat and focal points (their countries only)."""
    return licensing_countries(user) is None or is_licensing_focal_point(user)


def can_keep_country_licensing(user: Any, country: str) -> bool:
    """Reading and keeping ``country``'s quotas and licences, asking iPIC consultations in its name."""
    countries = licensing_countries(user)
    return countries is None or country.upper() in countries


def can_view_focal_points(user: Any) -> bool:
    """The focal-point directory is at intranet level, and open to the focal points themselves."""
    return is_intranet_member(user) or is_licensing_focal_point(user)


def can_view_consultation(user: Any, consultation: Any) -> bool:
    """An iPIC consultation is seen by the focal points of its two countries and the secretariat."""
    countries = licensing_countries(user)
    return countries is None or bool(
        {consultation.exporting_country, consultation.importing_country} & countries
    )


def can_answer_consultation(user: Any, consultation: Any) -> bool:
    """Only the importing country's focal point answers (the secretariat follows an escalation up)."""
    countries = licensing_countries(user)
    return countries is not None and consultation.importing_country in countries


def can_run_mirror_analysis(user: Any) -> bool:
    """Mirror analyses of trade data: intranet members and focal points."""
    return is_intranet_member(user) or is_licensing_focal_point(user)


def can_view_mirror_analysis(user: Any, analysis: Any) -> bool:
    """A mirror analysis is its author's (still allowed to run them) and the secretariat's."""
    user = _real(user)
    if _staff_verified(user, Role.SECRETARIAT):
        return True
    return can_run_mirror_analysis(user) and analysis.created_by_id == user.pk


__all__ += [
    "can_answer_consultation",
    "can_keep_country_licensing",
    "can_run_mirror_analysis",
    "can_view_consultation",
    "can_view_focal_points",
    "can_view_licensing_records",
    "can_view_mirror_analysis",
    "is_licensing_focal_point",
    "licensing_countries",
]


# --- training: workshops, rosters of resource persons, the national package, the name ---------------


def can_view_roster(user: Any) -> bool:
    """Rosters of resource persons and their personal data: partner staff and the secretariat (two factors)."""
    return is_intranet_member(user)


def can_manage_roster(user: Any, partner: Any) -> bool:
    """Adding, accrediting and referring resource persons of ``partner``: its staff, or the secretariat."""
    return is_secretariat(user) or is_partner_staff(user, partner)


def can_organize_workshop(user: Any, workshop: Any) -> bool:
    """The organizer's work on a workshop (participants, attendance, agenda, certificates, report): the
    secretariat, and staff of the workshop's lead partner."""
    if is_secretariat(user):
        return True
    lead = getattr(workshop, "owner_partner_id", None)
    return lead is not None and is_partner_staff(user, lead)


def can_create_workshop(user: Any) -> bool:
    """Planning a new workshop: the secretariat and partner staff."""
    return is_intranet_member(user)


def can_view_workshop_preparation(user: Any) -> bool:
    """A workshop's preparation documents (agenda draft, concept note, key messages) and their sign-off:
    partner staff and the secretariat."""
    return is_intranet_member(user)


def can_register_for_workshops(user: Any) -> bool:
    """Any signed-in, active account may apply for a workshop it can see (the compulsory modules decide)."""
    return _is_user(_real(user))


def nominating_countries(user: Any) -> frozenset[str]:
    """The countries whose customs administration designated the user (an active AdministrationFocalPoint
    row of the training app) to nominate its officers for workshops; empty for everybody else."""
    user = _real(user)
    if not _is_user(user):
        return frozenset()
    related = getattr(user, "training_focal_points", None)
    if related is None:
        return frozenset()
    return frozenset(related.filter(active=True).values_list("country", flat=True))


def can_nominate_workshop_participants(user: Any) -> bool:
    """An administration's focal point for training nominates participants (the organizer accepts)."""
    return bool(nominating_countries(user))


def can_nominate_participant(user: Any, workshop: Any, nominee: Any) -> bool:
    """May ``user`` nominate ``nominee`` for ``workshop``? The focal point of the nominee's country (the
    country on the officer's account), or the workshop's organizer for anyone; the nominee must be an
    active account that may see the workshop."""
    if not _is_user(_real(nominee)) or not can(nominee, Action.VIEW, workshop):
        return False
    if can_organize_workshop(user, workshop):
        return True
    country = (getattr(nominee, "country", "") or "").upper()
    return bool(country) and country in nominating_countries(user)


def can_edit_package(user: Any, partner: Any) -> bool:
    """A partner's part of the national package: its staff, or the secretariat, draft and approve it."""
    return is_secretariat(user) or is_partner_staff(user, partner)


def can_download_package_kit(user: Any) -> bool:
    """The offline kit of the national package (approved versions): trainers who deliver national
    workshops, partner staff and the secretariat."""
    user = _real(user)
    return is_intranet_member(user) or (_is_user(user) and user.role == Role.TRAINER)


def can_view_package_file(user: Any, version: Any) -> bool:
    """A file of a package version (slides, handouts, print files): drafts at intranet level like the
    versions themselves; approved versions also for those who may download the kit (trainers)."""
    if is_intranet_member(user):
        return True
    return bool(getattr(version, "is_approved", False)) and can_download_package_kit(user)


def can_apply_for_name_use(user: Any) -> bool:
    """Any signed-in organization representative may ask to call a national event "Green Customs"."""
    return _is_user(_real(user))


def can_decide_name_use(user: Any) -> bool:
    """Approving or refusing the use of the name is the secretariat's decision."""
    return is_secretariat(user)


def can_view_training_statistics(user: Any) -> bool:
    """Workshop, participant and trainer figures: partner staff and the secretariat."""
    return is_intranet_member(user)


__all__ += [
    "can_apply_for_name_use",
    "can_create_workshop",
    "can_decide_name_use",
    "can_download_package_kit",
    "can_edit_package",
    "can_manage_roster",
    "can_nominate_participant",
    "can_nominate_workshop_participants",
    "can_organize_workshop",
    "can_register_for_workshops",
    "can_view_roster",
    "can_view_package_file",
    "can_view_training_statistics",
    "can_view_workshop_preparation",
    "nominating_countries",
]

"""Reads of the training domain, with visibility built in."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from greencustoms.accounts import policy
from greencustoms.accounts.countries import country_name
from greencustoms.events.models import MeetingSession
from greencustoms.learning import selectors as learning_selectors
from greencustoms.learning.models import Enrolment
from greencustoms.training.choices import (
    PUBLIC_PROFILE_FIELDS,
    NameUseStatus,
    PackageStatus,
    RegistrationStatus,
    WorkshopKind,
    WorkshopStatus,
)
from greencustoms.training.models import (
    Accreditation,
    AttendanceCertificate,
    InstituteAdoption,
    NameUseApplication,
    PackageVersion,
    Registration,
    ResourcePerson,
    TrainerDelivery,
    Workshop,
)


@dataclass(frozen=True)
class WorkshopFilters:
    """The list's filters; empty values do not filter."""

    kind: str = ""
    region: str = ""
    country: str = ""
    year: int | None = None
    partner: str = ""  # acronym: lead or contributing partner
    agreement: str = ""  # slug


def workshop_list(user: Any, filters: WorkshopFilters | None = None) -> QuerySet[Workshop]:
    """Workshops the user may see (anonymous visitors: public ones only), newest first, filtered."""
    f = filters or WorkshopFilters()
    qs = (
        Workshop.objects.visible_to(user)
        .select_related("event", "event__owner_partner", "event__host")
        .prefetch_related("contributing_partners", "agreements")
    )
    if f.kind:
        qs = qs.filter(kind=f.kind)
    if f.region:
        qs = qs.filter(region=f.region)
    if f.country:
        qs = qs.filter(event__country=f.country.upper())
    if f.year:
        qs = qs.filter(event__start__year=f.year)
    if f.partner:
        qs = qs.filter(
            Q(event__owner_partner__acronym=f.partner) | Q(contributing_partners__acronym=f.partner)
        ).distinct()
    if f.agreement:
        qs = qs.filter(agreements__slug=f.agreement).distinct()
    return qs.order_by("-event__start", "pk")


def workshop_by_pk(user: Any, pk: int) -> Workshop | None:
    return workshop_list(user).filter(pk=pk).first()


def partners_of(workshop: Workshop) -> list[str]:
    """Acronyms of the lead partner, then the contributing ones."""
    lead = workshop.event.owner_partner
    names = [lead.acronym] if lead else []
    names += sorted(p.acronym for p in workshop.contributing_partners.all() if p.acronym not in names)
    return names


def agenda_of(workshop: Workshop) -> QuerySet[MeetingSession]:
    return workshop.event.sessions.all()


def prerequisites(workshop: Workshop) -> list[Any]:
    """The compulsory e-learning modules of a workshop, with their deadlines (learning's model)."""
    return list(learning_selectors.prerequisites_for_event(workshop.event).order_by("module__slug"))


def missing_modules(user: Any, workshop: Workshop) -> list[str]:
    """Slugs of the compulsory modules the user has not passed (in slug order); empty when none is missing.

    A module passed at any time counts, even after its deadline: the deadline paces the reminders, the
    pass is what the workshop needs."""
    return [
        p.module.slug for p in prerequisites(workshop) if not learning_selectors.has_completed(user, p.module)
    ]


def registration_of(user: Any, workshop: Workshop) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Registration.objects.filter(workshop=workshop, user_id=user.pk).first()


def nominee_by_email(by: Any, workshop: Workshop, email: str) -> Any:
    """The account ``by`` may nominate for the workshop under this e-mail address, else None (whether no
    account has it or it belongs to another country's officer: the caller cannot tell them apart)."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None or not policy.can_nominate_participant(by, workshop, user):
        return None
    return user


def nominations_by(by: Any, workshop: Workshop) -> QuerySet[Registration]:
    """The nominations ``by`` made for the workshop (a focal point sees its own, with their status)."""
    return (
        Registration.objects.filter(workshop=workshop, nominated_by_id=getattr(by, "pk", None))
        .select_related("user")
        .order_by("created_at", "pk")
    )


def seats_taken(workshop: Workshop) -> int:
    return Registration.objects.filter(workshop=workshop, status=RegistrationStatus.ACCEPTED).count()


def workshops_with_coming_deadlines(*, today: date, until: date) -> QuerySet[Workshop]:
    """Planned or confirmed workshops not yet begun with a compulsory module due between the two dates."""
    from greencustoms.learning.models import WorkshopPrerequisite

    events = WorkshopPrerequisite.objects.filter(deadline__gte=today, deadline__lte=until).values("event_id")
    return (
        Workshop.objects.filter(
            event_id__in=events,
            event__start__gte=today,
            status__in=[WorkshopStatus.PLANNED, WorkshopStatus.CONFIRMED],
        )
        .select_related("event")
        .order_by("event__start", "pk")
    )


def participants_with_completion(workshop: Workshop) -> list[tuple[Registration, list[tuple[Any, bool]]]]:
    """Each registration (accepted, wait-listed, nominated) and, per compulsory module, whether it is passed."""

    prereqs = prerequisites(workshop)
    regs = list(
        Registration.objects.filter(workshop=workshop)
        .exclude(status__in=[RegistrationStatus.CANCELLED, RegistrationStatus.REFUSED])
        .select_related("user", "nominated_by")
        .order_by("status", "created_at")
    )
    passed = set(
        Enrolment.objects.filter(
            user_id__in=[r.user_id for r in regs],
            module_id__in=[p.module_id for p in prereqs],
            passed_at__isnull=False,
        ).values_list("user_id", "module_id")
    )
    return [(r, [(p, (r.user_id, p.module_id) in passed) for p in prereqs]) for r in regs]


@dataclass(frozen=True)
class CountryRow:
    """One line of the list's table by country: the host country (empty: regional or online), how many of
    the listed workshops it hosted, how many of them were held, their kinds and the years."""

    code: str
    name: str
    workshops: int
    held: int
    kinds: list[str]
    years: list[int]


def by_country(workshops: Iterable[Workshop]) -> list[CountryRow]:
    """Workshops per host country (most first, then by name; regional or online ones, without a host
    country, last), from the workshops already filtered and visible to the user."""
    groups: dict[str, list[Workshop]] = defaultdict(list)
    for w in workshops:
        groups[(w.event.country or "").upper()].append(w)
    rows = [
        CountryRow(
            code=code,
            name=country_name(code) if code else "",
            workshops=len(items),
            held=sum(w.status in (WorkshopStatus.HELD, WorkshopStatus.REPORTED) for w in items),
            kinds=sorted({str(w.get_kind_display()) for w in items}),
            years=sorted({w.event.start.year for w in items}),
        )
        for code, items in groups.items()
    ]
    return sorted(rows, key=lambda r: (r.code == "", -r.workshops, r.name))


def calendar_items(workshops: Iterable[Workshop]) -> list[dict[str, object]]:
    from django.urls import reverse

    return [
        {
            "uid": f"workshop-{w.pk}",
            "title": w.event.title,
            "start": w.event.start,
            "end": w.event.end,
            "location": ", ".join(x for x in (w.event.venue, w.event.city, w.event.country) if x),
            "description": w.get_kind_display(),
            "url": reverse("training:workshop_detail", args=[w.pk]),
            "tentative": w.status == WorkshopStatus.PLANNED,
        }
        for w in workshops
        if w.status != WorkshopStatus.CANCELLED
    ]


# --- Resource persons --------------------------------------------------------------------------------


def roster(
    user: Any,
    *,
    agreement: str = "",
    region: str = "",
    language: str = "",
    partner: str = "",
    experts_only: bool = False,
) -> QuerySet[ResourcePerson]:
    """Resource persons (partner staff and the secretariat only: others get none), searchable."""
    qs = (
        ResourcePerson.objects.visible_to(user)
        .select_related("nominating_partner")
        .prefetch_related(
            "agreements",
            Prefetch("accreditations", queryset=Accreditation.objects.select_related("agreement", "partner")),
        )
    )
    if agreement:
        qs = qs.filter(agreements__slug=agreement)
    if region:
        qs = qs.filter(region=region)
    if language:
        qs = qs.filter(languages__icontains=f'"{language}"')
    if partner:
        qs = qs.filter(nominating_partner__acronym=partner)
    if experts_only:
        qs = qs.filter(in_expert_database=True)
    return qs.distinct().order_by("name")


def is_accredited(person: ResourcePerson, agreement: Any, day: date) -> bool:
    """Does any partner's accreditation of the person for the agreement cover the day (both ends included)?"""
    agreement_id = getattr(agreement, "pk", agreement)
    return Accreditation.objects.filter(
        person=person, agreement_id=agreement_id, granted_on__lte=day, expires_on__gte=day
    ).exists()


def public_profile(person: ResourcePerson) -> dict[str, object] | None:
    """What the public page may show: only the fields the person agreed to, and nothing without consent."""
    if person.consent_at is None or "name" not in person.public_fields:
        return None
    values: dict[str, object] = {
        "name": person.name,
        "organization": person.organization,
        "country": person.country,
        "languages": ", ".join(person.languages),
        "agreements": ", ".join(a.name for a in person.agreements.all()),
        "region": person.get_region_display(),
        "bio": person.bio,
    }
    return {k: values[k] for k in PUBLIC_PROFILE_FIELDS if k in person.public_fields and values[k]}


def public_person(pk: int) -> ResourcePerson | None:
    person = ResourcePerson.objects.filter(pk=pk, consent_at__isnull=False).first()
    return person if person is not None and public_profile(person) is not None else None


# --- The national package ----------------------------------------------------------------------------


def package_versions(user: Any) -> QuerySet[PackageVersion]:
    """Package versions the user may see: intranet members see all; partner staff also their own drafts."""
    qs = PackageVersion.objects.select_related(
        "agreement", "partner", "guide_chapter", "guide_chapter__guide"
    )
    if not policy.is_intranet_member(user):
        return qs.none()
    return qs.prefetch_related("files")


def package_version_by_pk(user: Any, pk: int) -> PackageVersion | None:
    return package_versions(user).filter(pk=pk).first()


def package_file_by_pk(user: Any, pk: int) -> Any:
    """A package file the user may download (drafts: intranet; approved versions: also trainers)."""
    from greencustoms.training.models import PackageFile

    item = PackageFile.objects.select_related("version", "version__partner").filter(pk=pk).first()
    if item is None or not policy.can_view_package_file(user, item.version):
        return None
    return item


def editable_package_partners(user: Any) -> Any:
    """The partners whose part of the package the user drafts: the secretariat all, staff their own."""
    from greencustoms.partners.models import Partner

    if policy.is_secretariat(user):
        return Partner.objects.order_by("acronym")
    own = policy.staff_partner_id(user)
    return Partner.objects.filter(pk=own) if own is not None else Partner.objects.none()


def approved_package(agreement: Any, language: str) -> list[PackageVersion]:
    """The newest approved version of each partner's part for the agreement in the language (English
    when the language has none)."""
    chosen: dict[int, PackageVersion] = {}
    qs = (
        PackageVersion.objects.filter(agreement=agreement, status=PackageStatus.APPROVED)
        .select_related("partner", "guide_chapter", "guide_chapter__guide", "agreement")
        .prefetch_related("files")
        .order_by("partner__acronym", "-number")
    )
    for version in qs:
        current = chosen.get(version.partner_id)
        better_language = version.language == language and (current is None or current.language != language)
        english_fallback = current is None and version.language == "en"
        if better_language or english_fallback:
            chosen[version.partner_id] = version
    return sorted(chosen.values(), key=lambda v: v.partner.acronym)


# --- Name use, cascade, certificates -----------------------------------------------------------------


def name_use_register() -> QuerySet[NameUseApplication]:
    """Approved uses of the name: public."""

    return NameUseApplication.objects.filter(status=NameUseStatus.APPROVED).order_by("-start")


def name_use_applications(user: Any) -> QuerySet[NameUseApplication]:
    """The secretariat sees every application; an applicant sees their own."""
    qs = NameUseApplication.objects.select_related("applicant")
    if policy.can_decide_name_use(user):
        return qs
    if getattr(user, "is_authenticated", False):
        return qs.filter(applicant_id=user.pk)
    return qs.none()


def cascade(workshop: Workshop, user: Any) -> list[tuple[Any, list[Workshop]]]:
    """Trainers trained at a workshop (its attending participants) and the workshops they then delivered
    that the user may see."""
    trained = [
        r.user
        for r in workshop.registrations.filter(status=RegistrationStatus.ACCEPTED, attendance__present=True)
        .select_related("user")
        .distinct()
    ]
    delivered: dict[int, list[Workshop]] = defaultdict(list)
    visible = Workshop.objects.visible_to(user).values("pk")
    for d in (
        TrainerDelivery.objects.filter(trainer__in=trained, workshop__in=visible)
        .select_related("workshop", "workshop__event")
        .order_by("workshop__event__start")
    ):
        delivered[d.trainer_id].append(d.workshop)
    return [(t, delivered.get(t.pk, [])) for t in trained]


def attendance_certificate_by_code(code: str) -> AttendanceCertificate | None:
    return AttendanceCertificate.objects.filter(code=code.strip().upper()).first()


def attended_days(registration: Registration) -> int:
    return registration.attendance.filter(present=True).count()


KIND_ORDER = list(WorkshopKind.values)


def institute_adoptions() -> QuerySet[InstituteAdoption]:
    """National training institutes that integrated the package (public facts of the cascade)."""
    return InstituteAdoption.objects.order_by("country", "adopted_on")

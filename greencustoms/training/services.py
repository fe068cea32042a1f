"""Writes of the training domain: workshops, registration, rosters, the package, the name, the follow-up."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from greencustoms.accounts import policy
from greencustoms.accounts.choices import Level
from greencustoms.events.choices import EventKind
from greencustoms.events.models import Event, MeetingSession
from greencustoms.learning import certificates as learning_certificates
from greencustoms.learning.models import WorkshopPrerequisite
from greencustoms.library.services import feedback_form_create
from greencustoms.training import selectors
from greencustoms.training.choices import (
    NameUseStatus,
    PackageStatus,
    RegistrationStatus,
    WorkshopKind,
    WorkshopStatus,
)
from greencustoms.training.models import (
    Accreditation,
    Attendance,
    AttendanceCertificate,
    ModelAgenda,
    NameUseApplication,
    PackageFile,
    PackageVersion,
    Referral,
    Registration,
    ResourcePerson,
    SessionAssignment,
    Workshop,
)
from greencustoms.website.languages import in_language_of

#: The events app knows fewer kinds; the workshop's own ``kind`` is the precise one.
EVENT_KIND = {
    WorkshopKind.HIGH_LEVEL_BRIEFING: EventKind.SIDE_EVENT,
    WorkshopKind.NATIONAL_AWARENESS: EventKind.NATIONAL_WORKSHOP,
    WorkshopKind.REGIONAL_TTT: EventKind.REGIONAL_WORKSHOP,
    WorkshopKind.NATIONAL_WORKSHOP: EventKind.NATIONAL_WORKSHOP,
    WorkshopKind.SIDE_EVENT: EventKind.SIDE_EVENT,
    WorkshopKind.WEBINAR: EventKind.WEBINAR,
    WorkshopKind.PROSECUTORS: EventKind.NATIONAL_WORKSHOP,
    WorkshopKind.FREE_TRADE_ZONE: EventKind.NATIONAL_WORKSHOP,
}


class TrainingError(Exception):
    """A request the training rules refuse; the message names the reason."""


class MissingModules(TrainingError):
    """Registration refused: compulsory modules not passed (their slugs in ``missing``)."""

    def __init__(self, missing: list[str]) -> None:
        self.missing = missing
        super().__init__(_("Compulsory modules not passed: %(modules)s") % {"modules": ", ".join(missing)})


class RegistrationClosed(TrainingError):
    pass


class NotAccredited(TrainingError):
    pass


def workshop_create(
    *,
    kind: str,
    title: str,
    start: date,
    end: date,
    country: str = "",
    city: str = "",
    venue: str = "",
    lead_partner: Any = None,
    access_level: str = Level.PUBLIC,
    by: Any,
    **fields: Any,
) -> Workshop:
    """A new workshop and its event (dates, place, level, lead partner)."""
    if by is not None and not policy.can_create_workshop(by):
        raise PermissionDenied
    base = slugify(f"{title}-{start.year}")[:100] or "workshop"
    slug, n = base, 1
    while Event.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    with transaction.atomic():
        event = Event.objects.create(
            kind=EVENT_KIND[WorkshopKind(kind)],
            title=title,
            slug=slug,
            start=start,
            end=end,
            country=country,
            city=city,
            venue=venue,
            owner_partner=lead_partner,
            access_level=access_level,
            remote_participation=kind == WorkshopKind.WEBINAR,
        )
        partners = fields.pop("contributing_partners", [])
        agreements = fields.pop("agreements", [])
        workshop = Workshop.objects.create(event=event, kind=kind, **fields)
        workshop.contributing_partners.set(partners)
        workshop.agreements.set(agreements)
    return workshop


def agenda_clone_from_model(*, workshop: Workshop, by: Any) -> list[MeetingSession]:
    """Copy the model agenda of the workshop's kind into its (empty) agenda, day 1 on the start date."""
    if by is not None and not policy.can_organize_workshop(by, workshop):
        raise PermissionDenied
    model = ModelAgenda.objects.filter(kind=workshop.kind).first()
    if model is None:
        raise TrainingError(_("There is no model agenda for this kind of workshop."))
    if workshop.event.sessions.exists():
        raise TrainingError(_("The workshop already has an agenda."))
    made = []
    for order, item in enumerate(model.items.all()):
        made.append(
            MeetingSession.objects.create(
                event=workshop.event,
                order=order,
                label=_("Day %(day)s") % {"day": item.day},
                day=workshop.event.start + timedelta(days=item.day - 1),
                start_time=item.start_time,
                end_time=item.end_time,
                title=item.title,
                items=item.items,
            )
        )
    return made


# --- Registration ------------------------------------------------------------------------------------


def _check_call_open(workshop: Workshop, at: datetime) -> None:
    """The call for nominations is open and the workshop not over (applications and nominations)."""
    if not workshop.registration_open or workshop.status not in (
        WorkshopStatus.PLANNED,
        WorkshopStatus.CONFIRMED,
    ):
        raise RegistrationClosed(_("Registration for this workshop is closed."))
    if workshop.event.end < at.date():
        raise RegistrationClosed(_("This workshop is over."))


def _check_participant(workshop: Workshop, user: Any, language: str) -> None:
    """The registration rule for one participant: every compulsory module passed (else refused with the
    missing modules named), and a language the workshop is held in. Applied to an officer's application,
    to a nomination when made and again when the organizer accepts it."""
    missing = selectors.missing_modules(user, workshop)
    if missing:
        raise MissingModules(missing)
    if language and workshop.languages and language not in workshop.languages:
        raise TrainingError(
            _("The workshop is held in %(languages)s.") % {"languages": ", ".join(workshop.languages)}
        )


def _seat_or_waiting_list(workshop: Workshop) -> str:
    """Accepted while seats remain, wait-listed after; the caller holds a transaction. The workshop row is
    locked so two participants cannot take the last seat together."""
    Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
    if selectors.seats_taken(workshop) < workshop.seats:
        return RegistrationStatus.ACCEPTED
    return RegistrationStatus.WAITLISTED


def registration_apply(*, workshop: Workshop, by: Any, at: datetime, language: str = "") -> Registration:
    """An officer applies: refused with the missing compulsory modules named, else accepted while seats
    remain, wait-listed after. Applying again returns the existing registration."""
    if not policy.can_register_for_workshops(by) or not policy.can(by, "view", workshop):
        raise PermissionDenied
    existing = selectors.registration_of(by, workshop)
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        return existing
    _check_call_open(workshop, at)
    _check_participant(workshop, by, language)
    with transaction.atomic():
        status = _seat_or_waiting_list(workshop)
        if existing is not None:
            existing.status, existing.created_at, existing.language = status, at, language
            existing.save(update_fields=["status", "created_at", "language"])
            return existing
        return Registration.objects.create(
            workshop=workshop, user=by, status=status, language=language, created_at=at
        )


def registration_nominate(
    *, workshop: Workshop, user: Any, by: Any, at: datetime, language: str = ""
) -> Registration:
    """An administration's focal point (for officers of its country) or the organizer nominates a
    participant while the call is open; the same rule as an application (compulsory modules, language)
    applies; the nomination then waits for the organizer, who accepts it against the seats."""
    if not policy.can_nominate_participant(by, workshop, user):
        raise PermissionDenied
    _check_call_open(workshop, at)
    _check_participant(workshop, user, language)
    existing = selectors.registration_of(user, workshop)
    if existing is not None and existing.status not in (
        RegistrationStatus.CANCELLED,
        RegistrationStatus.REFUSED,
    ):
        raise TrainingError(_("This person is already registered."))
    if existing is not None:
        existing.status, existing.nominated_by, existing.created_at = RegistrationStatus.NOMINATED, by, at
        existing.language, existing.decided_at = language, None
        existing.save(update_fields=["status", "nominated_by", "created_at", "language", "decided_at"])
        return existing
    try:
        with transaction.atomic():
            return Registration.objects.create(
                workshop=workshop,
                user=user,
                status=RegistrationStatus.NOMINATED,
                language=language,
                nominated_by=by,
                created_at=at,
            )
    except IntegrityError as exc:
        raise TrainingError(_("This person is already registered.")) from exc


def registration_decide(*, registration: Registration, accept: bool, by: Any, at: datetime) -> Registration:
    """The organizer accepts (while seats remain, else wait-lists) or refuses a nomination or a waiting one.
    Accepting applies the registration rule again: a compulsory module added since the nomination must be
    passed too."""
    workshop = registration.workshop
    if not policy.can_organize_workshop(by, workshop):
        raise PermissionDenied
    with transaction.atomic():
        if accept:
            if registration.status == RegistrationStatus.ACCEPTED:
                return registration
            _check_participant(workshop, registration.user, registration.language)
            registration.status = _seat_or_waiting_list(workshop)
        else:
            registration.status = RegistrationStatus.REFUSED
        registration.decided_at = at
        registration.save(update_fields=["status", "decided_at"])
    return registration


def registration_cancel(*, registration: Registration, by: Any, at: datetime) -> Registration | None:
    """The participant (or the organizer) cancels; the first on the waiting list takes the seat (returned)."""
    own = getattr(by, "pk", None) == registration.user_id
    if not own and not policy.can_organize_workshop(by, registration.workshop):
        raise PermissionDenied
    with transaction.atomic():
        was_accepted = registration.status == RegistrationStatus.ACCEPTED
        registration.status, registration.decided_at = RegistrationStatus.CANCELLED, at
        registration.save(update_fields=["status", "decided_at"])
        if not was_accepted:
            return None
        waiting = (
            Registration.objects.filter(workshop=registration.workshop, status=RegistrationStatus.WAITLISTED)
            .order_by("created_at", "pk")
            .first()
        )
        if waiting is not None:
            waiting.status, waiting.decided_at = RegistrationStatus.ACCEPTED, at
            waiting.save(update_fields=["status", "decided_at"])
        return waiting


def _remind_of_modules(
    registration: Registration, remaining: list[Any], workshop: Workshop, at: datetime
) -> None:
    with in_language_of(registration.user):  # the participant's language
        lines = "\n".join(f"- {p.module.title} ({_('complete by')} {p.deadline:%Y-%m-%d})" for p in remaining)
        send_mail(
            _("Compulsory modules before %(workshop)s") % {"workshop": workshop.event.title},
            _("Please complete these e-learning modules before the workshop:") + "\n" + lines,
            None,
            [registration.user.email],
        )
    registration.prerequisites_reminded_at = at
    registration.save(update_fields=["prerequisites_reminded_at"])


def prerequisite_reminders_send(*, workshop: Workshop, at: datetime) -> int:
    """E-mail each participant who has not passed every compulsory module the list of what remains."""
    sent = 0
    for registration, modules in selectors.participants_with_completion(workshop):
        remaining = [p for p, passed in modules if not passed]
        if not remaining:
            continue
        _remind_of_modules(registration, remaining, workshop, at)
        sent += 1
    return sent


def prerequisite_reminders_due(*, at: datetime) -> int:
    """The periodic reminder: each participant (nominated, accepted or wait-listed) of a coming workshop who
    has not passed a compulsory module whose deadline falls within ``TRAINING_PREREQUISITE_REMINDER_DAYS``
    (14) days gets the list of what remains, at most once every ``TRAINING_PREREQUISITE_REMINDER_EVERY_DAYS``
    (7) days. The learning app's own reminders reach only those who started a module; these reach those who
    never did."""
    from django.conf import settings

    window = int(getattr(settings, "TRAINING_PREREQUISITE_REMINDER_DAYS", 14))
    every = int(getattr(settings, "TRAINING_PREREQUISITE_REMINDER_EVERY_DAYS", 7))
    today = at.date()
    sent = 0
    for workshop in selectors.workshops_with_coming_deadlines(
        today=today, until=today + timedelta(days=window)
    ):
        for registration, modules in selectors.participants_with_completion(workshop):
            remaining = [p for p, passed in modules if not passed and p.deadline >= today]
            if not any(p.deadline <= today + timedelta(days=window) for p in remaining):
                continue
            last = registration.prerequisites_reminded_at
            if last is not None and last > at - timedelta(days=every):
                continue
            _remind_of_modules(registration, remaining, workshop, at)
            sent += 1
    return sent


# --- Resource persons --------------------------------------------------------------------------------


def accreditation_grant(
    *,
    person: ResourcePerson,
    partner: Any,
    agreement: Any,
    granted_on: date,
    expires_on: date,
    briefed_on: date | None = None,
    guidelines_acknowledged: bool = False,
    by: Any,
) -> Accreditation:
    """A partner accredits a resource person for one of its agreements until a date."""
    if by is not None and not policy.can_manage_roster(by, partner):
        raise PermissionDenied
    if expires_on < granted_on:
        raise ValidationError({"expires_on": _("The accreditation cannot expire before it is granted.")})
    return Accreditation.objects.create(
        person=person,
        partner=partner,
        agreement=agreement,
        granted_on=granted_on,
        expires_on=expires_on,
        briefed_on=briefed_on,
        guidelines_acknowledged=guidelines_acknowledged,
    )


def session_assign(
    *, session: MeetingSession, person: ResourcePerson, agreement: Any, by: Any
) -> SessionAssignment:
    """Assign a resource person to a session only when accredited for the agreement on the session's date."""
    workshop = Workshop.objects.select_related("event").get(event_id=session.event_id)
    if by is not None and not policy.can_organize_workshop(by, workshop):
        raise PermissionDenied
    day = session.day or workshop.event.start
    if not selectors.is_accredited(person, agreement, day):
        raise NotAccredited(
            _("%(person)s is not accredited for %(agreement)s on %(day)s.")
            % {
                "person": person.name,
                "agreement": getattr(agreement, "name", agreement),
                "day": day.isoformat(),
            }
        )
    return SessionAssignment.objects.create(session=session, person=person, agreement=agreement)


def referral_record(*, person: ResourcePerson, to: str, note: str = "", by: Any, at: datetime) -> Referral:
    """A partner refers an expert of its roster to an expert database."""
    partner = policy.staff_partner(by) or person.nominating_partner
    if not policy.can_manage_roster(by, partner):
        raise PermissionDenied
    person.in_expert_database = True
    person.save(update_fields=["in_expert_database"])
    return Referral.objects.create(person=person, referred_by=partner, to=to, note=note, at=at)


# --- The national package ----------------------------------------------------------------------------


def package_version_create(
    *, agreement: Any, partner: Any, language: str, by: Any, at: datetime, **fields: Any
) -> PackageVersion:
    """A new draft version (numbered after the last one of the same agreement, partner and language)."""
    if by is not None and not policy.can_edit_package(by, partner):
        raise PermissionDenied
    last = (
        PackageVersion.objects.filter(agreement=agreement, partner=partner, language=language)
        .order_by("-number")
        .first()
    )
    with transaction.atomic():
        version = PackageVersion.objects.create(
            agreement=agreement,
            partner=partner,
            language=language,
            number=(last.number + 1) if last else 1,
            created_at=at,
            **fields,
        )
        # The new draft starts with the files of the last version (the same stored files: an approved
        # version never changes, so sharing them is safe); the partner replaces or removes them.
        for item in last.files.all() if last else ():
            PackageFile.objects.create(
                version=version,
                title=item.title,
                file=item.file.name,
                for_print=item.for_print,
                uploaded_by=item.uploaded_by,
                uploaded_at=item.uploaded_at,
            )
    return version


#: The files a package version may hold: slides, documents, print files (no executable or web content,
#: since the kit is opened from disk).
PACKAGE_FILE_EXTENSIONS = ("pdf", "ppt", "pptx", "odp", "doc", "docx", "odt", "txt", "png", "jpg", "jpeg")
PACKAGE_FILE_MAX_BYTES = 50 * 1024 * 1024


def package_file_add(
    *, version: PackageVersion, title: str, upload: Any, for_print: bool = False, by: Any, at: datetime
) -> PackageFile:
    """Partner staff (or the secretariat) add a file to a draft version of their part of the package;
    an approved version never changes: a new version is made instead."""
    if by is not None and not policy.can_edit_package(by, version.partner):
        raise PermissionDenied
    if version.is_approved:
        raise TrainingError(_("An approved version cannot change: make a new version."))
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in PACKAGE_FILE_EXTENSIONS:
        raise ValidationError(
            {"upload": _("Accepted files: %(types)s.") % {"types": ", ".join(PACKAGE_FILE_EXTENSIONS)}}
        )
    if upload.size > PACKAGE_FILE_MAX_BYTES:
        raise ValidationError(
            {"upload": _("The file is larger than %(mb)d MB.") % {"mb": PACKAGE_FILE_MAX_BYTES // 2**20}}
        )
    item = PackageFile(version=version, title=title, for_print=for_print, uploaded_by=by, uploaded_at=at)
    item.file.save(upload.name, upload, save=False)
    item.save()
    return item


def package_file_remove(*, item: PackageFile, by: Any) -> None:
    """Remove a file from a draft version (the stored file stays: an earlier version may share it)."""
    if not policy.can_edit_package(by, item.version.partner):
        raise PermissionDenied
    if item.version.is_approved:
        raise TrainingError(_("An approved version cannot change: make a new version."))
    item.delete()


def package_version_approve(*, version: PackageVersion, by: Any, at: datetime) -> PackageVersion:
    """The partner (its staff, or the secretariat for it) approves a version; it then goes into kits."""
    if by is not None and not policy.can_edit_package(by, version.partner):
        raise PermissionDenied
    if version.is_approved:
        raise TrainingError(_("This version is already approved."))
    version.status, version.approved_by, version.approved_at = PackageStatus.APPROVED, by, at
    version.save(update_fields=["status", "approved_by", "approved_at"])
    return version


# --- The name "Green Customs" ------------------------------------------------------------------------


def name_use_apply(*, by: Any, at: datetime, package_versions: Any = (), **fields: Any) -> NameUseApplication:
    if not policy.can_apply_for_name_use(by):
        raise PermissionDenied
    application = NameUseApplication(applicant=by, submitted_at=at, **fields)
    application.full_clean(exclude=["applicant", "decided_by"])
    application.save()
    application.package_versions.set(package_versions)
    return application


def name_use_decide(
    *, application: NameUseApplication, approve: bool, reasons: str, by: Any, at: datetime
) -> NameUseApplication:
    """The secretariat approves (the event joins the register and the public list) or refuses, with reasons."""
    if not policy.can_decide_name_use(by):
        raise PermissionDenied
    if not reasons.strip():
        raise ValidationError({"reasons": _("Give the reasons for the decision.")})
    if application.status != NameUseStatus.SUBMITTED:
        raise TrainingError(_("This application has already been decided."))
    with transaction.atomic():
        application.status = NameUseStatus.APPROVED if approve else NameUseStatus.REFUSED
        application.reasons, application.decided_by, application.decided_at = reasons, by, at
        application.save(update_fields=["status", "reasons", "decided_by", "decided_at"])
        if approve:
            workshop_create(
                kind=WorkshopKind.NATIONAL_WORKSHOP,
                title=application.event_title,
                start=application.start,
                end=application.end,
                country=application.country,
                city=application.city,
                access_level=Level.PUBLIC,
                by=None,
                organizer=application.organization,
                status=WorkshopStatus.CONFIRMED,
                name_use=application,
            )
    return application


# --- After the workshop ------------------------------------------------------------------------------


def attendance_record(*, registration: Registration, day: date, present: bool, by: Any) -> Attendance:
    workshop = registration.workshop
    if not policy.can_organize_workshop(by, workshop):
        raise PermissionDenied
    if not workshop.event.start <= day <= workshop.event.end:
        raise ValidationError({"day": _("The day is not a day of the workshop.")})
    if registration.status != RegistrationStatus.ACCEPTED:
        raise TrainingError(_("Only accepted participants attend."))
    attendance, _created = Attendance.objects.update_or_create(
        registration=registration, day=day, defaults={"present": present}
    )
    return attendance


def certificates_issue(*, workshop: Workshop, by: Any, at: datetime) -> list[AttendanceCertificate]:
    """A certificate of attendance for every accepted participant present on every day (once each)."""
    if by is not None and not policy.can_organize_workshop(by, workshop):
        raise PermissionDenied
    days = (workshop.event.end - workshop.event.start).days + 1
    issued = []
    for registration in workshop.registrations.filter(status=RegistrationStatus.ACCEPTED).select_related(
        "user"
    ):
        if selectors.attended_days(registration) < days:
            continue
        certificate = AttendanceCertificate.objects.filter(registration=registration).first()
        if certificate is None:
            certificate = AttendanceCertificate.objects.create(
                registration=registration,
                code=learning_certificates.new_code(),
                holder_name=registration.user.full_name or registration.user.email,
                module_title=workshop.event.title,
                issued_at=at,
            )
        issued.append(certificate)
    return issued


#: The standard evaluation questionnaire of a workshop (answered through the library's feedback forms).
EVALUATION_QUESTIONS = (
    (gettext_noop("How useful was the workshop for your work?"), "rating"),
    (gettext_noop("How clear were the presentations?"), "rating"),
    (gettext_noop("How well did the e-learning modules prepare you?"), "rating"),
    (gettext_noop("What should be improved?"), "text"),
)


def evaluation_open(*, workshop: Workshop, by: Any, at: datetime) -> Any:
    """Attach the evaluation questionnaire (a library feedback form) to the workshop and e-mail the link to
    every accepted participant; returns the form (the existing one when already opened)."""
    from django.conf import settings
    from django.urls import reverse

    if by is not None and not policy.can_organize_workshop(by, workshop):
        raise PermissionDenied
    form = workshop.event.feedback_forms.first()
    if form is None:
        form = feedback_form_create(
            event=workshop.event,
            title=_("Evaluation of %(workshop)s") % {"workshop": workshop.event.title},
            questions=[(_(text), kind) for text, kind in EVALUATION_QUESTIONS],
            by=None,
            at=at,
        )
    for registration in workshop.registrations.filter(status=RegistrationStatus.ACCEPTED).select_related(
        "user"
    ):
        with in_language_of(registration.user):  # the participant's language, and /fr/ or /es/ links
            url = settings.SITE_URL + reverse("library:form_answer", args=[form.pk])
            send_mail(
                form.title,
                _("Please tell us what you thought of the workshop: %(url)s") % {"url": url},
                None,
                [registration.user.email],
            )
    return form


def prerequisite_set(*, workshop: Workshop, module: Any, deadline: date, by: Any) -> Any:
    """Make an e-learning module compulsory for the workshop, to be passed by ``deadline`` (or move the
    deadline); stored in learning's WorkshopPrerequisite, which the learning reminders already read."""

    if by is not None and not policy.can_organize_workshop(by, workshop):
        raise PermissionDenied
    if deadline > workshop.event.start:
        raise ValidationError({"deadline": _("The deadline must fall before the workshop begins.")})
    prerequisite, _created = WorkshopPrerequisite.objects.update_or_create(
        event=workshop.event, module=module, defaults={"deadline": deadline}
    )
    return prerequisite


def prerequisite_remove(*, workshop: Workshop, module: Any, by: Any) -> None:

    if by is not None and not policy.can_organize_workshop(by, workshop):
        raise PermissionDenied
    WorkshopPrerequisite.objects.filter(event=workshop.event, module=module).delete()

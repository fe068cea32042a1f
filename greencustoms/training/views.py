"""Pages of the training domain: workshops (public ones for everybody), registration, the organizer's work,
rosters, the national package, the use of the name, statistics."""

from __future__ import annotations

import mimetypes
from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greencustoms import renders, spreadsheets
from greencustoms.accounts import policy
from greencustoms.accounts.choices import AuditAction
from greencustoms.accounts.policy import audit_view, require_view
from greencustoms.agreements.models import Agreement
from greencustoms.events.ical import calendar_of
from greencustoms.events.reports import report_pdf_response
from greencustoms.learning import certificates as learning_certificates
from greencustoms.learning import selectors as learning_selectors
from greencustoms.library import selectors as library_selectors
from greencustoms.training import kit, preparation, selectors, services, stats
from greencustoms.training.choices import NAME_USE_CONDITIONS, PreparationKind, RegistrationStatus
from greencustoms.training.forms import (
    DecisionForm,
    NameUseForm,
    NominationForm,
    PackageFileForm,
    PackageVersionForm,
    ReferralForm,
    RosterSearchForm,
    WorkshopFilterForm,
)
from greencustoms.training.models import (
    AttendanceCertificate,
    NameUseApplication,
    Registration,
    Workshop,
)


def _filters(request: HttpRequest) -> tuple[WorkshopFilterForm, selectors.WorkshopFilters]:
    form = WorkshopFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, selectors.WorkshopFilters(
        kind=data.get("kind") or "",
        region=data.get("region") or "",
        country=data.get("country") or "",
        year=data.get("year"),
        partner=data.get("partner") or "",
        agreement=data.get("agreement") or "",
    )


def workshop_list(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    workshops = list(selectors.workshop_list(request.user, filters))
    return render(
        request,
        "training/workshop_list.html",
        {"form": form, "workshops": workshops, "by_country": selectors.by_country(workshops)},
    )


def workshops_ics(request: HttpRequest) -> HttpResponse:
    """The feed of every workshop the caller may see (anonymous: the public ones)."""
    _form, filters = _filters(request)
    workshops = list(selectors.workshop_list(request.user, filters))
    for w in workshops:
        audit_view(request, w, channel="ical")
    body = calendar_of(selectors.calendar_items(workshops), name=_("Green Customs workshops"))
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _workshop_or_404(request: HttpRequest, pk: int, *, channel: str = "page") -> Workshop:
    workshop = selectors.workshop_by_pk(request.user, pk)
    if workshop is None:
        raise Http404
    require_view(request, workshop, channel=channel)
    return workshop


def _detail_context(request: HttpRequest, workshop: Workshop) -> dict:
    user = request.user
    organizer = policy.can_organize_workshop(user, workshop)
    form = workshop.event.feedback_forms.first()
    evaluation = library_selectors.feedback_form_summary(form) if form and organizer else None
    registration = selectors.registration_of(user, workshop)
    show_preparation = policy.can_view_workshop_preparation(user)
    return {
        "workshop": workshop,
        "event": workshop.event,
        "preparation": preparation.signoff_state(workshop) if show_preparation else [],
        "show_preparation": show_preparation,
        "preparation_kinds": PreparationKind.choices,
        "partners": selectors.partners_of(workshop),
        "agenda": selectors.agenda_of(workshop),
        "prerequisites": selectors.prerequisites(workshop),
        "missing": selectors.missing_modules(user, workshop) if user.is_authenticated else [],
        "registration": registration,
        "certificate": getattr(registration, "certificate", None) if registration else None,
        "organizer": organizer,
        "catalogue": learning_selectors.catalogue(user) if organizer else [],
        "participants": selectors.participants_with_completion(workshop) if organizer else [],
        "seats_taken": selectors.seats_taken(workshop),
        "cascade": selectors.cascade(workshop, user) if organizer else [],
        "evaluation_form": form,
        "evaluation": evaluation,
        "days": [
            workshop.event.start + timedelta(days=n)
            for n in range((workshop.event.end - workshop.event.start).days + 1)
        ],
    }


def workshop_detail(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop_or_404(request, pk)
    return render(request, "training/workshop_detail.html", _detail_context(request, workshop))


def workshop_ics(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _workshop_or_404(request, pk, channel="ical")
    body = calendar_of(selectors.calendar_items([workshop]), name=workshop.event.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="workshop-{workshop.pk}.ics"'
    return response


@require_POST
def workshop_register(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    workshop = _workshop_or_404(request, pk)
    try:
        registration = services.registration_apply(
            workshop=workshop, by=request.user, at=timezone.now(), language=request.POST.get("language", "")
        )
    except services.MissingModules as exc:
        messages.error(request, str(exc))
    except services.TrainingError as exc:
        messages.error(request, str(exc))
    else:
        if registration.status == RegistrationStatus.ACCEPTED:
            messages.success(request, _("You are registered for the workshop."))
        else:
            messages.info(request, _("The workshop is full: you are on the waiting list."))
    return redirect("training:workshop_detail", pk=workshop.pk)


def workshop_nominate(request: HttpRequest, pk: int) -> HttpResponse:
    """An administration's focal point nominates officers of its country for a workshop's call for
    nominations; the nominations wait for the organizer, who accepts them against the seats."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    workshop = _workshop_or_404(request, pk)
    if not (
        policy.can_nominate_workshop_participants(request.user)
        or policy.can_organize_workshop(request.user, workshop)
    ):
        raise PermissionDenied
    form = NominationForm(request.POST or None, languages=list(workshop.languages))
    if request.method == "POST" and form.is_valid():
        nominee = selectors.nominee_by_email(request.user, workshop, form.cleaned_data["email"])
        if nominee is None:
            form.add_error(
                "email",
                _("No officer you may nominate has an account with this e-mail address (nominees are "
                  "officers of your administration's country who may see the workshop)."),
            )  # fmt: skip
        else:
            try:
                services.registration_nominate(
                    workshop=workshop,
                    user=nominee,
                    by=request.user,
                    at=timezone.now(),
                    language=form.cleaned_data.get("language") or "",
                )
            except services.TrainingError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(
                    request,
                    _("%(name)s was nominated; the organizer will accept the nomination.")
                    % {"name": nominee.full_name or nominee.email},
                )
                return redirect("training:workshop_nominate", pk=workshop.pk)
    return render(
        request,
        "training/nominate.html",
        {
            "workshop": workshop,
            "event": workshop.event,
            "form": form,
            "nominations": selectors.nominations_by(request.user, workshop),
            "countries": sorted(policy.nominating_countries(request.user)),
            "prerequisites": selectors.prerequisites(workshop),
            "seats_taken": selectors.seats_taken(workshop),
        },
        status=400 if form.errors else 200,
    )


def _organized_or_404(request: HttpRequest, pk: int) -> Workshop:
    workshop = _workshop_or_404(request, pk)
    if not policy.can_organize_workshop(request.user, workshop):
        raise PermissionDenied
    return workshop


@login_required
@require_POST
def workshop_manage(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """The organizer's steps: clone the model agenda, decide registrations, reminders, attendance,
    evaluation, certificates."""
    workshop = _organized_or_404(request, pk)
    now, user = timezone.now(), request.user
    try:
        if step == "clone-agenda":
            services.agenda_clone_from_model(workshop=workshop, by=user)
            messages.success(request, _("The model agenda was copied; edit it in the administration."))
        elif step in ("accept", "refuse", "cancel"):
            registration = get_object_or_404(
                Registration, pk=request.POST.get("registration"), workshop=workshop
            )
            if step == "cancel":
                services.registration_cancel(registration=registration, by=user, at=now)
            else:
                services.registration_decide(
                    registration=registration, accept=step == "accept", by=user, at=now
                )
            messages.success(request, _("The registration was updated."))
        elif step in ("prerequisite", "prerequisite-remove"):
            module = learning_selectors.module_by_slug(user, request.POST.get("module", ""))
            if module is None:
                raise services.TrainingError(_("No such module."))
            if step == "prerequisite":
                deadline = date.fromisoformat(request.POST.get("deadline", ""))
                services.prerequisite_set(workshop=workshop, module=module, deadline=deadline, by=user)
            else:
                services.prerequisite_remove(workshop=workshop, module=module, by=user)
            messages.success(request, _("The compulsory modules were updated."))
        elif step in ("prepare", "signoff"):
            kind = PreparationKind(request.POST.get("kind", ""))
            document = preparation.document_save(
                workshop=workshop, kind=kind, body=request.POST.get("body"), by=user
            )
            if step == "signoff":
                due = date.fromisoformat(request.POST.get("due", ""))
                preparation.signoff_open(document=document, due=due, by=user, at=now)
                messages.success(request, _("The concerned partners were asked to agree."))
            else:
                messages.success(request, _("The document was saved."))
        elif step == "remind":
            sent = services.prerequisite_reminders_send(workshop=workshop, at=now)
            messages.success(request, _("%(n)s reminders sent.") % {"n": sent})
        elif step == "attendance":
            day = date.fromisoformat(request.POST.get("day", ""))
            present = set(request.POST.getlist("present"))
            for registration in workshop.registrations.filter(status=RegistrationStatus.ACCEPTED):
                services.attendance_record(
                    registration=registration, day=day, present=str(registration.pk) in present, by=user
                )
            messages.success(request, _("Attendance recorded."))
        elif step == "evaluation":
            services.evaluation_open(workshop=workshop, by=user, at=now)
            messages.success(request, _("The evaluation was sent to the participants."))
        elif step == "certificates":
            issued = services.certificates_issue(workshop=workshop, by=user, at=now)
            messages.success(request, _("%(n)s certificates of attendance issued.") % {"n": len(issued)})
        else:
            raise Http404
    except (services.TrainingError, ValueError) as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("training:workshop_detail", pk=workshop.pk)


def workshop_report(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = _organized_or_404(request, pk) if request.user.is_authenticated else None
    if workshop is None:
        raise Http404
    return render(request, "training/report.html", _detail_context(request, workshop))


def workshop_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    if (limited := renders.throttled(request)) is not None:
        return limited
    if not request.user.is_authenticated:
        raise Http404
    workshop = _organized_or_404(request, pk)
    return report_pdf_response(
        request,
        workshop.event,
        template="training/report_pdf.html",
        context=_detail_context(request, workshop),
        kind="workshop-report",
        filename=f"workshop-{workshop.pk}-report.pdf",
    )


@login_required
def certificate_pdf(request: HttpRequest, code: str) -> HttpResponse:
    certificate = get_object_or_404(
        AttendanceCertificate.objects.select_related("registration__workshop__event"), code=code
    )
    workshop = certificate.registration.workshop
    if certificate.registration.user_id != request.user.pk and not policy.can_organize_workshop(
        request.user, workshop
    ):
        raise Http404
    pdf = learning_certificates.render_pdf(certificate, request=request, template="training/certificate.html")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="attendance-{certificate.code}.pdf"'
    return response


# --- Resource persons --------------------------------------------------------------------------------


def _roster_member(request: HttpRequest) -> None:
    if not policy.can_view_roster(request.user):
        raise Http404


def roster(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _roster_member(request)
    form = RosterSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    people = selectors.roster(
        request.user,
        agreement=data.get("agreement") or "",
        region=data.get("region") or "",
        language=data.get("language") or "",
        partner=data.get("partner") or "",
        experts_only=bool(data.get("experts_only")),
    )
    return render(
        request, "training/roster.html", {"form": form, "people": people, "today": timezone.localdate()}
    )


def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _roster_member(request)
    person = get_object_or_404(selectors.roster(request.user), pk=pk)
    audit_view(request, person)
    referral_form = ReferralForm(request.POST or None)
    if request.method == "POST":
        if not policy.can_manage_roster(
            request.user, policy.staff_partner(request.user) or person.nominating_partner
        ):
            raise PermissionDenied
        if referral_form.is_valid():
            services.referral_record(
                person=person, by=request.user, at=timezone.now(), **referral_form.cleaned_data
            )
            messages.success(request, _("The referral was recorded."))
            return redirect("training:person_detail", pk=person.pk)
    return render(
        request,
        "training/person_detail.html",
        {
            "person": person,
            "referral_form": referral_form,
            "today": timezone.localdate(),
            "public": selectors.public_profile(person),
        },
    )


def person_public(request: HttpRequest, pk: int) -> HttpResponse:
    """A resource person's public page: only what the person agreed to show, nothing without consent."""
    person = selectors.public_person(pk)
    if person is None:
        raise Http404
    return render(request, "training/person_public.html", {"profile": selectors.public_profile(person)})


# --- The national package ----------------------------------------------------------------------------


def package(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (policy.is_intranet_member(request.user) or policy.can_download_package_kit(request.user)):
        raise Http404

    return render(
        request,
        "training/package.html",
        {
            "versions": selectors.package_versions(request.user),
            "can_draft": selectors.editable_package_partners(request.user).exists(),
            "agreements": Agreement.objects.order_by("slug"),
            "languages": ["en", "fr", "es"],
        },
    )


def _package_member(request: HttpRequest) -> None:
    if not policy.is_intranet_member(request.user):
        raise Http404


def package_version_new(request: HttpRequest) -> HttpResponse:
    """Partner staff (the secretariat for any partner) start a new version of their part of the package."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _package_member(request)
    partners = selectors.editable_package_partners(request.user)
    form = PackageVersionForm(request.POST or None, partners=partners)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = services.package_version_create(
            agreement=data.pop("agreement"),
            partner=data.pop("partner"),
            language=data.pop("language"),
            by=request.user,
            at=timezone.now(),
            **data,
        )
        messages.success(request, _("Version %(n)s was created as a draft.") % {"n": version.number})
        return redirect("training:package_version", pk=version.pk)
    return render(
        request, "training/package_version_new.html", {"form": form}, status=400 if form.errors else 200
    )


def package_version(request: HttpRequest, pk: int) -> HttpResponse:
    """One version: its texts and files; its partner's staff upload files to a draft and approve it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _package_member(request)
    version = selectors.package_version_by_pk(request.user, pk)
    if version is None:
        raise Http404
    can_edit = policy.can_edit_package(request.user, version.partner)
    form = PackageFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        step = request.POST.get("step", "upload")
        try:
            if step == "approve":
                services.package_version_approve(version=version, by=request.user, at=timezone.now())
                messages.success(request, _("The version is approved: it goes into the kits."))
                return redirect("training:package_version", pk=version.pk)
            if step == "remove":
                item = get_object_or_404(version.files.all(), pk=request.POST.get("file"))
                services.package_file_remove(item=item, by=request.user)
                messages.success(request, _("The file was removed from this version."))
                return redirect("training:package_version", pk=version.pk)
            if form.is_valid():
                services.package_file_add(
                    version=version,
                    title=form.cleaned_data["title"],
                    upload=form.cleaned_data["upload"],
                    for_print=form.cleaned_data["for_print"],
                    by=request.user,
                    at=timezone.now(),
                )
                messages.success(request, _("The file was added."))
                return redirect("training:package_version", pk=version.pk)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("upload" if step == "upload" else None, message)
        except services.TrainingError as exc:
            form.add_error(None, str(exc))
    return render(
        request,
        "training/package_version.html",
        {"version": version, "files": version.files.all(), "form": form, "can_edit": can_edit},
        status=400 if form.errors else 200,
    )


def package_file(request: HttpRequest, pk: int) -> HttpResponse:
    """A package file, only through this view: the policy decides, the download is audited."""
    from greencustoms.library.downloads import private_file_response

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    item = selectors.package_file_by_pk(request.user, pk)
    if item is None:
        raise Http404
    audit_view(request, item, channel="file", action=AuditAction.DOWNLOAD)
    content_type = mimetypes.guess_type(item.filename)[0] or "application/octet-stream"
    return private_file_response(
        storage_name=item.file.name,
        storage=item.file.storage,
        content_type=content_type,
        filename=item.filename,
        level=item.access_level,
    )


def package_kit(request: HttpRequest, agreement: str) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not policy.can_download_package_kit(request.user):
        raise Http404

    found = get_object_or_404(Agreement, slug=agreement)
    language = request.GET.get("language", "en")
    if language not in {"en", "fr", "es"}:
        raise Http404
    body = kit.package_kit(agreement=found, language=language, at=timezone.now())
    response = HttpResponse(body, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="green-customs-{found.slug}-{language}.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- The name "Green Customs" ------------------------------------------------------------------------


def name_use(request: HttpRequest) -> HttpResponse:
    """The conditions, the register of approved events and (signed in) the application form."""
    form = NameUseForm(request.POST or None)
    if request.method == "POST":
        if not policy.can_apply_for_name_use(request.user):
            return redirect_to_login(request.get_full_path())
        if form.is_valid():
            try:
                services.name_use_apply(by=request.user, at=timezone.now(), **form.cleaned_data)
            except ValidationError as exc:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                messages.success(request, _("Your application was sent to the GCI secretariat."))
                return redirect("training:name_use")
    return render(
        request,
        "training/name_use.html",
        {
            "conditions": NAME_USE_CONDITIONS,
            "register": selectors.name_use_register(),
            "form": form,
            "applications": selectors.name_use_applications(request.user),
            "can_decide": policy.can_decide_name_use(request.user),
            "decision_form": DecisionForm(),
        },
    )


@login_required
@require_POST
def name_use_decide(request: HttpRequest, pk: int) -> HttpResponse:
    if not policy.can_decide_name_use(request.user):
        raise Http404
    application = get_object_or_404(NameUseApplication, pk=pk)
    form = DecisionForm(request.POST)
    try:
        services.name_use_decide(
            application=application,
            approve=request.POST.get("decision") == "approve",
            reasons=form.data.get("reasons", ""),
            by=request.user,
            at=timezone.now(),
        )
        messages.success(request, _("The decision was recorded."))
    except (ValidationError, services.TrainingError) as exc:
        for message in getattr(exc, "messages", [str(exc)]):
            messages.error(request, message)
    return redirect("training:name_use")


# --- Statistics --------------------------------------------------------------------------------------


def _stats_workshops(request: HttpRequest) -> list[Workshop]:
    if not request.user.is_authenticated or not policy.can_view_training_statistics(request.user):
        raise Http404
    return list(selectors.workshop_list(request.user))


def statistics(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    workshops = _stats_workshops(request)
    rows = stats.table(workshops)
    charts = []
    for dimension in stats.DIMENSIONS:
        pairs = [(r.value, r.workshops) for r in rows if r.dimension == dimension]
        charts.append((dimension, stats.bar_chart(pairs, title=_("Workshops by %(d)s") % {"d": dimension})))
    return render(
        request,
        "training/stats.html",
        {
            "rows": rows,
            "charts": charts,
            "elearning": stats.elearning_before_after(workshops),
            "adoptions": selectors.institute_adoptions(),
        },
    )


def statistics_csv(request: HttpRequest) -> HttpResponse:
    rows = stats.table(_stats_workshops(request))
    body = spreadsheets.csv_bytes(
        ["dimension", "value", "workshops", "participants", "trainers"],
        ([r.dimension, r.value, r.workshops, r.participants, r.trainers] for r in rows),
    )
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="training-statistics.csv"'
    return response

"""API of the training domain: workshops, registration with compulsory modules, resource persons."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from greencustoms.accounts import policy
from greencustoms.api.auth import require_user
from greencustoms.api.schemas import ErrorOut, StrictSchema, one_of
from greencustoms.training import selectors, services
from greencustoms.training.choices import Region, RegistrationStatus, WorkshopKind, WorkshopStatus

router = Router(tags=["training"])


class WorkshopOut(Schema):
    id: int
    kind: one_of(WorkshopKind.values)  # type: ignore[valid-type]
    title: str
    start: date
    end: date
    country: str
    city: str
    languages: list[str]
    status: one_of(WorkshopStatus.values)  # type: ignore[valid-type]
    partners: list[str]


class AgendaItemOut(Schema):
    day: date | None
    start_time: str | None
    end_time: str | None
    title: str
    items: list[str]


class PrerequisiteOut(Schema):
    module: str
    deadline: date


class WorkshopDetailOut(WorkshopOut):
    agenda: list[AgendaItemOut]
    prerequisites: list[PrerequisiteOut]


class WorkshopQuery(Schema):
    kind: one_of(WorkshopKind.values) | None = None  # type: ignore[valid-type]
    region: one_of(Region.values) | None = None  # type: ignore[valid-type]
    country: str | None = None
    year: int | None = Field(None, ge=1990, le=2100)
    partner: str | None = None
    agreement: str | None = None


class RegistrationIn(StrictSchema):
    language: str = ""


class RegistrationOut(Schema):
    workshop: int
    status: one_of(RegistrationStatus.values)  # type: ignore[valid-type]
    language: str


class MissingModulesOut(Schema):
    """A registration refused because compulsory modules are not passed."""

    detail: str
    missing_modules: list[str]


class AccreditationOut(Schema):
    agreement: str
    partner: str
    granted_on: date
    expires_on: date


class ResourcePersonOut(Schema):
    id: int
    name: str
    organization: str
    country: str
    region: str
    languages: list[str]
    agreements: list[str]
    nominating_partner: str
    email: str
    accreditations: list[AccreditationOut]
    in_expert_database: bool


class RosterQuery(Schema):
    agreement: str | None = None
    region: one_of(Region.values) | None = None  # type: ignore[valid-type]
    language: str | None = None


def _out(workshop: Any) -> dict[str, Any]:
    return {
        "id": workshop.pk,
        "kind": workshop.kind,
        "title": workshop.event.title,
        "start": workshop.event.start,
        "end": workshop.event.end,
        "country": workshop.event.country,
        "city": workshop.event.city,
        "languages": list(workshop.languages),
        "status": workshop.status,
        "partners": selectors.partners_of(workshop),
    }


@router.get("/workshops", response={200: list[WorkshopOut]}, summary="Workshops the caller may see")
def workshops(request: HttpRequest, filters: Query[WorkshopQuery]) -> Any:
    """Public workshops for everyone; restricted ones for those their level admits. Newest first."""
    f = selectors.WorkshopFilters(
        kind=filters.kind or "",
        region=filters.region or "",
        country=filters.country or "",
        year=filters.year,
        partner=filters.partner or "",
        agreement=filters.agreement or "",
    )
    return [_out(w) for w in selectors.workshop_list(request.user, f)]


def _workshop(request: HttpRequest, workshop_id: int) -> Any:
    workshop = selectors.workshop_by_pk(request.user, workshop_id)
    if workshop is None:
        raise HttpError(404, "No such workshop.")
    policy.audit_view(request, workshop, channel="api")
    return workshop


@router.get("/workshops/{workshop_id}", response={200: WorkshopDetailOut, 404: ErrorOut})
def workshop(request: HttpRequest, workshop_id: int) -> Any:
    """One workshop with its agenda and its compulsory modules (slug and deadline); 404 when it does not
    exist or the caller may not see it."""
    w = _workshop(request, workshop_id)
    out = _out(w)
    out["agenda"] = [
        {
            "day": s.day,
            "start_time": s.start_time.strftime("%H:%M") if s.start_time else None,
            "end_time": s.end_time.strftime("%H:%M") if s.end_time else None,
            "title": s.title,
            "items": s.item_list,
        }
        for s in selectors.agenda_of(w)
    ]
    out["prerequisites"] = [
        {"module": p.module.slug, "deadline": p.deadline} for p in selectors.prerequisites(w)
    ]
    return out


@router.post(
    "/workshops/{workshop_id}/registrations",
    response={
        200: RegistrationOut,
        201: RegistrationOut,
        400: ErrorOut,
        401: ErrorOut,
        404: ErrorOut,
        409: MissingModulesOut,
    },
)
def register(request: HttpRequest, workshop_id: int, payload: RegistrationIn | None = None) -> Any:
    """Apply for a workshop (signed in). 201 accepted or wait-listed (``status``); 200 when already
    registered (the registration as it is); 409 naming the compulsory modules not passed; 400 when
    registration is closed or the language is not one of the workshop's; 404 unknown or not visible."""
    user = require_user(request)
    w = _workshop(request, workshop_id)
    before = selectors.registration_of(user, w)
    try:
        registration = services.registration_apply(
            workshop=w, by=user, at=timezone.now(), language=payload.language if payload else ""
        )
    except services.MissingModules as exc:
        return Status(409, {"detail": str(exc), "missing_modules": exc.missing})
    except services.TrainingError as exc:
        raise HttpError(400, str(exc)) from exc
    body = {"workshop": w.pk, "status": registration.status, "language": registration.language}
    unchanged = before is not None and before.status != RegistrationStatus.CANCELLED
    return Status(200 if unchanged else 201, body)


@router.get(
    "/resource-persons",
    response={200: list[ResourcePersonOut], 401: ErrorOut, 403: ErrorOut},
    summary="Rosters of resource persons (partner staff and the secretariat)",
)
def resource_persons(request: HttpRequest, filters: Query[RosterQuery]) -> Any:
    """Partner staff and the secretariat (signed in with two factors) only: 401 anonymous, 403 anyone
    else signed in."""
    user = require_user(request)
    if not policy.can_view_roster(user):
        raise HttpError(403, "Rosters of resource persons are for partner staff and the secretariat.")
    people = selectors.roster(
        user, agreement=filters.agreement or "", region=filters.region or "", language=filters.language or ""
    )
    return [
        {
            "id": p.pk,
            "name": p.name,
            "organization": p.organization,
            "country": p.country,
            "region": p.region,
            "languages": list(p.languages),
            "agreements": sorted(a.slug for a in p.agreements.all()),
            "nominating_partner": p.nominating_partner.acronym,
            "email": p.email,
            "accreditations": [
                {
                    "agreement": a.agreement.slug,
                    "partner": a.partner.acronym,
                    "granted_on": a.granted_on,
                    "expires_on": a.expires_on,
                }
                for a in p.accreditations.all()
            ],
            "in_expert_database": p.in_expert_database,
        }
        for p in people
    ]

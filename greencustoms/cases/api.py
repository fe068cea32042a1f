"""API of the cases domain: public summaries (restricted detail for enforcement level), CEN export, awards."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.http import HttpResponse
from ninja import Query, Router, Schema
from ninja.errors import HttpError, ValidationError

from greencustoms.accounts import policy
from greencustoms.accounts.choices import AuditAction
from greencustoms.api.schemas import ErrorOut, StrictSchema, one_of
from greencustoms.cases import cen, selectors
from greencustoms.cases.certificates import verify_url
from greencustoms.cases.choices import FollowUp, Transport

router = Router(tags=["cases"])


class CaseDetailOut(Schema):
    """The restricted detail (enforcement level, the reviewing partners, the secretariat)."""

    administration: str
    place: str
    transport: one_of(["", *Transport.values])  # type: ignore[valid-type]
    origin: str
    transit: list[str]
    destination: str
    items: list[str]
    hs_declared: str
    hs_found: str
    concealment_detail: str
    detection_detail: str
    follow_up: one_of(["", *FollowUp.values])  # type: ignore[valid-type]
    court: str
    penalty_amount: Decimal | None
    penalty_currency: str
    sentence: str
    offender_name: str
    offender_details: str
    detail: str
    sources: str
    screening_ref: str


class PhotoOut(Schema):
    url: str
    alt_text: str
    caption: str
    width: int
    height: int


class CaseOut(Schema):
    id: int
    date: date
    country: str
    agreements: list[str]
    commodity: str
    quantity: Decimal | None
    unit: str
    prosecution: bool
    penalty: bool
    summary: str
    odp_tonnes: Decimal | None = None
    co2e_tonnes: Decimal | None = None
    restricted: CaseDetailOut | None = None
    photos: list[PhotoOut] = []


class CaseQuery(StrictSchema):
    q: str = ""
    agreement: str | None = None
    year: int | None = None


class ExportQuery(StrictSchema):
    format: one_of(["cen"])  # type: ignore[valid-type]
    output: one_of(["json", "csv"]) = "json"  # type: ignore[valid-type]


class CriterionOut(Schema):
    name: str
    description: str
    weight: Decimal


class WinnerOut(Schema):
    rank: int
    nominee: str
    country: str
    title: str
    certificate: str
    verify_url: str


class AwardOut(Schema):
    year: int
    title: str
    status: str
    criteria: list[CriterionOut]
    winners: list[WinnerOut]


@router.get("/cases", response={200: list[CaseOut]}, summary="Seizure cases: public summaries")
def cases(request, filters: Query[CaseQuery]):  # type: ignore[no-untyped-def]
    """Published cases for everyone (and the records in progress the caller may see). ``restricted`` holds
    the enforcement detail only for callers at enforcement level and above; for others it is null."""
    found = selectors.search(request.user, filters.q.strip()[:200])
    if filters.agreement:
        found = [c for c in found if filters.agreement in (c.agreements or [])]  # type: ignore[assignment]
    if filters.year:
        found = [c for c in found if c.date.year == filters.year]  # type: ignore[assignment]
    out = []
    for case in list(found)[:500]:
        detail = selectors.detail_of(request.user, case)
        if detail is not None:
            policy.audit(
                actor=request.user, action=AuditAction.VIEW, obj=case, channel="api", request=request
            )
        photos = [
            PhotoOut(
                url=p.get_absolute_url(),
                alt_text=p.alt_text,
                caption=p.caption,
                width=p.width,
                height=p.height,
            )  # fmt: skip
            for p in selectors.photos_for(request.user, case)
        ]
        restricted = CaseDetailOut(**detail) if detail is not None else None
        out.append(CaseOut(id=case.pk, **selectors.summary_of(case), restricted=restricted, photos=photos))
    return out


@router.get(
    "/cases/export",
    response={200: dict, 403: ErrorOut},
    summary="Seizure records in the WCO CEN seizure-report fields",
    openapi_extra={
        "responses": {
            "200": {
                "description": "JSON (`format`, `fields`, `reports`) or, with `output=csv`, a CSV file.",
                "content": {
                    "application/json": {"schema": {"type": "object"}},
                    "text/csv": {"schema": {"type": "string"}},
                },
            }
        }
    },
)
def export(request, filters: Query[ExportQuery]):  # type: ignore[no-untyped-def]
    """Enforcement level and the secretariat (the export carries the restricted fields); 403 for others.
    The mapping is documented in greencustoms/cases/CEN_MAPPING.md."""
    if filters.format != "cen":
        raise ValidationError([{"loc": ["query", "format"], "msg": "only cen is offered"}])
    if filters.output not in ("json", "csv"):
        raise ValidationError([{"loc": ["query", "output"], "msg": "json or csv"}])
    if not policy.can_export_cases(request.user):
        raise HttpError(403, "The CEN export is for vetted enforcement officers (two-factor sign-in).")
    found = [
        c for c in selectors.cases_visible_to(request.user) if policy.can_view_case_detail(request.user, c)
    ]
    for case in found:
        policy.audit(actor=request.user, action=AuditAction.VIEW, obj=case, channel="export", request=request)
    if filters.output == "csv":
        response = HttpResponse(cen.export_csv(found), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="cases-cen.csv"'
        return response
    return HttpResponse(cen.export_json(found), content_type="application/json")


@router.get(
    "/awards/{year}", response={200: AwardOut, 404: ErrorOut}, summary="The Green Customs Award of a year"
)
def award(request, year: int):  # type: ignore[no-untyped-def]
    """The criteria with their weights, and the winners once announced (empty before)."""

    scheme = selectors.scheme_for_year(year)
    if scheme is None:
        raise HttpError(404, f"year: no award round for {year}")
    return AwardOut(
        year=scheme.year,
        title=scheme.title,
        status=scheme.status,
        criteria=[
            CriterionOut(name=c.name, description=c.description, weight=c.weight)
            for c in scheme.criteria.all()
        ],
        winners=[
            WinnerOut(
                rank=w.rank,
                nominee=w.holder,
                country=w.nomination.country,
                title=w.nomination.title,
                certificate=w.code,
                verify_url=verify_url(w),
            )  # fmt: skip
            for w in selectors.winners(scheme)
        ],
    )

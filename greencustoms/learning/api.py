"""E-learning API: the public catalogue and completion statistics for partners and the secretariat."""

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from greencustoms.api.auth import require_user
from greencustoms.api.schemas import ErrorOut
from greencustoms.learning import selectors, statistics

router = Router(tags=["learning"])


class ModuleOut(Schema):
    slug: str
    title: str
    summary: str
    owner: str
    agreement: str
    version: int
    lessons: int
    pass_mark: int
    estimated_minutes: int
    url: str


class ModuleStatsOut(Schema):
    module: str
    title: str
    registered: int
    started: int
    active_30d: int
    active_90d: int
    lessons_completed: int
    attempted: int
    passed: int
    avg_days_to_pass: float | None


@router.get("/learning/modules", response=list[ModuleOut])
def modules(request: HttpRequest) -> list[dict]:
    """The public catalogue of published modules."""
    return [
        {
            "slug": m.slug,
            "title": m.title,
            "summary": m.summary,
            "owner": m.owner_partner.acronym,
            "agreement": m.agreement_slug,
            "version": m.current_version.number,
            "lessons": m.current_version.lesson_count,
            "pass_mark": m.current_version.pass_mark,
            "estimated_minutes": m.current_version.estimated_minutes,
            "url": f"/learning/{m.slug}/",
        }
        for m in selectors.catalogue(request.user)
    ]


@router.get("/learning/stats", response={200: list[ModuleStatsOut], 401: ErrorOut, 403: ErrorOut})
def stats(request: HttpRequest, country: str | None = None) -> list[dict]:
    """Per module: registered, started, active in 30/90 days, passed (partner staff: own modules)."""
    user = require_user(request)
    scope = selectors.stats_scope(user)
    if scope is None:
        raise HttpError(
            403, "Statistics are for partner staff and the secretariat (signed in with two factors)."
        )
    rows = statistics.rows(scope, at=timezone.now(), by="module", country=country)
    return [
        {
            "module": r.key,
            "title": r.label,
            "registered": r.registered,
            "started": r.started,
            "active_30d": r.active_30d,
            "active_90d": r.active_90d,
            "lessons_completed": r.lessons_completed,
            "attempted": r.attempted,
            "passed": r.passed,
            "avg_days_to_pass": r.avg_days_to_pass,
        }
        for r in rows
    ]

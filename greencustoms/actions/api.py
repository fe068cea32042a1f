"""API of the actions domain: agreed action points the caller may see."""

from datetime import date

from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from greencustoms.actions import selectors
from greencustoms.actions.choices import ActionStatus, DueKind
from greencustoms.api.schemas import ErrorOut, one_of
from greencustoms.events.selectors import meeting_by_pk

router = Router(tags=["actions"])


class ActionOut(Schema):
    number: int
    text: str
    owners: list[str]
    due: str | None
    status: one_of(ActionStatus.values)  # type: ignore[valid-type]
    # Extensions (issue #19): the structured due, the report's words, what is derived or demo.
    due_kind: one_of(DueKind.values)  # type: ignore[valid-type]
    due_date: date | None
    due_text: str
    due_derived: bool
    owners_derived: bool
    source: str
    status_is_demo: bool
    overdue: bool


class ActionQuery(Schema):
    meeting: int | None = None


@router.get(
    "/actions",
    response={200: list[ActionOut], 404: ErrorOut},
    summary="Agreed action points (of one meeting)",
)
def actions(request, filters: Query[ActionQuery]):  # type: ignore[no-untyped-def]
    """``owners``: partner acronyms, then "GCI Secretariat" / "Each partner"; ``due``: ``YYYY-MM-DD`` (a
    date), ``YYYY-MM`` (by the end of a month), ``asap``, ``ongoing``, ``each_workshop``, ``next_meeting``,
    ``guide_final``, or null. Extensions: ``due_kind``; ``due_date`` (the last on-time day today: a conditional
    due has its event's date once the event happened); ``due_text`` (the report's words); ``due_derived`` and
    ``owners_derived`` (read from words, not stated); ``source``; ``status_is_demo``; ``overdue``."""
    if filters.meeting is not None and meeting_by_pk(request.user, filters.meeting) is None:
        raise HttpError(404, "No such meeting.")
    found = selectors.action_list(
        request.user, selectors.ActionFilters(meeting=filters.meeting), today=timezone.localdate()
    )
    today = timezone.localdate()
    return [
        ActionOut(
            number=a.number,
            text=a.text,
            owners=a.owner_labels(),
            due=a.due.as_api(),
            status=a.status,
            due_kind=a.due_kind,
            due_date=a.due_now.deadline,
            due_text=a.due_text,
            due_derived=a.due_now.derived,
            owners_derived=a.owners_derived,
            source=a.source,
            status_is_demo=a.status_is_demo,
            overdue=a.overdue_now,
        )
        for a in selectors.with_due(found, today=today)
    ]

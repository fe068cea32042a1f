"""API of the actions domain: agreed action points the caller may see."""

from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from greencustoms.actions import selectors
from greencustoms.actions.choices import ActionStatus
from greencustoms.api.schemas import ErrorOut, one_of
from greencustoms.events.selectors import meeting_by_pk

router = Router(tags=["actions"])


class ActionOut(Schema):
    number: int
    text: str
    owners: list[str]
    due: str | None
    status: one_of(ActionStatus.values)  # type: ignore[valid-type]


class ActionQuery(Schema):
    meeting: int | None = None


@router.get(
    "/actions",
    response={200: list[ActionOut], 404: ErrorOut},
    summary="Agreed action points (of one meeting)",
)
def actions(request, filters: Query[ActionQuery]):  # type: ignore[no-untyped-def]
    """``owners``: partner acronyms, then "GCI Secretariat" / "Each partner"; ``due``: ``YYYY-MM-DD`` (a
    date), ``YYYY-MM`` (by the end of a month), ``asap``, ``ongoing``, ``each_workshop``, or null."""
    if filters.meeting is not None and meeting_by_pk(request.user, filters.meeting) is None:
        raise HttpError(404, "No such meeting.")
    found = selectors.action_list(
        request.user, selectors.ActionFilters(meeting=filters.meeting), today=timezone.localdate()
    )
    return [
        ActionOut(number=a.number, text=a.text, owners=a.owner_labels(), due=a.due.as_api(), status=a.status)
        for a in found
    ]

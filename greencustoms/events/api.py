"""API of the events domain: partners' meetings the caller may see."""

from datetime import date

from ninja import Router, Schema

from greencustoms.events import selectors

router = Router(tags=["meetings"])


class MeetingOut(Schema):
    id: int
    number: int | None
    title: str
    start: date
    end: date
    venue: str
    host: str | None


@router.get("/meetings", response=list[MeetingOut], summary="Partners' meetings the caller may see")
def meetings(request):  # type: ignore[no-untyped-def]
    """Each meeting with its number, dates, venue and host organization (acronym); newest first."""
    return [
        MeetingOut(
            id=m.pk,
            number=m.number,
            title=m.title,
            start=m.start,
            end=m.end,
            venue=", ".join(x for x in (m.venue, m.city) if x),
            host=m.host.acronym if m.host else None,
        )
        for m in selectors.meeting_list(request.user)
    ]

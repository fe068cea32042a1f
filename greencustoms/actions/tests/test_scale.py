"""/actions/ with 500 action points: a bounded number of queries whatever the number of actions (issue #18)."""

from datetime import date, timedelta
from io import StringIO
from typing import Any

from django.utils import timezone

from greencustoms.accounts.choices import Role
from greencustoms.accounts.policy import Level
from greencustoms.actions.choices import ActionStatus, DueKind
from greencustoms.actions.models import ActionPoint
from greencustoms.conftest import make_user, signed_in_client
from greencustoms.events.models import Event, Participant
from greencustoms.partners.models import Partner

KINDS = [
    DueKind.DATE,
    DueKind.MONTH,
    DueKind.NONE,
    DueKind.ONGOING,
    DueKind.NEXT_MEETING,
    DueKind.GUIDE_FINAL,
]


def partner_and_secretariat() -> tuple[Any, Any]:
    from greencustoms.partners.reference import load

    load(stdout=StringIO())
    partner = make_user(
        "bench-partner@test.example", Role.PARTNER, totp=True, partner=Partner.objects.get(acronym="WCO")
    )
    secretariat = make_user(
        "bench-secretariat@test.example", Role.SECRETARIAT, totp=True, is_staff=True, is_superuser=True
    )
    return partner, secretariat


def make_actions(count: int, *, meetings: int = 10) -> None:
    """``count`` action points over ``meetings`` partners' meetings, of every due kind, with owners."""
    partners = list(Partner.objects.order_by("acronym")[:6])
    events = [
        Event.objects.create(
            kind="partners_meeting",
            number=100 + i,
            title=f"Meeting {i}",
            slug=f"bench-{i}",
            start=date(2010 + i, 10, 1),
            end=date(2010 + i, 10, 2),
            access_level=Level.INTRANET,
        )
        for i in range(meetings)
    ]
    for event in events:
        Participant.objects.create(event=event, partner=partners[0], name="x")
    created = []
    for n in range(count):
        kind = KINDS[n % len(KINDS)]
        day = date(2010 + n % meetings, 12, 31) if kind in (DueKind.DATE, DueKind.MONTH) else None
        created.append(
            ActionPoint(
                meeting=events[n % meetings],
                number=n // meetings + 1,
                text=f"Action {n}",
                due_kind=kind,
                due_date=day,
                due_text="",
                status=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE][n % 3],
                access_level=Level.INTRANET,
                owner_secretariat=n % 2 == 0,
            )
        )
    ActionPoint.objects.bulk_create(created)
    through = ActionPoint.owners.through
    through.objects.bulk_create(
        through(actionpoint_id=a.pk, partner_id=partners[i % len(partners)].pk)
        for i, a in enumerate(ActionPoint.objects.order_by("pk"))
    )


def test_the_list_of_500_actions_takes_a_bounded_number_of_queries(
    db: Any, django_assert_max_num_queries: Any
) -> None:
    partner, secretariat = partner_and_secretariat()
    make_actions(500)
    for user in (partner, secretariat):
        client = signed_in_client(user)
        for query in ({}, {"overdue": "on"}, {"open_months": 6}):
            with django_assert_max_num_queries(25):
                response = client.get("/actions/", query)
            assert response.status_code == 200
        first = client.get("/actions/")
        assert (len(first.context["actions"]), first.context["total"]) == (100, 500)
        last = client.get("/actions/", {"page": 5})
        assert len(last.context["actions"]) == 100
        shown = {a.pk for n in range(1, 6) for a in client.get("/actions/", {"page": n}).context["actions"]}
        assert len(shown) == 500


def test_a_conditional_due_becomes_overdue_once_the_next_meeting_was_held(db: Any) -> None:
    partner, _secretariat = partner_and_secretariat()
    make_actions(12, meetings=2)  # meetings on 2010-10-01 and 2011-10-01; "next meeting" of the first is held
    first = ActionPoint.objects.filter(meeting__slug="bench-0", due_kind=DueKind.NEXT_MEETING).exclude(
        status="done"
    )
    assert first.exists()
    second = ActionPoint.objects.filter(meeting__slug="bench-1", due_kind=DueKind.NEXT_MEETING)
    overdue = {a.pk for a in signed_in_client(partner).get("/actions/", {"overdue": "on"}).context["actions"]}
    assert set(first.values_list("pk", flat=True)) <= overdue
    assert not overdue & set(second.values_list("pk", flat=True))
    stale = {a.pk for a in signed_in_client(partner).get("/actions/", {"open_months": 6}).context["actions"]}
    assert not stale & set(first.values_list("pk", flat=True))
    assert timezone.localdate() > date(2011, 10, 1) + timedelta(days=1)

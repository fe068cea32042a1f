"""Deadlines as written in reports: parsing, and when an action is overdue."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from greencustoms.actions.choices import ActionStatus, DueKind
from greencustoms.actions.due import Due, month_end, parse_due

MEETING = date(2007, 3, 2)


@pytest.mark.parametrize(
    ("text", "kind", "deadline"),
    [
        ("End of April 2007", DueKind.MONTH, date(2007, 4, 30)),
        ("November 2007", DueKind.MONTH, date(2007, 11, 30)),
        ("15 May 2007", DueKind.DATE, date(2007, 5, 15)),
        ("by October 18th 2017", DueKind.DATE, date(2017, 10, 18)),
        ("2008-03-01", DueKind.DATE, date(2008, 3, 1)),
        ("2008-03", DueKind.MONTH, date(2008, 3, 31)),
        ("throughout 2007", DueKind.MONTH, date(2007, 12, 31)),
        ("The generic package should be completed by end of June.", DueKind.MONTH, date(2007, 6, 30)),
        ("in a week", DueKind.DATE, date(2007, 3, 9)),
        ("If possible by the COPs (April-May 2007)", DueKind.MONTH, date(2007, 5, 31)),
        ("Draft to be circulated by end April 2007; approval by July 2007", DueKind.MONTH, date(2007, 4, 30)),
        ("fin avril 2008", DueKind.MONTH, date(2008, 4, 30)),
        ("finales de junio de 2008", DueKind.MONTH, date(2008, 6, 30)),
        ("ASAP", DueKind.ASAP, None),
        ("As soon as possible once dates of workshops are confirmed", DueKind.ASAP, None),
        ("On-going basis", DueKind.ONGOING, None),
        ("Ongoing basis", DueKind.ONGOING, None),
        ("During the preparation of the GCI workshops.", DueKind.EACH_WORKSHOP, None),
        ("at each workshop", DueKind.EACH_WORKSHOP, None),
        ("Prior to the training as well as during the training", DueKind.EACH_WORKSHOP, None),
        ("", DueKind.NONE, None),
        ("Partners may comment", DueKind.NONE, None),
        ("31 February 2008", DueKind.MONTH, date(2008, 2, 29)),
    ],
)
def test_parse_due_reads_the_words_of_reports(text: str, kind: DueKind, deadline: date | None) -> None:
    due = parse_due(text, reference=MEETING)
    assert (due.kind, due.deadline) == (kind, deadline)
    assert due.text == " ".join(text.split())


def test_a_month_without_year_needs_the_meeting_date() -> None:
    assert parse_due("end of June").kind == DueKind.NONE
    assert parse_due("end of January", reference=MEETING).deadline == date(2008, 1, 31)


def test_due_refuses_inconsistent_values() -> None:
    with pytest.raises(ValueError):
        Due(DueKind.ASAP, date(2007, 1, 1))
    with pytest.raises(ValueError):
        Due(DueKind.DATE, None)
    with pytest.raises(ValueError):
        Due(DueKind.MONTH, date(2007, 4, 15))


def test_api_form_of_each_kind() -> None:
    assert Due.on(date(2007, 5, 15)).as_api() == "2007-05-15"
    assert Due.in_month(2007, 11).as_api() == "2007-11"
    assert Due(DueKind.ASAP).as_api() == "asap"
    assert Due(DueKind.ONGOING).as_api() == "ongoing"
    assert Due(DueKind.EACH_WORKSHOP).as_api() == "each_workshop"
    assert Due(DueKind.NONE).as_api() is None


def test_a_month_deadline_is_on_time_until_the_last_day() -> None:
    due = parse_due("End of April 2007")
    assert not due.is_overdue(today=date(2007, 4, 30), status=ActionStatus.OPEN)
    assert due.is_overdue(today=date(2007, 5, 1), status=ActionStatus.OPEN)
    assert due.is_overdue(today=date(2007, 5, 1), status=ActionStatus.IN_PROGRESS)
    assert not due.is_overdue(today=date(2007, 5, 1), status=ActionStatus.DONE)
    assert not due.is_overdue(today=date(2007, 5, 1), status=ActionStatus.DROPPED)


days = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))
statuses = st.sampled_from(ActionStatus.values)
open_phrases = st.sampled_from(
    [
        (DueKind.ASAP, "as soon as possible"),
        (DueKind.ASAP, "ASAP"),
        (DueKind.ONGOING, "on-going basis"),
        (DueKind.ONGOING, "Ongoing"),
        (DueKind.EACH_WORKSHOP, "at each workshop"),
        (DueKind.EACH_WORKSHOP, "during the preparation of the GCI workshops"),
    ]
)
filler = st.text(alphabet="bcdfghklqvwxz ", max_size=20)


@given(phrase=open_phrases, before=filler, after=filler, today=days, status=statuses)
def test_open_kinds_are_read_anywhere_and_never_overdue(
    phrase: tuple[DueKind, str], before: str, after: str, today: date, status: str
) -> None:
    kind, words = phrase
    due = parse_due(f"{before} {words} {after}")
    assert due.kind == kind
    assert due.deadline is None
    assert not due.is_overdue(today=today, status=status)


@given(deadline=days, today=days, status=statuses)
def test_dated_kinds_are_overdue_exactly_after_the_deadline_while_pending(
    deadline: date, today: date, status: str
) -> None:
    due = Due.on(deadline)
    expected = today > deadline and status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    assert due.is_overdue(today=today, status=status) is expected


@given(deadline=days, today=days, later=st.integers(min_value=0, max_value=5000))
def test_once_overdue_always_overdue_until_done(deadline: date, today: date, later: int) -> None:
    due = Due.on(deadline)
    if due.is_overdue(today=today, status=ActionStatus.OPEN):
        assert due.is_overdue(today=today + timedelta(days=later), status=ActionStatus.OPEN)


@given(day=days)
def test_written_dates_and_months_round_trip(day: date) -> None:
    assert parse_due(day.strftime("%d %B %Y")) == Due.on(day, day.strftime("%d %B %Y"))
    assert parse_due(day.isoformat()).deadline == day
    month = parse_due(day.strftime("End of %B %Y"))
    assert month.kind == DueKind.MONTH
    assert month.deadline == month_end(day.year, day.month)
    assert month.deadline >= day


@pytest.mark.django_db
def test_action_model_validation_keeps_due_consistent() -> None:
    from django.core.exceptions import ValidationError

    from greencustoms.actions.models import ActionPoint

    action = ActionPoint(due_kind=DueKind.MONTH, due_date=date(2007, 4, 3))
    action.clean()
    assert action.due_date == date(2007, 4, 30)
    with pytest.raises(ValidationError):
        ActionPoint(due_kind=DueKind.ASAP, due_date=date(2007, 4, 3)).clean()
    with pytest.raises(ValidationError):
        ActionPoint(due_kind=DueKind.DATE, due_date=None).clean()

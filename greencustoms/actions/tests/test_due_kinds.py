"""Due-kind transitions (property tests): conditional dues wait for their event, then behave as dates."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from greencustoms.actions.choices import (
    CONDITIONAL_KINDS,
    DATED_KINDS,
    PENDING_STATUSES,
    ActionStatus,
    DueKind,
)
from greencustoms.actions.due import Due, month_end, parse_due

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
statuses = st.sampled_from(list(ActionStatus.values))
conditional = st.sampled_from(sorted(CONDITIONAL_KINDS))
open_kinds = st.sampled_from([DueKind.ASAP, DueKind.ONGOING, DueKind.EACH_WORKSHOP, DueKind.NONE])


@given(kind=conditional, today=days, status=statuses)
def test_a_conditional_due_is_never_overdue_before_its_event(kind: DueKind, today: date, status: str) -> None:
    due = Due(kind, None, "once it is finalized")
    assert not due.is_overdue(today=today, status=status)
    assert due.resolve(happened_on=None) == due


@given(kind=conditional, happened=days, today=days, status=statuses)
def test_once_its_event_happened_a_conditional_due_is_a_derived_date(
    kind: DueKind, happened: date, today: date, status: str
) -> None:
    resolved = Due(kind, None, "at the next meeting").resolve(happened_on=happened)
    assert (resolved.kind, resolved.deadline, resolved.derived, resolved.text) == (
        DueKind.DATE,
        happened,
        True,
        "at the next meeting",
    )
    assert resolved.is_overdue(today=today, status=status) == (
        today > happened and status in PENDING_STATUSES
    )


@given(kind=open_kinds, happened=st.none() | days, today=days, status=statuses)
def test_open_kinds_ignore_events_and_are_never_overdue(
    kind: DueKind, happened: date | None, today: date, status: str
) -> None:
    due = Due(kind, None, "")
    assert due.resolve(happened_on=happened) == due
    assert not due.is_overdue(today=today, status=status)


@given(day=days, kind=st.sampled_from(sorted(DATED_KINDS)), happened=st.none() | days)
def test_dated_dues_do_not_move_when_events_happen(day: date, kind: DueKind, happened: date | None) -> None:
    deadline = day if kind == DueKind.DATE else month_end(day.year, day.month)
    due = Due(kind, deadline, "")
    assert due.resolve(happened_on=happened) == due


@given(reference=days, weeks=st.integers(min_value=1, max_value=4))
def test_a_date_read_from_relative_words_is_marked_derived(reference: date, weeks: int) -> None:
    words = {1: "in a week", 2: "in two weeks", 3: "in three weeks", 4: "in four weeks"}[weeks]
    due = parse_due(words, reference=reference)
    assert (due.kind, due.deadline, due.derived) == (DueKind.DATE, reference + timedelta(weeks=weeks), True)


@given(reference=days)
def test_conditional_phrases_are_read_as_their_kind(reference: date) -> None:
    assert parse_due("Once the guide is finalized", reference=reference).kind == DueKind.GUIDE_FINAL
    assert parse_due("by the next Partners' meeting", reference=reference).kind == DueKind.NEXT_MEETING

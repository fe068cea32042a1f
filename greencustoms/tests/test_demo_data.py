"""`greencustoms demo` builds the records transcribed from the reports out of the YAML data files.

Expectations are written by hand from the reports (2007 and 2017 Partners' Meetings, the Guide's annex):
counts of what each report lists and a few records field by field, so that a slip in a data file (a
dropped row, a time read as a number, a decimal read as a float) fails here.
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest

from greencustoms import demo_data
from greencustoms.actions.models import ActionPoint, PlannedActivity, ProgressNote
from greencustoms.cases.models import Criterion, SeizureCase
from greencustoms.events.models import KeyOutcome, MeetingSession, Participant
from greencustoms.training.models import ModelAgendaItem, Workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(partners: Any, settings: Any, tmp_path: Any) -> None:
    from greencustoms.accounts.demo import load as load_accounts
    from greencustoms.actions.demo import load as load_actions
    from greencustoms.agreements.reference import load as load_agreements
    from greencustoms.cases.demo import load as load_cases
    from greencustoms.events.demo import load as load_events
    from greencustoms.training.demo import load as load_training

    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    settings.MEDIA_ROOT = str(tmp_path)
    load_agreements(stdout=StringIO())
    for load in (load_accounts, load_events, load_actions, load_training, load_cases):
        load(stdout=StringIO())
        load(stdout=StringIO())  # idempotent: a second run adds nothing


def test_counts_of_what_the_reports_list(demo: None) -> None:
    assert ActionPoint.objects.filter(meeting__number=3).count() == 17
    assert ActionPoint.objects.filter(meeting__number=12).count() == 37  # 31 of the annex, then 6 more
    assert ProgressNote.objects.filter(is_demo=True).count() == 7
    assert PlannedActivity.objects.count() == 10
    assert MeetingSession.objects.filter(event__number=3).count() == 4
    assert MeetingSession.objects.filter(event__number=12).count() == 13
    assert Participant.objects.filter(event__number=3).count() == 11
    assert Participant.objects.filter(event__number=12).count() == 14
    assert KeyOutcome.objects.filter(event__number=12).count() == 4
    assert (
        Workshop.objects.count() == 11
    )  # ten from the reports and the model, one opened for the demo accounts
    assert ModelAgendaItem.objects.count() == 10  # six national, four train-the-trainer
    assert SeizureCase.objects.filter(is_demo=True).count() == 3
    assert Criterion.objects.count() == 4


def test_hand_picked_records(demo: None) -> None:
    # 2007 action 13: no "By when"; the deadline is the Basel OEWG in September 2007, derived.
    action = ActionPoint.objects.get(meeting__number=3, number=13)
    assert (action.heading, action.owner_secretariat, action.owner_each_partner) == (
        "Presentation by the Partners",
        True,
        False,
    )
    assert (action.due_kind, action.due_date, action.due_derived) == ("month", date(2007, 9, 30), True)
    assert action.owners_text == "The GCI Secretariat, with relevant Partners"
    # 2007 action 7: the drafting task force as owners, derived.
    guide = ActionPoint.objects.get(meeting__number=3, number=7)
    assert guide.owners_derived is True and guide.due_text == "At the latest by April 2007"
    assert {p.acronym for p in guide.owners.all()} == {"CITES", "BRS", "OzonAction", "UNEP"}

    opening = MeetingSession.objects.get(event__number=12, order=1)
    assert (opening.label, opening.day, opening.start_time, opening.end_time) == (
        "Opening",
        date(2017, 10, 3),
        time(9, 30),
        time(9, 50),
    )
    assert opening.items.splitlines()[0] == "Welcome – by the World Customs organisation"
    session_2007 = MeetingSession.objects.get(event__number=3, order=1)
    assert (session_2007.start_time, session_2007.items) == (None, "")

    webinar = PlannedActivity.objects.get(title="Webinar to promote the GCI e-learning modules")
    assert (webinar.start, webinar.end, webinar.venue, webinar.owner_partner.acronym) == (
        date(2018, 1, 1),
        date(2018, 1, 31),
        "Online",
        "WCO",
    )
    assert webinar.agreed_at.number == 12

    item = ModelAgendaItem.objects.get(agenda__kind="national_workshop", order=3)
    assert (item.day, item.start_time, item.end_time, item.title) == (
        2,
        time(9, 0),
        time(12, 30),
        "Risk profiling and case studies",
    )

    abidjan = SeizureCase.objects.get(commodity="Hazardous waste (oily slops with caustic soda)")
    assert (abidjan.date, abidjan.country, abidjan.quantity, abidjan.penalty_amount) == (
        date(2006, 8, 19),
        "CI",
        Decimal("500"),
        Decimal("1000000"),
    )
    assert [(c.name, c.weight) for c in Criterion.objects.order_by("position")] == [
        ("Environmental impact", Decimal(40)),
        ("Follow-up", Decimal(30)),
        ("Co-operation", Decimal(20)),
        ("Replicability", Decimal(10)),
    ]


def test_times_are_read_as_times_not_sexagesimal_numbers() -> None:
    sessions = demo_data.read("events", "meeting_2017")["sessions"]
    assert all(isinstance(s["start"], str) for s in sessions)  # "10:30" unquoted would be 630 in YAML 1.1
    assert demo_data.as_time("10:30") == time(10, 30) and demo_data.as_time("") is None

"""Preparation with partner sign-off through the one review mechanism (greencustoms.reviews)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied

from greencustoms.conftest import make_user, signed_in_client, verified
from greencustoms.events.models import MeetingSession
from greencustoms.reviews import services as review_services
from greencustoms.reviews.choices import Decision
from greencustoms.training import preparation
from greencustoms.training.tests.conftest import NOW, make_workshop

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(partners: Any) -> Any:
    w = make_workshop(kind="regional_ttt", lead=partners["UNEP"], contributing_partners=[partners["WCO"]])
    MeetingSession.objects.create(event=w.event, title="Opening", day=w.event.start, items="Welcome")
    return w


def test_partners_agree_on_the_concept_note_and_a_changed_text_needs_a_new_round(
    workshop: Any, secretariat_user: Any, partner_user: Any, partners: Any, mailoutbox: Any
) -> None:
    boss = verified(secretariat_user)
    note = preparation.document_save(
        workshop=workshop, kind="concept_note", body="Why this workshop.", by=boss
    )
    round = preparation.signoff_open(document=note, due=NOW.date() + timedelta(days=14), by=boss, at=NOW)
    assert round.version == "v1" and round.url == f"/training/workshops/{workshop.pk}/"
    [state] = preparation.signoff_state(workshop)
    assert state["pending"] == ["UNEP", "WCO"] and not state["agreed"]
    review_services.answer(
        by=verified(partner_user), round=round, partner=partners["WCO"], decision=Decision.APPROVED, at=NOW
    )
    unep = make_user("unep@test.example", "partner", totp=True, partner=partners["UNEP"])
    review_services.answer(
        by=verified(unep), round=round, partner=partners["UNEP"], decision=Decision.APPROVED, at=NOW
    )
    [state] = preparation.signoff_state(workshop)
    assert state["pending"] == [] and state["agreed"] and state["current"]
    preparation.document_save(
        workshop=workshop, kind="concept_note", body="Why this workshop, revised.", by=boss
    )
    [state] = preparation.signoff_state(workshop)
    assert state["document"].version == 2 and not state["current"]


def test_the_agenda_document_is_the_agenda_itself(workshop: Any, secretariat_user: Any) -> None:
    document = preparation.document_save(
        workshop=workshop, kind="agenda", body="ignored", by=verified(secretariat_user)
    )
    assert document.body == f"{workshop.event.start.isoformat()} Opening\n  - Welcome"


def test_only_the_secretariat_opens_a_sign_off_and_officers_do_not_see_preparation(
    workshop: Any, partner_user: Any, officer: Any, secretariat_user: Any
) -> None:
    note = preparation.document_save(workshop=workshop, kind="key_messages", body="KEYMSG-7731", by=None)
    with pytest.raises(PermissionDenied):
        preparation.signoff_open(
            document=note, due=NOW.date() + timedelta(days=7), by=verified(partner_user), at=NOW
        )
    staff = signed_in_client(secretariat_user)
    staff.post(
        f"/training/workshops/{workshop.pk}/manage/signoff/",
        {"kind": "key_messages", "body": "KEYMSG-7731", "due": (NOW.date() + timedelta(days=30)).isoformat()},
    )
    page = staff.get(f"/training/workshops/{workshop.pk}/").content.decode()
    assert "KEYMSG-7731" in page and "Not answered yet: UNEP, WCO." in page
    assert (
        "KEYMSG-7731"
        in signed_in_client(partner_user).get(f"/training/workshops/{workshop.pk}/").content.decode()
    )
    assert (
        "KEYMSG-7731"
        not in signed_in_client(officer).get(f"/training/workshops/{workshop.pk}/").content.decode()
    )

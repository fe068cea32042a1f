"""Mails the accounts app sends outside the officer's own request are written in the officer's saved language
(accounts cannot import the website's language choices: the website connects its resolver at start-up)."""

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone, translation

from greencustoms.accounts import services
from greencustoms.accounts.choices import AccreditationStatus
from greencustoms.accounts.models import EnforcementAccreditation
from greencustoms.conftest import make_user, verified
from greencustoms.website.languages import save_language


def _requested(user: Any) -> EnforcementAccreditation:
    return EnforcementAccreditation.objects.create(
        user=user, status=AccreditationStatus.REQUESTED, requested_at=timezone.now()
    )


@pytest.mark.django_db
def test_a_french_officer_reads_the_decision_in_french_whatever_the_secretariat_reads(
    secretariat_user: Any,
) -> None:
    officer = make_user("agent@douane.example", country="SN")
    save_language(user=officer, language="fr")
    with translation.override("en"):  # the secretariat decides in English
        services.accreditation_decide(
            accreditation=_requested(officer), approve=False, by=verified(secretariat_user), at=timezone.now()
        )
    (message,) = mail.outbox
    assert message.subject == "Votre demande d'habilitation Douanes vertes"
    assert translation.get_language() == "en"  # the override ended with the mail


@pytest.mark.django_db
def test_an_officer_without_a_saved_choice_gets_the_site_language(secretariat_user: Any) -> None:
    officer = make_user("officer@customs.example", country="KE")
    with translation.override("es"):
        services.accreditation_decide(
            accreditation=_requested(officer), approve=False, by=verified(secretariat_user), at=timezone.now()
        )
    assert mail.outbox[0].subject == "Your Green Customs enforcement request"


@pytest.mark.django_db
def test_the_suspension_task_writes_in_each_officers_language() -> None:
    now = timezone.now()
    spanish = make_user("agente@aduana.example", country="PE")
    save_language(user=spanish, language="es")
    EnforcementAccreditation.objects.create(
        user=spanish,
        status=AccreditationStatus.APPROVED,
        requested_at=now - timedelta(days=400),
        decided_at=now - timedelta(days=400),
        expires_at=now + timedelta(days=30),
    )
    report = services.enforcement_housekeeping(at=now)
    assert report.suspended == 1
    assert mail.outbox[0].subject == "Su acreditación de control en Aduanas Verdes está suspendida"

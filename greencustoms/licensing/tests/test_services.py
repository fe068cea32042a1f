"""Template imports (line-exact errors, all or nothing), quota units, iPIC consultations and reminders."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from greencustoms.accounts.choices import Role
from greencustoms.conftest import make_user, verified
from greencustoms.licensing import services
from greencustoms.licensing.choices import ConsultationStatus
from greencustoms.licensing.models import Consultation, Licence, Quota
from greencustoms.spreadsheets import xlsx_bytes

pytestmark = pytest.mark.django_db

LICENCES = """country,number,direction,holder,substance,quantity_kg,valid_from,valid_to,source
TH,TH-1,import,Siam Cooling,hcfc-22,2000,2026-01-01,2026-12-31,Register 2026
TH,TH-2,import,Siam Cooling,r-410a,abc,2026-01-01,2026-12-31,Register 2026
TH,TH-3,export,Siam Cooling,unobtainium,10,2026-13-01,2026-12-31,
LK,LK-1,import,Lanka Cold,hcfc-22,10,2026-01-01,2026-12-31,Register
"""


def test_licence_import_names_every_bad_line_and_writes_nothing(th_focal: Any) -> None:
    with pytest.raises(services.ImportRejected) as refused:
        services.licensing_import(kind="licences", file_name="l.csv", content=LICENCES.encode(), by=th_focal)
    assert refused.value.errors == [
        'line 3: quantity_kg "abc" is not a number',
        "line 4: source is empty (every figure needs its source)",
        'line 4: substance "unobtainium" is not a controlled substance or blend id (e.g. hcfc-22, r-410a)',
        'line 4: valid_from "2026-13-01" is not a date (YYYY-MM-DD)',
        "line 5: country LK is not one of the countries whose records you keep",
    ]
    assert Licence.objects.count() == 0


def test_licence_import_from_xlsx_creates_then_updates(th_focal: Any) -> None:
    header = services.TEMPLATE_COLUMNS["licences"]
    row = (
        "TH",
        "TH-1",
        "import",
        "Siam Cooling",
        "HCFC-22",
        2000,
        date(2026, 1, 1),
        "2026-12-31",
        "Register 2026",
    )
    first = services.licensing_import(
        kind="licences", file_name="l.xlsx", content=xlsx_bytes(header, [row]), by=th_focal
    )
    assert (first.created, first.updated) == (1, 0)
    again = services.licensing_import(
        kind="licences",
        file_name="l.xlsx",
        content=xlsx_bytes(header, [row[:5] + (2500,) + row[6:]]),
        by=th_focal,
    )
    assert (again.created, again.updated) == (0, 1)
    licence = Licence.objects.get()
    assert (licence.substance, licence.quantity_kg, licence.valid_to) == (
        "hcfc-22",
        Decimal("2500.000"),
        date(2026, 12, 31),
    )


def test_quota_figures_from_metric_tonnes_by_hand(th_focal: Any) -> None:
    csv = (
        "country,direction,group,year,substance,metric_tonnes,odp_tonnes,co2e_tonnes,used,source\n"
        # 300 t HCFC-22: x 0.055 = 16.5 ODP-t, x 1810 = 543,000 t CO2e
        "TH,import,CI,2026,hcfc-22,300,,,,Gazette\n"
        # 2,000 t R-410A (50 % HFC-32 at 675 + 50 % HFC-125 at 3500 = 2087.5): 4,175,000 t CO2e
        "TH,import,F,2026,R-410A,2000,,,100,Gazette\n"
        # typed in ODP-tonnes directly
        "TH,export,CI,2026,,,1.25,,,Gazette\n"
    )
    services.licensing_import(kind="quotas", file_name="q.csv", content=csv.encode(), by=th_focal)
    hcfc = Quota.objects.get(group="CI", direction="import")
    assert (hcfc.odp_tonnes, hcfc.co2e_tonnes) == (Decimal("16.500000"), Decimal("543000.0000"))
    hfc = Quota.objects.get(group="F")
    assert (hfc.odp_tonnes, hfc.co2e_tonnes, hfc.used) == (
        Decimal("0"),
        Decimal("4175000.0000"),
        Decimal("100"),
    )
    assert Quota.objects.get(direction="export").odp_tonnes == Decimal("1.25")


def test_quota_line_without_any_figure_is_refused(th_focal: Any) -> None:
    csv = "country,direction,group,year,substance,metric_tonnes,odp_tonnes,co2e_tonnes,used,source\nTH,import,XX,1900,,,,,,Gazette\n"
    with pytest.raises(services.ImportRejected) as refused:
        services.licensing_import(kind="quotas", file_name="q.csv", content=csv.encode(), by=th_focal)
    assert refused.value.errors == [
        'line 2: group "XX" is not one of AI, AII, BI, BII, BIII, CI, CII, CIII, EI, F',
        'line 2: year "1900" is not a year',
        "line 2: give metric_tonnes (with substance), odp_tonnes or co2e_tonnes",
    ]


def test_missing_template_column_is_line_1(th_focal: Any) -> None:
    with pytest.raises(services.ImportRejected) as refused:
        services.licensing_import(
            kind="licences", file_name="l.csv", content=b"country,number\nTH,1\n", by=th_focal
        )
    assert refused.value.errors == [
        "line 1: missing column(s): direction, holder, substance, quantity_kg, valid_from, valid_to, source"
    ]


def test_an_officer_without_focal_point_role_cannot_import(officer: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.licensing_import(kind="licences", file_name="l.csv", content=LICENCES.encode(), by=officer)


def _ask(by: Any, *, at: datetime) -> Consultation:
    return services.consultation_ask(
        by=by, exporting_country="LK", importing_country="TH", substance="hcfc-22", quantity_kg=Decimal(500),
        importer="Siam Cooling", shipment_date=date(2027, 1, 20), at=at,
    )  # fmt: skip


def test_consultation_due_after_the_importing_countrys_working_days(
    lk_focal: Any, th_focal: Any, settings: Any
) -> None:
    settings.LICENSING_IPIC_ANSWER_WORKING_DAYS = 5
    # asked Mon 7 Dec 2026; Thailand: Constitution Day Thu 10 Dec is a holiday → 8, 9, 11, 14, 15 Dec
    consultation = _ask(lk_focal, at=datetime(2026, 12, 7, 9, tzinfo=UTC))
    assert consultation.due_on == date(2026, 12, 15)
    assert consultation.number == "IPIC-2026-LKTH-0001"
    assert [m.to for m in mail.outbox] == [["ozone-th@test.example"]]
    with pytest.raises(PermissionDenied):  # Thailand cannot ask in Sri Lanka's name
        _ask(th_focal, at=datetime(2026, 12, 7, 9, tzinfo=UTC))


def test_reminders_once_a_day_then_escalation(lk_focal: Any, th_focal: Any, settings: Any) -> None:
    settings.LICENSING_IPIC_ANSWER_WORKING_DAYS = 5
    settings.LICENSING_IPIC_REMINDER_WORKING_DAYS = 2
    make_user("sec@test.example", Role.SECRETARIAT)
    consultation = _ask(lk_focal, at=datetime(2026, 12, 7, 9, tzinfo=UTC))  # due Tue 15 Dec
    mail.outbox.clear()
    # Fri 11 Dec: 14, 15 → 2 working days left: remind
    assert services.consultation_reminders_send(at=datetime(2026, 12, 11, 8, tzinfo=UTC)) == {
        "reminders": 1,
        "escalated": 0,
    }
    assert services.consultation_reminders_send(at=datetime(2026, 12, 11, 20, tzinfo=UTC)) == {
        "reminders": 0,
        "escalated": 0,
    }
    # Wed 9 Dec would have been 3 days left: no reminder then (checked on a fresh consultation below)
    assert [m.to for m in mail.outbox] == [["ozone-th@test.example"]]
    assert "due on 2026-12-15" in mail.outbox[0].subject
    # Wed 16 Dec: past due → escalated to the secretariat, once
    assert services.consultation_reminders_send(at=datetime(2026, 12, 16, 8, tzinfo=UTC)) == {
        "reminders": 0,
        "escalated": 1,
    }
    assert services.consultation_reminders_send(at=datetime(2026, 12, 17, 8, tzinfo=UTC)) == {
        "reminders": 0,
        "escalated": 0,
    }
    consultation.refresh_from_db()
    assert consultation.status == ConsultationStatus.ESCALATED and consultation.reminders_sent == 1
    assert sorted(mail.outbox[-1].to) == [
        "ozone-lk@test.example",
        "ozone-th@test.example",
        "sec@test.example",
    ]
    early = _ask(lk_focal, at=datetime(2026, 12, 7, 9, tzinfo=UTC))
    assert services.consultation_reminders_send(at=datetime(2026, 12, 9, 8, tzinfo=UTC)) == {
        "reminders": 0,
        "escalated": 0,
    }
    early.refresh_from_db()
    assert early.reminders_sent == 0


def test_only_the_importing_focal_point_answers(lk_focal: Any, th_focal: Any) -> None:
    consultation = _ask(lk_focal, at=datetime(2026, 12, 7, 9, tzinfo=UTC))
    with pytest.raises(PermissionDenied):
        services.consultation_answer(
            consultation=consultation, by=lk_focal, status="yes", at=datetime(2026, 12, 8, tzinfo=UTC)
        )
    secretariat = verified(make_user("sec2@test.example", Role.SECRETARIAT, totp=True))
    with pytest.raises(PermissionDenied):
        services.consultation_answer(
            consultation=consultation, by=secretariat, status="yes", at=datetime(2026, 12, 8, tzinfo=UTC)
        )
    mail.outbox.clear()
    services.consultation_answer(
        consultation=consultation,
        by=th_focal,
        status="no",
        reference="no licence",
        at=datetime(2026, 12, 8, tzinfo=UTC),
    )
    consultation.refresh_from_db()
    assert (consultation.status, consultation.answered_by_id) == ("no", th_focal.pk)
    assert mail.outbox[0].to == ["ozone-lk@test.example"]

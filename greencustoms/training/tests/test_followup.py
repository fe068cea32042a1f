"""After the workshop: attendance, certificates verified on the e-learning page, the report, the cascade,
the use of the name, statistics."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from greencustoms.conftest import make_user, signed_in_client, verified
from greencustoms.training import selectors, services, stats
from greencustoms.training.models import TrainerDelivery, Workshop
from greencustoms.training.tests.conftest import NOW, make_workshop

pytestmark = pytest.mark.django_db


def _attend(workshop: Workshop, user: Any, days: int) -> Any:
    registration = services.registration_apply(workshop=workshop, by=user, at=NOW)
    for d in range(days):
        _record(registration, workshop.event.start + timedelta(days=d))
    return registration


def _record(registration: Any, day: Any) -> None:
    from greencustoms.training.models import Attendance

    Attendance.objects.create(registration=registration, day=day, present=True)


def test_certificates_go_to_those_present_every_day_and_verify_publicly(client: Any, partners: Any) -> None:
    workshop = make_workshop(lead=partners["UNEP"], seats=5)
    full, half = make_user("full@test.example"), make_user("half@test.example")
    _attend(workshop, full, 2)
    _attend(workshop, half, 1)
    [certificate] = services.certificates_issue(workshop=workshop, by=None, at=NOW)
    assert certificate.registration.user == full
    page = client.get(f"/learning/verify/{certificate.code}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert (
        "This certificate is genuine." in body and "National workshop (test)" in body and "Workshop" in body
    )
    assert client.get("/learning/verify/ZZZZ-ZZZZ-ZZZZ/").status_code == 404
    assert services.certificates_issue(workshop=workshop, by=None, at=NOW)[0].code == certificate.code


def test_attendance_is_recorded_by_the_organizer_only_on_workshop_days(
    partners: Any, secretariat_user: Any, officer: Any
) -> None:
    workshop = make_workshop(lead=partners["UNEP"])
    registration = services.registration_apply(workshop=workshop, by=officer, at=NOW)
    with pytest.raises(PermissionDenied):
        services.attendance_record(
            registration=registration, day=workshop.event.start, present=True, by=officer
        )
    boss = verified(secretariat_user)
    with pytest.raises(ValidationError):
        services.attendance_record(
            registration=registration, day=workshop.event.end + timedelta(days=1), present=True, by=boss
        )
    assert services.attendance_record(
        registration=registration, day=workshop.event.start, present=True, by=boss
    ).present


def test_the_cascade_lists_trainers_trained_and_what_they_delivered(
    partners: Any, secretariat_user: Any
) -> None:
    regional = make_workshop(kind="regional_ttt", title="Regional", lead=partners["UNEP"], seats=5)
    trainee, absent = make_user("trainee@test.example"), make_user("absent@test.example")
    _attend(regional, trainee, 1)
    services.registration_apply(workshop=regional, by=absent, at=NOW)
    national = make_workshop(title="National delivered", trained_at=regional, days_ahead=90)
    TrainerDelivery.objects.create(workshop=national, trainer=trainee)
    cascade = selectors.cascade(regional, verified(secretariat_user))
    assert [(t.email, [w.event.title for w in ws]) for t, ws in cascade] == [
        ("trainee@test.example", ["National delivered"])
    ]


def test_name_use_is_approved_into_the_public_list_or_refused_with_reasons(
    client: Any, officer: Any, secretariat_user: Any
) -> None:
    from datetime import date

    fields = {"organization": "Customs academy", "country": "SN", "start": date(2027, 3, 1), "end": date(2027, 3, 2),
              "agenda": "Model agenda", "trainers": "Two trained trainers"}  # fmt: skip
    good = services.name_use_apply(
        by=officer, at=NOW, event_title="Green Customs national workshop Dakar", **fields
    )
    bad = services.name_use_apply(by=officer, at=NOW, event_title="Other event", **fields)
    boss = verified(secretariat_user)
    with pytest.raises(PermissionDenied):
        services.name_use_decide(application=good, approve=True, reasons="ok", by=officer, at=NOW)
    with pytest.raises(ValidationError):
        services.name_use_decide(application=good, approve=True, reasons=" ", by=boss, at=NOW)
    services.name_use_decide(application=good, approve=True, reasons="Meets every condition", by=boss, at=NOW)
    services.name_use_decide(application=bad, approve=False, reasons="No trained trainer", by=boss, at=NOW)
    listing = client.get("/training/workshops/").content.decode()
    assert "Green Customs national workshop Dakar" in listing and "Other event" not in listing
    register = client.get("/training/name/").content.decode()
    assert "Green Customs national workshop Dakar" in register and "Other event" not in register
    mine = signed_in_client(officer).get("/training/name/").content.decode()
    assert "No trained trainer" in mine


def test_statistics_count_by_dimension_and_csv(
    partners: Any, agreements: Any, secretariat_user: Any, officer: Any
) -> None:
    a = make_workshop(lead=partners["UNEP"], agreements=[agreements["basel"]], seats=5)
    make_workshop(title="B", lead=partners["WCO"], kind="webinar", days_ahead=400)
    services.registration_apply(workshop=a, by=officer, at=NOW)
    rows = {
        (r.dimension, r.value): (r.workshops, r.participants) for r in stats.table(Workshop.objects.all())
    }
    assert rows[("kind", "national_workshop")] == (1, 1)
    assert rows[("kind", "webinar")] == (1, 0)
    assert rows[("agreement", "basel")] == (1, 1) and rows[("agreement", "—")] == (1, 0)
    assert rows[("partner", "UNEP")] == (1, 1)
    staff = signed_in_client(secretariat_user)
    csv = staff.get("/training/stats.csv").content.decode()
    assert csv.splitlines()[0] == "dimension,value,workshops,participants,trainers"
    assert "kind,webinar,1,0,0" in csv
    page = staff.get("/training/stats/").content.decode()
    assert "<svg" in page
    assert signed_in_client(officer).get("/training/stats/").status_code == 404


def test_the_organizer_sets_a_compulsory_module_records_attendance_and_issues_certificates_from_the_page(
    partners: Any, secretariat_user: Any, officer: Any, mailoutbox: Any
) -> None:
    from greencustoms.training.tests.conftest import make_module, pass_module

    workshop = make_workshop(lead=partners["UNEP"], seats=5)
    module = make_module("intro")
    staff = signed_in_client(secretariat_user)
    base = f"/training/workshops/{workshop.pk}/manage"
    late = (workshop.event.start + timedelta(days=1)).isoformat()
    staff.post(f"{base}/prerequisite/", {"module": "intro", "deadline": late})
    assert not workshop.event.learning_prerequisites.exists()  # after the start: refused
    staff.post(f"{base}/prerequisite/", {"module": "intro", "deadline": workshop.event.start.isoformat()})
    assert [p.module.slug for p in selectors.prerequisites(workshop)] == ["intro"]
    pass_module(officer, module)
    registration = services.registration_apply(workshop=workshop, by=officer, at=NOW)
    for day in (workshop.event.start, workshop.event.end):
        staff.post(f"{base}/attendance/", {"day": day.isoformat(), "present": [str(registration.pk)]})
    staff.post(f"{base}/certificates/")
    registration.refresh_from_db()
    code = registration.certificate.code
    page = signed_in_client(officer).get(f"/training/workshops/{workshop.pk}/").content.decode()
    assert f"/training/certificates/{code}.pdf" in page
    pdf = signed_in_client(officer).get(f"/training/certificates/{code}.pdf")
    assert pdf.status_code == 200 and pdf.content[:4] == b"%PDF"
    staff.post(f"{base}/evaluation/")
    assert [m.to for m in mailoutbox] == [[officer.email]]
    report = staff.get(f"/training/workshops/{workshop.pk}/report/").content.decode()
    assert "Report of National workshop (test)" in report and "Officer" in report
    assert signed_in_client(officer).get(f"{base}/certificates/").status_code == 405
    assert signed_in_client(officer).post(f"{base}/certificates/").status_code == 403
    assert signed_in_client(officer).get(f"/training/workshops/{workshop.pk}/report/").status_code == 403

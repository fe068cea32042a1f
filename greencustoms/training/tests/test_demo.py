"""The demo: the workshops of the 2007 and 2017 reports with their sources, invented details marked; idempotent."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest

from greencustoms.training.demo import load
from greencustoms.training.models import AttendanceCertificate, Workshop

pytestmark = pytest.mark.django_db


def test_demo_holds_the_reported_workshops_marked_and_loads_twice(
    partners: Any, agreements: Any, settings: Any, tmp_path: Any
) -> None:
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    load(stdout=StringIO())
    load(stdout=StringIO())
    rows = {w.event.title: w for w in Workshop.objects.select_related("event")}
    korea = rows["National GCI workshop on wildlife and chemicals/waste, South Korea"]
    assert (korea.kind, korea.event.country, korea.event.start.strftime("%Y-%m")) == (
        "national_workshop",
        "KR",
        "2017-06",
    )
    assert "Korea Customs Service" in korea.source and korea.demo_note.startswith("demo")
    central = rows["Regional GCI workshop in Central America"]
    assert central.kind == "regional_ttt" and "Dominican Republic" in central.administration
    assert sorted(w.event.start.month for w in rows.values() if "Africa" in w.event.title) == [10, 11]
    kinds = {w.kind for w in rows.values()}
    assert {"prosecutors", "free_trade_zone", "high_level_briefing", "national_awareness"} <= kinds
    assert all(w.source or w.demo_note for w in rows.values())
    assert len(rows) == 10  # nine from the reports, one invented national workshop for the cascade
    assert AttendanceCertificate.objects.count() == 6


def test_demo_opens_a_workshop_with_the_model_agenda_when_the_demo_accounts_exist(
    partners: Any, agreements: Any, settings: Any, tmp_path: Any
) -> None:
    from greencustoms.conftest import make_user

    settings.PRIVATE_MEDIA_ROOT = str(tmp_path)
    make_user("officer@example.org")
    load(stdout=StringIO())
    workshop = Workshop.objects.get(event__title="National Green Customs workshop (demo, registration open)")
    assert workshop.registration_open and workshop.demo_note.startswith("demo")
    assert [s.title for s in workshop.event.sessions.all()][:2] == [
        "Opening; why customs and environment are linked",
        "The agreements and their trade controls",
    ]
    assert workshop.event.sessions.filter(day=workshop.event.end).count() == 3

"""Demo data: an Asia-Pacific iPIC network of demo focal points, licensing records and a mirror analysis.

Everything here is invented and marked ``is_demo`` (shown "demo, invented" on every page): the names,
e-mails, licence numbers, quotas and the answers of the consultations, and whether each country's record
says it has a licensing system. The trade file is generated (engine/tradegen.py) with planted gaps.
"""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from greencustoms.accounts.models import User
from greencustoms.licensing import engine_adapter, services
from greencustoms.licensing.choices import ConsultationStatus
from greencustoms.licensing.models import (
    Consultation,
    FocalPoint,
    Licence,
    LicensingSystem,
    MirrorAnalysis,
    Quota,
)

DEMO_SOURCE = "demo record (invented): not a statement about this country's licensing system"
#: The Asia-Pacific example network (invented officers; country codes real).
NETWORK = ("TH", "VN", "LK", "MY", "PH", "IN", "CN", "NP")


@transaction.atomic
def _records(stdout: TextIO) -> User | None:
    for country in NETWORK:
        LicensingSystem.objects.update_or_create(
            country=country,
            defaults={
                "established": True,
                "covers_hfc": country in ("TH", "LK", "VN"),
                "ipic_participant": True,
                "source": DEMO_SOURCE,
                "is_demo": True,
            },
        )
        FocalPoint.objects.update_or_create(
            country=country,
            email=f"ozone-{country.lower()}@example.org",
            defaults={
                "name": f"Demo Ozone Officer ({country})",
                "organisation": f"National Ozone Unit {country} (demo)",
                "is_demo": True,
            },
        )
    for country, year, group, substance, tonnes, used in (
        ("TH", 2026, "CI", "hcfc-22", Decimal("300"), Decimal("10.5")),
        ("LK", 2026, "CI", "hcfc-22", Decimal("40"), Decimal("0.4")),
        ("TH", 2026, "F", "r-410a", Decimal("2000"), Decimal("1200000")),
    ):
        odp, co2e = engine_adapter.quota_figures(substance=substance, metric_tonnes=tonnes)
        Quota.objects.update_or_create(
            country=country, direction="import", group=group, year=year,
            defaults={"substance": substance, "metric_tonnes": tonnes, "odp_tonnes": odp, "co2e_tonnes": co2e, "used": used, "source": DEMO_SOURCE, "is_demo": True},
        )  # fmt: skip
    for country, number, holder, substance, kg in (
        ("TH", "TH-DEMO-2026-001", "Demo Siam Cooling Co.", "hcfc-22", "20000"),
        ("TH", "TH-DEMO-2026-002", "Demo Bangkok Refrigerants Ltd", "r-410a", "50000"),
        ("LK", "LK-DEMO-2026-001", "Demo Lanka Cold Chain", "hcfc-22", "5000"),
    ):
        Licence.objects.update_or_create(
            country=country, number=number,
            defaults={"direction": "import", "holder": holder, "substance": substance, "quantity_kg": Decimal(kg), "valid_from": date(2026, 1, 1), "valid_to": date(2026, 12, 31), "source": DEMO_SOURCE, "is_demo": True},
        )  # fmt: skip
    return User.objects.filter(email="secretariat@example.org").first()


def load(*, stdout: TextIO) -> None:
    secretariat = _records(stdout)
    if secretariat is None:
        stdout.write(
            "licensing: demo records loaded (no secretariat demo account: no consultations, no analysis)\n"
        )
        return
    now = timezone.now()
    if not Consultation.objects.filter(is_demo=True).exists():
        for exporting, importing, substance, kg, importer, answered in (
            ("CN", "TH", "hcfc-22", "12000", "Demo Siam Cooling Co.", ConsultationStatus.YES),
            ("IN", "LK", "r-410a", "3000", "Demo Unknown Traders", None),
        ):
            asked = now - timedelta(days=3)
            consultation = Consultation.objects.create(
                number=f"IPIC-DEMO-{exporting}{importing}",
                exporting_country=exporting, importing_country=importing, substance=substance,
                quantity_kg=Decimal(kg), importer=importer, shipment_date=(now + timedelta(days=20)).date(),
                asked_by=secretariat, asked_at=asked,
                due_on=services.add_working_days(asked.date(), services.answer_working_days(), importing),
                is_demo=True,
            )  # fmt: skip
            if answered:
                consultation.status, consultation.answer_reference = answered, "TH-DEMO-2026-001"
                consultation.answered_at = now
                consultation.save()
    if not MirrorAnalysis.objects.filter(is_demo=True).exists():
        frame, planted = engine_adapter.generate_comtrade(
            4000, years=(2019, 2024), planted_share=0.01, seed=2026
        )
        buffer = io.BytesIO()
        frame.write_csv(buffer)
        analysis = services.mirror_analysis_run(
            by=secretariat,
            title="Asia-Pacific HCFC/HFC trade 2019–2024 (demo, generated data with planted gaps)",
            file_name="demo-comtrade.csv",
            content=buffer.getvalue(),
            params={"timing_periods": 0},
            at=datetime.now(tz=now.tzinfo),
            is_demo=True,
        )
        stdout.write(
            f"licensing: demo mirror analysis: {analysis.rows} rows, {analysis.flagged} flagged ({len(planted)} planted)\n"
        )
    stdout.write("licensing: demo Asia-Pacific iPIC network, licensing records and consultations loaded\n")

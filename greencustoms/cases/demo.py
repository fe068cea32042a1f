"""Demo content: the three case studies of the Guide's annex as seizure records, and one award round.

The Probo Koala record follows public sources (listed in its ``sources``, read on 2026-12-02): the waste was
discharged at Abidjan on 19 August 2006 (Business & Human Rights Resource Centre), about 500 tonnes of slops
(Wikipedia, "2006 Ivory Coast toxic waste dump"), illegal export fined EUR 1 million in the Netherlands
(2010, upheld on appeal in 2011; Public Eye). The customs-side details (detection, concealment, HS codes)
are DEMO DATA. The two other case studies of the annex are regional initiatives, not seizures: their
records are invented seizures that illustrate them, DEMO DATA from end to end. The award round (2027),
its nominations, jury and marks, and the related honour are DEMO DATA too.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, TextIO

from django.db import transaction

from greencustoms import demo_data
from greencustoms.accounts.choices import Role
from greencustoms.accounts.models import User
from greencustoms.cases import services
from greencustoms.cases.choices import AwardStatus, CaseStatus
from greencustoms.cases.models import (
    AwardScheme,
    ConflictOfInterest,
    Criterion,
    JuryMember,
    Nomination,
    RelatedHonour,
    Score,
    SeizureCase,
)
from greencustoms.partners.models import Partner

AT = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
SEC = "secretariat@example.org"

#: Fields of a case's data written as decimal strings in the YAML file.
DECIMAL_FIELDS = ("quantity", "penalty_amount")


def _case(spec: dict[str, Any]) -> dict[str, Any]:
    data = dict(spec["data"])
    for field in DECIMAL_FIELDS:
        if field in data:
            data[field] = Decimal(data[field])
    return {**spec, "data": data}


# The transcribed case studies and the demo award criteria: greencustoms/cases/data/demo/.
CASES = [_case(spec) for spec in demo_data.read("cases", "cases")["cases"]]
CRITERIA = [
    (c["name"], c["description"], Decimal(c["weight"])) for c in demo_data.read("cases", "award")["criteria"]
]


def _acting(email: str) -> User | None:
    """A demo account acting as if signed in with two factors (the demo replays the workflow)."""
    user = User.objects.filter(email=email).first()
    if user is not None:
        user.is_verified = lambda: True  # type: ignore[attr-defined]
    return user


def _jury_user(email: str, name: str, partner: Partner) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email, password=None, full_name=name, role=Role.PARTNER, partner=partner
        )
    user.is_verified = lambda: True  # type: ignore[attr-defined]
    return user


@transaction.atomic
def load(*, stdout: TextIO) -> None:
    if SeizureCase.objects.filter(is_demo=True).exists():
        stdout.write("cases: demo data already loaded\n")
        return
    secretariat = _acting(SEC)
    if secretariat is None:
        stdout.write("cases: no demo secretariat account; skipped\n")
        return
    made = []
    for spec in CASES:
        case = services.case_create(
            by=secretariat, data=spec["data"], at=AT, is_demo=True, demo_note=spec["demo_note"]
        )
        services.case_submit(case=case, by=secretariat, at=AT)
        services.case_review(case=case, by=secretariat, approve=True, note="Demo review.", at=AT)
        services.case_approve_summary(case=case, by=secretariat, summary=case.summary, at=AT)
        services.case_publish(case=case, by=secretariat, at=AT)
        made.append(case)
    _award(secretariat, made)
    stdout.write(f"cases: {len(made)} demo seizure records and the 2027 demo award round\n")


def _award(secretariat: User, cases: list[SeizureCase]) -> None:
    scheme = AwardScheme.objects.create(
        year=2027,
        title="Green Customs Award 2027 (demo)",
        rules="Demo round. Nominations by administrations or partners; cases of 2026–2027.",
        status=AwardStatus.NOMINATIONS,
        winners=2,
        is_demo=True,
    )
    criteria = [
        Criterion.objects.create(scheme=scheme, position=i, name=n, description=d, weight=w)
        for i, (n, d, w) in enumerate(CRITERIA)
    ]
    partners = {p.acronym: p for p in Partner.objects.filter(acronym__in=["WCO", "OzonAction", "CITES"])}
    jury = []
    wco = User.objects.filter(email="partner@example.org").first()
    if wco is not None and "WCO" in partners:
        jury.append(JuryMember.objects.create(scheme=scheme, user=wco, partner=partners["WCO"]))
    for acronym, email in (
        ("OzonAction", "jury-ozonaction@example.org"),
        ("CITES", "jury-cites@example.org"),
    ):
        if acronym in partners:
            user = _jury_user(email, f"Demo jury member ({acronym})", partners[acronym])
            jury.append(JuryMember.objects.create(scheme=scheme, user=user, partner=partners[acronym]))
    sky, pic = cases[1], cases[2]
    nominations = [
        Nomination.objects.create(
            scheme=scheme, title="Stopping relabelled R-404A (demo)", nominee="Demo customs administration (Thailand)",
            country="TH", statement="A regional alert acted on within hours (demo).", submitted_at=AT, is_demo=True,
            nominating_partner=partners.get("OzonAction"),
        ),
        Nomination.objects.create(
            scheme=scheme, title="Informal PIC at the border (demo)", nominee="Demo customs administration (Viet Nam)",
            country="VN", statement="The informal PIC consultation used at the border (demo).", submitted_at=AT,
            is_demo=True, nominating_partner=partners.get("WCO"),
        ),
        Nomination.objects.create(
            scheme=scheme, title="National trainers' cascade (demo)", nominee="Demo customs school", country="SN",
            statement="", training_work="Trained 120 officers (demo).", submitted_at=AT, is_demo=True,
        ),
    ]  # fmt: skip
    nominations[0].cases.add(sky)
    nominations[1].cases.add(pic)
    for nomination in nominations:
        services.nomination_check(nomination=nomination, by=secretariat)
    scheme.status = AwardStatus.SCORING
    scheme.save(update_fields=["status"])
    marks = {  # member index → nomination index → marks per criterion (demo)
        0: {0: [8, 7, 9, 6], 1: [7, 8, 8, 9]},
        1: {0: [9, 8, 8, 7], 1: [8, 6, 7, 8]},
        2: {0: [7, 7, 8, 6], 1: [9, 9, 9, 9]},
    }
    if len(jury) == 3:
        # The OzonAction member nominated the first case: a declared conflict, their marks for it do not count.
        ConflictOfInterest.objects.create(
            member=jury[1],
            nomination=nominations[0],
            reason="OzonAction nominated this work (demo).",
            declared_at=AT,
        )
    for m, member in enumerate(jury):
        for n, values in marks.get(m, {}).items():
            if ConflictOfInterest.objects.filter(member=member, nomination=nominations[n]).exists():
                continue
            for criterion, value in zip(criteria, values, strict=True):
                Score.objects.create(
                    member=member, nomination=nominations[n], criterion=criterion, value=value
                )
    services.award_announce(scheme=scheme, by=secretariat, at=AT)
    RelatedHonour.objects.create(
        year=2027,
        name="CITES Secretary-General's Certificate of Commendation",
        awarded_by=Partner.objects.filter(acronym="CITES").first(),
        recipient="Demo customs administration",
        country="TH",
        citation="Demo entry: a related honour recorded alongside the award.",
        is_demo=True,
    )
    assert SeizureCase.objects.filter(is_demo=True, status=CaseStatus.PUBLISHED).count() == len(CASES)

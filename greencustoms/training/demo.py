"""Demo workshops from the partners' meeting reports (3rd meeting, Brussels, 1-2 March 2007; 12th meeting,
Brussels, 3-4 October 2017), the model agendas, a roster, a package and the cascade.

What the reports say is kept as they say it (``source``); every invented detail (exact dates, venues,
participants, resource persons, scores) is marked in ``demo_note`` or with ``is_demo``. Idempotent.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any, TextIO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from greencustoms.accounts.choices import Level

R2007 = "Report of the 3rd Green Customs Partners' Meeting, Brussels, 1-2 March 2007"
R2017 = "Report of the 12th Green Customs Partners' Meeting, Brussels, 3-4 October 2017"
DEMO = "demo: exact dates and venue invented; the report gives only the month"

# kind, title, start, end, country, city, region, administration, lead, contributing, agreements, status,
# source, demo note
WORKSHOPS: list[tuple[Any, ...]] = [
    (
        "high_level_briefing",
        "Launch of the Green Customs Training Guide (side event of the WCO Enforcement Committee)",
        date(2007, 3, 2),
        date(2007, 3, 2),
        "BE",
        "Brussels",
        "global",
        "",
        "WCO",
        ["UNEP"],
        [],
        "held",
        f"{R2007}, 'Launch of the Green Customs Training Guide'",
        "demo: the report says 'following the completion of the Meeting'; the day is assumed",
    ),
    (
        "regional_ttt",
        "Pilot regional train-the-trainer workshop (first of 2007)",
        date(2007, 5, 14),
        date(2007, 5, 17),
        "",
        "",
        "",
        "",
        "UNEP",
        [],
        [],
        "planned",
        f"{R2007}, strategy phase 2 and action 15 ('the first ones are taking place in May 2007')",
        "demo: days, region and host invented; the report does not record the outcome",
    ),
    (
        "national_awareness",
        "National awareness briefing for key stakeholders (West Asia, 2007 proposal)",
        date(2007, 9, 1),
        date(2007, 9, 1),
        "",
        "",
        "west_asia",
        "",
        "UNEP",
        [],
        [],
        "planned",
        f"{R2007}, strategy phase 1 ('This is proposed in the West Asia region')",
        "demo: date invented",
    ),
    (
        "prosecutors",
        "Prosecutors' training (2007 complementary activity)",
        date(2007, 10, 1),
        date(2007, 10, 2),
        "",
        "",
        "",
        "",
        "UNEP Law Division",
        [],
        [],
        "planned",
        f"{R2007}, action 17 ('Prosecutors Training: UNEP (DELC and GCI Secretariat)', throughout 2007)",
        "demo: dates invented",
    ),
    (
        "free_trade_zone",
        "Workshop on implementation in Free Trade Zones (2007 complementary activity)",
        date(2007, 11, 5),
        date(2007, 11, 6),
        "",
        "",
        "",
        "",
        "OPCW",
        [],
        ["cwc"],
        "planned",
        f"{R2007}, action 17 ('Workshop on implementation in Free Trade Zones: OPCW and GCI Secretariat')",
        "demo: dates invented",
    ),
    (
        "regional_ttt",
        "Regional GCI workshop in Central America",
        date(2017, 5, 15),
        date(2017, 5, 18),
        "DO",
        "",
        "latin_america_caribbean",
        "Customs Training Centre of the Dominican Republic",
        "UNEP",
        ["WCO"],
        ["montreal", "basel", "cites"],
        "held",
        f"{R2017}, item 3 ('A regional GCI workshop in Central America, May 2017, in collaboration with the "
        "Customs Training Centre of the Dominican Republic')",
        DEMO + "; country of the venue assumed",
    ),
    (
        "national_workshop",
        "National GCI workshop on wildlife and chemicals/waste, South Korea",
        date(2017, 6, 13),
        date(2017, 6, 14),
        "KR",
        "",
        "asia_pacific",
        "Korea Customs Service (training centre)",
        "UNEP",
        ["CITES", "BRS"],
        ["cites", "basel", "rotterdam", "stockholm"],
        "held",
        f"{R2017}, item 3 ('A national GCI workshop focusing on wildlife and chemicals/waste, in South Korea, June "
        "2017 in cooperation with Korea Customs Service at the training centre for Korea Customs')",
        DEMO,
    ),
    (
        "regional_ttt",
        "Regional GCI workshop in Africa (October 2017)",
        date(2017, 10, 23),
        date(2017, 10, 26),
        "",
        "",
        "africa",
        "",
        "UNEP",
        [],
        [],
        "planned",
        f"{R2017}, item 3 ('Two more regional GCI workshops to be organized in Africa in October and November')",
        DEMO + "; the reports do not record whether it was held",
    ),
    (
        "regional_ttt",
        "Regional GCI workshop in Africa (November 2017)",
        date(2017, 11, 20),
        date(2017, 11, 23),
        "",
        "",
        "africa",
        "",
        "UNEP",
        [],
        [],
        "planned",
        f"{R2017}, item 3",
        DEMO + "; the reports do not record whether it was held",
    ),
]

NATIONAL_AGENDA = [
    (
        1,
        time(9, 0),
        time(10, 30),
        "Opening; why customs and environment are linked",
        "The Green Customs Initiative\nThe national package",
    ),
    (
        1,
        time(11, 0),
        time(12, 30),
        "The agreements and their trade controls",
        "Presentation per agreement, referring to the Guide",
    ),
    (
        1,
        time(14, 0),
        time(17, 0),
        "Identifying controlled goods; HS codes and documents",
        "Exercise with the HS lookup",
    ),
    (2, time(9, 0), time(12, 30), "Risk profiling and case studies", "National examples"),
    (
        2,
        time(14, 0),
        time(16, 0),
        "Cooperation with national authorities; whom to contact",
        "Contacts of the partners",
    ),
    (2, time(16, 0), time(17, 0), "Evaluation and closing", ""),
]
TTT_AGENDA = [
    (1, time(9, 0), time(17, 0), "The initiative, the Guide and the agreements", ""),
    (2, time(9, 0), time(17, 0), "Presenting each agreement: practice with the national package", ""),
    (3, time(9, 0), time(17, 0), "Complex points, case studies and e-learning", ""),
    (4, time(9, 0), time(15, 0), "Planning national workshops; evaluation", ""),
]


def _partner(acronym: str) -> Any:
    from greencustoms.partners.models import Partner

    return Partner.objects.filter(acronym=acronym).first()


def _agreements(slugs: list[str]) -> list[Any]:
    from greencustoms.agreements.models import Agreement

    return list(Agreement.objects.filter(slug__in=slugs))


def _model_agendas() -> None:
    from greencustoms.training.models import ModelAgenda, ModelAgendaItem

    for kind, title, rows in [
        ("national_workshop", "Model agenda of the 2-day national workshop (demo wording)", NATIONAL_AGENDA),
        (
            "regional_ttt",
            "Model agenda of the 4-day regional train-the-trainer workshop (demo wording)",
            TTT_AGENDA,
        ),
    ]:
        agenda, created = ModelAgenda.objects.get_or_create(kind=kind, defaults={"title": title})
        if created:
            for order, (day, start, end, heading, items) in enumerate(rows):
                ModelAgendaItem.objects.create(
                    agenda=agenda,
                    day=day,
                    order=order,
                    start_time=start,
                    end_time=end,
                    title=heading,
                    items=items,
                )


@transaction.atomic
def load(*, stdout: TextIO) -> None:
    from greencustoms.accounts.models import User
    from greencustoms.training import services
    from greencustoms.training.models import Workshop

    _model_agendas()
    made = 0
    for (
        kind,
        title,
        start,
        end,
        country,
        city,
        region,
        admin,
        lead,
        contributing,
        agreements,
        status,
        source,
        note,
    ) in WORKSHOPS:
        if Workshop.objects.filter(event__title=title).exists():
            continue
        services.workshop_create(
            kind=kind, title=title, start=start, end=end, country=country, city=city,
            lead_partner=_partner(lead), access_level=Level.PUBLIC, by=None, region=region,
            administration=admin, languages=["en"] if country != "DO" else ["es", "en"],
            contributing_partners=[p for p in (_partner(a) for a in contributing) if p],
            agreements=_agreements(agreements), status=status, source=source, demo_note=note,
            organizer="GCI Secretariat",
        )  # fmt: skip
        made += 1
    if made:
        stdout.write(f"training: {made} workshops from the partners' meeting reports\n")
    if User.objects.filter(email="officer@example.org").exists():
        _open_workshop(stdout)
    _roster(stdout)
    _package(stdout)
    _cascade(stdout)


def _open_workshop(stdout: TextIO) -> None:
    """An invented upcoming national workshop with registration open and a compulsory module (demo)."""
    from greencustoms.learning.models import Module, WorkshopPrerequisite
    from greencustoms.training import services
    from greencustoms.training.models import Workshop

    title = "National Green Customs workshop (demo, registration open)"
    if Workshop.objects.filter(event__title=title).exists():
        return
    today = timezone.localdate()
    start = today + timedelta(days=60)
    workshop = services.workshop_create(
        kind="national_workshop", title=title, start=start, end=start + timedelta(days=1), country="KE",
        city="Mombasa", lead_partner=_partner("UNEP"), access_level=Level.PUBLIC, by=None, region="africa",
        administration="Kenya Revenue Authority (demo)", languages=["en"], agreements=_agreements(["montreal"]),
        status="confirmed", seats=25, registration_open=True, organizer="GCI Secretariat (demo)",
        call_for_nominations="Customs officers of the host administration are invited to apply (demo).",
        demo_note="demo: invented to show registration, compulsory modules and the waiting list",
    )  # fmt: skip
    services.agenda_clone_from_model(workshop=workshop, by=None)
    module = Module.objects.filter(slug="introduction").first()
    if module is not None:
        WorkshopPrerequisite.objects.get_or_create(
            event=workshop.event, module=module, defaults={"deadline": start - timedelta(days=7)}
        )
    stdout.write("training: a demo workshop with registration open\n")


def _roster(stdout: TextIO) -> None:
    from greencustoms.training.models import Accreditation, ResourcePerson

    if ResourcePerson.objects.filter(is_demo=True).exists():
        return
    today = timezone.localdate()
    people = [
        ("Ana Demo Rojas", "OzonAction", "latin_america_caribbean", ["es", "en"], ["montreal"], "DO",
         ["name", "organization", "languages", "agreements"]),
        ("Kwame Demo Mensah", "BRS", "africa", ["en", "fr"], ["basel", "rotterdam", "stockholm"], "GH", []),
        ("Min-jun Demo Park", "CITES", "asia_pacific", ["ko", "en"], ["cites"], "KR", ["name", "region"]),
    ]  # fmt: skip
    for name, partner, region, languages, agreements, country, public in people:
        person = ResourcePerson.objects.create(
            name=name, email=f"{name.split()[0].lower()}@example.org", organization="(demo organization)",
            country=country, region=region, languages=languages, nominating_partner=_partner(partner),
            bio="Invented resource person (demo data).", consent_at=timezone.now() if public else None,
            public_fields=public, in_expert_database=partner == "OzonAction", is_demo=True,
        )  # fmt: skip
        person.agreements.set(_agreements(agreements))
        for agreement in person.agreements.all():
            Accreditation.objects.create(
                person=person, partner=_partner(partner), agreement=agreement, granted_on=today - timedelta(days=400),
                expires_on=today + (timedelta(days=300) if public else timedelta(days=-30)),
                briefed_on=today - timedelta(days=390), guidelines_acknowledged=True,
            )  # fmt: skip
    stdout.write("training: 3 demo resource persons with accreditations\n")


def _package(stdout: TextIO) -> None:
    from greencustoms.agreements.models import Agreement
    from greencustoms.training import services
    from greencustoms.training.models import PackageFile, PackageVersion

    montreal = Agreement.objects.filter(slug="montreal").first()
    partner = _partner("OzonAction")
    if montreal is None or partner is None or PackageVersion.objects.filter(agreement=montreal).exists():
        return
    now = timezone.now()
    texts = {
        "en": ("Montreal Protocol: controls on ozone-depleting substances (demo)",
               "Start from the licensing system of the country (demo note).",
               "Blends and mixtures; HS codes of refrigerants that changed between editions (demo).",
               "OzonAction regional network coordinator (demo contact)"),
        "fr": ("Protocole de Montréal : contrôle des substances qui appauvrissent la couche d'ozone (démo)",
               "Partir du système de licences du pays (note de démonstration).",
               "Mélanges ; codes SH des fluides frigorigènes modifiés entre éditions (démo).",
               "Coordinateur du réseau régional d'OzonAction (contact de démonstration)"),
    }  # fmt: skip
    for language, (title, notes, complex_points, contacts) in texts.items():
        version = services.package_version_create(
            agreement=montreal, partner=partner, language=language, by=None, at=now, title=title,
            presenter_notes=notes, complex_points=complex_points, contacts=contacts,
        )  # fmt: skip
        item = PackageFile(version=version, title=f"{title} — slides (outline)")
        item.file.save(
            f"montreal-{language}-slides.txt", ContentFile(f"{title}\n\n(demo slides outline)\n".encode())
        )
        services.package_version_approve(version=version, by=None, at=now)
    stdout.write("training: a demo national package part (Montreal Protocol, en/fr)\n")


def _cascade(stdout: TextIO) -> None:
    """Demo participants of the held 2017 workshops (attendance, certificates) and one trainer's delivery."""
    from greencustoms.accounts.models import User
    from greencustoms.training import services
    from greencustoms.training.models import Attendance, Registration, TrainerDelivery, Workshop

    regional = Workshop.objects.filter(event__title="Regional GCI workshop in Central America").first()
    national = Workshop.objects.filter(event__title__startswith="National GCI workshop on wildlife").first()
    if regional is None or national is None or Registration.objects.filter(is_demo=True).exists():
        return
    at = datetime(2017, 5, 18, 17, 0, tzinfo=timezone.get_current_timezone())
    trainees = []
    for n in range(1, 7):
        user, _ = User.objects.get_or_create(
            email=f"demo-participant-{n}@example.org",
            defaults={
                "full_name": f"Demo Participant {n}",
                "country": "DO" if n <= 3 else "KR",
                "is_active": True,
            },
        )
        user.set_unusable_password()
        user.save()
        workshop = regional if n <= 3 else national
        registration = Registration.objects.create(
            workshop=workshop, user=user, status="accepted", created_at=at, is_demo=True
        )
        for d in range((workshop.event.end - workshop.event.start).days + 1):
            Attendance.objects.create(registration=registration, day=workshop.event.start + timedelta(days=d))
        if workshop == regional:
            trainees.append(user)
    for workshop in (regional, national):
        services.certificates_issue(workshop=workshop, by=None, at=at)
    delivered = services.workshop_create(
        kind="national_workshop", title="National Green Customs workshop delivered by trained trainers (demo)",
        start=date(2017, 9, 12), end=date(2017, 9, 13), country="DO", city="Santo Domingo",
        lead_partner=_partner("UNEP"), access_level=Level.PUBLIC, by=None, region="latin_america_caribbean",
        languages=["es"], status="held", trained_at=regional,
        demo_note="demo: invented to show the cascade from the Central America regional workshop",
    )  # fmt: skip
    TrainerDelivery.objects.create(workshop=delivered, trainer=trainees[0])
    stdout.write("training: demo participants, certificates and one cascade\n")

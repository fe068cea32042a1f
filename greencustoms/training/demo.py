"""Demo workshops from the partners' meeting reports (3rd meeting, Brussels, 1-2 March 2007; 12th meeting,
Brussels, 3-4 October 2017), the model agendas, a roster, a package and the cascade.

What the reports say is kept as they say it (``source``); every invented detail (exact dates, venues,
participants, resource persons, scores) is marked in ``demo_note`` or with ``is_demo``. Idempotent.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, TextIO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from greencustoms import demo_data
from greencustoms.accounts.choices import Level
from greencustoms.accounts.models import User
from greencustoms.agreements.models import Agreement
from greencustoms.learning.models import Module, WorkshopPrerequisite
from greencustoms.partners.models import Partner
from greencustoms.training import services
from greencustoms.training.models import (
    Accreditation,
    Attendance,
    ModelAgenda,
    ModelAgendaItem,
    PackageFile,
    PackageVersion,
    Registration,
    ResourcePerson,
    TrainerDelivery,
    Workshop,
)

R2007 = "Report of the 3rd Green Customs Partners' Meeting, Brussels, 1-2 March 2007"
R2017 = "Report of the 12th Green Customs Partners' Meeting, Brussels, 3-4 October 2017"
DEMO = "demo: exact dates and venue invented; the report gives only the month"

# The transcribed workshops and the model agendas: greencustoms/training/data/demo/.
WORKSHOPS = demo_data.read("training", "workshops")["workshops"]
AGENDAS = demo_data.read("training", "model_agendas")["agendas"]


def _partner(acronym: str) -> Any:

    return Partner.objects.filter(acronym=acronym).first()


def _agreements(slugs: list[str]) -> list[Any]:

    return list(Agreement.objects.filter(slug__in=slugs))


def _model_agendas() -> None:

    for spec in AGENDAS:
        agenda, created = ModelAgenda.objects.get_or_create(
            kind=spec["kind"], defaults={"title": spec["title"]}
        )
        if created:
            for order, item in enumerate(spec["items"]):
                ModelAgendaItem.objects.create(
                    agenda=agenda,
                    day=item["day"],
                    order=order,
                    start_time=demo_data.as_time(item["start"]),
                    end_time=demo_data.as_time(item["end"]),
                    title=item["title"],
                    items=item["items"],
                )


@transaction.atomic
def load(*, stdout: TextIO) -> None:

    _model_agendas()
    made = 0
    for w in WORKSHOPS:
        if Workshop.objects.filter(event__title=w["title"]).exists():
            continue
        services.workshop_create(
            kind=w["kind"], title=w["title"], start=w["start"], end=w["end"], country=w["country"],
            city=w["city"], lead_partner=_partner(w["lead"]), access_level=Level.PUBLIC, by=None,
            region=w["region"], administration=w["administration"],
            languages=["en"] if w["country"] != "DO" else ["es", "en"],
            contributing_partners=[p for p in (_partner(a) for a in w["contributing"]) if p],
            agreements=_agreements(w["agreements"]), status=w["status"], source=w["source"],
            demo_note=w["demo_note"], organizer="GCI Secretariat",
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

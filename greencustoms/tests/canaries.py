"""Canary objects in every app, each at a known level (and owner), for the no-leak tests of all apps.

A canary is a unique string put in an object's title and text. A page, feed, export, search result or API
answer that shows it to a role that may not see the object is a leak. Who may see which canary is written
by hand (:data:`greencustoms.conftest.ROLE_LEVELS`), not computed by the policy under test.

Use the ``app_canaries`` fixture (root conftest): it makes the objects and returns them by canary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from greencustoms.accounts.choices import Level
from greencustoms.conftest import ALL_ROLE_FIXTURES, make_user, may_see


@dataclass(frozen=True)
class Canary:
    """Where a canary lives and who may see it: by level and owner, or (``only``) named roles."""

    app: str
    level: str
    owner: str | None = None
    only: frozenset[str] | None = None

    def allowed(self, role: str) -> bool:
        if self.only is not None:
            return role in self.only
        return may_see(role, self.level, self.owner)


CANARIES: dict[str, Canary] = {
    # events: partners' meetings at each level; WCO staff also see their own organization's meeting
    "GCCANARY-event-registered-3a71": Canary("events", Level.REGISTERED),
    "GCCANARY-event-enforcement-5c02": Canary("events", Level.ENFORCEMENT),
    "GCCANARY-event-intranet-unep-8e14": Canary("events", Level.INTRANET, "UNEP"),
    "GCCANARY-event-enforcement-wco-b9d6": Canary("events", Level.ENFORCEMENT, "WCO"),
    # actions: points of a public meeting, the activity plan, membership requests, funding
    "GCCANARY-action-registered-61c4": Canary("actions", Level.REGISTERED),
    "GCCANARY-action-intranet-0f3e": Canary("actions", Level.INTRANET),
    "GCCANARY-activity-intranet-unep-4d28": Canary("actions", Level.INTRANET, "UNEP"),
    "GCCANARY-membership-intranet-93aa": Canary("actions", Level.INTRANET),
    "GCCANARY-funding-intranet-brs-2e57": Canary("actions", Level.INTRANET, "BRS"),
    # reviews: a review round on a document that concerns CITES only (its staff and the secretariat)
    "GCCANARY-review-cites-only-6e3b": Canary("reviews", Level.INTRANET, only=frozenset({"secretariat"})),
    # guide: a draft edition (drafts are for partners and the secretariat)
    "GCCANARY-guide-draft-7b19": Canary("guide", Level.INTRANET),
    # learning: restricted modules (catalogue, pages, statistics, exports)
    "GCCANARY-module-registered-opcw-c0d5": Canary("learning", Level.REGISTERED, "OPCW"),
    "GCCANARY-module-enforcement-unep-5a90": Canary("learning", Level.ENFORCEMENT, "UNEP"),
    "GCCANARY-module-intranet-unep-e243": Canary("learning", Level.INTRANET, "UNEP"),
    # learning: figures another platform reported for a UNEP module (the secretariat and UNEP staff only)
    "GCCANARY-extfigure-unep-7c3d": Canary("learning", Level.INTRANET, only=frozenset({"secretariat"})),
    # screening: a restricted indicator; a job of another user (its owner and the secretariat only)
    "GCCANARY-indicator-enforcement-8c61": Canary("screening", Level.ENFORCEMENT),
    "GCCANARY-job-other-user-1d7f": Canary("screening", Level.REGISTERED, only=frozenset({"secretariat"})),
    # cases: the restricted detail of a published Montreal case (its public summary is public), and a draft
    # of another author (its author, its reviewing partners OzonAction/Ozone Secretariat and the secretariat)
    "GCCANARY-case-detail-enforcement-4e2b": Canary("cases", Level.ENFORCEMENT, "OzonAction"),
    "GCCANARY-case-draft-5f81": Canary("cases", Level.ENFORCEMENT, only=frozenset({"secretariat"})),
    # cases: a restricted photograph of the published case (alt text and caption carry the canary; its file
    # view refuses) beside a photo approved with the public summary (public)
    "GCCANARY-case-photo-enforcement-2c9a": Canary("cases", Level.ENFORCEMENT, "OzonAction"),
    # screening triage: a decision (note) on a line of another user's job (its owner and the secretariat)
    "GCCANARY-decision-other-user-6b3e": Canary(
        "screening", Level.REGISTERED, only=frozenset({"secretariat"})
    ),
    # licensing: a focal point's contact (intranet); a country's licence, quota and iPIC consultation (that
    # country's focal points and the secretariat: no role of the matrix is a focal point); a mirror
    # analysis of another user (its author and the secretariat)
    "GCCANARY-focalpoint-intranet-4b7e": Canary("licensing", Level.INTRANET),
    "GCCANARY-licence-country-9d21": Canary("licensing", Level.INTRANET, only=frozenset({"secretariat"})),
    "GCCANARY-quota-country-57c0": Canary("licensing", Level.INTRANET, only=frozenset({"secretariat"})),
    "GCCANARY-ipic-country-e61a": Canary("licensing", Level.INTRANET, only=frozenset({"secretariat"})),
    "GCCANARY-mirror-other-user-30f8": Canary("licensing", Level.INTRANET, only=frozenset({"secretariat"})),
    # training: workshops at restricted levels; a resource person's personal data (roster: intranet only,
    # while the public page shows the one field the person agreed to)
    "GCCANARY-workshop-registered-4b7e": Canary("training", Level.REGISTERED),
    "GCCANARY-workshop-intranet-unep-a3c1": Canary("training", Level.INTRANET, "UNEP"),
    "GCCANARY-person-intranet-brs-72d5": Canary("training", Level.INTRANET, "BRS"),
    # training: a draft version of OzonAction's part of the national package and its slides (a file served
    # only through the checked view; trainers reach files of approved versions only)
    "GCCANARY-package-draft-ozonaction-9e2f": Canary("training", Level.INTRANET, "OzonAction"),
}
# agreements: lookup, lists, annexes and releases are public reference data; nothing there is
# restricted, so the matrices only check that no canary of the other apps shows up in them.


@dataclass
class AppCanaries:
    """The objects made for the canaries, with the URLs that show each one."""

    objects: dict[str, Any] = field(default_factory=dict)
    urls: dict[str, list[str]] = field(default_factory=dict)

    def allowed(self, role: str) -> set[str]:
        return {c for c, canary in CANARIES.items() if canary.allowed(role)}

    def forbidden(self, role: str) -> set[str]:
        return set(CANARIES) - self.allowed(role)


ROLES = list(ALL_ROLE_FIXTURES)


def make_app_canaries(partners: dict[str, Any]) -> AppCanaries:
    """Create one object per canary (partners loaded first) and return them with their URLs."""
    made = AppCanaries()
    _events(made, partners)
    _actions(made, partners)
    _guide(made)
    _reviews(made, partners)
    _learning(made, partners)
    _screening(made)
    _cases(made, partners)
    _licensing(made)
    _training(made, partners)
    return made


def _events(made: AppCanaries, partners: dict[str, Any]) -> None:
    from greencustoms.events.choices import EventKind
    from greencustoms.events.models import Event

    specs = [
        ("GCCANARY-event-registered-3a71", Level.REGISTERED, None, 901),
        ("GCCANARY-event-enforcement-5c02", Level.ENFORCEMENT, None, 902),
        ("GCCANARY-event-intranet-unep-8e14", Level.INTRANET, "UNEP", 903),
        ("GCCANARY-event-enforcement-wco-b9d6", Level.ENFORCEMENT, "WCO", 904),
    ]
    for canary, level, owner, number in specs:
        event = Event.objects.create(
            kind=EventKind.PARTNERS_MEETING,
            number=number,
            title=f"Partners' meeting {canary}",
            slug=f"canary-meeting-{number}",
            start=date(2027, 3, number - 900),
            end=date(2027, 3, number - 900),
            venue=f"Room {canary}",
            description=f"Agenda {canary}",
            owner_partner=partners[owner] if owner else None,
            access_level=level,
        )
        made.objects[canary] = event
        made.urls[canary] = [f"/events/meetings/{event.slug}/", f"/events/meetings/{event.slug}/calendar.ics"]


def _actions(made: AppCanaries, partners: dict[str, Any]) -> None:
    from greencustoms.actions.models import ActionPoint, FundingProposal, MembershipRequest, PlannedActivity
    from greencustoms.events.choices import EventKind
    from greencustoms.events.models import Event

    meeting = Event.objects.create(
        kind=EventKind.PARTNERS_MEETING,
        number=905,
        title="Public partners' meeting (canary actions)",
        slug="canary-meeting-905",
        start=date(2027, 4, 1),
        end=date(2027, 4, 2),
        access_level=Level.PUBLIC,
    )
    made.objects["public-meeting"] = meeting
    for number, (canary, level) in enumerate(
        [
            ("GCCANARY-action-registered-61c4", Level.REGISTERED),
            ("GCCANARY-action-intranet-0f3e", Level.INTRANET),
        ],
        start=1,
    ):
        point = ActionPoint.objects.create(
            meeting=meeting,
            number=number,
            heading=f"Heading {canary}",
            text=f"Agreed: {canary}",
            owner_secretariat=True,
            owners_text=f"Secretariat {canary}",
            access_level=level,
        )
        point.owners.add(partners["UNEP"])
        made.objects[canary] = point
        made.urls[canary] = [f"/actions/{point.pk}/"]
    canary = "GCCANARY-activity-intranet-unep-4d28"
    activity = PlannedActivity.objects.create(
        kind=EventKind.NATIONAL_WORKSHOP,
        title=f"Workshop {canary}",
        start=date(2027, 6, 1),
        end=date(2027, 6, 2),
        description=f"Plan {canary}",
        owner_partner=partners["UNEP"],
        agreed_at=meeting,
        access_level=Level.INTRANET,
    )
    made.objects[canary], made.urls[canary] = activity, [f"/actions/plan/{activity.pk}/"]
    canary = "GCCANARY-membership-intranet-93aa"
    request = MembershipRequest.objects.create(
        organization=partners["UNODC"], summary=f"Request {canary}", raised_at=meeting
    )
    made.objects[canary], made.urls[canary] = request, [f"/actions/membership/{request.pk}/"]
    canary = "GCCANARY-funding-intranet-brs-2e57"
    proposal = FundingProposal.objects.create(
        title=f"Proposal {canary}",
        summary=f"Summary {canary}",
        owner_partner=partners["BRS"],
        discussed_at=meeting,
    )
    made.objects[canary], made.urls[canary] = proposal, [f"/actions/funding/{proposal.pk}/"]


def _guide(made: AppCanaries) -> None:
    from greencustoms.guide.choices import ChapterKind
    from greencustoms.guide.models import Chapter, Guide, Section

    canary = "GCCANARY-guide-draft-7b19"
    guide = Guide.objects.create(
        year=2031, edition="Canary edition", title=f"Draft Guide {canary}", languages=["en"]
    )
    chapter = Chapter.objects.create(
        guide=guide, position=1, slug="canary", kind=ChapterKind.CHAPTER, number="1",
        title=f"Chapter {canary}", intro=f"Draft introduction {canary}.",
    )  # fmt: skip
    Section.objects.create(chapter=chapter, title=f"Section {canary}", body=f"Draft text {canary}.")
    made.objects[canary] = guide
    made.urls[canary] = ["/guide/2031/", "/guide/2031/canary/", "/guide/2031/pdf/", "/guide/2031/offline.zip"]


def _reviews(made: AppCanaries, partners: dict[str, Any]) -> None:
    from django.contrib.contenttypes.models import ContentType

    from greencustoms.reviews.models import Answer, Round

    canary = "GCCANARY-review-cites-only-6e3b"
    secretariat = make_user("canary-review-secretariat@test.example", "secretariat")
    subject = partners["CITES"]
    round = Round.objects.create(
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=subject.pk,
        title=f"Flyer text {canary}",
        version="v1",
        number=1,
        deadline=date(2031, 1, 1),
        message=f"Please review {canary}",
        opened_at=timezone.now(),
        opened_by=secretariat,
    )
    Answer.objects.create(round=round, partner=partners["CITES"])
    made.objects[canary] = round
    made.urls[canary] = [f"/reviews/{round.pk}/"]


def _learning(made: AppCanaries, partners: dict[str, Any]) -> None:
    from greencustoms.learning.content import version_load
    from greencustoms.learning.models import Module
    from greencustoms.learning.tests.conftest import FILES, module_data

    at = timezone.now()
    for canary, level, owner in [
        ("GCCANARY-module-registered-opcw-c0d5", Level.REGISTERED, "OPCW"),
        ("GCCANARY-module-enforcement-unep-5a90", Level.ENFORCEMENT, "UNEP"),
        ("GCCANARY-module-intranet-unep-e243", Level.INTRANET, "UNEP"),
    ]:
        slug = canary.lower().removeprefix("gccanary-")
        data = module_data(slug=slug, owner=owner, title=f"Module {canary}")
        data["summary"] = f"Summary {canary}"
        version_load(data, FILES, at=at)
        Module.objects.filter(slug=slug).update(access_level=level)
        made.objects[canary] = Module.objects.get(slug=slug)
        made.urls[canary] = [
            f"/learning/{slug}/",
            f"/learning/{slug}/lessons/1/",
            f"/learning/{slug}/test/",
            f"/learning/{slug}/scorm.zip",
            f"/learning/{slug}/bundle.zip",
        ]
    _learning_external(made, partners)


def _learning_external(made: AppCanaries, partners: dict[str, Any]) -> None:
    from datetime import date

    from greencustoms.learning.models import ExternalFigure

    canary = "GCCANARY-extfigure-unep-7c3d"
    made.objects[canary] = ExternalFigure.objects.create(
        module_title=f"Module {canary}", partner=partners["UNEP"], platform="WCO CLiKC!",
        period_start=date(2017, 1, 1), period_end=date(2017, 12, 31), registered=5, active=4, completed=3,
        source=f"Report {canary}", reported_on=date(2018, 1, 15), imported_at=timezone.now(),
    )  # fmt: skip
    # Shown on the statistics listings (/learning/stats/, /learning/stats/partners/), which answer 200 to
    # every statistics reader: no URL of its own.
    made.urls[canary] = []


def _screening(made: AppCanaries) -> None:
    from greencustoms.screening.models import LineDecision, RiskIndicator, ScreeningJob

    now = timezone.now()
    author = make_user("canary-author@test.example", country="SN")
    canary = "GCCANARY-indicator-enforcement-8c61"
    indicator = RiskIndicator.objects.create(
        title=f"Indicator {canary}",
        keywords=["canary cylinders"],
        document=f"Permit {canary}",
        created_by=author,
        created_at=now,
        updated_at=now,
    )
    made.objects[canary], made.urls[canary] = indicator, ["/screening/indicators/"]
    canary = "GCCANARY-job-other-user-1d7f"
    job = ScreeningJob.objects.create(
        owner=author,
        original_name=f"{canary}.csv",
        status="failed",
        error=f"Unreadable {canary}",
        created_at=now,
        expires_at=now + timedelta(days=1),
    )
    made.objects[canary] = job
    made.urls[canary] = [
        f"/screening/jobs/{job.pk}/",
        f"/screening/jobs/{job.pk}/progress/",
        f"/api/v1/screen/jobs/{job.pk}",
        f"/api/v1/screen/jobs/{job.pk}/lines",
    ]
    canary = "GCCANARY-decision-other-user-6b3e"
    done = ScreeningJob.objects.create(
        owner=author,
        original_name="triaged.csv",
        status="done",
        created_at=now,
        finished_at=now,
        expires_at=now + timedelta(days=1),
    )
    made.objects[canary] = LineDecision.objects.create(
        job=done,
        declaration_id="D1",
        line_no="1",
        outcome="detained",
        note=f"Seized {canary}",
        documents_seen=f"Licence {canary}",
        decided_by=author,
        decided_at=now,
    )
    made.urls[canary] = [
        f"/screening/jobs/{done.pk}/",
        f"/screening/jobs/{done.pk}/decisions/",
        f"/screening/jobs/{done.pk}/lines.csv",
        f"/screening/jobs/{done.pk}/inspection.xlsx",
        f"/api/v1/screen/jobs/{done.pk}/lines",
    ]


def _case_photos(case: Any, author: Any, now: Any) -> Any:
    """A public (approved) and a restricted photograph of ``case``; returns the restricted one."""
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    from greencustoms.cases.models import CasePhoto

    def png() -> ContentFile:
        out = io.BytesIO()
        Image.new("RGB", (4, 3), (10, 120, 60)).save(out, format="PNG")
        return ContentFile(out.getvalue())

    canary = "GCCANARY-case-photo-enforcement-2c9a"
    common = {"case": case, "content_type": "image/png", "width": 4, "height": 3, "uploaded_by": author}
    public = CasePhoto(alt_text="Cylinders on the quay (public photo)", public=True, approved_at=now,
                       uploaded_at=now, **common)  # fmt: skip
    public.image.save("public.png", png())
    restricted = CasePhoto(alt_text=f"Seal of the container {canary}", caption=f"Hidden compartment {canary}",
                           uploaded_at=now, **common)  # fmt: skip
    restricted.image.save("restricted.png", png())
    return restricted


def _cases(made: AppCanaries, partners: dict[str, Any]) -> None:
    from greencustoms.cases.models import SeizureCase

    now = timezone.now()
    author = make_user("canary-case-author@test.example", country="TH")
    canary = "GCCANARY-case-detail-enforcement-4e2b"
    case = SeizureCase.objects.create(
        date=date(2026, 4, 1), country="TH", agreements=["montreal"], commodity="HCFC-22 cylinders (canary case)",
        quantity=100, unit="kg", summary="Public summary of the canary case.", summary_approved_at=now,
        place=f"Place {canary}", offender_name=f"Offender {canary}", concealment_detail=f"Hidden {canary}",
        detail=f"Detail {canary}", status="published", published_at=now, created_by=author, created_at=now,
        origin="CN", transit=["SG"], destination="TH",
    )  # fmt: skip
    case.reviewers.set([partners["OzonAction"]])
    made.objects[canary], made.urls[canary] = case, []  # its page is public: the summary, not the detail
    made.objects["GCCANARY-case-photo-enforcement-2c9a"] = _case_photos(case, author, now)
    made.urls["GCCANARY-case-photo-enforcement-2c9a"] = [
        made.objects["GCCANARY-case-photo-enforcement-2c9a"].get_absolute_url()
    ]
    canary = "GCCANARY-case-draft-5f81"
    draft = SeizureCase.objects.create(
        date=date(2026, 4, 2), country="TH", agreements=["montreal"], commodity=f"Draft {canary}",
        summary=f"Draft summary {canary}", status="submitted", created_by=author, created_at=now,
    )  # fmt: skip
    draft.reviewers.set([partners["OzonAction"]])
    made.objects[canary], made.urls[canary] = draft, [f"/cases/{draft.pk}/", f"/cases/{draft.pk}/edit/"]


def _licensing(made: AppCanaries) -> None:
    from decimal import Decimal

    from greencustoms.licensing.models import (
        Consultation,
        FocalPoint,
        Licence,
        LicensingSystem,
        MirrorAnalysis,
        Quota,
    )

    now = timezone.now()
    author = make_user("canary-focal@test.example", country="MV")
    LicensingSystem.objects.create(country="MV", established=True, source="Canary source (public)")
    canary = "GCCANARY-focalpoint-intranet-4b7e"
    made.objects[canary] = FocalPoint.objects.create(
        country="MV", name=f"Officer {canary}", email="mv@test.example"
    )
    canary = "GCCANARY-licence-country-9d21"
    made.objects[canary] = Licence.objects.create(
        country="MV", number=canary, direction="import", holder=f"Holder {canary}", substance="hcfc-22",
        quantity_kg=Decimal(10), valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31), source="Register",
    )  # fmt: skip
    canary = "GCCANARY-quota-country-57c0"
    made.objects[canary] = Quota.objects.create(
        country="MV",
        direction="import",
        group="CI",
        year=2026,
        odp_tonnes=Decimal(1),
        source=f"Gazette {canary}",
    )
    canary = "GCCANARY-ipic-country-e61a"
    consultation = Consultation.objects.create(
        number="IPIC-CANARY-1", exporting_country="IN", importing_country="MV", substance="hcfc-22",
        quantity_kg=Decimal(5), importer=f"Importer {canary}", shipment_date=date(2027, 1, 1),
        asked_by=author, asked_at=now, due_on=date(2027, 1, 1),
    )  # fmt: skip
    made.objects[canary], made.urls[canary] = consultation, [f"/licensing/ipic/{consultation.pk}/"]
    canary = "GCCANARY-mirror-other-user-30f8"
    analysis = MirrorAnalysis.objects.create(
        title=f"Analysis {canary}", created_by=author, created_at=now, error="none"
    )
    made.objects[canary] = analysis
    made.urls[canary] = [f"/licensing/mirror/{analysis.pk}/", f"/licensing/mirror/{analysis.pk}/result.csv"]


def _training(made: AppCanaries, partners: dict[str, Any]) -> None:
    from greencustoms.training.models import ResourcePerson
    from greencustoms.training.services import workshop_create

    for canary, level, owner, day in [
        ("GCCANARY-workshop-registered-4b7e", Level.REGISTERED, None, 10),
        ("GCCANARY-workshop-intranet-unep-a3c1", Level.INTRANET, "UNEP", 11),
    ]:
        workshop = workshop_create(
            kind="national_workshop", title=f"Workshop {canary}", start=date(2027, 5, day),
            end=date(2027, 5, day + 1), country="KE", city=f"City {canary}",
            lead_partner=partners[owner] if owner else None, access_level=level, by=None,
            registration_open=True,
        )  # fmt: skip
        made.objects[canary] = workshop
        made.urls[canary] = [
            f"/training/workshops/{workshop.pk}/",
            f"/training/workshops/{workshop.pk}/calendar.ics",
            f"/api/v1/workshops/{workshop.pk}",
        ]
    canary = "GCCANARY-person-intranet-brs-72d5"
    person = ResourcePerson.objects.create(
        name="Public Name Of A Resource Person", phone=f"+41 {canary}", bio=f"Private biography {canary}",
        organization=f"Org {canary}", region="africa", nominating_partner=partners["BRS"],
        consent_at=timezone.now(), public_fields=["name"],
    )  # fmt: skip
    made.objects[canary] = person
    # Its public page is public (only the agreed name): the canary, in the private fields, never shows there.
    made.urls[canary] = [f"/training/roster/{person.pk}/"]
    made.objects["public-person-page"] = f"/training/people/{person.pk}/"

    from django.core.files.base import ContentFile

    from greencustoms.agreements.models import Agreement
    from greencustoms.training.models import PackageFile
    from greencustoms.training.services import package_version_create

    canary = "GCCANARY-package-draft-ozonaction-9e2f"
    if not Agreement.objects.filter(slug="montreal").exists():
        from io import StringIO

        from greencustoms.agreements.reference import load as load_agreements

        load_agreements(stdout=StringIO())
    agreement = Agreement.objects.get(slug="montreal")
    version = package_version_create(
        agreement=agreement, partner=partners["OzonAction"], language="en", by=None, at=timezone.now(),
        title=f"Draft {canary}", presenter_notes=f"Notes {canary}",
    )  # fmt: skip
    slides = PackageFile(version=version, title="Draft slides")
    slides.file.save("draft-slides.txt", ContentFile(f"Slides {canary}".encode()))
    made.objects[canary] = version
    made.urls[canary] = [f"/training/package/versions/{version.pk}/", f"/training/package/files/{slides.pk}/"]

"""Demo library: public documents of the partners, one per restricted level at least, a risk-indicator
sheet, intranet working documents in a meeting folder, discussion, feedback and a workshop feedback form.

All documents are written for this demo and say so. Every restricted object carries a unique canary
string in its title and body, listed in CANARIES for the no-leak tests.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import TextIO

from django.db import transaction
from django.utils import timezone

from greencustoms.accounts.models import User
from greencustoms.accounts.policy import Level
from greencustoms.agreements.selectors import agreement_list
from greencustoms.events.choices import EventKind
from greencustoms.events.models import Event
from greencustoms.library import services
from greencustoms.library.choices import DocumentType, FeedbackStatus
from greencustoms.library.models import Document, DocumentComment, Feedback, FeedbackForm
from greencustoms.library.pdf import simple_pdf
from greencustoms.partners.models import Partner

DEMO_NOTE = (
    "Demo document written for the Green Customs platform. Not an official publication of any partner."
)

#: canary → (level, owning partner acronym)
CANARIES: dict[str, tuple[str, str | None]] = {
    "GCCANARY-doc-registered-51aa": (Level.REGISTERED, "OPCW"),
    "GCCANARY-doc-enforcement-wco-83f2": (Level.ENFORCEMENT, "WCO"),
    "GCCANARY-doc-enforcement-interpol-2d64": (Level.ENFORCEMENT, "INTERPOL"),
    "GCCANARY-doc-intranet-unep-c93b": (Level.INTRANET, "UNEP"),
    "GCCANARY-doc-intranet-brs-7e05": (Level.INTRANET, "BRS"),
}

# title, partner, type, language, level, agreements, summary, paragraphs, translations
DOCUMENTS: list[dict] = [
    {
        "title": "Green Customs at a glance: a quick reference for border officers (demo)",
        "partner": "UNEP",
        "type": DocumentType.GUIDE,
        "level": Level.PUBLIC,
        "agreements": [
            "basel",
            "rotterdam",
            "stockholm",
            "montreal",
            "cites",
            "cwc",
            "cartagena",
            "minamata",
        ],
        "summary": "Which agreements control which goods, what documents to ask for, and whom to call.",
        "text": [
            "Customs officers meet goods controlled by several environmental agreements: ozone-depleting "
            "substances, hazardous wastes, hazardous chemicals and pesticides, persistent organic pollutants, "
            "endangered species of wild fauna and flora, chemical-weapon precursors, living modified organisms "
            "and mercury.",
            "For each consignment, check the declared commodity code and description against the controlled "
            "lists, ask for the permit, licence or prior informed consent required, and contact the national "
            "focal point when in doubt.",
        ],
        "translations": {"fr": "Douanes vertes en bref : aide-mémoire pour les agents (démo)"},
    },
    {
        "title": "Refrigerant cylinders: five checks at the border (demo flyer)",
        "partner": "UNEP",
        "type": DocumentType.FLYER,
        "level": Level.PUBLIC,
        "agreements": ["montreal"],
        "summary": "A one-page reminder on checking imports of refrigerant gases under licensing systems.",
        "text": [
            "Check the licence, the declared substance and the labels on the cylinder. Compare the commodity "
            "code with the substance declared. Look for signs of relabelling.",
            "Refillable and disposable cylinders are treated differently by many national rules: ask the "
            "national ozone unit.",
        ],
        "translations": {
            "es": "Cilindros de refrigerante: cinco controles en frontera (folleto de demostración)"
        },
    },
    {
        "title": "Transboundary movements of waste: what the notification tells you (demo leaflet)",
        "partner": "BRS",
        "type": DocumentType.LEAFLET,
        "level": Level.PUBLIC,
        "agreements": ["basel"],
        "summary": "Reading the notification and movement documents that accompany a waste shipment.",
        "text": [
            "A shipment of hazardous waste under the Basel Convention travels with a movement document that "
            "matches the notification consented to by the states concerned.",
            "Check that the waste described is the waste found, and that the quantities and carriers match.",
        ],
    },
    {
        "title": "Permits at the border: specimens of listed species (demo trifold)",
        "partner": "CITES",
        "type": DocumentType.TRIFOLD,
        "level": Level.PUBLIC,
        "agreements": ["cites"],
        "summary": "What a permit or certificate for listed specimens looks like and what to compare.",
        "text": [
            "Specimens of species listed in the appendices move with export permits, import permits or "
            "re-export certificates. Compare the species, quantity and permit number with the goods.",
        ],
    },
    {
        "title": "Training presentation: screening declarations for scheduled chemicals (demo) GCCANARY-doc-registered-51aa",
        "partner": "OPCW",
        "type": DocumentType.PRESENTATION,
        "level": Level.REGISTERED,
        "agreements": ["cwc"],
        "summary": "Slides for registered officers. GCCANARY-doc-registered-51aa",
        "text": [
            "Exercise material for signed-in officers. GCCANARY-doc-registered-51aa",
            "Scheduled chemicals are declared under their own commodity codes; trainees compare descriptions.",
        ],
    },
    {
        "title": "Risk indicator sheet: concealed refrigerant cylinders (demo) GCCANARY-doc-enforcement-wco-83f2",
        "partner": "WCO",
        "type": DocumentType.RISK_INDICATOR,
        "level": Level.ENFORCEMENT,
        "agreements": ["montreal"],
        "summary": "Restricted: indicators for profiling shipments. GCCANARY-doc-enforcement-wco-83f2",
        "text": [
            "RESTRICTED DISTRIBUTION. Enforcement officers only. GCCANARY-doc-enforcement-wco-83f2",
            "Demo indicators (fictitious): mismatch between declared gas and cylinder colour; consignee with "
            "no licence history; routing through a transit hub unusual for the goods.",
        ],
    },
    {
        "title": "Risk indicator sheet: wildlife parcels (demo) GCCANARY-doc-enforcement-interpol-2d64",
        "partner": "INTERPOL",
        "type": DocumentType.RISK_INDICATOR,
        "level": Level.ENFORCEMENT,
        "agreements": ["cites"],
        "summary": "Restricted: demo indicators for postal and courier flows. GCCANARY-doc-enforcement-interpol-2d64",
        "text": [
            "RESTRICTED DISTRIBUTION. GCCANARY-doc-enforcement-interpol-2d64 Fictitious demo indicators."
        ],
    },
    {
        "title": "Draft activity plan for the coming year (working document, demo) GCCANARY-doc-intranet-unep-c93b",
        "partner": "UNEP",
        "type": DocumentType.WORKING_DOCUMENT,
        "level": Level.INTRANET,
        "agreements": [],
        "event": True,
        "summary": "For discussion at the partners' meeting. GCCANARY-doc-intranet-unep-c93b",
        "text": ["Draft for partners. GCCANARY-doc-intranet-unep-c93b Workshops, e-learning and reporting."],
    },
    {
        "title": "Report on workshops delivered (working document, demo) GCCANARY-doc-intranet-brs-7e05",
        "partner": "BRS",
        "type": DocumentType.REPORT,
        "level": Level.INTRANET,
        "agreements": ["basel", "rotterdam", "stockholm"],
        "event": True,
        "summary": "Partners' report. GCCANARY-doc-intranet-brs-7e05",
        "text": ["Internal report. GCCANARY-doc-intranet-brs-7e05"],
    },
]


def _pdf(title: str, paragraphs: list[str]) -> io.BytesIO:
    return io.BytesIO(simple_pdf(title, [*paragraphs, DEMO_NOTE], footer="Green Customs Initiative - demo"))


def _event(slug: str, **fields: object) -> Event:
    event = Event.objects.filter(slug=slug).first()
    return event or Event.objects.create(slug=slug, **fields)


@transaction.atomic
def load(*, stdout: TextIO) -> None:
    now = timezone.now()
    partners = {p.acronym: p for p in Partner.objects.all()}
    if "WCO" not in partners:
        return
    users = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith="@example.org")}
    today = date.today()
    meeting = _event(
        "demo-partners-meeting",
        kind=EventKind.PARTNERS_MEETING,
        title="Partners' meeting (demo)",
        start=today + timedelta(days=30),
        end=today + timedelta(days=31),
        city="Geneva",
        country="CH",
        owner_partner=partners["UNEP"],
        access_level=Level.INTRANET,
        description="Demo meeting: folder for working documents.",
    )
    workshop = _event(
        "demo-national-workshop",
        kind=EventKind.NATIONAL_WORKSHOP,
        title="National Green Customs workshop (demo)",
        start=today - timedelta(days=20),
        end=today - timedelta(days=19),
        owner_partner=partners["UNEP"],
        access_level=Level.REGISTERED,
        description="Demo workshop with a participants' feedback form.",
    )
    created = 0
    known = {a.slug for a in agreement_list()}
    for spec in DOCUMENTS:
        if Document.objects.filter(title=spec["title"]).exists():
            continue
        document = services.document_create(
            title=spec["title"],
            summary=spec["summary"],
            owner_partner=partners[spec["partner"]],
            doc_type=spec["type"],
            language="en",
            access_level=spec["level"],
            # linked to the agreements of the reference data (loaded before the demo by `greencustoms demo`)
            agreements=[slug for slug in spec["agreements"] if slug in known],
            event=meeting if spec.get("event") else None,
            fh=_pdf(spec["title"], spec["text"]),
            name=f"demo-{spec['type']}-{created + 1}.pdf",
            by=None,
            at=now,
        )
        for language, title in spec.get("translations", {}).items():
            services.document_file_add(
                document=document,
                fh=_pdf(title, [*spec["text"], f"({language}) demo translation"]),
                name=f"demo-{language}.pdf",
                language=language,
                by=None,
                at=now,
            )
        created += 1
    if created:
        stdout.write(f"library: {created} demo documents created\n")

    guide = Document.objects.filter(title=DOCUMENTS[0]["title"]).first()
    if guide is not None and guide.files.filter(language="en").count() == 1:
        services.document_file_add(
            document=guide,
            fh=_pdf(
                guide.title + " (2nd edition)", [*DOCUMENTS[0]["text"], "Second edition: contacts updated."]
            ),
            name="demo-guide-v2.pdf",
            language="en",
            note="Contacts updated",
            by=None,
            at=now,
        )
    officer, trainer = users.get("officer"), users.get("trainer")
    enforcement, partner = users.get("enforcement"), users.get("partner")
    secretariat = users.get("secretariat")
    if guide is not None and officer is not None and not Feedback.objects.filter(document=guide).exists():
        Feedback.objects.create(
            document=guide,
            author=officer,
            rating=5,
            comment="Clear and short; we use it at the counter.",
            status=FeedbackStatus.APPROVED,
            created_at=now,
            moderated_by=secretariat,
            moderated_at=now,
        )
        if trainer is not None:
            Feedback.objects.create(
                document=guide,
                author=trainer,
                rating=4,
                comment="Please add a page on mercury-added products.",
                status=FeedbackStatus.PENDING,
                created_at=now,
            )
    risk = Document.objects.filter(title=DOCUMENTS[5]["title"]).first()
    if risk is not None and enforcement is not None and not Feedback.objects.filter(document=risk).exists():
        Feedback.objects.create(
            document=risk,
            author=enforcement,
            rating=4,
            comment="Useful at the port. GCCANARY-doc-enforcement-wco-83f2",
            status=FeedbackStatus.APPROVED,
            created_at=now,
        )
    plan = Document.objects.filter(title=DOCUMENTS[7]["title"]).first()
    if plan is not None and partner is not None and not plan.comments.exists():
        DocumentComment.objects.create(
            document=plan,
            author=partner,
            created_at=now,
            body="WCO can host the regional workshop in the second half. GCCANARY-doc-intranet-unep-c93b",
        )
    if not FeedbackForm.objects.filter(event=workshop).exists():
        form = services.feedback_form_create(
            event=workshop,
            title="Workshop feedback (demo)",
            intro="Tell us what helped and what to change.",
            questions=[("How useful was the workshop?", "rating"), ("What should we change?", "text")],
            by=None,
            at=now,
        )
        questions = list(form.questions.all())
        for user, rating, text in ((officer, 5, "More practical exercises."), (trainer, 4, "")):
            if user is not None:
                services.feedback_form_answer(
                    form=form, answers={questions[0].pk: rating, questions[1].pk: text}, by=user, at=now
                )

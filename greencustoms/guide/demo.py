"""Demo edition of the Green Customs Guide, written for the platform from public facts (idempotent).

The structure is the one the partners agreed in 2007 (cover, contents, foreword, preface explaining the
alphabetical order, chapter 1 on the organizations, chapter 2 "Overview of the agreements", chapter 3
practical cross-cutting advice, conclusion, annexes with the HS code summary and case studies). The text
is short; dates of the agreements are those of their public texts. It passes one review round in which
every concerned partner approves, some with the conditions the partners actually set in 2007, and is
published.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any, TextIO

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from greencustoms.accounts.models import User
from greencustoms.guide import selectors, services
from greencustoms.guide.choices import ChapterKind, Decision, Generated, SectionKind, SectionOrder
from greencustoms.guide.models import Chapter, Guide, Section
from greencustoms.partners.models import Partner
from greencustoms.reviews import services as review_services

DEMO_YEAR = 2026

FOREWORD = """Customs officers stand at the border through which every shipment of ozone-depleting substances, hazardous waste, toxic chemicals, endangered species, chemical-weapons precursors and living modified organisms must pass. The multilateral agreements that control this trade rely on them.

The Green Customs Initiative brings together the organizations that administer these agreements and the organizations that support customs and enforcement, so that an officer can learn about all of them at once, with one set of materials.

This Guide is the initiative's common reference. Each organization wrote and approved its own sections; the secretariat edited the whole."""

PREFACE = """The Guide presents organizations and agreements in **alphabetical order**. The partners chose this order deliberately: it puts no organization above another and does not group them by theme (chemicals, waste, wildlife), since a customs officer meets them all at the same border post.

Chapter 1 presents the organizations of the initiative; chapter 2 gives an overview of each agreement and what it asks of customs; chapter 3 gives practical advice that applies across agreements. The annexes summarise the HS codes of controlled goods and describe cases that show why this work matters.

Contacts are generic addresses of the organizations, never the names of individuals, so that a message always reaches someone who can answer."""

ORGANIZATIONS: dict[str, str] = {
    "WCO": """The World Customs Organization is the intergovernmental organization of customs administrations, based in Brussels. It was established in 1952 as the Customs Co-operation Council.

The WCO develops and maintains the Harmonized Commodity Description and Coding System (HS), the nomenclature in which goods are classified at the border. Its environment programme, its Regional Intelligence Liaison Offices and its Customs Enforcement Network support administrations that control trade covered by environmental agreements. The WCO is a technical intergovernmental body, not an enforcement agency.""",
    "UNEP": """The United Nations Environment Programme is the leading global environmental authority of the United Nations system, based in Nairobi. It is a founding partner of the Green Customs Initiative.

Several of its divisions take part: the Law Division works on the compliance with and enforcement of multilateral environmental agreements; OzonAction, in the Economy Division, helps developing countries comply with the Montreal Protocol and publishes customs training material on ozone-depleting substances; the Chemicals and Health Branch works on the sound management of chemicals and waste.""",
    "BRS": """The Secretariat of the Basel, Rotterdam and Stockholm Conventions serves the three chemicals and waste conventions jointly. The Rotterdam Convention's secretariat is shared with the Food and Agriculture Organization of the United Nations (FAO).

It trains customs and enforcement officers on the control of transboundary movements of hazardous wastes and on the trade rules for listed hazardous chemicals and persistent organic pollutants.""",
    "Ozone Secretariat": """The Ozone Secretariat is the secretariat of the Vienna Convention for the Protection of the Ozone Layer and of its Montreal Protocol. It is hosted by UNEP in Nairobi.

It services the meetings of the Parties, receives their data on production, import and export of controlled substances, and follows the decisions of the Parties on illegal trade and licensing systems.""",
    "CITES": """The CITES Secretariat, administered by UNEP and based in Geneva, serves the Convention on International Trade in Endangered Species of Wild Fauna and Flora.

It supports Parties in implementing the permit system, issues alerts with INTERPOL and the WCO, and produces training and enforcement material for customs.""",
    "SCBD": """The Secretariat of the Convention on Biological Diversity, based in Montreal, serves the Convention and its Cartagena Protocol on Biosafety.

It runs the Biosafety Clearing-House, where Parties publish their decisions on living modified organisms; customs officers can check there what a country has authorised.""",
    "OPCW": """The Organisation for the Prohibition of Chemical Weapons, based in The Hague, is the implementing body of the Chemical Weapons Convention. It received the Nobel Peace Prize in 2013.

It helps national authorities and customs control the transfers of scheduled chemicals and offers customs training and support tools.""",
    "INTERPOL": """INTERPOL, the International Criminal Police Organization, connects the police forces of its member countries. Its environmental security programme supports investigations into pollution crime, wildlife crime and forestry crime, often with customs.""",
    "UNODC": """The United Nations Office on Drugs and Crime, based in Vienna, helps states act against transnational organized crime, including crimes that affect the environment such as wildlife and forest crime.

With the WCO it runs the Container Control Programme, which sets up port control units of customs and police officers to profile and inspect high-risk containers.""",
}

AGREEMENTS: list[tuple[str, str, str]] = [
    (
        "montreal",
        "Montreal Protocol",
        """The Montreal Protocol on Substances that Deplete the Ozone Layer was adopted on 16 September 1987 and entered into force on 1 January 1989. It phases out the production and consumption of the substances listed in its annexes: CFCs, halons, carbon tetrachloride, methyl chloroform, HCFCs, HBFCs, bromochloromethane and methyl bromide. The Kigali Amendment (2016, in force since 1 January 2019) added a phase-down of hydrofluorocarbons (HFCs), Annex F.

Every Party must operate a licensing system for the import and export of controlled substances. Customs check that a shipment is covered by a licence; the 2022 edition of the HS gives separate six-digit subheadings to many controlled substances and to mixtures containing them.""",
    ),
    (
        "basel",
        "Basel Convention",
        """The Basel Convention on the Control of Transboundary Movements of Hazardous Wastes and their Disposal was adopted on 22 March 1989 and entered into force on 5 May 1992.

A movement of hazardous wastes or other wastes needs the prior written consent of the State of import and of the States of transit, after notification by the State of export, and travels with a movement document. A movement without it is illegal traffic, which the Convention declares criminal. Amendments in force since 1 January 2021 bring most plastic waste under control.""",
    ),
    (
        "cites",
        "CITES",
        """The Convention on International Trade in Endangered Species of Wild Fauna and Flora was signed in Washington on 3 March 1973 and entered into force on 1 July 1975.

Species are listed in three appendices. Trade in specimens of Appendix I species requires both an import and an export permit and is allowed only in exceptional circumstances; Appendix II species need an export permit or a re-export certificate; Appendix III species need a permit or a certificate of origin. Customs check the permit and that the specimen matches it.""",
    ),
    (
        "cartagena",
        "Cartagena Protocol on Biosafety",
        """The Cartagena Protocol on Biosafety to the Convention on Biological Diversity was adopted on 29 January 2000 and entered into force on 11 September 2003.

It governs the transboundary movements of living modified organisms (LMOs). A first intentional introduction into the environment follows the advance informed agreement procedure; LMOs intended for food, feed or processing follow the decisions published in the Biosafety Clearing-House. Shipments must be identified in their accompanying documentation. The HS does not distinguish modified from conventional goods, so the documents are what customs check.""",
    ),
    (
        "rotterdam",
        "Rotterdam Convention",
        """The Rotterdam Convention on the Prior Informed Consent Procedure for Certain Hazardous Chemicals and Pesticides in International Trade was adopted on 10 September 1998 and entered into force on 24 February 2004.

For the chemicals listed in its Annex III, each Party states whether it consents to future imports; exporters must respect these decisions. Exports of chemicals banned or severely restricted in the exporting Party are notified to the importing Party. The Convention asks that the HS codes of listed chemicals be shown on shipping documents where they exist.""",
    ),
    (
        "stockholm",
        "Stockholm Convention",
        """The Stockholm Convention on Persistent Organic Pollutants was adopted on 22 May 2001 and entered into force on 17 May 2004.

Chemicals listed in Annex A are to be eliminated, those in Annex B restricted, and the unintentional releases of those in Annex C reduced. Imports and exports of Annex A and B chemicals are allowed only for environmentally sound disposal or for a use permitted to the importing Party.""",
    ),
    (
        "cwc",
        "Chemical Weapons Convention",
        """The Convention on the Prohibition of the Development, Production, Stockpiling and Use of Chemical Weapons and on their Destruction was opened for signature on 13 January 1993 and entered into force on 29 April 1997.

Transfers of the chemicals in its three schedules are controlled: Schedule 1 chemicals may be transferred only between States Parties, for limited purposes and with advance notification; Schedule 2 chemicals may be transferred only to and from States Parties; exports of Schedule 3 chemicals to States not Party require an end-use certificate. States Parties declare their imports and exports of scheduled chemicals.""",
    ),
]

ADVICE: list[tuple[str, str]] = [
    (
        "Know the agreements your country has joined",
        """Controls apply between Parties, and several agreements restrict trade with States that are not Party. Keep the list of agreements your country has joined, with the dates, at hand; the platform's lookup shows which agreement covers a code or a product.

Know your national focal points: the licensing office for ozone-depleting substances, the competent authority of the Basel Convention, the CITES Management Authority, the national authority of the Chemical Weapons Convention and the biosafety focal point.""",
    ),
    (
        "Classify with care",
        """Many controlled goods are named in the HS only from a given edition; older codes may cover much more than the controlled item. An “ex” code covers the item and other goods: a match is a reason to look closer, not proof. Check the description, the CAS number for chemicals and the scientific name for species.

The HS code summary in Annex A is generated from the platform's reference data and shows, for each agreement, the codes and whether they are “ex”.""",
    ),
    (
        "Check the documents",
        """Each agreement has its document: a licence under the Montreal Protocol, the notification, consent and movement document under the Basel Convention, a CITES permit or certificate, an end-use certificate for Schedule 3 chemicals, the documentation of LMOs under the Cartagena Protocol. Check that the document is genuine, valid, issued to this trader and matches the goods and the quantity.""",
    ),
    (
        "Work with others",
        """Share information on suspicious shipments through the WCO's Regional Intelligence Liaison Offices and the Customs Enforcement Network, alert INTERPOL through your national central bureau, and tell the secretariat of the agreement concerned. Seizures lead to results when they are followed by prosecution: involve prosecutors early.""",
    ),
]

PRACTICAL: list[tuple[str, str, str]] = [
    (
        "montreal",
        "Montreal Protocol: refrigerants",
        """Refrigerants are often declared as legal substitutes or mislabelled. Look at the cylinder's markings and labels, its colour and the trader's licence; a refrigerant identifier can test the gas on the spot. Non-refillable cylinders are prohibited in some markets, for example in the European Union.""",
    ),
    (
        "basel",
        "Basel Convention: waste or goods?",
        """Used electrical and electronic equipment, used tyres and plastic scrap are often declared as second-hand goods or raw material. Ask whether the goods are tested and working, how they are packed and whether they are destined for repair, recovery or disposal.""",
    ),
    (
        "cites",
        "CITES: the permit and the specimen",
        """Check that the species on the permit is the species in the shipment, that the quantity matches and that the permit has not expired. Parts and derivatives (ivory, skins, caviar, shark fins) are covered too.""",
    ),
]

CASES: list[tuple[str, str, str]] = [
    (
        "BRS",
        "Hazardous waste dumped in Abidjan (2006)",
        """In August 2006, waste discharged from the ship *Probo Koala* was dumped at sites around Abidjan, Côte d'Ivoire, causing deaths and sending many thousands of people to seek medical care. At the 2007 partners' meeting, the WCO cited the case as one that put the environment on the agenda of its members.

The case shows why customs need to recognise hazardous waste under another name and to know the Basel procedure for notification and consent.""",
    ),
    (
        "UNEP",
        "Project Sky Hole Patching",
        """Project Sky Hole Patching brings customs administrations in Asia and the Pacific together, with the WCO's regional intelligence office, to monitor suspicious shipments of ozone-depleting substances and exchange information on them. The partners' meeting of 2007 cited it among the regional initiatives that support the aims of Green Customs.""",
    ),
    (
        "UNEP",
        "Informal prior informed consent for ozone-depleting substances",
        """Countries of Asia and the Pacific set up an informal prior informed consent procedure under the Montreal Protocol: before licensing an export, the exporting country checks with the importing country that the import is licensed. The idea was borrowed from the prior informed consent procedures of other agreements, as reported at the 2007 partners' meeting.""",
    ),
]

CONCLUSION = """The agreements in this Guide protect the ozone layer, human health, biodiversity and the security of all. Each depends on customs officers who know what to look for, which document to ask for and whom to call.

The partners of the Green Customs Initiative will keep the Guide up to date: the web edition and the HS code summary follow the reference data of the platform, and new editions will be reviewed by every partner concerned before publication."""

HS_ANNEX_INTRO = """This annex summarises the HS codes of goods covered by the agreements and the Chemical Weapons Convention. It is generated from the platform's reference data when the Guide is published, so it always matches the lookup on the website. A code marked “ex” covers more than the controlled item.

The HS itself is maintained by the [World Customs Organization](https://www.wcoomd.org/), which also publishes the correlation tables between HS editions."""

CASES_INTRO = """These cases were chosen because the partners discussed them; they illustrate the advice of chapter 3."""


def _acting(email: str) -> User | None:
    """A demo account acting as if signed in with two factors (the demo replays the review)."""
    user = User.objects.filter(email=email).first()
    if user is not None:
        user.is_verified = lambda: True  # type: ignore[attr-defined]
    return user


def _p(acronym: str) -> Partner | None:
    return Partner.objects.filter(acronym=acronym).first()


def build_edition(*, year: int, is_demo: bool = True) -> Guide:
    """Create the demo edition's chapters and sections (organizations deliberately not in order)."""
    guide = Guide.objects.create(
        year=year,
        edition="Demonstration edition",
        title="Green Customs Guide to Multilateral Environmental Agreements",
        subtitle="What customs officers need to know about the trade controlled by the agreements",
        languages=["en"],
        is_demo=is_demo,
    )
    position = 0

    def chapter(
        kind: str,
        title: str,
        slug: str,
        *,
        number: str = "",
        intro: str = "",
        order: str = SectionOrder.MANUAL,
        generated: str = Generated.NONE,
        concerned: tuple[str, ...] = (),
    ) -> Chapter:
        nonlocal position
        position += 1
        ch = Chapter.objects.create(
            guide=guide,
            position=position,
            kind=kind,
            number=number,
            title=title,
            slug=slug,
            intro=intro,
            section_order=order,
            generated=generated,
        )
        ch.concerned_partners.set([p for p in map(_p, concerned) if p is not None])
        return ch

    chapter(ChapterKind.FOREWORD, "Foreword", "foreword", intro=FOREWORD, concerned=("UNEP", "WCO"))
    chapter(ChapterKind.PREFACE, "Preface", "preface", intro=PREFACE)

    orgs = chapter(
        ChapterKind.CHAPTER,
        "The organizations of the Green Customs Initiative",
        "organizations",
        number="1",
        intro="The partners of the initiative, in alphabetical order.",
        order=SectionOrder.ALPHABETICAL,
    )
    for i, (acronym, text) in enumerate(ORGANIZATIONS.items()):
        partner = _p(acronym)
        if partner is not None:
            Section.objects.create(
                chapter=orgs,
                position=i,
                kind=SectionKind.ORGANIZATION,
                partner=partner,
                title=partner.name,
                body=text,
            )

    agreements = chapter(
        ChapterKind.CHAPTER,
        "Overview of the agreements",
        "agreements",
        number="2",
        intro="The agreements, in alphabetical order, and what each asks of customs.",
        order=SectionOrder.ALPHABETICAL,
    )
    for i, (slug, title, text) in enumerate(AGREEMENTS):
        Section.objects.create(
            chapter=agreements,
            position=i,
            kind=SectionKind.AGREEMENT,
            agreement=slug,
            title=title,
            body=text,
            embed_listing=True,
            embed_hs_codes=True,
            embed_parties=True,
        )

    advice = chapter(
        ChapterKind.CHAPTER,
        "Practical advice across the agreements",
        "practical-advice",
        number="3",
        intro="Advice that applies to every agreement, then advice for particular agreements in alphabetical order.",
        order=SectionOrder.ALPHABETICAL,
    )
    for i, (title, text) in enumerate(ADVICE):
        Section.objects.create(chapter=advice, position=i, kind=SectionKind.TEXT, title=title, body=text)
    for slug, title, text in PRACTICAL:
        Section.objects.create(
            chapter=advice, kind=SectionKind.AGREEMENT, agreement=slug, title=title, body=text
        )

    chapter(ChapterKind.CONCLUSION, "Conclusion", "conclusion", intro=CONCLUSION)
    chapter(
        ChapterKind.ANNEX,
        "Summary of HS codes",
        "hs-codes",
        number="A",
        intro=HS_ANNEX_INTRO,
        generated=Generated.HS_ANNEX,
        concerned=("WCO",),
    )
    cases = chapter(ChapterKind.ANNEX, "Case studies", "case-studies", number="B", intro=CASES_INTRO)
    for i, (acronym, title, text) in enumerate(CASES):
        Section.objects.create(
            chapter=cases,
            position=i,
            kind=SectionKind.CASE_STUDY,
            partner=_p(acronym),
            title=title,
            body=text,
        )
    return guide


def _review_and_publish(guide: Guide, *, secretariat: User, partner_staff: User | None) -> None:
    """Replay one review round: comments (the 2007 conditions), approvals, resolutions, closing, publishing."""
    now = timezone.now()
    opened = now - timedelta(days=40)
    round = services.review_round_open(
        guide=guide,
        deadline=(opened + timedelta(days=21)).date(),
        message="Please send your comments on your sections by the deadline.",
        by=secretariat,
        at=opened,
    )
    wco = _p("WCO")
    orgs = guide.chapters.get(slug="organizations")
    wco_section = orgs.sections.filter(partner=wco).first()
    at = opened + timedelta(days=3)
    if partner_staff is not None and wco_section is not None:
        comment = services.review_comment_add(
            round=round,
            section=wco_section,
            paragraph=1,
            by=partner_staff,
            at=at,
            body="The WCO should not be referred to as an enforcement agency: it is a technical, intergovernmental body.",
        )
        services.review_comment_resolve(
            comment=comment,
            by=secretariat,
            at=at + timedelta(days=2),
            resolution="The last sentence now says so.",
        )
    reminder_at = opened + timedelta(days=7)
    review_services.send_reminders(at=reminder_at)
    for approval in round.answers.select_related("partner"):
        decided = reminder_at + timedelta(days=2)
        if approval.partner.acronym == "CITES":
            services.review_decide(
                round=round,
                partner=approval.partner,
                decision=Decision.APPROVED_WITH_CONDITIONS,
                conditions="Give generic e-mail addresses, not the names of individuals, as contacts.",
                by=secretariat,
                at=decided,
            )
        else:
            actor = partner_staff if (partner_staff is not None and approval.partner == wco) else secretariat
            services.review_decide(
                round=round, partner=approval.partner, decision=Decision.APPROVED, by=actor, at=decided
            )
    for thread in selectors.unresolved_comments(round):
        services.review_comment_resolve(
            comment=thread,
            by=secretariat,
            at=reminder_at + timedelta(days=4),
            resolution="Done: every contact in the Guide is a generic address.",
        )
    services.review_round_close(round=round, by=secretariat, at=reminder_at + timedelta(days=5))
    services.guide_publish(guide=guide, by=secretariat, at=reminder_at + timedelta(days=6))


@transaction.atomic
def load(*, stdout: TextIO, year: int = DEMO_YEAR) -> Any:
    if Guide.objects.filter(year=year).exists():
        return None
    secretariat = _acting("secretariat@example.org")
    if secretariat is None:
        stdout.write("guide: demo edition skipped (no demo secretariat account)\n")
        return None
    guide = build_edition(year=year)
    # The replayed review sends its notices and reminders to a memory outbox, not to the console.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        _review_and_publish(guide, secretariat=secretariat, partner_staff=_acting("partner@example.org"))
    stdout.write(f"guide: demo edition {year} written, reviewed by every concerned partner and published\n")
    return guide

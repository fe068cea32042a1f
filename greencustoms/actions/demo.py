"""Demo content: the agreed actions of the 3rd (2007) and 12th (2017) Partners' Meetings, an activity plan,
the Minamata membership request and the funding proposals those reports mention.

Texts, owners ("By whom") and deadlines ("By when") are transcribed from the reports. Statuses, progress
notes, partners' answers and donor records are DEMO DATA, invented for the demonstration, and say so.
Where the report gives no owner or deadline the action has none; the 2007 Guide actions (7, 9, 11) carry the
session's stated deadline ("at the latest by April 2007") and its drafting task force as owners (CITES, Basel —
now BRS —, OzonAction, with the secretariat; WCO too for the HS annex "as prepared by the WCO"), marked derived.
The 2017 key recommendations and the commitments agreed in the body of the report are numbered after the
annex's 31 action points, each with its source. Any date read from words ("in a week") is marked derived.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TextIO

from django.db import transaction

from greencustoms.actions.choices import (
    ActionStatus,
    ActivityStatus,
    DueKind,
    Intention,
    ProposalStage,
    ProposalStatus,
)
from greencustoms.actions.due import Due
from greencustoms.actions.models import (
    ActionPoint,
    ActivityResponse,
    DonorApproach,
    FundingProposal,
    MembershipRequest,
    PlannedActivity,
    ProgressNote,
)
from greencustoms.actions.services import action_create
from greencustoms.events.choices import EventKind
from greencustoms.events.demo import SLUG_2007, SLUG_2017
from greencustoms.events.demo import load as load_meetings
from greencustoms.events.models import Event
from greencustoms.partners.models import Partner

SEC = "secretariat"
KEY_RECOMMENDATIONS = "Key recommendations/action points (summary of the report)"
SOURCE_2007 = "Action points of the sessions"
SOURCE_2017 = "Annex: action points agreed (8. Work plan for 2018)"
EACH = "each"
DRAFTING_TEAM = "Drafting team (Mr. Nash, CITES; Ms. Rugarabamu, Basel; Mr. Curlin, OzonAction), assisted by the GCI Secretariat"
# The drafting task force: Mr. Nash (CITES), Ms. Rugarabamu (Basel, now the BRS Secretariat), Mr. Curlin
# (OzonAction), assisted by the secretariat. The report names them in the session summary, not in a "By whom":
# these owners are derived and marked so.
DRAFTING_OWNERS = ["CITES", "BRS", "OzonAction", SEC]
DERIVED_OWNERS = {"owners_derived": True}

# number, heading, text, owner keys, by whom (as agreed), by when (as agreed)
ACTIONS_2007 = [
    (
        1,
        "Communication, co-ordination and planning",
        "A list of planned activities for 2008 with tentative dates should be distributed end of 2007 so that each partner can comment and plan for participation in those activities. Responsibilities on who takes the lead for these activities should be clearly defined.",
        [SEC],
        "GCI Secretariat",
        "November 2007",
    ),
    (
        2,
        "Communication, co-ordination and planning",
        "Each partner should integrate Green Customs activities in its own 2008 work plan and also announce GCI activities in its 'future activities' and agendas.",
        [EACH],
        "Each of the GCI Partner organizations.",
        "January 2008",
    ),
    (
        3,
        "Communication, co-ordination and planning",
        "Partners wish to be kept informed of activities in the regions related to enforcement / combating environmental crime, even if not directly under the Green Customs Initiative – to the extent it relates to their mandates.",
        [SEC],
        "GCI Secretariat, in consultation with UNEP Regional Offices.",
        "Ongoing basis",
    ),
    (
        4,
        "Terms of Reference",
        "UNEP should propose a first version of Terms of Reference for the Green Customs Initiative, for comments and approval by the Partners.",
        ["UNEP"],
        "UNEP",
        "Draft to be circulated by end April 2007. Comments should be received in May – June 2007 for approval by July 2007.",
    ),
    (
        5,
        "Organization of Workshops",
        "Rosters of trainers/resource persons should be established by each of the Partners at the regional level. This will avoid over-stretching the limited resources and time of the secretariats.",
        [SEC, EACH],
        "GCI Secretariat to circulate a request for information and contacts, Partners to provide the information",
        "As soon as possible",
    ),
    (
        6,
        "Organization of Workshops",
        "The resource persons on each of the MEAs should be accredited by each of the Partners prior to the workshop. Clear guidelines should be given to the presenter to avoid counterproductive sessions.",
        [EACH],
        "The organizer of the workshop should receive from the Partners the name of the contact person in the region for invitation to the workshop. Each partner is in charge of establishing the contact with this resource person to brief him/her for his/her presentation.",
        "During the preparation of the GCI workshops.",
    ),
    (
        7,
        "Green Customs Training Guide",
        "Steps for completion of the Guide: Partners approved the cover, introduction and chapters 1–3 and the conclusion under conditions (a table of contents; partners' logos on the cover; the Guide's name on the binding; an alphabetical order of treaties and organizations; generic rather than nominal contact addresses; professional editing before publication). UNEP to check the cover picture with Mr. Nash; UNEP to draft the foreword, send it to WCO, for approval by all partners and signature by UNEP's ED and WCO's DG. The GCI secretariat to propose a title for Chapter 2 and the final layout to the Partners.",
        [*DRAFTING_OWNERS, "UNEP"],
        DRAFTING_TEAM + "; UNEP (cover picture, foreword)",
        "At the latest by April 2007",
        DERIVED_OWNERS,
    ),
    (
        8,
        "Green Customs Training Guide",
        "Publication and distribution of the Guide: Partners will indicate their exact needs in terms of CD-Rom and paper versions of the Guide. The final edited text will be made available on the Green Customs web site (pdf version, for free, with bookmarks and activated links). A plan for distribution will be set up, giving priority to the WCO channels of distribution (in particular the Council Session in June 2007). The Guide will also be sold through the Internet (paper versions) and available to the Partners as on-demand printing.",
        [EACH, SEC],
        "Partners to send their needs. The GCI Secretariat will compile the requests and indicate availability.",
        "15 May 2007",
    ),
    (
        9,
        "Green Customs Training Guide",
        "Inclusion of Annexes to the Guide: the Annexes must include a summary of HS Codes for goods covered by the MEAs and the CWC, as prepared by the WCO; updates to this table should be made available on the Green Customs web site. The WCO correlation tables between HS codes and other International Conventions should be linked from the Green Customs site.",
        [*DRAFTING_OWNERS, "WCO"],
        DRAFTING_TEAM + "; WCO (the summary of HS codes, “as prepared by the WCO”)",
        "At the latest by April 2007",
        DERIVED_OWNERS,
    ),
    (
        10,
        "Green Customs Training Guide",
        "Availability of documents on the web site: the GCI Secretariat may wish to consider the creation of a closed section of the GCI web site for authorized users (e.g. risk indicators, limited to enforcement officers); a feedback section should be included on the web site; the GCI Secretariat would propose a plan for a restructuring of the GCI site in coming months.",
        [SEC],
        "GCI Secretariat",
        "At the latest by April 2007",
    ),
    (
        11,
        "Green Customs Training Guide",
        "Availability of a Flyer on the Green Customs Initiative: Partners approved the principle of a GCI flyer: shorter text and more pictures, showing how the initiative can be useful to the reader, boxes highlighting key information, and separate 'policy' and practical sections.",
        DRAFTING_OWNERS,
        DRAFTING_TEAM,
        "If possible, a version of the flyer should be made available by the COPs of the Partners this year, starting with the COP of the Stockholm Convention (April-May 2007).",
        DERIVED_OWNERS,
    ),
    (
        12,
        "Presentation by the Partners",
        "Partners agreed on the principle of creating an annual 'Green Customs Award' for exemplary work / seizure by customs officers in the field of environment and customs. The GCI Secretariat to prepare a draft note for this award and work with Partners having experience in that field (CITES, WCO…) to propose an award scheme to the partnership.",
        [SEC],
        "The GCI Secretariat, with Partners having experience in that field (CITES, WCO…)",
        "September 2007",
    ),
    (
        13,
        "Presentation by the Partners",
        "The GCI Secretariat should be in contact with relevant Partners to propose / prepare side events at major upcoming COPs / related international meetings, in particular the Stockholm Convention COP (April-May), CITES COP (June) and Basel OEWG (September). A follow-up meeting with Mr. Mikuriya should also be organized to discuss further the possible role of the WCO in the outreach of Green Customs. Relations and synergy with other programs of the WCO such as the container program should also be explored.",
        [SEC],
        "The GCI Secretariat, with relevant Partners",
        "the Stockholm Convention COP (April-May); CITES COP (June) and Basel OEWG (September)",
        {
            # No "By when": the dates are the meetings named in the action's text, in 2007 (the meeting's
            # year); the last of them, the Basel OEWG in September, is read as the deadline — derived.
            "due": Due(
                DueKind.MONTH,
                date(2007, 9, 30),
                "the Stockholm Convention COP (April-May); CITES COP (June) and Basel OEWG (September)",
                derived=True,
            ),
        },
    ),
    (
        14,
        "Work Plan",
        "Creation of the National Green Customs Packages: Partners should provide inputs on the content of the national package related to their conventions: a model agenda for national training (2 day-format); a presentation on the treaty / MEA; indications to the presenter / resource persons; information on points complex to present and whom to contact for clarification.",
        [SEC, EACH],
        "The GCI Secretariat, with assistance of involved UNEP divisions and branches, will request and coordinate inputs for constitution of this package.",
        "The generic Green Customs National package should be completed by end of June.",
    ),
    (
        15,
        "Work Plan",
        "Coordination of inputs to the Workshops: the organizers of the Train-the-Trainer workshops will contact, through the GCI Secretariat, the different partners for their specific inputs (agenda and concept note, key messages, resource persons available in the region). Specific conditions will be provided to organizations wishing to organize Green Customs training at the national level.",
        [SEC],
        "The GCI Secretariat, with assistance of involved UNEP divisions and branches, will request and coordinate inputs.",
        "As soon as possible once dates of workshops are confirmed with countries organizing.",
    ),
    (
        16,
        "Work Plan",
        "Fundraising for an e-learning Green Customs module: Partners agreed that a Green Customs e-learning module should be included in the next work plan and that fundraising should start in 2007.",
        ["WCO", "UNEP"],
        "The WCO Secretariat and UNEP to take the lead, in consultation with Partners.",
        "As soon as possible.",
    ),
    (
        17,
        "Work Plan",
        "Developing complementary activities to customs training: Prosecutors Training (UNEP: DELC and GCI Secretariat); Workshop on implementation in Free Trade Zones (OPCW and GCI Secretariat). Specific funding will be sought for back-to-back sessions with the RILO annual meetings in the Eastern and Central Europe and Central Asia subregions.",
        [SEC, "UNEP", "OPCW"],
        "GCI Secretariat (with UNEP DELC; OPCW)",
        "throughout 2007",
    ),
]

ACTIONS_2017 = [
    (
        1,
        "Updates on Website",
        "GCI-secretariat harmonizes the content of the websites and sends a word version of the content to the partners for final review.",
        [SEC],
        "GCI Secretariat",
        "",
    ),
    (
        2,
        "Updates on Website",
        "Fine-tune logo's and names (Rotterdam Convention, OzonAction and Secretariat).",
        [SEC],
        "GCI Secretariat (the Secretariat will adjust the website: logo, pages)",
        "",
    ),
    (
        3,
        "Updates on Website",
        "Create pages per partner with two links: 1. General 2. Customs (publication) page.",
        [SEC],
        "GCI Secretariat",
        "",
    ),
    (4, "Updates on Website", "Intranet: will be used to share reports.", [EACH], "Partners", ""),
    (
        5,
        "Updates on Website",
        "Secretariat will draft short version of the report (10-12) and send it out to partners for approval.",
        [SEC],
        "GCI Secretariat",
        "",
    ),
    (
        6,
        "GCI-guide",
        "We should speed up the finalization of the guide. Partners send in comments by October 18th 2017 to GCI-Secretariat.",
        [EACH],
        "Partners",
        "October 18th 2017",
    ),
    (7, "GCI-guide", "Secretariat sends reminder in a week.", [SEC], "GCI Secretariat", "In a week"),
    (
        8,
        "GCI-guide",
        "Partners to promote GCI-guide, once it is finalized.",
        [EACH],
        "Partners",
        "once it is finalized",
        {"due": Due(DueKind.GUIDE_FINAL, None, "once it is finalized", derived=True)},
    ),
    (
        9,
        "Funding Proposal",
        "Secretariat reworks the funding proposals with the comments in mind (package differently, make sure there is something sellable).",
        [SEC],
        "GCI Secretariat",
        "",
    ),
    (
        10,
        "Funding Proposal",
        "Everyone keeps gender-mainstreaming in mind (UNODC formulates).",
        [EACH, "UNODC"],
        "Everyone (UNODC formulates)",
        "",
    ),
    (
        11,
        "Funding Proposal",
        "The secretariat will continue to explore more funding opportunities, in cooperation with partners.",
        [SEC],
        "GCI Secretariat, in cooperation with partners",
        "",
    ),
    (
        12,
        "Funding Proposal",
        "We will be looking at a two to three years framework but will tailor it to the donor we are approaching.",
        [SEC],
        "GCI Secretariat",
        "",
    ),
    (
        13,
        "Funding Proposal",
        "Explore different donors (e.g. DG Taxud instead of DG Environment due to less competition).",
        [SEC],
        "GCI Secretariat",
        "",
    ),
    (
        14,
        "Funding Proposal",
        "Consider the possibility of organizing a donor's meeting.",
        [SEC],
        "GCI Secretariat",
        "",
    ),
    (
        15,
        "GCI Training Workshop",
        "Promote the e-learning courses with the participants. Prior to the training as well as during the training.",
        [SEC, EACH],
        "GCI Secretariat and Partners",
        "Prior to the training as well as during the training",
    ),
    (
        16,
        "GCI Training Workshop",
        "Secretariat will be in touch with WCO (Thibault Hermes) to get more and regular information on the use of the e-learning courses.",
        [SEC],
        "GCI Secretariat, with WCO",
        "",
    ),
    (
        17,
        "GCI Training Workshop",
        "Consider modalities towards integrating the GCI trainings, programmes & activities into the national training institutes.",
        [],
        "Not stated in the report",
        "",
    ),
    (
        18,
        "GCI-award",
        "Consider establishing a GCI-award in the (near) future.",
        [],
        "Not stated in the report",
        "",
    ),
    (
        19,
        "E-learning",
        "Partners make sure to correct and update their e-learning tools.",
        [EACH],
        "Partners",
        "",
    ),
    (
        20,
        "E-learning",
        "Partners to work with WCO to link the modules to their own websites.",
        [EACH, "WCO"],
        "Partners, with WCO",
        "",
    ),
    (
        21,
        "E-learning",
        "Secretariat updates the general GCI-introduction module in line with the updated GCI guide.",
        [SEC],
        "GCI Secretariat",
        "",
    ),
    (22, "E-learning", "Partners to promote the e-learning courses more.", [EACH], "Partners", ""),
    (
        23,
        "E-learning",
        "Partners support the possible tutorial of the GCI modules of WCO.",
        [EACH],
        "Partners",
        "",
    ),
    (
        24,
        "E-learning",
        "Secretariat stays in touch with WCO (Thibault Hermes) for statistics on registration, activity and completion of the test.",
        [SEC],
        "GCI Secretariat, with WCO",
        "",
    ),
    (
        25,
        "GCI promotion",
        "WCO-event in Shanghai. All partners are invited to participate at a GCI module.",
        ["WCO", EACH],
        "WCO; all partners invited",
        "April 2018",
    ),
    (
        26,
        "GCI promotion",
        "UNODC considers to organize a side event at two commissions.",
        ["UNODC"],
        "UNODC",
        "",
    ),
    (
        27,
        "GCI promotion",
        "WCO considers involvement of GCI in WCO-Enforcement Committee.",
        ["WCO"],
        "WCO",
        "",
    ),
    (
        28,
        "GCI promotion",
        "Partners consider other possibilities for side events on the GCI.",
        [EACH],
        "Partners",
        "",
    ),
    (
        29,
        "Others",
        "Partners go through ICCWC-publication to review for possible use for GCI.",
        [EACH],
        "Partners",
        "",
    ),
    (
        30,
        "Others",
        "Minamata Convention Secretariat is interested to become a partner. Once it formally expresses its interest, the partners would consider the request by email exchange. Finalization of the GCI-guide would not be delayed until then.",
        [EACH],
        "Partners",
        "",
    ),
    (
        31,
        "Others",
        "Venue for next Partners' meeting: OPCW (The Hague, Netherlands) proposed to host the next partner meeting in October 2018 at their headquarters. OPCW will confirm it later.",
        ["OPCW", SEC],
        "OPCW; GCI Secretariat (key recommendation: “GCI secretariat to prepare the organization of the next Partners' meeting schedule for October 2018 at OPCW”)",
        "the next partner meeting in October 2018",
        {
            "due": Due(
                DueKind.MONTH, date(2018, 10, 31), "the next partner meeting in October 2018", derived=True
            )
        },
    ),
    # Key recommendations of the report's summary that the annex's list does not carry as action points.
    (
        32,
        "Key recommendations",
        "GCI secretariat to send new flyers to Partners for them to circulate them at their own events whenever appropriate.",
        [SEC],
        "GCI secretariat",
        "",
        {"source": KEY_RECOMMENDATIONS},
    ),
    (
        33,
        "Key recommendations",
        "GCI secretariat to work with Partners to promote GCI whenever possible.",
        [SEC],
        "GCI secretariat, with Partners",
        "whenever possible",
        {"source": KEY_RECOMMENDATIONS, "due": Due(DueKind.ONGOING, None, "whenever possible", derived=True)},
    ),
    (
        34,
        "Key recommendations",
        "GCI secretariat to be in touch with WCO (Thibault Hermes) to get more data on the usage of GCI e-learning modules and a possible webinar in January 2018 to promote GCI e-learning modules.",
        [SEC, "WCO"],
        "GCI secretariat, with WCO (Thibault Hermes)",
        "a possible webinar in January 2018",
        {
            "source": KEY_RECOMMENDATIONS,
            "due": Due(DueKind.MONTH, date(2018, 1, 31), "a possible webinar in January 2018", derived=True),
        },
    ),
    # Commitments agreed in the body of the report (not in its list of action points).
    (
        35,
        "E-learning",
        "Answering a question from BRS, Mr. Hermes also said that the BRS e-learning module was yet to be finalized, and both BRS and WCO committed to deal with this matter.",
        ["BRS", "WCO"],
        "both BRS and WCO",
        "",
        {"source": "Body of the report: E-learning"},
    ),
    (
        36,
        "WCO special session",
        "One of the activities of the EP of WCO is the expansion of their expert database for which WCO also relies on the GCI-partners to refer experts to.",
        [EACH],
        "GCI-partners",
        "",
        {"source": "Body of the report: 7. World Customs Organization Special Session"},
    ),
    (
        37,
        "WCO special session",
        "Moreover the WCO is planning on publishing a straightforward practical manual for Customs Frontline Officers, for which WCO will work with GCI partners to avoid duplication.",
        ["WCO", EACH],
        "WCO, with GCI partners",
        "",
        {"source": "Body of the report: 7. World Customs Organization Special Session"},
    ),
]

# DEMO DATA: statuses and progress notes invented for the demonstration (meeting slug, number, status, date, note).
DEMO_PROGRESS = [
    (
        SLUG_2007,
        1,
        ActionStatus.DONE,
        date(2007, 11, 20),
        "Demo data: list of planned activities for 2008 circulated to the partners.",
    ),
    (
        SLUG_2007,
        4,
        ActionStatus.IN_PROGRESS,
        date(2007, 5, 2),
        "Demo data: first draft of the Terms of Reference circulated.",
    ),
    (
        SLUG_2007,
        8,
        ActionStatus.DONE,
        date(2007, 5, 15),
        "Demo data: partners' needs for CD-Roms and paper copies compiled.",
    ),
    (
        SLUG_2007,
        16,
        ActionStatus.IN_PROGRESS,
        date(2007, 9, 1),
        "Demo data: first contacts with donors for an e-learning module.",
    ),
    (
        SLUG_2017,
        6,
        ActionStatus.DONE,
        date(2017, 10, 18),
        "Demo data: comments on the GCI-guide received from the partners.",
    ),
    (SLUG_2017, 7, ActionStatus.DONE, date(2017, 10, 10), "Demo data: reminder sent to the partners."),
    (
        SLUG_2017,
        1,
        ActionStatus.IN_PROGRESS,
        date(2017, 11, 15),
        "Demo data: word version of the website content being prepared.",
    ),
]

# kind, title, start, end, dates as announced, region, venue, lead acronym, secretariat leads, status, meeting slug, description
ACTIVITIES = [
    (
        EventKind.SIDE_EVENT,
        "Side event at the Stockholm Convention COP",
        date(2007, 4, 1),
        date(2007, 5, 31),
        "April-May 2007",
        "Global",
        "",
        None,
        True,
        ActivityStatus.TENTATIVE,
        SLUG_2007,
        "Agreed action 13 of the 3rd Partners' Meeting: side events at major upcoming COPs.",
    ),
    (
        EventKind.SIDE_EVENT,
        "Side event at the CITES COP",
        date(2007, 6, 1),
        date(2007, 6, 30),
        "June 2007",
        "Global",
        "",
        None,
        True,
        ActivityStatus.TENTATIVE,
        SLUG_2007,
        "Agreed action 13 of the 3rd Partners' Meeting.",
    ),
    (
        EventKind.SIDE_EVENT,
        "Side event at the Basel Convention OEWG",
        date(2007, 9, 1),
        date(2007, 9, 30),
        "September 2007",
        "Global",
        "",
        None,
        True,
        ActivityStatus.TENTATIVE,
        SLUG_2007,
        "Agreed action 13 of the 3rd Partners' Meeting; the Basel secretariat said a side event would be welcomed.",
    ),
    (
        EventKind.REGIONAL_WORKSHOP,
        "First regional Train-the-Trainer workshops",
        date(2007, 5, 1),
        date(2007, 5, 31),
        "May 2007",
        "",
        "",
        None,
        True,
        ActivityStatus.TENTATIVE,
        SLUG_2007,
        "Agreed action 15: the first Train-the-Trainer workshops take place in May 2007 (4-day format).",
    ),
    (
        EventKind.NATIONAL_WORKSHOP,
        "Workshop on implementation in Free Trade Zones",
        date(2007, 1, 1),
        date(2007, 12, 31),
        "throughout 2007",
        "",
        "",
        "OPCW",
        True,
        ActivityStatus.TENTATIVE,
        SLUG_2007,
        "Agreed action 17: OPCW and the GCI Secretariat take the lead.",
    ),
    (
        EventKind.REGIONAL_WORKSHOP,
        "Regional GCI workshop in Africa (October)",
        date(2017, 10, 1),
        date(2017, 10, 31),
        "October 2017",
        "Africa",
        "",
        None,
        True,
        ActivityStatus.TENTATIVE,
        SLUG_2017,
        "Announced in the secretariat's update at the 12th Partners' Meeting.",
    ),
    (
        EventKind.REGIONAL_WORKSHOP,
        "Regional GCI workshop in Africa (November)",
        date(2017, 11, 1),
        date(2017, 11, 30),
        "November 2017",
        "Africa",
        "",
        None,
        True,
        ActivityStatus.TENTATIVE,
        SLUG_2017,
        "Announced in the secretariat's update at the 12th Partners' Meeting.",
    ),
    (
        EventKind.WEBINAR,
        "Webinar to promote the GCI e-learning modules",
        date(2018, 1, 1),
        date(2018, 1, 31),
        "January 2018 (possible)",
        "Global",
        "Online",
        "WCO",
        True,
        ActivityStatus.TENTATIVE,
        SLUG_2017,
        "WCO mentioned a possible webinar early in 2018; partners were asked to send representatives.",
    ),
    (
        EventKind.SIDE_EVENT,
        "GCI module at the WCO event in Shanghai",
        date(2018, 4, 1),
        date(2018, 4, 30),
        "April 2018",
        "",
        "Shanghai",
        "WCO",
        False,
        ActivityStatus.TENTATIVE,
        SLUG_2017,
        "All partners are invited to participate at a GCI module.",
    ),
    (
        EventKind.PARTNERS_MEETING,
        "13th Green Customs Initiative Partners' Meeting",
        date(2018, 10, 1),
        date(2018, 10, 31),
        "October 2018 (OPCW to confirm)",
        "",
        "OPCW headquarters, The Hague, Netherlands",
        "OPCW",
        True,
        ActivityStatus.TENTATIVE,
        SLUG_2017,
        "OPCW proposed to host the next partner meeting in October 2018 at their headquarters; OPCW will confirm it later.",
    ),
]

DEMO_AT = datetime(2017, 10, 20, 9, 0, tzinfo=UTC)


def _owners(keys: list[str], partners: dict[str, Partner]) -> tuple[list[Partner], bool, bool]:
    named = [partners[k] for k in keys if k not in (SEC, EACH)]
    return named, SEC in keys, EACH in keys


def _actions(meeting: Event, rows: list[tuple], partners: dict[str, Partner], *, source: str) -> int:
    """Create the meeting's actions; rows already there get the corrected owners, source and derived marks."""
    existing = {a.number: a for a in ActionPoint.objects.filter(meeting=meeting)}
    created = 0
    for number, heading, text, keys, owners_text, due_text, *more in rows:
        extras = dict(more[0]) if more else {}
        owners, secretariat, each = _owners(keys, partners)
        row_source = extras.pop("source", source)
        if number in existing:
            action = existing[number]
            action.owners.set(owners)
            ActionPoint.objects.filter(pk=action.pk).update(
                owner_secretariat=secretariat,
                owner_each_partner=each,
                owners_text=owners_text,
                owners_derived=extras.get("owners_derived", False),
                source=row_source,
            )
            continue
        action_create(
            meeting=meeting,
            number=number,
            heading=heading,
            text=text,
            owners=owners,
            owner_secretariat=secretariat,
            owner_each_partner=each,
            owners_text=owners_text,
            due_text=due_text,
            due=extras.get("due"),
            owners_derived=extras.get("owners_derived", False),
            source=row_source,
            by=None,
            at=DEMO_AT,
        )
        created += 1
    return created


@transaction.atomic
def load(*, stdout: TextIO) -> None:
    load_meetings(stdout=stdout)
    partners = {p.acronym: p for p in Partner.objects.all()}
    meetings = {e.slug: e for e in Event.objects.filter(slug__in=[SLUG_2007, SLUG_2017])}
    if len(meetings) < 2:
        stdout.write("actions demo: meetings missing; skipped\n")
        return
    created = _actions(meetings[SLUG_2007], ACTIONS_2007, partners, source=SOURCE_2007)
    created += _actions(meetings[SLUG_2017], ACTIONS_2017, partners, source=SOURCE_2017)
    for slug, number, status, on, text in DEMO_PROGRESS:
        action = ActionPoint.objects.get(meeting=meetings[slug], number=number)
        _note, new = ProgressNote.objects.get_or_create(
            action=action,
            text=text,
            defaults={"on": on, "status": status, "created_at": DEMO_AT, "is_demo": True},
        )
        if new:
            # DEMO DATA: the status is invented and marked so (the "overdue" figures say how many are demo).
            ActionPoint.objects.filter(pk=action.pk).update(status=status, status_is_demo=True)

    for (
        kind,
        title,
        start,
        end,
        dates_text,
        region,
        venue,
        lead,
        sec,
        status,
        slug,
        description,
    ) in ACTIVITIES:
        PlannedActivity.objects.update_or_create(
            title=title,
            defaults={
                "kind": kind,
                "start": start,
                "end": end,
                "dates_text": dates_text,
                "region": region,
                "venue": venue,
                "owner_partner": partners.get(lead) if lead else None,
                "lead_secretariat": sec,
                "status": status,
                "agreed_at": meetings[slug],
                "description": description,
            },
        )
    webinar = PlannedActivity.objects.get(title="Webinar to promote the GCI e-learning modules")
    for acronym, intention in (
        ("BRS", Intention.YES),
        ("OzonAction", Intention.YES),
        ("INTERPOL", Intention.MAYBE),
    ):
        ActivityResponse.objects.get_or_create(
            activity=webinar,
            partner=partners[acronym],
            defaults={
                "intention": intention,
                "comment": "Demo data: answer invented for the demonstration.",
                "at": DEMO_AT,
            },
        )

    if "Minamata" in partners:
        MembershipRequest.objects.update_or_create(
            organization=partners["Minamata"],
            defaults={
                "raised_at": meetings[SLUG_2017],
                "summary": "Minamata Convention Secretariat is interested to become a partner. Once it formally expresses "
                "its interest, the partners would consider the request by email exchange (12th Partners' Meeting, "
                "October 2017). Finalization of the GCI-guide would not be delayed until then.",
            },
        )

    fund, _new = FundingProposal.objects.update_or_create(
        title="GCI fundraising proposal (two to three years framework)",
        defaults={
            "stage": ProposalStage.CONCEPT_NOTE,
            "status": ProposalStatus.DRAFTING,
            "period": "two to three years, tailored to the donor approached",
            "discussed_at": meetings[SLUG_2017],
            "summary": "A draft fundraising concept note was presented at the 12th Partners' Meeting. The secretariat "
            "reworks the funding proposals with the comments in mind (package differently, make sure there is "
            "something sellable) and will further develop a full proposal and explore funding options in "
            "cooperation with Partners; different donors are to be explored (e.g. DG Taxud instead of DG "
            "Environment due to less competition), and a donors' meeting considered.",
        },
    )
    DonorApproach.objects.get_or_create(
        proposal=fund,
        donor="European Commission, DG TAXUD",
        defaults={"notes": "Demo data: suggested at the 12th meeting; not a record of an actual approach."},
    )
    FundingProposal.objects.update_or_create(
        title="GEF-funded project on national delivery of the Green Customs module",
        defaults={
            "stage": ProposalStage.CONCEPT_NOTE,
            "status": ProposalStatus.DRAFTING,
            "discussed_at": meetings[SLUG_2007],
            "summary": "Discussed at the 3rd Partners' Meeting: a project focusing on national delivery of the Green "
            "Customs module in pilot countries determined with the Partners, adapting the generic package and "
            "ensuring its inclusion in the national curriculum. The creation of a Green Customs Trust Fund was also "
            "proposed to be considered.",
        },
    )
    stdout.write(
        f"actions demo: {created} new action points ({ActionPoint.objects.count()} in all), "
        f"{PlannedActivity.objects.count()} planned activities\n"
    )

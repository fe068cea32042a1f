"""Demo content: the 3rd (2007) and 12th (2017) Partners' Meetings, transcribed from their published reports.

Sources: the meeting reports in the project's seed texts. The 2007 report's annexes (agenda, list of
participants) are not in the seed text: its participants here are the people the report's text names,
with the roles it gives, and its four sessions carry no times. Personal e-mail addresses printed in the
2017 report are deliberately not stored; contact goes through each organization's generic address.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import TextIO

from django.db import transaction

from greencustoms.accounts.choices import Level
from greencustoms.events.choices import EventKind, ParticipationMode, ReportStatus
from greencustoms.events.models import (
    Event,
    KeyOutcome,
    MeetingReport,
    MeetingSession,
    Participant,
    ReportShortVersion,
    SessionDocument,
)
from greencustoms.partners.models import Partner

SLUG_2007 = "3rd-partners-meeting-2007"
SLUG_2017 = "12th-partners-meeting-2017"
# The two reports are final as published; who approved them, and when, is not recorded on this platform.
FINAL_NOTE = (
    "Final as published by the secretariat. The partners' approvals were given outside this platform "
    "and are not recorded here."
)

INTRO_2007 = (
    "The Third Meeting of the Green Customs Partners was held in Brussels on 1-2 March 2007. It was hosted by "
    "the World Customs Organization at its Headquarters and was held in parallel to WCO's Enforcement "
    "Committee. It was the occasion of agreeing on the completion of the Green Customs Training Guide and on "
    "the strategy to outreach. The objective is to make the most of the Guide as a support for training of "
    "customs officers."
)
WELCOME_2007 = (
    "Mr. Michael Schmitz, Director of Compliance and Facilitation, WCO, delivered the introductory remarks. He "
    "welcomed the participants and underlined the importance of raising the awareness on customs and "
    "environment in all the main political arenas. He underlined that Green Customs is welcomed at the WCO and "
    "he pointed that the Council Meeting (June 2007) could be a good opportunity to diffuse the published "
    "version of the Green Customs Guide.\n\n"
    "Ms. Ludgarde Coppens, Policy and Enforcement Officer, UNEP Regional Office for Asia and Pacific – DTIE, "
    "responded on behalf of Ms. Sylvie Lemmet, Director, UNEP DTIE. She assessed that the completion of the "
    "Guide was a key milestone and that Partners now had the responsibility to agree on common actions starting "
    "from that milestone.\n\n"
    "Mr. Etienne Gonin, Associate Programme Officer, UNEP DTIE-OzonAction then presented the agenda and the "
    "expected results of the Meeting. The agenda was approved by the participants."
)
CONCLUSION_2007 = (
    "Partners thanked the GCI and WCO Secretariat for the organization of the Meeting. They underlined that the "
    "next Partners Meeting should be able to report very substantial results of this partnership.\n\n"
    "Following the completion of the Meeting, the Green Customs Training Guide was presented during a side "
    "event of the WCO Enforcement Committee Meeting, with keynote speeches by Mr. Kunio Mikuriya, Deputy "
    "Secretary of the WCO Secretariat, and Mr. Shende."
)

# label, day, title, lead, summary
SESSIONS_2007 = [
    (
        "Session 1",
        date(2007, 3, 1),
        "Activity Report",
        "Mr. Gonin (progress report); Ms. Coppens (regional activities)",
        "Mr. Gonin presented the progress report of the initiative, based on the road map of the work plan approved "
        "in April 2006. Ms. Coppens then described an overview of regional Green Customs activities since the "
        "beginning of the partnership, including workshops but also related initiatives such as the Regional Forum "
        "on Combating Environmental Crime (created in Asia Pacific), the Project Sky Hole Patching and Regional "
        "Enforcement Networks.\n\n"
        "Mr. Sellar from CITES underlined that his secretariat would like to be involved in the Regional Forum "
        "facilitated by ROAP. Mr. Bankobeza from the Ozone Secretariat pointed that it was important that Partners "
        "integrate Green Customs activities within each of the Partners' internal work plans. Mr. Fu from the WCO "
        "Secretariat indicated that it might facilitate the work of the Initiative if Partners agreed on Terms of "
        "Reference for the partnership; participants welcomed this suggestion.\n\n"
        "Partners discussed the extent to which the Initiative aims at awareness raising and training: especially "
        "for small developing countries, the idea of joint training should not be lost. The modalities of the "
        "workshops were also discussed.",
    ),
    (
        "Session 2",
        date(2007, 3, 1),
        "Green Customs Training Guide",
        "Mr. Gonin (facilitator)",
        "After a brief introduction explaining the process of completion of the text and the work of the drafting "
        "task force (Mr. Nash (Chair) from CITES, Ms. Rugarabamu from Basel, Mr. Curlin for OzonAction, assisted by "
        "M. Gonin and De Jesus), and after approval of the title and structure of the Guide, specific discussions "
        "were held on the finalized draft.\n\n"
        "Participants gave priority to CD-Roms rather than paper copies. It was agreed that the best would be to use "
        "the WCO channels of distribution for the Guide. The electronic version of the Guide (pdf version) should be "
        "made available free on the Green Customs site, whereas a small fee could be charged for paper copies.\n\n"
        "These tasks are the responsibility of the drafting team, unless a specific remark mentions otherwise. "
        "Although no specific deadline was given, these tasks should be completed at the latest by April 2007.",
    ),
    (
        "Session 3",
        date(2007, 3, 1),
        "Presentation by the Partners",
        "All partners",
        "OPCW: Mr. Wade presented the activities of his organization planned for 2007, including 4 workshops for "
        "customs, and the importance of gathering case studies of critical seizures. Mr. Shende of UNEP insisted "
        "that Green Customs should give more publicity to such exemplary cases.\n\n"
        "Basel Convention Secretariat: through Mr. Madsen, the secretariat noted that the next OEWG of Basel will "
        "take place in September 2007 and that a side event would be welcomed on this occasion.\n\n"
        "World Customs Organization: Mr. Hui Fu said that WCO sees a benefit in Green Customs. Mr. Shende pointed "
        "that the WCO infrastructure and networks are essential for the success of Green Customs – particularly the "
        "RILOs, the Regional Offices for Capacity Building and the Regional Training Centers.\n\n"
        "UNEP Chemicals / Stockholm and Rotterdam Conventions: Mr. Madsen presented the SAICM process and its "
        "objectives as regards illegal traffic.\n\n"
        "Ozone Secretariat: Mr. Bankobeza presented recent developments under the Montreal Protocol related to "
        "combating illegal traffic (Decisions XVII/16 and XVIII/18).\n\n"
        "CITES Secretariat: Mr. Sellar presented CITES activities and tools for customs, and the importance of "
        "using other organizations' training of customs to bring up related MEA issues.\n\n"
        "UNEP DELC: Mr. Kreilhuber presented the work of the Division of Environmental Law and Conventions in "
        "relation to Green Customs, stressing the need to reach out to the whole enforcement chain.",
    ),
    (
        "Session 4",
        date(2007, 3, 2),
        "Discussion on the development of the Work Plan",
        "",
        "Ms. Coppens gave a presentation on the proposed activities in all the regions. Partners agreed on the "
        "strategy of delivery of Green Customs in three core phases: 1. Awareness-raising (high-level at the global "
        "level, and at the national level); 2. Regional-level Train-the-Trainer approach (a 4-day course, pilot "
        "tested in 2007); 3. National-level activities with the Green Customs national package.\n\n"
        "The Secretariat indicated that funding was available for the approved activities in 2007 but not beyond. "
        "The creation of a Green Customs Trust Fund and the possibility of a GEF-funded project were discussed.\n\n"
        "The session concluded with the presentation by Mr. Thibault Hermes of the WCO Secretariat on the e-learning "
        "platform developed for customs officers; participants noted that e-learning should be, in the near future, "
        "a central element of the delivery of Green Customs.",
    ),
]

# partner acronym, organization as named in the report, name, role
PARTICIPANTS_2007 = [
    ("WCO", "World Customs Organization", "Michael Schmitz", "Director of Compliance and Facilitation"),
    ("WCO", "World Customs Organization", "Hui Fu", "WCO Secretariat"),
    ("WCO", "World Customs Organization", "Thibault Hermes", "WCO Secretariat (e-learning)"),
    (
        "UNEP",
        "UNEP Regional Office for Asia and Pacific – DTIE",
        "Ludgarde Coppens",
        "Policy and Enforcement Officer",
    ),
    ("UNEP", "UNEP", "Mr. Shende", ""),
    ("UNEP", "UNEP Division of Environmental Law and Conventions (DELC)", "Mr. Kreilhuber", ""),
    ("OzonAction", "UNEP DTIE-OzonAction", "Etienne Gonin", "Associate Programme Officer"),
    ("CITES", "CITES Secretariat", "Mr. Sellar", ""),
    ("Ozone Secretariat", "Ozone Secretariat", "Mr. Bankobeza", ""),
    ("OPCW", "OPCW", "Mr. Wade", ""),
    (
        "UNEP Chemicals and Health",
        "UNEP DTIE Chemicals (also for the Basel, Rotterdam and Stockholm secretariats)",
        "Mr. Madsen",
        "",
    ),
]

EXEC_2017 = (
    "The Twelfth Meeting of the Partners to the Green Customs Initiative (GCI) was held on 3-4 October 2017 and "
    "hosted by the World Customs Organization in Brussels, Belgium.\n\n"
    "The meeting was attended by the representatives of the Secretariat of Basel, Rotterdam and Stockholm "
    "conventions (BRS), INTERPOL, the Organisation for the Prohibition of Chemical Weapons (OPCW), UNEP's Law "
    "Division, UNEP's Economy Division, OzonAction, the World Customs Organization and the United Nations Office "
    "of Drugs and Crime. The Secretariat of the Convention on Biological Diversity (CBD), participated in the "
    "meeting partly through the tele-conference link.\n\n"
    "The Green Customs Initiative secretariat and Partners gave an update of their activities in 2017 and "
    "discussed the plan for GCI for the coming year. Partners also reviewed the GCI website, discussed the "
    "updated GCI-guide, a fundraising proposal and the GCI-strategy.\n\n"
    "The World Customs Organization, in its presentation, focused on their Environmental Programme and the trends "
    "and challenges with regard to environmental issues at WCO.\n\n"
    "Partners agreed the set of action points as the work plan for 2018."
)
INTRO_2017 = (
    "The 12th Green Customs Initiative Meeting was opened by Mrs. Elizabeth Mrema, Director of the Law Division "
    "of UN Environment Programme and chair of the meeting. After Mrs. Mrema, Mr. Roux Raath, Technical Officer "
    "on Compliance of the WCO took the floor to welcome the participants at the World Customs Organization. "
    "Following the opening, participants introduced themselves and their responsibilities. The draft agenda for "
    "the meeting was adopted."
)
OUTCOMES_2017 = [
    "The agreement on the way forward to finalize the GCI Guide;",
    "The agreement on the finalization of the new GCI website;",
    "The agreement on a way forward to the development of the fundraising proposal and efforts to resource mobilization; and",
    "The agreement on joint efforts to promote GCI and the use of its e-learning tools.",
]

# label, day, start, end, title, items, lead, summary
D1, D2 = date(2017, 10, 3), date(2017, 10, 4)
SESSIONS_2017 = [
    (
        "Opening",
        D1,
        time(9, 30),
        time(9, 50),
        "Welcome; introduction of participants; adoption of agenda and organisation of meeting",
        "Welcome – by the World Customs organisation\nIntroduction of participants – all participants\nAdoption of agenda and organisation of meeting – UN Environment (Law Division)",
        "World Customs Organization; UN Environment (Law Division)",
        "",
    ),
    (
        "Session 1",
        D1,
        time(9, 50),
        time(10, 30),
        "Updates of Green Customs Initiative",
        "GCI Secretariat activities in 2016-2017\nGCI Website\nUpdating of GCI Guide\nGCI training workshops\nReport on the implementation of the other GCI-11 Action Points/Work plan for 2016\nOthers (including new GCI-materials)",
        "GCI Secretariat",
        "The GCI secretariat informed the partners that the GCI guide has been updated pending final comments from the partners; the website of the GCI with a new design has gone live but still needs some adjustments; a draft fundraising concept note; GCI training workshops: a regional GCI workshop in Central America, May 2017, in collaboration with the Customs Training Centre of the Dominican Republic; a national GCI workshop focusing on wildlife and chemicals/waste, in South Korea, June 2017 in cooperation with Korea Customs Service; two more regional GCI workshops to be organized in Africa in October and November of 2017. New GCI communication material has been presented: trifold, banner, leaflets.\n\nOPCW suggested that it would be good for Partners to send national authorities to the future workshops to introduce Partners' work and at the same time to increase ownership.",
    ),
    ("", D1, time(10, 30), time(10, 50), "Coffee break and group photo", "", "", ""),
    (
        "Session 2",
        D1,
        time(10, 50),
        time(12, 40),
        "Partners' activities in 2016-2017 and plans for 2017-2018",
        "Brief summary of key activities related to GCI by each Partner (max 15 minutes each)",
        "All GCI Partners",
        "Each Partner attending the meeting made a brief presentation on its activities in 2016-2017 and its plans for 2018: WCO, CBD, OPCW, OzonAction, Ozone Secretariat, BRS Conventions, INTERPOL, UNODC, UN Environment Programme Law Division.",
    ),
    ("", D1, time(12, 40), time(14, 0), "Lunch break", "", "", ""),
    (
        "Session 3",
        D1,
        time(14, 0),
        time(15, 0),
        "Partners' activities (continued...) and discussion on possible joint activities",
        "",
        "All GCI Partners",
        "",
    ),
    (
        "Session 4",
        D1,
        time(15, 0),
        time(16, 0),
        "Review of new GCI website and updating GCI guide",
        "Webpage structure\nWebpage text\nUpdated GCI Guide structure\nUpdated texts",
        "All GCI Partners",
        "GCI Guide: a new structure for Section 3 was adopted after the last GCI Partners' Meeting. The partners were asked to send their final comments by the 18th of October 2017. It was agreed that the Guide's focus should be generic, give an overview of the partners and raise awareness on green customs. The publication of the new GCI-guide should not be delayed by the potential inclusion of the Minamata Secretariat.\n\nGCI Website: the new website (www.greencustoms.org) was well received, but some minor changes should still be made. Partners should use the secure part (intranet) of the website to share extensive reports, presentations and other relevant working documents. Only documents and information from the GCI Partners should be made available on the website.\n\nE-learning: partners agreed that it is potentially a very useful and cost-effective tool; partners should keep their modules updated and promote them more; some e-learning modules should be made compulsory prior to participation of the workshops. Mr. Hermes (WCO CLiCK!) said 15 000 custom officers can access the modules, with about 5000 active users, and mentioned a possible webinar early in 2018 to promote the GCI e-learning modules.",
    ),
    ("", D1, time(16, 0), time(16, 20), "Coffee break", "", "", ""),
    (
        "Session 4 (special session)",
        D1,
        time(16, 20),
        time(17, 30),
        "Special session – to be led by WCO (to be confirmed)",
        "Trends and challenges faced by customs officials in combatting environmental crime",
        "WCO, with discussion with other Partners",
        "WCO presented on the Environmental Programme of the WCO linked to GCI. The biggest challenge is the lack of funding. The main focus lies on partnerships (GCI, UN Environment, ICCWC, CITES, Interpol, Lusaka Agreement Task Force), capacity-building and training and enhanced data exchanges. WCO relies on the GCI-partners to refer experts to its expert database, and plans a practical manual for Customs Frontline Officers.",
    ),
    (
        "Session 5",
        D2,
        time(9, 0),
        time(10, 30),
        "Reflections on the mandate and the impact of GCI and future work under the initiative",
        "Reflection on GCI mandate and the achievements/impacts so far\nDiscussion on future work and its strategic direction\nFund-raising - developing a funding proposal\nPotential financial sources",
        "All GCI Partners",
        "",
    ),
    ("", D2, time(10, 30), time(11, 0), "Coffee break", "", "", ""),
    (
        "Session 6",
        D2,
        time(11, 0),
        time(12, 30),
        "Discussion on work plan for 2018",
        "Partner's collaboration on capacity building, development enforcement tools and, etc.\nPossible side events/ joint meetings and other activities that GCI Partners can be involved or participate in\nWork plan\nNext meeting (time, venue and the host organization)",
        "All Partners",
        "Partners agreed the set of action points as the work plan for 2018 (see the agreed actions).",
    ),
    (
        "Conclusion",
        D2,
        time(12, 30),
        time(13, 30),
        "Conclusion",
        "Meeting conclusions and summary of agreed actions\nVenue and date for next Partners meeting\nAny other business",
        "",
        "",
    ),
]

PARTICIPANTS_2017 = [
    (
        "BRS",
        "Secretariat of the Basel, Rotterdam and Stockholm Conventions",
        "Juliette Kohler",
        "",
        ParticipationMode.IN_PERSON,
    ),
    (
        "SCBD",
        "Secretariat of the Convention on Biological Diversity (CBD)",
        "Peter Deupmann",
        "attending parts remotely",
        ParticipationMode.REMOTE,
    ),
    ("INTERPOL", "INTERPOL", "Holger Farnung", "", ParticipationMode.IN_PERSON),
    (
        "OPCW",
        "Organisation for the Prohibition of Chemical Weapons",
        "Pavlo Byalyk",
        "",
        ParticipationMode.IN_PERSON,
    ),
    (
        "OPCW",
        "Organisation for the Prohibition of Chemical Weapons",
        "Shimelis Biru",
        "",
        ParticipationMode.IN_PERSON,
    ),
    ("Ozone Secretariat", "Ozone Secretariat", "Gilbert Bankobeza", "", ParticipationMode.IN_PERSON),
    (
        "UNODC",
        "United Nations Office on Drugs and Crime (UNODC)",
        "Ricarda Amberg",
        "",
        ParticipationMode.IN_PERSON,
    ),
    (
        "OzonAction",
        "United Nations Environment Programme DTIE OzonAction",
        "Ezra Clark",
        "",
        ParticipationMode.IN_PERSON,
    ),
    (
        "UNEP Law Division",
        "United Nations Environment Programme Law Division",
        "Elizabeth Mrema",
        "Director of the Law Division; chair of the meeting",
        ParticipationMode.IN_PERSON,
    ),
    (
        "UNEP Law Division",
        "United Nations Environment Programme Law Division",
        "Wanhua Yang",
        "",
        ParticipationMode.IN_PERSON,
    ),
    (
        "UNEP Law Division",
        "United Nations Environment Programme Law Division",
        "Yannis Derbali",
        "",
        ParticipationMode.IN_PERSON,
    ),
    (
        "WCO",
        "World Customs Organization",
        "Roux Raath",
        "Technical Officer on Compliance",
        ParticipationMode.IN_PERSON,
    ),
    ("WCO", "World Customs Organization", "Tiffany Lormeau", "", ParticipationMode.IN_PERSON),
    (
        "WCO",
        "World Customs Organization",
        "Thibault Hermes",
        "Capacity building, CLiCK! Programme",
        ParticipationMode.IN_PERSON,
    ),
]


def _partners() -> dict[str, Partner]:
    return {p.acronym: p for p in Partner.objects.all()}


def _meeting(slug: str, **fields: object) -> Event:
    event, _created = Event.objects.update_or_create(slug=slug, defaults=fields)
    return event


def _sessions(event: Event, rows: list[tuple], partners: dict[str, Partner]) -> None:
    for order, row in enumerate(rows, start=1):
        if len(row) == 5:
            label, day, title, lead, summary = row
            start = end = None
            items = ""
        else:
            label, day, start, end, title, items, lead, summary = row
        MeetingSession.objects.update_or_create(
            event=event,
            order=order,
            defaults={
                "label": label,
                "day": day,
                "start_time": start,
                "end_time": end,
                "title": title,
                "items": items,
                "lead": lead,
                "summary": summary,
            },
        )


def _participants(event: Event, rows: list[tuple], partners: dict[str, Partner]) -> None:
    for row in rows:
        acronym, organization, name, role, *rest = row
        Participant.objects.update_or_create(
            event=event,
            name=name,
            organization=organization,
            defaults={
                "partner": partners.get(acronym),
                "role": role,
                "mode": rest[0] if rest else ParticipationMode.IN_PERSON,
            },
        )


@transaction.atomic
def load(*, stdout: TextIO) -> None:
    partners = _partners()
    if "WCO" not in partners:
        stdout.write("events demo: partners are not loaded; skipped\n")
        return
    wco = partners["WCO"]
    m3 = _meeting(
        SLUG_2007,
        kind=EventKind.PARTNERS_MEETING,
        number=3,
        title="3rd Green Customs Partners' Meeting",
        start=date(2007, 3, 1),
        end=date(2007, 3, 2),
        venue="WCO Headquarters",
        city="Brussels",
        country="BE",
        host=wco,
        access_level=Level.INTRANET,
        description="Held in parallel to WCO's Enforcement Committee. (The report's annexes — agenda and list of "
        "participants — are not in the source text: the participants shown are those its text names.)",
    )
    _sessions(m3, SESSIONS_2007, partners)
    guide_session = MeetingSession.objects.get(event=m3, order=2)
    SessionDocument.objects.get_or_create(
        session=guide_session,
        title="WCO correlation tables between HS codes and International Conventions (January 2007)",
        url="http://www.wcoomd.org/ie/En/Topics_Issues/HarmonizedSystem/Correlation_Tables_English_January_2007.pdf",
    )
    _participants(m3, PARTICIPANTS_2007, partners)
    MeetingReport.objects.update_or_create(
        event=m3,
        defaults={
            "executive_summary": INTRO_2007 + "\n\n" + WELCOME_2007,
            "introduction": INTRO_2007,
            "conclusion": CONCLUSION_2007,
            "status": ReportStatus.FINAL,
            "status_note": FINAL_NOTE,
        },
    )

    m12 = _meeting(
        SLUG_2017,
        kind=EventKind.PARTNERS_MEETING,
        number=12,
        title="12th Green Customs Initiative Partners' Meeting",
        start=date(2017, 10, 3),
        end=date(2017, 10, 4),
        venue="Meeting Room 3.27, 3rd Floor, WCO Building",
        city="Brussels",
        country="BE",
        host=wco,
        remote_participation=True,
        access_level=Level.INTRANET,
        description="Chaired by UN Environment (Law Division). CBD participated partly through a tele-conference link.",
    )
    _sessions(m12, SESSIONS_2017, partners)
    _participants(m12, PARTICIPANTS_2017, partners)
    for order, text in enumerate(OUTCOMES_2017, start=1):
        KeyOutcome.objects.update_or_create(event=m12, order=order, defaults={"text": text})
    MeetingReport.objects.update_or_create(
        event=m12,
        defaults={
            "executive_summary": EXEC_2017,
            "introduction": INTRO_2017,
            "status": ReportStatus.FINAL,
            "status_note": FINAL_NOTE,
        },
    )
    # 2017 action 5: "Secretariat will draft short version of the report (10-12) and send it out to partners
    # for approval" — the short version is a document of its own; its text here is DEMO DATA.
    ReportShortVersion.objects.get_or_create(
        report=MeetingReport.objects.get(event=m12),
        defaults={
            "body": "Demo data: a placeholder for the short version (10–12 pages) the secretariat drafts from the "
            "report; the real short version is not part of this demonstration.\n\n" + EXEC_2017,
            "pages": None,
            "updated_at": datetime(2017, 10, 20, 9, 0, tzinfo=UTC),
            "is_demo": True,
        },
    )
    stdout.write(
        f"events demo: {Event.objects.filter(kind=EventKind.PARTNERS_MEETING).count()} partners' meetings\n"
    )

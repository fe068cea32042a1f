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

from datetime import UTC, datetime
from typing import Any, TextIO

from django.db import transaction

from greencustoms import demo_data
from greencustoms.actions.choices import (
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
from greencustoms.events.demo import SLUG_2007, SLUG_2017
from greencustoms.events.demo import load as load_meetings
from greencustoms.events.models import Event
from greencustoms.partners.models import Partner

SEC = "secretariat"
EACH = "each"
# The transcribed lists (actions, demo progress notes, planned activities): greencustoms/actions/data/demo/.
ACTIONS = demo_data.read("actions", "actions")
PROGRESS = demo_data.read("actions", "progress")["progress"]
ACTIVITIES = demo_data.read("actions", "activities")["activities"]


DEMO_AT = datetime(2017, 10, 20, 9, 0, tzinfo=UTC)


def _owners(keys: list[str], partners: dict[str, Partner]) -> tuple[list[Partner], bool, bool]:
    named = [partners[k] for k in keys if k not in (SEC, EACH)]
    return named, SEC in keys, EACH in keys


def _due(spec: dict[str, Any] | None) -> Due | None:
    if spec is None:
        return None
    return Due(
        DueKind(spec["kind"]), spec.get("deadline"), spec.get("text", ""), derived=spec.get("derived", False)
    )


def _actions(meeting: Event, rows: list[dict[str, Any]], partners: dict[str, Partner], *, source: str) -> int:
    """Create the meeting's actions; rows already there get the corrected owners, source and derived marks."""
    existing = {a.number: a for a in ActionPoint.objects.filter(meeting=meeting)}
    created = 0
    for row in rows:
        number, owners_text = row["number"], row["owners_text"]
        extras = {"owners_derived": row.get("owners_derived", False), "due": _due(row.get("due"))}
        owners, secretariat, each = _owners(row["owners"], partners)
        row_source = row.get("source", source)
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
            heading=row["heading"],
            text=row["text"],
            owners=owners,
            owner_secretariat=secretariat,
            owner_each_partner=each,
            owners_text=owners_text,
            due_text=row["due_text"],
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
    created = _actions(meetings[SLUG_2007], ACTIONS["actions_2007"], partners, source=ACTIONS["source_2007"])
    created += _actions(meetings[SLUG_2017], ACTIONS["actions_2017"], partners, source=ACTIONS["source_2017"])
    for progress in PROGRESS:
        status, on, text = progress["status"], progress["on"], progress["note"]
        action = ActionPoint.objects.get(meeting=meetings[progress["meeting"]], number=progress["number"])
        _note, new = ProgressNote.objects.get_or_create(
            action=action,
            text=text,
            defaults={"on": on, "status": status, "created_at": DEMO_AT, "is_demo": True},
        )
        if new:
            # DEMO DATA: the status is invented and marked so (the "overdue" figures say how many are demo).
            ActionPoint.objects.filter(pk=action.pk).update(status=status, status_is_demo=True)

    for activity in ACTIVITIES:
        lead = activity["lead"]
        PlannedActivity.objects.update_or_create(
            title=activity["title"],
            defaults={
                **{
                    k: activity[k]
                    for k in (
                        "kind",
                        "start",
                        "end",
                        "dates_text",
                        "region",
                        "venue",
                        "lead_secretariat",
                        "status",
                    )
                },
                "owner_partner": partners.get(lead) if lead else None,
                "agreed_at": meetings[activity["agreed_at"]],
                "description": activity["description"],
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

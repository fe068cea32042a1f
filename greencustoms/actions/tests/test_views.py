"""Action list filters, progress by owners only, activity plan, membership and funding pages."""

from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.urls import reverse

from greencustoms.accounts.choices import Role
from greencustoms.actions.models import (
    ActionPoint,
    ActivityResponse,
    DonorApproach,
    FundingProposal,
    MembershipRequest,
    PartnerView,
    PlannedActivity,
)
from greencustoms.conftest import make_user, signed_in_client


def _numbers(response: Any) -> list[tuple[int, int]]:
    return sorted((a.meeting.number, a.number) for a in response.context["actions"])


def test_filters_by_owner_status_meeting_and_overdue(
    demo: dict, partner_user: Any, django_assert_max_num_queries: Any
) -> None:
    client = signed_in_client(partner_user)
    url = reverse("actions:action_list")
    with django_assert_max_num_queries(25):
        everything = client.get(url)
    # 17 of 2007, 31 of the 2017 annex, 3 key recommendations and 3 commitments of the 2017 report's body.
    assert len(everything.context["actions"]) == 54
    m3 = demo[3].pk
    # A partner's actions: those naming it, and every "each partner" action (2, 5, 6, 8, 14).
    unep = _numbers(client.get(url, {"meeting": m3, "owner": "UNEP"}))
    assert unep == [(3, n) for n in (2, 4, 5, 6, 7, 8, 14, 16, 17)]
    assert (3, 1) in _numbers(client.get(url, {"meeting": m3, "owner": "secretariat"}))
    assert (3, 2) in _numbers(client.get(url, {"meeting": m3, "owner": "each"}))
    # WCO owns 16 itself, and every "each partner" action.
    wco = _numbers(client.get(url, {"meeting": m3, "owner": "WCO"}))
    assert (3, 16) in wco and (3, 2) in wco and (3, 1) not in wco
    assert _numbers(client.get(url, {"meeting": m3, "status": "done"})) == [(3, 1), (3, 8)]
    overdue = _numbers(client.get(url, {"meeting": m3, "overdue": "on"}))
    # Dated and still pending: not 1 and 8 (done), not 3, 5, 6, 15, 16 (no date); 13 by its derived date
    # (the last meeting its text names, the Basel OEWG in September 2007).
    assert overdue == [(3, n) for n in (2, 4, 7, 9, 10, 11, 12, 13, 14, 17)]
    # Beside overdue: open without a deadline for more than 6 months (3, 5, 6, 15 and 16 have no date).
    stale = _numbers(client.get(url, {"meeting": m3, "open_months": 6}))
    assert stale == [(3, n) for n in (3, 5, 6, 15, 16)]
    assert "owner" in client.get(url, {"owner": "NOPE"}).context["form"].errors


def test_owner_staff_record_progress_and_the_action_leaves_the_overdue_list(
    demo: dict, partners: dict
) -> None:
    unep = make_user("unep@test.example", Role.PARTNER, totp=True, partner=partners["UNEP"])
    client = signed_in_client(unep)
    action = ActionPoint.objects.get(meeting=demo[3], number=4)
    overdue_url = reverse("actions:action_list") + "?overdue=on"
    assert action in client.get(overdue_url).context["actions"]
    response = client.post(
        reverse("actions:action_detail", args=[action.pk]),
        {
            "status": "done",
            "on": "2007-07-15",
            "text": "ToR approved",
            "evidence_url": "https://example.org/tor",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "done"
    note = action.notes.last()
    assert (note.text, note.evidence_url, note.by_partner.acronym, note.on) == (
        "ToR approved",
        "https://example.org/tor",
        "UNEP",
        date(2007, 7, 15),
    )
    assert action not in client.get(overdue_url).context["actions"]


def test_other_partners_may_not_update(demo: dict, partners: dict, partner_user: Any) -> None:
    action = ActionPoint.objects.get(meeting=demo[3], number=4)  # owned by UNEP only
    client = signed_in_client(partner_user)  # WCO
    page = client.get(reverse("actions:action_detail", args=[action.pk]))
    assert page.status_code == 200 and not page.context["can_update"]
    response = client.post(
        reverse("actions:action_detail", args=[action.pk]),
        {"status": "done", "on": "2007-07-15", "text": "x"},
    )
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == "in_progress"


def test_each_partner_actions_may_be_updated_by_any_partner_and_the_secretariat(
    demo: dict, partner_user: Any, secretariat_user: Any
) -> None:
    action = ActionPoint.objects.get(meeting=demo[3], number=2)
    for user in (partner_user, secretariat_user):
        client = signed_in_client(user)
        assert client.get(reverse("actions:action_detail", args=[action.pk])).context["can_update"]


def test_activity_plan_list_calendar_response_and_ical(demo: dict, partner_user: Any) -> None:
    from icalendar import Calendar

    client = signed_in_client(partner_user)
    listing = client.get(reverse("actions:plan")).content.decode()
    assert "Webinar to promote the GCI e-learning modules" in listing
    calendar = client.get(reverse("actions:plan"), {"view": "calendar", "month": "2018-04"}).content.decode()
    assert "GCI module at the WCO event in Shanghai" in calendar
    assert "Webinar to promote" not in calendar
    webinar = PlannedActivity.objects.get(title__startswith="Webinar")
    client.post(
        reverse("actions:activity_detail", args=[webinar.pk]), {"intention": "yes", "comment": "Two trainers"}
    )
    response = ActivityResponse.objects.get(activity=webinar, partner__acronym="WCO")
    assert (response.intention, response.comment) == ("yes", "Two trainers")
    cal = Calendar.from_ical(client.get(reverse("actions:plan_ics")).content)
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert len(events) == PlannedActivity.objects.count()
    assert str(events["Webinar to promote the GCI e-learning modules"]["status"]) == "TENTATIVE"


def test_membership_views_by_partners_and_decision_by_secretariat(
    demo: dict, partner_user: Any, secretariat_user: Any
) -> None:
    request = MembershipRequest.objects.get(organization__acronym="Minamata")
    wco = signed_in_client(partner_user)
    page = wco.get(reverse("actions:membership_detail", args=[request.pk]))
    assert page.context["view_form"] is not None and page.context["decision_form"] is None
    wco.post(
        reverse("actions:membership_act", args=[request.pk, "view"]),
        {"view": "support", "comment": "Welcome"},
    )
    assert PartnerView.objects.get(request=request).partner.acronym == "WCO"
    wco.post(
        reverse("actions:membership_act", args=[request.pk, "decide"]),
        {"status": "accepted", "decision_text": "x"},
    )
    request.refresh_from_db()
    assert request.status == "pending"  # partners do not decide
    sec = signed_in_client(secretariat_user)
    sec.post(
        reverse("actions:membership_act", args=[request.pk, "decide"]),
        {"status": "accepted", "decision_text": "Agreed by e-mail"},
    )
    request.refresh_from_db()
    assert (request.status, request.decision_text) == ("accepted", "Agreed by e-mail")
    response = wco.post(
        reverse("actions:membership_act", args=[request.pk, "view"]), {"view": "object"}, follow=True
    )
    assert "already decided" in response.content.decode()


def test_funding_donors_recorded_by_the_secretariat(
    demo: dict, partner_user: Any, secretariat_user: Any
) -> None:
    proposal = FundingProposal.objects.get(title__startswith="GCI fundraising")
    url = reverse("actions:funding_detail", args=[proposal.pk])
    assert signed_in_client(partner_user).post(url, {"donor": "X", "response": "pledged"}).status_code == 403
    sec = signed_in_client(secretariat_user)
    sec.post(
        url,
        {"donor": "Donor A", "response": "pledged", "amount_pledged": "50000", "approached_on": "2018-01-10"},
    )
    sec.post(url, {"donor": "Donor B", "response": "pledged", "amount_pledged": "25000.50"})
    assert DonorApproach.objects.filter(proposal=proposal).count() == 3
    assert str(FundingProposal.objects.get(pk=proposal.pk).amount_pledged) == "75000.50"
    assert "75000.50" in sec.get(reverse("actions:funding_list")).content.decode()


def test_demo_is_idempotent_and_faithful(demo: dict) -> None:
    from greencustoms.actions.demo import load
    from greencustoms.events.models import Participant

    counts = (ActionPoint.objects.count(), PlannedActivity.objects.count(), Participant.objects.count())
    out = StringIO()
    load(stdout=out)
    assert (
        ActionPoint.objects.count(),
        PlannedActivity.objects.count(),
        Participant.objects.count(),
    ) == counts
    assert "0 new action points" in out.getvalue()
    assert ActionPoint.objects.filter(meeting=demo[3]).count() == 17
    assert demo[3].sessions.count() == 4 and demo[3].host.acronym == "WCO"
    assert str(demo[12].start) == "2017-10-03" and demo[12].outcomes.count() == 4
    orgs = set(demo[12].participants.values_list("partner__acronym", flat=True))
    assert orgs == {
        "BRS",
        "SCBD",
        "INTERPOL",
        "OPCW",
        "Ozone Secretariat",
        "UNODC",
        "OzonAction",
        "UNEP Law Division",
        "WCO",
    }
    assert all(
        n.is_demo and n.text.startswith("Demo data") for a in ActionPoint.objects.all() for n in a.notes.all()
    )


@pytest.mark.parametrize(
    "name",
    [
        "actions:action_list",
        "actions:plan",
        "actions:membership_list",
        "actions:funding_list",
        "events:meeting_list",
    ],
)
def test_nav_and_pages_render_for_partners(name: str, demo: dict, partner_user: Any) -> None:
    client = signed_in_client(partner_user)
    html = client.get(reverse(name)).content.decode()
    assert 'href="/actions/"' in html and 'href="/events/meetings/"' in html


def test_nav_hides_intranet_links_from_officers(demo: dict, officer: Any) -> None:
    html = signed_in_client(officer).get(reverse("events:meeting_list")).content.decode()
    assert 'href="/actions/"' not in html


def test_secretariat_adds_an_action_and_its_deadline_is_read(
    demo: dict, secretariat_user: Any, partner_user: Any, partners: dict
) -> None:
    url = reverse("actions:action_create", args=[demo[12].slug])
    assert signed_in_client(partner_user).get(url).status_code == 403
    client = signed_in_client(secretariat_user)
    form = client.get(url).context["form"]
    assert form.initial["number"] == 38
    response = client.post(
        url,
        {
            "number": 38,
            "text": "Send the new flyers to Partners",
            "owners": [partners["WCO"].pk],
            "owner_secretariat": "on",
            "due_text": "End of April 2018",
        },
    )
    assert response.status_code == 302
    action = ActionPoint.objects.get(meeting=demo[12], number=38)
    assert (action.due_kind, str(action.due_date), action.owner_labels()) == (
        "month",
        "2018-04-30",
        ["WCO", "GCI Secretariat"],
    )
    duplicate = client.post(url, {"number": 38, "text": "again"})
    assert "already has an action with this number" in duplicate.content.decode()


def test_pages_are_translated(demo: dict, partner_user: Any) -> None:
    from django.utils.translation import trans_real

    from greencustoms.bootstrap import compile_translations

    compile_translations()
    # Catalogues are cached per process: drop any loaded before the .mo files existed.
    trans_real._translations = {}
    trans_real._default = None
    client = signed_in_client(partner_user)
    from html import unescape

    assert "Points d'action en retard" in unescape(client.get("/fr/actions/?overdue=on").content.decode())
    assert "Plan de actividades" in client.get("/es/actions/plan/").content.decode()

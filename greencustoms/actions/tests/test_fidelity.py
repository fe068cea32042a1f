"""The demo transcription checked against the two reports themselves (../shared/seeds/): owners, key
recommendations, commitments in the body, full deadline texts, derived values and demo statuses."""

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from greencustoms.actions.models import ActionPoint

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"


def _flat(text: str) -> str:
    """Words only: the PDF transcriptions break lines and pages mid-sentence and mark emphasis with *."""
    text = text.replace("’", "'").replace("“", '"').replace("”", '"').replace("*", "")
    return " ".join(re.sub(r"\n\s*\d+\s*\n", "\n", text).split()).casefold()


def _report(marker: str) -> str:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if marker in text:
            return _flat(text)
    pytest.fail(f"no report in {SEEDS} contains {marker!r}")


@pytest.fixture(scope="module")
def report_2007() -> str:
    return _report("Third Meeting of the Green Customs Partners")


@pytest.fixture(scope="module")
def report_2017() -> str:
    return _report("twelfth Green Customs Initiative Partners")


def _action(demo: dict, meeting: int, number: int) -> ActionPoint:
    return ActionPoint.objects.prefetch_related("owners").get(meeting=demo[meeting], number=number)


def _owners(action: ActionPoint) -> set[str]:
    return {p.acronym for p in action.owners.all()}


#: Spelling the demo corrects on purpose (the report writes "Minimata").
CORRECTED = {"Minamata Convention Secretariat": "Minimata Convention Secretariat"}


def _in(report: str, words: str) -> bool:
    for ours, theirs in CORRECTED.items():
        words = words.replace(ours, theirs)
    return _flat(words).rstrip(".;") in report


def test_the_drafting_task_force_includes_basel(demo: dict, report_2007: str) -> None:
    assert "ms. rugarabamu from basel" in report_2007
    for number in (7, 9, 11):
        action = _action(demo, 3, number)
        assert "BRS" in _owners(action) and {"CITES", "OzonAction"} <= _owners(action)
        assert action.owners_derived and "Rugarabamu, Basel" in action.owners_text


def test_the_hs_annex_action_names_the_wco(demo: dict, report_2007: str) -> None:
    assert "as prepared by the wco" in report_2007
    assert "WCO" in _owners(_action(demo, 3, 9))


def test_action_4_keeps_every_month_of_its_deadline(demo: dict, report_2007: str) -> None:
    action = _action(demo, 3, 4)
    for part in (
        "Draft to be circulated by end April 2007",
        "Comments should be received in May – June 2007 for approval by July 2007",
    ):
        assert part in action.due_text
        assert _in(report_2007, part)


def test_action_13_keeps_the_cop_dates_and_its_date_is_derived(demo: dict, report_2007: str) -> None:
    action = _action(demo, 3, 13)
    assert (
        action.due_text
        == "the Stockholm Convention COP (April-May); CITES COP (June) and Basel OEWG (September)"
    )
    assert _in(report_2007, action.due_text)
    assert (str(action.due_date), action.due_derived) == ("2007-09-30", True)


def test_key_recommendations_missing_from_the_annex_are_actions(demo: dict, report_2017: str) -> None:
    flyers = ActionPoint.objects.get(meeting=demo[12], text__startswith="GCI secretariat to send new flyers")
    promote = ActionPoint.objects.get(
        meeting=demo[12], text__startswith="GCI secretariat to work with Partners to promote"
    )
    webinar = ActionPoint.objects.get(meeting=demo[12], text__contains="a possible webinar in January 2018")
    for action in (flyers, promote, webinar):
        assert _in(report_2017, action.text), action.text
        assert action.source.startswith("Key recommendations")
        assert action.owner_secretariat
    assert "WCO" in _owners(webinar)
    assert (str(webinar.due_date), webinar.due_derived, webinar.due_text) == (
        "2018-01-31",
        True,
        "a possible webinar in January 2018",
    )


def test_action_31_has_the_secretariat_as_co_owner(demo: dict, report_2017: str) -> None:
    assert "gci secretariat to prepare the organization of the next partners' meeting" in report_2017
    action = _action(demo, 12, 31)
    assert _owners(action) == {"OPCW"} and action.owner_secretariat
    assert action.due_derived and _in(report_2017, action.due_text)


@pytest.mark.parametrize(
    ("owners", "words"),
    [
        ({"BRS", "WCO"}, "both BRS and WCO committed to deal with this matter"),
        (set(), "WCO also relies on the GCI-partners to refer experts to"),
        ({"WCO"}, "WCO will work with GCI partners to avoid duplication"),
    ],
)
def test_commitments_in_the_body_of_the_report_are_actions(
    demo: dict, report_2017: str, owners: set[str], words: str
) -> None:
    action = ActionPoint.objects.get(meeting=demo[12], text__contains=words)
    assert _in(report_2017, action.text)
    assert _owners(action) == owners
    assert action.source.startswith("Body of the report")


def test_every_action_text_and_deadline_is_the_reports_wording(
    demo: dict, report_2007: str, report_2017: str
) -> None:
    for action in ActionPoint.objects.select_related("meeting"):
        report = report_2007 if action.meeting.start.year == 2007 else report_2017
        if action.meeting.start.year == 2017:
            # The 2017 annex and summary are copied sentence for sentence; the 2007 texts join a session's bullets.
            assert _in(report, action.text), (action.number, action.text)
        if action.due_text:
            for part in re.split(r"(?<=\.) ", action.due_text):
                assert _in(report, part), (action.meeting.start.year, action.number, part)


def test_a_date_read_from_words_is_marked_derived(demo: dict) -> None:
    in_a_week = _action(demo, 12, 7)
    assert (in_a_week.due_text, str(in_a_week.due_date), in_a_week.due_derived) == (
        "In a week",
        "2017-10-10",
        True,
    )  # the meeting opened on 3 October
    stated = _action(demo, 12, 6)
    assert (str(stated.due_date), stated.due_derived) == ("2017-10-18", False)


def test_demo_statuses_say_they_are_demo(demo: dict, partner_user: Any, client_for: Any) -> None:
    invented = ActionPoint.objects.filter(status_is_demo=True)
    assert invented.count() == 7
    assert not ActionPoint.objects.filter(status_is_demo=False).exclude(status="open").exists()
    page = client_for(partner_user).get("/actions/", {"overdue": "on"})
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="demo-statuses"' in html and "with a demo status" in html

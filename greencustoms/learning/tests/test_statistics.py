"""Statistics against a hand-counted fixture.

Module "ozone" (WCO, 2 lessons) on 2026-03-02 (T0), "now" = T0 + 40 days:
  ann  (KE, KRA)   enrolled T0,    opened lesson 1 at T0+35  → started, active 30d and 90d
  ben  (KE, KRA)   enrolled T0,    2 lessons, test failed at T0+1, passed at T0+4 → passed, 4 days
  cleo (SN, DGD)   enrolled T0,    never started, idle → registered only, active 90d (enrolled 40 days ago)
Module "cites-test" (CITES): dan (SN) enrolled T0+39.
"""

from datetime import timedelta
from typing import Any

import pytest

from greencustoms.conftest import make_user
from greencustoms.learning import services, statistics
from greencustoms.learning.content import version_load
from greencustoms.learning.models import Lesson, Module, Question
from greencustoms.learning.tests.conftest import FILES, T0, module_data

NOW = T0 + timedelta(days=40)


def answer_all(attempt: Any, right: bool) -> dict:
    return {
        qid: {"choice": Question.objects.get(pk=qid).choices.get(is_correct=right).pk}
        for qid in attempt.question_ids
    }


@pytest.fixture
def fixture(module: Module) -> dict[str, Module]:
    version_load(module_data(slug="cites-test", owner="CITES", title="CITES test"), FILES, at=T0)
    other = Module.objects.get(slug="cites-test")
    one, two = Lesson.objects.filter(version=module.current_version).order_by("position")
    ann = make_user("ann@test.example", country="KE", administration="KRA")
    ben = make_user("ben@test.example", country="KE", administration="KRA")
    cleo = make_user("cleo@test.example", country="SN", administration="DGD")
    dan = make_user("dan@test.example", country="SN", administration="DGD")
    e = services.enrolment_create(user=ann, module=module, at=T0)
    services.lesson_open(enrolment=e, lesson=one, at=T0 + timedelta(days=35))
    e = services.enrolment_create(user=ben, module=module, at=T0)
    for lesson in (one, two):
        services.lesson_open(enrolment=e, lesson=lesson, at=T0)
        services.lesson_complete(enrolment=e, lesson=lesson, at=T0)
    a = services.attempt_start(enrolment=e, at=T0 + timedelta(days=1))
    services.attempt_submit(attempt=a, answers=answer_all(a, False), at=T0 + timedelta(days=1))
    a = services.attempt_start(enrolment=e, at=T0 + timedelta(days=4))
    services.attempt_submit(attempt=a, answers=answer_all(a, True), at=T0 + timedelta(days=4))
    services.enrolment_create(user=cleo, module=module, at=T0)
    services.enrolment_create(user=dan, module=other, at=T0 + timedelta(days=39))
    services.stats_rollup(at=NOW)
    return {"ozone": module, "cites": other}


def test_per_module_rows_match_the_hand_count(fixture: dict[str, Module]) -> None:
    rows = {r.key: r for r in statistics.rows(Module.objects.all(), at=NOW)}
    ozone = rows["ozone"]
    assert (ozone.registered, ozone.started, ozone.active_30d, ozone.active_90d) == (3, 2, 1, 3)
    assert (ozone.lessons_completed, ozone.completed_lessons_all, ozone.attempted, ozone.passed) == (
        2,
        1,
        1,
        1,
    )
    assert ozone.avg_days_to_pass == 4.0 and ozone.completion_rate == 33.3
    cites = rows["cites-test"]
    assert (cites.registered, cites.started, cites.active_30d, cites.passed) == (1, 0, 1, 0)
    total = statistics.total(rows.values())
    assert (total.registered, total.passed, total.avg_days_to_pass) == (4, 1, 4.0)


def test_breakdowns_by_country_administration_and_month(fixture: dict[str, Module]) -> None:
    scope = Module.objects.all()
    by_country = {r.key: (r.registered, r.passed) for r in statistics.rows(scope, at=NOW, by="country")}
    assert by_country == {"KE": (2, 1), "SN": (2, 0)}
    by_admin = {r.key: r.registered for r in statistics.rows(scope, at=NOW, by="administration")}
    assert by_admin == {"DGD": 2, "KRA": 2}
    by_month = {r.key: r.registered for r in statistics.rows(scope, at=NOW, by="month")}
    assert by_month == {"2026-03": 3, "2026-04": 1}
    only_ke = statistics.rows(scope, at=NOW, by="module", country="ke")
    assert {r.key: r.registered for r in only_ke} == {"ozone": 2, "cites-test": 0}


def test_figures_are_as_of_the_last_rollup(fixture: dict[str, Module]) -> None:
    assert statistics.computed_at() == NOW
    services.enrolment_create(user=make_user("late@test.example"), module=fixture["ozone"], at=NOW)
    assert {r.key: r.registered for r in statistics.rows(Module.objects.all())}["ozone"] == 3
    services.stats_rollup(at=NOW)
    assert {r.key: r.registered for r in statistics.rows(Module.objects.all())}["ozone"] == 4


def test_funnel_and_trends(fixture: dict[str, Module]) -> None:
    scope = Module.objects.filter(slug="ozone")
    row = statistics.total(statistics.rows(scope, at=NOW))
    assert [n for _label, n in statistics.funnel_steps(row)] == [3, 2, 1, 1, 1]
    svg = statistics.funnel_svg(statistics.funnel_steps(row))
    assert svg.startswith("<svg") and "Registered: 3" in svg
    services.activity_rollup(at=NOW)
    series = statistics.trends(scope, at=NOW)
    assert [(s["month"], s["registered"], s["passed"]) for s in series] == [
        ("2026-03", 3, 1),
        ("2026-04", 0, 0),
    ]


def test_stats_page_partner_sees_own_modules_only(
    fixture: Any, partner_user: Any, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    c = client_for(partner_user)
    with django_assert_max_num_queries(20):
        page = c.get("/learning/stats/?by=administration").content.decode()
    assert "Ozone basics" in page and "CITES test" not in page and "KRA" in page and "<svg" in page


def test_stats_page_is_refused_to_officers_and_anonymous(
    fixture: Any, officer: Any, client_for: Any, client: Any
) -> None:
    assert client_for(officer).get("/learning/stats/").status_code == 403
    assert client.get("/learning/stats/").status_code == 403
    assert client.get("/learning/stats.csv").status_code == 403


def test_stats_api_contract(
    fixture: Any,
    partner_user: Any,
    secretariat_user: Any,
    officer: Any,
    client_for: Any,
    client: Any,
    django_assert_max_num_queries: Any,
) -> None:
    assert client.get("/api/v1/learning/stats").status_code == 401
    assert client_for(officer).get("/api/v1/learning/stats").status_code == 403
    partner_client = client_for(partner_user)
    with django_assert_max_num_queries(12):
        mine = partner_client.get("/api/v1/learning/stats").json()
    assert [m["module"] for m in mine] == ["ozone"]
    assert {k: mine[0][k] for k in ("registered", "started", "passed")} == {
        "registered": 3,
        "started": 2,
        "passed": 1,
    }
    assert "active_30d" in mine[0]
    everything = client_for(secretariat_user).get("/api/v1/learning/stats").json()
    assert sorted(m["module"] for m in everything) == ["cites-test", "ozone"]


def test_csv_export(fixture: Any, secretariat_user: Any, client_for: Any) -> None:
    response = client_for(secretariat_user).get("/learning/stats.csv?by=country")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("country,registered,started,active_30d")
    assert lines[1].startswith("KE,2,2,")


def test_xapi_statements(fixture: Any, secretariat_user: Any, client_for: Any) -> None:
    import json

    response = client_for(secretariat_user).get("/learning/stats/xapi.jsonl")
    statements = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    verbs = [s["verb"]["id"].rsplit("/", 1)[-1] for s in statements]
    assert verbs.count("registered") == 4 and verbs.count("passed") == 1 and verbs.count("failed") == 1
    passed = next(s for s in statements if s["verb"]["id"].endswith("/passed"))
    assert passed["result"]["success"] is True and passed["result"]["score"]["scaled"] == 1.0
    assert all("@" not in json.dumps(s["actor"]) for s in statements)
    assert len({s["id"] for s in statements}) == len(statements)

"""The Guide's existing rounds, approvals and history survive the move to the reviews app, ids and all."""

from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("guide", "0001_initial"), ("reviews", "0001_initial")]
AFTER = [("guide", "0002_rounds_to_reviews")]
AT = datetime(2030, 1, 2, 9, 0, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_guide_rounds_are_moved_not_lost(secretariat_user, partners):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    guide = old.get_model("guide", "Guide").objects.create(
        year=2031, edition="Fourth", title="Guide", languages=["en"]
    )
    round = old.get_model("guide", "ReviewRound").objects.create(
        pk=41,
        guide=guide,
        number=1,
        status="closed",
        deadline=date(2030, 2, 1),
        opened_at=AT,
        opened_by_id=secretariat_user.pk,
    )
    approval = old.get_model("guide", "PartnerApproval")
    approval.objects.create(round=round, partner_id=partners["WCO"].pk, decision="approved", decided_at=AT)
    approval.objects.create(
        round=round,
        partner_id=partners["CITES"].pk,
        decision="approved_with_conditions",
        conditions="Generic addresses only.",
        decided_at=AT,
    )
    old.get_model("guide", "ReviewEvent").objects.create(
        round=round, at=AT, kind="opened", detail="CITES, WCO"
    )
    old.get_model("guide", "ReviewComment").objects.create(
        round=round, author_id=secretariat_user.pk, body="Typo", created_at=AT
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    moved = new.get_model("reviews", "Round").objects.get(pk=41)
    assert (moved.subject_id, moved.number, moved.status, moved.version, moved.url) == (
        guide.pk,
        1,
        "closed",
        "2031 draft 1",
        "/guide/review/41/",
    )
    answers = {a.partner_id: (a.decision, a.text, a.version) for a in moved.answers.all()}
    assert answers == {
        partners["WCO"].pk: ("approved", "", "2031 draft 1"),
        partners["CITES"].pk: ("approved_with_conditions", "Generic addresses only.", "2031 draft 1"),
    }
    assert [e.kind for e in moved.events.all()] == ["opened"]
    assert new.get_model("guide", "ReviewComment").objects.get().round_id == 41
    # New rounds do not collide with the copied ids (sequences reset).
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

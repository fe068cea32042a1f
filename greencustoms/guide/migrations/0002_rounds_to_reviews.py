"""The Guide's review rounds move to the generic reviews app (one review mechanism for every document).

Rounds, partners' approvals and history rows are copied with their ids, so links to ``/guide/review/<id>/``
and the Guide's comments keep pointing at the same round; then the Guide's own tables are dropped.
"""

import django.db.models.deletion
from django.core.management.color import no_style
from django.db import migrations, models


def _reset_sequences(schema_editor, models_):
    statements = schema_editor.connection.ops.sequence_reset_sql(no_style(), models_)
    with schema_editor.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    OldRound = apps.get_model("guide", "ReviewRound")
    OldApproval = apps.get_model("guide", "PartnerApproval")
    OldEvent = apps.get_model("guide", "ReviewEvent")
    Round = apps.get_model("reviews", "Round")
    Answer = apps.get_model("reviews", "Answer")
    Event = apps.get_model("reviews", "Event")
    if not OldRound.objects.exists():
        return
    guide_type, _created = ContentType.objects.get_or_create(app_label="guide", model="guide")
    versions = {}
    for old in OldRound.objects.select_related("guide").order_by("pk"):
        version = f"{old.guide.year} draft {old.number}"
        versions[old.pk] = version
        Round.objects.create(
            pk=old.pk,
            subject_type=guide_type,
            subject_id=old.guide_id,
            title=f"Green Customs Guide {old.guide.year}",
            version=version,
            url=f"/guide/review/{old.pk}/",
            number=old.number,
            status=old.status,
            deadline=old.deadline,
            message=old.message,
            opened_at=old.opened_at,
            opened_by_id=old.opened_by_id,
            closed_at=old.closed_at,
            closed_by_id=old.closed_by_id,
        )
    Answer.objects.bulk_create(
        Answer(
            pk=a.pk,
            round_id=a.round_id,
            partner_id=a.partner_id,
            version=versions[a.round_id] if a.decision != "pending" else "",
            decision=a.decision,
            text=a.conditions,
            decided_at=a.decided_at,
            decided_by_id=a.decided_by_id,
            reminders_sent=a.reminders_sent,
            last_reminded_at=a.last_reminded_at,
        )
        for a in OldApproval.objects.order_by("pk")
    )
    Event.objects.bulk_create(
        Event(
            pk=e.pk,
            round_id=e.round_id,
            at=e.at,
            kind=e.kind,
            actor_id=e.actor_id,
            partner_id=e.partner_id,
            version=versions[e.round_id],
            detail=e.detail,
        )
        for e in OldEvent.objects.order_by("pk")
    )
    _reset_sequences(schema_editor, [Round, Answer, Event])


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    OldRound = apps.get_model("guide", "ReviewRound")
    OldApproval = apps.get_model("guide", "PartnerApproval")
    OldEvent = apps.get_model("guide", "ReviewEvent")
    Round = apps.get_model("reviews", "Round")
    guide_type = ContentType.objects.filter(app_label="guide", model="guide").first()
    if guide_type is None:
        return
    for r in Round.objects.filter(subject_type=guide_type).order_by("pk"):
        OldRound.objects.create(
            pk=r.pk,
            guide_id=r.subject_id,
            number=r.number,
            status=r.status,
            deadline=r.deadline,
            message=r.message,
            opened_at=r.opened_at,
            opened_by_id=r.opened_by_id,
            closed_at=r.closed_at,
            closed_by_id=r.closed_by_id,
        )
        for a in r.answers.all():
            OldApproval.objects.create(
                pk=a.pk,
                round_id=r.pk,
                partner_id=a.partner_id,
                # The Guide knew no "comments" answer: such an answer goes back to pending.
                decision=a.decision if a.decision != "commented" else "pending",
                conditions=a.text if a.decision == "approved_with_conditions" else "",
                decided_at=a.decided_at,
                decided_by_id=a.decided_by_id,
                reminders_sent=a.reminders_sent,
                last_reminded_at=a.last_reminded_at,
            )
        for e in r.events.all():
            OldEvent.objects.create(
                pk=e.pk, round_id=r.pk, at=e.at, kind=e.kind, actor_id=e.actor_id, partner_id=e.partner_id,
                detail=e.detail,
            )
    _reset_sequences(schema_editor, [OldRound, OldApproval, OldEvent])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("guide", "0001_initial"),
        ("reviews", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.AlterField(
            model_name="reviewcomment",
            name="round",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="guide_comments", to="reviews.round"
            ),
        ),
        migrations.DeleteModel(name="PartnerApproval"),
        migrations.DeleteModel(name="ReviewEvent"),
        migrations.DeleteModel(name="ReviewRound"),
    ]

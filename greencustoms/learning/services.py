"""Writes of the learning domain: enrol, open and complete lessons, answer, take the test, certify."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from greencustoms.accounts.models import User
from greencustoms.learning import selectors
from greencustoms.learning.choices import ScoStatus, Verb
from greencustoms.learning.models import (
    Attempt,
    Certificate,
    DailyActivity,
    Enrolment,
    LearningEvent,
    Lesson,
    LessonProgress,
    Module,
    Question,
    RollupState,
    ScoTracking,
)
from greencustoms.learning.scoring import Outcome, answer_from_post, percent, score
from greencustoms.learning.statistics import stats_rollup as rebuild

#: Re-opening the lesson one is reading within this window records nothing new.
REOPEN_WINDOW = timedelta(minutes=5)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from paper


class LearningError(Exception):
    """A learner action that the rules do not allow; the message is for the learner."""


def _record(
    enrolment: Enrolment, verb: str, at: datetime, *, ref: str = "", score: int | None = None
) -> None:
    LearningEvent.objects.create(
        user_id=enrolment.user_id,
        module_id=enrolment.module_id,
        version_number=enrolment.version.number,
        verb=verb,
        object_ref=ref,
        score=score,
        at=at,
    )


@transaction.atomic
def enrolment_create(*, user: User, module: Module, at: datetime) -> Enrolment:
    """Enrol the learner in the module's current version (or return their enrolment, kept on its version)."""
    existing = Enrolment.objects.select_related("version").filter(user=user, module=module).first()
    if existing is not None:
        return existing
    if module.current_version_id is None:
        raise LearningError(_("This module has no published version yet."))
    enrolment = Enrolment.objects.create(
        user=user,
        module=module,
        version_id=module.current_version_id,
        country=user.country,
        administration=user.administration,
        enrolled_at=at,
        last_activity_at=at,
    )
    _record(enrolment, Verb.REGISTERED, at)
    return enrolment


def _check_lesson(enrolment: Enrolment, lesson: Lesson) -> None:
    if lesson.version_id != enrolment.version_id:
        raise LearningError(_("This lesson belongs to another version of the module."))


def lesson_open(*, enrolment: Enrolment, lesson: Lesson, at: datetime) -> None:
    """The learner opened a lesson: remember it for resuming, and record the step."""
    _check_lesson(enrolment, lesson)
    if (
        enrolment.last_lesson_id == lesson.pk
        and enrolment.last_activity_at is not None
        and at - enrolment.last_activity_at < REOPEN_WINDOW
    ):
        return  # a reload of the lesson being read is not a new step (and costs no write)
    _lesson_open_write(enrolment, lesson, at)
    enrolment.last_lesson, enrolment.last_activity_at = lesson, at
    enrolment.started_at = enrolment.started_at or at


def _lesson_open_write(enrolment: Enrolment, lesson: Lesson, at: datetime) -> None:
    """Remember the lesson on the enrolment and record the step, atomically."""
    with transaction.atomic():
        Enrolment.objects.filter(pk=enrolment.pk).update(
            last_lesson=lesson, last_activity_at=at, started_at=Coalesce(F("started_at"), Value(at))
        )
        _record(enrolment, Verb.LAUNCHED, at, ref=f"lesson:{lesson.position}")


@transaction.atomic
def lesson_complete(*, enrolment: Enrolment, lesson: Lesson, at: datetime) -> bool:
    """Mark a lesson done (once); return whether it was new."""
    _check_lesson(enrolment, lesson)
    try:
        with transaction.atomic():
            LessonProgress.objects.create(enrolment=enrolment, lesson=lesson, completed_at=at)
    except IntegrityError:
        return False
    Enrolment.objects.filter(pk=enrolment.pk).update(
        lessons_completed=F("lessons_completed") + 1,
        last_activity_at=at,
        started_at=enrolment.started_at or at,
    )
    enrolment.lessons_completed += 1
    _record(enrolment, Verb.COMPLETED_LESSON, at, ref=f"lesson:{lesson.position}")
    return True


def exercise_check(
    *, enrolment: Enrolment, question: Question, answer: dict[str, Any], at: datetime
) -> Outcome:
    """Score a practice exercise of a lesson (unlimited tries) and record the answer."""
    if question.version_id != enrolment.version_id or question.lesson_id is None:
        raise LearningError(_("This exercise is not part of your module."))
    outcome = score(
        question.kind, selectors.choice_data(question), answer, selectors.explanation_of(question)
    )
    if outcome.answered:
        with transaction.atomic():
            Enrolment.objects.filter(pk=enrolment.pk).update(last_activity_at=at)
            _record(
                enrolment,
                Verb.ANSWERED,
                at,
                ref=f"question:{question.pk}",
                score=100 if outcome.correct else 0,
            )
    return outcome


@dataclass(frozen=True)
class LessonPost:
    """What a POST to a lesson page did: completed the lesson, or checked an exercise (with its outcome)."""

    completed: bool
    outcome: Outcome | None = None
    question_id: int | None = None


def lesson_post(*, enrolment: Enrolment, lesson: Lesson, data: Any, at: datetime) -> LessonPost | None:
    """Dispatch a lesson page's form: "complete" marks it done, "check=<question id>" scores an exercise.

    None when the form names no exercise of this lesson (the page answers 404).
    """
    if "complete" in data:
        lesson_complete(enrolment=enrolment, lesson=lesson, at=at)
        return LessonPost(completed=True)
    question = next((q for q in lesson.exercises.all() if str(q.id) == data.get("check")), None)
    if question is None:
        return None
    answer = answer_from_post(question.kind, question.id, [c.id for c in question.choices.all()], data)
    outcome = exercise_check(enrolment=enrolment, question=question, answer=answer, at=at)
    return LessonPost(completed=False, outcome=outcome, question_id=question.id)


def attempt_submit_form(
    *, attempt: Attempt, questions: list[Question], data: Any, at: datetime, language: str = ""
) -> None:
    """Submit a test attempt from the take page's form (one answer per question), in the learner's language."""
    answers = {q.id: answer_from_post(q.kind, q.id, [c.id for c in q.choices.all()], data) for q in questions}
    attempt_submit(attempt=attempt, answers=answers, at=at, language=language)


def attempts_left(enrolment: Enrolment) -> int:
    return max(
        0, enrolment.version.max_attempts - enrolment.attempts.filter(submitted_at__isnull=False).count()
    )


@transaction.atomic
def attempt_start(*, enrolment: Enrolment, at: datetime, rng: random.Random | None = None) -> Attempt:
    """Draw the test's questions from the pool (or continue the open attempt)."""
    enrolment = Enrolment.objects.select_for_update().select_related("version").get(pk=enrolment.pk)
    if enrolment.passed_at is not None:
        raise LearningError(_("You have already passed this test."))
    open_attempt = enrolment.attempts.filter(submitted_at__isnull=True).first()
    if open_attempt is not None:
        return open_attempt
    used = enrolment.attempts.count()
    if used >= enrolment.version.max_attempts:
        raise LearningError(
            _("You have used all %(n)d attempts at this test.") % {"n": enrolment.version.max_attempts}
        )
    pool = list(
        Question.objects.filter(version_id=enrolment.version_id, lesson__isnull=True).values_list(
            "id", flat=True
        )
    )
    if not pool:
        raise LearningError(_("This module has no test."))
    drawn = (rng or random.SystemRandom()).sample(pool, min(enrolment.version.test_size, len(pool)))
    attempt = Attempt.objects.create(enrolment=enrolment, number=used + 1, question_ids=drawn, started_at=at)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        attempted_at=enrolment.attempted_at or at, last_activity_at=at
    )
    _record(enrolment, Verb.ATTEMPTED, at, ref=f"attempt:{attempt.number}")
    return attempt


@dataclass(frozen=True)
class AttemptResult:
    attempt: Attempt
    outcomes: dict[int, Outcome]
    certificate: Certificate | None


@transaction.atomic
def attempt_submit(
    *, attempt: Attempt, answers: dict[int, dict[str, Any]], at: datetime, language: str = ""
) -> AttemptResult:
    """Score the attempt, all questions counted (unanswered ones are wrong); certify on a pass, in
    ``language`` (the language the learner took the test in; default the module's)."""
    attempt = (
        Attempt.objects.select_for_update()
        .select_related("enrolment__version", "enrolment__user")
        .get(pk=attempt.pk)
    )
    if attempt.submitted_at is not None:
        raise LearningError(_("This attempt was already submitted."))
    enrolment = attempt.enrolment
    questions = {
        q.id: q for q in Question.objects.filter(id__in=attempt.question_ids).prefetch_related("choices")
    }
    outcomes = {
        qid: score(
            questions[qid].kind,
            selectors.choice_data(questions[qid]),
            answers.get(qid, {}),
            selectors.explanation_of(questions[qid]),
        )
        for qid in attempt.question_ids
        if qid in questions
    }
    attempt.score = percent(sum(o.correct for o in outcomes.values()), len(attempt.question_ids))
    attempt.passed = attempt.score >= enrolment.version.pass_mark
    attempt.answers = {str(k): v for k, v in answers.items()}
    attempt.submitted_at = at
    attempt.save(update_fields=["score", "passed", "answers", "submitted_at"])
    updates: dict[str, Any] = {"last_activity_at": at}
    if enrolment.best_score is None or attempt.score > enrolment.best_score:
        updates["best_score"] = attempt.score
    certificate = None
    if attempt.passed:
        updates["passed_at"] = at
        updates["days_to_pass"] = (at - enrolment.enrolled_at).total_seconds() / 86400
        _record(enrolment, Verb.PASSED, at, ref=f"attempt:{attempt.number}", score=attempt.score)
        Enrolment.objects.filter(pk=enrolment.pk).update(**updates)
        certificate = certificate_issue(enrolment=enrolment, at=at, language=language)
    else:
        _record(enrolment, Verb.FAILED, at, ref=f"attempt:{attempt.number}", score=attempt.score)
        Enrolment.objects.filter(pk=enrolment.pk).update(**updates)
    return AttemptResult(attempt, outcomes, certificate)


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def certificate_issue(*, enrolment: Enrolment, at: datetime, language: str = "") -> Certificate:
    """Issue the learner's certificate for the module (once), in the language the learner took it in (a
    translated module taken in French gives a French certificate with the module's French title)."""
    from greencustoms.translations import selectors as translations

    existing = Certificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    module = enrolment.module
    language = (language or module.language or "en").split("-")[0]
    if language not in dict(settings.LANGUAGES):
        language = module.language or "en"
    title = (
        module.title
        if language == module.language
        else translations.translated(module, "title", language).text
    )
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        code=_new_code(),
        holder_name=enrolment.user.full_name or enrolment.user.email,
        module_title=title,
        language=language,
        issued_at=at,
    )
    _record(enrolment, Verb.CERTIFIED, at, ref=f"certificate:{certificate.code}")
    return certificate


def activity_rollup(*, at: datetime) -> int:
    """Bring the daily activity table up to date with new events; return the number of days recounted.

    Days touched by new events are recounted in full (distinct learners are not additive).
    """
    from datetime import time, timedelta

    from django.db.models import Count, Max, Min
    from django.db.models.functions import TruncDate

    state, _created = RollupState.objects.get_or_create(name="daily_activity")
    new = LearningEvent.objects.filter(id__gt=state.last_event_id).aggregate(
        first=Min("at"), last_id=Max("id")
    )
    if new["last_id"] is None:
        return 0
    start_day = new["first"].date()
    start = datetime.combine(start_day, time.min, tzinfo=new["first"].tzinfo)
    counts = (
        LearningEvent.objects.filter(at__gte=start, id__lte=new["last_id"])
        .annotate(day=TruncDate("at"))
        .values("day", "module_id", "verb")
        .annotate(events=Count("id"), learners=Count("user_id", distinct=True))
    )
    rows = [
        DailyActivity(
            day=c["day"], module_id=c["module_id"], verb=c["verb"], events=c["events"], learners=c["learners"]
        )
        for c in counts
    ]
    with transaction.atomic():
        DailyActivity.objects.filter(day__gte=start_day).delete()
        DailyActivity.objects.bulk_create(rows, batch_size=2000)
        state.last_event_id = new["last_id"]
        state.updated_at = at
        state.save(update_fields=["last_event_id", "updated_at"])
    return len({r.day for r in rows}) or (at.date() - start_day + timedelta(days=1)).days


def sco_commit(*, enrolment: Enrolment, lesson: Lesson, data: dict[str, Any], at: datetime) -> Any:
    """Store the SCORM run-time data of a SCO; completion and pass/fail feed the learner's progress."""
    from decimal import Decimal, InvalidOperation

    _check_lesson(enrolment, lesson)
    tracking, _created = ScoTracking.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"updated_at": at}
    )
    status = str(data.get("cmi.core.lesson_status", "")).strip()
    if status in ScoStatus.values:
        tracking.lesson_status = status
    raw = data.get("cmi.core.score.raw")
    if raw not in (None, ""):
        try:
            value = Decimal(str(raw))
            if 0 <= value <= 100:
                tracking.score_raw = value
        except InvalidOperation:
            pass
    tracking.suspend_data = str(data.get("cmi.suspend_data", tracking.suspend_data))[:4096]
    tracking.lesson_location = str(data.get("cmi.core.lesson_location", tracking.lesson_location))[:255]
    tracking.total_time = str(data.get("cmi.core.session_time", tracking.total_time))[:20]
    tracking.updated_at = at
    tracking.save()
    Enrolment.objects.filter(pk=enrolment.pk).update(
        last_activity_at=at, started_at=enrolment.started_at or at
    )
    if tracking.lesson_status in (ScoStatus.COMPLETED, ScoStatus.PASSED):
        lesson_complete(enrolment=enrolment, lesson=lesson, at=at)
    score_value = int(tracking.score_raw) if tracking.score_raw is not None else None
    if tracking.lesson_status == ScoStatus.FAILED:
        _record(enrolment, Verb.FAILED, at, ref=f"lesson:{lesson.position}", score=score_value)
    fresh = Enrolment.objects.select_related("version", "user", "module").get(pk=enrolment.pk)
    if fresh.passed_at is None and fresh.lessons_completed >= fresh.version.lesson_count:
        # An imported module is passed when every SCO is completed and none of them ended failed.
        statuses = set(
            ScoTracking.objects.filter(enrolment=enrolment).values_list("lesson_status", flat=True)
        )
        if ScoStatus.FAILED not in statuses:
            updates = {"passed_at": at, "days_to_pass": (at - fresh.enrolled_at).total_seconds() / 86400}
            if score_value is not None:
                updates["best_score"] = score_value
            Enrolment.objects.filter(pk=enrolment.pk).update(**updates)
            _record(fresh, Verb.PASSED, at, ref=f"lesson:{lesson.position}", score=score_value)
            certificate_issue(enrolment=fresh, at=at)
    return tracking


def stats_rollup(*, at: datetime) -> int:
    """Rebuild the pre-aggregated statistics cells (see statistics.stats_rollup)."""

    return rebuild(at=at)

import random
from datetime import timedelta
from typing import Any

import pytest

from greencustoms.conftest import make_user
from greencustoms.learning import services
from greencustoms.learning.choices import Verb
from greencustoms.learning.content import version_load
from greencustoms.learning.models import Certificate, Enrolment, LearningEvent, Lesson, Module, Question
from greencustoms.learning.selectors import has_completed, resume_position
from greencustoms.learning.tests.conftest import FILES, T0, module_data


def right_answers(attempt: Any, *, wrong: int = 0) -> dict[int, dict[str, Any]]:
    answers = {}
    for i, qid in enumerate(attempt.question_ids):
        q = Question.objects.get(pk=qid)
        pick = q.choices.filter(is_correct=i >= wrong).first()
        answers[qid] = {"choice": pick.pk}
    return answers


def test_enrolment_records_an_event_and_is_idempotent(module: Module, officer: Any) -> None:
    first = services.enrolment_create(user=officer, module=module, at=T0)
    again = services.enrolment_create(user=officer, module=module, at=T0 + timedelta(days=1))
    assert first.pk == again.pk
    assert first.country == "KE" and first.administration == "KRA"
    assert list(LearningEvent.objects.values_list("verb", flat=True)) == [Verb.REGISTERED]


def test_a_learner_keeps_the_version_they_enrolled_in(module: Module, officer: Any) -> None:
    enrolment = services.enrolment_create(user=officer, module=module, at=T0)
    v2 = version_load(module_data(number=2), FILES, at=T0 + timedelta(days=5))
    module.refresh_from_db()
    assert module.current_version == v2
    enrolment.refresh_from_db()
    assert enrolment.version.number == 1
    newcomer = make_user("new@test.example")
    assert services.enrolment_create(user=newcomer, module=module, at=T0).version == v2
    # a lesson of the other version is refused
    v2_lesson = Lesson.objects.get(version=v2, position=1)
    with pytest.raises(services.LearningError):
        services.lesson_open(enrolment=enrolment, lesson=v2_lesson, at=T0)


def test_loading_the_same_version_twice_creates_nothing(module: Module) -> None:
    count = Lesson.objects.count()
    version_load(module_data(), FILES, at=T0)
    assert Lesson.objects.count() == count


def test_lesson_text_is_sanitised(module: Module) -> None:
    html = Lesson.objects.get(version=module.current_version, position=1).body_html
    assert "<strong>bold</strong>" in html and "<script>" not in html


def test_lessons_complete_once_and_resume_goes_to_the_first_unfinished(module: Module, officer: Any) -> None:
    enrolment = services.enrolment_create(user=officer, module=module, at=T0)
    one, two = Lesson.objects.filter(version=module.current_version).order_by("position")
    services.lesson_open(enrolment=enrolment, lesson=one, at=T0)
    assert services.lesson_complete(enrolment=enrolment, lesson=one, at=T0)
    assert not services.lesson_complete(enrolment=enrolment, lesson=one, at=T0)
    enrolment.refresh_from_db()
    assert enrolment.lessons_completed == 1 and enrolment.started_at == T0
    assert resume_position(enrolment) == two.position


def test_attempt_draws_test_size_questions_from_the_pool(partners: Any, officer: Any) -> None:
    version_load(module_data(slug="big", pool_size=10, test_size=4), FILES, at=T0)
    module = Module.objects.get(slug="big")
    enrolment = services.enrolment_create(user=officer, module=module, at=T0)
    attempt = services.attempt_start(enrolment=enrolment, at=T0, rng=random.Random(1))
    pool = set(
        Question.objects.filter(version=module.current_version, lesson__isnull=True).values_list(
            "id", flat=True
        )
    )
    assert len(attempt.question_ids) == 4 and set(attempt.question_ids) <= pool
    # an open attempt is continued, not replaced
    assert services.attempt_start(enrolment=enrolment, at=T0).pk == attempt.pk


def test_score_below_pass_mark_fails_and_attempts_are_limited(module: Module, officer: Any) -> None:
    enrolment = services.enrolment_create(user=officer, module=module, at=T0)
    for number in (1, 2):
        attempt = services.attempt_start(enrolment=enrolment, at=T0)
        result = services.attempt_submit(attempt=attempt, answers=right_answers(attempt, wrong=2), at=T0)
        assert result.attempt.number == number and result.attempt.score == 50 and not result.attempt.passed
        assert result.certificate is None
        # feedback per answer: the chosen option's feedback and the explanation
        assert any("No, that is wrong." in o.feedback for o in result.outcomes.values())
    with pytest.raises(services.LearningError, match="all 2 attempts"):
        services.attempt_start(enrolment=enrolment, at=T0)
    assert not has_completed(officer, module)


def test_exactly_the_pass_mark_passes_and_issues_one_certificate(module: Module, officer: Any) -> None:
    enrolment = services.enrolment_create(user=officer, module=module, at=T0)
    attempt = services.attempt_start(enrolment=enrolment, at=T0)
    later = T0 + timedelta(days=3)
    result = services.attempt_submit(attempt=attempt, answers=right_answers(attempt, wrong=1), at=later)
    assert result.attempt.score == 75 and result.attempt.passed
    assert result.certificate is not None and Certificate.objects.count() == 1
    enrolment.refresh_from_db()
    assert enrolment.passed_at == later and enrolment.days_to_pass == pytest.approx(3.0)
    assert has_completed(officer, module) and has_completed(officer, "ozone")
    assert not has_completed(make_user("other@test.example"), module)
    with pytest.raises(services.LearningError):
        services.attempt_start(enrolment=enrolment, at=later)
    with pytest.raises(services.LearningError):
        services.attempt_submit(attempt=attempt, answers={}, at=later)
    verbs = list(LearningEvent.objects.order_by("id").values_list("verb", flat=True))
    assert verbs == [Verb.REGISTERED, Verb.ATTEMPTED, Verb.PASSED, Verb.CERTIFIED]


def test_unanswered_questions_count_as_wrong(module: Module, officer: Any) -> None:
    enrolment = services.enrolment_create(user=officer, module=module, at=T0)
    attempt = services.attempt_start(enrolment=enrolment, at=T0)
    result = services.attempt_submit(attempt=attempt, answers={}, at=T0)
    assert result.attempt.score == 0 and all(not o.answered for o in result.outcomes.values())


def test_exercise_check_records_the_answer(module: Module, officer: Any) -> None:
    enrolment = services.enrolment_create(user=officer, module=module, at=T0)
    question = Question.objects.get(version=module.current_version, kind="matching")
    ids = dict(question.choices.values_list("text", "id"))
    outcome = services.exercise_check(
        enrolment=enrolment,
        question=question,
        answer={"pairs": {str(ids["2903.71"]): "Montreal Protocol", str(ids["0507.10"]): "CITES"}},
        at=T0,
    )
    assert outcome.correct
    event = LearningEvent.objects.get(verb=Verb.ANSWERED)
    assert event.score == 100 and event.object_ref == f"question:{question.pk}"
    pool_question = Question.objects.filter(version=module.current_version, lesson__isnull=True).first()
    with pytest.raises(services.LearningError):
        services.exercise_check(enrolment=enrolment, question=pool_question, answer={}, at=T0)


def test_rollup_counts_events_per_day_and_is_incremental(module: Module, officer: Any) -> None:
    from greencustoms.learning.models import DailyActivity

    enrolment = services.enrolment_create(user=officer, module=module, at=T0)
    lesson = Lesson.objects.get(version=module.current_version, position=1)
    services.lesson_open(enrolment=enrolment, lesson=lesson, at=T0)
    services.lesson_open(enrolment=enrolment, lesson=lesson, at=T0 + timedelta(hours=1))
    services.activity_rollup(at=T0)
    row = DailyActivity.objects.get(verb=Verb.LAUNCHED)
    assert (row.events, row.learners) == (2, 1)
    services.lesson_open(enrolment=enrolment, lesson=lesson, at=T0 + timedelta(hours=2))
    services.activity_rollup(at=T0)
    assert DailyActivity.objects.get(verb=Verb.LAUNCHED).events == 3
    assert services.activity_rollup(at=T0) == 0


def test_opening_a_lesson_remembers_it_and_records_one_step(module: Module, officer: Any) -> None:
    enrolment = services.enrolment_create(user=officer, module=module, at=T0)
    one, two = Lesson.objects.filter(version=module.current_version).order_by("position")
    later = T0 + timedelta(hours=1)

    services.lesson_open(enrolment=enrolment, lesson=one, at=T0)
    services.lesson_open(
        enrolment=enrolment, lesson=one, at=T0 + timedelta(minutes=1)
    )  # a reload: nothing new
    services.lesson_open(enrolment=enrolment, lesson=two, at=later)

    stored = Enrolment.objects.get(pk=enrolment.pk)
    assert (stored.last_lesson_id, stored.last_activity_at, stored.started_at) == (two.pk, later, T0)
    assert (enrolment.last_lesson_id, enrolment.last_activity_at, enrolment.started_at) == (two.pk, later, T0)
    launched = LearningEvent.objects.filter(verb=Verb.LAUNCHED).order_by("at")
    assert [(e.user_id, e.module_id, e.version_number, e.object_ref, e.score, e.at) for e in launched] == [
        (officer.pk, module.pk, 1, "lesson:1", None, T0),
        (officer.pk, module.pk, 1, "lesson:2", None, later),
    ]
    # the stored times compare as times: the resume query and the statistics filter on them
    assert Enrolment.objects.filter(last_activity_at__gt=T0, started_at__lt=later).count() == 1
    assert LearningEvent.objects.filter(verb=Verb.LAUNCHED, at__gte=later).count() == 1

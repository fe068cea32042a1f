"""The lesson page's enrolment read: one query with the module and version joined."""

from datetime import timedelta
from typing import Any

from greencustoms.accounts.tests.test_sessions import assert_same_row
from greencustoms.conftest import make_user
from greencustoms.learning import services
from greencustoms.learning.models import Enrolment, Module
from greencustoms.learning.selectors import learner_enrolment
from greencustoms.learning.tests.conftest import T0


def test_the_enrolment_is_read_with_its_module_and_version_exactly_as_the_orm_reads_them(
    module: Module, officer: Any, django_assert_num_queries: Any
) -> None:
    enrolment = services.enrolment_create(user=officer, module=module, at=T0)
    lesson = module.current_version.lessons.order_by("position").first()
    services.lesson_open(enrolment=enrolment, lesson=lesson, at=T0 + timedelta(minutes=5))
    Enrolment.objects.filter(pk=enrolment.pk).update(
        best_score=80, days_to_pass=1.5, passed_at=T0 + timedelta(days=1)
    )
    expected = Enrolment.objects.select_related("module", "version").get(pk=enrolment.pk)

    with django_assert_num_queries(1):
        loaded = learner_enrolment(officer, "ozone")
        assert loaded is not None
        module_row, version_row = loaded.module, loaded.version  # joined: no further query

    assert_same_row(loaded, expected)
    assert_same_row(module_row, expected.module)
    assert_same_row(version_row, expected.version)
    assert loaded.last_lesson_id == lesson.pk and loaded.days_to_pass == 1.5


def test_no_enrolment_for_another_learner_another_module_or_an_anonymous_visitor(
    module: Module, officer: Any
) -> None:
    from django.contrib.auth.models import AnonymousUser

    services.enrolment_create(user=officer, module=module, at=T0)
    assert learner_enrolment(make_user("other@test.example"), "ozone") is None
    assert learner_enrolment(officer, "cites") is None
    assert learner_enrolment(AnonymousUser(), "ozone") is None
    assert learner_enrolment(officer, "ozone") is not None

    Module.objects.filter(pk=module.pk).update(current_version=None)  # withdrawn from publication
    assert learner_enrolment(officer, "ozone") is None

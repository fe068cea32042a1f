import re
from typing import Any

import pytest

from greencustoms.conftest import make_user
from greencustoms.learning import selectors, services
from greencustoms.learning.models import Certificate, Enrolment, Question
from greencustoms.learning.tests.conftest import T0


def test_catalogue_is_public_and_bounded_in_queries(
    module: Any, client: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(8):
        response = client.get("/learning/")
    assert response.status_code == 200 and "Ozone basics" in response.content.decode()


def test_module_catalogue_api_is_public(module: Any, client: Any) -> None:
    data = client.get("/api/v1/learning/modules").json()
    assert data[0]["slug"] == "ozone" and data[0]["lessons"] == 2 and data[0]["owner"] == "WCO"


def test_an_officer_takes_a_module_without_javascript(module: Any, officer: Any, client_for: Any) -> None:
    c = client_for(officer)
    response = c.post("/learning/ozone/enrol/")
    assert response.status_code == 302 and response["Location"].endswith("/learning/ozone/lessons/1/")
    page = c.get("/learning/ozone/lessons/1/").content.decode()
    assert 'alt="A black square"' in page and "Fact sheet" in page and "<script>alert" not in page
    # practice exercise checked by a plain form post, with feedback on the page
    tf = Question.objects.get(kind="true_false")
    right = tf.choices.get(is_correct=True)
    page = c.post("/learning/ozone/lessons/1/", {"check": tf.pk, f"q{tf.pk}": right.pk}).content.decode()
    assert "Correct." in page and "It is." in page
    # the enhanced (fetch) path answers JSON
    data = c.post(
        "/learning/ozone/lessons/1/", {"check": tf.pk, f"q{tf.pk}": right.pk}, HTTP_X_REQUESTED_WITH="fetch"
    ).json()
    assert data["correct"] is True
    assert c.post("/learning/ozone/lessons/1/", {"complete": "1"})["Location"].endswith("/lessons/2/")
    # resume goes to the first lesson not completed
    assert c.get("/learning/ozone/resume/")["Location"].endswith("/lessons/2/")
    assert c.post("/learning/ozone/lessons/2/", {"complete": "1"})["Location"].endswith(
        "/learning/ozone/test/"
    )
    assert c.post("/learning/ozone/test/")["Location"].endswith("/test/take/")
    enrolment = Enrolment.objects.get(user=officer)
    attempt = enrolment.attempts.get()
    form = {}
    for qid in attempt.question_ids:
        form[f"q{qid}"] = Question.objects.get(pk=qid).choices.get(is_correct=True).pk
    take = c.get("/learning/ozone/test/take/").content.decode()
    assert "Pool question" in take and "right" in take
    response = c.post("/learning/ozone/test/take/", form)
    assert response["Location"].endswith("/test/1/")
    result = c.get(response["Location"]).content.decode()
    assert "100%" in result and "Download your certificate" in result
    certificate = Certificate.objects.get()
    pdf = c.get(f"/learning/certificates/{certificate.code}.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf).startswith(b"%PDF")


def test_lessons_need_an_enrolment(module: Any, officer: Any, client_for: Any, client: Any) -> None:
    assert client.get("/learning/ozone/lessons/1/").status_code == 302
    assert client_for(officer).get("/learning/ozone/lessons/1/")["Location"].endswith("/learning/ozone/")


def test_lesson_page_query_count_is_bounded(
    module: Any, officer: Any, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    c = client_for(officer)
    c.post("/learning/ozone/enrol/")
    with django_assert_max_num_queries(22):
        assert c.get("/learning/ozone/lessons/2/").status_code == 200


def test_a_lesson_page_shares_only_its_content_never_a_learners_own_values(
    module: Any, officer: Any, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    """Name, progress, CSRF token and messages are this learner's; the lesson's body is a shared fragment."""
    from django.core.cache import cache
    from django.core.cache.utils import make_template_fragment_key

    other = make_user("other@test.example")
    type(other).objects.filter(pk=other.pk).update(full_name="Zed Other")
    type(officer).objects.filter(pk=officer.pk).update(full_name="Ann Officer")
    first_client, other_client = client_for(officer), client_for(other)
    services.enrolment_create(user=officer, module=module, at=T0)
    # the other learner, not enrolled yet, is told to enrol: a message for their next page
    assert other_client.get("/learning/ozone/lessons/1/").status_code == 302
    services.enrolment_create(user=other, module=module, at=T0)
    first_client.post("/learning/ozone/lessons/1/", {"complete": "1"})  # Ann has done lesson 1
    first = first_client.get("/learning/ozone/lessons/1/").content.decode()
    lesson = module.current_version.lessons.get(position=1)
    content_key = selectors.lesson_content_key(module.current_version, language="en")
    assert (
        content_key == f"{module.current_version.published_at.timestamp()}:"
    )  # no translations state in English
    key = make_template_fragment_key("lesson_body", [lesson.pk, content_key, "en"])
    assert "Fact sheet" in cache.get(key)  # the body is now a shared fragment
    with django_assert_max_num_queries(
        10
    ):  # session, user, enrolment, exercises, the step recorded, messages
        second = other_client.get("/learning/ozone/lessons/1/").content.decode()
    assert "Fact sheet" in second and 'alt="A black square"' in second  # the shared body, from the cache
    assert 'data-nav="profile">Zed<' in second and "Ann" not in second
    assert 'data-nav="profile">Ann<' in first and "Zed" not in first
    assert 'value="1">1/2</progress>' in first and 'value="0">0/2</progress>' in second
    assert "Enrol in the module to start its lessons." in second and "Enrol in the module" not in first
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    mine, theirs = set(token.findall(first)), set(token.findall(second))
    assert len(mine) == 1 and len(theirs) == 1 and mine != theirs  # exercise forms included
    # a message is shown once; the learner's exercise feedback is theirs alone
    tf = Question.objects.get(kind="true_false")
    feedback = other_client.post(
        "/learning/ozone/lessons/1/", {"check": tf.pk, f"q{tf.pk}": tf.choices.get(is_correct=True).pk}
    ).content.decode()
    assert "Correct." in feedback and "Enrol in the module" not in feedback
    again = first_client.get("/learning/ozone/lessons/1/").content.decode()
    assert "Correct." not in again and "checked" not in again
    # what the module shows outside the content follows at once
    module.title = "Ozone, renamed"
    module.save(update_fields=["title"])
    assert "Ozone, renamed" in first_client.get("/learning/ozone/lessons/1/").content.decode()


def test_new_content_is_a_new_version_and_is_shown_at_once(
    module: Any, officer: Any, client_for: Any
) -> None:
    """Content changes by publishing a version; its lessons are new fragments, the old learners keep theirs."""
    from greencustoms.learning.content import version_load
    from greencustoms.learning.tests.conftest import FILES, module_data

    services.enrolment_create(user=officer, module=module, at=T0)
    old = client_for(officer)
    assert "Lesson one v1" in old.get("/learning/ozone/lessons/1/").content.decode()
    data = module_data(number=2)
    data["lessons"][0]["body"] = "Rewritten text about HCFC quotas."
    data["lessons"][0]["resources"] = [{"title": "New fact sheet", "file": "sheet.txt"}]
    version_load(data, FILES, at=T0.replace(month=4))
    newcomer = make_user("new@test.example")
    module.refresh_from_db()  # its current version is now the second
    services.enrolment_create(user=newcomer, module=module, at=T0.replace(month=4))
    page = client_for(newcomer).get("/learning/ozone/lessons/1/").content.decode()
    assert "Rewritten text about HCFC quotas." in page and "New fact sheet" in page
    assert "Lesson one v2" in page and "Some <strong>bold</strong>" not in page
    kept = old.get("/learning/ozone/lessons/1/").content.decode()  # an enrolment stays on its version
    assert "Some <strong>bold</strong>" in kept and "Rewritten text" not in kept


def test_a_cached_lesson_page_still_shows_a_pending_message_once(
    module: Any, officer: Any, client_for: Any
) -> None:
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest

    services.enrolment_create(user=officer, module=module, at=T0)
    c = client_for(officer)
    c.get("/learning/ozone/lessons/1/")  # cached now
    c.cookies["messages"] = CookieStorage(HttpRequest())._encode([Message(constants.INFO, "Saved once.")])
    assert "Saved once." in c.get("/learning/ozone/lessons/1/").content.decode()
    assert "Saved once." not in c.get("/learning/ozone/lessons/1/").content.decode()


def _passed(module: Any, user: Any) -> Certificate:
    enrolment = services.enrolment_create(user=user, module=module, at=T0)
    attempt = services.attempt_start(enrolment=enrolment, at=T0)
    answers = {
        qid: {"choice": Question.objects.get(pk=qid).choices.get(is_correct=True).pk}
        for qid in attempt.question_ids
    }
    return services.attempt_submit(attempt=attempt, answers=answers, at=T0).certificate


def test_verification_page_shows_only_name_module_and_date(module: Any, officer: Any, client: Any) -> None:
    certificate = _passed(module, officer)
    page = client.get(f"/learning/verify/{certificate.code}/").content.decode()
    assert (
        "genuine" in page and officer.full_name in page and "Ozone basics" in page and "2 March 2026" in page
    )
    assert officer.email not in page and "KRA" not in page and "<svg" in page  # QR code
    assert client.get(f"/learning/verify/?code={certificate.code.lower()}").status_code == 200
    assert client.get("/learning/verify/NOPE-NOPE-NOPE/").status_code == 404


def test_certificate_pdf_is_for_its_holder_and_the_module_staff_only(
    module: Any, officer: Any, partner_user: Any, client_for: Any, client: Any
) -> None:
    certificate = _passed(module, officer)
    url = f"/learning/certificates/{certificate.code}.pdf"
    assert client.get(url).status_code == 404
    assert client_for(make_user("nosy@test.example")).get(url).status_code == 404
    assert client_for(partner_user).get(url).status_code == 200  # WCO owns the module


def test_home_panel_offers_to_continue(module: Any, officer: Any, client_for: Any) -> None:
    from django.test import RequestFactory

    from greencustoms.learning.views import home_panel

    request = RequestFactory().get("/")
    request.user = officer
    assert home_panel(request) is None
    services.enrolment_create(user=officer, module=module, at=T0)
    html = home_panel(request)
    assert "Continue where you left off" in html and "/learning/ozone/resume/" in html


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_pages_are_translated(module: Any, client: Any, lang: str) -> None:
    page = client.get(f"/{lang}/learning/").content.decode()
    assert "E-learning modules" not in page

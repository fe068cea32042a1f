import re
from typing import Any

import pytest

from greencustoms.conftest import make_user
from greencustoms.learning import services
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


def test_a_lesson_page_is_rendered_once_per_variant_and_stays_personal(
    module: Any, officer: Any, client_for: Any, django_assert_max_num_queries: Any
) -> None:
    from unittest import mock

    from greencustoms.website import chrome

    other = make_user("other@test.example")
    type(other).objects.filter(pk=other.pk).update(full_name="Zed Other")
    clients = []
    for user in (officer, other):
        services.enrolment_create(user=user, module=module, at=T0)
        clients.append(client_for(user))
    first = clients[0].get("/learning/ozone/lessons/1/").content.decode()
    with mock.patch.object(chrome, "render_to_string", wraps=chrome.render_to_string) as rendered:
        with django_assert_max_num_queries(8):  # session, user, enrolment, the step recorded
            second = clients[1].get("/learning/ozone/lessons/1/").content.decode()
        assert rendered.call_count == 0  # the same page, from the cache
    assert 'data-nav="profile">Zed<' in second and "Zed" not in first
    assert f'data-nav="profile">{officer.get_short_name()}<' in first
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    assert len(set(token.findall(first))) == 1 and set(token.findall(first)) != set(token.findall(second))
    assert not any(p in first + second for p in chrome.PLACEHOLDERS.values())
    # what the learner did changes the page: progress, and the module's own title
    clients[1].post("/learning/ozone/lessons/1/", {"complete": "1"})
    assert 'value="1">1/2</progress>' in clients[1].get("/learning/ozone/lessons/1/").content.decode()
    assert 'value="0">0/2</progress>' in clients[0].get("/learning/ozone/lessons/1/").content.decode()
    module.title = "Ozone, renamed"
    module.save(update_fields=["title"])
    assert "Ozone, renamed" in clients[0].get("/learning/ozone/lessons/1/").content.decode()


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

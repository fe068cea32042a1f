"""The visitor's language: the browser's at first, then the choice, kept across links without a prefix."""

from typing import Any

import pytest
from django.test import Client

from greencustoms.conftest import PASSWORD, make_user, signed_in_client
from greencustoms.website.languages import user_language
from greencustoms.website.models import LanguagePreference


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    from django.core.cache import cache

    cache.clear()


def test_a_browser_asking_for_french_is_sent_to_the_french_page(db: Any) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9,en;q=0.5").get("/learning/?page=2")
    assert response.status_code == 302
    assert response["Location"] == "/fr/learning/?page=2"
    assert "Accept-Language" in response["Vary"] and "Cookie" in response["Vary"]


def test_a_browser_asking_for_an_unoffered_language_then_spanish_gets_spanish(db: Any) -> None:
    response = Client(HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9,es;q=0.8").get("/learning/")
    assert (response.status_code, response["Location"]) == (302, "/es/learning/")


def test_english_browsers_and_explicit_prefixes_are_left_alone(db: Any) -> None:
    assert Client(HTTP_ACCEPT_LANGUAGE="en-GB,fr;q=0.5").get("/learning/").status_code == 200
    # The address names a language: it wins over the browser's.
    french_browser = Client(HTTP_ACCEPT_LANGUAGE="fr")
    assert french_browser.get("/es/learning/").status_code == 200


def test_the_api_admin_and_files_are_never_redirected(db: Any) -> None:
    french = Client(HTTP_ACCEPT_LANGUAGE="fr")
    assert french.get("/api/v1/agreements").status_code == 200
    assert french.get("/healthz").status_code == 200
    admin = french.get("/admin/")  # to the sign-in page, not to a /fr/admin/ that does not exist
    assert admin.status_code == 302 and not admin["Location"].startswith("/fr/")


def test_the_choice_in_the_switch_is_kept_by_cookie_across_unprefixed_links(db: Any) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/learning/"})
    assert response.status_code == 302
    assert client.get("/guide/")["Location"] == "/es/guide/"
    # Choosing English again stops the redirects, even for a French browser.
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "fr"
    assert client.get("/guide/").status_code == 200


def test_the_choice_is_saved_on_the_profile_and_follows_the_user_to_a_new_browser(db: Any) -> None:
    user = make_user("lang@test.example")
    signed_in_client(user).post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert LanguagePreference.objects.get(user=user).language == "fr"
    assert user_language(user) == "fr"
    other_browser = Client()  # no cookie, no Accept-Language
    response = other_browser.post("/account/login/", {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert other_browser.get("/learning/")["Location"] == "/fr/learning/"


def test_visitors_have_no_saved_language(db: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    assert user_language(AnonymousUser()) == "en"

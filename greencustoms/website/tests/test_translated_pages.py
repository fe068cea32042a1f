"""Translated Wagtail pages: one tree per language, English fallback with a note, the switch to the translation,
and the translators' status of what is missing or outdated."""

from typing import Any

import pytest
from django.test import Client
from wagtail.models import Locale

from greencustoms.conftest import signed_in_client, verified
from greencustoms.website import selectors
from greencustoms.website.models import AboutPage, ContactPage, HomePage, NewsPage

NOTE_FR = "pas encore disponible en français"


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    from django.core.cache import cache

    cache.clear()


def test_a_french_browser_gets_the_french_home_and_the_french_about_page(demo_content: Any) -> None:
    browser = Client(HTTP_ACCEPT_LANGUAGE="fr-FR,fr;q=0.9")
    first = browser.get("/")
    assert (first.status_code, first["Location"]) == (302, "/fr/")
    home = browser.get("/fr/")
    assert home.status_code == 200
    assert home.context["page"].locale.language_code == "fr"
    assert "Bienvenue sur la plateforme des partenaires" in home.content.decode()
    about = browser.get("/fr/about/")
    body = about.content.decode()
    assert about.status_code == 200 and about.context["page"].locale.language_code == "fr"
    assert "À propos de l&#x27;initiative" in body or "À propos de l'initiative" in body
    assert "Traduction de démonstration" in body
    assert NOTE_FR not in body
    spanish = Client().get("/es/about/")
    assert "Acerca de la iniciativa" in spanish.content.decode()
    # An unprefixed link (bookmark, e-mail) keeps the language chosen before.
    browser.cookies["django_language"] = "fr"
    again = browser.get("/about/")
    assert (again.status_code, again["Location"]) == (302, "/fr/about/")


def test_an_untranslated_page_falls_back_to_english_with_a_note(demo_content: Any) -> None:
    french = Locale.objects.get(language_code="fr")
    assert not ContactPage.objects.filter(locale=french).exists()
    response = Client().get("/fr/contact/")
    body = response.content.decode()
    assert response.status_code == 200
    assert response.context["page"].locale.language_code == "en"
    assert NOTE_FR in body
    assert "Write to the partners through their generic addresses." in body
    # The English page itself carries no note.
    assert "not yet available" not in Client().get("/contact/").content.decode()
    assert Client().get("/fr/no-such-page/").status_code == 404


def test_fallback_keeps_the_access_level(demo_content: Any, partner_user: Any) -> None:
    path = "/fr/news/partners-meeting-agenda/"
    assert Client().get(path).status_code == 404
    allowed = signed_in_client(partner_user).get(path)
    assert allowed.status_code == 200 and "GCCANARY-page-intranet-9b7d" in allowed.content.decode()


def test_the_language_switch_goes_to_the_translation_of_the_page(demo_content: Any) -> None:
    french_about = AboutPage.objects.get(locale__language_code="fr")
    french_about.slug = "a-propos"
    french_about.save_revision().publish()
    client = Client()
    to_french = client.post("/i18n/setlang/", {"language": "fr", "next": "/about/", "here": "/about/"})
    assert (to_french.status_code, to_french["Location"]) == (302, "/fr/a-propos/")
    assert client.cookies["django_language"].value == "fr"
    assert client.get("/fr/a-propos/").context["page"].pk == french_about.pk
    to_spanish = client.post(
        "/i18n/setlang/", {"language": "es", "next": "/a-propos/", "here": "/fr/a-propos/"}
    )
    assert (to_spanish.status_code, to_spanish["Location"]) == (302, "/es/about/")
    # No translation: the same page under the new prefix (English with the note).
    to_spanish_contact = client.post(
        "/i18n/setlang/", {"language": "es", "next": "/contact/", "here": "/fr/contact/"}
    )
    assert to_spanish_contact["Location"] == "/es/contact/"
    # Not a page: Django's own switch.
    lookup = client.post("/i18n/setlang/", {"language": "es", "next": "/agreements/", "here": "/agreements/"})
    assert lookup["Location"] == "/es/agreements/"


def test_translation_status_lists_missing_and_outdated_pages(
    demo_content: Any, secretariat_user: Any, officer: Any
) -> None:
    rows = {
        r.page.url_path: r.state
        for r in selectors.page_translation_status(by=verified(secretariat_user), language="fr")
    }
    assert rows["/home/about/"] == "current"
    assert rows["/home/contact/"] == "missing"
    assert rows["/home/"] == "current"
    about = AboutPage.objects.get(locale__language_code="en")
    about.intro = "Changed in English."
    about.save_revision().publish()
    rows = {
        r.page.url_path: r.state
        for r in selectors.page_translation_status(by=verified(secretariat_user), language="fr")
    }
    assert rows["/home/about/"] == "outdated"
    # Restricted English pages are listed only to those who may see them.
    visitor_rows = {r.page.url_path for r in selectors.page_translation_status(by=officer, language="fr")}
    assert "/home/news/partners-meeting-agenda/" not in visitor_rows
    assert "/home/news/partners-meeting-agenda/" in rows
    page = signed_in_client(secretariat_user).get("/translations/pages/?language=fr")
    body = page.content.decode()
    assert page.status_code == 200
    assert 'class="translation-outdated" data-page="/home/about/"' in body
    assert 'class="translation-missing" data-page="/home/contact/"' in body
    assert signed_in_client(officer).get("/translations/pages/").status_code == 403
    assert Client().get("/translations/pages/").status_code == 403


def test_site_search_shows_one_language_version_per_page(demo_content: Any) -> None:
    from django.utils import translation

    with translation.override("fr"):
        found = selectors.page_search(None, "initiative")
    abouts = [p for p in found if isinstance(p, AboutPage)]
    assert len(abouts) == 1 and abouts[0].locale.language_code == "fr"
    homes = HomePage.objects.filter(locale__language_code__in=["en", "fr", "es"]).count()
    assert homes == 3
    assert NewsPage.objects.filter(locale__language_code="fr").count() == 0

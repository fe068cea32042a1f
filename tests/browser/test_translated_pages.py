"""Translated pages in a real browser: a French visitor gets the French tree, keeps French across unprefixed
links, sees the note on a page not yet translated, and the language switch goes to the page's translation."""

from io import StringIO

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def translated_site(site: None) -> None:
    from greencustoms.website.demo import load

    load(stdout=StringIO())


def test_a_french_visitor_reads_the_french_pages_and_the_english_fallback(  # type: ignore[no-untyped-def]
    browser, live_server, translated_site
) -> None:
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto("/")
    assert page.url.endswith("/fr/")
    assert "Bienvenue sur la plateforme des partenaires" in page.content()
    # An unprefixed link (bookmark, e-mail) stays in French and opens the French page.
    page.goto("/about/")
    assert page.url.endswith("/fr/about/")
    assert page.get_by_role("heading", level=1).inner_text() == "À propos de l'initiative"
    assert page.locator(".untranslated-note").count() == 0
    # Not translated: the English page, with the note, still under /fr/.
    page.goto("/contact/")
    assert page.url.endswith("/fr/contact/")
    note = page.locator(".untranslated-note")
    assert "pas encore disponible en français" in note.inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "Contact"
    # The switch goes to the Spanish translation of the page being read.
    page.goto("/fr/about/")
    page.get_by_role("button", name="Español").click()
    page.wait_for_load_state()
    assert page.url.endswith("/es/about/")
    assert page.get_by_role("heading", level=1).inner_text() == "Acerca de la iniciativa"
    context.close()

"""Module titles and summaries in the learner's language where a learner meets them (issue #18 part 1): the
module list, the module page and the home panel; an untranslated module in English with the visible note."""

import html
from typing import Any

from django.test import RequestFactory
from django.utils import translation

from greencustoms.learning import services
from greencustoms.learning.models import Module
from greencustoms.learning.views import home_panel
from greencustoms.translations.tests.conftest import T0

NOT_YET_FR = "Pas encore traduit : affiché en anglais."
TITLE_FR = "Introduction à l'Initiative Douanes vertes"
TITLE_ES = "Introducción a Aduanas Verdes"
SUMMARY_FR = "Pourquoi les douanes comptent pour les accords environnementaux"


def _page(client: Any, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def test_the_module_page_shows_the_french_title_and_summary(
    intro: Module, officer: Any, client_for: Any
) -> None:
    page = _page(client_for(officer), "/fr/learning/introduction/")
    assert f"<h1>{TITLE_FR}</h1>" in page
    assert f"<title>{TITLE_FR}" in page
    assert SUMMARY_FR in page and "Why customs matter for the environmental agreements" not in page
    assert NOT_YET_FR not in page
    assert f"<h1>{TITLE_ES}</h1>" in _page(client_for(officer), "/es/learning/introduction/")


def test_the_module_list_shows_french_titles_and_english_with_the_note(
    intro: Module, module: Module, officer: Any, client_for: Any
) -> None:
    page = _page(client_for(officer), "/fr/learning/")
    assert TITLE_FR in page and "Introduction to Green Customs" not in page
    # "Ozone basics" has no French: English, its summary marked as English with the note
    assert ">Ozone basics</a>" in page
    assert (
        f'<span lang="en">A test module.</span> <small class="untranslated-note">({NOT_YET_FR})</small>'
        in page
    )


def test_an_untranslated_module_page_is_english_with_the_note(
    module: Module, officer: Any, client_for: Any
) -> None:
    page = _page(client_for(officer), "/fr/learning/ozone/")
    assert "<h1>Ozone basics</h1>" in page
    assert (
        f'<span lang="en">A test module.</span> <small class="untranslated-note">({NOT_YET_FR})</small>'
        in page
    )
    english = _page(client_for(officer), "/learning/ozone/")
    assert "<h1>Ozone basics</h1>" in english and "untranslated-note" not in english


def test_the_home_panel_names_the_module_in_the_learners_language(intro: Module, officer: Any) -> None:
    request = RequestFactory().get("/fr/")
    request.user = officer
    services.enrolment_create(user=officer, module=intro, at=T0)
    with translation.override("fr"):
        panel = html.unescape(home_panel(request) or "")
    assert f">{TITLE_FR}</a>" in panel and "Introduction to Green Customs" not in panel
    with translation.override("es"):
        assert f">{TITLE_ES}</a>" in html.unescape(home_panel(request) or "")
    with translation.override("en"):
        assert ">Introduction to Green Customs</a>" in html.unescape(home_panel(request) or "")

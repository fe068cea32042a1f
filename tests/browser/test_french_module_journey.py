"""An officer works in French (issue #18): looks up French words (`ivoire`, `mercure`) and reads the answers in
French, takes the introduction module in French and gets a French certificate."""

from io import StringIO
from typing import Any

import pytest
from django.utils import timezone

from greencustoms.conftest import PASSWORD, make_user
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def french_content(site: Any) -> None:
    from greencustoms.agreements import selectors
    from greencustoms.agreements.reference import load
    from greencustoms.learning.content import version_load
    from greencustoms.learning.demo import FILES_DIR
    from greencustoms.learning.demo_content import INTRO
    from greencustoms.translations import demo
    from greencustoms.translations import selectors as translations

    load(stdout=StringIO())
    selectors.forget_index()
    files = {p.name: p.read_bytes() for p in FILES_DIR.iterdir() if p.is_file()}
    version_load(INTRO, files, at=timezone.now())
    demo.load(stdout=StringIO())
    translations.forget()
    yield
    selectors.forget_index()


def _answer_correctly(page: Any) -> None:
    """Tick the right answers of the questions on the test page (read from the database by question id)."""
    from greencustoms.learning.models import Question

    for group in page.locator("main fieldset.question").all():
        question = Question.objects.prefetch_related("choices").get(pk=group.get_attribute("data-question"))
        for choice in question.choices.all():
            field = f"q{question.id}-{choice.id}"
            if question.kind == "matching":
                page.locator(f"select[name='{field}']").select_option(choice.match)
            elif question.kind == "ordering":
                page.locator(f"input[name='{field}']").fill(str(choice.position))
            elif choice.is_correct:
                page.locator(f"input[name='q{question.id}'][value='{choice.id}']").check()


def test_an_officer_looks_up_and_learns_in_french(page: Any, french_content: Any) -> None:
    officer = make_user("apprenant@test.example", country="CI", administration="Douanes ivoiriennes")
    sign_in(page, officer, PASSWORD)
    # the lookup with French words, answered in French
    page.goto("/fr/agreements/")
    page.get_by_label("Code, nom ou numéro CAS").fill("ivoire")
    page.locator("main").get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state()
    elephant = page.locator("[data-item^='cites/']").first
    assert "Permis d'exportation et permis d'importation (Article III)" in elephant.inner_text()
    page.get_by_label("Code, nom ou numéro CAS").fill("mercure")
    page.locator("main").get_by_role("button", name="Rechercher").click()
    page.wait_for_load_state()
    mercury = page.locator("[data-item='minamata/mercury']")
    text = mercury.inner_text()
    assert "Convention de Minamata" in text and "Consentement écrit de la Partie importatrice" in text
    assert "Not yet translated" not in text and "Pas encore traduit" not in text
    # the module in French
    page.goto("/fr/learning/")
    page.get_by_role("link", name="Introduction à l'Initiative Douanes vertes").click()
    page.get_by_role("button", name="S'inscrire et commencer").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Les douanes et l'environnement"
    assert "Initiative Douanes vertes" in page.locator("article.lesson").inner_text()
    group = page.get_by_role("group", name="Douanes vertes ne concerne que le commerce illégal", exact=False)
    group.get_by_label("Faux").check()
    page.get_by_role("button", name="Vérifier ma réponse").first.click()
    page.locator(".feedback.ok").wait_for()
    page.get_by_role("button", name="Terminé — leçon suivante").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Les accords en une page"
    page.get_by_role("button", name="Terminé — leçon suivante").click()
    page.get_by_role("button", name="Terminé — aller au test final").click()
    page.get_by_role("button", name="Commencer le test").click()
    page.get_by_role("button", name="Envoyer mes réponses").wait_for()
    assert "Pas encore traduit" not in page.locator("main").inner_text()
    _answer_correctly(page)
    page.get_by_role("button", name="Envoyer mes réponses").click()
    assert "100" in page.get_by_role("heading", level=1).inner_text()
    with page.expect_download() as info:
        page.get_by_role("link", name="Télécharger votre certificat (PDF)").click()
    download = info.value
    with open(download.path(), "rb") as fh:
        pdf = fh.read()
    assert pdf[:4] == b"%PDF"
    import io

    from pypdf import PdfReader

    words = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    assert "Certificat de réussite" in words and "Introduction à l'Initiative Douanes vertes" in words
    code = download.suggested_filename.removeprefix("certificate-").removesuffix(".pdf")
    page.goto(f"/fr/learning/verify/{code}/")
    assert page.get_by_text("Ce certificat est authentique.").is_visible()

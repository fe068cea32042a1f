import pytest
from django.urls import reverse
from django.utils import translation

from greencustoms.guide.choices import Decision
from greencustoms.guide.models import Chapter


@pytest.mark.parametrize(
    ("lang", "expected"), [("fr", "Approuvé sous conditions"), ("es", "Aprobado con condiciones")]
)
def test_guide_strings_are_translated(lang, expected):
    with translation.override(lang):
        assert str(Decision.APPROVED_WITH_CONDITIONS.label) == expected
        assert str(Chapter(kind="chapter", number="2", title="X").heading) in (
            "Chapitre 2. X",
            "Capítulo 2. X",
        )


def test_the_guide_index_in_french(client, db):
    with translation.override("fr"):
        url = reverse("guide:index")
    assert url == "/fr/guide/"
    response = client.get(url)
    assert "Aucune édition n" in response.text and "Guide Douanes vertes" in response.text

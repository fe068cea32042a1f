"""Evidence sentences in the user's language (issue #15, part 6): the engine writes English (machine files,
API); pages and the inspection list show the sentence rebuilt from this app's catalogue."""

from typing import Any

import pytest
from django.utils import translation

from greencustoms.screening.labels import evidence_words, labelled_hit

LINES = [
    {
        "declaration_id": "D1",
        "line_no": 1,
        "hs_code": "8418.69",
        "description": "R-22 refrigerant in cylinders",
    },
    {"declaration_id": "D1", "line_no": 2, "hs_code": "2903.71", "description": "Chlorodifluoromethane"},
    {
        "declaration_id": "D2",
        "line_no": 1,
        "hs_code": "8415.10",
        "description": "split air conditioners charged with R-22",
    },
    {
        "declaration_id": "D3",
        "line_no": 1,
        "hs_code": "8507.80",
        "description": "used lead-acid batteries for recycling",
    },
]


def test_sentences_by_hand_in_french_and_spanish() -> None:
    english = "HS2022 2903.71 is a code of HCFC-22"
    with translation.override("fr"):
        assert evidence_words(english) == "HS2022 2903.71 est un code de HCFC-22"
        assert (
            evidence_words('description names HCFC-22: "r-22"') == "la désignation nomme HCFC-22 : « r-22 »"
        )
        assert evidence_words(
            "HS2022 8415.10 covers 8415.10.10, a code of X (ex code: check the description)"
        ) == ("HS2022 8415.10 couvre 8415.10.10, un code de X (code ex : vérifiez la désignation)")
        assert evidence_words(
            "Declared 8415.10 'split units': air conditioner or heat pump containing HCFC-22, "
            "Montreal Protocol Annex C"
        ) == (
            "Déclaré 8415.10 « split units » : climatiseur ou pompe à chaleur contenant HCFC-22, "
            "Montreal Protocol Annex C"
        )
        # a sentence of another shape stays as the engine wrote it
        assert evidence_words("origin XX is not a Party") == "origin XX is not a Party"
    with translation.override("es"):
        assert evidence_words(english) == "HS2022 2903.71 es un código de HCFC-22"
    with translation.override("en"):
        assert evidence_words(english) == english


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_sentence_of_the_code_and_goods_rules_is_translated(
    client_for: Any, officer: Any, language: str
) -> None:
    response = client_for(officer).post(
        "/api/v1/screen", {"at": "2026-11-30", "lines": LINES}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    hits = response.json()["hits"]
    rules = {h["rule"] for h in hits}
    assert {"hs_code", "description", "misdeclaration", "equipment", "waste"} <= rules
    with translation.override(language):
        for hit in hits:
            if hit["rule"] in ("country", "indicator", "licence"):
                continue
            shown = labelled_hit(hit, {}, {})["evidence"]
            assert shown != hit["evidence"], (hit["rule"], hit["evidence"])
            assert "%(" not in shown

"""Country statements, restricted indicators and licence hits in the user's language (issue #18, part 1): the
engine and the licensing hook write English (machine files, API keep it); pages and the inspection list show
the sentence rebuilt from the screening app's catalogue. The expectations are written by hand."""

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from greencustoms.licensing.models import Licence
from greencustoms.screening.labels import evidence_words, labelled_hit

NOT_PARTY = (
    "origin PK is not a Party to the Kigali Amendment as of 2023-10-08, per UN Treaty Collection"
    " (a list older than a year: it may have joined since; check the depositary) (Article 4B)"
    "; the line touches HFC-134a — information: the restriction applies from 2029-01-01"
)
NOT_BOUND = (
    "destination CN is not yet bound by the Kigali Amendment on 2020-06-01: its acceptance takes effect on"
    " 2021-09-15, per UN Treaty Collection; the line touches HFC-134a"
)


def test_country_statements_in_french_and_spanish() -> None:
    with translation.override("fr"):
        assert evidence_words(NOT_PARTY, "country") == (
            "pays d'origine PK n'est pas Partie à l'instrument « Amendement de Kigali » au 2023-10-08, selon UN"
            " Treaty Collection (liste de plus d'un an : le pays a pu y adhérer depuis ; vérifiez auprès du"
            " dépositaire) (Article 4B) ; la ligne concerne HFC-134a — pour information : la restriction"
            " s'applique à partir du 2029-01-01"
        )
        assert evidence_words(NOT_BOUND, "country") == (
            "pays de destination CN n'est pas encore lié par l'instrument « Amendement de Kigali » le"
            " 2020-06-01 : prise d'effet (acceptation) le 2021-09-15, selon UN Treaty Collection ; la ligne"
            " concerne HFC-134a"
        )
    with translation.override("es"):
        assert evidence_words(NOT_PARTY, "country") == (
            "país de origen PK no es Parte en el instrumento «Enmienda de Kigali» al 2023-10-08, según UN"
            " Treaty Collection (lista de más de un año: el país puede haberse adherido desde entonces;"
            " consulte al depositario) (Article 4B); la línea se refiere a HFC-134a — a título informativo:"
            " la restricción se aplica a partir del 2029-01-01"
        )
        assert evidence_words(NOT_BOUND, "country") == (
            "país de destino CN aún no está obligado por el instrumento «Enmienda de Kigali» el 2020-06-01:"
            " surte efecto (aceptación) el 2021-09-15, según UN Treaty Collection; la línea se refiere a"
            " HFC-134a"
        )
    with translation.override("en"):
        assert evidence_words(NOT_PARTY, "country") == NOT_PARTY


def test_an_instrument_the_catalogue_does_not_name_is_kept(db: Any) -> None:
    text = (
        "origin XX is not a Party to the Treaty of Nowhere as of 2024-01-01, per a list; the line touches Y"
    )
    with translation.override("fr"):
        assert evidence_words(text) == (
            "pays d'origine XX n'est pas Partie à l'instrument « Treaty of Nowhere » au 2024-01-01, selon a list"
            " ; la ligne concerne Y"
        )


def test_indicator_sentences_keep_the_authors_title() -> None:
    with translation.override("fr"):
        assert evidence_words('Cheap R-22 from XX: "r22"', "indicator") == (
            "Cheap R-22 from XX : la désignation contient « r22 »"
        )
        # the title alone is the author's text: shown as written
        assert evidence_words("Cheap R-22 from XX", "indicator") == "Cheap R-22 from XX"
    with translation.override("es"):
        assert evidence_words('Cheap R-22 from XX: "r22"', "indicator") == (
            "Cheap R-22 from XX: la descripción contiene «r22»"
        )


LICENCE = [
    (
        "no licensing data for TH on this platform: import licence not checked (information)",
        "aucune donnée de licences pour TH sur cette plateforme : licence d'importation non vérifiée"
        " (information)",
        "sin datos de licencias de TH en esta plataforma: licencia de importación no verificada (información)",
    ),
    (
        "no export licence of CN covers r-410a (3 export licences on record)",
        "aucune licence d'exportation de CN ne couvre r-410a (3 licences d'exportation enregistrées)",
        "ninguna licencia de exportación de CN cubre r-410a (3 licencias de exportación registradas)",
    ),
    (
        "importer 'Other Trading Ltd' holds none of TH's import licences for hcfc-22: TH-IMP-2024-007"
        " (Siam Cooling Co.)",
        "importateur 'Other Trading Ltd' ne détient aucune des licences d'importation de TH pour hcfc-22 :"
        " TH-IMP-2024-007 (Siam Cooling Co.)",
        "importador 'Other Trading Ltd' no es titular de ninguna de las licencias de importación de TH para"
        " hcfc-22: TH-IMP-2024-007 (Siam Cooling Co.)",
    ),
    (
        "dated 2025-01-03, outside the validity of TH-1 valid 2024-01-01–2024-12-31; TH-2 valid"
        " 2023-01-01–2023-12-31",
        "daté du 2025-01-03, hors de la période de validité de TH-1 valable du 2024-01-01 au 2024-12-31;"
        " TH-2 valable du 2023-01-01 au 2023-12-31",
        "con fecha 2025-01-03, fuera del período de validez de TH-1 válida del 2024-01-01 al 2024-12-31;"
        " TH-2 válida del 2023-01-01 al 2023-12-31",
    ),
    (
        "2500 kg declared, more than the 2000 kg of licence TH-IMP-2024-007",
        "2500 kg déclarés, plus que les 2000 kg de la licence TH-IMP-2024-007",
        "2500 kg declarados, más que los 2000 kg de la licencia TH-IMP-2024-007",
    ),
    (
        "0.055 ODP t of group CI exceeds what remains of TH's 2024 import quota: 0.05 of 1.2 ODP t",
        "0.055 ODP t du groupe CI dépassent le reste du quota d'importation 2024 de TH : 0.05 sur 1.2 ODP t",
        "0.055 ODP t del grupo CI superan lo que queda de la cuota de importación 2024 de TH: 0.05 de 1.2"
        " ODP t",
    ),
]


@pytest.mark.parametrize(("english", "french", "spanish"), LICENCE)
def test_licence_sentences_in_french_and_spanish(english: str, french: str, spanish: str) -> None:
    hit = {"rule": "licence", "evidence": english, "agreement": "montreal", "item": "hcfc-22"}
    with translation.override("fr"):
        assert labelled_hit(hit, {}, {})["evidence"] == french
    with translation.override("es"):
        assert labelled_hit(hit, {}, {})["evidence"] == spanish
    with translation.override("en"):
        assert labelled_hit(hit, {}, {})["evidence"] == english


@pytest.mark.parametrize("rule", ["country", "licence", "indicator", "hs_code", None])
def test_a_sentence_of_an_unknown_shape_is_shown_unchanged_not_dropped(rule: str | None) -> None:
    unknown = "origin XX was struck off the register on 2026-01-01: ask the depositary"
    for language in ("fr", "es"):
        with translation.override(language):
            assert evidence_words(unknown, rule) == unknown
            assert labelled_hit({"rule": rule, "evidence": unknown}, {}, {})["evidence"] == unknown


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_country_and_licence_sentence_of_a_screening_is_translated(
    client_for: Any, officer: Any, language: str
) -> None:
    Licence.objects.create(
        country="TH", number="TH-7", direction="import", holder="Siam", substance="hcfc-22",
        quantity_kg=Decimal(2000), valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31), source="Register",
    )  # fmt: skip
    lines = [
        {
            "declaration_id": "D1",
            "line_no": 1,
            "hs_code": "2903.71",
            "description": "Chlorodifluoromethane (HCFC-22) in cylinders",
            "origin": "IN",
            "destination": "TH",
            "quantity": "3000",
            "unit": "kg",
        },
        {
            "declaration_id": "D2",
            "line_no": 1,
            "hs_code": "2903.45",
            "description": "HFC-134a refrigerant",
            "origin": "PK",
            "destination": "SS",
            "quantity": "100",
            "unit": "kg",
        },
    ]
    response = client_for(officer).post(
        "/api/v1/screen", {"at": "2026-11-30", "lines": lines}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    hits = response.json()["hits"]
    rules = {h["rule"] for h in hits}
    assert {"country", "licence"} <= rules, [(h["rule"], h["evidence"]) for h in hits]
    with translation.override(language):
        for hit in hits:
            if hit["rule"] not in ("country", "licence"):
                continue
            shown = labelled_hit(hit, {}, {})["evidence"]
            assert shown != hit["evidence"], (hit["rule"], hit["evidence"])
            assert "%(" not in shown and "the line touches" not in shown


def test_an_agreements_own_name_comes_from_its_translation(db: Any) -> None:
    from greencustoms.tests.factories import AgreementFactory
    from greencustoms.translations import selectors as translated
    from greencustoms.translations.services import save_translation

    AgreementFactory(slug="demo-pact", name="Demo Pact on Testing", short_name="Demo Pact")
    save_translation(
        kind="agreements.agreement", key="demo-pact", field="short_name", language="fr",
        text="Pacte de démonstration", english="Demo Pact", check=False,
    )  # fmt: skip
    translated.forget()
    text = "destination ZZ is not a Party to the Demo Pact as of 2026-01-01, per its list; the line touches Q"
    with translation.override("fr"):
        assert evidence_words(text, "country") == (
            "pays de destination ZZ n'est pas Partie à l'instrument « Pacte de démonstration » au 2026-01-01,"
            " selon its list ; la ligne concerne Q"
        )
    with translation.override("es"):  # no Spanish translation yet: the English name is kept
        assert evidence_words(text, "country") == (
            "país de destino ZZ no es Parte en el instrumento «Demo Pact» al 2026-01-01, según its list; la"
            " línea se refiere a Q"
        )

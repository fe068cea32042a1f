"""The site search answers HS codes, substance names and CAS numbers from the agreements data, lookup first."""

from io import StringIO
from typing import Any

import pytest
from django.test import Client


@pytest.fixture
def reference(db: Any) -> None:
    from greencustoms.agreements import selectors
    from greencustoms.agreements.reference import load

    load(stdout=StringIO())
    selectors.forget_index()
    yield
    selectors.forget_index()


@pytest.mark.parametrize(
    ("query", "expected"),
    [("R-22", "HCFC-22"), ("75-69-4", "CFC-11"), ("2903.71", "HCFC-22")],
)
def test_codes_and_cas_numbers_find_the_controlled_items_after_the_lookup_link(
    reference: None, query: str, expected: str
) -> None:
    body = Client().get("/search/", {"q": query}).content.decode()
    section = body.split('id="h-items"', 1)[1].split("</section>", 1)[0]
    first = section.split("<li", 2)[1]
    assert "/agreements/?q=" in first  # the first result is the lookup itself
    assert expected.lower() in section.lower()


def test_a_query_the_agreements_do_not_know_shows_no_agreements_section(reference: None) -> None:
    body = Client().get("/search/", {"q": "zzzz-nothing"}).content.decode()
    assert 'id="h-items"' not in body and "No document matches." in body


@pytest.mark.parametrize(
    ("prefix", "document", "control"),
    [
        (
            "/fr",
            "Licence d'importation ou d'exportation (système d'octroi de licences, article 4B)",
            "élimination",
        ),
        ("/es", "Licencia de importación o exportación (sistema de licencias, artículo 4B)", "eliminación"),
    ],
)
def test_the_lookup_card_gives_documents_and_controls_in_the_reader_language(
    reference: None, prefix: str, document: str, control: str
) -> None:
    from django.utils.html import escape

    body = Client().get(f"{prefix}/agreements/", {"q": "R-22"}).content.decode()
    assert escape(document) in body
    assert "Import/export licence (Article 4B" not in body
    assert (
        f'<span class="badge">{control}</span>' in body and '<span class="badge">phase_out</span>' not in body
    )

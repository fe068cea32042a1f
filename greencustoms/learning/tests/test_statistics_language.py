"""Completions by language on the statistics page and its CSV (issue #18 part 1), counted by hand:

Module "ozone" (WCO): ann and ben passed in French, cleo in English (her certificate has no language of its own:
the module's, English). Module "cites-test" (CITES): dan passed in Spanish. The WCO partner sees only "ozone".
"""

import csv
import io
from typing import Any

import pytest

from greencustoms.conftest import make_user
from greencustoms.learning import statistics
from greencustoms.learning.content import version_load
from greencustoms.learning.models import Certificate, Module
from greencustoms.learning.tests.conftest import FILES, T0, module_data
from greencustoms.learning.tests.test_views import _passed


@pytest.fixture
def passed(module: Module) -> dict[str, Module]:
    version_load(module_data(slug="cites-test", owner="CITES", title="CITES test"), FILES, at=T0)
    other = Module.objects.get(slug="cites-test")
    for name, mod, language, country in (
        ("ann", module, "fr", "SN"),
        ("ben", module, "fr", "CI"),
        ("cleo", module, "", "KE"),
        ("dan", other, "es", "MX"),
    ):
        certificate = _passed(mod, make_user(f"{name}@test.example", country=country))
        Certificate.objects.filter(pk=certificate.pk).update(language=language)
    return {"ozone": module, "cites": other}


def test_counts_by_module_and_language(passed: dict[str, Module]) -> None:
    languages, rows = statistics.certificates_by_language(Module.objects.all())
    assert [code for code, _name in languages] == ["en", "fr", "es"]
    assert [(r.key, r.counts, r.total) for r in rows] == [
        ("cites-test", (0, 0, 1), 1),
        ("ozone", (1, 2, 0), 3),
    ]
    _languages, only_sn = statistics.certificates_by_language(
        Module.objects.all(), country="sn", module="ozone"
    )
    assert [(r.key, r.counts) for r in only_sn] == [("ozone", (0, 1, 0))]


def test_the_page_shows_the_counts_with_language_names_in_words(
    passed: Any, secretariat_user: Any, client_for: Any
) -> None:
    page = client_for(secretariat_user).get("/learning/stats/").content.decode()
    assert "Completions by language" in page
    assert '<th scope="col">English</th><th scope="col">French</th><th scope="col">Spanish</th>' in page
    assert '<th scope="row">Ozone basics</th><td>1</td><td>2</td><td>0</td><td>3</td>' in page
    assert '<th scope="row">CITES test</th><td>0</td><td>0</td><td>1</td><td>1</td>' in page
    french = client_for(secretariat_user).get("/fr/learning/stats/").content.decode()
    assert '<th scope="col">Anglais</th><th scope="col">Français</th><th scope="col">Espagnol</th>' in french


def test_a_partner_sees_the_languages_of_its_own_modules_only(
    passed: Any, partner_user: Any, client_for: Any
) -> None:
    client = client_for(partner_user)
    page = client.get("/learning/stats/").content.decode()
    assert '<th scope="row">Ozone basics</th><td>1</td><td>2</td><td>0</td><td>3</td>' in page
    assert "CITES test" not in page
    response = client.get("/learning/stats.csv?by=language")
    assert response.status_code == 200
    assert [row["module"] for row in csv.DictReader(io.StringIO(response.content.decode()))] == ["ozone"] * 3


def test_the_csv_has_one_line_per_module_and_language(
    passed: Any, secretariat_user: Any, client_for: Any
) -> None:
    response = client_for(secretariat_user).get("/learning/stats.csv?by=language")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="learning-certificates-by-language.csv"'
    lines = response.content.decode().splitlines()
    assert lines == [
        "module,title,language,language_name,certificates",
        "cites-test,CITES test,en,English,0",
        "cites-test,CITES test,fr,French,0",
        "cites-test,CITES test,es,Spanish,1",
        "ozone,Ozone basics,en,English,1",
        "ozone,Ozone basics,fr,French,2",
        "ozone,Ozone basics,es,Spanish,0",
    ]
    filtered = client_for(secretariat_user).get("/learning/stats.csv?by=language&module=ozone&country=CI")
    assert filtered.content.decode().splitlines()[1:] == [
        "ozone,Ozone basics,en,English,0",
        "ozone,Ozone basics,fr,French,1",
        "ozone,Ozone basics,es,Spanish,0",
    ]


def test_the_csv_is_refused_to_officers(passed: Any, officer: Any, client_for: Any) -> None:
    assert client_for(officer).get("/learning/stats.csv?by=language").status_code == 403

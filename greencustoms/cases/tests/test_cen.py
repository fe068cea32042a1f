"""CEN seizure-report fields: round trip (CSV and JSON), line-exact errors, the CLI import."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from greencustoms.cases import cen, services
from greencustoms.cases.models import SeizureCase
from greencustoms.cases.tests.conftest import AT, acting, case_data

pytestmark = pytest.mark.django_db

COMPARED = [ours for _cen, ours in cen.MAPPING]


def _values(case: SeizureCase) -> dict[str, Any]:
    return {name: getattr(case, name) for name in COMPARED}


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_round_trip_keeps_every_mapped_field(partners: Any, secretariat_user: Any, kind: str) -> None:
    sec = acting(secretariat_user)
    original = services.case_create(
        by=sec,
        data=case_data(
            transit=["AE", "OM"], origin="CN", destination="SN", hs_declared="841590", hs_found="382478",
            transport="sea", follow_up="convicted", court="Tribunal de Dakar", penalty_amount=Decimal("2500.50"),
            penalty_currency="XOF", sentence="=1+1 six months", detail="Line one\nline two, with a comma",
            offender_details="-born 1970", cen_reference="CEN-2026-0001", sources="https://example.org/a",
        ),
        at=AT,
    )  # fmt: skip
    body = cen.export_json([original]) if kind == "json" else cen.export_csv([original])
    parsed = cen.parse(body, name=f"x.{kind}")
    assert parsed.errors == []
    SeizureCase.objects.all().delete()
    result = services.cases_import(data=body, name=f"x.{kind}", by=sec, at=AT)
    assert (result.created, result.errors) == (1, [])
    copy = SeizureCase.objects.get()
    assert _values(copy) == _values(original)
    assert copy.sentence == "=1+1 six months"  # the spreadsheet guard's quote is taken off again


def test_export_headers_are_the_cen_fields_in_order(partners: Any, secretariat_user: Any) -> None:
    case = services.case_create(by=acting(secretariat_user), data=case_data(), at=AT)
    header = cen.export_csv([case]).decode().splitlines()[0]
    assert header.split(",") == list(cen.CEN_FIELDS)
    assert header.startswith("SeizureReference,SeizureDate,ReportingCountry")


def test_historic_csv_errors_name_the_physical_line(partners: Any, secretariat_user: Any) -> None:
    body = (
        b"SeizureDate,ReportingCountry,GoodsDescription,Quantity,QuantityUnit,Convention,Narrative\n"
        b"2019-02-03,KE,Ivory,12,kg,cites,ok\n"
        b'2019-13-01,KE,Ivory,12,kg,cites,"two\nlines"\n'
        b"2019-02-05,Kenya,Ivory,twelve,bags,cities,ok\n"
        b"2019-02-06,KE,,1,kg,cites,ok\n"
    )
    result = services.cases_import(data=body, name="historic.csv", by=acting(secretariat_user), at=AT)
    assert result.created == 0
    assert result.errors == [
        "line 3: SeizureDate: '2019-13-01' is not a date YYYY-MM-DD",
        "line 5: ReportingCountry: 'Kenya' is not a two-letter country code",
        "line 5: Quantity: 'twelve' is not a number",
        "line 5: QuantityUnit: 'bags' is not one of kg, t, l, pieces, specimens",
        "line 5: Convention: unknown agreement 'cities' (one of basel, cartagena, cites, cwc, minamata, montreal, rotterdam, stockholm)",
        "line 6: GoodsDescription: is required",
    ]
    assert SeizureCase.objects.count() == 0  # all or nothing


def test_unknown_column_is_refused_on_the_header_line(partners: Any, secretariat_user: Any) -> None:
    body = b"SeizureDate,ReportingCountry,GoodsDescription,Colour\n2019-01-01,KE,Ivory,red\n"
    result = services.cases_import(data=body, name="x.csv", by=acting(secretariat_user), at=AT)
    assert result.errors == ["line 1: Colour: unknown column (see CEN_MAPPING.md)"]


def test_json_errors_name_the_report(partners: Any, secretariat_user: Any) -> None:
    body = json.dumps({"reports": [{"SeizureDate": "2019-01-01", "ReportingCountry": "KE", "GoodsDescription": "x"},
                                   {"SeizureDate": "yesterday", "ReportingCountry": "KE", "GoodsDescription": "x"}]}).encode()  # fmt: skip
    result = services.cases_import(data=body, name="x.json", by=acting(secretariat_user), at=AT)
    assert result.errors == ["line 2: SeizureDate: 'yesterday' is not a date YYYY-MM-DD"]


def test_cli_import(partners: Any, tmp_path: Path, capsys: Any) -> None:
    from greencustoms.cli import main

    good = tmp_path / "historic.csv"
    good.write_text("date,country,commodity,agreements,quantity,unit\n2018-07-01,TH,CFC-12,montreal,100,kg\n")
    assert main(["cases", "import", str(good)]) == 0
    assert "imported 1 record(s)" in capsys.readouterr().out
    case = SeizureCase.objects.get()
    assert (case.country, case.odp_tonnes, case.co2e_tonnes) == (
        "TH",
        Decimal("0.1"),
        Decimal(1090),
    )  # 0.1 t × 1, × 10900
    bad = tmp_path / "bad.csv"
    bad.write_text("date,country,commodity\n2018-07-01,TH,CFC-12\n2018-07-32,TH,CFC-12\n")
    assert main(["cases", "import", str(bad)]) == 1
    assert "line 3: date: '2018-07-32' is not a date YYYY-MM-DD" in capsys.readouterr().err
    assert SeizureCase.objects.count() == 1
    assert main(["cases", "import", str(tmp_path / "missing.csv")]) == 2

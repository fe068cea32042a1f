"""Pages: each country sees its own records; mirror analysis upload, tables, charts and downloads."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import polars as pl
import pytest

from greencustoms.accounts.models import AuditEntry
from greencustoms.conftest import signed_in_client
from greencustoms.licensing import services
from greencustoms.licensing.models import Licence, LicensingSystem, MirrorAnalysis

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(th_focal: Any, lk_focal: Any) -> dict[str, Any]:
    for country in ("TH", "LK"):
        LicensingSystem.objects.create(country=country, established=True, source=f"Source {country}")
    th = Licence.objects.create(
        country="TH", number="TH-SECRET-7", direction="import", holder="Siam Holder", substance="hcfc-22",
        quantity_kg=Decimal(10), valid_from=date(2026, 1, 1), valid_to=date(2026, 12, 31), source="Register",
    )  # fmt: skip
    consultation = services.consultation_ask(
        by=lk_focal, exporting_country="LK", importing_country="TH", substance="hcfc-22", quantity_kg=Decimal(5),
        importer="Siam Holder", shipment_date=date(2027, 1, 5), at=datetime(2026, 12, 7, tzinfo=UTC),
    )  # fmt: skip
    return {"licence": th, "consultation": consultation}


def test_system_list_is_public_and_records_are_the_countrys_own(
    records: Any, th_focal: Any, lk_focal: Any, officer: Any
) -> None:
    anonymous = signed_in_client(None)
    page = anonymous.get("/licensing/")
    assert page.status_code == 200 and "Source TH" in page.content.decode()
    th_page = anonymous.get("/licensing/countries/TH/").content.decode()
    assert "TH-SECRET-7" not in th_page and "ozone-th@test.example" not in th_page
    assert "TH-SECRET-7" in signed_in_client(th_focal).get("/licensing/countries/TH/").content.decode()
    # Sri Lanka's focal point sees Thailand's public record and focal points, not its licences
    seen_by_lk = signed_in_client(lk_focal).get("/licensing/countries/TH/").content.decode()
    assert "TH-SECRET-7" not in seen_by_lk and "ozone-th@test.example" in seen_by_lk
    assert "TH-SECRET-7" not in signed_in_client(officer).get("/licensing/countries/TH/").content.decode()
    assert anonymous.get("/licensing/countries/FR/").status_code == 404


def test_ipic_register_and_detail_for_the_two_countries_only(
    records: Any, th_focal: Any, lk_focal: Any, officer: Any, secretariat_user: Any
) -> None:
    consultation = records["consultation"]
    url = f"/licensing/ipic/{consultation.pk}/"
    for user in (th_focal, lk_focal, secretariat_user):
        client = signed_in_client(user)
        assert consultation.number in client.get("/licensing/ipic/").content.decode()
        assert client.get(url).status_code == 200
    assert signed_in_client(officer).get("/licensing/ipic/").status_code == 403
    assert signed_in_client(officer).get(url).status_code == 404
    assert signed_in_client(None).get(url).status_code == 404
    assert signed_in_client(None).get("/licensing/ipic/").status_code == 302
    assert (
        AuditEntry.objects.filter(
            object_type="licensing.consultation", object_id=str(consultation.pk)
        ).count()
        == 3
    )


def test_importing_focal_point_answers_through_the_page(records: Any, th_focal: Any, lk_focal: Any) -> None:
    consultation = records["consultation"]
    url = f"/licensing/ipic/{consultation.pk}/"
    assert signed_in_client(lk_focal).post(url, {"status": "yes", "reference": "X"}).status_code == 403
    client = signed_in_client(th_focal)
    refused = client.post(url, {"status": "yes", "reference": ""})
    assert refused.status_code == 200 and "A yes names the licence" in refused.content.decode()
    assert client.post(url, {"status": "yes", "reference": "TH-SECRET-7"}).status_code == 302
    consultation.refresh_from_db()
    assert (consultation.status, consultation.answer_reference) == ("yes", "TH-SECRET-7")


def test_consultation_form_offers_only_the_users_countries(records: Any, lk_focal: Any) -> None:
    client = signed_in_client(lk_focal)
    form = client.get("/licensing/ipic/new/").content.decode()
    assert '<option value="LK">' in form and '<option value="TH">' not in form
    data = {"exporting_country": "LK", "importing_country": "TH", "substance": "r-410a", "quantity_kg": "100",
            "importer": "Siam Holder", "exporter": "", "shipment_date": "2027-02-01"}  # fmt: skip
    assert client.post("/licensing/ipic/new/", data).status_code == 302
    assert (
        client.post("/licensing/ipic/new/", {**data, "exporting_country": "TH"}).status_code == 200
    )  # not a choice


def test_import_errors_page_and_template_download(records: Any, th_focal: Any) -> None:
    client = signed_in_client(th_focal)
    csv = client.get("/licensing/templates/licences.csv")
    assert csv.status_code == 200
    assert (
        csv.content.decode().splitlines()[0]
        == "country,number,direction,holder,substance,quantity_kg,valid_from,valid_to,source"
    )
    bad = b"country,number,direction,holder,substance,quantity_kg,valid_from,valid_to,source\nTH,N1,import,H,hcfc-22,-5,2026-01-01,2026-12-31,S\n"
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/licensing/import/", {"kind": "licences", "country": "TH", "file": SimpleUploadedFile("l.csv", bad)}
    )
    assert response.status_code == 400
    assert "line 2: quantity_kg must not be negative" in response.content.decode()


MIRROR = b"""period,reporterISO,partnerISO,flowCode,cmdCode,netWgt,primaryValue
2022,CHN,THA,X,290371,10000,30000
2022,THA,CHN,M,290371,15000,49500
2023,CHN,THA,X,290371,8000,24000
2023,THA,CHN,M,290371,8000,26400
"""


def test_mirror_analysis_upload_tables_charts_and_downloads(
    th_focal: Any, lk_focal: Any, officer: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from greencustoms.licensing.models import Quota

    # Thailand's 2022 HCFC import quota: 0.5 ODP-t; China reports 10 t HCFC-22 exported to it = 0.55 ODP-t
    Quota.objects.create(
        country="TH", direction="import", group="CI", year=2022, odp_tonnes=Decimal("0.5"), source="Gazette"
    )
    client = signed_in_client(th_focal)
    data = {"title": "HCFC check", "granularity": "year", "weight_tolerance": "0.1", "min_gap_kg": "100",
            "cif_fob_ratio": "1.1", "timing_periods": "0", "basis": "min", "file": SimpleUploadedFile("c.csv", MIRROR)}  # fmt: skip
    response = client.post("/licensing/mirror/", data)
    analysis = MirrorAnalysis.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/licensing/mirror/{analysis.pk}/"
    assert (analysis.rows, analysis.flagged) == (2, 1)
    page = client.get(f"/licensing/mirror/{analysis.pk}/").content.decode()
    assert "<svg" in page and "CHN → THA" in page and "5,000 kg" in page  # bar label of the top pair
    assert "weight_tolerance" in page and "0.1" in page  # the parameters are shown
    assert "<td>TH</td><td>CI</td><td>2022</td><td>0.5 ODP-tonnes</td><td>0.55</td><td>yes</td>" in page
    csv = client.get(f"/licensing/mirror/{analysis.pk}/result.csv")
    assert csv["Cache-Control"] == "private, no-store"
    lines = csv.content.decode().splitlines()
    assert lines[0].startswith("exporter,importer,hs_code,substance_group,period,export_kg")
    assert lines[1].startswith("CHN,THA,290371,CI,2022,10000.0,15000.0,5000.0,0.275,9050.0")
    parquet = client.get(f"/licensing/mirror/{analysis.pk}/result.parquet")
    import io

    table = pl.read_parquet(io.BytesIO(b"".join(parquet.streaming_content)))
    assert table.filter(pl.col("flagged"))["period"].to_list() == ["2022"]
    # another focal point, an officer and an anonymous visitor do not see it
    assert signed_in_client(lk_focal).get(f"/licensing/mirror/{analysis.pk}/").status_code == 404
    assert signed_in_client(lk_focal).get(f"/licensing/mirror/{analysis.pk}/result.csv").status_code == 404
    assert signed_in_client(officer).get("/licensing/mirror/").status_code == 403
    assert signed_in_client(None).get(f"/licensing/mirror/{analysis.pk}/result.parquet").status_code == 404

"""Figures reported by other e-learning platforms (issue #19 part 6): template import, xAPI import, pages, access."""

import io
import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from greencustoms.conftest import verified
from greencustoms.learning import external
from greencustoms.learning.models import ExternalFigure, Module
from greencustoms.learning.tests.conftest import module_data

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
HEADER = "module,partner,platform,period_start,period_end,registered,active,completed,source,reported_on"


def _csv(*lines: str) -> bytes:
    return ("\n".join([HEADER, *lines]) + "\n").encode()


@pytest.mark.django_db
def test_csv_import_saves_every_line(module: Module, secretariat_user: Any) -> None:
    data = _csv(
        "ozone,,WCO CLiKC!,2017-01-01,2017-12-31,120,80,45,CLiKC! report 2017,2018-01-15",
        "Illegal trade in ODS (CLiKC! only),unep,WCO CLiKC!,2017-01-01,2017-06-30,30,20,7,https://clikc.wco.org/r,2017-07-02",
    )
    saved = external.import_table(data=data, filename="f.csv", by=verified(secretariat_user), at=NOW)
    assert len(saved) == 2
    rows = {
        (f.module_id, f.module_title, f.partner.acronym, f.period_start, f.period_end, f.registered, f.active,
         f.completed, f.source, f.reported_on, f.imported_by_id)
        for f in ExternalFigure.objects.select_related("partner")
    }  # fmt: skip
    assert rows == {
        (module.pk, "", "WCO", date(2017, 1, 1), date(2017, 12, 31), 120, 80, 45, "CLiKC! report 2017",
         date(2018, 1, 15), secretariat_user.pk),
        (None, "Illegal trade in ODS (CLiKC! only)", "UNEP", date(2017, 1, 1), date(2017, 6, 30), 30, 20, 7,
         "https://clikc.wco.org/r", date(2017, 7, 2), secretariat_user.pk),
    }  # fmt: skip


@pytest.mark.django_db
def test_csv_errors_name_their_line_and_nothing_is_saved(module: Module, secretariat_user: Any) -> None:
    data = _csv(
        "ozone,,WCO CLiKC!,2017-01-01,2017-12-31,120,80,45,CLiKC! report 2017,2018-01-15",  # line 2: fine
        "",  # line 3: blank, skipped
        "ozone,,WCO CLiKC!,2017-01-01,2017-12-31,abc,80,-3,report,2018-01-15",  # line 4
        "Only elsewhere,,WCO CLiKC!,2017-13-01,2016-12-31,1,1,1,,2018-01-15",  # line 5
        'ozone,UNEP,WCO CLiKC!,2017-02-01,2017-01-01,"1,5",1,1,report,15/01/2018',  # line 6
        "Other,NOPE,,2017-01-01,2017-01-31,1,1,1,report,2018-01-15",  # line 7
    )
    with pytest.raises(external.ImportFailed) as failure:
        external.import_table(data=data, filename="f.csv", by=verified(secretariat_user), at=NOW)
    assert failure.value.errors == [
        "line 4: registered: 'abc' is not a whole number",
        "line 4: completed: '-3' is not a whole number",
        "line 5: source: a value is required",
        "line 5: period_start: '2017-13-01' is not a date (YYYY-MM-DD)",
        "line 5: partner: a value is required for a module not on this platform",
        "line 6: registered: '1,5' is not a whole number",
        "line 6: reported_on: '15/01/2018' is not a date (YYYY-MM-DD)",
        "line 6: period_end: the period ends before it starts",
        "line 6: partner: module 'ozone' belongs to WCO, not UNEP",
        "line 7: platform: a value is required",
        "line 7: partner: 'NOPE' is not a partner's acronym",
    ]
    assert ExternalFigure.objects.count() == 0


@pytest.mark.django_db
def test_csv_header_errors(secretariat_user: Any, partners: Any) -> None:
    with pytest.raises(external.ImportFailed) as failure:
        external.import_table(
            data=b"module,platform,learners\nx,y,1\n", filename="f.csv", by=verified(secretariat_user), at=NOW
        )
    assert failure.value.errors == [
        "line 1: missing column(s): partner, period_start, period_end, registered, active, completed, source, "
        "reported_on",
        "line 1: unknown column(s): learners",
    ]


@pytest.mark.django_db
def test_xlsx_import_is_read_back(module: Module, secretariat_user: Any) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(external.COLUMNS)
    sheet.append(["ozone", "WCO", "WCO CLiKC!", datetime(2018, 1, 1), date(2018, 12, 31), 200, 150.0, 90, "rep", "2019-02-01"])  # fmt: skip
    sheet.append([None] * 10)  # an empty row left in the sheet
    sheet.append(["CITES basics", "CITES", "WCO CLiKC!", "2018-01-01", "2018-12-31", 12, 10, 4, "rep", date(2019, 2, 1)])  # fmt: skip
    out = io.BytesIO()
    book.save(out)
    external.import_table(data=out.getvalue(), filename="F.XLSX", by=verified(secretariat_user), at=NOW)
    got = [
        (f.title, f.partner.acronym, f.period_start, f.period_end, f.registered, f.active, f.completed, f.reported_on)
        for f in ExternalFigure.objects.select_related("module", "partner").order_by("registered")
    ]  # fmt: skip
    assert got == [
        ("CITES basics", "CITES", date(2018, 1, 1), date(2018, 12, 31), 12, 10, 4, date(2019, 2, 1)),
        ("Ozone basics", "WCO", date(2018, 1, 1), date(2018, 12, 31), 200, 150, 90, date(2019, 2, 1)),
    ]


@pytest.mark.django_db
def test_xlsx_error_names_the_sheet_row(module: Module, secretariat_user: Any) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(external.COLUMNS)
    sheet.append(["ozone", "", "WCO CLiKC!", "2018-01-01", "2018-12-31", 2.5, 1, 1, "rep", "2019-02-01"])
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(external.ImportFailed) as failure:
        external.import_table(data=out.getvalue(), filename="f.xlsx", by=verified(secretariat_user), at=NOW)
    assert failure.value.errors == ["line 2: registered: '2.5' is not a whole number"]
    assert not ExternalFigure.objects.exists()


def test_downloaded_templates_have_the_columns(secretariat_user: Any, client_for: Any) -> None:
    c = client_for(secretariat_user)
    csv_response = c.get("/learning/stats/external/template.csv")
    assert csv_response.status_code == 200
    assert csv_response.content.decode().splitlines()[0] == HEADER
    xlsx_response = c.get("/learning/stats/external/template.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).active
    assert [c.value for c in sheet[1]] == external.COLUMNS
    assert c.get("/learning/stats/external/template.pdf").status_code == 404


def _statement(actor: str, verb: str, activity: str, ts: str = "2017-03-01T10:00:00Z", **extra: Any) -> dict:
    return {
        "id": extra.pop("id", f"{actor}-{verb}-{activity}-{ts}"),
        "actor": {"objectType": "Agent", "account": {"homePage": "https://clikc.wco.org", "name": actor}},
        "verb": {"id": f"http://adlnet.gov/expapi/verbs/{verb}"},
        "object": {"objectType": "Activity", "id": activity, **extra.pop("object", {})},
        "timestamp": ts,
        **extra,
    }


STATEMENTS = [
    _statement("a", "registered", "https://clikc.wco.org/course/ods", object={"definition": {"name": {"fr-FR": "SAO", "en-US": "ODS on CLiKC!"}}}),
    _statement("b", "registered", "https://clikc.wco.org/course/ods"),
    _statement("c", "registered", "https://clikc.wco.org/course/ods"),
    _statement("a", "registered", "https://clikc.wco.org/course/ods", ts="2017-03-02T10:00:00Z"),  # same learner
    _statement("a", "launched", "https://clikc.wco.org/course/ods"),
    _statement("b", "attempted", "https://clikc.wco.org/course/ods"),
    _statement("a", "attempted", "https://clikc.wco.org/course/ods"),
    _statement("a", "passed", "https://clikc.wco.org/course/ods", ts="2017-04-20T10:00:00Z"),
    _statement("b", "failed", "https://clikc.wco.org/course/ods"),  # not counted
    _statement("c", "passed", "https://clikc.wco.org/course/ods", id="to-void"),
    _statement("admin", "voided", "to-void"),  # c's pass was voided
    {**_statement("d", "registered", "https://clikc.wco.org/course/ods"), "actor": {"name": "no identifier"}},
    # a module hosted here too: its slug ends the activity id; a lesson's statement counts through its parent
    _statement("x", "registered", "https://clikc.wco.org/modules/ozone/"),
    _statement("x", "completed", "https://clikc.wco.org/lesson/17",
               context={"contextActivities": {"parent": [{"id": "https://clikc.wco.org/modules/ozone"}]}}),
    _statement("y", "registered", "https://clikc.wco.org/modules/ozone", ts="2016-12-31T23:00:00Z"),
]  # fmt: skip


@pytest.mark.django_db
def test_xapi_counts_distinct_learners_per_activity(module: Module) -> None:
    counts = external.xapi_counts(json.dumps(STATEMENTS).encode(), modules={"ozone": module})
    got = {k: (v.title, len(v.registered), len(v.active), len(v.completed)) for k, v in counts.items()}
    assert got == {
        "https://clikc.wco.org/course/ods": ("ODS on CLiKC!", 3, 2, 1),
        "https://clikc.wco.org/modules/ozone/": ("https://clikc.wco.org/modules/ozone/", 1, 0, 0),
        "https://clikc.wco.org/modules/ozone": ("https://clikc.wco.org/modules/ozone", 1, 0, 1),
    }


@pytest.mark.django_db
def test_xapi_import_maps_activities_to_modules(module: Module, secretariat_user: Any, partners: Any) -> None:
    result = {"statements": STATEMENTS, "more": ""}  # an LRS StatementResult page
    external.import_xapi(
        data=json.dumps(result).encode(), partner=partners["WCO"], platform="WCO CLiKC!", source="LRS export",
        reported_on=date(2017, 5, 1), start=date(2017, 1, 1), end=date(2017, 4, 30),
        by=verified(secretariat_user), at=NOW,
    )  # fmt: skip
    got = sorted(
        (f.title, f.module_id, f.partner.acronym, f.period_start, f.period_end, f.registered, f.active, f.completed)
        for f in ExternalFigure.objects.select_related("module", "partner")
    )  # fmt: skip
    # y registered on 31 December 2016, before the period: not counted; both ozone ids map to the module
    assert got == [
        ("ODS on CLiKC!", None, "WCO", date(2017, 1, 1), date(2017, 4, 30), 3, 2, 1),
        ("Ozone basics", module.pk, "WCO", date(2017, 1, 1), date(2017, 4, 30), 0, 0, 1),
        ("Ozone basics", module.pk, "WCO", date(2017, 1, 1), date(2017, 4, 30), 1, 0, 0),
    ]


@pytest.mark.django_db
def test_xapi_import_needs_an_owner_for_unknown_activities_and_saves_nothing(
    module: Module, secretariat_user: Any
) -> None:
    with pytest.raises(external.ImportFailed) as failure:
        external.import_xapi(
            data=json.dumps(STATEMENTS).encode(), partner=None, platform="WCO CLiKC!", source="LRS",
            reported_on=date(2017, 5, 1), start=None, end=None, by=verified(secretariat_user), at=NOW,
        )  # fmt: skip
    assert failure.value.errors == [
        "https://clikc.wco.org/course/ods: not a module of this platform; choose its owner partner"
    ]
    assert not ExternalFigure.objects.exists()


@pytest.mark.django_db
def test_imports_are_the_secretariats(module: Module, partner_user: Any, officer: Any) -> None:
    for user in (verified(partner_user), officer):
        with pytest.raises(PermissionDenied):
            external.import_table(data=_csv(), filename="f.csv", by=user, at=NOW)


def _figures(module: Module, partners: Any, by: Any) -> None:
    ExternalFigure.objects.create(
        module=module, partner=partners["WCO"], platform="WCO CLiKC!", period_start=date(2017, 1, 1),
        period_end=date(2017, 12, 31), registered=321, active=123, completed=77,
        source="CLiKC! yearly report 2017", reported_on=date(2018, 1, 15), imported_by=by, imported_at=NOW,
    )  # fmt: skip
    ExternalFigure.objects.create(
        module_title="UNEP module only on CLiKC!", partner=partners["UNEP"], platform="WCO CLiKC!",
        period_start=date(2017, 1, 1), period_end=date(2017, 6, 30), registered=55, active=44, completed=33,
        source="UNEP report on CLiKC!", reported_on=date(2017, 7, 3), imported_by=by, imported_at=NOW,
    )  # fmt: skip


def test_stats_page_shows_external_figures_with_source_and_date(
    module: Module, partners: Any, secretariat_user: Any, partner_user: Any, client_for: Any
) -> None:
    _figures(module, partners, secretariat_user)
    page = client_for(secretariat_user).get("/learning/stats/").content.decode()
    external_part = page.split("Reported by other platforms", 1)[1]
    assert page.index("Completion funnel") < page.index("Reported by other platforms")
    for text in ["Ozone basics", "WCO CLiKC!", "2017-01-01 – 2017-12-31", "<td>321</td>", "<td>123</td>",
                 "<td>77</td>", "CLiKC! yearly report 2017", "2018-01-15", "UNEP module only on CLiKC!",
                 "UNEP report on CLiKC!", "2017-07-03", "/learning/stats/external/import/"]:  # fmt: skip
        assert text in external_part, text
    # WCO staff read their own organization's figures only, and import none
    page = client_for(partner_user).get("/learning/stats/").content.decode()
    assert "CLiKC! yearly report 2017" in page and "UNEP report on CLiKC!" not in page
    assert "/learning/stats/external/import/" not in page


def test_partner_by_partner_view(
    module: Module,
    partners: Any,
    secretariat_user: Any,
    partner_user: Any,
    officer: Any,
    client_for: Any,
    client: Any,
) -> None:
    from greencustoms.learning.content import version_load
    from greencustoms.learning.tests.conftest import FILES

    version_load(module_data(slug="cites", owner="CITES", title="CITES test"), FILES, at=NOW)
    _figures(module, partners, secretariat_user)
    page = client_for(secretariat_user).get("/learning/stats/partners/").content.decode()
    wco = page.split("(WCO)</h2>", 1)[1].split("</section>", 1)[0]
    unep = page.split("(UNEP)</h2>", 1)[1].split("</section>", 1)[0]
    assert "CLiKC! yearly report 2017" in wco and "UNEP report on CLiKC!" not in wco
    assert "UNEP report on CLiKC!" in unep and "<td>55</td>" in unep
    assert "(CITES)</h2>" in page and "No figures reported by other platforms." in page
    partner_page = client_for(partner_user).get("/learning/stats/partners/").content.decode()
    assert (
        "(WCO)</h2>" in partner_page
        and "(UNEP)</h2>" not in partner_page
        and "(CITES)</h2>" not in partner_page
    )
    assert client_for(officer).get("/learning/stats/partners/").status_code == 403
    assert client.get("/learning/stats/partners/").status_code == 403


def test_only_the_secretariat_imports(
    module: Module, secretariat_user: Any, partner_user: Any, officer: Any, client_for: Any, client: Any
) -> None:
    url = "/learning/stats/external/import/"
    upload = SimpleUploadedFile("f.csv", _csv("ozone,,WCO CLiKC!,2017-01-01,2017-12-31,1,1,1,rep,2018-01-15"))
    for c in (client_for(officer), client_for(partner_user), client):
        assert c.get(url).status_code == 403
        assert c.post(url, {"kind": "table", "table": upload}).status_code == 403
        assert c.get("/learning/stats/external/template.csv").status_code == 403
    assert not ExternalFigure.objects.exists()
    s = client_for(secretariat_user)
    assert s.get(url).status_code == 200
    bad = SimpleUploadedFile("f.csv", _csv("ozone,,WCO CLiKC!,2017-01-01,2017-12-31,abc,1,1,rep,2018-01-15"))
    response = s.post(url, {"kind": "table", "table": bad})
    assert response.status_code == 400
    assert "line 2: registered: &#x27;abc&#x27; is not a whole number" in response.content.decode()
    upload.seek(0)
    response = s.post(url, {"kind": "table", "table": upload})
    assert response.status_code == 302 and response["Location"] == "/learning/stats/partners/"
    assert ExternalFigure.objects.get().registered == 1


@pytest.mark.parametrize(
    ("lang", "heading", "error"),
    [
        (
            "fr",
            "Communiqués par d'autres plateformes",
            "ligne 2 : registered : « x » n&#x27;est pas un nombre entier",
        ),
        ("es", "Comunicadas por otras plataformas", "línea 2: registered: «x» no es un número entero"),
    ],
)
def test_pages_and_errors_are_translated(
    lang: str, heading: str, error: str, module: Module, partners: Any, secretariat_user: Any, client_for: Any
) -> None:
    _figures(module, partners, secretariat_user)
    c = client_for(secretariat_user)
    assert heading in c.get(f"/{lang}/learning/stats/").content.decode()
    bad = SimpleUploadedFile("f.csv", _csv("ozone,,WCO CLiKC!,2017-01-01,2017-12-31,x,1,1,rep,2018-01-15"))
    response = c.post(f"/{lang}/learning/stats/external/import/", {"kind": "table", "table": bad})
    assert response.status_code == 400 and error in response.content.decode()


@pytest.mark.django_db
def test_demo_figure_is_marked_and_loaded_once(partners: Any) -> None:
    from greencustoms.learning.content import version_load
    from greencustoms.learning.demo import _external_figures
    from greencustoms.learning.tests.conftest import FILES

    version_load(module_data(slug="montreal-protocol", owner="OzonAction"), FILES, at=NOW)
    out = io.StringIO()
    _external_figures(now=NOW, stdout=out)
    _external_figures(now=NOW, stdout=out)
    figure = ExternalFigure.objects.select_related("partner").get()
    assert (figure.partner.acronym, figure.source) == ("OzonAction", "Invented yearly platform report (demo)")
    assert out.getvalue() == "learning: 1 demo external figure\n"


@pytest.mark.django_db
def test_a_file_longer_than_a_report_is_refused(
    module: Module, secretariat_user: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(external, "MAX_LINES", 2)
    line = "ozone,,WCO CLiKC!,2017-01-01,2017-12-31,1,1,1,rep,2018-01-15"
    external.import_table(data=_csv(line, line), filename="f.csv", by=verified(secretariat_user), at=NOW)
    with pytest.raises(external.ImportFailed) as failure:
        external.import_table(
            data=_csv(line, line, line), filename="f.csv", by=verified(secretariat_user), at=NOW
        )
    assert failure.value.errors == ["the file has more than 2 lines of figures; split it"]
    assert ExternalFigure.objects.count() == 2

"""The HS annex downloads: cells safe to open in a spreadsheet; rendered once per data release; throttled."""

import csv
import datetime as dt
import fcntl
import io
from pathlib import Path

import pytest
from django.core.cache import cache
from django.utils import timezone
from openpyxl import load_workbook

from greencustoms import renders
from greencustoms.agreements import export
from greencustoms.agreements.models import ControlledItem, DataRelease, ItemHSCode
from greencustoms.conftest import make_user

#: A name typed into the reference data, and what the annex must hand out instead.
PAYLOADS = {
    '=HYPERLINK("http://x","y")': '\'=HYPERLINK("http://x","y")',
    "+1+1": "'+1+1",
    "-2+3": "'-2+3",
    "@SUM(A1)": "'@SUM(A1)",
    "\t=1": "'\t=1",
    "\r=1": "'\r=1",
}


@pytest.fixture
def poisoned(refdb, settings, tmp_path) -> dict[str, str]:
    """Six controlled items of the Minamata annex renamed to formulas; returns item_id → expected cell."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    ids = list(
        ItemHSCode.objects.filter(edition="HS2022", item__agreement__slug="minamata")
        .values_list("item_id", flat=True)
        .distinct()[: len(PAYLOADS)]
    )
    assert len(ids) == len(PAYLOADS)
    expected = {}
    for pk, (typed, safe) in zip(ids, PAYLOADS.items(), strict=True):
        ControlledItem.objects.filter(pk=pk).update(name=typed)
        expected[ControlledItem.objects.get(pk=pk).item_id] = safe
    return expected


def _names(rows: list[list[str]]) -> set[str]:
    column = rows[0].index("item")
    return {r[column] for r in rows[1:]}


def test_annex_csv_neutralises_formulas(client, poisoned):
    r = client.get("/agreements/annex.csv", {"edition": "HS2022", "agreement": "minamata"})
    assert r.status_code == 200
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8"), newline="")))
    names = _names(rows)
    assert set(poisoned.values()) <= names
    assert not any(n[:1] in "=+-@\t\r" for n in names)


def test_annex_xlsx_neutralises_formulas(client, poisoned):
    r = client.get("/agreements/annex.xlsx", {"edition": "HS2022", "agreement": "minamata"})
    assert r.status_code == 200
    sheet = load_workbook(io.BytesIO(r.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    # XML reading may turn a carriage return into a line feed (without lxml) or keep it; the prefix matters.
    names = {n.replace("\r", "\n") for n in _names(rows)}
    assert {v.replace("\r", "\n") for v in poisoned.values()} <= names
    assert "f" not in {c.data_type for row in sheet.iter_rows() for c in row}
    column = rows[0].index("data_release")
    assert {type(r[column]) for r in rows[1:]} == {int}


@pytest.fixture
def counted(refdb, settings, tmp_path, monkeypatch) -> list[str]:
    """A fresh render folder; returns the list of formats rendered (one entry per real rendering)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    calls: list[str] = []
    real = export.render

    def render(fmt: str, **kwargs: object) -> bytes:
        calls.append(fmt)
        return real(fmt, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(export, "render", render)
    return calls


def _pdf_files(root: Path) -> list[Path]:
    return sorted((root / "renders").rglob("*.pdf"))


def test_annex_pdf_is_rendered_once_then_served_from_the_file(client, counted, settings, tmp_path):
    first = client.get("/agreements/annex.pdf", {"edition": "HS2022", "agreement": "minamata"})
    second = client.get("/agreements/annex.pdf", {"edition": "HS2022", "agreement": "minamata"})
    assert (first.status_code, second.status_code) == (200, 200)
    assert counted == ["pdf"]
    assert second.content.startswith(b"%PDF") and second.content == first.content
    assert second["Cache-Control"] == "public, max-age=3600"
    assert second["Content-Disposition"] == 'attachment; filename="greencustoms-hs-annex-HS2022-minamata.pdf"'
    assert len(_pdf_files(tmp_path)) == 1


def test_a_new_data_release_renders_a_new_file(client, counted, tmp_path):
    client.get("/agreements/annex.csv", {"edition": "HS2022", "agreement": "minamata"})
    old = sorted((tmp_path / "renders").rglob("*.csv"))
    current = DataRelease.objects.first()
    DataRelease.objects.create(
        number=current.number + 1, imported_at=timezone.now(), checksum="0" * 64, counts={}, changelog=[]
    )
    r = client.get("/agreements/annex.csv", {"edition": "HS2022", "agreement": "minamata"})
    assert r.status_code == 200
    assert counted == ["csv", "csv"]
    rows = list(csv.DictReader(io.StringIO(r.content.decode())))
    assert {row["data_release"] for row in rows} == {str(current.number + 1)}
    new = sorted((tmp_path / "renders").rglob("*.csv"))
    assert len(old) == len(new) == 1 and old != new  # the file of the older release is gone


def test_a_file_being_rendered_is_not_rendered_twice(client, counted, tmp_path):
    """While another request holds the file's lock, the caller is asked to come back (503 + Retry-After)."""
    # the family names the date the annex answers for and the language of its words (issue #14)
    family = ("annex", "HS2022", "minamata", dt.date.today().isoformat(), "en", "csv")
    lock_path = Path(renders.storage().path(f"{'/'.join(family)}/{export.version()}.lock"))
    lock_path.parent.mkdir(parents=True)
    with open(lock_path, "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        r = client.get("/agreements/annex.csv", {"edition": "HS2022", "agreement": "minamata"})
    assert r.status_code == 503 and r["Retry-After"] == str(renders.PREPARING_RETRY_AFTER)
    assert "being prepared" in r.content.decode()
    assert counted == []
    assert (
        client.get("/agreements/annex.csv", {"edition": "HS2022", "agreement": "minamata"}).status_code == 200
    )


def test_anonymous_callers_over_the_limit_get_429(client, counted, settings):
    settings.RATELIMIT_ENABLE = True
    # a day-long window: the requests a few seconds apart never straddle a window boundary (a minute may)
    settings.EXPORT_ANONYMOUS_RATE = "2/d"
    cache.clear()
    params = {"edition": "HS2022", "agreement": "minamata"}
    assert [client.get("/agreements/annex.csv", params).status_code for _ in range(2)] == [200, 200]
    r = client.get("/agreements/annex.csv", params)
    assert r.status_code == 429
    assert 1 <= int(r["Retry-After"]) <= 24 * 3600  # at most the rest of the window
    assert "Too many downloads" in r.content.decode()
    french = client.get("/fr/agreements/annex.csv", params)
    assert french.status_code == 429 and "Trop de téléchargements" in french.content.decode()
    client.force_login(make_user("reader@test.example"))
    assert client.get("/agreements/annex.csv", params).status_code == 200
    cache.clear()

"""data/build/build.py: the committed data/ is what the build makes from the shared copies and the hand lists."""

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
DATA = REPO / "data"


def _load_build():
    spec = importlib.util.spec_from_file_location("greencustoms_data_build", DATA / "build" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build()


def _shared() -> Path:
    """The shared public copies: $GREENCUSTOMS_SHARED_DATA, else ../shared/data beside the clone (as in CI)."""
    return Path(os.environ.get("GREENCUSTOMS_SHARED_DATA") or REPO.parent / "shared" / "data")


needs_shared = pytest.mark.skipif(
    not _shared().is_dir(),
    reason=f"shared public copies not found at {_shared()} (set GREENCUSTOMS_SHARED_DATA); CI has them and "
    "runs `make data-check`",
)


@needs_shared
def test_a_fresh_build_equals_the_committed_data():
    assert build.check(_shared(), DATA) == []


@needs_shared
def test_the_check_names_a_committed_file_that_was_edited_by_hand(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("build"))
    path = data / "parties" / "parties.csv"
    path.write_text(path.read_text(encoding="utf-8") + "kigali,CN,party,acceptance,2021-06-17,,ozone-gpl\n")
    problems = build.check(_shared(), data)
    assert len(problems) == 1
    assert problems[0].startswith("data/parties/parties.csv: differs from the build")


@needs_shared
def test_the_check_names_a_committed_file_the_build_does_not_make(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("build"))
    (data / "agreements" / "extra.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert build.check(_shared(), data) == [
        "data/agreements/extra.csv: committed but not produced by the build"
    ]


def _hs(edition, code, ex="false", source="wco-hs2022", item="cfc-11", note="n"):
    return {
        "agreement": "montreal",
        "item_id": item,
        "edition": edition,
        "hs_code": code,
        "ex": ex,
        "note": note,
        "source": source,
    }


def _link(to_edition, to_code, relationship="1:1", partial=""):
    return {
        "from_edition": "HS2022",
        "to_edition": to_edition,
        "to_code": to_code,
        "relationship": relationship,
        "partial_flag": partial,
    }


def test_older_editions_come_from_the_unsd_links_of_the_hs2022_row():
    links = {
        ("290377", "HS2017"): [_link("HS2017", "290377")],
        ("290377", "HS2012"): [_link("HS2012", "290377", partial="ex")],
        ("290377", "HS2007"): [_link("HS2007", "290349", "n:1")],
    }
    rows = build.item_hs_rows([_hs("HS2022", "290377")], links)
    assert [(r["edition"], r["hs_code"], r["ex"], r["source"]) for r in rows] == [
        ("HS2022", "290377", "false", "wco-hs2022"),
        ("HS2007", "290349", "true", "unsd-corr"),  # n:1 is not an equivalent
        ("HS2012", "290377", "true", "unsd-corr"),  # marked partial by UNSD
        ("HS2017", "290377", "false", "unsd-corr"),  # 1:1, complete
    ]
    assert rows[1]["note"] == "from HS2022 2903.77 via UNSD correlation (n:1)"


def test_a_hand_row_for_an_edition_replaces_the_correlation_and_ex_is_inherited():
    hand = [_hs("HS2022", "290377", ex="true"), _hs("HS2002", "290341", source="hs-descriptions")]
    links = {
        ("290377", "HS2002"): [_link("HS2002", "290349", "n:1")],
        ("290377", "HS2017"): [_link("HS2017", "290377")],
    }
    rows = build.item_hs_rows(hand, links)
    assert [(r["edition"], r["hs_code"], r["ex"], r["source"]) for r in rows] == [
        ("HS2022", "290377", "true", "wco-hs2022"),
        ("HS2002", "290341", "false", "hs-descriptions"),
        ("HS2017", "290377", "true", "unsd-corr"),  # 1:1 but the HS2022 row itself is ex
    ]


def test_a_code_with_more_links_than_the_threshold_is_not_transposed():
    many = [_link("HS2017", f"85{i:04d}", "n:n") for i in range(build.MAX_CORRELATION_LINKS + 1)]
    rows = build.item_hs_rows([_hs("HS2022", "854911", item="a1160")], {("854911", "HS2017"): many})
    assert [(r["edition"], r["hs_code"]) for r in rows] == [("HS2022", "854911")]


def test_the_same_older_code_reached_twice_is_listed_once():
    hand = [_hs("HS2022", "293540"), _hs("HS2022", "293520")]
    links = {
        ("293540", "HS2002"): [_link("HS2002", "293500", "n:1")],
        ("293520", "HS2002"): [_link("HS2002", "293500", "n:1")],
    }
    rows = build.item_hs_rows(hand, links)
    assert [(r["edition"], r["hs_code"]) for r in rows] == [
        ("HS2022", "293540"),
        ("HS2002", "293500"),
        ("HS2022", "293520"),
    ]


def test_a_hand_list_row_without_its_source_stops_the_build(tmp_path, monkeypatch):
    (tmp_path / "sources.csv").write_text("source,title\n,No key\n", encoding="utf-8")
    monkeypatch.setattr(build, "LISTS", tmp_path)
    with pytest.raises(build.BuildError, match=r"sources.csv:2: source is empty"):
        build.read_list("sources.csv")


def test_the_gpl_files_ship_with_the_gpl_version_3_text():
    text = (DATA / "ozone" / "COPYING").read_text(encoding="utf-8")
    assert text.lstrip().startswith(
        "GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007"
    )
    assert "END OF TERMS AND CONDITIONS" in text
    assert sorted(p.name for p in (DATA / "ozone").glob("*.csv")) == sorted(
        Path(dst).name for dst in build.OZONE_FILES.values()
    )


def test_every_source_key_has_a_row_in_the_licence_table():
    provenance = (DATA / "PROVENANCE.md").read_text(encoding="utf-8")
    table = provenance[provenance.index("## Licences and terms of each source") :]
    table = table[: table.index("\n## ")]
    keys = [r["source"] for r in build.read_rows(DATA / "sources.csv")]
    assert keys
    assert [k for k in keys if f"`{k}`" not in table] == []

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


OZONE_HEADER = "party_name,iso_alpha2,iso_alpha3,treaty_id,treaty_name,ratification_type,ratification_date,entry_into_force_date"


DISAGREEMENTS_HEADER = (
    "instrument,country,action,date,other_action,other_date,source,resolved_to,read_on,note\n"
)


def _party_build(tmp_path, monkeypatch, hand_rows, coverage_rows, disagreements=(), counts_on=()):
    """build_parties over a two-row Ozone Secretariat file and the given hand lists (and recorded disagreements,
    and counts for an earlier date); returns the written files."""
    shared, lists, out = tmp_path / "shared", tmp_path / "lists", tmp_path / "out"
    (shared / "parties").mkdir(parents=True)
    lists.mkdir()
    (shared / "parties/ozone_treaty_ratifications.csv").write_text(
        OZONE_HEADER + "\r\n"
        "Germany,DE,DEU,KA,Kigali Amendment,Acceptance,2017-11-16,2019-01-01\r\n"
        "Germany,DE,DEU,VC,Vienna Convention,Ratification,1988-09-30,1988-12-29\r\n",
        encoding="utf-8",
    )
    (lists / "parties.csv").write_text(
        "instrument,country,status,action,date,in_force,source,as_of,read_on,note\n" + "".join(hand_rows),
        encoding="utf-8",
    )
    (lists / "party_lists.csv").write_text(
        "instrument,complete,parties,as_of,source,read_on,note\n" + "".join(coverage_rows), encoding="utf-8"
    )
    (lists / "party_disagreements.csv").write_text(
        DISAGREEMENTS_HEADER + "".join(disagreements), encoding="utf-8"
    )
    monkeypatch.setattr(build, "LISTS", lists)
    monkeypatch.setattr(build, "PARTY_COUNTS_ON", counts_on)
    build.build_parties(shared, out)
    return {
        name: (out / "parties" / name).read_text(encoding="utf-8")
        for name in ("parties.csv", "parties_partial.csv")
    }


def test_single_facts_of_an_instrument_without_a_complete_list_stay_out_of_the_screened_file(
    tmp_path, monkeypatch
):
    files = _party_build(
        tmp_path,
        monkeypatch,
        [
            "kigali,CN,party,acceptance,2021-06-17,2021-09-15,mee-cn-kigali-2021,2021-06-29,2026-12-02,\n",
            "basel-ban,BR,party,acceptance,2023-03-22,2023-06-20,untc-xxvii-3-a,,2026-12-02,\n",
        ],
        [
            "kigali,yes,2,2019-11-08,ozone-decision-xxxi-11,2026-12-02,\n",
            "basel-ban,no,104,,untc-xxvii-3-a,2026-12-02,\n",
        ],
    )
    assert files["parties.csv"] == (
        "instrument,country,status,action,date,in_force,source,as_of\n"
        "kigali,CN,party,acceptance,2021-06-17,2021-09-15,mee-cn-kigali-2021,2021-06-29\n"
        "kigali,DE,party,acceptance,2017-11-16,2019-01-01,ozone-gpl,2019-10-16\n"
    )
    assert files["parties_partial.csv"] == (
        "instrument,country,status,action,date,in_force,source,as_of\n"
        "basel-ban,BR,party,acceptance,2023-03-22,2023-06-20,untc-xxvii-3-a,\n"
    )


def test_a_hand_fact_that_contradicts_the_ozone_secretariat_file_stops_the_build(tmp_path, monkeypatch):
    with pytest.raises(
        build.BuildError, match=r"kigali DE ratification 2017-11-17 per untc-xxvii-2-f contradicts"
    ):
        _party_build(
            tmp_path,
            monkeypatch,
            ["kigali,DE,party,ratification,2017-11-17,,untc-xxvii-2-f,,2026-12-02,\n"],
            ["kigali,yes,1,2019-11-08,ozone-decision-xxxi-11,2026-12-02,\n"],
        )


def test_a_party_count_that_the_built_list_does_not_match_stops_the_build(tmp_path, monkeypatch):
    with pytest.raises(
        build.BuildError, match=r"kigali: 88 parties per ozone-decision-xxxi-11, but .* holds 1"
    ):
        _party_build(
            tmp_path, monkeypatch, [], ["kigali,yes,88,2019-11-08,ozone-decision-xxxi-11,2026-12-02,\n"]
        )


def test_an_earlier_count_checks_the_dates_of_the_list(tmp_path, monkeypatch):
    # the list holds Germany (2017-11-16) and a deposit of 2020: one Party up to 2019-11-08, not two
    hand = ["kigali,AO,party,ratification,2020-11-16,,untc-xxvii-2-f-ocd,2023-10-08,2026-12-02,\n"]
    coverage = ["kigali,yes,2,2023-10-08,untc-xxvii-2-f-ocd,2026-12-02,\n"]
    files = _party_build(
        tmp_path,
        monkeypatch,
        hand,
        coverage,
        counts_on=(("kigali", "2019-11-08", 1, "ozone-decision-xxxi-11"),),
    )
    assert "kigali,AO,party,ratification,2020-11-16" in files["parties.csv"]
    with pytest.raises(
        build.BuildError, match=r"kigali: 2 parties as at 2019-11-08 per ozone-decision-xxxi-11"
    ):
        _party_build(
            tmp_path / "again",
            monkeypatch,
            hand,
            coverage,
            counts_on=(("kigali", "2019-11-08", 2, "ozone-decision-xxxi-11"),),
        )


def test_a_recorded_disagreement_lets_the_depositary_record_replace_the_ozone_row(tmp_path, monkeypatch):
    hand = ["kigali,DE,party,acceptance,2017-11-14,2019-01-01,untc-xxvii-2-f-ocd,2023-10-08,2026-12-02,\n"]
    coverage = ["kigali,yes,1,2023-10-08,untc-xxvii-2-f-ocd,2026-12-02,\n"]
    recorded = "kigali,DE,acceptance,2017-11-14,acceptance,2017-11-16,untc-xxvii-2-f-ocd,untc-xxvii-2-f-ocd,2026-12-02,\n"
    with pytest.raises(build.BuildError, match=r"contradicts acceptance 2017-11-16 per ozone-gpl; record it"):
        _party_build(tmp_path, monkeypatch, hand, coverage)
    files = _party_build(tmp_path / "recorded", monkeypatch, hand, coverage, disagreements=[recorded])
    assert files["parties.csv"] == (
        "instrument,country,status,action,date,in_force,source,as_of\n"
        "kigali,DE,party,acceptance,2017-11-14,2019-01-01,untc-xxvii-2-f-ocd,2023-10-08\n"
    )


def test_a_recorded_disagreement_that_no_longer_occurs_stops_the_build(tmp_path, monkeypatch):
    recorded = "kigali,DE,acceptance,2017-11-14,acceptance,2017-11-16,untc-xxvii-2-f-ocd,untc-xxvii-2-f-ocd,2026-12-02,\n"
    with pytest.raises(build.BuildError, match=r"no such disagreement"):
        _party_build(
            tmp_path,
            monkeypatch,
            ["kigali,DE,party,acceptance,2017-11-16,2019-01-01,untc-xxvii-2-f-ocd,2023-10-08,2026-12-02,\n"],
            ["kigali,yes,1,2023-10-08,untc-xxvii-2-f-ocd,2026-12-02,\n"],
            disagreements=[recorded],
        )


def test_the_same_fact_as_of_a_later_date_becomes_the_row_of_record(tmp_path, monkeypatch):
    # Ozone Secretariat file as of 2019-10-16; the depositary's copy of 2023-10-08 says the same
    files = _party_build(
        tmp_path,
        monkeypatch,
        ["kigali,DE,party,acceptance,2017-11-16,2019-01-01,untc-xxvii-2-f-ocd,2023-10-08,2026-12-02,\n"],
        ["kigali,yes,1,2023-10-08,untc-xxvii-2-f-ocd,2026-12-02,\n"],
    )
    assert (
        "kigali,DE,party,acceptance,2017-11-16,2019-01-01,untc-xxvii-2-f-ocd,2023-10-08\n"
        in files["parties.csv"]
    )
    assert "ozone-gpl" not in files["parties.csv"]


def _item(item_id, kind, name, notes, source):
    return {
        "agreement": "montreal",
        "item_id": item_id,
        "kind": kind,
        "name": name,
        "notes": notes,
        "source": source,
    }


SUBSTANCES = [
    {"description": "Trichlorofluoromethane", "formula": "CFCl3", "odp": "1", "gwp": "4750"},
    {"description": "Bromochlorodifluoromethane", "formula": "CF2BrCl", "odp": "3", "gwp": "0"},
]


def test_carried_montreal_substances_must_agree_with_the_ozone_secretariat_file():
    items = [
        _item(
            "cfc-11",
            "substance",
            "CFC-11",
            "Trichlorofluoromethane; formula CFCl3; ODP 1; GWP 4750",
            "ozone-gpl",
        ),
        _item(
            "halon-1211",
            "substance",
            "Halon-1211",
            "Bromochlorodifluoromethane; formula CF2BrCl; ODP 3",
            "ozone-gpl",
        ),
    ]
    assert build.crosscheck_montreal(items, SUBSTANCES, [], []) == []
    items[0]["notes"] = "Trichlorofluoromethane; formula CFCl3; ODP 0.8; GWP 4750"
    items[1]["notes"] = "Bromochlorodifluoromethane; formula CBrClF2; ODP 3"
    assert build.crosscheck_montreal(items, SUBSTANCES, [], []) == [
        "montreal/cfc-11: ODP/GWP 0.8/4750 but the Ozone Secretariat file has 1/4750",
        "montreal/halon-1211: no single Ozone Secretariat substance with the description and formula quoted",
    ]


def test_carried_blend_compositions_must_quote_their_source():
    items = [
        _item(
            "r-404a",
            "mixture",
            "R-404A",
            "Composition (mass %): R-125/143a/134a (44.0/52.0/4.0); components: …",
            "ashrae-coolprop",
        ),
        _item(
            "r-509",
            "mixture",
            "R-509",
            "Composition (mass %): R-22/218 (46,0/54,0); components: …",
            "ozone-gpl",
        ),
    ]
    ashrae = [{"ashrae_designation": "R-404A", "composition_as_published": "R-125/143a/134a (44.0/52.0/4.0)"}]
    blends = [{"blend_id": "R-509", "composition_alt": "R-22/218 (44,0/56,0)"}]
    assert build.crosscheck_montreal(items, [], blends, ashrae) == [
        "montreal/r-509: composition differs from the Ozone Secretariat blend R-509"
    ]


def test_blend_compositions_are_compared_between_the_two_upstream_sources():
    ashrae = [
        {"ashrae_designation": "R-412A", "component": "R-22", "mass_percent": "70.0"},
        {"ashrae_designation": "R-412A", "component": "R-218", "mass_percent": "5.0"},
        {"ashrae_designation": "R-412A", "component": "R-143b", "mass_percent": "25.0"},
        {"ashrae_designation": "R-433A", "component": "R-1270", "mass_percent": "30.0"},
        {"ashrae_designation": "R-433A", "component": "R-290", "mass_percent": "70.0"},
    ]
    ozone = [
        {"blend_id": "R-412A", "component_name": "HCFC-22", "mass_fraction": "0.7"},
        {"blend_id": "R-412A", "component_name": "PFC-218", "mass_fraction": "0.05"},
        {"blend_id": "R-412A", "component_name": "HCFC-142b", "mass_fraction": "0.25"},
        {"blend_id": "R-433A", "component_name": "HC-290", "mass_fraction": "0.7"},
        {"blend_id": "R-433A", "component_name": "HO-1270", "mass_fraction": "0.3"},
    ]
    found = build.blend_disagreements(ashrae, ozone)
    assert list(found) == ["R-412A"]  # R-433A agrees: HO-1270 is R-1270
    assert "('143b', 25.0)" in found["R-412A"] and "('142b', 25.0)" in found["R-412A"]


R412A_ASHRAE = [
    {"ashrae_designation": "R-412A", "component": "R-22", "mass_percent": "70.0"},
    {"ashrae_designation": "R-412A", "component": "R-218", "mass_percent": "5.0"},
    {"ashrae_designation": "R-412A", "component": "R-143b", "mass_percent": "25.0"},
]
R412A_OZONE = [
    {
        "blend_id": "R-412A",
        "component_name": "HCFC-22",
        "mass_fraction": "0.7",
        "controlled_substance_id": "135",
    },
    {
        "blend_id": "R-412A",
        "component_name": "PFC-218",
        "mass_fraction": "0.05",
        "controlled_substance_id": "",
    },
    {
        "blend_id": "R-412A",
        "component_name": "HCFC-142b",
        "mass_fraction": "0.25",
        "controlled_substance_id": "132",
    },
]
# ODPs of the Montreal Protocol Annex C, Group I (HCFC-22 0.055, HCFC-142b 0.065); R-218 is a CoolProp fluid
R412A_SUBSTANCES = [{"name": "HCFC-22", "odp": "0.055"}, {"name": "HCFC-142B", "odp": "0.065"}]
R412A_FLUIDS = [
    {"coolprop_name": "R22", "aliases": "R-22"},
    {"coolprop_name": "R218", "aliases": ""},
    {"coolprop_name": "R142b", "aliases": "R142B"},
    {"coolprop_name": "R143a", "aliases": "R143A"},
]


def test_a_blend_disagreement_is_decided_by_known_components_and_the_stated_odp():
    """R-412A: 0.7 x 0.055 + 0.25 x 0.065 = 0.05475, the ODP the Ozone Secretariat states; 'R-143b' is no
    substance (trifluoroethane has the isomers R-143 and R-143a only)."""
    blends = [{"blend_id": "R-412A", "odp": "0.05475"}]
    args = (R412A_ASHRAE, R412A_OZONE, blends, R412A_SUBSTANCES, R412A_FLUIDS)
    assert build.blend_evidence("R-412A", *args) == "ozone-gpl"
    # a stated ODP that neither composition reproduces leaves the disagreement undecided
    assert build.blend_evidence("R-412A", R412A_ASHRAE, R412A_OZONE, [{"blend_id": "R-412A", "odp": "0.2"}],
                                R412A_SUBSTANCES, R412A_FLUIDS) == ""  # fmt: skip
    # were R-143b a known fluid with ODP 0, the stated ODP still excludes CoolProp's composition
    fluids = [*R412A_FLUIDS, {"coolprop_name": "R143b", "aliases": ""}]
    assert build.blend_evidence("R-412A", R412A_ASHRAE, R412A_OZONE, blends, R412A_SUBSTANCES, fluids) == (
        "ozone-gpl"
    )


@needs_shared
def test_r412a_is_resolved_to_hcfc_142b_and_the_item_quotes_it():
    rows = build.read_rows(build.LISTS / "blend_disagreements.csv")
    assert [(r["blend"], r["status"], r["resolved_to"]) for r in rows] == [
        ("R-412A", "resolved", "ozone-gpl")
    ]
    item = next(
        r for r in build.read_rows(build.DATA_DIR / "agreements/items.csv") if r["item_id"] == "r-412a"
    )
    assert "HCFC-142b" in item["notes"] and "143b" not in item["notes"]
    assert item["source"] == "ozone-gpl"


@needs_shared
def test_a_disagreement_recorded_as_open_that_the_copies_decide_stops_the_build(tmp_path, monkeypatch):
    lists = tmp_path / "lists"
    shutil.copytree(build.LISTS, lists)
    text = (lists / "blend_disagreements.csv").read_text().replace(",resolved,ozone-gpl,", ",open,,")
    (lists / "blend_disagreements.csv").write_text(text)
    monkeypatch.setattr(build, "LISTS", lists)
    with pytest.raises(
        build.BuildError, match="R-412A: recorded as open, but the shared copies bear out ozone-gpl"
    ):
        build.build(_shared(), tmp_path / "out")


@needs_shared
def test_an_item_quoting_the_refuted_blend_source_stops_the_build(tmp_path, monkeypatch):
    lists = tmp_path / "lists"
    shutil.copytree(build.LISTS, lists)
    text = (
        (lists / "items.csv")
        .read_text()
        .replace(
            'R-22/218/142b (70,0/5,0/25,0); components: HCFC-22, PFC-218, HCFC-142b",ozone-gpl',
            'R-22/218/143b (70.0/5.0/25.0); components: R-22, R-218, R-143b",ashrae-coolprop',
        )
    )
    (lists / "items.csv").write_text(text)
    monkeypatch.setattr(build, "LISTS", lists)
    with pytest.raises(build.BuildError, match="R-412A: the sources disagree and ozone-gpl is borne out"):
        build.build(_shared(), tmp_path / "out")


def test_dated_montreal_listings_must_agree_with_the_control_treaty_of_their_group():
    """HCFCs (Annex C, Group I) are controlled by the Copenhagen Amendment of 1992, in force 1994-06-14."""
    groups = [{"group_id": "CI", "name_alt": "Annex C, Group I", "control_treaty": "CA"}]
    treaties = [
        {"treaty_id": "CA", "name": "Copenhagen Amendment", "adoption_date": "1992-11-23",
         "entry_into_force_date": "1994-06-14"}
    ]  # fmt: skip
    item = {"agreement": "montreal", "item_id": "hcfc-22", "listing": "Annex C, Group I",
            "status_source": "ozone-gpl", "decision": "Copenhagen Amendment (1992)",
            "entry_into_force": "1994-06-14"}  # fmt: skip
    assert build.crosscheck_montreal_dates([item], groups, treaties) == []
    wrong = {**item, "entry_into_force": "1989-01-01"}
    assert build.crosscheck_montreal_dates([wrong], groups, treaties) == [
        "montreal/hcfc-22: decision/entry into force 'Copenhagen Amendment (1992)'/'1989-01-01', but the "
        "Ozone Secretariat files give ('Copenhagen Amendment (1992)', '1994-06-14')"
    ]
    # an item not dated from the Ozone Secretariat files is not checked
    assert build.crosscheck_montreal_dates([{**wrong, "status_source": ""}], groups, treaties) == []

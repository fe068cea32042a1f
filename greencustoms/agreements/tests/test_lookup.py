"""The lookup on the shipped data: golden cases per agreement, codes, names, typos, CAS, transposition."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from greencustoms.agreements.lookup import UnreadableQuery, normalise_code, normalise_name


def keys(result):
    return [(m.item.agreement, m.item.item_id) for m in result.matches]


@pytest.mark.parametrize(
    ("query", "edition", "expected"),
    [
        # Montreal: HS2022 names HCFC-22 and HFC-23 outright; 2903.41 meant CFC-11 in HS2007
        ("2903.71", "HS2022", ("montreal", "hcfc-22")),
        ("290341", "HS2022", ("montreal", "hfc-23")),
        ("290341", "HS2007", ("montreal", "cfc-11")),
        ("382761", "HS2022", ("montreal", "r-404a")),
        ("3827.61", "HS2022", ("montreal", "r-507a")),
        # Rotterdam / Stockholm: named subheadings
        ("2930.80", "HS2022", ("rotterdam", "captafol")),
        ("290383", "HS2022", ("stockholm", "mirex")),
        ("2904.31", "HS2022", ("stockholm", "pfos")),
        # CWC schedule 3
        ("2812.11", "HS2022", ("cwc", "phosgene")),
        ("2930.70", "HS2022", ("cwc", "thiodiglycol")),
        # Basel: plastic waste and e-waste
        ("3915.10", "HS2022", ("basel", "y48")),
        ("8549.11", "HS2022", ("basel", "a1160")),
        # Minamata: mercury
        ("2805.40", "HS2022", ("minamata", "mercury")),
        # CITES: ivory; Cartagena: maize seed
        ("0507.10", "HS2022", ("cites", "loxodonta-africana")),
        ("1005.10", "HS2022", ("cartagena", "lmo-environment")),
    ],
)
def test_golden_codes(index, query, edition, expected):
    assert expected in keys(index.lookup(query, edition))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("HCFC-22", ("montreal", "hcfc-22")),
        ("R-22", ("montreal", "hcfc-22")),
        ("R22", ("montreal", "hcfc-22")),
        ("Freon 22", ("montreal", "hcfc-22")),
        ("chlorodifluoromethane", ("montreal", "hcfc-22")),
        ("R-410A", ("montreal", "r-410a")),
        ("Puron", ("montreal", "r-410a")),
        ("R-134a", ("montreal", "hfc-134a")),
        ("Halon 1301", ("montreal", "halon-1301")),
        ("methyl bromide", ("montreal", "methyl-bromide")),
        ("endosulfan", ("rotterdam", "endosulfan")),
        ("endosulfan", ("stockholm", "endosulfan")),
        ("sarin", ("cwc", "sarin")),
        ("mustard gas", ("cwc", "mustard-gas")),
        ("Y48", ("basel", "y48")),
        ("A1180", ("basel", "a1180")),
        ("mercury", ("minamata", "mercury")),
        ("calomel", ("minamata", "mercury-i-chloride")),
        ("pangolin scales", ("cites", "manidae")),
        ("Panthera tigris", ("cites", "panthera-tigris")),
        ("GMO", ("cartagena", "lmo-ffp")),
    ],
)
def test_golden_names(index, query, expected):
    assert expected in keys(index.lookup(query))


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("chlorodiflouromethane", ("montreal", "hcfc-22")),
        ("mustrad gas", ("cwc", "mustard-gas")),
        ("endosulphan", ("stockholm", "endosulfan")),
        ("trichlorfluoromethane", ("montreal", "cfc-11")),
    ],
)
def test_typos_are_tolerated(index, typo, expected):
    assert expected in keys(index.lookup(typo))


def test_typo_tolerance_never_changes_the_number(index):
    assert ("montreal", "r-407a") not in keys(index.lookup("R-404A"))
    assert keys(index.lookup("R-404A"))[0] == ("montreal", "r-404a")


def test_cas_number_lookup(index):
    assert keys(index.lookup("75-45-6")) == [("montreal", "hcfc-22")]
    assert ("cwc", "phosgene") in keys(index.lookup("75-44-5"))


def test_national_code_matches_its_subheading(index):
    assert keys(index.lookup("2903.71.00.00")) == keys(index.lookup("290371"))
    assert keys(index.lookup("29037110")) == keys(index.lookup("2903.71"))


def test_heading_and_chapter_queries_list_items_below(index):
    found = keys(index.lookup("2903"))
    assert ("montreal", "hcfc-22") in found and ("montreal", "hfc-23") in found


def test_nothing_matches_an_uncontrolled_code(index):
    assert index.lookup("0901.11").matches == []  # coffee


def test_transposition_to_every_edition(index):
    item = index.items[("montreal", "hcfc-22")]
    codes = item.codes_by_edition()
    assert codes["HS2022"] == ["290371"] and codes["HS2017"] == ["290371"]
    assert codes["HS2007"] == ["290349"]  # before HS2012 HCFC-22 had no subheading of its own
    assert any(r.edition == "HS2007" and r.ex for r in item.hs)
    hfc23 = index.items[("montreal", "hfc-23")].codes_by_edition()
    assert hfc23["HS2017"] == ["290339"]


def test_json_shape_is_the_contract(index):
    out = index.result_json(index.lookup("R-404A"))
    # extended by issue #14 (date, data as-of, absent codes, subheadings, legal state), nothing renamed
    assert set(out) == {"query", "edition", "matches", "at", "data_as_of", "code_absent", "subheadings"}
    match = out["matches"][0]
    assert set(match) == {
        "agreement",
        "item",
        "kind",
        "listing",
        "cas",
        "hs_codes",
        "ex",
        "controls",
        "controls_words",
        "documents",
        "sources",
        "name",
        "status",
        "decision",
        "entry_into_force",
        "deleted_on",
        "deleted_by",
        "state",
        "history",
        "hs_confidence",
    }
    assert match["hs_codes"]["HS2022"] == ["382761"]
    assert match["ex"][0]["note"]


@pytest.mark.parametrize("bad", ["", "   ", "1", "12345678901", "x" * 201, "R-22\x00"])
def test_unreadable_queries_raise(index, bad):
    with pytest.raises(UnreadableQuery):
        index.lookup(bad)


def test_unknown_edition_is_unreadable(index):
    with pytest.raises(UnreadableQuery):
        index.lookup("2903.71", "HS1992")


codes6 = st.text(alphabet="0123456789", min_size=6, max_size=6)


@given(codes6, st.sampled_from(["{a}{b}{c}", "{a}.{b}{c}", "{a} {b} {c}", "{a}.{b}.{c}", " {a}{b}.{c} "]))
def test_normalise_code_ignores_layout(code, layout):
    text = layout.format(a=code[:4], b=code[4], c=code[5])
    assert normalise_code(text) == code


@given(codes6, st.sampled_from(["", "00", "10", "1000", "9090"]))
def test_national_lines_give_their_subheading(code, suffix):
    assert normalise_code(code + suffix) == code


@given(st.text(alphabet="0123456789. ", min_size=1, max_size=16))
def test_normalise_code_is_even_idempotent_or_refuses(text):
    try:
        code = normalise_code(text)
    except UnreadableQuery:
        return
    assert len(code) in (2, 4, 6) and code.isdigit()
    assert normalise_code(code) == code


@given(st.text(min_size=1, max_size=40))
def test_normalise_name_is_idempotent(text):
    key = normalise_name(text)
    assert normalise_name(key) == key


def test_leading_zero_lost_by_a_spreadsheet_is_restored():
    assert normalise_code("10121") == "010121"

"""Issue #14 part 4: group names find their members; French and Spanish names are searched, accents ignored.

Expectations written by hand from the treaty texts:
- Montreal Protocol Annex F (Kigali Amendment): Group I HFC-134, -134a, -143, -245fa, -365mfc, -227ea, -236cb,
  -236ea, -236fa, -245ca, -43-10mee, -32, -125, -143a, -41, -152, -152a; Group II HFC-23 (18 HFCs).
- Annex A Group II (halons): Halon-1211, Halon-1301, Halon-2402. Annex A Group I CFC-11, -12, -113, -114, -115.
- Stockholm Annex B: "Perfluorooctane sulfonic acid, its salts and perfluorooctane sulfonyl fluoride" (PFOS).
- CITES official texts (data/PROVENANCE.md): "ivoire" (decisions 16.78-16.83, French), "marfil" (CoP17 Doc.
  57.1, Spanish) for elephant ivory; "écailles de pangolin" (decisions 18.239/19.200, French) for Manidae.
"""

import pytest

KIGALI_HFCS = {
    "HFC-134", "HFC-134a", "HFC-143", "HFC-245fa", "HFC-365mfc", "HFC-227ea", "HFC-236cb", "HFC-236ea",
    "HFC-236fa", "HFC-245ca", "HFC-43-10mee", "HFC-32", "HFC-125", "HFC-143a", "HFC-41", "HFC-152",
    "HFC-152a", "HFC-23",
}  # fmt: skip


def _names(index, query, agreement=None):
    return {
        m.item.name for m in index.lookup(query).matches if agreement is None or m.item.agreement == agreement
    }


def test_hfc_finds_the_eighteen_hfcs_of_annex_f(index):
    assert _names(index, "HFC", "montreal") == KIGALI_HFCS


@pytest.mark.parametrize("query", ["halon", "Halon", "HALON"])
def test_halon_finds_the_three_annex_a_halons(index, query):
    assert {"Halon-1211", "Halon-1301", "Halon-2402"} <= _names(index, query)


def test_cfc_finds_the_annex_a_cfcs_and_no_hcfc(index):
    names = _names(index, "CFC")
    assert {"CFC-11", "CFC-12", "CFC-113", "CFC-114", "CFC-115"} <= names
    assert not any(n.startswith(("HCFC", "HFC")) for n in names)


def test_hcfc_lists_every_member_beyond_the_usual_limit(index):
    names = _names(index, "HCFC")
    assert {"HCFC-22", "HCFC-141b", "HCFC-142b", "HCFC-225ca"} <= names
    assert len(names) > 30  # Annex C Group I lists 40 HCFCs: a group is not cut at 30 matches


def test_pfas_finds_pfos_pfoa_and_pfhxs(index):
    ids = {(m.item.agreement, m.item.item_id) for m in index.lookup("PFAS").matches}
    assert {("stockholm", "pfos"), ("stockholm", "pfoa"), ("stockholm", "pfhxs")} <= ids
    assert not any(a == "montreal" for a, _ in ids)


def test_words_in_any_order_find_pfos_salts(index):
    assert [(m.item.agreement, m.item.item_id) for m in index.lookup("PFOS salts").matches] == [
        ("stockholm", "pfos")
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ivoire", {"loxodonta-africana", "elephas-maximus"}),
        ("IVOIRE", {"loxodonta-africana", "elephas-maximus"}),
        ("marfil", {"loxodonta-africana", "elephas-maximus"}),
        ("écailles de pangolin", {"manidae"}),
        ("ecailles de pangolin", {"manidae"}),
        ("Écailles de pangolin", {"manidae"}),
    ],
)
def test_french_and_spanish_names_accent_insensitive(index, query, expected):
    assert {m.item.item_id for m in index.lookup(query).matches} == expected


@pytest.mark.parametrize("query", ["mercure", "mercurio", "Mercúrio"])
def test_mercury_in_french_and_spanish(index, query):
    ids = [(m.item.agreement, m.item.item_id) for m in index.lookup(query).matches]
    assert ("minamata", "mercury") in ids


def test_an_exact_designation_is_not_widened_by_its_group(index):
    assert [m.item.item_id for m in index.lookup("HFC-134a").matches] == ["hfc-134a"]

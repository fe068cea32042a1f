"""Normalisation and word boundaries of chemical names, designations and CAS numbers."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from greencustoms.engine import Ruleset, normalise


def items_found(ruleset: Ruleset, text: str) -> set[str]:
    return {ruleset.items[i].item_id for m in ruleset.find_names(normalise(text)) for i in m.items}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("R22", "r-22"),
        ("R-22", "r-22"),
        ("R 22", "r-22"),
        ("HCFC22", "hcfc-22"),
        ("HCFC-22", "hcfc-22"),
        ("hcfc 22", "hcfc-22"),
        ("Halon 1211", "halon-1211"),
        ("R\u201322", "r-22"),
        ("  Tétrachlorure   DE carbone ", "tetrachlorure de carbone"),
        ("BR-225", "br-225"),
        ("tRaNS-22x", "trans-22x"),
    ],
)
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R-22 refrigerant in 13.6 kg cylinders", {"hcfc-22"}),
        ("gas r22 / R 22 / HCFC22 / hcfc-22", {"hcfc-22"}),
        ("BR-225 brake pads", set()),
        ("tRaNS-22x widget", set()),
        ("R-225", {"hcfc-225"}),
        ("1,1,1-trichloroethane", {"methyl-chloroform"}),
        ("trichloroethane, technical", {"trichloroethane"}),
        ("1,1,2-trichloroethane", set()),
        ("HCFC-141b blowing agent", {"hcfc-141b"}),
        ("HCFC-141 isomers", {"hcfc-141"}),
        ("HCFC-22-based blend", set()),
        ("R-22,R-134a", {"hcfc-22", "hfc-134a"}),
        ("CAS 75-45-6", {"hcfc-22"}),
        ("CAS 175-45-6", set()),
        ("chlorodifluorométhane", {"hcfc-22"}),
        ("CLORODIFLUOROMETANO", {"hcfc-22"}),
        ("Ivoire travaillé", {"loxodonta-africana"}),
        ("ivory-coloured", set()),
        ("ivorycoast", set()),
        ("Hg lamps", set()),  # formulas shorter than four characters are not matched
        ("mercurio metálico", {"mercury"}),
    ],
)
def test_find_names_on_chemical_word_boundaries(ruleset: Ruleset, text: str, expected: set[str]) -> None:
    assert items_found(ruleset, text) == expected


FILLER = st.text(alphabet="qjkz ", max_size=12)
SEP_LEFT = st.sampled_from([" ", "(", "/", ": ", "; ", " \u2013 "])
SEP_RIGHT = st.sampled_from([" ", ")", ",", ".", "/", ";", " - ", ", 13.6 kg"])
GLUE = st.sampled_from(["q", "Z", "7", "-q", "-7"])
SYNONYMS = st.sampled_from(
    [
        ("R-22", "hcfc-22"),
        ("R22", "hcfc-22"),
        ("r 22", "hcfc-22"),
        ("HCFC22", "hcfc-22"),
        ("Chlorodifluoromethane", "hcfc-22"),
        ("75-45-6", "hcfc-22"),
        ("HCFC-141b", "hcfc-141b"),
        ("1,1-dichloro-1-fluoroethane", "hcfc-141b"),
        ("1,1,1-trichloroethane", "methyl-chloroform"),
        ("R-134a", "hfc-134a"),
        ("ivory", "loxodonta-africana"),
        ("marfil", "loxodonta-africana"),
    ]
)


def _mixed_case(data: st.DataObject, text: str) -> str:
    flips = data.draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(ch.upper() if flip else ch.lower() for ch, flip in zip(text, flips, strict=True))


@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), pair=SYNONYMS, before=FILLER, after=FILLER, left=SEP_LEFT, right=SEP_RIGHT)
def test_a_synonym_on_word_boundaries_is_flagged(
    ruleset: Ruleset,
    data: st.DataObject,
    pair: tuple[str, str],
    before: str,
    after: str,
    left: str,
    right: str,
) -> None:
    synonym, item = pair
    text = before + left + _mixed_case(data, synonym) + right + after
    assert item in items_found(ruleset, text)


@settings(deadline=None, max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pair=SYNONYMS,
    before=FILLER,
    after=FILLER,
    glue_left=st.one_of(st.just(""), GLUE),
    glue_right=st.one_of(st.just(""), GLUE),
)
def test_a_synonym_inside_a_longer_token_is_not_flagged(
    ruleset: Ruleset, pair: tuple[str, str], before: str, after: str, glue_left: str, glue_right: str
) -> None:
    if not glue_left and not glue_right:
        return
    synonym, item = pair
    left = glue_left[::-1] if glue_left.startswith("-") else glue_left  # "q-" glues on the left
    text = before + " " + left + synonym + glue_right + " " + after
    assert item not in items_found(ruleset, text)

"""The award's arithmetic: weighted marks, conflicts of interest (property test) and explained ties."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from greencustoms.cases.scoring import CriterionSpec, nomination_result, rank

CRITERIA = [
    CriterionSpec("impact", "Impact", Decimal(40)),
    CriterionSpec("follow", "Follow-up", Decimal(30)),
    CriterionSpec("coop", "Co-operation", Decimal(30)),
]


def marks(member: str, nomination: str, values: list[int]) -> dict[tuple[str, str, str], Decimal]:
    return {(member, nomination, c.key): Decimal(v) for c, v in zip(CRITERIA, values, strict=True)}


def test_weighted_mean_of_member_means_by_hand() -> None:
    scores = marks("a", "n1", [8, 6, 10]) | marks("b", "n1", [6, 6, 8])
    result = nomination_result("n1", CRITERIA, scores, [])
    # criterion means 7, 6, 9 → (40×7 + 30×6 + 30×9) / 100 = (280 + 180 + 270) / 100 = 7.3
    assert result.by_criterion == {"impact": Decimal(7), "follow": Decimal(6), "coop": Decimal(9)}
    assert result.total == Decimal("7.3")


def test_a_conflicted_member_is_left_out_by_hand() -> None:
    scores = marks("a", "n1", [8, 6, 10]) | marks("b", "n1", [0, 0, 0])
    result = nomination_result("n1", CRITERIA, scores, [("b", "n1"), ("a", "n2")])
    assert result.total == Decimal("8.0")  # 0.4×8 + 0.3×6 + 0.3×10
    assert result.excluded_members == ("b",)
    assert result.counted_members == ("a",)


def test_tie_broken_by_the_heaviest_criterion_and_explained() -> None:
    # n1 (7, 7, 7) → 7.0; n2 (4, 10, 8) → (160 + 300 + 240) / 100 = 7.0; Impact (weight 40) decides
    scores = marks("a", "n1", [7, 7, 7]) | marks("a", "n2", [4, 10, 8])
    ranked = rank(["n1", "n2"], CRITERIA, scores, [], names={"n1": "First", "n2": "Second"})
    assert [(r.nomination, r.rank, r.total) for r in ranked] == [("n1", 1, Decimal(7)), ("n2", 2, Decimal(7))]
    assert "same total as First" in ranked[1].tie_note and "Impact" in ranked[1].tie_note
    assert "4.000 against 7.000" in ranked[1].tie_note


def test_full_tie_shares_the_rank() -> None:
    scores = marks("a", "n1", [7, 7, 7]) | marks("a", "n2", [7, 7, 7]) | marks("a", "n3", [1, 1, 1])
    ranked = rank(["n1", "n2", "n3"], CRITERIA, scores, [], names={"n1": "A", "n2": "B", "n3": "C"})
    assert [(r.nomination, r.rank) for r in ranked] == [("n1", 1), ("n2", 1), ("n3", 3)]
    assert ranked[0].tie_note.startswith("shares rank 1 with B")
    assert ranked[1].tie_note.startswith("shares rank 1 with A")


def test_nomination_without_counted_marks_is_unranked() -> None:
    scores = marks("a", "n1", [5, 5, 5])
    ranked = rank(["n1", "n2"], CRITERIA, scores, [("a", "n2")])
    assert ranked[-1].nomination == "n2" and ranked[-1].rank is None and ranked[-1].total is None


MEMBERS = ["wco", "unep", "cites", "opcw"]
NOMINATIONS = ["n1", "n2", "n3"]
mark = st.integers(min_value=0, max_value=10).map(Decimal)
score_maps = st.dictionaries(
    st.tuples(
        st.sampled_from(MEMBERS), st.sampled_from(NOMINATIONS), st.sampled_from([c.key for c in CRITERIA])
    ),
    mark,
    max_size=40,
)
conflict_sets = st.sets(st.tuples(st.sampled_from(MEMBERS), st.sampled_from(NOMINATIONS)), max_size=6)


@settings(max_examples=300, deadline=None)
@given(scores=score_maps, conflicts=conflict_sets, replacement=mark)
def test_a_conflicted_members_score_never_counts(
    scores: dict[tuple[str, str, str], Decimal], conflicts: set[tuple[str, str]], replacement: Decimal
) -> None:
    """Whatever a conflicted member marks (or whether they mark at all), no result changes."""
    before = rank(NOMINATIONS, CRITERIA, scores, conflicts)
    changed = {
        key: (replacement if (key[0], key[1]) in conflicts else value) for key, value in scores.items()
    }
    removed = {key: value for key, value in scores.items() if (key[0], key[1]) not in conflicts}
    for other in (changed, removed):
        after = rank(NOMINATIONS, CRITERIA, other, conflicts)
        assert [(r.nomination, r.rank, r.total, r.by_criterion) for r in after] == [
            (r.nomination, r.rank, r.total, r.by_criterion) for r in before
        ]
    for result in before:
        assert not set(result.counted_members) & {m for m, n in conflicts if n == result.nomination}

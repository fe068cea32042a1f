"""The award's arithmetic, without Django: weighted marks, conflicts of interest, ranking with explained ties.

A nomination's mark on a criterion is the mean of the marks of the jury members who scored it and have no
declared conflict with it; its total is the weighted mean of those criterion marks (criteria nobody scored
are left out of both sums). Ranking: highest total first; equal totals are separated by the criterion
marks, taken in order of weight (heaviest first, then the scheme's order); when every mark is equal the
nominations share the rank. Each tie carries a sentence saying how it was decided.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

Key = Hashable
PLACES = Decimal("0.001")


@dataclass(frozen=True)
class CriterionSpec:
    key: Key
    name: str
    weight: Decimal


@dataclass
class Result:
    """A nomination's marks and place."""

    nomination: Key
    total: Decimal | None
    by_criterion: dict[Key, Decimal] = field(default_factory=dict)
    counted_members: tuple[Key, ...] = ()
    excluded_members: tuple[Key, ...] = ()
    rank: int | None = None
    tie_note: str = ""


def _q(value: Decimal) -> Decimal:
    return value.quantize(PLACES, rounding=ROUND_HALF_UP)


def nomination_result(
    nomination: Key,
    criteria: list[CriterionSpec],
    scores: Mapping[tuple[Key, Key, Key], Decimal],
    conflicts: Iterable[tuple[Key, Key]],
) -> Result:
    """The marks of one nomination. ``scores``: (member, nomination, criterion) → mark; ``conflicts``:
    (member, nomination) pairs; a conflicted member's marks for that nomination are never read."""
    conflicted = {member for member, nom in conflicts if nom == nomination}
    counted: set[Key] = set()
    marks: dict[Key, list[Decimal]] = {}
    for (member, nom, criterion), value in scores.items():
        if nom != nomination or member in conflicted:
            continue
        counted.add(member)
        marks.setdefault(criterion, []).append(Decimal(value))
    by_criterion = {
        c.key: _q(sum(marks[c.key], Decimal(0)) / len(marks[c.key])) for c in criteria if marks.get(c.key)
    }
    weight = sum((c.weight for c in criteria if c.key in by_criterion), Decimal(0))
    total = (
        _q(
            sum((c.weight * by_criterion[c.key] for c in criteria if c.key in by_criterion), Decimal(0))
            / weight
        )
        if weight
        else None
    )
    return Result(
        nomination,
        total,
        by_criterion,
        tuple(sorted(counted, key=str)),
        tuple(sorted(conflicted, key=str)),
    )


def rank(
    nominations: Iterable[Key],
    criteria: list[CriterionSpec],
    scores: Mapping[tuple[Key, Key, Key], Decimal],
    conflicts: Iterable[tuple[Key, Key]],
    *,
    names: Mapping[Key, str] | None = None,
) -> list[Result]:
    """Every nomination's result, ranked (unscored nominations last, without a rank)."""
    conflicts = list(conflicts)
    names = names or {}
    order = sorted(criteria, key=lambda c: -c.weight)  # stable: equal weights keep the scheme's order
    results = [nomination_result(n, criteria, scores, conflicts) for n in nominations]
    scored = [r for r in results if r.total is not None]

    def sort_key(r: Result) -> tuple[Decimal, ...]:
        assert r.total is not None
        return (-r.total, *(-r.by_criterion.get(c.key, Decimal(-1)) for c in order))

    scored.sort(key=sort_key)
    for i, result in enumerate(scored):
        previous = scored[i - 1] if i else None
        if previous is not None and sort_key(previous) == sort_key(result):
            result.rank = previous.rank
            note = f"shares rank {previous.rank} with {names.get(previous.nomination, previous.nomination)}: equal total and equal marks on every criterion"
            result.tie_note = note
            if not previous.tie_note:
                previous.tie_note = f"shares rank {previous.rank} with {names.get(result.nomination, result.nomination)}: equal total and equal marks on every criterion"
            continue
        result.rank = i + 1
        if previous is not None and previous.total == result.total:
            for c in order:
                mine, theirs = result.by_criterion.get(c.key), previous.by_criterion.get(c.key)
                if mine != theirs:
                    other = names.get(previous.nomination, previous.nomination)
                    result.tie_note = (
                        f"same total as {other} ({result.total}); placed after it on "
                        f"“{c.name}” (weight {c.weight}): {mine} against {theirs}"
                    )
                    break
    return scored + [r for r in results if r.total is None]

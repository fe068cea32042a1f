"""Scoring of exercises and test questions: pure functions over plain data, with feedback per answer.

An answer is a dict whose shape depends on the kind of question:
single, true/false, image → ``{"choice": id}``; multiple → ``{"choices": [id, …]}``;
matching → ``{"pairs": {choice_id: match}}``; ordering → ``{"order": {choice_id: rank}}``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from greencustoms.learning.choices import QuestionKind


@dataclass(frozen=True)
class ChoiceData:
    id: int
    text: str
    is_correct: bool = False
    match: str = ""
    position: int = 0
    feedback: str = ""


@dataclass(frozen=True)
class Outcome:
    """Whether an answer is right, what the learner chose, and what to tell them."""

    correct: bool
    answered: bool
    feedback: list[str] = field(default_factory=list)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def answer_from_post(kind: str, question_id: int, choice_ids: Sequence[int], data: Any) -> dict[str, Any]:
    """Read a question's answer from form data (a QueryDict or a dict of lists/values)."""
    name = f"q{question_id}"

    def get(key: str) -> Any:
        value = data.get(key)
        return value[0] if isinstance(value, list) and value else value

    def get_list(key: str) -> list[Any]:
        if hasattr(data, "getlist"):
            return data.getlist(key)
        value = data.get(key, [])
        return value if isinstance(value, list) else [value]

    if kind == QuestionKind.MULTIPLE:
        return {"choices": sorted({i for i in map(_int, get_list(name)) if i is not None})}
    if kind == QuestionKind.MATCHING:
        return {"pairs": {str(c): get(f"{name}-{c}") or "" for c in choice_ids}}
    if kind == QuestionKind.ORDERING:
        return {"order": {str(c): _int(get(f"{name}-{c}")) for c in choice_ids}}
    return {"choice": _int(get(name))}


def score(
    kind: str, choices: Sequence[ChoiceData], answer: Mapping[str, Any], explanation: str = ""
) -> Outcome:
    """Score one answer; all-or-nothing, with the feedback of every option the learner picked."""
    by_id = {c.id: c for c in choices}
    feedback: list[str] = []
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE, QuestionKind.IMAGE):
        picked = by_id.get(_int(answer.get("choice")) or -1)
        if picked is None:
            return Outcome(False, False, [_("No answer given.")])
        correct = picked.is_correct
        if picked.feedback:
            feedback.append(picked.feedback)
    elif kind == QuestionKind.MULTIPLE:
        picked_ids = {i for i in (_int(x) for x in answer.get("choices", [])) if i in by_id}
        if not picked_ids:
            return Outcome(False, False, [_("No answer given.")])
        correct = picked_ids == {c.id for c in choices if c.is_correct}
        feedback.extend(by_id[i].feedback for i in sorted(picked_ids) if by_id[i].feedback)
    elif kind == QuestionKind.MATCHING:
        pairs = {(_int(k) or -1): (v or "") for k, v in dict(answer.get("pairs", {})).items()}
        if not any(pairs.values()):
            return Outcome(False, False, [_("No answer given.")])
        correct = all(pairs.get(c.id, "") == c.match for c in choices)
        for c in choices:
            given = pairs.get(c.id, "")
            if given and given != c.match:
                feedback.append(
                    _("%(item)s does not belong to %(given)s.") % {"item": c.text, "given": given}
                )
    elif kind == QuestionKind.ORDERING:
        order = {(_int(k) or -1): _int(v) for k, v in dict(answer.get("order", {})).items()}
        if not any(v is not None for v in order.values()):
            return Outcome(False, False, [_("No answer given.")])
        expected = sorted(choices, key=lambda c: c.position)
        given = sorted(choices, key=lambda c: (order.get(c.id) is None, order.get(c.id) or 0, c.id))
        correct = [c.id for c in expected] == [c.id for c in given] and len(
            {order.get(c.id) for c in choices}
        ) == len(choices)
    else:
        raise ValueError(f"unknown question kind {kind!r}")
    if explanation:
        feedback.append(explanation)
    return Outcome(correct, True, feedback)


def percent(correct: int, total: int) -> int:
    """Score in whole percent, rounded down (a pass mark is never reached by rounding)."""
    return (correct * 100) // total if total else 0

from greencustoms.learning.scoring import ChoiceData, answer_from_post, percent, score

CHOICES = [
    ChoiceData(1, "a", True, feedback="Right: a."),
    ChoiceData(2, "b", False, feedback="b is wrong."),
    ChoiceData(3, "c", True),
]


def test_single_choice_right_and_wrong_with_feedback_per_answer() -> None:
    right = score("single", CHOICES[:2], {"choice": 1}, "Explained.")
    wrong = score("single", CHOICES[:2], {"choice": 2}, "Explained.")
    assert right.correct and right.feedback == ["Right: a.", "Explained."]
    assert not wrong.correct and wrong.feedback == ["b is wrong.", "Explained."]


def test_unanswered_is_wrong_and_marked_unanswered() -> None:
    outcome = score("single", CHOICES, {"choice": None})
    assert not outcome.correct and not outcome.answered


def test_multiple_choice_needs_exactly_the_correct_set() -> None:
    assert score("multiple", CHOICES, {"choices": [1, 3]}).correct
    assert not score("multiple", CHOICES, {"choices": [1]}).correct
    assert not score("multiple", CHOICES, {"choices": [1, 2, 3]}).correct
    # ids that are not choices of this question are ignored, not counted
    assert score("multiple", CHOICES, {"choices": [1, 3, 99]}).correct


def test_matching_every_pair_must_match_and_wrong_pairs_are_named() -> None:
    pairs = [ChoiceData(1, "2903.71", match="Montreal Protocol"), ChoiceData(2, "0507.10", match="CITES")]
    assert score("matching", pairs, {"pairs": {"1": "Montreal Protocol", "2": "CITES"}}).correct
    outcome = score("matching", pairs, {"pairs": {"1": "CITES", "2": "CITES"}})
    assert not outcome.correct
    assert any("2903.71" in f for f in outcome.feedback)


def test_ordering_requires_the_exact_order_and_distinct_ranks() -> None:
    items = [
        ChoiceData(10, "first", position=1),
        ChoiceData(11, "second", position=2),
        ChoiceData(12, "third", position=3),
    ]
    assert score("ordering", items, {"order": {"10": 1, "11": 2, "12": 3}}).correct
    assert not score("ordering", items, {"order": {"10": 2, "11": 1, "12": 3}}).correct
    assert not score("ordering", items, {"order": {"10": 1, "11": 1, "12": 1}}).correct


def test_true_false_and_image_score_like_single_choice() -> None:
    assert score("true_false", CHOICES[:2], {"choice": 1}).correct
    assert not score("image", CHOICES[:2], {"choice": 2}).correct


def test_answers_are_read_from_form_data() -> None:
    from django.http import QueryDict

    data = QueryDict("q5=1&q5=3&q6-1=CITES&q7-10=2")
    assert answer_from_post("multiple", 5, [1, 2, 3], data) == {"choices": [1, 3]}
    assert answer_from_post("matching", 6, [1, 2], data) == {"pairs": {"1": "CITES", "2": ""}}
    assert answer_from_post("ordering", 7, [10], data) == {"order": {"10": 2}}
    assert answer_from_post("single", 8, [1], data) == {"choice": None}


def test_percent_rounds_down_so_a_pass_mark_is_never_reached_by_rounding() -> None:
    assert percent(2, 3) == 66
    assert percent(3, 4) == 75
    assert percent(0, 0) == 0

"""The `when` language: parsing, evaluation, and the errors that keep bad YAML out."""

from __future__ import annotations

import pytest

from portal.flow.conditions import ConditionError, parse_condition


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("a == x", {"a": "x"}, True),
        ("a == x", {}, False),
        ("a != x", {}, False),
        ("not a == x", {}, True),
        ("a in [x, y]", {"a": "y"}, True),
        ("a has x", {"a": ["x", "z"]}, True),
        ("a has x", {"a": "unknown"}, False),
        ("a has_all [x, z]", {"a": ["x"]}, False),
        ("a has_any [x, z]", {"a": ["z"]}, True),
        ("n > 0", {"n": 3}, True),
        ("n > 0", {"n": "unknown"}, False),
        ("n >= 18 and a == x or b == y", {"n": 2, "a": "x", "b": "y"}, True),
        ("n >= 18 and (a == x or b == y)", {"n": 2, "a": "x", "b": "y"}, False),
    ],
)
def test_condition_holds_on_earlier_answers(text: str, answers: dict, expected: bool) -> None:
    assert parse_condition(text).holds(answers) is expected


@pytest.mark.parametrize(
    "text", ["", "a ==", "a = x", "a == x and", "(a == x", "__import__ == x", "a == [x"]
)
def test_bad_condition_is_refused(text: str) -> None:
    with pytest.raises(ConditionError):
        parse_condition(text)


def test_condition_names_the_questions_it_reads() -> None:
    assert parse_condition("not a == x or (b has y and c > 1)").names() == {"a", "b", "c"}

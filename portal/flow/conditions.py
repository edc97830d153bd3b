"""The tiny `when` language: conditions over earlier answers, parsed once, never eval()'d.

Grammar (see docs/adr/002-condition-language.md)::

    expr       := and_expr ("or" and_expr)*
    and_expr   := not_expr ("and" not_expr)*
    not_expr   := "not" not_expr | "(" expr ")" | comparison
    comparison := NAME OP value
    OP         := "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "has" | "has_any" | "has_all"
    value      := WORD | NUMBER | "[" value ("," value)* "]"

A comparison on a question that has no answer (not asked, or not yet) is always false.
Imports nothing from Flask.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

OPERATORS = ("==", "!=", "<=", ">=", "<", ">", "in", "has_any", "has_all", "has")
_TOKEN = re.compile(r"\s*(==|!=|<=|>=|<|>|\(|\)|\[|\]|,|[A-Za-z0-9_.\-]+)")


class ConditionError(ValueError):
    """A `when` expression that does not parse."""


@dataclass(frozen=True)
class Comparison:
    name: str
    op: str
    value: Any

    def names(self) -> set[str]:
        return {self.name}

    def holds(self, answers: Mapping[str, Any]) -> bool:
        if self.name not in answers:
            return False
        return _compare(answers[self.name], self.op, self.value)


@dataclass(frozen=True)
class Not:
    inner: Condition

    def names(self) -> set[str]:
        return self.inner.names()

    def holds(self, answers: Mapping[str, Any]) -> bool:
        return not self.inner.holds(answers)


@dataclass(frozen=True)
class BoolOp:
    op: str  # "and" or "or"
    parts: tuple[Condition, ...]

    def names(self) -> set[str]:
        return set().union(*(part.names() for part in self.parts))

    def holds(self, answers: Mapping[str, Any]) -> bool:
        results = (part.holds(answers) for part in self.parts)
        return all(results) if self.op == "and" else any(results)


Condition = Comparison | Not | BoolOp


def _compare(answer: Any, op: str, value: Any) -> bool:
    items = answer if isinstance(answer, list) else None
    if op == "==":
        return bool(answer == value)
    if op == "!=":
        return bool(answer != value)
    if op == "in":
        return isinstance(value, list) and answer in value
    if op in {"has", "has_any", "has_all"}:
        if items is None:
            return False
        wanted = value if isinstance(value, list) else [value]
        if op == "has_all":
            return all(item in items for item in wanted)
        return any(item in items for item in wanted)
    # Ordering only makes sense between two numbers; "unknown" never compares.
    if not isinstance(answer, int) or isinstance(answer, bool) or not isinstance(value, int):
        return False
    return {"<": answer < value, "<=": answer <= value, ">": answer > value, ">=": answer >= value}[
        op
    ]


def _tokenise(text: str) -> list[str]:
    tokens: list[str] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match:
            raise ConditionError(f"cannot read {text[position:]!r} in {text!r}")
        tokens.append(match.group(1))
        position = match.end()
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _tokenise(text)
        self.position = 0

    def peek(self) -> str | None:
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def take(self, expected: str | None = None) -> str:
        token = self.peek()
        if token is None or (expected is not None and token != expected):
            raise ConditionError(f"expected {expected or 'more'} in {self.text!r}")
        self.position += 1
        return token

    def parse(self) -> Condition:
        condition = self.expr()
        if self.peek() is not None:
            raise ConditionError(f"unexpected {self.peek()!r} in {self.text!r}")
        return condition

    def expr(self) -> Condition:
        parts = [self.and_expr()]
        while self.peek() == "or":
            self.take()
            parts.append(self.and_expr())
        return parts[0] if len(parts) == 1 else BoolOp("or", tuple(parts))

    def and_expr(self) -> Condition:
        parts = [self.not_expr()]
        while self.peek() == "and":
            self.take()
            parts.append(self.not_expr())
        return parts[0] if len(parts) == 1 else BoolOp("and", tuple(parts))

    def not_expr(self) -> Condition:
        if self.peek() == "not":
            self.take()
            return Not(self.not_expr())
        if self.peek() == "(":
            self.take()
            inner = self.expr()
            self.take(")")
            return inner
        name = self.take()
        if not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            raise ConditionError(f"expected a question id, got {name!r} in {self.text!r}")
        op = self.take()
        if op not in OPERATORS:
            raise ConditionError(f"unknown operator {op!r} in {self.text!r}")
        return Comparison(name, op, self.value())

    def value(self) -> Any:
        if self.peek() == "[":
            self.take()
            values = [self.value()]
            while self.peek() == ",":
                self.take()
                values.append(self.value())
            self.take("]")
            return values
        token = self.take()
        if token in {"(", ")", "]", ","}:
            raise ConditionError(f"expected a value, got {token!r} in {self.text!r}")
        return int(token) if re.fullmatch(r"-?\d+", token) else token


def parse_condition(text: str) -> Condition:
    """Parse a `when` expression into a Condition; raise ConditionError when it does not parse.

    :param text: the expression, e.g. ``nationality_group != eu_eea_ch and age >= 18``.
    """
    return _Parser(text).parse()

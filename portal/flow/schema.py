"""Load and validate questionnaires/*.yaml into Question objects; fail loudly on bad data.

Imports nothing from Flask. Texts stay Dutch msgids; the web layer translates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from portal.flow.conditions import Condition, ConditionError, parse_condition
from portal.rules.facts import Facts
from portal.rules.outcome import REGIMES

QUESTIONNAIRES = Path(__file__).resolve().parent.parent.parent / "questionnaires"
TYPES = ("choice", "yes_no", "month_year", "number", "multi")
UNKNOWN = "unknown"
# The answer "none" of a multi question: stored as an empty list.
NONE = "none"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_FACT_NAMES = frozenset(Facts.__dataclass_fields__)
# Rule predicates a `when` may name, with the values they can have: `law` is the regime the
# rules give for the answers so far (engine.with_derived). Data names the rule; it never
# restates it (house style 2; docs/adr/002-condition-language.md).
DERIVED: dict[str, tuple[str, ...]] = {"law": REGIMES}
# Named conversions for facts whose shape differs from the answer (see engine.CONVERTERS).
CONVERTER_NAMES = frozenset({"answer"})


class QuestionnaireError(ValueError):
    """A questionnaire file that is not valid; the message names the file and question."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str = ""
    exclusive: bool = False  # multi only: this option cannot be combined with others
    sets: dict[str, Any] | None = None  # overrides the question's `sets` when chosen


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: str
    hint: str = ""
    options: tuple[Option, ...] = ()
    unknown: bool = False
    unknown_label: str = ""
    when: Condition | None = None
    when_text: str = ""
    sets: dict[str, Any] = field(default_factory=dict)
    minimum: int = 0
    maximum: int = 130
    error: str = ""  # the message when nothing was chosen or entered
    summary: str = ""  # the short text on the check-your-answers page

    @property
    def slug(self) -> str:
        """Return the URL segment: the id in kebab-case."""
        return self.id.replace("_", "-")

    def option(self, value: str) -> Option | None:
        """Return the option with this stored value, or None."""
        return next((option for option in self.options if option.value == value), None)


@dataclass(frozen=True)
class Questionnaire:
    name: str
    title: str
    questions: tuple[Question, ...]
    # Conditions that end the questionnaire early: enough is known for a result.
    finish_when: tuple[Condition, ...] = ()

    def get(self, question_id: str) -> Question | None:
        """Return the question with this id, or None."""
        return self._by_id.get(question_id)

    def by_slug(self, slug: str) -> Question | None:
        """Return the question whose URL segment is `slug`, or None."""
        return self._by_id.get(slug.replace("-", "_")) if "_" not in slug else None

    @cached_property
    def _by_id(self) -> dict[str, Question]:
        # A replay looks questions up by id hundreds of times (engine._facts_data).
        return {question.id: question for question in self.questions}

    @cached_property
    def facts_set(self) -> dict[str, frozenset[str]]:
        """Return, per question id, the facts its answer can set (its own or an option's)."""
        found = {}
        for question in self.questions:
            names = set(question.sets)
            for option in question.options:
                names.update(option.sets or {})
            found[question.id] = frozenset(names)
        return found


def _fail(name: str, where: str, message: str) -> QuestionnaireError:
    return QuestionnaireError(f"{name}.yaml, {where}: {message}")


def _option(name: str, qid: str, raw: Any) -> Option:
    if not isinstance(raw, dict) or not isinstance(raw.get("value"), str):
        raise _fail(name, qid, "every option needs a value and a label")
    if not _ID.match(raw["value"]) or raw["value"] == UNKNOWN:
        raise _fail(name, qid, f"option value {raw['value']!r} must be snake_case, not 'unknown'")
    if not isinstance(raw.get("label"), str):
        raise _fail(name, qid, f"option {raw['value']} has no label")
    return Option(
        value=raw["value"],
        label=raw["label"],
        hint=raw.get("hint", ""),
        exclusive=bool(raw.get("exclusive", False)),
        sets=raw.get("sets"),
    )


def _check_sets(name: str, qid: str, sets: Any) -> None:
    if not isinstance(sets, dict):
        raise _fail(name, qid, "`sets` must map fact names to a conversion")
    for fact, template in sets.items():
        if fact not in _FACT_NAMES:
            raise _fail(name, qid, f"`sets` names {fact!r}, which is not a Facts field")
        leaves = template.values() if isinstance(template, dict) else [template]
        for leaf in leaves:
            if isinstance(leaf, str) and leaf not in CONVERTER_NAMES:
                raise _fail(name, qid, f"unknown conversion {leaf!r}")


def _question(name: str, raw: Any, earlier: dict[str, Question]) -> Question:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise _fail(name, "question", "every question needs an id")
    qid = raw["id"]
    if not _ID.match(qid) or qid in earlier:
        raise _fail(name, qid, "ids must be unique snake_case")
    if raw.get("type") not in TYPES:
        raise _fail(name, qid, f"type must be one of {', '.join(TYPES)}")
    if not isinstance(raw.get("text"), str):
        raise _fail(name, qid, "a question needs a text")
    options = _options(name, qid, raw)
    sets = raw.get("sets", {})
    _check_sets(name, qid, sets)
    for option in options:
        if option.sets is not None:
            _check_sets(name, qid, option.sets)
    when = _when(name, qid, raw.get("when"), earlier)
    return Question(
        id=qid,
        type=raw["type"],
        text=raw["text"],
        hint=raw.get("hint", ""),
        options=options,
        unknown=bool(raw.get("unknown", False)),
        unknown_label=raw.get("unknown_label", ""),
        when=when,
        when_text=str(raw.get("when", "")),
        sets=sets,
        minimum=int(raw.get("min", 0)),
        maximum=int(raw.get("max", 130)),
        error=raw.get("error", ""),
        summary=raw.get("summary", ""),
    )


def _options(name: str, qid: str, raw: dict[str, Any]) -> tuple[Option, ...]:
    options = tuple(_option(name, qid, o) for o in raw.get("options", []))
    if raw["type"] in {"choice", "multi"} and len(options) < 2:
        raise _fail(name, qid, "a choice needs at least two options")
    if raw["type"] not in {"choice", "multi"} and options:
        raise _fail(name, qid, "only choice and multi questions have options")
    if len({o.value for o in options}) != len(options):
        raise _fail(name, qid, "option values must be unique")
    return options


def _when(name: str, qid: str, text: Any, earlier: dict[str, Question]) -> Condition | None:
    if not text:
        return None
    try:
        when = parse_condition(str(text))
    except ConditionError as error:
        raise _fail(name, qid, str(error)) from error
    for ref in when.names():
        if ref not in earlier and ref not in DERIVED:
            raise _fail(name, qid, f"`when` refers to {ref!r}, which is not an earlier question")
    _check_values(name, qid, when, earlier)
    return when


def _check_values(name: str, qid: str, condition: Condition, earlier: dict[str, Question]) -> None:
    """Fail when a condition compares a choice answer with a value it can never have."""
    from portal.flow.conditions import BoolOp, Comparison, Not

    if isinstance(condition, BoolOp):
        for part in condition.parts:
            _check_values(name, qid, part, earlier)
    elif isinstance(condition, Not):
        _check_values(name, qid, condition.inner, earlier)
    elif isinstance(condition, Comparison):
        if condition.name in DERIVED:
            allowed = set(DERIVED[condition.name])
        else:
            allowed = set(possible_values(earlier[condition.name]))
        values = condition.value if isinstance(condition.value, list) else [condition.value]
        for value in values:
            if allowed and isinstance(value, str) and value not in allowed:
                raise _fail(name, qid, f"{condition.name} can never be {value!r}")


def possible_values(question: Question) -> list[str]:
    """Return the stored codes a choice-like question can have (empty for dates and numbers)."""
    codes: list[str] = []
    if question.type == "yes_no":
        codes = ["yes", "no"]
    elif question.type in {"choice", "multi"}:
        codes = [option.value for option in question.options]
    if codes and question.unknown:
        codes.append(UNKNOWN)
    return codes


def load(name: str, folder: Path = QUESTIONNAIRES) -> Questionnaire:
    """Read and validate questionnaires/<name>.yaml; raise QuestionnaireError on any problem.

    :param name: the file name without .yaml, e.g. "inburgering".
    :param folder: where the questionnaires live (tests may pass another folder).
    """
    raw = yaml.safe_load((folder / f"{name}.yaml").read_text(encoding="utf-8"))
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), list):
        raise QuestionnaireError(f"{name}.yaml: needs a list of questions")
    earlier: dict[str, Question] = {}
    for item in raw["questions"]:
        question = _question(name, item, earlier)
        earlier[question.id] = question
    finish: list[Condition] = []
    for text in raw.get("finish_when", []):
        try:
            condition = parse_condition(str(text))
        except ConditionError as error:
            raise _fail(name, "finish_when", str(error)) from error
        unknown = condition.names() - set(earlier)
        if unknown:
            raise _fail(name, "finish_when", f"refers to unknown questions {sorted(unknown)}")
        _check_values(name, "finish_when", condition, earlier)
        finish.append(condition)
    return Questionnaire(
        name=name,
        title=raw.get("title", ""),
        questions=tuple(earlier.values()),
        finish_when=tuple(finish),
    )

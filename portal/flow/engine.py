"""The flow engine: replay answers keyed by question id to find the next question and the Facts.

Imports rules/ for Facts and for the rule predicates a `when` may name (`law`), and nothing
from Flask. Flows route; the rules decide.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable, Mapping, Set
from dataclasses import dataclass
from datetime import date
from typing import Any

from portal.flow.schema import DERIVED, NONE, UNKNOWN, Question, Questionnaire, load
from portal.rules.facts import Facts, FactsError
from portal.rules.regime import REGIME_FACTS, regime_for

_MONTH_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
# "I know only the year": a month_year answer of four digits, "YYYY" (issue 13).
_YEAR = re.compile(r"^\d{4}$")
MIN_YEAR = 1950
MAX_YEAR = 2100


def N_(msgid: str) -> str:
    """Mark a Dutch msgid for extraction; the web layer translates it."""
    return msgid


MONTHS = (
    N_("januari"),
    N_("februari"),
    N_("maart"),
    N_("april"),
    N_("mei"),
    N_("juni"),
    N_("juli"),
    N_("augustus"),
    N_("september"),
    N_("oktober"),
    N_("november"),
    N_("december"),
)
YES = N_("Ja")
NO = N_("Nee")
DONT_KNOW = N_("Ik weet het niet")
ONLY_YEAR = N_("(alleen het jaar)")
NOTHING = N_("Geen")


@functools.cache
def load_questionnaire(name: str = "inburgering") -> Questionnaire:
    """Return the validated questionnaire `name`, loaded once per process.

    :param name: the file name in questionnaires/ without .yaml.
    """
    return load(name)


def is_valid_value(question: Question, value: Any) -> bool:
    """Return True when `value` is a stored answer this question can have.

    Stored answers come back from the database (or a resume code), so the replay checks them
    again: a value that no longer fits (a changed questionnaire) counts as not answered.
    """
    if value == UNKNOWN:
        return question.unknown
    if question.type == "yes_no":
        return isinstance(value, str) and value in {"yes", "no"}
    if question.type == "choice":
        return isinstance(value, str) and question.option(value) is not None
    if question.type == "multi":
        return (
            isinstance(value, list)
            and all(isinstance(v, str) and question.option(v) is not None for v in value)
            and len(set(value)) == len(value)
            and NONE not in value
        )
    if question.type == "number":
        return (
            isinstance(value, int)
            and not isinstance(value, bool)
            and question.minimum <= value <= question.maximum
        )
    if question.type == "month_year":
        if is_year_only(value):
            return MIN_YEAR <= int(value) <= MAX_YEAR
        match = _MONTH_YEAR.match(value) if isinstance(value, str) else None
        return bool(
            match and MIN_YEAR <= int(match.group(1)) <= MAX_YEAR and 1 <= int(match.group(2)) <= 12
        )
    return False


def is_year_only(value: Any) -> bool:
    """Return whether a month_year answer gives only the year ("YYYY", issue 13).

    :param value: a stored month_year answer: "YYYY-MM", "YYYY" or UNKNOWN.
    """
    return isinstance(value, str) and _YEAR.match(value) is not None


@dataclass(frozen=True)
class Walk:
    """The replay of a set of answers: the questions asked and answered, then the next one."""

    asked: tuple[Question, ...]
    relevant: dict[str, Any]
    next: Question | None


def walk(q: Questionnaire, answers: Mapping[str, Any]) -> Walk:
    """Replay `answers` in questionnaire order and return what was asked and what comes next.

    A question is asked when its `when` holds on the relevant answers before it. The walk
    stops at the first asked question without a (valid) answer, or when a `finish_when`
    condition holds: then enough is known for a result. A page asks this several times for
    the same answers, so replays are kept until forget_walks(), which the web layer calls
    after every request: no answers stay in memory past their request.
    """
    key = (id(q), _frozen(answers))
    found = _WALKS.get(key)
    if found is not None and found[0] is q:
        return found[1]
    result = _replay(q, answers)
    if len(_WALKS) >= _WALKS_KEPT:
        _WALKS.clear()  # simple and safe with threads; a page needs only its own few
    _WALKS[key] = (q, result)
    return result


_WALKS: dict[tuple[int, Hashable], tuple[Questionnaire, Walk]] = {}
_WALKS_KEPT = 64


def forget_walks() -> None:
    """Drop every kept replay (called at the end of each web request)."""
    _WALKS.clear()


def _frozen(value: Any) -> Hashable:
    """Return a hashable copy of stored answers (dicts, lists, str, int, bool, None)."""
    if isinstance(value, Mapping):
        return tuple(sorted((key, _frozen(item)) for key, item in value.items()))
    if isinstance(value, list | tuple):
        return ("__list__", *(_frozen(item) for item in value))
    return (type(value).__name__, value)


def _replay(q: Questionnaire, answers: Mapping[str, Any]) -> Walk:
    """Do the replay that walk() describes."""
    relevant: dict[str, Any] = {}
    asked: list[Question] = []
    # The answers plus the rule predicates (with_derived), worked out when a condition first
    # names one, and again only after an answer that sets a fact they rest on: a path has a
    # dozen questions that name `law` and three or four such answers (issue 16).
    derived: Mapping[str, Any] | None = None
    for question in q.questions:
        if any(condition.holds(relevant) for condition in q.finish_when):
            break
        when = question.when
        if when is not None:
            context: Mapping[str, Any] = relevant
            if when.names() & _DERIVED_NAMES:
                if derived is None:
                    derived = with_derived(q, relevant, _DERIVED_NAMES)
                context = derived
            if not when.holds(context):
                continue
        value = answers.get(question.id)
        if question.id not in answers or not is_valid_value(question, value):
            return Walk(tuple(asked), relevant, question)
        relevant[question.id] = value
        asked.append(question)
        if derived is not None:
            if q.facts_set[question.id] & _REGIME_FACTS:
                derived = None
            else:
                derived = {**derived, question.id: value}
    return Walk(tuple(asked), relevant, None)


def next_question(q: Questionnaire, answers: Mapping[str, Any]) -> Question | None:
    """Return the next question to ask, or None when enough is known for a result.

    :param q: the questionnaire.
    :param answers: stored answers keyed by question id (extra or stale ones are ignored).
    """
    return walk(q, answers).next


def relevant_answers(q: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Return only the answers of questions that are still asked, in questionnaire order.

    :param q: the questionnaire.
    :param answers: stored answers keyed by question id.
    """
    return dict(walk(q, answers).relevant)  # a copy: the walk may be reused


def asked_ids(q: Questionnaire, answers: Mapping[str, Any]) -> list[str]:
    """Return the ids on this person's path: the answered questions, then the next one."""
    result = walk(q, answers)
    ids = [question.id for question in result.asked]
    if result.next is not None:
        ids.append(result.next.id)
    return ids


def previous_question(
    q: Questionnaire, answers: Mapping[str, Any], question_id: str
) -> Question | None:
    """Return the question asked just before `question_id` on this path, or None (the first)."""
    ids = asked_ids(q, answers)
    if question_id not in ids:
        return None
    index = ids.index(question_id)
    return q.get(ids[index - 1]) if index > 0 else None


def estimate_total(q: Questionnaire, answers: Mapping[str, Any]) -> int:
    """Return about how many questions this person gets: the path so far plus what may follow.

    A later question counts when its condition holds now or still depends on questions that
    have no answer yet. It is an estimate for the progress line, not a promise.
    """
    result = walk(q, answers)
    if result.next is None:
        return len(result.asked)
    later = q.questions[q.questions.index(result.next) + 1 :]
    count = len(result.asked) + 1
    for question in later:
        when = question.when
        if when is None or when.holds(result.relevant) or when.names() - set(result.relevant):
            count += 1
    return count


CONVERTERS: dict[str, Callable[[Mapping[str, Any], Any], Any]] = {
    "answer": lambda _answers, value: value,
}


def _typed(question: Question, value: Any) -> Any:
    if question.type == "yes_no":
        return value == "yes"
    return value


def _fill(template: Any, answers: Mapping[str, Any], value: Any) -> Any:
    if isinstance(template, dict):
        return {key: _fill(item, answers, value) for key, item in template.items()}
    if isinstance(template, str):
        return CONVERTERS[template](answers, value)
    return template


_REGIME_FACTS = frozenset(REGIME_FACTS)
_DERIVED_NAMES = frozenset(DERIVED)


def with_derived(
    q: Questionnaire, relevant: Mapping[str, Any], names: Set[str]
) -> Mapping[str, Any]:
    """Return the answers plus the rule predicates a condition names (DERIVED), if any.

    `law` is the regime the rules give for the answers so far (portal.rules.regime_for): a
    question for one law only names the rule; it does not restate it (house style 2). The
    rules read only REGIME_FACTS for it, so only the answers that set those facts count.
    """
    wanted = names & _DERIVED_NAMES
    if not wanted:
        return relevant
    context = dict(relevant)
    if "law" in wanted:
        regime_answers = {
            question_id: value
            for question_id, value in relevant.items()
            if q.facts_set.get(question_id, frozenset()) & _REGIME_FACTS
        }
        try:
            facts = Facts.from_dict(_facts_data(q, regime_answers))
        except FactsError:
            facts = Facts()
        context["law"] = regime_for(facts, date.today()).regime
    return context


def facts_dict(q: Questionnaire, answers: Mapping[str, Any]) -> dict[str, Any]:
    """Return the JSON form of the Facts that the relevant answers set (unknown ones left out)."""
    return _facts_data(q, relevant_answers(q, answers))


def _facts_data(q: Questionnaire, relevant: Mapping[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for question_id, value in relevant.items():
        question = q.get(question_id)
        if question is None or value == UNKNOWN:
            continue
        sets = question.sets
        if question.type == "choice":
            option = question.option(value)
            if option is not None and option.sets is not None:
                sets = option.sets
        typed = _typed(question, value)
        for fact, template in sets.items():
            data[fact] = _fill(template, relevant, typed)
    return data


def answers_to_facts(q: Questionnaire, answers: Mapping[str, Any]) -> Facts:
    """Turn the relevant answers into Facts for portal.rules.evaluate (unknown stays None).

    :param q: the questionnaire.
    :param answers: stored answers keyed by question id.
    """
    return Facts.from_dict(facts_dict(q, answers))


def display_value(question: Question, value: Any) -> list[str]:
    """Return the answer as Dutch msgids to translate one by one (numbers and years stay digits).

    A month_year answer gives [month msgid, year], or [year, ONLY_YEAR] when only the year is
    known; join its parts with a space. Other answers give one item, or one per chosen option
    of a multi question; join those with a comma.
    """
    if value == UNKNOWN:
        return [question.unknown_label or DONT_KNOW]
    if question.type == "yes_no":
        return [YES if value == "yes" else NO]
    if question.type == "choice":
        option = question.option(value)
        return [option.label if option else str(value)]
    if question.type == "multi":
        if not value:
            none = question.option(NONE)
            return [none.label if none else NOTHING]
        labels = []
        for code in value:
            option = question.option(code)
            labels.append(option.label if option else str(code))
        return labels
    if question.type == "month_year":
        if is_year_only(value):
            return [str(value), ONLY_YEAR]
        year, month = str(value).split("-")
        return [MONTHS[int(month) - 1], year]
    return [str(value)]


def summary(q: Questionnaire, answers: Mapping[str, Any]) -> list[tuple[Question, list[str]]]:
    """Return (question, display msgids) for every relevant answer, in the order asked.

    :param q: the questionnaire.
    :param answers: stored answers keyed by question id.
    """
    relevant = relevant_answers(q, answers)
    rows = []
    for question_id, value in relevant.items():
        question = q.get(question_id)
        if question is not None:
            rows.append((question, display_value(question, value)))
    return rows

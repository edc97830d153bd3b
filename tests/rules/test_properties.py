"""Property test: evaluate never raises, gives a valid outcome, every route cites a source."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from portal.rules import ROUTE_CODES, Facts, evaluate
from portal.rules import facts as F
from portal.rules.outcome import (
    ASSESSMENTS,
    AUTHORITIES,
    HELP_CODES,
    REGIMES,
    STATUSES,
    WHO_CODES,
)
from portal.rules.regime import REGIME_FACTS, regime_for
from tests.rules.test_cases import CASES, case_facts, case_today

DATES = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def subset(options: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(options), unique=True)


FACTS = st.fixed_dictionaries(
    {},
    optional={
        "residence_decision_date": maybe(DATES.map(date.isoformat)),
        "obligation_start_date": maybe(DATES.map(date.isoformat)),
        "nationality_group": maybe(st.sampled_from(F.NATIONALITY_GROUPS)),
        "residence_purpose": maybe(st.sampled_from(F.RESIDENCE_PURPOSES)),
        "age": maybe(st.integers(0, 130)),
        "exam_parts_passed": maybe(subset(F.EXAM_PARTS)),
        "exam_attempts": maybe(
            st.dictionaries(st.sampled_from(F.EXAM_PARTS), st.lists(DATES.map(date.isoformat)))
        ),
        "course_hours": maybe(st.integers(0, 2000)),
        "course_hours_registered_by_duo": maybe(st.booleans()),
        "literacy_course": maybe(st.booleans()),
        "extension_granted": maybe(st.booleans()),
        "exam_attempts_least": maybe(st.integers(0, 10)),
        "delay_not_own_fault": maybe(st.booleans()),
        "delay_reasons": maybe(subset(F.DELAY_REASONS)),
        "medical_limitation": maybe(st.booleans()),
        "exemption_granted": maybe(
            st.fixed_dictionaries(
                {"ground": st.sampled_from(F.EXEMPTION_GROUNDS)},
                optional={"date": maybe(DATES.map(date.isoformat))},
            )
        ),
        "release_granted": maybe(st.booleans()),
        "years_residence": maybe(st.integers(0, 60)),
        "years_work_with_dutch": maybe(st.integers(0, 60)),
        "dutch_diplomas": maybe(subset(F.DUTCH_DIPLOMAS)),
        "duo_loan": maybe(st.booleans()),
        "fines_received": maybe(st.integers(0, 10)),
        "goals": maybe(subset(F.GOALS)),
        "obligation_letter": maybe(st.booleans()),
        "years_work": maybe(st.integers(0, 60)),
        "employer_statement": maybe(st.booleans()),
        "literacy_hours": maybe(st.integers(0, 2000)),
        "broad_intake_done": maybe(st.booleans()),
        "has_pip": maybe(st.booleans()),
        "pip_date": maybe(DATES.map(date.isoformat)),
        "pip_agrees": maybe(st.booleans()),
        "learning_route": maybe(st.sampled_from(F.LEARNING_ROUTES)),
        "lowered_to_a2": maybe(st.booleans()),
        "late_first_lesson": maybe(st.booleans()),
        "z_route_hours": maybe(st.integers(0, 2000)),
        "z_route_conversation_done": maybe(st.booleans()),
        "z_route_certificate": maybe(st.booleans()),
    },
)


@settings(max_examples=300, deadline=None)
@given(data=FACTS, today=DATES)
def test_evaluate_never_raises_and_cites_sources(data: dict[str, Any], today: date) -> None:
    facts = Facts.from_dict(data)
    outcome = evaluate(facts, today)
    assert outcome.regime in REGIMES
    assert outcome.status in STATUSES
    assert outcome.authority in AUTHORITIES
    assert sorted(r.code for r in outcome.routes) == sorted(ROUTE_CODES)
    for route in outcome.routes:
        assert route.assessment in ASSESSMENTS
        # Issue 11 item 15: every conclusion cites a source people can open.
        assert any(s.is_public for s in route.sources), route.code
        assert route.why, route.code
    ranks = [ASSESSMENTS.index(r.assessment) for r in outcome.routes]
    assert ranks == sorted(ranks)
    for consequence in outcome.consequences:
        assert consequence.text
        assert any(s.is_public for s in consequence.sources), consequence.code
    assert len(outcome.steps) <= 3
    for step in outcome.steps:
        assert step.who in WHO_CODES
    for item in outcome.help:
        assert item.code in HELP_CODES and item.sources
    json.dumps(outcome.to_dict())
    json.dumps(outcome.to_dict(translate=lambda s: s))
    assert Facts.from_dict(facts.to_dict()) == facts


# The regime facts, each either unknown or near the rules' boundaries: decisions around 2013,
# 2020 and 2022 (a year alone too), the Turkish cases, the age limits.
REGIME_DATA = st.fixed_dictionaries(
    {
        "nationality_group": maybe(st.sampled_from(F.NATIONALITY_GROUPS)),
        "residence_purpose": maybe(st.sampled_from(F.RESIDENCE_PURPOSES)),
        "residence_decision_date": maybe(
            st.one_of(
                st.dates(date(2010, 1, 1), date(2023, 12, 31)).map(date.isoformat),
                st.integers(2010, 2023).map(str),
            )
        ),
        "obligation_start_date": maybe(st.one_of(DATES.map(date.isoformat), st.just("2012"))),
        "obligation_letter": maybe(st.booleans()),
        "age": maybe(st.sampled_from([15, 16, 17, 18, 40, 64, 65, 66, 67, 68])),
    }
)
TODAYS = st.dates(date(2010, 1, 1), date(2030, 12, 31))


class ReadFacts(Facts):
    """Facts that note which of their fields are read (a small local test instrument)."""

    def __getattribute__(self, name: str) -> Any:
        if name in FACT_NAMES:
            READ.add(name)
        return super().__getattribute__(name)


FACT_NAMES = frozenset(Facts.__dataclass_fields__)
READ: set[str] = set()


def fields_regime_for_reads(data: dict[str, Any], today: date) -> set[str]:
    facts = Facts.from_dict(data)
    READ.clear()
    regime_for(ReadFacts(**{name: getattr(facts, name) for name in FACT_NAMES}), today)
    return set(READ)


# Issue 16: the questionnaire's `law` predicate gives regime_for only REGIME_FACTS, and reuses
# its answer while those facts stay the same: regime_for must read no other fact.
@settings(max_examples=300, deadline=None)
@given(other=FACTS, regime=REGIME_DATA, today=TODAYS)
def test_the_regime_rests_on_the_regime_facts_alone(
    other: dict[str, Any], regime: dict[str, Any], today: date
) -> None:
    data = {**other, **regime}
    assert fields_regime_for_reads(data, today) <= set(REGIME_FACTS)
    only = {name: value for name, value in data.items() if name in REGIME_FACTS}
    assert regime_for(Facts.from_dict(only), today) == regime_for(Facts.from_dict(data), today)


def test_the_regime_of_every_rule_case_rests_on_the_regime_facts_alone() -> None:
    # Issue 16, as above, over the facts of every case in tests/rules/cases/.
    read: set[str] = set()
    for case in CASES:
        read |= fields_regime_for_reads(case_facts(case), case_today(case))
    assert read == set(REGIME_FACTS)

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

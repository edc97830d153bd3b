"""evaluate(facts, today) -> Outcome: the only entry point the rest of the code uses.

Wires the one-question modules together in a fixed order. Imports nothing from Flask.
"""

from __future__ import annotations

from datetime import date

from portal.rules.consequences import fine_consequences
from portal.rules.deadline import literacy_route, no_fault_route, term_for, term_start
from portal.rules.exam import exam_doubts, exam_route
from portal.rules.exemptions import agi_route, avi_route, medical_route, release_route
from portal.rules.facts import Facts
from portal.rules.help import help_for
from portal.rules.loan import forgiveness_route, loan_consequences
from portal.rules.naturalisation import (
    naturalisation_route,
    permanent_residence_route,
    residence_consequences,
)
from portal.rules.outcome import Outcome
from portal.rules.regime import authority_for, regime_for
from portal.rules.status import status_for
from portal.rules.steps import steps_for
from portal.rules.version import RULES_VERSION
from portal.rules.wi2021 import bio_route, lower_a2_route, roles_for, stuck_steps


def evaluate(facts: Facts, today: date | None = None) -> Outcome:
    """Turn a person's facts into an Outcome on the reference date.

    :param facts: the situation; any field may be None (unknown).
    :param today: the reference date (default: today), so one can ask what applied on a day.
    """
    today = today or date.today()
    finding = regime_for(facts, today)
    regime = finding.regime
    status, status_sources, status_why = status_for(facts, regime, today)
    # The term comes first: the loan, extension and AGI routes depend on its dates.
    term, term_doubts = term_for(facts, regime, status, today)
    start = term_start(facts, regime)
    outcome = Outcome(
        regime=regime,
        status=status,
        authority=authority_for(regime),
        reference_date=today,
        rules_version=RULES_VERSION,
        regime_sources=finding.sources + [s for s in status_sources if s not in finding.sources],
        why=finding.why + status_why,
        term=term,
        uncertain=finding.uncertain + term_doubts + exam_doubts(facts, regime, status),
    )
    routes = [
        exam_route(facts, regime, status, start, today),
        literacy_route(facts, regime, status, term, today),
        no_fault_route(facts, regime, status, term, today),
        medical_route(facts, regime, status, today),
        agi_route(facts, regime, status, start, today, term.end),
        avi_route(facts, regime, status, today),
        bio_route(facts, regime, status),
        lower_a2_route(facts, regime, status),
        release_route(facts, regime, status),
        forgiveness_route(facts, regime, status, term, start, today),
    ]
    # Permanent residence and naturalisation look at the law by date (also for someone not
    # obliged) and at the ontheffingen within reach.
    routes.append(permanent_residence_route(facts, finding.law, status, today, routes))
    routes.append(naturalisation_route(facts, finding.law, status, today, routes))
    outcome.routes = routes
    outcome.sort_routes()
    outcome.consequences = (
        fine_consequences(facts, regime, status, today)
        + loan_consequences(facts, regime, today)
        + residence_consequences(regime, status, facts.residence_purpose)
    )
    outcome.help = help_for(facts, regime, status, outcome.routes, today)
    outcome.roles = roles_for(facts, regime)
    outcome.steps = steps_for(outcome, facts, today, stuck_steps(facts, regime, status, today))
    return outcome

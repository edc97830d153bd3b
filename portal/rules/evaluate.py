"""evaluate(facts, today) -> Outcome: the only entry point the rest of the code uses.

Wires the one-question modules together in a fixed order. Imports nothing from Flask.
"""

from __future__ import annotations

from datetime import date

from portal.rules.facts import Facts
from portal.rules.outcome import Outcome
from portal.rules.regime import authority_for, regime_for
from portal.rules.status import status_for


def evaluate(facts: Facts, today: date | None = None) -> Outcome:
    """Turn a person's facts into an Outcome on the reference date.

    :param facts: the situation; any field may be None (unknown).
    :param today: the reference date (default: today), so one can ask what applied on a day.
    """
    today = today or date.today()
    finding = regime_for(facts, today)
    status, _status_sources = status_for(facts, finding.regime, today)
    outcome = Outcome(
        regime=finding.regime,
        status=status,
        authority=authority_for(finding.regime),
        reference_date=today,
        regime_sources=finding.sources,
        uncertain=list(finding.uncertain),
    )
    outcome.sort_routes()
    return outcome

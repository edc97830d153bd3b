"""Where the person stands in the obligation: obliged, fulfilled, exempted, released, or not.

Pure rules on Facts; imports nothing from Flask.
"""

from __future__ import annotations

from datetime import date

from portal.rules import sources as S
from portal.rules.facts import Facts
from portal.rules.outcome import Source
from portal.rules.parameters import value_at


def required_parts(regime: str, start: date | None, today: date) -> tuple[list[str], Source]:
    """Return the exam parts the regime requires for someone whose term started on `start`.

    Wi2013: ONA from January 2015, PVT from October 2017 (seed 004:329-333). Wi2007 and Wi2021
    per seed 000:20-24 and seed 001:368-406. Without a start date the parts valid on `today`.
    """
    parts, source = value_at(f"exam/{regime}_parts", start or today)
    return list(parts), source


def has_passed_all(facts: Facts, regime: str, today: date) -> bool:
    """Return True when every required exam part is passed."""
    if regime not in ("wi2007", "wi2013", "wi2021") or not facts.exam_parts_passed:
        return False
    start = facts.obligation_start_date or facts.residence_decision_date
    parts, _ = required_parts(regime, start, today)
    return set(parts) <= set(facts.exam_parts_passed)


def status_for(facts: Facts, regime: str, today: date) -> tuple[str, list[Source]]:
    """Return the status code and its sources.

    Order matters: a passed exam beats a later exemption question, and a granted vrijstelling
    or ontheffing ends the obligation (seed 003:2304-2318; seed 001:961-965).
    """
    if regime == "not_obliged":
        return "not_obliged", [S.REGIME_TABLE]
    if has_passed_all(facts, regime, today):
        return "fulfilled", [S.NT2_COUNTS, S.WI2021_OUTCOMES]
    if facts.release_granted:
        return "released", [S.WI2021_OUTCOMES, S.WI2007_RELEASE]
    if facts.exemption_granted is not None:
        return "exempted", [S.WI2021_OUTCOMES, S.WI2013_GROUNDS]
    if regime == "unknown":
        return "unknown", [S.REGIME_TABLE]
    return "obliged", [S.REGIME_TABLE]

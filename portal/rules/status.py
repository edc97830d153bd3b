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


NT2_STATE_EXAMS = ("nt2_state_exam_1", "nt2_state_exam_2")


def has_passed_all(facts: Facts, regime: str, today: date) -> bool:
    """Return True when every required exam part is passed."""
    if regime not in ("wi2007", "wi2013", "wi2021") or not facts.exam_parts_passed:
        return False
    start = facts.obligation_start_date or facts.residence_decision_date
    parts, _ = required_parts(regime, start, today)
    return set(parts) <= set(facts.exam_parts_passed)


def has_nt2_state_exam(facts: Facts) -> bool:
    """Return True when the person passed the staatsexamen NT2 (programma I or II)."""
    return bool(set(facts.dutch_diplomas or ()) & set(NT2_STATE_EXAMS))


def status_for(facts: Facts, regime: str, today: date) -> tuple[str, list[Source]]:
    """Return the status code and its sources.

    Order matters: a passed exam beats a later exemption question, and a granted vrijstelling
    or ontheffing ends the obligation. Wi2013: passing the staatsexamen NT2 I or II meets the
    requirement (seed 002:555-557; seed 003:2304 "ingeburgerd via de Wi2013 of Nt2"). Wi2007:
    an NT2 diploma only leads to a vrijstelling that the gemeente grants (seed 001:460-470), so
    the person stays obliged until then. Wi2021: the seeds are silent; NT2 covers only the
    language, so it stays a route (Wi2021 art. 7; open point).
    """
    if regime == "not_obliged":
        return "not_obliged", [S.REGIME_TABLE]
    if has_passed_all(facts, regime, today):
        return "fulfilled", [S.NT2_COUNTS, _outcome_source(regime)]
    if regime == "wi2013" and has_nt2_state_exam(facts):
        return "fulfilled", [S.NT2_COUNTS, S.WI2013_OUTCOMES]
    if facts.release_granted:
        release = S.WI2007_RELEASE if regime == "wi2007" else S.WI2013_RELEASE
        return "released", [release, _outcome_source(regime)]
    if facts.exemption_granted is not None:
        return "exempted", [S.WI2013_GROUNDS, _outcome_source(regime)]
    if regime == "unknown":
        return "unknown", [S.REGIME_TABLE]
    return "obliged", [S.REGIME_TABLE]


def _outcome_source(regime: str) -> Source:
    # The Kerncijfers (seed 003:2298-2318) are Wi2013 figures; other laws cite their article 7.
    return {
        "wi2007": S.WI2007_ART7,
        "wi2013": S.WI2013_OUTCOMES,
        "wi2021": S.WI2021_ART7,
    }.get(regime, S.EXAM_PARTS_TABLE)

"""Where the person stands in the obligation: obliged, fulfilled, exempted, released, or not.

Pure rules on Facts; imports nothing from Flask.
"""

from __future__ import annotations

from datetime import date

from portal.rules import sources as S
from portal.rules.facts import Facts
from portal.rules.outcome import Source
from portal.rules.parameters import value_at
from portal.rules.regime import OBLIGED_REGIMES
from portal.rules.text import N_, Text
from portal.rules.wi2021 import route_parts, z_route_done

NT2_STATE_EXAMS = ("nt2_state_exam_1", "nt2_state_exam_2")
LANGUAGE_PARTS = ("reading", "listening", "writing", "speaking")


def obligation_start(facts: Facts) -> date | None:
    """Return when the person became obliged: the letter's date, else the decision date."""
    return facts.obligation_start_date or facts.residence_decision_date


def required_parts(regime: str, start: date | None, today: date) -> tuple[list[str], Source]:
    """Return the exam parts the regime requires for someone whose obligation began on `start`.

    Wi2013: ONA for people obliged from 1 January 2015, the PVT from 1 October 2017 (law-in-force
    point E4, high; seed 004:329-333). Wi2007 and Wi2021 per seed 000:20-24 and seed
    001:368-406. Without a start date the parts valid on `today`.
    """
    parts, source = value_at(f"exam/{regime}_parts", start or today)
    return list(parts), source


def has_nt2_state_exam(facts: Facts) -> bool:
    """Return True when the person passed the staatsexamen NT2 (programma I or II)."""
    return bool(set(facts.dutch_diplomas or ()) & set(NT2_STATE_EXAMS))


def nt2_fulfils(facts: Facts, regime: str, today: date) -> tuple[bool, Source | None]:
    """Return whether the NT2 diploma alone fulfils the obligation, with its source.

    Wi2013: only for people obliged before 1 January 2015; from then it frees the language
    parts only, and KNM and ONA (and from 1 October 2017 the PVT) remain (law-in-force point X2,
    high; `exam/wi2013_nt2_fulfils`). Wi2021: never on its own (point 16). Wi2007: the gemeente
    grants a vrijstelling with it (seed 001:460-470), so it is a route, not the status.
    """
    if regime != "wi2013" or not has_nt2_state_exam(facts):
        return False, None
    fulfils, source = value_at("exam/wi2013_nt2_fulfils", obligation_start(facts) or today)
    return bool(fulfils), source


def passed_parts(facts: Facts, regime: str) -> set[str]:
    """Return the parts passed, counting the NT2 diploma as the language parts (Wi2013, Wi2021).

    The NT2 diploma gives a vrijstelling for the language parts of the exam (Regeling inburgering
    art. 2.2d; inburgeren.nl "Diploma gehaald"; law-in-force points X2 and 16).
    """
    passed = set(facts.exam_parts_passed or ())
    if regime in ("wi2013", "wi2021") and has_nt2_state_exam(facts):
        passed |= set(LANGUAGE_PARTS)
    return passed


def parts_for(facts: Facts, regime: str, today: date) -> tuple[list[str] | None, Source]:
    """Return the exam parts this person must pass (None: the Wi2021 Z-route has no exams).

    Wi2021: by the learning route in the PIP (wi2021.route_parts); the others by law and start.
    """
    if regime == "wi2021":
        return route_parts(facts, today)
    return required_parts(regime, obligation_start(facts), today)


def has_passed_all(facts: Facts, regime: str, today: date) -> bool:
    """Return True when every required exam part is passed."""
    if regime not in OBLIGED_REGIMES:
        return False
    passed = passed_parts(facts, regime)
    parts, _ = parts_for(facts, regime, today)
    if not passed or parts is None:
        return False
    return set(parts) <= passed


def status_for(facts: Facts, regime: str, today: date) -> tuple[str, list[Source], list[Text]]:
    """Return the status code, its sources and why.

    Order matters: a passed exam beats a later exemption question, and a granted vrijstelling
    or ontheffing ends the obligation.
    """
    if regime == "not_obliged":
        return "not_obliged", [], []
    if regime == "wi2021" and z_route_done(facts):
        # The Z-route ends with a certificate, not exams (law-in-force E3; ind.nl list).
        return (
            "fulfilled",
            [S.WI2021_ART7, S.IND_INTEGRATION],
            [
                N_(
                    "U heeft het certificaat inburgering van de Z-route. U bent klaar met "
                    "inburgeren."
                )
            ],
        )
    if has_passed_all(facts, regime, today):
        return (
            "fulfilled",
            [_law_source(regime), S.NT2_COUNTS],
            [N_("U heeft alle onderdelen van het inburgeringsexamen gehaald.")],
        )
    fulfils, nt2_source = nt2_fulfils(facts, regime, today)
    if fulfils and nt2_source is not None:
        return (
            "fulfilled",
            [nt2_source, S.NT2_KNM_ONA, S.WI2013_OUTCOMES],
            [
                N_(
                    "U heeft het staatsexamen NT2 en u moest voor 2015 inburgeren. Dan bent u "
                    "klaar met inburgeren."
                )
            ],
        )
    if facts.release_granted:
        release = S.WI2007_RELEASE if regime == "wi2007" else S.WI2013_RELEASE
        return (
            "released",
            [_release_law(regime), release],
            [N_("U heeft een vrijstelling gekregen. Dan hoeft u niet in te burgeren.")],
        )
    if facts.exemption_granted is not None:
        return (
            "exempted",
            _exemption_sources(regime, facts.exemption_granted.ground),
            [N_("U heeft een ontheffing gekregen. Dan hoeft u niet meer in te burgeren.")],
        )
    if regime == "unknown":
        return "unknown", [], []
    return "obliged", [_law_source(regime)], []


def _law_source(regime: str) -> Source:
    return {
        "wi2007": S.WI2007_ART7,
        "wi2013": S.WI2013_ART7_EXAM,
        "wi2021": S.WI2021_ART7,
    }.get(regime, S.INBURGEREN_START)


def _release_law(regime: str) -> Source:
    return {"wi2021": S.WI2021_ART4}.get(regime, S.INBURGEREN_DIPLOMA)


def _exemption_sources(regime: str, ground: str) -> list[Source]:
    """Return the article of the ontheffing the person has: under the Wi2007 one per ground."""
    if regime == "wi2007":
        by_ground = {"medical": S.WI2007_MEDICAL, "agi": S.WI2007_AGI, "avi": S.WI2007_AVI}
        # Another ground: the articles under which the gemeente gives an ontheffing.
        return [by_ground[ground]] if ground in by_ground else [S.WI2007_MEDICAL, S.WI2007_AGI]
    if regime == "wi2013":
        return [S.WI2013_ART6, S.WI2013_GROUNDS]
    if regime == "wi2021":
        return [S.WI2021_ART5]
    return [S.INBURGEREN_MEDICAL]

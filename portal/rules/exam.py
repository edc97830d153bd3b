"""The pass_exam route: which exam parts are still open and where to take them.

Pure rules on Facts; imports nothing from Flask.
"""

from __future__ import annotations

from datetime import date

from portal.rules import sources as S
from portal.rules.facts import Facts
from portal.rules.outcome import Route
from portal.rules.status import required_parts
from portal.rules.text import N_

# Exam part names as they appear on DUO letters; they stay Dutch like other legal terms.
PART_NAMES = {
    "reading": "lezen",
    "listening": "luisteren",
    "writing": "schrijven",
    "speaking": "spreken",
    "knm": "KNM",
    "ona": "ONA",
    "map": "MAP",
    "pvt": "PVT",
}


def open_parts(facts: Facts, regime: str, start: date | None, today: date) -> list[str]:
    """Return the required exam parts not yet passed (codes from facts.EXAM_PARTS)."""
    parts, _ = required_parts(regime, start, today)
    passed = set(facts.exam_parts_passed or ())
    return [part for part in parts if part not in passed]


def exam_route(facts: Facts, regime: str, status: str, start: date | None, today: date) -> Route:
    """Assess pass_exam: passing the inburgeringsexamen (or NT2) meets the obligation.

    Sources: seed 002:555-557; seed 004:329-333 (Wi2013 parts); seed 000:20-24 (Wi2007 parts,
    A2); seed 001:355-410 (exam parts per law). Wi2021: the intake chooses the learning route
    and the PIP sets it (seed 003:437-443; Wi2021 art. 7), so we do not list the parts and rate
    the route possible while the route is unknown.
    """
    route = Route("pass_exam", "not_applicable", sources=[S.NT2_COUNTS, S.EXAM_PARTS_TABLE])
    if regime == "not_obliged" or status in ("fulfilled", "exempted", "released"):
        route.why.append(N_("U hoeft het inburgeringsexamen niet (meer) te doen."))
        return route
    if regime == "wi2021":
        route.sources += [S.WI2021_PIP, S.WI2021_ART7]
        route.assessment = "possible"
        route.why.append(N_("Welke onderdelen u moet doen, staat in uw PIP."))
        route.why.append(N_("Uw gemeente maakt het PIP met u. Dat is uw plan voor de inburgering."))
        route.needs.append(N_("Vraag uw gemeente welke onderdelen en welk niveau voor u gelden."))
        route.where.append(N_("Uw gemeente vertelt u waar u de onderdelen doet."))
        return route
    route.where.append(N_("U meldt zich aan voor het examen bij DUO, via inburgeren.nl."))
    if regime == "unknown":
        route.assessment = "possible"
        route.why.append(N_("Met het inburgeringsexamen voldoet u aan de inburgeringsplicht."))
        return route
    route.sources.append(S.WI2013_EXAM_PARTS if regime == "wi2013" else S.WI2007_EXAM_PARTS)
    todo = open_parts(facts, regime, start, today)
    route.why.append(
        N_(
            "U moet nog deze onderdelen halen: %(parts)s.",
            parts=", ".join(PART_NAMES[p] for p in todo),
        )
    )
    route.needs.append(N_("Een cursus of zelfstudie, en een afspraak voor het examen."))
    if facts.medical_limitation:
        route.assessment = "possible"
        route.why.append(
            N_("Door uw beperking is het examen moeilijk. Er zijn aangepaste examens.")
        )
        route.sources.append(S.MEDICAL_PROTOCOL)
    elif facts.exam_parts_passed:
        route.assessment = "likely"
        route.why.append(N_("U heeft al onderdelen gehaald. Dat is een goede stap."))
    else:
        route.assessment = "likely"
    return route

"""The pass_exam route: which exam parts are still open and where to take them.

Pure rules on Facts; imports nothing from Flask.
"""

from __future__ import annotations

from datetime import date

from portal.rules import sources as S
from portal.rules.facts import Facts, is_year_only
from portal.rules.outcome import Route, Uncertain
from portal.rules.parts import part_names
from portal.rules.status import has_nt2_state_exam, obligation_start, parts_for, passed_parts
from portal.rules.text import N_
from portal.rules.wi2021 import pass_exam_wi2021


def open_parts(facts: Facts, regime: str, today: date) -> list[str]:
    """Return the required exam parts not yet passed (codes from facts.EXAM_PARTS).

    The NT2 diploma counts as the language parts (status.passed_parts). The Wi2021 parts follow
    the learning route; the Z-route has none (status.parts_for).
    """
    parts, _ = parts_for(facts, regime, today)
    passed = passed_parts(facts, regime)
    return [part for part in parts or [] if part not in passed]


def exam_route(facts: Facts, regime: str, status: str, start: date | None, today: date) -> Route:
    """Assess pass_exam: passing the open parts of the inburgeringsexamen meets the obligation.

    Wi2013 parts by the start of the obligation: ONA from 1-1-2015, PVT from 1-10-2017
    (law-in-force point E4; seed 004:329-333). Wi2007 parts: seed 000:20-24. The NT2 diploma
    frees the language parts (point X2, 16). Wi2021: the learning route in the PIP (Wi2021 art.
    6-7; the gemeente sets it).
    """
    route = Route("pass_exam", "not_applicable", sources=[S.INBURGEREN_START, S.NT2_COUNTS])
    if regime == "not_obliged" or status in ("fulfilled", "exempted", "released"):
        route.why.append(N_("U hoeft het inburgeringsexamen niet (meer) te doen."))
        return route
    if regime == "wi2021":
        return pass_exam_wi2021(route, facts, passed_parts(facts, regime), today)
    if regime == "unknown":
        route.assessment = "possible"
        route.why.append(
            N_(
                "Welke examens u moet doen, hangt af van de wet die voor u geldt. DUO of uw "
                "gemeente kan u dat vertellen."
            )
        )
        return route
    route.where.append(N_("U meldt zich aan voor het examen bij DUO, via inburgeren.nl."))
    route.sources.append(S.WI2013_EXAM_PARTS if regime == "wi2013" else S.WI2007_EXAM_PARTS)
    route.sources.append(S.WI2013_ART7_EXAM if regime == "wi2013" else S.WI2007_ART7)
    todo = open_parts(facts, regime, today)
    route.why.append(N_("U moet nog deze onderdelen halen: %(parts)s.", parts=part_names(todo)))
    if regime == "wi2013" and has_nt2_state_exam(facts):
        route.sources += [S.RI2013_NT2_PARTIAL, S.NT2_KNM_ONA]
        route.why.append(
            N_(
                "Uw staatsexamen NT2 telt voor de taalexamens. De andere onderdelen moet u "
                "nog apart halen."
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


def exam_doubts(facts: Facts, regime: str, status: str) -> list[Uncertain]:
    """Return what the month of a year-only start would change about the exam parts.

    Wi2013: the PVT is part of the exam for people obliged from 1 October 2017.
    """
    start = obligation_start(facts)
    if regime != "wi2013" or status != "obliged" or start is None:
        return []
    if not (is_year_only(start) and start.year == 2017):
        return []
    return [
        Uncertain(
            code="pvt_2017",
            text=N_(
                "Moest u inburgeren vanaf oktober 2017? Dan hoort ook de PVT "
                "(Participatieverklaringstraject) bij uw examen."
            ),
            settle_by=N_("Kijk in de brief van DUO in welke maand uw inburgeringsplicht begon."),
            fact="obligation_start_date",
        )
    ]

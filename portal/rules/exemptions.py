"""Ontheffing (medical, AGI, AVI) and vrijstelling (diploma): whether each route is open.

Pure rules on Facts; imports nothing from Flask. Wi2007: the gemeente decides with its own
criteria; Wi2013 and Wi2021: DUO decides.
"""

from __future__ import annotations

from datetime import date

from portal.rules import sources as S
from portal.rules.deadline import add_months, months_between
from portal.rules.exam import open_parts
from portal.rules.facts import Facts
from portal.rules.outcome import Route
from portal.rules.parameters import value_at
from portal.rules.text import N_

_DONE = ("fulfilled", "released")


def _closed(route: Route, regime: str, status: str, ground: str | None, facts: Facts) -> bool:
    if regime == "not_obliged" or status in _DONE:
        route.why.append(
            N_("U heeft geen inburgeringsplicht (meer). Een ontheffing is niet nodig.")
        )
        return True
    if status == "exempted":
        granted = facts.exemption_granted
        if granted is not None and granted.ground == ground:
            route.why.append(N_("U heeft deze ontheffing al gekregen."))
        else:
            route.why.append(N_("U heeft al een ontheffing. Een tweede ontheffing is niet nodig."))
        return True
    return False


def medical_route(facts: Facts, regime: str, status: str) -> Route:
    """Assess exemption_medical: a lasting limitation makes the exam impossible within 5 years.

    Wi2007 art. 6 and Besluit 2.8: gemeente, BIG-registered doctor (seed 000:101-108, 343-375).
    Wi2013/Wi2021: DUO with Argonaut; strict, often refused (seed 004:2152-2161;
    seed 003:1524-1554; seed 002:771-774).
    """
    route = Route("exemption_medical", "not_applicable")
    if regime == "wi2007":
        route.sources += [S.WI2007_MEDICAL, S.BI2007_MEDICAL]
    else:
        route.sources += [S.WI2013_MEDICAL, S.MEDICAL_PROTOCOL]
        if regime == "wi2021":
            route.sources.append(S.WI2021_MEDICAL)
    if _closed(route, regime, status, "medical", facts):
        return route
    if regime == "wi2007":
        route.where.append(
            N_(
                "Vraag de ontheffing aan bij uw gemeente. Een onafhankelijke "
                "arts uit het BIG-register geeft advies."
            )
        )
    else:
        route.where.append(
            N_("Vraag de ontheffing aan bij DUO. Argonaut doet het medisch onderzoek.")
        )
    route.needs.append(N_("Brieven van uw arts of specialist over uw beperking."))
    years, _ = value_at("medical/horizon_years", date(2013, 1, 1))
    if facts.medical_limitation:
        route.assessment = "possible"
        route.why.append(
            N_(
                "U heeft een blijvende beperking. Dan kan een medische "
                "ontheffing, als u het examen binnen %(years)s jaar niet kunt "
                "halen.",
                years=years,
            )
        )
        route.why.append(N_("De regels zijn streng. Vaak geeft DUO eerst meer tijd."))
        route.sources.append(S.MEDICAL_EXTENSION_FIRST)
    elif facts.medical_limitation is None:
        route.assessment = "possible"
        route.why.append(
            N_("Heeft u een blijvende ziekte of beperking? Dan kan een medische ontheffing.")
        )
    else:
        route.assessment = "unlikely"
        route.why.append(N_("U heeft geen blijvende beperking die het examen onmogelijk maakt."))
    return route


def agi_route(facts: Facts, regime: str, status: str, start: date | None, today: date) -> Route:
    """Assess exemption_agi: aantoonbaar geleverde inspanningen (demonstrable efforts).

    Wi2013: 2.5 years since the start, 600 hours with keurmerk, attempts per open part: 4, and
    3 from 1 April 2023 (seed 004:2141-2150, 2982-2986). Wi2007: criteria per gemeente; a course
    and at least one exam attempt are usual (seed 000:110-144; seed 001:485-501).
    Wi2021: the seeds are silent (open point).
    """
    route = Route("exemption_agi", "not_applicable")
    if regime == "wi2007":
        route.sources += [S.WI2007_AGI, S.BI2007_AGI_TIMING, S.WI2007_NO_NATIONAL_CRITERIA]
    else:
        route.sources += [S.WI2013_AGI, S.AGI_ATTEMPTS_CHANGE, S.WI2013_GROUNDS]
    if _closed(route, regime, status, "agi", facts):
        return route
    if regime == "wi2007":
        return _agi_wi2007(route, facts, start, today)
    if regime == "wi2013":
        return _agi_wi2013(route, facts, start, today)
    route.assessment = "possible"
    route.why.append(
        N_("Voor de Wi2021 staan de regels voor deze ontheffing niet in onze bronnen.")
    )
    route.needs.append(N_("Vraag DUO of uw gemeente of een ontheffing na veel inspanning kan."))
    route.where.append(N_("DUO beslist. Uw gemeente kan helpen met de aanvraag."))
    return route


def _agi_wi2007(route: Route, facts: Facts, start: date | None, today: date) -> Route:
    route.where.append(
        N_("Vraag de ontheffing aan bij uw gemeente. Het college van B en W beslist.")
    )
    route.needs.append(N_("Bewijs van uw cursus, uw examenpogingen en de uitslagen."))
    route.needs.append(N_("Eventueel een verklaring van een deskundige over uw leervermogen."))
    route.why.append(N_("Onder de Wi2007 bepaalt elke gemeente zelf de eisen."))
    attempts = sum(len(v) for v in (facts.exam_attempts or {}).values())
    if facts.exam_attempts is None and facts.exam_attempts_least:
        attempts = facts.exam_attempts_least  # at least this many, on every open part
    if facts.exam_attempts is not None and attempts == 0:
        route.assessment = "unlikely"
        route.why.append(N_("Gemeenten vragen meestal dat u minstens één keer examen deed."))
    elif attempts > 0 and (facts.course_hours or 0) > 0:
        route.assessment = "likely"
        route.why.append(
            N_("U volgde een cursus en deed examen. Dat zijn aantoonbare inspanningen.")
        )
    else:
        route.assessment = "possible"
    if start is not None:
        months, _ = value_at("term/wi2007_months", start)
        before, _ = value_at("agi/wi2007_apply_months_before_end", start)
        earliest = add_months(start, months - before)
        if today < earliest:
            route.why.append(
                N_(
                    "U kunt de aanvraag doen vanaf %(date)s, tenzij de gemeente "
                    "een uitzondering maakt.",
                    date=earliest.isoformat(),
                )
            )
    return route


def _agi_wi2013(route: Route, facts: Facts, start: date | None, today: date) -> Route:
    route.where.append(N_("Vraag de ontheffing aan bij DUO."))
    hours_needed, _ = value_at("agi/min_course_hours", today)
    attempts_needed, attempt_source = value_at("agi/max_attempts", today)
    months_needed, _ = value_at("agi/min_months_since_start", today)
    route.sources.append(attempt_source)
    checks = [
        _check_time(route, start, today, months_needed),
        _check_hours(route, facts, hours_needed),
        _check_attempts(route, facts, start, today, attempts_needed),
    ]
    if facts.literacy_course:
        route.needs.append(N_("Na een alfabetiseringscursus maakt u ook een toets."))
    if False in checks:
        route.assessment = "unlikely"
    elif None in checks:
        route.assessment = "possible"
    else:
        route.assessment = "likely"
    return route


def _check_time(route: Route, start: date | None, today: date, months: int) -> bool | None:
    if start is None:
        route.needs.append(
            N_("Uw termijn moet %(months)s maanden geleden begonnen zijn.", months=months)
        )
        return None
    if months_between(start, today) >= months:
        route.why.append(N_("Uw termijn begon lang genoeg geleden."))
        return True
    route.why.append(
        N_("U kunt pas aanvragen vanaf %(date)s.", date=add_months(start, months).isoformat())
    )
    return False


def _check_hours(route: Route, facts: Facts, hours: int) -> bool | None:
    if facts.course_hours is None:
        route.needs.append(
            N_(
                "Minstens %(hours)s uur les bij een school met het keurmerk van Blik op Werk.",
                hours=hours,
            )
        )
        return None
    if facts.course_hours < hours:
        route.why.append(
            N_(
                "U heeft %(have)s uur les. Nodig is %(hours)s uur.",
                have=facts.course_hours,
                hours=hours,
            )
        )
        return False
    if facts.course_hours_registered_by_duo is False:
        route.needs.append(N_("Vraag uw taalschool om de uren alsnog door te geven aan DUO."))
        route.sources.append(S.AGI_HOURS_EVIDENCE)
        return None
    route.why.append(N_("U heeft genoeg uren les."))
    return True if facts.course_hours_registered_by_duo else None


def _check_attempts(
    route: Route, facts: Facts, start: date | None, today: date, needed: int
) -> bool | None:
    route.needs.append(
        N_(
            "Minstens %(count)s examenpogingen voor elk onderdeel dat u nog niet heeft.",
            count=needed,
        )
    )
    if facts.exam_attempts is not None:
        todo = open_parts(facts, "wi2013", start, today)
        short = [part for part in todo if len(facts.exam_attempts.get(part, ())) < needed]
    elif facts.exam_attempts_least is not None:
        short = ["least"] if facts.exam_attempts_least < needed else []
    else:
        return None
    if short:
        return False
    route.why.append(N_("U deed genoeg examenpogingen."))
    return True


def avi_route(facts: Facts, regime: str, status: str, today: date) -> Route:
    """Assess exemption_avi: aantoonbaar voldoende ingeburgerd (demonstrably integrated).

    Wi2007: Besluit 2.8a, on application, the gemeente judges work, volunteering, education
    (seed 000:146-164, 377-405). Wi2013: third ground, rarely used; screening hint 10 years
    living and 5 years working (seed 004:267-271, 2179-2184, 2200-2202). Wi2021: seeds silent.
    """
    route = Route("exemption_avi", "not_applicable")
    route.sources += (
        [S.WI2007_AVI, S.WI2007_AVI_TEXT]
        if regime == "wi2007"
        else [S.WI2013_GROUNDS, S.WI2013_AVI]
    )
    if _closed(route, regime, status, "avi", facts):
        return route
    route.needs.append(
        N_("Bewijs dat u Nederlands spreekt en schrijft, zoals een verklaring van uw werkgever.")
    )
    work_needed, _ = value_at("avi/screening_years_work", today)
    live_needed = 10
    working = facts.years_work_with_dutch
    if regime == "wi2007":
        route.where.append(
            N_("Vraag de ontheffing aan bij uw gemeente. Het college van B en W beslist.")
        )
        route.why.append(N_("Onder de Wi2007 bepaalt elke gemeente zelf de eisen."))
        if working is None:
            route.assessment = "possible"
        elif working >= work_needed:
            route.assessment = "likely"
            route.why.append(N_("U werkt al lang in het Nederlands. Dat telt mee."))
        elif working > 0:
            route.assessment = "possible"
        else:
            route.assessment = "unlikely"
        return route
    route.where.append(N_("Vraag DUO naar een ontheffing omdat u al voldoende bent ingeburgerd."))
    if regime == "wi2021":
        route.why.append(
            N_("Voor de Wi2021 staan de regels voor deze ontheffing niet in onze bronnen.")
        )
    else:
        route.why.append(N_("Deze ontheffing bestaat, maar DUO geeft haar weinig."))
        live_needed, _ = value_at("avi/screening_years_residence", today)
    living = facts.years_residence
    if working is None or living is None:
        route.assessment = "possible"
    elif working >= work_needed and living >= live_needed:
        route.assessment = "possible"
        route.why.append(N_("U woont en werkt al lang in Nederland. Vraag of deze ontheffing kan."))
    else:
        route.assessment = "unlikely"
    return route


def release_route(facts: Facts, regime: str, status: str) -> Route:
    """Assess release_diploma: vrijstelling with a Dutch diploma or NT2 state exam.

    Wi2013: release with diplomas that show enough Dutch (seed 004:420-424); NT2 meets the
    obligation (seed 002:555-557). Wi2007: only the gemeente grants it, DUO registers
    (seed 001:448-470).
    """
    route = Route("release_diploma", "not_applicable", sources=[S.WI2013_RELEASE, S.NT2_COUNTS])
    if regime == "wi2007":
        route.sources.append(S.WI2007_RELEASE)
    if regime == "not_obliged" or status in ("fulfilled", "released", "exempted"):
        route.why.append(
            N_("U heeft geen inburgeringsplicht (meer). Een vrijstelling is niet nodig.")
        )
        return route
    if regime == "wi2007":
        route.where.append(N_("Vraag de vrijstelling aan bij uw gemeente. DUO schrijft haar in."))
    else:
        route.where.append(N_("Stuur een kopie van uw diploma naar DUO en vraag om vrijstelling."))
    route.needs.append(N_("Een kopie van uw diploma of certificaat."))
    diplomas = set(facts.dutch_diplomas or ())
    strong = diplomas - {"other"}
    if facts.dutch_diplomas is None:
        route.assessment = "possible"
        route.why.append(
            N_("Heeft u een Nederlands diploma? Dan hoeft u soms geen examen te doen.")
        )
    elif strong:
        route.assessment = "likely"
        route.why.append(N_("Met uw Nederlandse diploma kunt u vrijstelling krijgen."))
    elif diplomas:
        route.assessment = "possible"
        route.why.append(N_("DUO kijkt of uw diploma genoeg is voor vrijstelling."))
    else:
        route.assessment = "unlikely"
        route.why.append(N_("U heeft geen Nederlands diploma."))
    return route

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
                "Vraag de ontheffing aan bij uw gemeente. Het college van B en W (het "
                "bestuur van de gemeente) beslist."
            )
        )
        route.where.append(
            N_("De gemeente kiest de arts. Die arts staat in het BIG-register en geeft advies.")
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
                "U heeft een blijvende beperking. Kunt u het examen binnen %(years)s jaar "
                "niet halen? Dan is een medische ontheffing mogelijk.",
                years=years,
            )
        )
        if regime == "wi2007":
            route.why.append(N_("De gemeente beslist. Zij kan ook eerst meer tijd geven."))
        else:
            # Seed 004:2399-2406: DUO and Argonaut (Wi2013) give an extension sooner.
            route.why.append(N_("De regels zijn streng. Vaak geeft DUO eerst meer tijd."))
            route.sources.append(S.MEDICAL_EXTENSION_FIRST)
    elif facts.medical_limitation is None:
        route.assessment = "possible"
        route.why.append(
            N_(
                "Heeft u een blijvende ziekte of beperking? Dan is een medische "
                "ontheffing mogelijk."
            )
        )
    else:
        route.assessment = "unlikely"
        route.why.append(N_("U heeft geen blijvende beperking die het examen onmogelijk maakt."))
    return route


def agi_route(
    facts: Facts,
    regime: str,
    status: str,
    start: date | None,
    today: date,
    end: date | None = None,
) -> Route:
    """Assess exemption_agi: aantoonbaar geleverde inspanningen (demonstrable efforts).

    :param end: the end of the term that applies (with a granted extension), for the Wi2007.
    Wi2013: 2.5 years since the start, 600 hours with keurmerk, attempts per open part: 4, and
    3 from 1 April 2023 (seed 004:2141-2150, 2982-2986). Wi2007: each gemeente sets its own
    criteria; the seed lists only possible, non-exhaustive ones (seed 000:97-99, 116-144; seed
    001:485-491), and an application can be made at the earliest 6 months before the term that
    applies ends (Besluit 2007 art. 5.5 lid 1; seed 000:407-415). Wi2021: the seeds are silent;
    we name Wi2021 art. 6 and rate it possible (open point).
    """
    route = Route("exemption_agi", "not_applicable")
    if regime == "wi2007":
        route.sources += [S.WI2007_AGI, S.BI2007_AGI_TIMING, S.WI2007_NO_NATIONAL_CRITERIA]
    elif regime == "wi2021":
        route.sources += [S.WI2021_EXEMPTION]
    else:
        route.sources += [S.WI2013_AGI, S.WI2013_GROUNDS]
    if _closed(route, regime, status, "agi", facts):
        return route
    if regime == "wi2007":
        return _agi_wi2007(route, facts, end, today)
    if regime == "wi2013":
        return _agi_wi2013(route, facts, start, today)
    route.assessment = "possible"
    route.why.append(
        N_("Voor de Wi2021 staan de regels voor deze ontheffing niet in onze bronnen.")
    )
    route.needs.append(N_("Vraag DUO of uw gemeente of een ontheffing na veel inspanning kan."))
    route.where.append(N_("Vraag het aan DUO. Uw gemeente kan helpen met de aanvraag."))
    return route


def _agi_wi2007(route: Route, facts: Facts, end: date | None, today: date) -> Route:
    route.where.append(
        N_(
            "Vraag de ontheffing aan bij uw gemeente. Het college van B en W (het "
            "bestuur van de gemeente) beslist."
        )
    )
    route.needs.append(N_("Bewijs van uw cursus, uw examenpogingen en de uitslagen."))
    route.needs.append(N_("Soms ook een verklaring van een deskundige over uw leervermogen."))
    route.why.append(
        N_(
            "AGI betekent: u heeft aantoonbaar uw best gedaan, maar u kunt het examen toch "
            "niet halen."
        )
    )
    route.why.append(N_("Onder de Wi2007 bepaalt elke gemeente zelf de eisen."))
    if facts.exam_attempts is not None:
        attempts: int | None = sum(len(v) for v in facts.exam_attempts.values())
    else:
        attempts = facts.exam_attempts_least  # at least this many, on every open part
    # Every criterion in the seed is only "mogelijk" and the list is not exhaustive
    # (seed 000:116-144), so the route is never better than possible.
    route.assessment = "possible"
    if attempts is not None and attempts == 0:
        route.assessment = "unlikely"
        route.why.append(
            N_(
                "Een mogelijke eis is dat u minstens één keer examen deed. "
                "De gemeente bepaalt de eisen."
            )
        )
    elif attempts and (facts.course_hours or 0) > 0:
        route.why.append(
            N_(
                "U volgde een cursus en deed examen. Dat kan tellen als aantoonbare "
                "inspanning. De gemeente beslist."
            )
        )
    before, _ = value_at("agi/wi2007_apply_months_before_end", today)
    if end is None:
        route.needs.append(
            N_(
                "U kunt de aanvraag meestal pas doen %(months)s maanden voor het einde "
                "van uw termijn.",
                months=before,
            )
        )
        return route
    earliest = add_months(end, -before)
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
    if attempt_source not in route.sources:
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
            N_(
                "Uw termijn moet minstens %(months)s maanden geleden begonnen zijn.",
                months=months,
            )
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

    Wi2007: Besluit 2.8a, on application, the gemeente judges work, volunteering, education;
    the seeds give no number of years (seed 000:146-164, 377-405), so at best possible.
    Wi2013: third ground, very rarely used (seed 004:2179-2184, 2202); screening hint 10 years
    living and 5 years working (seed 004:267-271), used as our threshold (open point).
    Wi2021: seeds silent; Wi2021 art. 6 named, always possible (open point).
    """
    route = Route("exemption_avi", "not_applicable")
    if regime == "wi2007":
        route.sources += [S.WI2007_AVI, S.WI2007_AVI_TEXT]
    elif regime == "wi2021":
        route.sources += [S.WI2021_EXEMPTION]
    else:
        route.sources += [S.WI2013_GROUNDS, S.WI2013_AVI, S.WI2013_AVI_RARE]
    if _closed(route, regime, status, "avi", facts):
        return route
    route.needs.append(
        N_("Bewijs dat u Nederlands spreekt en schrijft, zoals een verklaring van uw werkgever.")
    )
    route.why.append(
        N_(
            "AVI betekent: u bent aantoonbaar voldoende ingeburgerd, bijvoorbeeld door "
            "lang werk in het Nederlands."
        )
    )
    working = facts.years_work_with_dutch
    if regime == "wi2007":
        route.where.append(
            N_(
                "Vraag de ontheffing aan bij uw gemeente. Het college van B en W (het "
                "bestuur van de gemeente) beslist."
            )
        )
        route.why.append(N_("Onder de Wi2007 bepaalt elke gemeente zelf de eisen."))
        route.assessment = "possible"
        if working:
            route.why.append(
                N_("U werkt in het Nederlands. Dat kan meetellen. De gemeente beslist.")
            )
        return route
    route.where.append(N_("Vraag DUO naar een ontheffing omdat u al voldoende bent ingeburgerd."))
    if regime == "wi2021":
        route.assessment = "possible"
        route.why.append(
            N_("Voor de Wi2021 staan de regels voor deze ontheffing niet in onze bronnen.")
        )
        return route
    route.why.append(N_("Deze ontheffing bestaat, maar DUO geeft haar weinig."))
    work_needed, _ = value_at("avi/screening_years_work", today)
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
    (seed 001:448-470). Wi2021: the seeds are silent on NT2; possible, ask DUO (Wi2021 art. 7).
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
    elif regime == "wi2021" and strong <= {"nt2_state_exam_1", "nt2_state_exam_2"}:
        # Seeds silent on NT2 under the Wi2021; it covers the language only (Wi2021 art. 7).
        route.assessment = "possible"
        route.sources.append(S.WI2021_NT2)
        route.why.append(
            N_("U heeft het staatsexamen NT2. Vraag DUO wat u daarnaast nog moet doen.")
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

"""Ontheffing (medical, AGI, AVI) and vrijstelling (diploma): whether each route is open.

Pure rules on Facts; imports nothing from Flask. Wi2007: the gemeente decides with its own
criteria; Wi2013: DUO decides; Wi2021: DUO decides (art. 4 and 5), and it has no AGI or AVI.
"""

from __future__ import annotations

from datetime import date

from portal.rules import sources as S
from portal.rules.dates import add_months, months_between
from portal.rules.exam import open_parts
from portal.rules.facts import Facts
from portal.rules.outcome import Route
from portal.rules.parameters import value_at
from portal.rules.parts import PART_NAMES
from portal.rules.status import NT2_STATE_EXAMS
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


def medical_route(facts: Facts, regime: str, status: str, today: date) -> Route:
    """Assess exemption_medical: a lasting limitation makes the exam impossible within 5 years.

    Wi2007 art. 6 and Besluit 2.8: the gemeente, with an independent BIG-registered doctor it
    chooses (seed 000:101-108, 343-375). Wi2013 art. 6 and Wi2021 art. 5 lid 1 (whole or partial):
    DUO with Argonaut; the person's own doctor cannot give the advice, the person pays for it
    (DUO pays 225 euro back when it is granted, from 2022), and a usual treatment that can help
    weighs against it (seed 002:690-697, 875-880, 1204-1211; law-in-force points 14 and E1).
    """
    route = Route("exemption_medical", "not_applicable")
    if regime == "wi2007":
        route.sources += [S.WI2007_MEDICAL, S.BI2007_MEDICAL]
    elif regime == "wi2021":
        route.sources += [S.WI2021_ART5, S.INBURGEREN_MEDICAL, S.WI2021_MEDICAL]
    else:
        route.sources += [S.WI2013_ART6, S.INBURGEREN_MEDICAL, S.WI2013_MEDICAL]
    route.sources.append(S.MEDICAL_PROTOCOL)
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
    elif regime == "unknown":
        route.where.append(
            N_(
                "Waar u de ontheffing vraagt, hangt af van uw wet: bij de gemeente (voor 2013) "
                "of bij DUO (vanaf 2013)."
            )
        )
    else:
        route.where.append(
            N_("Vraag de ontheffing aan bij DUO. Argonaut doet het medisch onderzoek.")
        )
        route.needs.append(
            N_(
                "Uw eigen arts kan dit advies niet geven. Een arts van Argonaut onderzoekt u. "
                "U betaalt dat onderzoek eerst zelf."
            )
        )
        refund, refund_source = value_at("medical/refund", today)
        if refund:
            route.needs.append(
                N_(
                    "Krijgt u de ontheffing? Dan betaalt DUO u %(amount)s euro terug.",
                    amount=refund,
                )
            )
            route.sources.append(refund_source)
        route.sources.append(S.MEDICAL_ADVICE_RULES)
    route.needs.append(N_("Brieven van uw arts of specialist over uw beperking."))
    if facts.medical_limitation:
        _lasting_limitation(route, regime, today)
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


def _lasting_limitation(route: Route, regime: str, today: date) -> None:
    """Rate a medical ontheffing for someone with a lasting limitation: possible, and why."""
    route.assessment = "possible"
    if regime in ("wi2007", "wi2013"):
        years, _ = value_at("medical/horizon_years", today)
        route.why.append(
            N_(
                "U heeft een blijvende beperking. Kunt u het examen binnen %(years)s jaar "
                "niet halen? Dan is een medische ontheffing mogelijk.",
                years=years,
            )
        )
    else:
        # Law in force, point 14: the 5 years are in the Wi2007 and Wi2013 rules only; for the
        # Wi2021 (or an unknown law) the rules of the examination were not found: no number.
        route.why.append(
            N_(
                "U heeft een blijvende beperking. Kunt u daardoor het examen niet halen? "
                "Dan is een medische ontheffing mogelijk."
            )
        )
    if regime == "wi2021":
        route.why.append(N_("De ontheffing kan voor de hele inburgering gelden, of voor een deel."))
    if regime == "wi2007":
        route.why.append(N_("De gemeente beslist. Zij kan ook eerst meer tijd geven."))
    elif regime == "wi2013":
        # Seed 004:2399-2406 (the Wi2013 cohorts): DUO and Argonaut give an extension sooner
        # than an ontheffing. For the Wi2021 no source says how Argonaut weighs this.
        route.why.append(
            N_(
                "De regels zijn streng. Kan een gewone behandeling helpen? Dan krijgt u "
                "meestal geen ontheffing, maar vaak wel meer tijd."
            )
        )
        route.sources.append(S.MEDICAL_EXTENSION_FIRST)


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
    Wi2013: the term started at least 2.5 years ago; 600 hours at a school with the keurmerk;
    attempts at each part not passed: 4, and 3 from 1 April 2023 (Regeling inburgering art.
    2.4b; law-in-force point 1). Or the literacy variant: 600 hours of which at least 300
    alfabetisering, plus a DUO test (art. 2.4d; point 1, medium). Wi2007: each gemeente sets its
    own criteria (seed 000:97-144), at the earliest 6 months before the term ends unless the
    college waives that for unreasonable hardship (Besluit 2007 art. 5.5 lid 1 and 3). Wi2021:
    there is no AGI ontheffing (Wi2021 art. 5; law-in-force point 4).
    """
    route = Route("exemption_agi", "not_applicable")
    if regime == "wi2007":
        route.sources += [S.WI2007_AGI, S.BI2007_AGI_TIMING, S.WI2007_NO_NATIONAL_CRITERIA]
    elif regime == "wi2021":
        route.sources += [S.WI2021_ART5, S.INBURGEREN_AGI]
        route.why.append(
            N_(
                "Deze ontheffing bestaat niet onder de Wet inburgering 2021. Lukt het examen "
                "niet, ook niet met veel les? Vraag uw gemeente naar een lager niveau (A2)."
            )
        )
        return route
    else:
        route.sources += [S.RI2013_AGI, S.INBURGEREN_AGI, S.WI2013_AGI, S.WI2013_GROUNDS]
    if _closed(route, regime, status, "agi", facts):
        return route
    if regime == "wi2007":
        return _agi_wi2007(route, facts, end, today)
    if regime == "wi2013":
        return _agi_wi2013(route, facts, start, today)
    route.assessment = "possible"
    route.why.append(
        N_(
            "Deze ontheffing bestaat voor mensen die voor 2022 moesten inburgeren. Wat nodig is, "
            "hangt af van de wet die voor u geldt."
        )
    )
    route.needs.append(N_("Vraag DUO of uw gemeente welke wet voor u geldt."))
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
    route.why.append(N_("Onder de Wet inburgering 2007 bepaalt elke gemeente zelf de eisen."))
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
                "U kunt de aanvraag doen vanaf %(date)s. Is dat voor u onredelijk zwaar, "
                "omdat u al veel heeft gedaan? Dan kan de gemeente een uitzondering maken.",
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
    time_ok = _check_time(route, start, today, months_needed)
    hours_ok = _check_hours(route, facts, hours_needed)
    literacy_ok = _check_literacy(route, facts, today)
    attempts_ok = _check_attempts(route, facts, start, today, attempts_needed)
    # The literacy variant replaces the attempts by a DUO test; its result is not known, so it
    # can make the route possible, never likely.
    if literacy_ok and attempts_ok is not True:
        attempts_ok = None
    checks = [time_ok, hours_ok, attempts_ok]
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
        route.needs.append(
            N_(
                "Bestaat uw taalschool niet meer? Dan zijn de uren moeilijk te bewijzen. Een "
                "begeleider van de gemeente kan u helpen ze te vinden."
            )
        )
        route.sources += [S.AGI_HOURS_EVIDENCE, S.AGI_SCHOOL_CLOSED]
        return None
    route.why.append(N_("U heeft genoeg uren les."))
    return True if facts.course_hours_registered_by_duo else None


def _check_literacy(route: Route, facts: Facts, today: date) -> bool:
    """Say what the literacy variant asks; return True when its hours are met."""
    if not facts.literacy_course:
        return False
    needed, source = value_at("agi/literacy_min_hours", today)
    route.sources += [source, S.RI2013_AGI_LITERACY]
    route.needs.append(
        N_(
            "Volgde u alfabetisering? Dan kan het ook zo: minstens %(hours)s van de uren waren "
            "alfabetisering, en u maakt een toets bij DUO.",
            hours=needed,
        )
    )
    return (facts.literacy_hours or 0) >= needed and (facts.course_hours or 0) >= needed


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
        todo = open_parts(facts, "wi2013", today)
        short = [part for part in todo if len(facts.exam_attempts.get(part, ())) < needed]
        for part in short:
            route.why.append(
                N_(
                    "Voor %(part)s deed u %(have)s keer examen. Nodig is %(count)s keer.",
                    part=PART_NAMES[part],
                    have=len(facts.exam_attempts.get(part, ())),
                    count=needed,
                )
            )
        if not short:
            route.why.append(N_("U deed genoeg examenpogingen."))
        return not short
    if facts.exam_attempts_least is None:
        return None
    if facts.exam_attempts_least < needed:
        route.why.append(
            N_(
                "Het onderdeel dat u het minst deed, deed u %(have)s keer. Nodig is %(count)s "
                "keer voor elk onderdeel dat u nog niet heeft.",
                have=facts.exam_attempts_least,
                count=needed,
            )
        )
        return False
    route.why.append(N_("U deed genoeg examenpogingen."))
    return True


def avi_route(facts: Facts, regime: str, status: str, today: date) -> Route:
    """Assess exemption_avi: aantoonbaar voldoende ingeburgerd (demonstrably integrated).

    Wi2007: Besluit 2.8a, on application; the gemeente judges years of work with Dutch, an
    employer's statement, volunteering and education (seed 000:146-164, 377-405). Wi2013: the
    legal test of Regeling inburgering art. 2.4a: 10 years in the BRP, 5 years of paid or
    volunteer work, and a conversation in Dutch; it counts for neither permanent residence nor
    naturalisation (law-in-force points 18, 19, X4). Wi2021: no AVI ontheffing (art. 5; point 4).
    """
    route = Route("exemption_avi", "not_applicable")
    if regime == "wi2007":
        route.sources += [S.WI2007_AVI, S.WI2007_AVI_TEXT]
    elif regime == "wi2021":
        route.sources += [S.WI2021_ART5]
        route.why.append(N_("Deze ontheffing bestaat niet onder de Wet inburgering 2021."))
        return route
    else:
        route.sources += [S.RI2013_AVI, S.DUO_NATURALISATION, S.WI2013_AVI_RARE]
    if _closed(route, regime, status, "avi", facts):
        return route
    route.why.append(
        N_(
            "AVI betekent: u bent aantoonbaar voldoende ingeburgerd, bijvoorbeeld door "
            "lang werk in het Nederlands."
        )
    )
    if regime == "wi2007":
        return _avi_wi2007(route, facts)
    if regime == "unknown":
        route.assessment = "possible"
        route.why.append(
            N_(
                "Deze ontheffing bestaat voor mensen die voor 2022 moesten inburgeren. Wat nodig "
                "is, hangt af van de wet die voor u geldt."
            )
        )
        return route
    return _avi_wi2013(route, facts, today)


def _avi_wi2007(route: Route, facts: Facts) -> Route:
    route.where.append(
        N_(
            "Vraag de ontheffing aan bij uw gemeente. Het college van B en W (het "
            "bestuur van de gemeente) beslist."
        )
    )
    route.needs.append(
        N_(
            "Bewijs dat u Nederlands spreekt en schrijft, zoals een arbeidscontract of een "
            "verklaring van uw werkgever."
        )
    )
    route.why.append(N_("Onder de Wet inburgering 2007 bepaalt elke gemeente zelf de eisen."))
    working = facts.years_work_with_dutch
    if working is None and facts.years_work is not None and facts.employer_statement:
        working = facts.years_work
    if working and facts.employer_statement:
        # Work with Dutch and an employer's statement are the evidence the toelichting names
        # first (seed 000:146-164, 397-402).
        route.assessment = "likely"
        route.why.append(
            N_(
                "U werkte %(years)s jaar in het Nederlands, en uw werkgever kan dat verklaren. "
                "Dat is het bewijs dat de gemeente vraagt. De gemeente beslist.",
                years=working,
            )
        )
    elif working:
        route.assessment = "possible"
        route.why.append(N_("U werkt in het Nederlands. Dat kan meetellen. De gemeente beslist."))
        route.needs.append(
            N_("Vraag uw werkgever om een verklaring over uw werk en uw Nederlands.")
        )
    else:
        route.assessment = "possible"
    return route


def _avi_wi2013(route: Route, facts: Facts, today: date) -> Route:
    route.where.append(N_("Vraag de ontheffing aan bij DUO."))
    live_needed, _ = value_at("avi/wi2013_min_years_residence", today)
    work_needed, _ = value_at("avi/wi2013_min_years_work", today)
    route.needs.append(
        N_(
            "U staat minstens %(live)s jaar zonder onderbreking ingeschreven in een gemeente "
            "in Nederland. En u werkte minstens %(work)s jaar, betaald of als vrijwilliger.",
            live=live_needed,
            work=work_needed,
        )
    )
    route.needs.append(
        N_(
            "U voert een gesprek in het Nederlands. Zo laat u zien dat u genoeg Nederlands "
            "spreekt en verstaat."
        )
    )
    route.why.append(
        N_(
            "Let op: deze ontheffing telt niet voor een verblijfsvergunning voor onbepaalde tijd "
            "en niet voor naturalisatie. Daarvoor heeft u dan toch het examen nodig, of een "
            "medische ontheffing."
        )
    )
    living = facts.years_residence
    working = facts.years_work if facts.years_work is not None else facts.years_work_with_dutch
    if living is None or working is None:
        route.assessment = "possible"
    elif living >= live_needed and working >= work_needed:
        route.assessment = "likely"
        route.why.append(
            N_(
                "U woont %(live)s jaar in Nederland en werkte %(work)s jaar. Dat is genoeg "
                "voor deze ontheffing, als het gesprek goed gaat.",
                live=living,
                work=working,
            )
        )
    else:
        route.assessment = "unlikely"
        route.why.append(
            N_(
                "Nodig is %(live)s jaar wonen en %(work)s jaar werk. U woont %(have_live)s jaar "
                "in Nederland en werkte %(have_work)s jaar.",
                live=live_needed,
                work=work_needed,
                have_live=living,
                have_work=working,
            )
        )
    return route


def release_route(facts: Facts, regime: str, status: str) -> Route:
    """Assess release_diploma: vrijstelling with a Dutch diploma or the staatsexamen NT2.

    Wi2013: a Dutch school or higher-education diploma gives a vrijstelling (seed 004:420-424);
    the NT2 diploma fulfils the obligation only for people obliged before 2015, otherwise it
    frees the language parts (status.py; law-in-force point X2). Wi2007: only the gemeente
    grants a vrijstelling, DUO registers it (seed 001:448-470). Wi2021: a vrijstelling (art. 4);
    NT2 frees the language parts only; KNM, the PVT and (B1-route, Z-route) the MAP remain
    (point 16).
    """
    route = Route(
        "release_diploma", "not_applicable", sources=[S.INBURGEREN_DIPLOMA, S.WI2013_RELEASE]
    )
    release_law = {
        "wi2007": S.WI2007_RELEASE,
        "wi2013": S.WI2013_ART5_RELEASE,
        "wi2021": S.WI2021_ART4,
    }
    if regime in release_law:
        route.sources.append(release_law[regime])
    if regime == "not_obliged" or status in ("fulfilled", "released", "exempted"):
        route.why.append(
            N_("U heeft geen inburgeringsplicht (meer). Een vrijstelling is niet nodig.")
        )
        return route
    if regime == "wi2007":
        route.where.append(N_("Vraag de vrijstelling aan bij uw gemeente. DUO schrijft haar in."))
    elif regime == "unknown":
        route.where.append(
            N_(
                "Waar u vrijstelling vraagt, hangt af van uw wet: bij de gemeente (voor 2013) of "
                "bij DUO (vanaf 2013)."
            )
        )
    else:
        route.where.append(N_("Stuur een kopie van uw diploma naar DUO en vraag om vrijstelling."))
    route.needs.append(N_("Een kopie van uw diploma of certificaat."))
    diplomas = set(facts.dutch_diplomas or ())
    nt2 = diplomas & set(NT2_STATE_EXAMS)
    school = diplomas - set(NT2_STATE_EXAMS) - {"other"}
    if facts.dutch_diplomas is None:
        route.assessment = "possible"
        route.why.append(
            N_("Heeft u een Nederlands diploma? Dan hoeft u soms geen examen te doen.")
        )
    elif school:
        route.assessment = "likely"
        route.why.append(N_("Met uw Nederlandse diploma kunt u vrijstelling krijgen."))
    elif nt2 and regime in ("wi2013", "wi2021"):
        # The NT2 diploma frees the language parts only (the rest is in pass_exam): a partial
        # vrijstelling, which DUO registers when it gets the diploma.
        route.assessment = "possible"
        route.sources.append(S.RI2013_NT2_PARTIAL if regime == "wi2013" else S.WI2021_ART4)
        route.why.append(
            N_(
                "Uw staatsexamen NT2 geeft vrijstelling voor de taalexamens. Voor KNM en de "
                "andere onderdelen geeft het geen vrijstelling."
            )
        )
    elif nt2 and regime == "wi2007":
        route.assessment = "likely"
        route.why.append(N_("Met uw staatsexamen NT2 kunt u bij de gemeente vrijstelling vragen."))
    elif nt2:
        route.assessment = "possible"
        route.why.append(
            N_(
                "Wat uw staatsexamen NT2 waard is, hangt af van uw wet. Soms bent u er klaar "
                "mee, soms telt het alleen voor de taalexamens."
            )
        )
    elif diplomas:
        route.assessment = "possible"
        route.why.append(N_("Er wordt gekeken of uw diploma genoeg is voor vrijstelling."))
    else:
        route.assessment = "unlikely"
        route.why.append(N_("U heeft geen Nederlands diploma."))
    return route

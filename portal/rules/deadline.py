"""The inburgeringstermijn: start, end, time left or overrun, and the extension routes.

Pure rules on Facts; imports nothing from Flask.
"""

from __future__ import annotations

from datetime import date, timedelta

from portal.rules import sources as S
from portal.rules.dates import add_months, months_between
from portal.rules.facts import Facts, is_year_only
from portal.rules.outcome import Route, Source, Term, Uncertain
from portal.rules.parameters import value_at
from portal.rules.regime import OBLIGED_REGIMES, WI2007_START
from portal.rules.text import N_, Text


def term_start(facts: Facts, regime: str) -> date | None:
    """Return the start of the term, or None when it cannot be known from the facts.

    Wi2013: the term starts when the person becomes obliged, which DUO puts at the date the IND
    made the residence right known (Wet inburgering art. 7b lid 2; law-in-force point 10), so
    the decision date stands in for a missing letter. Wi2007: the same for nieuwkomers; an
    oudkomer's term only starts when the college decides so (Wi2007 art. 7 lid 1 and 26).
    Wi2021: the term starts on the day after the PIP (Wi2021 art. 11), which only a letter or
    the PIP itself can tell.
    """
    if regime == "wi2021" and facts.pip_date is not None:
        return day_after(facts.pip_date)
    if facts.obligation_start_date is not None:
        return facts.obligation_start_date
    decision = facts.residence_decision_date
    if regime == "wi2013":
        return decision
    if regime == "wi2007" and decision is not None and decision >= WI2007_START:
        return decision
    return None


def term_for(facts: Facts, regime: str, status: str, today: date) -> tuple[Term, list[Uncertain]]:
    """Compute the term for an obliged person: the basic length, a granted extension, corona.

    An extension is only a route until someone grants it (Wi2007 art. 31 lid 2; Wi2013: at
    most two years for analfabeten, seed 004:351-352). Only with `extension_granted` do we add
    the literacy maximum; a granted extension of unknown length leaves the end unknown. Wi2013
    terms that ran during corona got up to 10 months, some 4 (and up to 8) more (`term/
    wi2013_corona`; duo.nl; seed 003:2536-2553).
    Sources: Wet inburgering 2007 art. 7; Wet inburgering art. 7b; Wi2021 art. 11.
    """
    if regime not in OBLIGED_REGIMES:
        return Term(), []
    start = term_start(facts, regime)
    grounds = extension_grounds(facts, regime)
    sources = [_law_source(regime), S.TERM_TABLE]
    if start is None:
        return _unknown_start(facts, regime, status, today, grounds, sources)
    months, source = value_at(f"term/{regime}_months", start)
    sources.append(source)
    doubts: list[Uncertain] = []
    if facts.extension_granted:
        known, extra_text = _granted_extension(facts, regime, start, grounds, sources)
        if status == "obliged":
            doubts.append(
                Uncertain(
                    code="term_extension",
                    text=extra_text,
                    settle_by=N_(
                        "Kijk in de brief over de verlenging tot wanneer uw termijn nu loopt."
                    ),
                    fact="extension_granted",
                )
            )
        if known is None:
            return Term(start=start, extension_grounds=grounds, sources=sources), doubts
        months += known
    end = add_months(start, months)
    if regime == "wi2013":
        end, corona_doubt = _corona(start, end, sources)
        if corona_doubt is not None and status == "obliged":
            doubts.append(corona_doubt)
    year_only = is_year_only(start)
    term = Term(start=start, end=end, extension_grounds=grounds, sources=sources)
    term.year_only = year_only
    if status == "obliged":
        # With only the year of the start, the end lies somewhere in one year: count the time
        # left from its first day and the overrun from its last, so we never promise time.
        latest = add_months(end, 11) if year_only else end
        if today <= end:
            term.months_left = months_between(today, end)
        elif today > latest:
            term.months_overrun = months_between(latest, today)
        if year_only:
            doubts.append(
                Uncertain(
                    code="term_year_only",
                    text=N_(
                        "U weet alleen het jaar waarin uw termijn begon. Dan eindigt uw termijn "
                        "ergens in %(year)s.",
                        year=str(end.year),  # a year, never written as 1.234
                    ),
                    settle_by=N_(
                        "Kijk in de brief van DUO of in Mijn Inburgering in welke maand uw "
                        "termijn begon."
                    ),
                    fact="obligation_start_date",
                )
            )
    return term, doubts


def _unknown_start(
    facts: Facts,
    regime: str,
    status: str,
    today: date,
    grounds: list[str],
    sources: list[Source],
) -> tuple[Term, list[Uncertain]]:
    term = Term(extension_grounds=grounds, sources=sources)
    if status != "obliged":
        return term, []
    decision = facts.residence_decision_date
    if regime == "wi2007" and decision is not None and decision < WI2007_START:
        term.sources.append(S.WI2007_OUDKOMER)  # the college set an oudkomer's start
    if regime == "wi2021" and decision is not None:
        # The PIP comes some months after the permit; a term of 3 years from a PIP at most a
        # year after the permit has ended by now.
        months, _ = value_at("term/wi2021_months", decision)
        term.likely_ended = add_months(decision, months + 12) < today
    if regime == "wi2021":
        doubt = Uncertain(
            code="term_start",
            text=N_("Uw termijn is 3 jaar. Hij begint op de dag na de datum van uw PIP."),
            settle_by=N_("Kijk op uw PIP welke datum erop staat."),
            fact="pip_date",
        )
    else:
        doubt = Uncertain(
            code="term_start",
            text=N_(
                "Wanneer uw termijn eindigt, staat in de brief van DUO of in Mijn Inburgering."
            ),
            settle_by=N_(
                "Kijk in de brief van DUO of in Mijn Inburgering wanneer uw termijn begon."
            ),
            fact="obligation_start_date",
        )
    return term, [doubt]


def _granted_extension(
    facts: Facts, regime: str, start: date, grounds: list[str], sources: list[Source]
) -> tuple[int | None, Text]:
    """Return the months a granted extension adds (None when unknown), and what we assume."""
    if "literacy" in grounds and regime in ("wi2007", "wi2013"):
        extra, extra_source = value_at(f"term/{regime}_literacy_extension_months", start)
        sources.append(extra_source)
        return extra, N_(
            "U kreeg meer tijd. Wij rekenen met de langste verlenging: %(months)s maanden.",
            months=extra,
        )
    return None, N_("U kreeg meer tijd. Wij weten niet hoeveel.")


def _corona(start: date, end: date, sources: list[Source]) -> tuple[date, Uncertain | None]:
    """Add the corona extensions a Wi2013 term got, and say what we could not know."""
    rule, source = value_at("term/wi2013_corona", start)
    added = 0
    for month, extra in rule["general"]:
        first = date.fromisoformat(f"{month}-01")
        following = add_months(first, 1)
        if start < following and end >= first:
            end = add_months(end, extra)
            added += extra
    check_day = date.fromisoformat(rule["specific_if_left_on"])
    specific = check_day <= end <= add_months(check_day, rule["specific_left_months"])
    if specific:
        end = add_months(end, rule["specific_months"])
        added += rule["specific_months"]
    if not added:
        return end, None
    sources += [source, S.CORONA_RULE]
    if specific:
        text = N_(
            "Door corona kreeg u %(months)s maanden meer tijd. Wij rekenen daarmee. Misschien "
            "kreeg u van DUO nog tot %(more)s maanden extra.",
            months=added,
            more=rule["specific_more_up_to"],
        )
    else:
        text = N_(
            "Door corona kreeg u %(months)s maanden meer tijd. Wij rekenen daarmee.",
            months=added,
        )
    return end, Uncertain(
        code="term_corona",
        text=text,
        settle_by=N_(
            "Kijk in de brieven van DUO of in Mijn Inburgering tot wanneer uw termijn loopt."
        ),
        fact="obligation_start_date",
    )


def _law_source(regime: str) -> Source:
    return {"wi2007": S.WI2007_ART7, "wi2013": S.WI2013_ART7}.get(regime, S.WI2021_ART11)


def extension_grounds(facts: Facts, regime: str) -> list[str]:
    """Return the extension grounds that apply: "literacy", "no_fault" and the delay reasons."""
    grounds = []
    if facts.literacy_course:
        grounds.append("literacy")
    if facts.delay_not_own_fault:
        grounds.append("no_fault")
        grounds.extend(f"no_fault_{reason}" for reason in facts.delay_reasons or ())
    return grounds


def overrun_beyond(term: Term, months: int, today: date) -> bool:
    """Return True when the term ended more than `months` months before `today`, to the day.

    "Within 6 months" holds until the day 6 months after the end; whole months alone would
    stretch it by up to a month. With only the year of the start, from the latest possible end.
    """
    if term.end is None or term.months_overrun is None:
        return False
    latest = add_months(term.end, 11) if term.year_only else term.end
    return today > add_months(latest, months)


def _too_late(route: Route, term: Term, max_months: int, today: date) -> bool:
    """Rate an extension unlikely when the term ended longer ago than any extension could reach."""
    if not overrun_beyond(term, max_months, today):
        return False
    overrun = term.months_overrun or 0
    route.assessment = "unlikely"
    route.why.append(
        N_(
            "Uw termijn is al %(years)s jaar voorbij. Meer tijd helpt nu niet meer. Vraag wat u "
            "nu kunt doen.",
            years=overrun // 12,
        )
    )
    return True


def _already_granted(route: Route, facts: Facts) -> bool:
    if not facts.extension_granted:
        return False
    route.assessment = "not_applicable"
    route.why.append(N_("U kreeg al meer tijd. Kijk in de brief tot wanneer."))
    return True


def literacy_route(facts: Facts, regime: str, status: str, term: Term, today: date) -> Route:
    """Assess extension_literacy: more time after a literacy course, if someone grants it.

    Wi2007: the college extends once, at most 2.5 years, if the course was followed before the
    term ended (art. 31 lid 2 onder b; seed 000:295-300). Wi2013: at most 2 years (Wet
    inburgering art. 7; seed 004:351-352). Wi2021: 3 years also for analfabeten; its own
    extension grounds are in extension_no_fault (Wi2021 art. 12; law-in-force point E5).
    """
    route = Route("extension_literacy", "not_applicable", sources=[S.RO_EXTENSION, S.TERM_TABLE])
    if status not in ("obliged", "unknown") or regime == "not_obliged":
        route.why.append(N_("U heeft geen inburgeringsplicht meer, dus verlenging is niet nodig."))
        return route
    if regime == "wi2021":
        route.sources.append(S.WI2021_ART12)
        route.why.append(
            N_(
                "Onder de Wet inburgering 2021 is de termijn ook voor wie leert lezen en "
                "schrijven 3 jaar. Meer tijd vraagt u om een andere reden."
            )
        )
        return route
    if regime == "unknown":
        route.assessment = "possible" if facts.literacy_course is not False else "unlikely"
        route.why.append(
            N_(
                "Volgde u een cursus om te leren lezen en schrijven? Of u dan meer tijd krijgt, "
                "hangt af van de wet die voor u geldt."
            )
        )
        return route
    route.where.append(_where(regime))
    if regime == "wi2007":
        route.sources.append(S.WI2007_ART31)
        route.needs.append(
            N_("Bewijs dat u de alfabetiseringscursus volgde vóór het einde van de termijn.")
        )
    else:
        route.sources += [S.WI2013_ART7, S.WI2013_LITERACY_EXTENSION]
        route.needs.append(N_("Bewijs van uw alfabetiseringscursus."))
    if _already_granted(route, facts):
        return route
    extra, _ = value_at(f"term/{regime}_literacy_extension_months", today)
    if facts.literacy_course is None:
        route.assessment = "possible"
        route.why.append(
            N_("Volgde u een cursus om te leren lezen en schrijven? Dan krijgt u soms meer tijd.")
        )
    elif not facts.literacy_course:
        route.assessment = "unlikely"
        route.why.append(N_("U volgde geen alfabetiseringscursus."))
        return route
    elif regime == "wi2007":
        route.assessment = "likely"
        route.why.append(
            N_(
                "U volgde een alfabetiseringscursus. Dan kunt u één keer meer tijd "
                "krijgen, maximaal %(months)s maanden. De gemeente beslist.",
                months=extra,
            )
        )
    else:
        route.assessment = "likely"
        route.why.append(
            N_(
                "U volgde een alfabetiseringscursus. Dan kunt u meer tijd krijgen, "
                "maximaal %(months)s maanden. DUO beslist.",
                months=extra,
            )
        )
    _too_late(route, term, extra, today)
    return route


def no_fault_route(facts: Facts, regime: str, status: str, term: Term, today: date) -> Route:
    """Assess extension_no_fault: a longer term when the delay was not the person's fault.

    Wi2007 art. 31 lid 2 onder a (seed 000:288-293). Wi2013: DUO extends, at most 2 years
    (Regeling inburgering art. 2.4c); illness of more than 3 months, treated by a doctor in the
    Netherlands, once the term started at least 2.5 years ago (inburgeren.nl; law-in-force point
    15). Wi2021: see the Wi2021 extension grounds (Wi2021 art. 12; point E5).
    """
    route = Route("extension_no_fault", "not_applicable", sources=_no_fault_sources(regime))
    if status not in ("obliged", "unknown") or regime == "not_obliged":
        route.why.append(N_("U heeft geen inburgeringsplicht meer, dus verlenging is niet nodig."))
        return route
    route.where.append(_where(regime))
    route.needs.append(N_("Bewijs van de reden voor de vertraging, zoals een brief van een arts."))
    if _already_granted(route, facts):
        return route
    if regime == "wi2021":
        return no_fault_wi2021(route, facts, term, today)
    if facts.delay_not_own_fault:
        route.assessment = "likely"
        route.why.append(
            N_("Het was niet uw schuld dat het langer duurde. Dan kan de termijn langer.")
        )
        ill = "illness" in (facts.delay_reasons or ()) or facts.medical_limitation
        if ill and regime == "wi2013":
            route.why.append(
                N_(
                    "Bij ziekte: u was langer dan 3 maanden ziek en een arts in Nederland "
                    "behandelde u. Bij ziekte geeft DUO vaak eerder verlenging dan ontheffing."
                )
            )
            route.sources += [S.INBURGEREN_EXTRA_ILLNESS, S.MEDICAL_EXTENSION_FIRST]
            _not_before(route, term, "term/wi2013_illness_extension_after_months", today)
        elif ill and regime == "wi2007":
            route.why.append(N_("Bij ziekte beslist de gemeente of u meer tijd krijgt."))
    else:
        rate_without_reason(route, facts.delay_not_own_fault is None)
        if route.assessment == "unlikely":
            return route
    if regime == "wi2013":
        maximum, max_source = value_at("term/wi2013_no_fault_extension_months", today)
        route.sources.append(max_source)
        _too_late(route, term, maximum, today)
    return route


def _not_before(route: Route, term: Term, parameter: str, today: date) -> None:
    """Say from when the extension can be asked, when the term started too recently for it."""
    after, source = value_at(parameter, today)
    route.sources.append(source)
    if term.start is None:
        return
    earliest = add_months(term.start, after)
    if today < earliest:
        route.why.append(
            N_("Meestal kunt u dit pas aanvragen vanaf %(date)s.", date=earliest.isoformat())
        )


def _no_fault_sources(regime: str) -> list[Source]:
    return {
        "wi2007": [S.WI2007_ART31],
        "wi2013": [S.RI2013_NO_FAULT, S.INBURGEREN_EXTRA_OTHER, S.WI2013_NO_FAULT_REASONS],
        "wi2021": [S.WI2021_ART12, S.RO_EXTENSION, S.WI2021_EXTENSIONS],
    }.get(regime, [S.RO_EXTENSION, S.WI2013_TERM])


def _where(regime: str) -> Text:
    if regime == "wi2007":
        return N_(
            "Vraag verlenging aan bij uw gemeente. Het college van B en W (het "
            "bestuur van de gemeente) beslist."
        )
    if regime == "unknown":
        return N_(
            "Waar u verlenging vraagt, hangt af van uw wet: bij de gemeente (voor 2013) of bij "
            "DUO (vanaf 2013)."
        )
    return N_("Vraag verlenging aan bij DUO, via Mijn Inburgering of met een brief.")


def day_after(day: date) -> date:
    """Return the next day (the Wi2021 term starts on the day after the PIP)."""
    return day + timedelta(days=1)


def no_fault_wi2021(route: Route, facts: Facts, term: Term, today: date) -> Route:
    """Fill extension_no_fault with the Wi2021 grounds of law-in-force point E5.

    DUO extends (Wi2021 art. 12): illness of more than 3 months treated by a doctor in the
    Netherlands; a special situation of at least 3 months in a row; a combination; a late first
    lesson (more than 3 months after the PIP); a non-exempting education (praktijkonderwijs,
    vso, entree). Most only once the term started at least 2.5 years ago.
    """
    reasons = set(facts.delay_reasons or ())
    late_months, late_source = value_at("term/wi2021_late_lesson_months", today)
    route.sources += [late_source, S.INBURGEREN_EXTRA_ILLNESS]
    grounds = False
    if facts.late_first_lesson:
        grounds = True
        route.why.append(
            N_(
                "Uw eerste les begon meer dan %(months)s maanden na uw PIP. Dan wordt uw "
                "termijn verlengd.",
                months=late_months,
            )
        )
    if facts.delay_not_own_fault:
        grounds = True
        route.why.append(
            N_("Het was niet uw schuld dat het langer duurde. Dan kan de termijn langer.")
        )
        if "illness" in reasons:
            route.why.append(
                N_(
                    "U was langer dan 3 maanden ziek en een arts in Nederland behandelde u? Dan "
                    "kunt u meer tijd krijgen. Dat geldt ook bij ziekte van uw partner, kind of "
                    "ouder."
                )
            )
        if reasons & {"pregnancy", "care_duties", "no_course_available", "other"}:
            route.why.append(
                N_(
                    "Kon u minstens 3 maanden achter elkaar niet inburgeren door een bijzondere "
                    "situatie? Dan kunt u meer tijd krijgen."
                )
            )
        if "non_exempting_education" in reasons:
            route.why.append(
                N_(
                    "Volgde u een opleiding die geen vrijstelling geeft, zoals praktijkonderwijs "
                    "of entree? Dan kunt u meer tijd krijgen."
                )
            )
    if grounds:
        route.assessment = "likely"
        if not facts.late_first_lesson:
            _not_before(route, term, "term/wi2021_extension_after_months", today)
    else:
        rate_without_reason(
            route, facts.delay_not_own_fault is None and not facts.late_first_lesson
        )
    return route


def rate_without_reason(route: Route, unknown: bool) -> None:
    """Rate an extension when no reason beyond the person's fault is given: asked or denied."""
    if unknown:
        route.assessment = "possible"
        route.why.append(
            N_(
                "Was er een reden voor vertraging die niet uw schuld was? Dan "
                "kan de termijn langer."
            )
        )
    else:
        route.assessment = "unlikely"
        route.why.append(N_("U zei nee op de vraag: liep u vertraging op die niet uw schuld was?"))

"""The inburgeringstermijn: start, end, time left or overrun, and the extension routes.

Pure rules on Facts; imports nothing from Flask.
"""

from __future__ import annotations

import calendar
from datetime import date

from portal.rules import sources as S
from portal.rules.facts import Facts
from portal.rules.outcome import Route, Source, Term, Uncertain
from portal.rules.parameters import value_at
from portal.rules.text import N_, Text

OBLIGED_REGIMES = ("wi2007", "wi2013", "wi2021")


def add_months(start: date, months: int) -> date:
    """Return `start` plus whole months, clamped to the last day of the month."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def months_between(earlier: date, later: date) -> int:
    """Return the whole months from `earlier` to `later` (0 when later is not after earlier)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return max(months, 0)


def term_start(facts: Facts, regime: str) -> date | None:
    """Return the start of the term: the letter's date, else the decision date (not Wi2021).

    Under the Wi2021 the term runs from the PIP, which the facts do not hold, so only the
    letter's date can be used (Wi2021 art. 7; seed 003 notes: first terms end from Q2 2025).
    """
    if facts.obligation_start_date is not None:
        return facts.obligation_start_date
    if regime in ("wi2007", "wi2013"):
        return facts.residence_decision_date
    return None


def term_for(facts: Facts, regime: str, status: str, today: date) -> tuple[Term, list[Uncertain]]:
    """Compute the term for an obliged person from the basic term length.

    An extension is only a route until someone grants it (Wi2007 art. 31 lid 2: "eenmalig ten
    hoogste", seed 000:295-300; Wi2013: "maximaal twee jaar langer", seed 004:351-352,
    417-418). Only with `extension_granted` do we add the literacy maximum; a granted extension
    of unknown length leaves the end unknown.
    Sources: seed 001:229-239 (3.5 y; 3 y; 3 y); Wi2007 art. 7; Wi2013 art. 7; Wi2021 art. 7.
    """
    if regime not in OBLIGED_REGIMES:
        return Term(), []
    start = term_start(facts, regime)
    grounds = extension_grounds(facts, regime)
    sources = [S.TERM_TABLE, _law_source(regime)]
    if start is None:
        doubt = Uncertain(
            code="term_start",
            text=N_("We kunnen het einde van uw inburgeringstermijn niet berekenen."),
            settle_by=N_(
                "Kijk in de brief van DUO of in Mijn Inburgering wanneer uw termijn begon."
            ),
            fact="obligation_start_date",
        )
        return Term(extension_grounds=grounds, sources=sources), [
            doubt
        ] if status == "obliged" else []
    months, source = value_at(f"term/{regime}_months", start)
    sources.append(source)
    doubts: list[Uncertain] = []
    known_length = True
    if facts.extension_granted:
        if "literacy" in grounds and regime in ("wi2007", "wi2013"):
            extra, extra_source = value_at(f"term/{regime}_literacy_extension_months", start)
            months += extra
            sources.append(extra_source)
            text = N_(
                "U kreeg meer tijd. Wij rekenen met de langste verlenging: %(months)s maanden.",
                months=extra,
            )
        else:
            known_length = False
            text = N_("U kreeg meer tijd. Wij weten niet hoeveel.")
        if status == "obliged":
            doubts.append(
                Uncertain(
                    code="term_extension",
                    text=text,
                    settle_by=N_(
                        "Kijk in de brief over de verlenging tot wanneer uw termijn nu loopt."
                    ),
                    fact="extension_granted",
                )
            )
    if not known_length:
        return Term(start=start, extension_grounds=grounds, sources=sources), doubts
    end = add_months(start, months)
    term = Term(start=start, end=end, extension_grounds=grounds, sources=sources)
    if status == "obliged":
        if today <= end:
            term.months_left = months_between(today, end)
        else:
            term.months_overrun = months_between(end, today)
    return term, doubts


def _law_source(regime: str) -> Source:
    return {"wi2007": S.WI2007_ART7, "wi2013": S.WI2013_ART7}.get(regime, S.WI2021_ART7)


def extension_grounds(facts: Facts, regime: str) -> list[str]:
    """Return the extension grounds that apply: "literacy", "no_fault" and the delay reasons."""
    grounds = []
    if facts.literacy_course:
        grounds.append("literacy")
    if facts.delay_not_own_fault:
        grounds.append("no_fault")
        grounds.extend(f"no_fault_{reason}" for reason in facts.delay_reasons or ())
    return grounds


def literacy_route(facts: Facts, regime: str, status: str) -> Route:
    """Assess extension_literacy: more time after a literacy course, if someone grants it.

    Wi2007: the college extends once, at most 2.5 years, if the course was followed before the
    term ended (art. 31 lid 2 onder b; seed 000:295-300). Wi2013: at most 2 years (seed
    004:351-352, 417-418). Wi2021: 3 years also for analfabeten; extension possible (seed
    001:237-239).
    """
    route = Route("extension_literacy", "not_applicable", sources=[S.TERM_TABLE])
    if status not in ("obliged", "unknown") or regime == "not_obliged":
        route.why.append(N_("U heeft geen inburgeringsplicht meer, dus verlenging is niet nodig."))
        return route
    route.where.append(_where(regime))
    if regime == "wi2007":
        route.sources.append(S.WI2007_ART31)
        route.needs.append(
            N_("Bewijs dat u de alfabetiseringscursus volgde vóór het einde van de termijn.")
        )
    elif regime == "wi2013":
        route.sources.append(S.WI2013_LITERACY_EXTENSION)
        route.needs.append(N_("Bewijs van uw alfabetiseringscursus."))
    else:
        route.sources.append(S.WI2021_EXTENSIONS)
        route.needs.append(N_("Vraag DUO of uw termijn langer kan door de alfabetisering."))
    if facts.literacy_course is None:
        route.assessment = "possible"
        route.why.append(
            N_("Volgde u een cursus om te leren lezen en schrijven? Dan krijgt u soms meer tijd.")
        )
    elif not facts.literacy_course:
        route.assessment = "unlikely"
        route.why.append(N_("U volgde geen alfabetiseringscursus."))
    elif regime == "wi2021":
        route.assessment = "possible"
        route.why.append(
            N_("Onder de Wi2021 is de termijn ook voor analfabeten 3 jaar. Verlenging kan soms.")
        )
    elif regime not in ("wi2007", "wi2013"):
        route.assessment = "possible"
        route.why.append(
            N_(
                "Na een alfabetiseringscursus kunt u soms meer tijd krijgen. "
                "Dat hangt af van de wet."
            )
        )
    else:
        route.assessment = "likely"
        extra, _ = value_at(f"term/{regime}_literacy_extension_months", date(2013, 1, 1))
        if regime == "wi2007":
            route.why.append(
                N_(
                    "U volgde een alfabetiseringscursus. Dan kunt u één keer meer tijd "
                    "krijgen, maximaal %(months)s maanden. De gemeente beslist.",
                    months=extra,
                )
            )
        else:
            route.why.append(
                N_(
                    "U volgde een alfabetiseringscursus. Dan kunt u meer tijd krijgen, "
                    "maximaal %(months)s maanden. DUO beslist.",
                    months=extra,
                )
            )
    if facts.extension_granted:
        route.why.append(N_("U kreeg al meer tijd. Kijk in de brief tot wanneer."))
    return route


def no_fault_route(facts: Facts, regime: str, status: str) -> Route:
    """Assess extension_no_fault: a longer term when the delay was not the person's fault.

    Wi2007 art. 31 lid 2 onder a (seed 000:288-293); Wi2013 (seed 004:344-351, 1142-1151;
    seed 003:2536-2566); Wi2021 (seed 003:504-508, 1398-1402).
    """
    route = Route("extension_no_fault", "not_applicable", sources=[_no_fault_source(regime)])
    if status not in ("obliged", "unknown") or regime == "not_obliged":
        route.why.append(N_("U heeft geen inburgeringsplicht meer, dus verlenging is niet nodig."))
        return route
    route.where.append(_where(regime))
    route.needs.append(N_("Bewijs van de reden voor de vertraging, zoals een brief van een arts."))
    if facts.delay_not_own_fault:
        route.assessment = "likely"
        route.why.append(
            N_("Het was niet uw schuld dat het langer duurde. Dan kan de termijn langer.")
        )
        ill = "illness" in (facts.delay_reasons or ()) or facts.medical_limitation
        # Seed 004:2399-2406 describes DUO and Argonaut under the Wi2013, not the gemeente.
        if ill and regime == "wi2013":
            route.why.append(N_("Bij ziekte geeft DUO vaak eerder verlenging dan ontheffing."))
            route.sources.append(S.MEDICAL_EXTENSION_FIRST)
        elif ill and regime == "wi2007":
            route.why.append(N_("Bij ziekte beslist de gemeente of u meer tijd krijgt."))
    elif facts.delay_not_own_fault is None:
        route.assessment = "possible"
        route.why.append(
            N_(
                "Was er een reden voor vertraging die niet uw schuld was? Dan "
                "kan de termijn langer."
            )
        )
    else:
        route.assessment = "unlikely"
        route.why.append(N_("U gaf aan dat er geen reden voor vertraging was buiten uw schuld."))
    return route


def _no_fault_source(regime: str) -> Source:
    return {
        "wi2007": S.WI2007_ART31,
        "wi2013": S.WI2013_NO_FAULT_REASONS,
        "wi2021": S.WI2021_EXTENSIONS,
    }.get(regime, S.WI2013_TERM)


def _where(regime: str) -> Text:
    if regime == "wi2007":
        return N_(
            "Vraag verlenging aan bij uw gemeente. Het college van B en W (het "
            "bestuur van de gemeente) beslist."
        )
    return N_("Vraag verlenging aan bij DUO, via Mijn Inburgering of met een brief.")

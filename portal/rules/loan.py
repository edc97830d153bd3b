"""The DUO loan: the loan_forgiveness route and what the loan means for the person.

Pure rules on Facts; imports nothing from Flask. Wi2007 had no loan (seed 001:1201-1202).
Wi2013 asylum status holders are never told they must repay (money.py).
"""

from __future__ import annotations

from datetime import date

from portal.rules import sources as S
from portal.rules.deadline import overrun_beyond
from portal.rules.exam import open_parts
from portal.rules.facts import Facts
from portal.rules.money import asylum_rulings
from portal.rules.outcome import Consequence, Route, Term
from portal.rules.parameters import value_at
from portal.rules.text import N_, Text


def forgiveness_route(
    facts: Facts, regime: str, status: str, term: Term, start: date | None, today: date
) -> Route:
    """Assess loan_forgiveness (kwijtschelding) of the DUO loan.

    Wi2013 asylum status holders: full and automatic when they pass, or get an ontheffing or
    vrijstelling, in time (Besluit inburgering art. 4.13 lid 3; law-in-force point 7). Partial
    (90, 60, 70 or 40 %) when they finish at most 6 months late with at most 2 parts open at the
    end of the term (`loan/partial_forgiveness`; point 6). A delay that was not their fault
    leads to an extension, so forgiveness stays possible. The rulings of 2025-2026 (money.py).
    Family and other migrants repay (seed 004:175-180). Wi2021: asylum status holders have no
    loan, the gemeente pays (Wi2021 art. 20; point E7); others repay.
    """
    route = Route(
        "loan_forgiveness",
        "not_applicable",
        sources=[S.INBURGEREN_FORGIVENESS, S.BI2013_FORGIVENESS, S.LOAN_TABLE],
    )
    if regime == "wi2007":
        route.sources.append(S.NO_LOAN_WI2007)
        route.why.append(N_("Onder de Wet inburgering 2007 bestond geen lening van DUO."))
        return route
    if regime == "wi2021":
        return _wi2021(route, facts)
    if regime == "unknown" and facts.duo_loan:
        route.assessment = "possible"
        route.why.append(
            N_(
                "Of u de lening moet terugbetalen, hangt af van uw wet en van de reden van uw "
                "verblijf. Vraag het aan DUO."
            )
        )
        return route
    if regime in ("not_obliged", "unknown") or facts.duo_loan is False:
        route.why.append(N_("Dit geldt alleen als u een lening van DUO heeft."))
        return route
    route.where.append(N_("DUO beslist over kwijtschelding. Vraag het na in Mijn Inburgering."))
    if facts.residence_purpose in ("family", "other"):
        route.assessment = "unlikely"
        route.sources.append(S.LOAN_NO_FORGIVENESS_FAMILY)
        route.why.append(N_("Gezinsmigranten en andere migranten moeten de lening terugbetalen."))
        return route
    route.needs.append(N_("Haal het examen vóór het einde van uw inburgeringstermijn."))
    texts, sources = asylum_rulings(today, about="loan")
    if facts.residence_purpose is None or facts.duo_loan is None:
        route.assessment = "possible"
        route.why.append(
            N_("Asielmigranten die op tijd slagen, hoeven de lening niet terug te betalen.")
        )
    else:
        _asylum(route, facts, regime, status, term, start, today, rulings=bool(texts))
    route.why += texts
    route.sources += sources
    return route


def _late(route: Route, reason: Text, rulings: bool) -> None:
    """Rate forgiveness for an asylum status holder who is late: unlikely, with its reason.

    While the courts' rulings apply (money.asylum_rulings), never a threat: the route stays
    possible and the rulings' texts say what is known.
    """
    if rulings:
        route.assessment = "possible"
        return
    route.assessment = "unlikely"
    route.why.append(reason)


def _asylum(
    route: Route,
    facts: Facts,
    regime: str,
    status: str,
    term: Term,
    start: date | None,
    today: date,
    rulings: bool,
) -> None:
    if status == "fulfilled":
        route.assessment = "likely"
        route.why.append(
            N_(
                "U bent asielmigrant en geslaagd. Als dat op tijd was, hoeft "
                "u niet terug te betalen."
            )
        )
        return
    if status in ("exempted", "released"):
        _after_exemption(route, facts, term, rulings)
        return
    if facts.delay_not_own_fault:
        route.assessment = "possible"
        route.why.append(
            N_(
                "Was de vertraging niet uw schuld? Vraag dan meer tijd. Haalt u het examen in "
                "die tijd, dan hoeft u de lening niet terug te betalen."
            )
        )
        return
    if term.months_overrun is None:
        route.assessment = "likely"
        route.why.append(
            N_(
                "U bent asielmigrant. Haalt u het examen op tijd, dan hoeft u "
                "niet terug te betalen."
            )
        )
        return
    partial, source = value_at("loan/partial_forgiveness", today)
    request, request_source = value_at("loan/request_needed_for_minor_overrun", today)
    route.sources += [source, request_source, S.LOAN_2023_CHANGE]
    if partial is None or overrun_beyond(term, partial["max_months"], today):
        _late(route, N_("U bent lang te laat. Dan moet u de lening meestal terugbetalen."), rulings)
        return
    todo = open_parts(facts, regime, today)
    if len(todo) > partial["max_open_parts"]:
        _late(
            route,
            N_(
                "U heeft nog %(count)s onderdelen open. Een deel kwijtschelden kan alleen met "
                "hoogstens %(max)s open onderdelen.",
                count=len(todo),
                max=partial["max_open_parts"],
            ),
            rulings,
        )
        return
    route.assessment = "possible"
    one = partial["percent"][1]
    two = partial["percent"][2]
    route.why.append(
        N_(
            "Haalt u het binnen %(months)s maanden na uw termijn, met hoogstens %(parts)s "
            "onderdelen te laat? Dan hoeft u een deel niet terug te betalen. Bij 1 onderdeel is "
            "dat %(one_early)s of %(one_late)s procent, bij 2 %(two_early)s of %(two_late)s "
            "procent.",
            months=partial["max_months"],
            parts=partial["max_open_parts"],
            one_early=one[0],
            one_late=one[1],
            two_early=two[0],
            two_late=two[1],
        )
    )
    if request:
        route.needs.append(N_("Vraag DUO zelf om kwijtschelding."))
    else:
        route.why.append(N_("U hoeft dat niet zelf te vragen. DUO kijkt er zelf naar."))


def _after_exemption(route: Route, facts: Facts, term: Term, rulings: bool) -> None:
    """Rate forgiveness after an ontheffing or vrijstelling: full when granted within the term."""
    granted = facts.exemption_granted
    when = granted.date if granted is not None else None
    if when is not None and term.end is not None and when <= term.end:
        route.assessment = "likely"
        route.why.append(
            N_("U kreeg de ontheffing op tijd. Dan scheldt DUO de hele lening vanzelf kwijt.")
        )
    elif when is not None and term.end is not None:
        _late(route, N_("U kreeg de ontheffing na het einde van uw termijn."), rulings)
    else:
        route.assessment = "possible"
        route.why.append(
            N_(
                "Kreeg u de ontheffing of vrijstelling voor het einde van uw termijn? Dan "
                "scheldt DUO de hele lening vanzelf kwijt."
            )
        )


def _wi2021(route: Route, facts: Facts) -> Route:
    route.sources += [S.WI2021_LOAN, S.RO_LOAN]
    if facts.residence_purpose == "asylum":
        route.why.append(
            N_(
                "Onder de Wet inburgering 2021 krijgen asielmigranten geen lening. De gemeente "
                "betaalt uw cursus en examens."
            )
        )
        return route
    if facts.duo_loan is False:
        route.why.append(N_("Dit geldt alleen als u een lening van DUO heeft."))
        return route
    route.where.append(N_("Vraag DUO hoe en wanneer u de lening terugbetaalt."))
    if facts.residence_purpose in ("family", "other"):
        route.assessment = "unlikely"
        route.why.append(N_("Gezinsmigranten en andere migranten moeten de lening terugbetalen."))
    else:
        route.assessment = "possible" if facts.duo_loan else "not_applicable"
        route.why.append(
            N_(
                "Asielmigranten krijgen geen lening: de gemeente betaalt. Gezinsmigranten en "
                "andere migranten lenen bij DUO en betalen terug."
            )
        )
    return route


def loan_consequences(facts: Facts, regime: str, today: date) -> list[Consequence]:
    """Return what the DUO loan means: the maximum, repayment, and the rulings for asylum.

    Wi2013: at most 10,000 euro (Besluit inburgering art. 4.1a), less for non-asylum migrants
    with an income; asylum status holders who pass in time need not repay, family and other
    migrants repay (seed 004:337-342, 175-180); what the courts ruled since 2025 (money.py).
    Wi2021: asylum status holders get no loan, the gemeente pays; family and other migrants can
    borrow from DUO and repay; the amount depends on income (Wi2021 art. 19-20; rijksoverheid.nl;
    law-in-force points 4 and E7).
    """
    if regime == "wi2021":
        return _wi2021_loan(facts)
    if regime != "wi2013" or not facts.duo_loan:
        return []
    maximum, source = value_at("loan/max_amount", today)
    loan = Consequence("loan_repayment", "loan", sources=[source, S.BI2013_LOAN, S.WI2013_LOAN])
    loan.text.append(
        N_(
            "U kunt bij DUO maximaal %(amount)s euro lenen voor cursus en examen.",
            amount=maximum,
        )
    )
    if facts.residence_purpose == "asylum":
        loan.text.append(
            N_("Haalt u het examen op tijd, dan hoeft u de lening niet terug te betalen.")
        )
        texts, sources = asylum_rulings(today, about="loan")
        loan.text += texts
        loan.sources += sources
    elif facts.residence_purpose in ("family", "other"):
        loan.text.append(N_("Hoeveel u kunt lenen, hangt ook af van uw inkomen."))
        loan.text.append(N_("U moet de lening terugbetalen."))
        loan.sources.append(S.LOAN_NO_FORGIVENESS_FAMILY)
    else:
        loan.text.append(
            N_(
                "Asielmigranten die op tijd slagen, hoeven niet terug te betalen. "
                "Anderen wel. Vraag DUO wat voor u geldt."
            )
        )
    return [loan]


def _wi2021_loan(facts: Facts) -> list[Consequence]:
    loan = Consequence("loan_repayment", "loan", sources=[S.WI2021_LOAN, S.RO_LOAN])
    if facts.residence_purpose == "asylum":
        loan.code = "course_paid_by_gemeente"
        loan.text.append(N_("U krijgt geen lening. De gemeente betaalt uw cursus en uw examens."))
        return [loan]
    if facts.residence_purpose in ("family", "other"):
        loan.text.append(
            N_(
                "U betaalt de cursus en de examens zelf. U kunt daarvoor geld lenen bij DUO. "
                "Dat moet u terugbetalen."
            )
        )
    elif facts.duo_loan:
        loan.text.append(
            N_(
                "Asielmigranten krijgen geen lening: de gemeente betaalt. Gezinsmigranten en "
                "andere migranten lenen bij DUO en betalen terug."
            )
        )
    else:
        return []
    loan.text.append(N_("Hoeveel u kunt lenen, hangt af van uw inkomen. Vraag het aan DUO."))
    return [loan]

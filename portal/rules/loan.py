"""The DUO loan: the loan_forgiveness route and what the loan means for the person.

Pure rules on Facts; imports nothing from Flask. Wi2007 had no loan (seed 001:1201-1202).
"""

from __future__ import annotations

from datetime import date

from portal.rules import sources as S
from portal.rules.facts import Facts
from portal.rules.outcome import Consequence, Route, Term
from portal.rules.parameters import value_at
from portal.rules.text import N_, euro


def forgiveness_route(facts: Facts, regime: str, status: str, term: Term, today: date) -> Route:
    """Assess loan_forgiveness (kwijtschelding) of the DUO loan.

    Wi2013: asylum migrants who pass in time do not repay; others must (seed 004:337-342,
    175-180). Since 1-1-2023 no own request after a small at-fault overrun (seed 004:3003-3006).
    Wi2021: the seeds are silent on forgiveness (open point).
    """
    route = Route("loan_forgiveness", "not_applicable", sources=[S.WI2013_LOAN, S.LOAN_TABLE])
    if regime == "wi2007":
        route.sources.append(S.NO_LOAN_WI2007)
        route.why.append(N_("Onder de Wi2007 bestond geen lening van DUO."))
        return route
    if regime in ("not_obliged", "unknown") or facts.duo_loan is False:
        route.why.append(N_("Dit geldt alleen als u een lening van DUO heeft."))
        if regime == "unknown" and facts.duo_loan:
            route.assessment = "possible"
        return route
    route.where.append(N_("DUO beslist over kwijtschelding. Vraag het na in Mijn Inburgering."))
    if regime == "wi2021":
        route.assessment = "possible" if facts.duo_loan else "not_applicable"
        route.why.append(
            N_("Voor de Wi2021 staan de regels voor kwijtschelding niet in onze bronnen.")
        )
        route.sources.append(S.WI2021_FAMILY_PAY)
        return route
    if facts.residence_purpose in ("family", "other"):
        route.assessment = "unlikely"
        route.sources.append(S.LOAN_NO_FORGIVENESS_FAMILY)
        route.why.append(N_("Gezinsmigranten en andere migranten moeten de lening terugbetalen."))
        return route
    route.needs.append(N_("Haal het examen vóór het einde van uw inburgeringstermijn."))
    if facts.residence_purpose is None or facts.duo_loan is None:
        route.assessment = "possible"
        route.why.append(
            N_("Asielmigranten die op tijd slagen, hoeven de lening niet terug te betalen.")
        )
    elif status == "fulfilled":
        route.assessment = "likely"
        route.why.append(
            N_(
                "U bent asielmigrant en geslaagd. Als dat op tijd was, hoeft "
                "u niet terug te betalen."
            )
        )
    elif term.months_overrun and term.months_overrun > 6:
        route.assessment = "unlikely"
        route.why.append(N_("U bent lang te laat. Dan moet u de lening meestal terugbetalen."))
    elif term.months_overrun:
        # "Gering" is not defined in the seeds; 6 months is our reading (open point).
        route.assessment = "possible"
        request, source = value_at("loan/request_needed_for_minor_overrun", today)
        route.sources += [source, S.LOAN_2023_CHANGE]
        if request:
            route.why.append(
                N_("U bent te laat. Vraag DUO om kwijtschelding als u maar kort te laat bent.")
            )
        else:
            route.why.append(
                N_(
                    "U bent te laat. Bent u maar een beetje te laat? Dan kijkt DUO zelf "
                    "naar kwijtschelding."
                )
            )
    elif status == "exempted":
        route.assessment = "possible"
        route.why.append(N_("Vraag DUO of uw lening wordt kwijtgescholden na uw ontheffing."))
    else:
        route.assessment = "likely"
        route.why.append(
            N_(
                "U bent asielmigrant. Haalt u het examen op tijd, dan hoeft u "
                "niet terug te betalen."
            )
        )
    return route


def loan_consequences(facts: Facts, regime: str, today: date) -> list[Consequence]:
    """Return what the DUO loan means: the maximum, repayment, and the collection pause.

    Wi2013: max 10,000 euro; asylum migrants who pass in time need not repay, family and
    other migrants repay (seed 004:337-342, 175-180). Collection paused for Wi2013 asylum
    status holders for decisions from 15 March 2023, situation June 2024
    (`loan/collection_paused`; seed 003:2666-2674). Wi2021: the seeds give no loan rules, only
    that family and other migrants pay themselves (seed 001:271-283): ask DUO (open point).
    """
    if regime not in ("wi2013", "wi2021") or not facts.duo_loan:
        return []
    if regime == "wi2021":
        loan = Consequence("loan_repayment", "loan", sources=[S.WI2021_FAMILY_PAY])
        loan.text.append(N_("Vraag DUO hoeveel u mag lenen en of u de lening moet terugbetalen."))
        return [loan]
    maximum, source = value_at("loan/max_amount", today)
    loan = Consequence("loan_repayment", "loan", sources=[source, S.WI2013_LOAN])
    loan.text.append(
        N_(
            "U kunt bij DUO maximaal %(amount)s euro lenen voor cursus en examen.",
            amount=euro(maximum),
        )
    )
    if facts.residence_purpose == "asylum":
        loan.text.append(
            N_("Haalt u het examen op tijd, dan hoeft u de lening niet terug te betalen.")
        )
        paused, _ = value_at("loan/collection_paused", today)
        if paused:
            loan.text.append(
                N_(
                    "Voor besluiten vanaf 15 maart 2023 heeft DUO het innen van leningen "
                    "en boetes gepauzeerd (stand juni 2024). Vraag DUO of dat nog zo is."
                )
            )
            loan.sources.append(S.FINE_COLLECTION_PAUSED)
    elif facts.residence_purpose in ("family", "other"):
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

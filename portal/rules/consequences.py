"""Fines (boetes) for an at-fault overrun of the inburgeringstermijn, per regime.

Pure rules on Facts; imports nothing from Flask. Wi2013 and Wi2021 asylum status holders are
never threatened with a fine: the courts ruled against systematic fines (money.py says what is
known, with its date).
"""

from __future__ import annotations

from datetime import date

from portal.rules import sources as S
from portal.rules.facts import Facts
from portal.rules.money import asylum_rulings, collection_paused_or_ruled, eu_court_ruled
from portal.rules.outcome import Consequence, Source
from portal.rules.parameters import value_at
from portal.rules.regime import OBLIGED_REGIMES
from portal.rules.text import N_


def fine_consequences(facts: Facts, regime: str, status: str, today: date) -> list[Consequence]:
    """Return what the person must know about fines.

    Wi2007: the gemeente; at most 500 euro the first time, at most 1,000 euro after each new
    term; the gemeenteraad sets the amounts (Wet inburgering 2007 art. 34-35; law-in-force point
    E13). Wi2013: DUO; at most 1,250 euro, then a new term of 2 years and again (art. 34; seed
    004:433-443); a vooraankondiging and hearing first (art. 36). Wi2021: DUO at most 1,000 euro
    for the term (art. 24-25), the gemeente at most 800 euro for the duties of the PIP (art.
    22-23) (point 3, medium; the 250 euro floor was not found and is not shown). Only an
    at-fault overrun is fined: without fault the person gets more time, not a fine.
    """
    if regime not in OBLIGED_REGIMES or status not in ("obliged", "unknown"):
        return []
    if facts.delay_not_own_fault:
        fine = Consequence("fine_not_your_fault", "fine", sources=_fine_sources(regime))
        fine.text.append(
            N_(
                "Was het niet uw schuld dat u te laat bent? Dan hoort u geen boete te krijgen. "
                "Vraag wel meer tijd aan, en bewaar uw bewijs."
            )
        )
        return [fine]
    asylum = facts.residence_purpose == "asylum"
    special = collection_paused_or_ruled(today) if regime == "wi2013" else eu_court_ruled(today)
    if asylum and regime in ("wi2013", "wi2021") and special:
        return [_asylum_fine(regime, today)]
    fine = Consequence("fine", "fine", sources=_fine_sources(regime))
    if regime == "wi2007":
        _wi2007(fine, facts, today)
    elif regime == "wi2013":
        _wi2013(fine, facts, today)
    else:
        _wi2021(fine, facts, today)
    return [fine]


def _fine_sources(regime: str) -> list[Source]:
    return {
        "wi2007": [S.WI2007_FINE_AMOUNTS, S.WI2007_FINE_SET_BY_COUNCIL, S.SANCTIONS_TABLE_WI2007],
        "wi2013": [S.WI2013_FINE_AMOUNTS, S.INBURGEREN_FINE, S.SANCTIONS_TABLE_WI2013],
    }.get(regime, [S.WI2021_FINES_DUO, S.INBURGEREN_FINE, S.SANCTIONS_TABLE_WI2021])


def _wi2007(fine: Consequence, facts: Facts, today: date) -> None:
    first, first_source = value_at("fines/wi2007_first_max", today)
    repeat, repeat_source = value_at("fines/wi2007_repeat_max", today)
    fine.sources += [first_source, repeat_source]
    if facts.fines_received:
        fine.code = "fine_repeated"
        fine.text.append(
            N_(
                "U kreeg al %(count)s boete(s). Na elke nieuwe termijn kan de gemeente weer een "
                "boete geven, van maximaal %(max)s euro.",
                count=facts.fines_received,
                max=repeat,
            )
        )
    else:
        fine.text.append(
            N_(
                "Bent u door eigen schuld te laat? Dan kan de gemeente een boete geven van "
                "maximaal %(first)s euro. Daarna krijgt u een nieuwe termijn. Haalt u die niet, "
                "dan kan de boete maximaal %(max)s euro zijn. Dat kan vaker gebeuren.",
                first=first,
                max=repeat,
            )
        )
    fine.text.append(N_("Hoe hoog de boete is, bepaalt de gemeenteraad."))


def _wi2013(fine: Consequence, facts: Facts, today: date) -> None:
    maximum, source = value_at("fines/wi2013_max", today)
    months, months_source = value_at("fines/wi2013_new_term_months", today)
    fine.sources += [source, months_source, S.WI2013_FINE, S.WI2013_HEARING, S.FINE_HEARING]
    texts, sources = asylum_rulings(today, about="fine")
    if facts.residence_purpose is None and texts:
        fine.text.append(N_("Heeft u een asielvergunning? Dan geldt voor u:"))
        fine.text += texts
        fine.sources += sources
        lead = N_(
            "Heeft u een andere vergunning en bent u door eigen schuld te laat? Dan kan DUO een "
            "boete geven van maximaal %(max)s euro.",
            max=maximum,
        )
    else:
        lead = N_(
            "Bent u door eigen schuld te laat? Dan kan DUO een boete geven van maximaal "
            "%(max)s euro.",
            max=maximum,
        )
    fine.text.append(lead)
    fine.text.append(
        N_(
            "Daarna krijgt u %(months)s maanden extra. Haalt u het dan "
            "niet, dan volgt weer een boete.",
            months=months,
        )
    )
    fine.text.append(
        N_("Eerst krijgt u een brief. U kunt dan uitleggen waarom het niet uw schuld is.")
    )
    if facts.fines_received:
        fine.code = "fine_repeated"
        fine.text.append(
            N_(
                "U kreeg al %(count)s boete(s). Een nieuwe boete is mogelijk "
                "als u weer te laat bent.",
                count=facts.fines_received,
            )
        )


def _wi2021(fine: Consequence, facts: Facts, today: date) -> None:
    maximum, source = value_at("fines/wi2021_max", today)
    college, college_source = value_at("fines/wi2021_college_max", today)
    fine.sources += [source, college_source, S.WI2021_FINES_COLLEGE]
    if facts.residence_purpose is None and eu_court_ruled(today):
        fine.text.append(
            N_(
                "Heeft u een asielvergunning? Dan mag een boete volgens de Europese rechter "
                "alleen in uitzonderlijke gevallen. Vraag DUO wat voor u geldt."
            )
        )
        fine.sources.append(S.RO_EU_COURT)
    fine.text.append(
        N_(
            "Bent u door eigen schuld niet op tijd klaar? Dan kan DUO een boete geven van "
            "maximaal %(max)s euro. Hoe hoog, hangt af van wat u al heeft gedaan.",
            max=maximum,
        )
    )
    fine.text.append(
        N_(
            "Houdt u zich niet aan de afspraken in uw PIP? Dan kan de gemeente een boete geven "
            "van maximaal %(max)s euro.",
            max=college,
        )
    )
    if facts.fines_received:
        fine.code = "fine_repeated"
        fine.text.append(
            N_(
                "U kreeg al %(count)s boete(s). Een nieuwe boete is mogelijk "
                "als u weer te laat bent.",
                count=facts.fines_received,
            )
        )


def _asylum_fine(regime: str, today: date) -> Consequence:
    """Say what is known about fines for asylum status holders, never an amount or a threat.

    Wi2013: money/wi2013_asylum (law-in-force point 20). Wi2021: the EU Court's ruling of
    4 February 2025 on the Wi2013 (a fine only in exceptional cases) is about the same kind of
    fine; what it means under the Wi2021 was not found, so the person is told to ask DUO.
    """
    fine = Consequence("fine_asylum_rulings", "fine")
    if regime == "wi2013":
        texts, sources = asylum_rulings(today, about="fine")
        fine.text += texts
        fine.sources += sources
        return fine
    fine.sources += [S.WI2021_FINES_DUO, S.RO_EU_COURT, S.RO_RVS_FEB_2026]
    fine.text.append(
        N_(
            "Op 4 februari 2025 zei het Europese Hof iets over asielstatushouders die niet op "
            "tijd klaar zijn. Een boete mag dan alleen in uitzonderlijke gevallen."
        )
    )
    fine.text.append(N_("Vraag DUO wat dit voor u betekent."))
    return fine

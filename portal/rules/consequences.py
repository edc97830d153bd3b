"""Fines (boetes) for an at-fault overrun of the inburgeringstermijn, per regime.

Pure rules on Facts; imports nothing from Flask.
"""

from __future__ import annotations

from datetime import date

from portal.rules import sources as S
from portal.rules.facts import Facts
from portal.rules.outcome import Consequence
from portal.rules.parameters import value_at
from portal.rules.text import N_


def fine_consequences(facts: Facts, regime: str, status: str, today: date) -> list[Consequence]:
    """Return the fine range for the regime, and what follows a repeated fine.

    Wi2007: at most 1,000 euro, repeatedly, imposed by the gemeente (seed 001:303-313; Wi2007
    art. 31). Wi2013: at most 1,250 euro; a new term of 2 years, then again (seed 004:433-443).
    Wi2021: 250 to 1,000 euro (seed 001:331-337). Only an at-fault overrun is fined. The
    seeds describe a vooraankondiging and hearing for the Wi2013 (seed 003:2614-2652); for the
    Wi2021 we name the Awb: a chance to give one's view before a fine (art. 4:8, 5:53).
    """
    if regime not in ("wi2007", "wi2013", "wi2021") or status not in ("obliged", "unknown"):
        return []
    fine = Consequence("fine", "fine")
    if regime == "wi2007":
        maximum, source = value_at("fines/wi2007_max", today)
        fine.sources += [source, S.WI2007_ART31, S.SANCTIONS_TABLE_WI2007]
        fine.text.append(
            N_(
                "Bent u door eigen schuld te laat? Dan kan de gemeente een "
                "boete geven van maximaal %(max)s euro. Dat kan vaker "
                "gebeuren.",
                max=maximum,
            )
        )
    elif regime == "wi2013":
        maximum, source = value_at("fines/wi2013_max", today)
        months, months_source = value_at("fines/wi2013_new_term_months", today)
        fine.sources += [source, months_source, S.WI2013_FINE, S.SANCTIONS_TABLE_WI2013]
        fine.text.append(
            N_(
                "Bent u door eigen schuld te laat? Dan kan DUO een boete "
                "geven van maximaal %(max)s euro.",
                max=maximum,
            )
        )
        fine.text.append(
            N_(
                "Daarna krijgt u %(months)s maanden extra. Haalt u het dan "
                "niet, dan volgt weer een boete.",
                months=months,
            )
        )
    else:
        low, source = value_at("fines/wi2021_min", today)
        high, _ = value_at("fines/wi2021_max", today)
        fine.sources += [source, S.SANCTIONS_TABLE_WI2021]
        fine.text.append(
            N_(
                "Bent u door eigen schuld te laat? Dan kan DUO een boete "
                "geven van %(min)s tot %(max)s euro.",
                min=low,
                max=high,
            )
        )
    if regime == "wi2013":
        fine.text.append(
            N_("Eerst krijgt u een brief. U kunt dan uitleggen waarom het niet uw schuld is.")
        )
        fine.sources.append(S.FINE_HEARING)
    elif regime == "wi2021":
        fine.text.append(
            N_(
                "Voor een boete mag u meestal eerst uitleggen waarom het niet uw schuld "
                "is. Dat staat in de Algemene wet bestuursrecht."
            )
        )
        fine.sources.append(S.AWB_VIEW)
    if facts.fines_received:
        fine.code = "fine_repeated"
        fine.text.append(
            N_(
                "U kreeg al %(count)s boete(s). Een nieuwe boete is mogelijk "
                "als u weer te laat bent.",
                count=facts.fines_received,
            )
        )
    return [fine]

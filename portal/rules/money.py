"""What is known about fines and loan recovery for Wi2013 asylum status holders, by date.

Pure rules; imports nothing from Flask. The courts ruled against systematic fines and loan
recovery for these people; the rules say what is known, with its date, and to ask DUO, never
an amount or a threat (law-in-force point 20; `money/wi2013_asylum`).
"""

from __future__ import annotations

from datetime import date

from portal.rules import sources as S
from portal.rules.outcome import Source
from portal.rules.parameters import value_at
from portal.rules.text import N_, Text

# Stages of money/wi2013_asylum before the EU Court's ruling of 4 February 2025.
ASYLUM_BEFORE_EU = ("normal", "paused")


def collection_paused_or_ruled(today: date) -> bool:
    """Return True from 15 March 2023: fines and loans of Wi2013 asylum status holders on hold."""
    stage, _ = value_at("money/wi2013_asylum", today)
    return stage != "normal"


def eu_court_ruled(today: date) -> bool:
    """Return True from 4 February 2025, the day of the EU Court's ruling (C-158/23)."""
    stage, _ = value_at("money/wi2013_asylum", today)
    return stage not in ASYLUM_BEFORE_EU


def asylum_rulings(today: date, about: str) -> tuple[list[Text], list[Source]]:
    """Return what is known on `today` about fines or the loan for Wi2013 asylum status holders.

    :param about: "fine" or "loan".
    Returns no texts before 15 March 2023, when the normal rules applied.
    """
    stage, source = value_at("money/wi2013_asylum", today)
    texts: list[Text] = []
    sources: list[Source] = [source]
    if stage == "normal":
        return [], []
    if stage == "paused":
        texts.append(
            N_(
                "Voor besluiten vanaf 15 maart 2023 int DUO geen boetes en leningen van "
                "asielstatushouders. De rechter moet nog beslissen."
            )
        )
        sources.append(S.FINE_COLLECTION_PAUSED)
    if stage in ("eu_court", "no_fine_no_repayment", "also_final_decisions"):
        texts.append(
            N_(
                "Op 4 februari 2025 zei het Europese Hof: een boete voor asielstatushouders mag "
                "alleen in uitzonderlijke gevallen. De hele lening laten betalen is te zwaar."
            )
        )
        sources.append(S.RO_EU_COURT)
    if stage in ("no_fine_no_repayment", "also_final_decisions"):
        texts.append(
            N_(
                "Op 9 juli 2025 zei de Raad van State iets over asielstatushouders. DUO mag hun "
                "niet zomaar een boete geven of de lening laten terugbetalen."
            )
        )
        sources.append(S.RO_RVS_JULY_2025)
    if stage == "also_final_decisions":
        texts.append(
            N_(
                "Op 18 februari 2026 zei de Raad van State: dit geldt ook voor oude besluiten. "
                "Het gaat om besluiten over een boete of de lening. Het ministerie bekijkt wat "
                "dit voor anderen betekent."
            )
        )
        sources.append(S.RO_RVS_FEB_2026)
    if about == "fine":
        texts.append(N_("Vraag DUO wat dit voor u betekent, ook als u al een boete kreeg."))
    else:
        texts.append(N_("Vraag DUO wat dit voor uw lening betekent."))
    return texts, sources

"""The names of the exam parts, as Dutch msgids, to put in rule texts.

Each is its own msgid, so a result in Arabic or Tigrinya names the part in that language, with
the Dutch word beside it. No rule logic here.
"""

from __future__ import annotations

from portal.rules.text import N_, Text

PART_NAMES: dict[str, Text] = {
    "reading": N_("lezen"),
    "listening": N_("luisteren"),
    "writing": N_("schrijven"),
    "speaking": N_("spreken"),
    "knm": N_("KNM (Kennis van de Nederlandse Maatschappij)"),
    "ona": N_("ONA (Oriëntatie op de Nederlandse Arbeidsmarkt)"),
    "map": N_("MAP (Module Arbeidsmarkt en Participatie)"),
    "pvt": N_("PVT (Participatieverklaringstraject)"),
}


def part_names(parts: list[str]) -> tuple[Text, ...]:
    """Return the names of exam parts, to put in a Text parameter (rendered as a list)."""
    return tuple(PART_NAMES[part] for part in parts)

"""The laws the rules cite, with the wetten.overheid.nl identifier each was found under.

Only identifiers found in a source are here (../shared/notes/law-in-force.md, the seeds, the
official pages); a law without one is cited by name and an official page instead. A link is
built as wetten.overheid.nl's juriconnect address (jci1.3) with the article and, for a law
that has since changed, the version date people must read. Imports nothing from Flask.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Law:
    """A law on wetten.overheid.nl: its BWB identifier and, if needed, the version to read."""

    bwb: str
    version: str | None = None

    def url(self, article: str | None) -> str:
        """Return the link to the article (its number only), or to the law without one."""
        base = f"https://wetten.overheid.nl/jci1.3:c:{self.bwb}"
        number = _article_number(article)
        if number:
            base += f"&artikel={number}"
        if self.version:
            base += f"&g={self.version}"
        return base


def _article_number(article: str | None) -> str | None:
    """Return "31" from "31 lid 2 onder b", "3.96a" from "3.96a lid 2 en 3.107a lid 2"."""
    if not article:
        return None
    match = re.match(r"[0-9][0-9a-z.:]*", article)
    return match.group(0).rstrip(".") if match else None


# Names as the rules cite them. The Wet inburgering (BWBR0020611) is one law in two versions:
# the Wi2007 is its text until 31-12-2012, the Wi2013 its text until the Wi2021 took over
# (31-12-2021), which still applies to people obliged before 2022. The identifiers come from
# ../shared/notes/law-in-force.md ("How the sources were obtained") and, for the Wi2021
# (BWBR0044770, Stb. 2021, 38), the Awb (BWBR0005537) and the AOW (BWBR0002221), from several
# independent public juriconnect citations (docs/rules.md, "Where each identifier was found");
# seed 000 links BWBR0020611 itself.
LAWS: dict[str, Law] = {
    "Wet inburgering 2007": Law("BWBR0020611", "2012-12-31"),
    "Wet inburgering": Law("BWBR0020611", "2021-12-31"),
    "Wet inburgering 2021": Law("BWBR0044770"),
    "Besluit inburgering 2007": Law("BWBR0020674", "2012-12-31"),
    "Besluit inburgering": Law("BWBR0020674", "2021-12-31"),
    "Regeling inburgering": Law("BWBR0020657", "2021-12-31"),
    "Besluit naturalisatietoets": Law("BWBR0013604"),
    "Regeling naturalisatietoets Nederland": Law("BWBR0021067"),
    "Vreemdelingenbesluit 2000": Law("BWBR0011825"),
    "Algemene wet bestuursrecht": Law("BWBR0005537"),
    "Algemene Ouderdomswet": Law("BWBR0002221"),
}


def law_url(law: str | None, article: str | None) -> str | None:
    """Return the wetten.overheid.nl link for a law we have an identifier for, else None."""
    if law is None or law not in LAWS:
        return None
    return LAWS[law].url(article)

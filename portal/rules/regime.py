"""Which integration law applies (Wi2007, Wi2013, Wi2021) or none, and who decides.

Pure rules on Facts; imports nothing from Flask.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from portal.rules import sources as S
from portal.rules.facts import Facts
from portal.rules.outcome import Source, Uncertain
from portal.rules.parameters import value_at
from portal.rules.text import N_


@dataclass
class RegimeFinding:
    """The regime, the sources for it, and what stayed uncertain."""

    regime: str
    sources: list[Source] = field(default_factory=list)
    uncertain: list[Uncertain] = field(default_factory=list)


def law_by_date(decision: date) -> tuple[str, Source]:
    """Return the law that applies to a residence decision of this date.

    Wi2007 before 1-1-2013, Wi2013 from 1-1-2013, Wi2021 from 1-1-2022. People keep the law
    that applied when they became obliged; the Wi2021 does not move them over.
    Source: seed 001:201-227 (Tabel 1.1), seed 001:3-5, seed 004:654-658.
    """
    start_2013, src_2013 = value_at("regime/wi2013_start", decision)
    start_2021, src_2021 = value_at("regime/wi2021_start", decision)
    if decision < start_2013:
        return "wi2007", src_2013
    if decision < start_2021:
        return "wi2013", src_2013
    return "wi2021", src_2021


def is_turkish_exempt(regime: str, today: date) -> tuple[bool, Source]:
    """Return whether a Turkish national is outside the Wi2007/Wi2013 obligation on `today`.

    Since CRvB 16-8-2011 no obligation can be imposed on Turkish nationals and their family
    under the older laws; the Wi2021 does apply to them. Source: seed 001:221-227, 342-343.
    """
    if regime == "wi2021":
        return False, S.REGIME_TABLE
    obliged, source = value_at("regime/turkish_obliged_before_wi2021", today)
    return (not obliged), source


def regime_for(facts: Facts, today: date) -> RegimeFinding:
    """Decide which law applies to the person on `today`.

    :param facts: the person's situation; unknown facts lead to "unknown" or an Uncertain.
    :param today: the reference date.
    Sources: seed 001:201-227, 342-343; seed 002:1370-1374, 1384-1387; seed 004:654-657
    (obliged only with a permit for a non-temporary purpose); Wet inburgering art. 3 lid 1
    onder a and Regeling inburgering art. 2.1 with bijlage 1 (the temporary purposes).
    """
    if facts.nationality_group == "eu_eea_ch":
        return RegimeFinding("not_obliged", [S.REGIME_TABLE, S.EU_NOT_OBLIGED, S.WI2013_ART3])
    if facts.residence_purpose == "temporary":
        return RegimeFinding(
            "not_obliged",
            [S.NON_TEMPORARY, S.WI2013_TRIGGER, S.WI2013_ART3_SCOPE, S.TEMPORARY_PURPOSE],
        )
    finding = _regime_by_dates(facts)
    if finding.regime == "unknown":
        return finding
    if facts.nationality_group == "turkish":
        exempt, source = is_turkish_exempt(finding.regime, today)
        if exempt:
            return RegimeFinding("not_obliged", [S.TURKISH_CRVB, source, *finding.sources])
        finding.sources.append(S.REGIME_TABLE)
    finding.uncertain.extend(_scope_doubts(facts))
    return finding


def _regime_by_dates(facts: Facts) -> RegimeFinding:
    if facts.residence_decision_date is not None:
        regime, source = law_by_date(facts.residence_decision_date)
        return RegimeFinding(regime, [S.REGIME_TABLE, S.NO_SWITCH_TO_WI2021, source])
    start = facts.obligation_start_date
    # A term cannot start before the decision that created it, so a start before 2013 can only
    # be the Wi2007. A later start says nothing certain: a Wi2013 term may start years after.
    if start is not None and law_by_date(start)[0] == "wi2007":
        return RegimeFinding("wi2007", [S.REGIME_TABLE, S.WI2007_PERIOD])
    return RegimeFinding(
        "unknown",
        [S.REGIME_TABLE],
        [
            Uncertain(
                code="residence_decision_date",
                text=N_("We weten niet welke wet voor u geldt."),
                settle_by=N_(
                    "Kijk op de beschikking van uw verblijfsvergunning. De datum bepaalt de wet. "
                    "U kunt het ook vragen aan DUO of uw gemeente."
                ),
                fact="residence_decision_date",
            )
        ],
    )


def _scope_doubts(facts: Facts) -> list[Uncertain]:
    doubts = []
    if facts.nationality_group is None:
        doubts.append(
            Uncertain(
                code="nationality_group",
                text=N_("Mensen uit de EU, de EER of Zwitserland hebben geen inburgeringsplicht."),
                settle_by=N_("Vul in welke nationaliteit u heeft."),
                fact="nationality_group",
            )
        )
    if facts.residence_purpose is None:
        doubts.append(
            Uncertain(
                code="residence_purpose",
                text=N_(
                    "Heeft u een vergunning voor een tijdelijk doel, zoals studie of "
                    "seizoenswerk? Dan heeft u geen inburgeringsplicht."
                ),
                settle_by=N_("Kijk op uw verblijfspas welk doel uw vergunning heeft."),
                fact="residence_purpose",
            )
        )
    if facts.age is not None and facts.age < 18:
        doubts.append(
            Uncertain(
                code="age_minimum",
                text=N_("Voor jongeren onder de 18 jaar gelden andere regels."),
                settle_by=N_("Vraag DUO of u inburgeringsplichtig bent."),
                fact="age",
            )
        )
    if facts.age is not None and facts.age >= 67:
        doubts.append(
            Uncertain(
                code="age_pension",
                text=N_("Rond de AOW-leeftijd kan de inburgeringsplicht anders zijn."),
                settle_by=N_("Vraag DUO of uw gemeente of u nog inburgeringsplichtig bent."),
                fact="age",
            )
        )
    return doubts


def authority_for(regime: str) -> str:
    """Return who decides for this person: gemeente (Wi2007), DUO (Wi2013, Wi2021), else IND/DUO.

    Wi2007: the college van B en W decides on exemptions and fines (seed 000:94-100;
    seed 001:360-366). Wi2013: DUO (seed 004:398-402). Wi2021: the table names the gemeente
    and DUO for execution and enforcement (seed 001:360-366); the gemeente sets the PIP (seed
    003:437-443), DUO runs the exam and the fines (Wi2021; the seeds do not split it further).
    Not obliged: the IND decides on permits and naturalisation. Unknown: DUO registers who is
    obliged.
    """
    return {
        "wi2007": "gemeente",
        "wi2013": "duo",
        "wi2021": "duo",
        "not_obliged": "ind",
    }.get(regime, "duo")

"""Which integration law applies (Wi2007, Wi2013, Wi2021) or none, why, and who decides.

Pure rules on Facts; imports nothing from Flask. The standard is the law in force on the
reference date (../shared/notes/law-in-force.md); the seeds are background.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from portal.rules import sources as S
from portal.rules.facts import Facts, is_year_only
from portal.rules.outcome import Source, Uncertain
from portal.rules.parameters import value_at
from portal.rules.text import N_, Text

OBLIGED_REGIMES = ("wi2007", "wi2013", "wi2021")
# The Wet inburgering 2007 took effect on 1 January 2007; people with a permit from before then
# (oudkomers) only got a term when the college set its start (Wi2007 art. 7 and 26).
WI2007_START = date(2007, 1, 1)
# The facts regime_for reads: no other fact changes its answer (tests/rules/test_properties.py).
# The questionnaire's `law` predicate rests on these only (portal/flow/engine.with_derived).
REGIME_FACTS = (
    "nationality_group",
    "residence_purpose",
    "residence_decision_date",
    "obligation_start_date",
    "obligation_letter",
    "age",
)


@dataclass
class RegimeFinding:
    """The regime, why, the sources for it, and what stayed uncertain.

    `law` is the law the person falls under by date even when they are not obliged (for
    example at the AOW age), so later rules can still say what that law means for them.
    """

    regime: str
    sources: list[Source] = field(default_factory=list)
    uncertain: list[Uncertain] = field(default_factory=list)
    why: list[Text] = field(default_factory=list)
    law: str | None = None


def law_by_date(decision: date) -> tuple[str, Source]:
    """Return the law that applies to a residence decision of this date.

    Wi2007 before 1-1-2013, Wi2013 from 1-1-2013, Wi2021 from 1-1-2022. People keep the law
    that applied when they became obliged; the Wi2021 does not move them over.
    Sources: Wet inburgering art. 3; Wi2021 art. 3; seed 001:201-227, seed 001:3-5.
    """
    start_2013, src_2013 = value_at("regime/wi2013_start", decision)
    start_2021, src_2021 = value_at("regime/wi2021_start", decision)
    if decision < start_2013:
        return "wi2007", src_2013
    if decision < start_2021:
        return "wi2013", src_2013
    return "wi2021", src_2021


def regime_for(facts: Facts, today: date) -> RegimeFinding:
    """Decide which law applies to the person on `today`, and why.

    :param facts: the person's situation; unknown facts lead to "unknown" or an Uncertain.
    :param today: the reference date.
    Sources: Wet inburgering art. 3 and 5 (2013 text), Wet inburgering 2007 art. 3 and 5,
    Wi2021 art. 3; Regeling inburgering art. 2.1 and bijlage 1 (temporary purposes);
    law-in-force points 8 (age) and X1 (Turkish asylum status holders); seed 001:201-227.
    """
    if facts.nationality_group == "eu_eea_ch":
        return RegimeFinding(
            "not_obliged",
            [S.WI2013_ART3, S.EU_NOT_OBLIGED, S.REGIME_TABLE],
            why=[N_("Mensen uit de EU, de EER of Zwitserland hebben geen inburgeringsplicht.")],
        )
    if facts.residence_purpose == "temporary":
        return RegimeFinding(
            "not_obliged",
            [S.WI2013_ART3_SCOPE, S.TEMPORARY_PURPOSE, S.NON_TEMPORARY, S.WI2013_TRIGGER],
            why=[
                N_(
                    "Met een vergunning voor een tijdelijk doel, zoals studie of "
                    "seizoenswerk, heeft u geen inburgeringsplicht."
                )
            ],
        )
    finding = _regime_by_dates(facts)
    if finding.regime == "unknown":
        return finding
    finding.law = finding.regime
    if facts.nationality_group == "turkish":
        turkish = _turkish(facts, finding, today)
        if turkish is not None:
            return turkish
    aged = _age(facts, finding, today)
    if aged is not None:
        return aged
    finding.uncertain.extend(_scope_doubts(facts, finding.regime))
    return finding


def _regime_by_dates(facts: Facts) -> RegimeFinding:
    decision = facts.residence_decision_date
    if decision is not None:
        regime, source = law_by_date(decision)
        finding = RegimeFinding(regime, [source, S.REGIME_TABLE, S.NO_SWITCH_TO_WI2021])
        finding.why.append(_law_reason(regime, decision))
        return finding
    start = facts.obligation_start_date
    # A term cannot start before the decision that created it, so a start before 2013 can only
    # be the Wi2007. A later start says nothing certain: a Wi2013 term may start years after.
    if start is not None and law_by_date(start)[0] == "wi2007":
        return RegimeFinding(
            "wi2007",
            [S.WI2007_ART3, S.REGIME_TABLE, S.WI2007_PERIOD],
            why=[N_("Uw inburgeringstermijn begon voor 2013. Dan geldt de Wet inburgering 2007.")],
        )
    return RegimeFinding(
        "unknown",
        [S.WI2013_ART3, S.WI2021_ART3, S.REGIME_TABLE],
        [
            Uncertain(
                code="residence_decision_date",
                text=N_(
                    "Welke wet voor u geldt, hangt af van de datum van uw eerste "
                    "verblijfsvergunning. Er is een wet voor 2013, een voor 2013 tot en met "
                    "2021, en een vanaf 2022."
                ),
                settle_by=N_(
                    "Kijk op de beschikking van uw verblijfsvergunning. De datum bepaalt de wet. "
                    "U kunt het ook vragen aan DUO of uw gemeente."
                ),
                fact="residence_decision_date",
            )
        ],
        why=[N_("We weten niet wanneer u uw verblijfsvergunning kreeg.")],
    )


def _law_reason(regime: str, decision: date) -> Text:
    year = str(decision.year)  # a year, never written as 1.234
    if regime == "wi2007":
        return N_(
            "U kreeg uw verblijfsvergunning in %(year)s, voor 2013. Dan geldt de Wet "
            "inburgering 2007.",
            year=year,
        )
    if regime == "wi2013":
        return N_(
            "U kreeg uw verblijfsvergunning in %(year)s, van 2013 tot en met 2021. Dan geldt de "
            "Wet inburgering 2013.",
            year=year,
        )
    return N_(
        "U kreeg uw verblijfsvergunning in %(year)s, vanaf 2022. Dan geldt de Wet "
        "inburgering 2021.",
        year=year,
    )


def _turkish(facts: Facts, finding: RegimeFinding, today: date) -> RegimeFinding | None:
    """Return the finding for a Turkish national under the Wi2007 or Wi2013, or None.

    Since CRvB 16-8-2011 no obligation can be imposed on Turkish nationals under the older laws
    (seed 001:342-343). Since 1 May 2020 Turkish asylum status holders, their nareizigers and
    family members are obliged under the Wi2013; before that they could choose to be (a DUO
    form). All other Turkish nationals are obliged only under the Wi2021 (from 2022).
    Sources: law-in-force point X1 (high); rijksoverheid.nl 10-4-2020; inburgeren.nl.
    """
    if finding.regime not in ("wi2007", "wi2013"):
        return None
    still_obliged, crvb_source = value_at("regime/turkish_obliged_before_wi2021", today)
    if still_obliged:
        return None  # a reference date before the CRvB ruling of 16 August 2011
    decision = facts.residence_decision_date
    if finding.regime == "wi2013" and decision is not None:
        asylum_from, asylum_source = value_at("regime/turkish_asylum_obliged", decision)
        obliged_now, _ = value_at("regime/turkish_asylum_obliged", today)
        year_2020 = is_year_only(decision) and decision.year == 2020
        if facts.residence_purpose == "asylum" and asylum_from and obliged_now and not year_2020:
            finding.sources += [asylum_source, S.RO_TURKISH_ASYLUM]
            finding.why.append(
                N_(
                    "U heeft de Turkse nationaliteit en een asielvergunning vanaf 1 mei 2020. "
                    "Dan moet u inburgeren onder de Wet inburgering 2013."
                )
            )
            return None
        # With a letter both halves of 2020 lead to the obligation: by law from 1 May, by the
        # person's own choice before it (law-in-force X1), so the year alone is enough here.
        if facts.residence_purpose == "asylum" and facts.obligation_letter:
            finding.sources += [S.INBURGEREN_TURKISH_CHOICE]
            finding.why.append(
                N_(
                    "Turkse asielmigranten konden voor 1 mei 2020 zelf kiezen om in te "
                    "burgeren. U kreeg een brief over uw inburgeringsplicht. Dan geldt die "
                    "plicht ook voor u."
                )
            )
            return None
    result = RegimeFinding(
        "not_obliged",
        [crvb_source, S.TURKISH_CRVB, S.INBURGEREN_TURKISH_2022, *finding.sources],
        law=finding.law,
        why=[
            N_(
                "Mensen met de Turkse nationaliteit die voor 2022 hun vergunning kregen, "
                "hoeven meestal niet in te burgeren."
            )
        ],
    )
    if finding.regime == "wi2013":
        result.uncertain.extend(_turkish_doubts(facts))
    return result


def _turkish_doubts(facts: Facts) -> list[Uncertain]:
    decision = facts.residence_decision_date
    purpose = facts.residence_purpose
    doubts = []
    from_may_2020 = decision is not None and (
        value_at("regime/turkish_asylum_obliged", decision)[0]
        or (is_year_only(decision) and decision.year == 2020)
    )
    if purpose == "asylum" and decision is not None and is_year_only(decision):
        if decision.year == 2020:
            doubts.append(
                Uncertain(
                    code="turkish_asylum_2020",
                    text=N_(
                        "Kreeg u uw asielvergunning op of na 1 mei 2020? Dan moet u wel "
                        "inburgeren. Kreeg u haar daarvoor? Dan hoeft het niet."
                    ),
                    settle_by=N_("Kijk op uw verblijfspas of beschikking in welke maand het was."),
                    fact="residence_decision_date",
                )
            )
    elif purpose == "asylum":
        doubts.append(
            Uncertain(
                code="turkish_asylum_choice",
                text=N_(
                    "Turkse asielmigranten konden voor 1 mei 2020 met een formulier bij DUO "
                    "kiezen om toch in te burgeren. Dan geldt de inburgeringsplicht wel."
                ),
                settle_by=N_("Vraag DUO of u voor inburgeren heeft gekozen."),
                fact="obligation_letter",
            )
        )
    elif purpose in ("family", None) and (from_may_2020 or decision is None):
        doubts.append(
            Uncertain(
                code="turkish_family_of_refugee",
                text=N_(
                    "Kwam u als gezinslid van iemand met een Turkse asielvergunning, op of na "
                    "1 mei 2020? Dan moet u wel inburgeren."
                ),
                settle_by=N_("Vraag DUO of u inburgeringsplichtig bent."),
                fact="residence_purpose",
            )
        )
    return doubts


def pension_age_reached(age: int | None, today: date) -> bool | None:
    """Return True at or after the AOW age, False before it, None when the whole age can't tell.

    :param age: the age in whole years on `today`.
    The AOW age rose from 65 in steps; with only whole years we are sure only outside the range
    it had in the period (`age/pension_age_months`; Algemene Ouderdomswet art. 7a).
    """
    if age is None:
        return None
    months, _ = value_at("age/pension_age_months", today)
    if age * 12 >= months["highest"]:
        return True
    if age * 12 + 11 < months["lowest"]:
        return False
    return None


def _age(facts: Facts, finding: RegimeFinding, today: date) -> RegimeFinding | None:
    """Return a not-obliged finding when the age rules the person out, else None.

    Wi2007: not obliged under 16 or from 65 (Wet inburgering art. 5 lid 1 onder a, 2010 text).
    Wi2013 and Wi2021: not obliged under 16 or from the AOW age; from 16 also not while
    leerplichtig or kwalificatieplichtig, so most start at 18 (law-in-force point 8).
    """
    age = facts.age
    if age is None:
        return None
    minimum, min_source = value_at("age/minimum", today)
    if age < minimum:
        return RegimeFinding(
            "not_obliged",
            [min_source, *finding.sources],
            law=finding.law,
            why=[
                N_(
                    "U bent jonger dan %(age)s jaar. Dan heeft u nog geen inburgeringsplicht.",
                    age=minimum,
                )
            ],
        )
    if finding.regime == "wi2007":
        maximum, max_source = value_at("age/wi2007_maximum", today)
        if age >= maximum:
            return RegimeFinding(
                "not_obliged",
                [max_source, S.WI2007_AGE, *finding.sources],
                law=finding.law,
                why=[
                    N_(
                        "U bent %(age)s jaar of ouder. Onder de Wet inburgering 2007 heeft u "
                        "dan geen inburgeringsplicht.",
                        age=maximum,
                    )
                ],
            )
        return None
    reached = pension_age_reached(age, today)
    if reached:
        return RegimeFinding(
            "not_obliged",
            [S.WI2013_AGE, S.AOW_AGE, *finding.sources],
            law=finding.law,
            why=[
                N_(
                    "U heeft de AOW-leeftijd. Dan heeft u geen inburgeringsplicht meer. U krijgt "
                    "dus ook geen boete."
                )
            ],
        )
    if reached is None:
        finding.uncertain.append(
            Uncertain(
                code="age_pension",
                text=N_(
                    "Vanaf de AOW-leeftijd heeft u geen inburgeringsplicht meer. Uw AOW-leeftijd "
                    "hangt af van uw geboortedatum."
                ),
                settle_by=N_("Kijk op de website van de SVB wat uw AOW-leeftijd is."),
                fact="age",
            )
        )
    return None


def _scope_doubts(facts: Facts, regime: str) -> list[Uncertain]:
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
                text=N_(
                    "Gaat u nog naar school, omdat dat moet tot u 18 bent of een diploma "
                    "heeft? Dan hoeft u zolang nog niet in te burgeren."
                ),
                settle_by=N_("Vraag DUO of uw gemeente vanaf wanneer u moet inburgeren."),
                fact="age",
            )
        )
    decision = facts.residence_decision_date
    if regime == "wi2007" and decision is not None and decision < WI2007_START:
        doubts.append(
            Uncertain(
                code="oudkomer",
                text=N_(
                    "Woonde u al voor 2007 in Nederland? Dan begon uw inburgeringstermijn pas "
                    "als de gemeente dat besloot."
                ),
                settle_by=N_(
                    "Kijk of u een brief van de gemeente kreeg over het begin van uw termijn."
                ),
                fact="obligation_start_date",
            )
        )
    return doubts


def authority_for(regime: str) -> str:
    """Return who decides for this person: gemeente (Wi2007, Wi2021), DUO (Wi2013), else IND.

    Wi2007: the college van B en W decides on exemptions and fines (seed 000:94-100).
    Wi2013: DUO (seed 004:398-402). Wi2021: the gemeente leads (brede intake, PIP, learning
    route; Wi2021 art. 14-15); DUO decides on exams, vrijstelling, ontheffing, extension, the
    term's fines and the loan (law-in-force point E2; `roles` says who does what).
    Not obliged: the IND decides on permits and naturalisation. Unknown: DUO registers who is
    obliged.
    """
    return {
        "wi2007": "gemeente",
        "wi2013": "duo",
        "wi2021": "gemeente",
        "not_obliged": "ind",
    }.get(regime, "duo")

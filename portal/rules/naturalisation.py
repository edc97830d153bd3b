"""Permanent residence and naturalisation: what the diploma, vrijstelling or ontheffing means.

Pure rules on Facts; imports nothing from Flask.
"""

from __future__ import annotations

from datetime import date

from portal.rules import sources as S
from portal.rules.facts import Facts
from portal.rules.outcome import Consequence, Route
from portal.rules.parameters import value_at
from portal.rules.text import N_


def permanent_residence_route(facts: Facts, regime: str, status: str, today: date) -> Route:
    """Assess permanent_residence: a permit for an indefinite period (onbepaalde tijd).

    The inburgeringsdiploma (or vrijstelling/ontheffing) is a condition (seed 004:436-438;
    seed 002:808-812); five years of lawful residence (seed 002:825-833; Vb 2000 art. 3.96a,
    3.107a). Wi2007 AGI/AVI and medical ontheffingen count (seed 000:182-194); a medical
    ontheffing counts (seed 002:834-839). Other Wi2013/Wi2021 ontheffingen: possible (Vb 2000
    art. 3.96a/3.107a lid 2; open point).
    """
    route = Route(
        "permanent_residence", "not_applicable", sources=[S.DIPLOMA_NEEDED, S.PERMIT_REQUIREMENT]
    )
    years_needed, years_source = value_at("permanent_residence/min_years_residence", today)
    route.sources.append(years_source)
    route.where.append(N_("Vraag de verblijfsvergunning voor onbepaalde tijd aan bij de IND."))
    if facts.nationality_group == "eu_eea_ch":
        route.why.append(
            N_("Als EU-burger heeft u andere regels voor duurzaam verblijf. Vraag de IND.")
        )
        return route
    if facts.residence_purpose == "temporary":
        route.assessment = "unlikely"
        route.why.append(
            N_(
                "Met een tijdelijk verblijfsdoel krijgt u meestal geen "
                "vergunning voor onbepaalde tijd."
            )
        )
        return route
    granted = facts.exemption_granted
    if regime == "wi2007" and status == "exempted":
        route.sources.append(S.WI2007_EFFECTS)
    met = status in ("fulfilled", "released", "exempted")
    # Which ontheffing counts: the seeds name the medical one (seed 002:834-839) and the
    # Wi2007 ones (seed 000:182-194). A Wi2013/Wi2021 AGI, AVI or other ontheffing is not in
    # the seeds; Vb 2000 art. 3.96a/3.107a lid 2 lists the grounds. Open point: possible.
    doubtful = (
        status == "exempted"
        and regime != "wi2007"
        and (granted is None or granted.ground != "medical")
    )
    if status == "exempted" and granted is not None and granted.ground == "medical":
        route.sources.append(S.MEDICAL_COUNTS_PERMIT)
    years = facts.years_residence
    if regime == "not_obliged":
        route.assessment = "possible"
        route.why.append(
            N_("U heeft geen inburgeringsplicht. De IND vertelt welke eisen voor u gelden.")
        )
    elif doubtful:
        route.assessment = "possible"
        route.sources.append(S.VB_EXEMPTION_GROUNDS)
        route.why.append(
            N_(
                "Of uw ontheffing telt voor een vergunning voor onbepaalde tijd, staat "
                "niet in onze bronnen. De IND beslist."
            )
        )
        if years is not None and years < years_needed:
            route.assessment = "unlikely"
            route.why.append(
                N_("U moet eerst %(years)s jaar in Nederland wonen.", years=years_needed)
            )
    elif met and years is not None and years >= years_needed:
        route.assessment = "likely"
        route.why.append(
            N_("U voldoet aan de inburgering en woont %(years)s jaar in Nederland.", years=years)
        )
    elif met and years is None:
        route.assessment = "possible"
        route.why.append(
            N_(
                "U voldoet aan de inburgering. U moet ook %(years)s jaar hier wonen.",
                years=years_needed,
            )
        )
    elif met:
        route.assessment = "unlikely"
        route.why.append(N_("U moet eerst %(years)s jaar in Nederland wonen.", years=years_needed))
    elif status == "unknown":
        route.assessment = "possible"
        route.why.append(N_("U heeft het inburgeringsdiploma of een ontheffing nodig."))
    else:
        route.assessment = "unlikely"
        route.why.append(
            N_("Eerst moet u voldoen aan de inburgering: examen, vrijstelling of ontheffing.")
        )
    route.needs.append(N_("Uw inburgeringsdiploma, vrijstelling of ontheffing."))
    return route


def naturalisation_route(facts: Facts, regime: str, status: str, today: date) -> Route:
    """Assess naturalisation: the inburgeringsvereiste for becoming Dutch.

    RWN art. 8 lid 1 onder c (5 years) and d (ingeburgerd); seed 002:851-857. Naturalisatietoets
    or medical ontheffing (seed 001:1675-1677). Medical ontheffing at most 3 years old (seed
    000:183-189; BNT art. 4 lid 1 onder a). Wi2007 AVI does not count; Wi2007 AGI counts since
    March 2025 (seed 000:191-204).
    """
    route = Route(
        "naturalisation",
        "not_applicable",
        sources=[S.NAT_REQUIREMENT, S.RWN_ART8, S.NAT_TEST_OR_MEDICAL],
    )
    years_needed, years_source = value_at("naturalisation/min_years_residence", today)
    route.sources.append(years_source)
    route.where.append(N_("U dient het verzoek in bij uw gemeente. De IND beslist."))
    route.needs.append(
        N_("Uw inburgeringsdiploma, of een bewijs dat u geen naturalisatietoets hoeft te doen.")
    )
    if facts.residence_purpose == "temporary":
        route.assessment = "unlikely"
        route.why.append(N_("Met een tijdelijk verblijfsdoel kunt u meestal niet naturaliseren."))
        return route
    assessment = _integration_for_naturalisation(route, facts, regime, status, today)
    years = facts.years_residence
    if years is not None and years < years_needed:
        route.why.append(
            N_("Meestal moet u eerst %(years)s jaar in Nederland wonen.", years=years_needed)
        )
        assessment = "unlikely"
    elif years is None and assessment == "likely":
        route.why.append(
            N_("Meestal moet u %(years)s jaar in Nederland wonen.", years=years_needed)
        )
        assessment = "possible"
    route.assessment = assessment
    return route


def _integration_for_naturalisation(
    route: Route, facts: Facts, regime: str, status: str, today: date
) -> str:
    if status == "fulfilled":
        route.why.append(N_("U heeft het inburgeringsdiploma. Dat telt voor naturalisatie."))
        return "likely"
    if status == "released":
        route.why.append(
            N_("Een vrijstelling met een diploma telt meestal ook voor naturalisatie.")
        )
        route.sources.append(S.RELEASE_CARRIES)
        return "likely"
    granted = facts.exemption_granted
    if status == "exempted" and granted is not None:
        return _exemption_for_naturalisation(route, granted.ground, granted.date, regime, today)
    if regime == "not_obliged" or status == "unknown":
        route.why.append(N_("U moet de naturalisatietoets halen, of een ontheffing hebben."))
        return "possible"
    route.why.append(
        N_("Eerst moet u het inburgeringsexamen halen of een geldige ontheffing hebben.")
    )
    return "unlikely"


def _exemption_for_naturalisation(
    route: Route, ground: str, when: date | None, regime: str, today: date
) -> str:
    if ground == "medical":
        max_years, source = value_at("naturalisation/medical_exemption_max_age_years", today)
        route.sources += [source, S.REGELING_NT_ART5]
        if when is not None and when >= years_before(today, max_years):
            route.why.append(
                N_(
                    "Uw medische ontheffing is niet ouder dan %(years)s jaar. Die telt.",
                    years=max_years,
                )
            )
            return "likely"
        route.why.append(
            N_(
                "Een medische ontheffing telt alleen als zij niet ouder is dan %(years)s jaar.",
                years=max_years,
            )
        )
        route.needs.append(
            N_("Vraag zelf bij Argonaut een advies voor ontheffing van de naturalisatietoets.")
        )
        return "possible"
    if ground == "agi" and regime == "wi2007":
        counts, source = value_at("naturalisation/wi2007_agi_counts", today)
        route.sources += [source, S.MARCH_2025, S.WI2007_EFFECTS]
        if counts:
            route.why.append(
                N_(
                    "Sinds maart 2025 telt een ontheffing van de gemeente omdat u "
                    "aantoonbaar uw best deed (AGI) ook voor naturalisatie."
                )
            )
            return "likely"
        route.sources.append(S.OLD_AGI_AVI_NOT_NAT)
        route.why.append(
            N_(
                "Heeft u alleen een ontheffing van de gemeente omdat u aantoonbaar uw best "
                "deed (AGI)? Dan is ook een advies van DUO nodig."
            )
        )
        route.needs.append(N_("Vraag DUO om een advies over ontheffing voor naturalisatie."))
        return "possible"
    if ground == "avi" and regime == "wi2007":
        route.sources += [S.WI2007_EFFECTS, S.OLD_AGI_AVI_NOT_NAT]
        route.why.append(
            N_(
                "Een ontheffing van de gemeente omdat u voldoende bent ingeburgerd (AVI) "
                "telt niet voor naturalisatie."
            )
        )
        route.needs.append(N_("Haal de naturalisatietoets."))
        return "unlikely"
    route.why.append(
        N_("Of uw ontheffing telt voor naturalisatie, staat niet duidelijk in onze bronnen.")
    )
    route.needs.append(N_("Vraag de IND of uw ontheffing telt, of haal de naturalisatietoets."))
    route.sources.append(S.DIPLOMA_NEEDED)
    return "possible"


def years_before(today: date, years: int) -> date:
    """Return the same day `years` earlier (29 February becomes 28 February)."""
    day = 28 if (today.month, today.day) == (2, 29) else today.day
    return today.replace(year=today.year - years, day=day)


def residence_consequences(
    regime: str, status: str, purpose: str | None = None
) -> list[Consequence]:
    """Return what not meeting the obligation means for the permit and naturalisation.

    :param purpose: the residence purpose; withdrawal only threatens a regular permit.
    Wi2007: no naturalisation, permit not extended (seed 001:303-313). Wi2013: also withdrawal,
    but only of the reguliere verblijfsvergunning voor bepaalde tijd (seed 001:317-329; seed
    002:811-812), so not for asylum. No permanent permit without diploma (seed 004:436-440).
    Wi2021: seed 001:331-337 lists none; Vb 2000 applies (open point).
    """
    if regime not in ("wi2007", "wi2013", "wi2021") or status not in ("obliged", "unknown"):
        return []
    residence = Consequence(
        "residence_no_permanent_permit", "residence", sources=[S.DIPLOMA_NEEDED]
    )
    residence.text.append(
        N_(
            "Zonder inburgeringsdiploma, vrijstelling of ontheffing "
            "krijgt u geen vergunning voor onbepaalde tijd."
        )
    )
    if regime == "wi2007":
        residence.text.append(
            N_(
                "Als het uw schuld is dat u te laat bent, wordt uw vergunning "
                "misschien niet verlengd."
            )
        )
        residence.sources.append(S.SANCTIONS_TABLE_WI2007)
    elif regime == "wi2013" and purpose in ("family", "other"):
        residence.text.append(
            N_(
                "Als het uw schuld is dat u te laat bent, kan de IND uw "
                "vergunning intrekken of niet verlengen."
            )
        )
        residence.sources += [S.SANCTIONS_TABLE_WI2013, S.PERMIT_WITHDRAWAL]
    elif regime == "wi2013" and purpose is None:
        residence.text.append(
            N_(
                "Heeft u een gewone vergunning, bijvoorbeeld voor gezin? Als het uw "
                "schuld is dat u te laat bent, kan de IND die intrekken of niet verlengen."
            )
        )
        residence.sources += [S.SANCTIONS_TABLE_WI2013, S.PERMIT_WITHDRAWAL]
    elif regime == "wi2013":
        residence.text.append(N_("Vraag de IND wat dit betekent voor uw vergunning."))
        residence.sources += [S.SANCTIONS_TABLE_WI2013, S.PERMIT_WITHDRAWAL]
    else:
        residence.text.append(N_("Vraag de IND wat dit betekent voor uw vergunning."))
        residence.sources.append(S.SANCTIONS_TABLE_WI2021)
    nat = Consequence(
        "naturalisation_blocked", "naturalisation", sources=[S.NAT_REQUIREMENT, S.DIPLOMA_NEEDED]
    )
    nat.text.append(
        N_("Zolang u niet voldoet aan de inburgering, kunt u meestal niet naturaliseren.")
    )
    return [residence, nat]

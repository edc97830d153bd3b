"""Permanent residence and naturalisation: what the diploma, vrijstelling or ontheffing means.

Pure rules on Facts; imports nothing from Flask. Sources: law-in-force points 5, 8, 11, 19,
X2-X4 (the law in force), seed 000:176-204 (Wi2007), seed 002:808-857, 920-932 (background).
"""

from __future__ import annotations

from datetime import date

from portal.rules import sources as S
from portal.rules.dates import add_months
from portal.rules.facts import Facts
from portal.rules.outcome import Consequence, Route
from portal.rules.parameters import value_at
from portal.rules.regime import OBLIGED_REGIMES, pension_age_reached
from portal.rules.status import has_nt2_state_exam, has_passed_all
from portal.rules.text import N_
from portal.rules.wi2021 import z_route_done


def no_integration_requirement(facts: Facts, today: date) -> str | None:
    """Return why the inburgeringsvereiste for a permit for an indefinite period does not apply.

    Turkish nationals and their family members (IND list; law-in-force point 11, high), minors
    and people at the AOW age (Vb 2000 art. 3.96a lid 2 onder a; point 8, high). None otherwise.
    """
    if facts.nationality_group == "turkish":
        return "turkish"
    if facts.age is not None and facts.age < 18:
        return "minor"
    if pension_age_reached(facts.age, today):
        return "pension_age"
    return None


def permanent_residence_route(
    facts: Facts, law: str | None, status: str, today: date, routes: list[Route]
) -> Route:
    """Assess permanent_residence: a permit for an indefinite period (onbepaalde tijd).

    :param law: the law the person falls under by date (even when not obliged), or None.
    :param routes: the routes found so far; a likely AGI (or Wi2007 AVI) makes this possible.
    Conditions: the inburgeringsvereiste (diploma, vrijstelling or an ontheffing that counts)
    and five years of lawful residence (Vb 2000 art. 3.96a, 3.107a). Which ontheffing counts:
    medical when at most 3 years old, Wi2013 AGI yes, Wi2013 AVI no; Wi2007 AGI and AVI yes
    (seed 000:190-194). The NT2 diploma alone is not enough (DUO; point X2).
    """
    route = Route(
        "permanent_residence",
        "not_applicable",
        sources=[S.IND_INTEGRATION, S.VB_EXEMPTION_GROUNDS, S.DIPLOMA_NEEDED],
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
    free = no_integration_requirement(facts, today)
    if free is not None:
        _free_of_requirement(route, free)
        return _with_years(route, facts.years_residence, years_needed, "likely")
    integration = _integration_for_permit(route, facts, law, status, today, routes)
    return _with_years(route, facts.years_residence, years_needed, integration)


def _free_of_requirement(route: Route, free: str) -> None:
    if free == "turkish":
        route.why.append(
            N_(
                "Heeft u de Turkse nationaliteit? Of bent u gezinslid van iemand met de "
                "Turkse nationaliteit? Dan hoeft u voor deze vergunning niet ingeburgerd te zijn."
            )
        )
    elif free == "minor":
        route.why.append(
            N_("Onder de 18 jaar hoeft u voor deze vergunning niet ingeburgerd te zijn.")
        )
    else:
        route.why.append(
            N_("Vanaf de AOW-leeftijd hoeft u voor deze vergunning niet ingeburgerd te zijn.")
        )
        route.sources.append(S.AOW_AGE)


def _with_years(route: Route, years: int | None, needed: int, integration: str) -> Route:
    route.assessment = integration
    if years is not None and years < needed:
        route.assessment = "unlikely"
        route.why.append(N_("U moet eerst %(years)s jaar in Nederland wonen.", years=needed))
    elif years is None and integration == "likely":
        route.assessment = "possible"
        route.why.append(N_("U moet ook %(years)s jaar in Nederland wonen.", years=needed))
    elif years is not None and integration == "likely":
        route.why.append(N_("U woont %(years)s jaar in Nederland. Dat is genoeg.", years=years))
    return route


def _integration_for_permit(
    route: Route, facts: Facts, law: str | None, status: str, today: date, routes: list[Route]
) -> str:
    route.needs.append(N_("Uw inburgeringsdiploma, vrijstelling of ontheffing."))
    if status == "fulfilled" and law == "wi2013" and not has_passed_all(facts, law, today):
        # Fulfilled through the NT2 diploma alone (obliged before 2015): DUO says that diploma
        # is not enough for a stronger residence right (law-in-force point X2, high).
        route.sources += [S.DUO_NATURALISATION, S.NT2_KNM_ONA]
        route.why.append(
            N_(
                "U bent klaar met inburgeren met het staatsexamen NT2. Maar voor deze "
                "vergunning is dat diploma alleen niet genoeg."
            )
        )
        route.needs.append(N_("Vraag de IND welke examens u nog nodig heeft, zoals KNM."))
        return "unlikely"
    if status == "fulfilled" and z_route_done(facts):
        route.sources.append(S.IND_INTEGRATION)
        route.why.append(N_("Uw certificaat inburgering van de Z-route telt voor deze vergunning."))
        return "likely"
    if status == "fulfilled":
        route.why.append(N_("U heeft het inburgeringsdiploma. Dat telt voor deze vergunning."))
        return "likely"
    if status == "released":
        route.why.append(N_("Uw vrijstelling telt voor deze vergunning."))
        return "likely"
    granted = facts.exemption_granted
    if status == "exempted" and granted is not None:
        return _exemption_for_permit(route, granted.ground, granted.date, law, today)
    if status == "not_obliged":
        route.why.append(
            N_("U heeft geen inburgeringsplicht. De IND vertelt welke eisen voor u gelden.")
        )
        return "possible"
    if status == "unknown":
        route.why.append(N_("U heeft het inburgeringsdiploma of een ontheffing nodig."))
        return "possible"
    likely = {r.code for r in routes if r.assessment == "likely"}
    if "exemption_agi" in likely or ("exemption_avi" in likely and law == "wi2007"):
        route.why.append(
            N_(
                "U heeft een goede kans op een ontheffing. Krijgt u die, dan telt zij ook voor "
                "deze vergunning."
            )
        )
        return "possible"
    if has_nt2_state_exam(facts):
        route.sources.append(S.DUO_NATURALISATION)
        route.why.append(N_("Het staatsexamen NT2 alleen is niet genoeg voor deze vergunning."))
    route.why.append(
        N_("Eerst moet u voldoen aan de inburgering: examen, vrijstelling of ontheffing.")
    )
    return "unlikely"


def _exemption_for_permit(
    route: Route, ground: str, when: date | None, law: str | None, today: date
) -> str:
    if ground == "medical":
        return _medical_counts(route, when, today, permit=True, law=law)
    if ground == "agi" and law in ("wi2007", "wi2013"):
        route.why.append(
            N_("Uw ontheffing omdat u aantoonbaar uw best deed (AGI) telt voor deze vergunning.")
        )
        if law == "wi2007":
            route.sources.append(S.WI2007_EFFECTS)
        return "likely"
    if ground == "avi" and law == "wi2007":
        # Seed 000:190-196 (the ministry, March 2025) says it counts; the list of the
        # Vreemdelingenbesluit art. 3.96a lid 2 does not name it (law-in-force point 19, low:
        # a conflict). So: what the ministry says, the list, and that the IND decides.
        route.sources += [S.WI2007_EFFECTS, S.VB_EXEMPTION_GROUNDS]
        route.why.append(
            N_(
                "Een ontheffing van de gemeente omdat u voldoende bent ingeburgerd (AVI) telt "
                "voor deze vergunning. Neem de brief van de gemeente mee; de IND beslist."
            )
        )
        route.why.append(
            N_(
                "Het ministerie zegt dat deze ontheffing telt. Maar de regels van de IND noemen "
                "haar niet in hun lijst. Vraag de IND vooraf of zij telt."
            )
        )
        return "likely"
    if ground == "avi":
        route.sources.append(S.DUO_NATURALISATION)
        route.why.append(
            N_(
                "Een ontheffing omdat u voldoende bent ingeburgerd (AVI) telt niet voor deze "
                "vergunning. Daarvoor heeft u het examen nodig, of een medische ontheffing."
            )
        )
        return "unlikely"
    route.why.append(N_("Vraag de IND of uw ontheffing telt voor deze vergunning."))
    return "possible"


def _medical_counts(
    route: Route, when: date | None, today: date, permit: bool, law: str | None
) -> str:
    """Rate a medical ontheffing: it counts when at most 3 years old on the day of applying.

    For permanent residence the limit is in seed 002:926-932 (DUO decisions); for a Wi2007
    decision of the gemeente seed 000:182-189 names it for naturalisation only.
    """
    max_years, source = value_at("medical/decision_max_age_years", today)
    route.sources += [source, S.MEDICAL_3_YEARS]
    if permit and law == "wi2007":
        route.sources.append(S.WI2007_EFFECTS)
        route.why.append(N_("Uw medische ontheffing van de gemeente telt voor deze vergunning."))
        return "likely"
    if when is not None and when >= add_months(today, -12 * max_years):
        route.why.append(
            N_(
                "Uw medische ontheffing telt tot %(date)s. Daarna is zij ouder dan %(years)s jaar.",
                date=add_months(when, 12 * max_years).isoformat(),
                years=max_years,
            )
        )
        return "likely"
    if when is None:
        route.why.append(
            N_(
                "Een medische ontheffing telt alleen als het besluit niet ouder is dan "
                "%(years)s jaar op de dag van de aanvraag.",
                years=max_years,
            )
        )
    else:
        route.why.append(
            N_(
                "Uw medische ontheffing is ouder dan %(years)s jaar. Dan telt zij niet meer. U "
                "kunt een nieuw medisch advies vragen.",
                years=max_years,
            )
        )
    route.needs.append(N_("Vraag zelf bij Argonaut een nieuw medisch advies."))
    return "possible"


def naturalisation_route(
    facts: Facts, law: str | None, status: str, today: date, routes: list[Route]
) -> Route:
    """Assess naturalisation: the inburgeringsvereiste for becoming Dutch.

    :param law: the law the person falls under by date (even when not obliged), or None.
    RWN art. 8 lid 1 onder c (5 years) and d (ingeburgerd): the naturalisatietoets, or what
    frees from it (Besluit naturalisatietoets art. 3 and 4). The NT2 diploma counts (art. 3 lid 1
    onder c). A medical ontheffing at most 3 years old (art. 4 lid 1 onder a), or an Argonaut
    advice at most 6 months old. A Wi2013 AGI ontheffing counts (Regeling naturalisatietoets
    Nederland art. 6); AVI never; Wi2007 AGI from March 2025 (seed 000:197-204). The AOW age
    and the Turkish nationality give no exemption (law-in-force points 8, 11).
    """
    route = Route(
        "naturalisation",
        "not_applicable",
        sources=[S.IND_NATURALISATION_PAGE, S.BNT_EXEMPTIONS, S.NAT_REQUIREMENT],
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
    assessment = _integration_for_naturalisation(route, facts, law, status, today, routes)
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
    route: Route, facts: Facts, law: str | None, status: str, today: date, routes: list[Route]
) -> str:
    if has_nt2_state_exam(facts):
        route.sources += [S.BNT_NT2, S.NT2_TO_NATURALISATION]
        route.why.append(N_("Uw staatsexamen NT2 telt voor naturalisatie."))
        return "likely"
    if status == "fulfilled" and z_route_done(facts):
        # The IND lists the Z-route certificate for a stronger permit; for naturalisation no
        # source was found (law-in-force point 12): ask the IND, or take the test.
        route.why.append(
            N_(
                "Telt uw certificaat van de Z-route ook voor naturalisatie? Vraag het de IND. "
                "Anders haalt u de naturalisatietoets."
            )
        )
        return "possible"
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
        return _exemption_for_naturalisation(route, granted.ground, granted.date, law, today)
    if status == "not_obliged" and pension_age_reached(facts.age, today):
        route.sources.append(S.AOW_AGE)
        route.why.append(
            N_(
                "Ook na de AOW-leeftijd moet u voor naturalisatie de naturalisatietoets halen, "
                "of een ontheffing hebben."
            )
        )
        return "possible"
    if status == "not_obliged" and facts.nationality_group == "turkish":
        route.why.append(
            N_(
                "Ook met de Turkse nationaliteit moet u voor naturalisatie de "
                "naturalisatietoets halen."
            )
        )
        return "possible"
    if status in ("not_obliged", "unknown"):
        route.why.append(N_("U moet de naturalisatietoets halen, of een ontheffing hebben."))
        return "possible"
    likely = {r.code for r in routes if r.assessment == "likely"}
    if "exemption_agi" in likely and law == "wi2013":
        route.sources.append(S.RNT_AGI)
        route.why.append(
            N_(
                "Krijgt u de ontheffing omdat u aantoonbaar uw best deed (AGI), dan telt die ook "
                "voor naturalisatie."
            )
        )
        return "possible"
    route.why.append(
        N_("Eerst moet u het inburgeringsexamen halen of een geldige ontheffing hebben.")
    )
    return "unlikely"


def _exemption_for_naturalisation(
    route: Route, ground: str, when: date | None, law: str | None, today: date
) -> str:
    if ground == "medical":
        months, advice_source = value_at("medical/advice_max_age_months", today)
        assessment = _medical_counts(route, when, today, permit=False, law=law)
        if assessment != "likely":
            route.sources += [advice_source, S.ADVICE_6_MONTHS, S.REGELING_NT_ART5]
            route.needs.append(
                N_(
                    "Het advies van Argonaut mag niet ouder zijn dan %(months)s maanden als u "
                    "naturalisatie aanvraagt.",
                    months=months,
                )
            )
            if law == "wi2007":
                route.needs.append(N_("De gemeente geeft zo'n medische ontheffing maar één keer."))
        return assessment
    if ground == "agi" and law == "wi2013":
        route.sources += [S.RNT_AGI]
        route.why.append(
            N_("Uw ontheffing omdat u aantoonbaar uw best deed (AGI) telt ook voor naturalisatie.")
        )
        return "likely"
    if ground == "agi" and law == "wi2007":
        counts, source = value_at("naturalisation/wi2007_agi_counts", today)
        route.sources += [source, S.MARCH_2025, S.WI2007_EFFECTS]
        if counts is True:
            route.why.append(
                N_(
                    "Sinds maart 2025 telt een ontheffing van de gemeente omdat u "
                    "aantoonbaar uw best deed (AGI) ook voor naturalisatie."
                )
            )
            return "likely"
        if counts == "unknown":
            route.why.append(
                N_(
                    "In maart 2025 is dit veranderd. Een ontheffing van de gemeente omdat u "
                    "aantoonbaar uw best deed (AGI) telt nu ook voor naturalisatie. Vraag de "
                    "IND vanaf welke dag."
                )
            )
            return "possible"
        route.sources.append(S.OLD_AGI_AVI_NOT_NAT)
        route.why.append(
            N_(
                "Heeft u alleen een ontheffing van de gemeente omdat u aantoonbaar uw best "
                "deed (AGI)? Dan is ook een advies van DUO nodig."
            )
        )
        route.needs.append(N_("Vraag DUO om een advies over ontheffing voor naturalisatie."))
        return "possible"
    if ground == "avi":
        route.sources += [S.DUO_NATURALISATION, S.OLD_AGI_AVI_NOT_NAT]
        route.why.append(
            N_(
                "Een ontheffing omdat u voldoende bent ingeburgerd (AVI) telt niet voor "
                "naturalisatie."
            )
        )
        route.needs.append(
            N_(
                "Haal de naturalisatietoets. Kunt u dat niet door een ziekte of beperking? "
                "Vraag dan een medische ontheffing."
            )
        )
        return "unlikely"
    route.why.append(N_("Vraag de IND of uw ontheffing telt voor naturalisatie."))
    route.needs.append(N_("Haal anders de naturalisatietoets."))
    return "possible"


def residence_consequences(
    regime: str, status: str, purpose: str | None = None
) -> list[Consequence]:
    """Return what not meeting the obligation means for the permit and naturalisation.

    :param purpose: the residence purpose; withdrawal only threatens a regular permit.
    Wi2007: permit not extended (seed 001:303-313). Wi2013: also withdrawal, but only of the
    reguliere verblijfsvergunning voor bepaalde tijd (seed 001:317-329; seed 002:811-812), so
    not for asylum. No permanent permit without diploma, vrijstelling or a counting ontheffing
    (Vb 2000 art. 3.96a). Wi2021: no rule on the permit was found (law-in-force point 12): ask
    the IND.
    """
    if regime not in OBLIGED_REGIMES or status not in ("obliged", "unknown"):
        return []
    residence = Consequence(
        "residence_no_permanent_permit",
        "residence",
        sources=[S.IND_INTEGRATION, S.VB_EXEMPTION_GROUNDS, S.DIPLOMA_NEEDED],
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
    else:
        residence.text.append(N_("Vraag de IND wat dit betekent voor uw vergunning."))
        residence.sources.append(
            S.SANCTIONS_TABLE_WI2013 if regime == "wi2013" else S.SANCTIONS_TABLE_WI2021
        )
    nat = Consequence(
        "naturalisation_blocked",
        "naturalisation",
        sources=[S.IND_NATURALISATION_PAGE, S.NAT_REQUIREMENT, S.DIPLOMA_NEEDED],
    )
    nat.text.append(
        N_("Zolang u niet voldoet aan de inburgering, kunt u meestal niet naturaliseren.")
    )
    return [residence, nat]

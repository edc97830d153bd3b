"""Which organisations can help this person, and what each can do for them.

Pure rules on Facts and the routes found; imports nothing from Flask.
"""

from __future__ import annotations

from datetime import date

from portal.rules import sources as S
from portal.rules.facts import Facts
from portal.rules.outcome import Help, Route
from portal.rules.parameters import value_at
from portal.rules.text import N_


def help_for(
    facts: Facts, regime: str, status: str, routes: list[Route], today: date
) -> list[Help]:
    """Return the help items, most relevant first.

    Sources: seed 000:94-100 and seed 001:360-366 (who executes); seed 004:398-402, 2771-2777
    (DUO); seed 003:417-445 (gemeente under the Wi2021); seed 004:2152-2155 (Argonaut).
    """
    open_codes = {r.code for r in routes if r.assessment in ("likely", "possible")}
    items: list[Help] = []
    gemeente = _gemeente(facts, regime, open_codes)
    duo = Help("duo", sources=[S.INBURGEREN_START, S.DUO_ROLE_WI2013, S.DUO_CONTACT])
    if status == "obliged":
        duo.what.append(
            N_("DUO weet wat uw inburgeringstermijn is en welke onderdelen u nog moet doen.")
        )
        if regime in ("wi2013", "wi2021"):
            duo.what.append(N_("Bij DUO vraagt u verlenging, ontheffing of vrijstelling aan."))
    elif status == "unknown":
        duo.what.append(N_("DUO weet of u moet inburgeren en welke wet voor u geldt."))
    duo.what.append(N_("U kunt iemand machtigen om met DUO te praten."))
    ind = Help("ind", sources=[S.IND_NATURALISATION, S.PERMIT_REQUIREMENT])
    ind.what.append(N_("De IND beslist over uw verblijfsvergunning en over naturalisatie."))
    if regime == "wi2007":
        items += [gemeente, duo]
    else:
        items += [duo, gemeente]
    items.append(ind)
    # Argonaut advises DUO (Wi2013, Wi2021) and on the naturalisatietoets; under the Wi2007
    # the gemeente chooses its own BIG-registered doctor (seed 000:101-108).
    medical_duo = "exemption_medical" in open_codes and regime in ("wi2013", "wi2021")
    granted = facts.exemption_granted
    medical_nat = (
        status == "exempted"
        and granted is not None
        and granted.ground == "medical"
        and "naturalisation" in open_codes
    )
    if medical_duo or medical_nat:
        argonaut = Help("argonaut", sources=[S.ARGONAUT_ROLE, S.MEDICAL_3_YEARS])
        if medical_duo:
            argonaut.what.append(N_("Argonaut geeft DUO een medisch advies over uw ontheffing."))
        if medical_nat:
            argonaut.what.append(
                N_("Argonaut geeft een medisch advies voor ontheffing van de naturalisatietoets.")
            )
        items.append(argonaut)
    if status in ("obliged", "unknown") and regime not in ("not_obliged",):
        # Law in force, point 13: what the Juridisch Loket and the Taalhuis cost was not
        # researched, so no text promises that they are free.
        weeks, weeks_source = value_at("regime/objection_weeks", today)
        legal = Help("juridisch_loket", sources=[weeks_source])
        legal.what.append(
            N_("Het Juridisch Loket helpt als u bezwaar wilt maken, bijvoorbeeld tegen een boete.")
        )
        legal.what.append(N_("Bezwaar maken kan binnen %(weeks)s weken na de brief.", weeks=weeks))
        items.append(legal)
    if facts.residence_purpose in ("asylum", None) and regime != "not_obliged":
        vwn = Help("vluchtelingenwerk", sources=[S.VWN])
        vwn.what.append(N_("VluchtelingenWerk helpt statushouders met vragen en brieven."))
        items.append(vwn)
    taalhuis = Help("taalhuis", sources=[S.TAALHUIS, S.INFORMAL_LANGUAGE])
    taalhuis.what.append(N_("In het Taalhuis in de bibliotheek kunt u Nederlands oefenen."))
    items.append(taalhuis)
    return items


def _gemeente(facts: Facts, regime: str, open_codes: set[str]) -> Help:
    """Return what the gemeente does for this person."""
    gemeente = Help("gemeente", sources=[S.ROLES_TABLE])
    if regime == "wi2007":
        gemeente.what.append(
            N_("De gemeente beslist over uw ontheffing, vrijstelling, verlenging en boete.")
        )
        gemeente.sources.append(S.WI2007_GEMEENTE_DECIDES)
        if "exemption_medical" in open_codes:
            gemeente.what.append(N_("De gemeente kiest de arts voor het medisch advies."))
            gemeente.sources.append(S.WI2007_MEDICAL)
    elif regime == "wi2021":
        gemeente.what.append(
            N_("De gemeente maakt met u een plan (PIP) en helpt u met uw inburgering.")
        )
        gemeente.sources += [S.WI2021_PIP_ARTICLE, S.GEMEENTE_WI2021]
    elif regime == "wi2013" and facts.residence_purpose == "asylum":
        gemeente.what.append(N_("Is uw lening bijna op? De gemeente kan u begeleiden."))
        gemeente.sources.append(S.ELIP_SUPPORT)
    else:
        gemeente.what.append(N_("De gemeente kan uitleggen waar u staat en u doorverwijzen."))
        gemeente.sources.append(S.GEMEENTE_LOKET)
    return gemeente

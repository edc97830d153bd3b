"""The Wet inburgering 2021: learning routes, the PIP, who does what, afschalen and the BIO.

Pure rules on Facts; imports nothing from Flask. The gemeente leads (brede intake, PIP,
learning route); DUO decides on exams, vrijstelling, ontheffing, extension, the term's fines and
the loan (law-in-force points 3, 4, 12, 16, 17, E1-E7, X5).
"""

from __future__ import annotations

from datetime import date, timedelta

from portal.rules import sources as S
from portal.rules.facts import Facts
from portal.rules.outcome import Role, Route, Source, Step
from portal.rules.parameters import value_at
from portal.rules.parts import part_names
from portal.rules.text import N_, Text

ROUTE_NAMES: dict[str, Text] = {
    "b1": N_("de B1-route"),
    "education": N_("de onderwijsroute"),
    "z_route": N_("de Z-route (zelfredzaamheidsroute)"),
}


def route_parts(facts: Facts, today: date) -> tuple[list[str] | None, Source]:
    """Return the exam parts the person's learning route asks, or None for the Z-route.

    B1-route: language at B1 (A2 after afschalen), KNM, MAP and PVT (`exam/wi2021_parts`).
    Onderwijsroute: language, KNM and PVT, no MAP (`exam/wi2021_education_parts`). Z-route: hours
    and a closing conversation, no exams. Unknown route: the B1-route's parts, the most asked.
    """
    if facts.learning_route == "z_route":
        return None, S.WI2021_ART7
    name = (
        "exam/wi2021_education_parts"
        if facts.learning_route == "education"
        else ("exam/wi2021_parts")
    )
    parts, source = value_at(name, today)
    return list(parts), source


def z_route_done(facts: Facts) -> bool:
    """Return True when the person has the Z-route's certificaat inburgering."""
    return facts.learning_route == "z_route" and bool(facts.z_route_certificate)


def pass_exam_wi2021(route: Route, facts: Facts, passed: set[str], today: date) -> Route:
    """Explain the person's own learning route: what it asks, what is left, the next step.

    Sources: Wi2021 art. 6-8 (what the obligation holds, the B1-route, the other routes); the
    PIP sets the route (art. 15; seed 003:437-443); exams at DUO, the MAP and PVT at the gemeente
    (inburgeren.nl; law-in-force E3, E4).
    """
    route.sources += [S.WI2021_ART6, S.WI2021_ART7, S.WI2021_PIP_ARTICLE, S.INBURGEREN_KNOWLEDGE]
    if not facts.has_pip and facts.learning_route is None:
        route.assessment = "possible"
        route.why.append(
            N_(
                "Welke leerroute u volgt, staat in uw PIP: de B1-route, de onderwijsroute of de "
                "Z-route. De gemeente maakt het PIP met u."
            )
        )
        route.needs.append(N_("Uw PIP van de gemeente."))
        route.where.append(N_("Vraag uw gemeente wanneer u uw PIP krijgt."))
        return route
    if facts.learning_route is None:
        route.assessment = "possible"
        route.why.append(
            N_(
                "Uw leerroute staat in uw PIP. Weet u niet welke? Vraag het uw gemeente. Bij de "
                "B1-route en de onderwijsroute doet u examens; bij de Z-route niet."
            )
        )
        route.where.append(N_("Vraag uw gemeente welke onderdelen en welk niveau voor u gelden."))
        return route
    name = ROUTE_NAMES[facts.learning_route]
    if facts.learning_route == "z_route":
        return _z_route(route, facts, today)
    parts, source = route_parts(facts, today)
    route.sources.append(source)
    assert parts is not None
    level = "A2" if facts.lowered_to_a2 and facts.learning_route == "b1" else "B1"
    route.why.append(
        N_(
            "Uw leerroute is %(route)s. U haalt Nederlands op niveau %(level)s: lezen, "
            "luisteren, schrijven en spreken.",
            route=name,
            level=level,
        )
    )
    if facts.learning_route == "b1":
        route.why.append(N_("U doet ook het examen KNM, de MAP en de PVT."))
    else:
        route.why.append(
            N_("U doet ook het examen KNM en de PVT. De MAP hoort niet bij deze route.")
        )
    todo = [part for part in parts if part not in passed]
    route.why.append(N_("U moet nog deze onderdelen halen: %(parts)s.", parts=part_names(todo)))
    route.assessment = "possible" if facts.medical_limitation else "likely"
    if facts.learning_route == "b1":
        route.where.append(N_("U doet de examens bij DUO. De MAP en de PVT regelt uw gemeente."))
    else:
        route.where.append(N_("U doet de examens bij DUO. De PVT regelt uw gemeente."))
    route.needs.append(N_("Lessen bij de school die de gemeente met u koos, en een examendatum."))
    return route


def _z_route(route: Route, facts: Facts, today: date) -> Route:
    hours, source = value_at("z_route/min_course_hours", today)
    route.sources.append(source)
    route.assessment = "likely"
    route.why.append(
        N_(
            "Uw leerroute is de Z-route (zelfredzaamheidsroute). U volgt %(hours)s uur les in "
            "Nederlands en KNM. U doet geen examens.",
            hours=hours,
        )
    )
    if facts.residence_purpose in ("asylum", None):
        participation, participation_source = value_at("z_route/participation_hours", today)
        route.sources.append(participation_source)
        route.why.append(
            N_(
                "Heeft u een asielvergunning? Dan doet u ook %(hours)s uur mee aan activiteiten.",
                hours=participation,
            )
        )
    route.why.append(
        N_("Aan het eind heeft u een gesprek met de gemeente. Dan krijgt u een certificaat.")
    )
    if facts.z_route_hours is not None:
        left = max(hours - facts.z_route_hours, 0)
        route.why.append(
            N_(
                "U heeft %(done)s uur les gehad. Er zijn nog %(left)s uur over.",
                done=facts.z_route_hours,
                left=left,
            )
        )
    if facts.z_route_conversation_done:
        route.why.append(N_("U had het eindgesprek al. De gemeente beslist of u klaar bent."))
    route.where.append(N_("De gemeente regelt uw lessen en het eindgesprek."))
    return route


def lower_a2_route(facts: Facts, regime: str, status: str) -> Route:
    """Assess route_lower_a2: afschalen of the B1-route to A2, decided by the gemeente.

    After many lesson hours and enough effort the gemeente can lower the language level of the
    B1-route to A2 (Besluit inburgering 2021 art. 5.5; law-in-force points 4 and E1; the number
    of hours is from one secondary source and is not shown).
    """
    route = Route("route_lower_a2", "not_applicable", sources=[S.WI2021_ART7, S.INBURGEREN_START])
    if regime != "wi2021" or status != "obliged":
        route.why.append(N_("Dit geldt alleen voor de B1-route van de Wet inburgering 2021."))
        return route
    if facts.learning_route in ("education", "z_route"):
        route.why.append(N_("Dit geldt alleen voor de B1-route. Uw leerroute is anders."))
        return route
    if facts.lowered_to_a2:
        route.why.append(N_("Uw gemeente heeft uw niveau al verlaagd naar A2."))
        return route
    route.assessment = "possible"
    route.why.append(
        N_(
            "Lukt niveau B1 niet, ook niet na veel lessen? Dan kan de gemeente uw niveau "
            "verlagen naar A2. Dat heet afschalen."
        )
    )
    route.needs.append(
        N_("Bewijs dat u veel uren les volgde en goed uw best deed, zoals uw aanwezigheid.")
    )
    route.where.append(N_("Vraag het aan uw gemeente. De gemeente beslist."))
    return route


def bio_route(facts: Facts, regime: str, status: str) -> Route:
    """Assess exemption_bio: ontheffing for special individual circumstances (Wi2021 art. 5 lid 2).

    DUO exempts a person for whom circumstances that are not their fault make the obligation
    impossible or extremely hard (art. 5 lid 2; Besluit inburgering 2021 art. 2.8; law-in-force
    E1: DUO decides, detailed criteria not found).
    """
    route = Route(
        "exemption_bio",
        "not_applicable",
        sources=[S.WI2021_ART5, S.INBURGEREN_OTHER_REASON],
    )
    if regime != "wi2021":
        route.why.append(N_("Deze ontheffing bestaat alleen onder de Wet inburgering 2021."))
        return route
    if status != "obliged":
        route.why.append(
            N_("U heeft geen inburgeringsplicht (meer). Een ontheffing is niet nodig.")
        )
        return route
    route.where.append(N_("Vraag de ontheffing aan bij DUO. DUO beslist."))
    route.needs.append(
        N_("Bewijs van uw situatie, zoals brieven van een arts, de gemeente of een hulpverlener.")
    )
    route.why.append(
        N_(
            "Maakt uw situatie inburgeren onmogelijk of heel moeilijk, en is dat niet uw schuld? "
            "Dan kan DUO u ontheffing geven."
        )
    )
    if facts.delay_not_own_fault is False and not facts.medical_limitation:
        route.assessment = "unlikely"
        route.why.append(N_("U zei nee op de vraag: liep u vertraging op die niet uw schuld was?"))
    else:
        route.assessment = "possible"
        route.why.append(N_("DUO kijkt naar uw situatie. Het is niet vooraf te zeggen."))
    return route


def roles_for(facts: Facts, regime: str) -> list[Role]:
    """Return who does what under the Wi2021 (law-in-force point E2); empty for other laws."""
    if regime != "wi2021":
        return []
    gemeente = Role(
        "gemeente",
        sources=[S.WI2021_INTAKE, S.WI2021_PIP_ARTICLE, S.WI2021_FINES_COLLEGE, S.INBURGEREN_START],
    )
    gemeente.what.append(
        N_("De gemeente doet de brede intake en maakt met u het PIP met uw leerroute.")
    )
    gemeente.what.append(
        N_(
            "De gemeente beslist over afschalen naar A2 en doet het eindgesprek van de Z-route. "
            "Zij regelt ook de MAP en de PVT."
        )
    )
    if facts.residence_purpose != "family":
        gemeente.what.append(N_("Voor asielmigranten betaalt de gemeente de lessen en examens."))
    gemeente.what.append(
        N_("Houdt u zich niet aan de afspraken in het PIP? Dan kan de gemeente een boete geven.")
    )
    duo = Role(
        "duo",
        sources=[S.WI2021_ART4, S.WI2021_ART5, S.WI2021_ART12, S.WI2021_FINES_DUO, S.RO_EXTENSION],
    )
    duo.what.append(N_("DUO stuurt de brief over uw inburgeringsplicht en regelt de examens."))
    duo.what.append(
        N_("DUO beslist over vrijstelling, ontheffing, meer tijd en de boete als u te laat bent.")
    )
    if facts.residence_purpose != "asylum":
        duo.what.append(N_("Bij DUO kunnen gezinsmigranten en andere migranten geld lenen."))
        duo.sources.append(S.WI2021_LOAN)
    return [gemeente, duo]


def stuck_steps(facts: Facts, regime: str, status: str, today: date) -> list[Step]:
    """Return the next step for a Wi2021 person who is stuck, and who to ask.

    No letter from DUO yet; no brede intake; no PIP yet; a PIP they do not agree with (bezwaar
    within 6 weeks: the PIP is a beschikking, Awb art. 6:7; seed 003:437-443).
    """
    if regime != "wi2021" or status != "obliged":
        return []
    steps: list[Step] = []
    if facts.obligation_letter is False:
        steps.append(
            Step(
                "ask_duo_letter",
                N_("Vraag DUO of u moet inburgeren. U kreeg nog geen brief van DUO."),
                "duo",
            )
        )
    if facts.broad_intake_done is False:
        steps.append(
            Step(
                "ask_intake",
                N_("Vraag uw gemeente wanneer u de brede intake krijgt."),
                "gemeente",
            )
        )
    elif (
        facts.has_pip is not True
        and facts.learning_route is None
        and facts.obligation_letter is not False
    ):
        # No PIP yet (or not known): the term waits for it, so getting it is the next step.
        steps.append(Step("ask_pip", N_("Vraag uw gemeente wanneer u uw PIP krijgt."), "gemeente"))
    if facts.pip_agrees is False:
        weeks, _ = value_at("regime/objection_weeks", today)
        by = facts.pip_date + timedelta(weeks=weeks) if facts.pip_date else None
        if by is not None and by < today:
            steps.append(
                Step(
                    "ask_pip_change",
                    N_(
                        "Vraag uw gemeente of uw PIP kan veranderen. De tijd voor bezwaar is "
                        "voorbij."
                    ),
                    "gemeente",
                )
            )
        else:
            steps.append(
                Step(
                    "object_pip",
                    N_(
                        "Bent u het niet eens met uw PIP? Maak bezwaar bij de gemeente, binnen "
                        "%(weeks)s weken na de datum van het PIP.",
                        weeks=weeks,
                    ),
                    "you",
                    by=by,
                )
            )
    return steps

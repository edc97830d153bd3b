"""What to do now: at most three steps, each a verb, who does it, and by when.

Chosen from the outcome the other modules made; decides nothing new about the law.
Pure Python; imports nothing from Flask.
"""

from __future__ import annotations

from datetime import date

from portal.rules.facts import Facts
from portal.rules.outcome import Outcome, Route, Step
from portal.rules.text import N_, Text

MAX_STEPS = 3
# Routes that are about what comes after the obligation; they give a step only when the
# obligation is met, or when nothing else is open.
LATER_ROUTES = ("permanent_residence", "naturalisation", "loan_forgiveness")


def steps_for(
    outcome: Outcome, facts: Facts, today: date, first: list[Step] | None = None
) -> list[Step]:
    """Return at most three steps for the person, most urgent first.

    :param outcome: the outcome with its regime, status, term and sorted routes.
    :param facts: the situation (the Wi2021 learning route changes what "pass the exam" means).
    :param today: the reference date.
    :param first: steps that come before any route, such as a Wi2021 person who is stuck
        (no letter, no intake, no PIP, a PIP they do not agree with).
    """
    steps: list[Step] = list(first or [])
    if outcome.regime == "unknown":
        steps.append(
            Step(
                "find_decision_date",
                N_("Zoek de datum van uw verblijfsvergunning op uw pas of in de brief van de IND."),
                "you",
            )
        )
        steps.append(Step("ask_duo_law", N_("Vraag DUO of u moet inburgeren."), "duo"))
        return steps
    if outcome.status in ("fulfilled", "exempted", "released"):
        steps.append(
            Step("keep_letter", N_("Bewaar uw diploma of de brief met het besluit."), "you")
        )
        steps.extend(_later_steps(outcome))
        return steps[:MAX_STEPS]
    if outcome.status == "not_obliged":
        return _later_steps(outcome)[:MAX_STEPS]
    if _asks_about_rulings(outcome, facts):
        # The courts ruled against fines and loan recovery for these people (money.py):
        # asking DUO what that means for their own fine or loan comes first.
        steps.append(
            Step(
                "ask_duo_rulings",
                N_("Vraag DUO wat de uitspraken van de rechter betekenen voor uw boete of lening."),
                "duo",
            )
        )
    _add_route_steps(steps, outcome, facts, today)
    if not steps:
        steps.append(Step("ask_authority", N_("Vraag uw gemeente wat u nu moet doen."), "gemeente"))
    return steps[:MAX_STEPS]


def _add_route_steps(steps: list[Step], outcome: Outcome, facts: Facts, today: date) -> None:
    """Add the actions of the open routes, most promising first, up to MAX_STEPS."""
    end = outcome.term.end
    by = end if end is not None and end >= today else None
    # Steps come from the likely routes; a merely possible route is a step only when nothing
    # is likely (otherwise "ask for a medical ontheffing" would show for everyone).
    open_routes = [r for r in outcome.routes if r.assessment == "likely"]
    if not open_routes and not steps:
        open_routes = [r for r in outcome.routes if r.assessment == "possible"][:1]
    if outcome.term.months_overrun or outcome.term.likely_ended:
        # After the end of the term, more time or an ontheffing comes before more lessons.
        open_routes.sort(key=lambda r: (r.code == "pass_exam", r.assessment != "likely"))
    for route in open_routes:
        if len(steps) >= MAX_STEPS:
            break
        if route.code in LATER_ROUTES:
            continue
        step = _route_step(route, outcome.regime, by, facts)
        if step is None or any(s.code == step.code for s in steps):
            continue
        step.by_year_only = by is not None and outcome.term.year_only
        steps.append(step)


def _asks_about_rulings(outcome: Outcome, facts: Facts) -> bool:
    """Return True for a Wi2013 asylum status holder with a fine or a loan since the rulings."""
    rulings = any(c.code == "fine_asylum_rulings" for c in outcome.consequences)
    return outcome.regime == "wi2013" and rulings and bool(facts.fines_received or facts.duo_loan)


def _later_steps(outcome: Outcome) -> list[Step]:
    steps = []
    for route in outcome.routes:
        if route.assessment != "likely":
            continue
        if route.code == "permanent_residence":
            steps.append(
                Step(
                    "apply_permanent_residence",
                    N_("Vraag bij de IND een verblijfsvergunning voor onbepaalde tijd aan."),
                    "ind",
                    route="permanent_residence",
                )
            )
        elif route.code == "naturalisation":
            steps.append(
                Step(
                    "apply_naturalisation",
                    N_("Vraag naturalisatie aan bij uw gemeente."),
                    "gemeente",
                    route="naturalisation",
                )
            )
    return steps


def _route_step(route: Route, regime: str, by: date | None, facts: Facts) -> Step | None:
    """Return the action for an open route, or None when the route has no action of its own."""
    decider = "gemeente" if regime == "wi2007" else "duo"
    if route.code == "pass_exam" and regime == "wi2021":
        if facts.learning_route == "z_route":
            text = N_("Ga naar uw lessen en doe mee aan wat in uw PIP staat.")
            return Step("follow_z_route", text, "you", by=by, route=route.code)
        if not facts.has_pip and facts.learning_route is None:
            return None  # the step is to get the PIP (wi2021.stuck_steps)
    texts: dict[str, tuple[Text, str]] = {
        "pass_exam": (N_("Meld u aan voor de examens die u nog moet doen."), "you"),
        "extension_literacy": (
            N_("Vraag meer tijd aan omdat u leert lezen en schrijven."),
            decider,
        ),
        "extension_no_fault": (N_("Vraag meer tijd aan, met bewijs van de reden."), decider),
        "exemption_medical": (N_("Vraag een medische ontheffing aan."), decider),
        "exemption_agi": (N_("Vraag een ontheffing aan omdat u genoeg heeft gedaan."), decider),
        "exemption_avi": (N_("Vraag een ontheffing aan omdat u al goed meedoet."), decider),
        "release_diploma": (N_("Stuur een kopie van uw diploma en vraag vrijstelling."), decider),
        "exemption_bio": (N_("Vraag DUO om ontheffing om uw bijzondere situatie."), "duo"),
        "route_lower_a2": (N_("Vraag uw gemeente of uw niveau naar A2 kan."), "gemeente"),
    }
    if route.code not in texts:
        return None
    text, who = texts[route.code]
    return Step(route.code, text, who, by=by, route=route.code)

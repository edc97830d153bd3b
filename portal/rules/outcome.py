"""The Outcome of evaluating Facts: regime, status, term, routes, consequences, help, uncertain.

Only stable codes and Dutch msgids (Text) live here; the web layer maps them to words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from portal.rules.laws import law_url
from portal.rules.text import FormatNumber, Text, Translate
from portal.rules.version import RULES_CHECKED

REGIMES = ("wi2007", "wi2013", "wi2021", "not_obliged", "unknown")
STATUSES = ("obliged", "fulfilled", "exempted", "released", "not_obliged", "unknown")
AUTHORITIES = ("gemeente", "duo", "ind")
ASSESSMENTS = ("likely", "possible", "unlikely", "not_applicable")
ROUTE_CODES = (
    "pass_exam",
    "extension_literacy",
    "extension_no_fault",
    "exemption_medical",
    "exemption_agi",
    "exemption_avi",
    "exemption_bio",
    "route_lower_a2",
    "release_diploma",
    "loan_forgiveness",
    "permanent_residence",
    "naturalisation",
)
CONSEQUENCE_KINDS = ("fine", "loan", "residence", "naturalisation")
# Who does a step: the person themselves, or an organisation.
WHO_CODES = ("you", "gemeente", "duo", "ind", "argonaut", "school")
HELP_CODES = (
    "gemeente",
    "duo",
    "ind",
    "argonaut",
    "juridisch_loket",
    "vluchtelingenwerk",
    "taalhuis",
)
# Routes sort most promising first; the order of ASSESSMENTS is that ranking.
_RANK = {code: index for index, code in enumerate(ASSESSMENTS)}


@dataclass(frozen=True)
class Source:
    """Where a rule comes from: a law article or an official page people can open (`url`),
    and/or a seed file with its lines (background for docs and staff only).

    `checked` is the day the rule was last checked against the law in force.
    """

    law: str | None = None
    article: str | None = None
    seed: str | None = None
    lines: str | None = None
    title: str | None = None
    url: str | None = None
    checked: date | None = None

    def __post_init__(self) -> None:
        # A law we know the identifier of gets its wetten.overheid.nl link; every public source
        # was checked against the law in force on RULES_CHECKED unless it says otherwise.
        if self.url is None:
            object.__setattr__(self, "url", law_url(self.law, self.article))
        if self.url is not None and self.checked is None:
            object.__setattr__(self, "checked", RULES_CHECKED)

    @property
    def is_public(self) -> bool:
        """Return True when people can open it: a law article or an official page with a link."""
        return self.url is not None

    def public_label(self) -> str:
        """Return what users see: "Wet inburgering, artikel 7" or the page's title."""
        if self.law:
            return f"{self.law}, artikel {self.article}" if self.article else self.law
        return self.title or ""

    def label(self) -> str:
        """Return a short human citation, e.g. "Wi2013 art. 7; seed 004:654-658"."""
        parts = []
        if self.law:
            parts.append(f"{self.law} art. {self.article}" if self.article else self.law)
        if self.seed:
            parts.append(f"seed {self.seed}:{self.lines}" if self.lines else f"seed {self.seed}")
        if not parts and self.title:
            parts.append(self.title)
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form, with the label."""
        return {
            "law": self.law,
            "article": self.article,
            "seed": self.seed,
            "lines": self.lines,
            "title": self.title,
            "label": self.label(),
            "url": self.url,
            "public": self.is_public,
            "checked": self.checked.isoformat() if self.checked else None,
        }


def _texts(
    items: list[Text], translate: Translate | None, number: FormatNumber | None = None
) -> list[Any]:
    return [item.to_dict(translate, number) for item in items]


def _sources(items: list[Source]) -> list[dict[str, Any]]:
    return [item.to_dict() for item in items]


@dataclass
class Term:
    """The inburgeringstermijn: dates when computable, time left or overrun, extension grounds."""

    start: date | None = None
    end: date | None = None
    months_left: int | None = None
    months_overrun: int | None = None
    extension_grounds: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    # The start is unknown, but the permit is so old that the term has most likely ended.
    likely_ended: bool = False
    # Only the year of the start is known: the end lies somewhere in end.year.
    year_only: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
            "likely_ended": self.likely_ended,
            "year_only": self.year_only,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "months_left": self.months_left,
            "months_overrun": self.months_overrun,
            "extension_grounds": list(self.extension_grounds),
            "sources": _sources(self.sources),
        }


@dataclass
class Route:
    """One way forward for the person, with how likely it is and what to do."""

    code: str
    assessment: str
    why: list[Text] = field(default_factory=list)
    needs: list[Text] = field(default_factory=list)
    where: list[Text] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def to_dict(
        self, translate: Translate | None = None, number: FormatNumber | None = None
    ) -> dict[str, Any]:
        """Return the JSON form; translate renders the texts."""
        return {
            "code": self.code,
            "assessment": self.assessment,
            "why": _texts(self.why, translate, number),
            "needs": _texts(self.needs, translate, number),
            "where": _texts(self.where, translate, number),
            "sources": _sources(self.sources),
        }


@dataclass
class Consequence:
    """What follows from the situation: a fine, the loan, the permit or naturalisation."""

    code: str
    kind: str
    text: list[Text] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def to_dict(
        self, translate: Translate | None = None, number: FormatNumber | None = None
    ) -> dict[str, Any]:
        """Return the JSON form; translate renders the texts."""
        return {
            "code": self.code,
            "kind": self.kind,
            "text": _texts(self.text, translate, number),
            "sources": _sources(self.sources),
        }


@dataclass
class Help:
    """An organisation to ask, and what it can do for this person."""

    code: str
    what: list[Text] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def to_dict(
        self, translate: Translate | None = None, number: FormatNumber | None = None
    ) -> dict[str, Any]:
        """Return the JSON form; translate renders the texts."""
        return {
            "code": self.code,
            "what": _texts(self.what, translate, number),
            "sources": _sources(self.sources),
        }


@dataclass
class Uncertain:
    """Something the rules could not decide, and what would settle it."""

    code: str
    text: Text
    settle_by: Text
    fact: str | None = None

    def to_dict(
        self, translate: Translate | None = None, number: FormatNumber | None = None
    ) -> dict[str, Any]:
        """Return the JSON form; translate renders the texts."""
        return {
            "code": self.code,
            "text": self.text.to_dict(translate, number),
            "settle_by": self.settle_by.to_dict(translate, number),
            "fact": self.fact,
        }


@dataclass
class Step:
    """One thing to do now: an action that starts with a verb, who does it, and by when."""

    code: str
    text: Text
    who: str
    by: date | None = None
    route: str | None = None
    # Only the year of `by` is known (a term whose start is known by its year only).
    by_year_only: bool = False

    def to_dict(
        self, translate: Translate | None = None, number: FormatNumber | None = None
    ) -> dict[str, Any]:
        """Return the JSON form; translate renders the text."""
        return {
            "code": self.code,
            "text": self.text.to_dict(translate, number),
            "who": self.who,
            "by": self.by.isoformat() if self.by else None,
            "by_year_only": self.by_year_only,
            "route": self.route,
        }


@dataclass
class Role:
    """What one organisation does for this person ("who does what")."""

    who: str
    what: list[Text] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def to_dict(
        self, translate: Translate | None = None, number: FormatNumber | None = None
    ) -> dict[str, Any]:
        """Return the JSON form; translate renders the texts."""
        return {
            "who": self.who,
            "what": _texts(self.what, translate, number),
            "sources": _sources(self.sources),
        }


@dataclass
class Outcome:
    """The full answer for one person on one reference date.

    `why` gives the reasons for the regime and the status; `steps` the (at most three) things to
    do now; `roles` who does what; `rules_version` the date of the rules that made it.
    """

    regime: str
    status: str
    authority: str
    reference_date: date
    rules_version: date
    regime_sources: list[Source] = field(default_factory=list)
    why: list[Text] = field(default_factory=list)
    term: Term = field(default_factory=Term)
    routes: list[Route] = field(default_factory=list)
    consequences: list[Consequence] = field(default_factory=list)
    help: list[Help] = field(default_factory=list)
    uncertain: list[Uncertain] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    def sort_routes(self) -> None:
        """Sort routes most promising first; ties keep the order of ROUTE_CODES."""
        self.routes.sort(key=lambda r: (_RANK[r.assessment], ROUTE_CODES.index(r.code)))

    def route(self, code: str) -> Route | None:
        """Return the route with this code, or None."""
        return next((r for r in self.routes if r.code == code), None)

    def to_dict(
        self, translate: Translate | None = None, number: FormatNumber | None = None
    ) -> dict[str, Any]:
        """Return JSON-able data; with translate each Text becomes its translated string.

        :param translate: a callable msgid -> translated string, or None for {"msgid", "params"}.
        :param number: formats whole numbers in the texts for the reader's language.
        """
        return {
            "regime": self.regime,
            "status": self.status,
            "authority": self.authority,
            "reference_date": self.reference_date.isoformat(),
            "rules_version": self.rules_version.isoformat(),
            "regime_sources": _sources(self.regime_sources),
            "why": _texts(self.why, translate, number),
            "term": self.term.to_dict(),
            "routes": [r.to_dict(translate, number) for r in self.routes],
            "consequences": [c.to_dict(translate, number) for c in self.consequences],
            "help": [h.to_dict(translate, number) for h in self.help],
            "uncertain": [u.to_dict(translate, number) for u in self.uncertain],
            "steps": [s.to_dict(translate, number) for s in self.steps],
            "roles": [r.to_dict(translate, number) for r in self.roles],
        }

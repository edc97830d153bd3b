"""The Outcome of evaluating Facts: regime, status, term, routes, consequences, help, uncertain.

Only stable codes and Dutch msgids (Text) live here; the web layer maps them to words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from portal.rules.text import Text, Translate

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
    "release_diploma",
    "loan_forgiveness",
    "permanent_residence",
    "naturalisation",
)
CONSEQUENCE_KINDS = ("fine", "loan", "residence", "naturalisation")
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
    """Where a rule comes from: a law and article, and/or a seed file and its lines."""

    law: str | None = None
    article: str | None = None
    seed: str | None = None
    lines: str | None = None
    title: str | None = None

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
        }


def _texts(items: list[Text], translate: Translate | None) -> list[Any]:
    return [item.to_dict(translate) for item in items]


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

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {
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

    def to_dict(self, translate: Translate | None = None) -> dict[str, Any]:
        """Return the JSON form; translate renders the texts."""
        return {
            "code": self.code,
            "assessment": self.assessment,
            "why": _texts(self.why, translate),
            "needs": _texts(self.needs, translate),
            "where": _texts(self.where, translate),
            "sources": _sources(self.sources),
        }


@dataclass
class Consequence:
    """What follows from the situation: a fine, the loan, the permit or naturalisation."""

    code: str
    kind: str
    text: list[Text] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def to_dict(self, translate: Translate | None = None) -> dict[str, Any]:
        """Return the JSON form; translate renders the texts."""
        return {
            "code": self.code,
            "kind": self.kind,
            "text": _texts(self.text, translate),
            "sources": _sources(self.sources),
        }


@dataclass
class Help:
    """An organisation to ask, and what it can do for this person."""

    code: str
    what: list[Text] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def to_dict(self, translate: Translate | None = None) -> dict[str, Any]:
        """Return the JSON form; translate renders the texts."""
        return {
            "code": self.code,
            "what": _texts(self.what, translate),
            "sources": _sources(self.sources),
        }


@dataclass
class Uncertain:
    """Something the rules could not decide, and what would settle it."""

    code: str
    text: Text
    settle_by: Text
    fact: str | None = None

    def to_dict(self, translate: Translate | None = None) -> dict[str, Any]:
        """Return the JSON form; translate renders the texts."""
        return {
            "code": self.code,
            "text": self.text.to_dict(translate),
            "settle_by": self.settle_by.to_dict(translate),
            "fact": self.fact,
        }


@dataclass
class Outcome:
    """The full answer for one person on one reference date."""

    regime: str
    status: str
    authority: str
    reference_date: date
    regime_sources: list[Source] = field(default_factory=list)
    term: Term = field(default_factory=Term)
    routes: list[Route] = field(default_factory=list)
    consequences: list[Consequence] = field(default_factory=list)
    help: list[Help] = field(default_factory=list)
    uncertain: list[Uncertain] = field(default_factory=list)

    def sort_routes(self) -> None:
        """Sort routes most promising first; ties keep the order of ROUTE_CODES."""
        self.routes.sort(key=lambda r: (_RANK[r.assessment], ROUTE_CODES.index(r.code)))

    def route(self, code: str) -> Route | None:
        """Return the route with this code, or None."""
        return next((r for r in self.routes if r.code == code), None)

    def to_dict(self, translate: Translate | None = None) -> dict[str, Any]:
        """Return JSON-able data; with translate each Text becomes its translated string.

        :param translate: a callable msgid -> translated string, or None for {"msgid", "params"}.
        """
        return {
            "regime": self.regime,
            "status": self.status,
            "authority": self.authority,
            "reference_date": self.reference_date.isoformat(),
            "regime_sources": _sources(self.regime_sources),
            "term": self.term.to_dict(),
            "routes": [r.to_dict(translate) for r in self.routes],
            "consequences": [c.to_dict(translate) for c in self.consequences],
            "help": [h.to_dict(translate) for h in self.help],
            "uncertain": [u.to_dict(translate) for u in self.uncertain],
        }

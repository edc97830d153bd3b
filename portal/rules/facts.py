"""The Facts model: everything the rules need to know about a person; None means unknown.

Validates input from JSON (the API, the CLI, the questionnaire). Imports nothing from Flask.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

NATIONALITY_GROUPS = ("eu_eea_ch", "turkish", "other")
RESIDENCE_PURPOSES = ("asylum", "family", "other", "temporary")
EXAM_PARTS = ("reading", "listening", "writing", "speaking", "knm", "ona", "map", "pvt")
DELAY_REASONS = (
    "illness",
    "pregnancy",
    "care_duties",
    "no_course_available",
    "non_exempting_education",
    "other",
)
# The learning routes of the Wi2021 (set by the gemeente in the PIP).
LEARNING_ROUTES = ("b1", "education", "z_route")
EXEMPTION_GROUNDS = ("medical", "agi", "avi", "other")
DUTCH_DIPLOMAS = (
    "nt2_state_exam_1",
    "nt2_state_exam_2",
    "dutch_school_diploma",
    "dutch_higher_education",
    "other",
)
GOALS = ("permanent_residence", "naturalisation")

# ASCII digits only ("\d" would also take Arabic-Indic and other digits). "YYYY" alone means
# only the year is known.
_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
# Fields whose date may be given as a year only.
YEAR_ONLY_FIELDS = ("residence_decision_date", "obligation_start_date")
# The years a date in the facts may have: the term arithmetic gives up near year 9999.
FIRST_YEAR = 1900
LAST_YEAR = 2100


class YearDate(date):
    """A date of which only the year is known; it stands for 1 January of that year.

    The rules check `isinstance(value, YearDate)` where the month could change the outcome.
    """

    def isoformat(self) -> str:
        """Return "YYYY", as it was given."""
        return f"{self.year:04d}"


def is_year_only(value: date | None) -> bool:
    """Return True when only the year of this date is known."""
    return isinstance(value, YearDate)


class FactsError(ValueError):
    """Invalid facts; `errors` lists {"field": ..., "message": ...} for an HTTP 400 answer."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['message']}" for e in errors))
        self.errors = errors


@dataclass(frozen=True)
class ExemptionGrant:
    """An ontheffing that was already granted: its ground and the date of the decision."""

    ground: str
    date: date | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"ground": self.ground, "date": self.date.isoformat() if self.date else None}


@dataclass(frozen=True)
class Facts:
    """A person's situation. Every field is optional; None means "unknown"."""

    residence_decision_date: date | None = None
    obligation_start_date: date | None = None
    # A letter from DUO or the gemeente says the person must integrate (inburgeringsplicht).
    obligation_letter: bool | None = None
    # Wi2021: the brede intake with the gemeente took place.
    broad_intake_done: bool | None = None
    # Wi2021: the gemeente made the PIP (persoonlijk plan inburgering en participatie), its date,
    # and whether the person agrees with it.
    has_pip: bool | None = None
    pip_date: date | None = None
    pip_agrees: bool | None = None
    # Wi2021: the learning route in the PIP, and whether the B1-route was lowered to A2.
    learning_route: str | None = None
    lowered_to_a2: bool | None = None
    # Wi2021: the first lesson started more than 3 months after the PIP.
    late_first_lesson: bool | None = None
    # Wi2021 Z-route: lesson hours so far, the closing conversation, and the certificate.
    z_route_hours: int | None = None
    z_route_conversation_done: bool | None = None
    z_route_certificate: bool | None = None
    nationality_group: str | None = None
    residence_purpose: str | None = None
    age: int | None = None
    exam_parts_passed: Sequence[str] | None = None
    exam_attempts: Mapping[str, Sequence[date]] | None = None
    # What the questionnaire can ask: attempts at the not-passed part tried least often.
    exam_attempts_least: int | None = None
    course_hours: int | None = None
    course_hours_registered_by_duo: bool | None = None
    literacy_course: bool | None = None
    # Of the course hours, how many were alfabetisering (the AGI literacy variant).
    literacy_hours: int | None = None
    # An extension of the term was granted by DUO or the gemeente (letter). Without it the
    # term end is the basic term: an extension is a route, not a fact.
    extension_granted: bool | None = None
    delay_not_own_fault: bool | None = None
    delay_reasons: Sequence[str] | None = None
    medical_limitation: bool | None = None
    exemption_granted: ExemptionGrant | None = None
    release_granted: bool | None = None
    years_residence: int | None = None
    # Years of paid work or volunteer work in the Netherlands (the Wi2013 AVI test).
    years_work: int | None = None
    # Years of work in which the person spoke Dutch (older field; counts as years_work too).
    years_work_with_dutch: int | None = None
    # An employer or organisation can state how long the person worked and their Dutch (Wi2007 AVI).
    employer_statement: bool | None = None
    dutch_diplomas: Sequence[str] | None = None
    duo_loan: bool | None = None
    fines_received: int | None = None
    goals: Sequence[str] | None = None

    @classmethod
    def from_dict(cls, data: Any) -> Facts:
        """Validate JSON-like data and build Facts; raise FactsError listing every problem.

        :param data: a dict keyed by field name; missing keys and null values mean unknown.
        Dates are "YYYY-MM-DD" or "YYYY-MM" (month precision; day 1 is used); the residence
        decision and the start of the term may also be "YYYY" (only the year is known).
        """
        if not isinstance(data, dict):
            raise FactsError([{"field": "", "message": "expected a JSON object"}])
        errors: list[dict[str, str]] = []
        known = {f.name for f in fields(cls)}
        errors.extend(
            {"field": str(key), "message": "unknown field"} for key in data if key not in known
        )
        values: dict[str, Any] = {}
        for name in sorted(known & set(data)):
            raw = data[name]
            if raw is None:
                continue
            try:
                if name in YEAR_ONLY_FIELDS:
                    values[name] = parse_date(raw, year_only=True)
                else:
                    values[name] = _PARSERS[name](raw)
            except _Invalid as exc:
                errors.append({"field": name + exc.path, "message": exc.message})
        if errors:
            raise FactsError(errors)
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form, the inverse of from_dict (unknown fields are null)."""
        out: dict[str, Any] = {}
        for f in fields(self):
            out[f.name] = _dump(getattr(self, f.name))
        return out


def _dump(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, ExemptionGrant):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_dump(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _dump(v) for k, v in value.items()}
    return value


class _Invalid(Exception):
    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.path = path


def parse_date(raw: Any, year_only: bool = False) -> date:
    """Parse "YYYY-MM-DD" or "YYYY-MM" (day 1); a date object passes through.

    :param year_only: also take "YYYY", returned as a YearDate (only the year is known).
    """
    expected = "expected a date as YYYY-MM-DD or YYYY-MM" + (", or YYYY" if year_only else "")
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str):
        raise _Invalid(expected)
    match = _DATE_RE.match(raw)
    if not match or (match.group(2) is None and not year_only):
        raise _Invalid(expected)
    year, month, day = match.group(1), match.group(2), match.group(3) or "01"
    try:
        parsed: date = (
            YearDate(int(year), 1, 1) if month is None else date(int(year), int(month), int(day))
        )
    except ValueError as exc:
        raise _Invalid("not a real date") from exc
    if not FIRST_YEAR <= parsed.year <= LAST_YEAR:
        raise _Invalid(f"a date from {FIRST_YEAR} to {LAST_YEAR}")
    return parsed


def _int(low: int, high: int) -> Any:
    def parse(raw: Any) -> int:
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)  # in JSON (and JSON Schema) 19.0 is the whole number 19
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise _Invalid("expected a whole number")
        if not low <= raw <= high:
            raise _Invalid(f"expected a number from {low} to {high}")
        return raw

    return parse


def _bool(raw: Any) -> bool:
    if not isinstance(raw, bool):
        raise _Invalid("expected true or false")
    return raw


def _choice(options: tuple[str, ...]) -> Any:
    def parse(raw: Any) -> str:
        if raw not in options:
            raise _Invalid("expected one of: " + ", ".join(options))
        return str(raw)

    return parse


def _multi(options: tuple[str, ...]) -> Any:
    def parse(raw: Any) -> tuple[str, ...]:
        if not isinstance(raw, list):
            raise _Invalid("expected a list")
        for index, item in enumerate(raw):
            if item not in options:
                raise _Invalid("expected one of: " + ", ".join(options), f"[{index}]")
        # Order-preserving de-duplication: a repeated code adds nothing.
        return tuple(dict.fromkeys(raw))

    return parse


def _attempts(raw: Any) -> dict[str, tuple[date, ...]]:
    if not isinstance(raw, dict):
        raise _Invalid("expected an object: exam part -> list of dates")
    out: dict[str, tuple[date, ...]] = {}
    for part, dates in raw.items():
        if part not in EXAM_PARTS:
            raise _Invalid("expected one of: " + ", ".join(EXAM_PARTS), f".{part}")
        if not isinstance(dates, list):
            raise _Invalid("expected a list of dates", f".{part}")
        parsed = []
        for index, item in enumerate(dates):
            try:
                parsed.append(parse_date(item))
            except _Invalid as exc:
                raise _Invalid(exc.message, f".{part}[{index}]") from exc
        out[str(part)] = tuple(sorted(parsed))
    return out


def _exemption(raw: Any) -> ExemptionGrant:
    if not isinstance(raw, dict):
        raise _Invalid("expected an object with ground and date")
    extra = set(raw) - {"ground", "date"}
    if extra:
        raise _Invalid("unknown field", "." + sorted(extra)[0])
    if raw.get("ground") not in EXEMPTION_GROUNDS:
        raise _Invalid("expected one of: " + ", ".join(EXEMPTION_GROUNDS), ".ground")
    when = None
    if raw.get("date") is not None:
        try:
            when = parse_date(raw["date"])
        except _Invalid as exc:
            raise _Invalid(exc.message, ".date") from exc
    return ExemptionGrant(ground=str(raw["ground"]), date=when)


_PARSERS: dict[str, Any] = {
    "residence_decision_date": parse_date,
    "obligation_start_date": parse_date,
    "nationality_group": _choice(NATIONALITY_GROUPS),
    "residence_purpose": _choice(RESIDENCE_PURPOSES),
    "age": _int(0, 130),
    "exam_parts_passed": _multi(EXAM_PARTS),
    "exam_attempts": _attempts,
    "exam_attempts_least": _int(0, 100),
    "course_hours": _int(0, 10000),
    "course_hours_registered_by_duo": _bool,
    "literacy_course": _bool,
    "literacy_hours": _int(0, 10000),
    "broad_intake_done": _bool,
    "has_pip": _bool,
    "pip_date": parse_date,
    "pip_agrees": _bool,
    "learning_route": _choice(LEARNING_ROUTES),
    "lowered_to_a2": _bool,
    "late_first_lesson": _bool,
    "z_route_hours": _int(0, 10000),
    "z_route_conversation_done": _bool,
    "z_route_certificate": _bool,
    "obligation_letter": _bool,
    "years_work": _int(0, 130),
    "employer_statement": _bool,
    "extension_granted": _bool,
    "delay_not_own_fault": _bool,
    "delay_reasons": _multi(DELAY_REASONS),
    "medical_limitation": _bool,
    "exemption_granted": _exemption,
    "release_granted": _bool,
    "years_residence": _int(0, 130),
    "years_work_with_dutch": _int(0, 130),
    "dutch_diplomas": _multi(DUTCH_DIPLOMAS),
    "duo_loan": _bool,
    "fines_received": _int(0, 100),
    "goals": _multi(GOALS),
}

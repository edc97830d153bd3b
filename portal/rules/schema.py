"""Build the JSON Schema (draft 2020-12) of the Facts, published as facts.schema.json.

Derived from the option tuples in facts.py so the two never drift. Imports nothing from Flask.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from portal.rules import facts as F

SCHEMA_PATH = Path(__file__).parent / "facts.schema.json"
# Month and day of every real date but 29 February, as a JSON Schema (ECMA 262) pattern.
MONTH_DAY = "((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)"
# Exactly the dates Facts.from_dict takes: YYYY-MM-DD or YYYY-MM, real, from 1900 to 2100. Leap
# days: years divisible by 4, but 1900 and 2100 are none (tests/web/test_api_schemathesis.py
# checks it day by day).
FACTS_DATE_PATTERN = (
    f"^((19[0-9]{{2}}|20[0-9]{{2}}|2100)-((0[1-9]|1[0-2])|{MONTH_DAY})"
    "|(19(0[48]|[2468][048]|[13579][26])|20([02468][048]|[13579][26]))-02-29)$"
)
_DATE = {
    "type": "string",
    "pattern": FACTS_DATE_PATTERN,
    "description": "YYYY-MM-DD, or YYYY-MM for month precision (day 1 is used); 1900 to 2100",
}
# The residence decision and the start of the term may also be a year alone ("only the year is
# known"); the rules then show what depends on the month.
FACTS_YEAR_PATTERN = "^(19[0-9]{2}|20[0-9]{2}|2100)$"
_DATE_OR_YEAR = {
    "type": "string",
    "anyOf": [{"pattern": FACTS_DATE_PATTERN}, {"pattern": FACTS_YEAR_PATTERN}],
    "description": "YYYY-MM-DD, YYYY-MM, or YYYY when only the year is known; 1900 to 2100",
}


def _nullable(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "anyOf": [schema, {"type": "null"}]}


def _enum(options: tuple[str, ...]) -> dict[str, Any]:
    return {"type": "string", "enum": list(options)}


def _list(options: tuple[str, ...]) -> dict[str, Any]:
    return {"type": "array", "items": _enum(options)}


def _int(high: int) -> dict[str, Any]:
    return {"type": "integer", "minimum": 0, "maximum": high}


_BOOL = {"type": "boolean"}

_PROPERTIES: dict[str, tuple[dict[str, Any], str]] = {
    "residence_decision_date": (
        _DATE_OR_YEAR,
        "Date of the residence-permit decision (beschikking).",
    ),
    "obligation_letter": (
        _BOOL,
        "A letter from DUO or the gemeente says the person must integrate.",
    ),
    "broad_intake_done": (_BOOL, "Wi2021: the brede intake with the gemeente took place."),
    "has_pip": (_BOOL, "Wi2021: the gemeente made the PIP (personal integration plan)."),
    "pip_date": (_DATE, "Wi2021: the date of the PIP; the term starts the day after."),
    "pip_agrees": (_BOOL, "Wi2021: the person agrees with the PIP."),
    "learning_route": (_enum(F.LEARNING_ROUTES), "Wi2021: the learning route in the PIP."),
    "lowered_to_a2": (_BOOL, "Wi2021: the gemeente lowered the B1-route to A2 (afschalen)."),
    "late_first_lesson": (
        _BOOL,
        "Wi2021: the first lesson started more than 3 months after the PIP.",
    ),
    "z_route_hours": (_int(10000), "Wi2021 Z-route: lesson hours so far."),
    "z_route_conversation_done": (_BOOL, "Wi2021 Z-route: the closing conversation took place."),
    "z_route_certificate": (_BOOL, "Wi2021 Z-route: the certificaat inburgering was received."),
    "obligation_start_date": (
        _DATE_OR_YEAR,
        "Start of the inburgeringstermijn per the DUO/gemeente letter.",
    ),
    "nationality_group": (_enum(F.NATIONALITY_GROUPS), "EU/EEA/Swiss, Turkish, or other."),
    "residence_purpose": (_enum(F.RESIDENCE_PURPOSES), "Purpose of the residence permit."),
    "age": (_int(130), "Age today in years."),
    "exam_parts_passed": (_list(F.EXAM_PARTS), "Exam parts already passed."),
    "exam_attempts": (
        {
            "type": "object",
            "propertyNames": _enum(F.EXAM_PARTS),
            "additionalProperties": {"type": "array", "items": _DATE},
        },
        "Per exam part, the dates of the attempts.",
    ),
    "exam_attempts_least": (
        _int(100),
        "Attempts at the exam part not yet passed that was tried least often "
        "(used when the dates per part are not known).",
    ),
    "course_hours": (_int(10000), "Hours at a course provider with the Blik op Werk keurmerk."),
    "course_hours_registered_by_duo": (_BOOL, "Whether DUO has registered those hours."),
    "literacy_course": (_BOOL, "Followed a literacy (alfabetisering) course."),
    "literacy_hours": (_int(10000), "Of the course hours, the hours of alfabetisering."),
    "extension_granted": (
        _BOOL,
        "DUO or the gemeente granted an extension of the term (a letter says so).",
    ),
    "delay_not_own_fault": (
        _BOOL,
        "There were reasons for delay that were not the person's fault.",
    ),
    "delay_reasons": (_list(F.DELAY_REASONS), "The reasons for the delay."),
    "medical_limitation": (_BOOL, "A lasting limitation that makes the exam impossible."),
    "exemption_granted": (
        {
            "type": "object",
            "properties": {
                "ground": _enum(F.EXEMPTION_GROUNDS),
                "date": {"anyOf": [_DATE, {"type": "null"}]},
            },
            "required": ["ground"],
            "additionalProperties": False,
        },
        "An ontheffing already granted: its ground and decision date.",
    ),
    "release_granted": (_BOOL, "A vrijstelling was already granted."),
    "years_residence": (_int(130), "Years of residence in the Netherlands."),
    "years_work": (_int(130), "Years of paid work or volunteer work in the Netherlands."),
    "years_work_with_dutch": (_int(130), "Years of work where Dutch was spoken."),
    "employer_statement": (
        _BOOL,
        "An employer or organisation can state the years of work and the level of Dutch.",
    ),
    "dutch_diplomas": (_list(F.DUTCH_DIPLOMAS), "Dutch diplomas held."),
    "duo_loan": (_BOOL, "Has a DUO loan for integration."),
    "fines_received": (_int(100), "Number of integration fines received."),
    "goals": (_list(F.GOALS), "What the person wants next."),
}


def facts_json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the facts; every field may be null (unknown)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://wegwijzer-inburgering.nl/schema/facts.json",
        "title": "Facts",
        "description": "A person's situation. Every field is optional; null means unknown.",
        "type": "object",
        "properties": {name: _nullable(s, d) for name, (s, d) in _PROPERTIES.items()},
        "additionalProperties": False,
    }


def schema_text() -> str:
    """Return the schema as the exact text stored in facts.schema.json."""
    return json.dumps(facts_json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # pragma: no cover - regenerate with: python -m portal.rules.schema
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")

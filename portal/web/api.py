"""JSON API under /api/v1: no session cookie, no HTML, no CSRF (it reads no cookie).

POST /api/v1/check takes {"facts": {...}, "lang": "nl", "date": "YYYY-MM-DD"} and returns
the Outcome, its texts translated into `lang`. Invalid input gets a 400 with field errors.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask import Blueprint, jsonify, request, url_for

from portal.i18n import LANGUAGES, force_locale, translate
from portal.rules import Facts, FactsError, evaluate, facts_json_schema
from portal.security import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Reference dates the rules can answer for: from the first law (2007) well into the future.
EARLIEST = date(2007, 1, 1)
LATEST = date(2100, 12, 31)
# Python 3.11's date.fromisoformat also takes "20190101" and week dates; the API takes only this.
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# The dates the API takes, as JSON Schema patterns for the OpenAPI document, so that a client (and
# schemathesis) can tell a valid request from an invalid one. Leap days: years divisible by 4,
# but 1900 and 2100 are none. tests/web/test_api_schemathesis.py checks them day by day.
_MONTH_DAY = "((0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)"
# The reference date: every real date from EARLIEST to LATEST.
REFERENCE_DATE_PATTERN = (
    f"^((200[7-9]|20[1-9][0-9]|2100)-{_MONTH_DAY}|20(08|[2468][048]|[13579][26])-02-29)$"
)
# A date in the facts: YYYY-MM-DD or YYYY-MM, from 1900 (Facts.from_dict) to LATEST (the view).
FACTS_DATE_PATTERN = (
    f"^((19[0-9]{{2}}|20[0-9]{{2}}|2100)-((0[1-9]|1[0-2])|{_MONTH_DAY})"
    "|(19(0[48]|[2468][048]|[13579][26])|20([02468][048]|[13579][26]))-02-29)$"
)
_FACTS_DATE = re.compile(FACTS_DATE_PATTERN)
csrf.exempt(bp)


def _error(errors: list[dict[str, str]], status: int = 400):  # type: ignore[no-untyped-def]
    return jsonify({"errors": errors}), status


@bp.post("/check")
def check():  # type: ignore[no-untyped-def]
    """Evaluate the posted facts and return the outcome."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return _error([{"field": "", "message": "the body must be a JSON object"}])
    unknown = sorted(set(body) - {"facts", "lang", "date"})
    if unknown:
        return _error([{"field": key, "message": "unknown field"} for key in unknown])
    lang = body.get("lang", "nl")
    if not isinstance(lang, str) or lang not in LANGUAGES:
        return _error([{"field": "lang", "message": f"one of {', '.join(LANGUAGES)}"}])
    today = None
    if body.get("date") is not None:
        try:
            if not isinstance(body["date"], str) or not _ISO_DATE.match(body["date"]):
                raise ValueError(body["date"])
            today = date.fromisoformat(body["date"])
        except ValueError:
            return _error([{"field": "date", "message": "a date as YYYY-MM-DD"}])
        if not EARLIEST <= today <= LATEST:
            return _error([{"field": "date", "message": f"a date from {EARLIEST} to {LATEST}"}])
    try:
        facts = Facts.from_dict(_whole_numbers(body.get("facts", {})))
    except FactsError as error:
        return _error([{**e, "field": f"facts.{e['field']}".rstrip(".")} for e in error.errors])
    # Facts.from_dict takes years up to 9999 (where the term arithmetic overflows) and any
    # Unicode digits; the API takes what its OpenAPI document says.
    odd = _odd_dates(body.get("facts"), "facts")
    if odd:
        message = f"a date as YYYY-MM-DD or YYYY-MM, up to {LATEST}"
        return _error([{"field": field, "message": message} for field in odd])
    try:
        outcome = evaluate(facts, today)
    except (ValueError, OverflowError, LookupError):
        # A date so far out that the term arithmetic or the dated parameters give up.
        return _error([{"field": "facts", "message": "a date lies outside what the rules cover"}])
    with force_locale(lang):
        data: dict[str, Any] = outcome.to_dict(translate=translate)
    data["lang"] = lang
    return jsonify(data)


def _whole_numbers(value: Any) -> Any:
    """Return `value` with each whole float as an int: in JSON (and JSON Schema) 19.0 is 19."""
    if isinstance(value, dict):
        return {key: _whole_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_whole_numbers(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _odd_dates(value: Any, path: str) -> list[str]:
    """Return the path of every date in the valid facts `value` outside FACTS_DATE_PATTERN."""
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in _odd_dates(item, f"{path}.{key}")]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _odd_dates(item, f"{path}[{i}]")]
    # In valid facts a string that starts with a digit is a date; the others are codes.
    if isinstance(value, str) and value[:1].isdigit() and not _FACTS_DATE.match(value):
        return [path]
    return []


@bp.get("/schema")
def schema():  # type: ignore[no-untyped-def]
    """Return the JSON Schema of the facts."""
    return jsonify(facts_json_schema())


@bp.get("/openapi.json")
def openapi():  # type: ignore[no-untyped-def]
    """Return the OpenAPI 3.1 document of this API."""
    return jsonify(openapi_document(url_for("api.schema")))


def openapi_document(schema_url: str) -> dict[str, Any]:
    """Build the OpenAPI description: every status and body the API answers with."""
    error_list = {
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["field", "message"],
                    "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
                },
            }
        },
    }
    # What portal/errors.py answers for an HTTP error under /api/.
    http_error = {
        "type": "object",
        "required": ["error", "status"],
        "properties": {"error": {"type": "string"}, "status": {"type": "integer"}},
    }
    check_request = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "facts": {"$ref": "#/components/schemas/Facts"},
            "lang": {"type": "string", "enum": list(LANGUAGES), "default": "nl"},
            "date": {
                "description": "The reference date, YYYY-MM-DD; null or left out: today.",
                "anyOf": [
                    {"type": "string", "format": "date", "pattern": REFERENCE_DATE_PATTERN},
                    {"type": "null"},
                ],
            },
        },
    }

    def json_body(description: str, schema: dict[str, Any]) -> dict[str, Any]:
        return {"description": description, "content": {"application/json": {"schema": schema}}}

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Wegwijzer Inburgering API",
            "version": "1",
            "description": (
                "Evaluates a situation against the civic-integration rules. Information, not a "
                "decision. The facts schema is also served at " + schema_url + "; here its "
                "dates are narrowed to the real dates from 1900 to " + str(LATEST) + "."
            ),
        },
        "paths": {
            "/api/v1/check": {
                "post": {
                    "summary": "Evaluate facts and return the outcome",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": check_request}},
                    },
                    "responses": {
                        "200": json_body(
                            "The outcome, texts in the requested language",
                            {"$ref": "#/components/schemas/Outcome"},
                        ),
                        "400": json_body("Invalid facts, language or date", error_list),
                        "413": json_body("The body is too large (MAX_CONTENT_LENGTH)", http_error),
                    },
                }
            },
            "/api/v1/schema": {
                "get": {
                    "summary": "The JSON Schema of the facts",
                    "responses": {
                        "200": json_body("JSON Schema (draft 2020-12)", {"type": "object"})
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {
                    "summary": "This OpenAPI document",
                    "responses": {"200": json_body("OpenAPI 3.1", {"type": "object"})},
                }
            },
        },
        "components": {
            "schemas": {
                "Facts": _with_exact_dates(facts_json_schema()),
                "Outcome": {
                    "type": "object",
                    "required": ["regime", "status", "authority", "routes"],
                    "properties": {
                        "regime": {
                            "enum": ["wi2007", "wi2013", "wi2021", "not_obliged", "unknown"]
                        },
                        "status": {
                            "enum": [
                                "obliged",
                                "fulfilled",
                                "exempted",
                                "released",
                                "not_obliged",
                                "unknown",
                            ]
                        },
                        "authority": {"enum": ["gemeente", "duo", "ind"]},
                        "reference_date": {"type": "string", "format": "date"},
                        "lang": {"type": "string"},
                        "term": {"type": "object"},
                        "routes": {"type": "array", "items": {"type": "object"}},
                        "consequences": {"type": "array", "items": {"type": "object"}},
                        "help": {"type": "array", "items": {"type": "object"}},
                        "uncertain": {"type": "array", "items": {"type": "object"}},
                        "regime_sources": {"type": "array", "items": {"type": "object"}},
                    },
                },
            }
        },
    }


def _with_exact_dates(node: Any) -> Any:
    """Return a copy of the facts schema with every date pattern set to FACTS_DATE_PATTERN."""
    if isinstance(node, list):
        return [_with_exact_dates(item) for item in node]
    if not isinstance(node, dict):
        return node
    copy = {key: _with_exact_dates(item) for key, item in node.items()}
    if "pattern" in copy:  # in the facts schema only dates have a pattern
        copy["pattern"] = FACTS_DATE_PATTERN
    return copy

"""JSON API under /api/v1: no session cookie, no HTML, no CSRF (it reads no cookie).

POST /api/v1/check takes {"facts": {...}, "lang": "nl", "date": "YYYY-MM-DD"} and returns
the Outcome, its texts translated into `lang`. Invalid input gets a 400 with field errors.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask import Blueprint, jsonify, request, url_for

from portal.i18n import LANGUAGES
from portal.rules import Facts, FactsError, evaluate, facts_json_schema
from portal.rules.schema import MONTH_DAY
from portal.security import csrf
from portal.web import wording

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Reference dates the rules can answer for: from the first law (2007) well into the future.
EARLIEST = date(2007, 1, 1)
LATEST = date(2100, 12, 31)
# Python 3.11's date.fromisoformat also takes "20190101" and week dates; the API takes only this.
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# The reference date as a JSON Schema pattern, so that a client (and schemathesis) can tell a
# valid request from an invalid one: every real date from EARLIEST to LATEST. Facts dates use
# portal.rules.schema.FACTS_DATE_PATTERN, which Facts.from_dict enforces.
REFERENCE_DATE_PATTERN = (
    f"^((200[7-9]|20[1-9][0-9]|2100)-{MONTH_DAY}|20(08|[2468][048]|[13579][26])-02-29)$"
)
csrf.exempt(bp)


def _error(errors: list[dict[str, str]], status: int = 400):  # type: ignore[no-untyped-def]
    return jsonify({"errors": errors}), status


@bp.post("/check")
def check():  # type: ignore[no-untyped-def]
    """Evaluate the posted facts and return the outcome."""
    try:
        body = request.get_json(silent=True)
    except RecursionError:
        # json.loads gives up on deeply nested arrays or objects; that is bad input, not a 500
        # (issue 14).
        body = None
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
        facts = Facts.from_dict(body.get("facts", {}))
    except FactsError as error:
        return _error([{**e, "field": f"facts.{e['field']}".rstrip(".")} for e in error.errors])
    try:
        outcome = evaluate(facts, today)
    except (ValueError, OverflowError, LookupError):
        # A date so far out that the term arithmetic or the dated parameters give up.
        return _error([{"field": "facts", "message": "a date lies outside what the rules cover"}])
    # The same words as the result page and its download (issue 13): dates, numbers and names
    # of exam parts in the requested language.
    return jsonify(wording.outcome_data(outcome, lang))


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
                "decision. The facts schema is also served at " + schema_url + "."
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
                "Facts": facts_json_schema(),
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

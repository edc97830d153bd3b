"""The JSON API: /api/v1/check, /api/v1/schema and the OpenAPI document."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from portal.rules import facts_json_schema

FAMILY_2014 = {
    "nationality_group": "other",
    "residence_purpose": "family",
    "residence_decision_date": "2014-03-01",
}


def test_check_returns_an_outcome_that_matches_the_openapi_schema(client):
    response = client.post("/api/v1/check", json={"facts": FAMILY_2014, "date": "2026-11-23"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["regime"] == "wi2013"
    assert body["reference_date"] == "2026-11-23"
    openapi = client.get("/api/v1/openapi.json").get_json()
    jsonschema.validate(body, openapi["components"]["schemas"]["Outcome"])
    assert "Set-Cookie" not in response.headers


def test_check_texts_follow_the_requested_language(client):
    texts = {}
    for lang in ("nl", "en"):
        body = client.post("/api/v1/check", json={"facts": FAMILY_2014, "lang": lang}).get_json()
        assert body["lang"] == lang
        texts[lang] = [why for route in body["routes"] for why in route["why"]]
    assert texts["nl"], "expected reasons in the outcome"
    assert all(isinstance(text, str) for text in texts["en"])
    assert texts["nl"] != texts["en"]


def test_every_route_in_the_api_answer_cites_a_source(client):
    body = client.post("/api/v1/check", json={"facts": FAMILY_2014}).get_json()
    for route in body["routes"]:
        assert route["sources"], route["code"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"facts": {"age": "old"}}, "facts.age"),
        ({"facts": {"nationality_group": "martian"}}, "facts.nationality_group"),
        ({"facts": {"residence_decision_date": "2014-13-45"}}, "facts.residence_decision_date"),
        ({"facts": {}, "lang": "fr"}, "lang"),
        ({"facts": {}, "date": "tomorrow"}, "date"),
        ({"facts": {}, "extra": 1}, "extra"),
        ([1, 2, 3], ""),
    ],
)
def test_invalid_input_gets_a_400_with_field_errors(client, payload, field):
    response = client.post("/api/v1/check", json=payload)
    assert response.status_code == 400
    errors = response.get_json()["errors"]
    assert any(error["field"] == field for error in errors), errors


def test_a_body_that_is_not_json_gets_a_400(client):
    response = client.post("/api/v1/check", data="facts=1", content_type="text/plain")
    assert response.status_code == 400
    assert response.get_json()["errors"]


def test_schema_is_the_published_facts_schema(client):
    served = client.get("/api/v1/schema").get_json()
    assert served == facts_json_schema()
    jsonschema.Draft202012Validator.check_schema(served)
    jsonschema.validate(FAMILY_2014, served)


def test_unknown_api_url_is_a_json_404(client):
    response = client.get("/api/v1/nothing")
    assert response.status_code == 404
    assert response.get_json()["status"] == 404


def test_cli_check_prints_the_outcome(tmp_path: Path):
    facts_file = tmp_path / "facts.json"
    facts_file.write_text(json.dumps(FAMILY_2014))
    bin_dir = Path(sys.executable).parent
    for command in (
        [str(bin_dir / "portal"), "check", str(facts_file), "--date", "2026-11-23"],
        [sys.executable, "-m", "portal", "check", str(facts_file)],
    ):
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        assert json.loads(result.stdout)["regime"] == "wi2013"


def test_cli_check_reports_invalid_facts_with_exit_code_1(tmp_path: Path):
    facts_file = tmp_path / "facts.json"
    facts_file.write_text(json.dumps({"age": -4}))
    bin_dir = Path(sys.executable).parent
    result = subprocess.run(
        [str(bin_dir / "portal"), "check", str(facts_file)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert json.loads(result.stdout)["errors"][0]["field"] == "age"


@pytest.mark.parametrize(
    "payload",
    [
        {"facts": {}, "date": "0001-01-01"},
        {"facts": {"residence_decision_date": "9999-12-01"}, "date": "2100-12-31"},
        {"facts": {"residence_decision_date": "9999-12-01"}},
    ],
)
def test_dates_outside_what_the_rules_cover_get_a_400(client, payload):
    # Review finding 9: these raised ParameterError or "year 10002 is out of range" (500).
    response = client.post("/api/v1/check", json=payload)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.get_json()["errors"]

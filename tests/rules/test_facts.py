"""Facts validation, the JSON Schema file, and the Text/Source helpers."""

from __future__ import annotations

import jsonschema
import pytest

from portal.rules import Facts, FactsError, facts_json_schema
from portal.rules.outcome import Source
from portal.rules.schema import SCHEMA_PATH, schema_text


def test_schema_file_is_current() -> None:
    # Regenerate with: .venv/bin/python -m portal.rules.schema
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text()


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(facts_json_schema())


def test_month_precision_uses_day_one() -> None:
    facts = Facts.from_dict({"residence_decision_date": "2012-12"})
    assert facts.to_dict()["residence_decision_date"] == "2012-12-01"


def test_invalid_facts_list_every_error() -> None:
    with pytest.raises(FactsError) as info:
        Facts.from_dict(
            {"age": True, "goals": ["x"], "nope": 1, "obligation_start_date": "2013-02-30"}
        )
    fields = {e["field"] for e in info.value.errors}
    assert fields == {"age", "goals[0]", "nope", "obligation_start_date"}


def test_valid_example_passes_schema_and_from_dict() -> None:
    data = {
        "residence_decision_date": "2014-05-01",
        "exemption_granted": {"ground": "agi", "date": None},
    }
    jsonschema.validate(data, facts_json_schema())
    assert Facts.from_dict(data).exemption_granted is not None


def test_source_label() -> None:
    assert Source(law="Wet inburgering", article="7", seed="004", lines="344-345").label() == (
        "Wet inburgering art. 7; seed 004:344-345"
    )

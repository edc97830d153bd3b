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


@pytest.mark.parametrize(
    "raw",
    ["٢٠١٩-٠١", "2019-٠١-01", "１９９９-01", "2101-01", "9999-12-31", "1899-12-31", "20190101"],
)
def test_facts_take_only_the_dates_their_schema_allows(raw: str) -> None:
    # The API, the CLI and the schema agree: ASCII digits, real dates from 1900 to 2100.
    with pytest.raises(FactsError):
        Facts.from_dict({"residence_decision_date": raw})
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"residence_decision_date": raw}, facts_json_schema())


@pytest.mark.parametrize("raw", ["1900-01", "2000-02-29", "2100-12-31", "2016-05"])
def test_facts_and_their_schema_take_the_edges(raw: str) -> None:
    assert Facts.from_dict({"residence_decision_date": raw}).residence_decision_date
    jsonschema.validate({"residence_decision_date": raw}, facts_json_schema())


def test_a_whole_float_is_a_whole_number() -> None:
    # JSON Schema counts 19.0 as an integer, so the facts do too.
    assert Facts.from_dict({"age": 19.0}).age == 19
    with pytest.raises(FactsError):
        Facts.from_dict({"age": 19.5})

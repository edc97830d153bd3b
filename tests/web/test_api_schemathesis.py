"""Schemathesis against the API's own OpenAPI document: every answer is one the document promises.

It found (issue 7): a 405 without Allow, schema-valid dates and whole floats (19.0) refused with a
400, and facts dates past 2100 taken; the tests after the fuzz test guard each of them.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from portal.rules import Facts, FactsError
from portal.rules.schema import FACTS_DATE_PATTERN
from portal.web.api import EARLIEST, LATEST, REFERENCE_DATE_PATTERN
from tests.conftest import make_app

# The schema must exist when pytest collects the test, before any fixture runs: the fixture
# loader (schemathesis.pytest.from_fixture) reads request.node._nodeid, which pytest 9.2 removed.
# So the app and its tmp folder are made at import, and the fixture below removes the folder.
_FOLDER = tempfile.TemporaryDirectory(prefix="api-schemathesis-")
APP = make_app(Path(_FOLDER.name))
SCHEMA = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)
# Schemathesis sends requests' default Accept-Encoding (gzip) but its WSGI transport does not
# unzip, so it would read gzipped JSON as garbage. tests/web/test_assets.py tests the gzip.
PLAIN = {"Accept-Encoding": "identity"}


@pytest.fixture(scope="module", autouse=True)
def _remove_folder() -> Iterator[None]:
    yield
    _FOLDER.cleanup()


@SCHEMA.parametrize()
@settings(
    max_examples=300,
    deadline=None,
    # Derandomized, without an example database: CI runs the same examples every time, so a
    # red build is a change in this repository, never a lucky draw or a failure replayed from a
    # local .hypothesis/ folder. (The explicit and coverage cases of schemathesis do not depend on
    # the seed anyway.) To explore, run it with derandomize=False and more examples.
    derandomize=True,
    database=None,
    # Schemathesis builds nested Facts bodies from the date patterns and filters some out
    # (~20 ms a case here): on a slow runner these checks would fail on the generator's speed,
    # not on anything the API does.
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_matches_its_openapi_document(case: schemathesis.Case) -> None:
    case.call_and_validate(headers=PLAIN)


def _check(body: object, **kwargs: object) -> schemathesis.Response:
    """POST `body` to /api/v1/check and run every schemathesis check on the answer."""
    case = SCHEMA["/api/v1/check"]["POST"].Case(body=body, media_type="application/json")
    return case.call_and_validate(headers=PLAIN, **kwargs)


# issue 7
@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "TRACE"])
def test_a_wrong_method_gets_a_405_that_names_the_right_one(method: str) -> None:
    response = APP.test_client().open("/api/v1/check", method=method)
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]


# issue 7
def test_a_whole_float_is_a_whole_number() -> None:
    response = _check({"facts": {"age": 19.0, "exam_attempts_least": 1e1}})
    assert response.status_code == 200


# issue 7
@pytest.mark.parametrize(
    ("facts", "field"),
    [
        ({"residence_decision_date": "2101-01"}, "facts.residence_decision_date"),
        ({"exam_attempts": {"knm": ["2019-01", "9999-12-31"]}}, "facts.exam_attempts.knm[1]"),
        (
            {"exemption_granted": {"ground": "agi", "date": "5000-01"}},
            "facts.exemption_granted.date",
        ),
        ({"obligation_start_date": "٢٠١٩-٠١"}, "facts.obligation_start_date"),  # Arabic digits
    ],
)
def test_facts_dates_past_2100_or_in_other_digits_get_a_field_error(
    facts: dict[str, object], field: str
) -> None:
    response = _check({"facts": facts})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == [field]


# issue 7
@pytest.mark.parametrize(
    "text", ["2006-12-31", "2101-01-01", "2019-02-29", "20190101", "2019-W01-1"]
)
def test_a_reference_date_outside_the_pattern_gets_a_field_error(text: str) -> None:
    # Python 3.11's date.fromisoformat took the last two.
    response = _check({"facts": {}, "date": text})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["date"]


# issue 7
def test_a_body_over_the_size_limit_gets_the_documented_413() -> None:
    response = _check({"facts": {"goals": ["naturalisation"] * 3000}})
    assert response.status_code == 413


def _strings_in(years: Iterable[int], months: bool) -> Iterator[str]:
    """Yield YYYY-MM-DD (and YYYY-MM) strings in these years, real dates or not."""
    for year in years:
        for month in range(14):
            if months:
                yield f"{year}-{month:02d}"
            for day in range(33):
                yield f"{year}-{month:02d}-{day:02d}"


def _rules_date(text: str) -> date | None:
    """Return the date the rules read in `text`, or None when they refuse it."""
    try:
        return Facts.from_dict({"residence_decision_date": text}).residence_decision_date
    except FactsError:
        return None


# issue 7
def test_the_reference_date_pattern_takes_exactly_the_dates_the_view_takes() -> None:
    pattern = re.compile(REFERENCE_DATE_PATTERN)
    # Both ends, and leap years from 2004 to 2012 and 2096 to 2100 (no leap year).
    years = [*range(2003, 2013), *range(2095, 2104)]
    for text in _strings_in(years, months=False):
        try:
            taken = EARLIEST <= date.fromisoformat(text) <= LATEST
        except ValueError:
            taken = False
        assert bool(pattern.match(text)) == taken, text


# issue 7
def test_the_facts_date_pattern_takes_exactly_the_rules_dates_up_to_2100() -> None:
    pattern = re.compile(FACTS_DATE_PATTERN)
    # Both ends, and the leap years around 1900 and 2100 (none) and 2000 (one).
    years = [*range(1896, 1910), *range(1995, 2006), *range(2095, 2104)]
    for text in _strings_in(years, months=True):
        parsed = _rules_date(text)
        taken = parsed is not None and parsed <= LATEST
        assert bool(pattern.match(text)) == taken, text

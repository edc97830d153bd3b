"""Every parameter value has valid_from and a source, and values never overlap."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from portal.rules.parameters import ParameterError, load_parameters, value_at
from portal.rules.version import RULES_CHECKED

PARAMETERS = load_parameters()


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_parameter_has_sources_and_no_overlaps(name: str) -> None:
    periods = PARAMETERS[name].periods
    assert periods, "a parameter needs at least one value"
    for period in periods:
        assert period.source.law or period.source.seed or period.source.url
        assert period.valid_to is None or period.valid_to >= period.valid_from
    for earlier, later in pairwise(periods):
        assert earlier.valid_to is not None, "only the last value may be open-ended"
        assert earlier.valid_to < later.valid_from


def test_agi_attempts_change_on_1_april_2023() -> None:
    assert value_at("agi/max_attempts", date(2023, 3, 31))[0] == 4
    assert value_at("agi/max_attempts", date(2023, 4, 1))[0] == 3


def test_wi2007_agi_counts_for_naturalisation_from_march_2025() -> None:
    # The day in March 2025 was not found (law-in-force point 2): the month itself is "unknown".
    assert value_at("naturalisation/wi2007_agi_counts", date(2025, 2, 28))[0] is False
    assert value_at("naturalisation/wi2007_agi_counts", date(2025, 3, 1))[0] == "unknown"
    assert value_at("naturalisation/wi2007_agi_counts", date(2025, 3, 31))[0] == "unknown"
    assert value_at("naturalisation/wi2007_agi_counts", date(2025, 4, 1))[0] is True


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_parameter_records_when_it_was_checked(name: str) -> None:
    # Issue 11 item 15: every parameter records the date it was last checked against the law.
    checked = PARAMETERS[name].checked
    assert checked is not None, "add `checked: YYYY-MM-DD` to the parameter file"
    assert checked <= RULES_CHECKED
    # Its sources carry that date, so the outcome can say when each was checked.
    assert {period.source.checked for period in PARAMETERS[name].periods} == {checked}


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_the_value_in_force_cites_a_source_people_can_open(name: str) -> None:
    # Issue 11 item 15: users see the source of a value; the value in force today must cite a
    # law article with its link or an official page, never only a seed line.
    period = PARAMETERS[name].periods[-1]
    assert period.source.is_public, f"{name}: the last value needs a law or an official page"


def test_unknown_parameter_raises() -> None:
    with pytest.raises(ParameterError):
        value_at("no/such", date(2024, 1, 1))

"""Every parameter value has valid_from and a source, and values never overlap."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from portal.rules.parameters import ParameterError, load_parameters, value_at

PARAMETERS = load_parameters()


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_parameter_has_sources_and_no_overlaps(name: str) -> None:
    periods = PARAMETERS[name].periods
    assert periods, "a parameter needs at least one value"
    for period in periods:
        assert period.source.law or period.source.seed
        assert period.valid_to is None or period.valid_to >= period.valid_from
    for earlier, later in pairwise(periods):
        assert earlier.valid_to is not None, "only the last value may be open-ended"
        assert earlier.valid_to < later.valid_from


def test_agi_attempts_change_on_1_april_2023() -> None:
    assert value_at("agi/max_attempts", date(2023, 3, 31))[0] == 4
    assert value_at("agi/max_attempts", date(2023, 4, 1))[0] == 3


def test_wi2007_agi_counts_for_naturalisation_from_march_2025() -> None:
    assert value_at("naturalisation/wi2007_agi_counts", date(2025, 2, 28))[0] is False
    assert value_at("naturalisation/wi2007_agi_counts", date(2025, 3, 1))[0] is True


def test_unknown_parameter_raises() -> None:
    with pytest.raises(ParameterError):
        value_at("no/such", date(2024, 1, 1))

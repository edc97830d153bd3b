"""The desk reference words every parameter value: no field names, and the unit kept."""

from __future__ import annotations

import re

from portal.rules.parameters import load_parameters
from portal.web import desk_reference


def _values(app, name: str) -> list[str]:
    label = desk_reference.PARAMETERS[name][1]
    with app.test_request_context("/desk/reference"):
        return [
            row.value for law in desk_reference.laws() for row in law.rows if row.label is label
        ]


def test_every_structured_parameter_has_its_own_sentence():
    structured = {
        name
        for name, parameter in load_parameters().items()
        if any(isinstance(period.value, dict) for period in parameter.periods)
    }
    assert structured <= set(desk_reference.DESCRIBED)


# review: the AOW age showed as "lowest: 780; highest: 780"
def test_the_pension_age_is_worded_in_dutch_months(app):
    values = _values(app, "age/pension_age_months")
    assert values == [
        "780 maanden",
        "Laagste 781 maanden, hoogste 802 maanden.",
        "804 maanden",
        "807 maanden",
    ]
    assert not [v for v in values if re.search(r"\b(lowest|highest)\b", v)]

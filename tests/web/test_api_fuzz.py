"""Random JSON at the API never gives a 500: only 200 with an outcome, or 400 with field errors.

It found {"lang": []} raising TypeError in api.check (issue 3: invalid input is a 400).
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.rules.facts import Facts
from tests.conftest import make_app

FIELDS = sorted(Facts.__dataclass_fields__)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=8,
)
# Mostly real field names with odd values, sometimes unknown names.
FACTS = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=10), JSON, max_size=6)
BODY = st.fixed_dictionaries(
    {},
    optional={
        "facts": FACTS | JSON,
        "lang": st.sampled_from(["nl", "en", "ar", "ti", "xx", ""]) | JSON,
        "date": st.sampled_from(["2026-11-23", "2013-01-01", "2026-02-30", ""]) | JSON,
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=BODY)
def test_random_bodies_get_an_outcome_or_field_errors(tmp_path_factory, body):
    app = _app(tmp_path_factory.getbasetemp())
    response = app.test_client().post("/api/v1/check", json=body)
    assert response.status_code in (200, 400), response.get_data(as_text=True)[:300]
    data = response.get_json()
    if response.status_code == 400:
        assert data["errors"] and all({"field", "message"} <= set(e) for e in data["errors"])
    else:
        assert data["regime"] in {"wi2007", "wi2013", "wi2021", "not_obliged", "unknown"}
        assert all(route["sources"] for route in data["routes"])


_APPS: dict[Path, object] = {}


def _app(base: Path):  # type: ignore[no-untyped-def]
    """One app per test session: hypothesis calls the test many times."""
    if base not in _APPS:
        folder = base / "api-fuzz"
        folder.mkdir(exist_ok=True)
        _APPS[base] = make_app(folder)
    return _APPS[base]

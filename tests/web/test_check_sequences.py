"""Random sequences through the guided check, CSRF on as in production (issue 7)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import check_page, make_app
from tests.web.test_check import answer_until, stored


# issue 7: the state machine posts a list for a single choice; WTForms kept the first value.
@pytest.mark.parametrize(
    ("slug", "data", "field"),
    [
        ("nationality-group", {"answer": ["other", "turkish"]}, "answer"),
        ("residence-decision-date", {"month": ["3", "4"], "year": "2019"}, "answer-month"),
        ("residence-decision-date", {"month": "3", "year": ["2019", "2020"]}, "answer-year"),
        ("age", {"answer": ["30", "31"]}, "answer"),
        ("age", {"answer": "30", "unknown": ["y", "y"]}, "answer"),
    ],
)
def test_several_values_for_a_single_field_are_refused(
    tmp_path: Path, slug: str, data: dict[str, Any], field: str
) -> None:
    app = make_app(tmp_path, WTF_CSRF_ENABLED=False)
    client = app.test_client()
    answer_until(client, stop=slug)
    before = stored(app, client)
    page = check_page(client.post(f"/nl/check/{slug}", data=data))
    assert page.doc.find(".//div[@class='error-summary']//a").get("href") == f"#{field}"
    assert stored(app, client) == before

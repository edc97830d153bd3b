"""Random form posts to every question never give a 500, and never lose earlier answers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal import store
from portal.flow import engine
from tests.conftest import give_answers, make_app
from tests.web.test_result import TYPICAL_ANSWERS, complete_answers

QUESTIONNAIRE = engine.load_questionnaire()
SLUGS = [question.id.replace("_", "-") for question in QUESTIONNAIRE.questions]
VALUE = st.text(max_size=30) | st.sampled_from(["unknown", "yes", "no", "0", "-1", "99999", "y"])
FORM = st.fixed_dictionaries(
    {},
    optional={
        "answer": st.lists(VALUE, max_size=3),
        "month": VALUE,
        "year": VALUE,
        "unknown": VALUE,
        "extra": VALUE,
    },
)
_APPS: dict[Path, Any] = {}


def _app(base: Path) -> Any:
    if base not in _APPS:
        folder = base / "check-fuzz"
        folder.mkdir(exist_ok=True)
        _APPS[base] = make_app(folder, WTF_CSRF_ENABLED=False)
    return _APPS[base]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(slug=st.sampled_from(SLUGS), form=FORM)
def test_random_posts_never_fail(tmp_path_factory: Any, slug: str, form: dict[str, Any]) -> None:
    app = _app(tmp_path_factory.getbasetemp())
    client = app.test_client()
    answers = complete_answers(TYPICAL_ANSWERS)
    set_id = give_answers(app, client, answers)
    response = client.post(f"/en/check/{slug}", data=form)
    assert response.status_code in (200, 302, 303), response.status_code
    with app.app_context():
        kept = store.load_answers(store.get_db(), set_id)
    assert kept is not None
    # Every answer except the one posted to is still there, unchanged.
    posted = slug.replace("-", "_")
    assert {k: v for k, v in kept.items() if k != posted} == {
        k: v for k, v in answers.items() if k != posted
    }

"""Random sequences through the guided check, CSRF on as in production (issue 7).

A hypothesis state machine answers (well and badly), goes back, changes answers from the
answers page, starts again, saves a code and resumes it in a fresh client, views the result,
switches language and coach mode, and deletes. Every page passes the page checker. Invariants:
never a 5xx; a bad answer shows the question again with an error and loses nothing; the store
holds exactly the answers given; a code gives back exactly its answers; deleted means gone.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from portal import store
from portal.flow import engine
from portal.flow.engine import MIN_YEAR
from portal.flow.schema import Question
from tests.conftest import Page, check_page, make_app
from tests.web.test_check import LANGS, answer_until, stored

QUESTIONNAIRE = engine.load_questionnaire()
# A posted form and the answer the store must then hold, or a form that must be refused.
Answer = tuple[dict[str, Any], Any]


def valid_answers(question: Question) -> st.SearchStrategy[Answer]:
    """Return (form data, stored value) pairs a person can post for `question`."""
    choices: list[st.SearchStrategy[Answer]] = []
    if question.type in {"choice", "yes_no"}:
        # Last option first: hypothesis favours the first, and the first options of the first
        # questions (EU citizen, here for a while) end the check at once.
        codes = ["no", "yes"] if question.type == "yes_no" else [o.value for o in question.options]
        codes.reverse()
        choices.append(st.sampled_from(codes).map(lambda code: ({"answer": code}, code)))
        unknown: Answer = ({"answer": "unknown"}, "unknown")
    else:
        unknown = ({"unknown": "y"}, "unknown")
    if question.type == "number":
        choices.append(
            st.integers(question.minimum, question.maximum).map(lambda n: ({"answer": str(n)}, n))
        )
    if question.type == "month_year":
        # Last year at the latest: a month later this year would be in the future.
        choices.append(
            st.tuples(st.integers(1, 12), st.integers(MIN_YEAR, date.today().year - 1)).map(
                lambda my: ({"month": str(my[0]), "year": str(my[1])}, f"{my[1]:04d}-{my[0]:02d}")
            )
        )
    if question.type == "multi":
        codes = [o.value for o in question.options if not o.exclusive]
        choices.append(
            st.lists(st.sampled_from(codes), min_size=1, unique=True).map(
                lambda chosen: ({"answer": chosen}, chosen)
            )
        )
        choices += [st.just(({"answer": [o.value]}, [])) for o in question.options if o.exclusive]
    if question.unknown:
        choices.append(st.just(unknown))
    return st.one_of(choices)


def _not_a_code(allowed: set[str]) -> st.SearchStrategy[str]:
    return st.text(min_size=1, max_size=20).filter(lambda text: text not in allowed)


def bad_forms(question: Question) -> st.SearchStrategy[dict[str, Any]]:
    """Return form data that `question` must refuse: missing, tampered or garbage."""
    forms: list[st.SearchStrategy[dict[str, Any]]] = [st.just({})]
    codes = {o.value for o in question.options} | ({"unknown"} if question.unknown else set())
    if question.type in {"choice", "yes_no"}:
        if question.type == "yes_no":
            codes = {"yes", "no"} | ({"unknown"} if question.unknown else set())
        forms.append(_not_a_code(codes).map(lambda text: {"answer": text}))
        # A list for a single choice: a browser sends one value; found by this test (issue 7).
        forms.append(
            st.lists(st.sampled_from(sorted(codes)), min_size=2, max_size=3).map(
                lambda chosen: {"answer": chosen}
            )
        )
    if question.type == "multi":
        good = [o.value for o in question.options if not o.exclusive]
        forms.append(
            st.tuples(st.lists(st.sampled_from(good), max_size=2), _not_a_code(codes)).map(
                lambda parts: {"answer": [*parts[0], parts[1]]}
            )
        )
        forms.append(st.sampled_from(good).map(lambda code: {"answer": [code, code]}))
        for option in question.options:
            if option.exclusive:
                forms.append(
                    st.sampled_from(good).map(lambda c, o=option: {"answer": [o.value, c]})
                )
        if question.unknown:
            forms.append(st.sampled_from(good).map(lambda code: {"answer": [code], "unknown": "y"}))
    if question.type == "number":
        no_digits = st.text(
            st.characters(exclude_categories=["Nd", "Zs", "Cc", "Cs"]), min_size=1, max_size=10
        )
        outside = [str(question.minimum - 1), str(question.maximum + 1), "9" * 7, "1.5", "1e3"]
        forms.append((no_digits | st.sampled_from(outside)).map(lambda text: {"answer": text}))
        forms.append(st.just({"answer": ["1", "2"]}))
        if question.unknown:
            forms.append(st.just({"answer": "3", "unknown": "y"}))
    if question.type == "month_year":
        next_year = str(date.today().year + 1)
        pairs = [("13", "2019"), ("0", "2019"), ("x", "2019"), ("3", "19"), ("3", "1800")]
        pairs.append(("3", next_year))
        forms.append(st.sampled_from(pairs).map(lambda p: {"month": p[0], "year": p[1]}))
        forms.append(st.just({"month": ["3", "4"], "year": "2019"}))
        if question.unknown:
            forms.append(st.just({"month": "3", "year": "2019", "unknown": "y"}))
    return st.one_of(forms)


def shown_answer(page: Page, question: Question) -> Any:
    """Return the answer a question page shows filled in, as the store would hold it."""
    checked = [
        (i.get("name"), i.get("value")) for i in page.all("input") if i.get("checked") is not None
    ]
    if ("unknown", "y") in checked or ("answer", "unknown") in checked:
        return "unknown"
    chosen = [value for name, value in checked if name == "answer"]
    if question.type in {"choice", "yes_no"}:
        return chosen[0] if chosen else None
    if question.type == "multi":
        exclusive = {o.value for o in question.options if o.exclusive}
        return None if not chosen else [c for c in chosen if c not in exclusive]
    if question.type == "number":
        typed = page.doc.find(".//input[@id='answer']").get("value")
        return int(typed) if typed else None
    month = page.doc.find(".//select[@id='answer-month']/option[@selected]")
    year = page.doc.find(".//input[@id='answer-year']").get("value")
    if month is None or not month.get("value") or not year:
        return None
    return f"{int(year):04d}-{int(month.get('value')):02d}"


class CheckSequences(RuleBasedStateMachine):
    """One person (one browser at a time) in the guided check; the model is what they gave."""

    def __init__(self, app: Flask) -> None:
        super().__init__()
        self.app = app
        self.client: FlaskClient = app.test_client()
        self.lang = "nl"
        self.coach = False
        self.answers: dict[str, dict[str, Any]] = {}  # answer set id -> the answers given
        self.codes: dict[str, str] = {}  # resume code -> answer set id
        self.dead_codes: set[str] = set()  # replaced, or their answers deleted
        self.page: Page | None = None
        self.path = ""  # the last page that a GET can open again, without /<lang>/
        self.question: Question | None = None  # set when that page is a question

    # --- helpers ---------------------------------------------------------------------------

    def _land(self, response: Any) -> None:
        """Check every hop and the page landed on; remember where this browser is now."""
        for hop in [*response.history, response]:
            assert hop.status_code < 500, (hop.request.path, hop.status_code)
        self.page = check_page(response, status=response.status_code, lang=self.lang)
        path = response.request.path.split("/", 2)[2]
        query = response.request.query_string.decode()
        self.path = f"{path}?{query}" if query else path
        self.question = None
        if path.startswith("check/") and self.page.doc.find(".//fieldset") is not None:
            self.question = QUESTIONNAIRE.by_slug(path.removeprefix("check/"))
        set_id = self._set_id()
        if set_id is not None and set_id not in self.answers:
            self.answers[set_id] = {}  # a new check was started
        if self.question is not None and not self._has_error():
            # Back, change and language switch show the stored answer filled in.
            given = self.answers.get(set_id or "", {}).get(self.question.id)
            shown = shown_answer(self.page, self.question)
            if isinstance(given, list) and isinstance(shown, list):
                given, shown = sorted(given), sorted(shown)
            assert shown == given, (self.question.id, shown, given)
            dutch = self.page.doc.find(".//div[@lang='nl']")
            assert (dutch is not None) == (self.coach and self.lang != "nl")

    def _has_error(self) -> bool:
        assert self.page is not None
        return self.page.doc.find(".//div[@class='error-summary']") is not None

    def _get(self, path: str) -> None:
        self._land(self.client.get(f"/{self.lang}/{path}", follow_redirects=True))

    def _token(self) -> str:
        """Return the csrf_token of a form on this page (of the resume form if it has none)."""
        field = self.page.doc.find(".//input[@name='csrf_token']") if self.page else None
        if field is None:
            page = check_page(self.client.get(f"/{self.lang}/check/resume"), lang=self.lang)
            field = page.doc.find(".//input[@name='csrf_token']")
        return str(field.get("value"))

    def _post(self, path: str, data: dict[str, Any], token: str | None = None) -> Any:
        data = {**data, "csrf_token": self._token() if token is None else token}
        response = self.client.post(path, data=data)
        assert response.status_code < 500, (path, response.status_code)
        return response

    def _set_id(self) -> str | None:
        with self.client.session_transaction() as session:
            return session.get("answer_set")

    def _stored(self, set_id: str) -> dict[str, Any] | None:
        with self.app.app_context():
            return store.load_answers(store.get_db(), set_id)

    def _forget(self, set_id: str, keep_if_coded: bool) -> None:
        coded = set_id in self.codes.values()
        if keep_if_coded and coded:
            return
        self.answers.pop(set_id, None)
        self._drop_codes(set_id)
        with self.app.app_context():
            assert store.load_answers(store.get_db(), set_id) is None

    def _drop_codes(self, set_id: str | None) -> None:
        self.dead_codes |= {code for code, s in self.codes.items() if s == set_id}
        self.codes = {code: s for code, s in self.codes.items() if s != set_id}

    def _form_action(self) -> str:
        assert self.page is not None
        form = next(f for f in self.page.all("form") if f.find(".//fieldset") is not None)
        return str(form.get("action"))

    # --- rules -----------------------------------------------------------------------------

    @initialize()
    def begin(self) -> None:
        self._get("check/")

    @rule()
    def start(self) -> None:
        self._get("check/")

    def _answer(self, data: st.DataObject) -> None:
        assert self.question is not None
        form, value = data.draw(valid_answers(self.question), label=self.question.id)
        response = self._post(self._form_action(), form)
        assert response.status_code == 303, response.get_data(as_text=True)[:300]
        # Issue 14: the first answer makes the answer set; a GET before it made none.
        set_id = self._set_id()
        assert set_id is not None
        self.answers.setdefault(set_id, {})[self.question.id] = value
        self._land(self.client.get(response.location, follow_redirects=True))

    @precondition(lambda self: self.question is not None)
    @rule(data=st.data())
    def answer(self, data: st.DataObject) -> None:
        self._answer(data)

    @precondition(lambda self: self.question is not None)
    @rule(data=st.data(), count=st.integers(5, 25))
    def answer_several(self, data: st.DataObject, count: int) -> None:
        # Most sequences would not get far with one answer per step: this reaches the result.
        for _ in range(count):
            if self.question is None:
                break
            self._answer(data)

    @precondition(lambda self: self.question is not None)
    @rule(data=st.data())
    def answer_badly(self, data: st.DataObject) -> None:
        assert self.question is not None
        form = data.draw(bad_forms(self.question), label="bad form")
        response = self._post(self._form_action(), form)
        assert response.status_code == 200, (self.question.id, form, response.status_code)
        self._land(response)
        assert self._has_error(), form

    @precondition(lambda self: self.question is not None)
    @rule(token=st.sampled_from(["", "forged", "reversed"]), data=st.data())
    def answer_with_a_wrong_csrf_token(self, token: str, data: st.DataObject) -> None:
        assert self.question is not None
        form, _value = data.draw(valid_answers(self.question), label="answer")
        wrong = self._token()[::-1] if token == "reversed" else token
        response = self._post(self._form_action(), form, token=wrong)
        assert response.status_code == 400, (self.question.id, token, response.status_code)
        self._land(response)

    @precondition(lambda self: self.question is not None)
    @rule()
    def go_back(self) -> None:
        assert self.page is not None
        link = self.page.doc.find(".//a[@class='back-link']")
        self._land(self.client.get(link.get("href"), follow_redirects=True))

    @precondition(lambda self: bool(self.answers.get(self._set_id() or "")))
    @rule(data=st.data())
    def change_an_answer(self, data: st.DataObject) -> None:
        self._get("check/answers")
        assert self.page is not None
        links = [a.get("href") for a in self.page.all("a") if "from=answers" in a.get("href", "")]
        given = self.answers[self._set_id() or ""]
        for href in links:  # every answer shown is one given
            slug = href.split("?")[0].rsplit("/", 1)[1]
            assert QUESTIONNAIRE.by_slug(slug).id in given, slug
        if links:
            self._land(self.client.get(data.draw(st.sampled_from(links)), follow_redirects=True))

    @rule()
    def start_again(self) -> None:
        set_id = self._set_id()
        response = self._post(f"/{self.lang}/check/restart", {})
        assert response.status_code == 303
        if set_id is not None:
            self._forget(set_id, keep_if_coded=True)
        self._land(self.client.get(response.location, follow_redirects=True))

    @rule(replace=st.booleans())
    def save_a_code(self, replace: bool) -> None:
        set_id = self._set_id()
        response = self._post(f"/{self.lang}/check/save", {"replace": "1"} if replace else {})
        if set_id is None or not self.answers.get(set_id):
            # Issue 14: nothing answered, nothing to save (a code made in advance would open
            # the answers of the next person at this computer).
            assert response.status_code in (400, 410), response.status_code
            self._land(response)
            return
        assert response.status_code == 303
        self._land(self.client.get(response.location))
        assert self.page is not None
        box = self.page.doc.find(".//p[@class='code-box']")
        if set_id in self.codes.values() and not replace:
            # Issue 14: a second save a moment after the first makes no code that kills the
            # first one. Issue 13: if this browser holds that code, the page shows it again;
            # else it says a code was just made.
            if box is not None:
                assert self.codes.get("".join(box.itertext()).strip()) == set_id
            return
        code = "".join(box.itertext()).strip()
        self._drop_codes(set_id)  # a new code replaces the old one
        self.codes[code] = set_id

    @precondition(lambda self: bool(self.codes))
    @rule(data=st.data(), lang=st.sampled_from(LANGS), typed=st.sampled_from(["as", "lower"]))
    def resume_in_a_fresh_client(self, data: st.DataObject, lang: str, typed: str) -> None:
        code = data.draw(st.sampled_from(sorted(self.codes)), label="code")
        self.client, self.lang, self.coach, self.page = self.app.test_client(), lang, False, None
        entered = code if typed == "as" else code.lower().replace("-", " ")
        response = self._post(f"/{lang}/check/resume", {"code": entered})
        assert response.status_code == 303, response.get_data(as_text=True)[:300]
        assert self._set_id() == self.codes[code]
        self._land(self.client.get(response.location, follow_redirects=True))

    @rule()
    def view_the_result(self) -> None:
        given = self.answers.get(self._set_id() or "")
        complete = given is not None and engine.next_question(QUESTIONNAIRE, given) is None
        self._get("check/result")
        assert self.path.startswith("check/result") == complete, self.path

    @rule(lang=st.sampled_from(LANGS))
    def switch_language(self, lang: str) -> None:
        self.lang = lang
        self._get(self.path)

    @rule()
    def toggle_coach_mode(self) -> None:
        here = f"/{self.lang}/{self.path.split('?')[0]}"  # the form sends request.path
        response = self._post(f"/{self.lang}/check/coach", {"next": here})
        assert response.status_code == 303
        self.coach = not self.coach
        self._land(self.client.get(response.location, follow_redirects=True))

    @precondition(lambda self: self._set_id() is not None)
    @rule()
    def delete_the_answers(self) -> None:
        set_id = self._set_id()
        response = self._post(f"/{self.lang}/check/delete", {})
        self._land(response)
        assert response.status_code == 200
        assert self._set_id() is None
        assert set_id is not None
        self._forget(set_id, keep_if_coded=False)
        self.path = ""  # the deleted page answers a POST; a reload goes to the landing page

    # --- invariants ------------------------------------------------------------------------

    @invariant()
    def the_store_holds_exactly_the_answers_given(self) -> None:
        for set_id in {*self.codes.values(), self._set_id()} - {None}:
            assert self._stored(str(set_id)) == self.answers[str(set_id)]
        with self.app.app_context():
            for code, set_id in self.codes.items():
                found = store.answer_set_for_code(store.get_db(), code)
                assert found is not None and found[0] == set_id, code
            for code in self.dead_codes:
                assert store.answer_set_for_code(store.get_db(), code) is None, code


def test_random_answer_sequences(tmp_path: Path) -> None:
    app = make_app(tmp_path, WTF_CSRF_ENABLED=True)
    run_state_machine_as_test(
        lambda: CheckSequences(app),
        settings=settings(
            max_examples=30,
            stateful_step_count=50,
            deadline=None,
            # Derandomized, without an example database: CI runs the same sequences every time,
            # so a red build is a change in this repository, never a lucky draw or a failure
            # replayed from a local .hypothesis/ folder. To explore, set derandomize=False.
            # (A failure takes minutes to shrink: every step renders and parses whole pages.)
            derandomize=True,
            database=None,
        ),
    )


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
    before = stored(app, client) if slug != "nationality-group" else None
    page = check_page(client.post(f"/nl/check/{slug}", data=data))
    assert page.doc.find(".//div[@class='error-summary']//a").get("href") == f"#{field}"
    if before is None:
        with app.app_context():  # a refused first answer makes no answer set (issue 14)
            assert store.get_db()["answer_sets"].count == 0
    else:
        assert stored(app, client) == before

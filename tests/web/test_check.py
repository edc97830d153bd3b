"""The guided check under /<lang>/check: back, change, errors, resume, expiry (issue 4)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import gettext

from portal import store
from portal.i18n import force_locale
from tests.conftest import check_page, make_app

LANGS = ("nl", "en", "ar", "ti")
# A path through the whole check, in order: (slug, posted form data).
FULL_PATH = [
    ("nationality-group", {"answer": "other"}),
    ("residence-purpose", {"answer": "family"}),
    ("residence-decision-date", {"month": "3", "year": "2019"}),
    ("obligation-letter", {"answer": "yes"}),
    ("obligation-start-date", {"unknown": "y"}),
    ("age", {"answer": "30"}),
    ("exemption-granted", {"answer": "none"}),
    ("release-granted", {"answer": "no"}),
    ("exam-parts-passed", {"answer": ["reading", "listening"]}),
    ("exam-attempts", {"answer": "2"}),
    ("course-hours", {"answer": "250"}),
    ("course-hours-registered-by-duo", {"answer": "unknown"}),
    ("literacy-course", {"answer": "no"}),
    ("delay-not-own-fault", {"answer": "no"}),
    ("medical-limitation", {"answer": "no"}),
    ("dutch-diplomas", {"answer": "none"}),
    ("duo-loan", {"answer": "yes"}),
    ("fines-received", {"answer": "0"}),
    ("goals", {"answer": ["naturalisation"]}),
    ("years-residence", {"answer": "6"}),
    ("years-work", {"answer": "2"}),
]


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """The real app; CSRF is tested separately with csrf_app."""
    return make_app(tmp_path, WTF_CSRF_ENABLED=False)


def start(client: FlaskClient, lang: str = "nl") -> str:
    response = client.get(f"/{lang}/check/")
    assert response.status_code == 303
    return response.location


def post(client: FlaskClient, slug: str, data: dict[str, Any], lang: str = "nl", **kw: Any) -> Any:
    return client.post(f"/{lang}/check/{slug}", data=data, **kw)


def answer_until(client: FlaskClient, stop: str | None = None, lang: str = "nl") -> Any:
    """Answer FULL_PATH up to (not including) `stop`; return the last response."""
    start(client, lang)
    response = None
    for slug, data in FULL_PATH:
        if slug == stop:
            break
        response = post(client, slug, data, lang)
        assert response.status_code == 303, (slug, response.get_data(as_text=True)[:300])
    return response


def stored(app: Flask, client: FlaskClient) -> dict[str, Any]:
    with client.session_transaction() as session:
        set_id = session["answer_set"]
    with app.app_context():
        answers = store.load_answers(store.get_db(), set_id)
    assert answers is not None
    return answers


def test_the_first_answer_creates_the_answer_set_and_counts_it(
    app: Flask, client: FlaskClient
) -> None:
    # Issue 14: opening the check stores nothing; the first answer makes the set and the count.
    assert start(client).endswith("/nl/check/nationality-group")
    check_page(client.get("/nl/check/nationality-group"))
    with app.app_context():
        db = store.get_db()
        assert db["answer_sets"].count == 0
        assert store.stats_rows(db) == []
    assert post(client, "nationality-group", {"answer": "other"}).status_code == 303
    with app.app_context():
        db = store.get_db()
        assert db["answer_sets"].count == 1
        assert [(r["event"], r["count"]) for r in store.stats_rows(db)] == [("started", 1)]
    # Going on continues the same set: no second set, no second count.
    assert start(client).endswith("/nl/check/residence-purpose")
    assert post(client, "residence-purpose", {"answer": "family"}).status_code == 303
    with app.app_context():
        db = store.get_db()
        assert db["answer_sets"].count == 1
        assert [(r["event"], r["count"]) for r in store.stats_rows(db)] == [("started", 1)]


@pytest.mark.parametrize("lang", LANGS)
def test_question_renders_in_every_language(client: FlaskClient, page: Any, lang: str) -> None:
    start(client, lang)
    result = page(f"/{lang}/check/nationality-group", lang=lang)
    assert result.doc.find(".//legend/h1") is not None
    assert result.doc.find(".//input[@name='csrf_token']") is not None
    assert "Vraag 1" in result.text or lang != "nl"


def test_question_without_a_session_starts_the_check(client: FlaskClient) -> None:
    response = client.get("/nl/check/age")
    assert response.status_code == 303
    assert response.location.endswith("/nl/check/nationality-group")


def test_unknown_question_is_a_404_page(client: FlaskClient) -> None:
    start(client)
    check_page(client.get("/en/check/shoe-size"), status=404, lang="en")


def test_a_stale_url_goes_to_the_current_question(client: FlaskClient) -> None:
    start(client)
    response = client.get("/nl/check/fines-received")
    assert response.status_code == 303
    assert response.location.endswith("/nl/check/nationality-group")


def test_the_whole_check_ends_in_a_result(client: FlaskClient) -> None:
    response = answer_until(client)
    assert response.location.endswith(("/nl/check/result", "/nl/check/answers"))
    page = check_page(client.get("/nl/check/answers"), lang="nl")
    assert "Bekijk de uitkomst" in page.text


def test_eu_citizens_go_straight_to_the_result(client: FlaskClient) -> None:
    start(client)
    response = post(client, "nationality-group", {"answer": "eu_eea_ch"})
    assert response.location.endswith(("/nl/check/result", "/nl/check/answers"))


def test_back_link_shows_the_previous_answer_filled_in(client: FlaskClient) -> None:
    answer_until(client, stop="obligation-letter")
    page = check_page(client.get("/nl/check/obligation-letter"))
    back = page.doc.find(".//a[@class='back-link']")
    assert back.get("href") == "/nl/check/residence-decision-date"
    previous = check_page(client.get(back.get("href")))
    year = previous.doc.find(".//input[@id='answer-year']")
    assert year.get("value") == "2019"
    month = previous.doc.find(".//select[@id='answer-month']/option[@selected]")
    assert month.get("value") == "3"


def test_first_question_links_back_to_the_landing_page(client: FlaskClient) -> None:
    start(client)
    page = check_page(client.get("/nl/check/nationality-group"))
    assert page.doc.find(".//a[@class='back-link']").get("href") == "/nl/"


def test_missing_answer_shows_the_error_and_keeps_earlier_answers(
    app: Flask, client: FlaskClient
) -> None:
    answer_until(client, stop="age")
    page = check_page(post(client, "age", {}, lang="en"), lang="en")
    summary = page.doc.find(".//div[@class='error-summary']")
    assert summary.get("role") == "alert"
    assert summary.find(".//a").get("href") == "#answer"
    assert page.doc.find(".//p[@id='answer-error']") is not None
    fieldset = page.doc.find(".//fieldset")
    assert "answer-error" in fieldset.get("aria-describedby")
    assert page.text_of(page.all("title")[0]).startswith(page.h1)
    assert stored(app, client)["residence_decision_date"] == "2019-03"


@pytest.mark.parametrize(
    ("slug", "data"),
    [
        ("nationality-group", {"answer": "martian"}),
        ("nationality-group", {"answer": "unknown"}),  # this question has no "unknown"
    ],
)
def test_tampered_option_values_are_refused(client: FlaskClient, slug: str, data: dict) -> None:
    start(client)
    page = check_page(post(client, slug, data))
    assert page.doc.find(".//div[@class='error-summary']") is not None


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"answer": "-3"}, "answer"),
        ({"answer": "abc"}, "answer"),
        ({"answer": "999"}, "answer"),
        ({"answer": "1" * 50}, "answer"),
    ],
)
def test_out_of_range_numbers_are_refused(client: FlaskClient, data: dict, field: str) -> None:
    answer_until(client, stop="age")
    page = check_page(post(client, "age", data))
    assert page.doc.find(".//div[@class='error-summary']//a").get("href") == f"#{field}"
    # What was typed stays in the field.
    assert page.doc.find(".//input[@id='answer']").get("value") == data["answer"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"month": "13", "year": "2019"}, "answer-month"),
        ({"month": "3", "year": "19"}, "answer-year"),
        ({"month": "3", "year": "1800"}, "answer-year"),
        ({"month": "3", "year": "2999"}, "answer-year"),
        ({"month": "3", "year": "2019", "unknown": "y"}, "answer-month"),
        ({}, "answer-month"),
    ],
)
def test_bad_month_year_is_refused(client: FlaskClient, data: dict, field: str) -> None:
    answer_until(client, stop="residence-decision-date")
    page = check_page(post(client, "residence-decision-date", data))
    assert page.doc.find(".//div[@class='error-summary']//a").get("href") == f"#{field}"


# review finding 7
@pytest.mark.parametrize(
    ("slug", "data", "field"),
    [
        ("residence-decision-date", {"month": "1" * 5000, "year": "2019"}, "answer-month"),
        ("residence-decision-date", {"month": "003", "year": "2019"}, "answer-month"),
        ("residence-decision-date", {"month": "3", "year": "2" * 5000}, "answer-year"),
        ("residence-decision-date", {"month": "3", "year": "02019"}, "answer-year"),
        ("age", {"answer": "3" * 5000}, "answer"),
    ],
)
def test_very_long_digit_strings_are_an_error_not_a_500(
    app: Flask, client: FlaskClient, slug: str, data: dict, field: str
) -> None:
    # int() refuses strings of more than 4300 digits; the length is checked first.
    answer_until(client, stop=slug)
    page = check_page(post(client, slug, data))
    assert page.doc.find(".//div[@class='error-summary']//a").get("href") == f"#{field}"
    assert slug.replace("-", "_") not in stored(app, client)


def input_attributes(page: Any, element_id: str) -> tuple[str | None, str | None]:
    """Return (aria-invalid, aria-describedby) of the element with this id."""
    element = page.doc.find(f".//*[@id='{element_id}']")
    assert element is not None, element_id
    return element.get("aria-invalid"), element.get("aria-describedby")


# review finding 14
@pytest.mark.parametrize(
    ("slug", "data", "expected"),
    [
        ("age", {"answer": "٣٥"}, 35),  # Arabic-Indic digits, as an Arabic keyboard types them
        ("age", {"answer": "۴۲"}, 42),  # Extended Arabic-Indic (Persian, Urdu keyboards)
        ("residence-decision-date", {"month": "٥", "year": "٢٠١٩"}, "2019-05"),
    ],
)
def test_numbers_in_arabic_digits_are_understood(
    app: Flask, client: FlaskClient, slug: str, data: dict, expected: Any
) -> None:
    # On purpose: people type numbers with the keyboard they have (issue 7, found by the fuzzing).
    answer_until(client, stop=slug, lang="ar")
    response = post(client, slug, data, lang="ar")
    assert response.status_code == 303
    question_id = slug.replace("-", "_")
    assert stored(app, client)[question_id] == expected


def test_number_input_carries_its_hint_and_error(client: FlaskClient) -> None:
    answer_until(client, stop="age")
    page = check_page(client.get("/nl/check/age"))
    assert input_attributes(page, "answer") == (None, "answer-hint")
    page = check_page(post(client, "age", {"answer": "abc"}))
    assert input_attributes(page, "answer") == ("true", "answer-hint answer-error")
    assert page.doc.find(".//*[@id='answer-hint']") is not None
    assert page.doc.find(".//*[@id='answer-error']") is not None


# review finding 14
@pytest.mark.parametrize(
    ("data", "in_error", "fine"),
    [
        ({"month": "13", "year": "2019"}, "answer-month", "answer-year"),
        ({"month": "3", "year": "19"}, "answer-year", "answer-month"),
    ],
)
def test_month_and_year_inputs_carry_their_error_state(
    client: FlaskClient, data: dict, in_error: str, fine: str
) -> None:
    answer_until(client, stop="residence-decision-date")
    page = check_page(client.get("/nl/check/residence-decision-date"))
    for element_id in ("answer-month", "answer-year"):
        assert input_attributes(page, element_id) == (None, "answer-hint")
    page = check_page(post(client, "residence-decision-date", data))
    assert input_attributes(page, in_error) == ("true", "answer-hint answer-error")
    assert input_attributes(page, fine) == (None, "answer-hint")


# review finding 15
@pytest.mark.parametrize(
    ("slug", "question_id", "value"),
    [
        # A year alone ("2019") is a real answer since issue 13.
        ("residence-decision-date", "residence_decision_date", "19"),
        ("residence-decision-date", "residence_decision_date", "march-2019-x"),
        ("residence-decision-date", "residence_decision_date", 2019),
        ("residence-decision-date", "residence_decision_date", "2019-" + "1" * 5000),
        ("age", "age", "thirty"),
        ("age", "age", [30]),
        ("exam-parts-passed", "exam_parts_passed", 3),
        ("exam-parts-passed", "exam_parts_passed", "reading"),
        # Was a 500: engine.is_valid_value did `value in {...}` on a list (TypeError).
        ("obligation-letter", "obligation_letter", ["yes"]),
        ("exam-parts-passed", "exam_parts_passed", [{"part": "reading"}]),
    ],
)
def test_a_stored_value_that_no_longer_fits_counts_as_unanswered(
    app: Flask, client: FlaskClient, slug: str, question_id: str, value: Any
) -> None:
    # ADR 001: after a questionnaire change a stored value may no longer fit; the question is
    # then asked again with empty fields, not a 500.
    answer_until(client, stop=slug)
    with client.session_transaction() as session:
        set_id = session["answer_set"]
    with app.app_context():
        answers = store.load_answers(store.get_db(), set_id) or {}
        answers[question_id] = value
        store.save_answers(store.get_db(), set_id, answers, "nl", timedelta(hours=1))
    page = check_page(client.get(f"/nl/check/{slug}"))
    assert page.doc.find(".//input[@checked]") is None
    assert page.doc.find(".//option[@selected]") is None
    for element in page.all("input"):
        if element.get("type") == "text":
            assert not element.get("value"), element.get("id")


def test_none_cannot_be_combined_with_other_choices(client: FlaskClient) -> None:
    answer_until(client, stop="exam-parts-passed")
    page = check_page(post(client, "exam-parts-passed", {"answer": ["none", "reading"]}))
    assert page.doc.find(".//div[@class='error-summary']") is not None


def test_unknown_answer_is_stored_as_unknown(app: Flask, client: FlaskClient) -> None:
    answer_until(client, stop="age")
    assert stored(app, client)["obligation_start_date"] == "unknown"


def test_change_from_answers_reasks_only_dependent_questions(
    app: Flask, client: FlaskClient
) -> None:
    answer_until(client)
    page = check_page(client.get("/nl/check/answers"))
    links = [a.get("href") for a in page.all("a") if "from=answers" in (a.get("href") or "")]
    assert "/nl/check/obligation-letter?from=answers" in links
    change = check_page(client.get("/nl/check/obligation-letter?from=answers"))
    assert change.doc.find(".//a[@class='back-link']").get("href") == "/nl/check/answers"
    # "No" makes the start date irrelevant: straight back, nothing else asked.
    response = post(client, "obligation-letter?from=answers", {"answer": "no"})
    assert response.location.endswith("/nl/check/answers")
    # Yes again: only the start date is asked again (its old answer is kept and shown).
    response = post(client, "obligation-letter?from=answers", {"answer": "yes"})
    assert response.location.endswith("/nl/check/answers")
    # Passing every exam, then failing one: the exam questions were answered before, so kept.
    answers = stored(app, client)
    assert answers["course_hours"] == 250
    response = post(
        client,
        "exemption-granted?from=answers",
        {"answer": "medical"},
    )
    assert response.location.endswith("/nl/check/answers")
    summary = check_page(client.get("/nl/check/answers")).text
    assert "Uren les" not in summary


def test_change_asks_a_newly_needed_question(client: FlaskClient) -> None:
    answer_until(client)
    post(client, "delay-not-own-fault?from=answers", {"answer": "no"})
    response = post(client, "delay-not-own-fault?from=answers", {"answer": "yes"})
    assert response.location.endswith("/nl/check/delay-reasons?from=answers")
    response = post(client, "delay-reasons?from=answers", {"answer": ["illness"]})
    # A delay that was not their fault also makes "did you already get more time?" relevant.
    assert response.location.endswith("/nl/check/extension-granted?from=answers")
    response = post(client, "extension-granted?from=answers", {"answer": "no"})
    assert response.location.endswith("/nl/check/answers")


def test_language_switch_keeps_answers(client: FlaskClient) -> None:
    answer_until(client, stop="age")
    for lang in LANGS:
        page = check_page(client.get(f"/{lang}/check/residence-decision-date"), lang=lang)
        assert page.doc.find(".//input[@id='answer-year']").get("value") == "2019"
    response = post(client, "age", {"answer": "41"}, lang="ar")
    assert response.location.endswith("/ar/check/exemption-granted")


def test_htmx_gets_only_the_question_fragment(client: FlaskClient) -> None:
    start(client)
    headers = {"HX-Request": "true"}
    html = client.get("/nl/check/nationality-group", headers=headers).get_data(as_text=True)
    assert "<html" not in html
    assert 'data-page-title="Welke nationaliteit heeft u?"' in html
    assert "<h1" in html
    response = post(client, "nationality-group", {"answer": "other"}, headers=headers)
    assert response.status_code == 303
    error = post(client, "residence-purpose", {}, headers=headers)
    assert error.status_code == 200
    assert error.headers["HX-Push-Url"] == "false"
    assert "error-summary" in error.get_data(as_text=True)
    # A history restore after the back button needs the whole page.
    restore = client.get(
        "/nl/check/nationality-group",
        headers={**headers, "HX-History-Restore-Request": "true"},
    )
    assert "<html" in restore.get_data(as_text=True)


def test_htmx_leaves_the_flow_with_a_full_page_load(client: FlaskClient) -> None:
    start(client)
    response = post(
        client, "nationality-group", {"answer": "eu_eea_ch"}, headers={"HX-Request": "true"}
    )
    assert response.headers["HX-Redirect"].endswith(("/nl/check/result", "/nl/check/answers"))


def resume_code(client: FlaskClient, replace: bool = False) -> str:
    """Save with a code and return it; `replace` as the "Maak een nieuwe code" buttons send."""
    response = client.post("/nl/check/save", data={"replace": "1"} if replace else {})
    assert response.status_code == 303
    page = check_page(client.get(response.location))
    code = page.doc.find(".//p[@class='code-box']").itertext()
    return "".join(code).strip()


def test_resume_code_opens_the_answers_on_another_device_in_another_language(
    app: Flask, client: FlaskClient
) -> None:
    answer_until(client, stop="age")
    code = resume_code(client)
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}", code)
    other = app.test_client()
    check_page(other.get("/ti/check/resume"), lang="ti")
    typed = code.lower().replace("-", " ")
    response = other.post("/ti/check/resume", data={"code": typed})
    assert response.status_code == 303
    assert response.location.endswith("/ti/check/age")
    page = check_page(other.get("/ti/check/residence-decision-date"), lang="ti")
    assert page.doc.find(".//input[@id='answer-year']").get("value") == "2019"
    with other.session_transaction() as session:
        # issue 13: the code typed in is kept for this browser session, written as it is shown.
        assert session["resume_code"] == code


def test_resume_codes_are_stored_hashed(app: Flask, client: FlaskClient) -> None:
    answer_until(client, stop="age")
    code = resume_code(client)
    with app.app_context():
        db = store.get_db()
        rows = list(db["resume_codes"].rows)
        assert len(rows) == 1
        assert code.replace("-", "") not in str(rows)
        found = store.answer_set_for_code(db, code.replace("-", " - ").lower())
    assert found is not None
    assert found[1]["age"] if "age" in found[1] else found[1]["residence_decision_date"]


def test_wrong_codes_are_rate_limited(client: FlaskClient) -> None:
    for _ in range(5):
        page = check_page(client.post("/en/check/resume", data={"code": "AAAAA-BBBBB-CCCCC"}))
        assert page.doc.find(".//div[@class='error-summary']") is not None
    check_page(client.post("/en/check/resume", data={"code": "AAAAA-BBBBB-CCCCC"}), status=429)


def test_empty_code_is_an_error_not_a_failure(client: FlaskClient) -> None:
    page = check_page(client.post("/nl/check/resume", data={"code": " "}))
    assert "Vul uw code in." in page.text


def test_expired_answers_show_a_clear_page(app: Flask, client: FlaskClient) -> None:
    answer_until(client, stop="age")
    with app.app_context():
        db = store.get_db()
        db.execute("UPDATE answer_sets SET expires_at = '2000-01-01T00:00:00'")
        db.conn.commit()
    for response in (
        client.get("/en/check/age"),
        post(client, "age", {"answer": "30"}, lang="en"),
        client.get("/en/check/answers"),
        client.get("/en/check/"),
    ):
        page = check_page(response, status=410, lang="en")
        assert page.doc.find(".//form[@action='/en/check/restart']") is not None
    # Start again gives a fresh check.
    response = client.post("/en/check/restart")
    assert start(client, "en").endswith("/en/check/nationality-group")
    assert response.status_code == 303


def test_missing_state_on_post_is_a_clear_page(client: FlaskClient) -> None:
    check_page(post(client, "age", {"answer": "30"}), status=410)


def test_purge_deletes_expired_answers_and_codes(app: Flask, client: FlaskClient) -> None:
    answer_until(client, stop="age")
    resume_code(client)
    with app.app_context():
        db = store.get_db()
        past = store.iso(store.now() + timedelta(days=31))
        assert store.purge_expired(db) == 0
        assert store.purge_expired(db, store.now() + timedelta(days=31)) == 2
        assert not list(db.query("SELECT * FROM resume_codes WHERE expires_at > ?", [past]))


def test_answers_without_code_expire_after_24_hours(app: Flask, client: FlaskClient) -> None:
    answer_until(client, stop="age")
    with app.app_context():
        db = store.get_db()
        assert store.purge_expired(db, store.now() + timedelta(hours=23)) == 0
        assert store.purge_expired(db, store.now() + timedelta(hours=25)) == 1


def test_delete_removes_answers_and_code_at_once(app: Flask, client: FlaskClient) -> None:
    answer_until(client, stop="age")
    code = resume_code(client)
    check_page(client.post("/nl/check/delete"))
    with app.app_context():
        db = store.get_db()
        assert store.answer_set_for_code(db, code) is None
        assert db["answer_sets"].count == 0
        assert db["resume_codes"].count == 0


def test_restart_clears_everything(app: Flask, client: FlaskClient) -> None:
    answer_until(client, stop="age")
    response = client.post("/nl/check/restart")
    assert response.location.endswith("/nl/check/")
    with app.app_context():
        assert store.get_db()["answer_sets"].count == 0
    assert start(client).endswith("/nl/check/nationality-group")


def test_restart_keeps_answers_saved_with_a_code(app: Flask, client: FlaskClient) -> None:
    answer_until(client, stop="age")
    code = resume_code(client)
    client.post("/nl/check/restart")
    with app.app_context():
        assert store.answer_set_for_code(store.get_db(), code) is not None


# issue 13 (it replaces review finding 6's "shown once"): the saved page shows the code again
# while the session lasts; delete and start again take it out of the cookie.
@pytest.mark.parametrize("leave", ["delete", "restart"])
def test_the_code_is_shown_while_the_session_lasts(client: FlaskClient, leave: str) -> None:
    answer_until(client, stop="age")
    code = resume_code(client)
    for _ in range(2):  # a reload still shows it
        page = check_page(client.get("/nl/check/saved"))
        assert code in page.text
    assert page.doc.find(".//button[@class='button button--secondary js-print']") is not None
    client.post(f"/nl/check/{leave}")
    with client.session_transaction() as session:
        assert code not in str(dict(session))


# review finding 6
def test_a_new_code_replaces_the_old_one(app: Flask, client: FlaskClient) -> None:
    answer_until(client, stop="age")
    old = resume_code(client)
    new = resume_code(client, replace=True)
    assert new != old
    with app.app_context():
        db = store.get_db()
        assert store.answer_set_for_code(db, old) is None
        assert store.answer_set_for_code(db, new) is not None


# review finding 3; issue 13: delete is a link to a confirmation page, then a POST
@pytest.mark.parametrize("path", ["/nl/check/age", "/nl/check/answers"])
def test_answers_can_be_deleted_from_every_check_page(
    app: Flask, client: FlaskClient, path: str
) -> None:
    answer_until(client, stop="age")
    page = check_page(client.get(path))
    assert page.doc.find(".//form[@action='/nl/check/delete']") is None
    (link,) = [a for a in page.all("a") if a.get("href") == "/nl/check/delete"]
    assert page.text_of(link) == "Verwijder mijn antwoorden"
    confirm = check_page(client.get("/nl/check/delete"))
    form = confirm.doc.find(".//form[@action='/nl/check/delete']")
    assert form is not None and form.get("method") == "post"
    with app.app_context():
        assert store.get_db()["answer_sets"].count == 1
    check_page(client.post("/nl/check/delete"))
    with app.app_context():
        assert store.get_db()["answer_sets"].count == 0


# issue 13
def test_the_delete_confirmation_goes_back_to_where_the_person_was(client: FlaskClient) -> None:
    answer_until(client, stop="age")
    confirm = check_page(client.get("/nl/check/delete"))
    (back,) = [a for a in confirm.all("a") if confirm.text_of(a) == "Nee, ga terug"]
    assert client.get(back.get("href")).location.endswith("/nl/check/age")
    # Without answers there is nothing to confirm: the check starts.
    other = client.application.test_client()
    assert other.get("/nl/check/delete").location.endswith("/nl/check/")


def test_coach_mode_shows_dutch_beside_the_language(client: FlaskClient) -> None:
    start(client, "en")
    response = client.post("/en/check/coach", data={"next": "/en/check/nationality-group"})
    assert response.location.endswith("/en/check/nationality-group")
    page = check_page(client.get("/en/check/nationality-group"), lang="en")
    dutch = page.doc.find(".//div[@lang='nl']")
    assert "Welke nationaliteit heeft u?" in page.text_of(dutch)
    assert page.doc.find(".//div[@class='side-by-side']") is not None
    client.post("/en/check/coach", data={"next": "/en/check/nationality-group"})
    assert (
        check_page(client.get("/en/check/nationality-group")).doc.find(".//div[@lang='nl']") is None
    )


def test_coach_mode_switch_is_hidden_in_dutch(client: FlaskClient) -> None:
    start(client)
    page = check_page(client.get("/nl/check/nationality-group"))
    assert page.doc.find(".//form[@action='/nl/check/coach']") is None


def test_coach_redirect_stays_inside_the_check(client: FlaskClient) -> None:
    response = client.post("/en/check/coach", data={"next": "https://evil.example/"})
    assert response.location.endswith("/en/check/")


def test_oversized_post_is_a_413_page(client: FlaskClient) -> None:
    start(client)
    response = post(client, "nationality-group", {"answer": "x" * 20000})
    check_page(response, status=413)


def test_post_without_csrf_token_is_refused(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    client.get("/nl/check/")
    check_page(client.post("/nl/check/nationality-group", data={"answer": "other"}), status=400)
    check_page(client.post("/nl/check/resume", data={"code": "X"}), status=400)


def test_post_with_csrf_token_works(csrf_app: Flask) -> None:
    client = csrf_app.test_client()
    client.get("/nl/check/")
    page = check_page(client.get("/nl/check/nationality-group"))
    token = page.doc.find(".//input[@name='csrf_token']").get("value")
    response = client.post(
        "/nl/check/nationality-group", data={"answer": "other", "csrf_token": token}
    )
    assert response.status_code == 303


def test_current_answers_is_none_without_a_set(app: Flask) -> None:
    from portal.web.check import current_answers

    with app.test_request_context("/nl/check/"):
        assert current_answers() is None


# --- issue 13: fixes found when the check was tried as a real user ---------------------------


def test_coach_mode_dutch_column_has_every_answer_and_the_button_says_what_it_does(
    client: FlaskClient,
) -> None:
    start(client, "ar")
    for slug, data in FULL_PATH[:3]:
        post(client, slug, data, lang="ar")
    page = check_page(client.get("/ar/check/obligation-letter"), lang="ar")
    buttons = page.doc.findall(".//form[@action='/ar/check/coach']//button")
    with client.application.test_request_context("/ar/"), force_locale("ar"):
        show = gettext("Taalcoach: toon ook het Nederlands")
        hide = gettext("Taalcoach: verberg het Nederlands")
    assert show in {page.text_of(button) for button in buttons}
    client.post("/ar/check/coach", data={"next": "/ar/check/obligation-letter"})
    page = check_page(client.get("/ar/check/obligation-letter"), lang="ar")
    dutch = page.doc.find(".//div[@lang='nl']")
    assert [page.text_of(li) for li in dutch.iter("li")] == ["Ja", "Nee", "Ik weet het niet"]
    buttons = page.doc.findall(".//form[@action='/ar/check/coach']//button")
    assert hide in {page.text_of(button) for button in buttons}
    assert show not in {page.text_of(button) for button in buttons}


def test_every_check_page_links_to_continue_with_a_code(app: Flask, client: FlaskClient) -> None:
    pages = ["/nl/"]
    answer_until(client, stop="age")
    pages += ["/nl/check/age", "/nl/check/answers", "/nl/check/delete"]
    client.post("/nl/check/save")
    pages.append("/nl/check/saved")
    for path in pages:
        page = check_page(client.get(path))
        links = [a for a in page.all("a") if a.get("href") == "/nl/check/resume"]
        assert [page.text_of(a) for a in links] == ["Verder met een code"], path
    with app.app_context():
        db = store.get_db()
        db.execute("UPDATE answer_sets SET expires_at = '2000-01-01T00:00:00'")
        db.conn.commit()
    expired = check_page(client.get("/nl/check/age"), status=410)
    assert [a for a in expired.all("a") if a.get("href") == "/nl/check/resume"]
    deleted = check_page(client.post("/nl/check/delete"))
    assert [a for a in deleted.all("a") if a.get("href") == "/nl/check/resume"]


def test_the_resume_page_says_where_the_code_is(client: FlaskClient) -> None:
    page = check_page(client.get("/nl/check/resume"))
    hint = page.text_of(page.doc.find(".//div[@id='code-hint']"))
    assert "Uw antwoorden zijn bewaard" in hint  # the saved page's heading
    assert "Later verder met een code" in hint  # the heading of the code on the printed result


@pytest.mark.parametrize(("slug", "label"), [("age", "Leeftijd"), ("course-hours", "Uren les")])
def test_a_number_question_labels_its_field_with_what_is_asked(
    client: FlaskClient, slug: str, label: str
) -> None:
    answer_until(client, stop=slug)
    page = check_page(client.get(f"/nl/check/{slug}"))
    assert page.text_of(page.doc.find(".//label[@for='answer']")) == label


SVG = "{http://www.w3.org/2000/svg}"
PICTURES = {
    "residence-purpose": (
        "Verblijfsdoel",
        "Tekening van een verblijfspas. Het vak “Verblijfsdoel” is omcirkeld: daar staat waarom "
        "u in Nederland woont.",
    ),
    "residence-decision-date": (
        "Geldig vanaf",
        "Tekening van een verblijfspas. Het vak “Geldig vanaf” is omcirkeld: daar staat de datum.",
    ),
    "obligation-letter": (
        "inburgeringsplicht",
        "Tekening van een brief van DUO. Het woord “inburgeringsplicht” is omcirkeld.",
    ),
    "obligation-start-date": (
        "Begin van de termijn",
        "Tekening van een brief van DUO. De regel “begin van de termijn” is omcirkeld: daar staat "
        "de datum.",
    ),
}


@pytest.mark.parametrize("slug", list(PICTURES))
@pytest.mark.parametrize("lang", ["nl", "en", "ar", "ti"])
def test_a_drawn_card_or_letter_shows_where_the_answer_is(
    app: Flask, client: FlaskClient, slug: str, lang: str
) -> None:
    words, msgid = PICTURES[slug]
    answer_until(client, stop=slug, lang=lang)
    page = check_page(client.get(f"/{lang}/check/{slug}"), lang=lang)
    (svg,) = page.all(SVG + "svg")
    with app.test_request_context(f"/{lang}/"), force_locale(lang):
        alternative = gettext(msgid)
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == alternative
    assert lang == "nl" or alternative != msgid
    # The drawing holds the Dutch words people look for on their card or letter.
    drawn = [" ".join("".join(t.itertext()).split()) for t in svg.iter(SVG + "text")]
    assert any(words in text for text in drawn), drawn
    figure = page.doc.find(".//figure")
    assert page.text_of(figure.find("figcaption"))


def test_arabic_months_carry_their_number(client: FlaskClient) -> None:
    answer_until(client, stop="residence-decision-date", lang="ar")
    page = check_page(client.get("/ar/check/residence-decision-date"), lang="ar")
    options = [page.text_of(o) for o in page.doc.iter("option")]
    assert "سبتمبر (9)" in options
    post(client, "residence-decision-date", {"month": "9", "year": "2019"}, lang="ar")
    answers = check_page(client.get("/ar/check/answers"), lang="ar")
    assert "سبتمبر (9) 2019" in answers.text


# issue 13 item 7
def test_i_know_only_the_year_is_a_real_answer(app: Flask, client: FlaskClient) -> None:
    from portal.flow import engine
    from portal.web.forms import ONLY_YEAR_OPTION, build_form

    question = engine.load_questionnaire().get("residence_decision_date")
    assert question is not None
    assert engine.is_valid_value(question, "2014")
    # review: one test for "only the year", not `"-" not in str(value)` in two places
    assert engine.is_year_only("2014")
    assert not any(engine.is_year_only(v) for v in ("2014-03", "unknown", 2014, None))
    assert engine.display_value(question, "2014") == ["2014", "(alleen het jaar)"]
    with app.test_request_context("/nl/"):
        form = build_form(question, value="2014")
    assert (form.year.data, form.month.data) == ("2014", ONLY_YEAR_OPTION)

    answer_until(client, stop="residence-decision-date", lang="en")
    page = check_page(client.get("/en/check/residence-decision-date"), lang="en")
    options = {o.get("value"): page.text_of(o) for o in page.doc.iter("option")}
    assert options[ONLY_YEAR_OPTION] == "I only know the year"
    month = {"month": ONLY_YEAR_OPTION, "year": "2014"}
    response = post(client, "residence-decision-date", month, "en")
    assert response.status_code == 303
    answers = stored(app, client)
    assert answers["residence_decision_date"] == "2014"
    facts = engine.facts_dict(engine.load_questionnaire(), answers)
    assert facts["residence_decision_date"] == "2014"
    summary = check_page(client.get("/en/check/answers"), lang="en")
    assert "2014 (only the year)" in summary.text
    # Back on the question, the answer is kept as it was given.
    page = check_page(client.get("/en/check/residence-decision-date"), lang="en")
    assert page.doc.find(f".//option[@value='{ONLY_YEAR_OPTION}']").get("selected") is not None

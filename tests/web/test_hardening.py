"""Issue 14, the attack and fault findings on the public side: each test guards one finding."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any

import itsdangerous
import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import store
from tests.conftest import check_page, make_app
from tests.web.test_check import FULL_PATH, answer_until, post, resume_code, stored


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    return make_app(tmp_path, WTF_CSRF_ENABLED=False)


def count(app: Flask, table: str) -> int:
    with app.app_context():
        return int(store.get_db()[table].count)


def session_of(client: FlaskClient) -> dict[str, Any]:
    with client.session_transaction() as session:
        return dict(session)


# --- 1: a flood of GETs --------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_gets_and_heads_of_check_pages_store_nothing(app: Flask, method: str) -> None:
    # Issue 14, finding 1: every GET or HEAD made an answer set and a "started" count.
    paths = ["/nl/check/", "/en/check/nationality-group", "/ar/check/age", "/ti/check/answers"]
    paths += ["/nl/check/result", "/nl/check/saved", "/nl/check/result/print", "/nl/"]
    for _ in range(20):
        for path in paths:
            response = app.test_client().open(path, method=method)
            assert response.status_code < 500, path
    assert count(app, "answer_sets") == 0
    assert count(app, "daily_stats") == 0


def test_a_purge_works_in_batches_within_its_budget(app: Flask) -> None:
    # Issue 14, finding 1: one transaction for millions of rows outlasted gunicorn's timeout.
    with app.app_context():
        db = store.get_db()
        rows = [(f"id{n}", "{}", "nl", "2000-01-01T00:00:00") for n in range(12_000)]
        db.conn.executemany(
            "INSERT INTO answer_sets (id, answers, lang, created_at, updated_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(i, a, lang, t, t, t) for i, a, lang, t in rows],
        )
        db.conn.commit()
        deleted, finished = store.purge_batches(db, batch=5000, budget=0.0)
        assert (deleted, finished) == (5000, False)  # one batch, then the budget was spent
        assert db["answer_sets"].count == 7000
        assert store.purge_batches(db, batch=5000) == (7000, True)


def test_a_request_purges_only_within_its_budget(tmp_path: Path) -> None:
    # Issue 14, finding 1: the purge in the request path stops after PURGE_BUDGET.
    app = make_app(tmp_path, PURGE_BATCH=100, PURGE_BUDGET=0.0)
    with app.app_context():
        db = store.get_db()
        db.conn.executemany(
            "INSERT INTO answer_sets (id, answers, lang, created_at, updated_at, expires_at) "
            "VALUES (?, '{}', 'nl', ?, ?, ?)",
            [(f"id{n}", "2000", "2000", "2000-01-01T00:00:00") for n in range(1000)],
        )
        db.conn.commit()
    app.extensions.pop("store_last_purge", None)

    def left() -> int:  # counted on a connection of its own: get_db() would purge too
        with sqlite3.connect(app.config["DATABASE"]) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM answer_sets").fetchone()[0])

    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    assert left() == 900  # one batch of 100 per request
    assert "store_last_purge" not in app.extensions  # not done: the next request goes on
    for _ in range(9):
        client.get("/healthz")
    assert left() == 0
    client.get("/healthz")  # finds nothing left: this round is done
    assert "store_last_purge" in app.extensions


# --- 2: a code made in advance ------------------------------------------------------------


def test_saving_without_any_answer_is_refused(app: Flask, client: FlaskClient) -> None:
    # Issue 14, finding 2: an empty set could be saved, and its code opened the next answers.
    client.get("/nl/check/")
    page = check_page(client.post("/nl/check/save"), status=400, lang="nl")
    assert page.h1 == "Er is nog niets om te bewaren"
    assert count(app, "resume_codes") == 0
    with app.app_context():  # an empty set from before this change cannot be saved either
        set_id = store.new_answer_set(store.get_db(), "nl", app.config["ANSWERS_TTL"])
    with client.session_transaction() as session:
        session["answer_set"] = set_id
    check_page(client.post("/nl/check/save"), status=400, lang="nl")
    assert count(app, "resume_codes") == 0


def test_start_begins_a_new_set_so_an_earlier_code_sees_nothing_of_the_next_person(
    app: Flask, client: FlaskClient
) -> None:
    # Issue 14, finding 2: person A answers one question and makes a code at a shared
    # computer; person B presses "Start de check" in the same browser and answers.
    post(client, "nationality-group", {"answer": "other"})
    code_a = resume_code(client)
    landing = check_page(client.get("/nl/"))
    (start,) = [f for f in landing.all("form") if f.get("action") == "/nl/check/restart"]
    assert client.post(start.get("action")).status_code == 303
    assert "answer_set" not in session_of(client)
    for slug, data in FULL_PATH[:3]:
        assert post(client, slug, data).status_code == 303
    b_answers = stored(app, client)
    with app.app_context():
        found = store.answer_set_for_code(store.get_db(), code_a)
    assert found is not None
    assert found[1] == {"nationality_group": "other"}
    assert found[0] != session_of(client)["answer_set"]
    assert "residence_decision_date" in b_answers


def test_resuming_rotates_the_session(app: Flask, client: FlaskClient) -> None:
    # Issue 14, finding 2: opening a code starts a fresh session (a new CSRF token, no keys
    # of whatever this browser held before), keeping only the coach switch.
    answer_until(client, stop="age")
    code = resume_code(client)
    other = app.test_client()
    other.post("/en/check/coach", data={"next": "/en/check/"})
    post(other, "nationality-group", {"answer": "turkish"}, lang="en")
    with other.session_transaction() as session:
        session["csrf_token"] = "token-from-before"
        session["result_counted"] = "mark-from-before"
        old_set = session["answer_set"]
    assert other.post("/en/check/resume", data={"code": code}).status_code == 303
    after = session_of(other)
    # Issue 13: the code typed in stays for the session, to show on the result.
    assert set(after) == {"answer_set", "resume_via", "resume_code", "coach"}
    assert after["answer_set"] != old_set
    assert after["resume_code"] == code
    with app.app_context():
        assert after["resume_via"] == store.hash_code(code)


# --- 3: a delete that failed once -----------------------------------------------------------


@pytest.mark.parametrize("action", ["delete", "restart"])
def test_a_delete_that_failed_deletes_on_retry(tmp_path: Path, action: str) -> None:
    # Issue 14, finding 3: the cookie lost the set before the delete committed, so a retry
    # said "deleted" while the answers and the code stayed.
    app = make_app(tmp_path, WTF_CSRF_ENABLED=False, DATABASE_TIMEOUT=0.05)
    client = app.test_client()
    answer_until(client, stop="age")
    code = resume_code(client)
    if action == "restart":  # "Opnieuw beginnen" keeps a coded set: make it uncoded again
        with app.app_context():
            db = store.get_db()
            db.execute("DELETE FROM resume_codes")
            db.conn.commit()
    blocker = sqlite3.connect(app.config["DATABASE"])
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        check_page(client.post(f"/nl/check/{action}"), status=503, lang="nl")
    finally:
        blocker.rollback()
        blocker.close()
    assert session_of(client).get("answer_set")  # the cookie still knows the set
    assert client.post(f"/nl/check/{action}").status_code in (200, 303)
    assert count(app, "answer_sets") == 0
    assert count(app, "resume_codes") == 0
    with app.app_context():
        assert store.answer_set_for_code(store.get_db(), code) is None


# --- 6: a new code cuts off the old one ---------------------------------------------------------


def test_a_new_code_cuts_off_a_device_that_opened_the_old_one(app: Flask) -> None:
    # Issue 14, finding 6
    owner = app.test_client()
    answer_until(owner, stop="age")
    old_code = resume_code(owner)
    coach = app.test_client()
    assert coach.post("/nl/check/resume", data={"code": old_code}).status_code == 303
    assert coach.get("/nl/check/answers").status_code == 200
    resume_code(owner, replace=True)
    page = check_page(coach.get("/nl/check/answers"), status=410, lang="nl")
    assert page.h1 == "Deze code werkt niet meer"
    assert coach.post("/nl/check/age", data={"answer": "40"}).status_code == 410
    assert "age" not in stored(app, owner)
    # The owner's own browser (which made the set, not opened it with a code) goes on.
    assert owner.get("/nl/check/answers").status_code == 200


def test_a_device_that_made_the_new_code_keeps_its_access(app: Flask) -> None:
    # Issue 14, finding 6: the device that makes the newer code holds that one.
    owner = app.test_client()
    answer_until(owner, stop="age")
    coach = app.test_client()
    coach.post("/nl/check/resume", data={"code": resume_code(owner)})
    assert coach.post("/nl/check/save", data={"replace": "1"}).status_code == 303
    assert coach.get("/nl/check/answers").status_code == 200


# --- 7: the cookie kept a hash of the answers -----------------------------------------------


def test_the_cookie_holds_no_plain_hash_of_the_answers_and_forgets_it_on_delete(
    app: Flask, client: FlaskClient
) -> None:
    # Issue 14, finding 7: an unsalted 16-character sha256 of the answers stayed in the cookie.
    answer_until(client)
    answers = stored(app, client)
    assert client.get("/nl/check/result").status_code == 200
    plain = hashlib.sha256(json.dumps(answers, sort_keys=True).encode()).hexdigest()[:16]
    counted = session_of(client)["result_counted"]
    assert plain not in counted and len(counted) == 32
    # Another browser with the same answers gets another mark.
    other = app.test_client()
    answer_until(other)
    other.get("/nl/check/result")
    assert session_of(other)["result_counted"] != counted
    check_page(client.post("/nl/check/delete"))
    assert "result_counted" not in session_of(client)


# --- 10: wrong resume codes from a shared address ---------------------------------------------


def test_a_right_code_opens_after_many_wrong_ones_from_the_same_address(app: Flask) -> None:
    # Issue 14, finding 10: after 5 wrong codes from an address, a right one waited 15 minutes.
    owner = app.test_client()
    answer_until(owner, stop="age")
    code = resume_code(owner)
    library = {"REMOTE_ADDR": "198.51.100.20"}
    guesser = app.test_client()
    statuses = [
        guesser.post(
            "/nl/check/resume", data={"code": "AAAAA-BBBBB-CCCCC"}, environ_base=library
        ).status_code
        for _ in range(12)
    ]
    assert statuses[:5] == [200] * 5
    assert set(statuses[5:]) == {429}
    slowed = guesser.post(
        "/nl/check/resume", data={"code": "AAAAA-BBBBB-CCCCC"}, environ_base=library
    )
    page = check_page(slowed, status=429, lang="nl")
    assert "Een goede code werkt altijd." in page.text
    assert int(slowed.headers["Retry-After"]) > 2
    visitor = app.test_client()
    opened = visitor.post("/nl/check/resume", data={"code": code}, environ_base=library)
    assert opened.status_code == 303
    assert opened.location.endswith("/nl/check/age")


# --- 11, 12: bad input ---------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [5_000, 100_000])
def test_deeply_nested_json_is_a_400(client: FlaskClient, depth: int) -> None:
    # Issue 14, finding 11: json.loads raised RecursionError, a 500.
    for body in ("[" * depth + "]" * depth, '{"facts": ' * depth + "1" + "}" * depth):
        response = client.post("/api/v1/check", data=body[:16_000], content_type="application/json")
        assert response.status_code == 400
        assert response.get_json()["errors"]


@pytest.mark.parametrize("target", ["/nl/check/age\r\nSet-Cookie: x=1", "/nl/check/\n", "\x7f"])
def test_a_control_character_in_coach_next_is_a_400(client: FlaskClient, target: str) -> None:
    # Issue 14, finding 12: a line break in `next` gave a 500 (a header with a newline).
    check_page(client.post("/nl/check/coach", data={"next": target}), status=400, lang="nl")


# --- 13: the cookie lapsed 24 hours after it was first set ----------------------------------


def test_each_answer_refreshes_the_session_cookie(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 14, finding 13: the cookie's signature is good for 24 hours from when it was
    # written; answering did not rewrite it, so a check under way was lost at 24 hours.
    clock = {"now": 1_800_000_000}
    monkeypatch.setattr(
        itsdangerous.timed.TimestampSigner, "get_timestamp", lambda self: clock["now"]
    )
    answer_until(client, stop="residence-decision-date")
    clock["now"] += 20 * 3600
    assert (
        post(client, "residence-decision-date", {"month": "3", "year": "2019"}).status_code == 303
    )
    clock["now"] += 20 * 3600  # 40 hours after the first answer, 20 after the last
    response = client.get("/nl/check/obligation-letter")
    check_page(response, lang="nl")
    assert stored(app, client)["residence_decision_date"] == "2019-03"


# --- 14: /healthz while writes fail --------------------------------------------------------------


def test_healthz_reports_a_locked_database(tmp_path: Path) -> None:
    # Issue 14, finding 14: /healthz said ok while every write failed.
    app = make_app(tmp_path)
    client = app.test_client()
    assert client.get("/healthz").get_json() == {"status": "ok"}
    blocker = sqlite3.connect(app.config["DATABASE"])
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        response = client.get("/healthz")
    finally:
        blocker.rollback()
        blocker.close()
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "locked"}
    assert client.get("/healthz").status_code == 200


def test_healthz_reports_a_read_only_database(app: Flask) -> None:
    # Issue 14, finding 14: the same connection refusing writes, as on a read-only volume.
    client = app.test_client()
    with app.app_context():
        store.get_db().execute("PRAGMA query_only = ON")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "read-only"


# --- 16: two tabs saving at the same moment ------------------------------------------------------


def test_two_tabs_saving_at_once_show_one_working_code_and_say_so(app: Flask) -> None:
    # Issue 14, finding 16: both tabs showed a code; only the second worked. Two clients
    # with the same cookie are the two tabs.
    first = app.test_client()
    answer_until(first, stop="age")
    second = app.test_client()
    second.set_cookie("wegwijzer", first.get_cookie("wegwijzer").value)
    saves = [tab.post("/nl/check/save") for tab in (first, second)]
    assert [r.status_code for r in saves] == [303, 303]
    pages = [check_page(tab.get("/nl/check/saved")) for tab in (first, second)]
    codes = [
        "".join(p.doc.find(".//p[@class='code-box']").itertext()).strip()
        for p in pages
        if p.doc.find(".//p[@class='code-box']") is not None
    ]
    assert len(codes) == 1
    told = [p for p in pages if p.doc.find(".//p[@class='code-box']") is None]
    assert told[0].h1 == "Er is net al een code gemaakt"
    with app.app_context():
        assert store.answer_set_for_code(store.get_db(), codes[0]) is not None


# --- 17: caching -------------------------------------------------------------------------------


def test_calendar_file_and_api_answers_are_never_cached(client: FlaskClient) -> None:
    # Issue 14, finding 17
    answer_until(client)
    ics = client.get("/nl/check/result/deadline.ics")
    assert ics.mimetype == "text/calendar"
    assert ics.headers["Cache-Control"] == "no-store"
    api = client.post("/api/v1/check", json={"facts": {}})
    assert api.headers["Cache-Control"] == "no-store"
    assert client.get("/api/v1/schema").headers["Cache-Control"] == "no-store"

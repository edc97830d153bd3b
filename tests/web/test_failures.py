"""Bad conditions never give a 500: a locked or full database, a broken cookie, odd requests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from portal import store
from tests.conftest import check_page, make_app


@pytest.fixture
def impatient_app(tmp_path: Path):
    """The app with a short lock timeout, so a locked database fails fast in tests."""
    return make_app(tmp_path, DATABASE_TIMEOUT=0.05, WTF_CSRF_ENABLED=False)


def start_check(client, lang: str = "nl") -> None:
    response = client.get(f"/{lang}/check/", follow_redirects=True)
    assert response.status_code == 200


def test_a_locked_database_gives_a_503_page_in_the_users_language_and_keeps_answers(
    impatient_app,
):
    client = impatient_app.test_client()
    start_check(client, "ar")
    first = client.post("/ar/check/nationality-group", data={"answer": "other"})
    assert first.status_code in (302, 303)

    blocker = sqlite3.connect(impatient_app.config["DATABASE"])
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        response = client.post("/ar/check/residence-purpose", data={"answer": "asylum"})
        page = check_page(response, status=503, lang="ar")
        assert response.headers["Retry-After"] == "60"
        assert page.all("h1")
    finally:
        blocker.rollback()
        blocker.close()

    # The earlier answer survived: the flow continues at the second question, not the first.
    again = client.get("/ar/check/", follow_redirects=False)
    assert again.headers["Location"].endswith("/ar/check/residence-purpose")


def test_a_connection_that_failed_is_replaced_once_the_database_works(impatient_app):
    # Found in review: a connection that failed stayed in the worker's pool, so the database
    # "came back" for every worker but this one. Make this worker's connection refuse writes
    # (as one opened on a read-only volume does) and check that the next request recovers.
    client = impatient_app.test_client()
    start_check(client)
    with impatient_app.app_context():
        store.get_db().execute("PRAGMA query_only = ON")
    refused = client.post("/nl/check/nationality-group", data={"answer": "other"})
    check_page(refused, status=503, lang="nl")
    accepted = client.post("/nl/check/nationality-group", data={"answer": "other"})
    assert accepted.status_code == 303
    assert accepted.headers["Location"].endswith("/nl/check/residence-purpose")


def test_a_full_database_gives_a_503_page_not_a_500(tmp_path: Path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=False)
    client = app.test_client()
    start_check(client)
    # Cap the file at the pages it has now: the next write fails as "database or disk is full".
    pages = sqlite3.connect(app.config["DATABASE"]).execute("PRAGMA page_count").fetchone()[0]
    # The cap is read when a worker opens its connection, as at a real start.
    capped = make_app(tmp_path, WTF_CSRF_ENABLED=False, SQLITE_MAX_PAGES=pages)
    fresh = capped.test_client()
    for _ in range(200):  # new answer sets (each made by a first answer) until the cap bites
        response = fresh.post("/nl/check/nationality-group", data={"answer": "other"})
        fresh.delete_cookie("wegwijzer")
        if response.status_code == 503:
            break
    check_page(response, status=503, lang="nl")


@pytest.mark.parametrize(
    "cookie",
    ["garbage", "eyJhbnN3ZXJfc2V0IjoieCJ9.broken.signature", "", "a" * 3000],
)
def test_a_broken_session_cookie_starts_afresh(client, cookie):
    client.set_cookie("wegwijzer", cookie)
    response = client.get("/nl/check/", follow_redirects=True)
    check_page(response, status=200, lang="nl")


def test_an_answer_set_id_that_does_not_exist_gives_a_clear_page(impatient_app):
    client = impatient_app.test_client()
    with client.session_transaction() as session:
        session["answer_set"] = "no-such-set"
    response = client.post("/en/check/nationality-group", data={"answer": "other"})
    page = check_page(response, status=410, lang="en")
    # The page offers a way on: start again or resume with a code.
    assert page.all("form") or page.all("a")


def test_an_oversized_post_gets_the_413_page(impatient_app):
    client = impatient_app.test_client()
    start_check(client)
    response = client.post("/nl/check/nationality-group", data={"answer": "x" * 40_000})
    check_page(response, status=413, lang="nl")


def test_wrong_method_gets_a_page_not_a_500(client):
    response = client.post("/nl/")
    assert response.status_code == 405
    check_page(response, status=405, lang="nl")
    assert "GET" in response.headers["Allow"]  # RFC 9110: a 405 names the methods that work


def test_error_pages_under_htmx_replace_the_whole_body(csrf_app):
    # Review finding 10: htmx dropped 4xx/5xx responses, so "Volgende" silently did nothing.
    client = csrf_app.test_client()
    start_check(client, "en")
    response = client.post(
        "/en/check/nationality-group", data={"answer": "other"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 400
    assert response.headers["HX-Retarget"] == "body"
    assert response.headers["HX-Reswap"] == "innerHTML"
    check_page(response, status=400, lang="en")

"""Faults against real gunicorn: a killed worker, a read-only or locked database, bad cookies.

Each must end in the portal's own page in the user's language (never a 5xx other than the
503 "not available" page), keep the answers given before, and log no traceback (issue 7).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from portal.config import Config
from tests import servers
from tests.live.client import (
    Browser,
    Response,
    Tally,
    form_to,
    heading,
    page_lang,
    summary_rows,
)
from tests.live.conftest import LIVE_SECRET_KEY, assert_log_has_no_traceback, translated
from tests.live.users import reopen_all, simulate_users

UNAVAILABLE = "De website is even niet beschikbaar"
FIRST_QUESTION = "nationality-group"
# Two answers that lead on to a third question (a month and a year).
TWO_ANSWERS = [("nationality-group", "other"), ("residence-purpose", "asylum")]
THIRD_QUESTION = "residence-decision-date"
THIRD_ANSWER = [("month", "5"), ("year", "2016")]
RESULT_AT_ONCE = ("answer", "eu_eea_ch")  # EU citizens have no obligation: no more questions


def answer(browser: Browser, lang: str, slug: str, fields: list[tuple[str, str]]) -> Response:
    """Open a question page and post its form with `fields`."""
    page = browser.get(f"/{lang}/check/{slug}")
    form = form_to(page.body, f"/{lang}/check/{slug}")
    assert form is not None, (page.status, page.path)
    return browser.submit(form, fields)


def browser_with_two_answers(base: str, lang: str) -> Browser:
    """Return a browser that started a check in `lang` and answered the first two questions."""
    browser = Browser(base)
    assert browser.get(f"/{lang}/check/").status == 200
    for slug, value in TWO_ANSWERS:
        assert answer(browser, lang, slug, [("answer", value)]).statuses == [303, 200]
    return browser


def answers_shown(browser: Browser, lang: str) -> list[tuple[str, str]]:
    page = browser.get(f"/{lang}/check/answers")
    assert page.status == 200, page.status
    return summary_rows(page.body)


def assert_unavailable_page(response: Response, lang: str) -> None:
    """Assert the portal's own 503 page in `lang`: its heading, Retry-After, no traceback."""
    assert response.status == 503, (response.statuses, response.body[:500])
    assert response.headers.get("Retry-After"), response.headers
    assert page_lang(response.body) == lang
    assert heading(response.body) == translated(UNAVAILABLE, lang)
    assert "Traceback" not in response.body
    assert "Internal Server Error" not in response.body


@pytest.mark.slow
def test_a_worker_killed_during_load_loses_no_saved_answers(tmp_path: Path, record_property: Any):
    users, seconds, kill_after = 50, 20.0, 5.0
    with servers.live_server(tmp_path / "instance", workers=2) as server:
        tally = Tally()
        results: list[Any] = []
        load = threading.Thread(
            target=lambda: results.extend(simulate_users(server.base, users, seconds, tally))
        )
        load.start()
        time.sleep(kill_after)
        victim = server.workers()[0]
        os.kill(victim, signal.SIGKILL)
        load.join()
        # The master replaces the worker; wait for it, so the reopening below meets two.
        deadline = time.monotonic() + 30
        while (len(server.workers()) < 2 or victim in server.workers()) and (
            time.monotonic() < deadline
        ):
            time.sleep(0.2)
        workers_after = server.workers()
        saved = [one for result in results for one in result.saved]
        problems = reopen_all(server.base, saved, Tally())
        log = server.log()
        assert_log_has_no_traceback(server)
    cut_off = sum(result.cut_off for result in results)
    figures = (
        f"worker kill: users={users} seconds={seconds:.0f} killed pid {victim} after "
        f"{kill_after:.0f}s; checks={sum(r.checks for r in results)} codes={len(saved)} "
        f"checks cut off={cut_off} connection failures={dict(tally.failures)} "
        f"statuses={dict(sorted(tally.statuses.items()))}"
    )
    print(figures)
    record_property("worker_kill_figures", figures)
    assert f"(pid:{victim})" in log, "gunicorn did not notice the killed worker"
    assert len(workers_after) == 2 and victim not in workers_after, workers_after
    assert not tally.server_errors, tally.server_errors[:10]
    assert not [u for result in results for u in result.unexpected]
    assert saved, "no check was saved at all"
    assert not problems, problems[:5]


def test_a_read_only_database_gives_a_503_page_in_the_users_language_and_keeps_answers(
    read_only_switch: Any,
):
    lang = "ar"
    folder = read_only_switch.folder
    # Workers may keep the database open between requests, and a mount with files open for
    # writing cannot become read-only: so gunicorn restarts around each switch, as after a
    # deploy on a read-only volume.
    server = servers.start(folder, secret_key=LIVE_SECRET_KEY)
    try:
        browser = browser_with_two_answers(server.base, lang)
        before = answers_shown(browser, lang)
        form = form_to(
            browser.get(f"/{lang}/check/{THIRD_QUESTION}").body, f"/{lang}/check/{THIRD_QUESTION}"
        )
        assert form is not None
    finally:
        server.stop()

    read_only_switch.make_read_only()
    try:
        server = servers.start(folder, secret_key=LIVE_SECRET_KEY, init_db=False, healthy=False)
        try:
            browser.base = server.base
            refused = browser.submit(form, THIRD_ANSWER)
            assert_unavailable_page(refused, lang)
            # Reading may still work on a read-only file; if not, it is the same clear page.
            looked = browser.get(f"/{lang}/check/answers")
            if looked.status != 200:
                assert_unavailable_page(looked, lang)
        finally:
            server.stop()
    finally:
        read_only_switch.make_writable()

    with servers.live_server(folder, secret_key=LIVE_SECRET_KEY) as server:
        browser.base = server.base
        assert answers_shown(browser, lang) == before
        assert browser.submit(form, THIRD_ANSWER).statuses[0] == 303
        assert len(answers_shown(browser, lang)) == len(before) + 1
        assert "database unavailable" in server.log()
        assert_log_has_no_traceback(server)


def test_a_locked_database_gives_a_503_page_with_retry_after_and_keeps_answers(live: Any):
    lang = "ti"
    browser = browser_with_two_answers(live.base, lang)
    before = answers_shown(browser, lang)
    question = browser.get(f"/{lang}/check/{THIRD_QUESTION}")
    form = form_to(question.body, question.path)
    assert form is not None
    # Another process holds the write lock for longer than the portal's busy timeout.
    blocker = sqlite3.connect(live.instance / Config.DATABASE, isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        refused = browser.submit(form, THIRD_ANSWER)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert_unavailable_page(refused, lang)
    assert answers_shown(browser, lang) == before
    assert browser.submit(form, THIRD_ANSWER).statuses[0] == 303
    assert_log_has_no_traceback(live)


# Issue 7, found by this suite: the result is only read, but its first view also writes the
# anonymous "finished" counter (result.count_once); a busy database now skips the count.
def test_a_locked_database_still_shows_a_result_whose_answers_can_be_read(live: Any):
    lang = "en"
    browser = Browser(live.base)
    page = browser.get(f"/{lang}/check/")
    form = form_to(page.body, page.path)
    assert form is not None
    # One answer completes the check: the result is next, not yet viewed (nor counted).
    status, headers, _body = browser.fetch("POST", form.action, [*form.hidden, RESULT_AT_ONCE])
    assert (status, headers["Location"]) == (303, f"/{lang}/check/result")
    blocker = sqlite3.connect(live.instance / Config.DATABASE, isolation_level=None)
    try:
        blocker.execute("BEGIN EXCLUSIVE")
        shown = browser.get(f"/{lang}/check/result")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert_log_has_no_traceback(live)
    assert shown.statuses == [200], heading(shown.body)
    assert heading(shown.body) == translated("Uw uitkomst", lang)


def _serializer(secret_key: str) -> Any:
    """Return the signer Flask uses for session cookies with `secret_key`."""
    signer = Flask(__name__)
    signer.secret_key = secret_key
    serializer = SecureCookieSessionInterface().get_signing_serializer(signer)
    assert serializer is not None
    return serializer


def _session_of(cookie: str) -> dict[str, Any]:
    return dict(_serializer(LIVE_SECRET_KEY).loads(cookie))


def _change_one_character(cookie: str, where: int) -> str:
    # Flip a character the signature fully covers (not the last one of a base64 segment,
    # whose low bits may be padding: changing it could leave the cookie valid).
    swapped = "B" if cookie[where] != "B" else "C"
    return cookie[:where] + swapped + cookie[where + 1 :]


BAD_COOKIES = [
    "garbage",
    "one character changed in the data",
    "one character changed in the signature",
    "signed with another key",
    "3000 characters",
]


@pytest.mark.parametrize("kind", BAD_COOKIES)
def test_a_bad_session_cookie_starts_a_fresh_check(live: Any, kind: str):
    lang = "en"
    owner = browser_with_two_answers(live.base, lang)
    good = owner.session_cookie()
    assert good is not None
    bad = {
        "garbage": "garbage",
        "one character changed in the data": _change_one_character(good, len(good) // 4),
        "one character changed in the signature": _change_one_character(good, good.rindex(".") + 1),
        "signed with another key": _serializer("another-secret-key").dumps(_session_of(good)),
        "3000 characters": "a" * 3000,
    }[kind]
    stranger = Browser(live.base)
    stranger.set_cookie(Config.SESSION_COOKIE_NAME, bad)
    page = stranger.get(f"/{lang}/check/")
    assert page.statuses == [303, 200]
    assert page.path == f"/{lang}/check/{FIRST_QUESTION}"
    assert page_lang(page.body) == lang
    assert stranger.session_cookie() not in (None, bad)
    # A fresh start holds no answer set yet (issue 14: the first answer makes one).
    assert _session_of(str(stranger.session_cookie())).get("answer_set") is None
    # The owner of the good cookie still has both answers.
    assert len(answers_shown(owner, lang)) == len(TWO_ANSWERS)
    assert_log_has_no_traceback(live)


def test_an_old_cookie_whose_answers_were_deleted_explains_and_starts_afresh(live: Any):
    lang = "ar"
    owner = browser_with_two_answers(live.base, lang)
    old = owner.session_cookie()
    assert old is not None
    # Delete is a link to a confirmation page whose form deletes (issue 13).
    assert f'href="/{lang}/check/delete"' in owner.get(f"/{lang}/check/answers").body
    confirm = owner.get(f"/{lang}/check/delete")
    delete = form_to(confirm.body, f"/{lang}/check/delete")
    assert delete is not None
    assert owner.submit(delete, []).status == 200

    stranger = Browser(live.base)
    stranger.set_cookie(Config.SESSION_COOKIE_NAME, old)
    page = stranger.get(f"/{lang}/check/")
    # By design (tests/web/test_failures.py) the portal says the answers are gone, with a
    # 410 page in the user's language, instead of silently starting over.
    assert page.statuses == [410], page.statuses
    assert page_lang(page.body) == lang
    assert heading(page.body) == translated("Uw antwoorden zijn verlopen", lang)
    restart = form_to(page.body, f"/{lang}/check/restart")
    assert restart is not None
    fresh = stranger.submit(restart, [])
    assert fresh.statuses == [303, 303, 200]
    assert fresh.path == f"/{lang}/check/{FIRST_QUESTION}"
    assert_log_has_no_traceback(live)

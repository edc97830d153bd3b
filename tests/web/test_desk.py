"""The desk (issue 6): authorisation on every route, login, lockout, idle timeout, audit, stats."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import cli, create_app, store
from portal.i18n import LANGUAGES
from portal.rules.outcome import REGIMES, ROUTE_CODES
from portal.web import desk_login, desk_reference, desk_stats
from tests.conftest import check_page
from tests.web.conftest import PASSWORD, desk_app, login

ADMIN_ENDPOINTS = {
    "desk.staff_list",
    "desk.staff_add",
    "desk.staff_active",
    "desk.staff_member",
    "desk.staff_unlock",
    "desk.staff_password",
    "desk.audit",
}


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    """The real app with an admin (anna) and a desk member (bert); CSRF is tested apart."""
    return desk_app(tmp_path, WTF_CSRF_ENABLED=False)


def desk_urls(app: Flask) -> list[tuple[str, str, str]]:
    """Return (endpoint, method, url) for every desk route, so new routes are covered too."""
    urls = []
    with app.test_request_context():
        from flask import url_for

        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith("desk."):
                continue
            values = dict.fromkeys(rule.arguments, 1)
            for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
                urls.append((rule.endpoint, method, url_for(rule.endpoint, **values)))
    return urls


ROUTES = desk_urls(create_app({"TESTING": True, "SECRET_KEY": "routes", "DATABASE": ":memory:"}))


def _id(route: tuple[str, str, str]) -> str:
    return f"{route[1]} {route[0]}"


@pytest.mark.parametrize("route", ROUTES, ids=_id)
def test_every_desk_route_sends_anonymous_visitors_to_the_login(client, route):
    endpoint, method, url = route
    response = client.open(url, method=method)
    if endpoint in {"desk.login", "desk.language"}:
        assert response.status_code in {200, 302}
        if response.status_code == 302:
            assert response.location.startswith("/desk/")
        return
    assert response.status_code == 302
    assert response.location.startswith("/desk/login")


@pytest.mark.parametrize("route", ROUTES, ids=_id)
def test_every_admin_route_refuses_desk_staff(app, client, route):
    endpoint, method, url = route
    login(client, "bert")
    response = client.open(url, method=method)
    if endpoint == "desk.login_code":  # public; without a password just given, to the login
        assert response.status_code == 302
        return
    if getattr(app.view_functions[endpoint], "admin_only", False):
        page = check_page(response, status=403, lang="nl")
        assert page.h1 == "Geen toegang"
    else:
        assert response.status_code not in {401, 403}
        if response.status_code == 302 and endpoint != "desk.logout":
            assert not response.location.startswith("/desk/login")


def test_the_admin_routes_are_marked_admin_only(app):
    marked = {e for e, view in app.view_functions.items() if getattr(view, "admin_only", False)}
    assert marked == ADMIN_ENDPOINTS


@pytest.mark.parametrize("url", ["/desk/staff", "/desk/audit", "/desk/stats", "/desk/reference"])
def test_an_admin_reaches_every_page(client, page, url):
    login(client, "anna")
    assert page(url, lang="nl").h1


def test_desk_responses_are_never_cached_or_indexed(client):
    for url in ["/desk/login", "/desk/lookup"]:
        response = client.get(url)
        assert response.headers["Cache-Control"] == "no-store"
        assert "noindex" in response.headers["X-Robots-Tag"]
    login(client, "bert")
    response = client.get("/desk/stats.csv")
    assert response.headers["Cache-Control"] == "no-store"
    assert "noindex" in response.headers["X-Robots-Tag"]


def test_login_page_is_dutch_and_has_a_csrf_token(page):
    login_page = page("/desk/login", lang="nl")
    assert login_page.h1 == "Inloggen bij de balie"


def test_login_needs_the_csrf_token(tmp_path):
    client = desk_app(tmp_path, WTF_CSRF_ENABLED=True).test_client()
    assert login(client, "anna").status_code == 400


def test_login_with_the_right_password_opens_the_lookup(client):
    response = login(client, "Anna")  # usernames do not depend on case
    assert response.status_code == 302
    assert response.location == "/desk/lookup"
    with client.session_transaction() as session:
        assert session[desk_login.TOKEN]


def test_login_goes_back_to_the_desk_page_asked_for_but_never_elsewhere(client):
    ok = client.post(
        "/desk/login?next=/desk/stats", data={"username": "bert", "password": PASSWORD}
    )
    assert ok.location == "/desk/stats"
    client.post("/desk/logout")
    evil = client.post(
        "/desk/login?next=https://evil.example/desk/",
        data={"username": "bert", "password": PASSWORD},
    )
    assert evil.location == "/desk/lookup"


def test_login_with_a_wrong_password_is_refused(client):
    response = login(client, "anna", "wrong password!!")
    page = check_page(response, lang="nl")
    assert "De gebruikersnaam of het wachtwoord is niet goed." in page.text
    assert client.get("/desk/lookup").status_code == 302


def test_an_unknown_user_gets_the_same_message(client):
    page = check_page(login(client, "nobody", "whatever pass"), lang="nl")
    assert "De gebruikersnaam of het wachtwoord is niet goed." in page.text


def test_failures_slow_down_one_address_but_never_lock_the_account(app, client):
    # Issue 14: five wrong passwords used to lock the account for everyone, from anywhere.
    for _ in range(desk_login.MAX_FAILURES):
        page = check_page(login(client, "anna", "wrong password!!"), lang="nl")
        assert "niet goed" in page.text
    response = login(client, "anna", "wrong password!!")
    page = check_page(response, status=429, lang="nl")
    assert "Wacht" in page.text and response.headers["Retry-After"]
    # The same address waits a moment, even with the right password...
    check_page(login(client, "anna"), status=429, lang="nl")
    # ...but anna at her own desk (another address) logs in at once.
    elsewhere = app.test_client()
    elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.44"
    assert login(elsewhere, "anna").location == "/desk/lookup"
    # Another account from the slowed address is not slowed down.
    assert login(client, "bert").status_code == 302


def test_the_wait_doubles_and_stays_short(app, client):
    # Issue 14: a delay, not a lockout: at most MAX_DELAY, and the right password then works.
    for _ in range(desk_login.MAX_FAILURES + 3):
        login(client, "bert", "wrong password!!")
    response = login(client, "bert")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) <= desk_login.MAX_DELAY.total_seconds()
    with app.app_context():
        db = store.get_db()
        earlier = store.iso(store.now() - desk_login.MAX_DELAY)
        db.execute("UPDATE failed_attempts SET attempted_at = ?", [earlier])
        db.conn.commit()
    assert login(client, "bert").location == "/desk/lookup"


SLOWED = "Er waren veel mislukte pogingen"
NOT_SLOWED = "Er zijn nu niet veel mislukte pogingen"


def test_a_lockout_is_audited_and_an_admin_can_lift_it(app, client, page):
    # Issue 14
    slowed = app.test_client()
    for _ in range(desk_login.MAX_FAILURES + 1):
        login(slowed, "bert", "wrong password!!")
    assert login(slowed, "bert").status_code == 429
    login(client, "anna")
    with app.app_context():
        bert = store.find_staff(store.get_db(), "bert")
        events = [(e["event"], e["subject"]) for e in store.read_audit(store.get_db())]
    assert ("lockout", "bert") in events
    member = page(f"/desk/staff/{bert['id']}", lang="nl")
    # The button is always there; the text says that the account waits now.
    assert SLOWED in member.text
    client.post(f"/desk/staff/{bert['id']}/unlock")
    assert login(slowed, "bert").location == "/desk/lookup"
    with app.app_context():
        events = [
            (e["event"], e["username"], e["subject"]) for e in store.read_audit(store.get_db())
        ]
    assert ("unlock", "anna", "bert") in events
    audit = page("/desk/audit", lang="nl")
    assert "Inloggen vertraagd" in audit.text and "Inloggen vrijgegeven" in audit.text


def test_the_staff_page_says_an_account_waits_exactly_when_its_login_does(app, client, page):
    # Desk review of issue 14: the page said "slowed" only past 5 failures (the wait starts at
    # 5), and counted failures from all addresses together (the wait counts per address).
    here, there = app.test_client(), app.test_client()
    there.environ_base["REMOTE_ADDR"] = "192.0.2.44"
    for _ in range(desk_login.MAX_FAILURES - 1):
        login(here, "bert", "wrong password!!")
        login(there, "bert", "wrong password!!")
    login(client, "anna")
    with app.app_context():
        bert = store.find_staff(store.get_db(), "bert")
    member = page(f"/desk/staff/{bert['id']}", lang="nl")
    assert NOT_SLOWED in member.text and SLOWED not in member.text
    login(here, "bert", "wrong password!!")
    assert login(here, "bert").status_code == 429
    member = page(f"/desk/staff/{bert['id']}", lang="nl")
    assert SLOWED in member.text and NOT_SLOWED not in member.text


def test_the_lock_lifts_after_fifteen_minutes(app, client):
    for _ in range(desk_login.MAX_FAILURES + 2):
        login(client, "anna", "wrong password!!")
    with app.app_context():
        db = store.get_db()
        earlier = store.iso(store.now() - desk_login.LOCKOUT - timedelta(seconds=1))
        db.execute("UPDATE failed_attempts SET attempted_at = ?", [earlier])
        db.conn.commit()
    assert login(client, "anna").status_code == 302


def test_failed_logins_store_no_username_or_ip(app, client):
    login(client, "anna", "wrong password!!")
    with app.app_context():
        rows = list(store.get_db().query("SELECT * FROM failed_attempts"))
    assert len(rows) == 2  # one under username and address, one under the address
    for row in rows:
        assert "anna" not in row["key"] and "127.0.0.1" not in row["key"]
        assert len(row["key"]) == 64
        assert row["account_key"] is None or "anna" not in row["account_key"]


def test_one_client_failing_on_many_names_is_throttled(client):
    for number in range(desk_login.CLIENT_MAX_FAILURES):
        login(client, f"guess{number}", "wrong password!!")
    response = login(client, "anna")
    page = check_page(response, status=429, lang="nl")
    assert "te veel pogingen" in page.text
    # Issue 14: a wait of seconds, not a block of 15 minutes for everyone behind the address.
    assert int(response.headers["Retry-After"]) <= desk_login.MAX_DELAY.total_seconds()


def _age_sessions(app: Flask, **ago: timedelta) -> None:
    """Move the desk sessions' created_at / last_seen_at into the past."""
    with app.app_context():
        db = store.get_db()
        for column, delta in ago.items():
            db.execute(f"UPDATE desk_sessions SET {column} = ?", [store.iso(store.now() - delta)])
        db.conn.commit()


def test_thirty_idle_minutes_end_the_session(app, client):
    login(client, "bert")
    _age_sessions(app, last_seen_at=timedelta(minutes=29))
    assert client.get("/desk/lookup").status_code == 200
    _age_sessions(app, last_seen_at=timedelta(minutes=31))
    response = client.get("/desk/lookup")
    assert response.status_code == 302
    assert response.location.startswith("/desk/login")
    page = check_page(client.get(response.location), lang="nl")
    assert "30 minuten niet actief" in page.text
    with client.session_transaction() as session:
        assert desk_login.TOKEN not in session
    with app.app_context():
        assert store.get_db()["desk_sessions"].count == 0


def test_logout_ends_the_desk_session(app, client):
    login(client, "bert")
    response = client.post("/desk/logout")
    assert response.location == "/desk/login"
    with client.session_transaction() as session:
        assert desk_login.TOKEN not in session
    assert client.get("/desk/lookup").status_code == 302
    with app.app_context():
        assert store.get_db()["desk_sessions"].count == 0


def test_the_desk_switches_to_english_and_back(client, page):
    response = client.post("/desk/language", data={"lang": "en", "next": "/desk/login"})
    assert response.location == "/desk/login"
    assert page("/desk/login").doc.get("lang") == "en"
    client.post("/desk/language", data={"lang": "nl", "next": "/desk/login"})
    assert page("/desk/login").doc.get("lang") == "nl"
    client.post("/desk/language", data={"lang": "ar", "next": "https://evil.example/"})
    assert page("/desk/login").doc.get("lang") == "nl"


def test_an_admin_adds_desk_staff_who_can_log_in(client, page):
    login(client, "anna")
    response = client.post(
        "/desk/staff", data={"username": "Carla", "password": PASSWORD, "role": "desk"}
    )
    assert response.location == "/desk/staff"
    assert "carla" in page("/desk/staff", lang="nl").text
    client.post("/desk/logout")
    assert login(client, "carla").location == "/desk/lookup"


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"username": "dirk", "password": "short", "role": "desk"}, "minstens 12 tekens"),
        ({"username": "bert", "password": PASSWORD, "role": "desk"}, "bestaat al"),
        ({"username": "dirk", "password": PASSWORD, "role": "root"}, "Kies een rol"),
        ({"username": "", "password": PASSWORD, "role": "desk"}, "Kies een gebruikersnaam"),
    ],
)
def test_adding_staff_with_bad_input_shows_why(client, form, message):
    login(client, "anna")
    page = check_page(client.post("/desk/staff", data=form), status=400, lang="nl")
    assert message in page.text


def test_disabled_staff_cannot_log_in_and_are_logged_out(app, client):
    other = app.test_client()
    login(other, "bert")
    assert other.get("/desk/lookup").status_code == 200
    login(client, "anna")
    with app.app_context():
        bert = store.find_staff(store.get_db(), "bert")
    assert bert is not None
    client.post(f"/desk/staff/{bert['id']}/active", data={"active": "0"})
    assert other.get("/desk/lookup").status_code == 302
    other_page = check_page(login(other, "bert"), lang="nl")
    assert "niet goed" in other_page.text
    client.post(f"/desk/staff/{bert['id']}/active", data={"active": "1"})
    assert login(other, "bert").status_code == 302


def test_an_admin_cannot_disable_themselves(app, client):
    login(client, "anna")
    with app.app_context():
        anna = store.find_staff(store.get_db(), "anna")
    assert anna is not None
    client.post(f"/desk/staff/{anna['id']}/active", data={"active": "0"})
    assert client.get("/desk/staff").status_code == 200


def complete_answers() -> dict[str, Any]:
    """Answer every question the flow asks (a non-EU asylum migrant), as a client would."""
    from portal.flow import engine

    q = engine.load_questionnaire()
    prefer = {"other", "asylum", "no"}
    answers: dict[str, Any] = {}
    while (question := engine.next_question(q, answers)) is not None:
        options = sorted((o.value for o in question.options), key=lambda v: v not in prefer)
        typed = {"month_year": ["2016-03"], "number": [35, 0], "yes_no": ["no"], "multi": [[]]}
        candidates = [*typed.get(question.type, options), options[:1], engine.UNKNOWN]
        answers[question.id] = next(c for c in candidates if engine.is_valid_value(question, c))
    return answers


def seed_check(app: Flask, lang: str = "ar") -> str:
    """Store a finished check in `lang` with a resume code; return the code as the client has it."""
    with app.app_context():
        db = store.get_db()
        set_id = store.new_answer_set(db, lang, timedelta(hours=1))
        store.save_answers(db, set_id, complete_answers(), lang, timedelta(hours=1))
        return store.create_resume_code(db, set_id, timedelta(days=30))


def test_a_lookup_shows_the_dutch_result_names_the_language_and_is_audited(app, client, page):
    code = seed_check(app, "ar")
    login(client, "bert")
    response = client.post("/desk/lookup", data={"code": code.lower().replace("-", " ")})
    assert response.location == "/desk/lookup/case"
    case = page("/desk/lookup/case", lang="nl")
    assert "Arabisch" in case.text
    assert "Welke wet geldt voor u" in case.text  # the outcome partial, in Dutch
    assert "Wet inburgering" in case.text
    printed = page("/desk/lookup/print", lang="nl")
    assert {s.get("lang") for s in printed.all("section")} >= {"ar", "nl"}
    with app.app_context():
        entries = store.read_audit(store.get_db())
        dump = repr(list(store.get_db().query("SELECT * FROM audit_log")))
    # Issue 14: the views of the case and its print are audited too, under the same code.
    assert [e["event"] for e in entries] == ["view_print", "view_case", "lookup"]
    assert len({e["code_hash"] for e in entries}) == 1
    entry = entries[-1]
    assert entry["username"] == "bert"  # joined from staff, not stored in the row
    assert entry["found"] == 1
    assert entry["regime"] in REGIMES
    plain = store.normalise_code(code)
    with app.app_context():
        assert entry["code_hash"] == store.hash_code(plain)
    assert plain not in dump and code not in dump and "bert" not in dump


def test_a_lookup_without_a_match_is_audited_too(app, client):
    login(client, "bert")
    page = check_page(client.post("/desk/lookup", data={"code": "AAAAA-BBBBB-CCCCC"}), 400, "nl")
    assert "vinden wij geen antwoorden" in page.text
    assert client.get("/desk/lookup/case").location == "/desk/lookup"
    with app.app_context():
        entries = store.read_audit(store.get_db())
    assert [(e["found"], e["regime"]) for e in entries] == [(0, "")]


def test_only_admins_read_the_audit_log(app, client, page):
    code = seed_check(app, "ti")
    login(client, "bert")
    client.post("/desk/lookup", data={"code": code})
    assert client.get("/desk/audit").status_code == 403
    client.post("/desk/logout")
    login(client, "anna")
    audit = page("/desk/audit", lang="nl")
    assert "bert" in audit.text
    with app.app_context():
        assert store.hash_code(code) in audit.text
    assert store.normalise_code(code) not in audit.html


def record_checks(app: Flask) -> None:
    """Count started and finished checks the way the public pages do."""
    with app.app_context():
        db = store.get_db()
        store.record_stat(db, "started", "ar")
        store.record_stat(db, "started", "nl")
        store.record_stat(db, "finished", "ar", "wi2013", ["pass_exam", "exemption_agi"])


def _stats_page(page: Any) -> tuple[list[list[str]], list[str]]:
    """Return the rows of every table on /desk/stats and the widths of the chart's bars."""
    stats = page("/desk/stats", lang="nl")
    rows = [[stats.text_of(cell) for cell in tr] for tr in stats.all("tr")]
    return rows, [rect.get("width") for rect in stats.all("{http://www.w3.org/2000/svg}rect")]


def test_stats_page_shows_a_table_and_a_chart(app, client, page):
    for _ in range(desk_stats.SMALL_COUNT):
        record_checks(app)
    login(client, "bert")
    rows, bars = _stats_page(page)
    today = store.now().date().isoformat()
    assert [today, "10", "5"] in rows
    assert ["Arabisch", "5", "5"] in rows
    assert ["Nederlands", "5", "0"] in rows
    assert ["Ontheffing omdat u genoeg hebt gedaan", "5"] in rows
    assert bars == ["100", "50"]


def test_stats_page_shows_small_counts_as_less_than_five_as_the_csv_does(app, client, page):
    # Desk review of issue 14: the CSV hid counts under 5, the page showed them (one Tigrinya
    # speaker on a quiet day), in its tables and in the length of its bars.
    record_checks(app)
    with app.app_context():
        for _ in range(desk_stats.SMALL_COUNT + 2):
            store.record_stat(store.get_db(), "started", "nl")
    login(client, "bert")
    rows, bars = _stats_page(page)
    today = store.now().date().isoformat()
    assert [today, "9", "<5"] in rows
    assert ["Arabisch", "<5", "<5"] in rows
    assert ["Nederlands", "8", "0"] in rows
    assert ["Ontheffing omdat u genoeg hebt gedaan", "<5"] in rows
    assert ["Wet inburgering 2013", "<5"] in rows
    assert bars == ["100", "0"]
    assert not {cell for row in rows for cell in row} & {"1", "2", "3", "4"}


def test_stats_page_without_numbers(client, page):
    login(client, "bert")
    assert "Er zijn nog geen cijfers." in page("/desk/stats", lang="nl").text


def test_stats_csv_has_a_header_and_only_codes_and_counts(app, client):
    record_checks(app)
    login(client, "bert")
    response = client.get("/desk/stats.csv")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["day", "event", "lang", "regime", "route", "count"]
    assert len(rows) == 1 + 2 + 3


def run_check_through_the_client(app: Flask, client: FlaskClient, lang: str) -> str:
    """Start a check, answer it, see the result and save a code, as a client does; return it.

    The answers go in with store.save_answers (what each question POST does) to keep this
    test independent of the field markup; start, result and save are the real routes.
    """
    answers = complete_answers()
    first = next(iter(answers))
    slug = first.replace("_", "-")
    # The first answer makes the set and counts "started" (issue 14).
    response = client.post(f"/{lang}/check/{slug}", data={"answer": answers[first]})
    assert response.status_code == 303
    with client.session_transaction() as session:
        set_id = session["answer_set"]
    with app.app_context():
        store.save_answers(store.get_db(), set_id, answers, lang, timedelta(hours=1))
    assert client.get(f"/{lang}/check/result").status_code == 200  # counts "finished"
    client.post(f"/{lang}/check/save")
    with client.session_transaction() as session:
        return str(session["resume_code"])


def test_statistics_hold_no_personal_data(app, client):
    """Run checks and a desk lookup, then prove daily_stats holds only known codes and counts."""
    codes = [run_check_through_the_client(app, app.test_client(), lang) for lang in ("ar", "ti")]
    login(client, "bert")
    for code in codes:
        client.post("/desk/lookup", data={"code": code})
    with app.app_context():
        db = store.get_db()
        columns = set(db["daily_stats"].columns_dict)
        rows = list(db.query("SELECT * FROM daily_stats"))
    assert columns == {"day", "event", "lang", "regime", "route", "count"}
    assert {(r["event"], r["lang"]) for r in rows} >= {("started", "ar"), ("finished", "ti")}
    answers = {str(v) for v in complete_answers().values()} - {"", "[]"}
    for row in rows:
        assert row["event"] in store.STAT_EVENTS
        assert row["lang"] in LANGUAGES
        assert row["regime"] in {"", *REGIMES}
        assert row["route"] in {"", *ROUTE_CODES}
        assert isinstance(row["count"], int)
        assert row["day"] == store.now().date().isoformat()
        values = {str(v) for v in row.values()}
        for code in codes:
            assert store.normalise_code(code) not in values and code not in values
        assert "127.0.0.1" not in values
        assert not values & (answers - {"1", "2", "3", "no"})


def test_reference_lists_every_law_parameter_and_route(client, page):
    from portal.rules.parameters import load_parameters

    login(client, "bert")
    reference = page("/desk/reference", lang="nl")
    assert [reference.text_of(h) for h in reference.all("h2")][:3] == [
        "Wet inburgering 2007",
        "Wet inburgering 2013",
        "Wet inburgering 2021",
    ]
    for code in ROUTE_CODES:
        assert code in reference.text
    rows = sum(len(p.periods) for p in load_parameters().values())
    assert sum(len(law.rows) for law in _laws(client)) == rows
    assert set(desk_reference.PARAMETERS) == set(load_parameters())  # each has a Dutch label
    assert "Wet inburgering 2007 art. 7 lid 1" in reference.text


def _laws(client: FlaskClient) -> list[Any]:
    with client.application.test_request_context("/desk/reference"):
        return desk_reference.laws()


def test_create_admin_flask_command(app, monkeypatch):
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", PASSWORD)
    result = app.test_cli_runner().invoke(args=["create-admin", "Root"])
    assert result.exit_code == 0, result.output
    assert "admin root created" in result.output
    with app.app_context():
        root = store.find_staff(store.get_db(), "root")
    assert root is not None and root["role"] == "admin"
    assert root["password_hash"].startswith("$argon2id$")
    again = app.test_cli_runner().invoke(args=["create-admin", "root"])
    assert again.exit_code != 0 and "exists already" in again.output
    assert login(app.test_client(), "root").location == "/desk/lookup"


def test_create_admin_console_script(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "cli-secret")
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", "short")
    assert cli.main(["create-admin", "root"]) == 1
    assert "12 characters" in capsys.readouterr().err
    monkeypatch.setenv("PORTAL_ADMIN_PASSWORD", PASSWORD)
    assert cli.main(["create-admin", "root"]) == 0
    db = store.connect(str(tmp_path / "portal.sqlite3"))
    assert store.find_staff(db, "root")["role"] == "admin"
    db.conn.close()


# --- Review findings (security, privacy, accessibility) ----------------------------------


def _session_cookie(client: FlaskClient) -> str:
    cookie = client.get_cookie(client.application.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    return cookie.value


def _replay(client: FlaskClient, value: str) -> None:
    client.set_cookie(client.application.config["SESSION_COOKIE_NAME"], value)


def test_login_starts_an_empty_session_keeping_only_the_desk_language(client):
    # review finding 1
    client.post("/desk/language", data={"lang": "en", "next": "/desk/login"})
    with client.session_transaction() as session:
        session["answer_set"] = "public-answers"
        session["resume_code"] = "ABCDE-FGHJK-MNPQR"
    login(client, "bert")
    with client.session_transaction() as session:
        assert set(session) == {desk_login.LANG, desk_login.TOKEN}
        assert session[desk_login.LANG] == "en"


def test_logout_empties_the_session_keeping_only_the_desk_language(client):
    # review finding 1
    login(client, "bert")
    with client.session_transaction() as session:
        session["answer_set"] = "typed-in-after-login"
        session[desk_login.LOOKUP] = ["some-set", "ar"]
    client.post("/desk/logout")
    with client.session_transaction() as session:
        assert set(session) <= {desk_login.LANG, "_flashes"}


def test_a_cookie_copied_before_logout_no_longer_works(client):
    # review finding 1
    login(client, "bert")
    copied = _session_cookie(client)
    assert client.get("/desk/lookup").status_code == 200
    client.post("/desk/logout")
    _replay(client, copied)
    response = client.get("/desk/lookup")
    assert response.status_code == 302
    assert response.location.startswith("/desk/login")
    page = check_page(client.get(response.location), lang="nl")
    assert "niet meer ingelogd" in page.text


def test_the_server_keeps_only_a_hash_of_the_session_token(app, client):
    # review finding 1
    login(client, "bert")
    with client.session_transaction() as session:
        token = session[desk_login.TOKEN]
        assert "desk_staff_id" not in session and "desk_last_seen" not in session
    with app.app_context():
        rows = list(store.get_db().query("SELECT * FROM desk_sessions"))
    assert len(rows) == 1
    assert rows[0]["token_hash"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr(rows)
    assert len(token) >= 40  # 32 random bytes


def test_idle_time_is_checked_on_the_server_not_in_the_cookie(app, client):
    # review finding 1: the cookie holds no last-seen time that a client could keep fresh
    login(client, "bert")
    copied = _session_cookie(client)
    _age_sessions(app, last_seen_at=timedelta(minutes=31))
    _replay(client, copied)
    assert client.get("/desk/lookup").location.startswith("/desk/login")


def test_a_session_ends_after_ten_hours_however_active(app, client, page):
    # review finding 1
    login(client, "bert")
    _age_sessions(app, created_at=desk_login.MAX_SESSION - timedelta(minutes=1))
    assert client.get("/desk/lookup").status_code == 200
    _age_sessions(app, created_at=desk_login.MAX_SESSION + timedelta(seconds=1))
    response = client.get("/desk/lookup")
    assert response.location.startswith("/desk/login")
    assert "10 uur ingelogd" in page(response.location, lang="nl").text


def test_ended_desk_sessions_are_purged(app, client):
    # review finding 1: expires_at moves with activity but never past the maximum length
    login(client, "bert")
    client.get("/desk/lookup")
    with app.app_context():
        db = store.get_db()
        row = next(iter(db.query("SELECT * FROM desk_sessions")))
        ends = store.now() + desk_login.IDLE_TIMEOUT
        assert row["expires_at"] <= store.iso(ends)
        assert store.purge_expired(db, store.now() + timedelta(minutes=31)) >= 1
        assert db["desk_sessions"].count == 0


def test_disabling_staff_deletes_their_sessions(app, client):
    # review finding 1
    other = app.test_client()
    login(other, "bert")
    login(client, "anna")
    with app.app_context():
        bert = store.find_staff(store.get_db(), "bert")
    assert bert is not None
    client.post(f"/desk/staff/{bert['id']}/active", data={"active": "0"})
    with app.app_context():
        rows = list(store.get_db().query("SELECT staff_id FROM desk_sessions"))
    assert bert["id"] not in {row["staff_id"] for row in rows}


@pytest.mark.parametrize("typed", ["123456782", "06-12345678", "AAAAA-BBBBB-CCCC0", ""])
def test_malformed_input_leaves_no_trace_in_the_audit_log(app, client, typed):
    # review finding 5: a BSN or phone number typed by mistake is not stored in any form
    login(client, "bert")
    response = client.post("/desk/lookup", data={"code": typed})
    page = check_page(response, 400, "nl")
    assert "Een code heeft 15 letters en cijfers" in page.text
    with app.app_context():
        rows = list(store.get_db().query("SELECT * FROM audit_log"))
    assert [(r["code_hash"], r["malformed"], r["found"]) for r in rows] == [(None, 1, 0)]
    plain = store.normalise_code(typed)
    dump = repr(rows)
    assert plain not in dump or not plain
    assert hashlib.sha256(plain.encode()).hexdigest() not in dump


def test_the_audit_log_keys_its_hash_and_keeps_no_username(app, client):
    # review finding 5
    login(client, "bert")
    client.post("/desk/lookup", data={"code": "AAAAA-BBBBB-CCCCC"})
    with app.app_context():
        db = store.get_db()
        assert "username" not in db["audit_log"].columns_dict
        row = next(iter(db.query("SELECT * FROM audit_log")))
        assert row["code_hash"] == store.hash_code("AAAAABBBBBCCCCC")
    assert row["code_hash"] != hashlib.sha256(b"AAAAABBBBBCCCCC").hexdigest()
    assert row["malformed"] == 0


def test_the_migration_drops_old_plain_hashes_and_usernames():
    # review finding 5
    db = store.connect(":memory:")
    before = store.MIGRATIONS.index(store.staff.m015_audit_log_keyed)
    for step in store.MIGRATIONS[:before]:
        step(db)
    bsn_hash = hashlib.sha256(b"123456782").hexdigest()
    db["audit_log"].insert(
        {
            "at": "2025-01-01T10:00:00",
            "staff_id": 1,
            "username": "bert",
            "code_hash": bsn_hash,
            "found": 0,
            "regime": "",
        }
    )
    for step in store.MIGRATIONS[before:]:
        step(db)
    rows = list(db["audit_log"].rows)
    assert [(r["staff_id"], r["code_hash"], r["malformed"]) for r in rows] == [(1, None, 0)]
    assert "username" not in rows[0]
    assert [i.columns for i in db["audit_log"].indexes] == [["at"]]


@pytest.mark.parametrize("target", ["http://[x", "http://[::1", "//[x]:99999/desk/"])
def test_a_malformed_next_falls_back_to_the_lookup(client, target):
    # review finding 8
    response = client.post(
        "/desk/login",
        query_string={"next": target},
        data={"username": "bert", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response.location == "/desk/lookup"
    response = client.post("/desk/language", data={"lang": "en", "next": target})
    assert response.location == "/desk/lookup"


def _linked_error(page: Any, field_id: str) -> None:
    """Assert the summary links to `field_id`, which is aria-invalid and names its error."""
    summary = next(d for d in page.all("div") if d.get("class") == "error-summary")
    assert summary.get("autofocus") is not None and summary.get("tabindex") == "-1"
    assert f"#{field_id}" in [a.get("href") for a in summary.iter("a")]
    field = next(el for el in page.doc.iter() if el.get("id") == field_id)
    described = (field.get("aria-describedby") or "").split()
    assert field.get("aria-invalid") == "true"
    assert f"{field_id}-error" in described
    ids = {el.get("id") for el in page.doc.iter()}
    assert set(described) <= ids


def test_the_lookup_error_is_linked_to_the_code_field(client):
    # review finding 11
    login(client, "bert")
    page = check_page(client.post("/desk/lookup", data={"code": "AAAAA-BBBBB-CCCCC"}), 400, "nl")
    _linked_error(page, "code")
    assert "code-hint" in page.html


@pytest.mark.parametrize(
    ("form", "field_ids"),
    [
        ({"username": "", "password": "short", "role": "desk"}, ["new-username", "new-password"]),
        ({"username": "bert", "password": PASSWORD, "role": "desk"}, ["new-username"]),
        ({"username": "dirk", "password": PASSWORD, "role": "root"}, ["role-desk"]),
    ],
)
def test_staff_form_errors_are_linked_to_their_fields(client, form, field_ids):
    # review finding 11
    login(client, "anna")
    page = check_page(client.post("/desk/staff", data=form), status=400, lang="nl")
    for field_id in field_ids:
        if field_id.startswith("role-"):  # a radio group: the fieldset names the error
            fieldset = next(f for f in page.all("fieldset"))
            assert fieldset.get("aria-describedby") == f"{field_id}-error"
            assert re.search(f'href="#{field_id}"', page.html)
        else:
            _linked_error(page, field_id)


def test_the_login_error_summary_links_to_the_username(client):
    # review finding 11
    page = check_page(login(client, "anna", "wrong password!!"), lang="nl")
    assert 'href="#username"' in page.html
    assert "autofocus" in page.html


def _nl_ancestors(page: Any) -> set[int]:
    """Return the ids of every element inside a lang="nl" part of the page."""
    inside: set[int] = set()

    def visit(element: Any, dutch: bool) -> None:
        dutch = element.get("lang") == "nl" if element.get("lang") else dutch
        if dutch:
            inside.add(id(element))
        for child in element:
            visit(child, dutch)

    visit(page.doc.find("body"), False)
    return inside


def test_dutch_text_on_the_english_desk_is_marked_dutch(app, client, page):
    # review finding 12
    code = seed_check(app, "ar")
    client.post("/desk/language", data={"lang": "en", "next": "/desk/login"})
    login(client, "bert")
    client.post("/desk/lookup", data={"code": code})
    case = page("/desk/lookup/case", lang="en")  # fails on Dutch msgids outside lang="nl"
    dutch = _nl_ancestors(case)
    for dl in case.all("dl"):
        assert id(dl) in dutch
    reference = page("/desk/reference", lang="en")
    dutch = _nl_ancestors(reference)
    sources = [s for s in reference.all("span") if s.get("class") == "source"]
    assert sources
    for span in sources:
        (cited,) = [child for child in span if child.tag == "span"] or [span]
        assert id(cited) in dutch, reference.text_of(span)
    for row in reference.all("tr")[1:]:
        cells = list(row.iter("td"))
        if len(cells) == 4:
            assert id(cells[3]) in dutch


def test_the_outcome_headings_are_sections_of_the_page(app, client, page):
    # review finding 13; issue 13: the answers come first, then the outcome under its own h2
    code = seed_check(app, "ar")
    login(client, "bert")
    client.post("/desk/lookup", data={"code": code})
    case = page("/desk/lookup/case", lang="nl")
    h2s = [case.text_of(h) for h in case.all("h2")]
    assert h2s == ["Antwoorden", "Uitkomst"]
    levels = [int(el.tag[1]) for el in case.doc.iter() if el.tag in {"h1", "h2", "h3", "h4"}]
    assert all(later <= earlier + 1 for earlier, later in pairwise(levels)), levels
    sections = [case.text_of(h) for h in case.all("h3")]
    assert sections[0] == "Wat u nu moet doen"
    assert "Welke wet geldt voor u" in sections
    printed = page("/desk/lookup/print", lang="nl")
    columns = [s for s in printed.all("section") if s.get("class") == "side-by-side__column"]
    assert len(columns) == 2
    assert [printed.text_of(h) for h in printed.all("h2")] == [
        LANGUAGES["ar"].native_name,
        LANGUAGES["nl"].native_name,
    ]
    for column in columns:
        first = next(el for el in column.iter() if el.tag in {"h2", "h3", "h4"})
        assert first.tag == "h2"
        assert column.get("aria-labelledby") == first.get("id")
        assert list(column.iter("h3")), "the outcome's sections are h3 under the language"
        assert not [h for h in column.iter("h2") if h is not first]


# issue 13; issue 11 item 15
def test_the_case_shows_everything_and_no_seed_citation(app, client, page):
    code = seed_check(app, "ti")
    login(client, "bert")
    client.post("/desk/lookup", data={"code": code})
    for path in ("/desk/lookup/case", "/desk/lookup/print"):
        shown = page(path, lang="nl")
        assert not [d for d in shown.all("details") if d.get("open") is None], path
        assert not re.search(r"seed \d|:\d+-\d+", shown.text), path
        assert "Regels gecontroleerd met de wet op 1 december 2026." in shown.text


# issue 13
def test_a_mistyped_code_stays_in_the_field(client):
    login(client, "bert")
    page = check_page(client.post("/desk/lookup", data={"code": "abcde-fghjk-mnpq"}), 400, "nl")
    assert page.doc.find(".//input[@id='code']").get("value") == "abcde-fghjk-mnpq"


# issue 13
def test_the_reference_names_exam_parts_and_writes_numbers_in_dutch(client):
    login(client, "bert")
    page = check_page(client.get("/desk/reference"), 200, "nl")
    cells = [page.text_of(td) for td in page.all("td")]
    assert (
        "lezen, schrijven, spreken, luisteren, KNM (Kennis van de Nederlandse Maatschappij)"
        in cells
    )
    assert not [c for c in cells if re.search(r"\b(reading|listening|writing|speaking)\b", c)]
    assert "10.000 euro" in cells
    # Structured values are worded, not shown as their field names.
    assert not [c for c in cells if re.search(r"\b[a-z]+_[a-z_]+:", c)]
    assert any(c.startswith("Klaar binnen 6 maanden na de termijn") for c in cells)


@pytest.mark.parametrize("staff_id", [2**63 - 1, 2**63, 2**64, 10**30])
def test_a_huge_staff_id_is_not_found(client, staff_id):
    # review finding 15
    login(client, "anna")
    response = client.post(f"/desk/staff/{staff_id}/active", data={"active": "0"})
    assert response.status_code == 404


# issue 13 item 7: "I know only the year" reaches the desk as the client gave it
def test_the_desk_shows_a_year_only_answer_as_such(app, client, page):
    answers = {**complete_answers(), "residence_decision_date": "2014"}
    with app.app_context():
        db = store.get_db()
        set_id = store.new_answer_set(db, "ar", timedelta(hours=1))
        store.save_answers(db, set_id, answers, "ar", timedelta(hours=1))
        code = store.create_resume_code(db, set_id, timedelta(days=30))
    login(client, "bert")
    client.post("/desk/lookup", data={"code": code})
    case = page("/desk/lookup/case", lang="nl")
    rows = {
        case.text_of(row.find("dt")): case.text_of(row.find("dd"))
        for row in case.all("div")
        if row.get("class") == "summary-list__row"
    }
    assert rows["Wanneer kreeg u uw verblijfsvergunning?"] == "2014 (alleen het jaar)"


def test_the_desk_says_when_a_case_was_answered_under_older_rules(app, client, page):
    # Issue 11 item 16: the desk shows the same notice as the result page.
    code = seed_check(app, "ti")
    with app.app_context():
        db = store.get_db()
        db.execute("UPDATE answer_sets SET rules_version = '2026-11-23'")
        db.conn.commit()
    login(client, "bert")
    client.post("/desk/lookup", data={"code": code})
    case = page("/desk/lookup/case", lang="nl")
    assert "De klant gaf de antwoorden onder de regels van 23 november 2026" in case.text

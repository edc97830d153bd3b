"""Desk helpers shared by the desk tests: two staff accounts, and a login that types the code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyotp
from flask import Flask
from flask.testing import FlaskClient

from portal import store
from portal.web import desk_login
from tests.conftest import make_app

PASSWORD = "correct horse battery"
HASH = desk_login.hash_password(PASSWORD)  # hashed once: argon2 is slow on purpose
# Admins log in with two steps (issue 14): anna's authenticator app holds this secret.
ANNA_TOTP = pyotp.random_base32()


def desk_app(tmp_path: Path, **config: Any) -> Flask:
    """Return the real app with an admin (anna, two-step login on) and a desk member (bert)."""
    app = make_app(tmp_path, **config)
    with app.app_context():
        db = store.get_db()
        anna = store.create_staff(db, "anna", HASH, "admin")
        store.set_totp(db, anna, ANNA_TOTP)
        store.create_staff(db, "bert", HASH, "desk")
    return app


def login(client: FlaskClient, username: str, password: str = PASSWORD) -> Any:
    """Log in; for an account with two-step login, type the code its app shows now.

    Each code works once (the replay guard): the tests log in many times within 30 seconds,
    so the guard's memory is cleared first, as if the next 30 seconds had begun.
    """
    response = client.post("/desk/login", data={"username": username, "password": password})
    if response.status_code == 302 and response.location.startswith("/desk/login/code"):
        with client.application.app_context():
            db = store.get_db()
            secret = store.find_staff(db, username)["totp_secret"]
            db.execute("UPDATE staff SET totp_last_step = NULL WHERE totp_secret = ?", [secret])
            db.conn.commit()
        code = pyotp.TOTP(secret).now()
        response = client.post(response.location, data={"code": code})
    return response

"""Desk sign-in: argon2 passwords, lockout, server-side sessions with their time limits, roles.

Holds no routes (desk.py has them) and reaches SQLite only through portal.store.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import session
from sqlite_utils import Database

from portal import store
from portal.web import throttle

IDLE_TIMEOUT = timedelta(minutes=30)
MAX_SESSION = timedelta(hours=10)  # a desk session ends after this, however active
MAX_FAILURES = 5  # per username, within LOCKOUT
LOCKOUT = timedelta(minutes=15)
CLIENT_MAX_FAILURES = 20  # per client (HMAC of the IP), within LOCKOUT

# Session keys of the desk. Login and logout clear the whole session except LANG.
TOKEN = "desk_session"  # random per login; the server keeps only its sha256 (desk_sessions)
LOOKUP = "desk_lookup"
LANG = "desk_lang"
DESK_LANGUAGES = ("nl", "en")

hasher = PasswordHasher()
# Verified against when the username is unknown, so both cases take as long.
_DUMMY_HASH = hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    """Return the argon2id hash of a password."""
    return hasher.hash(password)


def is_valid_password(password: str) -> bool:
    """Return True when a new password is long enough (12 characters or more)."""
    return len(password) >= 12


def _user_key(username: str) -> str:
    return throttle.hmac_key("user", username.strip().lower())


def _client_key() -> str:
    return throttle.client_key("client")


def locked_until(db: Database, username: str) -> datetime | None:
    """Return until when logins for `username` are refused, or None when they are not."""
    failures = store.failures_since(db, _user_key(username), store.now() - LOCKOUT)
    if len(failures) < MAX_FAILURES:
        return None
    # The lock lifts when the oldest failure that still counts is LOCKOUT old.
    oldest = datetime.fromisoformat(failures[-MAX_FAILURES]).replace(tzinfo=store.now().tzinfo)
    return oldest + LOCKOUT


def is_client_throttled(db: Database) -> bool:
    """Return True when this client has failed too often lately, whatever the username."""
    failures = store.failures_since(db, _client_key(), store.now() - LOCKOUT)
    return len(failures) >= CLIENT_MAX_FAILURES


def authenticate(db: Database, username: str, password: str) -> tuple[dict[str, Any] | None, str]:
    """Check a login; return (staff, "ok") or (None, reason): locked, throttled or invalid.

    While an account is locked the password is not even checked, so a correct one is refused too.
    """
    if is_client_throttled(db):
        return None, "throttled"
    if locked_until(db, username):
        return None, "locked"
    staff = store.find_staff(db, username)
    try:
        hasher.verify(staff["password_hash"] if staff else _DUMMY_HASH, password)
        valid = staff is not None and bool(staff["active"])
    except (VerificationError, InvalidHashError):
        valid = False
    if not valid or staff is None:
        store.record_failure(db, [_user_key(username), _client_key()], LOCKOUT)
        return None, "locked" if locked_until(db, username) else "invalid"
    store.clear_failures(db, _user_key(username))
    rehash = hash_password(password) if hasher.check_needs_rehash(staff["password_hash"]) else None
    store.record_login(db, staff["id"], rehash)
    return staff, "ok"


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _clear_session() -> None:
    """Empty the session (public answers, codes, desk keys), keeping only the desk language."""
    lang = session.get(LANG)
    session.clear()
    if lang in DESK_LANGUAGES:
        session[LANG] = lang


def start_session(db: Database, staff: dict[str, Any]) -> None:
    """Start a fresh session for the staff member: nothing from before the login carries over."""
    _clear_session()
    token = secrets.token_urlsafe(32)
    store.create_desk_session(db, _token_hash(token), staff["id"], store.now() + IDLE_TIMEOUT)
    session[TOKEN] = token


def end_session(db: Database) -> None:
    """Delete the session on the server (a copied cookie stops working) and empty the cookie."""
    token = session.get(TOKEN)
    if isinstance(token, str):
        store.delete_desk_session(db, _token_hash(token))
    _clear_session()


def _parse(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=store.now().tzinfo)


def current_staff(db: Database) -> tuple[dict[str, Any] | None, str | None]:
    """Return (staff, ended): the signed-in, active staff member, noting activity now.

    `ended` says why a session that the cookie named is over: "idle" (IDLE_TIMEOUT without a
    request), "too_long" (MAX_SESSION since login) or "gone" (logged out, purged, disabled).
    """
    token = session.get(TOKEN)
    if token is None:
        return None, None
    row = store.find_desk_session(db, _token_hash(token)) if isinstance(token, str) else None
    moment = store.now()
    staff = None
    if row is None:
        ended = "gone"
    elif moment - _parse(row["created_at"]) >= MAX_SESSION:
        ended = "too_long"
    elif moment - _parse(row["last_seen_at"]) >= IDLE_TIMEOUT:
        ended = "idle"
    else:
        staff = store.get_staff(db, row["staff_id"])
        # Disabled since signing in: the next request already refuses them.
        ended = None if staff is not None and staff["active"] else "gone"
    if ended is not None or row is None or staff is None:
        end_session(db)
        return None, ended
    ends = min(_parse(row["created_at"]) + MAX_SESSION, moment + IDLE_TIMEOUT)
    store.touch_desk_session(db, row["token_hash"], ends)
    return staff, None


def is_admin(staff: dict[str, Any] | None) -> bool:
    """Return True when the staff member may manage staff and read the audit log."""
    return staff is not None and staff["role"] == "admin"

"""Desk sign-in: argon2 passwords, lockout after failed logins, the idle timeout and roles.

Holds no routes (desk.py has them) and reaches SQLite only through portal.store.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import session
from sqlite_utils import Database

from portal import store
from portal.web import throttle

IDLE_TIMEOUT = timedelta(minutes=30)
MAX_FAILURES = 5  # per username, within LOCKOUT
LOCKOUT = timedelta(minutes=15)
CLIENT_MAX_FAILURES = 20  # per client (HMAC of the IP), within LOCKOUT

# Session keys of the desk; the public answers use other keys, which logout leaves alone.
STAFF_ID = "desk_staff_id"
LAST_SEEN = "desk_last_seen"
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


def start_session(staff: dict[str, Any]) -> None:
    """Put the staff member in the session, dropping any earlier desk state."""
    end_session()
    session[STAFF_ID] = staff["id"]
    session[LAST_SEEN] = int(time.time())


def end_session() -> None:
    """Remove the desk keys from the session (the desk language and public answers stay)."""
    for key in (STAFF_ID, LAST_SEEN, LOOKUP):
        session.pop(key, None)


def current_staff(db: Database) -> tuple[dict[str, Any] | None, bool]:
    """Return (staff, expired): the signed-in, active staff member, refreshing last-seen.

    `expired` is True when a session existed but was idle longer than IDLE_TIMEOUT.
    """
    staff_id = session.get(STAFF_ID)
    if staff_id is None:
        return None, False
    last_seen = session.get(LAST_SEEN, 0)
    if time.time() - last_seen > IDLE_TIMEOUT.total_seconds():
        end_session()
        return None, True
    staff = store.get_staff(db, staff_id)
    if staff is None or not staff["active"]:
        # Disabled since signing in: the next request already refuses them.
        end_session()
        return None, False
    session[LAST_SEEN] = int(time.time())
    return staff, False


def is_admin(staff: dict[str, Any] | None) -> bool:
    """Return True when the staff member may manage staff and read the audit log."""
    return staff is not None and staff["role"] == "admin"

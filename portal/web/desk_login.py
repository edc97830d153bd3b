"""Desk sign-in: argon2 passwords, login delays, two-step codes (TOTP), server-side sessions.

Holds no routes (desk.py and desk_account.py have them) and reaches SQLite only through
portal.store.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from datetime import datetime, timedelta
from typing import Any

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import session
from sqlite_utils import Database

from portal import store
from portal.web import password_rules, throttle

IDLE_TIMEOUT = timedelta(minutes=30)
MAX_SESSION = timedelta(hours=10)  # a desk session ends after this, however active
# Failed logins slow down; nothing locks an account (issue 14: five wrong passwords from
# anywhere used to lock a colleague out for 15 minutes). Per username and address together,
# MAX_FAILURES are free within LOCKOUT; each one after that doubles the wait, at most
# MAX_DELAY. The right password from another address is never slowed down. Wrong two-step
# codes count there too, and also per account from any address (_code_key): only someone who
# has just given the right password can try a code, so that wait keeps no colleague out.
MAX_FAILURES = 5  # per username and client address (and wrong codes per account), in LOCKOUT
LOCKOUT = timedelta(minutes=15)  # the window failures count in
MAX_DELAY = timedelta(seconds=60)
CLIENT_MAX_FAILURES = 20  # per client address (any usernames) before it slows down
# A password that was right waits this long at most for its two-step code.
PENDING_MAX_AGE = timedelta(minutes=5)
TOTP_ISSUER = "Wegwijzer Inburgering"

# Session keys of the desk. Login and logout clear the whole session except LANG.
TOKEN = "desk_session"  # random per login; the server keeps only its sha256 (desk_sessions)
LOOKUP = "desk_lookup"
LANG = "desk_lang"
PENDING = "desk_pending"  # [staff id, time]: the password was right, the two-step code is next
DESK_LANGUAGES = ("nl", "en")

hasher = PasswordHasher()
# Verified against when the username is unknown, so both cases take as long.
_DUMMY_HASH = hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    """Return the argon2id hash of a password."""
    return hasher.hash(password)


def account_key(username: str) -> str:
    """Return the HMAC that names an account's failed logins (never the name in clear)."""
    return throttle.hmac_key("user", password_rules.normalise_username(username))


def _pair_key(username: str) -> str:
    return throttle.hmac_key(
        "login", f"{password_rules.normalise_username(username)}|{throttle.client_address()}"
    )


def _client_key() -> str:
    return throttle.client_key("client")


def _code_key(username: str) -> str:
    return throttle.hmac_key("code", password_rules.normalise_username(username))


def login_wait(db: Database, username: str) -> int:
    """Return the seconds this client must wait before trying `username` again (0: none)."""
    return max(
        throttle.wait_seconds(db, _pair_key(username), MAX_FAILURES, LOCKOUT, MAX_DELAY),
        throttle.wait_seconds(db, _client_key(), CLIENT_MAX_FAILURES, LOCKOUT, MAX_DELAY),
    )


def code_wait(db: Database, staff: dict[str, Any]) -> int:
    """Return the seconds to wait before this client may try a two-step code (0: none)."""
    return max(
        login_wait(db, staff["username"]),
        throttle.wait_seconds(db, _code_key(staff["username"]), MAX_FAILURES, LOCKOUT, MAX_DELAY),
    )


def _count(db: Database, key: str) -> int:
    return len(store.failures_since(db, key, store.now() - LOCKOUT))


def record_login_failure(
    db: Database, username: str, staff: dict[str, Any] | None, code: bool = False
) -> None:
    """Count a wrong password or two-step code; audit the moment an account starts to wait.

    :param code: True for a wrong two-step code, which counts per account from any address too.
    """
    pair = _pair_key(username)
    store.record_failure(db, [pair], LOCKOUT, account_key=account_key(username))
    store.record_failure(db, [_client_key()], LOCKOUT)
    counts = [_count(db, pair)]
    if code:
        store.record_failure(db, [_code_key(username)], LOCKOUT)
        counts.append(_count(db, _code_key(username)))
    if MAX_FAILURES in counts:
        store.audit_event(db, "lockout", None, subject_id=staff["id"] if staff else None)


def finish_login(db: Database, staff: dict[str, Any]) -> None:
    """Forget this address's failed logins for the account once the whole login succeeded."""
    store.clear_failures(db, _pair_key(staff["username"]))
    store.clear_failures(db, _code_key(staff["username"]))


def authenticate(
    db: Database, username: str, password: str
) -> tuple[dict[str, Any] | None, str, int]:
    """Check a login; return (staff, "ok", 0) or (None, reason, seconds to wait).

    The reason is "wait" (this client tried too often lately: the password is not checked)
    or "invalid". Unknown usernames and usernames that break the rules take as long as
    known ones (a dummy hash is verified).
    """
    name = password_rules.normalise_username(username)
    wait = login_wait(db, name)
    if wait:
        return None, "wait", wait
    staff = store.find_staff(db, name) if password_rules.is_valid_username(name) else None
    try:
        hasher.verify(staff["password_hash"] if staff else _DUMMY_HASH, password)
        valid = staff is not None and bool(staff["active"])
    except (VerificationError, InvalidHashError):
        valid = False
    if not valid or staff is None:
        record_login_failure(db, name, staff)
        return None, "invalid", 0
    rehash = hash_password(password) if hasher.check_needs_rehash(staff["password_hash"]) else None
    # With two-step login on, the login is recorded, and the failed attempts are forgotten,
    # once the code is right (desk.login_code): else typing the password again would wipe the
    # wrong codes and give five more guesses each time.
    two_step = bool(staff.get("totp_secret"))
    store.record_login(db, staff["id"], rehash, moment=not two_step)
    if not two_step:
        finish_login(db, staff)
    return staff, "ok", 0


def check_password(staff: dict[str, Any], password: str) -> bool:
    """Return True when `password` is the staff member's current password."""
    try:
        return bool(hasher.verify(staff["password_hash"], password))
    except (VerificationError, InvalidHashError):
        return False


def forget_failures(db: Database, member: dict[str, Any]) -> None:
    """Lift the login delay of an account from every address, wrong codes included."""
    store.clear_account_failures(db, account_key(member["username"]))
    store.clear_failures(db, _code_key(member["username"]))


def unlock(db: Database, admin: dict[str, Any], member: dict[str, Any]) -> None:
    """Lift the login delay of an account from every address, and audit it."""
    forget_failures(db, member)
    store.audit_event(db, "unlock", admin["id"], subject_id=member["id"])


def account_failures(db: Database, member: dict[str, Any]) -> int:
    """Return the failed logins of an account within LOCKOUT, from any address."""
    key = account_key(member["username"])
    return store.account_failures_since(db, key, store.now() - LOCKOUT)


def is_slowed(db: Database, member: dict[str, Any]) -> bool:
    """Return True when logins to the account wait now, from some address or for codes.

    The same rule as login_wait and code_wait: per username and address, and for wrong codes
    per account, MAX_FAILURES within LOCKOUT.
    """
    since = store.now() - LOCKOUT
    counts = store.account_failures_by_key(db, account_key(member["username"]), since)
    counts.append(len(store.failures_since(db, _code_key(member["username"]), since)))
    return any(throttle.is_slowed(count, MAX_FAILURES) for count in counts)


# --- Two-step login (TOTP, RFC 6238: 6 digits, 30 seconds), issue 14 ---------------------


def needs_totp_setup(staff: dict[str, Any] | None) -> bool:
    """Return True for an admin without two-step login: required before anything else."""
    return staff is not None and staff["role"] == "admin" and not staff.get("totp_secret")


def new_totp_secret() -> str:
    """Return a fresh random base32 secret (160 bits)."""
    return pyotp.random_base32(32)


def totp_uri(secret: str, username: str) -> str:
    """Return the otpauth:// address an authenticator app reads (as a link or typed key)."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=TOTP_ISSUER)


def totp_step(secret: str, code: str, moment: float | None = None) -> int | None:
    """Return the time step whose code `code` is (now, or one step either side), or None."""
    code = "".join(ch for ch in code if not ch.isspace())
    if len(code) != 6 or not code.isascii() or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if moment is None else moment
    current = int(now // totp.interval)
    for step in (current, current - 1, current + 1):
        if secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def verify_totp(db: Database, staff: dict[str, Any], code: str) -> bool:
    """Return True for a right code that was not used before (each code works once)."""
    secret = staff.get("totp_secret")
    if not secret:
        return False
    step = totp_step(secret, code)
    return step is not None and store.use_totp_step(db, staff["id"], step)


def token_hash(token: str) -> str:
    """Return the sha256 under which desk_sessions keeps a session token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _clear_session() -> None:
    """Empty the session (public answers, codes, desk keys), keeping only the desk language."""
    lang = session.get(LANG)
    session.clear()
    if lang in DESK_LANGUAGES:
        session[LANG] = lang


def begin_two_step(staff: dict[str, Any]) -> None:
    """Remember, for PENDING_MAX_AGE, that this browser gave the right password for `staff`."""
    _clear_session()
    session[PENDING] = [staff["id"], int(time.time())]


def pending_staff(db: Database) -> dict[str, Any] | None:
    """Return the staff member whose password was right a moment ago here, or None."""
    pending = session.get(PENDING)
    if not isinstance(pending, list) or len(pending) != 2:
        return None
    staff_id, since = pending
    if not isinstance(staff_id, int) or not isinstance(since, int):
        return None
    if time.time() - since > PENDING_MAX_AGE.total_seconds():
        session.pop(PENDING, None)
        return None
    staff = store.get_staff(db, staff_id)
    return staff if staff is not None and staff["active"] else None


def start_session(db: Database, staff: dict[str, Any]) -> None:
    """Start a fresh session for the staff member: nothing from before the login carries over."""
    _clear_session()
    token = secrets.token_urlsafe(32)
    store.create_desk_session(db, token_hash(token), staff["id"], store.now() + IDLE_TIMEOUT)
    session[TOKEN] = token


def end_session(db: Database) -> None:
    """Delete the session on the server (a copied cookie stops working) and empty the cookie."""
    token = session.get(TOKEN)
    if isinstance(token, str):
        store.delete_desk_session(db, token_hash(token))
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
    row = store.find_desk_session(db, token_hash(token)) if isinstance(token, str) else None
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

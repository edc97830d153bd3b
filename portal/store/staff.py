"""Desk storage: staff accounts, desk sessions, failed attempts and the lookup audit log."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from portal.store.db import iso, now

# --- Desk: staff accounts, login attempts, lookup audit (issue 6) ---------------------------


def m010_staff(db: Database) -> None:
    """Desk staff accounts: argon2 password hashes only, roles desk or admin."""
    db["staff"].create(
        {
            "id": int,
            "username": str,
            "password_hash": str,
            "role": str,
            "active": int,
            "created_at": str,
            "last_login_at": str,
        },
        pk="id",
        not_null={"username", "password_hash", "role", "active", "created_at"},
    )
    db["staff"].create_index(["username"], unique=True)


def m011_audit_log(db: Database) -> None:
    """Who looked up which code when: the code only as a sha256 hash, never in clear."""
    db["audit_log"].create(
        {
            "id": int,
            "at": str,
            "staff_id": int,
            "username": str,
            "code_hash": str,
            "found": int,
            "regime": str,
        },
        pk="id",
    )
    db["audit_log"].create_index(["at"])


def m012_failed_attempts(db: Database) -> None:
    """Failed desk logins and wrong resume codes, keyed by an HMAC (never a name or IP in clear).

    Rows carry expires_at, so purge_expired removes them with the other expired data.
    """
    db["failed_attempts"].create(
        {"id": int, "key": str, "attempted_at": str, "expires_at": str}, pk="id"
    )
    db["failed_attempts"].create_index(["key", "attempted_at"])


def m014_desk_sessions(db: Database) -> None:
    """Signed-in desk sessions, one row per login, keyed by the sha256 of a random token.

    The cookie holds the token; the server holds only its hash. Logout deletes the row, so a
    copied cookie stops working. expires_at is the end of the idle time or of the maximum
    length, whichever is first, so purge_expired removes ended sessions.
    """
    db["desk_sessions"].create(
        {
            "token_hash": str,
            "staff_id": int,
            "created_at": str,
            "last_seen_at": str,
            "expires_at": str,
        },
        pk="token_hash",
        not_null={"staff_id", "created_at", "last_seen_at", "expires_at"},
    )
    db["desk_sessions"].create_index(["staff_id"])
    db["desk_sessions"].create_index(["expires_at"])


def m015_audit_log_keyed(db: Database) -> None:
    """Audit rows keep no username (staff_id is enough) and no plain sha256 of what was typed.

    Old rows held a plain sha256 of the input, which can be reversed when staff typed a short
    number (a BSN, a phone number) by mistake. They cannot be re-keyed (the input is gone), so
    their hash is dropped; who, when, found and regime stay. New rows hold an HMAC (keyed with
    the secret key) of a well-formed code, or malformed = 1 and no hash.
    """
    db.execute("UPDATE audit_log SET code_hash = NULL")
    db["audit_log"].add_column("malformed", int, not_null_default=0)
    db["audit_log"].transform(drop={"username"})


STAFF_ROLES = ("desk", "admin")


class StaffExists(ValueError):
    """A staff account with this username exists already."""


def create_staff(db: Database, username: str, password_hash: str, role: str) -> int:
    """Create an active staff account and return its id; usernames are stored lower-case."""
    if role not in STAFF_ROLES:
        raise ValueError(f"unknown staff role {role!r}")
    username = username.strip().lower()
    if find_staff(db, username) is not None:
        raise StaffExists(username)
    cursor = db.execute(
        "INSERT INTO staff (username, password_hash, role, active, created_at) "
        "VALUES (?, ?, ?, 1, ?)",
        [username, password_hash, role, iso(now())],
    )
    db.conn.commit()
    return int(cursor.lastrowid or 0)


def find_staff(db: Database, username: str) -> dict[str, Any] | None:
    """Return the staff row for this username (any case), or None."""
    rows = list(db.query("SELECT * FROM staff WHERE username = ?", [username.strip().lower()]))
    return rows[0] if rows else None


# SQLite integers are signed 64-bit; a larger id cannot exist and would raise OverflowError.
MAX_ID = 2**63 - 1


def get_staff(db: Database, staff_id: int) -> dict[str, Any] | None:
    """Return the staff row with this id, or None (also for ids SQLite cannot hold)."""
    if not 1 <= staff_id <= MAX_ID:
        return None
    rows = list(db.query("SELECT * FROM staff WHERE id = ?", [staff_id]))
    return rows[0] if rows else None


def list_staff(db: Database) -> list[dict[str, Any]]:
    """Return every staff account (without password hashes), by username."""
    return list(
        db.query(
            "SELECT id, username, role, active, created_at, last_login_at FROM staff "
            "ORDER BY username"
        )
    )


def set_staff_active(db: Database, staff_id: int, active: bool) -> None:
    """Enable or disable a staff account; disabling also ends the account's open sessions."""
    db.execute("UPDATE staff SET active = ? WHERE id = ?", [int(active), staff_id])
    if not active:
        db.execute("DELETE FROM desk_sessions WHERE staff_id = ?", [staff_id])
    db.conn.commit()


def record_login(db: Database, staff_id: int, password_hash: str | None = None) -> None:
    """Note a successful login; store a fresh password hash when the parameters changed."""
    if password_hash:
        db.execute("UPDATE staff SET password_hash = ? WHERE id = ?", [password_hash, staff_id])
    db.execute("UPDATE staff SET last_login_at = ? WHERE id = ?", [iso(now()), staff_id])
    db.conn.commit()


def record_failure(db: Database, keys: list[str], keep: timedelta) -> None:
    """Store one failed attempt under each key (HMACs, never a name, code or IP in clear)."""
    moment = now()
    for key in keys:
        db.execute(
            "INSERT INTO failed_attempts (key, attempted_at, expires_at) VALUES (?, ?, ?)",
            [key, iso(moment), iso(moment + keep)],
        )
    db.conn.commit()


def failures_since(db: Database, key: str, since: datetime) -> list[str]:
    """Return the times (oldest first) of failed attempts under `key` since `since`."""
    return [
        row["attempted_at"]
        for row in db.query(
            "SELECT attempted_at FROM failed_attempts WHERE key = ? AND attempted_at > ? "
            "ORDER BY attempted_at",
            [key, iso(since)],
        )
    ]


def clear_failures(db: Database, key: str) -> None:
    """Forget the failed attempts under `key` (after a successful login)."""
    db.execute("DELETE FROM failed_attempts WHERE key = ?", [key])
    db.conn.commit()


def create_desk_session(db: Database, token_hash: str, staff_id: int, expires_at: datetime) -> None:
    """Store a new desk session under the hash of its token."""
    moment = iso(now())
    db["desk_sessions"].insert(
        {
            "token_hash": token_hash,
            "staff_id": staff_id,
            "created_at": moment,
            "last_seen_at": moment,
            "expires_at": iso(expires_at),
        }
    )
    db.conn.commit()


def find_desk_session(db: Database, token_hash: str) -> dict[str, Any] | None:
    """Return the desk session row for this token hash (even when it has ended), or None."""
    rows = list(db.query("SELECT * FROM desk_sessions WHERE token_hash = ?", [token_hash]))
    return rows[0] if rows else None


def touch_desk_session(db: Database, token_hash: str, expires_at: datetime) -> None:
    """Note activity on a desk session now and move its end to `expires_at`."""
    db.execute(
        "UPDATE desk_sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?",
        [iso(now()), iso(expires_at), token_hash],
    )
    db.conn.commit()


def delete_desk_session(db: Database, token_hash: str) -> None:
    """End a desk session (logout, idle timeout, maximum length)."""
    db.execute("DELETE FROM desk_sessions WHERE token_hash = ?", [token_hash])
    db.conn.commit()


def audit_lookup(
    db: Database, staff_id: int, code_hash: str | None, found: bool, regime: str
) -> None:
    """Write one desk lookup to the audit log: who, when, the code's HMAC and the regime.

    `code_hash` is None when what staff typed was not a well-formed code: then nothing of the
    input is kept, only malformed = 1.
    """
    db.execute(
        "INSERT INTO audit_log (at, staff_id, code_hash, malformed, found, regime) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [iso(now()), staff_id, code_hash, int(code_hash is None), int(found), regime],
    )
    db.conn.commit()


def read_audit(db: Database, limit: int = 500) -> list[dict[str, Any]]:
    """Return the newest audit log entries first, each with the staff member's username."""
    return list(
        db.query(
            "SELECT a.*, s.username FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id "
            "ORDER BY a.id DESC LIMIT ?",
            [limit],
        )
    )

"""Desk storage: staff accounts, failed attempts (throttling) and the lookup audit log."""

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


def get_staff(db: Database, staff_id: int) -> dict[str, Any] | None:
    """Return the staff row with this id, or None."""
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
    """Enable or disable a staff account; a disabled account cannot log in."""
    db.execute("UPDATE staff SET active = ? WHERE id = ?", [int(active), staff_id])
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


def audit_lookup(
    db: Database, staff_id: int, username: str, code_hash: str, found: bool, regime: str
) -> None:
    """Write one desk lookup to the audit log: who, when, the code's hash and the regime."""
    db.execute(
        "INSERT INTO audit_log (at, staff_id, username, code_hash, found, regime) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [iso(now()), staff_id, username, code_hash, int(found), regime],
    )
    db.conn.commit()


def read_audit(db: Database, limit: int = 500) -> list[dict[str, Any]]:
    """Return the newest audit log entries first."""
    return list(db.query("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", [limit]))

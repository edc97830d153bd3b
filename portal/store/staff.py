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


def m016_staff_hardening(db: Database) -> None:
    """Two-step login, failures per account, and audit rows for more than lookups (issue 14).

    staff: totp_secret (base32, set once confirmed), totp_pending (offered, not yet confirmed),
    totp_last_step (the 30-second step of the last code used: a code works once).
    failed_attempts.account_key: an HMAC of the username, so an admin can lift the delay of one
    account from every address. audit_log.event says what happened (lookup, a view of the
    case or its print, a login delay, an unlock, a password or two-step change);
    subject_id is the account it happened to.
    """
    db["staff"].add_column("totp_secret", str)
    db["staff"].add_column("totp_pending", str)
    db["staff"].add_column("totp_last_step", int)
    db["failed_attempts"].add_column("account_key", str)
    db["failed_attempts"].create_index(["account_key"])
    db["audit_log"].add_column("event", str, not_null_default="lookup")
    db["audit_log"].add_column("subject_id", int)


STAFF_ROLES = ("desk", "admin")
# What audit_log.event can say.
AUDIT_EVENTS = (
    "lookup",
    "view_case",
    "view_print",
    "lockout",
    "unlock",
    "password_changed",
    "password_reset",
    "totp_enabled",
    "totp_disabled",
)


class StaffExists(ValueError):
    """A staff account with this username exists already."""


def create_staff(db: Database, username: str, password_hash: str, role: str) -> int:
    """Create an active staff account and return its id.

    The caller normalises and checks the username (password_rules.normalise_username and
    is_valid_username, in portal/web): it is stored as given.
    """
    if role not in STAFF_ROLES:
        raise ValueError(f"unknown staff role {role!r}")
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
    """Return every staff account (without password hashes or secrets), by username."""
    return list(
        db.query(
            "SELECT id, username, role, active, created_at, last_login_at, "
            "totp_secret IS NOT NULL AS has_totp FROM staff ORDER BY username"
        )
    )


def set_password(db: Database, staff_id: int, password_hash: str, keep_token: str = "") -> None:
    """Store a new password hash and end the account's sessions but the one holding keep_token.

    :param keep_token: the token hash of the session that changed its own password.
    """
    db.execute("UPDATE staff SET password_hash = ? WHERE id = ?", [password_hash, staff_id])
    db.execute(
        "DELETE FROM desk_sessions WHERE staff_id = ? AND token_hash != ?", [staff_id, keep_token]
    )
    db.conn.commit()


def set_totp_pending(db: Database, staff_id: int, secret: str | None) -> None:
    """Keep a two-step secret that was offered but not yet confirmed with a code."""
    db.execute("UPDATE staff SET totp_pending = ? WHERE id = ?", [secret, staff_id])
    db.conn.commit()


def set_totp(db: Database, staff_id: int, secret: str | None, step: int | None = None) -> None:
    """Switch two-step login on with `secret` (confirmed at `step`), or off with None."""
    db.execute(
        "UPDATE staff SET totp_secret = ?, totp_pending = NULL, totp_last_step = ? WHERE id = ?",
        [secret, step, staff_id],
    )
    db.conn.commit()


def use_totp_step(db: Database, staff_id: int, step: int) -> bool:
    """Note that the code of `step` was used; return False when it (or a later one) was before.

    One UPDATE, so two logins with the same code at the same moment cannot both pass.
    """
    cursor = db.execute(
        "UPDATE staff SET totp_last_step = ? WHERE id = ? "
        "AND (totp_last_step IS NULL OR totp_last_step < ?)",
        [step, staff_id, step],
    )
    db.conn.commit()
    return cursor.rowcount == 1


def set_staff_active(db: Database, staff_id: int, active: bool) -> None:
    """Enable or disable a staff account; disabling also ends the account's open sessions."""
    db.execute("UPDATE staff SET active = ? WHERE id = ?", [int(active), staff_id])
    if not active:
        db.execute("DELETE FROM desk_sessions WHERE staff_id = ?", [staff_id])
    db.conn.commit()


def record_login(
    db: Database, staff_id: int, password_hash: str | None = None, moment: bool = True
) -> None:
    """Note a successful login; store a fresh password hash when the parameters changed.

    :param moment: False to store only the hash (the password was right, a second step waits).
    """
    if password_hash:
        db.execute("UPDATE staff SET password_hash = ? WHERE id = ?", [password_hash, staff_id])
    if moment:
        db.execute("UPDATE staff SET last_login_at = ? WHERE id = ?", [iso(now()), staff_id])
    db.conn.commit()


def record_failure(
    db: Database, keys: list[str], keep: timedelta, account_key: str | None = None
) -> None:
    """Store one failed attempt under each key (HMACs, never a name, code or IP in clear).

    :param account_key: the HMAC of the username tried, so an admin can clear its failures.
    """
    moment = now()
    for key in keys:
        db.execute(
            "INSERT INTO failed_attempts (key, attempted_at, expires_at, account_key) "
            "VALUES (?, ?, ?, ?)",
            [key, iso(moment), iso(moment + keep), account_key],
        )
    db.conn.commit()


def clear_account_failures(db: Database, account_key: str) -> int:
    """Forget the failed logins for one account from every address; return how many went."""
    cursor = db.execute("DELETE FROM failed_attempts WHERE account_key = ?", [account_key])
    db.conn.commit()
    return cursor.rowcount


def account_failures_since(db: Database, account_key: str, since: datetime) -> int:
    """Return how many failed logins the account had since `since`, from any address."""
    row = db.execute(
        "SELECT COUNT(*) FROM failed_attempts WHERE account_key = ? AND attempted_at > ?",
        [account_key, iso(since)],
    ).fetchone()
    return int(row[0])


def account_failures_by_key(db: Database, account_key: str, since: datetime) -> list[int]:
    """Return how many failed logins the account had since `since`, per key (address)."""
    return [
        int(row[0])
        for row in db.execute(
            "SELECT COUNT(*) FROM failed_attempts WHERE account_key = ? AND attempted_at > ? "
            "GROUP BY key",
            [account_key, iso(since)],
        ).fetchall()
    ]


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


def audit_event(
    db: Database,
    event: str,
    staff_id: int | None,
    subject_id: int | None = None,
    code_hash: str | None = None,
    regime: str = "",
) -> None:
    """Write one audit row that is not a lookup: a view of a case, a login delay, a change.

    :param staff_id: who did it (None: someone not signed in, as for a login delay).
    :param subject_id: the account it happened to, when that is not `staff_id`.
    :param code_hash: for views of a client's data, the HMAC of the code they were opened with.
    """
    if event not in AUDIT_EVENTS:
        raise ValueError(f"unknown audit event {event!r}")
    db.execute(
        "INSERT INTO audit_log (at, staff_id, code_hash, malformed, found, regime, event, "
        "subject_id) VALUES (?, ?, ?, 0, ?, ?, ?, ?)",
        [iso(now()), staff_id, code_hash, int(code_hash is not None), regime, event, subject_id],
    )
    db.conn.commit()


def read_audit(db: Database, limit: int = 500) -> list[dict[str, Any]]:
    """Return the newest audit log entries first, with the usernames of actor and subject."""
    return list(
        db.query(
            "SELECT a.*, s.username, t.username AS subject FROM audit_log a "
            "LEFT JOIN staff s ON s.id = a.staff_id LEFT JOIN staff t ON t.id = a.subject_id "
            "ORDER BY a.id DESC LIMIT ?",
            [limit],
        )
    )

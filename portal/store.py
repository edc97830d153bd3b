"""The only module that touches SQLite: connection, migrations and the retention purge.

Reached only from portal/web and the CLI; portal/rules and portal/flow never import it.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import Any

from flask import Flask, current_app, g
from sqlite_utils import Database, Migrations

migrations = Migrations("portal")

# Errors that mean "the database cannot answer now" (locked, full, read-only, gone).
UNAVAILABLE = (sqlite3.OperationalError, sqlite3.DatabaseError)


def now() -> datetime:
    """Return the current time in UTC (one place, so tests can compare against it)."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def connect(path: str, timeout: float = 3.0, max_pages: int | None = None) -> Database:
    """Open the database with a busy timeout, so a briefly locked file waits instead of failing.

    :param timeout: seconds to wait for a lock held by another process before giving up.
    :param max_pages: a cap on the file's size in pages (SQLITE_MAX_PAGES); past it, writes fail
        as "database or disk is full", which the error pages handle like a full disk.
    """
    conn = sqlite3.connect(path, timeout=timeout, check_same_thread=False)
    db = Database(conn)
    if path != ":memory:":
        db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    if max_pages:
        db.execute(f"PRAGMA max_page_count = {int(max_pages)}")
    return db


def get_db() -> Database:
    """Return this request's database, opening it on first use."""
    if "db" not in g:
        config = current_app.config
        g.db = connect(
            config["DATABASE"],
            timeout=config.get("DATABASE_TIMEOUT", 3.0),
            max_pages=config.get("SQLITE_MAX_PAGES"),
        )
    return g.db


def close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.conn.close()


@migrations()
def m001_answer_sets(db: Database) -> None:
    """Anonymous answer sets, keyed by a random id that only the session cookie holds."""
    db["answer_sets"].create(
        {
            "id": str,
            "answers": str,  # JSON: question id -> stored option value
            "lang": str,
            "created_at": str,
            "updated_at": str,
            "expires_at": str,
        },
        pk="id",
    )
    db["answer_sets"].create_index(["expires_at"])


@migrations()
def m002_daily_stats(db: Database) -> None:
    """Anonymous daily counters: no answers, codes, ids or IP addresses, only totals."""
    db["daily_stats"].create(
        {"day": str, "event": str, "lang": str, "regime": str, "route": str, "count": int},
        pk=("day", "event", "lang", "regime", "route"),
    )


STAT_EVENTS = frozenset({"started", "finished"})


def record_stat(
    db: Database,
    event: str,
    lang: str,
    regime: str = "",
    route_codes: tuple[str, ...] | list[str] = (),
) -> None:
    """Add one to today's anonymous counters for `event` (and once per route code given).

    Only codes are stored: a language code, a regime code and route codes. Never an answer.
    """
    if event not in STAT_EVENTS:
        raise ValueError(f"unknown statistics event {event!r}")
    day = now().date().isoformat()
    keys = [(regime, "")] + [(regime, code) for code in route_codes]
    for regime_code, route in keys:
        db.execute(
            "INSERT INTO daily_stats (day, event, lang, regime, route, count) "
            "VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (day, event, lang, regime, route) "
            "DO UPDATE SET count = count + 1",
            [day, event, lang, regime_code, route],
        )
    db.conn.commit()


def init_db(db: Database) -> None:
    """Apply pending migrations and purge expired data (run before the server starts)."""
    migrations.apply(db)
    purge_expired(db)


def purge_expired(db: Database, moment: datetime | None = None) -> int:
    """Delete every expired answer set (and what hangs off it); return how many rows went."""
    cutoff = iso(moment or now())
    deleted = 0
    for table in db.table_names():
        if table.startswith("_"):
            continue
        if "expires_at" in db[table].columns_dict:
            cursor = db.execute(f"DELETE FROM [{table}] WHERE expires_at <= ?", [cutoff])
            deleted += cursor.rowcount
    db.conn.commit()
    return deleted


def is_healthy(db: Database) -> bool:
    """Return True when the database answers a trivial query."""
    try:
        return db.execute("SELECT 1").fetchone() == (1,)
    except UNAVAILABLE:
        return False


def new_answer_set(db: Database, lang: str, ttl: timedelta) -> str:
    """Create an empty answer set and return its random id."""
    set_id = secrets.token_urlsafe(24)
    moment = now()
    db["answer_sets"].insert(
        {
            "id": set_id,
            "answers": "{}",
            "lang": lang,
            "created_at": iso(moment),
            "updated_at": iso(moment),
            "expires_at": iso(moment + ttl),
        }
    )
    return set_id


def load_answers(db: Database, set_id: str) -> dict[str, Any] | None:
    """Return the answers of an unexpired set, or None when it is gone or expired."""
    rows = list(
        db.query(
            "SELECT answers FROM answer_sets WHERE id = ? AND expires_at > ?",
            [set_id, iso(now())],
        )
    )
    if not rows:
        return None
    return json.loads(rows[0]["answers"])


def save_answers(
    db: Database, set_id: str, answers: dict[str, Any], lang: str, ttl: timedelta
) -> None:
    """Store the answers and push the expiry forward by `ttl` (never back)."""
    moment = now()
    db.execute(
        "UPDATE answer_sets SET answers = ?, lang = ?, updated_at = ?, "
        "expires_at = MAX(expires_at, ?) WHERE id = ?",
        [json.dumps(answers, sort_keys=True), lang, iso(moment), iso(moment + ttl), set_id],
    )
    db.conn.commit()


def delete_answer_set(db: Database, set_id: str) -> None:
    """Delete an answer set at once, with everything that refers to it."""
    for table in db.table_names():
        if table != "answer_sets" and "answer_set_id" in db[table].columns_dict:
            db.execute(f"DELETE FROM [{table}] WHERE answer_set_id = ?", [set_id])
    db.execute("DELETE FROM answer_sets WHERE id = ?", [set_id])
    db.conn.commit()


def init_app(app: Flask) -> None:
    """Close the connection after each request."""
    app.teardown_appcontext(close_db)


# --- Desk: staff accounts, login attempts, lookup audit (issue 6) ---------------------------


@migrations()
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


@migrations()
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


@migrations()
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


def stats_rows(db: Database, since: str | None = None) -> list[dict[str, Any]]:
    """Return the daily statistics rows, newest day first, from `since` (YYYY-MM-DD) on."""
    return list(
        db.query(
            "SELECT day, event, lang, regime, route, count FROM daily_stats WHERE day >= ? "
            "ORDER BY day DESC, event DESC, lang, regime, route",
            [since or ""],
        )
    )


# --- Resume codes (issue 4): a short code opens an answer set on any device for 30 days. ---
# See docs/adr/003-resume-code.md. Only an HMAC of the code is stored, never the code.

# No 0/O, 1/I/L: people copy the code from paper or a phone screen.
RESUME_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RESUME_LENGTH = 15  # 15 * log2(31) = 74 bits
RESUME_GROUP = 5


@migrations()
def m013_resume_codes(db: Database) -> None:
    """Resume codes, stored as an HMAC-SHA256 of the normalised code; one live code per set."""
    db["resume_codes"].create(
        {"code_hash": str, "answer_set_id": str, "created_at": str, "expires_at": str},
        pk="code_hash",
    )
    db["resume_codes"].create_index(["answer_set_id"])
    db["resume_codes"].create_index(["expires_at"])


def normalise_code(code: str) -> str:
    """Return the code in its stored form: upper case, without spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch not in " -\u2010\u2011\u2012\u2013\t")


def format_code(code: str) -> str:
    """Return the code in groups for reading aloud and copying: ABCDE-FGHJK-MNPQR."""
    plain = normalise_code(code)
    return "-".join(plain[i : i + RESUME_GROUP] for i in range(0, len(plain), RESUME_GROUP))


def hash_code(code: str, key: str | None = None) -> str:
    """Return the HMAC-SHA256 (keyed with the app secret) of the normalised code."""
    secret = key if key is not None else str(current_app.config["SECRET_KEY"])
    return hmac.new(secret.encode(), normalise_code(code).encode(), hashlib.sha256).hexdigest()


def create_resume_code(db: Database, set_id: str, ttl: timedelta, key: str | None = None) -> str:
    """Create a new resume code for an answer set, keep the set for `ttl`, return the code.

    An earlier code of the same set stops working: only the newest code is valid.
    """
    code = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_LENGTH))
    moment = now()
    db.execute("DELETE FROM resume_codes WHERE answer_set_id = ?", [set_id])
    db["resume_codes"].insert(
        {
            "code_hash": hash_code(code, key),
            "answer_set_id": set_id,
            "created_at": iso(moment),
            "expires_at": iso(moment + ttl),
        }
    )
    db.execute(
        "UPDATE answer_sets SET expires_at = MAX(expires_at, ?) WHERE id = ?",
        [iso(moment + ttl), set_id],
    )
    db.conn.commit()
    return format_code(code)


def answer_set_for_code(
    db: Database, code: str, key: str | None = None
) -> tuple[str, dict[str, Any], str] | None:
    """Return (answer set id, answers, language) for a live resume code, or None.

    The code is normalised first: case, spaces and dashes do not matter.
    """
    if not code or len(normalise_code(code)) != RESUME_LENGTH:
        return None
    moment = iso(now())
    rows = list(
        db.query(
            "SELECT a.id, a.answers, a.lang FROM resume_codes r "
            "JOIN answer_sets a ON a.id = r.answer_set_id "
            "WHERE r.code_hash = ? AND r.expires_at > ? AND a.expires_at > ?",
            [hash_code(code, key), moment, moment],
        )
    )
    if not rows:
        return None
    return rows[0]["id"], json.loads(rows[0]["answers"]), rows[0]["lang"]


def has_resume_code(db: Database, set_id: str) -> bool:
    """Return True when the answer set has a live resume code."""
    rows = db.execute(
        "SELECT 1 FROM resume_codes WHERE answer_set_id = ? AND expires_at > ?",
        [set_id, iso(now())],
    ).fetchall()
    return bool(rows)

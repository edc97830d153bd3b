"""The only module that touches SQLite: connection, migrations and the retention purge.

Reached only from portal/web and the CLI; portal/rules and portal/flow never import it.
"""

from __future__ import annotations

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


def connect(path: str) -> Database:
    """Open the database with a busy timeout, so a briefly locked file waits instead of failing."""
    conn = sqlite3.connect(path, timeout=3, check_same_thread=False)
    db = Database(conn)
    if path != ":memory:":
        db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA foreign_keys=ON")
    return db


def get_db() -> Database:
    """Return this request's database, opening it on first use."""
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
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

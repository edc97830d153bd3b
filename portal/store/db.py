"""Connection, migrations and the retention purge: the base every store module builds on."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

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
        purge_if_due(g.db)
    return g.db


def purge_if_due(db: Database) -> None:
    """Purge expired data when this worker has not done so for PURGE_EVERY.

    A long-running server must not keep answers past their 24 hours (or codes past 30 days)
    just because nobody restarted it. A busy or locked database skips a round, never a request.
    """
    every = current_app.config.get("PURGE_EVERY")
    if not every:
        return
    last = current_app.extensions.get("store_last_purge")
    moment = now()
    if last is not None and moment - last < every:
        return
    current_app.extensions["store_last_purge"] = moment
    try:
        purge_expired(db)
    except UNAVAILABLE:
        current_app.logger.warning("purge skipped: database busy")


def close_db(_exc: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.conn.close()


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


def init_app(app: Flask) -> None:
    """Close the connection after each request."""
    app.teardown_appcontext(close_db)

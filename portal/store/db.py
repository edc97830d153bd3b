"""Connection, migrations and the retention purge: the base every store module builds on."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from datetime import UTC, datetime

from flask import Flask, current_app, g
from sqlite_utils import Database, Migrations

from portal.config import Config

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
        # In WAL mode NORMAL syncs at checkpoints, not at every commit: a killed worker loses
        # nothing committed; only a power cut can lose the last moments (docs/quality.md).
        db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA foreign_keys=ON")
    # A deleted answer set is overwritten with zeros in the file, not only marked as free space.
    db.execute("PRAGMA secure_delete=ON")
    if max_pages:
        db.execute(f"PRAGMA max_page_count = {int(max_pages)}")
    return db


def get_db() -> Database:
    """Return this request's database: the connection this thread keeps open for the app."""
    if "db" not in g:
        g.db = _thread_connection(current_app)
        purge_if_due(g.db)
    return g.db


def _thread_connection(app: Flask) -> Database:
    """Open the database once per process and thread, and keep it open between requests.

    Opening and closing a connection per request costs more than most requests: closing the
    last connection of a process makes SQLite checkpoint and delete its WAL file every time.
    The key holds the process id, so a forked worker never shares its parent's connection.
    """
    pool = app.extensions.setdefault("store_connections", {})
    key = (os.getpid(), threading.get_ident())
    with _POOL_LOCK:  # threads of the development server share the pool
        db: Database | None = pool.get(key)
        if db is None:
            _close_finished_threads(pool)
            config = app.config
            db = pool[key] = connect(
                config["DATABASE"],
                timeout=config.get("DATABASE_TIMEOUT", 3.0),
                max_pages=config.get("SQLITE_MAX_PAGES"),
            )
    return db


_POOL_LOCK = threading.Lock()


def purge_if_due(db: Database) -> None:
    """Purge expired data when this worker has not done so for PURGE_EVERY, within a budget.

    A long-running server must not keep answers past their 24 hours (or codes past 30 days)
    just because nobody restarted it. A request spends at most PURGE_BUDGET on it, in batches
    of PURGE_BATCH rows: millions of expired rows (a flood) are worked off over many requests,
    never in one transaction that outlasts gunicorn's timeout (issue 14). The round counts as
    done only when nothing expired is left. A busy or locked database skips a round, never a
    request. `portal purge` (deploy/: a timer) does the same outside the request path.
    """
    config = current_app.config
    every = config.get("PURGE_EVERY")
    if not every:
        return
    last = current_app.extensions.get("store_last_purge")
    moment = now()
    if last is not None and moment - last < every:
        return
    try:
        _deleted, finished = purge_batches(
            db, batch=config["PURGE_BATCH"], budget=config.get("PURGE_BUDGET")
        )
    except UNAVAILABLE:
        current_app.logger.warning("purge skipped: database busy")
        if db.conn.in_transaction:
            db.conn.rollback()
        finished = True  # try again after PURGE_EVERY, not on every request
    if finished:
        current_app.extensions["store_last_purge"] = moment


def close_db(_exc: BaseException | None = None) -> None:
    """End the request's use of the connection: undo what it left unfinished, keep it open.

    A connection that cannot even roll back (the file went away, the disk failed) is closed
    and dropped, so the next request opens a fresh one.
    """
    db = g.pop("db", None)
    if db is None or not db.conn.in_transaction:
        return
    try:
        db.conn.rollback()
    except UNAVAILABLE:
        close_thread_connection(current_app)


def _close_finished_threads(pool: dict[tuple[int, int], Database]) -> None:
    """Close the connections of threads that have ended (the threaded development server)."""
    alive = {thread.ident for thread in threading.enumerate()}
    for key in [key for key in pool if key[0] != os.getpid() or key[1] not in alive]:
        db = pool.pop(key)
        if key[0] == os.getpid():
            with contextlib.suppress(UNAVAILABLE):
                db.conn.close()


def discard_db() -> None:
    """Close this request's connection for good, after the database failed under it.

    A connection that failed (read-only, locked, full) may stay unusable after the cause is
    gone; the next request opens a fresh one.
    """
    g.pop("db", None)
    close_thread_connection(current_app)


def close_thread_connection(app: Flask) -> None:
    """Close and forget this thread's connection (tests, the CLI, and broken connections)."""
    pool = app.extensions.get("store_connections", {})
    with _POOL_LOCK:
        db = pool.pop((os.getpid(), threading.get_ident()), None)
    if db is not None:
        with contextlib.suppress(UNAVAILABLE):
            db.conn.close()


def init_db(db: Database) -> None:
    """Apply pending migrations and purge expired data (run before the server starts)."""
    migrations.apply(db)
    purge_expired(db)


def purge_batches(
    db: Database,
    moment: datetime | None = None,
    batch: int = Config.PURGE_BATCH,
    budget: float | None = None,
) -> tuple[int, bool]:
    """Delete expired rows in transactions of at most `batch` rows; return (deleted, finished).

    Between batches other connections can write: a purge never holds the write lock for long.

    :param budget: seconds to stop after (at the end of a batch); None: until nothing is left.
    """
    cutoff = iso(moment or now())
    started = time.monotonic()
    deleted = 0
    tables = [
        table
        for table in db.table_names()
        if not table.startswith("_") and "expires_at" in db[table].columns_dict
    ]
    for table in tables:
        while True:
            cursor = db.execute(
                f"DELETE FROM [{table}] WHERE rowid IN "
                f"(SELECT rowid FROM [{table}] WHERE expires_at <= ? LIMIT ?)",
                [cutoff, batch],
            )
            db.conn.commit()
            deleted += cursor.rowcount
            if cursor.rowcount < batch:
                break
            if budget is not None and time.monotonic() - started >= budget:
                return deleted, False
    return deleted, True


def purge_expired(db: Database, moment: datetime | None = None) -> int:
    """Delete every expired answer set (and what hangs off it); return how many rows went."""
    return purge_batches(db, moment)[0]


def health(db: Database, wait: float = 0.5) -> str:
    """Return "ok" when the database can be read and written now, else what is wrong.

    "locked" (another connection holds the write lock past `wait` seconds), "read-only", or
    "unavailable". It takes the write lock and lets go without writing (issue 14: a database
    that could be read but not written used to report ok).
    """
    try:
        db.execute("SELECT 1").fetchone()
        if db.conn.in_transaction:
            return "ok"  # this request writes already
        db.execute(f"PRAGMA busy_timeout = {int(wait * 1000)}")
        try:
            db.execute("BEGIN IMMEDIATE")
            db.execute("ROLLBACK")
        finally:
            timeout = current_app.config.get("DATABASE_TIMEOUT", 3.0)
            db.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
    except UNAVAILABLE as error:
        text = str(error).lower()
        if "locked" in text or "busy" in text:
            return "locked"
        if "readonly" in text or "read-only" in text:
            return "read-only"
        return "unavailable"
    return "ok"


def init_app(app: Flask) -> None:
    """Close the connection after each request."""
    app.teardown_appcontext(close_db)

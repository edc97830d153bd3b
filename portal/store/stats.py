"""Anonymous daily counters by language, law and route code: never an answer or a code."""

from __future__ import annotations

from typing import Any

from flask import current_app
from sqlite_utils import Database

from portal.store.db import UNAVAILABLE, now


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
    # One transaction: sqlite-utils 4 commits each db.execute() on its own, so without it a
    # failure halfway would store part of a count.
    with db.atomic():
        for regime_code, route in keys:
            db.execute(
                "INSERT INTO daily_stats (day, event, lang, regime, route, count) "
                "VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (day, event, lang, regime, route) "
                "DO UPDATE SET count = count + 1",
                [day, event, lang, regime_code, route],
            )


def record_stat_or_skip(
    db: Database,
    event: str,
    lang: str,
    regime: str = "",
    route_codes: tuple[str, ...] | list[str] = (),
) -> bool:
    """Record a counter as record_stat does, or skip it when the database cannot answer now.

    A count is not worth failing a page for. Return whether it was recorded. No rollback
    here: record_stat's own transaction is already undone when this sees the error, and a
    rollback would also undo whatever the caller still had open.
    """
    try:
        record_stat(db, event, lang, regime, route_codes)
    except UNAVAILABLE:
        current_app.logger.warning("statistics skipped: database unavailable")
        return False
    return True


def stats_rows(db: Database, since: str | None = None) -> list[dict[str, Any]]:
    """Return the daily statistics rows, newest day first, from `since` (YYYY-MM-DD) on."""
    return list(
        db.query(
            "SELECT day, event, lang, regime, route, count FROM daily_stats WHERE day >= ? "
            "ORDER BY day DESC, event DESC, lang, regime, route",
            [since or ""],
        )
    )

"""Shape the anonymous daily counters for the desk: totals per day, per language, law and route.

Reads rows handed to it by desk.py; stores nothing and knows no person, answer or code.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

from portal import store

DAYS_SHOWN = 31
CSV_COLUMNS = ("day", "event", "lang", "regime", "route", "count")


def since(days: int) -> str:
    """Return the first day (YYYY-MM-DD) of a period of `days` days ending today."""
    return (store.now().date() - timedelta(days=days - 1)).isoformat()


def _percent(value: int, largest: int) -> int:
    return round(100 * value / largest) if largest else 0


def report(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Return per-day totals (with bar widths in percent) and totals per language, law and route.

    record_stat writes each event once with route "" and once more per route code, so the
    route "" rows are the totals and the others only count towards the route table.
    """
    days: dict[str, dict[str, int]] = defaultdict(lambda: {"started": 0, "finished": 0})
    by_lang: dict[str, dict[str, int]] = defaultdict(lambda: {"started": 0, "finished": 0})
    by_regime: dict[str, int] = defaultdict(int)
    by_route: dict[str, int] = defaultdict(int)
    for row in rows:
        event, count = row["event"], row["count"]
        if row["route"]:
            if event == "finished":
                by_route[row["route"]] += count
            continue
        days[row["day"]][event] += count
        by_lang[row["lang"]][event] += count
        if event == "finished":
            by_regime[row["regime"] or "unknown"] += count
    largest = max((max(totals.values()) for totals in days.values()), default=0)
    return {
        "days": [
            {
                "day": day,
                **totals,
                "started_width": _percent(totals["started"], largest),
                "finished_width": _percent(totals["finished"], largest),
            }
            for day, totals in sorted(days.items(), reverse=True)
        ],
        "by_lang": dict(sorted(by_lang.items())),
        "by_regime": dict(sorted(by_regime.items())),
        "by_route": dict(sorted(by_route.items(), key=lambda item: -item[1])),
        "days_shown": DAYS_SHOWN,
    }

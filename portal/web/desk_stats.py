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
# Small counts can point to a person (one Tigrinya speaker on a quiet day): from 1 to
# SMALL_COUNT - 1 the page and the CSV say "<5" (issue 14).
SMALL_COUNT = 5


def is_small(count: int) -> bool:
    """Return True for a count that is shown as "<5": more than none, fewer than SMALL_COUNT."""
    return 0 < count < SMALL_COUNT


def shown_count(count: int) -> int | str:
    """Return the count as the desk shows it: "<5" for a small count, else the number."""
    return f"<{SMALL_COUNT}" if is_small(count) else count


def since(days: int) -> str:
    """Return the first day (YYYY-MM-DD) of a period of `days` days ending today."""
    return (store.now().date() - timedelta(days=days - 1)).isoformat()


def _percent(value: int, largest: int) -> int:
    """Return a bar's width; a small count gets none, so its length cannot tell the number."""
    return round(100 * value / largest) if largest and not is_small(value) else 0


def _shown(totals: dict[str, int]) -> dict[str, int | str]:
    return {event: shown_count(count) for event, count in totals.items()}


def report(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Return per-day totals (with bar widths in percent) and totals per language, law and route.

    Every count is as shown_count gives it. record_stat writes each event once with route ""
    and once more per route code, so the route "" rows are the totals and the others only
    count towards the route table.
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
                **_shown(totals),
                "started_width": _percent(totals["started"], largest),
                "finished_width": _percent(totals["finished"], largest),
            }
            for day, totals in sorted(days.items(), reverse=True)
        ],
        "by_lang": {lang: _shown(totals) for lang, totals in sorted(by_lang.items())},
        "by_regime": {regime: shown_count(n) for regime, n in sorted(by_regime.items())},
        # Small counts last, by code: their order must not tell them apart either.
        "by_route": {
            route: shown_count(n)
            for route, n in sorted(
                by_route.items(), key=lambda item: (-(0 if is_small(item[1]) else item[1]), item[0])
            )
        },
        "days_shown": DAYS_SHOWN,
    }

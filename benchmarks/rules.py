"""Rules-engine micro-benchmark: evaluations per second on one core.

Evaluates the facts of every case in tests/rules/cases/ (all laws, statuses and routes), on
the case's own date, round after round, pinned to one CPU core. Prints figures only.
"""

from __future__ import annotations

import os
import statistics
import time
from datetime import date
from pathlib import Path

import yaml

from portal.rules import Facts, evaluate

CASES = Path(__file__).resolve().parent.parent / "tests" / "rules" / "cases"


def load_inputs() -> list[tuple[Facts, date]]:
    inputs = []
    for path in sorted(CASES.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            facts = _json_ready(case.get("facts") or {})
            inputs.append((Facts.from_dict(facts), case["today"]))
    return inputs


def _json_ready(value: object) -> object:
    """YAML reads dates as date objects; Facts.from_dict takes the JSON form (ISO strings)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    return value


def main(rounds: int = 7, seconds_per_round: float = 1.0) -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    inputs = load_inputs()
    for facts, today in inputs:  # warm up, and prove every input evaluates
        evaluate(facts, today)
    rates = []
    for _ in range(rounds):
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < seconds_per_round:
            for facts, today in inputs:
                evaluate(facts, today)
            count += len(inputs)
        rates.append(count / (time.perf_counter() - start))
    median = statistics.median(rates)
    print(
        f"rules.evaluate on one core: {median:,.0f} evaluations/s "
        f"({1e6 / median:.0f} µs each; median of {rounds} rounds of {seconds_per_round:.0f} s, "
        f"min {min(rates):,.0f}, max {max(rates):,.0f}; {len(inputs)} different inputs)"
    )


if __name__ == "__main__":
    main()

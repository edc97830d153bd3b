"""Load: 200 users for a minute against real gunicorn with 2 workers, as `make run` serves it.

Every user answers whole checks like a browser without JavaScript and saves each with a code;
afterwards every code must open the same answers in a fresh cookie jar (issue 7).
LOAD_USERS and LOAD_SECONDS lower the defaults for a quick local run.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest

from tests import servers
from tests.live.client import Tally
from tests.live.conftest import LIVE_SECRET_KEY, assert_log_has_no_traceback
from tests.live.users import UserResult, reopen_all, simulate_users

USERS = int(os.environ.get("LOAD_USERS", "200"))
SECONDS = float(os.environ.get("LOAD_SECONDS", "60"))
WORKERS = 2


def figures(tally: Tally, elapsed: float, results: list[UserResult]) -> str:
    """Return the one line of figures this run measured (no thresholds: figures only)."""
    checks = sum(result.checks for result in results)
    codes = sum(len(result.saved) for result in results)
    slowest = max(result.first_check_seconds for result in results)
    statuses = ", ".join(f"{status}: {count}" for status, count in sorted(tally.statuses.items()))
    failures = ", ".join(f"{kind}: {count}" for kind, count in sorted(tally.failures.items()))
    return (
        f"load: {USERS} users, {elapsed:.0f} s, {WORKERS} workers; {checks} checks completed, "
        f"{codes} codes saved; {tally.requests} requests, {tally.requests / elapsed:.0f} req/s, "
        f"p50 {tally.percentile_ms(50):.0f} ms, p99 {tally.percentile_ms(99):.0f} ms; "
        f"slowest first check {slowest:.0f} s; "
        f"statuses {{{statuses}}}; connection failures {{{failures}}}"
    )


@pytest.mark.slow
def test_users_answering_and_saving_for_a_minute_get_no_5xx_and_every_code_opens(
    tmp_path: Path, record_property: Any
):
    with servers.live_server(tmp_path / "instance", WORKERS, LIVE_SECRET_KEY) as server:
        tally = Tally()
        start = time.monotonic()
        results = simulate_users(server.base, USERS, SECONDS, tally)
        elapsed = time.monotonic() - start
        saved = [one for result in results for one in result.saved]
        reopened = Tally()
        problems = reopen_all(server.base, saved, reopened)
        assert_log_has_no_traceback(server)
    line = figures(tally, elapsed, results)
    print(line)
    record_property("load_figures", line)

    assert not tally.server_errors, tally.server_errors[:10]
    assert set(tally.statuses) <= {200, 303}, tally.statuses
    assert not tally.failures, tally.failures
    assert not [u for result in results for u in result.unexpected]
    assert min(result.checks for result in results) >= 1, "a user completed no check"
    # Every code reopens: POST /nl/check/resume answers 303, and the answers page shows what
    # the user saw before saving. A 429 here would mean a correct code was throttled.
    assert set(reopened.statuses) <= {200, 303}, reopened.statuses
    assert not problems, problems[:5]

"""Slow down failed attempts (desk logins, resume codes) across all workers, via the store.

Keys are HMACs keyed with the secret key: no username, code or IP address is stored in clear.
Nothing here locks anyone out for good: past a few free failures, each failure doubles the
wait, up to a ceiling, and the failures age out of the window (issue 14).
"""

from __future__ import annotations

import hashlib
import hmac
import math
from datetime import datetime, timedelta

from flask import current_app, request
from sqlite_utils import Database

from portal import store


def hmac_key(kind: str, value: str) -> str:
    """Return an HMAC of `value` for the failed-attempts table."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def client_address() -> str:
    """Return this request's client address (behind a trusted proxy: the one it reports)."""
    return request.remote_addr or ""


def client_key(kind: str = "client") -> str:
    """Return the key of this request's client address."""
    return hmac_key(kind, client_address())


def is_slowed(failures: int, free: int) -> bool:
    """Return True when `failures` within the window make each further attempt wait."""
    return failures >= free


def wait_seconds(db: Database, key: str, free: int, window: timedelta, ceiling: timedelta) -> int:
    """Return how many seconds `key` must still wait before its next attempt (0: none).

    The first `free` failures within `window` cost nothing; after them, the attempt that
    follows the n-th failure waits 2**(n - free + 1) seconds from that failure, at most
    `ceiling`.
    """
    failures = store.failures_since(db, key, store.now() - window)
    if not is_slowed(len(failures), free):
        return 0
    delay = min(2.0 ** (len(failures) - free + 1), ceiling.total_seconds())
    last = datetime.fromisoformat(failures[-1]).replace(tzinfo=store.now().tzinfo)
    left = (last + timedelta(seconds=delay) - store.now()).total_seconds()
    return max(0, math.ceil(left))

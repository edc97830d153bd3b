"""Throttle failed attempts (desk logins, resume codes) across all workers, via the store.

Keys are HMACs keyed with the secret key: no username, code or IP address is stored in clear.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta

from flask import current_app, request
from sqlite_utils import Database

from portal import store


def hmac_key(kind: str, value: str) -> str:
    """Return an HMAC of `value` for the failed-attempts table."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def client_key(kind: str = "client") -> str:
    """Return the key of this request's client address."""
    return hmac_key(kind, request.remote_addr or "")


def too_many(db: Database, key: str, limit: int, window: timedelta) -> bool:
    """Return True when `key` has failed `limit` times or more within `window`."""
    return len(store.failures_since(db, key, store.now() - window)) >= limit

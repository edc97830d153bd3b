"""Configuration defaults; secrets come from the environment or the instance folder, never git."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask


class Config:
    """Defaults for a real deployment."""

    DATABASE = "portal.sqlite3"  # relative to the instance folder
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    SESSION_COOKIE_NAME = "wegwijzer"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False  # switched on behind HTTPS, see init_app
    PERMANENT_SESSION_LIFETIME = timedelta(hours=24)
    WTF_CSRF_TIME_LIMIT = 24 * 3600
    # Our forms use no WTForms messages (portal/web/forms.py has its own, translated); without
    # this, Flask-WTF would load WTForms' catalogue from disk on every request.
    WTF_I18N_ENABLED = False
    MAX_CONTENT_LENGTH = 16 * 1024  # no form of ours comes near this
    ANSWERS_TTL = timedelta(hours=24)
    RESUME_TTL = timedelta(days=30)
    PREFERRED_URL_SCHEME = "http"
    TRUSTED_PROXIES = 0  # proxies in front that set X-Forwarded-For/-Proto (TRUSTED_PROXIES)
    # Where those proxies connect from; X-Forwarded-* from any other address is ignored.
    PROXY_ADDRESSES = "127.0.0.1,::1"
    PURGE_EVERY = timedelta(minutes=10)  # expired data goes at most this long after expiry
    # A request spends at most this long purging, in batches of PURGE_BATCH rows; the rest
    # waits for the next request or for `portal purge` (issue 14).
    PURGE_BUDGET = 0.2
    PURGE_BATCH = 5000  # rows per transaction: each commit takes milliseconds, not seconds
    # Rendered outcomes each worker keeps for repeat views (portal/web/result.py), and for how
    # long at most; RENDERED_OUTCOMES=0 in the environment switches this off.
    RENDERED_OUTCOMES = 256
    RENDERED_OUTCOMES_MAX_AGE = timedelta(minutes=10)


def _secret_key(instance: Path) -> str:
    """Return SECRET_KEY from the environment, or one generated once into the instance folder."""
    from_env = os.environ.get("SECRET_KEY")
    if from_env:
        return from_env
    instance.mkdir(parents=True, exist_ok=True)
    key_file = instance / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def init_app(app: Flask, overrides: dict[str, Any] | None) -> None:
    """Load defaults, then the overrides; fill in the secret key and database path."""
    app.config.from_object(Config)
    if overrides:
        app.config.from_mapping(overrides)
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _secret_key(instance)
    if os.environ.get("HTTPS", "").lower() in {"1", "true", "on"}:
        app.config["SESSION_COOKIE_SECURE"] = True
    if app.config["SESSION_COOKIE_SECURE"] and not app.config["SESSION_COOKIE_NAME"].startswith(
        "__Host-"
    ):
        # A __Host- cookie is Secure, for this host only and for every path: a neighbouring
        # subdomain cannot set or overwrite it (issue 14).
        app.config["SESSION_COOKIE_NAME"] = "__Host-" + app.config["SESSION_COOKIE_NAME"]
        app.config["SESSION_COOKIE_DOMAIN"] = None
        app.config["SESSION_COOKIE_PATH"] = "/"
    for name in ("TRUSTED_PROXIES", "RENDERED_OUTCOMES"):
        value = os.environ.get(name, "")
        if value.isdigit():
            app.config[name] = int(value)
    if os.environ.get("PROXY_ADDRESSES"):
        app.config["PROXY_ADDRESSES"] = os.environ["PROXY_ADDRESSES"]
    db = app.config["DATABASE"]
    if db != ":memory:" and not Path(db).is_absolute():
        app.config["DATABASE"] = str(instance / db)

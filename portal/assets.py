"""Static files with a content hash in the URL, so phones can cache them for a year."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, current_app, url_for

YEAR = 365 * 24 * 3600


@cache
def _digest(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:10]


def static_url(filename: str) -> str:
    """Return the URL of a static file with ?v=<hash of its content>."""
    folder = current_app.static_folder or ""
    return url_for("static", filename=filename, v=_digest(str(Path(folder) / filename)))


def init_app(app: Flask) -> None:
    """Serve static files with a long cache lifetime and expose static_url to templates."""
    if app.config.get("SEND_FILE_MAX_AGE_DEFAULT") is None:
        app.config["SEND_FILE_MAX_AGE_DEFAULT"] = YEAR
    app.jinja_env.globals["static_url"] = static_url

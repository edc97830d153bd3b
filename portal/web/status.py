"""Health check: unstyled JSON, no cookies, no language."""

from __future__ import annotations

from flask import Blueprint, jsonify

from portal import store

bp = Blueprint("status", __name__)


@bp.get("/healthz")
def healthz():  # type: ignore[no-untyped-def]
    """Answer 200 when the database can be read and written now, 503 with the reason otherwise.

    A read-only or locked database used to report ok while every answer failed (issue 14).
    """
    state = store.health(store.get_db())
    if state == "ok":
        return jsonify({"status": "ok"})
    return jsonify({"status": "unavailable", "database": state}), 503

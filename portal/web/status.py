"""Health check: unstyled JSON, no cookies, no language."""

from __future__ import annotations

from flask import Blueprint, jsonify

from portal import store

bp = Blueprint("status", __name__)


@bp.get("/healthz")
def healthz():  # type: ignore[no-untyped-def]
    """Answer 200 when the database answers, 503 otherwise."""
    if store.is_healthy(store.get_db()):
        return jsonify({"status": "ok"})
    return jsonify({"status": "unavailable"}), 503

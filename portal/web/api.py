"""JSON API under /api/v1: no session cookie, no HTML."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

"""Error pages in the user's language: never a bare 500, never lost answers."""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from portal import chrome, store
from portal.store import UNAVAILABLE


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.path == "/healthz"


def _page(template: str, code: int, headers: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    """Render an error page; under htmx, let it replace the whole body instead of a fragment.

    htmx would otherwise swap a full error page into the question region, or (for 4xx/5xx
    without responseHandling) show nothing at all: the person would press "Volgende" in vain.
    """
    # Its address may be anything typed: the language switcher is then not kept (chrome.py).
    chrome.mark_error_page()
    headers = dict(headers or {})
    if request.headers.get("HX-Request") == "true":
        headers.update({"HX-Retarget": "body", "HX-Reswap": "innerHTML", "HX-Push-Url": "false"})
    return render_template(template, code=code), code, headers


def init_app(app: Flask) -> None:
    """Register one handler per kind of failure."""

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):  # type: ignore[no-untyped-def]
        if _wants_json():
            return jsonify({"error": "csrf", "message": error.description}), 400
        return _page("errors/csrf.html", 400)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        code = error.code or 500
        # Keep what the exception says beyond its body, such as Allow on a 405 (RFC 9110).
        headers = {k: v for k, v in error.get_headers() if k.lower() != "content-type"}
        if _wants_json():
            return jsonify({"error": error.name, "status": code}), code, headers
        template = {404: "errors/404.html", 413: "errors/413.html", 405: "errors/404.html"}.get(
            code, "errors/400.html" if code < 500 else "errors/500.html"
        )
        return _page(template, code, headers)

    def database_unavailable(error: Exception):  # type: ignore[no-untyped-def]
        # The message names no table or value: nothing personal reaches the log line.
        app.logger.error("database unavailable: %s", type(error).__name__)
        store.discard_db()
        if _wants_json():
            return jsonify({"error": "unavailable", "status": 503}), 503
        return _page("errors/503.html", 503, {"Retry-After": "60"})

    for kind in UNAVAILABLE:
        app.register_error_handler(kind, database_unavailable)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):  # type: ignore[no-untyped-def]
        app.logger.exception("unexpected error on %s", request.endpoint)
        if _wants_json():
            return jsonify({"error": "internal", "status": 500}), 500
        return _page("errors/500.html", 500)

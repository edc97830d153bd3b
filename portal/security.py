"""Security headers on every response, set in one after_request hook, plus CSRF protection."""

from __future__ import annotations

from flask import Flask, Response
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()

# No inline scripts or styles, nothing from another host. htmx's own indicator style is
# switched off in base.html (htmx-config) so style-src needs no 'unsafe-inline'.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
        "interest-cohort=(), browsing-topics=()"
    ),
}


def init_app(app: Flask) -> None:
    """Protect every form POST with CSRF and add the security headers to every response."""
    csrf.init_app(app)

    @app.after_request
    def set_security_headers(response: Response) -> Response:
        # One look at the headers already set (a view may set its own), then add the rest:
        # Headers.setdefault raises and catches an exception for every header it adds.
        present = {name.lower() for name, _value in response.headers.items()}
        wanted = dict(HEADERS)
        if app.config.get("SESSION_COOKIE_SECURE"):
            wanted["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        # Pages, API answers and the calendar file can hold someone's situation: never keep
        # them in any cache. Only what sets its own Cache-Control (static files) is cached
        # (the .ics file and API answers had none: issue 14).
        wanted["Cache-Control"] = "no-store"
        for name, value in wanted.items():
            if name.lower() not in present:
                response.headers.add(name, value)
        return response

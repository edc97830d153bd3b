"""Public pages under a language prefix: the landing page and the privacy page."""

from __future__ import annotations

from flask import redirect, render_template, url_for

from portal.i18n import lang_from_request, language_blueprint

bp = language_blueprint("public", __name__)


def redirect_to_language():  # type: ignore[no-untyped-def]
    """Send / to the best language the browser asks for, falling back to Dutch."""
    return redirect(url_for("public.index", lang=lang_from_request()), code=302)


@bp.get("/")
def index():  # type: ignore[no-untyped-def]
    return render_template("public/index.html")


@bp.get("/privacy")
def privacy():  # type: ignore[no-untyped-def]
    return render_template("public/privacy.html")

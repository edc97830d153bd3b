"""The guided questionnaire under /<lang>/check/ (placeholder until the flow lands)."""

from __future__ import annotations

from flask import redirect, url_for

from portal.i18n import language_blueprint

bp = language_blueprint("check", __name__, "/check")


@bp.get("/")
def start():  # type: ignore[no-untyped-def]
    return redirect(url_for("public.index"))

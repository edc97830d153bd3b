"""The page chrome: the footer, kept once per language; the language switcher, per page address.

The footer reads only the language; the switcher also the page's address (endpoint and URL
values, to link to the same page in other languages). Neither reads the session, a form or an
answer, so the same key always gives the same HTML: each worker renders each once and keeps it.
A page built from a kept one notes its texts again, for the translation notice
(portal/translation/notice.py). Issue 16: 5-8 % of a page's CPU.
"""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask, current_app, g, render_template, request
from flask_babel import get_locale
from markupsafe import Markup

from portal.i18n import note_texts, separate_texts

# Enough for every page address in every language; past it, the kept ones are dropped.
KEPT = 1024
_LOCK = threading.Lock()


def mark_error_page() -> None:
    """Say that this request shows an error page (portal/errors.py), whatever its address."""
    g.error_page = True


def chrome(template: str, per_address: bool = False) -> Markup:
    """Return `template` as HTML: a partial that reads only the language and, with
    `per_address`, the page's address.

    An error page renders a per-address partial afresh and keeps nothing: its address can be
    anything someone typed (/en/check/<anything> is a 404), which must not become a key.
    """
    key: tuple[Any, ...] = (template, str(get_locale()), request.script_root)
    if per_address:
        if g.get("error_page"):
            return Markup(render_template(template))
        key += (request.endpoint, tuple(sorted((request.view_args or {}).items())))
    kept: dict[Any, Any] = current_app.extensions.setdefault("rendered_chrome", {})
    found = kept.get(key)
    if found is None:
        with separate_texts() as texts:
            html = Markup(render_template(template))
        found = (html, texts)
        with _LOCK:
            if len(kept) >= KEPT:
                kept.clear()
            kept[key] = found
    else:
        note_texts(found[1])
    return found[0]


def init_app(app: Flask) -> None:
    """Make chrome() a template global."""
    app.add_template_global(chrome)

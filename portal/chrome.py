"""The page chrome (language switcher, footer), rendered once per language and page address.

Both read only the language and the page's address (endpoint and URL values), never the
session, a form or an answer, so the same key always gives the same HTML: each worker renders
each once and keeps it. A page built from a kept one notes its texts again, for the
translation notice (portal/translation/notice.py). Issue 16: 5-8 % of a page's CPU.
"""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask, current_app, render_template, request
from flask_babel import get_locale
from markupsafe import Markup

from portal.i18n import note_texts, separate_texts

# Enough for every page address in every language; past it, the kept ones are dropped.
KEPT = 1024
_LOCK = threading.Lock()


def chrome(template: str) -> Markup:
    """Return `template` (a partial that reads only the language and the address) as HTML."""
    view_args = tuple(sorted((request.view_args or {}).items()))
    key = (template, str(get_locale()), request.endpoint, view_args, request.script_root)
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

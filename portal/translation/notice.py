"""The one-line notice on English, Arabic and Tigrinya pages that hold unchecked translations.

It shows while the page holds a text that is not `reviewed` (machine-made, or changed since
review), says that the Dutch text counts, and puts the Dutch one tap away: the coach view on
the question and result pages, the same page in Dutch elsewhere. Web layer only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from babel.support import Translations
from flask import Flask, current_app, request, session, url_for

from portal.i18n import DEFAULT, lang_from_request, texts_seen
from portal.translation import review

# Pages with a coach view (the Dutch beside the user's language), switched by check.coach.
COACH_ENDPOINTS = frozenset({"check.question", "result.show"})


def init_app(app: Flask) -> None:
    """Register translation_notice() for templates/_translation_notice.html."""
    app.add_template_global(translation_notice)


def _translations_dir() -> Path:
    first = str(current_app.config["BABEL_TRANSLATION_DIRECTORIES"]).split(";")[0]
    return Path(first)


def reviewed_texts(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Return (every msgid of `lang`'s compiled catalogue, the msgids reviewed as shown).

    Read once per worker: the catalogues and review files change only with a deployment.
    """
    cache = current_app.extensions.setdefault("translation_reviews", {})
    if lang not in cache:
        directory = _translations_dir()
        strings = _compiled_strings(lang, directory)
        try:
            reviews = review.load_reviews(lang, directory)
        except (OSError, ValueError, yaml.YAMLError):
            # A broken review file must not take pages down: count nothing as reviewed, so
            # the notice shows (the safe side). The tests read every committed review file.
            current_app.logger.warning("review file of %s unreadable: notice shown", lang)
            reviews = {}
        statuses = review.statuses(strings, reviews)
        cache[lang] = (
            frozenset(strings),
            frozenset(msgid for msgid, status in statuses.items() if status == review.REVIEWED),
        )
    return cache[lang]


def _compiled_strings(lang: str, directory: Path) -> dict[str, str]:
    """Return msgid -> translation (review.text_of) from a language's messages.mo."""
    compiled = Translations.load(str(directory), [lang])
    grouped: dict[str, Any] = {}
    for key, text in getattr(compiled, "_catalog", {}).items():
        if isinstance(key, tuple):
            grouped.setdefault(key[0], {})[key[1]] = text
        elif key:
            grouped[key] = text
    strings = {}
    for msgid, text in grouped.items():
        forms = text if isinstance(text, str) else [text[i] for i in sorted(text)]
        strings[msgid] = review.text_of(forms)
    return strings


def unreviewed_on_page(lang: str) -> list[str]:
    """Return the texts this request showed in `lang` that no native speaker has checked."""
    known, reviewed = reviewed_texts(lang)
    return sorted((texts_seen(lang) & known) - reviewed)


def _dutch_url() -> str | None:
    rule = request.url_rule
    if rule is None or "lang" not in rule.arguments or "GET" not in (rule.methods or ()):
        return None
    return url_for(request.endpoint or "", **dict(request.view_args or {}, lang=DEFAULT))


def translation_notice() -> dict[str, Any] | None:
    """Return what the notice needs on this page, or None when it does not show.

    Call it after the page's texts are rendered (base.html renders main and footer first).
    """
    lang = lang_from_request()
    if lang == DEFAULT or not unreviewed_on_page(lang):
        return None
    if request.endpoint in COACH_ENDPOINTS:
        return {"coach_form": not session.get("coach"), "dutch_url": None}
    return {"coach_form": False, "dutch_url": _dutch_url()}

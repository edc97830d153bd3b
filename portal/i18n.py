"""Languages, the locale selector, language-prefixed URLs, the questionnaire extractor.

Dutch (nl) is the source language: msgids are Dutch, and nl is the fallback. Each request
notes which texts it looked up in each other language (texts_seen), so a page can say when it
holds translations no native speaker has checked yet (portal/translation/notice.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import flask_babel
import yaml
from babel.dates import format_skeleton
from flask import Blueprint, Flask, g, has_app_context, request
from flask_babel import Babel
from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup
from werkzeug.routing import BaseConverter


@dataclass(frozen=True)
class Language:
    code: str
    native_name: str
    dir: str  # "ltr" or "rtl"


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("nl", "Nederlands", "ltr"),
        Language("en", "English", "ltr"),
        Language("ar", "العربية", "rtl"),
        Language("ti", "ትግርኛ", "ltr"),
    )
}
DEFAULT = "nl"


class LangConverter(BaseConverter):
    """Match only the four language codes, so an unknown prefix is a plain 404."""

    regex = "|".join(LANGUAGES)


def lang_from_request() -> str:
    """Return the language of this request: the URL prefix, else Accept-Language, else nl."""
    lang = g.get("lang")
    if lang in LANGUAGES:
        return lang
    first = request.path.strip("/").split("/", 1)[0] if request else ""
    if first in LANGUAGES:
        return first
    return request.accept_languages.best_match(list(LANGUAGES), default=DEFAULT) or DEFAULT


def current_language() -> Language:
    """Return the Language of this request."""
    return LANGUAGES[lang_from_request()]


def catalogue() -> Any:
    """Return the gettext catalogue of this request's language, looked up once per request.

    Flask-Babel finds the catalogue again on every call; a page has dozens of texts.
    """
    found = g.get("catalogue")
    if found is None:
        found = g.catalogue = flask_babel.get_translations()
    return found


def translate(msgid: str) -> str:
    """Translate one msgid into this request's language (a quicker gettext without params)."""
    return str(catalogue().ugettext(msgid))


def format_number(value: int) -> str:
    """Return a whole number as this request's language writes it: 1.250 in Dutch, 1,250 in
    English, Arabic and Tigrinya (Babel's CLDR data, in Latin digits)."""
    return str(flask_babel.format_decimal(value))


# Month names differ between Arabic-speaking countries (سبتمبر, أيلول), so Arabic dates carry
# the month's number beside its name (issue 13). Other languages use Babel's own patterns.
DATE_PATTERNS: dict[str, dict[str, str]] = {
    "ar": {"day": "d MMMM (M) y", "month": "MMMM (M) y"},
}


def format_local_date(value: date, kind: str = "day") -> str:
    """Return a date as this request's language writes it: "day" (1 september 2017) or "month"
    (september 2017); in Arabic with the month's number beside its name."""
    lang = str(flask_babel.get_locale() or DEFAULT)
    pattern = DATE_PATTERNS.get(lang, {}).get(kind)
    if pattern is not None:
        return str(flask_babel.format_date(value, pattern))
    if kind == "month":
        return str(format_skeleton("yMMMM", value, locale=lang))
    return str(flask_babel.format_date(value, "long"))


@contextmanager
def force_locale(lang: str) -> Iterator[None]:
    """Render in another language for a while (coach mode, the desk); use this, not Babel's."""
    outer = g.get("catalogue")
    g.catalogue = None
    try:
        with flask_babel.force_locale(lang):
            yield
    finally:
        g.catalogue = outer


def texts_seen(lang: str) -> set[str]:
    """Return the msgids this request has looked up so far in `lang`."""
    seen = g.get("texts_seen")
    if seen is None:
        seen = g.texts_seen = {}
    return seen.setdefault(lang, set())  # type: ignore[no-any-return]


@contextmanager
def separate_texts() -> Iterator[dict[str, set[str]]]:
    """Collect the texts looked up inside the block apart (and also for the request).

    For work that is cached and reused later: note its texts again with note_texts().
    """
    outer, outer_catalogue = g.get("texts_seen"), g.get("catalogue")
    inner: dict[str, set[str]] = {}
    g.texts_seen = inner
    g.catalogue = None  # a catalogue notes into the texts of its time: the block gets its own
    try:
        yield inner
    finally:
        g.texts_seen = outer if outer is not None else {}
        g.catalogue = outer_catalogue
        note_texts(inner)


def note_texts(texts: dict[str, set[str]]) -> None:
    """Add texts looked up earlier (a cached rendering) to this request's texts."""
    for lang, msgids in texts.items():
        texts_seen(lang).update(msgids)


class SeenTexts:
    """A gettext catalogue that notes every msgid looked up in it (see texts_seen)."""

    __slots__ = ("seen", "translations")

    def __init__(self, translations: Any, seen: set[str]) -> None:
        self.translations = translations
        self.seen = seen

    def ugettext(self, message: str) -> str:
        self.seen.add(message)
        return self.translations.ugettext(message)  # type: ignore[no-any-return]

    gettext = ugettext

    def ungettext(self, singular: str, plural: str, n: int) -> str:
        self.seen.add(singular)
        return self.translations.ungettext(singular, plural, n)  # type: ignore[no-any-return]

    ngettext = ungettext

    def __getattr__(self, name: str) -> Any:
        return getattr(self.translations, name)


class SeeingDomain(flask_babel.Domain):
    """Flask-Babel's domain, handing out catalogues that note what a request looks up.

    Every lookup goes through here: templates (catalogue()), gettext in Python, lazy strings.
    Dutch needs no note: it is the source.
    """

    def get_translations(self) -> Any:
        translations = super().get_translations()
        lang = str(flask_babel.get_locale() or DEFAULT)
        if lang == DEFAULT or not has_app_context():
            return translations
        return SeenTexts(translations, texts_seen(lang))


def init_app(app: Flask) -> None:
    """Register Babel, the lang URL converter and the template globals."""
    app.url_map.converters["lang"] = LangConverter
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(app.root_path + "/../translations"))
    babel = Babel(app, locale_selector=lang_from_request)
    babel.domain_instance = SeeingDomain()  # type: ignore[misc]
    # Templates look their texts up in this request's catalogue (see catalogue()).
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda text: catalogue().ugettext(text),
        ngettext=lambda one, many, n: catalogue().ungettext(one, many, n),
        newstyle=True,
    )
    # `_` and `gettext` are called dozens of times a page: one call each, not Jinja's three.
    app.jinja_env.globals["_"] = app.jinja_env.globals["gettext"] = template_gettext

    @app.context_processor
    def inject_language() -> dict[str, Any]:
        return {"LANGUAGES": LANGUAGES, "language": current_language()}


@pass_eval_context
def template_gettext(eval_ctx: EvalContext, text: str, **variables: Any) -> str:
    """Jinja's "newstyle" gettext: translated, marked safe in HTML, then %-formatted.

    Formatting a Markup string escapes the variables, so a value can never inject HTML.
    """
    translated = catalogue().ugettext(text)
    if eval_ctx.autoescape:
        translated = Markup(translated)
    return translated % variables  # type: ignore[no-any-return]


# Keys whose string values are user-facing Dutch text in questionnaires/*.yaml.
TEXT_KEYS = frozenset({"text", "hint", "label", "title", "error", "unknown_label", "summary"})


def _walk(node: yaml.Node) -> Iterator[tuple[int, str]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if (
                isinstance(key, yaml.ScalarNode)
                and key.value in TEXT_KEYS
                and isinstance(value, yaml.ScalarNode)
                and value.value.strip()
            ):
                yield value.start_mark.line + 1, value.value
            else:
                yield from _walk(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item)


def extract_questionnaire(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Yield Babel messages for the user-facing strings of a questionnaire YAML file."""
    node = yaml.compose(fileobj.read().decode("utf-8"))
    if node is None:
        return
    for lineno, text in _walk(node):
        yield lineno, "", text, []


def language_blueprint(name: str, import_name: str, prefix: str = "") -> Blueprint:
    """Return a blueprint whose URLs start with /<lang>; it keeps the language in g.lang."""
    bp = Blueprint(name, import_name, url_prefix="/<lang:lang>" + prefix)

    @bp.url_value_preprocessor
    def pull_lang(_endpoint: str | None, values: dict[str, Any] | None) -> None:
        g.lang = (values or {}).pop("lang", DEFAULT)

    @bp.url_defaults
    def add_lang(_endpoint: str, values: dict[str, Any]) -> None:
        if "lang" not in values and g.get("lang"):
            values["lang"] = g.lang

    return bp

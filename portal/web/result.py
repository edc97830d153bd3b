"""The result page under /<lang>/check/result: the outcome, a bilingual print and the .ics file.

Reads answers only through portal.web.check and the flow; decides nothing itself (rules do).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections import OrderedDict
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import abort, current_app, redirect, render_template, session, url_for
from flask_babel import gettext
from markupsafe import Markup

from portal import store
from portal.i18n import (
    LANGUAGES,
    current_language,
    force_locale,
    language_blueprint,
    note_texts,
    separate_texts,
)
from portal.rules import Outcome, evaluate
from portal.translation import terms
from portal.web import check, wording
from portal.web.wording import authority_name, outcome_data

bp = language_blueprint("result", __name__, "/check")

# Session key holding a mark of the answer set whose result was already counted: an HMAC
# (secret key, set id, answers), so the cookie tells nothing about the answers (issue 14).
COUNTED_KEY = "result_counted"


def build_result(answers: dict[str, Any] | None, today: date | None = None) -> Outcome | None:
    """Return the Outcome for a complete answer set, or None when answers are missing or partial.

    The desk reuses this, so the page, the print, the .ics file and the API share one Outcome.
    """
    if not answers:
        return None
    from portal.flow import engine

    questionnaire = engine.load_questionnaire()
    if engine.next_question(questionnaire, answers) is not None:
        return None
    return evaluate(engine.answers_to_facts(questionnaire, answers), today)


def _current_outcome() -> Outcome | None:
    return build_result(check.current_answers())


def answers_digest(answers: dict[str, Any]) -> str:
    """Return a short digest of an answer set, to count each result once per session."""
    raw = json.dumps(answers, sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest()[:16]


def count_once(digest: str, outcome: Outcome) -> None:
    """Record the anonymous "finished" counter the first time these answers show a result.

    :param digest: answers_digest() of the answers behind `outcome`.
    """
    counted = hmac.new(
        str(current_app.config["SECRET_KEY"]).encode(),
        f"{session.get(check.SET_KEY, '')}:{digest}".encode(),
        hashlib.sha256,
    ).hexdigest()[:32]
    if session.get(COUNTED_KEY) == counted:
        return
    routes = [r.code for r in outcome.routes if r.assessment in ("likely", "possible")]
    db, lang = store.get_db(), current_language().code
    # Not counted (database busy): not marked either, so a later view counts it.
    if store.record_stat_or_skip(db, "finished", lang, outcome.regime, routes):
        session[COUNTED_KEY] = counted


def render_outcome(
    outcome: Outcome, lang: str, heading_level: int = 2, expanded: bool = False
) -> Markup:
    """Render templates/result/_outcome.html for one outcome in `lang` (coach and print use nl).

    Its section headings are h`heading_level`, its routes one level lower: 3 inside a language
    column, whose own heading is the h2. `expanded` opens every folded part: the print, the
    language columns and the desk show everything; the result page folds all but what to do.
    """
    with force_locale(lang):
        return Markup(
            render_template(
                "result/_outcome.html",
                outcome=outcome,
                heading_level=heading_level,
                expanded=expanded,
            )
        )


class RenderedOutcomes:
    """Recently rendered outcomes, by (answers digest, reference day, language, heading level,
    expanded).

    Rendering the outcome is most of the work of a result page, and people come back to it:
    they reload, print, switch language. The outcome is a pure function of the answers and the
    day, and _outcome.html reads nothing but the outcome (no session, no request, no form), so
    the same key always gives the same HTML. The key holds a digest, never an answer, and no
    session id: an entry says nothing about who saw it. An entry goes after `max_age` even if
    it is used, so a rendered outcome stays at most that long after its answers are deleted.
    Each worker keeps its own (RENDERED_OUTCOMES entries; 0 switches this off).
    """

    def __init__(self, size: int, max_age: timedelta) -> None:
        self.size = size
        self.max_age = max_age.total_seconds()
        # Each entry keeps the texts it holds, so a page built from it knows them too
        # (the translation notice, portal/translation/notice.py).
        self.entries: OrderedDict[
            tuple[str, date, str, int, bool], tuple[float, Markup, dict[str, set[str]]]
        ] = OrderedDict()
        self.lock = threading.Lock()

    def get(
        self,
        digest: str,
        outcome: Outcome,
        lang: str,
        heading_level: int = 2,
        expanded: bool = False,
    ) -> Markup:
        if self.size <= 0:
            return render_outcome(outcome, lang, heading_level, expanded)
        key = (digest, outcome.reference_date, lang, heading_level, expanded)
        moment = time.monotonic()
        with self.lock:
            found = self.entries.get(key)
            if found is not None and moment - found[0] < self.max_age:
                self.entries.move_to_end(key)
                note_texts(found[2])
                return found[1]
        with separate_texts() as texts:
            html = render_outcome(outcome, lang, heading_level, expanded)
        with self.lock:
            self.entries[key] = (moment, html, texts)
            self.entries.move_to_end(key)
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return html


def rendered_outcome(
    digest: str, outcome: Outcome, lang: str, heading_level: int = 2, expanded: bool = False
) -> Markup:
    """Return the outcome's HTML in `lang`, rendered now or a moment ago (RenderedOutcomes)."""
    config = current_app.config
    cache = current_app.extensions.get("rendered_outcomes")
    if cache is None:
        cache = current_app.extensions["rendered_outcomes"] = RenderedOutcomes(
            config["RENDERED_OUTCOMES"], config["RENDERED_OUTCOMES_MAX_AGE"]
        )
    return cache.get(digest, outcome, lang, heading_level, expanded)


def language_columns(
    outcome: Outcome, codes: list[str], digest: str | None = None
) -> list[tuple[Any, Markup]]:
    """Return (language, outcome html) per language, for result/_columns.html; nothing folded.

    With the `digest` of the answers behind `outcome`, reuse what was rendered before.
    """
    if digest is None:
        return [
            (LANGUAGES[code], render_outcome(outcome, code, heading_level=3, expanded=True))
            for code in codes
        ]
    return [
        (LANGUAGES[code], rendered_outcome(digest, outcome, code, heading_level=3, expanded=True))
        for code in codes
    ]


def _context(outcome: Outcome) -> dict[str, Any]:
    return {
        "outcome": outcome,
        "has_code": check.has_code(),
        "code": check.session_code(),
        "has_deadline": outcome.term.end is not None,
        # Answers given under older rules: the outcome is recomputed and says so (issue 11
        # item 16).
        "rules_changed_since": check.rules_changed_since(),
    }


@bp.get("/result")
def show():  # type: ignore[no-untyped-def]
    """Show the outcome; send people without a complete answer set back to the start."""
    answers = check.current_answers()
    outcome = build_result(answers)
    if answers is None or outcome is None:
        return redirect(url_for("check.start"))
    digest = answers_digest(answers)
    count_once(digest, outcome)
    context = _context(outcome)
    lang = current_language().code
    if session.get("coach") and lang != "nl":
        context["columns"] = language_columns(outcome, [lang, "nl"], digest)
    else:
        context["outcome_html"] = rendered_outcome(digest, outcome, lang)
    return render_template("result/show.html", **context)


@bp.get("/result/outcome.json")
def download():  # type: ignore[no-untyped-def]
    """Download the outcome as JSON, the same as POST /api/v1/check gives for these answers."""
    outcome = build_result(check.current_answers())
    if outcome is None:
        return redirect(url_for("check.start"))
    body = json.dumps(outcome_data(outcome, current_language().code), ensure_ascii=False)
    return current_app.response_class(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="wegwijzer-uitkomst.json"'},
    )


@bp.get("/result/print")
def print_bilingual():  # type: ignore[no-untyped-def]
    """Show the outcome in the user's language beside Dutch, laid out to hand to the desk."""
    answers = check.current_answers()
    outcome = build_result(answers)
    if answers is None or outcome is None:
        return redirect(url_for("check.start"))
    lang = current_language().code
    codes = [lang, "nl"] if lang != "nl" else ["nl"]
    context = _context(outcome)
    context["columns"] = language_columns(outcome, codes, answers_digest(answers))
    return render_template("result/print.html", **context)


def _ics_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11)."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        limit = 75 if not out else 74
        if len(current) + len(encoded) > limit:
            out.append(current.decode())
            current = b""
        current += encoded
    out.append(current.decode())
    return "\r\n ".join(out)


def deadline_ics(end: date, summary: str, description: str, stamp: datetime) -> str:
    """Return an iCalendar file with one all-day VEVENT on `end` and a reminder 30 days before.

    Holds nothing personal: the date, a fixed title and text, a UID derived from the date.
    """
    day = end.strftime("%Y%m%d")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Wegwijzer Inburgering//Result//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:inburgeringstermijn-{day}@wegwijzer-inburgering",
        "DTSTAMP:" + stamp.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ"),
        f"DTSTART;VALUE=DATE:{day}",
        "DTEND;VALUE=DATE:" + (end + timedelta(days=1)).strftime("%Y%m%d"),
        "SUMMARY:" + _ics_text(summary),
        "DESCRIPTION:" + _ics_text(description),
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:" + _ics_text(summary),
        "TRIGGER:-P30D",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


@bp.get("/result/deadline.ics")
def calendar():  # type: ignore[no-untyped-def]
    """Download the end of the inburgeringstermijn as a calendar event; 404 without one."""
    outcome = _current_outcome()
    if outcome is None:
        return redirect(url_for("check.start"))
    if outcome.term.end is None:
        abort(404)
    body = deadline_ics(
        outcome.term.end,
        gettext("Einde van uw inburgeringstermijn"),
        gettext(
            "Dit is de datum uit de Wegwijzer Inburgering. Het besluit neemt %(authority)s.",
            authority=authority_name(outcome.authority),
        ),
        store.now(),
    )
    return current_app.response_class(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="deadline.ics"'},
    )


def glossary_terms(outcome: Outcome) -> list[terms.Term]:
    """Return the terms from the term base that the result page explains for `outcome`."""
    return terms.glossary_for(terms.load(), outcome)


# How templates word an outcome (portal/web/wording.py).
for _name, _filter in {
    "render_text": wording.render_text,
    "number": wording.number_filter,
    "local_date": wording.local_date_filter,
}.items():
    bp.add_app_template_filter(_filter, _name)
for _name, _global in {
    "locale_code": wording.locale_code,
    "authority_name": wording.authority_name,
    "who_name": wording.who_name,
    "org_name": wording.org_name,
    "N_": wording.N_,
    "glossary_terms": glossary_terms,
    "urgency": wording.urgency,
    "public_sources": wording.public_sources,
    "rules_checked": wording.rules_checked,
}.items():
    bp.add_app_template_global(_global, _name)

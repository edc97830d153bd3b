"""The guided questionnaire under /<lang>/check/: one question per page, answers kept server-side.

Works as plain GET/POST; an htmx request (HX-Request) gets only the question fragment.
The answer-set id lives only in the session cookie; answers never go in a URL. A GET creates
nothing: the answer set is made when the first answer is posted (issue 14).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import (
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext

from portal import store
from portal.flow import engine
from portal.flow.schema import Question, Questionnaire
from portal.i18n import DEFAULT, force_locale, language_blueprint
from portal.rules.version import RULES_VERSION
from portal.web import desk_login, throttle
from portal.web.forms import ONLY_YEAR_OPTION, Invalid, answer_from_form, build_form

bp = language_blueprint("check", __name__, "/check")

# Questions with a drawn picture of where the answer is written (issue 13): the picture's
# template and the field it marks.
PICTURES = {
    "residence_purpose": ("check/pictures/residence_card.html", "purpose"),
    "residence_decision_date": ("check/pictures/residence_card.html", "valid_from"),
    "obligation_letter": ("check/pictures/duo_letter.html", "obligation"),
    "obligation_start_date": ("check/pictures/duo_letter.html", "start"),
}
# Wrong resume codes from one address: this many in RESUME_WINDOW are answered at once; after
# that each one doubles the wait the page asks for, up to RESUME_MAX_DELAY. A right code opens
# whatever came before it (docs/adr/003-resume-code.md, issue 14).
RESUME_FREE_FAILURES = 5
RESUME_WINDOW = timedelta(minutes=15)
RESUME_MAX_DELAY = timedelta(minutes=15)
# Session keys of the check. SET_KEY: the answer set; VIA_KEY: the HMAC of the resume code it
# was opened with, so that a newer code cuts this browser off (issue 14).
SET_KEY = "answer_set"
VIA_KEY = "resume_via"
# The resume code made (or typed in) in this browser session, shown on the result while the
# session lasts and while it still works (issue 13; docs/adr/003-resume-code.md). A fresh
# session (start again, delete, another code typed in) drops it.
NEW_CODE_KEY = "resume_code"
# Set by POST /save when the set got a code a moment ago (another tab): GET /saved says so.
RECENT_CODE_KEY = "resume_code_recent"
# Two saves this close together are one save: the second makes no code that kills the first.
SAVE_RACE_WINDOW = timedelta(seconds=60)
# What "Start", "Start again", delete and resume keep of the session: the coach switch and the
# desk's own keys. Everything else (answer set, code keys, the "counted" mark, the CSRF token)
# goes, so the next person at this computer starts with a fresh session (issue 14).
KEPT_KEYS = ("coach", desk_login.TOKEN, desk_login.LANG)


@bp.teardown_app_request
def forget_walks(_error: BaseException | None) -> None:
    """Keep no replayed answers in memory past the request (engine.walk keeps them within it)."""
    engine.forget_walks()


def _db() -> Any:
    return store.get_db()


def _questionnaire() -> Questionnaire:
    return engine.load_questionnaire()


def _lang() -> str:
    return str(g.get("lang") or DEFAULT)


def current_answers() -> dict[str, Any] | None:
    """Return the answers of this browser's answer set, or None when there is none or it expired.

    A browser that opened the set with a resume code reads it only while that code is live.
    """
    set_id = session.get(SET_KEY)
    if not set_id:
        return None
    via = session.get(VIA_KEY)
    return store.load_answers(_db(), str(set_id), str(via) if via else None)


def rules_changed_since() -> date | None:
    """Return the date of the older rules this browser's answers were given under, or None.

    A saved result opened after the rules changed is recomputed (only answers are stored); the
    result page says so (issue 11 item 16).
    """
    set_id = session.get(SET_KEY)
    if not set_id:
        return None
    return older_rules(store.answers_rules_version(_db(), str(set_id)))


def older_rules(version: str | None) -> date | None:
    """Return the date of a stored rules version when it is older than the current rules."""
    if not version:
        return None
    try:
        stored = date.fromisoformat(version)
    except ValueError:
        return None
    return stored if stored < RULES_VERSION else None


def fresh_session() -> None:
    """Empty the session but for KEPT_KEYS: a new check, or a resumed one, starts clean."""
    kept = {key: session[key] for key in KEPT_KEYS if key in session}
    session.clear()
    session.update(kept)


def _is_htmx() -> bool:
    # A history restore (cache miss after the back button) needs the whole page.
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def _question_url(question: Question, **args: Any) -> str:
    return url_for("check.question", slug=question.slug, **args)


def _next_url(q: Questionnaire, answers: dict[str, Any]) -> str:
    following = engine.next_question(q, answers)
    return _question_url(following) if following is not None else url_for("result.show")


def _go(url: str) -> Any:
    """Redirect to a page outside the question flow; under htmx, load it as a whole page."""
    if _is_htmx():
        return "", 200, {"HX-Redirect": url}
    return redirect(url, code=303)


def _go_to_question(question: Question, **args: Any) -> Any:
    # Under htmx the browser follows this redirect itself, still sending HX-Request, so the
    # next question comes back as a fragment and htmx pushes its URL.
    return redirect(_question_url(question, **args), code=303)


def _go_next(q: Questionnaire, answers: dict[str, Any]) -> Any:
    following = engine.next_question(q, answers)
    if following is None:
        return _go(url_for("result.show"))
    return _go_to_question(following)


def _missing_state() -> Any:
    """Explain that the answers are gone (expired) or were never here, in the user's language.

    A browser that opened the answers with a code that has since been replaced is told so.
    """
    expired = bool(session.get(SET_KEY))
    replaced = expired and bool(session.get(VIA_KEY))
    if _is_htmx():
        return "", 200, {"HX-Redirect": url_for("check.start")}
    if replaced:
        heading = _("Deze code werkt niet meer")
    elif expired:
        heading = _("Uw antwoorden zijn verlopen")
    else:
        heading = _("Wij vinden uw antwoorden niet")
    page = render_template(
        "check/expired.html", heading=heading, expired=expired, replaced=replaced
    )
    return page, 410


# The rules the answers are given under; a result opened later under newer rules says so.
RULES = RULES_VERSION.isoformat()


def _store_answer(question_id: str, value: Any) -> bool:
    """Store one answer; make the answer set (and count "started") at the first one.

    Return False when the set went away in the meantime (expired, deleted, code replaced).
    """
    db, lang, ttl = _db(), _lang(), current_app.config["ANSWERS_TTL"]
    set_id = session.get(SET_KEY)
    if set_id:
        stored = store.set_answer(db, str(set_id), question_id, value, lang, ttl, RULES)
        # Re-sign the cookie with each answer: its signature would otherwise lapse 24 hours
        # after it was first set, while the answers live on (issue 14).
        session.modified = True
        return stored
    session[SET_KEY] = store.new_answer_set(db, lang, ttl, {question_id: value}, RULES)
    store.record_stat_or_skip(db, "started", lang)
    return True


@bp.get("/")
def start():  # type: ignore[no-untyped-def]
    """Go to the first question, or continue the check this browser has; store nothing.

    "Start de check" on the landing page and "Opnieuw beginnen" post to restart, which begins
    a new answer set; a GET (a link, an <img> on another site) creates no row (issue 14).
    """
    q = _questionnaire()
    if session.get(SET_KEY):
        answers = current_answers()
        if answers is None:
            return _missing_state()
        return _go_next(q, answers)
    return _go_next(q, {})


def _dutch_texts(question: Question) -> dict[str, Any] | None:
    """Return the Dutch question text, hint and options for coach mode (None in Dutch)."""
    if not session.get("coach") or _lang() == "nl":
        return None
    with force_locale("nl"):
        if question.type == "yes_no":
            options = [_(engine.YES), _(engine.NO)]
        else:
            options = [_(option.label) for option in question.options]
        if question.unknown:
            options.append(_(question.unknown_label or engine.DONT_KNOW))
        return {
            "label": _("In het Nederlands"),
            "text": _(question.text),
            "hint": _(question.hint) if question.hint else "",
            "options": options,
        }


def _render_question(
    q: Questionnaire,
    question: Question,
    answers: dict[str, Any],
    form: Any,
    error: Invalid | None = None,
) -> Any:
    from_answers = request.args.get("from") == "answers"
    previous = engine.previous_question(q, answers, question.id)
    if from_answers:
        back_url, back_is_question = url_for("check.answers"), False
    elif previous is not None:
        back_url, back_is_question = _question_url(previous), True
    else:
        back_url, back_is_question = url_for("public.index"), False
    ids = engine.asked_ids(q, answers)
    number = ids.index(question.id) + 1 if question.id in ids else len(ids)
    total = max(engine.estimate_total(q, answers), number)
    title = _(question.text)
    if error is not None:
        title = _("Fout:") + " " + title
    context = {
        "question": question,
        "form": form,
        "error": error,
        "errors": [(error.field_id, error.message)] if error else [],
        "back_url": back_url,
        "back_is_question": back_is_question,
        "progress": (number, total),
        "action": _question_url(question, **({"from": "answers"} if from_answers else {})),
        "page_title": title,
        "coach": bool(session.get("coach")),
        "dutch": _dutch_texts(question),
        "picture": PICTURES.get(question.id),
        "htmx": _is_htmx(),
        "only_year_option": ONLY_YEAR_OPTION,
    }
    template = "check/_question.html" if _is_htmx() else "check/question.html"
    headers = {"HX-Push-Url": "false"} if error is not None and _is_htmx() else {}
    return render_template(template, **context), 200, headers


@bp.route("/<slug>", methods=["GET", "POST"])
def question(slug: str):  # type: ignore[no-untyped-def]
    """Show one question (GET) or store its answer and move on (POST)."""
    q = _questionnaire()
    asked = q.by_slug(slug)
    if asked is None:
        abort(404)
    answers = current_answers()
    if answers is None:
        if session.get(SET_KEY):
            return _missing_state()
        answers = {}  # no answer yet: the first answer posted makes the set
        if request.method == "POST" and asked.id not in engine.asked_ids(q, answers):
            return _missing_state()  # a later question, posted without a set: cookies gone
    if asked.id not in engine.asked_ids(q, answers):
        # A stale or guessed URL: go to the question this person is really at.
        return _go_next(q, answers)
    if request.method == "GET":
        return _render_question(q, asked, answers, build_form(asked, value=answers.get(asked.id)))
    form = build_form(asked, formdata=request.form)
    try:
        value = answer_from_form(asked, form)
    except Invalid as error:
        return _render_question(q, asked, answers, form, error)
    if not _store_answer(asked.id, value):
        return _missing_state()
    answers[asked.id] = value
    if request.args.get("from") == "answers":
        # After a change, ask only the questions that now apply and have no answer yet.
        following = engine.next_question(q, answers)
        if following is None:
            return _go(url_for("check.answers"))
        return _go_to_question(following, **{"from": "answers"})
    return _go_next(q, answers)


@bp.get("/answers")
def answers():  # type: ignore[no-untyped-def]
    """Show every relevant answer with a change link."""
    q = _questionnaire()
    stored = current_answers()
    if stored is None:
        if not session.get(SET_KEY):
            return redirect(url_for("check.start"), code=303)
        return _missing_state()
    following = engine.next_question(q, stored)
    return render_template(
        "check/answers.html",
        rows=engine.summary(q, stored),
        complete=following is None,
        next_url=_question_url(following) if following else "",
        result_url=url_for("result.show"),
        coach=bool(session.get("coach")),
    )


@bp.post("/restart")
def restart():  # type: ignore[no-untyped-def]
    """Start (again): begin a new answer set; this browser's old one goes unless it has a code.

    The landing page's "Start de check" posts here too, so the next person at a shared
    computer never answers into the set (and the code) of the person before (issue 14). The
    session changes only after the delete is committed: a failed delete can be retried.
    """
    set_id = session.get(SET_KEY)
    if set_id and current_answers() is not None:
        db = _db()
        if not store.has_resume_code(db, str(set_id)):
            store.delete_answer_set(db, str(set_id))
    fresh_session()
    return redirect(url_for("check.start"), code=303)


def _nothing_to_save() -> Any:
    return render_template("check/nothing_to_save.html"), 400


@bp.post("/save")
def save():  # type: ignore[no-untyped-def]
    """Create a resume code for this browser's answers (a new code replaces the old one).

    Without any answer there is nothing to save: a code made in advance would open the answers
    of whoever uses this browser next (issue 14). A second save within SAVE_RACE_WINDOW (two
    tabs, a double click) makes no code unless the form asks to replace the recent one.
    """
    answers = current_answers()
    if answers is None:
        return _missing_state() if session.get(SET_KEY) else _nothing_to_save()
    if not answers:
        return _nothing_to_save()
    set_id = str(session[SET_KEY])
    recent = None if request.form.get("replace") == "1" else SAVE_RACE_WINDOW
    try:
        code = store.create_resume_code(
            _db(), set_id, current_app.config["RESUME_TTL"], keep_recent=recent
        )
    except store.RecentCode:
        session[RECENT_CODE_KEY] = True
        return redirect(url_for("check.saved"), code=303)
    # Kept for this browser session: the saved page and the result show it (ADR 003, issue 13).
    session[NEW_CODE_KEY] = code
    if session.get(VIA_KEY):
        # Opened with the old code, which no longer works: this browser holds the new one.
        session[VIA_KEY] = store.hash_code(code)
    return redirect(url_for("check.saved"), code=303)


@bp.get("/saved")
def saved():  # type: ignore[no-untyped-def]
    """Show this session's code, to write down or print; without one, offer to make one.

    A code that another tab or device has replaced since is not shown as if it worked (issue 14).
    """
    kept = session.get(NEW_CODE_KEY)
    code = session_code()
    recent = bool(session.pop(RECENT_CODE_KEY, None))
    stored = current_answers()
    if stored is None:
        return _missing_state()
    replaced = bool(kept) and code is None
    if replaced:
        session.pop(NEW_CODE_KEY, None)
    return render_template(
        "check/saved.html",
        code=code,
        recent=recent,
        replaced=replaced,
        has_code=bool(code) or has_code(),
        continue_url=_next_url(_questionnaire(), stored),
    )


def session_code() -> str | None:
    """Return the resume code made or typed in during this browser session, if it still opens
    this browser's answers (a newer code, made elsewhere, replaces it)."""
    code = session.get(NEW_CODE_KEY)
    set_id = session.get(SET_KEY)
    if not isinstance(code, str) or not set_id:
        return None
    return code if store.is_live_code(_db(), str(set_id), store.hash_code(code)) else None


def has_code() -> bool:
    """Return True when this browser's answer set has a live resume code (asked of the store)."""
    set_id = session.get(SET_KEY)
    if not set_id:
        return False
    return store.has_resume_code(_db(), str(set_id))


@bp.get("/delete")
def confirm_delete():  # type: ignore[no-untyped-def]
    """Ask before deleting: a page of its own, the same with and without JavaScript."""
    if not session.get(SET_KEY):
        return redirect(url_for("check.start"), code=303)
    if current_answers() is None:
        return _missing_state()
    return render_template("check/delete.html", back_url=url_for("check.start"))


@bp.post("/delete")
def delete():  # type: ignore[no-untyped-def]
    """Delete this browser's answers and resume code at once.

    The cookie forgets the set only after the delete is committed: when the database fails,
    the error page says so and a retry really deletes (issue 14). A browser whose code was
    replaced no longer reaches the set, so it only forgets it.
    """
    set_id = session.get(SET_KEY)
    if set_id and current_answers() is not None:
        store.delete_answer_set(_db(), str(set_id))
    fresh_session()
    return render_template("check/deleted.html")


def _wrong_code(code: str) -> Any:
    """Answer a wrong code: at once for the first few from this address, then ask to wait.

    The wait doubles with each wrong code, per address (HMAC), shared by all workers.
    """
    key = throttle.client_key("resume")
    wait = throttle.wait_seconds(_db(), key, RESUME_FREE_FAILURES, RESUME_WINDOW, RESUME_MAX_DELAY)
    store.record_failure(_db(), [key], RESUME_WINDOW)
    if not wait:
        error = _("Deze code kennen wij niet. Kijk of u de code goed heeft overgenomen.")
        return render_template("check/resume.html", error=error, code=code)
    error = ngettext(
        "Deze code kennen wij niet. Er zijn vanaf dit netwerk veel verkeerde codes ingevuld. "
        "Probeer het over %(num)s seconde opnieuw. Een goede code werkt altijd.",
        "Deze code kennen wij niet. Er zijn vanaf dit netwerk veel verkeerde codes ingevuld. "
        "Probeer het over %(num)s seconden opnieuw. Een goede code werkt altijd.",
        wait,
    )
    page = render_template("check/resume.html", error=error, code=code)
    return page, 429, {"Retry-After": str(wait)}


@bp.route("/resume", methods=["GET", "POST"])
def resume():  # type: ignore[no-untyped-def]
    """Open saved answers with a resume code, on any device and in any language.

    A right code always opens, whatever wrong codes came from the same address before: many
    people share one address (a library, a taalhuis, a mobile network). Wrong codes slow down
    per address; the code's 74 bits keep guessing impractical (ADR 003, issue 14).
    """
    if request.method == "GET":
        return render_template("check/resume.html", error=None, code="")
    code = (request.form.get("code") or "")[:40]
    if not code.strip():
        return render_template("check/resume.html", error=_("Vul uw code in."), code="")
    found = store.answer_set_for_code(_db(), code)
    if found is None:
        return _wrong_code(code)
    set_id, stored, _saved_lang = found
    # A new session for the opened answers: nothing of what this browser held before stays.
    fresh_session()
    session[SET_KEY] = set_id
    session[VIA_KEY] = store.hash_code(code)
    # The person typed the code in: it stays on the result while the session lasts (issue 13).
    session[NEW_CODE_KEY] = store.format_code(code)
    return redirect(_next_url(_questionnaire(), stored), code=303)


def _is_safe_next(target: str) -> bool:
    """Return True for a path inside this language's check, without control characters."""
    prefix = f"/{_lang()}/check/"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return False
    return target.startswith(prefix) and "//" not in target and "\\" not in target


@bp.post("/coach")
def coach():  # type: ignore[no-untyped-def]
    """Switch coach mode (the Dutch text beside the user's language) on or off.

    A `next` with a line break or another control character is a 400, not a 500 (issue 14).
    """
    target = request.form.get("next") or ""
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        abort(400)
    session["coach"] = not session.get("coach")
    if not _is_safe_next(target):
        target = url_for("check.start")
    return redirect(target, code=303)

"""The guided questionnaire under /<lang>/check/: one question per page, answers kept server-side.

Works as plain GET/POST; an htmx request (HX-Request) gets only the question fragment.
The answer-set id lives only in the session cookie; answers never go in a URL.
"""

from __future__ import annotations

from datetime import timedelta
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

from portal import store
from portal.flow import engine
from portal.flow.schema import Question, Questionnaire
from portal.i18n import DEFAULT, force_locale, language_blueprint
from portal.web import throttle
from portal.web.forms import Invalid, answer_from_form, build_form

bp = language_blueprint("check", __name__, "/check")

# Questions with a drawn picture of where the answer is written (issue 13): the picture's
# template and the field it marks.
PICTURES = {
    "residence_purpose": ("check/pictures/residence_card.html", "purpose"),
    "residence_decision_date": ("check/pictures/residence_card.html", "valid_from"),
    "obligation_letter": ("check/pictures/duo_letter.html", "obligation"),
    "obligation_start_date": ("check/pictures/duo_letter.html", "start"),
}
# Wrong resume codes: at most this many per client per window (docs/adr/003-resume-code.md).
RESUME_MAX_FAILURES = 5
RESUME_WINDOW = timedelta(minutes=15)
# The resume code made (or typed in) in this browser session, shown on the result while the
# session lasts (issue 13; docs/adr/003-resume-code.md). Delete and start again drop it.
NEW_CODE_KEY = "resume_code"


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
    """Return the answers of this browser's answer set, or None when there is none or it expired."""
    set_id = session.get("answer_set")
    if not set_id:
        return None
    return store.load_answers(_db(), set_id)


def _is_htmx() -> bool:
    # A history restore (cache miss after the back button) needs the whole page.
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def _result_url() -> str:
    # result.show is built in portal/web/result.py (issue 5); until it exists, the answers page.
    if "result.show" in current_app.view_functions:
        return url_for("result.show")
    return url_for("check.answers")


def _question_url(question: Question, **args: Any) -> str:
    return url_for("check.question", slug=question.slug, **args)


def _next_url(q: Questionnaire, answers: dict[str, Any]) -> str:
    following = engine.next_question(q, answers)
    return _question_url(following) if following is not None else _result_url()


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
        return _go(_result_url())
    return _go_to_question(following)


def _missing_state() -> Any:
    """Explain that the answers are gone (expired) or were never here, in the user's language."""
    expired = bool(session.get("answer_set"))
    if _is_htmx():
        return "", 200, {"HX-Redirect": url_for("check.start")}
    heading = _("Uw antwoorden zijn verlopen") if expired else _("Wij vinden uw antwoorden niet")
    return render_template("check/expired.html", heading=heading, expired=expired), 410


def _save(answers: dict[str, Any]) -> None:
    store.save_answers(
        _db(), session["answer_set"], answers, _lang(), current_app.config["ANSWERS_TTL"]
    )


@bp.get("/")
def start():  # type: ignore[no-untyped-def]
    """Begin a new check, or continue the one this browser has."""
    q = _questionnaire()
    if session.get("answer_set"):
        answers = current_answers()
        if answers is None:
            return _missing_state()
        return _go_next(q, answers)
    db = _db()
    session["answer_set"] = store.new_answer_set(db, _lang(), current_app.config["ANSWERS_TTL"])
    session.pop(NEW_CODE_KEY, None)
    store.record_stat(db, "started", _lang())
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
        "year_only": engine.accepts_year_only(),
        "htmx": _is_htmx(),
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
        if request.method == "GET" and not session.get("answer_set"):
            return redirect(url_for("check.start"), code=303)
        return _missing_state()
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
    answers[asked.id] = value
    _save(answers)
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
        if not session.get("answer_set"):
            return redirect(url_for("check.start"), code=303)
        return _missing_state()
    following = engine.next_question(q, stored)
    return render_template(
        "check/answers.html",
        rows=engine.summary(q, stored),
        complete=following is None,
        next_url=_question_url(following) if following else "",
        result_url=_result_url(),
        coach=bool(session.get("coach")),
    )


@bp.post("/restart")
def restart():  # type: ignore[no-untyped-def]
    """Start again: forget this browser's answers (a set saved with a code stays for the code)."""
    set_id = session.pop("answer_set", None)
    session.pop(NEW_CODE_KEY, None)
    if set_id:
        db = _db()
        if not store.has_resume_code(db, set_id):
            store.delete_answer_set(db, set_id)
    return redirect(url_for("check.start"), code=303)


@bp.post("/save")
def save():  # type: ignore[no-untyped-def]
    """Create a resume code for this browser's answers (a new code replaces the old one)."""
    if current_answers() is None:
        return _missing_state()
    code = store.create_resume_code(_db(), session["answer_set"], current_app.config["RESUME_TTL"])
    # Only for the one redirect to the saved page, which takes it out again (ADR 003).
    session[NEW_CODE_KEY] = code
    return redirect(url_for("check.saved"), code=303)


@bp.get("/saved")
def saved():  # type: ignore[no-untyped-def]
    """Show this session's code, to write down or print; without one, offer to make one."""
    code = session_code()
    stored = current_answers()
    if stored is None:
        return _missing_state()
    return render_template(
        "check/saved.html",
        code=code,
        has_code=bool(code) or has_code(),
        continue_url=_next_url(_questionnaire(), stored),
    )


def session_code() -> str | None:
    """Return the resume code made or typed in during this browser session, if it still opens
    this browser's answers (a newer code, made elsewhere, replaces it)."""
    code = session.get(NEW_CODE_KEY)
    set_id = session.get("answer_set")
    if not isinstance(code, str) or not set_id:
        return None
    found = store.answer_set_for_code(_db(), code)
    return code if found is not None and found[0] == set_id else None


def has_code() -> bool:
    """Return True when this browser's answer set has a live resume code (asked of the store)."""
    set_id = session.get("answer_set")
    if not set_id:
        return False
    return store.has_resume_code(_db(), str(set_id))


@bp.get("/delete")
def confirm_delete():  # type: ignore[no-untyped-def]
    """Ask before deleting: a page of its own, the same with and without JavaScript."""
    if not session.get("answer_set"):
        return redirect(url_for("check.start"), code=303)
    if current_answers() is None:
        return _missing_state()
    return render_template("check/delete.html", back_url=url_for("check.start"))


@bp.post("/delete")
def delete():  # type: ignore[no-untyped-def]
    """Delete this browser's answers and resume code at once."""
    set_id = session.pop("answer_set", None)
    session.pop(NEW_CODE_KEY, None)
    if set_id:
        store.delete_answer_set(_db(), set_id)
    return render_template("check/deleted.html")


@bp.route("/resume", methods=["GET", "POST"])
def resume():  # type: ignore[no-untyped-def]
    """Open saved answers with a resume code, on any device and in any language."""
    if request.method == "GET":
        return render_template("check/resume.html", error=None, code="")
    key = throttle.client_key("resume")
    code = (request.form.get("code") or "")[:40]
    if throttle.too_many(_db(), key, RESUME_MAX_FAILURES, RESUME_WINDOW):
        error = _(
            "U heeft te vaak een verkeerde code ingevuld. Probeer het over 15 minuten opnieuw."
        )
        return render_template("check/resume.html", error=error, code=""), 429
    if not code.strip():
        return render_template("check/resume.html", error=_("Vul uw code in."), code="")
    found = store.answer_set_for_code(_db(), code)
    if found is None:
        store.record_failure(_db(), [key], RESUME_WINDOW)
        error = _("Deze code kennen wij niet. Kijk of u de code goed heeft overgenomen.")
        return render_template("check/resume.html", error=error, code=code)
    set_id, stored, _saved_lang = found
    session["answer_set"] = set_id
    session[NEW_CODE_KEY] = store.format_code(code)
    return redirect(_next_url(_questionnaire(), stored), code=303)


@bp.post("/coach")
def coach():  # type: ignore[no-untyped-def]
    """Switch coach mode (the Dutch text beside the user's language) on or off."""
    session["coach"] = not session.get("coach")
    target = request.form.get("next") or ""
    prefix = f"/{_lang()}/check/"
    if not target.startswith(prefix) or "//" in target or "\\" in target:
        target = url_for("check.start")
    return redirect(target, code=303)

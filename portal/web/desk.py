"""The desk under /desk/: staff login, lookup by resume code, reference, statistics and admin.

Dutch by default, English on request (kept in the session, not the URL). Never cached or indexed.
"""

from __future__ import annotations

import csv
import io
from functools import wraps
from typing import Any
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from portal import store
from portal.i18n import LANGUAGES, force_locale
from portal.rules.version import RULES_VERSION
from portal.web import desk_login, desk_reference, desk_stats

bp = Blueprint("desk", __name__, url_prefix="/desk")

# Reachable without signing in; every other desk route needs a staff session.
PUBLIC_ENDPOINTS = frozenset({"desk.login", "desk.language"})

REASONS = {
    "invalid": _l("De gebruikersnaam of het wachtwoord is niet goed."),
    "locked": _l("Te veel pogingen. Dit account is 15 minuten geblokkeerd."),
    "throttled": _l("Te veel pogingen vanaf deze computer. Probeer het over 15 minuten opnieuw."),
}

# Why a desk session ended (desk_login.current_staff), told on the login page.
ENDED = {
    "idle": _l("U was 30 minuten niet actief. Log opnieuw in."),
    "too_long": _l("U was 10 uur ingelogd. Log opnieuw in."),
    "gone": _l("U bent niet meer ingelogd. Log opnieuw in."),
}


def admin_required(view: Any) -> Any:
    """Refuse the view (403) to staff who are not admins."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if not desk_login.is_admin(g.staff):
            abort(403)
        return view(*args, **kwargs)

    wrapped.admin_only = True  # type: ignore[attr-defined]
    return wrapped


@bp.before_request
def load_staff():  # type: ignore[no-untyped-def]
    """Pick the desk language, load the signed-in staff member, send others to the login."""
    lang = session.get(desk_login.LANG)
    g.lang = lang if lang in desk_login.DESK_LANGUAGES else "nl"
    g.staff, ended = desk_login.current_staff(store.get_db())
    if ended:
        flash(ENDED[ended], "info")
    if g.staff is None and request.endpoint not in PUBLIC_ENDPOINTS:
        return redirect(url_for("desk.login", next=request.path))
    return None


@bp.after_request
def never_cache_or_index(response: Response) -> Response:
    """Keep desk pages out of every cache and every search engine."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


@bp.errorhandler(403)
def forbidden(_error: Exception):  # type: ignore[no-untyped-def]
    return render_template("desk/forbidden.html"), 403


# Staff read Dutch (or English) names for the codes the client's check stored.
LANGUAGE_NAMES = {
    "nl": _l("Nederlands"),
    "en": _l("Engels"),
    "ar": _l("Arabisch"),
    "ti": _l("Tigrinya"),
}
ROLE_NAMES = {"desk": _l("Baliemedewerker"), "admin": _l("Beheerder")}


@bp.context_processor
def inject_staff() -> dict[str, Any]:
    return {
        "staff": g.get("staff"),
        "is_admin": desk_login.is_admin(g.get("staff")),
        "language_names": LANGUAGE_NAMES,
        "regime_names": desk_reference.REGIME_NAMES,
        "route_names": desk_reference.ROUTE_NAMES,
        "role_names": ROLE_NAMES,
    }


def _safe_next(target: str | None) -> str:
    """Return `target` when it is a desk path on this site, else the lookup page."""
    try:
        parts = urlsplit(target or "")
    except ValueError:  # e.g. "http://[x": an unclosed IPv6 host
        return url_for("desk.lookup")
    if parts.scheme or parts.netloc or not parts.path.startswith("/desk/"):
        return url_for("desk.lookup")
    return parts.path


@bp.route("/login", methods=["GET", "POST"])
def login():  # type: ignore[no-untyped-def]
    error = None
    if request.method == "POST":
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        staff, reason = desk_login.authenticate(store.get_db(), username, password)
        if staff is not None:
            desk_login.start_session(store.get_db(), staff)
            return redirect(_safe_next(request.args.get("next")))
        error = REASONS[reason]
    elif g.staff is not None:
        return redirect(url_for("desk.lookup"))
    status = 429 if error == REASONS["throttled"] else 200
    return render_template("desk/login.html", error=error), status


@bp.post("/logout")
def logout():  # type: ignore[no-untyped-def]
    desk_login.end_session(store.get_db())
    flash(_l("U bent uitgelogd."), "info")
    return redirect(url_for("desk.login"))


@bp.post("/language")
def language():  # type: ignore[no-untyped-def]
    """Switch the desk between Dutch and English for this session."""
    lang = request.form.get("lang")
    if lang in desk_login.DESK_LANGUAGES:
        session[desk_login.LANG] = lang
    return redirect(_safe_next(request.form.get("next")))


@bp.get("/")
def index():  # type: ignore[no-untyped-def]
    return redirect(url_for("desk.lookup"))


def is_well_formed(code: str) -> bool:
    """Return True when the normalised code has the length and alphabet of a resume code."""
    return len(code) == store.RESUME_LENGTH and all(ch in store.RESUME_ALPHABET for ch in code)


def _case(set_id: str, lang: str) -> dict[str, Any] | None:
    """Return what the desk shows for an answer set: language, answers summary and outcome."""
    from portal.web import result

    answers = store.load_answers(store.get_db(), set_id)
    if answers is None:
        return None
    return {
        "client_language": LANGUAGES.get(lang, LANGUAGES["nl"]),
        "summary": _summary(answers),
        "outcome": result.build_result(answers),
    }


def _summary(answers: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (question, answer) pairs in Dutch, in the order the client was asked."""
    from portal.flow import engine

    rows = []
    with force_locale("nl"):
        for question, parts in engine.summary(engine.load_questionnaire(), answers):
            glue = " " if question.type == "month_year" else ", "
            rows.append((gettext(question.text), glue.join(gettext(part) for part in parts)))
    return rows


@bp.route("/lookup", methods=["GET", "POST"])
def lookup():  # type: ignore[no-untyped-def]
    """Ask for a resume code; audit every try; on a match, show the answers and result.

    The audit log keeps an HMAC of a well-formed code (as resume_codes does) and nothing of
    other input: a BSN or phone number typed by mistake is not stored in any form.
    """
    error = None
    typed = ""
    if request.method == "POST":
        db = store.get_db()
        # A mistyped code stays in the field to correct (issue 13); it is not stored anywhere.
        typed = request.form.get("code", "")[:40]
        code = store.normalise_code(typed)
        well_formed = is_well_formed(code)
        found = store.answer_set_for_code(db, code) if well_formed else None
        case = _case(found[0], found[2]) if found else None
        outcome = case["outcome"] if case else None
        store.audit_lookup(
            db,
            g.staff["id"],
            store.hash_code(code) if well_formed else None,
            case is not None,
            outcome.regime if outcome else "",
        )
        if case is not None and found is not None:
            session[desk_login.LOOKUP] = [found[0], found[2]]
            return redirect(url_for("desk.case"))
        session.pop(desk_login.LOOKUP, None)
        if well_formed:
            error = _l("Bij deze code vinden wij geen antwoorden. Controleer de code.")
        else:
            error = _l(
                "Een code heeft 15 letters en cijfers, bijvoorbeeld ABCDE-FGHJK-MNPQR. "
                "Controleer de code."
            )
    return render_template("desk/lookup.html", error=error, code=typed if error else ""), (
        200 if error is None else 400
    )


def _looked_up_case() -> dict[str, Any]:
    looked_up = session.get(desk_login.LOOKUP)
    case = _case(*looked_up) if looked_up else None
    if case is None:
        abort(redirect(url_for("desk.lookup")))
    return case


@bp.get("/lookup/case")
def case():  # type: ignore[no-untyped-def]
    """Show the looked-up answers and result in Dutch, naming the client's language."""
    from portal.web import result

    case = _looked_up_case()
    outcome = case["outcome"]
    rendered = (
        result.render_outcome(outcome, "nl", heading_level=3, expanded=True) if outcome else None
    )
    return render_template("desk/case.html", case=case, rendered=rendered)


@bp.get("/lookup/print")
def print_case():  # type: ignore[no-untyped-def]
    """Show the result in the client's language beside Dutch, laid out to print."""
    from portal.web import result

    case = _looked_up_case()
    outcome = case["outcome"]
    if outcome is None:
        return redirect(url_for("desk.case"))
    client = case["client_language"].code
    codes = [client, "nl"] if client != "nl" else ["nl"]
    columns = result.language_columns(outcome, codes)
    return render_template("desk/print.html", case=case, columns=columns)


@bp.get("/reference")
def reference():  # type: ignore[no-untyped-def]
    return render_template(
        "desk/reference.html",
        laws=desk_reference.laws(),
        routes=desk_reference.routes(),
        changes=desk_reference.CHANGES,
        rules_version=RULES_VERSION,
    )


@bp.get("/stats")
def stats():  # type: ignore[no-untyped-def]
    rows = store.stats_rows(store.get_db(), desk_stats.since(desk_stats.DAYS_SHOWN))
    return render_template("desk/stats.html", report=desk_stats.report(rows))


@bp.get("/stats.csv")
def stats_csv():  # type: ignore[no-untyped-def]
    rows = store.stats_rows(store.get_db())
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(desk_stats.CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=wegwijzer-statistiek.csv"},
    )


@bp.get("/staff")
@admin_required
def staff_list():  # type: ignore[no-untyped-def]
    return render_template(
        "desk/staff.html", members=store.list_staff(store.get_db()), roles=store.STAFF_ROLES
    )


@bp.post("/staff")
@admin_required
def staff_add():  # type: ignore[no-untyped-def]
    username = request.form.get("username", "").strip().lower()
    password = request.form.get("password", "")
    role = request.form.get("role", "desk")
    errors: list[tuple[str, Any]] = []  # (field id, message), for the error summary's links
    if not username or not username.replace(".", "").replace("-", "").isalnum():
        errors.append(("new-username", _l("Kies een gebruikersnaam met letters en cijfers.")))
    if not desk_login.is_valid_password(password):
        errors.append(("new-password", _l("Het wachtwoord moet minstens 12 tekens hebben.")))
    if role not in store.STAFF_ROLES:
        errors.append((f"role-{store.STAFF_ROLES[0]}", _l("Kies een rol.")))
    db = store.get_db()
    if not errors:
        try:
            store.create_staff(db, username, desk_login.hash_password(password), role)
        except store.StaffExists:
            errors.append(("new-username", _l("Deze gebruikersnaam bestaat al.")))
    if errors:
        members = store.list_staff(db)
        return render_template(
            "desk/staff.html",
            members=members,
            roles=store.STAFF_ROLES,
            errors=errors,
            field_errors=dict(reversed(errors)),
            username=username,
        ), 400
    flash(_l("Medewerker %(name)s is toegevoegd.", name=username), "success")
    return redirect(url_for("desk.staff_list"))


@bp.post("/staff/<int:staff_id>/active")
@admin_required
def staff_active(staff_id: int):  # type: ignore[no-untyped-def]
    """Disable or enable an account; admins cannot disable themselves."""
    db = store.get_db()
    member = store.get_staff(db, staff_id)
    if member is None:
        abort(404)
    active = request.form.get("active") == "1"
    if member["id"] == g.staff["id"] and not active:
        flash(_l("U kunt uw eigen account niet uitzetten."), "error")
    else:
        store.set_staff_active(db, staff_id, active)
    return redirect(url_for("desk.staff_list"))


@bp.get("/audit")
@admin_required
def audit():  # type: ignore[no-untyped-def]
    return render_template("desk/audit.html", entries=store.read_audit(store.get_db()))

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
from flask_babel import gettext, ngettext
from flask_babel import lazy_gettext as _l

from portal import store
from portal.i18n import LANGUAGES, force_locale
from portal.rules.version import RULES_VERSION
from portal.web import desk_login, desk_reference, desk_stats

bp = Blueprint("desk", __name__, url_prefix="/desk")

# Reachable without signing in; every other desk route needs a staff session.
PUBLIC_ENDPOINTS = frozenset({"desk.login", "desk.login_code", "desk.language"})
# What an admin without two-step login can still reach: the account page to set it up.
SETUP_ENDPOINTS = frozenset(
    {"desk.account", "desk.account_password", "desk.account_totp", "desk.logout", "desk.language"}
)

REASONS = {
    "invalid": _l("De gebruikersnaam of het wachtwoord is niet goed."),
}


def wait_message(seconds: int) -> str:
    """Say how long to wait after too many failed logins, without blaming anyone."""
    return ngettext(
        "Er zijn hier te veel pogingen gedaan. Wacht %(num)s seconde en probeer het opnieuw.",
        "Er zijn hier te veel pogingen gedaan. Wacht %(num)s seconden en probeer het opnieuw.",
        seconds,
    )


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
    if desk_login.needs_totp_setup(g.staff) and request.endpoint not in SETUP_ENDPOINTS:
        # Admins must use two-step login (issue 14): nothing else until it is set up.
        return redirect(url_for("desk.account"))
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
EVENT_NAMES = {
    "lookup": _l("Code opgezocht"),
    "view_case": _l("Antwoorden bekeken"),
    "view_print": _l("Afdruk bekeken"),
    "lockout": _l("Inloggen vertraagd"),
    "unlock": _l("Inloggen vrijgegeven"),
    "password_changed": _l("Eigen wachtwoord gewijzigd"),
    "password_reset": _l("Nieuw wachtwoord ingesteld"),
    "totp_enabled": _l("Twee stappen aangezet"),
    "totp_disabled": _l("Twee stappen uitgezet"),
}


@bp.context_processor
def inject_staff() -> dict[str, Any]:
    return {
        "staff": g.get("staff"),
        "is_admin": desk_login.is_admin(g.get("staff")),
        "language_names": LANGUAGE_NAMES,
        "regime_names": desk_reference.REGIME_NAMES,
        "route_names": desk_reference.ROUTE_NAMES,
        "role_names": ROLE_NAMES,
        "event_names": EVENT_NAMES,
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
    error, status, headers = None, 200, {}
    if request.method == "POST":
        username = request.form.get("username", "")
        password = request.form.get("password", "")
        db = store.get_db()
        staff, reason, wait = desk_login.authenticate(db, username, password)
        if staff is not None and staff.get("totp_secret"):
            desk_login.begin_two_step(staff)
            return redirect(url_for("desk.login_code", next=request.args.get("next")))
        if staff is not None:
            desk_login.start_session(db, staff)
            return redirect(_safe_next(request.args.get("next")))
        if reason == "wait":
            error, status, headers = wait_message(wait), 429, {"Retry-After": str(wait)}
        else:
            error = REASONS[reason]
    elif g.staff is not None:
        return redirect(url_for("desk.lookup"))
    return render_template("desk/login.html", error=error), status, headers


@bp.route("/login/code", methods=["GET", "POST"])
def login_code():  # type: ignore[no-untyped-def]
    """Second step of a login with two-step login on: the 6-digit code from the app."""
    db = store.get_db()
    staff = desk_login.pending_staff(db)
    if staff is None:
        return redirect(url_for("desk.login"))
    error, status, headers = None, 200, {}
    if request.method == "POST":
        wait = desk_login.code_wait(db, staff)
        if wait:
            error, status, headers = wait_message(wait), 429, {"Retry-After": str(wait)}
        elif desk_login.verify_totp(db, staff, request.form.get("code", "")):
            store.record_login(db, staff["id"])
            desk_login.finish_login(db, staff)
            desk_login.start_session(db, staff)
            return redirect(_safe_next(request.args.get("next")))
        else:
            desk_login.record_login_failure(db, staff["username"], staff, code=True)
            error = _l("Deze code is niet goed. Typ de 6 cijfers die de app nu laat zien.")
    return render_template("desk/login_code.html", error=error), status, headers


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
    from portal.web import check, result

    db = store.get_db()
    answers = store.load_answers(db, set_id)
    if answers is None:
        return None
    return {
        "client_language": LANGUAGES.get(lang, LANGUAGES["nl"]),
        "summary": _summary(answers),
        "outcome": result.build_result(answers),
        # Answers given under older rules: the desk says the outcome is recomputed (issue 11).
        "rules_changed_since": check.older_rules(store.answers_rules_version(db, set_id)),
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
            # The code's HMAC comes along, so that each view is audited under it and stops
            # when the client makes a new code (issue 14).
            session[desk_login.LOOKUP] = [found[0], found[2], store.hash_code(code)]
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


def _looked_up_case(event: str) -> dict[str, Any]:
    """Return the case this session looked up, and write the view to the audit log.

    Every view of a client's data writes a row, not only the lookup (issue 14). A case whose
    code was replaced by a newer one (or that expired) is gone: back to the lookup.
    """
    looked_up = session.get(desk_login.LOOKUP)
    db = store.get_db()
    case = None
    if isinstance(looked_up, list) and len(looked_up) == 3:
        set_id, lang, code_hash = looked_up
        if store.is_live_code(db, set_id, code_hash):
            case = _case(set_id, lang)
    if case is None:
        session.pop(desk_login.LOOKUP, None)
        if looked_up:
            flash(_l("Deze code werkt niet meer. Vraag de klant om de nieuwste code."), "info")
        abort(redirect(url_for("desk.lookup")))
    outcome = case["outcome"]
    store.audit_event(
        db, event, g.staff["id"], code_hash=code_hash, regime=outcome.regime if outcome else ""
    )
    return case


@bp.get("/lookup/case")
def case():  # type: ignore[no-untyped-def]
    """Show the looked-up answers and result in Dutch, naming the client's language."""
    from portal.web import result

    case = _looked_up_case("view_case")
    outcome = case["outcome"]
    rendered = (
        result.render_outcome(outcome, "nl", heading_level=3, expanded=True) if outcome else None
    )
    return render_template("desk/case.html", case=case, rendered=rendered)


@bp.get("/lookup/print")
def print_case():  # type: ignore[no-untyped-def]
    """Show the result in the client's language beside Dutch, laid out to print."""
    from portal.web import result

    case = _looked_up_case("view_print")
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
        wi2021_roles=desk_reference.WI2021_ROLES,
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
    # Small counts say "<5", as on the page (desk_stats.shown_count, issue 14).
    writer.writerows({**row, "count": desk_stats.shown_count(row["count"])} for row in rows)
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=wegwijzer-statistiek.csv"},
    )


@bp.get("/audit")
@admin_required
def audit():  # type: ignore[no-untyped-def]
    return render_template("desk/audit.html", entries=store.read_audit(store.get_db()))


# Staff administration and each one's own account live in their own modules, on this
# blueprint; importing them registers their routes.
from portal.web import desk_account, desk_staff  # noqa: E402, F401

"""Each staff member's own account at /desk/account: change the password, two-step login.

Two-step login (TOTP) is required for admins (desk.py sends them here until it is on) and a
choice for desk staff. Routes on desk.bp; SQLite only through portal.store (issue 14).
"""

from __future__ import annotations

from typing import Any

from flask import flash, g, redirect, render_template, request, session, url_for
from flask_babel import lazy_gettext as _l

from portal import store
from portal.web import desk_login
from portal.web.desk import bp, wait_message
from portal.web.desk_staff import password_error

WRONG_CODE = _l("Deze code is niet goed. Typ de 6 cijfers die de app nu laat zien.")


def _render(
    errors: list[tuple[str, Any]] | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Any:
    staff = g.staff
    pending = staff.get("totp_pending")
    return (
        render_template(
            "desk/account.html",
            errors=errors or [],
            field_errors=dict(reversed(errors or [])),
            has_totp=bool(staff.get("totp_secret")),
            must_set_up=desk_login.needs_totp_setup(staff),
            pending=pending,
            pending_key=" ".join(pending[i : i + 4] for i in range(0, len(pending), 4))
            if pending
            else "",
            pending_uri=desk_login.totp_uri(pending, staff["username"]) if pending else "",
        ),
        status,
        headers or {},
    )


@bp.get("/account")
def account():  # type: ignore[no-untyped-def]
    return _render()


@bp.post("/account/password")
def account_password():  # type: ignore[no-untyped-def]
    """Change one's own password: the current one first; other sessions of the account end.

    A wrong current password counts as a failed login, and waits as one, so that an unlocked
    screen gives no way to guess it quickly.
    """
    staff = g.staff
    db = store.get_db()
    wait = desk_login.login_wait(db, staff["username"])
    if wait:  # as at the login, the password is not checked while waiting
        return _render([("current-password", wait_message(wait))], 429, {"Retry-After": str(wait)})
    current = request.form.get("current", "")
    new = request.form.get("new", "")
    errors: list[tuple[str, Any]] = []
    if not desk_login.check_password(staff, current):
        desk_login.record_login_failure(db, staff["username"], staff)
        errors.append(("current-password", _l("Uw huidige wachtwoord is niet goed.")))
    problem = password_error(new, staff["username"])
    if problem:
        errors.append(("new-password", problem))
    elif new != request.form.get("repeat", ""):
        errors.append(("repeat-password", _l("De twee nieuwe wachtwoorden zijn niet gelijk.")))
    if errors:
        return _render(errors, 400)
    token = session.get(desk_login.TOKEN)
    keep = desk_login.token_hash(token) if isinstance(token, str) else ""
    store.set_password(db, staff["id"], desk_login.hash_password(new), keep_token=keep)
    store.audit_event(db, "password_changed", staff["id"])
    flash(_l("Uw wachtwoord is gewijzigd."), "success")
    return redirect(url_for("desk.account"))


@bp.post("/account/totp")
def account_totp():  # type: ignore[no-untyped-def]
    """Set up two-step login (start, then confirm with a code), or switch it off (desk only)."""
    db = store.get_db()
    staff = g.staff
    action = request.form.get("action")
    code = request.form.get("code", "")
    if action in ("start", "confirm") and staff.get("totp_secret"):
        # Already on: a new secret would let whoever holds this session move the second step
        # to their own phone. Switching off (with a code) comes first.
        return redirect(url_for("desk.account"))
    if action == "start":
        store.set_totp_pending(db, staff["id"], desk_login.new_totp_secret())
        return redirect(url_for("desk.account") + "#totp")
    if action == "confirm" and staff.get("totp_pending"):
        step = desk_login.totp_step(staff["totp_pending"], code)
        if step is None:
            return _render([("totp-code", WRONG_CODE)], 400)
        store.set_totp(db, staff["id"], staff["totp_pending"], step)
        store.audit_event(db, "totp_enabled", staff["id"])
        flash(_l("Inloggen in twee stappen staat aan."), "success")
        return redirect(url_for("desk.lookup"))
    if action == "off" and staff.get("totp_secret") and staff["role"] != "admin":
        # Wrong codes count and wait as at the login: a session is no licence to guess.
        wait = desk_login.code_wait(db, staff)
        if wait:
            return _render([("totp-off-code", wait_message(wait))], 429, {"Retry-After": str(wait)})
        if not desk_login.verify_totp(db, staff, code):
            desk_login.record_login_failure(db, staff["username"], staff, code=True)
            return _render([("totp-off-code", WRONG_CODE)], 400)
        store.set_totp(db, staff["id"], None)
        store.audit_event(db, "totp_disabled", staff["id"])
        flash(_l("Inloggen in twee stappen staat uit."), "success")
    return redirect(url_for("desk.account"))

"""Staff administration at /desk/staff (admins only): add, disable, reset a password, unlock.

Routes on desk.bp; reaches SQLite only through portal.store, passwords through desk_login.
"""

from __future__ import annotations

from typing import Any

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l

from portal import store
from portal.web import desk_login, password_rules
from portal.web.desk import admin_required, bp

# Why a new password is refused (password_rules.password_problem), in the desk's words.
PASSWORD_PROBLEMS = {
    "short": _l("Het wachtwoord moet minstens 12 tekens hebben."),
    "username": _l("Het wachtwoord mag niet de gebruikersnaam zijn of de gebruikersnaam bevatten."),
    "repeated": _l("Gebruik minstens 5 verschillende tekens. Herhaal niet steeds hetzelfde."),
    "common": _l("Dit wachtwoord is te makkelijk te raden. Kies een ander wachtwoord."),
}
USERNAME_RULE = _l(
    "Kies een gebruikersnaam van hoogstens 64 tekens: kleine letters a-z, cijfers, punt, "
    "streepje of liggend streepje."
)


def password_error(password: str, username: str) -> Any:
    """Return the desk's message for a refused new password, or None."""
    problem = password_rules.password_problem(password, username)
    return PASSWORD_PROBLEMS[problem] if problem else None


@bp.get("/staff")
@admin_required
def staff_list():  # type: ignore[no-untyped-def]
    return render_template(
        "desk/staff.html", members=store.list_staff(store.get_db()), roles=store.STAFF_ROLES
    )


@bp.post("/staff")
@admin_required
def staff_add():  # type: ignore[no-untyped-def]
    """Add a staff member; the username is normalised (NFKC, lower case) and checked."""
    username = password_rules.normalise_username(request.form.get("username", ""))
    password = request.form.get("password", "")
    role = request.form.get("role", "desk")
    errors: list[tuple[str, Any]] = []  # (field id, message), for the error summary's links
    if not password_rules.is_valid_username(username):
        errors.append(("new-username", USERNAME_RULE))
    problem = password_error(password, username)
    if problem:
        errors.append(("new-password", problem))
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


def _member(staff_id: int) -> dict[str, Any]:
    member = store.get_staff(store.get_db(), staff_id)
    if member is None:
        abort(404)
    return member


@bp.post("/staff/<int:staff_id>/active")
@admin_required
def staff_active(staff_id: int):  # type: ignore[no-untyped-def]
    """Disable or enable an account; admins cannot disable themselves."""
    member = _member(staff_id)
    active = request.form.get("active") == "1"
    if member["id"] == g.staff["id"] and not active:
        flash(_l("U kunt uw eigen account niet uitzetten."), "error")
    else:
        store.set_staff_active(store.get_db(), staff_id, active)
    return redirect(url_for("desk.staff_list"))


def _render_member(member: dict[str, Any], error: Any = None, status: int = 200) -> Any:
    db = store.get_db()
    page = render_template(
        "desk/staff_member.html",
        member=member,
        failures=desk_login.account_failures(db, member),
        slowed=desk_login.is_slowed(db, member),
        error=error,
    )
    return page, status


@bp.get("/staff/<int:staff_id>")
@admin_required
def staff_member(staff_id: int):  # type: ignore[no-untyped-def]
    """One account: its failed logins, unlock, and a new password."""
    return _render_member(_member(staff_id))


@bp.post("/staff/<int:staff_id>/unlock")
@admin_required
def staff_unlock(staff_id: int):  # type: ignore[no-untyped-def]
    """Lift the login delay of an account from every address (audited)."""
    member = _member(staff_id)
    desk_login.unlock(store.get_db(), g.staff, member)
    flash(_l("Inloggen voor %(name)s is weer vrij.", name=member["username"]), "success")
    return redirect(url_for("desk.staff_member", staff_id=staff_id))


@bp.post("/staff/<int:staff_id>/password")
@admin_required
def staff_password(staff_id: int):  # type: ignore[no-untyped-def]
    """Give an account a new password; its sessions end and two-step login starts afresh.

    The admin hands the new password over in person; the staff member changes it at
    /desk/account. A lost phone is handled the same way: the reset switches two-step login
    off, and an admin must set it up again at the next login.
    """
    member = _member(staff_id)
    password = request.form.get("password", "")
    error = password_error(password, member["username"])
    if error:
        return _render_member(member, error, 400)
    db = store.get_db()
    store.set_password(db, staff_id, desk_login.hash_password(password))
    store.set_totp(db, staff_id, None)
    desk_login.forget_failures(db, member)
    store.audit_event(db, "password_reset", g.staff["id"], subject_id=staff_id)
    flash(_l("%(name)s heeft een nieuw wachtwoord.", name=member["username"]), "success")
    return redirect(url_for("desk.staff_member", staff_id=staff_id))

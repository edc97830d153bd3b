"""Command line: `portal init-db`, `portal purge`, `portal create-admin`, `portal check FILE.json`.

Also reachable as `python -m portal …` and, for the database commands, `flask --app portal …`.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

import click
from flask import Flask


def _init_db() -> None:
    from portal import store

    db = store.get_db()
    store.init_db(db)


def _admin_password() -> str:
    """Return the new admin's password: PORTAL_ADMIN_PASSWORD (for scripts), else a prompt."""
    import getpass
    import os

    from_env = os.environ.get("PORTAL_ADMIN_PASSWORD")
    if from_env:
        return from_env
    password = getpass.getpass("Password (12 characters or more): ")
    if getpass.getpass("Password again: ") != password:
        raise ValueError("the passwords differ")
    return password


# Why password_rules refuses a password, for the command line (the desk has its own words).
PASSWORD_PROBLEMS = {
    "short": "the password needs 12 characters or more",
    "username": "the password must not be or contain the username",
    "repeated": "the password needs at least 5 different characters",
    "common": "the password is too easy to guess (a common word or a row of keys)",
}


def create_admin(username: str) -> str:
    """Create an admin on the app in context; return a line to print, or raise ValueError."""
    from portal import store
    from portal.web import desk_login, password_rules

    username = password_rules.normalise_username(username)
    if not password_rules.is_valid_username(username):
        raise ValueError("a username has 1-64 characters from a-z, 0-9, '.', '_' and '-'")
    password = _admin_password()
    problem = password_rules.password_problem(password, username)
    if problem:
        raise ValueError(PASSWORD_PROBLEMS[problem])
    db = store.get_db()
    store.init_db(db)
    try:
        store.create_staff(db, username, desk_login.hash_password(password), "admin")
    except store.StaffExists:
        raise ValueError(f"staff member {username!r} exists already") from None
    return f"admin {username} created"


def init_app(app: Flask) -> None:
    """Register the flask sub-commands on the app."""

    @app.cli.command("init-db")
    def init_db_command() -> None:
        """Apply migrations and purge expired data."""
        _init_db()
        click.echo("database ready")

    @app.cli.command("purge")
    def purge_command() -> None:
        """Delete expired answers, resume codes and sessions now."""
        from portal import store

        click.echo(f"purged {store.purge_expired(store.get_db())} rows")

    @app.cli.command("create-admin")
    @click.argument("username")
    def create_admin_command(username: str) -> None:
        """Create a desk admin (password from PORTAL_ADMIN_PASSWORD or a prompt)."""
        try:
            click.echo(create_admin(username))
        except ValueError as error:
            raise click.ClickException(str(error)) from None


def check(path: str, today: str | None) -> int:
    """Print the outcome for the facts in a JSON file; return the exit code."""
    from portal.rules import Facts, FactsError, evaluate

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        print(f"cannot read {path}: {error}", file=sys.stderr)
        return 2
    facts_data = data.get("facts", data) if isinstance(data, dict) else data
    try:
        facts = Facts.from_dict(facts_data)
    except FactsError as error:
        print(json.dumps({"errors": error.errors}, indent=2, ensure_ascii=False))
        return 1
    reference = date.fromisoformat(today) if today else None
    outcome = evaluate(facts, reference)
    print(json.dumps(outcome.to_dict(), indent=2, ensure_ascii=False))
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the `portal` console script."""
    parser = argparse.ArgumentParser(prog="portal", description="Wegwijzer Inburgering")
    sub = parser.add_subparsers(dest="command", required=True)
    check_parser = sub.add_parser("check", help="print the outcome for a facts JSON file")
    check_parser.add_argument("file")
    check_parser.add_argument("--date", help="reference date, YYYY-MM-DD (default today)")
    sub.add_parser("init-db", help="create or migrate the database under instance/")
    sub.add_parser("purge", help="delete expired data now")
    admin_parser = sub.add_parser("create-admin", help="create a desk admin account")
    admin_parser.add_argument("username")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.file, args.date)
    from portal import create_app, store

    app = create_app()
    with app.app_context():
        if args.command == "init-db":
            _init_db()
            print("database ready")
        elif args.command == "purge":
            print(f"purged {store.purge_expired(store.get_db())} rows")
        elif args.command == "create-admin":
            try:
                print(create_admin(args.username))
            except ValueError as error:
                print(f"cannot create admin: {error}", file=sys.stderr)
                return 1
    return 0

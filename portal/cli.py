"""Command line: `portal init-db`, `portal purge`, `portal create-admin`, `portal check FILE.json`,
and `portal translations export|import|sync|report|check` (the review round-trip).

Also reachable as `python -m portal …` and, for the database commands, `flask --app portal …`.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

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


def translations(args: argparse.Namespace) -> int:
    """Run one `portal translations` command; return the exit code."""
    from portal.translation import report

    root = Path(args.root).resolve()
    if args.action == "export":
        return _export(args.lang, args.output or f"review-{args.lang}.csv", root)
    if args.action == "import":
        return _import(args, root)
    if args.action == "sync":
        for line in report.sync_all(root):
            print(line)
        if report.write_glossary(root):
            print("docs/glossary.md written from translations/terms.yaml")
        return 0
    if args.action == "check":
        return _check(root)
    print("\n".join(report.report_lines(root)))
    return 0


def _export(lang: str, output: str, root: Path) -> int:
    from collections import Counter

    from portal.translation import sheet

    rows = sheet.export_rows(lang, root / "translations", root)
    with open(output, "w", encoding="utf-8-sig", newline="") as handle:
        sheet.write_sheet(rows, handle)
    tally = Counter(row["status"] for row in rows)
    print(
        f"{len(rows)} texts written to {output}: " + ", ".join(f"{n} {s}" for s, n in tally.items())
    )
    print("Fill in `correction`, or put x in `approved` when a translation is right as it is.")
    return 0


def _import(args: argparse.Namespace, root: Path) -> int:
    from portal.translation import checks, report, sheet, terms

    translations_dir = root / "translations"
    try:
        day = date.fromisoformat(args.date).isoformat() if args.date else date.today().isoformat()
        with open(args.file, encoding="utf-8-sig", newline="") as handle:
            rows = sheet.read_sheet(handle)
        result = sheet.import_rows(
            args.lang,
            rows,
            args.role,
            day,
            terms.parse((translations_dir / "terms.yaml").read_text(encoding="utf-8")),
            checks.load_exceptions(translations_dir / "exceptions.yaml"),
            translations_dir,
        )
    except (OSError, ValueError) as error:
        print(f"cannot import {args.file}: {error}", file=sys.stderr)
        return 2
    print(f"Import of {args.file} into {args.lang} (role: {args.role})")
    print("\n".join(result.lines()))
    print("\n".join(report.report_lines(root)))
    return 1 if result.refused else 0


def _check(root: Path) -> int:
    from portal.translation import TRANSLATED, checks, terms

    base = terms.parse((root / "translations" / "terms.yaml").read_text(encoding="utf-8"))
    exceptions = checks.load_exceptions(root / "translations" / "exceptions.yaml")
    failures = checks.b1_failures(base, exceptions, root)
    for lang in TRANSLATED:
        failures += checks.term_failures(lang, base, exceptions, root)
    print("\n".join(failures) if failures else "B1 check and term base check: all texts pass")
    return 1 if failures else 0


def _translations_parser(sub: Any) -> None:
    from portal.translation import TRANSLATED
    from portal.translation.review import ROLES

    parser = sub.add_parser("translations", help="review round-trip and checks of the translations")
    # --root: the checkout to work on (the Makefile passes ".").
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--root", default=str(Path(__file__).resolve().parent.parent))
    actions = parser.add_subparsers(dest="action", required=True)

    def action(name: str, help: str) -> argparse.ArgumentParser:
        return actions.add_parser(name, help=help, parents=[common])

    export = action("export", "write a CSV review sheet for one language")
    export.add_argument("lang", choices=TRANSLATED)
    export.add_argument("-o", "--output", help="the CSV file (default review-LANG.csv)")
    imported = action("import", "apply a corrected review sheet")
    imported.add_argument("lang", choices=TRANSLATED)
    imported.add_argument("file")
    imported.add_argument("--role", required=True, choices=ROLES, help="the reviewer's role")
    imported.add_argument("--date", help="the review date, YYYY-MM-DD (default today)")
    action("sync", "keep review files and docs/glossary.md in step")
    action("report", "print the review status per language")
    action("check", "run the B1 check and the term base check")


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
    _translations_parser(sub)
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.file, args.date)
    if args.command == "translations":
        return translations(args)
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

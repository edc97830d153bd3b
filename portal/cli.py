"""Command line: `portal init-db`, `portal purge`, `portal check FILE.json`.

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
    return 0

"""Anonymous answer sets, keyed by a random id that only the session cookie holds."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta
from typing import Any

from sqlite_utils import Database

from portal.store.db import iso, now


def m001_answer_sets(db: Database) -> None:
    """Anonymous answer sets, keyed by a random id that only the session cookie holds."""
    db["answer_sets"].create(
        {
            "id": str,
            "answers": str,  # JSON: question id -> stored option value
            "lang": str,
            "created_at": str,
            "updated_at": str,
            "expires_at": str,
        },
        pk="id",
    )
    db["answer_sets"].create_index(["expires_at"])


def new_answer_set(db: Database, lang: str, ttl: timedelta) -> str:
    """Create an empty answer set and return its random id."""
    set_id = secrets.token_urlsafe(24)
    moment = now()
    db["answer_sets"].insert(
        {
            "id": set_id,
            "answers": "{}",
            "lang": lang,
            "created_at": iso(moment),
            "updated_at": iso(moment),
            "expires_at": iso(moment + ttl),
        }
    )
    return set_id


def load_answers(db: Database, set_id: str) -> dict[str, Any] | None:
    """Return the answers of an unexpired set, or None when it is gone or expired."""
    rows = list(
        db.query(
            "SELECT answers FROM answer_sets WHERE id = ? AND expires_at > ?",
            [set_id, iso(now())],
        )
    )
    if not rows:
        return None
    return json.loads(rows[0]["answers"])


def save_answers(
    db: Database, set_id: str, answers: dict[str, Any], lang: str, ttl: timedelta
) -> None:
    """Store the answers and push the expiry forward by `ttl` (never back)."""
    moment = now()
    db.execute(
        "UPDATE answer_sets SET answers = ?, lang = ?, updated_at = ?, "
        "expires_at = MAX(expires_at, ?) WHERE id = ?",
        [json.dumps(answers, sort_keys=True), lang, iso(moment), iso(moment + ttl), set_id],
    )
    db.conn.commit()


def delete_answer_set(db: Database, set_id: str) -> None:
    """Delete an answer set at once, with everything that refers to it."""
    for table in db.table_names():
        if table != "answer_sets" and "answer_set_id" in db[table].columns_dict:
            db.execute(f"DELETE FROM [{table}] WHERE answer_set_id = ?", [set_id])
    db.execute("DELETE FROM answer_sets WHERE id = ?", [set_id])
    db.conn.commit()

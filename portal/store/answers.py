"""Anonymous answer sets, keyed by a random id that only the session cookie holds."""

from __future__ import annotations

import json
import re
import secrets
from datetime import timedelta
from typing import Any

from sqlite_utils import Database

from portal.store.db import iso, now

# Question ids are snake_case names (portal/flow/schema.py); only such a key goes into a JSON
# path, so no answer can reach the SQL text.
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


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


def m017_rules_version(db: Database) -> None:
    """The rules version the answers were last given under (issue 11 item 16).

    Sets made before this migration were answered under the rules of 23 November 2026.
    """
    db["answer_sets"].add_column("rules_version", str)
    db.execute("UPDATE answer_sets SET rules_version = '2026-11-23'")


def new_answer_set(
    db: Database,
    lang: str,
    ttl: timedelta,
    answers: dict[str, Any] | None = None,
    rules_version: str | None = None,
) -> str:
    """Create an answer set (empty unless `answers` are given) and return its random id.

    The check calls this only when the first answer is posted (issue 14): a GET creates nothing.
    :param rules_version: the date of the rules the answers are given under (ISO).
    """
    set_id = secrets.token_urlsafe(24)
    moment = now()
    db["answer_sets"].insert(
        {
            "id": set_id,
            "answers": json.dumps(answers or {}, sort_keys=True),
            "lang": lang,
            "created_at": iso(moment),
            "updated_at": iso(moment),
            "expires_at": iso(moment + ttl),
            "rules_version": rules_version,
        }
    )
    db.conn.commit()
    return set_id


def load_answers(db: Database, set_id: str, via: str | None = None) -> dict[str, Any] | None:
    """Return the answers of an unexpired set, or None when it is gone or expired.

    :param via: the HMAC of the resume code this browser opened the set with; the set then opens
        only while that code is its live code (a new code cuts off devices that used the old one).
    """
    if via is None:
        sql = "SELECT answers FROM answer_sets WHERE id = ? AND expires_at > ?"
        params = [set_id, iso(now())]
    else:
        sql = (
            "SELECT a.answers FROM answer_sets a JOIN resume_codes r ON r.answer_set_id = a.id "
            "WHERE a.id = ? AND a.expires_at > ? AND r.code_hash = ? AND r.expires_at > ?"
        )
        moment = iso(now())
        params = [set_id, moment, via, moment]
    rows = list(db.query(sql, params))
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


def set_answer(
    db: Database,
    set_id: str,
    question_id: str,
    value: Any,
    lang: str,
    ttl: timedelta,
    rules_version: str | None = None,
) -> bool:
    """Store one answer in one UPDATE, leaving every other answer as it is in the database.

    Two tabs that answer different questions at the same moment both keep their answer: each
    changes only its own key, inside SQLite, instead of writing back a whole copy it read
    earlier (issue 14). Return False when the set is gone or expired.
    """
    if not _KEY.match(question_id):
        raise ValueError(f"not a question id: {question_id!r}")
    moment = now()
    cursor = db.execute(
        "UPDATE answer_sets SET answers = json_set(answers, ?, json(?)), lang = ?, "
        "updated_at = ?, expires_at = MAX(expires_at, ?), "
        "rules_version = COALESCE(?, rules_version) WHERE id = ? AND expires_at > ?",
        [
            f"$.{question_id}",
            json.dumps(value),
            lang,
            iso(moment),
            iso(moment + ttl),
            rules_version,
            set_id,
            iso(moment),
        ],
    )
    db.conn.commit()
    return cursor.rowcount == 1


def answers_rules_version(db: Database, set_id: str) -> str | None:
    """Return the date (ISO) of the rules the set's answers were last given under, if known."""
    rows = list(db.query("SELECT rules_version FROM answer_sets WHERE id = ?", [set_id]))
    return rows[0]["rules_version"] if rows else None


def delete_answer_set(db: Database, set_id: str) -> None:
    """Delete an answer set at once, with everything that refers to it, in one transaction.

    A failure (a locked database) leaves everything as it was: the caller forgets the set only
    after this returns, so a retry deletes it (issue 14).
    """
    tables = [
        table
        for table in db.table_names()
        if table != "answer_sets" and "answer_set_id" in db[table].columns_dict
    ]
    # The connection commits each statement on its own (isolation_level None): atomic() makes
    # the deletes one transaction, undone as a whole when one fails.
    with db.atomic():
        for table in tables:
            db.execute(f"DELETE FROM [{table}] WHERE answer_set_id = ?", [set_id])
        db.execute("DELETE FROM answer_sets WHERE id = ?", [set_id])

"""Resume codes: a short code opens an answer set on any device for 30 days (ADR 003)."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from datetime import timedelta
from typing import Any

from flask import current_app
from sqlite_utils import Database

from portal.store.db import iso, now

# --- Resume codes (issue 4): a short code opens an answer set on any device for 30 days. ---
# See docs/adr/003-resume-code.md. Only an HMAC of the code is stored, never the code.

# No 0/O, 1/I/L: people copy the code from paper or a phone screen.
RESUME_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
RESUME_LENGTH = 15  # 15 * log2(31) = 74 bits
RESUME_GROUP = 5


def m013_resume_codes(db: Database) -> None:
    """Resume codes, stored as an HMAC-SHA256 of the normalised code; one live code per set."""
    db["resume_codes"].create(
        {"code_hash": str, "answer_set_id": str, "created_at": str, "expires_at": str},
        pk="code_hash",
    )
    db["resume_codes"].create_index(["answer_set_id"])
    db["resume_codes"].create_index(["expires_at"])


def normalise_code(code: str) -> str:
    """Return the code in its stored form: upper case, without spaces and dashes."""
    return "".join(ch for ch in code.upper() if ch not in " -\u2010\u2011\u2012\u2013\t")


def format_code(code: str) -> str:
    """Return the code in groups for reading aloud and copying: ABCDE-FGHJK-MNPQR."""
    plain = normalise_code(code)
    return "-".join(plain[i : i + RESUME_GROUP] for i in range(0, len(plain), RESUME_GROUP))


def hash_code(code: str, key: str | None = None) -> str:
    """Return the HMAC-SHA256 (keyed with the app secret) of the normalised code."""
    secret = key if key is not None else str(current_app.config["SECRET_KEY"])
    return hmac.new(secret.encode(), normalise_code(code).encode(), hashlib.sha256).hexdigest()


class RecentCode(Exception):
    """The answer set got a code a moment ago (another tab or a double click); that one counts."""

    def __init__(self, made_at: str) -> None:
        super().__init__(made_at)
        self.made_at = made_at


def create_resume_code(
    db: Database,
    set_id: str,
    ttl: timedelta,
    key: str | None = None,
    keep_recent: timedelta | None = None,
) -> str:
    """Create a new resume code for an answer set, keep the set for `ttl`, return the code.

    An earlier code of the same set stops working: only the newest code is valid. The check
    and the change are one transaction, so two saves at the same moment cannot both think they
    made the code that counts (issue 14).

    :param keep_recent: when the set got a code less than this long ago, make none and raise
        RecentCode: two tabs saving at once then show one code and a page that says so.
    """
    code = "".join(secrets.choice(RESUME_ALPHABET) for _ in range(RESUME_LENGTH))
    moment = now()
    db.execute("BEGIN IMMEDIATE")
    try:
        if keep_recent is not None:
            row = db.execute(
                "SELECT created_at FROM resume_codes WHERE answer_set_id = ? AND created_at > ? "
                "AND expires_at > ?",
                [set_id, iso(moment - keep_recent), iso(moment)],
            ).fetchone()
            if row is not None:
                raise RecentCode(row[0])
        db.execute("DELETE FROM resume_codes WHERE answer_set_id = ?", [set_id])
        db.execute(
            "INSERT INTO resume_codes (code_hash, answer_set_id, created_at, expires_at) "
            "VALUES (?, ?, ?, ?)",
            [hash_code(code, key), set_id, iso(moment), iso(moment + ttl)],
        )
        db.execute(
            "UPDATE answer_sets SET expires_at = MAX(expires_at, ?) WHERE id = ?",
            [iso(moment + ttl), set_id],
        )
        db.conn.commit()
    except BaseException:
        db.conn.rollback()
        raise
    return format_code(code)


def answer_set_for_code(
    db: Database, code: str, key: str | None = None
) -> tuple[str, dict[str, Any], str] | None:
    """Return (answer set id, answers, language) for a live resume code, or None.

    The caller that keeps the set open keeps hash_code(code) with it (`via` of load_answers),
    so that a newer code cuts this opening off.

    The code is normalised first: case, spaces and dashes do not matter.
    """
    if not code or len(normalise_code(code)) != RESUME_LENGTH:
        return None
    moment = iso(now())
    rows = list(
        db.query(
            "SELECT a.id, a.answers, a.lang FROM resume_codes r "
            "JOIN answer_sets a ON a.id = r.answer_set_id "
            "WHERE r.code_hash = ? AND r.expires_at > ? AND a.expires_at > ?",
            [hash_code(code, key), moment, moment],
        )
    )
    if not rows:
        return None
    return rows[0]["id"], json.loads(rows[0]["answers"]), rows[0]["lang"]


def has_resume_code(db: Database, set_id: str) -> bool:
    """Return True when the answer set has a live resume code."""
    rows = db.execute(
        "SELECT 1 FROM resume_codes WHERE answer_set_id = ? AND expires_at > ?",
        [set_id, iso(now())],
    ).fetchall()
    return bool(rows)


def is_live_code(db: Database, set_id: str, code_hash: str) -> bool:
    """Return True when `code_hash` is the live code of the answer set."""
    row = db.execute(
        "SELECT 1 FROM resume_codes WHERE answer_set_id = ? AND code_hash = ? AND expires_at > ?",
        [set_id, code_hash, iso(now())],
    ).fetchone()
    return row is not None

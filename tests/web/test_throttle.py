"""Wrong resume codes are limited across gunicorn workers, because failures live in SQLite."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.conftest import make_app


def test_wrong_codes_count_across_workers(tmp_path: Path):
    # Two app objects on one database stand in for two gunicorn workers.
    first = make_app(tmp_path, WTF_CSRF_ENABLED=False).test_client()
    second = make_app(tmp_path, WTF_CSRF_ENABLED=False).test_client()
    statuses = []
    for attempt in range(6):
        client = first if attempt % 2 == 0 else second
        response = client.post("/nl/check/resume", data={"code": "AAAAA-BBBBB-CCCCC"})
        statuses.append(response.status_code)
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429


def test_failed_attempts_store_no_code_and_no_address(tmp_path: Path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=False)
    client = app.test_client()
    client.post(
        "/nl/check/resume",
        data={"code": "ZZZZZ-YYYYY-XXXXX"},
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
    )
    dump = "\n".join(str(row) for row in sqlite3.connect(app.config["DATABASE"]).iterdump())
    assert "ZZZZZ" not in dump
    assert "203.0.113.9" not in dump

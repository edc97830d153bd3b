"""deploy/backup.sh and deploy/restore.sh on a real database (issue 14): a backup made while
the portal writes is whole, and restoring it brings back answers that a code opens."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

from portal import store
from tests.conftest import ROOT, make_app
from tests.web.test_check import answer_until, resume_code

DEPLOY = ROOT / "deploy"


def run(script: str, instance: Path, *args: str, **env: str) -> str:
    done = subprocess.run(
        [str(DEPLOY / script), *args],
        env={**os.environ, "PORTAL_INSTANCE_PATH": str(instance), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_a_backup_restores_answers_that_their_code_opens(tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    instance.mkdir()
    app = make_app(instance, WTF_CSRF_ENABLED=False, DATABASE=str(instance / "portal.sqlite3"))
    client = app.test_client()
    answer_until(client, stop="age")
    code = resume_code(client)
    # The portal keeps its connection open (WAL): the backup must still see the last commit.
    copy = Path(run("backup.sh", instance, BACKUP_DIR=str(tmp_path / "backups")))
    assert copy.parent == tmp_path / "backups" and copy.name.startswith("portal-")
    assert copy.stat().st_mode & 0o077 == 0
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    # Answers given after the backup are not in it.
    client.post("/nl/check/age", data={"answer": "33"})

    target = tmp_path / "restored"
    target.mkdir()
    message = run("restore.sh", target, str(copy))
    assert "restored" in message
    restored = make_app(target, DATABASE=str(target / "portal.sqlite3"))
    with restored.app_context():
        found = store.answer_set_for_code(store.get_db(), code, key="test-secret")
    assert found is not None
    assert found[1]["residence_decision_date"] == "2019-03"
    assert "age" not in found[1]


def test_restore_keeps_the_database_it_replaces(tmp_path: Path) -> None:
    instance = tmp_path / "instance"
    instance.mkdir()
    make_app(instance, DATABASE=str(instance / "portal.sqlite3"))
    copy = run("backup.sh", instance, BACKUP_DIR=str(tmp_path / "backups"))
    run("restore.sh", instance, copy)
    assert (instance / "portal.sqlite3.before-restore").exists()
    assert not (instance / "portal.sqlite3-wal").exists()


def test_a_damaged_backup_is_not_restored(tmp_path: Path) -> None:
    damaged = tmp_path / "portal-broken.sqlite3"
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    done = subprocess.run(
        [str(DEPLOY / "restore.sh"), str(damaged)],
        env={**os.environ, "PORTAL_INSTANCE_PATH": str(tmp_path / "instance")},
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert not (tmp_path / "instance" / "portal.sqlite3").exists()

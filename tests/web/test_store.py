"""The store: migrations in order, once; purge; delete at once."""

from __future__ import annotations

import sqlite3
import threading
from datetime import timedelta

import pytest

from portal import store


def test_migrations_are_registered_in_name_order_and_apply_once():
    names = [m.name for m in store.migrations._migrations]
    assert names == sorted(names)
    db = store.connect(":memory:")
    store.init_db(db)
    store.init_db(db)  # a second start changes nothing
    applied = [row["name"] for row in db["_sqlite_migrations"].rows]
    assert applied == names


def test_purge_deletes_expired_answer_sets_and_their_codes():
    db = store.connect(":memory:")
    store.init_db(db)
    old = store.new_answer_set(db, "nl", timedelta(hours=24))
    store.create_resume_code(db, old, timedelta(days=30), key="k")
    store.new_answer_set(db, "nl", timedelta(hours=24))
    later = store.now() + timedelta(days=31)
    assert store.purge_expired(db, later) >= 2
    assert db["answer_sets"].count == 0
    assert db["resume_codes"].count == 0


def test_delete_answer_set_removes_its_resume_code_at_once():
    db = store.connect(":memory:")
    store.init_db(db)
    set_id = store.new_answer_set(db, "ar", timedelta(hours=24))
    code = store.create_resume_code(db, set_id, timedelta(days=30), key="k")
    store.delete_answer_set(db, set_id)
    assert db["answer_sets"].count == 0
    assert db["resume_codes"].count == 0
    assert store.answer_set_for_code(db, code, key="k") is None


def test_a_delete_that_fails_halfway_keeps_everything_so_a_retry_can_finish_it():
    # The connection commits each statement on its own (isolation_level None); without one
    # transaction the resume code was gone while the answers stayed.
    db = store.connect(":memory:")
    store.init_db(db)
    set_id = store.new_answer_set(db, "ar", timedelta(hours=24))
    code = store.create_resume_code(db, set_id, timedelta(days=30), key="k")
    db.execute(
        "CREATE TRIGGER refuse BEFORE DELETE ON answer_sets BEGIN SELECT RAISE(ABORT, 'busy'); END"
    )
    with pytest.raises(sqlite3.IntegrityError):
        store.delete_answer_set(db, set_id)
    assert store.answer_set_for_code(db, code, key="k")[0] == set_id
    db.execute("DROP TRIGGER refuse")
    store.delete_answer_set(db, set_id)
    assert db["answer_sets"].count == 0
    assert db["resume_codes"].count == 0


def test_deleted_answers_do_not_stay_in_the_database_file(tmp_path):
    path = tmp_path / "portal.sqlite3"
    db = store.connect(str(path))
    store.init_db(db)
    set_id = store.new_answer_set(db, "nl", timedelta(hours=24))
    store.set_answer(db, set_id, "age", "marker-1234567", "nl", timedelta(hours=24))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"marker-1234567" in path.read_bytes()
    store.delete_answer_set(db, set_id)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    assert b"marker-1234567" not in path.read_bytes()


def test_connections_of_finished_threads_are_closed(app):
    # Flask's development server runs each request in a new thread; each kept its connection
    # (and three file descriptors) open forever. Found in review.
    def one_request() -> None:
        with app.app_context():
            store.get_db().execute("SELECT 1")

    for _ in range(5):
        threads = [threading.Thread(target=one_request) for _ in range(10)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    one_request()
    assert len(app.extensions["store_connections"]) == 1


def test_answers_remember_the_rules_version_they_were_given_under():
    # Issue 11 item 16: a saved result opened after the rules changed says so.
    db = store.connect(":memory:")
    store.init_db(db)
    set_id = store.new_answer_set(db, "nl", timedelta(hours=24), {"age": 30}, "2026-11-23")
    assert store.answers_rules_version(db, set_id) == "2026-11-23"
    store.set_answer(db, set_id, "age", 31, "nl", timedelta(hours=24), "2026-12-01")
    assert store.answers_rules_version(db, set_id) == "2026-12-01"
    # Without a version the stored one stays.
    store.set_answer(db, set_id, "age", 32, "nl", timedelta(hours=24))
    assert store.answers_rules_version(db, set_id) == "2026-12-01"
    assert store.answers_rules_version(db, "no-such-set") is None


def test_sets_made_before_versions_existed_count_as_the_older_rules():
    # Issue 11 item 16: every set made before the migration was answered under older rules.
    db = store.connect(":memory:")
    for migration in store.MIGRATIONS[:-1]:
        migration(db)
    db["answer_sets"].insert(
        {
            "id": "old",
            "answers": "{}",
            "lang": "nl",
            "created_at": "2026-11-30T00:00:00+00:00",
            "updated_at": "2026-11-30T00:00:00+00:00",
            "expires_at": "2026-12-30T00:00:00+00:00",
        }
    )
    store.MIGRATIONS[-1](db)
    assert store.answers_rules_version(db, "old") == "2026-11-23"


# review: check.py rolled back after a failed count and result.py did not; neither needs to,
# but the count itself was not atomic (sqlite-utils 4 commits each statement on its own).
def test_a_count_that_fails_halfway_stores_nothing(app):
    db = store.connect(":memory:")
    store.init_db(db)
    # The first row (route "") goes in; the one for a route code then fails.
    db.execute(
        "CREATE TEMP TRIGGER refuse_routes BEFORE INSERT ON daily_stats WHEN NEW.route != '' "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    with app.app_context():
        assert not store.record_stat_or_skip(db, "finished", "nl", "wi2013", ["pass_exam"])
    assert not db.conn.in_transaction
    assert db["daily_stats"].count == 0
    db.execute("DROP TRIGGER refuse_routes")
    with app.app_context():
        assert store.record_stat_or_skip(db, "finished", "nl", "wi2013", ["pass_exam"])
    assert db["daily_stats"].count == 2

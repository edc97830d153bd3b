"""Expired answers go while the server runs, not only at start (review finding 4)."""

from __future__ import annotations

from datetime import timedelta

from portal import store
from tests.conftest import make_app


def store_expired_answer_set(app) -> None:
    """Store one answer set whose expiry lies long in the past."""
    with app.app_context():
        db = store.get_db()
        set_id = store.new_answer_set(db, "nl", timedelta(hours=24))
        db.execute(
            "UPDATE answer_sets SET expires_at = '2000-01-01T00:00:00' WHERE id = ?", [set_id]
        )
        db.conn.commit()


def test_a_running_server_purges_expired_answers(tmp_path):
    app = make_app(tmp_path, PURGE_EVERY=timedelta(minutes=10))
    store_expired_answer_set(app)
    # The last purge was long ago: the next request that opens the database purges.
    app.extensions["store_last_purge"] = store.now() - timedelta(hours=1)
    assert app.test_client().get("/healthz").status_code == 200
    with app.app_context():
        assert store.get_db()["answer_sets"].count == 0


def test_purge_runs_at_most_every_interval(tmp_path):
    app = make_app(tmp_path, PURGE_EVERY=timedelta(minutes=10))
    app.extensions["store_last_purge"] = store.now()
    store_expired_answer_set(app)
    app.test_client().get("/healthz")
    with app.app_context():
        assert store.get_db()["answer_sets"].count == 1  # not yet: purged less than 10 min ago


def resume_with_wrong_code(client, address: str) -> int:
    response = client.post(
        "/nl/check/resume",
        data={"code": "AAAAA-BBBBB-CCCCC"},
        headers={"X-Forwarded-For": address},
    )
    return response.status_code


def test_behind_a_trusted_proxy_each_client_has_its_own_throttle(tmp_path):
    app = make_app(tmp_path, WTF_CSRF_ENABLED=False, TRUSTED_PROXIES=1)
    client = app.test_client()
    first = [resume_with_wrong_code(client, "198.51.100.1") for _ in range(6)]
    assert first[-1] == 429
    # Another person behind the same proxy is not locked out by the first one.
    assert resume_with_wrong_code(client, "198.51.100.2") == 200


def test_without_trusted_proxies_forwarded_addresses_are_ignored(tmp_path):
    # X-Forwarded-For is not trusted by default: a client cannot dodge the limit with it.
    app = make_app(tmp_path, WTF_CSRF_ENABLED=False)
    client = app.test_client()
    statuses = [resume_with_wrong_code(client, f"198.51.100.{n}") for n in range(6)]
    assert statuses[-1] == 429

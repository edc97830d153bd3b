"""The health check answers from the real database."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_app


def test_healthz_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok"}
    assert "Set-Cookie" not in response.headers


def test_healthz_is_503_when_the_database_cannot_be_opened(tmp_path: Path):
    app = make_app(tmp_path)
    # A directory where the database file should be: SQLite cannot open it.
    broken = tmp_path / "not-a-file"
    broken.mkdir()
    app.config["DATABASE"] = str(broken)
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["status"] != "ok"

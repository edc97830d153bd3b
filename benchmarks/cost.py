"""CPU time of one request, measured inside one process: the portal's own work, without gunicorn.

Calls the WSGI app directly, request after request, and reads the process's CPU time
(`time.process_time`: user + system, as /proc counts it). No network and no other process
in the figure, so it holds steadier than wrk's req/s while the machine is busy. It prints
figures only; benchmarks/throughput.py sends the same requests through gunicorn.

Besides the requests of throughput.py it shows how the cost grows (issue 16): the result page
for one answer, for the answers of the benchmarks' usual path, and for the longest path we
found (24 answers), each as a first view (the outcome rendered) and as a repeat view.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bare_app import app as bare_app
from client import Browser
from throughput import API_FACTS
from werkzeug.test import EnvironBuilder

from portal import create_app, store

# The shortest path to a result: an EU citizen has no obligation.
FEW = {"nationality_group": "eu_eea_ch"}
# The longest path we found through the questionnaire (a search over its branches): 24 answers.
ALL = {
    "nationality_group": "turkish",
    "residence_purpose": "asylum",
    "residence_decision_date": "2016-05",
    "obligation_letter": "yes",
    "obligation_start_date": "2016-05",
    "age": 30,
    "exemption_granted": "none",
    "release_granted": "no",
    "exam_parts_passed": ["reading"],
    "exam_attempts": 3,
    "course_hours": 300,
    "course_hours_registered_by_duo": "yes",
    "literacy_course": "yes",
    "literacy_hours": 100,
    "delay_not_own_fault": "yes",
    "delay_reasons": ["illness"],
    "extension_granted": "yes",
    "medical_limitation": "yes",
    "dutch_diplomas": ["nt2_state_exam_1"],
    "duo_loan": "yes",
    "fines_received": 1,
    "goals": ["permanent_residence"],
    "years_residence": 8,
    "years_work": 3,
}
FORM = "application/x-www-form-urlencoded"


class AppBrowser(Browser):
    """Browser (benchmarks/client.py) that talks to the app in this process."""

    def __init__(self, app: Any) -> None:
        super().__init__("http://localhost")
        self.client = app.test_client()

    def _open(self, request: Any) -> str:
        path = request.full_url.removeprefix(self.base)
        data = request.data
        response = self.client.open(
            path,
            method="POST" if data else "GET",
            data=data,
            content_type=FORM,
            follow_redirects=True,
        )
        self.url = self.base + response.request.path
        self.html = response.get_data(as_text=True)
        return self.html

    def cookie_header(self) -> str:
        cookie = self.client.get_cookie("wegwijzer")
        return f"wegwijzer={cookie.value}" if cookie else ""


@dataclass
class Request:
    name: str
    method: str
    path: str
    status: int
    cookie: str = ""
    body: bytes = b""
    content_type: str = ""

    def environ(self) -> dict[str, Any]:
        headers = {"Accept-Encoding": "gzip, deflate"}
        if self.cookie:
            headers["Cookie"] = self.cookie
        builder = EnvironBuilder(
            path=self.path,
            method=self.method,
            headers=headers,
            data=self.body or None,
            content_type=self.content_type or None,
        )
        try:
            return builder.get_environ()
        finally:
            builder.close()


def call(app: Any, environ: dict[str, Any], body: bytes) -> str:
    """Send one request through the WSGI interface; return its status line."""
    environ = {**environ, "wsgi.input": io.BytesIO(body)}
    status = []
    result = app(environ, lambda line, _headers, _exc=None: status.append(line))
    try:
        for _chunk in result:
            pass
    finally:
        if hasattr(result, "close"):
            result.close()
    return status[0]


def answered_set(app: Any, answers: dict[str, Any]) -> str:
    """Store `answers` as an answer set and return a session cookie that holds it."""
    with app.app_context():
        set_id = store.new_answer_set(store.get_db(), "nl", app.config["ANSWERS_TTL"], answers)
    browser = AppBrowser(app)
    with browser.client.session_transaction() as session:
        session["answer_set"] = set_id
    return browser.cookie_header()


def requests(app: Any) -> list[Request]:
    """Return the requests of throughput.py, then the result page for FEW, usual and ALL."""
    at_question = AppBrowser(app)
    at_question.get("/nl/check/")
    at_question.answer_until("/residence-decision-date")
    form = f"csrf_token={at_question.csrf_token()}&month=5&year=2016".encode()
    done = AppBrowser(app)
    done.get("/nl/check/")
    done.answer_until("/check/result")
    usual = len(done.client.get("/nl/check/answers").get_data(as_text=True).split("<dt")) - 1
    api = json.dumps({"facts": API_FACTS, "lang": "nl"}).encode()
    result = "/nl/check/result"
    return [
        Request("question page GET", "GET", at_question.path, 200, at_question.cookie_header()),
        Request(
            "post an answer POST",
            "POST",
            at_question.path,
            303,
            at_question.cookie_header(),
            form,
            FORM,
        ),
        Request(f"result page GET ({usual} answers)", "GET", result, 200, done.cookie_header()),
        Request("API check POST", "POST", "/api/v1/check", 200, "", api, "application/json"),
        Request(f"result page GET ({len(FEW)} answer)", "GET", result, 200, answered_set(app, FEW)),
        Request(
            f"result page GET ({len(ALL)} answers)", "GET", result, 200, answered_set(app, ALL)
        ),
    ]


def measure(app: Any, request: Request, count: int, rounds: int) -> list[float]:
    """Return the CPU ms per request of each round of `count` requests."""
    environ = request.environ()
    status = call(app, environ, request.body)
    if not status.startswith(str(request.status)):
        raise RuntimeError(f"{request.name}: {status}, expected {request.status}")
    for _ in range(count // 4):  # warm up
        call(app, environ, request.body)
    figures = []
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(count):
            call(app, environ, request.body)
        figures.append((time.process_time() - start) / count * 1000)
    return figures


def make_app(database: Path, **config: Any) -> Any:
    app = create_app({"SECRET_KEY": "bench", "DATABASE": str(database), **config})
    with app.app_context():
        store.init_db(store.get_db())
    store.close_thread_connection(app)
    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=300, help="requests per round")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", default="", help="only the requests whose name has this")
    args = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="bench-cost-"))
    os.environ["PORTAL_INSTANCE_PATH"] = str(instance)
    database = instance / "bench.sqlite3"
    app = make_app(database)
    # The same portal without its rendered-outcome cache: every result is a first view.
    uncached = make_app(database, RENDERED_OUTCOMES=0)
    runs: list[tuple[str, Any, Request]] = []
    for request in requests(app):
        runs.append((request.name, app, request))
        if request.name.startswith("result"):
            runs.append((request.name.replace("GET", "first view"), uncached, request))
    runs.append(("bare app GET", bare_app, Request("bare app", "GET", "/", 200)))
    print(
        f"CPU ms per request inside one process (no gunicorn, no network): "
        f"median of {args.rounds} rounds of {args.count} requests\n"
    )
    print(f"{'request':36} {'median':>7} {'min':>7} {'max':>7}")
    for name, target, request in runs:
        if args.only and args.only not in name:
            continue
        figures = measure(target, request, args.count, args.rounds)
        print(
            f"{name:36} {statistics.median(figures):7.3f} {min(figures):7.3f} {max(figures):7.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main()

"""Throughput and latency of the portal next to a bare Flask app, under the same gunicorn.

Starts the portal as `make run` does (gunicorn with portal/gunicorn_config.py) and, in the same
run and with the same settings, benchmarks/bare_app.py, which returns a fixed page. wrk drives
both with the same requests (50 connections, a fixed time each) and the script prints requests
per second, p50 and p99 latency, and the ratio portal / bare app.

Run with `make bench`. It prints figures; it asserts nothing (speed targets are not tests).
Targets on a 2-core machine: every ratio at least 50 %, every p99 under 100 ms. The two apps
run alternately, several rounds each, and the medians are printed, so that something else
busy on the machine weighs on both alike.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from client import ROOT, Browser, free_port, wait_until_up

BIN = Path(sys.executable).parent
GUNICORN = [str(BIN / "gunicorn"), "-c", "python:portal.gunicorn_config"]
API_FACTS = {
    "nationality_group": "other",
    "residence_purpose": "asylum",
    "residence_decision_date": "2016-05-01",
    "age": 44,
    "exam_parts_passed": ["knm"],
    "duo_loan": True,
    "goals": ["permanent_residence", "naturalisation"],
}
SESSIONS = 50  # one answer set per connection, so no two connections write the same row


@dataclass
class Scenario:
    name: str
    method: str
    path: str
    expect: int
    cookies: list[str]
    bodies: list[str] = field(default_factory=list)  # one per request in turn, or none
    content_type: str = ""


@dataclass
class Figures:
    rps: float
    p50_ms: float
    p99_ms: float
    bad: int
    cpu_ms: float = 0.0  # CPU time of the gunicorn processes per request


def cpu_seconds(server: subprocess.Popen[bytes]) -> float:
    """Return the CPU time (user + system) of a gunicorn master and its workers so far."""
    pids = [server.pid]
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    if children.exists():
        pids += [int(pid) for pid in children.read_text().split()]
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # a worker that just ended
        total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


def start(app: str, port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """Start gunicorn with `app` and return it once it answers; stop it when it does not."""
    command = [*GUNICORN, "--bind", f"127.0.0.1:{port}", app]
    with log.open("wb") as out:
        server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=out)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", server)
    except BaseException:
        stop(server)
        raise
    return server


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop a gunicorn master (it stops its workers); kill it when it does not stop in 10 s."""
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


@dataclass
class Servers:
    """The portal, the portal without its rendered-outcome cache, and the bare app."""

    workdir: Path  # scratch space: the instance folder, the logs, wrk's scripts
    instance: Path
    portal: subprocess.Popen[bytes]
    portal_base: str
    uncached: subprocess.Popen[bytes]
    uncached_base: str
    bare: subprocess.Popen[bytes]
    bare_base: str


@contextlib.contextmanager
def servers(extra_env: dict[str, str] | None = None) -> Iterator[Servers]:
    """Start the three apps under gunicorn, as `make run` does, on a fresh database.

    On the way out, also when a start fails, stop those started and delete the scratch folder.
    """
    workdir = Path(tempfile.mkdtemp(prefix="bench-"))
    started: list[subprocess.Popen[bytes]] = []

    def launch(app: str, env: dict[str, str], name: str) -> tuple[subprocess.Popen[bytes], str]:
        port = free_port()
        started.append(start(app, port, env, workdir / f"{name}.log"))
        return started[-1], f"http://127.0.0.1:{port}"

    try:
        instance = workdir / "instance"
        instance.mkdir()
        env = {
            **os.environ,
            "SECRET_KEY": "bench",
            "PORTAL_INSTANCE_PATH": str(instance),
            **(extra_env or {}),
        }
        subprocess.run([str(BIN / "portal"), "init-db"], env=env, check=True, capture_output=True)
        portal, portal_base = launch("portal:create_app()", env, "portal")
        # The same portal without its rendered-outcome cache: every result is a first view.
        uncached_env = {**env, "RENDERED_OUTCOMES": "0"}
        uncached, uncached_base = launch("portal:create_app()", uncached_env, "uncached")
        bare_env = {**env, "PYTHONPATH": str(ROOT / "benchmarks")}
        bare, bare_base = launch("bare_app:app", bare_env, "bare")
        yield Servers(
            workdir, instance, portal, portal_base, uncached, uncached_base, bare, bare_base
        )
    finally:
        for server in started:
            stop(server)
        shutil.rmtree(workdir, ignore_errors=True)


def prepare(base: str) -> list[Scenario]:
    """Make the answer sets the requests need: SESSIONS at a question, SESSIONS finished."""
    at_question, bodies, finished = [], [], []
    question_path = ""
    for _ in range(SESSIONS):
        browser = Browser(base)
        browser.get("/nl/check/")
        browser.answer_until("/residence-decision-date")
        question_path = browser.path
        at_question.append(browser.cookie_header())
        # The CSRF token belongs to the session: each connection posts its own.
        bodies.append(f"csrf_token={browser.csrf_token()}&month=5&year=2016")
        done = Browser(base)
        done.get("/nl/check/")
        done.answer_until("/check/result")
        finished.append(done.cookie_header())
    api_body = json.dumps({"facts": API_FACTS, "lang": "nl"})
    return [
        Scenario("question page GET", "GET", question_path, 200, at_question),
        Scenario(
            "post an answer POST",
            "POST",
            question_path,
            303,
            at_question,
            bodies=bodies,
            content_type="application/x-www-form-urlencoded",
        ),
        Scenario("result page GET", "GET", "/nl/check/result", 200, finished),
        Scenario(
            "API check POST",
            "POST",
            "/api/v1/check",
            200,
            [""],
            bodies=[api_body],
            content_type="application/json",
        ),
    ]


LUA = """
local cookies = {%(cookies)s}
local bodies = {%(bodies)s}
local i = 0
request = function()
  i = i %% #cookies + 1
  local headers = {}
  if cookies[i] ~= "" then headers["Cookie"] = cookies[i] end
  if "%(content_type)s" ~= "" then headers["Content-Type"] = "%(content_type)s" end
  local body = nil
  if #bodies > 0 then body = bodies[(i - 1) %% #bodies + 1] end
  return wrk.format("%(method)s", "%(path)s", headers, body)
end
"""


def lua_list(items: list[str]) -> str:
    return ", ".join(json.dumps(item) for item in items)


def wrk(
    server: subprocess.Popen[bytes],
    base: str,
    scenario: Scenario,
    seconds: int,
    connections: int,
    workdir: Path,
) -> Figures:
    script = workdir / "scenario.lua"
    script.write_text(
        LUA
        % {
            "cookies": lua_list(scenario.cookies),
            "bodies": lua_list(scenario.bodies),
            "content_type": scenario.content_type,
            "method": scenario.method,
            "path": scenario.path,
        }
    )
    threads = min(2, connections)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "-s",
        str(script),
    ]
    cpu_before = cpu_seconds(server)
    output = subprocess.run([*command, base], capture_output=True, text=True, check=True).stdout
    cpu_used = cpu_seconds(server) - cpu_before
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(r"Socket errors: (.*)", output)
    if errors:
        print(f"    wrk socket errors: {errors.group(1)}")
    requests = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
    return Figures(
        rps,
        _percentile(output, "50%"),
        _percentile(output, "99%"),
        int(bad.group(1)) if bad else 0,
        cpu_used / max(requests, 1) * 1000,
    )


def median_figures(runs: list[Figures]) -> Figures:
    return Figures(
        statistics.median(f.rps for f in runs),
        statistics.median(f.p50_ms for f in runs),
        statistics.median(f.p99_ms for f in runs),
        sum(f.bad for f in runs),
        statistics.median(f.cpu_ms for f in runs),
    )


def _percentile(output: str, label: str) -> float:
    value, unit = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", output).groups()  # type: ignore[union-attr]
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def check_once(base: str, scenario: Scenario) -> str:
    """Send one request of the scenario, make sure it gets the status it should; return its
    Connection header."""
    import urllib.error
    import urllib.request

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    body = scenario.bodies[0].encode() if scenario.bodies else None
    request = urllib.request.Request(base + scenario.path, data=body, method=scenario.method)
    if scenario.cookies[0]:
        request.add_header("Cookie", scenario.cookies[0])
    if scenario.content_type:
        request.add_header("Content-Type", scenario.content_type)
    try:
        response = urllib.request.build_opener(NoRedirect).open(request, timeout=10)
        status, connection = response.status, response.headers.get("Connection", "")
    except urllib.error.HTTPError as error:
        status, connection = error.code, error.headers.get("Connection", "")
    if status != scenario.expect:
        raise RuntimeError(f"{scenario.name}: got {status}, expected {scenario.expect}")
    return str(connection)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run")
    parser.add_argument(
        "--rounds", type=int, default=3, help="runs per app and request, alternating; medians"
    )
    parser.add_argument("--connections", type=int, default=50)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: `make bench` installs it (Debian package wrk)")
    with servers() as apps:
        portal, bare, uncached = apps.portal, apps.bare, apps.uncached
        portal_base, bare_base = apps.portal_base, apps.bare_base
        scenarios = prepare(portal_base)
        result_page = next(s for s in scenarios if s.name == "result page GET")
        first_view = Scenario(**{**vars(result_page), "name": "result, first view"})
        runs = [(scenario, portal, portal_base) for scenario in scenarios]
        runs.insert(3, (first_view, uncached, apps.uncached_base))
        for scenario, _server, base in runs:
            check_once(base, scenario)
        print(
            f"wrk: {args.connections} connections, {args.seconds} s per run, "
            f"median of {args.rounds} alternating runs; gunicorn {GUNICORN[-1]} for both; "
            f"{os.cpu_count()} cores\n"
        )
        header = (
            f"{'request':22} {'portal req/s':>12} {'p50':>6} {'p99':>6} {'cpu':>5}   "
            f"{'bare req/s':>10} {'p50':>6} {'p99':>6} {'cpu':>5}   {'ratio':>5}  {'bad':>3}"
        )
        print(header)
        print("-" * len(header))
        settings = (args.seconds, args.connections, apps.workdir)
        for scenario, server, base in runs:
            mine, yardstick = [], []
            for _ in range(args.rounds):  # alternate, so a busy moment hits both alike
                mine.append(wrk(server, base, scenario, *settings))
                yardstick.append(wrk(bare, bare_base, scenario, *settings))
            ours, theirs = median_figures(mine), median_figures(yardstick)
            print(
                f"{scenario.name:22} {ours.rps:12,.0f} {ours.p50_ms:6.1f} {ours.p99_ms:6.1f} "
                f"{ours.cpu_ms:5.2f}   {theirs.rps:10,.0f} {theirs.p50_ms:6.1f} "
                f"{theirs.p99_ms:6.1f} {theirs.cpu_ms:5.2f}   {ours.rps / theirs.rps:5.0%}  "
                f"{sum(f.bad for f in mine):3}",
                flush=True,
            )
        api = next(s for s in scenarios if s.name == "API check POST")
        connection = check_once(portal_base, api)
        print(
            f"\nAPI check POST by connections at once (Connection: {connection}: gunicorn's sync"
            "\nworkers answer one request per connection, whatever the client asks)"
        )
        for count in (1, 10, 100):
            runs_at = [
                wrk(portal, portal_base, api, args.seconds, count, apps.workdir)
                for _ in range(args.rounds)
            ]
            figures = median_figures(runs_at)
            print(
                f"  {count:3} connections: {figures.rps:6,.0f} req/s, "
                f"p50 {figures.p50_ms:6.1f} ms, p99 {figures.p99_ms:6.1f} ms, "
                f"{figures.cpu_ms:.2f} CPU ms each",
                flush=True,
            )
        print(
            "\np50, p99: latency in ms; cpu: CPU ms of the gunicorn processes per request;"
            "\nratio: portal req/s / bare req/s; bad: portal answers not 2xx or 3xx (must be 0)"
            "\nresult, first view: the portal with RENDERED_OUTCOMES=0, so every request renders"
            "\nthe outcome (the other rows repeat the same 50 answer sets, as reloads do)"
        )


if __name__ == "__main__":
    main()

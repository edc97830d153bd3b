"""Where a request's CPU time goes: py-spy samples gunicorn, started as `make run` starts it.

For each request of benchmarks/throughput.py, and the bare app for the floor, wrk sends it for
a while (50 connections) and py-spy samples the gunicorn master and workers from outside
(non-blocking: the workers run unchanged). Each sample's stack goes to one part of the work:
the innermost frame that belongs to a part decides, so gettext called from a template counts
as gettext and a URL built in a template as routing. The CPU ms per request comes from /proc
in a run of the same length without the profiler; each part gets its share of it. The samples
are of a worker that runs or waits for a core, so a part that wakes wrk (gunicorn's socket
writes) weighs more than its CPU: compare it with the bare app's. Between the runs another
connection reads SQLite's data_version, which shows whether the requests wrote anything.
`--raw DIR` keeps py-spy's stacks (flamegraph.pl reads them).

Run with `make bench`, or `.venv/bin/python benchmarks/breakdown.py`. It prints figures only.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from throughput import BIN, Figures, Scenario, check_once, prepare, servers, wrk

GUNICORN = "gunicorn (HTTP, socket, access log)"
FLASK = "Flask and Werkzeug (request, response, hooks)"
# Parts of the work. Each frame is written "file function" ("flask/sessions.py
# SecureCookieSessionInterface.open_session"); the innermost frame that matches one of PARTS
# decides, so gettext called from a template counts as gettext and a URL built in a template as
# routing. Only a stack with none of them goes to the innermost of the GENERAL parts, the
# frameworks the rest runs in.
PARTS: list[tuple[str, re.Pattern[str]]] = [
    (part, re.compile(pattern))
    for part, pattern in [
        ("questionnaire replay", r"^portal/flow/"),
        ("rules (evaluate)", r"^portal/rules/"),
        ("gettext and Babel", r"^(portal/i18n\.py|flask_babel/|babel/|gettext\.py)"),
        ("CSRF", r"^flask_wtf/csrf\.py"),
        (
            "session and cookie",
            r"^flask/sessions\.py|parse_cookie|dump_cookie|Request\.cookies|set_cookie",
        ),
        ("SQLite", r"^(portal/store/|sqlite_utils/|sqlite3/)"),
        ("forms", r"^(portal/web/forms\.py|wtforms/|flask_wtf/)"),
        ("translation notice", r"^portal/translation/"),
        ("routing and URLs", r"^werkzeug/routing/| url_for$| Flask\.url_for$"),
        ("Jinja rendering", r"^[^/ ]+\.html |^jinja2/|^markupsafe/|^flask/templating\.py"),
        ("security headers", r"^portal/security\.py"),
        ("compression", r"^(portal/compress\.py|gzip\.py)| accepts_gzip$"),
        ("JSON", r"^(json/|flask/json/)"),
        ("portal views", r"^portal/"),
    ]
]
GENERAL: list[tuple[str, re.Pattern[str]]] = [
    (FLASK, re.compile(r"^(flask/|werkzeug/|blinker/|itsdangerous/)")),
    (GUNICORN, re.compile(r"^(gunicorn/|logging/|socket\.py)")),
]
# A rule predicate inside the replay (`law`, engine.with_derived) is counted apart, whatever
# it calls: it is the replay asking the rules.
LAW_PREDICATE = "replay: the `law` predicate"
FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")


def part_of(stack: list[str]) -> str:
    """Return the part of the work a sampled stack (outermost frame first) belongs to."""
    frames = []
    for text in stack:
        found = FRAME.match(text)
        if found:
            frames.append(f"{found['file']} {found['function']}")
    if any(frame.endswith(" with_derived") for frame in frames):
        return LAW_PREDICATE
    for parts in (PARTS, GENERAL):
        for frame in reversed(frames):
            for part, pattern in parts:
                if pattern.search(frame):
                    return part
    return "other (Python itself)"


def read_samples(raw: Path) -> collections.Counter[str]:
    """Count py-spy's raw samples per part; the master process and idle waits stay out."""
    counts: collections.Counter[str] = collections.Counter()
    for line in raw.read_text(encoding="utf-8", errors="replace").splitlines():
        stack_text, _space, number = line.rpartition(" ")
        if not number.isdigit():
            continue
        stack = stack_text.split(";")
        if any(frame.startswith("SyncWorker.handle_request") for frame in stack):
            counts[part_of(stack)] += int(number)
        elif any(frame.startswith("SyncWorker.") for frame in stack):
            counts[GUNICORN] += int(number)  # accepting, reading and parsing the request
        # else the master's loop: no request's work
    return counts


def profile(
    server: subprocess.Popen[bytes],
    base: str,
    scenario: Scenario,
    seconds: int,
    workdir: Path,
    rate: int,
    connections: int,
) -> tuple[collections.Counter[str], Figures]:
    """Send the scenario for `seconds` while py-spy samples; return the samples per part and
    wrk's figures."""
    raw = workdir / f"{scenario.name.replace(' ', '-').replace(',', '')}.txt"
    spy = subprocess.Popen(
        [
            str(BIN / "py-spy"),
            "record",
            "--pid",
            str(server.pid),
            "--subprocesses",
            "--nonblocking",
            "--format",
            "raw",
            "--rate",
            str(rate),
            "--duration",
            str(seconds + 2),
            "--output",
            str(raw),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    figures = wrk(server, base, scenario, seconds, connections, workdir)
    spy.wait(timeout=seconds + 30)
    return read_samples(raw), figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=8, help="sampling time per request")
    parser.add_argument("--rate", type=int, default=400, help="samples per second per process")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (WORKERS)")
    parser.add_argument("--raw", type=Path, help="keep py-spy's raw stacks in this folder")
    args = parser.parse_args()
    if not shutil.which("wrk") or not (BIN / "py-spy").exists():
        sys.exit("wrk or py-spy is missing: `make bench` installs them")
    with (
        servers({"WORKERS": str(args.workers)}) as apps,
        contextlib.closing(sqlite3.connect(apps.instance / "portal.sqlite3")) as database,
    ):
        workdir, portal_base = apps.workdir, apps.portal_base
        scenarios = prepare(portal_base)
        result_page = next(s for s in scenarios if s.name == "result page GET")
        first_view = Scenario(**{**vars(result_page), "name": "result, first view"})
        runs = [(scenario, apps.portal, portal_base) for scenario in scenarios]
        runs.insert(3, (first_view, apps.uncached, apps.uncached_base))
        bare_run = Scenario(**{**vars(scenarios[0]), "name": "bare app (any GET)"})
        runs.append((bare_run, apps.bare, apps.bare_base))
        for scenario, _server, base in runs:
            check_once(base, scenario)
        tables = []
        for scenario, server, base in runs:
            warm_up = wrk(server, base, scenario, 2, args.connections, workdir)
            # CPU per request from a run without the profiler; commits seen by another
            # connection (PRAGMA data_version) show whether the requests wrote anything.
            version = database.execute("PRAGMA data_version").fetchone()[0]
            plain = wrk(server, base, scenario, args.seconds, args.connections, workdir)
            wrote = database.execute("PRAGMA data_version").fetchone()[0] != version
            counts, profiled = profile(
                server, base, scenario, args.seconds, workdir, args.rate, args.connections
            )
            tables.append((scenario.name, counts, plain.cpu_ms))
            bad = warm_up.bad + plain.bad + profiled.bad
            print(
                f"{scenario.name}: {plain.rps:,.0f} req/s without the profiler, "
                f"{plain.cpu_ms:.2f} CPU ms each; the database "
                f"{'was written' if wrote else 'was not written'} during the run"
                + (f"; {bad} answers not 2xx or 3xx (must be 0)" if bad else ""),
                flush=True,
            )
        parts = sorted({part for _name, counts, _cpu in tables for part in counts})
        order = sorted(
            parts, key=lambda part: -sum(c[part] / sum(c.values()) for _n, c, _m in tables)
        )
        width = max(len(part) for part in order)
        names = [name for name, _counts, _cpu in tables]
        print(
            f"\npy-spy, {args.rate} samples/s for {args.seconds} s per request, "
            f"{args.connections} connections, {args.workers} workers; CPU ms per request from "
            f"/proc in a run without the profiler; each cell: ms (share of the samples)\n"
        )
        print(f"{'part':{width}} " + " ".join(f"{name[:20]:>20}" for name in names))
        for part in order:
            cells = []
            for _name, counts, cpu_ms in tables:
                share = counts[part] / max(sum(counts.values()), 1)
                cells.append(f"{share * cpu_ms:8.2f} ({share:5.1%})")
            print(f"{part:{width}} " + " ".join(f"{cell:>20}" for cell in cells))
        totals = [f"{cpu_ms:8.2f} ({sum(c.values()):,} s.)" for _n, c, cpu_ms in tables]
        print(f"{'all (CPU ms, samples)':{width}} " + " ".join(f"{t:>20}" for t in totals))
        if args.raw:
            args.raw.mkdir(parents=True, exist_ok=True)
            for raw in workdir.glob("*.txt"):
                shutil.copy(raw, args.raw / raw.name)


if __name__ == "__main__":
    main()

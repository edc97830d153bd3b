"""Print speed and weight figures: rules evaluation, and pages served by real gunicorn.

Run with `make bench`. Figures only; no thresholds (speed targets are not tests).
"""

from __future__ import annotations

import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
FACTS = {
    "nationality_group": "other",
    "residence_purpose": "asylum",
    "residence_decision_date": "2016-05-01",
    "age": 44,
    "exam_parts_passed": ["knm"],
    "course_hours": 640,
    "course_hours_registered_by_duo": True,
    "duo_loan": True,
    "goals": ["permanent_residence", "naturalisation"],
}


def bench_evaluate(rounds: int = 2000) -> None:
    from portal.rules import Facts, evaluate

    facts = Facts.from_dict(FACTS)
    start = time.perf_counter()
    for _ in range(rounds):
        evaluate(facts, date(2026, 11, 23))
    elapsed = time.perf_counter() - start
    each = elapsed / rounds * 1e6
    print(f"rules.evaluate: {rounds / elapsed:,.0f} evaluations/s ({each:.0f} µs each)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def timed_get(url: str, data: bytes | None = None) -> tuple[float, bytes]:
    headers = {"Content-Type": "application/json"} if data else {}
    request = urllib.request.Request(url, data=data, headers=headers)
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return time.perf_counter() - start, body


def bench_server(rounds: int = 200) -> None:
    instance = tempfile.mkdtemp()
    env = {**os.environ, "SECRET_KEY": "bench", "PORTAL_INSTANCE_PATH": instance}
    subprocess.run([str(BIN / "portal"), "init-db"], env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "portal:create_app()"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                timed_get(base + "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        targets = {
            "GET /nl/ (landing)": (base + "/nl/", None),
            "GET /ar/ (landing)": (base + "/ar/", None),
            "GET /healthz": (base + "/healthz", None),
            "POST /api/v1/check": (
                base + "/api/v1/check",
                json.dumps({"facts": FACTS, "lang": "en"}).encode(),
            ),
        }
        print(f"\ngunicorn, 2 workers, {rounds} sequential requests each (ms):")
        print(f"  {'request':32} {'median':>8} {'p95':>8} {'bytes':>8}")
        for name, (url, data) in targets.items():
            times = []
            body = b""
            for _ in range(rounds):
                elapsed, body = timed_get(url, data)
                times.append(elapsed * 1000)
            times.sort()
            p95 = times[int(len(times) * 0.95) - 1]
            print(f"  {name:32} {statistics.median(times):8.2f} {p95:8.2f} {len(body):8}")
        page_weight(base)
        walk_questionnaire(base)
    finally:
        server.terminate()
        server.wait(timeout=10)


def page_weight(base: str) -> None:
    """Print what a first visit to the landing page downloads: HTML plus linked CSS and JS."""
    _, html = timed_get(base + "/ar/")
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+)"', html)
    total = len(html)
    print("\nfirst visit to /ar/ downloads:")
    print(f"  {'HTML':40} {len(html):8} bytes")
    for asset in assets:
        _, body = timed_get(base + asset.decode())
        total += len(body)
        print(f"  {asset.decode():40} {len(body):8} bytes")
    print(f"  {'total (uncompressed)':40} {total:8} bytes")


PREFERRED = {"nationality-group": "other", "residence-purpose": "asylum"}


def walk_questionnaire(base: str, lang: str = "ar") -> None:
    """Answer the whole check without JavaScript, as an old phone would; print what it costs."""
    import http.cookiejar
    import urllib.parse

    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    start = time.perf_counter()
    response = opener.open(f"{base}/{lang}/check/", timeout=10)
    html, url = response.read(), response.url
    pages, total_bytes, server_ms = 1, len(html), []
    while "/check/result" not in url and pages < 60:
        text = html.decode()
        token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', text)
        slug = url.rsplit("/", 1)[-1]
        fields: dict[str, str] = {"csrf_token": token.group(1) if token else ""}
        radios = re.findall(r'type="radio"[^>]*value="([^"]+)"', text)
        boxes = re.findall(r'type="checkbox"[^>]*name="answer"[^>]*value="([^"]+)"', text)
        boxes += re.findall(r'name="answer"[^>]*type="checkbox"[^>]*value="([^"]+)"', text)
        if boxes:
            fields["answer"] = boxes[0]
        elif radios:
            want = PREFERRED.get(slug)
            fields["answer"] = want if want in radios else ("no" if "no" in radios else radios[0])
        elif 'name="month"' in text:
            fields.update(month="5", year="2016")
        elif 'name="answer" type="text"' in text or 'id="answer"' in text:
            fields["answer"] = "3"
        action = url
        if "/answers" in url:
            link = re.search(r'href="(/[a-z]{2}/check/result)"', text)
            target = base + link.group(1) if link else base + f"/{lang}/check/result"
            tick = time.perf_counter()
            response = opener.open(target, timeout=10)
        else:
            tick = time.perf_counter()
            data = urllib.parse.urlencode(fields).encode()
            response = opener.open(urllib.request.Request(action, data=data), timeout=10)
        html, url = response.read(), response.url
        server_ms.append((time.perf_counter() - tick) * 1000)
        pages += 1
        total_bytes += len(html)
    elapsed = time.perf_counter() - start
    print(
        f"\nwhole check without JavaScript in {lang}: {pages} pages, {total_bytes:,} bytes of HTML"
    )
    print(
        f"  {elapsed * 1000:.0f} ms in all; per answer (POST + redirect + next page): "
        f"median {statistics.median(server_ms):.1f} ms, max {max(server_ms):.1f} ms"
    )
    print(f"  ended at {url.removeprefix(base)}")


if __name__ == "__main__":
    bench_evaluate()
    bench_server()

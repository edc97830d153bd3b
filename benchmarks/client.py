"""A tiny no-JavaScript browser for the benchmarks: a cookie jar and the portal's forms."""

from __future__ import annotations

import gzip
import http.cookiejar
import re
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

# Answers that lead through most of the questions (asylum under the Wi2013).
PREFERRED = {"nationality-group": "other", "residence-purpose": "asylum"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, server: subprocess.Popen[bytes], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"server at {url} did not start") from None
            time.sleep(0.1)


class Browser:
    """One visitor: its own cookies; follows redirects like a browser without JavaScript."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.url = ""
        self.html = ""
        self.headers: Any = {}
        self.wire_bytes = 0  # size of the last response as sent, compressed or not

    def get(self, path: str) -> str:
        return self._open(urllib.request.Request(self.base + path))

    def post(self, path: str, fields: dict[str, str]) -> str:
        data = urllib.parse.urlencode({"csrf_token": self.csrf_token(), **fields}).encode()
        return self._open(urllib.request.Request(self.base + path, data=data))

    def _open(self, request: urllib.request.Request) -> str:
        with self.opener.open(request, timeout=10) as response:
            body, self.url = response.read(), response.url
            self.headers = response.headers
        self.wire_bytes = len(body)
        if response.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.html = body.decode()
        return self.html

    @property
    def path(self) -> str:
        return self.url.removeprefix(self.base)

    def csrf_token(self) -> str:
        found = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', self.html)
        return found.group(1) if found else ""

    def cookie_header(self) -> str:
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.jar)

    def answer_fields(self) -> dict[str, str]:
        """Pick an answer for the question on the current page."""
        text, slug = self.html, self.path.rsplit("/", 1)[-1]
        radios = re.findall(r'type="radio"[^>]*value="([^"]+)"', text)
        boxes = re.findall(r'type="checkbox"[^>]*name="answer"[^>]*value="([^"]+)"', text)
        boxes += re.findall(r'name="answer"[^>]*type="checkbox"[^>]*value="([^"]+)"', text)
        if boxes:
            return {"answer": boxes[0]}
        if radios:
            want = PREFERRED.get(slug)
            return {"answer": want if want in radios else ("no" if "no" in radios else radios[0])}
        if 'name="month"' in text:
            return {"month": "5", "year": "2016"}
        return {"answer": "3"}

    def answer_until(self, stop: str, limit: int = 60) -> None:
        """Answer question after question until the current path contains `stop`."""
        for _ in range(limit):
            if stop in self.path:
                return
            if "/check/answers" in self.path:
                self.get(self.path.replace("/answers", "/result"))
                continue
            self.post(self.path, self.answer_fields())
        raise RuntimeError(f"never reached {stop}; at {self.path}")

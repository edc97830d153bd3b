"""The yardstick for benchmarks/throughput.py: Flask answering every request with a fixed page.

It runs under the same gunicorn settings as the portal, so the ratio portal / bare app shows
what the portal's own work costs on top of gunicorn and Flask.
"""

from __future__ import annotations

from flask import Flask

# About the size of a question page, so both send a similar number of bytes.
PAGE = (
    b"<!doctype html><html lang=nl><meta charset=utf-8><title>Vaste pagina</title><main><p>"
    + b"Dit is een vaste pagina. " * 240
    + b"</p></main></html>"
)

app = Flask(__name__)


@app.route("/", defaults={"path": ""}, methods=["GET", "POST"])
@app.route("/<path:path>", methods=["GET", "POST"])
def fixed_page(path: str) -> tuple[bytes, int, dict[str, str]]:
    return PAGE, 200, {"Content-Type": "text/html; charset=utf-8"}

"""gzip for the pages and API answers the portal makes, for phones on small data bundles.

Static files are compressed once in portal/assets.py; this compresses each dynamic response
(HTML, JSON, CSV, calendar files) when the browser accepts gzip and it is big enough to gain.
A fast level: most of the saving, little of the CPU.
"""

from __future__ import annotations

import zlib

from flask import Flask, Response

from portal.assets import accepts_gzip

MIN_SIZE = 1024
LEVEL = 4
COMPRESSIBLE = frozenset(
    {"text/html", "application/json", "text/csv", "text/calendar", "application/xml"}
)


def gzip_bytes(body: bytes) -> bytes:
    """Compress `body` as a gzip stream (wbits 31), with no file name or time in the header."""
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, 31)
    return packer.compress(body) + packer.flush()


def compress_response(response: Response) -> Response:
    """gzip `response` in place when that helps and the browser takes it."""
    response.vary.add("Accept-Encoding")
    if (
        response.direct_passthrough
        or response.is_streamed
        or response.content_encoding
        or response.status_code < 200
        or response.status_code in (204, 304)
        or response.mimetype not in COMPRESSIBLE
        or not accepts_gzip()
    ):
        return response
    body = response.get_data()
    if len(body) < MIN_SIZE:
        return response
    response.set_data(gzip_bytes(body))
    response.content_encoding = "gzip"
    return response


def init_app(app: Flask) -> None:
    app.after_request(compress_response)

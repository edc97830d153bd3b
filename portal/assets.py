"""Static files under fingerprinted names, gzip-compressed once, cached by phones for a year.

`static_url("css/portal.css")` gives `/static/css/portal.<hash>.css`, where the hash is of the
file's content: a changed file gets a new name, so an old phone never keeps a stale copy and
never asks again for one it has. Every file is read and compressed once per process, on first
use, and served from memory. The plain name still works (cached for a short time only), for
anything that cannot know the hash.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask import Flask, Response, abort, current_app, request

YEAR = 365 * 24 * 3600
PLAIN_NAME_MAX_AGE = 300
# Below this size gzip saves less than its own header costs.
MIN_COMPRESS = 512


@dataclass(frozen=True)
class Asset:
    name: str  # "css/portal.css"
    fingerprinted: str  # "css/portal.1a2b3c4d5e.css"
    digest: str
    mimetype: str
    body: bytes
    gzipped: bytes | None  # None when compressing does not pay


def fingerprint(name: str, digest: str) -> str:
    """Put the digest before the last suffix: css/portal.css -> css/portal.<digest>.css."""
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot and "/" not in suffix else f"{name}.{digest}"


def _load(folder: Path, path: Path) -> Asset:
    body = path.read_bytes()
    name = path.relative_to(folder).as_posix()
    digest = hashlib.sha256(body).hexdigest()[:10]
    mimetype = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if mimetype.startswith("text/") or mimetype == "application/javascript":
        mimetype += "; charset=utf-8"
    gzipped = gzip.compress(body, compresslevel=9, mtime=0) if len(body) >= MIN_COMPRESS else None
    if gzipped is not None and len(gzipped) >= len(body):
        gzipped = None
    return Asset(name, fingerprint(name, digest), digest, mimetype, body, gzipped)


@cache
def manifest(folder: str) -> dict[str, Asset]:
    """Return every static file by its plain and by its fingerprinted name."""
    root = Path(folder)
    found: dict[str, Asset] = {}
    for path in sorted(root.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
        if path.is_file() and not hidden:
            asset = _load(root, path)
            found[asset.name] = asset
            found[asset.fingerprinted] = asset
    return found


def _folder() -> str:
    return str(current_app.config["STATIC_FOLDER"])


@cache
def _static_path(script_root: str, name: str, folder: str) -> str:
    asset = manifest(folder).get(name)
    if asset is None:
        raise LookupError(f"no static file {name!r} in {folder}")
    return f"{script_root}/static/{asset.fingerprinted}"


def static_url(name: str) -> str:
    """Return the fingerprinted URL of a static file (a missing file is a bug: it raises)."""
    return _static_path(request.script_root if request else "", name, _folder())


def serve(filename: str) -> Response:
    """Send a static file: gzip when the browser takes it, 304 when it has this version."""
    asset = manifest(_folder()).get(filename)
    if asset is None:
        abort(404)
    immutable = filename == asset.fingerprinted
    # The gzip body is another representation: it gets its own ETag (RFC 9110 8.8.3).
    gzipped = asset.gzipped is not None and accepts_gzip()
    etag = f"{asset.digest}-gz" if gzipped else asset.digest
    response = Response(status=200, mimetype=None, content_type=asset.mimetype)
    response.set_etag(etag)
    response.vary.add("Accept-Encoding")
    response.cache_control.public = True
    response.cache_control.max_age = YEAR if immutable else PLAIN_NAME_MAX_AGE
    if immutable:
        response.cache_control.immutable = True
    if request.if_none_match.contains(etag):
        response.status_code = 304
        return response
    if gzipped:
        response.set_data(asset.gzipped or b"")
        response.content_encoding = "gzip"
    else:
        response.set_data(asset.body)
    return response


def accepts_gzip() -> bool:
    """Return True when the browser takes gzip (a quality of 0, "gzip;q=0", means no)."""
    return request.accept_encodings["gzip"] > 0


def init_app(app: Flask) -> None:
    """Serve /static/ from memory and expose static_url to templates."""
    app.config.setdefault("STATIC_FOLDER", str(Path(app.root_path).parent / "static"))
    app.add_url_rule("/static/<path:filename>", "static", serve)
    app.jinja_env.globals["static_url"] = static_url

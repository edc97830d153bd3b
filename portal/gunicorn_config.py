"""gunicorn settings, in one place for `make run`, the benchmarks and the live tests.

Use with `gunicorn -c python:portal.gunicorn_config 'portal:create_app()'`. PORT and WORKERS
come from the environment (the Makefile passes its own); a `--bind` on the command line wins.
"""

from __future__ import annotations

import os

bind = f"127.0.0.1:{os.environ.get('PORT', '5000')}"
workers = int(os.environ.get("WORKERS", "2"))
# Sync workers: every request is short, CPU-bound work on SQLite; nothing waits on the network.
worker_class = "sync"
timeout = 30
# gunicorn 27 opens a control socket at one path per user (~/.gunicorn/gunicorn.ctl) by default,
# which every gunicorn on the machine would share: the portal needs none.
control_socket_disable = True
# The access log has the path without its query string (%(U)s), never cookies or form data.
accesslog = "-"
access_log_format = '%(t)s "%(m)s %(U)s" %(s)s %(B)s %(L)ss'


def _drop_server_header() -> None:
    """Send no `Server: gunicorn` header: it tells a scanner what to try (issue 14).

    gunicorn has no setting for it; its Response writes the header in default_headers(), so
    the line is filtered out there. This file is read by the master before it forks, so every
    worker has it.
    """
    from gunicorn.http import wsgi

    original = wsgi.Response.default_headers
    if getattr(original, "drops_server", False):
        return

    def default_headers(self):  # type: ignore[no-untyped-def]
        return [line for line in original(self) if not line.lower().startswith("server:")]

    default_headers.drops_server = True  # type: ignore[attr-defined]
    wsgi.Response.default_headers = default_headers  # type: ignore[method-assign]


_drop_server_header()

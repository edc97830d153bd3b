"""Run deploy/nginx-wegwijzer.conf under Debian's nginx on loopback ports, for live tests.

The site file is used as shipped; only what must differ on a test machine is replaced (ports,
certificate, upstream, cache folder), and each replacement must match exactly once, so that a
change to the site file cannot slip past the test. nginx runs with its own config, pid, logs
and temp folders in a tmp folder: not the system service, no root-only path. It starts and
stops processes; it asserts nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from tests.servers import ROOT, free_port

SITE = ROOT / "deploy" / "nginx-wegwijzer.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@dataclass
class Nginx:
    """A running nginx: its HTTPS and HTTP ports, process and folder."""

    https_port: int
    http_port: int
    process: subprocess.Popen[bytes]
    folder: Path

    def log(self) -> str:
        return (self.folder / "error.log").read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def _replace_once(text: str, old: str, new: str) -> str:
    if text.count(old) != 1:
        raise RuntimeError(f"deploy/nginx-wegwijzer.conf: expected {old!r} exactly once")
    return text.replace(old, new)


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """Make a throwaway certificate for 127.0.0.1 with openssl; return (cert, key)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


def site_for_test(upstream_port: int, https_port: int, http_port: int, folder: Path) -> str:
    """Return the deploy site file with the test machine's ports, certificate and cache."""
    cert, key = self_signed_certificate(folder)
    text = SITE.read_text()
    text = _replace_once(text, "    listen 80;\n", f"    listen 127.0.0.1:{http_port};\n")
    text = _replace_once(text, "    listen [::]:80;\n", "")
    text = _replace_once(
        text, "    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{https_port} ssl http2;\n"
    )
    text = _replace_once(text, "    listen [::]:443 ssl http2;\n", "")
    text = _replace_once(
        text, "/etc/letsencrypt/live/wegwijzer.example.nl/fullchain.pem", str(cert)
    )
    text = _replace_once(text, "/etc/letsencrypt/live/wegwijzer.example.nl/privkey.pem", str(key))
    text = _replace_once(text, "server 127.0.0.1:8000;", f"server 127.0.0.1:{upstream_port};")
    return _replace_once(text, "/var/cache/nginx/wegwijzer", str(folder / "cache"))


def start(upstream_port: int, folder: Path) -> Nginx:
    """Start nginx with the deploy site in front of gunicorn on `upstream_port`."""
    folder.mkdir(parents=True, exist_ok=True)
    https_port, http_port = free_port(), free_port()
    (folder / "site.conf").write_text(site_for_test(upstream_port, https_port, http_port, folder))
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir(exist_ok=True)
    # As root, nginx's workers would switch to another user who cannot read the tmp folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"""{user}daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {folder}/access.log;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {folder}/site.conf;
}}
"""
    )
    command = [
        NGINX,
        "-p",
        str(folder),
        "-c",
        str(folder / "nginx.conf"),
        "-e",
        str(folder / "error.log"),
    ]
    subprocess.run([*command, "-t"], check=True, capture_output=True)
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = Nginx(https_port, http_port, process, folder)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and process.poll() is None:
        if (folder / "nginx.pid").exists():
            return server
        time.sleep(0.05)
    server.stop()
    raise RuntimeError("nginx did not start:\n" + server.log())

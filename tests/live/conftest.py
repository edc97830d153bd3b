"""Live fixtures: the portal under real gunicorn (tests/servers.py), a database that can be made
read-only, and the texts a page must show in each language.
"""

from __future__ import annotations

import functools
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.support import Translations

from tests import servers

LIVE_SECRET_KEY = "live-test-secret"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[servers.LiveServer]:
    """One gunicorn (2 workers) shared by the tests of a module that leave it as they found it."""
    instance = tmp_path_factory.mktemp("live") / "instance"
    with servers.live_server(instance, secret_key=LIVE_SECRET_KEY) as server:
        yield server


@functools.cache
def _translations(lang: str) -> Translations:
    return Translations.load(str(servers.ROOT / "translations"), [lang], "messages")


def translated(msgid: str, lang: str) -> str:
    """Return `msgid` (a Dutch source text) as the portal shows it in `lang`."""
    text = str(_translations(lang).gettext(msgid))
    assert lang == "nl" or text != msgid, f"no {lang} translation loaded for {msgid!r}"
    return text


def assert_log_has_no_traceback(server: servers.LiveServer) -> None:
    """Assert that gunicorn and the app logged no Python traceback."""
    lines = server.tracebacks()
    assert not lines, server.log()[-4000:]


class ReadOnlySwitch:
    """Make a folder (the instance folder) read-only and writable again.

    Root ignores file modes, so as root the folder becomes a tmpfs mount that is remounted
    read-only; otherwise the modes of the folder and its files change.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.mounted = False

    def setup(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        if os.geteuid() != 0:
            return
        command = ["mount", "-t", "tmpfs", "-o", "size=16m,mode=0755", "tmpfs", str(self.folder)]
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            pytest.skip(f"root, but cannot mount a tmpfs to make read-only: {done.stderr.strip()}")
        self.mounted = True

    def _remount(self, mode: str) -> None:
        command = ["mount", "-o", f"remount,{mode}", str(self.folder)]
        subprocess.run(command, check=True, capture_output=True, text=True)

    def make_read_only(self) -> None:
        if self.mounted:
            self._remount("ro")
            return
        for path in self.folder.iterdir():
            path.chmod(0o444)
        self.folder.chmod(0o555)

    def make_writable(self) -> None:
        if self.mounted:
            self._remount("rw")
            return
        self.folder.chmod(0o755)
        for path in self.folder.iterdir():
            path.chmod(0o644)

    def teardown(self) -> None:
        if self.mounted:
            # Lazy (-l): a process that still has a file open there cannot keep the mount alive.
            subprocess.run(["umount", "-l", str(self.folder)], check=True)
        elif self.folder.exists():
            self.make_writable()


@pytest.fixture
def read_only_switch(tmp_path: Path) -> Iterator[ReadOnlySwitch]:
    """An instance folder that the test can make read-only; it is writable again afterwards."""
    switch = ReadOnlySwitch(tmp_path / "instance")
    switch.setup()
    try:
        yield switch
    finally:
        switch.teardown()

"""A real learning record store for the xAPI tests: Ralph (ralph-malph, the LRS of Open edX)
with its file-system backend, started on a free loopback port.

Ralph lives in a virtualenv of its own (`make ralph`: .venv-ralph/, or RALPH_BIN): its
dependencies are not the project's. Without it the tests that need it are skipped, unless
REQUIRE_LRS=1 (CI) makes that a failure."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from base64 import b64encode
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings as django_settings

RALPH_BIN = Path(
    os.environ.get("RALPH_BIN") or Path(django_settings.BASE_DIR) / ".venv-ralph/bin/ralph"
)
KEY, SECRET = "platform", "a long test secret"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Ralph:
    process: subprocess.Popen
    port: int
    log: Path

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI"

    def statements(self, *, account_name: str | None = None) -> list[dict]:
        """Every statement Ralph holds (of one actor's account, when named), read back
        through its xAPI GET, following `more` links."""
        params = {"limit": 500}
        if account_name:
            agent = {"account": {"homePage": django_settings.XAPI_BASE_URL, "name": account_name}}
            params["agent"] = json.dumps(agent)
        url = f"{self.endpoint}/statements/?{urllib.parse.urlencode(params)}"
        found = []
        while url:
            data = json.loads(self.request("GET", url))
            found += data["statements"]
            more = data.get("more")
            url = f"http://127.0.0.1:{self.port}{more}" if more else None
        return found

    def request(self, method: str, url: str, body=None) -> str:
        credentials = b64encode(f"{KEY}:{SECRET}".encode()).decode()
        request = urllib.request.Request(  # noqa: S310 (a loopback test server)
            url,
            method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={
                "Authorization": f"Basic {credentials}",
                "X-Experience-API-Version": "1.0.3",
                "Content-Type": "application/json",
            },
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.read().decode()


def _wait_until_up(ralph: Ralph) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if ralph.process.poll() is not None:
            raise RuntimeError(f"Ralph stopped at start:\n{ralph.log.read_text()[-3000:]}")
        try:
            url = f"http://127.0.0.1:{ralph.port}/__heartbeat__"
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"Ralph did not answer in 60 s:\n{ralph.log.read_text()[-3000:]}")


@pytest.fixture
def ralph(tmp_path_factory):
    """Ralph's LRS on a free loopback port, empty: its statements in a folder of this
    test's (statement ids come from database ids, which the next test uses again)."""
    if not os.access(RALPH_BIN, os.X_OK):
        reason = f"{RALPH_BIN} is missing: `make ralph` installs Ralph in .venv-ralph"
        if os.environ.get("REQUIRE_LRS") == "1":
            pytest.fail(f"REQUIRE_LRS=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("ralph")
    (folder / "data").mkdir()
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "RALPH_APP_DIR": str(folder / "app"),
        "RALPH_AUTH_FILE": str(folder / "auth.json"),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data"),
    }
    # The LRS's user (bcrypt-hashed in the auth file): the platform's key and secret.
    subprocess.run(  # noqa: S603
        [
            str(RALPH_BIN),
            "auth",
            "--username",
            KEY,
            "--password",
            SECRET,
            "--scope",
            "all",
            "--agent-ifi-account",
            KEY,
            django_settings.XAPI_BASE_URL,
            "--write-to-disk",
        ],
        env=env,
        cwd=folder,
        check=True,
        capture_output=True,
    )
    port = free_port()
    log = folder / "ralph.log"
    with log.open("w") as out:
        process = subprocess.Popen(  # noqa: S603
            [str(RALPH_BIN.parent / "python"), str(Path(__file__).with_name("ralph_lrs.py"))]
            + ["127.0.0.1", str(port)],
            env=env,
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Ralph(process=process, port=port, log=log)
    try:
        _wait_until_up(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def lrs(ralph, settings):
    """The platform configured to send to Ralph."""
    settings.XAPI_LRS_ENDPOINT = ralph.endpoint
    settings.XAPI_LRS_KEY = KEY
    settings.XAPI_LRS_SECRET = SECRET
    return ralph


@pytest.fixture
def dead_lrs(settings):
    """An LRS that does not answer: a loopback port nobody listens on."""
    settings.XAPI_LRS_ENDPOINT = f"http://127.0.0.1:{free_port()}/xAPI"
    settings.XAPI_LRS_KEY = KEY
    settings.XAPI_LRS_SECRET = SECRET
    return settings.XAPI_LRS_ENDPOINT

"""What the benchmarks under bench/ share.

- a dedicated PostgreSQL database (created, migrated, dropped) and a Redis database
  (flushed) so that a benchmark never touches anyone's data;
- running Django code in a subprocess with the benchmark's environment (`django_call`);
- gunicorn with the production settings on a free loopback port (`Gunicorn`);
- a signed-in learner's session made directly in the session store (`session_key_for`);
- a bounded load generator: a fixed number of keep-alive connections for a fixed time
  (`load_round`), run in a few client processes so that the client's GIL is not the limit.

Only the standard library is imported at module level; psycopg and redis come from the
project's virtualenv when they are needed. Nothing here talks to anything but 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import multiprocessing
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "bench"
OUT_DIR = BENCH_DIR / "out"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
LOOPBACK = "127.0.0.1"
RESULT_MARKER = "BENCH_RESULT "


# --- Environment ---------------------------------------------------------------------


def bench_env(*, database_url: str, redis_url: str, extra: dict[str, str] | None = None) -> dict:
    """The environment of every process a benchmark starts: production settings on
    plain-HTTP loopback. A `.env` file, if any, cannot override these (read_env does
    not overwrite variables that are already set)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTHONPATH"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
            "ALLOWED_HOSTS": f"{LOOPBACK},localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "EMAIL_URL": "consolemail://",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }
    )
    env.update(extra or {})
    return env


def parse_env_pairs(pairs: list[str]) -> dict[str, str]:
    """`--env KEY=VALUE` options."""
    result = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise SystemExit(f"--env expects KEY=VALUE, got {pair!r}")
        result[key] = value
    return result


def _check_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in {LOOPBACK, "localhost", "::1"}:
        raise SystemExit(f"Benchmarks only talk to loopback; refusing {url!r}.")


# --- PostgreSQL and Redis ------------------------------------------------------------


def _database_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    # A benchmark drops its database: never let a typo point that at real data.
    if not name.startswith("bench"):
        raise SystemExit(f"The benchmark database's name must start with 'bench' (got {name!r}).")
    return name


def _maintenance_connection(url: str):
    import psycopg

    parts = urlsplit(url)
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


def database_create(url: str) -> None:
    """Drop (if left over) and create the benchmark database."""
    _check_loopback(url)
    name = _database_name(url)
    with _maintenance_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_drop(url: str) -> None:
    name = _database_name(url)
    with _maintenance_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def redis_flush(url: str) -> None:
    """Empty the benchmark's Redis database, and only that one (never db 0)."""
    import redis

    _check_loopback(url)
    db = urlsplit(url).path.lstrip("/")
    if not db.isdigit() or int(db) == 0:
        raise SystemExit(f"REDIS_URL must name a database other than 0 (got {url!r}).")
    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


# --- Django in a subprocess ----------------------------------------------------------


def bench_state_drop(database_url: str, redis_url: str) -> None:
    """At a benchmark's end: drop its database and empty its Redis database; a failure is
    reported, never raised (it must not hide the benchmark's own error)."""
    try:
        database_drop(database_url)
        redis_flush(redis_url)
    except Exception as error:  # noqa: BLE001 - report, do not hide the real error
        print(f"cleanup failed: {error!r}", file=sys.stderr)


def run_main(main) -> None:
    """`sys.exit(main())`, with Ctrl-C ending quietly (main's own clean-up has run)."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("\ninterrupted; gunicorn stopped and the benchmark database dropped", file=sys.stderr)
        sys.exit(130)


def manage(*args: str, env: dict, timeout: float = 600) -> str:
    """`manage.py <args>` with the benchmark's environment; raises with its output."""
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode:
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
    return result.stdout


# bench/ goes last on the path: a script named like an app (bench/certificates.py) must not
# shadow the app itself when Django imports it.
_BOOT = f"""
import importlib, json, sys
sys.path.append({str(BENCH_DIR)!r})
import django
django.setup()
module, func, kwargs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
result = getattr(importlib.import_module(module), func)(**kwargs)
print({RESULT_MARKER!r} + json.dumps(result), flush=True)
"""


def django_call(module: str, func: str, *, env: dict, timeout: float = 600, **kwargs):
    """Call `module.func(**kwargs)` (a module under bench/) in a fresh Django process with
    `env`; returns its JSON-serialisable result."""
    result = subprocess.run(
        [PYTHON, "-c", _BOOT, module, func, json.dumps(kwargs)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith(RESULT_MARKER)]
    if result.returncode or not lines:
        raise RuntimeError(
            f"{module}.{func} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
        )
    return json.loads(lines[-1][len(RESULT_MARKER) :])


def prepare_database(*, env: dict, collectstatic: bool = True) -> None:
    """Create, migrate and flush the benchmark's stores; collect static files.

    config/settings/base.py sets STATIC_ROOT = BASE_DIR / "staticfiles" with no
    environment override, so collectstatic writes to the git-ignored `staticfiles/`.
    """
    database_create(env["DATABASE_URL"])
    redis_flush(env["REDIS_URL"])
    manage("migrate", "--noinput", "-v0", env=env)
    if collectstatic:
        # CompressedManifestStaticFilesStorage needs its manifest, or every page 500s.
        # Collecting and compressing takes ~30 s, so only when a source file is newer.
        django_call("_common", "collectstatic_if_stale", env=env)


def collectstatic_if_stale(*, force: bool = False) -> dict:
    """Django side: run collectstatic unless the manifest is newer than every source file."""
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    newest = 0.0
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):  # collectstatic's defaults
            newest = max(newest, os.path.getmtime(storage.path(path)))
    stale = force or not manifest.exists() or manifest.stat().st_mtime < newest
    if stale:
        call_command("collectstatic", interactive=False, verbosity=0)
    return {"collected": stale}


def session_key_for(user) -> str:
    """Django side: a signed-in session for `user` in the configured session store, as
    `django.contrib.auth.login` would leave it. Returns the session key (the cookie)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store = import_string(settings.SESSION_ENGINE + ".SessionStore")()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save(must_create=True)
    return store.session_key


# --- gunicorn ------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOOPBACK, 0))
        return s.getsockname()[1]


class Gunicorn:
    """`gunicorn config.wsgi` in its own process group on a free loopback port.

    Use as a context manager: the whole group is stopped on exit, also on Ctrl-C or an
    exception. Its output goes to a log file whose tail is shown if it fails to start.
    """

    def __init__(
        self,
        *,
        env: dict,
        workers: int = 2,
        app: str = "config.wsgi",
        extra_args: tuple[str, ...] = (),
    ):
        self.env = env
        self.app = app
        self.workers = workers
        self.extra_args = extra_args
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            prefix="bench-gunicorn-", suffix=".log", delete=False
        )

    def __enter__(self) -> Gunicorn:
        self.port = free_port()
        self.proc = subprocess.Popen(
            [
                GUNICORN,
                self.app,
                "--workers",
                str(self.workers),
                "--bind",
                f"{LOOPBACK}:{self.port}",
                "--log-level",
                "warning",
                *self.extra_args,
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: we stop master and workers
        )
        try:
            self._wait_healthy(timeout=60)
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _wait_healthy(self, *, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}):\n{self.log_tail()}")
            with contextlib.suppress(OSError, http.client.HTTPException):
                status, body, _ = http_get(self.port, "/healthz", timeout=2)
                if status == 200 and body == b"ok":
                    return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer /healthz in {timeout} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=5)

    def log_tail(self, chars: int = 4000) -> str:
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-chars:]


# --- HTTP ----------------------------------------------------------------------------


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def http_get(port: int, path: str, *, cookies: dict | None = None, timeout: float = 10):
    """One GET; returns (status, body, headers)."""
    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
    try:
        headers = {"Cookie": cookie_header(cookies)} if cookies else {}
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.read(), response.headers
    finally:
        conn.close()


def http_post(port: int, path: str, *, data: dict, cookies: dict, headers: dict | None = None):
    from urllib.parse import urlencode

    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=10)
    try:
        conn.request(
            "POST",
            path,
            body=urlencode(data),
            headers={
                "Cookie": cookie_header(cookies),
                "Content-Type": "application/x-www-form-urlencoded",
                **(headers or {}),
            },
        )
        response = conn.getresponse()
        return response.status, response.read(), response.headers
    finally:
        conn.close()


def set_cookies(headers) -> dict[str, str]:
    """The name=value pairs of a response's Set-Cookie headers."""
    result = {}
    for header in headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        result[name.strip()] = rest.split(";", 1)[0]
    return result


# --- Load ----------------------------------------------------------------------------


@dataclass
class RoundResult:
    target: str
    seconds: float
    requests: int  # answered with 200
    errors: int  # any other status, or a failed connection
    rps: float
    p50_ms: float
    p95_ms: float
    statuses: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    client_cpu_s: float = 0.0
    load1: float = 0.0  # the machine's 1-minute load average after the round

    @property
    def client_cpu_pct(self) -> float:
        """The load generator's CPU use, in % of one core."""
        return 100 * self.client_cpu_s / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return asdict(self)


# Per-round safety net on top of the duration, per connection.
MAX_REQUESTS_PER_CONNECTION = 1_000_000


def _connection_loop(port, path, headers, deadline, out, lock):
    ok = errors = 0
    latencies: list[float] = []
    statuses: Counter = Counter()
    samples: list[str] = []
    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=10)
    for _ in range(MAX_REQUESTS_PER_CONNECTION):
        start = time.perf_counter()
        if start >= deadline:
            break
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.will_close:
                conn.close()  # sync gunicorn workers close after each response
        except (OSError, http.client.HTTPException) as error:
            conn.close()
            errors += 1
            statuses[type(error).__name__] += 1
            if len(samples) < 3:
                samples.append(repr(error))
            time.sleep(0.01)
            continue
        latencies.append(time.perf_counter() - start)
        statuses[str(status)] += 1
        if status == 200:
            ok += 1
        else:
            errors += 1
            if len(samples) < 3:
                samples.append(f"HTTP {status} for {path}")
    conn.close()
    with lock:
        out["ok"] += ok
        out["errors"] += errors
        out["latencies"].extend(latencies)
        out["statuses"].update(statuses)
        out["samples"].extend(samples)


def _client_process(port, path, headers, deadline, connections):
    out = {"ok": 0, "errors": 0, "latencies": [], "statuses": Counter(), "samples": []}
    lock = threading.Lock()
    cpu_start = time.process_time()
    threads = [
        threading.Thread(target=_connection_loop, args=(port, path, headers, deadline, out, lock))
        for _ in range(connections)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out["cpu"] = time.process_time() - cpu_start
    return out


def load_round(
    *,
    port: int,
    target: str,
    path: str,
    cookies: dict | None = None,
    duration: float = 5.0,
    connections: int = 8,
    processes: int = 2,
    pool=None,
) -> RoundResult:
    """GET `path` over `connections` concurrent keep-alive connections (spread over
    `processes` client processes) for `duration` seconds; every request counts."""
    headers = {"Cookie": cookie_header(cookies)} if cookies else {}
    processes = max(1, min(processes, connections))
    split = [connections // processes + (i < connections % processes) for i in range(processes)]
    start = time.perf_counter()
    # Each process measures against the same wall-clock deadline (time.time is shared).
    deadline_wall = time.time() + duration
    futures = [
        pool.apply_async(_client_process_wall, (port, path, headers, deadline_wall, n))
        for n in split
    ]
    parts = [f.get(timeout=duration + 60) for f in futures]
    seconds = time.perf_counter() - start
    latencies = sorted(x for p in parts for x in p["latencies"])
    ok = sum(p["ok"] for p in parts)
    statuses: Counter = Counter()
    for p in parts:
        statuses.update(p["statuses"])
    return RoundResult(
        target=target,
        seconds=round(seconds, 3),
        requests=ok,
        errors=sum(p["errors"] for p in parts),
        rps=ok / seconds if seconds else 0.0,
        p50_ms=1000 * _percentile(latencies, 50),
        p95_ms=1000 * _percentile(latencies, 95),
        statuses=dict(statuses),
        error_samples=[s for p in parts for s in p["samples"]][:5],
        client_cpu_s=round(sum(p["cpu"] for p in parts), 3),
        load1=round(os.getloadavg()[0], 2),
    )


def _client_process_wall(port, path, headers, deadline_wall, connections):
    # Convert the shared wall-clock deadline into this process's monotonic clock.
    deadline = time.perf_counter() + max(0.0, deadline_wall - time.time())
    return _client_process(port, path, headers, deadline, connections)


def client_pool(processes: int):
    """The client processes, started once (fork) and reused by every round."""
    return multiprocessing.get_context("fork").Pool(processes, initializer=_client_init)


def _client_init() -> None:
    # Ctrl-C is the main process's to handle (it terminates the pool); SIGTERM kills.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _terminate(signum, frame):
    raise SystemExit(128 + signum)


def stop_cleanly_on_signals() -> None:
    """Ctrl-C and `kill` both unwind the benchmark's try/finally blocks, so that gunicorn
    is stopped and the database dropped (also when started from a script, where an
    inherited "ignore SIGINT" would otherwise leave everything running)."""
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGHUP, _terminate)


def _percentile(sorted_values: list[float], pct: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, round(pct / 100 * (len(sorted_values) - 1)))
    return sorted_values[index]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def write_json(name: str, data: dict) -> Path:
    OUT_DIR.mkdir(exist_ok=True)
    path = OUT_DIR / name
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    return path


def machine_info() -> dict:
    import platform

    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }

"""Two app servers, two task workers, one PostgreSQL, one Redis, under locust; one app server
and one worker killed mid-run; then the data is checked.

    .venv/bin/python bench/cluster.py                       # 40 users, 60 s, kill at 25 s
    .venv/bin/python bench/cluster.py --users 100 --duration 120 --kill-at 40
    .venv/bin/python bench/cluster.py --no-kill             # the same without the faults

Everything talks to 127.0.0.1 only: a `bench_reliability` PostgreSQL database (created and
dropped), Redis database 15 (cache and sessions, key prefix `bench-cluster`), gunicorn with the
production settings, `manage.py db_worker`. Media and private files go to one temporary
folder shared by every process, as an S3 bucket would be.

After the run, the workers are given time to finish every queued task; tasks the killed
worker left RUNNING are put back to READY (what an operator does; django-tasks-db does not
yet reclaim them itself) and the surviving worker runs them. Then: every completion must have
exactly one certificate, with its PDF; no lesson marked done twice; every submitted quiz
attempt graded (when the quizzes app is present).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    OUT_DIR,
    PYTHON,
    ROOT,
    Gunicorn,
    bench_env,
    database_drop,
    django_call,
    machine_info,
    prepare_database,
    redis_flush,
    stop_cleanly_on_signals,
    write_json,
)

DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_reliability"
REDIS_URL = "redis://127.0.0.1:6379/15"
LOCUST = str(Path(sys.executable).parent / "locust")


class Worker:
    """`manage.py db_worker` in its own process group."""

    def __init__(self, *, env: dict, name: str):
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            prefix=f"bench-{name}-", suffix=".log", delete=False
        )
        self.proc = subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--interval", "0.5"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


def kill_gunicorn(server: Gunicorn) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(server.proc.pid, signal.SIGKILL)
    server.proc.wait(timeout=10)


def read_locust_stats(prefix: Path) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def print_table(rows: list[dict]) -> None:
    header = f"{'route':<40} {'requests':>8} {'fails':>6} {'rps':>6} {'p50 ms':>7} {'p95 ms':>7}"
    print(header)
    print("-" * len(header))
    for row in rows:
        print(
            f"{row['Type'] + ' ' + row['Name']:<40.40} {row['Request Count']:>8} "
            f"{row['Failure Count']:>6} {float(row['Requests/s']):>6.1f} "
            f"{row['50%']:>7} {row['95%']:>7}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--spawn-rate", type=float, default=20)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--kill-at", type=int, default=25, help="seconds into the run")
    parser.add_argument("--no-kill", action="store_true")
    parser.add_argument("--web-workers", type=int, default=2, help="gunicorn workers each")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    stop_cleanly_on_signals()

    shared = Path(tempfile.mkdtemp(prefix="bench-cluster-files-"))
    env = bench_env(
        database_url=DATABASE_URL,
        redis_url=REDIS_URL,
        extra={
            "CACHE_KEY_PREFIX": "bench-cluster",
            "MEDIA_ROOT": str(shared / "media"),
            "PRIVATE_MEDIA_ROOT": str(shared / "private"),
            "CERTIFICATE_VERIFY_RATE_LIMIT": "100000",
            # Behind the (pretend) load balancer: client addresses from X-Forwarded-For, so
            # the sign-in rate limits count each simulated person, not the one loopback.
            "TRUSTED_PROXY_COUNT": "1",
        },
    )
    print("Preparing the database (migrate, load_demo, accounts)…", flush=True)
    t0 = time.monotonic()
    prepare_database(env=env)
    managers = max(1, args.users // 10)
    seed = django_call(
        "_cluster_side", "seed", env=env, learners=args.users, managers=managers, timeout=1800
    )
    seed_file = shared / "seed.json"
    seed_file.write_text(json.dumps(seed))
    print(f"  ready in {time.monotonic() - t0:.0f} s: {args.users} learners, {managers} managers")

    workers = [Worker(env=env, name="worker-a"), Worker(env=env, name="worker-b")]
    events: list[str] = []
    try:
        with (
            Gunicorn(env=env, workers=args.web_workers) as a,
            Gunicorn(env=env, workers=args.web_workers) as b,
        ):
            hosts = [f"http://127.0.0.1:{a.port}", f"http://127.0.0.1:{b.port}"]
            print(f"App servers {hosts}, workers {[w.proc.pid for w in workers]}", flush=True)
            OUT_DIR.mkdir(exist_ok=True)
            prefix = OUT_DIR / "cluster"
            locust = subprocess.Popen(
                [
                    LOCUST,
                    "-f",
                    str(ROOT / "bench" / "locustfile.py"),
                    "--headless",
                    "--users",
                    str(args.users),
                    "--spawn-rate",
                    str(args.spawn_rate),
                    "--run-time",
                    f"{args.duration}s",
                    "--host",
                    hosts[0],
                    "--csv",
                    str(prefix),
                    "--only-summary",
                    "--loglevel",
                    "WARNING",
                ],
                cwd=ROOT,
                env={**env, "BENCH_HOSTS": ",".join(hosts), "BENCH_SEED": str(seed_file)},
            )
            started = time.monotonic()

            def faults():
                time.sleep(args.kill_at)
                if locust.poll() is None:
                    kill_gunicorn(a)
                    events.append(f"{time.monotonic() - started:.1f} s: killed gunicorn {hosts[0]}")
                    workers[0].kill()
                    events.append(
                        f"{time.monotonic() - started:.1f} s: killed worker {workers[0].proc.pid}"
                    )

            if not args.no_kill:
                threading.Thread(target=faults, daemon=True).start()
            locust.wait(timeout=args.duration + 600)
            print("\n".join(events))
            stats = read_locust_stats(prefix)

        # The surviving worker finishes the queue, including what the killed one held.
        reset = 0
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            left = django_call("_cluster_side", "running_tasks", env=env)
            if not left:
                break
            if workers[0].proc.poll() is not None and not reset:
                reset = django_call("_cluster_side", "reset_stale_running_tasks", env=env)
            time.sleep(3)
        checks = django_call("_cluster_side", "checks", env=env)
    finally:
        for worker in workers:
            worker.stop()

    print()
    print(f"users {args.users}, {args.duration} s, two app servers x {args.web_workers} workers")
    print_table(stats)
    print()
    print(f"tasks the killed worker left RUNNING, put back to READY: {reset}")
    for key, value in checks.items():
        print(f"{key:<45} {value}")
    write_json(
        "cluster",
        {
            "machine": machine_info(),
            "args": vars(args),
            "events": events,
            "stats": stats,
            "stale_tasks_reset": reset,
            "checks": checks,
        },
    )
    problems = [
        key
        for key in (
            "completions_without_exactly_one_certificate",
            "certificates_without_pdf",
            "duplicated_step_completions",
            "attempts_submitted_not_graded",
            "duplicated_quiz_results",
        )
        if checks.get(key)
    ]
    failures = sum(int(r["Failure Count"]) for r in stats if r["Name"] == "Aggregated")
    if not args.keep_db:
        database_drop(DATABASE_URL)
        redis_flush(REDIS_URL)
    if problems or failures:
        print(f"\nPROBLEMS: {problems} failures: {failures}")
        sys.exit(1)


if __name__ == "__main__":
    main()

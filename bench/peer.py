"""Side by side with wagtail-lms, the nearest open-source peer, under the same load.

    .venv/bin/python bench/peer.py                  # 3 rounds × 10 s per route and app
    .venv/bin/python bench/peer.py --quick          # 1 round × 2 s
    .venv/bin/python bench/peer.py --peer-dir /tmp/peer --rounds 5

The peer is the harness in ../shared/peer-bench (wagtail-lms 0.11.1, a `wagtail start`
site, SQLite, a course of 20 H5P lessons, a signed-in learner): copied to --peer-dir
(default bench/out/peer), its virtualenv made with the pinned constraints and its database
reset, as its RUN.md says; an existing copy with a venv is reused. Ours is the setup of
bench/landing.py (PostgreSQL + Redis, a course of 40 lessons, production settings).

Both run under gunicorn with 2 sync workers on loopback. After a 2 s warm-up per route,
each round loads, for each app in turn, /healthz, the course page and a lesson page (the
signed-in learner) and the home page (anonymous) with `wrk -t1 -c4 -d10s`. Reported per
route: each app's median requests per second, each app's ratio to its own /healthz, and
ours ÷ peer. Non-2xx answers are counted; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402
from _wrk import wrk_available, wrk_round  # noqa: E402

HARNESS = common.ROOT.parent / "shared" / "peer-bench"
ROUTES = ("healthz", "course", "lesson", "home")
OURS = {  # route → page name in bench/_landing_side.py's seed
    "course": "course (learner)",
    "lesson": "lesson (learner)",
    "home": "home (anonymous)",
}
PEER = {
    "healthz": ("/healthz", False),
    "course": ("/bench-course/", True),
    "lesson": ("/bench-course/lesson-001/", True),
    "home": ("/", False),
}


def _parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--peer-dir", default=str(common.ROOT / "bench" / "out" / "peer"))
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/bench_peer")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--json", default="peer.json")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.duration, args.warmup = 1, 2.0, 1.0
    return args


def peer_prepare(directory: Path) -> None:
    """The harness copied, its venv installed and its database reset (RUN.md)."""
    if not (directory / "venv" / "bin" / "gunicorn").exists():
        if directory.exists():
            shutil.rmtree(directory)
        shutil.copytree(HARNESS, directory)
        subprocess.run([sys.executable, "-m", "venv", "venv"], cwd=directory, check=True)
        subprocess.run(
            [
                "venv/bin/pip",
                "install",
                "-q",
                "-c",
                "constraints-from-peer-wlms.txt",
                "wagtail-lms==0.11.1",
                "gunicorn",
                "whitenoise",
            ],
            cwd=directory,
            check=True,
        )
    subprocess.run(["scripts/reset_db.sh"], cwd=directory, check=True, capture_output=True)


class PeerServer:
    """The peer under gunicorn (2 sync workers), as its scripts/bench.sh starts it."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = common.free_port()
        self.proc = None

    def __enter__(self):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "mysite.settings.bench"}
        self.session = subprocess.run(
            ["venv/bin/python", "scripts/get_cookie.py"],
            cwd=self.directory,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        self.proc = subprocess.Popen(
            [
                "venv/bin/gunicorn",
                "mysite.wsgi:application",
                "--chdir",
                str(self.directory / "mysite"),
                "-w",
                "2",
                "-k",
                "sync",
                "-b",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
            ],
            cwd=self.directory,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if common.http_get(self.port, "/healthz", timeout=2)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("the peer did not answer /healthz")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=15)


def main(argv=None) -> int:
    args = _parse_args(argv)
    if not wrk_available():
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    common.stop_cleanly_on_signals()
    peer_dir = Path(args.peer_dir)
    t = time.monotonic()
    peer_prepare(peer_dir)
    print(f"peer ready in {peer_dir} ({time.monotonic() - t:.0f} s)")
    env = common.bench_env(database_url=args.database_url, redis_url=args.redis_url)
    try:
        common.prepare_database(env=env)
        seeded = common.django_call(
            "_landing_side",
            "seed",
            env=env,
            timeout=1800,
            modules=5,
            lessons=8,
            done=12,
            enrolments=2,
            cases=0,
        )
        print(f"ours seeded: a course of {seeded['lessons']} lessons and a quiz")
        with common.Gunicorn(env=env, workers=2) as ours, PeerServer(peer_dir) as peer:
            apps = {
                "ours": (
                    ours.port,
                    f"sessionid={seeded['session_key']}",
                    {
                        "healthz": ("/healthz", False),
                        **{
                            route: (
                                seeded["pages"][name]["path"],
                                seeded["pages"][name]["signed_in"],
                            )
                            for route, name in OURS.items()
                        },
                    },
                ),
                "wagtail-lms": (peer.port, f"sessionid={peer.session}", PEER),
            }
            for app, (port, cookie, routes) in apps.items():
                for route, (path, signed_in) in routes.items():
                    cookies = dict([cookie.split("=", 1)]) if signed_in else None
                    status = common.http_get(port, path, cookies=cookies)[0]
                    print(f"  {app:<12} {route:<8} {path}  HTTP {status}")
                    wrk_round(
                        url=f"http://127.0.0.1:{port}{path}",
                        target=route,
                        duration=args.warmup,
                        cookie=cookie if signed_in else None,
                    )
            results = {app: {route: [] for route in ROUTES} for app in apps}
            for round_no in range(args.rounds):
                for app, (port, cookie, routes) in apps.items():
                    for route in ROUTES:
                        path, signed_in = routes[route]
                        result = wrk_round(
                            url=f"http://127.0.0.1:{port}{path}",
                            target=route,
                            duration=args.duration,
                            cookie=cookie if signed_in else None,
                        )
                        results[app][route].append(result)
                        print(
                            f"  round {round_no + 1} {app:<12} {route:<8} {result.rps:8.1f} rps"
                            f"  non-2xx {result.non_2xx}  load {result.load1:.1f}"
                        )
        print(
            f"\nwrk -t1 -c4 -d{round(args.duration)}s, gunicorn 2 sync workers each, "
            f"{args.rounds} alternating round(s); medians\n"
        )
        print(
            "| route | wagtail-lms rps | ÷ its healthz | ours rps | ÷ our healthz | ours ÷ peer |"
        )
        print("|---|---|---|---|---|---|")
        medians = {
            app: {route: common.median([r.rps for r in rounds]) for route, rounds in by.items()}
            for app, by in results.items()
        }
        rows = []
        for route in ROUTES:
            peer_rps, our_rps = medians["wagtail-lms"][route], medians["ours"][route]
            row = {
                "route": route,
                "peer_rps": peer_rps,
                "peer_ratio": peer_rps / medians["wagtail-lms"]["healthz"],
                "ours_rps": our_rps,
                "ours_ratio": our_rps / medians["ours"]["healthz"],
                "ours_over_peer": our_rps / peer_rps if peer_rps else 0.0,
                "non_2xx": sum(r.non_2xx for app in results for r in results[app][route]),
            }
            rows.append(row)
            print(
                f"| {route} | {peer_rps:,.1f} | {row['peer_ratio']:.3f} | {our_rps:,.1f} "
                f"| {row['ours_ratio']:.3f} | {row['ours_over_peer']:.1f}× |"
            )
        print(
            "\n(peer: a 20-lesson course on SQLite; ours: a 40-lesson course on PostgreSQL + Redis)"
        )
        if args.json:
            path = common.write_json(
                args.json,
                {
                    "benchmark": "peer",
                    "machine": common.machine_info(),
                    "rows": rows,
                    "rounds": {
                        app: {route: [r.as_dict() for r in rs] for route, rs in by.items()}
                        for app, by in results.items()
                    },
                },
            )
            print(f"wrote {path.relative_to(common.ROOT)}")
        return 1 if any(row["non_2xx"] for row in rows) else 0
    finally:
        common.database_drop(args.database_url)
        common.redis_flush(args.redis_url)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)

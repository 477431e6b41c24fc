"""Every page a learner lands on against /healthz, under wrk, with its query count.

    .venv/bin/python bench/landing.py                 # 3 rounds × 5 s per page, 10,000 cases
    .venv/bin/python bench/landing.py --quick         # smoke run (~2 min)
    .venv/bin/python bench/landing.py --pages course,lesson --rounds 5 --duration 10

Builds a dedicated PostgreSQL database (bench_landing) and uses Redis db 15 for cache and
sessions; seeds the benchmark course of bench/pages.py (5 modules × 8 lessons) with a
quiz, a learner with 20 enrolments (one completed, with its certificate), and 10,000
cases in the case-law library; starts gunicorn with the production settings (2 sync
workers). Then, in each round, for each page: a wrk round on /healthz and one on the page
(`wrk -t1 -c4`, the load of the peer harness), so each page's ratio pairs it with the
healthz round just before it (median over rounds). The query count of each page is one
warm request through Django's test client against the same database and cache.

Goals are those of issue 15; they are reported, never asserted. Exit status 1 when a page
does not answer 200 or a round has non-2xx responses.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402
from _wrk import wrk_available, wrk_round  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_landing"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"

# Page: (short name for --pages, goal as a ratio to /healthz, ratio before issue 15).
PAGES = {
    "course (learner)": ("course", 0.25, "0.027"),
    "lesson (learner)": ("lesson", 0.3, "0.24"),
    "home (anonymous)": ("home", 0.5, "0.063"),
    "home (signed in)": ("home-in", None, "—"),
    "catalogue (anonymous)": ("catalogue", 0.5, "0.063"),
    "My learning (learner)": ("learning", 0.25, "not measured"),
    "case law (anonymous)": ("caselaw", 0.15, "5.3 rps at 3,000"),
    "case-law search (anonymous)": ("search", 0.1, "not measured"),
    "quiz start (learner)": ("quiz", 0.25, "not measured"),
    "verify (anonymous)": ("verify", 0.25, "not measured"),
}


def _parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default="", help="comma-separated short names; all if empty")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per wrk round")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of warm-up per page")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--modules", type=int, default=5)
    parser.add_argument("--lessons", type=int, default=8)
    parser.add_argument("--done", type=int, default=12)
    parser.add_argument("--enrolments", type=int, default=20)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--json", default="landing.json", help="file under bench/out/")
    parser.add_argument("--quick", action="store_true", help="short smoke run")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.duration, args.warmup = 1, 2.0, 1.0
        args.modules, args.lessons, args.done, args.enrolments, args.cases = 2, 4, 2, 4, 200
    wanted = {x.strip() for x in args.pages.split(",") if x.strip()}
    known = {short for short, _goal, _before in PAGES.values()}
    if wanted - known:
        parser.error(f"unknown pages {sorted(wanted - known)}; known: {sorted(known)}")
    args.selected = [name for name, (short, *_r) in PAGES.items() if not wanted or short in wanted]
    return args


def seed(args, env) -> dict:
    return common.django_call(
        "_landing_side",
        "seed",
        env=env,
        timeout=3600,
        modules=args.modules,
        lessons=args.lessons,
        done=args.done,
        enrolments=args.enrolments,
        cases=args.cases,
    )


def main(argv=None) -> int:
    args = _parse_args(argv)
    if not wrk_available():
        print("wrk is missing: apt-get install wrk", file=sys.stderr)
        return 2
    common.stop_cleanly_on_signals()
    env = common.bench_env(
        database_url=args.database_url,
        redis_url=args.redis_url,
        # The load tool is one address: the verify page's per-address limit (30 a
        # minute against enumeration) would answer it 429. The limit's own cost (one
        # cache increment) is still paid on every request.
        extra={"CERTIFICATE_VERIFY_RATE_LIMIT": "100000000"},
    )
    started = time.monotonic()
    try:
        common.prepare_database(env=env)
        t = time.monotonic()
        seeded = seed(args, env)
        print(
            f"seeded: course of {seeded['lessons']} lessons and a quiz, learner with "
            f"{seeded['enrolments']} enrolments, {seeded['cases']} cases "
            f"({time.monotonic() - t:.0f} s)"
        )
        pages = {name: seeded["pages"][name] for name in args.selected if name in seeded["pages"]}
        cookie = f"sessionid={seeded['session_key']}"
        query_env = {**env, "ALLOWED_HOSTS": env["ALLOWED_HOSTS"] + ",testserver"}
        with common.Gunicorn(env=env, workers=args.workers) as server:
            base = f"http://127.0.0.1:{server.port}"
            problems = []
            for name, page in pages.items():
                cookies = {"sessionid": seeded["session_key"]} if page["signed_in"] else None
                status, _body, _ = common.http_get(server.port, page["path"], cookies=cookies)
                print(f"  {name:<30} {page['path']}  HTTP {status}")
                if status != 200:
                    problems.append(f"{name}: HTTP {status}")
            if problems:
                print(server.log_tail())
                return 1
            queries = common.django_call(
                "_landing_side",
                "query_counts",
                env=query_env,
                pages=pages,
                session_key=seeded["session_key"],
            )

            def load(name, path, duration, signed_in):
                return wrk_round(
                    url=base + path,
                    target=name,
                    duration=duration,
                    cookie=cookie if signed_in else None,
                    connections=args.connections,
                )

            for name, page in pages.items():  # warm-up: both workers, every page
                load(name, page["path"], args.warmup, page["signed_in"])
            results = []
            for round_no in range(args.rounds):
                for name, page in pages.items():
                    healthz = load("healthz", "/healthz", args.duration, False)
                    result = load(name, page["path"], args.duration, page["signed_in"])
                    results += [healthz, result]
                    print(
                        f"  round {round_no + 1} {name:<30} {result.rps:8.1f} rps"
                        f"  healthz {healthz.rps:8.1f}  ratio {result.rps / healthz.rps:.3f}"
                        f"  non-2xx {result.non_2xx}  load {result.load1:.1f}"
                    )
            server_log = server.log_tail(2000)

        rows = []
        for name in pages:
            paired = [
                r.rps / results[i - 1].rps
                for i, r in enumerate(results)
                if r.target == name and results[i - 1].rps
            ]
            short, goal, before = PAGES[name]
            rows.append(
                {
                    "page": name,
                    "rps": common.median([r.rps for r in results if r.target == name]),
                    "ratio": common.median(paired),
                    "rounds": paired,
                    "goal": goal,
                    "before": before,
                    "queries": queries[name]["queries"],
                    "non_2xx": sum(r.non_2xx for r in results if r.target == name),
                }
            )
        healthz = common.median([r.rps for r in results if r.target == "healthz"])
        print(
            f"\n/healthz: {healthz:.0f} rps (median); machine load "
            f"{min(r.load1 for r in results):.1f}–{max(r.load1 for r in results):.1f} "
            f"on {common.machine_info()['cpus']} CPUs; wrk -t1 -c{args.connections} "
            f"-d{args.duration:g}s, {args.rounds} round(s)\n"
        )
        print(
            f"| {'page':<30} | {'rps':>7} | {'÷ healthz':>9} | {'before':>16} | {'goal':>5} "
            f"| {'met':>4} | {'queries':>7} |"
        )
        print(f"|{'-' * 32}|{'-' * 9}|{'-' * 11}|{'-' * 18}|{'-' * 7}|{'-' * 6}|{'-' * 9}|")
        for row in rows:
            goal = f"{row['goal']:.2f}" if row["goal"] else "—"
            met = "—" if not row["goal"] else ("yes" if row["ratio"] >= row["goal"] else "NO")
            print(
                f"| {row['page']:<30} | {row['rps']:>7.0f} | {row['ratio']:>9.3f} "
                f"| {row['before']:>16} | {goal:>5} | {met:>4} | {row['queries']:>7} |"
            )
        bad = sum(row["non_2xx"] for row in rows)
        if bad:
            print(f"\nnon-2xx responses: {bad}")
        if "Traceback" in server_log or "[ERROR]" in server_log:
            print("gunicorn log (tail):\n" + server_log)
        print(f"\ntotal {time.monotonic() - started:.0f} s")
        if args.json:
            path = common.write_json(
                args.json,
                {
                    "benchmark": "landing",
                    "machine": common.machine_info(),
                    "settings": {
                        k: v
                        for k, v in vars(args).items()
                        if k not in {"database_url", "redis_url"}
                    },
                    "healthz_median_rps": healthz,
                    "pages": rows,
                    "queries": queries,
                    "rounds": [r.as_dict() for r in results],
                },
            )
            print(f"wrote {path.relative_to(common.ROOT)}")
        return 1 if bad else 0
    finally:
        if not args.keep_db:
            common.bench_state_drop(args.database_url, args.redis_url)


if __name__ == "__main__":
    common.run_main(main)

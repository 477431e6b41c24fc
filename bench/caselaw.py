"""Case-law library throughput against /healthz, at 10,000 cases by default.

    .venv/bin/python bench/caselaw.py                 # 10,000 cases, 3 rounds × 5 s
    .venv/bin/python bench/caselaw.py --quick         # 600 cases, 1 short round (smoke)
    .venv/bin/python bench/caselaw.py --cases 20000 --rounds 5

Builds a dedicated PostgreSQL database (bench_caselaw) and uses Redis db 15; seeds
`--cases` generated judgments under one case-law library (random countries, forms of
exploitation, legal issues, acts, means, victims, outcomes, dates and summaries built
from word pools), builds the search index (PostgreSQL full text through Wagtail's
database backend), starts gunicorn with the production settings (DEBUG off, 2 workers),
then alternates load rounds: healthz, the plain library page (every facet counted over
every case), healthz, a faceted search (two filters: country and form of exploitation),
… and reports requests per second of each, the ratio of each page to the healthz round
just before it (median over rounds), against the goals (library ≥ 0.15, search ≥ 0.1).
Anonymous readers: the library is public.

Before the load: the queries and time of each page rendered (the library's cache
version bumped first, as after an edit) and read from the cache (Django test client in
a separate process, against the same database and Redis), and both pages must answer
200 through gunicorn with the expected number of cases (counted in the database). Exit
status 1 on request errors or a wrong count; the ratios are reported, not asserted.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _caselaw_side  # noqa: E402
import _common as common  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_caselaw"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
SEARCH = _caselaw_side.SEARCH
COUNT_RE = re.compile(rb'id="case-count">\s*(\d+)')
GOALS = {"index": 0.15, "search": 0.1}  # page rps / healthz rps
PAGES = ("index", "search")


# --- Load generator side -------------------------------------------------------------


def _parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3, help="rounds per target")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per round")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--client-processes", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--env", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database")
    parser.add_argument(
        "--profile", action="store_true", help="also print the slowest queries of each page"
    )
    parser.add_argument("--json", default="caselaw.json", help="file under bench/out/")
    parser.add_argument("--quick", action="store_true", help="short smoke run")
    args = parser.parse_args(argv)
    if args.quick:
        args.cases, args.rounds, args.duration, args.warmup = 600, 1, 2.0, 0.5
    return args


def _shown_count(body: bytes) -> int | None:
    match = COUNT_RE.search(body)
    return int(match.group(1)) if match else None


def main(argv=None) -> int:
    args = _parse_args(argv)
    common.stop_cleanly_on_signals()
    env = common.bench_env(
        database_url=args.database_url,
        redis_url=args.redis_url,
        extra=common.parse_env_pairs(args.env),
    )
    print(
        f"bench/caselaw.py: {args.cases} cases, {args.workers} gunicorn workers, "
        f"{args.connections} connections, {args.rounds} round(s) × {args.duration:g} s"
    )
    pool = None
    try:
        t = time.monotonic()
        common.prepare_database(env=env)
        print(f"migrated and collected static files in {time.monotonic() - t:.1f} s")
        t = time.monotonic()
        seeded = common.django_call(
            "_caselaw_side", "seed", env=env, cases=args.cases, timeout=3600
        )
        print(f"seeded {args.cases} cases in {seeded['seconds_pages']} s")
        t = time.monotonic()
        common.manage("update_index", "--chunk_size", "1000", env=env, timeout=3600)
        print(f"search index built in {time.monotonic() - t:.1f} s")
        expected = common.django_call(
            "_caselaw_side", "expected_counts", env=env, index_id=seeded["index_id"]
        )
        urls = seeded["urls"]
        print(f"  index:  {urls['index']} ({expected['index']} cases)")
        print(f"  search: {urls['search']} ({expected['search']} cases)")
        profiles = {}
        for name in PAGES:
            profile = common.django_call(
                "_caselaw_side", "profile_queries", env=env, path=urls[name]
            )
            profiles[name] = profile
            for mode in ("rendered", "cached"):
                p = profile[mode]
                print(
                    f"  {name:<6} {mode:<8} HTTP {p['status']}, {p['queries']:>3} queries,"
                    f" {p['ms']:8.1f} ms"
                )
                if args.profile:
                    for q in p["slowest"]:
                        print(f"    {q['ms']:.1f} ms  {q['sql'][:160]}")

        with common.Gunicorn(env=env, workers=args.workers) as server:
            print(f"gunicorn on 127.0.0.1:{server.port}")
            for name in PAGES:
                status, body, _headers = common.http_get(server.port, urls[name], timeout=60)
                shown = _shown_count(body)
                if status != 200 or shown != expected[name]:
                    print(f"{name}: HTTP {status}, shows {shown} cases, expected {expected[name]}")
                    print(server.log_tail())
                    return 1
            print("both pages answer 200 with the expected counts")
            pool = common.client_pool(args.client_processes)
            paths = {"healthz": "/healthz", **urls}

            def run(name, duration):
                return common.load_round(
                    port=server.port,
                    target=name,
                    path=paths[name],
                    duration=duration,
                    connections=args.connections,
                    processes=args.client_processes,
                    pool=pool,
                )

            for name in ("healthz", *PAGES):
                run(name, args.warmup)
            results = []
            for round_no in range(args.rounds):
                for name in PAGES:
                    for target in ("healthz", name):
                        result = run(target, args.duration)
                        results.append(result)
                        print(
                            f"  round {round_no + 1} {target:<8}{result.rps:8.1f} rps"
                            f"  p50 {result.p50_ms:7.1f} ms  p95 {result.p95_ms:7.1f} ms"
                            f"  errors {result.errors}  load {result.load1:.1f}"
                        )
    finally:
        if pool is not None:
            pool.terminate()
        if not args.keep_db:
            common.database_drop(args.database_url)
        common.redis_flush(args.redis_url)

    summary = {}
    print()
    print(f"{'target':<9}{'median rps':>11}{'p50 ms':>9}{'p95 ms':>9}{'errors':>7}")
    for name in ("healthz", *PAGES):
        rounds = [r for r in results if r.target == name]
        summary[name] = {
            "rps": common.median([r.rps for r in rounds]),
            "p50_ms": common.median([r.p50_ms for r in rounds]),
            "p95_ms": common.median([r.p95_ms for r in rounds]),
            "errors": sum(r.errors for r in rounds),
        }
        s = summary[name]
        print(f"{name:<9}{s['rps']:>11.1f}{s['p50_ms']:>9.1f}{s['p95_ms']:>9.1f}{s['errors']:>7}")
    ratios = {}
    for name in PAGES:
        # Each page round against the healthz round just before it (the machine's load
        # drifts; neighbours see the same), median over rounds.
        paired = [
            r.rps / results[i - 1].rps
            for i, r in enumerate(results)
            if r.target == name and i and results[i - 1].target == "healthz" and results[i - 1].rps
        ]
        ratio = common.median(paired)
        ratios[name] = {"paired": ratio, "rounds": paired, "goal": GOALS[name]}
        verdict = "meets" if ratio >= GOALS[name] else "BELOW"
        print(
            f"ratio {name} / healthz = {ratio:.3f} ({verdict} the goal {GOALS[name]}; per round:"
            f" {' '.join(f'{x:.3f}' for x in paired)})"
        )
    for name in PAGES:
        p = profiles[name]
        print(
            f"queries {name}: {p['rendered']['queries']} rendered"
            f" ({p['rendered']['ms']:.0f} ms), {p['cached']['queries']} from the cache"
        )
    errors = sum(s["errors"] for s in summary.values())
    if args.json:
        path = common.write_json(
            args.json,
            {
                "cases": args.cases,
                "search": SEARCH,
                "expected": expected,
                "summary": summary,
                "ratios_over_healthz": ratios,
                "queries": profiles,
                "rounds": [r.as_dict() for r in results],
                "machine": common.machine_info(),
            },
        )
        print(f"written {path}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

"""Faceted case-law search against the plain case index page, in the same run.

    .venv/bin/python bench/caselaw.py                 # 10,000 cases, 3 rounds × 5 s
    .venv/bin/python bench/caselaw.py --quick         # 600 cases, 1 short round (smoke)
    .venv/bin/python bench/caselaw.py --cases 20000 --rounds 5
    .venv/bin/python bench/caselaw.py --profile       # + the queries of each page

Builds a dedicated PostgreSQL database (bench_caselaw) and uses Redis db 15; seeds
`--cases` generated judgments under one case-law library (random countries, forms of
exploitation, legal issues, acts, means, victims, outcomes, dates and summaries built
from word pools), builds the search index (PostgreSQL full text through Wagtail's
database backend), starts gunicorn with the production settings (DEBUG off, 2 workers),
then alternates load rounds: the plain library page (every facet counted over every
case), then a faceted search (words + three filters), … and reports requests per second
of each and the ratio search / index. Anonymous readers: the library is public.

The answers are checked before the load: both pages must answer 200 with the expected
number of cases (counted in the database). Exit status 1 on request errors or a wrong
count; the ratio is reported, not asserted.
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
    parser.add_argument("--profile", action="store_true", help="queries of each page")
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
        if args.profile:
            for name in ("index", "search"):
                profile = common.django_call(
                    "_caselaw_side", "profile_queries", env=env, path=urls[name]
                )
                print(f"  {name}: HTTP {profile['status']}, {profile['queries']} queries")
                for q in profile["slowest"]:
                    print(f"    {q['ms']:.1f} ms  {q['sql'][:160]}")

        with common.Gunicorn(env=env, workers=args.workers) as server:
            print(f"gunicorn on 127.0.0.1:{server.port}")
            for name in ("index", "search"):
                status, body, _headers = common.http_get(server.port, urls[name], timeout=60)
                shown = _shown_count(body)
                if status != 200 or shown != expected[name]:
                    print(f"{name}: HTTP {status}, shows {shown} cases, expected {expected[name]}")
                    print(server.log_tail())
                    return 1
            print("both pages answer 200 with the expected counts")
            pool = common.client_pool(args.client_processes)

            def run(name, duration):
                return common.load_round(
                    port=server.port,
                    target=name,
                    path=urls[name],
                    duration=duration,
                    connections=args.connections,
                    processes=args.client_processes,
                    pool=pool,
                )

            for name in ("index", "search"):
                run(name, args.warmup)
            results = []
            for round_no in range(args.rounds):
                for name in ("index", "search"):
                    result = run(name, args.duration)
                    results.append(result)
                    print(
                        f"  round {round_no + 1} {name:<7} {result.rps:7.1f} rps"
                        f"  p50 {result.p50_ms:7.1f} ms  p95 {result.p95_ms:7.1f} ms"
                        f"  errors {result.errors}  load {result.load1:.1f}"
                    )
    finally:
        if pool is not None:
            pool.terminate()
        if not args.keep_db:
            common.database_drop(args.database_url)
        common.redis_flush(args.redis_url)

    paired = [
        results[i].rps / results[i - 1].rps
        for i in range(1, len(results))
        if results[i].target == "search" and results[i - 1].target == "index" and results[i - 1].rps
    ]
    summary = {}
    print()
    print(f"{'target':<8}{'median rps':>11}{'p50 ms':>9}{'p95 ms':>9}{'errors':>7}")
    for name in ("index", "search"):
        rounds = [r for r in results if r.target == name]
        summary[name] = {
            "rps": common.median([r.rps for r in rounds]),
            "p50_ms": common.median([r.p50_ms for r in rounds]),
            "p95_ms": common.median([r.p95_ms for r in rounds]),
            "errors": sum(r.errors for r in rounds),
        }
        s = summary[name]
        print(f"{name:<8}{s['rps']:>11.1f}{s['p50_ms']:>9.1f}{s['p95_ms']:>9.1f}{s['errors']:>7}")
    ratio = common.median(paired)
    print(f"ratio search / index = {ratio:.3f} (per round: {' '.join(f'{x:.3f}' for x in paired)})")
    errors = sum(s["errors"] for s in summary.values())
    if args.json:
        path = common.write_json(
            args.json,
            {
                "cases": args.cases,
                "search": SEARCH,
                "expected": expected,
                "summary": summary,
                "ratio_search_over_index": ratio,
                "rounds": [r.as_dict() for r in results],
                "machine": common.machine_info(),
            },
        )
        print(f"written {path}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

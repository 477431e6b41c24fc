"""Training plans at national scale: assigning a ministry, re-evaluating after 5,000 moves,
the ministry's compliance view.

    .venv/bin/python bench/plans.py            # on a copy of bench_scale (100,000 learners)
    .venv/bin/python bench/plans.py --quick    # on a copy of bench_scale_small (10,000)
    .venv/bin/python bench/plans.py --reseed --keep-db

The national-scale seed (bench/seed_scale.py) is made once and kept: when the template
database is missing, or holds another number of learners, it is seeded first (~3 min for
100,000 learners). Each run works on a throwaway copy (`CREATE DATABASE bench_plans TEMPLATE
bench_scale`), migrated, with Redis database 15 for the cache; the copy is dropped at the
end unless --keep-db. See bench/_plans_side.py for what is measured. The figures are
reported, not asserted; exit status 1 when a plan's open assignments differ from its target
after the runs, a run failed, or a page did not answer 200/302.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402
import seed_scale  # noqa: E402

REDIS_URL = "redis://127.0.0.1:6379/15"


def _learners_in(url: str) -> int | None:
    """Learners of the seed in the database at `url`, or None when it does not exist."""
    import psycopg

    name = common._database_name(url)
    with common._maintenance_connection(url) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return None
    with psycopg.connect(url) as conn:
        try:
            row = conn.execute(
                "SELECT count(*) FROM accounts_user WHERE email LIKE '%%@bench.example'"
            ).fetchone()
        except psycopg.Error:
            return None
    return row[0]


def _seed(url: str, learners: int) -> float:
    env = common.bench_env(database_url=url, redis_url="")
    start = time.perf_counter()
    print(f"Seeding {url.rsplit('/', 1)[1]} with {learners:,} learners …", file=sys.stderr)
    common.database_create(url)
    common.manage("migrate", "--noinput", "-v0", env=env, timeout=900)
    seed_scale._call_streaming(
        "seed", env=env, learners=learners, enrolments_per_learner=10, courses=20
    )
    return time.perf_counter() - start


def _copy(template_url: str, url: str) -> None:
    name, template = common._database_name(url), common._database_name(template_url)
    with common._maintenance_connection(url) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')


def _row(label: str, m: dict, extra: str = "") -> str:
    return (
        f"{label:<34} {m['wall_s']:>8.2f} {m['queries']:>8} {m['sql_s']:>7.2f} "
        f"{m['cache']['total']:>8} {m['cache']['seconds']:>7.2f} "
        f"{m['rss_peak_delta_mb']:>8.1f}  {extra}"
    )


def _print(result: dict) -> None:
    s = result["setup"]
    print(
        f"\n{s['learners']:,} people; ministry {s['ministry']}: {s['people_in_ministry']:,} "
        f"people; load average before {result['load_before']}, after {result['load_after']}"
    )
    print(
        f"\n{'':<34} {'wall s':>8} {'queries':>8} {'SQL s':>7} {'cache':>8} {'cache s':>7} "
        f"{'+RSS MB':>8}"
    )
    a, ar = result["a_save"], result["a_run"]
    print(_row("(a) save the ministry plan (POST)", a, f"HTTP {a['status']}"))
    print(
        _row(
            "(a) background run (worker)",
            ar,
            f"{ar['run']['status']}: {ar['run']['assigned']:,} assigned, "
            f"{ar['enrolled']:,} enrolled",
        )
    )
    bm, br = result["b_moves"], result["b_run"]
    print(_row(f"(b) {bm['moved']:,} moves (accounts)", bm, f"runs queued {bm['runs_queued']}"))
    if "run" in br:
        print(
            _row(
                "(b) background run, every plan",
                br,
                f"{br['run']['status']}: {br['run']['assigned']:,} assigned, "
                f"{br['run']['closed']:,} closed",
            )
        )
    else:
        print(f"(b) {br.get('error')}")
    print("\nprogress seen while the runs went (seconds, status, assigned, closed):")
    print(f"  (a) {ar['progress_seen']}")
    print(f"  (b) {br.get('progress_seen')}")
    print("\nplans set up before the moves (applied inline):")
    for name, row in s.items():
        if isinstance(row, dict):
            print(
                f"  {name:<58} {row['assigned']:>7,} assigned {row['wall_s']:>7.2f} s "
                f"{row['queries']:>4} queries {row['cache_total']:>7,} cache"
            )
    print("\nevery active plan after the runs (target vs open assignments):")
    for row in result["consistency"]:
        verdict = "ok" if not (row["missing"] or row["extra"]) else "DIFFERENT"
        print(
            f"  {row['plan']:<58} target {row['target']:>7,} open {row['open']:>7,} "
            f"missing {row['missing']} extra {row['extra']}  {verdict}"
        )
    print(
        f"\n{'(c) compliance read of the ministry':<36} {'people':>8} {'queries':>8} "
        f"{'median s':>9} | {'page q':>7} {'median s':>9}"
    )
    for label, c in result["c_compliance"].items():
        print(
            f"  {label:<34} {c['people']:>8,} {c['selector_queries']:>8} "
            f"{c['selector_median_s']:>9.3f} | {c['view_queries']:>7} {c['view_median_s']:>9.3f}"
            f"  (HTTP {c['view_status']}) {c['counts']}"
        )


def _failed(result: dict) -> bool:
    bad = any(r["missing"] or r["extra"] for r in result["consistency"])
    bad |= result["a_save"]["status"] != 302
    bad |= result["a_run"]["run"]["status"] != "done"
    bad |= result["b_run"].get("run", {}).get("status") != "done"
    bad |= any(c["view_status"] != 200 for c in result["c_compliance"].values())
    return bad


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10,000 learners, 500 moves")
    parser.add_argument("--template", default="", help="seeded database to copy")
    parser.add_argument("--learners", type=int, default=0)
    parser.add_argument("--moves", type=int, default=0)
    parser.add_argument("--named", type=int, default=300, help="people named in a plan")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the compliance read")
    parser.add_argument("--poll", type=float, default=0.5, help="seconds between progress polls")
    parser.add_argument("--db", default="bench_plans")
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    learners = args.learners or (10_000 if args.quick else 100_000)
    moves = args.moves or (500 if args.quick else 5_000)
    template = args.template or ("bench_scale_small" if args.quick else "bench_scale")
    template_url = f"postgres://postgres@127.0.0.1:5432/{template}"
    url = f"postgres://postgres@127.0.0.1:5432/{args.db}"
    common._database_name(template_url)
    common._database_name(url)

    start = time.perf_counter()
    seeded_s = None
    if args.reseed or _learners_in(template_url) != learners:
        seeded_s = round(_seed(template_url, learners), 1)
    print(f"Copying {template} to {args.db} …", file=sys.stderr)
    _copy(template_url, url)
    env = common.bench_env(database_url=url, redis_url=REDIS_URL)
    try:
        common.redis_flush(REDIS_URL)
        common.manage("migrate", "--noinput", "-v0", env=env, timeout=900)
        # The detail page is rendered: production's static storage needs its manifest.
        common.django_call("_common", "collectstatic_if_stale", env=env)
        prepared_s = round(time.perf_counter() - start, 1)
        print("Measuring …", file=sys.stderr)
        load_before = round(os.getloadavg()[0], 2)
        result = common.django_call(
            "_plans_side",
            "measure",
            env=env,
            timeout=3600,
            moves=moves,
            rounds=args.rounds,
            poll=args.poll,
            named=args.named,
        )
        result["load_before"] = load_before
        result["load_after"] = round(os.getloadavg()[0], 2)
    finally:
        common.redis_flush(REDIS_URL)
        if not args.keep_db:
            common.database_drop(url)
    result["seed_s"] = seeded_s
    result["prepare_s"] = prepared_s
    result["total_s"] = round(time.perf_counter() - start, 1)
    result["machine"] = common.machine_info()
    _print(result)
    print(f"\nprocess peak RSS (ru_maxrss): {result['process_maxrss_mb']} MB")
    print(f"seed {seeded_s or 'reused'} s; prepare {prepared_s} s; total {result['total_s']} s")
    path = common.write_json("plans-quick.json" if args.quick else "plans.json", result)
    print(f"JSON: {path}")
    failed = _failed(result)
    if failed:
        print("FAIL: see above", file=sys.stderr)
    json.dumps(result)  # serialisable
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Seed a PostgreSQL database at national scale for the statistics benchmark.

    .venv/bin/python bench/seed_scale.py                   # 100,000 learners, 1,000,000 enrolments
    .venv/bin/python bench/seed_scale.py --learners 10000  # a tenth, for a quick look
    .venv/bin/python bench/seed_scale.py --db bench_scale2

Creates (dropping it first) the database, migrates it, then in one Django process:
2,000 institutions four levels deep (5 ministries × 8 × 10 × 4, trimmed to 2,000), 20
courses (one module of four lessons each), 100,000 learners in the lower two levels,
ten enrolments each (1,000,000) with starts (80 %), completions (50 %, 5 % of them
credited to another institution: people who moved), lessons done for the work in
progress, and certificates for the completions of four courses (some revoked, expired by
date). Rows come from INSERT … SELECT generate_series in PostgreSQL; a progress bar
(tqdm when installed) shows the enrolments. Goal: under ten minutes. The database is kept
for bench/stats.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402

GOAL_SECONDS = 600


def _call_streaming(func: str, *, env: dict, **kwargs):
    """Like _common.django_call, with the child's stderr (its progress bar) shown live."""
    result = subprocess.run(
        [common.PYTHON, "-c", common._BOOT, "_stats_side", func, json.dumps(kwargs)],
        cwd=common.ROOT,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        timeout=3600,
        check=False,
    )
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith(common.RESULT_MARKER)]
    if result.returncode or not lines:
        raise SystemExit(
            f"_stats_side.{func} failed ({result.returncode}):\n{result.stdout[-3000:]}"
        )
    return json.loads(lines[-1][len(common.RESULT_MARKER) :])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--db", default="bench_scale", help="database name (starts with bench)")
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--enrolments-per-learner", type=int, default=10)
    parser.add_argument("--courses", type=int, default=20)
    args = parser.parse_args()
    if args.enrolments_per_learner > args.courses // 2:
        raise SystemExit("--enrolments-per-learner must be at most half of --courses")

    url = f"postgres://postgres@127.0.0.1:5432/{args.db}"
    env = common.bench_env(database_url=url, redis_url="")
    start = time.perf_counter()
    print(f"Creating and migrating {args.db} …", file=sys.stderr)
    common.database_create(url)
    common.manage("migrate", "--noinput", "-v0", env=env, timeout=900)
    migrated = time.perf_counter() - start
    result = _call_streaming(
        "seed",
        env=env,
        learners=args.learners,
        enrolments_per_learner=args.enrolments_per_learner,
        courses=args.courses,
    )
    total = time.perf_counter() - start
    result["timings"]["migrate"] = round(migrated, 1)
    result["total_s"] = round(total, 1)
    result["goal_s"] = GOAL_SECONDS
    print()
    for key, value in result.items():
        print(f"{key:>18}: {value}")
    print(f"{'verdict':>18}: {'within' if total <= GOAL_SECONDS else 'OVER'} the ten-minute goal")
    common.write_json("seed_scale", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

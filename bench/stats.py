"""Statistics at national scale: the selector's rollup against hand-written SQL.

    .venv/bin/python bench/seed_scale.py      # once: the bench_scale database (~10 min)
    .venv/bin/python bench/stats.py           # 15 interleaved rounds on bench_scale
    .venv/bin/python bench/stats.py --db bench_scale --rounds 30 --focus B00000

On the seeded data, for one course (50,000 enrolments of the 1,000,000): the rollup of the
whole tree through `stats.selectors.stats_by_institution` (the figures of every top-level
institution, every enrolment credited to where it was completed or where the learner is,
with median days and certificate counts), against the same figures from hand-written SQL
(GROUP BY a path prefix). Both run in one process, interleaved; reported: the ratio of the
medians (goal: 2.0 or less), the selector's number of queries (bounded: it does not grow
with the institutions), whether both give the same figures, and EXPLAIN ANALYZE of the
selector's grouped queries. `--focus CODE` drills into one institution instead.

The goal is reported, not asserted; exit status 1 if the figures differ.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402

GOAL_RATIO = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="bench_scale")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--course", type=int, default=0, help="index of the course (0-19)")
    parser.add_argument("--focus", default="", help="an institution code to drill into")
    parser.add_argument("--no-explain", action="store_true")
    args = parser.parse_args()
    url = f"postgres://postgres@127.0.0.1:5432/{args.db}"
    common._database_name(url)  # refuses names not starting with "bench"
    env = common.bench_env(database_url=url, redis_url="")
    results = []
    focuses = [args.focus] if args.focus else ["", "B00000"]
    for focus in focuses:
        result = common.django_call(
            "_stats_side",
            "measure",
            env=env,
            timeout=1800,
            rounds=args.rounds,
            course_index=args.course,
            focus=focus,
        )
        results.append(result)
        print(f"\n== {result['course']}, {result['focus']} ==")
        for key in (
            "rows",
            "enrolments_in_course",
            "selector_median_s",
            "hand_sql_median_s",
            "ratio",
            "selector_queries",
        ):
            print(f"{key:>22}: {result[key]}")
        verdict = (
            "met" if result["ratio"] is not None and result["ratio"] <= GOAL_RATIO else "MISSED"
        )
        print(f"{'goal (ratio <= 2.0)':>22}: {verdict}")
        print(
            f"{'figures agree':>22}: {'yes' if not result['mismatches'] else result['mismatches']}"
        )
        if not args.no_explain:
            for plan in result["explain"]:
                print("\n-- EXPLAIN (ANALYZE, BUFFERS) of a selector query --")
                print(plan)
    common.write_json("stats", {"machine": common.machine_info(), "results": results})
    return 1 if any(r["mismatches"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The blind learner: how well can someone who reads only the attempt pages' HTML score?

    .venv/bin/python bench/blind_learner.py                  # 6 attempts per demo quiz
    .venv/bin/python bench/blind_learner.py --demo-attempts 12 --type-attempts 60

Builds a dedicated PostgreSQL database (bench_blind), loads the demo (courses and their
quizzes, Serbian and English), and lets the blind learner of tests/quizzes/blind_learner.py
take every demo quiz and a quiz of every question type through the views (Django's test
client, production settings), answering by each heuristic a tester used to read the key off
the page: lowest value, highest value, alphabetical, first and last position, ascending
values as the order, name equals value. Prints, per heuristic and per question type, the
score it earned, the chance score and the bound (chance + 4 sigma; see blind_learner.py).
Exit status 1 if any heuristic scores above its bound.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

import _common as common  # noqa: E402

from tests.quizzes.blind_learner import SIGMAS, failures, format_summary  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_blind"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--demo-attempts", type=int, default=6, help="attempts per demo quiz")
    parser.add_argument("--type-attempts", type=int, default=36)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()

    common.stop_cleanly_on_signals()
    env = common.bench_env(
        database_url=args.database_url,
        redis_url=args.redis_url,
        extra={"CACHE_KEY_PREFIX": "bench-blind"},
    )
    try:
        common.prepare_database(env=env)
        print("Loading the demo and taking quizzes blind…", flush=True)
        result = common.django_call(
            "_blind_learner_side",
            "run",
            env=env,
            timeout=7200,
            demo_attempts=args.demo_attempts,
            type_attempts=args.type_attempts,
        )
    finally:
        if not args.keep_db:
            common.database_drop(args.database_url)
        common.redis_flush(args.redis_url)
    bad = []
    for name, title in (
        ("demo", f"Demo quizzes ({result['demo_quizzes']}), {args.demo_attempts} attempts each"),
        ("every_type", f"A quiz of every question type, {args.type_attempts} attempts"),
    ):
        print(f"\n{title}: score, chance and bound (chance + {SIGMAS} sigma), in % of marks")
        print(format_summary(result[name]))
        bad += failures(result[name])
    common.write_json("blind_learner", result)
    if bad:
        print("\nFAIL: above chance:\n  " + "\n  ".join(bad))
    else:
        print("\nPASS: no heuristic beats chance")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

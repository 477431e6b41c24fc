"""Quizzes: submits per second of a 20-question attempt against a trivial POST endpoint.

    .venv/bin/python bench/quiz.py                 # 3 rounds of 150 submits
    .venv/bin/python bench/quiz.py --quick         # 1 round of 40
    .venv/bin/python bench/quiz.py --rounds 5 --per-round 200 --questions 20

Builds a dedicated PostgreSQL database (bench_quiz), seeds a course with one quiz of
`--questions` questions on one page (single, multiple response, true/false, matching,
ordering, numeric and short text in turn) and one learner per submit, each with an open
attempt. Then, against one gunicorn (production settings, 2 workers):

- trivial: POST /bench/post/ (session, authentication and CSRF checked, nothing written;
  added by bench/_quiz_wsgi.py, which only the benchmark loads);
- submit: POST the summary's "Submit all and finish" form (`confirm=1`), as the browser
  does after "Finish attempt…" saved the answers (done while seeding, through the same
  form code): the attempt is closed, graded, its result written and the course told (the
  quiz is the course's only step, so the course completes too).

Rounds alternate trivial, submit, trivial, submit… with the same concurrency (4 keep-alive
connections). Reports requests per second (median over rounds), p50/p95 and
**submit / trivial** (each submit round over the trivial round before it, median). Every
attempt is checked afterwards: graded once, full marks, a passed result. Exit status 1 if a
check fails.
"""

from __future__ import annotations

import argparse
import http.client
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_quiz"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
SIDE = "_quiz_side"


def _post_all(port: int, jobs: list[dict], *, connections: int, expect: int) -> dict:
    """POST every job once over `connections` keep-alive connections; time them."""
    lock = threading.Lock()
    queue = list(reversed(jobs))
    latencies: list[float] = []
    errors: list[str] = []

    def worker():
        conn = http.client.HTTPConnection(common.LOOPBACK, port, timeout=30)
        try:
            while True:
                with lock:
                    if not queue:
                        return
                    job = queue.pop()
                body = urlencode(job["data"], doseq=True)
                headers = {
                    "Cookie": common.cookie_header(job["cookies"]),
                    "Content-Type": "application/x-www-form-urlencoded",
                }
                start = time.perf_counter()
                try:
                    conn.request("POST", job["path"], body=body, headers=headers)
                    response = conn.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as error:
                    conn.close()
                    conn = http.client.HTTPConnection(common.LOOPBACK, port, timeout=30)
                    with lock:
                        errors.append(repr(error))
                    continue
                elapsed = time.perf_counter() - start
                with lock:
                    if response.status == expect:
                        latencies.append(elapsed)
                    else:
                        errors.append(f"{response.status} {job['path']}")
        finally:
            conn.close()

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - start
    latencies.sort()
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "error_samples": errors[:5],
        "seconds": seconds,
        "rps": len(latencies) / seconds if seconds else 0.0,
        "p50_ms": 1000 * common._percentile(latencies, 50) if latencies else 0.0,
        "p95_ms": 1000 * common._percentile(latencies, 95) if latencies else 0.0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--per-round", type=int, default=None, help="submits per round")
    parser.add_argument("--questions", type=int, default=20)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    rounds = args.rounds or (1 if args.quick else 3)
    per_round = args.per_round or (40 if args.quick else 150)

    common.stop_cleanly_on_signals()
    env = common.bench_env(
        database_url=args.database_url,
        redis_url=args.redis_url,
        extra={"CACHE_KEY_PREFIX": "bench-quiz"},
    )
    failed = False
    try:
        common.prepare_database(env=env)
        total = rounds * per_round + args.connections
        print(f"Seeding {total} learners with an open {args.questions}-question attempt…")
        seeded = common.django_call(
            SIDE, "seed", env=env, learners=total, questions=args.questions, timeout=3600
        )
        rows = seeded["rows"]
        warm, rows = rows[: args.connections], rows[args.connections :]
        trivial_jobs = [
            {
                "path": "/bench/post/",
                "cookies": row["cookies"],
                "data": {"csrfmiddlewaretoken": row["data"]["csrfmiddlewaretoken"]},
            }
            for row in rows
        ]
        with common.Gunicorn(
            env=env, workers=args.workers, app="bench._quiz_wsgi:application"
        ) as server:
            print(f"gunicorn on 127.0.0.1:{server.port}")
            # Warm-up: both endpoints once per connection.
            _post_all(server.port, trivial_jobs[: args.connections], connections=1, expect=200)
            _post_all(server.port, warm, connections=args.connections, expect=302)
            results = {"trivial": [], "submit": []}
            for index in range(rounds):
                chunk = slice(index * per_round, (index + 1) * per_round)
                results["trivial"].append(
                    _post_all(
                        server.port,
                        trivial_jobs[chunk],
                        connections=args.connections,
                        expect=200,
                    )
                )
                results["submit"].append(
                    _post_all(server.port, rows[chunk], connections=args.connections, expect=302)
                )
        check = common.django_call(
            SIDE, "check", env=env, attempt_ids=[row["attempt"] for row in warm + rows]
        )
        expected = len(warm) + rounds * per_round
        ok = check["graded"] == expected and check["full_marks"] == expected
        ok = ok and check["results"] == expected
        errors = sum(r["errors"] for rs in results.values() for r in rs)
        failed = not ok or errors > 0
        ratios = [
            s["rps"] / t["rps"]
            for s, t in zip(results["submit"], results["trivial"], strict=True)
            if t["rps"]
        ]
        print(
            f"{rounds} rounds × {per_round} POSTs, {args.connections} connections, "
            f"{args.workers} gunicorn workers, {args.questions} questions per attempt:"
        )
        print("   target     req/s (median)   p50 ms   p95 ms   errors")
        for name, rs in results.items():
            print(
                f"   {name:8s} {common.median([r['rps'] for r in rs]):14.1f}"
                f" {common.median([r['p50_ms'] for r in rs]):8.1f}"
                f" {common.median([r['p95_ms'] for r in rs]):8.1f}"
                f" {sum(r['errors'] for r in rs):8d}"
            )
        print(f"   submit / trivial (median of per-round ratios): {common.median(ratios):.3f}")
        print(
            f"   checks: {check['graded']} graded, {check['full_marks']} with full marks, "
            f"{check['results']} passed results of {expected}: {'PASS' if ok else 'FAIL'}"
        )
        for rs in results.values():
            for r in rs:
                if r["error_samples"]:
                    print("   errors, e.g.:", r["error_samples"])
                    break
        path = common.write_json(
            "quiz.json",
            {
                "machine": common.machine_info(),
                "questions": args.questions,
                "rounds": results,
                "ratios": ratios,
                "check": check,
            },
        )
        print(f"JSON: {path}")
    finally:
        if not args.keep_db:
            common.database_drop(args.database_url)
        common.redis_flush(args.redis_url)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

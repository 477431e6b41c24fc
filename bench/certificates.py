"""Certificates: the cost of issuing one against WeasyPrint alone, and workers' throughput.

    .venv/bin/python bench/certificates.py                 # 20 single issues, 500 × 1 and 2 workers
    .venv/bin/python bench/certificates.py --quick         # 8 single issues, 60 × 1 and 2 workers
    .venv/bin/python bench/certificates.py --count 500 --workers 1,2

Builds a dedicated PostgreSQL database (bench_certificates), with the production settings
and the private storage in a temporary folder. Two measurements:

1. Issuing one certificate end to end (`certificates.api.certificate_issue`: lock the
   enrolment, take a serial, copy the names, render the template, draw the QR code, draw the
   PDF/A with WeasyPrint, sign it with the issuer's key, write the file, record it) against
   WeasyPrint alone drawing the same final HTML, interleaved in one process; reported as the
   ratio of the medians, with signing included (as production issues) and without (the
   signing step left out), goal 1.3 or less. The key is a throw-away one made for the run
   (an ECDSA P-256 key, as `make run` makes; an RSA key signs a little slower).
2. N completed enrolments queued as `certificate_issue_task`s and drained by one and then two
   `manage.py db_worker --batch` processes; reports certificates per second (from the first
   issue to the last PDF stored, and wall-clock including the workers' start-up) and the
   speed-up. Every certificate is checked afterwards: one per enrolment, unique serials, a
   stored PDF.

The goals are reported, not asserted; exit status 1 if a check fails.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402

GOAL_RATIO = 1.3
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_certificates"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
# The Django side lives in its own module: "certificates" is the app's name.
SIDE = "_certificates_side"


# --- Orchestration -----------------------------------------------------------------------


def _run_workers(*, env: dict, workers: int) -> float:
    """Start `workers` batch workers at once; wait until all have drained the queue."""
    start = time.perf_counter()
    procs = [
        subprocess.Popen(  # noqa: S603
            [
                common.PYTHON,
                "manage.py",
                "db_worker",
                "--batch",
                "--no-startup-delay",
                "--worker-id",
                f"bench-{i}",
                "-v",
                "0",
            ],
            cwd=common.ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        for i in range(workers)
    ]
    try:
        for proc in procs:
            _out, err = proc.communicate(timeout=3600)
            if proc.returncode:
                raise RuntimeError(f"db_worker failed:\n{err.decode()[-3000:]}")
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, 15)
    return time.perf_counter() - start


def _signing_key(folder: Path) -> dict[str, str]:
    """A throw-away signing key for the run (production settings refuse to issue without
    one), made by the development command; the environment that names it."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.dev"}
    subprocess.run(  # noqa: S603
        [common.PYTHON, "manage.py", "certificate_signing_dev_key", "--folder", str(folder)],
        cwd=common.ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return {
        "CERTIFICATE_SIGNING_KEY": str(folder / "signing-key.pem"),
        "CERTIFICATE_SIGNING_CERT": str(folder / "signing-cert.pem"),
        "CERTIFICATE_SIGNING_CHAIN": str(folder / "root-ca.pem"),
        "CERTIFICATE_TSA_URL": "",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--rounds", type=int, default=None, help="single issues to time")
    parser.add_argument("--count", type=int, default=None, help="certificates per worker run")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    rounds = args.rounds or (8 if args.quick else 20)
    count = args.count or (60 if args.quick else 500)
    worker_counts = [int(w) for w in args.workers.split(",") if w.strip()]

    common.stop_cleanly_on_signals()
    private = tempfile.mkdtemp(prefix="bench-certificates-")
    signing = _signing_key(Path(private) / "signing")
    env = common.bench_env(
        database_url=args.database_url,
        redis_url=args.redis_url,
        extra={
            "PRIVATE_MEDIA_ROOT": private,
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "CERTIFICATE_BASE_URL": "https://elearning.example.org",
            **signing,
        },
    )
    failed = False
    try:
        common.prepare_database(env=env)  # the certificate template names its fonts by {% static %}
        single = common.django_call(SIDE, "measure_single", env=env, rounds=rounds)
        issue = common.median(single["issue_s"])
        unsigned = common.median(single["issue_unsigned_s"])
        weasy = common.median(single["weasyprint_s"])
        ratio = issue / weasy
        ratio_unsigned = unsigned / weasy
        print(f"1. One certificate, median of {rounds} (interleaved, one process):")
        print(f"   issue end to end, signed      {issue * 1000:8.1f} ms")
        print(f"   issue end to end, unsigned    {unsigned * 1000:8.1f} ms")
        print(f"   WeasyPrint alone              {weasy * 1000:8.1f} ms")
        for label, value in (("with signing", ratio), ("without signing", ratio_unsigned)):
            print(
                f"   ratio {label:<23} {value:8.2f}   (goal ≤ {GOAL_RATIO})"
                f"{'  ✓' if value <= GOAL_RATIO else '  ✗'}"
            )
        parts = common.django_call(SIDE, "measure_parts", env=env, rounds=rounds)
        print(
            "   parts (medians, ms): "
            + ", ".join(f"{name} {seconds * 1000:.1f}" for name, seconds in parts.items())
        )
        print(
            f"   PDF size                      {common.median(single['pdf_bytes']) / 1024:8.1f}"
            f" KiB ({common.median(single['signed_pdf_bytes']) / 1024:.1f} KiB signed)"
        )

        batches = {}
        for workers in worker_counts:
            seeded = common.django_call(SIDE, "seed_batch", env=env, count=count, tag=f"w{workers}")
            wall = _run_workers(env=env, workers=workers)
            result = common.django_call(
                SIDE, "batch_result", env=env, enrolment_ids=seeded["enrolment_ids"]
            )
            ok = (
                result["certificates"] == count
                and result["with_pdf"] == count
                and result["unique_serials"] == count
                and result["max_per_enrolment"] == 1
            )
            failed |= not ok
            result.update(
                workers=workers,
                wall_s=wall,
                per_s=count / result["span_s"] if result["span_s"] else 0.0,
                per_s_wall=count / wall,
                checks_ok=ok,
            )
            batches[workers] = result
        if batches:
            print(f"2. {count} certificates queued, drained by db_worker --batch:")
            print("   workers   span s   cert/s   wall s (incl. start-up)   cert/s wall   checks")
            for workers, r in batches.items():
                print(
                    f"   {workers:7d} {r['span_s']:8.1f} {r['per_s']:8.1f} {r['wall_s']:16.1f}"
                    f" {r['per_s_wall']:17.1f}   {'ok' if r['checks_ok'] else 'FAILED'}"
                )
            if 1 in batches and len(batches) > 1:
                base = batches[1]
                for workers, r in batches.items():
                    if workers != 1 and r["span_s"]:
                        span_up = base["span_s"] / r["span_s"]
                        print(
                            f"   speed-up with {workers} workers: {span_up:.2f}× "
                            f"(span), {base['wall_s'] / r['wall_s']:.2f}× (wall); "
                            f"CPUs: {os.cpu_count()}"
                        )
        path = common.write_json(
            "certificates.json",
            {
                "machine": common.machine_info(),
                "single": {
                    **single,
                    "issue_median_s": issue,
                    "issue_unsigned_median_s": unsigned,
                    "weasyprint_median_s": weasy,
                    "ratio": ratio,
                    "ratio_unsigned": ratio_unsigned,
                    "parts_median_s": parts,
                    "goal": GOAL_RATIO,
                },
                "batches": batches,
            },
        )
        print(f"JSON: {path}")
    finally:
        if not args.keep_db:
            common.database_drop(args.database_url)
        common.redis_flush(args.redis_url)
        subprocess.run(["rm", "-rf", private], check=False)  # noqa: S603, S607
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

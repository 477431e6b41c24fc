"""Lesson page throughput against /healthz, per interface language, signed in as a learner.

    .venv/bin/python bench/pages.py                       # 3 rounds × 5 s per target
    .venv/bin/python bench/pages.py --quick               # smoke run (~30 s)
    .venv/bin/python bench/pages.py --languages sr-latn,sr --rounds 5
    .venv/bin/python bench/pages.py --env CONN_MAX_AGE=60 # try a setting
    .venv/bin/python bench/pages.py --profile             # + queries and a profile of one request

Builds a dedicated PostgreSQL database (bench_pages) and uses Redis db 15 for cache and
sessions; seeds a course of 5 modules × 8 lessons with real-looking bodies (and its English
translation) and one learner with some steps done; starts gunicorn with the production
settings (DEBUG off, 2 workers) on a free loopback port; then alternates load rounds:
healthz, lesson(sr-latn), healthz, lesson(sr), healthz, lesson(en), … and reports the
median requests per second of each target and the ratios lesson / healthz.

Afterwards it checks that the learner's own progress is exact under caching: it marks the
benchmarked lesson done through the real POST and expects every language's page to show
the new percentage at once. Exit status 1 on request errors or a failed progress check;
the speed goals are reported, not asserted.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402

GOAL_RATIO = 0.3  # lesson / healthz
SCRIPT_TOLERANCE = 0.10  # Cyrillic within 10 % of Latin
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_pages"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
LATIN, CYRILLIC = "sr-latn", "sr"

PROGRESS_RE = re.compile(rb'<progress max="100" value="(\d+)"')
CSRF_RE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
MARK_DONE_FORM = b'id="mark-done"'


# --- Django side (runs in a subprocess through common.django_call) -------------------


def _lesson_body(module: int, lesson: int) -> list[dict]:
    """Raw StreamField data for a lesson of several kinds of block, in Serbian (Latin)."""
    n = f"{module + 1}.{lesson + 1}"
    paragraph = (
        "<p>Trgovina ljudima ima tri elementa: <b>radnju</b> (vrbovanje, prevoz, "
        "prebacivanje, skrivanje ili primanje lica), <b>sredstvo</b> (pretnja, sila, "
        "prevara, zloupotreba položaja ranjivosti) i <b>cilj</b> eksploatacije. Kod dece "
        "sredstvo nije potrebno. U lekciji " + n + " ove elemente primenjujemo na slučajeve "
        "iz prakse policije, tužilaštva, centara za socijalni rad i inspekcije rada.</p>"
    )
    return [
        {"type": "heading", "value": {"text": f"Lekcija {n}: prepoznavanje", "level": "h2"}},
        {"type": "paragraph", "value": paragraph},
        {
            "type": "callout",
            "value": {
                "kind": "definition",
                "title": "Žrtva trgovine ljudima",
                "body": "<p>Svako fizičko lice koje je bilo izloženo nekom obliku "
                "eksploatacije, bez obzira na to da li je pristalo na nju.</p>",
            },
        },
        {"type": "paragraph", "value": paragraph.replace("U lekciji", "Na kraju lekcije")},
        {
            "type": "indicator_checklist",
            "value": {
                "title": "Indikatori radne eksploatacije",
                "intro": "Nijedan indikator sam po sebi ne dokazuje trgovinu ljudima.",
                "items": [
                    {"indicator": "Poslodavac zadržava lična dokumenta", "explanation": ""},
                    {"indicator": "Dug koji raste umesto da se otplaćuje", "explanation": ""},
                    {
                        "indicator": "Radnik ne zna adresu na kojoj živi i radi",
                        "explanation": "Često kod lica dovedenih iz inostranstva.",
                    },
                    {"indicator": "Prekovremeni rad bez naknade", "explanation": ""},
                    {"indicator": "Ograničeno kretanje i kontakt s porodicom", "explanation": ""},
                ],
            },
        },
        {
            "type": "legal_provision",
            "value": {
                "instrument": "Krivični zakonik Republike Srbije",
                "article": "čl. 388 st. 1",
                "text": "Ko silom ili pretnjom, dovođenjem u zabludu ili održavanjem u "
                "zabludi, zloupotrebom ovlašćenja, poverenja, odnosa zavisnosti, teških "
                "prilika drugog, zadržavanjem ličnih isprava ili davanjem ili primanjem "
                "novca ili druge koristi, vrbuje, prevozi, prebacuje, predaje, prodaje, "
                "kupuje, posreduje u prodaji, sakriva ili drži drugo lice…",
                "source_url": "https://www.paragraf.rs/propisi/krivicni_zakonik.html",
            },
        },
        {
            "type": "glossary_term",
            "value": {
                "term": "Načelo nekažnjavanja",
                "definition": "Žrtve ne treba kažnjavati za dela koja su bile primorane da "
                "izvrše kao neposrednu posledicu toga što su bile žrtve trgovine ljudima.",
            },
        },
        {
            "type": "accordion",
            "value": {
                "items": [
                    {"title": "Radnja", "body": "<p>Vrbovanje, prevoz, prebacivanje…</p>"},
                    {"title": "Sredstvo", "body": "<p>Pretnja, sila, prevara…</p>"},
                    {"title": "Cilj", "body": "<p>Radna ili seksualna eksploatacija…</p>"},
                ]
            },
        },
        {
            "type": "case_law",
            "value": {
                "case": None,
                "citation": "Rantsev protiv Kipra i Rusije, br. 25965/04, 7. januar 2010.",
                "holding": "Trgovina ljudima spada u domen člana 4 EKLJP.",
                "link_url": "",
            },
        },
    ]


def seed(*, modules: int, lessons: int, done: int, languages: list[str]) -> dict:
    """A published course with its lessons, an English translation if `en` is measured,
    and one enrolled learner with the first `done` lessons done. Returns what the load
    generator needs: the learner's session key and a lesson URL per language."""
    from _common import session_key_for
    from django.utils import translation
    from wagtail.models import Locale, Page

    from accounts.factories import UserFactory
    from courses.factories import CoursePageFactory, LessonPageFactory, ModulePageFactory
    from courses.models import LessonPage
    from courses.services import enrolment_create, step_complete
    from institutions.factories import InstitutionFactory

    stream = LessonPage._meta.get_field("body").stream_block
    course = CoursePageFactory(
        title="Suzbijanje trgovine ljudima: osnovni kurs",
        slug="osnovni-kurs",
        summary="Šta svaki službenik treba da zna o trgovini ljudima.",
    )
    all_lessons = []
    for m in range(modules):
        module = ModulePageFactory(
            parent=course, title=f"Modul {m + 1}: elementi krivičnog dela", slug=f"modul-{m + 1}"
        )
        for n in range(lessons):
            lesson = LessonPageFactory(
                parent=module,
                title=f"Lekcija {m + 1}.{n + 1}: identifikacija žrtava",
                slug=f"lekcija-{m + 1}-{n + 1}",
                body=stream.to_python(_lesson_body(m, n)),
                estimated_minutes=10 + n,
            )
            all_lessons.append(lesson)
    # Publish through revisions, as the admin does (the fragment cache keys on them).
    for page in Page.objects.descendant_of(course, inclusive=True).specific():
        page.save_revision().publish()

    lesson_by_language = {}
    if "en" in languages:
        english = Locale.objects.get_or_create(language_code="en")[0]
        translated = [course.copy_for_translation(english, copy_parents=True)]
        for page in Page.objects.descendant_of(course).order_by("path").specific():
            translated.append(page.copy_for_translation(english))
        # Parents copied along are aliases of the Serbian pages: they need no revision.
        for page in (
            Page.objects.filter(locale=english, alias_of__isnull=True).order_by("path").specific()
        ):
            page.save_revision().publish()
        del translated

    learner = UserFactory(
        institution=InstitutionFactory(), email="learner@bench.local", first_name="Milica"
    )
    enrolment, _ = enrolment_create(user=learner, course=course)
    for lesson in all_lessons[:done]:
        step_complete(enrolment=enrolment, page=lesson)

    # A lesson in the middle of the course that the learner has not done yet.
    bench_lesson = all_lessons[min(len(all_lessons) - 1, max(done, len(all_lessons) // 2))]
    for language in languages:
        page = bench_lesson
        if language == "en":
            page = bench_lesson.get_translation(Locale.objects.get(language_code="en"))
        with translation.override(language):
            lesson_by_language[language] = {"path": page.get_url(), "page_id": page.pk}
    return {
        "session_key": session_key_for(learner),
        "lessons": lesson_by_language,
        "required": len(all_lessons),
        "done": done,
        "bench_lesson_id": bench_lesson.pk,
    }


# Where a request's time goes: (label, file suffix, function). Nested labels are indented;
# times are cumulative, so a parent includes its children.
BREAKDOWN = [
    ("whole request (Django handler)", "django/core/handlers/base.py", "get_response"),
    ("  session + user (auth.get_user)", "django/contrib/auth/__init__.py", "get_user"),
    ("  fast door: cached lesson shell", "courses/lesson_shell.py", "lesson_shell_respond"),
    ("    shell lookup (one cache read)", "courses/lesson_shell.py", "lesson_shell_lookup"),
    ("    fill for the learner", "courses/lesson_shell.py", "lesson_shell_fill"),
    ("      enrolment + steps done", "courses/lesson_shell.py", "_progress_rows"),
    ("  Wagtail routing (on a miss)", "wagtail/models/pages.py", "route_for_request"),
    ("  LessonPage.serve (on a miss)", "courses/models/pages.py", "serve"),
    ("    shell render", "courses/lesson_shell.py", "_shell_render"),
    ("      course structure", "courses/models/pages.py", "structure"),
    ("      lesson-body fragment", "wagtail/templatetags/wagtail_cache.py", "render"),
    ("SQL (execute, all)", "django/db/backends/utils.py", "_execute"),
    # Always 0 here: the test client keeps its connection, whereas gunicorn with the default
    # CONN_MAX_AGE=0 opens (and PostgreSQL forks a backend for) one per request.
    ("opening DB connections", "django/db/backends/base/base.py", "connect"),
    ("Redis cache get (all)", "django/core/cache/backends/redis.py", "get"),
]


def profile_request(*, path: str, session_key: str, repeat: int = 50) -> dict:
    """Queries of one warm request to `path` (Django test client, production settings),
    and where the time of `repeat` requests goes (cProfile)."""
    import cProfile
    import io
    import pstats
    from collections import Counter

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key
    assert client.get(path).status_code == 200  # warm per-process caches and the fragment
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    # Copy now: the next request's request_started signal empties connection.queries.
    queries = list(context.captured_queries)
    tables = Counter()
    for q in queries:
        match = re.search(r'FROM "(\w+)"', q["sql"])
        tables[match.group(1) if match else q["sql"][:40]] += 1

    def timed(url, n):
        start = time.perf_counter()
        for _ in range(n):
            client.get(url)
        return 1000 * (time.perf_counter() - start) / n

    healthz_ms = timed("/healthz", repeat)
    per_request_ms = timed(path, repeat)
    profiler = cProfile.Profile()
    profiler.enable()
    timed(path, repeat)
    profiler.disable()
    stats = pstats.Stats(profiler)
    breakdown = []
    for label, file_suffix, function in BREAKDOWN:
        matches = [
            (calls, cumulative)
            for (filename, _line, name), (_cc, calls, _tt, cumulative, _callers) in (
                stats.stats.items()
            )
            if name == function and filename.replace("\\", "/").endswith(file_suffix)
        ]
        calls, cumulative = max(matches, key=lambda m: m[1], default=(0, 0.0))
        breakdown.append((label, 1000 * cumulative / repeat, calls / repeat))
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    return {
        "path": path,
        "queries": len(queries),
        "query_ms": 1000 * sum(float(q["time"]) for q in queries),
        "by_table": tables.most_common(),
        "sql": [q["sql"][:150] for q in queries],
        "per_request_ms": per_request_ms,
        "healthz_ms": healthz_ms,
        "breakdown": breakdown,
        "top_tottime": out.getvalue(),
    }


# --- The benchmark -------------------------------------------------------------------


def _parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--languages", default="sr-latn,sr,en", help="comma-separated")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per target")
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per round")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of warm-up per target")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections")
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--modules", type=int, default=5)
    parser.add_argument("--lessons", type=int, default=8, help="lessons per module")
    parser.add_argument("--done", type=int, default=12, help="lessons the learner has done")
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument(
        "--env", action="append", default=[], metavar="KEY=VALUE", help="extra server env"
    )
    parser.add_argument("--keep-db", action="store_true", help="do not drop the database")
    parser.add_argument("--profile", action="store_true", help="queries + profile per language")
    parser.add_argument("--json", default="pages.json", help="file under bench/out/ ('' = none)")
    parser.add_argument("--quick", action="store_true", help="short smoke run")
    args = parser.parse_args(argv)
    args.languages = [x.strip() for x in args.languages.split(",") if x.strip()]
    if args.quick:
        args.rounds, args.duration, args.warmup = 1, 1.5, 0.5
        args.modules, args.lessons, args.done = 2, 4, 2
    if args.rounds < 1 or args.duration <= 0 or not args.languages:
        parser.error("need at least one round, a positive duration and one language")
    return args


def _percent(body: bytes) -> int | None:
    match = PROGRESS_RE.search(body)
    return int(match.group(1)) if match else None


def _expected_percent(done: int, required: int) -> int:
    return round(100 * done / required)  # as courses.selectors.Progress.percent


def _check_pages(port, cookies, lessons, *, expect_percent, expect_form) -> list[str]:
    """Problems with each language's lesson page as the learner sees it (empty = fine)."""
    problems = []
    for language, lesson in lessons.items():
        status, body, _ = common.http_get(port, lesson["path"], cookies=cookies)
        percent = _percent(body)
        if status != 200:
            problems.append(f"{language}: HTTP {status} for {lesson['path']}")
        elif percent != expect_percent:
            problems.append(f"{language}: shows {percent}%, expected {expect_percent}%")
        elif (MARK_DONE_FORM in body) != expect_form:
            state = "still offers" if expect_form is False else "does not offer"
            problems.append(f"{language}: {state} 'Mark as done'")
    return problems


def _progress_check(port, cookies, seeded) -> tuple[bool, list[str]]:
    """Mark the benchmarked lesson done through the real POST, then expect every
    language's (cached) lesson page to show the new percentage immediately."""
    lessons = seeded["lessons"]
    first = next(iter(lessons.values()))
    status, body, headers = common.http_get(port, first["path"], cookies=cookies)
    token = CSRF_RE.search(body)
    csrf_cookie = common.set_cookies(headers).get("csrftoken")
    lines = []
    if status != 200 or not token or not csrf_cookie:
        return False, [f"could not get a CSRF token from {first['path']} (HTTP {status})"]
    language = first["path"].split("/")[1]
    status, body, _ = common.http_post(
        port,
        f"/{language}/learning/done/{first['page_id']}/",
        data={"csrfmiddlewaretoken": token.group(1).decode()},
        cookies={**cookies, "csrftoken": csrf_cookie},
        headers={"Accept": "application/json"},
    )
    lines.append(f"POST mark-as-done → HTTP {status} {body[:60].decode(errors='replace')}")
    if status != 200:
        return False, lines
    expected = _expected_percent(seeded["done"] + 1, seeded["required"])
    problems = _check_pages(port, cookies, lessons, expect_percent=expected, expect_form=False)
    lines.append(
        f"after: every language shows {expected}% and 'completed'"
        if not problems
        else "after: " + "; ".join(problems)
    )
    return not problems, lines


def _fragment_keys(redis_url: str) -> int:
    import redis

    client = redis.Redis.from_url(redis_url)
    try:
        return sum(1 for _ in client.scan_iter(match="*template.cache.*lesson-body*", count=1000))
    finally:
        client.close()


def _print_table(results, targets) -> None:
    print()
    print(
        f"{'target':<16}{'median rps':>11}{'p50 ms':>8}{'p95 ms':>8}{'errors':>7}"
        f"{'client CPU':>11}  rps per round"
    )
    for name, _path in targets:
        rounds = [r for r in results if r.target == name]
        print(
            f"{name:<16}{common.median([r.rps for r in rounds]):>11.1f}"
            f"{common.median([r.p50_ms for r in rounds]):>8.1f}"
            f"{common.median([r.p95_ms for r in rounds]):>8.1f}"
            f"{sum(r.errors for r in rounds):>7}"
            f"{common.median([r.client_cpu_pct for r in rounds]):>10.0f}%"
            f"  {' '.join(f'{r.rps:.0f}' for r in rounds)}"
        )


def _ratios(results, languages) -> dict[str, dict[str, float]]:
    """Per language: each lesson round against the healthz round just before it (the
    machine's load drifts; neighbours see the same), median over rounds; and, for
    reference, median lesson rps / median healthz rps over the whole run."""
    healthz_all = common.median([r.rps for r in results if r.target == "healthz"])
    ratios = {}
    for language in languages:
        name = f"lesson {language}"
        paired = [
            r.rps / results[i - 1].rps
            for i, r in enumerate(results)
            if r.target == name and i and results[i - 1].target == "healthz" and results[i - 1].rps
        ]
        lesson = common.median([r.rps for r in results if r.target == name])
        ratios[language] = {
            "paired": common.median(paired),
            "of_medians": lesson / healthz_all if healthz_all else 0.0,
            "rounds": paired,
        }
    return ratios


def main(argv=None) -> int:
    args = _parse_args(argv)
    common.stop_cleanly_on_signals()
    env = common.bench_env(
        database_url=args.database_url,
        redis_url=args.redis_url,
        extra=common.parse_env_pairs(args.env),
    )
    started = time.monotonic()
    print(
        f"bench/pages.py: {args.workers} gunicorn workers, {args.connections} connections "
        f"({args.client_processes} client processes), {args.rounds} round(s) × "
        f"{args.duration:g} s per target, languages {', '.join(args.languages)}"
    )
    print(f"database {args.database_url}, cache and sessions {args.redis_url}")
    if args.env:
        print(f"extra server environment: {' '.join(args.env)}")
    pool = None
    try:
        t = time.monotonic()
        common.prepare_database(env=env)
        print(f"migrated and collected static files in {time.monotonic() - t:.1f} s")
        t = time.monotonic()
        seeded = common.django_call(
            "pages",
            "seed",
            env=env,
            modules=args.modules,
            lessons=args.lessons,
            done=args.done,
            languages=args.languages,
        )
        print(
            f"seeded {args.modules} modules × {args.lessons} lessons; learner has "
            f"{seeded['done']} of {seeded['required']} done ({time.monotonic() - t:.1f} s)"
        )
        cookies = {"sessionid": seeded["session_key"]}
        lessons = seeded["lessons"]
        for language, lesson in lessons.items():
            print(f"  lesson ({language}): {lesson['path']}")

        with common.Gunicorn(env=env, workers=args.workers) as server:
            print(f"gunicorn on 127.0.0.1:{server.port}")
            before = _expected_percent(seeded["done"], seeded["required"])
            problems = _check_pages(
                server.port, cookies, lessons, expect_percent=before, expect_form=True
            )
            if problems:
                print("The lesson pages are not what a signed-in learner should see:")
                print("\n".join(f"  {p}" for p in problems))
                print(server.log_tail())
                return 1
            print(f"before: every language shows {before}% and 'Mark as done'")

            targets = []
            for language in args.languages:
                targets += [
                    ("healthz", "/healthz"),
                    (f"lesson {language}", lessons[language]["path"]),
                ]
            unique_targets = list(dict.fromkeys(targets))
            pool = common.client_pool(args.client_processes)

            def run(name, path, duration):
                return common.load_round(
                    port=server.port,
                    target=name,
                    path=path,
                    cookies=None if name == "healthz" else cookies,
                    duration=duration,
                    connections=args.connections,
                    processes=args.client_processes,
                    pool=pool,
                )

            estimate = (len(unique_targets) * args.warmup) + args.rounds * len(targets) * (
                args.duration + 0.2
            )
            print(f"load: about {estimate:.0f} s")
            for name, path in unique_targets:
                run(name, path, args.warmup)  # warm-up: caches, connections, JIT-free Python
            results = []
            for round_no in range(args.rounds):
                for name, path in targets:
                    result = run(name, path, args.duration)
                    results.append(result)
                    print(
                        f"  round {round_no + 1} {name:<15} {result.rps:8.1f} rps"
                        f"  p50 {result.p50_ms:6.1f} ms  errors {result.errors}"
                        f"  load {result.load1:.1f}"
                    )
            fragments = _fragment_keys(args.redis_url)
            progress_ok, progress_lines = _progress_check(server.port, cookies, seeded)
            server_log = server.log_tail(2000)

        _print_table(results, unique_targets)
        healthz = common.median([r.rps for r in results if r.target == "healthz"])
        ratios = _ratios(results, args.languages)
        print()
        print(
            f"machine load (1-min average) during the rounds: "
            f"{min(r.load1 for r in results):.1f}–{max(r.load1 for r in results):.1f} "
            f"on {common.machine_info()['cpus']} CPUs"
        )
        for language, ratio in ratios.items():
            verdict = "meets" if ratio["paired"] >= GOAL_RATIO else "BELOW"
            rounds = " ".join(f"{x:.3f}" for x in ratio["rounds"])
            print(
                f"ratio lesson({language}) / healthz = {ratio['paired']:.3f}  "
                f"({verdict} goal {GOAL_RATIO}; rounds {rounds}; "
                f"median/median {ratio['of_medians']:.3f})"
            )
        script_ok = None
        if LATIN in ratios and CYRILLIC in ratios and ratios[LATIN]["paired"]:
            relative = ratios[CYRILLIC]["paired"] / ratios[LATIN]["paired"]
            script_ok = abs(1 - relative) <= SCRIPT_TOLERANCE
            latin, cyrillic = ratios[LATIN]["rounds"], ratios[CYRILLIC]["rounds"]
            overlap = max(min(latin), min(cyrillic)) <= min(max(latin), max(cyrillic))
            print(
                f"Cyrillic / Latin = {relative:.3f}  "
                f"({'within' if script_ok else 'OUTSIDE'} {SCRIPT_TOLERANCE:.0%}"
                + ("; the per-round ratios overlap: within this run's noise)" if overlap else ")")
            )
        print(f"lesson-body fragments in the cache: {fragments}")
        errors = sum(r.errors for r in results)
        print(f"request errors: {errors}")
        for r in results:
            if r.errors:
                print(f"  {r.target}: {r.statuses} {r.error_samples}")
        print(f"progress exact under caching: {'PASS' if progress_ok else 'FAIL'}")
        for line in progress_lines:
            print(f"  {line}")
        if "Traceback" in server_log or "[ERROR]" in server_log:
            print("gunicorn log (tail):\n" + server_log)

        profiles = {}
        if args.profile:
            # The database still exists; a fresh process with the same environment.
            profile_env = {**env, "ALLOWED_HOSTS": env["ALLOWED_HOSTS"] + ",testserver"}
            for language, lesson in lessons.items():
                p = common.django_call(
                    "pages",
                    "profile_request",
                    env=profile_env,
                    path=lesson["path"],
                    session_key=seeded["session_key"],
                )
                profiles[language] = p
                print(
                    f"\nprofile {language} (in-process, test client): {p['queries']} queries "
                    f"({p['query_ms']:.1f} ms in SQL), {p['per_request_ms']:.1f} ms per lesson "
                    f"request vs {p['healthz_ms']:.2f} ms per /healthz"
                )
                print("  queries by table: " + ", ".join(f"{t}×{n}" for t, n in p["by_table"]))
                if language != args.languages[0]:
                    continue
                print("  where the time goes (ms per request, cumulative; with profiler):")
                for label, ms, calls in p["breakdown"]:
                    print(f"    {label:<46}{ms:8.1f} ms{calls:8.1f} calls")
                print("  queries of one request:")
                print("\n".join(f"    {i + 1:>2}. {sql}" for i, sql in enumerate(p["sql"])))
                print(p["top_tottime"])

        print(f"\ntotal {time.monotonic() - started:.0f} s")
        if args.json:
            path = common.write_json(
                args.json,
                {
                    "benchmark": "pages",
                    "machine": common.machine_info(),
                    "settings": {
                        k: v
                        for k, v in vars(args).items()
                        if k not in {"database_url", "redis_url"}
                    },
                    "rounds": [r.as_dict() for r in results],
                    "healthz_median_rps": healthz,
                    "ratios": ratios,
                    "goal_ratio": GOAL_RATIO,
                    "cyrillic_within_tolerance": script_ok,
                    "progress_exact": progress_ok,
                    "errors": errors,
                    "profiles": profiles,
                },
            )
            print(f"wrote {path.relative_to(common.ROOT)}")
        return 0 if progress_ok and not errors else 1
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
        if not args.keep_db:
            common.bench_state_drop(args.database_url, args.redis_url)


if __name__ == "__main__":
    common.run_main(main)

"""Django side of bench/seed_scale.py and bench/stats.py (run through _common.django_call)."""

from __future__ import annotations

import statistics
import sys
import time

STEP_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PROFESSIONS = [
    "judge",
    "prosecutor",
    "police_officer",
    "social_worker",
    "labour_inspector",
    "asylum_officer",
    "judicial_assistant",
    "other",
]
REGIONS = [
    "belgrade",
    "south_backa",
    "nisava",
    "sumadija",
    "zlatibor",
    "raska",
    "srem",
    "macva",
    "pcinja",
    "bor",
]


class Progress:
    """tqdm when it is installed, else a plain bar on stderr."""

    def __init__(self, total: int, label: str):
        self.total, self.done, self.label, self.start = total, 0, label, time.perf_counter()
        try:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=label, unit="row", file=sys.stderr)
        except ImportError:
            self.bar = None

    def update(self, n: int) -> None:
        self.done += n
        if self.bar is not None:
            self.bar.update(n)
            return
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        elapsed = time.perf_counter() - self.start
        sys.stderr.write(
            f"\r{self.label:<14} [{'#' * filled}{'.' * (width - filled)}] "
            f"{self.done:>9,}/{self.total:,} {elapsed:6.1f}s"
        )
        sys.stderr.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        else:
            sys.stderr.write("\n")


def _step(n: int) -> str:
    digits = []
    for _ in range(4):
        n, r = divmod(n, len(STEP_ALPHABET))
        digits.append(STEP_ALPHABET[r])
    return "".join(reversed(digits))


def _tree_rows(shape: list[int]) -> list[tuple[str, int, int]]:
    """(path, depth, numchild) for a tree with shape[d] children per node at depth d."""
    rows = []

    def walk(path: str, depth: int) -> None:
        if depth == len(shape):
            return
        count = shape[depth]
        for i in range(count):
            child = path + _step(i + 1)
            children = shape[depth + 1] if depth + 1 < len(shape) else 0
            rows.append((child, depth + 1, children))
            walk(child, depth + 1)

    walk("", 0)
    return rows


def seed(*, learners: int, enrolments_per_learner: int, courses: int) -> dict:
    """Institutions (2,000 in four levels), courses, learners, enrolments with progress,
    completions (5 % completed elsewhere than where they are now: movers), step completions
    for the work in progress, and certificates for the completions of a fifth of the
    courses. Rows are generated in PostgreSQL (INSERT … SELECT generate_series)."""
    from django.db import connection, transaction
    from wagtail.models import Page

    from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
    from institutions.models import Institution

    timings = {}
    t = time.perf_counter()
    # 5 ministries × 8 × 10 × 4 = 1,600 leaves; 5 + 40 + 400 + 1,600 = 2,045 nodes, trimmed
    # to 2,000 by leaving the last leaves out.
    rows = _tree_rows([5, 8, 10, 4])
    rows = rows[:2000] if len(rows) > 2000 else rows
    kept = {p for p, _d, _n in rows}
    institutions = []
    for index, (path, depth, _numchild) in enumerate(rows):
        numchild = sum(1 for p in kept if p.startswith(path) and len(p) == len(path) + 4)
        institutions.append(
            Institution(
                path=path,
                depth=depth,
                numchild=numchild,
                code=f"B{index:05d}",
                name_sr=f"Institucija {index}",
                name_en=f"Institution {index}",
                kind="other",
                region=REGIONS[index % len(REGIONS)],
            )
        )
    Institution.objects.bulk_create(institutions, batch_size=1000)
    timings["institutions"] = time.perf_counter() - t

    t = time.perf_counter()
    from home.models import HomePage

    home = HomePage.objects.first() or Page.objects.get(depth=2)
    index_page = home.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))
    course_ids = []
    lesson_ids: dict[int, list[int]] = {}
    for c in range(courses):
        course = index_page.add_child(
            instance=CoursePage(
                title=f"Course {c + 1:02d}",
                slug=f"course-{c + 1:02d}",
                summary="Bench course",
                learning_objectives="<p>Bench</p>",
                programme_objective="criminal_justice",
                estimated_hours=2,
                validity_months=24,
            )
        )
        module = course.add_child(instance=ModulePage(title="Module", slug="module"))
        lesson_ids[course.pk] = [
            module.add_child(
                instance=LessonPage(title=f"Lesson {i}", slug=f"lesson-{i}", body=[])
            ).pk
            for i in range(4)
        ]
        course_ids.append(course.pk)
    timings["courses"] = time.perf_counter() - t

    total = learners * enrolments_per_learner
    progress = Progress(total + learners, "learners+enrol")
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("SELECT setseed(0.42)")
        cursor.execute(
            """
            INSERT INTO accounts_user (password, is_superuser, first_name, last_name, email,
                is_staff, is_active, date_joined, profession, preferred_language,
                institution_id, form_of_address, sex, name_folded)
            SELECT '!', false, 'Ime' || g, 'Prezime' || g, 'learner' || g || '@bench.example',
                false, true, now(), (%s::text[])[1 + g %% 8], 'sr-latn',
                ids[1 + (g * 7919) %% array_length(ids, 1)], '', '',
                'ime' || g || ' prezime' || g
            FROM generate_series(1, %s) g,
                 (SELECT array_agg(id ORDER BY id) ids FROM institutions_institution
                  WHERE depth >= 3) i
            """,
            [PROFESSIONS, learners],
        )
        cursor.execute(
            """
            INSERT INTO accounts_membership (user_id, institution_id, started_at)
            SELECT id, institution_id, now() FROM accounts_user WHERE institution_id IS NOT NULL
            """
        )
        progress.update(learners)
        cursor.execute("SELECT min(id) - 1 FROM accounts_user WHERE email LIKE '%%@bench.example'")
        base = cursor.fetchone()[0]
        chunk = max(1, learners // 20)
        for first in range(1, learners + 1, chunk):
            last = min(learners, first + chunk - 1)
            with transaction.atomic():
                cursor.execute(
                    """
                    INSERT INTO courses_enrolment (user_id, course_id, enrolled_at, source,
                        started_at, last_activity_at, completed_at, completion_institution_id)
                    SELECT x.user_id, x.course_id, x.enrolled_at, 'self',
                        CASE WHEN x.r < 0.8 THEN x.enrolled_at + interval '1 day' * (x.r * 10)
                        END,
                        CASE WHEN x.r < 0.8 THEN x.enrolled_at + interval '1 day' * (x.r * 90)
                        END,
                        CASE WHEN x.r < 0.5
                            THEN x.enrolled_at + interval '1 day' * (1 + x.r2 * 240)
                        END,
                        CASE WHEN x.r < 0.5 THEN
                            CASE WHEN x.r < 0.025
                                THEN ids[1 + (x.user_id * 31 + x.k) %% array_length(ids, 1)]
                                ELSE x.institution_id
                            END
                        END
                    FROM (
                        SELECT u.id AS user_id, u.institution_id, k,
                            (%s::int[])[1 + (u.id + k * 2) %% array_length(%s::int[], 1)]
                                AS course_id,
                            random() AS r, random() AS r2,
                            timestamptz '2024-01-01'
                                + interval '1 hour' * floor(random() * 24 * 700) AS enrolled_at
                        FROM accounts_user u, generate_series(0, %s - 1) k
                        WHERE u.id BETWEEN %s AND %s
                    ) x,
                    (SELECT array_agg(id ORDER BY id) ids FROM institutions_institution
                     WHERE depth >= 3) i
                    """,
                    [course_ids, course_ids, enrolments_per_learner, base + first, base + last],
                )
            progress.update((last - first + 1) * enrolments_per_learner)
    progress.close()
    timings["learners_enrolments"] = time.perf_counter() - t

    t = time.perf_counter()
    lessons_sql = (
        "ARRAY["
        + ",".join("ARRAY[" + ",".join(str(pk) for pk in lesson_ids[c]) + "]" for c in course_ids)
        + "]"
    )
    with connection.cursor() as cursor:
        # Work in progress: 1 to 3 lessons done of 4.
        cursor.execute(
            f"""
            INSERT INTO courses_stepcompletion (enrolment_id, page_id, completed_at)
            SELECT e.id, ({lessons_sql})[array_position(%s::int[], e.course_id)][s],
                e.started_at
            FROM courses_enrolment e, generate_series(1, 3) s
            WHERE e.started_at IS NOT NULL AND e.completed_at IS NULL AND s <= 1 + e.id %% 3
            """,  # noqa: S608 (integers we made)
            [course_ids],
        )
        steps = cursor.rowcount
        # Certificates for the completions of every fifth course; some expired, some revoked.
        cursor.execute(
            """
            INSERT INTO certificates_certificate (enrolment_id, user_id, course_id,
                institution_id, serial, code, issued_at, expires_at, revoked_at,
                revoked_reason, is_reissue, language, holder_name, course_title,
                institution_name, hours, completed_at, pdf, kind, revocation_category,
                holder_form_of_address, holder_name_folded, held, pdf_signed_by,
                open_badge_email_salt)
            SELECT e.id, e.user_id, e.course_id, e.completion_institution_id,
                'B-' || e.id, md5(e.id::text), e.completed_at,
                e.completed_at + interval '2 years',
                CASE WHEN e.id %% 50 = 0 THEN e.completed_at + interval '30 days' END,
                '', false, 'sr-latn', 'Ime Prezime', 'Course', '', 2, e.completed_at, '',
                'course', '', '', 'ime prezime', '', '', ''
            FROM courses_enrolment e
            WHERE e.completed_at IS NOT NULL
              AND array_position(%s::int[], e.course_id) %% 5 = 1
            """,
            [course_ids],
        )
        certificates = cursor.rowcount
        cursor.execute("ANALYZE")
    timings["steps_certificates_analyze"] = time.perf_counter() - t
    from courses.models import Enrolment

    return {
        "institutions": Institution.objects.count(),
        "courses": len(course_ids),
        "learners": learners,
        "enrolments": Enrolment.objects.count(),
        "completed": Enrolment.objects.filter(completed_at__isnull=False).count(),
        "step_completions": steps,
        "certificates": certificates,
        "timings": {k: round(v, 1) for k, v in timings.items()},
    }


# --- bench/stats.py -------------------------------------------------------------------------

HAND_SQL = """
WITH e AS (
    SELECT e.started_at, e.completed_at, e.enrolled_at,
        CASE WHEN e.completed_at IS NOT NULL AND e.completion_institution_id IS NOT NULL
             THEN ci.path ELSE ui.path END AS path
    FROM courses_enrolment e
    JOIN accounts_user u ON u.id = e.user_id
    LEFT JOIN institutions_institution ui ON ui.id = u.institution_id
    LEFT JOIN institutions_institution ci ON ci.id = e.completion_institution_id
    WHERE e.course_id = %(course)s AND e.archived_at IS NULL
)
SELECT substr(path, 1, %(len)s) AS key, count(*) AS enrolled,
    count(*) FILTER (WHERE started_at IS NOT NULL) AS started,
    count(*) FILTER (WHERE completed_at IS NOT NULL) AS completed,
    percentile_cont(0.5) WITHIN GROUP (
        ORDER BY extract(epoch FROM completed_at - enrolled_at) / 86400.0) AS median
FROM e GROUP BY 1
"""
HAND_SQL_CERTIFICATES = """
SELECT substr(CASE WHEN e.completed_at IS NOT NULL AND e.completion_institution_id IS NOT NULL
                   THEN ci.path ELSE ui.path END, 1, %(len)s) AS key,
    count(*) FILTER (WHERE c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now()))
        AS valid,
    count(*) FILTER (WHERE c.revoked_at IS NULL AND c.expires_at <= now()) AS expired,
    count(*) FILTER (WHERE c.revoked_at IS NOT NULL) AS revoked
FROM certificates_certificate c
JOIN courses_enrolment e ON e.id = c.enrolment_id
JOIN accounts_user u ON u.id = e.user_id
LEFT JOIN institutions_institution ui ON ui.id = u.institution_id
LEFT JOIN institutions_institution ci ON ci.id = e.completion_institution_id
WHERE c.superseded_by_id IS NULL AND e.course_id = %(course)s AND e.archived_at IS NULL
GROUP BY 1
"""


def measure(*, rounds: int, course_index: int, focus: str) -> dict:
    """The rollup of the whole tree for one course: the selector against the hand-written
    SQL, interleaved; the queries counted; the plans explained."""
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from institutions.models import Institution

    settings.STATS_CACHE_SECONDS = 0  # measure the queries, not the cache
    from stats.selectors import StatsFilters, StatsScope, courses_for_stats, stats_by_institution

    course = list(courses_for_stats().order_by("pk"))[course_index]
    scope = StatsScope(roots=None)
    node = Institution.objects.get(code=focus) if focus else None
    filters = StatsFilters(course=course, institution=node)
    prefix_len = (len(node.path) if node else 0) + Institution.steplen

    def selector():
        return stats_by_institution(scope=scope, filters=filters)

    def hand():
        params = {"course": course.pk, "len": prefix_len}
        with connection.cursor() as cursor:
            where = ""
            sql = HAND_SQL
            cert_sql = HAND_SQL_CERTIFICATES
            if node is not None:
                where = node.path
                sql = sql.replace(
                    "WHERE e.course_id",
                    "WHERE (CASE WHEN e.completed_at IS NOT NULL AND "
                    "e.completion_institution_id IS NOT NULL THEN ci.path ELSE ui.path END) "
                    "LIKE %(prefix)s AND e.course_id",
                )
                cert_sql = cert_sql.replace(
                    "WHERE c.superseded_by_id",
                    "WHERE (CASE WHEN e.completed_at IS NOT NULL "
                    "AND e.completion_institution_id IS NOT NULL THEN ci.path ELSE ui.path END) "
                    "LIKE %(prefix)s AND c.superseded_by_id",
                )
                params["prefix"] = where + "%"
            cursor.execute(sql, params)
            rows = {r[0]: r for r in cursor.fetchall()}
            cursor.execute(cert_sql, params)
            certs = {r[0]: r for r in cursor.fetchall()}
        return rows, certs

    # Warm up, and check that both give the same figures.
    selector_rows = selector()
    hand_rows, hand_certs = hand()
    paths = dict(
        Institution.objects.filter(code__in=[r.code for r in selector_rows]).values_list(
            "code", "path"
        )
    )
    mismatches = []
    for row in selector_rows:
        h = hand_rows.get(paths[row.code])
        expected = (h[1], h[2], h[3]) if h else (0, 0, 0)
        got = (row.enrolled, row.started, row.completed)
        c = hand_certs.get(paths[row.code])
        expected_c = (c[1], c[2], c[3]) if c else (0, 0, 0)
        got_c = (row.certificates_valid, row.certificates_expired, row.certificates_revoked)
        if got != expected or got_c != expected_c:
            mismatches.append(
                {"code": row.code, "selector": got + got_c, "sql": expected + expected_c}
            )

    with CaptureQueriesContext(connection) as captured:
        selector()
    queries = [q["sql"] for q in captured.captured_queries]

    selector_times, hand_times = [], []
    for _ in range(rounds):
        t = time.perf_counter()
        selector()
        selector_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        hand()
        hand_times.append(time.perf_counter() - t)

    explains = []
    with connection.cursor() as cursor:
        for sql in queries:
            if "GROUP BY" not in sql:
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
            explains.append("\n".join(r[0] for r in cursor.fetchall()))
    sel, hnd = statistics.median(selector_times), statistics.median(hand_times)
    return {
        "course": course.title,
        "focus": focus or "(whole tree: top-level institutions)",
        "rows": len(selector_rows),
        "enrolments_in_course": sum(
            r.enrolled for r in selector_rows if isinstance(r.enrolled, int)
        ),
        "selector_median_s": round(sel, 4),
        "hand_sql_median_s": round(hnd, 4),
        "ratio": round(sel / hnd, 2) if hnd else None,
        "selector_queries": len(queries),
        "queries": queries,
        "mismatches": mismatches,
        "explain": explains,
    }

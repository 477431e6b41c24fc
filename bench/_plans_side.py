"""Django side of bench/plans.py (run through _common.django_call), on a copy of the
national-scale seed (bench/seed_scale.py).

Everything runs in one process, in order:

(a) a ministry's manager saves a plan for the whole ministry (the real form POSTed through
    Django's test client), and the background run it queued is drained by django-tasks'
    own worker loop in a thread, while the main thread polls the run's row (the progress a
    manager sees) and samples the process's memory;
(b) four more plans of other shapes are applied, 5,000 people are moved between
    institutions (accounts' `user_move_institution`, inside `people_changes_batched()`: one
    announcement after the commit), and the background run of every plan for them is
    drained the same way; then every active plan's open assignments are checked against its
    target;
(c) the ministry's compliance read (status counts and the first page of the list, and the
    whole detail page) for the ministry's plan and for a plan of a tenth of its people.

Queries are counted with a connection execute wrapper (no SQL is kept), cache round trips
by wrapping django-redis' cache methods.
"""

from __future__ import annotations

import re
import statistics
import threading
import time
from collections import Counter
from pathlib import Path

SQL_TABLE = re.compile(r'(?:FROM|INTO|UPDATE)\s+"(\w+)"')


# --- Counting -----------------------------------------------------------------------------


class QueryCounter:
    """An execute wrapper: how many queries, their time, by first keyword and table."""

    def __init__(self):
        self.count = 0
        self.seconds = 0.0
        self.by_table: Counter = Counter()
        self.slowest = (0.0, "")

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            elapsed = time.perf_counter() - start
            self.count += 1
            self.seconds += elapsed
            match = SQL_TABLE.search(sql)
            self.by_table[f"{sql.split(None, 1)[0]} {match.group(1) if match else '?'}"] += 1
            if elapsed > self.slowest[0]:
                self.slowest = (elapsed, sql)

    def report(self) -> dict:
        return {
            "queries": self.count,
            "sql_s": round(self.seconds, 3),
            "by_table": self.by_table.most_common(12),
            "slowest_s": round(self.slowest[0], 3),
            "slowest_sql": self.slowest[1][:4000],
        }


class CacheCounter:
    """Cache round trips (django-redis), whatever thread makes them."""

    METHODS = (
        "get",
        "set",
        "add",
        "incr",
        "decr",
        "delete",
        "get_many",
        "set_many",
        "delete_many",
        "has_key",
        "touch",
    )

    def __init__(self):
        self.calls: Counter = Counter()
        self.seconds = 0.0
        self._lock = threading.Lock()

    def install(self) -> None:
        from django.core.cache import caches

        cls = type(caches["default"])
        for name in self.METHODS:
            original = getattr(cls, name, None)
            if original is None or getattr(original, "_bench_counted", False):
                continue
            setattr(cls, name, self._wrap(name, original))

    def _wrap(self, name, original):
        counter = self

        def counted(self, *args, **kwargs):
            start = time.perf_counter()
            try:
                return original(self, *args, **kwargs)
            finally:
                with counter._lock:
                    counter.calls[name] += 1
                    counter.seconds += time.perf_counter() - start

        counted._bench_counted = True
        return counted

    def take(self) -> dict:
        with self._lock:
            calls, self.calls = self.calls, Counter()
            seconds, self.seconds = self.seconds, 0.0
        return {"total": sum(calls.values()), "seconds": round(seconds, 2), **dict(calls)}


CACHE = CacheCounter()


def _rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def _mb(n: int) -> float:
    return round(n / 1_048_576, 1)


def _measured(func) -> dict:
    """Run `func()` here: wall time, queries, cache round trips, memory (RSS sampled)."""
    from django.db import connection

    counter = QueryCounter()
    CACHE.take()
    base = _rss_bytes()
    peak = [base]
    stop = threading.Event()

    def sample():
        while not stop.wait(0.05):
            peak[0] = max(peak[0], _rss_bytes())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    try:
        with connection.execute_wrapper(counter):
            value = func()
    finally:
        stop.set()
        sampler.join()
    elapsed = time.perf_counter() - start
    return {
        "wall_s": round(elapsed, 2),
        **counter.report(),
        "cache": CACHE.take(),
        "rss_before_mb": _mb(base),
        "rss_peak_delta_mb": _mb(peak[0] - base),
        "value": value,
    }


def _worker():
    """django-tasks' worker as `manage.py db_worker --batch` makes it: it runs every ready
    task, then returns."""
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="bench-plans",
        excluded_queue_names=[],
    )


def _worker_drain(*, run_id: int, poll: float) -> dict:
    """Drain the task queue with django-tasks' own worker loop (`db_worker --batch`) in a
    thread, counting its queries; meanwhile poll the run's row from here (what a manager
    sees) and sample the process's memory."""
    from django.db import connection

    from plans.models import PlanRun

    counter = QueryCounter()
    outcome: dict = {}

    def work():
        try:
            with connection.execute_wrapper(counter):
                _worker().run()
        except BaseException as error:  # reported, not swallowed
            outcome["error"] = repr(error)
        finally:
            connection.close()

    CACHE.take()
    base = _rss_bytes()
    peak = base
    seen = []
    thread = threading.Thread(target=work)
    start = time.perf_counter()
    thread.start()
    while thread.is_alive():
        peak = max(peak, _rss_bytes())
        row = PlanRun.objects.values("status", "people", "assigned", "closed").get(pk=run_id)
        state = (row["status"], row["assigned"], row["closed"])
        if not seen or seen[-1][1:] != list(state):
            seen.append([round(time.perf_counter() - start, 2), *state])
        thread.join(poll)
    elapsed = time.perf_counter() - start
    run = PlanRun.objects.get(pk=run_id)
    seen.append([round(elapsed, 2), run.status, run.assigned, run.closed])
    return {
        "wall_s": round(elapsed, 2),
        **counter.report(),
        "cache": CACHE.take(),
        "rss_before_mb": _mb(base),
        "rss_peak_delta_mb": _mb(peak - base),
        "run": {
            "status": run.status,
            "people": run.people,
            "assigned": run.assigned,
            "closed": run.closed,
            "error": run.error[:500],
            "seconds": round((run.finished_at - run.created_at).total_seconds(), 2)
            if run.finished_at
            else None,
        },
        "progress_seen": seen,
        "worker_error": outcome.get("error", ""),
    }


# --- Set-up -------------------------------------------------------------------------------


def _manager(ministry):
    """A manager of the ministry with TOTP, and a test client signed in with the second
    factor passed in this session."""
    from allauth.account.internal.flows.login import record_authentication
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.test import Client, RequestFactory

    from accounts.models import Role
    from accounts.services import role_grant, user_create

    user = user_create(
        email="bench-plans-manager@bench.example",
        first_name="Menadžer",
        last_name="Ministarstva",
        institution=ministry,
        profession="other",
        email_verified=True,
    )
    role_grant(user=user, role=Role.INSTITUTION_MANAGER, institution=ministry)
    TOTP.activate(user, generate_totp_secret())
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    session = client.session
    request = RequestFactory().get("/")
    request.session = session
    record_authentication(request, user, "mfa", type="totp")
    session.save()
    return user, client


def _in_subtree(path: str):
    from accounts.models import User

    return User.objects.filter(institution__path__startswith=path, is_active=True)


def _plan_enrolments(course_ids) -> int:
    from courses.models import Enrolment

    return Enrolment.objects.filter(
        course_id__in=course_ids, archived_at__isnull=True, source="plan"
    ).count()


def _consistency() -> list[dict]:
    """Every active plan: people in its target without an open assignment, and open
    assignments of people outside it (both must be 0)."""
    from django.db.models import Exists, OuterRef

    from plans.models import Assignment, TrainingPlan
    from plans.targets import Target

    rows = []
    for plan in TrainingPlan.objects.filter(is_active=True).select_related("owner_institution"):
        people = Target.of(plan).people()
        open_ = Assignment.objects.filter(plan=plan, closed_at__isnull=True)
        missing = people.exclude(Exists(open_.filter(user_id=OuterRef("pk")))).count()
        extra = open_.exclude(user_id__in=people.values("pk")).count()
        rows.append(
            {
                "plan": plan.name,
                "target": people.count(),
                "open": open_.count(),
                "missing": missing,
                "extra": extra,
            }
        )
    return rows


# --- The benchmark ------------------------------------------------------------------------


def measure(*, moves: int, rounds: int, poll: float, named: int) -> dict:
    from django.conf import settings
    from django.db import transaction
    from django.urls import reverse
    from django.utils import translation
    from django_tasks_db.models import DBTaskResult

    from accounts.api import people_changes_batched
    from accounts.models import User
    from accounts.services import user_move_institution
    from courses.models import CoursePage
    from institutions.models import Institution
    from plans.factories import plan_with
    from plans.models import Assignment, PlanItem, PlanRun, TrainingPlan
    from plans.services import plan_apply

    CACHE.install()
    translation.activate(settings.LANGUAGE_CODE)
    result: dict = {"setup": {}}
    # Tasks the seed queued (Wagtail's index and references of the pages it made) run
    # first, unmeasured: the worker drains whatever is ready.
    start = time.perf_counter()
    _worker().run()
    result["setup"]["seed_tasks_drained_s"] = round(time.perf_counter() - start, 1)
    ministries = list(Institution.objects.filter(depth=1).order_by("path"))
    ministry = ministries[0]
    courses = list(CoursePage.objects.live().order_by("pk"))
    learners = User.objects.filter(is_active=True).count()
    in_ministry = _in_subtree(ministry.path).count()
    manager, client = _manager(ministry)
    result["setup"].update(
        {
            "learners": learners,
            "ministry": f"{ministry.code} ({ministry.path})",
            "people_in_ministry": in_ministry + 1,
            "courses": len(courses),
        }
    )

    # (a) The ministry's plan, saved through the form, its rule run in the background.
    # Both issue certificates, and the seed enrols people in every other course (even or odd).
    plan_courses = [courses[0], courses[10]]
    before = _plan_enrolments([c.pk for c in plan_courses])
    form = {
        "name": "Bench: the whole ministry",
        "owner_institution": ministry.pk,
        "target_institutions": [ministry.pk],
        "courses": [c.pk for c in plan_courses],
        "due_date": "2027-06-30",
        "save": "1",
    }
    url = reverse("plans:create")
    save = _measured(lambda: client.post(url, form).status_code)
    save["status"] = save.pop("value")
    plan = TrainingPlan.objects.get(name=form["name"])
    run = PlanRun.objects.get(plan=plan)
    save["queued_tasks"] = DBTaskResult.objects.filter(status="READY").count()
    drained = _worker_drain(run_id=run.pk, poll=poll)
    drained["open_assignments"] = Assignment.objects.filter(
        plan=plan, closed_at__isnull=True
    ).count()
    drained["enrolled"] = _plan_enrolments([c.pk for c in plan_courses]) - before
    result["a_save"] = save
    result["a_run"] = drained

    # (b) Four more plans of other shapes, applied at once (timed as set-up).
    depth3 = list(
        Institution.objects.filter(depth=3, path__startswith=ministry.path).order_by("path")
    )
    tenth = depth3[:: max(1, len(depth3) // 8)][:8]
    region = Institution.objects.filter(depth=2, path__startswith=ministries[1].path).first()
    named_people = list(
        User.objects.filter(is_active=True).order_by("?").values_list("pk", flat=True)[:named]
    )
    shapes = [
        {
            "name": "Bench: police officers, national",
            "professions": ["police_officer"],
            "courses": [courses[2]],
            "due_within_days": 90,
        },
        {
            "name": "Bench: a tenth of the ministry",
            "owner": ministry,
            "institutions": tenth,
            "courses": [courses[0], courses[10]],
            "due_within_days": 60,
        },
        {
            "name": "Bench: judges and prosecutors of a region, re-certified",
            "owner": region,
            "institutions": [region],
            "professions": ["judge", "prosecutor"],
            "courses": [courses[10]],
            "due_within_days": 30,
            "recertify_days_before": 60,
        },
        {
            "name": "Bench: named people",
            "people": User.objects.filter(pk__in=named_people),
            "courses": [courses[7]],
            "due_within_days": 14,
        },
    ]
    for shape in shapes:
        created = plan_with(**shape)
        if created.recertify_days_before:
            PlanItem.objects.filter(plan=created).update(refresher=courses[15])
        applied = _measured(lambda p=created: plan_apply(plan=p))
        change = applied.pop("value")
        result["setup"][created.name] = {
            "assigned": change.assigned,
            "enrolled": change.enrolled,
            "wall_s": applied["wall_s"],
            "queries": applied["queries"],
            "cache_total": applied["cache"]["total"],
        }
    tenth_plan = TrainingPlan.objects.get(name="Bench: a tenth of the ministry")

    # The moves: half from elsewhere into the ministry (spread over its leaves, a tenth of
    # them into the tenth plan's institutions), half from the ministry to another one.
    half = moves // 2
    inside_leaves = list(
        Institution.objects.filter(path__startswith=ministry.path, numchild=0).order_by("path")
    )
    outside_leaves = list(
        Institution.objects.filter(path__startswith=ministries[2].path, numchild=0).order_by("path")
    )
    tenth_leaves = [
        leaf for leaf in inside_leaves if any(leaf.path.startswith(t.path) for t in tenth)
    ]
    incoming = list(
        User.objects.filter(is_active=True, institution__isnull=False)
        .exclude(institution__path__startswith=ministry.path)
        .exclude(pk__in=named_people)
        .order_by("?")[:half]
    )
    outgoing = list(
        _in_subtree(ministry.path)
        .exclude(pk__in=[manager.pk, *named_people])
        .order_by("?")[: moves - half]
    )
    plan_moves = []
    for i, user in enumerate(incoming):
        leaves = tenth_leaves if i % 10 == 0 and tenth_leaves else inside_leaves
        plan_moves.append((user, leaves[i % len(leaves)]))
    for i, user in enumerate(outgoing):
        plan_moves.append((user, outside_leaves[i % len(outside_leaves)]))
    runs_before = set(PlanRun.objects.values_list("pk", flat=True))

    def move_all():
        with transaction.atomic(), people_changes_batched():
            for user, institution in plan_moves:
                user_move_institution(user=user, institution=institution)
        return len(plan_moves)

    moved = _measured(move_all)
    moved["moved"] = moved.pop("value")
    new_runs = list(PlanRun.objects.exclude(pk__in=runs_before).order_by("pk"))
    moved["runs_queued"] = [{"plan": r.plan_id, "people": r.people} for r in new_runs]
    result["b_moves"] = moved
    if len(new_runs) == 1:
        result["b_run"] = _worker_drain(run_id=new_runs[0].pk, poll=poll)
    else:
        result["b_run"] = {"error": f"expected one background run, found {len(new_runs)}"}
    result["b_run"]["expected_in_ministry_plan"] = {"assigned": half, "closed": moves - half}
    result["b_run"]["ministry_plan_open"] = Assignment.objects.filter(
        plan=plan, closed_at__isnull=True
    ).count()
    result["consistency"] = _consistency()

    # (c) The compliance read of the ministry: the ministry's plan and a tenth of it.
    from django.core.paginator import Paginator

    from plans.selectors import assignments_seen_by, status_counts

    def read(p):
        assignments = assignments_seen_by(viewer=manager, plan=p)
        counts = status_counts(assignments)
        page = Paginator(assignments.order_by("due_at", "user__last_name", "pk"), 50).get_page(1)
        rows = [(a.user.institution.code, a.status) for a in page]
        return counts, len(rows)

    compliance = {}
    for label, p in (("ministry", plan), ("tenth", tenth_plan)):
        manager = User.objects.get(pk=manager.pk)  # role assignments read afresh
        read(p)  # warm
        detail_url = reverse("plans:detail", args=[p.pk])
        client.get(detail_url)
        selector_runs, view_runs = [], []
        for _ in range(rounds):
            manager = User.objects.get(pk=manager.pk)
            selector_runs.append(_measured(lambda p=p: read(p)))
            view_runs.append(_measured(lambda u=detail_url: client.get(u).status_code))
        counts, rows = selector_runs[-1]["value"]
        compliance[label] = {
            "people": sum(counts.values()),
            "counts": counts,
            "first_page_rows": rows,
            "selector_queries": selector_runs[-1]["queries"],
            "selector_by_table": selector_runs[-1]["by_table"],
            "selector_median_s": round(statistics.median(r["wall_s"] for r in selector_runs), 3),
            "view_status": view_runs[-1]["value"],
            "view_queries": view_runs[-1]["queries"],
            "view_by_table": view_runs[-1]["by_table"],
            "view_median_s": round(statistics.median(r["wall_s"] for r in view_runs), 3),
            "slowest_sql_s": selector_runs[-1]["slowest_s"],
        }
    result["c_compliance"] = compliance
    import resource

    # The process's high-water mark (Linux: kilobytes), whatever step reached it.
    result["process_maxrss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )
    return result

"""Reminders and escalations of training plans (`send_plan_reminders`, daily, or the task).

- **Reminders**: each plan has a schedule of steps, days before its due moment and days
  after it (default 30 and 7 before, 1 and 14 after). A person with an open assignment who is
  not compliant gets the latest step whose moment has passed, once: an email (unless they
  turned plan reminders off in their profile and the plan does not make its reminders
  mandatory) and a message on My learning. A step missed (the person was assigned after it,
  or a later step had already come) is never sent late.
- **Digest**: once a week, from the configured weekday (`PLAN_DIGEST_WEEKDAY`, Monday = 0)
  on, each institution manager gets one email listing, per plan, the people of their
  subtree who are past their due date and not compliant.
- **Once and only once**: a step is claimed by inserting a `ReminderSent` row (unique per
  assignment and step) in its own transaction before the email goes out, and a digest by a
  `DigestSent` row (unique per manager and week); a rerun, or a second scheduler at the
  same moment, fails to claim and sends nothing. An email that fails after its claim is
  logged and not sent again (at most once, never twice).
- Everything is written in the recipient's language and script (`preferred_language`):
  plan names and course titles, which are content, go through `serbian.api.for_reader`;
  people's names stay as they wrote them.

Queries: a few per plan and step, and per hundred people reminded (their email choices);
the digest reads every plan's overdue people once, whatever the number of managers."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext
from django_tasks import task

from accounts.api import Role, RoleAssignment
from courses.api import reading_locale_id, translations_for_reader
from notifications.api import email_allowed, notification_create, users_refusing_email
from serbian.api import for_reader

from .models import Assignment, DigestSent, ReminderSent, TrainingPlan
from .status import COMPLIANT, STATUS_LABELS, with_status

logger = logging.getLogger(__name__)

KIND_REMINDER = "plan_reminder"
KIND_DIGEST = "plan_overdue_digest"
BATCH = 200
# A digest lists at most this many people per plan (and says how many more).
DIGEST_PEOPLE_PER_PLAN = 100


@dataclass
class Sent:
    reminders: int = 0
    emailed: int = 0
    digests: int = 0


def plan_steps(plan: TrainingPlan) -> list[int]:
    """The plan's schedule as days from the due moment, earliest first (negative: before)."""
    before = {-abs(int(d)) for d in plan.reminder_days_before or ()}
    after = {abs(int(d)) for d in plan.reminder_days_after or ()}
    return sorted(before | after)


def _base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


# --- Reminders ---------------------------------------------------------------------------


def assignments_to_remind(*, plan: TrainingPlan, step: int, next_step: int | None, now):
    """The plan's open assignments whose latest passed step is `step` (its moment has come,
    the next one's has not), not yet reminded of it, of people not compliant. One query."""
    assignments = Assignment.objects.filter(
        plan=plan,
        closed_at__isnull=True,
        user__is_active=True,
        due_at__lte=now - timedelta(days=step),
    ).exclude(Exists(ReminderSent.objects.filter(assignment=OuterRef("pk"), step=step)))
    if next_step is not None:
        assignments = assignments.filter(due_at__gt=now - timedelta(days=next_step))
    return (
        with_status(assignments, plan=plan)
        .exclude(status=COMPLIANT)
        .select_related("user")
        .order_by("pk")
    )


def _claim_step(*, assignment: Assignment, step: int, now, emailed: bool) -> bool:
    """Insert the step's row in a transaction of its own, before anything is sent: False
    when it was sent already (by an earlier run, or by a scheduler running at once)."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                assignment=assignment, step=step, sent_at=now, emailed=emailed
            )
    except IntegrityError:
        return False
    return True


class _PlanText:
    """A plan's name and required pages in each recipient language (read once per plan and
    language: the translations of its pages are one query)."""

    def __init__(self, plan: TrainingPlan):
        self.plan = plan
        self.pages = [
            i.course or i.training for i in plan.items.select_related("course", "training")
        ]
        self._by_language: dict[str, dict] = {}

    def in_active_language(self) -> dict:
        language = translation.get_language() or settings.LANGUAGE_CODE
        if language not in self._by_language:
            shown = translations_for_reader(pages=self.pages, locale_id=reading_locale_id())
            self._by_language[language] = {
                "plan_name": for_reader(self.plan.name),
                "titles": [for_reader(shown.get(p.pk, p).title) for p in self.pages],
            }
        return self._by_language[language]


def _remind(*, assignment: Assignment, step: int, text: _PlanText, email: bool, now) -> bool:
    """Tell one person (in their language) of the step: a message on My learning, and an
    email when `email`. Returns whether the email went out."""
    user = assignment.user
    with translation.override(user.preferred_language or None):
        names = text.in_active_language()
        days = (timezone.localdate(assignment.due_at) - timezone.localdate(now)).days
        overdue = assignment.due_at <= now
        context = {
            **names,
            "user": user,
            "assignment": assignment,
            "overdue": overdue,
            "days_left": max(days, 0),
            "days_late": max(-days, 0),
            "mandatory": assignment.plan.reminders_mandatory,
            "learning_url": _base_url() + reverse("courses:my_learning"),
            "profile_url": _base_url() + reverse("accounts:profile"),
        }
        if overdue:
            message = gettext("Overdue: “%(plan)s” was due on %(date)s.")
        else:
            message = gettext("Required of you: “%(plan)s”, due by %(date)s.")
        date = timezone.localtime(assignment.due_at).date()
        notification_create(
            user=user,
            kind=KIND_REMINDER,
            text=message % {"plan": names["plan_name"], "date": date_format(date, "DATE_FORMAT")},
            link=reverse("courses:my_learning"),
        )
        if not email:
            return False
        subject = render_to_string("plans/email/reminder_subject.txt", context)
        body = render_to_string("plans/email/reminder.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, None, [user.email])
    except Exception:  # noqa: BLE001 - one failed address must not stop everyone's reminders
        logger.exception("plan reminder to user %s (step %+d) not sent", user.pk, step)
        return False
    return True


def plan_remind(*, plan: TrainingPlan, now=None) -> Sent:
    """Send the plan's reminders that are due now (see the module's docstring)."""
    now = now or timezone.now()
    sent = Sent()
    steps = plan_steps(plan)
    text = _PlanText(plan)
    for index, step in enumerate(steps):
        next_step = steps[index + 1] if index + 1 < len(steps) else None
        pending = list(assignments_to_remind(plan=plan, step=step, next_step=next_step, now=now))
        for start in range(0, len(pending), BATCH):
            batch = pending[start : start + BATCH]
            refusing = (
                set()
                if plan.reminders_mandatory
                else users_refusing_email(kind=KIND_REMINDER, user_ids=[a.user_id for a in batch])
            )
            for assignment in batch:
                assignment.plan = plan
                email = assignment.user_id not in refusing
                if not _claim_step(assignment=assignment, step=step, now=now, emailed=email):
                    continue
                sent.reminders += 1
                if _remind(assignment=assignment, step=step, text=text, email=email, now=now):
                    sent.emailed += 1
    return sent


def plans_remind(*, now=None) -> Sent:
    sent = Sent()
    for plan in TrainingPlan.objects.filter(is_active=True).order_by("pk"):
        result = plan_remind(plan=plan, now=now)
        sent.reminders += result.reminders
        sent.emailed += result.emailed
    return sent


# --- The managers' weekly digest ---------------------------------------------------------


def week_of(day):
    """The Monday of `day`'s week."""
    return day - timedelta(days=day.weekday())


def overdue_by_institution(*, now) -> dict[str, list[Assignment]]:
    """Institution path → the open assignments of active plans past their due moment whose
    holder is not compliant (with `status`, `plan` and `user.institution`). One query per
    active plan (and one for the plans)."""
    rows: dict[str, list[Assignment]] = defaultdict(list)
    for plan in TrainingPlan.objects.filter(is_active=True).order_by("name", "pk"):
        late = Assignment.objects.filter(
            plan=plan,
            closed_at__isnull=True,
            due_at__lt=now,
            user__is_active=True,
            user__institution__isnull=False,
        )
        for assignment in (
            with_status(late, plan=plan)
            .exclude(status=COMPLIANT)
            .select_related("user__institution")
            .order_by("user__last_name", "user__first_name", "pk")
        ):
            assignment.plan = plan
            rows[assignment.user.institution.path].append(assignment)
    return rows


def managers_with_roots() -> dict:
    """Each active institution manager → the roots of their subtrees (one query)."""
    managers: dict = {}
    for role in RoleAssignment.objects.filter(
        role=Role.INSTITUTION_MANAGER, institution__isnull=False, user__is_active=True
    ).select_related("user", "institution"):
        managers.setdefault(role.user, []).append(role.institution)
    return managers


def digest_rows_for(*, roots, overdue: dict[str, list[Assignment]]) -> list[dict]:
    """Per plan, the overdue people under `roots`: [{"plan", "people", "more"}]."""
    by_plan: dict[int, list[Assignment]] = defaultdict(list)
    for path, assignments in overdue.items():
        if any(path.startswith(root.path) for root in roots):
            for assignment in assignments:
                by_plan[assignment.plan_id].append(assignment)
    plans = []
    for assignments in by_plan.values():
        assignments.sort(key=lambda a: (a.user.last_name, a.user.first_name, a.pk))
        plans.append(
            {
                "plan": assignments[0].plan,
                "people": assignments[:DIGEST_PEOPLE_PER_PLAN],
                "count": len(assignments),
                "more": max(len(assignments) - DIGEST_PEOPLE_PER_PLAN, 0),
            }
        )
    plans.sort(key=lambda row: (row["plan"].name, row["plan"].pk))
    return plans


def _claim_digest(*, manager, week, now, people: int, emailed: bool) -> bool:
    try:
        with transaction.atomic():
            DigestSent.objects.create(
                manager=manager, week=week, sent_at=now, people=people, emailed=emailed
            )
    except IntegrityError:
        return False
    return True


def _digest(*, manager, plans: list[dict], email: bool) -> bool:
    total = sum(row["count"] for row in plans)
    with translation.override(manager.preferred_language or None):
        for row in plans:
            row["plan_name"] = for_reader(row["plan"].name)
            row["url"] = _base_url() + reverse("plans:detail", args=[row["plan"].pk])
            for assignment in row["people"]:
                assignment.status_label = str(STATUS_LABELS[assignment.status])
                assignment.institution_name = assignment.user.institution.name
        notification_create(
            user=manager,
            kind=KIND_DIGEST,
            text=ngettext(
                "%(count)d person of your institutions is late with required training.",
                "%(count)d people of your institutions are late with required training.",
                total,
            )
            % {"count": total},
            link=reverse("plans:list"),
        )
        if not email:
            return False
        context = {
            "manager": manager,
            "plans": plans,
            "total": total,
            "plans_url": _base_url() + reverse("plans:list"),
        }
        subject = render_to_string("plans/email/digest_subject.txt", context)
        body = render_to_string("plans/email/digest.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, None, [manager.email])
    except Exception:  # noqa: BLE001 - one failed address must not stop the other digests
        logger.exception("overdue digest to manager %s not sent", manager.pk)
        return False
    return True


def digests_send(*, now=None, force: bool = False) -> int:
    """Each institution manager's digest of this week, from the configured weekday on (any
    day with `force`), once a week. Managers with nobody overdue get nothing."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not force and today.weekday() < settings.PLAN_DIGEST_WEEKDAY:
        return 0
    week = week_of(today)
    done = set(DigestSent.objects.filter(week=week).values_list("manager_id", flat=True))
    managers = {m: roots for m, roots in managers_with_roots().items() if m.pk not in done}
    if not managers:
        return 0
    overdue = overdue_by_institution(now=now)
    sent = 0
    for manager, roots in sorted(managers.items(), key=lambda pair: pair[0].pk):
        plans = digest_rows_for(roots=roots, overdue=overdue)
        if not plans:
            continue
        mandatory = any(row["plan"].reminders_mandatory for row in plans)
        email = email_allowed(manager, KIND_DIGEST, mandatory=mandatory)
        people = sum(row["count"] for row in plans)
        if not _claim_digest(manager=manager, week=week, now=now, people=people, emailed=email):
            continue
        _digest(manager=manager, plans=plans, email=email)
        sent += 1
    return sent


# --- The daily run -----------------------------------------------------------------------


def plan_reminders_send(*, now=None, digest: str = "auto") -> Sent:
    """The daily run: reminders, and the weekly digest (`digest`: "auto" from the configured
    weekday on, "now" whatever the day, "skip" not at all)."""
    sent = plans_remind(now=now)
    if digest != "skip":
        sent.digests = digests_send(now=now, force=digest == "now")
    return sent


@task()
def plan_reminders_task(*, digest: str = "auto") -> str:
    sent = plan_reminders_send(digest=digest)
    return f"{sent.reminders} reminders ({sent.emailed} by email), {sent.digests} digests"

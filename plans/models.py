"""Training plans: what a ministry or an institution requires of its people, by when, and
how often again (re-certification); and the assignments the plan's rule made.

A plan is a rule, not a one-off: its target (named people, institution subtrees,
professions, or a combination) is evaluated again whenever people join or leave it, and
each person in it holds one open assignment with their own due date. A person who leaves
the target keeps what they completed; their assignment is closed, never deleted."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def default_reminder_days_before() -> list[int]:
    return [30, 7]


def default_reminder_days_after() -> list[int]:
    return [1, 14]


class TrainingPlan(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("why it is required"), blank=True, max_length=2000)
    # The subtree the plan belongs to and may reach: a manager's plan reaches only their
    # people; an administrator's plan without one reaches everyone.
    owner_institution = models.ForeignKey(
        "institutions.Institution",
        verbose_name=_("for the institution"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)
    is_active = models.BooleanField(_("active"), default=True)

    # The target: a person is in it when named, or when they match every part given
    # (an institution subtree, a profession) — always within the owner's subtree.
    target_institutions = models.ManyToManyField(
        "institutions.Institution",
        verbose_name=_("institutions (with everything below them)"),
        blank=True,
        related_name="+",
    )
    target_professions = models.JSONField(_("professions"), default=list, blank=True)
    target_people = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("named people"), blank=True, related_name="+"
    )

    # When: a date for everyone, or a number of days after a person joins the target.
    due_date = models.DateField(_("due date"), null=True, blank=True)
    due_within_days = models.PositiveIntegerField(
        _("days to complete after joining"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    # Re-certification: re-enrol this many days before a certificate under the plan expires.
    recertify_days_before = models.PositiveIntegerField(
        _("re-enrol this many days before a certificate expires"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )

    # Reminders (plans.reminders): emails this many days before the due moment and after
    # it to people not yet compliant; mandatory reminders ignore people's email choices.
    reminder_days_before = models.JSONField(
        _("remind this many days before the due date"),
        default=default_reminder_days_before,
        blank=True,
    )
    reminder_days_after = models.JSONField(
        _("remind this many days after the due date"),
        default=default_reminder_days_after,
        blank=True,
    )
    reminders_mandatory = models.BooleanField(
        _("reminders are mandatory"),
        default=True,
        help_text=_("Sent by email even to people who turned plan reminders off."),
    )

    class Meta:
        verbose_name = _("training plan")
        verbose_name_plural = _("training plans")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_date__isnull=False) | Q(due_within_days__isnull=False),
                name="plans_a_plan_has_a_due_date_or_a_window",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PlanItem(models.Model):
    """One course (or training) a plan requires, with an optional refresher course for
    re-certification."""

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="items")
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    training = models.ForeignKey(
        "trainings.TrainingPage",
        verbose_name=_("training"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    refresher = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("refresher course for re-certification"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("required course or training")
        verbose_name_plural = _("required courses and trainings")
        ordering = ["plan_id", "sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(course__isnull=False, training__isnull=True)
                    | Q(course__isnull=True, training__isnull=False, refresher__isnull=True)
                ),
                name="plans_an_item_is_a_course_or_a_training",
            )
        ]

    def __str__(self) -> str:
        return str(self.course or self.training)


class AssignmentReason(models.TextChoices):
    NAMED = "named", _("Named in the plan")
    RULE = "rule", _("In the plan's target (institution or profession)")


class AssignmentClosed(models.TextChoices):
    LEFT_TARGET = "left", _("Left the plan's target")
    PLAN_ENDED = "plan_ended", _("The plan was ended")
    ACCOUNT_CLOSED = "account", _("The account was closed")
    RECERTIFICATION = "recertify", _("Re-certification began: a new assignment follows")


class Assignment(models.Model):
    """A person's assignment to a plan: open while they are in its target. Who and what
    assigned them, and when, stay with it (the audit of a rule)."""

    plan = models.ForeignKey(TrainingPlan, on_delete=models.CASCADE, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plan_assignments"
    )
    assigned_at = models.DateTimeField(_("assigned at"))
    # The person or the rule's run that assigned them (None: the rule, when the person
    # joined the target by a change of their own).
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("why"), max_length=10, choices=AssignmentReason.choices)
    due_at = models.DateTimeField(_("due"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_reason = models.CharField(
        _("why closed"), max_length=12, choices=AssignmentClosed.choices, blank=True
    )

    class Meta:
        verbose_name = _("plan assignment")
        verbose_name_plural = _("plan assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "user"],
                condition=Q(closed_at__isnull=True),
                name="plans_one_open_assignment_per_person",
            )
        ]
        indexes = [models.Index(fields=["user", "closed_at"])]

    def __str__(self) -> str:
        return f"{self.plan_id} · {self.user_id}"


class PlanRunStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class PlanRun(models.Model):
    """One evaluation of plans' rules in the background (a plan saved for a large subtree,
    a bulk import of moves), with its progress."""

    plan = models.ForeignKey(
        TrainingPlan, on_delete=models.CASCADE, null=True, blank=True, related_name="runs"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=PlanRunStatus.choices, default=PlanRunStatus.PENDING
    )
    people = models.PositiveIntegerField(_("people looked at"), default=0)
    assigned = models.PositiveIntegerField(_("assigned"), default=0)
    closed = models.PositiveIntegerField(_("closed"), default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.plan_id or 'people'} · {self.status}"


class ReminderSent(models.Model):
    """One step of a plan's reminder schedule, claimed for one assignment before its email
    goes out (`step`: days from the due moment, negative before it). The unique pair is what
    makes the schedule safe to run again, or twice at once: a step is sent once."""

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reminders")
    step = models.IntegerField(_("days from the due date"))
    sent_at = models.DateTimeField(_("sent at"))
    emailed = models.BooleanField(_("by email"), default=False)

    class Meta:
        verbose_name = _("plan reminder")
        verbose_name_plural = _("plan reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "step"], name="plans_one_reminder_per_step"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assignment_id} · {self.step:+d}"


class DigestSent(models.Model):
    """A manager's weekly digest of their overdue people, claimed before it is sent: one
    per manager and week (the week's Monday)."""

    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    week = models.DateField(_("week of"))
    sent_at = models.DateTimeField(_("sent at"))
    people = models.PositiveIntegerField(_("overdue people listed"), default=0)
    emailed = models.BooleanField(_("by email"), default=False)

    class Meta:
        verbose_name = _("overdue digest")
        verbose_name_plural = _("overdue digests")
        constraints = [
            models.UniqueConstraint(fields=["manager", "week"], name="plans_one_digest_a_week")
        ]

    def __str__(self) -> str:
        return f"{self.manager_id} · {self.week}"

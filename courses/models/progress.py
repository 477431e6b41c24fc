"""Learners' progress: enrolments in courses and the steps done. The data only; the pages
(courses.models.pages) and the shells that serve them read it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import EnrolmentSource


class Enrolment(models.Model):
    """A learner's enrolment in a course. One current enrolment per learner and course;
    re-certification archives the old one and opens a new one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="enrolments"
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    source = models.CharField(max_length=10, choices=EnrolmentSource.choices, default="self")
    started_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    last_lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    # Where the learner was when they completed: statistics credit this institution.
    completion_institution = models.ForeignKey(
        "institutions.Institution",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="completions",
    )
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=models.Q(archived_at__isnull=True),
                name="one_current_enrolment_per_course",
            )
        ]
        indexes = [
            models.Index(fields=["course", "completed_at"]),
            models.Index(fields=["completion_institution", "course"]),
            # A person's enrolments in a course, archived ones included (a training plan's
            # status asks this per person; the unique index above skips archived ones):
            # without it, a plan's status read 20,000 people in 100 s on stale statistics.
            models.Index(fields=["user", "course"], name="enrolment_user_course"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.course}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class StepCompletion(models.Model):
    """A step of a course done by a learner: a lesson read, a quiz passed.

    Points at the step's page by id, without a database constraint: deleting a lesson
    keeps the row, which simply stops counting. Steps are the page types registered in
    `courses.api.STEP_MODELS` (lessons here; quizzes register themselves).
    """

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="steps_done")
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # When the learner did it: now, or the time a step done offline was recorded.
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("completed step")
        verbose_name_plural = _("completed steps")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "page"], name="one_completion_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: page {self.page_id}"

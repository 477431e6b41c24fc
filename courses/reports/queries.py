"""Reads of the course reports: how far each module of a course is completed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.db.models.functions import Substr
from wagtail.models import Page

from ..models import CoursePage, ModulePage, StepCompletion


@dataclass
class ModuleCompletion:
    title: str
    required: int
    completed: int
    enrolled: int

    @property
    def rate(self) -> int | None:
        if not self.required or not self.enrolled:
            return None
        return round(100 * self.completed / self.enrolled)


def module_completion(
    *, course: CoursePage, enrolments: QuerySet, steps: dict[int, str], enrolled: int
) -> list[ModuleCompletion]:
    """For each live module: how many of `enrolments` completed every required step in it.

    Two queries whatever the size: the modules, and the done steps counted per learner and
    module.
    """
    prefix = (course.depth + 1) * Page.steplen
    required_per_module = Counter(p[:prefix] for p in steps.values())
    completed_per_module: Counter[str] = Counter()
    if steps:
        rows = (
            StepCompletion.objects.filter(
                enrolment__in=enrolments.values("pk"), page_id__in=list(steps)
            )
            .annotate(module_path=Substr("page__path", 1, prefix))
            .values("enrolment_id", "module_path")
            .annotate(done=Count("pk"))
            .order_by()
        )
        for row in rows:
            if row["done"] >= required_per_module[row["module_path"]]:
                completed_per_module[row["module_path"]] += 1
    modules = ModulePage.objects.live().child_of(course).order_by("path").values("title", "path")
    return [
        ModuleCompletion(
            title=m["title"],
            required=required_per_module[m["path"]],
            completed=completed_per_module[m["path"]],
            enrolled=enrolled,
        )
        for m in modules
    ]

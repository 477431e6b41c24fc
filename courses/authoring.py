"""Who may author which course, and how a course goes live.

- Each course has its own Django group, "Course authors: <course pk>", holding Wagtail page
  permissions *add* and *change* (never *publish*) on the course page and its translations.
  Its members edit the course and everything below it, save drafts and submit them for
  moderation. `course_assign_trainer` / `course_unassign_trainer` manage the membership.
- The "Senior trainers" group may publish anywhere under the course catalogue.
- The "Course review" workflow (one group approval task for the senior trainers) is assigned
  to every course catalogue page, so a trainer's submission waits for a senior trainer.

`ensure_course_workflow()` is idempotent. It runs after every `migrate` and whenever a course
catalogue page is created (see `CoursesConfig.ready`).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.db.models import CharField, Exists, OuterRef, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext as _
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from accounts.api import ROLE_GROUPS, Role

from .models import CourseIndexPage, CoursePage
from .selectors import canonical_id

AUTHOR_ROLES = (Role.TRAINER, Role.SENIOR_TRAINER)
# Authors edit and submit; publishing is the senior trainers' (through the workflow).
AUTHOR_PAGE_PERMISSIONS = ("add", "change")
SENIOR_TRAINER_PAGE_PERMISSIONS = ("publish",)

WORKFLOW_NAME = "Course review"
TASK_NAME = "Senior trainer approval"

COURSE_AUTHORS_PREFIX = "Course authors: "


def course_authors_group_name(course_id: int) -> str:
    return f"{COURSE_AUTHORS_PREFIX}{course_id}"


def _page_permission(action: str) -> Permission:
    return Permission.objects.get(
        content_type=ContentType.objects.get_for_model(Page), codename=f"{action}_page"
    )


def _canonical_course(course: CoursePage) -> CoursePage:
    pk = canonical_id(course)
    return course if pk == course.pk else CoursePage.objects.get(pk=pk)


def _grant(group: Group, pages, actions) -> None:
    for action in actions:
        permission = _page_permission(action)
        for page in pages:
            GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


# --- Course authors -------------------------------------------------------------------------


@transaction.atomic
def course_assign_trainer(*, course: CoursePage, user) -> Group:
    """Let `user` (a trainer or senior trainer) edit `course` and its translations."""
    if not user.is_active or not any(user.has_role(role) for role in AUTHOR_ROLES):
        raise ValidationError(
            _("Only trainers and senior trainers can be given a course to edit."),
            code="not_a_trainer",
        )
    course = _canonical_course(course)
    group, _created = Group.objects.get_or_create(name=course_authors_group_name(course.pk))
    _grant(group, course.get_translations(inclusive=True), AUTHOR_PAGE_PERMISSIONS)
    user.groups.add(group)
    return group


@transaction.atomic
def course_unassign_trainer(*, course: CoursePage, user) -> None:
    """Take `course` away from `user`. A group nobody belongs to any more is removed."""
    course = _canonical_course(course)
    group = Group.objects.filter(name=course_authors_group_name(course.pk)).first()
    if group is None:
        return
    user.groups.remove(group)
    if not group.user_set.exists():
        group.delete()  # its page permissions go with it


@transaction.atomic
def course_assignments_clear(*, user) -> None:
    """Take every course away from `user`, e.g. when they stop being a trainer."""
    for group in Group.objects.filter(user=user, name__startswith=COURSE_AUTHORS_PREFIX):
        user.groups.remove(group)
        if not group.user_set.exists():
            group.delete()


def course_assignments_revoke_if_not_trainer(*, user, **kwargs) -> None:
    """Receiver of accounts' roles_changed: no trainer role, no course to edit."""
    if not (user.has_role(Role.TRAINER) or user.has_role(Role.SENIOR_TRAINER)):
        course_assignments_clear(user=user)


def course_trainers(*, course: CoursePage) -> QuerySet:
    """The people who may edit `course` through its authors' group."""
    return (
        get_user_model()
        .objects.filter(groups__name=course_authors_group_name(canonical_id(course)))
        .select_related("institution")
        .order_by("last_name", "first_name", "pk")
    )


def course_ids_authored_by(*, user) -> set[int]:
    """The ids of the courses (in the default locale) `user` is an author of, through their
    authors' groups (one query; none for an anonymous or inactive user). A group whose name
    only looks like an authors' group ("Course authors: x") names no course and adds none."""
    if not (user.is_authenticated and user.is_active):
        return set()
    authors_group = Concat(Value(COURSE_AUTHORS_PREFIX), Cast("pk", output_field=CharField()))
    return set(
        CoursePage.objects.annotate(authors_group=authors_group)
        .filter(Exists(Group.objects.filter(user=user, name=OuterRef("authors_group"))))
        .values_list("pk", flat=True)
    )


def user_is_course_author(*, user, course_id: int) -> bool:
    """Whether `user` belongs to the authors' group of the course `course_id`."""
    return user.groups.filter(name=course_authors_group_name(course_id)).exists()


def courses_authored_by(*, user) -> QuerySet:
    """The courses `user` is an author of (see `course_ids_authored_by`)."""
    return CoursePage.objects.filter(pk__in=course_ids_authored_by(user=user))


def trainers_assignable_to(*, course: CoursePage) -> QuerySet:
    """Active trainers and senior trainers not yet given `course`."""
    return (
        get_user_model()
        .objects.filter(is_active=True, role_assignments__role__in=AUTHOR_ROLES)
        .exclude(groups__name=course_authors_group_name(canonical_id(course)))
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def course_translation_created(*, course: CoursePage) -> None:
    """A new translation of a course is editable by the course's authors."""
    source_id = canonical_id(course)
    if source_id == course.pk:
        return
    group = Group.objects.filter(name=course_authors_group_name(source_id)).first()
    if group is not None:
        _grant(group, [course], AUTHOR_PAGE_PERMISSIONS)


# --- Review workflow ------------------------------------------------------------------------


@transaction.atomic
def ensure_course_workflow() -> Workflow:
    """Create (or repair) the "Course review" workflow and the senior trainers' rights.

    Idempotent. It never overrides an administrator's choices: a deactivated workflow
    stays inactive, and a catalogue page given another workflow keeps it.
    """
    senior_trainers, _created = Group.objects.get_or_create(name=ROLE_GROUPS[Role.SENIOR_TRAINER])
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(senior_trainers)

    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    indexes = list(CourseIndexPage.objects.all())
    _grant(senior_trainers, indexes, SENIOR_TRAINER_PAGE_PERMISSIONS)
    if workflow.active:
        for index in indexes:
            WorkflowPage.objects.get_or_create(page=index, defaults={"workflow": workflow})
    return workflow


# --- Signal receivers (connected in CoursesConfig.ready) ------------------------------------


def ensure_course_workflow_after_migrate(*, using: str = "default", **kwargs) -> None:
    # Skip when migrating backwards has removed the tables this needs.
    tables = set(connections[using].introspection.table_names())
    needed = {Workflow._meta.db_table, CourseIndexPage._meta.db_table, Group._meta.db_table}
    if not needed <= tables:
        return
    # A flush (transactional tests) recreates content types with new ids: forget cached ones.
    ContentType.objects.clear_cache()
    # post_migrate runs once per app; page permissions exist only after wagtailcore's turn.
    if not Permission.objects.filter(
        content_type__app_label="wagtailcore", codename="publish_page"
    ).exists():
        return
    ensure_course_workflow()


def course_index_saved(*, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        ensure_course_workflow()


def course_page_saved(*, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        course_translation_created(course=instance)

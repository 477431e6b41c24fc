"""Who organises trainings: senior trainers add, edit and publish trainings on every
calendar page (Wagtail page permissions, granted when a calendar page is created and after
every `migrate`), and so decide on places and mark attendance (`user_may_organise`).
Administrators organise every training."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from wagtail.models import GroupPagePermission, Page

from accounts.api import ROLE_GROUPS, Role

from .models.pages import TrainingIndexPage

ORGANISER_PAGE_PERMISSIONS = ("add", "change", "publish")


def organisers_may_edit_calendars() -> None:
    """Idempotent: the senior trainers' group holds the organisers' page permissions on
    every calendar page."""
    group, _created = Group.objects.get_or_create(name=ROLE_GROUPS[Role.SENIOR_TRAINER])
    page_type = ContentType.objects.get_for_model(Page)
    for action in ORGANISER_PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type=page_type, codename=f"{action}_page")
        for index in TrainingIndexPage.objects.all():
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )


def calendar_saved(*, instance, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        organisers_may_edit_calendars()


def organisers_after_migrate(*, using: str = "default", **kwargs) -> None:
    tables = set(connections[using].introspection.table_names())
    if TrainingIndexPage._meta.db_table not in tables:
        return
    ContentType.objects.clear_cache()
    if not Permission.objects.filter(
        content_type__app_label="wagtailcore", codename="publish_page"
    ).exists():
        return
    organisers_may_edit_calendars()

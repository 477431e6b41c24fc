"""What moves which counter (pagecache.versions): Wagtail's and Django's signals."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.signals import setting_changed
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published as published
from wagtail.signals import (
    page_slug_changed,
    page_unpublished,
    post_page_move,
    pre_page_move,
)
from wagtail.snippets.models import get_snippet_models

from . import versions
from .store import _routed_to_pages_in

# Saving only these fields records a draft (its content is in the revision) or a lock
# or comment; the live page readers see is unchanged.
DRAFT_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "draft_title",
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def page_published(*, instance, **kwargs) -> None:
    versions.bump_page(path=instance.path, page_id=instance.pk)


def page_saved(*, instance, update_fields=None, raw=False, **kwargs) -> None:
    """Pages made live by code (imports, the demo) are saved, not published."""
    if raw or not isinstance(instance, Page) or not instance.live:
        return
    if update_fields and frozenset(update_fields) <= DRAFT_FIELDS:
        return
    versions.bump_page(path=instance.path, page_id=instance.pk)


def page_gone_or_moved(*, instance, **kwargs) -> None:
    """Unpublished, deleted, renamed (slug) or about to move: its old address and what
    is below it are out of date."""
    versions.bump_page(path=instance.path, page_id=instance.pk, structural=True)


def page_moved(*, instance, **kwargs) -> None:
    path = Page.objects.filter(pk=instance.pk).values_list("path", flat=True).first()
    if path:
        versions.bump_page(path=path, page_id=instance.pk, structural=True)


def view_restriction_changed(*, instance, **kwargs) -> None:
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path:
        versions.bump_page(path=path, structural=True)


def everything_changed(**kwargs) -> None:
    versions.bump(versions.GLOBAL)


def settings_saved(*, created: bool = False, **kwargs) -> None:
    # The settings row is created with its defaults on first use: nothing shown changes.
    if not created:
        versions.bump(versions.GLOBAL)


def media_or_snippet_changed(*, sender, instance, raw=False, **kwargs) -> None:
    """An image, a document or a snippet: the pages that show it (reference index)."""
    if raw or not _is_shown_on_pages(sender):
        return
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    versions.bump_referrers(content_type_id=content_type.pk, object_id=instance.pk)


def _is_shown_on_pages(model) -> bool:
    return (
        issubclass(model, (get_image_model(), get_document_model()))
        or model in get_snippet_models()
    )


def urls_changed(*, setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":
        _routed_to_pages_in.cache_clear()


def connect() -> None:
    uid = "pagecache."
    published.connect(page_published, dispatch_uid=uid + "published")
    post_save.connect(page_saved, dispatch_uid=uid + "page_saved")
    page_unpublished.connect(page_gone_or_moved, dispatch_uid=uid + "unpublished")
    page_slug_changed.connect(page_gone_or_moved, dispatch_uid=uid + "slug")
    pre_page_move.connect(page_gone_or_moved, dispatch_uid=uid + "pre_move")
    post_page_move.connect(page_moved, dispatch_uid=uid + "post_move")
    # Before the row goes: its path is still known to the referrers' lookup.
    pre_delete.connect(page_gone_or_moved, sender=Page, dispatch_uid=uid + "page_del")
    for signal in (post_save, post_delete):
        signal.connect(
            view_restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"{uid}restriction.{id(signal)}",
        )
        signal.connect(media_or_snippet_changed, dispatch_uid=f"{uid}media.{id(signal)}")
        for model in (Site, Locale):
            signal.connect(
                everything_changed, sender=model, dispatch_uid=f"{uid}{model.__name__}.{id(signal)}"
            )
    setting_changed.connect(urls_changed, dispatch_uid=uid + "urls")


def site_settings_follow(*, settings_model, shown_models=()) -> None:
    """The site's settings (and the models shown with them on every page, such as partner
    logos): a change moves the `global` counter, and pages that reference the settings are
    found through them. Called by the app that owns the settings (home), so that the page
    cache knows no app."""
    uid = "pagecache."
    versions.site_wide_model_register(settings_model)
    post_save.connect(settings_saved, sender=settings_model, dispatch_uid=uid + "settings")
    post_delete.connect(
        everything_changed, sender=settings_model, dispatch_uid=uid + "settings_del"
    )
    for model in shown_models:
        for signal in (post_save, post_delete):
            signal.connect(
                everything_changed, sender=model, dispatch_uid=f"{uid}{model.__name__}.{id(signal)}"
            )

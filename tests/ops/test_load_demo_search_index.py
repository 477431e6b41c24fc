"""Right after `load_demo`, with the real (database) task backend and no worker, site search
and the case-law search find demo content, and no index update (search or Wagtail's
reference index) is left in the queue."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.http import QueryDict
from django.test import override_settings
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, ReferenceIndex
from wagtail.tasks import update_reference_index_task

from caselaw.selectors import case_search

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
INDEX_TASKS = [
    "modelsearch.tasks.insert_or_update_object_task",
    "wagtail.tasks.update_reference_index_task",
]


@pytest.fixture(scope="module")
def demo_without_worker(django_db_setup, django_db_blocker):
    """`load_demo` once for the module, with tasks queued in the database as in
    development (the test settings run them at once), rolled back at the end."""
    from django.db import transaction

    # override_settings hides SETTINGS_MODULE, which load_demo checks (not production).
    with (
        django_db_blocker.unblock(),
        override_settings(TASKS=DATABASE_TASKS, SETTINGS_MODULE="config.settings.test"),
    ):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            output = StringIO()
            call_command("load_demo", stdout=output)
            cache.clear()
            yield output.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_no_index_update_is_left_for_a_worker(demo_without_worker):
    assert not DBTaskResult.objects.filter(task_path__in=INDEX_TASKS).exists()
    assert "Indexes:" in demo_without_worker


def test_the_reference_index_is_complete_without_a_worker(demo_without_worker):
    """Running Wagtail's own reference-index task again for demo pages adds nothing."""
    before = ReferenceIndex.objects.count()
    assert before
    for page in Page.objects.filter(depth__gt=1).specific()[:40]:
        meta = page._meta
        update_reference_index_task.call(meta.app_label, meta.model_name, str(page.pk))
    assert ReferenceIndex.objects.count() == before


@pytest.mark.parametrize(
    "language,query,expected",
    [
        ("sr-latn", "radnja sredstvo cilj", "Tri elementa: radnja, sredstvo i cilj"),
        ("sr", "радња средство", "Три елемента: радња, средство и циљ"),
        ("en", "Siliadin", "Siliadin v. France"),
    ],
)
def test_site_search_finds_demo_content(client, demo_without_worker, language, query, expected):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_case_law_search_finds_demo_cases(demo_without_worker):
    result = case_search(params=QueryDict("q=Siliadin"))
    assert result.total >= 1

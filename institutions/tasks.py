"""Background work for bulk onboarding (run by `manage.py db_worker`)."""

from django.utils import translation
from django_tasks import task

from .imports import import_invitations_send, import_job_run, import_notices_send
from .models import ImportJob


@task()
def import_job_execute(*, job_id: int, base_url: str, language: str) -> str:
    """Import a large uploaded file; messages are written in the uploader's language."""
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None:
        return "missing"
    with translation.override(language):
        return import_job_run(job=job, base_url=base_url).status


@task()
def import_invitations_deliver(*, user_ids: list[int], base_url: str) -> int:
    """Email set-your-password links to people created by an import."""
    return import_invitations_send(user_ids=user_ids, base_url=base_url)


@task()
def import_notices_deliver(*, notices: list[list[int]], base_url: str) -> int:
    """Tell people whose address an import met that their existing account was left alone."""
    return import_notices_send(notices=notices, base_url=base_url)

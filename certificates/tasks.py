"""Background work for certificates (run by `manage.py db_worker`)."""

from django_tasks import task

from .models import Certificate, CertificateExport


@task()
def certificate_issue_task(*, enrolment_id: int) -> str:
    """Issue (once) and draw the certificate of a completed enrolment."""
    from courses.models import Enrolment

    from .services import certificate_issue

    enrolment = Enrolment.objects.filter(pk=enrolment_id).first()
    if enrolment is None or enrolment.completed_at is None:
        return "not completed"
    return certificate_issue(enrolment=enrolment).serial


@task()
def certificate_render_task(*, certificate_id: int) -> str:
    from .services import certificate_render

    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return "missing"
    certificate_render(certificate=certificate)
    return certificate.serial


@task()
def certificates_regenerate_task(*, certificate_ids: list[int]) -> int:
    from .services import certificates_regenerate

    return certificates_regenerate(certificates=Certificate.objects.filter(pk__in=certificate_ids))


@task()
def certificate_export_task(*, export_id: int) -> str:
    from .services import export_run

    export = CertificateExport.objects.select_related("requested_by").filter(pk=export_id).first()
    if export is None:
        return "missing"
    return export_run(export=export).status

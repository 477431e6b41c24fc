"""Bulk downloads: a ZIP of the certificates a viewer may see, built in the background."""

from __future__ import annotations

import tempfile
import zipfile

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from . import selectors
from .models import CertificateExport, ExportStatus
from .services import certificate_pdf_current, certificate_render

# --- Bulk downloads ---------------------------------------------------------------------


def export_create(*, viewer, course=None, issued_from=None, issued_to=None) -> CertificateExport:
    """Ask for a ZIP of the certificates `viewer` may see; it is built in the background."""
    if not selectors.viewer_may_export(viewer=viewer):
        raise PermissionDenied
    if issued_from and issued_to and issued_from > issued_to:
        raise ValidationError(_("The period ends before it starts."))
    with transaction.atomic():
        export = CertificateExport.objects.create(
            requested_by=viewer, course=course, issued_from=issued_from, issued_to=issued_to
        )
        transaction.on_commit(lambda: certificate_export_task.enqueue(export_id=export.pk))
    return export


def export_run(*, export: CertificateExport, progress_every: int = 10) -> CertificateExport:
    """Build the ZIP: each certificate's PDF (drawn first if still missing), named by serial."""
    certificates = selectors.certificates_for_export(export=export)
    CertificateExport.objects.filter(pk=export.pk).update(
        status=ExportStatus.RUNNING, total=certificates.count(), processed=0
    )
    export.refresh_from_db()
    try:
        with tempfile.TemporaryFile() as buffer:
            with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
                for done, certificate in enumerate(certificates.iterator(chunk_size=200), 1):
                    if not certificate.pdf:
                        certificate_render(certificate=certificate)
                    certificate_pdf_current(certificate=certificate)
                    with certificate.pdf.open("rb") as pdf:
                        archive.writestr(f"{certificate.serial}.pdf", pdf.read())
                    if done % progress_every == 0:
                        CertificateExport.objects.filter(pk=export.pk).update(processed=done)
            buffer.seek(0)
            export.file.save("certificates.zip", File(buffer), save=False)
        export.status = ExportStatus.DONE
        export.processed = export.total
    except Exception as error:  # recorded for the person waiting, then re-raised
        export.status = ExportStatus.FAILED
        export.error = str(error)[:2000]
        export.finished_at = timezone.now()
        export.save(update_fields=["status", "error", "finished_at"])
        raise
    export.finished_at = timezone.now()
    export.save(update_fields=["file", "status", "processed", "finished_at"])
    return export


@task()
def certificate_export_task(*, export_id: int) -> str:
    export = CertificateExport.objects.select_related("requested_by").filter(pk=export_id).first()
    if export is None:
        return "missing"
    return export_run(export=export).status

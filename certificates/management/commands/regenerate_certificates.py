"""Draw certificates' PDFs again after a design change (serials and codes stay)."""

from django.core.management.base import BaseCommand, CommandError

from certificates.models import Certificate
from certificates.services import certificates_regenerate, certificates_regenerate_task
from certificates.signing import signing_fingerprint

BATCH = 50


class Command(BaseCommand):
    help = (
        "Re-render the PDFs of current certificates (after a change to the template, the "
        "programme settings or the signatories). Work is queued for the task workers in "
        "batches; --now renders here instead."
    )

    def add_arguments(self, parser):
        parser.add_argument("--course", type=int, help="Only this course (page id).")
        parser.add_argument(
            "--include-superseded", action="store_true", help="Also superseded certificates."
        )
        parser.add_argument(
            "--missing",
            action="store_true",
            help="Only certificates whose PDF is missing (e.g. after a failed task).",
        )
        parser.add_argument(
            "--unsigned",
            action="store_true",
            help="Only certificates whose PDF is not signed with the current key (drawn "
            "before signing began, or signed with a key since replaced).",
        )
        parser.add_argument("--now", action="store_true", help="Render in this process.")

    def handle(
        self,
        *args,
        course=None,
        include_superseded=False,
        missing=False,
        unsigned=False,
        now=False,
        **options,
    ):
        certificates = Certificate.objects.all()
        if missing:
            certificates = certificates.filter(pdf="")
        if unsigned:
            if not signing_fingerprint():
                raise CommandError("No signing key is configured: nothing to sign with.")
            certificates = certificates.exclude(pdf="").exclude(
                pdf_signed_by=signing_fingerprint() or ""
            )
        if not include_superseded:
            certificates = certificates.current()
        if course:
            certificates = certificates.filter(course_id=course)
        ids = list(certificates.order_by("pk").values_list("pk", flat=True))
        if now:
            done = certificates_regenerate(certificates=Certificate.objects.filter(pk__in=ids))
            self.stdout.write(f"{done} certificate(s) rendered.")
            return
        for start in range(0, len(ids), BATCH):
            certificates_regenerate_task.enqueue(certificate_ids=ids[start : start + BATCH])
        self.stdout.write(f"{len(ids)} certificate(s) queued for rendering.")

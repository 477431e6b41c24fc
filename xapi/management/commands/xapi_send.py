"""Send the xAPI statements that are due (new ones, and those whose back-off has passed).

Run it from cron every few minutes: the worker sends new statements right after their event,
and this brings back the ones a dead or refusing LRS left pending."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from xapi.lrs import lrs_is_configured
from xapi.models import Statement, StatementStatus
from xapi.services import statements_send


class Command(BaseCommand):
    help = "Send pending xAPI statements to the learning record store (XAPI_LRS_ENDPOINT)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--now",
            action="store_true",
            help="Try every pending statement now, whatever its back-off says.",
        )

    def handle(self, *args, now=False, **options):
        if not lrs_is_configured():
            self.stdout.write("xAPI is off (XAPI_LRS_ENDPOINT is not set): nothing to send.")
            return
        pending = Statement.objects.filter(status=StatementStatus.PENDING)
        if now:
            pending.update(next_try_at=timezone.now())
        report = statements_send()
        left = pending.count()
        self.stdout.write(f"{report}; {left} pending in all.")
        if report.failed:
            self.stderr.write(
                "Some statements were not taken; the last error of each is in "
                "xapi_statement.last_error (they are tried again later)."
            )

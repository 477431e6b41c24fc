"""Run daily (cron or a systemd timer): e-mails weekly reports on Mondays and monthly reports
on the 1st, for the period just ended; a period already sent is not sent again."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from stats.services import scheduled_reports_send


class Command(BaseCommand):
    help = "E-mail the statistics reports that are due (idempotent per period)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", help="Pretend today is this date (YYYY-MM-DD), e.g. to catch up."
        )

    def handle(self, *args, today=None, **options):
        day = None
        if today:
            try:
                day = datetime.date.fromisoformat(today)
            except ValueError as error:
                raise CommandError(f"--today expects YYYY-MM-DD, got {today!r}") from error
        sent = scheduled_reports_send(today=day)
        self.stdout.write(f"{sent} report(s) sent.")

"""Daily: the reminders of training plans, and on the configured weekday (or any later day
of the week, if that day's run was missed) the managers' digest of overdue people (see
plans/reminders.py). Safe to run again: nothing is sent twice."""

from django.core.management.base import BaseCommand

from plans.reminders import plan_reminders_send


class Command(BaseCommand):
    help = (
        "Email the reminders of training plans that are due, and the institution managers' "
        "weekly digest of overdue people (from PLAN_DIGEST_WEEKDAY on). Nothing is sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--digest",
            choices=["auto", "now", "skip"],
            default="auto",
            help=(
                "auto: the digest from the configured weekday on (default); now: this week's "
                "digest whatever the day; skip: reminders only."
            ),
        )

    def handle(self, *args, digest="auto", **options):
        sent = plan_reminders_send(digest=digest)
        self.stdout.write(
            f"{sent.reminders} reminder(s) ({sent.emailed} by email), {sent.digests} digest(s)."
        )

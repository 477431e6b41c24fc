"""Email trainers whose courses have essay answers waiting too long for a grade (run daily,
e.g. from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from quizzes.services import essay_reminders_send


class Command(BaseCommand):
    help = (
        "Email the trainers of each course with essay answers waiting more than "
        "QUIZ_ESSAY_REMINDER_DAYS days for a grade (one email per trainer). An answer is "
        "in a reminder at most once every QUIZ_ESSAY_REMINDER_DAYS days."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days an answer may wait (default: the QUIZ_ESSAY_REMINDER_DAYS setting).",
        )

    def handle(self, *args, days=None, **options):
        days = settings.QUIZ_ESSAY_REMINDER_DAYS if days is None else days
        sent = essay_reminders_send(days=days)
        self.stdout.write(f"{sent} reminder(s) sent.")

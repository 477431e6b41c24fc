"""Email learners whose certificates expire soon (run daily, e.g. from cron)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from certificates.reminders import certificates_expiry_remind


class Command(BaseCommand):
    help = (
        "Email the holders of valid certificates that expire within "
        "CERTIFICATE_EXPIRY_REMINDER_DAYS days. Each certificate is reminded once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days ahead (default: the CERTIFICATE_EXPIRY_REMINDER_DAYS setting).",
        )

    def handle(self, *args, days=None, **options):
        days = settings.CERTIFICATE_EXPIRY_REMINDER_DAYS if days is None else days
        sent = certificates_expiry_remind(days=days)
        self.stdout.write(f"{sent} reminder(s) sent.")

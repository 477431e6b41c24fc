"""`manage.py load_demo`: every app's demo data (ops.demo_loading), in one transaction.

Safe to run again and again: each app looks its records up by a stable key and updates
them in place. A content file that cannot be loaded stops the command with its name, the
place in it and the reason, and nothing is written.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from config.api import DemoContentError
from ops.demo_loading import DemoReport, demo_load_all, indexes_built_here


class Command(BaseCommand):
    help = "Load (or refresh) the demo: institutions, accounts, courses, quizzes, case law…"

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even with production settings (the demo accounts share a known password).",
        )

    def handle(self, *args, allow_production=False, **options):
        if settings.SETTINGS_MODULE.endswith(".production") and not allow_production:
            raise CommandError(
                "Refusing to load demo accounts with a known password under production "
                "settings. Pass --allow-production if you really mean it."
            )
        report = DemoReport()
        try:
            with transaction.atomic(), indexes_built_here(report):
                demo_load_all(report)
        except DemoContentError as error:
            raise CommandError(f"Demo content not loaded: {error}") from error
        for note in report.notes:
            self.stdout.write(note)
        for write in report.epilogue:
            write(self.stdout, self.style)

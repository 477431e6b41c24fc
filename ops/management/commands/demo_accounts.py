"""`manage.py demo_accounts`: the demo accounts and their password again, where a newcomer
sees them (`make run` prints them after starting the worker, just before the server)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from accounts.api import demo_account_lines, write_demo_accounts
from ops.demo_history import DEMO_LEARNER_DOMAIN, demo_learners


class Command(BaseCommand):
    help = "Print the demo accounts (those loaded by load_demo) and their password."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="", help="Where the site is served, to print too.")

    def handle(self, *args, url="", **options):
        lines = demo_account_lines()
        if not lines:
            self.stdout.write("No demo accounts here: `make demo` loads them.")
            return
        write_demo_accounts(self.stdout, self.style, lines)
        learners = demo_learners().count()
        if learners:
            self.stdout.write(
                f"Statistics and reports show the history of {learners} demo learners "
                f"(@{DEMO_LEARNER_DOMAIN}; nobody signs in as them)."
            )
        if url:
            self.stdout.write(self.style.SUCCESS(f"Open {url} (Ctrl-C stops the server)."))

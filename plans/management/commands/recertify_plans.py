"""Daily: enrol again the people whose certificate under a training plan is about to expire
(see plans/recertification.py). Safe to run more than once a day."""

from django.core.management.base import BaseCommand

from plans.recertification import plans_recertify


class Command(BaseCommand):
    help = "Enrol again the people whose certificate under a training plan expires soon."

    def handle(self, *args, **options):
        result = plans_recertify()
        self.stdout.write(
            f"{result.people} people enrolled again "
            f"under {result.plans} plans with re-certification."
        )

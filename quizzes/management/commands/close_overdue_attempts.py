from django.core.management.base import BaseCommand

from quizzes.services import attempts_close_overdue


class Command(BaseCommand):
    help = "Close the quiz attempts whose time ran out, grading the answers they saved."

    def handle(self, *args, **options):
        closed = attempts_close_overdue()
        self.stdout.write(f"Attempts closed: {closed}.")

from django.core.management.base import BaseCommand

from evaluation.services import invitations_send


class Command(BaseCommand):
    help = (
        "Send the survey invitations that are due and one reminder to those who did not "
        "answer (daily)."
    )

    def handle(self, *args, **options):
        counts = invitations_send()
        self.stdout.write(f"{counts['sent']} invitations sent, {counts['reminded']} reminders.")

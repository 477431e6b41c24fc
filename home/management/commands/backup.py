from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from home.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into a new folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="Folder to write (default: backups/<date-time>/).",
        )

    def handle(self, *args, output=None, **options):
        folder = Path(output or f"backups/{timezone.now():%Y%m%d-%H%M%S}")
        try:
            backup = backup_create(folder=folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        total = sum(backup.manifest["counts"].values())
        self.stdout.write(f"Backed up {total} rows and the media files to {folder}")

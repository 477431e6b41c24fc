from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.backup import BackupError, backup_restore, model_counts


class Command(BaseCommand):
    help = "Replace the database and the uploaded files with those of a backup folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A folder written by `manage.py backup`.")
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the data."
        )

    def handle(self, *args, folder, yes=False, **options):
        if not yes:
            answer = input("This replaces everything in the configured database. Go on? [y/N] ")
            if answer.strip().lower() != "y":
                raise CommandError("Nothing restored.")
        try:
            backup = backup_restore(folder=Path(folder))
        except BackupError as error:
            raise CommandError(str(error)) from None
        expected = backup.manifest["counts"]
        found = model_counts()
        different = {
            label: (count, found.get(label))
            for label, count in expected.items()
            if found.get(label) != count
        }
        if different:
            raise CommandError(f"Restored, but the row counts differ: {different}")
        self.stdout.write(f"Restored {sum(found.values())} rows from {folder}; counts match.")

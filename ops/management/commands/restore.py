from django.core.management.base import BaseCommand, CommandError

from ops.backup import (
    BackupError,
    backup_expected_counts,
    backup_find,
    backup_restore,
    backup_sets,
    model_counts,
)


class Command(BaseCommand):
    help = (
        "Replace the database, the media and the private files with a backup "
        "(its time stamp, or 'latest'). Encrypted backups need the backup key's private half "
        "in the GnuPG keyring (GNUPGHOME) and its passphrase (BACKUP_GPG_PASSPHRASE, or asked)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "backup", nargs="?", help="A backup's time stamp, or 'latest'; omit to list them."
        )
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask before replacing the data."
        )

    def handle(self, *args, backup=None, yes=False, **options):
        try:
            if backup is None:
                self.stdout.write("\n".join(backup_sets()) or "There is no backup.")
                return
            found = backup_find(backup)
            if not yes:
                answer = input(
                    f"This replaces everything in the configured database with backup "
                    f"{found.stamp}. Go on? [y/N] "
                )
                if answer.strip().lower() != "y":
                    raise CommandError("Nothing restored.")
            backup_restore(found)
            expected = backup_expected_counts(found)
        except BackupError as error:
            raise CommandError(str(error)) from None
        found_counts = model_counts()
        different = {
            label: (count, found_counts.get(label))
            for label, count in expected.items()
            if found_counts.get(label) != count
        }
        if different:
            raise CommandError(f"Restored, but the row counts differ: {different}")
        self.stdout.write(
            f"Restored {sum(found_counts.values())} rows and the files of {found.stamp}; "
            "counts match."
        )

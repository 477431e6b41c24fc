from django.core.management.base import BaseCommand, CommandError

from ops.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Back up the database, the media and the private files to the backup storage, "
        "encrypted to BACKUP_GPG_RECIPIENT; older backups beyond DBBACKUP_CLEANUP_KEEP go."
    )

    def handle(self, *args, **options):
        try:
            backup = backup_create()
        except BackupError as error:
            raise CommandError(str(error)) from None
        if not backup.encrypted:
            self.stderr.write("Not encrypted: BACKUP_GPG_RECIPIENT is not set.")
        self.stdout.write(f"Backed up as {backup.stamp}: {backup.database}, {backup.media}, ")
        self.stdout.write(f"  {backup.private} (restore: make restore BACKUP={backup.stamp})")

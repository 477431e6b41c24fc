"""`check --deploy` names an unencrypted backup set-up (ops.W001)."""

from ops.checks import backups_are_encrypted


def test_production_without_a_backup_key_is_warned(settings):
    settings.BACKUP_ENCRYPTION_REQUIRED = True
    settings.DBBACKUP_GPG_RECIPIENT = None
    [warning] = backups_are_encrypted(None)
    assert warning.id == "ops.W001"
    assert "BACKUP_GPG_RECIPIENT" in warning.hint


def test_production_with_a_backup_key_passes(settings):
    settings.BACKUP_ENCRYPTION_REQUIRED = True
    settings.DBBACKUP_GPG_RECIPIENT = "0123456789ABCDEF0123456789ABCDEF01234567"
    assert backups_are_encrypted(None) == []


def test_development_may_back_up_without_a_key(settings):
    settings.BACKUP_ENCRYPTION_REQUIRED = False
    settings.DBBACKUP_GPG_RECIPIENT = None
    assert backups_are_encrypted(None) == []

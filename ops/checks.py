"""`manage.py check --deploy`: production never writes an unencrypted backup."""

from django.core import checks

from .backup import encryption_refused


@checks.register(checks.Tags.security, deploy=True)
def backups_are_encrypted(app_configs, **kwargs):
    if refusal := encryption_refused():
        return [
            checks.Warning(
                "Backups would not be encrypted, so `make backup` refuses to run.",
                hint=refusal,
                id="ops.W001",
            )
        ]
    return []

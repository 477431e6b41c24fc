from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the platform: backup and restore, loading the demonstration content."""

    name = "ops"
    verbose_name = "Operations"

    def ready(self):
        from . import checks  # noqa: F401  (registers the deploy check)

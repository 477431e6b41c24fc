from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the platform: backup and restore, loading the demonstration content."""

    name = "ops"
    verbose_name = "Operations"

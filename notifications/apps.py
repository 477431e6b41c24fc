from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        # Imported here, not at the top: Django imports an AppConfig before any model.
        from accounts.api import register_eraser, register_exporter, register_profile_section

        from .forms import email_choices_form
        from .personal_data import erase_notifications, personal_data_notifications

        register_exporter("notifications", personal_data_notifications)
        register_eraser("notifications", erase_notifications)
        register_profile_section(
            "notifications",
            template="notifications/_profile_email_choices.html",
            form_for=email_choices_form,
        )

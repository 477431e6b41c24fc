from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from courses.api import course_completed

        from . import api

        course_completed.connect(
            api.issue_in_background, dispatch_uid="certificates.issue_in_background"
        )

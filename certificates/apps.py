from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        # Inside ready(): these modules import models, allowed once the app registry is ready.
        from accounts.api import form_of_address_changed, register_eraser, register_exporter
        from courses.api import course_completed
        from home.api import PartnerLogo, ProgrammeSettings
        from notifications.api import register_email_kind
        from pagecache.api import learner_row_changed

        from . import api, checks, personal_data, services  # noqa: F401  (checks registers)
        from .models import Certificate, Signatory
        from .reminders import KIND_EXPIRY
        from .rendering import design_changed
        from .verification import certificate_saved

        register_email_kind(KIND_EXPIRY, _("Reminders that a certificate of mine expires"))
        register_exporter("certificates", personal_data.personal_data_certificates)
        # The holder's own cached pages (My learning) show their certificates.
        for signal in (post_save, post_delete):
            signal.connect(
                learner_row_changed,
                sender=Certificate,
                dispatch_uid=f"certificates.mine.{id(signal)}",
            )
        register_eraser("certificates", personal_data.personal_data_erase_certificates)
        course_completed.connect(
            api.issue_in_background, dispatch_uid="certificates.issue_in_background"
        )
        form_of_address_changed.connect(
            services.form_of_address_changed, dispatch_uid="certificates.form_of_address"
        )

        # A changed certificate's cached verification answers go out of date on commit.
        for name, signal in (("saved", post_save), ("deleted", post_delete)):
            signal.connect(
                certificate_saved,
                sender=Certificate,
                dispatch_uid=f"certificates.verification.{name}",
            )

        # What every certificate shows (programme, partners, signatories) is kept per
        # process; a change anywhere in it makes every process load it again.
        for model in (ProgrammeSettings, PartnerLogo, Signatory, get_image_model()):
            for name, signal in (("saved", post_save), ("deleted", post_delete)):
                signal.connect(
                    design_changed,
                    sender=model,
                    dispatch_uid=f"certificates.design_changed.{model._meta.label}.{name}",
                )

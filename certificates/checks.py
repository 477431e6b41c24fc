"""`manage.py check --deploy`: production signs every certificate, so it needs the key."""

from django.conf import settings
from django.core import checks

from .signing import signing_problem


@checks.register(checks.Tags.security, deploy=True)
def certificates_can_be_signed(app_configs, **kwargs):
    problem = signing_problem()
    if problem is None:
        return []
    if settings.CERTIFICATE_SIGNING_REQUIRED:
        return [
            checks.Error(
                "Certificates cannot be signed, so none can be issued: their PDFs are drawn "
                "only with the issuer's signature in production.",
                hint=problem,
                id="certificates.E001",
            )
        ]
    return [
        checks.Warning(
            "Certificates' PDFs would be drawn unsigned.", hint=problem, id="certificates.W001"
        )
    ]

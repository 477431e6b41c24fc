"""`manage.py check --deploy`: production signs every certificate and every Open Badges
credential, so it needs both keys."""

from django.conf import settings
from django.core import checks

from .openbadges import credential_key_problem
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


@checks.register(checks.Tags.security, deploy=True)
def credentials_can_be_signed(app_configs, **kwargs):
    """Open Badges credentials (certificates.openbadges) are signed with the credential key."""
    problem = credential_key_problem()
    if problem is None:
        return []
    if settings.CREDENTIAL_KEY_REQUIRED:
        return [
            checks.Error(
                "Open Badges credentials cannot be signed: holders could not download their "
                "certificates as credentials, and the status list could not be published.",
                hint=problem,
                id="certificates.E002",
            )
        ]
    return [
        checks.Warning(
            "Open Badges credentials are not offered: the credential key cannot be used.",
            hint=problem,
            id="certificates.W002",
        )
    ]

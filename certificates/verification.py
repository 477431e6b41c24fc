"""The public verification answer, cached per code and language for a short time.

Looking a code up shows what its certificate certifies and whether it still stands. The
answer (the page's main part, rendered for one interface language) is kept in the cache
for at most `VERIFY_CACHE_SECONDS`, and never past the moment the certificate expires, so
"valid" turns into "expired" on time. Each code has a version counter in the cache, read
before the database is: a change to the certificate (revoked, reissued, its expiry or the
holder's name changed) moves the counter once its transaction has committed, so what a
reader rendered from the old row during that transaction is never found again.

Only codes of certificates that exist are cached: a code nobody holds yet is looked up
again each time, so a certificate issued later is found at once.

An uploaded PDF is checked too (`uploaded_pdf_answer`): its signature must be ours
(certificates.signing) and cover the whole file, and the verification code in its signed
metadata then gives the same answer as typing the code.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from home.api import ProgrammeSettings

from . import selectors
from .codes import code_parse
from .data import CertificateStatus
from .models import Certificate
from .signing import Finding, SignatureCheck, pdf_signature_check, signing_fingerprint

VERIFY_CACHE_SECONDS = getattr(settings, "CERTIFICATE_VERIFY_CACHE_SECONDS", 300)
_PREFIX = "certificates:verify:"


@dataclass(frozen=True)
class VerificationAnswer:
    serial: str
    html: str


def _version_key(code: str) -> str:
    return f"{_PREFIX}v:{code}"


def _version(code: str) -> int:
    """The code's counter; a missing one starts at the current time, never at a fixed
    value, so an evicted counter cannot bring an old answer back."""
    key = _version_key(code)
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), None)
        value = cache.get(key)
    return value


def _answer_key(*, code: str, language: str, version: int) -> str:
    return f"{_PREFIX}a:{code}:{language}:{settings.RELEASE}:{version}"


def _seconds_to_keep(*, certificate: Certificate, now: datetime) -> int:
    if certificate.expires_at and certificate.expires_at > now:
        left = int((certificate.expires_at - now).total_seconds())
        return max(1, min(VERIFY_CACHE_SECONDS, left))
    return VERIFY_CACHE_SECONDS


def verification_answer(*, code: str) -> VerificationAnswer | None:
    """What the verification page says about `code` (a canonical code) in the active
    language; None when no certificate has it (not cached). No database query while
    the answer is cached; one otherwise."""
    language = get_language()
    key = _answer_key(code=code, language=language, version=_version(code))
    answer = cache.get(key)
    if answer is not None:
        return answer
    certificate = selectors.certificate_by_code(code)
    if certificate is None:
        return None
    now = timezone.now()
    answer = VerificationAnswer(
        serial=certificate.serial,
        html=render_to_string(
            "certificates/_verify_answer.html",
            {
                "certificate": certificate,
                "status": certificate.status(now),
                "Status": CertificateStatus,
                "issuer": _issuer(),
            },
        ),
    )
    cache.set(key, answer, _seconds_to_keep(certificate=certificate, now=now))
    return answer


def verification_forget(*, certificate: Certificate) -> None:
    """The certificate changed: once the change has committed, its cached answers (in
    every language) are no longer used."""
    code = certificate.code

    def bump():
        cache.set(_version_key(code), time.time_ns(), None)

    transaction.on_commit(bump)


def certificate_saved(sender, instance: Certificate, **kwargs) -> None:
    """post_save and post_delete of a certificate: revocation, reissue (the old one is
    superseded), erasure of the holder's name, an expiry changed by hand, deletion."""
    if instance.code:
        verification_forget(certificate=instance)


def _issuer() -> str:
    """Who issues the certificates: the programme named in the default site's settings,
    in the reader's language (the answer is cached per language)."""
    programme = (
        ProgrammeSettings.objects.filter(site__is_default_site=True).first() or ProgrammeSettings()
    )
    return programme.name_for(get_language())


def issuer_name() -> str:
    """Who issues and signs the certificates, in the reader's language."""
    return _issuer()


def signature_facts() -> dict:
    """What the verification pages say of the PDFs' signature: who signs them and the
    signing certificate's SHA-256 fingerprint (None while nothing signs)."""
    return {"signing_fingerprint": signing_fingerprint(), "issuer": _issuer()}


# --- An uploaded PDF ------------------------------------------------------------------------


@dataclass(frozen=True)
class PdfAnswer:
    finding: Finding
    check: SignatureCheck
    answer: VerificationAnswer | None = None  # the certificate's status, when it is ours


def code_in_keywords(keywords: str) -> str | None:
    """The verification code among a PDF's keywords ("CT-2026-000123, 7K3M-…"): the one
    keyword that is a well-formed code written in full."""
    for keyword in keywords.replace(";", ",").split(","):
        keyword = keyword.strip()
        if keyword and code_parse(keyword) == keyword:
            return keyword
    return None


def uploaded_pdf_answer(*, data: bytes) -> PdfAnswer:
    """Whether `data` is a certificate's PDF we issued and nobody changed, and if so what
    its certificate's verification answer is (its current status)."""
    check = pdf_signature_check(data, code_in=code_in_keywords)
    if check.finding != Finding.OURS:
        return PdfAnswer(finding=check.finding, check=check)
    answer = verification_answer(code=check.code)
    if answer is None:
        return PdfAnswer(finding=Finding.UNKNOWN, check=check)
    return PdfAnswer(finding=Finding.OURS, check=check, answer=answer)

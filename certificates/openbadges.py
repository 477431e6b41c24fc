"""Certificates as Open Badges 3.0 credentials, signed as VC-JWT, and the revocation list.

A holder downloads their certificate as an OpenBadgeCredential (a W3C Verifiable
Credential, data model 2.0): the achievement (the course or the training, with its
criteria), the issuer (the programme), the dates, and the holder identified only by a salted
SHA-256 hash of their email address (OB 3.0 `IdentityObject`; the salt is random per
certificate and kept, so that the holder can prove the address is theirs). Nobody's email
or name is in the credential in clear.

The credential is signed as a compact JWS (the OB 3.0 "JSON Web Token Proof Format": the
payload is the credential with `iss`, `jti`, `nbf` and `exp`) with ES256 and the issuer's
credential key (`CREDENTIAL_KEY_FILE`, an EC P-256 private key in PEM). The header's `kid`
is the URL of the public key (a JWK); every key, current and former
(`CREDENTIAL_FORMER_KEY_FILES`), is also published together as a JWKS.

Revocation: each certificate whose credential was downloaded has a bit in a W3C Bitstring
Status List (v1.0, purpose "revocation"), at an index drawn at random once and kept
(`Certificate.status_index`, unique). The status list credential is generated from the
database (revoked or superseded certificates have their bit set), signed the same way,
and cached by its content: a revocation changes the content, hence the cache key, at once.
Expiry is the credential's `validUntil` (and the JWT's `exp`).

Published, without language prefix (config/urls.py, certificates/issuer_urls.py):
/certificates/issuer/ (the issuer's Profile), /certificates/issuer/jwks.json,
/certificates/issuer/keys/<thumbprint>.json, /certificates/issuer/achievements/<page id>/
and /certificates/issuer/status/revocation.jwt.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import secrets
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from joserfc import jwt
from joserfc.jwk import ECKey, KeySet

from home.api import ProgrammeSettings

from .data import CertificateStatus
from .models import Certificate
from .rendering import course_title_in, verification_url
from .verification import verification_forget

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
ALGORITHM = "ES256"
MEDIA_TYPE = "application/vc+jwt"
# The Bitstring Status List's smallest size (16 KiB), for herd privacy; the list grows by
# this much whenever more than half of it is taken.
STATUS_LIST_BITS = 131_072
STATUS_PURPOSE = "revocation"
# Achievement types (OB 3.0's AchievementType vocabulary).
ACHIEVEMENT_TYPE = {"course": "Course", "attendance": "Certificate"}
# BCP 47 tags of the certificate languages (the credential's `inLanguage`).
LANGUAGE_TAGS = {"sr-latn": "sr-Latn", "sr": "sr-Cyrl", "en": "en"}


class CredentialKeyNotConfigured(ImproperlyConfigured):
    """No usable credential key where one is required (production), or a configured key
    that cannot be used (a missing file, not an EC P-256 key)."""


class BadgeNotAvailable(Exception):
    """This certificate is not offered as a credential (revoked, superseded, its holder's
    data erased, or no credential key configured here)."""


# --- The issuer's keys ----------------------------------------------------------------------


@dataclass(frozen=True)
class IssuerKeys:
    signing: ECKey
    published: tuple[ECKey, ...]  # public parts: the current key first, then former ones


def _key_read(path: str, what: str, *, private: bool) -> ECKey:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise CredentialKeyNotConfigured(f"Cannot read {what} {path}: {error.strerror}.") from error
    try:
        if private or b"PRIVATE KEY" in data:
            key = serialization.load_pem_private_key(data, None)
            public = key.public_key()
        else:
            key = public = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as error:
        raise CredentialKeyNotConfigured(
            f"{what.capitalize()} {path} is not an unencrypted PEM {'private ' if private else ''}"
            "key."
        ) from error
    if not isinstance(public, ec.EllipticCurvePublicKey) or public.curve.name != "secp256r1":
        raise CredentialKeyNotConfigured(
            f"{what.capitalize()} {path} is not an EC P-256 key (credentials are signed ES256)."
        )
    if private:
        return ECKey.import_key(data)
    pem = public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return ECKey.import_key(pem)


def issuer_keys_load() -> IssuerKeys | None:
    """The configured keys; None when no credential key is configured. A configuration
    that cannot be used raises `CredentialKeyNotConfigured`."""
    if not settings.CREDENTIAL_KEY_FILE:
        return None
    signing = _key_read(settings.CREDENTIAL_KEY_FILE, "the credential key", private=True)
    public = [ECKey.import_key(signing.as_dict(private=False))]
    for path in settings.CREDENTIAL_FORMER_KEY_FILES:
        former = _key_read(path, "a former credential key", private=False)
        if former.thumbprint() not in {k.thumbprint() for k in public}:
            public.append(former)
    return IssuerKeys(signing=signing, published=tuple(public))


_loaded: dict[tuple, IssuerKeys | None] = {}
_lock = threading.Lock()


def issuer_keys() -> IssuerKeys | None:
    """`issuer_keys_load()`, kept in the process while the settings stay the same."""
    key = (settings.CREDENTIAL_KEY_FILE, tuple(settings.CREDENTIAL_FORMER_KEY_FILES))
    with _lock:
        if key not in _loaded:
            _loaded.clear()
            _loaded[key] = issuer_keys_load()
        return _loaded[key]


def credential_key_problem() -> str | None:
    """Why credentials could not be signed as the settings stand (for the system check);
    None when they can, or when no key is required and none is configured."""
    try:
        keys = issuer_keys()
    except CredentialKeyNotConfigured as error:
        return str(error)
    if keys is None and settings.CREDENTIAL_KEY_REQUIRED:
        return (
            "No key to sign Open Badges credentials with. Set CREDENTIAL_KEY_FILE to a PEM "
            "file of an EC P-256 private key (README, “Signing certificates”)."
        )
    return None


def badges_offered() -> bool:
    """Whether holders can download credentials here (a usable key is configured)."""
    try:
        return issuer_keys() is not None
    except CredentialKeyNotConfigured:
        return False


def keys_write_dev(path: Path) -> Path:
    """A new EC P-256 private key (PEM, unencrypted, readable by its owner only) at `path`:
    for development and tests only, never production."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    path.touch(mode=0o600)
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


# --- Stable URLs ----------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.CERTIFICATE_BASE_URL.rstrip("/") + path


def issuer_url() -> str:
    return _absolute(reverse("openbadges:issuer"))


def jwks_url() -> str:
    return _absolute(reverse("openbadges:jwks"))


def key_url(key: ECKey) -> str:
    """The key's `kid`: a URL that gives the public key as a JWK."""
    return _absolute(reverse("openbadges:key", kwargs={"thumbprint": key.thumbprint()}))


def achievement_url(page_id: int) -> str:
    return _absolute(reverse("openbadges:achievement", kwargs={"page_id": page_id}))


def status_list_url() -> str:
    return _absolute(reverse("openbadges:status_list"))


# --- Published documents --------------------------------------------------------------------


def _programme_name(language: str) -> str:
    programme = (
        ProgrammeSettings.objects.filter(site__is_default_site=True).first() or ProgrammeSettings()
    )
    return programme.name_for(language)


def issuer_profile(*, language: str | None = None) -> dict:
    """The issuer (the programme) as an OB 3.0 Profile, named in `language`."""
    language = language or settings.LANGUAGE_CODE
    return {
        "id": issuer_url(),
        "type": ["Profile"],
        "name": _programme_name(language),
        "url": _absolute("/"),
    }


def issuer_profile_document() -> dict:
    """The Profile published at its own URL (a JSON-LD document of its own)."""
    return {"@context": CONTEXTS, **issuer_profile()}


def jwks() -> dict:
    """The public keys credentials are signed with, each with its `kid` (its URL)."""
    keys = issuer_keys()
    return {"keys": [published_jwk(k) for k in keys.published] if keys else []}


def published_jwk(key: ECKey) -> dict:
    return {**key.as_dict(private=False), "kid": key_url(key), "use": "sig", "alg": ALGORITHM}


def published_key(thumbprint: str) -> dict | None:
    keys = issuer_keys()
    for key in keys.published if keys else ():
        if key.thumbprint() == thumbprint:
            return published_jwk(key)
    return None


def _texts(*, kind: str, title: str, held: str, hours, language: str) -> tuple[str, str]:
    """(description, criteria) of an achievement, in `language`."""
    with translation.override(language):
        programme = _programme_name(language)
        if kind == "attendance":
            description = _("Attendance at the training “%(title)s” of %(programme)s.") % {
                "title": title,
                "programme": programme,
            }
            if held:
                description += f" {held}."
            criteria = _("Attended the training, as its trainers recorded.")
        else:
            description = _(
                "Completion of the e-learning course “%(title)s” (%(hours)s hours) of "
                "%(programme)s."
            ) % {"title": title, "hours": hours, "programme": programme}
            criteria = _("Completed every required lesson and quiz of the course on the platform.")
    return description, criteria


def _achievement(*, kind: str, page_id: int, title: str, held: str, hours, language: str) -> dict:
    description, criteria = _texts(
        kind=kind, title=title, held=held, hours=hours, language=language
    )
    return {
        "id": achievement_url(page_id),
        "type": ["Achievement"],
        "achievementType": ACHIEVEMENT_TYPE[kind],
        "name": title,
        "description": description,
        "criteria": {"narrative": criteria},
        "creator": issuer_profile(language=language),
        "inLanguage": LANGUAGE_TAGS.get(language, language),
    }


def achievement_document(*, page_id: int) -> dict | None:
    """The achievement of a course or training some certificate was issued for, in the
    default language (its certificates say it in their own); None for any other page."""
    certificate = (
        Certificate.objects.filter(Q(course_id=page_id) | Q(training_id=page_id))
        .select_related("course", "training")
        .order_by("-issued_at", "-pk")
        .first()
    )
    if certificate is None:
        return None
    page = certificate.training if certificate.is_attendance else certificate.course
    language = settings.LANGUAGE_CODE
    return {
        "@context": CONTEXTS,
        **_achievement(
            kind=certificate.kind,
            page_id=page_id,
            title=course_title_in(course=page, language=language),
            held="",
            hours=certificate.hours,
            language=language,
        ),
    }


# --- A holder's credential ------------------------------------------------------------------


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def identity_hash(*, email: str, salt: str) -> str:
    """OB 3.0 IdentityHash of an email address: "sha256$" and the hex SHA-256 of the
    address (lower case) followed by the salt."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return f"sha256${digest}"


def _status_range() -> int:
    """Indexes are drawn from a range kept at most half full, in steps of the list size."""
    taken = Certificate.objects.filter(status_index__isnull=False).count()
    return STATUS_LIST_BITS * (1 + (2 * taken) // STATUS_LIST_BITS)


def badge_prepare(*, certificate: Certificate) -> Certificate:
    """Give the certificate its status index and salt, once (both in one conditional
    UPDATE: of two requests at once, the second finds them set). An index another
    certificate holds (the unique constraint) is drawn again."""
    if certificate.status_index is not None:
        return certificate
    for _attempt in range(32):
        candidate = secrets.randbelow(_status_range())
        try:
            with transaction.atomic():
                Certificate.objects.filter(pk=certificate.pk, status_index__isnull=True).update(
                    status_index=candidate, badge_salt=secrets.token_hex(16)
                )
        except IntegrityError:
            continue  # that bit is another certificate's: draw again
        certificate.refresh_from_db(fields=["status_index", "badge_salt"])
        verification_forget(certificate=certificate)  # its page mentions the credential
        return certificate
    raise RuntimeError("No free status list index found in 32 draws.")  # pragma: no cover


def badge_available(certificate: Certificate) -> bool:
    """Whether the holder may download this certificate as a credential."""
    return (
        badges_offered()
        and certificate.status() in (CertificateStatus.VALID, CertificateStatus.EXPIRED)
        and bool(certificate.user.email)
        and not (certificate.status_index is not None and not certificate.badge_salt)
    )


def badge_credential(*, certificate: Certificate) -> dict:
    """The certificate as an OpenBadgeCredential (unsigned). Gives the certificate its
    status index and salt the first time."""
    if not badge_available(certificate):
        raise BadgeNotAvailable
    certificate = badge_prepare(certificate=certificate)
    language = certificate.language
    page_id = certificate.training_id if certificate.is_attendance else certificate.course_id
    credential = {
        "@context": CONTEXTS,
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, verification_url(certificate.code))}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": certificate.course_title,
        "issuer": issuer_profile(language=language),
        "validFrom": _timestamp(certificate.issued_at),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "emailAddress",
                    "hashed": True,
                    "identityHash": identity_hash(
                        email=certificate.user.email, salt=certificate.badge_salt
                    ),
                    "salt": certificate.badge_salt,
                }
            ],
            "activityEndDate": _timestamp(certificate.completed_at),
            "achievement": _achievement(
                kind=certificate.kind,
                page_id=page_id,
                title=certificate.course_title,
                held=certificate.held,
                hours=certificate.hours,
                language=language,
            ),
        },
        "credentialStatus": {
            "id": f"{status_list_url()}#{certificate.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": STATUS_PURPOSE,
            "statusListIndex": str(certificate.status_index),
            "statusListCredential": status_list_url(),
        },
    }
    if certificate.expires_at:
        credential["validUntil"] = _timestamp(certificate.expires_at)
    return credential


def credential_sign(credential: dict) -> str:
    """`credential` as a compact JWS (VC-JWT): the credential itself is the payload, with
    the registered claims OB 3.0 asks for (`iss`, `jti`, `nbf`, and `exp` with a
    `validUntil`); the header names the key by its URL. Raises `BadgeNotAvailable`
    without a key."""
    keys = issuer_keys()
    if keys is None:
        raise BadgeNotAvailable
    claims = {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(datetime.fromisoformat(credential["validFrom"]).timestamp()),
    }
    if "validUntil" in credential:
        claims["exp"] = int(datetime.fromisoformat(credential["validUntil"]).timestamp())
    header = {"alg": ALGORITHM, "kid": key_url(keys.signing), "typ": "JWT"}
    return jwt.encode(header, claims, keys.signing, algorithms=[ALGORITHM])


def badge_jwt(*, certificate: Certificate) -> str:
    """The holder's certificate as a signed Open Badges 3.0 credential (VC-JWT)."""
    return credential_sign(badge_credential(certificate=certificate))


def credential_verify(token: str, *, key_set: dict) -> dict:
    """The claims of a VC-JWT signed with a key of `key_set` (a JWKS as published);
    raises joserfc's errors for a bad signature or an unknown key."""
    return jwt.decode(token, KeySet.import_key_set(key_set), algorithms=[ALGORITHM]).claims


# --- The status list ------------------------------------------------------------------------


def status_list_encode(*, revoked: list[int], length: int) -> str:
    """The bitstring of `length` bits with the bits of `revoked` set (bit 0 is the
    left-most bit of the first byte), GZIP-compressed, base64url without padding, with
    the multibase prefix "u" (Bitstring Status List v1.0, `encodedList`)."""
    bits = bytearray(length // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def status_list_state() -> tuple[int, list[int]]:
    """(length in bits, indexes set) as the database stands: the bits of revoked and of
    superseded certificates (neither stands any more; expiry is the credential's own)."""
    highest = Certificate.objects.aggregate(top=Max("status_index"))["top"] or 0
    revoked = sorted(
        Certificate.objects.filter(status_index__isnull=False)
        .filter(Q(revoked_at__isnull=False) | Q(superseded_by__isnull=False))
        .values_list("status_index", flat=True)
    )
    return STATUS_LIST_BITS * (highest // STATUS_LIST_BITS + 1), revoked


def status_list_credential(*, length: int, revoked: list[int]) -> dict:
    url = status_list_url()
    return {
        "@context": [CONTEXTS[0]],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_profile(),
        "validFrom": _timestamp(timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": STATUS_PURPOSE,
            "encodedList": status_list_encode(revoked=revoked, length=length),
        },
    }


STATUS_LIST_CACHE_SECONDS = 24 * 3600


def status_list_jwt() -> str:
    """The revocation status list credential, signed. Kept in the cache under a key made
    of its content (the bits set, the key, the address), so a revocation is reflected at
    once: the next request finds no entry for the new content and signs it anew."""
    keys = issuer_keys()
    if keys is None:
        raise BadgeNotAvailable
    length, revoked = status_list_state()
    content = json.dumps(
        [length, revoked, keys.signing.thumbprint(), status_list_url()], separators=(",", ":")
    )
    cache_key = "certificates:status-list:" + hashlib.sha256(content.encode()).hexdigest()
    token = cache.get(cache_key)
    if token is None:
        token = credential_sign(status_list_credential(length=length, revoked=revoked))
        cache.set(cache_key, token, STATUS_LIST_CACHE_SECONDS)
    return token

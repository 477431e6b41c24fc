"""Certificates' PDFs signed with the issuer's key (PAdES, through pyHanko), and checked again.

Every certificate's PDF is signed as it is drawn: PAdES baseline B-B, or B-T when an
RFC 3161 time-stamping authority is configured (`CERTIFICATE_TSA_URL`). The signature is an
incremental update appended to WeasyPrint's PDF/A-3b file, with an invisible, printable
signature field (what PDF/A allows), so the drawn page, its QR code and the PDF/A
declaration stay as they were. The verification code is in the document's metadata
before it is signed (the keywords, in the information dictionary and in the XMP packet:
`templates/certificates/pdf.html`), so the signature covers it.

The issuer's key and certificate come from the environment (config/settings/base.py):

- `CERTIFICATE_SIGNING_PKCS12` (a .p12/.pfx file) and `CERTIFICATE_SIGNING_PASSPHRASE`, or
- `CERTIFICATE_SIGNING_KEY` and `CERTIFICATE_SIGNING_CERT` (PEM files; the key may be
  encrypted with `CERTIFICATE_SIGNING_PASSPHRASE`), with `CERTIFICATE_SIGNING_CHAIN` (PEM
  files of the issuing CAs, up to the root).

The trust root is the chain's self-signed certificate (or, without one, the last certificate
given). `CERTIFICATE_SIGNING_FORMER_CERTS` lists certificates of keys used before: PDFs
signed with them are still recognised as ours after the key is replaced.

Production (`CERTIFICATE_SIGNING_REQUIRED`) refuses to draw a certificate without a key:
`check --deploy` says so (certificates.E001) and rendering raises `SigningNotConfigured`.
Development signs with the key `make run` generates under var/signing/
(`manage.py certificate_signing_dev_key`); without one it leaves the PDF unsigned and logs
a warning.
"""

from __future__ import annotations

import asyncio
import enum
import hashlib
import io
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.keys.internal import translate_pyca_cryptography_key_to_asn1
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.signers import SimpleSigner
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

logger = logging.getLogger(__name__)

SIGNATURE_FIELD = "CertificateSignature"


class SigningNotConfigured(ImproperlyConfigured):
    """No usable signing key, where certificates must be signed (production), or a
    configured key that cannot be used (a missing file, a wrong passphrase)."""


@dataclass(frozen=True)
class Credentials:
    """The issuer's signing key and certificate, ready for pyHanko."""

    signer: SimpleSigner
    certificate: asn1_x509.Certificate
    chain: tuple[asn1_x509.Certificate, ...]
    trust_roots: tuple[asn1_x509.Certificate, ...]
    former: tuple[asn1_x509.Certificate, ...] = ()
    fingerprints: frozenset[str] = field(default_factory=frozenset)

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.certificate)


def fingerprint_of(certificate: asn1_x509.Certificate) -> str:
    """SHA-256 of the certificate (DER), as people compare it: AB:CD:…"""
    digest = hashlib.sha256(certificate.dump()).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, len(digest), 2))


def fingerprint_of_file(path: Path) -> str:
    """The fingerprint of the (first) certificate in a PEM file."""
    return fingerprint_of(_to_asn1(x509.load_pem_x509_certificates(path.read_bytes())[0]))


# --- Loading the key ------------------------------------------------------------------------


def _configuration() -> tuple:
    return (
        settings.CERTIFICATE_SIGNING_PKCS12,
        settings.CERTIFICATE_SIGNING_PASSPHRASE,
        settings.CERTIFICATE_SIGNING_KEY,
        settings.CERTIFICATE_SIGNING_CERT,
        tuple(settings.CERTIFICATE_SIGNING_CHAIN),
        tuple(settings.CERTIFICATE_SIGNING_FORMER_CERTS),
    )


def is_configured() -> bool:
    return bool(
        settings.CERTIFICATE_SIGNING_PKCS12
        or settings.CERTIFICATE_SIGNING_KEY
        or settings.CERTIFICATE_SIGNING_CERT
    )


def _read(path: str, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise SigningNotConfigured(f"Cannot read {what} {path}: {error.strerror}.") from error


def _pem_certificates(path: str, what: str) -> list[x509.Certificate]:
    data = _read(path, what)
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificates(data)
        return [x509.load_der_x509_certificate(data)]
    except ValueError as error:
        raise SigningNotConfigured(f"{what.capitalize()} {path} holds no certificate.") from error


def _passphrase() -> bytes | None:
    value = settings.CERTIFICATE_SIGNING_PASSPHRASE
    return value.encode() if value else None


def _load_files() -> tuple[object, x509.Certificate, list[x509.Certificate]]:
    """(private key, certificate, other certificates) as the settings name them."""
    if settings.CERTIFICATE_SIGNING_PKCS12:
        path = settings.CERTIFICATE_SIGNING_PKCS12
        data = _read(path, "the PKCS#12 file (CERTIFICATE_SIGNING_PKCS12)")
        try:
            key, certificate, others = pkcs12.load_key_and_certificates(data, _passphrase())
        except ValueError as error:
            raise SigningNotConfigured(
                f"Cannot open the PKCS#12 file {path}: a wrong passphrase "
                "(CERTIFICATE_SIGNING_PASSPHRASE) or not a PKCS#12 file."
            ) from error
        if key is None or certificate is None:
            raise SigningNotConfigured(f"The PKCS#12 file {path} holds no key and certificate.")
        others = list(others)
    else:
        if not (settings.CERTIFICATE_SIGNING_KEY and settings.CERTIFICATE_SIGNING_CERT):
            raise SigningNotConfigured(
                "Set both CERTIFICATE_SIGNING_KEY and CERTIFICATE_SIGNING_CERT (PEM files), "
                "or CERTIFICATE_SIGNING_PKCS12."
            )
        path = settings.CERTIFICATE_SIGNING_KEY
        data = _read(path, "the signing key (CERTIFICATE_SIGNING_KEY)")
        try:
            key = serialization.load_pem_private_key(data, _passphrase())
        except (ValueError, TypeError) as error:
            raise SigningNotConfigured(
                f"Cannot read the private key {path}: not a PEM key, or a wrong or missing "
                "passphrase (CERTIFICATE_SIGNING_PASSPHRASE)."
            ) from error
        certificate = _pem_certificates(
            settings.CERTIFICATE_SIGNING_CERT, "the signing certificate (CERTIFICATE_SIGNING_CERT)"
        )[0]
        others = []
    for path in settings.CERTIFICATE_SIGNING_CHAIN:
        others += _pem_certificates(path, "the chain file (CERTIFICATE_SIGNING_CHAIN)")
    if _public_der(certificate.public_key()) != _public_der(key.public_key()):
        raise SigningNotConfigured("The signing certificate is not the signing key's.")
    return key, certificate, others


def _public_der(public_key) -> bytes:
    return public_key.public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def _to_asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def _trust_roots(certificate, chain) -> list[asn1_x509.Certificate]:
    roots = [c for c in chain if c.self_signed != "no"]
    if roots:
        return roots
    return [chain[-1] if chain else certificate]


def credentials_load() -> Credentials | None:
    """The configured key and certificate; None when none is configured. A configuration
    that cannot be used raises `SigningNotConfigured`, whatever the settings."""
    if not is_configured():
        return None
    key, certificate, others = _load_files()
    cert = _to_asn1(certificate)
    chain = [_to_asn1(c) for c in others if c != certificate]
    former = []
    for path in settings.CERTIFICATE_SIGNING_FORMER_CERTS:
        former += [
            _to_asn1(c)
            for c in _pem_certificates(
                path, "a former certificate (CERTIFICATE_SIGNING_FORMER_CERTS)"
            )
        ]
    signer = SimpleSigner(
        signing_cert=cert,
        signing_key=translate_pyca_cryptography_key_to_asn1(key),
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )
    return Credentials(
        signer=signer,
        certificate=cert,
        chain=tuple(chain),
        trust_roots=tuple(_trust_roots(cert, chain)),
        former=tuple(former),
        fingerprints=frozenset(fingerprint_of(c) for c in [cert, *former]),
    )


_loaded: dict[tuple, Credentials | None] = {}
_lock = threading.Lock()


def credentials() -> Credentials | None:
    """`credentials_load()`, kept in the process while the settings stay the same."""
    key = _configuration()
    with _lock:
        if key not in _loaded:
            _loaded.clear()
            _loaded[key] = credentials_load()
        return _loaded[key]


def signing_problem() -> str | None:
    """Why certificates could not be signed as the settings stand (for the system check);
    None when they can, or when signing is not required and nothing is configured."""
    try:
        loaded = credentials()
    except SigningNotConfigured as error:
        return str(error)
    if loaded is None and settings.CERTIFICATE_SIGNING_REQUIRED:
        return (
            "No key to sign certificates with. Set CERTIFICATE_SIGNING_PKCS12 and "
            "CERTIFICATE_SIGNING_PASSPHRASE, or CERTIFICATE_SIGNING_KEY, "
            "CERTIFICATE_SIGNING_CERT and CERTIFICATE_SIGNING_CHAIN (README, "
            "“Signing certificates”)."
        )
    return None


def signing_fingerprint() -> str | None:
    """The SHA-256 fingerprint of the certificate signing new PDFs; None without one."""
    try:
        loaded = credentials()
    except SigningNotConfigured:
        return None
    return loaded.fingerprint if loaded else None


# --- Signing ------------------------------------------------------------------------------


def outside_event_loop(function, *args, **kwargs):
    """Call `function` (pyHanko's synchronous API, which starts an event loop of its own
    with asyncio.run) where no event loop runs: in this thread normally, in a thread of its
    own when this one already runs a loop (an ASGI server, a Playwright-driven test)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function(*args, **kwargs)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(function, *args, **kwargs).result()


def pdf_sign(pdf: bytes, *, reason: str = "") -> bytes:
    """`pdf` with our signature appended (an incremental update): PAdES B-B, or B-T with a
    time stamp when CERTIFICATE_TSA_URL is set. Without a key: `SigningNotConfigured` where
    signing is required, else the PDF as it was (with a warning in the log)."""
    loaded = credentials()
    if loaded is None:
        if settings.CERTIFICATE_SIGNING_REQUIRED:
            raise SigningNotConfigured(signing_problem())
        logger.warning(
            "Certificate PDF left unsigned: no signing key configured "
            "(`make run` makes a development key)."
        )
        return pdf
    timestamper = None
    reserved = None  # with a time stamp, pyHanko sizes the space (the TSA's answer varies)
    if settings.CERTIFICATE_TSA_URL:
        timestamper = HTTPTimeStamper(settings.CERTIFICATE_TSA_URL, timeout=10)
    else:
        reserved = _space_for_signature(loaded)
    writer = _MetadataKeepingWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
    )
    output = outside_event_loop(
        signers.sign_pdf,
        writer,
        meta,
        signer=loaded.signer,
        timestamper=timestamper,
        bytes_reserved=reserved,
    )
    return output.getvalue()


_space: dict[str, int] = {}


def _space_for_signature(loaded: Credentials) -> int:
    """The room to leave in the PDF for our signature, as pyHanko estimates it (a dry-run
    signature's size in hexadecimal, plus half), worked out once per key and process:
    pyHanko would otherwise sign twice for every certificate, a third of the signing time
    (bench/certificates.py)."""
    fingerprint = loaded.fingerprint
    if fingerprint not in _space:
        dry_run = loaded.signer.async_sign(
            hashlib.sha256(b"").digest(),
            "sha256",
            use_pades=True,
            dry_run=True,
            signed_attr_settings=PdfCMSSignedAttributes(signing_time=datetime.now(UTC)),
        )
        size = len(outside_event_loop(asyncio.run, dry_run).dump()) * 2
        _space[fingerprint] = size + 2 * (size // 4)
    return _space[fingerprint]


class _MetadataKeepingWriter(IncrementalPdfFileWriter):
    """An incremental update that leaves the document's metadata as WeasyPrint wrote it.
    pyHanko would otherwise add itself to the producer in the information dictionary
    ("WeasyPrint …; pyHanko …") but write only itself into the XMP packet, and PDF/A
    requires the two to agree (tests/certificates/test_signing.py checks they do)."""

    def _update_meta(self):
        pass


# --- Checking an uploaded PDF -------------------------------------------------------------


class Finding(enum.StrEnum):
    """What a PDF's signature says about it."""

    OURS = "ours"  # signed with our key, not changed since
    NOT_PDF = "not_pdf"
    UNSIGNED = "unsigned"
    FOREIGN = "foreign"  # signed, but not with our key
    ALTERED = "altered"  # the signed bytes were changed
    CHANGED_AFTER = "changed_after"  # something was added after our signature
    NO_CODE = "no_code"  # ours and intact, but no verification code in it
    UNKNOWN = "unknown"  # ours and intact, but no certificate we hold has its code


@dataclass(frozen=True)
class SignatureCheck:
    finding: Finding
    code: str | None = None
    signed_at: datetime | None = None
    fingerprint: str | None = None
    trusted: bool = False


def _validation_context(loaded: Credentials):
    return ValidationContext(
        trust_roots=[*loaded.trust_roots, *loaded.former],
        other_certs=list(loaded.chain),
        allow_fetching=False,
        revocation_mode="soft-fail",
    )


def pdf_signature_check(data: bytes, *, code_in) -> SignatureCheck:
    """Whether `data` is a PDF signed with our key (the current one or a former one) and
    unchanged since; `code_in(keywords) -> code | None` finds the verification code in the
    signed document's keywords. Never raises for a bad upload."""
    if b"%PDF-" not in data[:1024]:  # the header, within the first kilobyte
        return SignatureCheck(Finding.NOT_PDF)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_regular_signatures
    except Exception:  # noqa: BLE001  (anything a damaged file makes the parser raise)
        return SignatureCheck(Finding.NOT_PDF)
    if not signatures:
        return SignatureCheck(Finding.UNSIGNED)
    loaded = credentials()
    if loaded is None:
        return SignatureCheck(Finding.FOREIGN)
    found = []
    for signature in signatures:
        try:
            found.append((signature, fingerprint_of(signature.signer_cert)))
        except Exception:  # noqa: BLE001, PERF203  (a damaged signature container)
            return SignatureCheck(Finding.ALTERED)
    ours = [(s, f) for s, f in found if f in loaded.fingerprints]
    if not ours:
        return SignatureCheck(Finding.FOREIGN, fingerprint=found[-1][1])
    # Ours is the first signature; any later one (someone signing our PDF again) is a
    # change after ours, found by the coverage below.
    signature, signer_fingerprint = ours[0]
    try:
        status = outside_event_loop(
            validate_pdf_signature,
            signature,
            signer_validation_context=_validation_context(loaded),
            skip_diff=True,
        )
    except Exception:  # noqa: BLE001  (a damaged signature: a byte range or digest broken)
        return SignatureCheck(Finding.ALTERED, fingerprint=signer_fingerprint)
    if not (status.intact and status.valid):
        return SignatureCheck(Finding.ALTERED, fingerprint=signer_fingerprint)
    if len(signatures) > 1 or status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        return SignatureCheck(Finding.CHANGED_AFTER, fingerprint=signer_fingerprint)
    signed_at = status.timestamp_validity.timestamp if status.timestamp_validity else None
    code = code_in(_keywords(reader))
    return SignatureCheck(
        Finding.OURS if code else Finding.NO_CODE,
        code=code,
        signed_at=signed_at or status.signer_reported_dt,
        fingerprint=signer_fingerprint,
        trusted=bool(status.trusted),
    )


def _keywords(reader) -> str:
    """The keywords of the document (information dictionary; the whole file is signed)."""
    try:
        info = reader.trailer_view["/Info"]
        return str(info.get("/Keywords", ""))
    except Exception:  # noqa: BLE001
        return ""


# --- Development and test keys ------------------------------------------------------------


@dataclass(frozen=True)
class KeyFiles:
    folder: Path
    root: Path  # the self-signed root (trust anchor)
    key: Path  # the signing key (PEM, unencrypted)
    certificate: Path  # the signing certificate, issued by the root


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "E-learning platform (development)"),
        ]
    )


def _new_key(kind: str):
    if kind == "rsa":
        return rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return ec.generate_private_key(ec.SECP256R1())


def key_chain_write(folder: Path, *, label: str = "Development", kind: str = "ec") -> KeyFiles:
    """A self-signed root CA and a signing certificate it issued (ECDSA P-256, or RSA 2048
    with `kind="rsa"`), written as PEM files into `folder`: for development and tests only,
    never production."""
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC) - timedelta(minutes=5)
    root_key = _new_key(kind)
    root_name = _name(f"{label} certificate root CA")
    root = (
        x509.CertificateBuilder()
        .subject_name(root_name)
        .issuer_name(root_name)
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=365 * 20))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), False)
        .sign(root_key, hashes.SHA256())
    )
    key = _new_key(kind)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(f"{label} certificate signing"))
        .issuer_name(root_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + timedelta(days=365 * 10))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), False
        )
        .sign(root_key, hashes.SHA256())
    )
    files = KeyFiles(
        folder=folder,
        root=folder / "root-ca.pem",
        key=folder / "signing-key.pem",
        certificate=folder / "signing-cert.pem",
    )
    files.root.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    files.certificate.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    files.key.touch(mode=0o600)
    files.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return files

"""Development keys to sign certificates with, made once (`make run` asks on every start):
the PDFs' key and certificate chain, and the Open Badges credentials' key."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates.openbadges import keys_write_dev
from certificates.signing import fingerprint_of_file, key_chain_write

CREDENTIAL_KEY_NAME = "credential-key.pem"


class Command(BaseCommand):
    help = (
        "Make a development signing key and a self-signed certificate chain for certificates' "
        "PDFs, and an EC P-256 key for their Open Badges credentials, under var/signing/ (or "
        "--folder), unless they are there or others are configured. Never for production: it "
        "needs the issuer's own keys (README, “Signing certificates”)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder",
            help="Write the keys here (always, whatever is configured): e.g. throw-away "
            "keys for CI's deploy check.",
        )

    def handle(self, *args, folder=None, **options):
        if settings.CERTIFICATE_SIGNING_REQUIRED or settings.CREDENTIAL_KEY_REQUIRED:
            raise CommandError(
                "Production signs with the issuer's own keys: set CERTIFICATE_SIGNING_PKCS12 "
                "(or CERTIFICATE_SIGNING_KEY and CERTIFICATE_SIGNING_CERT) and "
                "CREDENTIAL_KEY_FILE instead."
            )
        forced = folder is not None
        if folder is None:
            dev_folder = getattr(settings, "DEV_SIGNING_DIR", None)
            if dev_folder is None:
                raise CommandError("No development folder in these settings: give --folder.")
            folder = Path(dev_folder)
        folder = Path(folder)
        pdf_key_wanted = forced or not (
            (folder / "signing-key.pem").exists()  # made on an earlier start
            or settings.CERTIFICATE_SIGNING_PKCS12  # the environment names a key of its own
            or settings.CERTIFICATE_SIGNING_KEY
        )
        credential_key_wanted = forced or not (
            (folder / CREDENTIAL_KEY_NAME).exists() or settings.CREDENTIAL_KEY_FILE
        )
        if pdf_key_wanted:
            files = key_chain_write(folder)
            self.stdout.write(
                self.style.WARNING(
                    f"Generated a development key and a self-signed certificate chain in "
                    f"{folder}/ to sign certificates' PDFs with (development only: nobody else "
                    f"trusts it). Signing certificate SHA-256 "
                    f"{fingerprint_of_file(files.certificate)}."
                )
            )
        if credential_key_wanted:
            path = keys_write_dev(folder / CREDENTIAL_KEY_NAME)
            self.stdout.write(
                self.style.WARNING(
                    f"Generated a development key {path} to sign certificates' Open Badges "
                    f"credentials with (development only)."
                )
            )

"""A development key to sign certificates with, made once (`make run` asks on every start)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates.signing import fingerprint_of_file, key_chain_write


class Command(BaseCommand):
    help = (
        "Make a development signing key and a self-signed certificate chain for certificates' "
        "PDFs under var/signing/ (or --folder), unless one is there or another is configured. "
        "Never for production: it needs the issuer's own key (README, “Signing certificates”)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--folder",
            help="Write the key here (always, whatever is configured): e.g. a throw-away "
            "key for CI's deploy check.",
        )

    def handle(self, *args, folder=None, **options):
        if settings.CERTIFICATE_SIGNING_REQUIRED:
            raise CommandError(
                "Production signs with the issuer's own key: set CERTIFICATE_SIGNING_PKCS12 "
                "(or CERTIFICATE_SIGNING_KEY and CERTIFICATE_SIGNING_CERT) instead."
            )
        if folder is None:
            dev_folder = getattr(settings, "DEV_SIGNING_DIR", None)
            if dev_folder is None:
                raise CommandError("No development folder in these settings: give --folder.")
            folder = Path(dev_folder)
            if (folder / "signing-key.pem").exists():
                return  # made on an earlier start
            if settings.CERTIFICATE_SIGNING_PKCS12 or settings.CERTIFICATE_SIGNING_KEY:
                return  # the environment names a key of its own
        files = key_chain_write(Path(folder))
        self.stdout.write(
            self.style.WARNING(
                f"Generated a development key and a self-signed certificate chain in "
                f"{folder}/ to sign certificates' PDFs with (development only: nobody else "
                f"trusts it). Signing certificate SHA-256 {fingerprint_of_file(files.certificate)}."
            )
        )

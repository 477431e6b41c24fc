"""A backup key as an operator sets one up (README, Operations): the pair made in the
administrators' keyring, only the public half imported into the server's, which backs up."""

import subprocess

import gnupg
import pytest
from django.conf import settings

PASSPHRASE = "correct horse battery staple for backups"


@pytest.fixture(scope="session")
def gpg_keyrings(tmp_path_factory):
    admin = tmp_path_factory.mktemp("gpg-admin")
    server = tmp_path_factory.mktemp("gpg-server")
    for home in (admin, server):
        home.chmod(0o700)
    gpg = gnupg.GPG(gnupghome=str(admin))
    key = gpg.gen_key(
        gpg.gen_key_input(
            key_type="EDDSA",
            key_curve="ed25519",
            subkey_type="ECDH",
            subkey_curve="cv25519",
            name_real="Backups",
            name_email=settings.DBBACKUP_GPG_RECIPIENT,
            expire_date=0,
            passphrase=PASSPHRASE,
        )
    )
    assert key.fingerprint, key.stderr
    imported = gnupg.GPG(gnupghome=str(server)).import_keys(gpg.export_keys(key.fingerprint))
    assert imported.count == 1
    yield {"admin": admin, "server": server, "fingerprint": key.fingerprint}
    for home in (admin, server):
        subprocess.run(  # noqa: S603
            ["gpgconf", "--homedir", str(home), "--kill", "gpg-agent"],  # noqa: S607
            check=False,
            capture_output=True,
        )


@pytest.fixture
def server_keyring(gpg_keyrings, monkeypatch):
    """Backing up: the server has the public key only."""
    monkeypatch.setenv("GNUPGHOME", str(gpg_keyrings["server"]))
    monkeypatch.delenv("BACKUP_GPG_PASSPHRASE", raising=False)
    return gpg_keyrings


@pytest.fixture
def admin_keyring(gpg_keyrings, monkeypatch):
    """Restoring: the private key and its passphrase, brought by an administrator."""
    monkeypatch.setenv("GNUPGHOME", str(gpg_keyrings["admin"]))
    monkeypatch.setenv("BACKUP_GPG_PASSPHRASE", PASSPHRASE)
    return gpg_keyrings

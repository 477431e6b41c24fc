"""Media on S3-compatible storage: public files unsigned (cached pages embed their URLs
for every reader), private files always signed and short-lived."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

SCRIPT = """
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
import django
django.setup()
from django.core.files.storage import storages
public, private = storages["default"], storages["private"]
print(json.dumps({
    "public": public.url("images/chart.png"),
    "private": private.url("certificates/CT-2026-000001.pdf"),
}))
"""


@pytest.fixture
def urls():
    pytest.importorskip("storages.backends.s3")
    env = {
        **os.environ,
        "AWS_STORAGE_BUCKET_NAME": "elearning-media",
        "AWS_S3_ENDPOINT_URL": "https://s3.example.org",
        "AWS_S3_REGION_NAME": "eu-central-1",
        "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
        "AWS_SECRET_ACCESS_KEY": "not-a-real-secret",
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "SECRET_KEY": "test-only",
    }
    result = subprocess.run(  # noqa: S603 (our own interpreter and script)
        [sys.executable, "-c", SCRIPT],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_public_media_urls_carry_no_signature(urls):
    assert urls["public"].startswith("https://s3.example.org/elearning-media/images/chart.png")
    assert "Signature" not in urls["public"] and "X-Amz-" not in urls["public"]


def test_private_files_are_signed_and_expire(urls):
    assert "/private/certificates/" in urls["private"]
    assert "X-Amz-Signature=" in urls["private"] or "Signature=" in urls["private"]
    assert "X-Amz-Expires=300" in urls["private"] or "Expires=" in urls["private"]

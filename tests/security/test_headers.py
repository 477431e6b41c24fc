"""Security headers, cookies in production, `check --deploy`, and sign-in rate limits."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from courses.factories import course_with_lessons
from courses.models import LessonPage
from courses.services import enrolment_create

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"  # noqa: S105
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(ld\+)?json\")[^>]*>")
STYLE_ELEMENT = re.compile(r"<style[\s>]")
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def _directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def _public_pages(client, learner):
    course = course_with_lessons(modules=1, lessons=1, title="Identifikacija žrtava")
    enrolment_create(user=learner, course=course)
    lesson = LessonPage.objects.descendant_of(course).first()
    client.force_login(learner)
    return {
        "home": client.get("/en/"),
        "course": client.get(course.url),
        "lesson": client.get(lesson.url),
        "profile": client.get("/en/account/profile/"),
    }


def test_public_pages_run_under_a_strict_policy(client, learner):
    for name, response in _public_pages(client, learner).items():
        assert response.status_code == 200, name
        policy = _directives(response)
        assert policy["script-src"] == ["'self'"], name
        assert policy["style-src"] == ["'self'"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        assert policy["object-src"] == ["'none'"], name
        assert "'unsafe-inline'" not in response["Content-Security-Policy"].replace(
            "style-src-attr 'unsafe-inline'", ""
        ), name
        assert response["X-Frame-Options"] == "DENY", name
        assert response["Referrer-Policy"] == "same-origin", name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert "camera=()" in response["Permissions-Policy"], name


def test_the_policy_built_once_is_django_csps_own_and_follows_the_settings(client, settings):
    """Responses nothing changes carry the settings' policy built once (config/security.py):
    the same header django-csp builds, rebuilt when the settings change; a response a view
    changes, and a page that asked for a nonce, get their own."""
    from csp.decorators import csp_update
    from csp.utils import build_policy
    from django.http import HttpResponse
    from django.test import RequestFactory

    from config.security import SecurityHeadersMiddleware

    assert client.get("/en/").headers["Content-Security-Policy"] == build_policy()
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'none'"]}
    }
    header = client.get("/en/").headers["Content-Security-Policy"]
    assert "img-src 'none'" in header and header == build_policy()

    middleware = SecurityHeadersMiddleware(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/en/")
    middleware.process_request(request)
    updated = csp_update({"img-src": ["https://maps.example"]})(lambda request: HttpResponse())
    response = middleware.process_response(request, updated(request))
    assert "https://maps.example" in response.headers["Content-Security-Policy"]

    request = RequestFactory().get("/en/")
    middleware.process_request(request)
    nonce = str(request.csp_nonce)
    response = middleware.process_response(request, HttpResponse())
    assert response.headers["Content-Security-Policy"] == build_policy(nonce=nonce)

    request = RequestFactory().get("/en/")
    middleware.process_request(request)
    response = middleware.process_response(request, HttpResponse())
    assert response.headers["Content-Security-Policy"] == build_policy()
    with pytest.raises(Exception, match="csp_nonce"):
        str(request.csp_nonce)  # asked for after the header was written: an error


def test_public_pages_carry_no_inline_script_or_style_element(client, learner):
    """What the strict policy would block must not be in the pages in the first place."""
    for name, response in _public_pages(client, learner).items():
        html = response.content.decode()
        assert not INLINE_SCRIPT.search(html), name
        assert not STYLE_ELEMENT.search(html), name
        assert not EVENT_HANDLER.search(html), name


def test_site_templates_have_no_inline_script_or_style_element():
    """Scripts and styles live in static/; a template that inlines one breaks under the policy.
    Templates rendered only for WeasyPrint (certificate PDFs, sign-in sheets) or inside the
    admin are exempt."""
    exempt = {"certificates/pdf.html", "trainings/sign_in_sheet.html"}
    offenders = []
    root = Path(settings.BASE_DIR) / "templates"
    for path in root.rglob("*.html"):
        name = path.relative_to(root).as_posix()
        if name in exempt or "/admin/" in f"/{name}":
            continue
        text = path.read_text()
        if INLINE_SCRIPT.search(text) or STYLE_ELEMENT.search(text) or EVENT_HANDLER.search(text):
            offenders.append(name)
    assert offenders == [], f"Move inline script/style to static files: {offenders}"


def test_admin_policy_is_relaxed_for_wagtails_inline_code_and_its_own_previews(
    client, administrator, mfa_login
):
    mfa_login(client, administrator)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = _directives(response)
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "'nonce-" not in response["Content-Security-Policy"]


# --- Production settings ---------------------------------------------------------------------


def _production(code: str, **env) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter under the production settings (with the test
    session's certificate signing and credential keys)."""
    # Not what the browser tests set for Playwright's event loop in this process: a
    # production server never has it (and check --deploy refuses it).
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "k" * 20 + "Zq9!x" * 10,
        "ALLOWED_HOSTS": "elearning.example.org",
        "BACKUP_GPG_RECIPIENT": "0123456789ABCDEF0123456789ABCDEF01234567",
        "CERTIFICATE_SIGNING_KEY": settings.CERTIFICATE_SIGNING_KEY,
        "CERTIFICATE_SIGNING_CERT": settings.CERTIFICATE_SIGNING_CERT,
        "CERTIFICATE_SIGNING_CHAIN": ",".join(settings.CERTIFICATE_SIGNING_CHAIN),
        "CREDENTIAL_KEY_FILE": settings.CREDENTIAL_KEY_FILE,
        **env,
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_passes_check_deploy_without_warnings():
    result = _production(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])"
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_check_deploy_warns_without_a_backup_key():
    result = _production(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        BACKUP_GPG_RECIPIENT="",
    )
    assert result.returncode != 0
    assert "ops.W001" in result.stdout + result.stderr


def test_production_check_deploy_refuses_without_a_certificate_signing_key():
    result = _production(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy'])",
        CERTIFICATE_SIGNING_KEY="",
        CERTIFICATE_SIGNING_CERT="",
        CERTIFICATE_SIGNING_CHAIN="",
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "certificates.E001" in output
    assert "CERTIFICATE_SIGNING_PKCS12" in output


def test_production_check_deploy_refuses_without_a_credential_key():
    result = _production(
        "import sys; from django.core.management import execute_from_command_line; "
        "execute_from_command_line(['manage.py', 'check', '--deploy'])",
        CREDENTIAL_KEY_FILE="",
    )
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "certificates.E002" in output
    assert "CREDENTIAL_KEY_FILE" in output


def test_production_cookies_are_secure_and_hsts_is_on():
    result = _production(
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.LANGUAGE_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS >= 31536000, "
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SAMESITE)"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True"] * 6 + ["Lax"]


def test_production_refuses_to_start_without_a_secret_key():
    result = _production("import django; django.setup()", SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


# --- Rate limits -------------------------------------------------------------------------------


def _sign_in(client, email, password):
    return client.post("/en/accounts/login/", {"login": email, "password": password})


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, learner):
    for _ in range(5):
        assert _sign_in(client, learner.email, "wrong-password").status_code == 200
    response = _sign_in(client, learner.email, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert "Too many failed login attempts" in response.content.decode()


def test_the_lock_is_per_account_not_for_everyone(client, learner, other_learner):
    for _ in range(5):
        _sign_in(client, learner.email, "wrong-password")
    assert _sign_in(client, other_learner.email, PASSWORD).status_code == 302


def test_many_failed_attempts_from_one_address_are_refused(client, tree):
    from accounts.factories import UserFactory

    people = [UserFactory(institution=tree["station_bg"]) for _ in range(11)]
    for person in people[:10]:
        _sign_in(client, person.email, "wrong-password")
    response = _sign_in(client, people[10].email, PASSWORD)
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_certificate_verification_is_rate_limited(client, settings):
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = 3
    statuses = [
        client.get("/en/certificates/verify/?code=ABCD-EFGH-JKLM").status_code for _ in range(5)
    ]
    assert statuses[:3] != [429] * 3
    assert statuses[-1] == 429

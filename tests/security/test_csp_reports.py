"""Content-Security-Policy violation reports: our policy names our endpoint; the endpoint takes
both report formats without a session or CSRF token, refuses malformed and oversized bodies
(storing nothing), is rate-limited per client address, prunes old reports, and shows them to
administrators only."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from audit.models import CSPReport

pytestmark = pytest.mark.django_db

URL = "/csp-report/"

LEGACY = {
    "csp-report": {
        "document-uri": "https://elearning.example/en/courses/x/?token=SECRET#frag",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'; report-uri /csp-report/",
        "disposition": "enforce",
        "blocked-uri": "https://evil.example/x.js?k=1",
        "line-number": 12,
        "column-number": 3,
        "source-file": "https://elearning.example/static/js/site.js",
        "status-code": 200,
        "script-sample": "",
    }
}
REPORTING_API = [
    {
        "type": "csp-violation",
        "age": 10,
        "url": "https://elearning.example/en/",
        "user_agent": "Mozilla/5.0 Test",
        "body": {
            "documentURL": "https://elearning.example/en/",
            "referrer": "https://elearning.example/",
            "blockedURL": "inline",
            "effectiveDirective": "style-src-elem",
            "originalPolicy": "default-src 'self'",
            "sourceFile": "https://elearning.example/en/",
            "sample": "body{color:red}",
            "disposition": "enforce",
            "statusCode": 200,
            "lineNumber": 4,
            "columnNumber": 1,
        },
    },
    {"type": "deprecation", "url": "https://elearning.example/en/", "body": {"id": "x"}},
    {
        "type": "csp-violation",
        "url": "https://elearning.example/en/search/",
        "body": {
            "documentURL": "https://elearning.example/en/search/",
            "blockedURL": "eval",
            "effectiveDirective": "script-src",
            "disposition": "enforce",
        },
    },
]


def send(client, body, content_type="application/csp-report", **extra):
    if not isinstance(body, (bytes, str)):
        body = json.dumps(body)
    return client.post(URL, body, content_type=content_type, **extra)


@pytest.fixture
def strict_client():
    """A browser's report: no session, no CSRF token, and CSRF checks on."""
    return Client(enforce_csrf_checks=True)


def test_our_policy_asks_browsers_to_report_to_our_endpoint(client):
    response = client.get("/en/search/")
    policy = response["Content-Security-Policy"]
    assert "report-uri /csp-report/" in policy
    assert "report-to csp-endpoint" in policy
    assert response["Reporting-Endpoints"] == 'csp-endpoint="http://testserver/csp-report/"'


def test_a_legacy_report_is_stored_without_query_strings(strict_client):
    response = send(strict_client, LEGACY, HTTP_USER_AGENT="Firefox/140")
    assert response.status_code == 204
    assert "Set-Cookie" not in response.headers and not response.cookies
    report = CSPReport.objects.get()
    assert report.report_format == "csp-report"
    assert report.document_uri == "https://elearning.example/en/courses/x/"
    assert report.blocked_uri == "https://evil.example/x.js"
    assert report.effective_directive == "script-src-elem"
    assert (report.line_number, report.column_number, report.status_code) == (12, 3, 200)
    assert report.user_agent == "Firefox/140"


def test_a_reporting_api_batch_stores_its_csp_violations_only(strict_client):
    response = send(strict_client, REPORTING_API, content_type="application/reports+json")
    assert response.status_code == 204
    reports = CSPReport.objects.order_by("pk")
    assert [(r.effective_directive, r.blocked_uri) for r in reports] == [
        ("style-src-elem", "inline"),
        ("script-src", "eval"),
    ]
    assert reports[0].sample == "body{color:red}"
    assert reports[0].user_agent == "Mozilla/5.0 Test"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"not json at all", "application/csp-report"),
        (b"\xff\xfe\x00", "application/csp-report"),
        ("[]", "application/csp-report"),
        ('{"csp-report": "text"}', "application/csp-report"),
        (
            '{"csp-report": {"document-uri": 5, "effective-directive": "x"}}',
            "application/csp-report",
        ),
        ('{"csp-report": {"blocked-uri": "inline"}}', "application/csp-report"),  # no page
        (json.dumps({**LEGACY, "extra": 1}), "application/csp-report"),
        (
            json.dumps({"csp-report": {**LEGACY["csp-report"], "line-number": "12"}}),
            "application/csp-report",
        ),
        (
            json.dumps({"csp-report": {**LEGACY["csp-report"], "line-number": -1}}),
            "application/csp-report",
        ),
        (json.dumps(LEGACY), "application/reports+json"),  # an object, not a batch
        ("[]", "application/reports+json"),
        ('[{"type": "deprecation", "body": {}}]', "application/reports+json"),
        ('[{"type": "csp-violation", "body": []}]', "application/reports+json"),
        (json.dumps([REPORTING_API[0], "x"]), "application/reports+json"),
        (json.dumps([REPORTING_API[0]] * 51), "application/reports+json"),
        (json.dumps(LEGACY), "text/plain"),
        (json.dumps(LEGACY), "application/x-www-form-urlencoded"),
    ],
)
def test_malformed_bodies_are_refused_and_nothing_is_stored(client, body, content_type):
    response = send(client, body, content_type=content_type)
    assert response.status_code == 400
    assert not CSPReport.objects.exists()


def test_a_batch_with_one_bad_report_stores_none_of_it(client):
    bad = {**REPORTING_API[2], "body": {**REPORTING_API[2]["body"], "lineNumber": "x"}}
    response = send(client, [REPORTING_API[0], bad], content_type="application/reports+json")
    assert response.status_code == 400
    assert not CSPReport.objects.exists()


def test_an_oversized_body_is_refused_unread(client, settings):
    settings.CSP_REPORT_MAX_BYTES = 2000
    padded = {"csp-report": {**LEGACY["csp-report"], "script-sample": "x" * 3000}}
    response = send(client, padded)
    assert response.status_code == 413
    assert not CSPReport.objects.exists()


def test_a_body_longer_than_its_declared_length_is_cut_and_refused(client, settings):
    settings.CSP_REPORT_MAX_BYTES = 2000
    body = json.dumps({"csp-report": {**LEGACY["csp-report"], "script-sample": "x" * 3000}})
    response = client.generic(
        "POST", URL, body, content_type="application/csp-report", CONTENT_LENGTH="100"
    )
    assert response.status_code in (400, 413)
    assert not CSPReport.objects.exists()


def test_long_values_are_cut_to_their_field(client):
    long_url = "https://elearning.example/" + "a" * 5000
    send(client, {"csp-report": {**LEGACY["csp-report"], "blocked-uri": long_url}})
    assert len(CSPReport.objects.get().blocked_uri) == 2000


def test_reports_are_rate_limited_per_client_address(client, settings):
    settings.CSP_REPORT_RATE_LIMIT = 3
    statuses = [send(client, LEGACY, REMOTE_ADDR="203.0.113.7").status_code for _ in range(5)]
    assert statuses == [204, 204, 204, 429, 429]
    assert CSPReport.objects.count() == 3
    # Another address is not held back by the first one.
    assert send(client, LEGACY, REMOTE_ADDR="203.0.113.8").status_code == 204
    assert CSPReport.objects.count() == 4


def test_old_reports_are_pruned_and_the_table_is_capped(client, settings):
    settings.CSP_REPORTS_MAX_ROWS = 3
    settings.CSP_REPORTS_KEEP_DAYS = 30
    old = CSPReport.objects.create(
        report_format="csp-report",
        document_uri="https://elearning.example/old/",
        effective_directive="img-src",
    )
    CSPReport.objects.filter(pk=old.pk).update(received_at=timezone.now() - timedelta(days=31))
    for _ in range(4):
        assert send(client, LEGACY).status_code == 204
    assert not CSPReport.objects.filter(pk=old.pk).exists()
    assert CSPReport.objects.count() == 3


def test_only_post_is_accepted(client):
    assert client.get(URL).status_code == 405


# --- In the admin: administrators only -----------------------------------------------------


@pytest.fixture
def stored_report(client):
    send(client, LEGACY)
    return CSPReport.objects.get()


def test_administrator_sees_the_reports(client, mfa_login, administrator, stored_report):
    mfa_login(client, administrator)
    response = client.get("/admin/csp-reports/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "https://evil.example/x.js" in page
    assert "script-src-elem" in page


@pytest.mark.parametrize("role", ["trainer", "manager_bg", "analyst"])
def test_other_staff_are_refused(client, mfa_login, request, role, stored_report):
    mfa_login(client, request.getfixturevalue(role))
    response = client.get("/admin/csp-reports/")
    assert response.status_code == 403
    assert "evil.example" not in response.content.decode()


def test_learners_are_refused_and_anonymous_visitors_sent_to_sign_in(
    client, learner, stored_report
):
    assert (
        "/accounts/login/?next=/admin/csp-reports/" in client.get("/admin/csp-reports/")["Location"]
    )
    client.force_login(learner)
    response = client.get("/admin/csp-reports/")
    assert response.status_code == 403
    assert "evil.example" not in response.content.decode()


def test_the_list_is_read_only(client, mfa_login, administrator, stored_report):
    from django.urls import NoReverseMatch, reverse

    for name in ("csp_reports:add", "csp_reports:edit", "csp_reports:delete"):
        with pytest.raises(NoReverseMatch):
            reverse(name, args=[stored_report.pk])
    mfa_login(client, administrator)
    assert client.post("/admin/csp-reports/", {"x": "y"}).status_code in (200, 405)
    assert CSPReport.objects.count() == 1

"""The API against its own OpenAPI schema (schemathesis): whatever the parameters, no server
error, and every response — 200, 400, 404 — has the documented status, type and shape."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from stats.services import api_token_create

from .conftest import enrol

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api(tree, people, course, analyst):
    for person in people["bg"][:3]:
        enrol(person, course, completed="2026-01-20")
    enrol(people["ni"][0], course, started="2026-02-03")
    _token, key = api_token_create(user=analyst, name="schemathesis")
    # As Django's test client does: a request must not close the test's database connection
    # (it holds the test's transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        app = get_wsgi_application()
        schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", app)
        yield schema, {"Authorization": f"Bearer {key}"}
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.parametrize(
    "path",
    [
        "/stats/summary/",
        "/stats/by-institution/",
        "/stats/by-profession/",
        "/stats/by-region/",
        "/stats/by-month/",
        "/stats/trainings/",
        "/stats/knowledge-gain/",
        "/stats/surveys/",
        "/stats/surveys/{survey_id}/",
        "/stats/plans/",
        "/stats/compliance/",
    ],
)
def test_api_conforms_to_its_schema(api, path):
    schema, headers = api
    operation = schema[f"/api/v1{path}"]["GET"]

    @settings(
        max_examples=40,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def check(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()


def test_schema_lists_the_training_endpoints(client):
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    for path in (
        "/api/v1/stats/trainings/",
        "/api/v1/stats/knowledge-gain/",
        "/api/v1/stats/surveys/",
        "/api/v1/stats/surveys/{survey_id}/",
    ):
        assert "get" in schema["paths"][path], path
    components = schema["components"]["schemas"]
    assert {"participations", "people_trained"} <= set(components["TrainingFigures"]["properties"])
    assert {"mean_gain", "improved_share"} <= set(components["GainFigures"]["properties"])
    assert "items" in components["SurveyFigures"]["properties"]


def test_a_survey_and_the_training_figures_conform_with_data(api, tree, people):
    """With a survey, trainings and results to show (random ids rarely name a survey)."""
    from evaluation.factories import survey_with_items
    from evaluation.models import Invitation
    from evaluation.services import response_submit

    from .test_training_figures import take_part, training

    schema, headers = api
    page, days = training("seminar", "2026-01-12")
    for anonymous in (False, True):
        survey = survey_with_items(anonymous=anonymous)
        item = survey.items.first()
        for person in people["bg"]:
            if not anonymous:
                take_part(person, page, days, completed="2026-01-12")
            Invitation.objects.create(survey=survey, user=person, due_at=days[0].starts_at)
            response_submit(survey=survey, user=person, answers={item.pk: 4})
        operation = schema["/api/v1/stats/surveys/{survey_id}/"]["GET"]
        operation.Case(path_parameters={"survey_id": survey.pk}).call_and_validate(
            headers=headers, checks=CHECKS
        )
    for path in ("/api/v1/stats/trainings/", "/api/v1/stats/knowledge-gain/"):
        for by in ("institution", "sex", "profession"):
            schema[path]["GET"].Case(query={"by": by}).call_and_validate(
                headers=headers, checks=CHECKS
            )

"""The component gallery: staff only, drawn by the components' own templates, in the reader's
language."""

import pytest
from django.test import Client

from tests.conftest import in_serbian

URL = "/sr-latn/components/"


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/sr-latn/accounts/login/?next=/sr-latn/components/")


def test_learner_is_refused(client, learner):
    client.force_login(learner)
    response = client.get(URL)
    assert response.status_code == 403
    assert b"step-list" not in response.content


@pytest.mark.parametrize("who", ["trainer", "analyst", "administrator"])
def test_staff_see_every_component_from_its_template(who, request):
    client = Client()
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for marker in (
        'class="panel panel-success"',
        'class="tag tag-danger"',
        'class="summary-list"',
        'class="step-list-item is-current" aria-current="step"',
        'class="notification-banner notification-banner-success" role="alert"',
    ):
        assert marker in html, marker
    assert in_serbian("Holder") in html
    assert in_serbian("Revoked") in html


def test_gallery_speaks_the_language_of_its_address(client, trainer):
    client.force_login(trainer)
    html = client.get("/en/components/").content.decode()
    assert "Revoked" in html
    assert "<h1>Components</h1>" in html

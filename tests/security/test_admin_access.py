"""Finding 8: /admin/ for a signed-in person without admin access is a 403 page, not a loop
between the admin and the sign-in page."""

import pytest
from django.urls import reverse

from accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

MAX_HOPS = 5


def follow(client, url):
    """GET `url` and follow redirects by hand, at most MAX_HOPS; returns (response, hops)."""
    hops = []
    response = client.get(url)
    while response.status_code in (301, 302) and len(hops) < MAX_HOPS:
        hops.append(response["Location"])
        response = client.get(response["Location"])
    return response, hops


@pytest.mark.parametrize("url", ["/admin/", "/admin/pages/", "/admin/no-such-screen/"])
def test_signed_in_learner_gets_a_403_page_with_a_link_home(client, learner, url):
    learner.preferred_language = "en"
    learner.save()
    client.force_login(learner)
    response, hops = follow(client, url)
    assert hops == []
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="en"' in page
    assert 'href="/en/"' in page  # the link home, in the reader's language
    assert "You may not open this page" in page
    assert 'class="site-header"' in page  # the site's own base template


def test_the_403_page_speaks_the_learners_language(client, learner):
    learner.preferred_language = "sr-latn"
    learner.save()
    client.force_login(learner)
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="sr-latn"' in page
    assert 'href="/sr-latn/"' in page


def test_signed_in_learner_posting_to_the_admin_is_refused(client, learner):
    client.force_login(learner)
    response = client.post("/admin/pages/add/courses/coursepage/3/", {"title": "x"})
    assert response.status_code == 403


def test_anonymous_visitor_is_still_sent_to_sign_in(client):
    response, hops = follow(client, "/admin/")
    assert response.status_code == 200
    assert hops and reverse("account_login").split("/", 2)[2] in hops[-1]


def test_staff_without_a_permission_gets_403_not_a_redirect_to_the_dashboard(
    client, mfa_login, trainer
):
    mfa_login(client, trainer)
    assert client.get("/admin/").status_code == 200
    response = client.get("/admin/sites/")
    assert response.status_code == 403
    assert 'class="site-header"' in response.content.decode()


def test_what_wagtail_serves_to_everyone_stays_open_to_learners(client, learner):
    client.force_login(learner)
    assert client.get(reverse("wagtailadmin_javascript_catalog")).status_code == 200
    assert client.get(reverse("wagtailadmin_sprite")).status_code == 200


def test_a_learner_with_no_institution_gets_the_same_page(client):
    client.force_login(UserFactory(institution=None))
    response, hops = follow(client, "/admin/")
    assert (response.status_code, hops) == (403, [])

"""A signed-in request reads its account from the cache (pagecache/session_user.py), and a
copy never outlives a change that would sign the person out or change who they are."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.factories import UserFactory
from accounts.models import User
from pagecache import session_user

pytestmark = pytest.mark.django_db

PROBE = "/en/learning/"  # My learning: 200 signed in, a redirect to sign-in otherwise


def account_queries(client) -> tuple[int, int]:
    """(status of the probe, number of queries that read accounts_user)."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(PROBE)
    reads = [q for q in context.captured_queries if 'FROM "accounts_user"' in q["sql"]]
    return response.status_code, len(reads)


def test_the_second_request_takes_the_account_from_the_cache(client, learner):
    client.force_login(learner)
    assert account_queries(client) == (200, 1)
    assert isinstance(cache.get(session_user.user_key(learner.pk)), User)
    assert account_queries(client) == (200, 0)


def test_deactivating_an_account_signs_it_out_at_once(client, learner, committed):
    client.force_login(learner)
    assert account_queries(client)[0] == 200
    with committed():
        learner.is_active = False
        learner.save()
    assert client.get(PROBE).status_code == 302


def test_a_copy_that_no_longer_verifies_is_not_used(client, learner):
    """The copy is read, but a new password (another session hash) sends the request the
    ordinary way, which signs the old session out."""
    client.force_login(learner)
    assert account_queries(client)[0] == 200
    stale = cache.get(session_user.user_key(learner.pk))
    User.objects.filter(pk=learner.pk).update(password="md5$other$0123")  # no post_save
    stale.password = "md5$other$0123"
    cache.set(session_user.user_key(learner.pk), stale)
    assert client.get(PROBE).status_code == 302
    assert SESSION_KEY not in client.session


def test_a_copy_of_another_account_is_never_taken_for_this_one(client, learner):
    other = UserFactory()
    client.force_login(learner)
    cache.set(session_user.user_key(learner.pk), other)
    response = client.get(PROBE)
    assert response.status_code == 200
    assert response.wsgi_request.user.pk == learner.pk


def test_a_deactivated_copy_is_not_used(client, learner):
    client.force_login(learner)
    assert account_queries(client)[0] == 200
    copy = cache.get(session_user.user_key(learner.pk))
    copy.is_active = False
    cache.set(session_user.user_key(learner.pk), copy)
    status, reads = account_queries(client)
    assert (status, reads) == (200, 1)  # read again from the database, which says active


def test_changes_made_without_post_save_drop_the_copy(client, learner, committed):
    client.force_login(learner)
    assert account_queries(client)[0] == 200
    with committed():
        response = client.post("/i18n/setlang/", {"language": "sr", "next": "/sr/"})
    assert response.status_code == 302
    assert cache.get(session_user.user_key(learner.pk)) is None
    client.get(PROBE)
    assert cache.get(session_user.user_key(learner.pk)).preferred_language == "sr"


def test_an_anonymous_request_reads_no_account(client):
    assert account_queries(client) == (302, 0)

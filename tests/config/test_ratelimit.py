"""config.ratelimit: django-ratelimit counting per client address and group."""

from django.test import RequestFactory

from config.ratelimit import retry_after


def _request(address="203.0.113.20"):
    return RequestFactory().get("/", REMOTE_ADDR=address)


def test_the_request_past_the_limit_is_told_how_long_to_wait():
    for _ in range(3):
        assert retry_after(_request(), group="t:a", limit=3, window=60) is None
    seconds = retry_after(_request(), group="t:a", limit=3, window=60)
    assert seconds is not None
    assert 0 < seconds <= 60


def test_looking_does_not_count():
    for _ in range(5):
        assert retry_after(_request(), group="t:b", limit=1, window=60, count=False) is None
    assert retry_after(_request(), group="t:b", limit=1, window=60) is None
    assert retry_after(_request(), group="t:b", limit=1, window=60, count=False) is None
    assert retry_after(_request(), group="t:b", limit=1, window=60) is not None


def test_groups_and_addresses_count_apart():
    assert retry_after(_request(), group="t:c", limit=1, window=60) is None
    assert retry_after(_request(), group="t:d", limit=1, window=60) is None
    assert retry_after(_request("198.51.100.1"), group="t:c", limit=1, window=60) is None
    assert retry_after(_request(), group="t:c", limit=1, window=60) is not None

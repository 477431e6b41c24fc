"""The production cache backend: django-redis, one Redis client per server, reused.

Runs against the Redis named by REDIS_URL (.ci/run starts one and sets it). Without it the
tests are skipped, unless REQUIRE_REDIS=1 (CI) makes that a failure."""

import os

import pytest
import redis
from django_redis.cache import RedisCache


@pytest.fixture
def redis_cache(worker_id):
    url = os.environ.get("REDIS_URL", "")
    reason = None
    if not url:
        reason = "REDIS_URL is not set"
    else:
        try:
            redis.Redis.from_url(url).ping()
        except redis.exceptions.ConnectionError as error:
            reason = f"Redis at {url} is unreachable ({error})"
    if reason:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"REQUIRE_REDIS=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    # A prefix per xdist worker: tests running at once never see each other's keys.
    cache = RedisCache(url, {"KEY_PREFIX": f"test-config-cache-{worker_id}"})
    yield cache
    cache.delete_pattern("*")


def test_the_client_is_built_once_and_reused(redis_cache):
    client = redis_cache.client.get_client(write=False)
    redis_cache.set("a", 1)
    redis_cache.get("a")
    assert redis_cache.client.get_client(write=False) is client
    assert redis_cache.client.get_client(write=True) is client


def test_it_behaves_as_a_django_cache(redis_cache):
    redis_cache.set("answer", {"value": 42}, 30)
    assert redis_cache.get("answer") == {"value": 42}
    assert redis_cache.get_many(["answer", "missing"]) == {"answer": {"value": 42}}
    assert redis_cache.add("answer", "other") is False
    redis_cache.set("counter", 1)
    assert redis_cache.incr("counter") == 2
    redis_cache.delete("answer")
    assert redis_cache.get("answer") is None


def test_the_raw_client_reads_what_the_cache_wrote(redis_cache):
    """Pipelines and MGET go through the same client (django-redis's public raw access)."""
    redis_cache.set("counter", 7)
    pipe = redis_cache.client.get_client().pipeline()
    pipe.get(redis_cache.make_key("counter"))
    assert pipe.execute() == [b"7"]

"""The production cache backend: Django's Redis cache, one client per pool."""

import pytest

from config.cache import RedisCache

REDIS_URL = "redis://127.0.0.1:6379/14"


@pytest.fixture
def redis_cache():
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": "test-config-cache"})
    yield cache
    cache.clear()


def test_the_client_is_built_once_and_reused(redis_cache):
    client = redis_cache._cache.get_client("a")
    assert redis_cache._cache.get_client("b") is client
    assert redis_cache._cache.get_client("c", write=True) is client


def test_it_behaves_as_django_redis_cache(redis_cache):
    redis_cache.set("answer", {"value": 42}, 30)
    assert redis_cache.get("answer") == {"value": 42}
    assert redis_cache.get_many(["answer", "missing"]) == {"answer": {"value": 42}}
    assert redis_cache.add("answer", "other") is False
    redis_cache.set("counter", 1)
    assert redis_cache.incr("counter") == 2
    redis_cache.delete("answer")
    assert redis_cache.get("answer") is None

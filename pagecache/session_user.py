"""The signed-in person of a request, read from the cache instead of the database.

Django's `AuthenticationMiddleware` loads the account with one query on every request
of a signed-in person. Here the loaded account is kept in the cache (`USER_TIMEOUT`
seconds) and checked against the session exactly as `django.contrib.auth.get_user`
checks it: the session's backend must still be configured and its hash must match the
account's password hash. Anything else (no copy, another hash, a fallback secret) goes
the ordinary way through `auth.get_user`, which also flushes a session that no longer
verifies.

A saved or deleted account drops its copy at once and again after commit, so a request
that read the row while the change was being written cannot keep the old copy for
longer than that request. Code that changes accounts with `QuerySet.update()` (no
`post_save`) calls `forget` itself; the timeout bounds anything missed.

The page cache reads a signed-in reader's copy in the same round trip as the page's
version counters (`pagecache.store.lookup` puts it on the request as
`PREFETCHED_ATTRIBUTE`), so a cached page costs no query and no extra trip for the user.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.cache import cache
from django.db import transaction
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

USER_TIMEOUT = 300
PREFETCHED_ATTRIBUTE = "_session_user_prefetched"
_MISSING = object()


def user_key(user_id) -> str:
    return f"auth-user:{user_id}"


def forget(user_id) -> None:
    """Drop the cached copy of an account now and once the transaction commits."""
    key = user_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def _verified(request, user) -> bool:
    """The checks `auth.get_user` makes, on a copy: still allowed to sign in, the
    session's backend still configured, the session hash the account's current one."""
    session = request.session
    if session.get(BACKEND_SESSION_KEY) not in settings.AUTHENTICATION_BACKENDS:
        return False
    if not getattr(user, "is_active", False):
        return False
    session_hash = session.get(HASH_SESSION_KEY)
    return bool(session_hash) and constant_time_compare(session_hash, user.get_session_auth_hash())


def session_user(request):
    """The request's user (or AnonymousUser), from the cached copy when it verifies."""
    user_id = request.session.get(SESSION_KEY)
    if user_id is None:
        return auth.get_user(request)
    copy = getattr(request, PREFETCHED_ATTRIBUTE, _MISSING)
    if copy is _MISSING:
        copy = cache.get(user_key(user_id))
    if copy is not None and str(copy.pk) == str(user_id) and _verified(request, copy):
        copy.backend = request.session[BACKEND_SESSION_KEY]
        return copy
    user = auth.get_user(request)
    if user.is_authenticated and str(user.pk) == str(user_id):
        cache.set(user_key(user.pk), user, USER_TIMEOUT)
    return user


def _get_user(request):
    if not hasattr(request, "_cached_user"):
        request._cached_user = session_user(request)
    return request._cached_user


class CachedAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's middleware, with the user read through `session_user`."""

    def process_request(self, request):
        super().process_request(request)  # its checks, and `request.auser`
        request.user = SimpleLazyObject(lambda: _get_user(request))

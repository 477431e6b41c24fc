"""Whether the current session has passed a second factor."""

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled


def session_has_mfa(request) -> bool:
    return any(r.get("method") == "mfa" for r in get_authentication_records(request, request.user))


def user_has_mfa(user) -> bool:
    return is_mfa_enabled(user)


def mark_session_mfa_verified(request, *, user, authenticator) -> None:
    # allauth records MFA use at login, not at activation; we record activation too,
    # since the person has just typed a valid code from the new authenticator.
    from allauth.account.internal.flows.login import record_authentication

    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)

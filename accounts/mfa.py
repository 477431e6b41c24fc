"""Whether the current session has passed a second factor."""

from allauth.account import app_settings as account_settings
from allauth.account.authentication import get_authentication_records
from allauth.account.internal.flows.login import (
    AUTHENTICATION_METHODS_SESSION_KEY,
    record_authentication,
)
from allauth.mfa.utils import is_mfa_enabled


def session_has_mfa(request) -> bool:
    return any(r.get("method") == "mfa" for r in get_authentication_records(request, request.user))


def user_has_mfa(user) -> bool:
    return is_mfa_enabled(user)


def mark_session_mfa_verified(request, *, user, authenticator) -> None:
    # allauth records MFA use at login, not at activation; we record activation too,
    # since the person has just typed a valid code from the new authenticator.
    record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


def sign_in_counts_as_reauthentication(request, *, user) -> None:
    """A sign-in just completed proves presence as well as "Confirm access" would.

    allauth (65.x) counts only records marked `reauthenticated` as recent, so a staff
    member sent to set up TOTP two seconds after typing the password was asked for it
    again. The records of this sign-in (password, code, second factor) are marked here;
    they count for ACCOUNT_REAUTHENTICATION_TIMEOUT from when each was made, as a
    re-authentication would.
    """
    records = get_authentication_records(request, user)
    if not records:
        return
    methods = account_settings.REAUTHENTICATION_METHODS
    request.session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {**record, "reauthenticated": True} if record.get("method") in methods else record
        for record in records
    ]

"""Sign-ins, sign-outs and second-factor changes, recorded from Django's and allauth's signals."""

from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authentication_failed, authenticator_added, authenticator_removed
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .api import audit_record
from .models import AuditAction

# Recovery codes come and go with the authenticator they back up; the authenticator's own
# event says what happened.
_SECOND_FACTORS_ONLY = {Authenticator.Type.RECOVERY_CODES}


@receiver(user_logged_in, dispatch_uid="audit_login")
def record_login(sender, request, user, **kwargs):
    audit_record(action=AuditAction.LOGIN, actor=user, target=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action=AuditAction.LOGOUT, actor=user, target=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def record_login_failed(sender, credentials, request=None, **kwargs):
    """A wrong password (or an unknown address). Only the login given is kept, never the
    password (Django has already masked it)."""
    User = get_user_model()
    login = str(credentials.get(User.USERNAME_FIELD) or credentials.get("username") or "")[:254]
    target = User.objects.filter(**{f"{User.USERNAME_FIELD}__iexact": login}).first()
    audit_record(
        action=AuditAction.LOGIN_FAILED,
        target=target,
        request=request,
        details={"login": login, "stage": "password"},
    )


@receiver(authentication_failed, sender=Authenticator, dispatch_uid="audit_mfa_failed")
def record_mfa_failed(sender, request, user, authenticator, **kwargs):
    audit_record(
        action=AuditAction.LOGIN_FAILED,
        target=user,
        request=request,
        details={
            "stage": "mfa",
            "type": authenticator.type,
            "reauthentication": bool(kwargs.get("reauthentication")),
        },
    )


@receiver(authenticator_added, sender=Authenticator, dispatch_uid="audit_mfa_added")
def record_mfa_activated(sender, request, user, authenticator, **kwargs):
    if authenticator.type not in _SECOND_FACTORS_ONLY:
        audit_record(
            action=AuditAction.MFA_ACTIVATED,
            actor=user,
            target=user,
            request=request,
            details={"type": authenticator.type},
        )


@receiver(authenticator_removed, sender=Authenticator, dispatch_uid="audit_mfa_removed")
def record_mfa_deactivated(sender, request, user, authenticator, **kwargs):
    if authenticator.type not in _SECOND_FACTORS_ONLY:
        audit_record(
            action=AuditAction.MFA_DEACTIVATED,
            actor=user,
            target=authenticator.user,
            request=request,
            details={"type": authenticator.type},
        )

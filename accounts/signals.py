from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from pagecache.api import session_user

from .mfa import mark_session_mfa_verified
from .models import User

# Sent after a person's roles were taken away (kwargs: user). Apps holding rights that
# came with a role (course authorship) take them back.
roles_changed = Signal()

# Sent after the commit that changed a person's form of address (kwargs: user). Texts
# already drawn for them (their certificates) are drawn again with it.
form_of_address_changed = Signal()


@receiver(authenticator_added, sender=Authenticator)
def record_mfa_on_activation(sender, request, user, authenticator, **kwargs):
    """Activating TOTP proves the second factor, so this session counts as MFA'd."""
    if authenticator.type == Authenticator.Type.TOTP:
        mark_session_mfa_verified(request, user=user, authenticator=authenticator)


@receiver(password_reset)
def verify_email_on_password_reset(sender, request, user, **kwargs):
    """Setting a password from an emailed link (an invitation) proves the address."""
    EmailAddress.objects.filter(user=user, email__iexact=user.email).update(verified=True)


@receiver(post_save, sender=User)
@receiver(post_delete, sender=User)
def forget_cached_account(sender, instance, **kwargs):
    """The cached copy that signed-in requests read (pagecache/session_user.py) goes."""
    session_user.forget(instance.pk)

import threading
from contextlib import contextmanager

from allauth.account.models import EmailAddress
from allauth.account.signals import password_reset
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added
from django.db import transaction
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


# Sent after the commit that changed what rules about people read: a new account, a move to
# another institution, another profession, an account closed (kwargs: user_ids, a frozenset).
# Training plans assign or close by it. Changes inside `people_changes_batched()` (a bulk
# import) are announced once, together.
people_changed = Signal()

# The fields whose change is announced (a save that writes only others, such as the time of
# the last sign-in, is not).
PEOPLE_RULE_FIELDS = frozenset({"institution", "profession", "is_active"})

_local = threading.local()


def people_changed_mark(user_ids) -> None:
    """Announce, after the commit, that these people changed (see `people_changed`)."""
    batch = getattr(_local, "batch", None)
    if batch is not None:
        batch.update(user_ids)
        return
    ids = frozenset(user_ids)
    if ids:
        transaction.on_commit(lambda: people_changed.send(sender=User, user_ids=ids))


@contextmanager
def people_changes_batched():
    """Inside: changed people are gathered and announced once, after the commit (a bulk
    import of 5,000 moves is one announcement, not 5,000). A failure announces nothing."""
    if getattr(_local, "batch", None) is not None:  # already gathering: the outer one sends
        yield
        return
    _local.batch = set()
    try:
        yield
        ids = frozenset(_local.batch)
    finally:
        _local.batch = None
    if ids:
        transaction.on_commit(lambda: people_changed.send(sender=User, user_ids=ids))


@receiver(post_save, sender=User)
def announce_people_changed(sender, instance, created=False, update_fields=None, **kwargs):
    if kwargs.get("raw"):
        return
    if created or update_fields is None or PEOPLE_RULE_FIELDS & set(update_fields):
        people_changed_mark([instance.pk])


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

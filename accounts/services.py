"""Writes about people: moving between institutions, roles, invitations, erasure."""

from __future__ import annotations

from datetime import datetime

from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from audit.api import AuditAction, audit_record
from home.api import ProgrammeSettings
from institutions.api import Institution
from pagecache.api import session_user

from .models import SCOPED_ROLES, Membership, Role, RoleAssignment, User
from .personal_data import run_erasers
from .roles import ROLE_GROUPS, ensure_role_groups
from .selectors import people_scope_for, user_is_administrator
from .signals import (
    form_of_address_changed,
    people_changed_mark,
    people_changes_batched,
    roles_changed,
)


@transaction.atomic
def profile_update(*, form, sections=()) -> User:
    """Save the person's own profile form (`accounts.forms.ProfileForm`) and the forms of
    the parts other apps add to it (`accounts.profile_sections`), together. A changed form
    of address is announced after the commit, so that what was drawn with the old one
    (their certificates) is drawn again."""
    user = form.save()
    for section in sections:
        section.save()
    if "form_of_address" in form.changed_data:
        transaction.on_commit(lambda: form_of_address_changed.send(sender=User, user=user))
    return user


@transaction.atomic
def user_move_institution(
    *, user: User, institution: Institution, at: datetime | None = None
) -> Membership:
    """Make `institution` the user's current one, closing (not deleting) the previous."""
    at = at or timezone.now()
    current = (
        Membership.objects.select_for_update().filter(user=user, ended_at__isnull=True).first()
    )
    if current and current.institution_id == institution.pk:
        return current
    if current:
        current.ended_at = at
        current.save(update_fields=["ended_at"])
    membership = Membership.objects.create(user=user, institution=institution, started_at=at)
    User.objects.filter(pk=user.pk).update(institution=institution)
    people_changed_mark([user.pk])
    session_user.forget(user.pk)
    user.institution = institution
    return membership


@transaction.atomic
def user_create(
    *,
    email: str,
    first_name: str,
    last_name: str,
    institution: Institution | None,
    profession: str,
    preferred_language: str | None = None,
    password: str | None = None,
    email_verified: bool = False,
    form_of_address: str = "",
    sex: str = "",
) -> User:
    """Create an account with its primary email address and first membership."""
    with people_changes_batched():
        return _user_create(
            email=email,
            first_name=first_name,
            last_name=last_name,
            institution=institution,
            profession=profession,
            preferred_language=preferred_language,
            password=password,
            email_verified=email_verified,
            form_of_address=form_of_address,
            sex=sex,
        )


def _user_create(
    *,
    email,
    first_name,
    last_name,
    institution,
    profession,
    preferred_language,
    password,
    email_verified,
    form_of_address,
    sex,
) -> User:
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        profession=profession,
        preferred_language=preferred_language or settings.LANGUAGE_CODE,
        form_of_address=form_of_address,
        sex=sex,
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=email_verified)
    if institution is not None:
        user_move_institution(user=user, institution=institution)
    return user


@transaction.atomic
def role_grant(*, user: User, role: str, institution: Institution | None = None) -> RoleAssignment:
    """Give `user` a staff role; managers and analysts need the top of their subtree."""
    role = Role(role)
    if role in SCOPED_ROLES and institution is None:
        raise ValueError(f"The role {role.label} needs an institution.")
    if role not in SCOPED_ROLES:
        institution = None
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, institution=institution
    )
    if created:
        audit_record(
            action=AuditAction.ROLE_GRANTED,
            target=user,
            details=_role_details(role=role, institution=institution),
        )
    _sync_role_groups(user)
    roles_changed.send(sender=User, user=user)
    return assignment


@transaction.atomic
def role_revoke(*, user: User, role: str, institution: Institution | None = None) -> None:
    qs = RoleAssignment.objects.filter(user=user, role=role)
    if institution is not None:
        qs = qs.filter(institution=institution)
    for assignment in qs.select_related("institution"):
        audit_record(
            action=AuditAction.ROLE_REVOKED,
            target=user,
            details=_role_details(role=assignment.role, institution=assignment.institution),
        )
    qs.delete()
    _sync_role_groups(user)
    roles_changed.send(sender=User, user=user)


def _role_details(*, role: str, institution: Institution | None) -> dict:
    return {"role": str(role), "institution": institution.code if institution else None}


def _sync_role_groups(user: User) -> None:
    """Keep Django groups and the superuser flag in line with the role assignments."""
    roles = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
    wanted = {ROLE_GROUPS[Role(r)] for r in roles}
    groups = {g.name: g for g in Group.objects.filter(name__in=ROLE_GROUPS.values())}
    if len(groups) < len(ROLE_GROUPS):
        ensure_role_groups()
        groups = {g.name: g for g in Group.objects.filter(name__in=ROLE_GROUPS.values())}
    for name, group in groups.items():
        if name in wanted:
            user.groups.add(group)
        else:
            user.groups.remove(group)
    is_admin = Role.ADMINISTRATOR in roles
    if user.is_superuser != is_admin or user.is_staff != is_admin:
        user.is_superuser = is_admin
        user.is_staff = is_admin
        user.save(update_fields=["is_superuser", "is_staff"])
    if hasattr(user, "_role_assignments_cache"):
        del user._role_assignments_cache


def invitation_url(*, user: User, base_url: str) -> str:
    """A one-time link where an invited person sets their password."""
    # Imported here: allauth.account.forms imports our sign-up form (accounts.forms, through
    # ACCOUNT_SIGNUP_FORM_CLASS), which imports this module.
    from allauth.account.forms import default_token_generator

    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return base_url.rstrip("/") + path


def programme_site_name(*, language: str) -> str:
    """The site's name in e-mails: the programme's short name in the reader's language."""
    return ProgrammeSettings.current().short_name_for(language)


def invitation_send(*, user: User, base_url: str) -> None:
    """Email an invited person, in their preferred language, a link to set a password."""
    with translation.override(user.preferred_language):
        context = {
            "user": user,
            "url": invitation_url(user=user, base_url=base_url),
            "site_name": programme_site_name(language=user.preferred_language),
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def import_notice_send(*, user: User, institution: Institution, base_url: str) -> None:
    """Tell the owner of an address that a bulk import for `institution` met it: their
    account exists already, so nothing was created or changed."""
    with translation.override(user.preferred_language):
        context = {
            "user": user,
            "institution": institution.name,
            "url": base_url.rstrip("/") + "/",
            "site_name": programme_site_name(language=user.preferred_language),
        }
        subject = render_to_string("accounts/email/import_notice_subject.txt", context).strip()
        body = render_to_string("accounts/email/import_notice_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


@transaction.atomic
def personal_data_erase(*, user: User) -> None:
    """Remove everything that identifies the person; keep anonymous learning records.

    Enrolments, progress and completions stay attached to the (now nameless)
    account so that statistics per institution, profession and period still add
    up. The institution history stays for the same reason.
    """
    run_erasers(user)
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    RoleAssignment.objects.filter(user=user).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.email = f"erased-{user.pk}@erased.invalid"
    user.first_name = ""
    user.last_name = ""
    user.form_of_address = ""
    user.sex = ""
    user.service_entry_year = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.erased_at = timezone.now()
    user.set_unusable_password()
    # A new (unusable) password changes the session hash, which ends every
    # session the person had on every app server.
    user.save()
    audit_record(action=AuditAction.PERSONAL_DATA_ERASED, target=user)


# --- On another person's behalf, within the actor's scope (the People admin) -----------------


def person_move(*, actor: User, user: User, institution: Institution) -> Membership:
    """`actor` moves `user` to `institution`; both must lie within the actor's scope."""
    scope = people_scope_for(viewer=actor)
    if scope is None or not scope.covers(user.institution) or not scope.covers(institution):
        raise PermissionDenied("This person or institution is outside your scope.")
    return user_move_institution(user=user, institution=institution)


def person_role_grant(
    *, actor: User, user: User, role: str, institution: Institution | None = None
) -> RoleAssignment:
    """An administrator gives `user` a role."""
    if not user_is_administrator(actor):
        raise PermissionDenied("Only administrators grant roles.")
    if not user.is_active or user.erased_at:
        raise ValidationError(
            gettext("Roles can only be given to active accounts."), code="inactive"
        )
    return role_grant(user=user, role=role, institution=institution)


def person_role_revoke(*, actor: User, assignment: RoleAssignment) -> None:
    """An administrator takes a role away; nobody takes away their own administrator role."""
    if not user_is_administrator(actor):
        raise PermissionDenied("Only administrators revoke roles.")
    if assignment.user_id == actor.pk and assignment.role == Role.ADMINISTRATOR:
        raise ValidationError(
            gettext("You cannot take away your own administrator role; ask another administrator."),
            code="own_administrator_role",
        )
    role_revoke(user=assignment.user, role=assignment.role, institution=assignment.institution)

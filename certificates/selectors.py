"""Reads for certificates, and who may do what with one."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.permission_policies.pages import PagePermissionPolicy

from accounts.api import Role, people_scope_for, user_is_administrator
from courses.api import course_ids_authored_by, user_is_course_author
from serbian.api import name_search_q

from .codes import code_parse
from .data import CertificateKind
from .models import Certificate, CertificateExport

AUTHOR_ROLES = (Role.TRAINER, Role.SENIOR_TRAINER)


def _is_course_trainer(*, viewer, course_id: int) -> bool:
    """A trainer given this course to edit (its authors' group, see courses.authoring)."""
    if not any(viewer.has_role(role) for role in AUTHOR_ROLES):
        return False
    return user_is_course_author(user=viewer, course_id=course_id)


def _is_training_organiser(*, viewer, certificate: Certificate) -> bool:
    """Someone who may edit the training's page: its organisers (see trainings.authoring)."""
    return certificate.training.permissions_for_user(viewer).can_edit()


def _is_issuer(*, viewer, certificate: Certificate) -> bool:
    """Trainers of the course; organisers of the training."""
    if certificate.is_attendance:
        return _is_training_organiser(viewer=viewer, certificate=certificate)
    return _is_course_trainer(viewer=viewer, course_id=certificate.course_id)


def viewer_may_download(*, viewer, certificate: Certificate) -> bool:
    """The holder; trainers of the course; managers whose subtree holds the holder;
    administrators."""
    if not (viewer.is_authenticated and viewer.is_active):
        return False
    if certificate.user_id == viewer.pk:
        return True
    scope = people_scope_for(viewer=viewer)
    if scope is not None and scope.covers(certificate.user.institution):
        return True
    return _is_issuer(viewer=viewer, certificate=certificate)


def viewer_may_revoke(*, viewer, certificate: Certificate) -> bool:
    """The issuers (trainers of the course, organisers of the training) and administrators."""
    if not (viewer.is_authenticated and viewer.is_active):
        return False
    return user_is_administrator(viewer) or _is_issuer(viewer=viewer, certificate=certificate)


def viewer_may_reissue(*, viewer, certificate: Certificate) -> bool:
    """A name correction is an administrator's decision."""
    return user_is_administrator(viewer)


def viewer_may_export(*, viewer) -> bool:
    return people_scope_for(viewer=viewer) is not None


def viewer_may_see_certificates_admin(*, viewer) -> bool:
    """Managers (their people's certificates), trainers (their courses') and training
    organisers (their trainings')."""
    if viewer_may_export(viewer=viewer) or any(viewer.has_role(r) for r in AUTHOR_ROLES):
        return True
    return (
        viewer.is_authenticated
        and Certificate.objects.filter(
            training_id__in=PagePermissionPolicy()
            .instances_user_has_permission_for(viewer, "change")
            .values("pk")
        ).exists()
    )


def certificates_visible_to(*, viewer) -> QuerySet[Certificate]:
    """Certificates `viewer` may look at in the administration."""
    base = Certificate.objects.select_related("user", "course", "superseded_by")
    if not (viewer.is_authenticated and viewer.is_active):
        return base.none()
    scope = people_scope_for(viewer=viewer)
    if scope is not None and scope.is_everywhere:
        return base
    q = Q(pk__in=[])
    if scope is not None:
        q |= scope.path_q("user__institution__path")
    if any(viewer.has_role(r) for r in AUTHOR_ROLES):
        q |= Q(course_id__in=course_ids_authored_by(user=viewer))
    q |= Q(
        training__isnull=False,
        training_id__in=PagePermissionPolicy()
        .instances_user_has_permission_for(viewer, "change")
        .values("pk"),
    )
    return base.filter(q)


def certificates_of(*, user) -> QuerySet[Certificate]:
    """Everything a person was ever issued, the newest first (history included)."""
    return Certificate.objects.filter(user=user).select_related("course", "superseded_by")


def current_certificates_for(*, enrolment_ids) -> dict[int, Certificate]:
    """The current (not superseded) certificate of each enrolment: one query."""
    result: dict[int, Certificate] = {}
    for certificate in (
        Certificate.objects.current().filter(enrolment_id__in=list(enrolment_ids)).order_by("pk")
    ):
        result[certificate.enrolment_id] = certificate
    return result


def attendance_certificates_of(*, user) -> dict[int, Certificate]:
    """A person's current attendance certificates by training page id: one query."""
    return {
        c.training_id: c
        for c in Certificate.objects.current()
        .filter(user=user, kind=CertificateKind.ATTENDANCE)
        .order_by("pk")
    }


def certificate_by_code(code: str) -> Certificate | None:
    return Certificate.objects.select_related("superseded_by", "course").filter(code=code).first()


def certificates_expiring(*, days: int, now=None) -> QuerySet[Certificate]:
    now = now or timezone.now()
    return (
        Certificate.objects.valid(now)
        .filter(
            expires_at__isnull=False,
            expires_at__lte=now + timedelta(days=days),
            expiry_reminder_sent_at__isnull=True,
        )
        .select_related("user", "course")
        .order_by("expires_at", "pk")
    )


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def certificates_for_export(*, export: CertificateExport) -> QuerySet[Certificate]:
    """The current certificates of the people the requester may see, filtered as asked."""
    viewer = export.requested_by
    scope = people_scope_for(viewer=viewer)
    if scope is None:
        return Certificate.objects.none()
    qs = Certificate.objects.current().filter(scope.path_q("user__institution__path"))
    if export.course_id:
        qs = qs.filter(course_id=export.course_id)
    if export.issued_from:
        qs = qs.filter(issued_at__gte=_day_start(export.issued_from))
    if export.issued_to:
        qs = qs.filter(issued_at__lt=_day_start(export.issued_to + timedelta(days=1)))
    return qs.order_by("serial")


def exports_of(*, viewer) -> QuerySet[CertificateExport]:
    return CertificateExport.objects.filter(requested_by=viewer).select_related("course")


def certificates_matching(
    certificates: QuerySet[Certificate], *, query: str
) -> QuerySet[Certificate]:
    """Those of `certificates` with this serial or verification code, or whose holder's name
    has every word of `query`, in either script, with or without diacritics."""
    match = Q(serial__iexact=query)
    code = code_parse(query)
    if code:
        match |= Q(code=code)
    by_name = name_search_q(query, field="holder_name_folded")
    if by_name is not None:
        match |= by_name
    return certificates.filter(match)

"""Writes for statistics: API tokens, report subscriptions, sending scheduled reports."""

from __future__ import annotations

import datetime
import hashlib
import logging
import secrets
from dataclasses import replace

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from audit.api import AuditAction, audit_record

from . import exports
from .forms import StatsFilterForm
from .models import ApiToken, Frequency, ReportSubscription
from .selectors import (
    KEY_HEADINGS,
    STATS_VIEWS,
    OutOfScope,
    StatsFilters,
    effective_filters,
    stats_scope_for,
)

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "st_"  # noqa: S105 (not a secret: marks our tokens)


def token_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`. Returns the row and the key, which is not kept anywhere."""
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user, name=name.strip(), prefix=key[:10], digest=token_digest(key)
        )
        audit_record(action=AuditAction.API_TOKEN_CREATED, actor=user, target=token)
    return token, key


def api_token_revoke(*, token: ApiToken, actor) -> None:
    if token.user_id != actor.pk:
        raise PermissionError("Only the owner revokes a token.")
    with transaction.atomic():
        revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if revoked:
            audit_record(action=AuditAction.API_TOKEN_REVOKED, actor=actor, target=token)


class TokenExpired(Exception):
    """The key is a token's, but the token has expired."""

    def __init__(self, expires_at: datetime.datetime):
        super().__init__(f"expired at {expires_at.isoformat()}")
        self.expires_at = expires_at


def api_token_authenticate(key: str) -> ApiToken | None:
    """The live token with this key, its use recorded (at most once a minute); None for
    an unknown or revoked key; TokenExpired for an expired one."""
    if not key.startswith(TOKEN_PREFIX) or len(key) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(key), revoked_at__isnull=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.expires_at <= now:
        raise TokenExpired(token.expires_at)
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def subscription_create(*, user, frequency: str, view: str, filters: StatsFilters):
    params = replace(filters, date_from=None, date_to=None).as_params()
    return ReportSubscription.objects.create(
        user=user, frequency=frequency, view=view, params=params
    )


# --- Scheduled reports ------------------------------------------------------------------------


def last_full_period(
    frequency: str, today: datetime.date
) -> tuple[str, datetime.date, datetime.date]:
    """The period just ended: (key, first day, last day). Weeks run Monday to Sunday."""
    if frequency == Frequency.WEEKLY:
        this_monday = today - datetime.timedelta(days=today.weekday())
        start = this_monday - datetime.timedelta(days=7)
        end = this_monday - datetime.timedelta(days=1)
        year, week, _day = start.isocalendar()
        return f"{year}-W{week:02d}", start, end
    first_of_month = today.replace(day=1)
    end = first_of_month - datetime.timedelta(days=1)
    start = end.replace(day=1)
    return f"{start:%Y-%m}", start, end


def subscription_report(
    subscription: ReportSubscription, *, start: datetime.date, end: datetime.date
) -> bytes | None:
    """The XLSX for one subscription and period, within the owner's scope *now*; None if
    they have lost it (a role revoked, an institution out of reach)."""
    scope = stats_scope_for(viewer=subscription.user)
    if scope is None:
        return None
    params = {**subscription.params, "from": start.isoformat(), "to": end.isoformat()}
    form = StatsFilterForm(params, scope=scope)
    if not form.is_valid():
        return None
    filters = form.to_filters()
    try:
        rows = STATS_VIEWS[subscription.view](scope=scope, filters=filters)
    except OutOfScope:
        return None
    # The period the figures cover (whole months, unless the owner is an administrator).
    applied = effective_filters(scope=scope, filters=filters)
    headings, body = exports.figures_table(
        rows,
        key_heading=str(KEY_HEADINGS[subscription.view]),
        with_code=subscription.view == "institution",
    )
    preamble = [
        [_("Statistics"), f"{applied.date_from.isoformat()} – {applied.date_to.isoformat()}"]
    ]
    preamble += [[k, v] for k, v in subscription.params.items()]
    return exports.as_xlsx(
        headings, body, title=f"statistics-{subscription.view}", preamble=preamble
    )


def scheduled_reports_send(*, today: datetime.date | None = None) -> int:
    """E-mail every subscription whose last full period has not been sent yet. Each
    subscription is claimed in its own transaction before sending, so that running the
    command twice (or twice at once) sends a period once."""
    today = today or timezone.localdate()
    sent = 0
    for subscription_id in ReportSubscription.objects.values_list("pk", flat=True):
        with transaction.atomic():
            subscription = (
                ReportSubscription.objects.select_for_update(skip_locked=True)
                .select_related("user")
                .filter(pk=subscription_id)
                .first()
            )
            if subscription is None or not subscription.user.is_active:
                continue
            key, start, end = last_full_period(subscription.frequency, today)
            if subscription.last_period == key:
                continue
            with override(subscription.user.preferred_language):
                content = subscription_report(subscription, start=start, end=end)
                if content is None:
                    logger.info("Subscription %s: out of scope, skipped", subscription.pk)
                    continue
                message = EmailMessage(
                    subject=_("Statistics report %(period)s") % {"period": key},
                    body=_(
                        "Attached: %(table)s, %(start)s to %(end)s.\n\n"
                        "Manage your subscriptions under Statistics in the administration."
                    )
                    % {
                        "table": subscription.get_view_display(),
                        "start": start.isoformat(),
                        "end": end.isoformat(),
                    },
                    from_email=settings.DEFAULT_FROM_EMAIL,
                    to=[subscription.user.email],
                )
            message.attach(
                f"statistics-{subscription.view}-{key}.xlsx",
                content,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            message.send()
            subscription.last_period = key
            subscription.last_sent_at = timezone.now()
            subscription.save(update_fields=["last_period", "last_sent_at"])
            sent += 1
    return sent

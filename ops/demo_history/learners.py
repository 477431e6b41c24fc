"""Loading the demo learning history: the learners, and their activity when it is not the
plan's."""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Max, Min

from accounts.api import Membership, User
from certificates.api import Certificate, CertificateEvent
from courses.api import Enrolment, StepCompletion
from quizzes.api import (
    Attempt,
    AttemptQuestion,
    QuizResult,
)
from serbian.api import name_folded

from .plan import DEFAULT_LEARNERS, DEMO_LEARNER_DOMAIN, HISTORY_MONTHS, Plan, history_plan
from .writing import _enrolled_at, _history_write


def demo_learners():
    return User.objects.filter(email__endswith="@" + DEMO_LEARNER_DOMAIN)


def history_load(*, learners: int = DEFAULT_LEARNERS, now: datetime | None = None) -> dict:
    """Bring the demo learners and their history in line with the plan; returns counts."""
    started = time.monotonic()
    plan = history_plan(learners=learners, now=now)
    with transaction.atomic():
        users, created = _learners_upsert(plan)
        if _history_matches(plan):
            counts = {"unchanged": True}
        else:
            _history_delete()
            counts = _history_write(plan, users)
    counts |= {
        "learners": len(plan.learners),
        "learners created": created,
        "enrolments": plan.enrolments(),
        "completions": plan.completions(),
        "first month": plan.month_start(0),
        "last month": plan.month_start(HISTORY_MONTHS - 1),
        "seconds": time.monotonic() - started,
    }
    return counts


def _learners_upsert(plan: Plan) -> tuple[dict[str, User], int]:
    """Create the planned learners, update the ones that exist, and remove demo learners
    the plan no longer has (with their history)."""
    wanted = {p.email: p for p in plan.learners}
    existing = {u.email: u for u in demo_learners()}
    gone = [u.pk for email, u in existing.items() if email not in wanted]
    if gone:
        _history_delete(user_ids=gone)
        User.objects.filter(pk__in=gone).delete()
    changed = []
    for email, person in wanted.items():
        user = existing.get(email)
        if user is None:
            continue
        values = {
            "first_name": person.first_name,
            "last_name": person.last_name,
            # bulk writes skip User.save(), which keeps the searchable form
            "name_folded": name_folded(person.first_name, person.last_name),
            "profession": person.profession,
            "preferred_language": person.language,
            "institution_id": person.institution.pk,
        }
        if any(getattr(user, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(user, name, value)
            changed.append(user)
    if changed:
        User.objects.bulk_update(changed, list(values))
        for user in changed:
            Membership.objects.filter(user=user, ended_at__isnull=True).update(
                institution_id=user.institution_id
            )
    new = [
        User(
            email=p.email,
            first_name=p.first_name,
            last_name=p.last_name,
            name_folded=name_folded(p.first_name, p.last_name),
            profession=p.profession,
            preferred_language=p.language,
            institution=p.institution,
            password=make_password(None),  # unusable: nobody signs in as a demo learner
            date_joined=p.joined or plan.anchor,
        )
        for email, p in wanted.items()
        if email not in existing
    ]
    User.objects.bulk_create(new, batch_size=500)
    users = {u.email: u for u in demo_learners()}
    fresh = [users[u.email] for u in new]
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, primary=True, verified=True) for u in fresh],
        batch_size=500,
    )
    Membership.objects.bulk_create(
        [
            Membership(user=u, institution_id=u.institution_id, started_at=u.date_joined)
            for u in fresh
        ],
        batch_size=500,
    )
    return users, len(new)


def _history_matches(plan: Plan) -> bool:
    """Whether the demo learners' enrolments are the plan's: same number, same number
    completed, same first and last enrolment date."""
    enrolments = Enrolment.objects.filter(user__in=demo_learners())
    found = enrolments.aggregate(first=Min("enrolled_at"), last=Max("enrolled_at"))
    if not plan.cohorts:
        return not enrolments.exists()
    dates = [
        _enrolled_at(plan, cohort, index)
        for cohort in plan.cohorts
        for group in cohort.groups
        for index, _person in enumerate(group.members)
    ]
    return (
        enrolments.count() == plan.enrolments()
        and enrolments.filter(completed_at__isnull=False).count() == plan.completions()
        and found["first"] == min(dates)
        and found["last"] == max(dates)
    )


def _history_delete(*, user_ids=None) -> None:
    """Delete the demo learners' activity (certificates, attempts, results, enrolments)."""
    users = demo_learners() if user_ids is None else User.objects.filter(pk__in=user_ids)
    certificates = Certificate.objects.filter(user__in=users)
    for certificate in certificates.exclude(pdf=""):
        certificate.pdf.storage.delete(certificate.pdf.name)
    CertificateEvent.objects.filter(certificate__in=certificates).delete()
    certificates.update(superseded_by=None)
    certificates.delete()
    QuizResult.objects.filter(user__in=users).delete()
    AttemptQuestion.objects.filter(attempt__user__in=users).delete()
    Attempt.objects.filter(user__in=users).delete()
    StepCompletion.objects.filter(enrolment__user__in=users).delete()
    Enrolment.objects.filter(user__in=users).delete()


def history_summary(counts: dict) -> str:
    """One line for load_demo's report."""
    months = f"{counts['first month']:%Y-%m} – {counts['last month']:%Y-%m}"
    if counts.get("unchanged"):
        what = "unchanged"
    else:
        what = (
            f"{counts['steps done']} steps done, {counts['quiz attempts']} quiz attempts "
            f"({counts['attempts failed']} failed), {counts['certificates']} certificates"
        )
    return (
        f"Learning history ({months}): {counts['learners']} demo learners "
        f"(@{DEMO_LEARNER_DOMAIN}, {counts['learners created']} new), "
        f"{counts['enrolments']} enrolments, {counts['completions']} completed; {what}; "
        f"{counts['seconds']:.1f} s."
    )


def plan_months_with_data(plan: Plan) -> Counter:
    """Enrolments per month index (for tests and the report)."""
    return Counter(c.month for c in plan.cohorts for g in c.groups for _m in g.members)

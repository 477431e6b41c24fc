"""Reads of trainings: the calendar, a training's places and a person's registration.

Reads take the page they are given, and query sessions and registrations (modules of their
own), so that this module never imports the page types (they import it to serve)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

import segno
from django.db.models import F, Max, Min, Q
from django.utils import timezone

from accounts.api import people_scope_for, user_is_administrator
from certificates.api import attendance_certificates_of
from courses.api import default_locale_id, reading_locale_id, translations_for_reader

from .models.choices import ACTIVE_STATES, RegistrationState
from .models.registrations import Attendance, Registration
from .models.sessions import TrainingSession


def canonical_training(training):
    return training.canonical() if hasattr(training, "canonical") else training


def live_sessions(training) -> list:
    """The sessions of the training (its default-locale page's), in time order."""
    return list(canonical_training(training).sessions.order_by("starts_at", "pk"))


def _trainings_with_sessions(index) -> list[tuple]:
    """(training, its sessions in time order) for the live trainings below a calendar page:
    three queries however many trainings (sessions are kept on the default-locale page of
    each, found by translation key)."""
    trainings = list(index.get_children().live().public().specific().order_by("pk"))
    by_key: dict = defaultdict(list)
    sessions = (
        TrainingSession.objects.filter(
            training__translation_key__in=[t.translation_key for t in trainings],
            training__locale_id=default_locale_id(),
        )
        .annotate(training_translation_key=F("training__translation_key"))
        .order_by("starts_at", "pk")
    )
    for session in sessions:
        by_key[session.training_translation_key].append(session)
    return [(t, by_key.get(t.translation_key, [])) for t in trainings]


def calendar_for(*, index, now: datetime) -> dict:
    """The trainings below a calendar page: those still to come (or under way) in the order
    they start, and those that ended, newest first."""
    upcoming, past = [], []
    for training, sessions in _trainings_with_sessions(index):
        running = [s for s in sessions if s.cancelled_at is None]
        if not running:
            continue
        entry = {
            "training": training,
            "sessions": sessions,
            "starts_at": running[0].starts_at,
            "ends_at": max(s.ends_at for s in running),
        }
        (upcoming if entry["ends_at"] >= now else past).append(entry)
    upcoming.sort(key=lambda e: e["starts_at"])
    past.sort(key=lambda e: e["starts_at"], reverse=True)
    return {"upcoming": upcoming, "past": past}


def feed_trainings(*, index, since: datetime) -> list[tuple]:
    result = []
    for training, sessions in _trainings_with_sessions(index):
        recent = [s for s in sessions if s.ends_at >= since]
        if recent:
            result.append((training, recent))
    return result


def places_taken(training) -> int:
    return Registration.objects.filter(
        training=canonical_training(training), state=RegistrationState.CONFIRMED
    ).count()


def waiting_list(training) -> list[Registration]:
    return list(
        Registration.objects.filter(
            training=canonical_training(training), state=RegistrationState.WAITLISTED
        )
        .select_related("user")
        .order_by("waitlisted_at", "pk")
    )


def registration_of(*, training, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(training=canonical_training(training), user=user).first()


def may_organise(*, user, training) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    return user_is_administrator(user) or training.permissions_for_user(user).can_edit()


def training_context_for(*, training, user) -> dict:
    """What a training's page shows its reader: sessions, free places, and their own
    registration (with its place on the waiting list)."""
    canonical = canonical_training(training)
    registration = registration_of(training=canonical, user=user)
    taken = places_taken(canonical)
    position = None
    if registration is not None and registration.state == RegistrationState.WAITLISTED:
        position = (
            Registration.objects.filter(training=canonical, state=RegistrationState.WAITLISTED)
            .filter(
                Q(waitlisted_at__lt=registration.waitlisted_at)
                | Q(waitlisted_at=registration.waitlisted_at, pk__lt=registration.pk)
            )
            .count()
            + 1
        )
    certificate = None
    if registration is not None and registration.completed_at is not None:
        certificate = attendance_certificates_of(user=user).get(canonical.pk)
    return {
        "certificate": certificate,
        "can_organise": may_organise(user=user, training=canonical),
        "can_nominate": user.is_authenticated and people_scope_for(viewer=user) is not None,
        "sessions": live_sessions(canonical),
        "places_left": max(0, canonical.capacity - taken),
        "registration": registration,
        "waitlist_position": position,
        "registration_open": canonical.registration_is_open(),
    }


def registrations_for_organiser(training):
    return (
        Registration.objects.filter(training=canonical_training(training))
        .select_related("user", "user__institution", "nominated_by")
        .order_by("state", "created_at")
    )


def active_registration_ids(training) -> list[int]:
    return list(
        Registration.objects.filter(
            training=canonical_training(training), state__in=ACTIVE_STATES
        ).values_list("pk", flat=True)
    )


def training_span(training) -> dict:
    return (
        canonical_training(training)
        .sessions.filter(cancelled_at__isnull=True)
        .aggregate(starts_at=Min("starts_at"), ends_at=Max("ends_at"))
    )


def attendance_sheet(session) -> list[dict]:
    """The confirmed participants of a session's training, each with their mark (or None)."""
    marks = {a.registration_id: a for a in Attendance.objects.filter(session=session)}
    registrations = (
        Registration.objects.filter(
            training_id=session.training_id, state=RegistrationState.CONFIRMED
        )
        .select_related("user", "user__institution")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    return [{"registration": r, "attendance": marks.get(r.pk)} for r in registrations]


def check_in_qr(url: str) -> str:
    """The check-in address as a QR code (an SVG data URI) to show in the room."""
    return segno.make(url, error="m", micro=False).svg_data_uri(border=2, dark="#000")


# What My learning loads of a translated training: its title and what its URL needs.
_LINK_FIELDS = ("pk", "title", "path", "depth", "url_path", "locale_id", "translation_key", "live")


def _waitlist_positions(registrations: list[Registration]) -> dict[int, int]:
    """Registration id → its place on its training's waiting list, for the waitlisted
    registrations given: one query, none when there are none."""
    waiting = [r for r in registrations if r.state == RegistrationState.WAITLISTED]
    if not waiting:
        return {}
    positions, counted = {}, defaultdict(int)
    for training_id, pk in (
        Registration.objects.filter(
            training_id__in={r.training_id for r in waiting}, state=RegistrationState.WAITLISTED
        )
        .order_by("training_id", "waitlisted_at", "pk")
        .values_list("training_id", "pk")
    ):
        counted[training_id] += 1
        positions[pk] = counted[training_id]
    return {r.pk: positions[r.pk] for r in waiting if r.pk in positions}


def trainings_of_learner(*, user, now: datetime | None = None) -> dict | None:
    """My learning's trainings: the learner's places still to come (confirmed, on the
    waiting list with their number, or asked for) with the next session, and the trainings
    that ended or that they completed, newest first, with completion and the attendance
    certificate. Titles and links in the reader's language. None for a learner who never
    had a place.

    A bounded number of queries whatever the number of trainings: registrations with their
    trainings (one), the sessions of those trainings (one), waiting-list places (one, if
    waitlisted), the reader's locale (one), translations (one, for a reader of another
    language) and attendance certificates (one, if any training is completed)."""
    now = now or timezone.now()
    registrations = list(
        Registration.objects.filter(user=user)
        .filter(Q(state__in=ACTIVE_STATES) | Q(completed_at__isnull=False))
        .select_related("training")
        .order_by("pk")
    )
    if not registrations:
        return None
    sessions: dict[int, list[TrainingSession]] = defaultdict(list)
    for session in TrainingSession.objects.filter(
        training_id__in={r.training_id for r in registrations}
    ).order_by("starts_at", "pk"):
        sessions[session.training_id].append(session)
    positions = _waitlist_positions(registrations)
    shown = translations_for_reader(
        pages=[r.training for r in registrations],
        locale_id=reading_locale_id(),
        only=_LINK_FIELDS,
    )
    certificates = (
        attendance_certificates_of(user=user) if any(r.completed_at for r in registrations) else {}
    )
    upcoming, past = [], []
    for registration in registrations:
        training = registration.training
        running = [s for s in sessions[training.pk] if s.cancelled_at is None]
        entry = {
            "registration": registration,
            "training": shown.get(training.pk, training),
            "kind": training.get_kind_display(),
            "waitlist_position": positions.get(registration.pk),
            "starts_at": running[0].starts_at if running else None,
            "ends_at": max(s.ends_at for s in running) if running else None,
            # The session under way or the next one to start.
            "next_session": next((s for s in running if s.ends_at >= now), None),
            "all_cancelled": bool(sessions[training.pk]) and not running,
            "certificate": certificates.get(training.pk),
        }
        ended = bool(running) and entry["next_session"] is None
        if registration.completed_at is not None or (
            ended and registration.state == RegistrationState.CONFIRMED
        ):
            past.append(entry)
        elif not ended and registration.is_active:
            # Still to come (or every session cancelled: the learner is told so).
            upcoming.append(entry)
    upcoming.sort(key=lambda e: (e["starts_at"] is None, e["starts_at"] or now))
    past.sort(key=lambda e: e["starts_at"] or now, reverse=True)
    return {"upcoming": upcoming, "past": past}

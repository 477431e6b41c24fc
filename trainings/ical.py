"""iCalendar (RFC 5545) for trainings, written with `icalendar`: the public feed of a
calendar page, and the invitation or cancellation attached to each registration email.

Every session is one event whose UID never changes (`training-session-<id>@<host>`), so a
calendar program that received the invitation replaces it on an update and removes it on
a cancellation (METHOD:CANCEL, STATUS:CANCELLED, a higher SEQUENCE)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from .selectors import feed_trainings

# The feed shows what is coming and what ended less than this long ago.
FEED_PAST = timedelta(days=90)


def _host() -> str:
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


def session_uid(session) -> str:
    return f"training-session-{session.pk}@{_host()}"


def _absolute(url: str) -> str:
    return url if "://" in url else settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url


def _event(training, session, *, cancelled: bool, attendee=None, tentative=False) -> Event:
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    summary = training.title if not session.title else f"{training.title}: {session.title}"
    event.add("summary", summary)
    place = ", ".join(p for p in (session.venue, session.address) if p)
    if place:
        event.add("location", vText(place))
    url = training.full_url or ""
    if url:
        event.add("url", _absolute(url))
    description = "\n".join(p for p in (training.summary, session.online_url) if p)
    if description:
        event.add("description", description)
    cancelled = cancelled or session.cancelled_at is not None
    event.add("status", "CANCELLED" if cancelled else ("TENTATIVE" if tentative else "CONFIRMED"))
    event.add("sequence", 1 if cancelled else 0)
    if attendee is not None:
        address = vCalAddress(f"mailto:{attendee.email}")
        address.params["cn"] = vText(attendee.get_full_name())
        event.add("attendee", address, encode=0)
    return event


def _calendar(method: str | None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Anti-trafficking e-learning//Trainings//EN")
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    return calendar


def invitation_ics(
    *, training, sessions, attendee, cancel: bool = False, tentative: bool = False
) -> bytes:
    """The sessions of `training` for one participant: an invitation (METHOD:REQUEST;
    `tentative` while the place is not confirmed), or, with `cancel`, their cancellation
    (METHOD:CANCEL)."""
    calendar = _calendar("CANCEL" if cancel else "REQUEST")
    for session in sessions:
        calendar.add_component(
            _event(training, session, cancelled=cancel, attendee=attendee, tentative=tentative)
        )
    return calendar.to_ical()


def calendar_feed_ics(*, trainings_with_sessions, name: str) -> bytes:
    calendar = _calendar("PUBLISH")
    calendar.add("x-wr-calname", name)
    for training, sessions in trainings_with_sessions:
        for session in sessions:
            calendar.add_component(_event(training, session, cancelled=False))
    return calendar.to_ical()


def ical_feed_response(*, index, request) -> HttpResponse:
    """The calendar page's feed: the live trainings below it, their sessions from 90 days
    ago on (cancelled ones marked so)."""
    body = calendar_feed_ics(
        trainings_with_sessions=feed_trainings(index=index, since=timezone.now() - FEED_PAST),
        name=index.title,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="trainings.ics"'
    return response

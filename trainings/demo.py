"""The demo's trainings (`demo_content/trainings.yaml`), for `manage.py load_demo`: the
calendar in Serbian and English, a joint seminar held six weeks ago with its nominations and
attendance, and two trainings still to come with places confirmed, waiting and asked for.

Session days count from the day the demo is loaded, so the calendar always has a past and
a future. Idempotent on the same day: pages are found by slug (Serbian) or translation
(English), sessions by their order, registrations and marks by person; nothing is emailed.
Participants are the named demo accounts the file lists, then demo learners of the
professions it lists, taken in the order of their email addresses."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from accounts.api import Profession, Role, people_scope_for
from config.api import DemoFile, demo_file_read, demo_folder
from home.api import home_page_in
from institutions.api import Institution

from .attendance import registration_completion_update
from .models import (
    Attendance,
    AttendanceMark,
    MarkedBy,
    PlacesBy,
    Registration,
    RegistrationState,
    TrainingIndexPage,
    TrainingKind,
    TrainingPage,
    TrainingSession,
)

DEMO_AFTER = ("institutions", "accounts", "home", "courses", "ops")
FOLDER = demo_folder(__file__)
LANGUAGES = ("sr", "en")
SESSION_FIELDS = ("title", "day", "start", "end", "venue", "address", "online_url")
PARTICIPANT_FIELDS = (
    "accounts",
    "learners",
    "professions",
    "nominated_by",
    "partly",
    "absent_second_day",
    "confirmed",
    "waitlisted",
)


def demo_trainings(folder: Path | None = None) -> dict[str, Any]:
    """The file, read and checked (nothing is written)."""
    file = demo_file_read((FOLDER if folder is None else folder) / "trainings.yaml")
    data = file.check(file.data, "", required=("calendar", "trainings"))
    calendar = file.check(data["calendar"], "calendar", required=LANGUAGES)
    result = {
        "calendar": {
            lang: _texts(file, calendar[lang], f"calendar.{lang}", plain=("intro",))
            for lang in LANGUAGES
        },
        "trainings": [],
    }
    for index, row in enumerate(file.items(data["trainings"], "trainings")):
        place = f"trainings[{index}]"
        file.check(
            row,
            place,
            required=("slug", "kind", "organiser", "capacity", "places_by", "sessions",
                      "participants", *LANGUAGES),
            optional=("completion_share", "audience", "registration_closes_day"),
        )  # fmt: skip
        training = {
            "slug": file.text(row["slug"], f"{place}.slug"),
            "kind": file.choice(row["kind"], f"{place}.kind", TrainingKind.values),
            "organiser": file.text(row["organiser"], f"{place}.organiser"),
            "capacity": int(row["capacity"]),
            "places_by": file.choice(row["places_by"], f"{place}.places_by", PlacesBy.values),
            "completion_share": int(row.get("completion_share", 100)),
            "audience": [
                file.choice(p, f"{place}.audience", Profession.values)
                for p in file.items(row.get("audience", []), f"{place}.audience")
            ],
            "registration_closes_day": row.get("registration_closes_day"),
            "texts": {
                lang: _texts(
                    file,
                    row[lang],
                    f"{place}.{lang}",
                    plain=("summary",),
                    rich=("description",),
                    slug=row["slug"],
                )
                for lang in LANGUAGES
            },
            "sessions": [
                file.check(
                    s,
                    f"{place}.sessions[{i}]",
                    required=("day", "start", "end"),
                    optional=SESSION_FIELDS,
                )
                for i, s in enumerate(file.items(row["sessions"], f"{place}.sessions"))
            ],  # fmt: skip
            "participants": file.check(
                row["participants"], f"{place}.participants", optional=PARTICIPANT_FIELDS
            ),
        }
        for profession in training["participants"].get("professions", []):
            file.choice(profession, f"{place}.participants.professions", Profession.values)
        result["trainings"].append(training)
    return result


def _texts(
    file: DemoFile, data, place: str, *, plain=(), rich=(), slug: str | None = None
) -> dict[str, str]:
    """A page's texts in one language; its slug from the data, or `slug` (a training's
    pages share theirs)."""
    file.check(data, place, required=(*(("slug",) if slug is None else ()), "title", *plain, *rich))
    values = {name: file.text(data[name], f"{place}.{name}") for name in ("title", *plain)}
    values["slug"] = slug or file.text(data["slug"], f"{place}.slug")
    values.update({name: file.rich_text(data[name], f"{place}.{name}") for name in rich})
    return values


def load(report) -> None:
    counts = load_trainings()
    report.notes.append(
        f"Demo trainings: {counts['pages']} pages created, {counts['registrations']} "
        f"registrations and {counts['marks']} attendance marks added."
    )


def load_trainings(folder: Path | None = None, *, today=None) -> Counter:
    data = demo_trainings(folder)
    today = today or timezone.localdate()
    counts: Counter = Counter()
    english = Locale.objects.get(language_code="en")
    home_sr = home_page_in(Locale.get_default())
    home_en = home_page_in(english)
    index_sr = _page(home_sr, TrainingIndexPage, data["calendar"]["sr"], counts)
    index_en = _translation(index_sr, home_en, TrainingIndexPage, data["calendar"]["en"],
                            english, counts)  # fmt: skip
    for training in data["trainings"]:
        organiser = Institution.objects.filter(code=training["organiser"]).first()
        closes = training["registration_closes_day"]
        shared = {
            "kind": training["kind"],
            "organiser": organiser,
            "capacity": training["capacity"],
            "places_by": training["places_by"],
            "completion_share": training["completion_share"],
            "audience_professions": training["audience"],
            "registration_closes": _moment(today, closes, "23:59") if closes else None,
        }
        page_sr = _page(index_sr, TrainingPage, {**training["texts"]["sr"], **shared}, counts)
        _translation(page_sr, index_en, TrainingPage, {**training["texts"]["en"], **shared},
                     english, counts)  # fmt: skip
        sessions = _sessions(page_sr, training["sessions"], today)
        _participants(page_sr, sessions, training["participants"], today, counts)
    return counts


def _moment(today, day: int, clock: str) -> datetime:
    hours, minutes = (int(part) for part in clock.split(":"))
    local = datetime.combine(today + timedelta(days=day), time(hours, minutes))
    return local.replace(tzinfo=ZoneInfo(settings.TIME_ZONE))


def _page(parent, model, fields: dict, counts: Counter):
    page = model.objects.child_of(parent).filter(slug=fields["slug"]).first()
    if page is None:
        page = model(**fields)
        parent.add_child(instance=page)
        page.save_revision(clean=False).publish()
        counts["pages"] += 1
        return page
    return _update(page, fields)


def _translation(source, parent, model, fields: dict, english, counts: Counter):
    page = source.get_translation_or_none(english)
    if page is None:
        page = model(**fields, locale=english, translation_key=source.translation_key)
        parent.add_child(instance=page)
        page.save_revision(clean=False).publish()
        counts["pages"] += 1
        return page
    page = page.specific
    force = page.alias_of_id is not None  # a parent copied as an alias: a page of its own
    page.alias_of = None
    return _update(page, fields, force=force)


def _update(page, fields: dict, *, force: bool = False):
    changed = [name for name, value in fields.items() if getattr(page, name) != value]
    if changed or force or not page.live:
        for name in changed:
            setattr(page, name, fields[name])
        page.save_revision(clean=False).publish()
    return page


def _sessions(training: TrainingPage, rows: list[dict], today) -> list[TrainingSession]:
    sessions = list(training.sessions.order_by("sort_order", "pk"))
    result = []
    for order, row in enumerate(rows):
        values = {
            "title": row.get("title", ""),
            "starts_at": _moment(today, row["day"], row["start"]),
            "ends_at": _moment(today, row["day"], row["end"]),
            "venue": row.get("venue", ""),
            "address": row.get("address", ""),
            "online_url": row.get("online_url", ""),
            "sort_order": order,
        }
        session = sessions[order] if order < len(sessions) else None
        if session is None:
            session = TrainingSession.objects.create(training=training, **values)
        elif any(getattr(session, k) != v for k, v in values.items()):
            TrainingSession.objects.filter(pk=session.pk).update(**values)
            session.refresh_from_db()
        result.append(session)
    return result


def _people(spec: dict) -> list:
    User = get_user_model()
    named = [
        u
        for email in spec.get("accounts", [])
        if (u := User.objects.filter(email=email, is_active=True).first()) is not None
    ]
    wanted = spec.get("learners", 0)
    staff = [r.value for r in Role]
    learners = list(
        User.objects.filter(
            is_active=True,
            profession__in=spec.get("professions", []),
            institution__isnull=False,
        )
        .exclude(pk__in=[u.pk for u in named])
        .exclude(role_assignments__role__in=staff)
        .select_related("institution")
        .order_by("email")[:wanted]
    )
    return named + learners


def _participants(training, sessions, spec: dict, today, counts: Counter) -> None:
    people = _people(spec)
    nominator = get_user_model().objects.filter(email=spec.get("nominated_by", "")).first()
    scope = people_scope_for(viewer=nominator) if nominator else None
    past = sessions and sessions[-1].ends_at < timezone.now()
    confirmed = spec.get("confirmed", len(people))
    waitlisted = spec.get("waitlisted", 0)
    for position, person in enumerate(people):
        if past or position < confirmed:
            state = RegistrationState.CONFIRMED
        elif position < confirmed + waitlisted:
            state = RegistrationState.WAITLISTED
        else:
            state = RegistrationState.REQUESTED
        registration, created = Registration.objects.get_or_create(
            training=training,
            user=person,
            defaults={
                "state": state,
                "nominated_by": nominator if scope and scope.covers(person.institution) else None,
                "waitlisted_at": timezone.now() + timedelta(seconds=position)
                if state == RegistrationState.WAITLISTED
                else None,
            },
        )
        counts["registrations"] += created
        if past and registration.state == RegistrationState.CONFIRMED:
            _attend(registration, sessions, position, spec, counts)


def _attend(registration, sessions, position: int, spec: dict, counts: Counter) -> None:
    partly = spec.get("partly", 0)
    absent = spec.get("absent_second_day", 0)
    for day, session in enumerate(sessions):
        if day == 1 and partly <= position < partly + absent:
            continue  # missed the second day
        mark = AttendanceMark.PARTLY if position < partly and day == 0 else AttendanceMark.PRESENT
        _mark, created = Attendance.objects.get_or_create(
            session=session,
            registration=registration,
            defaults={"mark": mark, "marked_by": MarkedBy.TRAINER},
        )
        counts["marks"] += created
    if registration.completed_at is None and registration_completion_update(
        registration=registration
    ):
        # Completed when the training ended, not when the demo was loaded.
        registration.completed_at = sessions[-1].ends_at
        registration.save(update_fields=["completed_at"])

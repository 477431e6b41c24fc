"""Learning events as xAPI 1.0.3 statements (plain dicts, ready for JSON).

Each statement's id is a UUID5 of the event's identity (e.g. "registered:enrolment:12")
within a namespace of our home page: the same event always gets the same id, so it can be
written and sent any number of times and stays one statement in the LRS.
"""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import pgettext
from wagtail.models import Locale, Page

from courses import api as courses_api
from serbian.api import for_reader

from .models import LearnerAccount

VERBS = {
    "registered": "http://adlnet.gov/expapi/verbs/registered",
    "experienced": "http://adlnet.gov/expapi/verbs/experienced",
    "attempted": "http://adlnet.gov/expapi/verbs/attempted",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "attended": "http://adlnet.gov/expapi/verbs/attended",
    "earned": "https://w3id.org/xapi/dod-isd/verbs/earned",
}
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "meeting": "http://adlnet.gov/expapi/activities/meeting",
}
# Our languages as RFC 5646 tags (what xAPI language maps are keyed by).
LANGUAGE_TAGS = {"sr-latn": "sr-Latn", "sr": "sr-Cyrl", "en": "en"}


def _verb_label(verb: str) -> str:
    # Spelled out so that makemessages finds each one.
    labels = {
        "registered": pgettext("xAPI verb", "registered"),
        "experienced": pgettext("xAPI verb", "experienced"),
        "attempted": pgettext("xAPI verb", "attempted"),
        "passed": pgettext("xAPI verb", "passed"),
        "failed": pgettext("xAPI verb", "failed"),
        "completed": pgettext("xAPI verb", "completed"),
        "attended": pgettext("xAPI verb", "attended"),
        "earned": pgettext("xAPI verb", "earned"),
    }
    return labels[verb]


def base_url() -> str:
    return settings.XAPI_BASE_URL.rstrip("/")


def statement_uuid(event: str) -> uuid.UUID:
    """The statement id of an event: stable for the event, distinct between installations."""
    return uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, base_url() + "/"), event)


def language_tag(code: str) -> str:
    return LANGUAGE_TAGS.get(code, code)


def account_names(user_ids) -> dict[int, str]:
    """{user id: xAPI account name}, made for those who have none yet (two queries)."""
    user_ids = list(user_ids)
    LearnerAccount.objects.bulk_create(
        [LearnerAccount(user_id=pk) for pk in user_ids], ignore_conflicts=True
    )
    return {
        user_id: str(name)
        for user_id, name in LearnerAccount.objects.filter(user_id__in=user_ids).values_list(
            "user_id", "name"
        )
    }


def actor_for(user, *, name: str | None = None) -> dict[str, Any]:
    """The learner as an account on our home page, named by their random xAPI id."""
    if name is None:
        name = str(LearnerAccount.objects.get_or_create(user=user)[0].name)
    return {"objectType": "Agent", "account": {"homePage": base_url(), "name": name}}


def verb(name: str, *, language: str) -> dict[str, Any]:
    display = {}
    for code in dict.fromkeys([language, "en"]):
        with translation.override(code):
            display[language_tag(code)] = _verb_label(name)
    return {"id": VERBS[name], "display": display}


def absolute(url: str | None, *, fallback: str) -> str:
    if not url:
        return base_url() + fallback
    return url if url.startswith(("http://", "https://")) else base_url() + url


def page_activity(
    page: Page, *, kind: str, language: str, fragment: str = "", name: str = ""
) -> dict[str, Any]:
    """A page (course, lesson, quiz, training) as an activity: its id the absolute URL of
    the page in the default locale (the same activity whatever the learner's language), its
    name the page's title in the learner's language where it is translated."""
    canonical = Page.objects.get(pk=courses_api.canonical_id(page))
    with translation.override(settings.LANGUAGE_CODE):  # one id, whoever's language
        url = absolute(canonical.get_url(), fallback=f"/pages/{canonical.pk}/")
    titled = canonical
    with translation.override(language):
        locale = Locale.objects.filter(language_code=translation.get_language()).first()
        if locale is None:
            locale = Locale.objects.filter(
                language_code=translation.get_language().split("-")[0]
            ).first()
    if locale is not None and locale.pk != canonical.locale_id:
        titled = courses_api.translations_for_reader(pages=[canonical], locale_id=locale.pk).get(
            canonical.pk, canonical
        )
    title, tag = name or titled.title, Locale.objects.get(pk=titled.locale_id).language_code
    if tag == "sr" and language in ("sr", "sr-latn"):
        # Serbian content is kept as written: read in the learner's script.
        title, tag = for_reader(title, language), language_tag(language)
    return {
        "objectType": "Activity",
        "id": url + fragment,
        "definition": {
            "type": ACTIVITY_TYPES[kind],
            "name": {tag: title},
        },
    }


def registration_uuid(enrolment_id: int) -> str:
    """One UUID per enrolment: every statement about it shares it as context.registration."""
    return str(statement_uuid(f"enrolment:{enrolment_id}"))


def statement(
    *,
    event: str,
    user,
    verb_name: str,
    object_: dict[str, Any],
    timestamp,
    result: dict[str, Any] | None = None,
    parent: dict[str, Any] | None = None,
    other: dict[str, Any] | None = None,
    registration: str | None = None,
    account_name: str | None = None,
) -> dict[str, Any]:
    language = user.preferred_language or settings.LANGUAGE_CODE
    context: dict[str, Any] = {
        "platform": settings.WAGTAIL_SITE_NAME,
        "language": language_tag(language),
    }
    if registration:
        context["registration"] = registration
    activities = {}
    if parent:
        activities["parent"] = [parent]
    if other:
        activities["other"] = [other]
    if activities:
        context["contextActivities"] = activities
    data = {
        "id": str(statement_uuid(event)),
        "actor": actor_for(user, name=account_name),
        "verb": verb(verb_name, language=language),
        "object": object_,
        "timestamp": timestamp.isoformat(),
        "context": context,
    }
    if result is not None:
        data["result"] = result
    return data


def score_result(
    *, score: Decimal, passed: bool, obtained: Decimal | None, total: Decimal | None
) -> dict[str, Any]:
    """result of a scored attempt: scaled in [0, 1] (the score is a percentage), raw marks
    between 0 and the attempt's total."""
    scaled = min(max(float(score) / 100, -1.0), 1.0)
    data: dict[str, Any] = {"scaled": round(scaled, 4)}
    if obtained is not None and total:
        data.update({"raw": float(obtained), "min": 0.0, "max": float(total)})
    return {"score": data, "success": bool(passed), "completion": True}

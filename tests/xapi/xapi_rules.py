"""The xAPI 1.0.3 rules the tests check statements against (the parts our statements use)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime

# RFC 3987 absolute IRI: a scheme, a colon, and no spaces (the LRS checks the rest).
ABSOLUTE_IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
# ISO 8601 with a time zone (Z or ±hh:mm), as xAPI requires of timestamps.
ISO_WITH_ZONE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def _language_map(value) -> list[str]:
    if not isinstance(value, dict) or not value:
        return ["not a language map"]
    return [f"bad language tag {k!r}" for k in value if not LANGUAGE_TAG.match(k)]


def problems(statement: dict, *, home_page: str) -> list[str]:
    """What breaks the rules in `statement` ([] when nothing)."""
    found = []
    try:
        if uuid.UUID(statement["id"]).version not in (1, 2, 3, 4, 5):
            found.append("id is not a variant-2 UUID")
    except (KeyError, ValueError):
        found.append("id is not a UUID")
    actor = statement.get("actor", {})
    if set(actor) & {"mbox", "mbox_sha1sum", "openid"}:
        found.append("actor is identified otherwise than by an account")
    account = actor.get("account") or {}
    if account.get("homePage") != home_page or not account.get("name"):
        found.append("actor is not an account on our home page")
    verb = statement.get("verb", {})
    if not ABSOLUTE_IRI.match(verb.get("id", "")):
        found.append("verb id is not an absolute IRI")
    found += [f"verb display: {p}" for p in _language_map(verb.get("display"))]
    activity = statement.get("object", {})
    if activity.get("objectType", "Activity") != "Activity":
        found.append("object is not an activity")
    if not ABSOLUTE_IRI.match(activity.get("id", "")):
        found.append("activity id is not an absolute IRI")
    definition = activity.get("definition", {})
    if "type" in definition and not ABSOLUTE_IRI.match(definition["type"]):
        found.append("activity type is not an absolute IRI")
    if "name" in definition:
        found += [f"activity name: {p}" for p in _language_map(definition["name"])]
    for key in ("timestamp", "stored"):
        if key in statement and not ISO_WITH_ZONE.match(statement[key]):
            found.append(f"{key} is not ISO 8601 with a time zone")
    if "timestamp" in statement:
        datetime.fromisoformat(statement["timestamp"].replace("Z", "+00:00"))
    score = statement.get("result", {}).get("score")
    if score is not None:
        if "scaled" in score and not -1 <= score["scaled"] <= 1:
            found.append("result.score.scaled outside [-1, 1]")
        if "min" in score and "max" in score and not score["min"] <= score["max"]:
            found.append("result.score.min above max")
        if "raw" in score and not score.get("min", score["raw"]) <= score["raw"] <= score.get(
            "max", score["raw"]
        ):
            found.append("result.score.raw outside [min, max]")
    context = statement.get("context", {})
    if "registration" in context:
        uuid.UUID(context["registration"])
    if "language" in context and not LANGUAGE_TAG.match(context["language"]):
        found.append("context.language is not a language tag")
    for group in context.get("contextActivities", {}).values():
        for parent in group:
            if not ABSOLUTE_IRI.match(parent.get("id", "")):
                found.append("a context activity id is not an absolute IRI")
    return found

"""The demo's participant surveys (`demo_content/surveys.yaml`), for `manage.py load_demo`:
a reaction survey of the joint seminar, answered by most of those who completed it, and a
follow-up due weeks later; and the seminar's pre- and post-test with the participants'
scores (`demo_content/knowledge_tests.yaml`, written by `evaluation.demo_scores`). Answers
are drawn with a seed per person; idempotent: a survey is found by title, and people who
already answered are left alone."""

from __future__ import annotations

import random
from collections import Counter
from datetime import timedelta
from pathlib import Path

from config.api import demo_file_read, demo_folder
from trainings.api import Registration, RegistrationState, TrainingPage

from .demo_scores import load_knowledge_tests
from .models import Answer, Invitation, ItemKind, Response, Survey, SurveyItem, SurveyLevel

DEMO_AFTER = ("trainings", "quizzes")
FOLDER = demo_folder(__file__)
ITEM_FIELDS = ("kind", "text", "choices", "required", "lean", "answers")


def demo_surveys(folder: Path | None = None) -> list[dict]:
    file = demo_file_read((FOLDER if folder is None else folder) / "surveys.yaml")
    surveys = []
    for index, row in enumerate(file.items(file.data, "")):
        place = f"[{index}]"
        file.check(
            row,
            place,
            required=("training", "title", "items"),
            optional=("intro", "anonymous", "level", "weeks_after", "answered_share"),
        )
        items = []
        for number, item in enumerate(file.items(row["items"], f"{place}.items")):
            item_place = f"{place}.items[{number}]"
            file.check(item, item_place, required=("kind", "text"), optional=ITEM_FIELDS)
            file.choice(item["kind"], f"{item_place}.kind", ItemKind.values)
            items.append(item)
        surveys.append({**row, "items": items})
    return surveys


def load(report) -> None:
    counts = load_surveys()
    report.notes.append(
        f"Demo surveys: {counts['surveys']} added, {counts['responses']} answers written."
    )
    scores = load_knowledge_tests()
    report.notes.append(
        f"Demo pre- and post-tests: {scores['tests']} added, {scores['attempts']} attempts written."
    )


def load_surveys(folder: Path | None = None) -> Counter:
    counts: Counter = Counter()
    for spec in demo_surveys(folder):
        training = TrainingPage.objects.filter(slug=spec["training"]).order_by("pk").first()
        if training is None:
            continue
        training = training.canonical()
        survey = Survey.objects.filter(title=spec["title"], training=training).first()
        if survey is None:
            survey = Survey.objects.create(
                title=spec["title"],
                intro=spec.get("intro", ""),
                training=training,
                anonymous=spec.get("anonymous", True),
                level=spec.get("level", SurveyLevel.REACTION),
                weeks_after=spec.get("weeks_after", 0),
            )
            for order, item in enumerate(spec["items"]):
                SurveyItem.objects.create(
                    survey=survey,
                    kind=item["kind"],
                    text=item["text"],
                    choices="\n".join(item.get("choices", [])),
                    required=item.get("required", True),
                    sort_order=order,
                )
            counts["surveys"] += 1
        _answers(survey, spec, counts)
    return counts


def _answers(survey: Survey, spec: dict, counts: Counter) -> None:
    items = list(survey.items.all())
    specs = {item.text: s for item, s in zip(items, spec["items"], strict=False)}
    completed = (
        Registration.objects.filter(
            training=survey.training,
            state=RegistrationState.CONFIRMED,
            completed_at__isnull=False,
        )
        .select_related("user", "user__institution")
        .order_by("user__email")
    )
    share = float(spec.get("answered_share", 0))
    for registration in completed:
        due = registration.completed_at
        if survey.level == SurveyLevel.FOLLOW_UP:
            due += timedelta(weeks=survey.weeks_after)
        invitation, _created = Invitation.objects.get_or_create(
            survey=survey, user=registration.user, defaults={"due_at": due}
        )
        # Each person's answers drawn from their own seed: the same on every load.
        rng = random.Random(f"{survey.title}|{registration.user.email}")  # noqa: S311
        if invitation.answered or rng.random() >= share:
            continue
        invitation.sent_at = invitation.sent_at or due
        invitation.answered = True
        invitation.save(update_fields=["sent_at", "answered"])
        user = registration.user
        response = Response.objects.create(
            survey=survey,
            user=None if survey.anonymous else user,
            month=due.date().replace(day=1),
            profession=user.profession,
            institution_path=user.institution.path if user.institution_id else "",
        )
        for item in items:
            value = _value(item, specs.get(item.text, {}), rng)
            if value is not None:
                Answer.objects.create(response=response, item=item, value=value)
        counts["responses"] += 1


def _value(item: SurveyItem, spec: dict, rng: random.Random):
    if item.kind == ItemKind.LIKERT:
        lean = spec.get("lean", 3)
        return max(1, min(5, lean + rng.choice((-1, 0, 0, 0, 1))))
    if item.kind == ItemKind.SINGLE:
        choices = item.choice_list
        lean = spec.get("lean", 0)
        return choices[lean] if rng.random() < 0.7 else rng.choice(choices)
    if item.kind == ItemKind.MULTIPLE:
        return [c for c in item.choice_list if rng.random() < 0.5] or item.choice_list[:1]
    answers = spec.get("answers", [])
    return rng.choice(answers) if answers and rng.random() < 0.6 else None

"""Review options by window (immediately after, later while open, after close) × item
(response, score, marks, correct answer, feedback), replacing one "when" per item.

The old values map as follows: "after each attempt" → all three windows; "once passed or out
of attempts" → the closed window; "never" → none. Marks per question, which the old score
and correct-answer settings showed, now go only where the correct answers are; feedback
only where both the old feedback and correct-answer settings allowed it (feedback explains
the right answer), which is what finding 5 of issue 14 asked for.
"""

import quizzes.models
from django.db import migrations, models

WINDOWS = ("immediately", "open", "closed")


def _windows(when: str) -> set[str]:
    return {"after_attempt": set(WINDOWS), "after_close": {"closed"}}.get(when, set())


def mapped(*, score: str, responses: str, correct: str, feedback: str) -> dict[str, list]:
    """The new review fields for one quiz's old settings."""
    score_in, responses_in = _windows(score), _windows(responses)
    correct_in = _windows(correct)
    feedback_in = _windows(feedback) & correct_in
    values = {}
    for window in WINDOWS:
        items = []
        if window in responses_in:
            items.append("response")
        if window in score_in:
            items.append("score")
        if window in correct_in:
            items += ["marks", "correct"]
        if window in feedback_in:
            items.append("feedback")
        values[f"review_{window}"] = items
    return values


def forwards(apps, schema_editor):
    QuizPage = apps.get_model("quizzes", "QuizPage")
    for page in QuizPage.objects.all().only(
        "pk", "review_score", "review_responses", "review_correct", "review_feedback"
    ):
        values = mapped(
            score=page.review_score,
            responses=page.review_responses,
            correct=page.review_correct,
            feedback=page.review_feedback,
        )
        QuizPage.objects.filter(pk=page.pk).update(**values)


def backwards(apps, schema_editor):
    QuizPage = apps.get_model("quizzes", "QuizPage")
    for page in QuizPage.objects.all():
        values = {}
        for item, field in (
            ("score", "review_score"),
            ("response", "review_responses"),
            ("correct", "review_correct"),
            ("feedback", "review_feedback"),
        ):
            if item in page.review_immediately or item in page.review_open:
                values[field] = "after_attempt"
            elif item in page.review_closed:
                values[field] = "after_close"
            else:
                values[field] = "never"
        QuizPage.objects.filter(pk=page.pk).update(**values)


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0005_require_question_versions"),
    ]

    operations = [
        migrations.AddField(
            model_name="quizpage",
            name="review_closed",
            field=models.JSONField(
                blank=True,
                default=quizzes.models.review_default_after_close,
                verbose_name="after the quiz is closed",
            ),
        ),
        migrations.AddField(
            model_name="quizpage",
            name="review_immediately",
            field=models.JSONField(
                blank=True,
                default=quizzes.models.review_default_before_close,
                verbose_name="immediately after the attempt",
            ),
        ),
        migrations.AddField(
            model_name="quizpage",
            name="review_open",
            field=models.JSONField(
                blank=True,
                default=quizzes.models.review_default_before_close,
                verbose_name="later, while the quiz is still open",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="quizpage", name="review_correct"),
        migrations.RemoveField(model_name="quizpage", name="review_feedback"),
        migrations.RemoveField(model_name="quizpage", name="review_responses"),
        migrations.RemoveField(model_name="quizpage", name="review_score"),
        migrations.AlterField(
            model_name="quizpage",
            name="shuffle_options",
            field=models.BooleanField(
                default=True,
                help_text=(
                    "Each question's own setting can still keep its options in order. "
                    "Options in the order they were written let a learner guess by position "
                    "(the right answer is often written first); matching choices and "
                    "ordering items are always shuffled."
                ),
                verbose_name="shuffle options",
            ),
        ),
    ]

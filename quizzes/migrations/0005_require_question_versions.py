import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    """Every attempt question is pinned to a version (0004 pinned the existing ones)."""

    dependencies = [
        ("quizzes", "0004_backfill_question_versions"),
    ]

    operations = [
        migrations.AlterField(
            model_name="attemptquestion",
            name="version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="attempt_questions",
                to="quizzes.questionversion",
            ),
        ),
    ]

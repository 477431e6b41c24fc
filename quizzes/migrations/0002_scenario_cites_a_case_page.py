"""A scenario cites a case-law page (it pointed at any page until the case-law app existed).
References to pages that are not cases are cleared first, so the new constraint holds."""

import django.db.models.deletion
from django.db import migrations, models


def clear_references_to_other_pages(apps, schema_editor):
    Question = apps.get_model("quizzes", "Question")
    CasePage = apps.get_model("caselaw", "CasePage")
    Question.objects.filter(case__isnull=False).exclude(
        case_id__in=CasePage.objects.values("pk")
    ).update(case=None)


class Migration(migrations.Migration):
    dependencies = [
        ("caselaw", "0002_seed_vocabularies"),
        ("quizzes", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(clear_references_to_other_pages, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="question",
            name="case",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="caselaw.casepage",
                verbose_name="case cited",
            ),
        ),
    ]

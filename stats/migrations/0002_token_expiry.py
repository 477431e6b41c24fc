"""API tokens expire: new ones a year after they are made (STATS_API_TOKEN_DAYS), existing
ones a year after they were made."""

import datetime

from django.db import migrations, models

import stats.models


def expire_a_year_after_creation(apps, schema_editor):
    ApiToken = apps.get_model("stats", "ApiToken")
    for token in ApiToken.objects.only("pk", "created_at").iterator():
        ApiToken.objects.filter(pk=token.pk).update(
            expires_at=token.created_at + datetime.timedelta(days=365)
        )


class Migration(migrations.Migration):
    dependencies = [("stats", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True, verbose_name="expires at"),
        ),
        migrations.RunPython(expire_a_year_after_creation, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(
                default=stats.models.token_expiry, verbose_name="expires at"
            ),
        ),
    ]

import datetime as dt

from django.db import migrations, models


def expire_old_tokens(apps, schema_editor):
    """Tokens made before tokens could end get the default life from the day they were made;
    they keep writing, as they always could."""
    ApiToken = apps.get_model("api", "ApiToken")
    for token in ApiToken.objects.all():
        token.expires_at = token.created_at + dt.timedelta(days=90)
        token.save(update_fields=["expires_at"])


class Migration(migrations.Migration):
    dependencies = [("api", "0001_initial")]

    operations = [
        migrations.AlterModelOptions(name="apitoken", options={"ordering": ["-created_at"]}),
        migrations.AddField(
            model_name="apitoken",
            name="scope",
            field=models.CharField(
                choices=[("read", "Read only"), ("write", "Read and write")],
                default="write",
                max_length=5,
            ),
        ),
        migrations.AlterField(
            model_name="apitoken",
            name="scope",
            field=models.CharField(
                choices=[("read", "Read only"), ("write", "Read and write")],
                default="read",
                max_length=5,
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(null=True),
        ),
        migrations.RunPython(expire_old_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apitoken",
            name="expires_at",
            field=models.DateTimeField(),
        ),
    ]

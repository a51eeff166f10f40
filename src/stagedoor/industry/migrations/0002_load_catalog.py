"""Ship the role, skill and certification catalog as data loaded by migrate."""

from django.db import migrations


def load(apps, schema_editor):
    from stagedoor.industry.catalog_sync import sync_catalog

    sync_catalog(
        apps.get_model("industry", "Skill"),
        apps.get_model("industry", "Certification"),
        apps.get_model("industry", "Role"),
    )


class Migration(migrations.Migration):
    dependencies = [("industry", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

"""The draft and cancelled shows and projects, indexed on their own: the open calls leave
their calls out by key (gigs.selectors.position_list) instead of joining every show."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("gigs", "0011_search_filters"),
        ("industry", "0005_training_provider"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="show",
            index=models.Index(
                condition=models.Q(("status__in", ("draft", "cancelled"))),
                fields=["id"],
                name="gigs_show_hidden",
            ),
        ),
        migrations.AddIndex(
            model_name="studioproject",
            index=models.Index(
                condition=models.Q(("status__in", ("draft", "cancelled"))),
                fields=["id"],
                name="gigs_project_hidden",
            ),
        ),
    ]

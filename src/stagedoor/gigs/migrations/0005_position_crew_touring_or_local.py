from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("gigs", "0004_position_cancelled"),
    ]

    operations = [
        migrations.AddField(
            model_name="position",
            name="crew",
            field=models.CharField(
                choices=[
                    ("local", "Local crew (hired in each city)"),
                    ("touring", "Touring crew (travels with the tour)"),
                ],
                default="local",
                help_text="Touring crew may be offered the call beyond their travel radius",
                max_length=8,
            ),
        ),
    ]

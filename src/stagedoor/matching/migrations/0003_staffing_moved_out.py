"""Auto-staffing's models now belong to the `staffing` app (see its 0001): drop them from
this app's state only. The tables, `matching_staffingrun` and the rest, stay as they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0002_staffing_runs"),
        ("staffing", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name="staffingrun",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="staffingrun",
                    name="organisation",
                ),
                migrations.RemoveField(
                    model_name="staffingrun",
                    name="project",
                ),
                migrations.RemoveField(
                    model_name="staffingrun",
                    name="show",
                ),
                migrations.RemoveField(
                    model_name="staffingrun",
                    name="task",
                ),
                migrations.RemoveField(
                    model_name="staffingrun",
                    name="tour",
                ),
                migrations.RemoveField(
                    model_name="unfilledseat",
                    name="run",
                ),
                migrations.RemoveField(
                    model_name="unfilledseat",
                    name="position",
                ),
                migrations.DeleteModel(
                    name="ProposedAssignment",
                ),
                migrations.DeleteModel(
                    name="StaffingRun",
                ),
                migrations.DeleteModel(
                    name="UnfilledSeat",
                ),
            ],
        ),
    ]

"""Auto-staffing moves out of `matching` into its own app, tables and rows untouched.

The three models keep their tables (`db_table`), which `matching.0002_staffing_runs`
created: this migration only adds them to the `staffing` app's state, and
`matching.0003_staffing_moved_out` then drops them from `matching`'s state. Neither
touches the database schema, so a database migrated before the move keeps every run.

Their content types are renamed rather than recreated, so admin permissions granted on
them and the admin's history of them carry over.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("staffingrun", "proposedassignment", "unfilledseat")


def _relabel(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def content_types_forward(apps, schema_editor):
    _relabel(apps, "matching", "staffing")


def content_types_backward(apps, schema_editor):
    _relabel(apps, "staffing", "matching")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("booking", "0002_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0001_initial"),
        ("gigs", "0002_position_auto_backfill"),
        ("industry", "0002_load_catalog"),
        ("matching", "0002_staffing_runs"),
        ("people", "0002_credit_rating_credit_rating_note_and_more"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="StaffingRun",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "date_from",
                            models.DateField(
                                blank=True, help_text="First call day, venue time", null=True
                            ),
                        ),
                        (
                            "date_to",
                            models.DateField(
                                blank=True, help_text="Last call day, inclusive", null=True
                            ),
                        ),
                        (
                            "objective",
                            models.CharField(
                                choices=[
                                    ("fill", "Fill every seat with the best crew"),
                                    ("headcount", "Fill every seat with as few people as possible"),
                                ],
                                default="fill",
                                max_length=10,
                            ),
                        ),
                        (
                            "time_limit",
                            models.FloatField(
                                default=10.0, help_text="Seconds the solver may take"
                            ),
                        ),
                        ("seed", models.IntegerField(default=0)),
                        ("max_hours_day", models.PositiveSmallIntegerField(blank=True, null=True)),
                        ("max_hours_week", models.PositiveSmallIntegerField(blank=True, null=True)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "Queued"),
                                    ("running", "Solving"),
                                    ("done", "Proposal ready"),
                                    ("failed", "Failed"),
                                ],
                                default="queued",
                                max_length=10,
                            ),
                        ),
                        ("error", models.CharField(blank=True, max_length=500)),
                        (
                            "solver_status",
                            models.CharField(
                                blank=True, help_text="optimal or feasible", max_length=10
                            ),
                        ),
                        ("objective_value", models.FloatField(blank=True, null=True)),
                        ("bound", models.FloatField(blank=True, null=True)),
                        ("bound_source", models.CharField(blank=True, max_length=120)),
                        ("gap", models.FloatField(blank=True, null=True)),
                        ("filled", models.PositiveIntegerField(default=0)),
                        ("seats", models.PositiveIntegerField(default=0)),
                        ("workers_used", models.PositiveIntegerField(default=0)),
                        ("parts", models.PositiveIntegerField(default=0)),
                        ("seconds", models.FloatField(blank=True, null=True)),
                        (
                            "stats",
                            models.JSONField(
                                blank=True, default=dict, help_text="baseline and greedy summaries"
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        ("accepted_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "created_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="staffing_runs",
                                to="industry.organisation",
                            ),
                        ),
                        (
                            "project",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="gigs.studioproject",
                            ),
                        ),
                        (
                            "show",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="gigs.show",
                            ),
                        ),
                        (
                            "task",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="core.taskrecord",
                            ),
                        ),
                        (
                            "tour",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="gigs.tour",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "matching_staffingrun",
                        "ordering": ["-created_at", "-pk"],
                    },
                ),
                migrations.CreateModel(
                    name="UnfilledSeat",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("missing", models.PositiveSmallIntegerField()),
                        ("reason", models.CharField(max_length=20)),
                        ("text", models.CharField(max_length=200)),
                        (
                            "position",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="gigs.position",
                            ),
                        ),
                        (
                            "run",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="unfilled",
                                to="staffing.staffingrun",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "matching_unfilledseat",
                        "ordering": ["position__call_start", "position_id"],
                    },
                ),
                migrations.CreateModel(
                    name="ProposedAssignment",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("score", models.FloatField()),
                        ("cost", models.FloatField(default=0.0)),
                        ("km", models.FloatField(default=0.0)),
                        (
                            "reasons",
                            models.TextField(
                                blank=True, help_text="One reason per line, best first"
                            ),
                        ),
                        (
                            "selected",
                            models.BooleanField(default=True, help_text="Kept by the manager"),
                        ),
                        (
                            "outcome",
                            models.CharField(
                                choices=[
                                    ("proposed", "Proposed"),
                                    ("offered", "Offer sent"),
                                    ("held", "Held"),
                                    ("refused", "Refused"),
                                ],
                                default="proposed",
                                max_length=10,
                            ),
                        ),
                        ("refused_reason", models.CharField(blank=True, max_length=500)),
                        (
                            "hold",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="booking.hold",
                            ),
                        ),
                        (
                            "offer",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="booking.offer",
                            ),
                        ),
                        (
                            "position",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="gigs.position",
                            ),
                        ),
                        (
                            "worker",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="people.workerprofile",
                            ),
                        ),
                        (
                            "run",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="assignments",
                                to="staffing.staffingrun",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "matching_proposedassignment",
                        "ordering": ["position__call_start", "position_id", "-score", "pk"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("run", "position", "worker"),
                                name="one_proposal_per_run_seat_worker",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_forward, content_types_backward),
    ]

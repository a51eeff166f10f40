"""Indexes the job search filters and orders by on PostgreSQL at national scale.

The search lists the soonest open calls first and stops after a bounded number
(boards.selectors.MOST), so it walks open calls in call-start order: a partial index on
the start of calls not cancelled lets it read the first few hundred rows, not sort them all.
Pay and role filters are checked on those rows as they come. SQLite keeps its tables as
they are (its lists are small).
"""

from django.db import migrations

FORWARD = """
CREATE INDEX IF NOT EXISTS gigs_position_open_start
  ON gigs_position (call_start, id) WHERE cancelled_at IS NULL;
CREATE INDEX IF NOT EXISTS gigs_position_role_start
  ON gigs_position (role_id, call_start) WHERE cancelled_at IS NULL;
"""

BACKWARD = """
DROP INDEX IF EXISTS gigs_position_open_start;
DROP INDEX IF EXISTS gigs_position_role_start;
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("gigs", "0010_search_index")]

    operations = [
        migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD), elidable=False),
    ]

"""A full-text search vector on every imported posting, kept by PostgreSQL itself.

Like the crew calls' (gigs 0010): a trigger gathers the posting's title, its role's names,
the employer, the city and the description into `boards_externalposting.search`, under a
GIN index; a renamed role touches its postings. PostgreSQL only: SQLite keeps LIKE.
"""

from django.db import migrations

FORWARD = r"""
ALTER TABLE boards_externalposting ADD COLUMN search tsvector;

CREATE FUNCTION boards_posting_search_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search :=
    setweight(to_tsvector('simple', coalesce(NEW.title, '')), 'A')
    || coalesce((
      SELECT setweight(to_tsvector('simple', r.name || ' ' || coalesce(
               (SELECT string_agg(a, ' ') FROM jsonb_array_elements_text(
                  CASE WHEN jsonb_typeof(r.aliases) = 'array' THEN r.aliases ELSE '[]'::jsonb END
               ) AS a), '')), 'A')
      FROM industry_role r WHERE r.id = NEW.role_id), ''::tsvector)
    || setweight(to_tsvector('simple', coalesce(NEW.employer_name, '') || ' '
                                       || coalesce(NEW.city, '')), 'B')
    || setweight(to_tsvector('simple', coalesce(NEW.description, '')), 'D');
  RETURN NEW;
END
$$;

CREATE TRIGGER boards_posting_search_fill
  BEFORE INSERT OR UPDATE OF title, role_id, employer_name, city, description, search
  ON boards_externalposting FOR EACH ROW EXECUTE FUNCTION boards_posting_search_fill();

CREATE FUNCTION boards_posting_search_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE boards_externalposting SET search = NULL WHERE role_id = NEW.id;
  RETURN NULL;
END
$$;

CREATE TRIGGER boards_posting_search_role AFTER UPDATE OF name, aliases ON industry_role
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.aliases IS DISTINCT FROM NEW.aliases)
  EXECUTE FUNCTION boards_posting_search_touch();

UPDATE boards_externalposting SET search = NULL;
CREATE INDEX boards_posting_search_gin ON boards_externalposting USING gin (search);
"""

BACKWARD = """
DROP TRIGGER IF EXISTS boards_posting_search_role ON industry_role;
DROP TRIGGER IF EXISTS boards_posting_search_fill ON boards_externalposting;
DROP FUNCTION IF EXISTS boards_posting_search_touch();
DROP FUNCTION IF EXISTS boards_posting_search_fill();
ALTER TABLE boards_externalposting DROP COLUMN IF EXISTS search;
"""


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0003_imports"),
        ("industry", "0004_invitations"),
    ]

    operations = [
        migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD), elidable=False),
    ]

"""A full-text search vector on every imported posting, kept by PostgreSQL itself.

Like the crew calls' (gigs 0010): a trigger gathers the posting's title, its role's names,
the employer, the city and the description into `boards_externalposting.search`, under a
GIN index; a renamed role touches its postings. PostgreSQL only: SQLite keeps LIKE.
"""

from django.db import migrations

from stagedoor.core.fulltext import ROLE_RENAMED_WHEN, on_postgresql, role_words_sql

FORWARD = r"""
ALTER TABLE boards_externalposting ADD COLUMN search tsvector;

CREATE FUNCTION boards_posting_search_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search :=
    setweight(to_tsvector('simple', coalesce(NEW.title, '')), 'A')
    || {role_words}
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

CREATE TRIGGER boards_posting_search_role {role_renamed}
  EXECUTE FUNCTION boards_posting_search_touch();

UPDATE boards_externalposting SET search = NULL;
CREATE INDEX boards_posting_search_gin ON boards_externalposting USING gin (search);
""".replace("{role_words}", role_words_sql("NEW.role_id")).replace(
    "{role_renamed}", ROLE_RENAMED_WHEN
)

BACKWARD = """
DROP TRIGGER IF EXISTS boards_posting_search_role ON industry_role;
DROP TRIGGER IF EXISTS boards_posting_search_fill ON boards_externalposting;
DROP FUNCTION IF EXISTS boards_posting_search_touch();
DROP FUNCTION IF EXISTS boards_posting_search_fill();
ALTER TABLE boards_externalposting DROP COLUMN IF EXISTS search;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0003_imports"),
        ("industry", "0004_invitations"),
    ]

    operations = [
        migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD), elidable=False),
    ]

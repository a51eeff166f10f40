"""A full-text search vector on every crew call, kept by PostgreSQL itself.

The job search looks for its words in the call's title and notes, its role's name and the
trade's other names for it, the artist or project, the venue and its city and the hiring
organisation. Those live in six tables, and a GIN index can only cover one, so the words
are gathered into `gigs_position.search` by a trigger when a call is written, and the
related rows' triggers touch their calls when a name the search reads changes.

The column is PostgreSQL's alone: the model does not name it (Django never writes it), and
SQLite, which has no tsvector, keeps searching with LIKE (stagedoor.core.fulltext).
"""

from django.db import migrations

from stagedoor.core.fulltext import ROLE_RENAMED_WHEN, on_postgresql, role_words_sql

# Weights: A the call itself (title, role and its aliases), B where and for whom (artist,
# project, venue, city), C the organisation, D the free text of the notes.
FORWARD = r"""
ALTER TABLE gigs_position ADD COLUMN search tsvector;

CREATE FUNCTION gigs_position_search_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search :=
    setweight(to_tsvector('simple', coalesce(NEW.title, '')), 'A')
    || {role_words}
    || coalesce((
      SELECT setweight(to_tsvector('simple', s.artist || ' ' || s.title || ' '
                                   || v.name || ' ' || v.city), 'B')
             || setweight(to_tsvector('simple', o.name), 'C')
      FROM gigs_show s
      JOIN industry_venue v ON v.id = s.venue_id
      JOIN industry_organisation o ON o.id = s.organisation_id
      WHERE s.id = NEW.show_id), ''::tsvector)
    || coalesce((
      SELECT setweight(to_tsvector('simple', p.title || ' ' || coalesce(v.name, '') || ' '
                                   || coalesce(v.city, '')), 'B')
             || setweight(to_tsvector('simple', o.name), 'C')
      FROM gigs_studioproject p
      JOIN industry_organisation o ON o.id = p.organisation_id
      LEFT JOIN industry_venue v ON v.id = p.venue_id
      WHERE p.id = NEW.project_id), ''::tsvector)
    || setweight(to_tsvector('simple', coalesce(NEW.notes, '')), 'D');
  RETURN NEW;
END
$$;

CREATE TRIGGER gigs_position_search_fill
  BEFORE INSERT OR UPDATE OF title, notes, role_id, show_id, project_id, search
  ON gigs_position FOR EACH ROW EXECUTE FUNCTION gigs_position_search_fill();

-- A renamed venue, organisation, role, show or project re-reads its calls' words: setting
-- `search` to NULL fires the fill trigger above for each of them.
CREATE FUNCTION gigs_position_search_touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'industry_role' THEN
    UPDATE gigs_position SET search = NULL WHERE role_id = NEW.id;
  ELSIF TG_TABLE_NAME = 'gigs_show' THEN
    UPDATE gigs_position SET search = NULL WHERE show_id = NEW.id;
  ELSIF TG_TABLE_NAME = 'gigs_studioproject' THEN
    UPDATE gigs_position SET search = NULL WHERE project_id = NEW.id;
  ELSIF TG_TABLE_NAME = 'industry_venue' THEN
    UPDATE gigs_position SET search = NULL
     WHERE show_id IN (SELECT id FROM gigs_show WHERE venue_id = NEW.id)
        OR project_id IN (SELECT id FROM gigs_studioproject WHERE venue_id = NEW.id);
  ELSIF TG_TABLE_NAME = 'industry_organisation' THEN
    UPDATE gigs_position SET search = NULL
     WHERE show_id IN (SELECT id FROM gigs_show WHERE organisation_id = NEW.id)
        OR project_id IN (SELECT id FROM gigs_studioproject WHERE organisation_id = NEW.id);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER gigs_position_search_role {role_renamed}
  EXECUTE FUNCTION gigs_position_search_touch();
CREATE TRIGGER gigs_position_search_show AFTER UPDATE OF artist, title, venue_id, organisation_id
  ON gigs_show FOR EACH ROW
  WHEN (OLD.artist IS DISTINCT FROM NEW.artist OR OLD.title IS DISTINCT FROM NEW.title
        OR OLD.venue_id IS DISTINCT FROM NEW.venue_id
        OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id)
  EXECUTE FUNCTION gigs_position_search_touch();
CREATE TRIGGER gigs_position_search_project AFTER UPDATE OF title, venue_id, organisation_id
  ON gigs_studioproject FOR EACH ROW
  WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.venue_id IS DISTINCT FROM NEW.venue_id
        OR OLD.organisation_id IS DISTINCT FROM NEW.organisation_id)
  EXECUTE FUNCTION gigs_position_search_touch();
CREATE TRIGGER gigs_position_search_venue AFTER UPDATE OF name, city ON industry_venue
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.city IS DISTINCT FROM NEW.city)
  EXECUTE FUNCTION gigs_position_search_touch();
CREATE TRIGGER gigs_position_search_organisation AFTER UPDATE OF name ON industry_organisation
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION gigs_position_search_touch();

UPDATE gigs_position SET search = NULL;
CREATE INDEX gigs_position_search_gin ON gigs_position USING gin (search);
""".replace("{role_words}", role_words_sql("NEW.role_id")).replace(
    "{role_renamed}", ROLE_RENAMED_WHEN
)

BACKWARD = """
DROP TRIGGER IF EXISTS gigs_position_search_role ON industry_role;
DROP TRIGGER IF EXISTS gigs_position_search_show ON gigs_show;
DROP TRIGGER IF EXISTS gigs_position_search_project ON gigs_studioproject;
DROP TRIGGER IF EXISTS gigs_position_search_venue ON industry_venue;
DROP TRIGGER IF EXISTS gigs_position_search_organisation ON industry_organisation;
DROP TRIGGER IF EXISTS gigs_position_search_fill ON gigs_position;
DROP FUNCTION IF EXISTS gigs_position_search_touch();
DROP FUNCTION IF EXISTS gigs_position_search_fill();
ALTER TABLE gigs_position DROP COLUMN IF EXISTS search;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("gigs", "0009_tour_engagement"),
        ("industry", "0004_invitations"),
    ]

    operations = [
        migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD), elidable=False),
    ]

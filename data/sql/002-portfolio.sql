-- 002: projects with cooperation potential, their stage history, partnerships,
-- and the full-text index over projects. user_version becomes 2.
--
-- Sets of choices (agenda areas, dimensions, funding sources) are bit masks:
-- bit i is member i of the enum of the same name in src/store/d360-project.h.

-- AUTOINCREMENT: the id of a deleted project is never given to a new one, so
-- undoing the delete can bring the project back under the same id.
CREATE TABLE project (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  city_id          INTEGER NOT NULL REFERENCES city (id) ON DELETE CASCADE,
  title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
  summary          TEXT,
  description      TEXT,
  agenda_areas     INTEGER NOT NULL DEFAULT 0 CHECK (agenda_areas BETWEEN 0 AND 127),
  dimensions       INTEGER NOT NULL DEFAULT 0 CHECK (dimensions BETWEEN 0 AND 127),
  sector           TEXT,
  stage            TEXT NOT NULL DEFAULT 'idea'
                   CHECK (stage IN ('idea', 'concept', 'feasibility', 'seeking-partners',
                                    'negotiation', 'agreed', 'implementation', 'completed',
                                    'dropped')),
  budget_minor     INTEGER CHECK (budget_minor IS NULL OR budget_minor >= 0),
  currency         TEXT CHECK (currency IS NULL OR (length(currency) = 3
                                                    AND currency = upper(currency))),
  funding_sources  INTEGER NOT NULL DEFAULT 0 CHECK (funding_sources BETWEEN 0 AND 63),
  start_date       TEXT CHECK (start_date IS NULL OR date(start_date) = start_date),
  end_date         TEXT CHECK (end_date IS NULL OR date(end_date) = end_date),
  location         TEXT,
  responsible      TEXT,
  archived         INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (budget_minor IS NULL OR currency IS NOT NULL),
  CHECK (start_date IS NULL OR end_date IS NULL OR end_date >= start_date)
);

CREATE INDEX project_city_title ON project (city_id, archived, title COLLATE NOCASE);
CREATE INDEX project_city_updated ON project (city_id, archived, updated_at);
CREATE INDEX project_city_stage ON project (city_id, archived, stage);
CREATE INDEX project_city_budget ON project (city_id, archived, budget_minor);

CREATE TRIGGER project_touch AFTER UPDATE ON project
  WHEN NEW.updated_at = OLD.updated_at
BEGIN
  UPDATE project SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;

-- Every stage a project has been in, with the day it got there (the user's
-- calendar day, hence 'localtime').
CREATE TABLE project_stage_history (
  id          INTEGER PRIMARY KEY,
  project_id  INTEGER NOT NULL REFERENCES project (id) ON DELETE CASCADE,
  stage       TEXT NOT NULL,
  changed_on  TEXT NOT NULL CHECK (date(changed_on) = changed_on),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE INDEX project_stage_history_project ON project_stage_history (project_id, changed_on);

CREATE TRIGGER project_stage_insert AFTER INSERT ON project
BEGIN
  INSERT INTO project_stage_history (project_id, stage, changed_on)
  VALUES (NEW.id, NEW.stage, date('now', 'localtime'));
END;

CREATE TRIGGER project_stage_update AFTER UPDATE OF stage ON project
  WHEN NEW.stage IS NOT OLD.stage
BEGIN
  INSERT INTO project_stage_history (project_id, stage, changed_on)
  VALUES (NEW.id, NEW.stage, date('now', 'localtime'));
END;

-- Full-text search over projects: prefix queries, case and diacritics
-- insensitive ("timis" finds "Timiș"). The search runs at every keystroke, so
-- one-letter prefixes are indexed too.
CREATE VIRTUAL TABLE project_fts USING fts5 (
  title, summary, description, sector, location,
  content = 'project', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);

CREATE TRIGGER project_fts_insert AFTER INSERT ON project
BEGIN
  INSERT INTO project_fts (rowid, title, summary, description, sector, location)
  VALUES (NEW.id, NEW.title, NEW.summary, NEW.description, NEW.sector, NEW.location);
END;

CREATE TRIGGER project_fts_delete AFTER DELETE ON project
BEGIN
  INSERT INTO project_fts (project_fts, rowid, title, summary, description, sector, location)
  VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.description, OLD.sector, OLD.location);
END;

CREATE TRIGGER project_fts_update AFTER UPDATE OF title, summary, description, sector, location
  ON project
BEGIN
  INSERT INTO project_fts (project_fts, rowid, title, summary, description, sector, location)
  VALUES ('delete', OLD.id, OLD.title, OLD.summary, OLD.description, OLD.sector, OLD.location);
  INSERT INTO project_fts (rowid, title, summary, description, sector, location)
  VALUES (NEW.id, NEW.title, NEW.summary, NEW.description, NEW.sector, NEW.location);
END;

CREATE TABLE partnership (
  id            INTEGER PRIMARY KEY,
  city_id       INTEGER NOT NULL REFERENCES city (id) ON DELETE CASCADE,
  partner_name  TEXT NOT NULL CHECK (length(trim(partner_name)) > 0),
  partner_country TEXT CHECK (partner_country IS NULL
                              OR (length(partner_country) = 2
                                  AND partner_country = upper(partner_country))),
  partner_is_city INTEGER NOT NULL DEFAULT 1 CHECK (partner_is_city IN (0, 1)),
  kind          TEXT NOT NULL DEFAULT 'sister-city'
                CHECK (kind IN ('sister-city', 'cooperation-agreement', 'mou',
                                'network-membership', 'international-commitment')),
  signed_on     TEXT CHECK (signed_on IS NULL OR date(signed_on) = signed_on),
  expires_on    TEXT CHECK (expires_on IS NULL OR date(expires_on) = expires_on),
  status        TEXT NOT NULL DEFAULT 'proposed'
                CHECK (status IN ('proposed', 'active', 'dormant', 'ended')),
  dimensions    INTEGER NOT NULL DEFAULT 0 CHECK (dimensions BETWEEN 0 AND 127),
  notes         TEXT,
  created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (signed_on IS NULL OR expires_on IS NULL OR expires_on >= signed_on)
);

CREATE INDEX partnership_city ON partnership (city_id, partner_name COLLATE NOCASE);
CREATE INDEX partnership_expiry ON partnership (city_id, expires_on);

CREATE TRIGGER partnership_touch AFTER UPDATE ON partnership
  WHEN NEW.updated_at = OLD.updated_at
BEGIN
  UPDATE partnership SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;

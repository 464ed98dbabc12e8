-- 001: cities, their profile and the seven dimensions of city diplomacy.
-- Applied in one transaction by D360Store; user_version becomes 1.

CREATE TABLE city (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  country     TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
  county      TEXT CHECK (county IS NULL OR county LIKE '__-%'),
  population  INTEGER CHECK (population IS NULL OR population >= 0),
  area_km2    REAL CHECK (area_km2 IS NULL OR area_km2 >= 0),
  latitude    REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
  longitude   REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
  mayor       TEXT,
  website     TEXT,
  summary     TEXT,
  strengths   TEXT,
  is_sample   INTEGER NOT NULL DEFAULT 0 CHECK (is_sample IN (0, 1)),
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK ((latitude IS NULL) = (longitude IS NULL))
);

CREATE INDEX city_name ON city (name COLLATE NOCASE);

-- One row per city and dimension: security, economy, environment, culture,
-- transport, networks, representation.
CREATE TABLE city_dimension (
  city_id     INTEGER NOT NULL REFERENCES city (id) ON DELETE CASCADE,
  dimension   TEXT NOT NULL CHECK (dimension IN ('security', 'economy', 'environment',
                                                 'culture', 'transport', 'networks',
                                                 'representation')),
  priority    INTEGER CHECK (priority IS NULL OR priority BETWEEN 1 AND 5),
  notes       TEXT,
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  PRIMARY KEY (city_id, dimension)
) WITHOUT ROWID;

CREATE TRIGGER city_touch AFTER UPDATE ON city
  WHEN NEW.updated_at = OLD.updated_at
BEGIN
  UPDATE city SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.id;
END;

CREATE TRIGGER city_dimension_touch AFTER UPDATE ON city_dimension
  WHEN NEW.updated_at = OLD.updated_at
BEGIN
  UPDATE city_dimension SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
   WHERE city_id = NEW.city_id AND dimension = NEW.dimension;
  UPDATE city SET updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = NEW.city_id;
END;

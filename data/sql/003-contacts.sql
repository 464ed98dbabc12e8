-- 003: people and organisations, their email addresses, phone numbers and
-- tags, and the full-text indexes over them. user_version becomes 3.
--
-- Sets of choices (dimensions, agenda areas, channel types) are bit masks as
-- in src/store/d360-project.h and src/store/d360-contact.h. Lists of codes
-- (languages, countries of interest) are kept as one text of codes separated
-- by spaces ("ro en fr").
--
-- The lists of allowed keys are written as OR chains, not IN lists: SQLite
-- builds a temporary table for a CHECK's IN list on every insert, which made
-- an import of 100 000 people several times slower.
--
-- name_key and sort_key are written by the store (d360-store-contacts.c):
-- folded case, diacritics removed (the comma and cedilla forms of ș and ț
-- alike), white space collapsed. They are what duplicates are found and
-- lists are sorted by.

-- AUTOINCREMENT: a deleted id is never given again, so an undo can bring a
-- row back under the same id.
CREATE TABLE organization (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
  name_key    TEXT NOT NULL,
  kind        TEXT NOT NULL DEFAULT 'other'
              CHECK (kind = 'embassy' OR kind = 'consulate' OR kind = 'ministry'
                     OR kind = 'international-organization' OR kind = 'municipality'
                     OR kind = 'company' OR kind = 'investment-fund'
                     OR kind = 'chamber-of-commerce' OR kind = 'business-association'
                     OR kind = 'ngo' OR kind = 'university' OR kind = 'cultural-institute'
                     OR kind = 'media' OR kind = 'city-network' OR kind = 'other'),
  country     TEXT CHECK (country IS NULL OR (length(country) = 2 AND country = upper(country))),
  city        TEXT,
  website     TEXT,
  email       TEXT,
  phone       TEXT,
  address     TEXT,
  notes       TEXT,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE INDEX organization_name_key ON organization (name_key, id);
CREATE INDEX organization_kind ON organization (kind);

-- Full-text search over organisations, written by the store like the
-- people's (see contact_fts below): an import adds its new organisations'
-- rows in one statement at its end.
CREATE VIRTUAL TABLE organization_fts USING fts5 (
  name, city, notes,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);

CREATE TABLE contact (
  id                   INTEGER PRIMARY KEY AUTOINCREMENT,
  uid                  TEXT,
  honorific            TEXT,
  given_name           TEXT,
  family_name          TEXT,
  name_key             TEXT NOT NULL DEFAULT '',
  sort_key             TEXT NOT NULL DEFAULT '',
  job_title            TEXT,
  organization_id      INTEGER REFERENCES organization (id) ON DELETE SET NULL,
  category             TEXT NOT NULL DEFAULT 'other'
                       CHECK (category = 'diplomat' OR category = 'investor'
                              OR category = 'business' OR category = 'public-official'
                              OR category = 'ngo' OR category = 'academic'
                              OR category = 'cultural' OR category = 'media'
                              OR category = 'other'),
  country              TEXT CHECK (country IS NULL
                                   OR (length(country) = 2 AND country = upper(country))),
  languages            TEXT,
  street               TEXT,
  locality             TEXT,
  region               TEXT,
  postal_code          TEXT,
  address_country      TEXT CHECK (address_country IS NULL
                                   OR (length(address_country) = 2
                                       AND address_country = upper(address_country))),
  sectors              TEXT,
  dimensions           INTEGER NOT NULL DEFAULT 0 CHECK (dimensions BETWEEN 0 AND 127),
  agenda_areas         INTEGER NOT NULL DEFAULT 0 CHECK (agenda_areas BETWEEN 0 AND 127),
  interest_countries   TEXT,
  investment_min       INTEGER CHECK (investment_min IS NULL OR investment_min >= 0),
  investment_max       INTEGER CHECK (investment_max IS NULL OR investment_max >= 0),
  investment_currency  TEXT CHECK (investment_currency IS NULL
                                   OR (length(investment_currency) = 3
                                       AND investment_currency = upper(investment_currency))),
  notes                TEXT,
  legal_basis          TEXT NOT NULL DEFAULT 'none'
                       CHECK (legal_basis = 'none' OR legal_basis = 'consent'
                              OR legal_basis = 'legitimate-interest'
                              OR legal_basis = 'public-role'),
  basis_date           TEXT CHECK (basis_date IS NULL OR date(basis_date) = basis_date),
  basis_source         TEXT,
  birthday             TEXT,
  website              TEXT,
  created_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  CHECK (investment_min IS NULL OR investment_max IS NULL OR investment_min <= investment_max),
  CHECK ((investment_min IS NULL AND investment_max IS NULL) OR investment_currency IS NOT NULL)
);

-- The list pages through these in order (see build_rows_sql() in
-- d360-store-contacts.c); each filter that narrows a list has its own, with
-- both sort keys, so that a page is found without reading whole rows.
CREATE INDEX contact_sort ON contact (sort_key, id);
CREATE INDEX contact_updated ON contact (updated_at, id);
CREATE INDEX contact_category ON contact (category, sort_key, updated_at);
CREATE INDEX contact_country ON contact (country, sort_key, updated_at);
CREATE INDEX contact_organization ON contact (organization_id, sort_key, updated_at);
-- The narrow row of a person, by id: a search joins the matching ids to it
-- and sorts them without reading the wide rows (notes, addresses).
CREATE INDEX contact_keys ON contact (id, sort_key, updated_at, category, country,
                                      organization_id);
CREATE INDEX contact_name_key ON contact (name_key, organization_id) WHERE name_key != '';
CREATE INDEX contact_uid ON contact (uid) WHERE uid IS NOT NULL;

-- position: the order the person gave them in; the first is the main one.
CREATE TABLE contact_email (
  id          INTEGER PRIMARY KEY,
  contact_id  INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  value       TEXT NOT NULL CHECK (length(trim(value)) > 0),
  types       INTEGER NOT NULL DEFAULT 0 CHECK (types BETWEEN 0 AND 63),
  label       TEXT,
  position    INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX contact_email_contact ON contact_email (contact_id, position);
CREATE INDEX contact_email_value ON contact_email (lower(value));

-- digits: the number without its punctuation ("40721234567"), for search and
-- for telling two spellings of one number apart.
CREATE TABLE contact_phone (
  id          INTEGER PRIMARY KEY,
  contact_id  INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  value       TEXT NOT NULL CHECK (length(trim(value)) > 0),
  digits      TEXT NOT NULL DEFAULT '',
  types       INTEGER NOT NULL DEFAULT 0 CHECK (types BETWEEN 0 AND 63),
  label       TEXT,
  position    INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX contact_phone_contact ON contact_phone (contact_id, position);

-- key: the name in folded case, so "Investor" and "investor" are one tag.
CREATE TABLE tag (
  id    INTEGER PRIMARY KEY,
  name  TEXT NOT NULL CHECK (length(trim(name)) > 0),
  key   TEXT NOT NULL UNIQUE
);

CREATE TABLE contact_tag (
  contact_id  INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  tag_id      INTEGER NOT NULL REFERENCES tag (id) ON DELETE CASCADE,
  PRIMARY KEY (contact_id, tag_id)
) WITHOUT ROWID;

CREATE INDEX contact_tag_tag ON contact_tag (tag_id, contact_id);

-- Full-text search over people. It spans several tables (the organisation's
-- name, every email, phone and tag), so the store writes each person's row
-- itself, in the transaction of every write that changes one of them. A
-- table with its own content, so that deleting a row removes its words.
-- FTS5 keeps the words of a transaction in memory while the rows come in
-- rising ids, and writes them out whenever a row comes back to an id it has
-- passed: an import writes each new person's row as it adds them, and
-- rewrites the rows of the people it changed together at its end.
-- prefix = '1 2 3' costs an import about a second per 100 000 people (every
-- word is written four times) and keeps search as you type quick: without
-- it, the median keystroke went from 7 to 9–11 ms and the slowest 5 % from
-- 40 to 70–90 ms (bench/contacts.c), short words such as "de" being read
-- term by term.
CREATE VIRTUAL TABLE contact_fts USING fts5 (
  name, organization, job_title, emails, phones, tags, notes,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);

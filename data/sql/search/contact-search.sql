-- The search file (d360-store-search.c), attached to every connection as
-- "search": the full-text rows of people (rowid = contact.id) and of
-- organisations (rowid = organization.id), and the token of the last write,
-- which must equal main.search_state's.
--
-- prefix = '1 2 3' costs an import about a second per 100 000 people (every
-- word is written four times) and keeps search as you type quick: without
-- it, the median keystroke went from 7 to 9–11 ms and the slowest 5 % from
-- 40 to 70–90 ms (bench/contacts.c), short words such as "de" being read
-- term by term.
CREATE VIRTUAL TABLE search.contact_fts USING fts5 (
  name, organization, job_title, emails, phones, tags, notes,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);

-- FTS5 keeps up to 16 MiB of new words in memory within a transaction before
-- writing them out as a segment (its default is 1 MiB), while the rows come
-- in rising ids: an import then writes a few large segments instead of some
-- hundred small ones that FTS5 merges again and again.
INSERT INTO search.contact_fts (contact_fts, rank) VALUES ('hashsize', 16777216);

CREATE VIRTUAL TABLE search.organization_fts USING fts5 (
  name, city, notes,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3'
);

CREATE TABLE search.state (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  token TEXT NOT NULL
);

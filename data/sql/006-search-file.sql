-- 006: the search indexes of people and organisations move to a file of
-- their own beside the
-- database (its name with "-search" after it; d360-store-search.c), so that
-- an import can fill it in a second thread, on the second core, while the
-- first writes the people: two connections can only write side by side to
-- two files. The index is made from the tables and can always be made again
-- from them; a copy of the database (a backup) leaves it out.
--
-- The two files commit one after the other, so each write that changes the
-- index also writes a new token into both: when they differ at opening (the
-- program stopped between the two commits, a backup was restored, the file
-- is missing), the index is made again from the tables.
-- user_version becomes 6.
DROP TABLE contact_fts;
DROP TABLE organization_fts;

CREATE TABLE search_state (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  token TEXT NOT NULL
);

INSERT INTO search_state (id, token) VALUES (1, lower (hex (randomblob (16))));

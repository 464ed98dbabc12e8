-- 005: the search index keeps up to 16 MiB of new words in memory within a
-- transaction before writing them out as a segment (FTS5's default is
-- 1 MiB). An import of 100 000 people then writes a few large segments
-- instead of some hundred small ones that FTS5 merges again and again:
-- the search rows of the benchmark's import took a fifth less time in the
-- sqlite3 shell. A transaction that changes one person never comes near it.
-- user_version becomes 5.
INSERT INTO contact_fts (contact_fts, rank) VALUES ('hashsize', 16777216);

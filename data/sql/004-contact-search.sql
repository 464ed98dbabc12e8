-- 004: the people's full-text index without prefix indexes. user_version
-- becomes 4.
--
-- prefix = '1 2 3' wrote every word four times (the word and its first one,
-- two and three letters), which was a third of the time of a large import.
-- FTS5 answers a prefix query without them by reading the words that begin
-- with it: measured on 100 000 people (bench/contacts.c), a one-letter
-- prefix takes 15–25 ms instead of 5 ms, two letters and more stay under
-- 10 ms, while writing the index takes half the time. Search as you type
-- sorts and counts the matches of a one-letter prefix (most of the book)
-- anyway, which costs more than that.
--
-- The rows are written again from the tables, as the store writes them
-- (FTS_ROWS_SQL in src/store/d360-store-contacts.c).

DROP TABLE contact_fts;

CREATE VIRTUAL TABLE contact_fts USING fts5 (
  name, organization, job_title, emails, phones, tags, notes,
  tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO contact_fts (rowid, name, organization, job_title, emails, phones, tags, notes)
SELECT c.id,
  coalesce (c.honorific, '') || ' ' || coalesce (c.given_name, '') || ' ' ||
  coalesce (c.family_name, ''),
  o.name, c.job_title,
  (SELECT group_concat (value, ' ') FROM contact_email WHERE contact_id = c.id),
  (SELECT group_concat (value || ' ' || digits, ' ') FROM contact_phone
   WHERE contact_id = c.id),
  (SELECT group_concat (tag.name, ' ') FROM contact_tag
   JOIN tag ON tag.id = contact_tag.tag_id WHERE contact_tag.contact_id = c.id),
  c.notes
FROM contact c LEFT JOIN organization o ON o.id = c.organization_id;

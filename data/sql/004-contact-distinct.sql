-- 004: pairs of people the user said are not the same person ("Not the
-- Same Person" in Find Duplicates), so that they are not offered as likely
-- duplicates again. user_version becomes 4.
--
-- The lower id first, so that a pair is stored once. Deleting either person
-- (a merge, an erase) deletes the pair with them.
CREATE TABLE contact_distinct (
  first_id   INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  second_id  INTEGER NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
  PRIMARY KEY (first_id, second_id),
  CHECK (first_id < second_id)
) WITHOUT ROWID;

-- For the deletes of the second person, and for a person's pairs.
CREATE INDEX contact_distinct_second ON contact_distinct (second_id);

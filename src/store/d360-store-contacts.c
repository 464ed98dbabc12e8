/* d360-store-contacts.c — reading and writing people and organisations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person's full-text row (contact_fts) is made of several tables: their
 * own row, their organisation's name, their emails, phones and tags. No
 * trigger can follow all of them, so every write here that changes one of
 * those rewrites the person's row itself (refresh_contact_fts()), inside the
 * same transaction. The rows live in the search file (d360-store-search.c):
 * whatever writes them says so first (prepare_search_write()), and an import
 * hands them to a D360SearchWriter that writes them in a thread of its own.
 */

#define G_LOG_DOMAIN "d360-store-contacts"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "d360-city.h"
#include "d360-contact-private.h"
#include "d360-date.h"
#include "d360-iso-codes.h"
#include "d360-money.h"
#include "d360-organization-private.h"
#include "d360-project-private.h"
#include "d360-store-contacts-private.h"
#include "d360-store-list-model.h"
#include "d360-store-portfolio.h"
#include "d360-store-private.h"
#include "d360-validate.h"

#define PROGRESS_EVERY 1000

/* ------------------------------------------------------------------- SQL */

#define CONTACT_ROW_COLUMNS \
  "c.id, c.uid, c.honorific, c.given_name, c.family_name, c.job_title, " \
  "c.organization_id, o.name, c.category, c.country, c.languages, c.street, c.locality, " \
  "c.region, c.postal_code, c.address_country, c.sectors, c.dimensions, c.agenda_areas, " \
  "c.interest_countries, c.investment_min, c.investment_max, c.investment_currency, " \
  "c.notes, c.legal_basis, c.basis_date, c.basis_source, c.birthday, c.website, " \
  "c.created_at, c.updated_at, "

#define CONTACT_COLUMNS \
  CONTACT_ROW_COLUMNS \
  "(SELECT json_group_array (json_array (e.value, e.types, e.label)) FROM " \
  "  (SELECT value, types, label FROM contact_email WHERE contact_id = c.id " \
  "   ORDER BY position, id) AS e), " \
  "(SELECT json_group_array (json_array (p.value, p.types, p.label)) FROM " \
  "  (SELECT value, types, label FROM contact_phone WHERE contact_id = c.id " \
  "   ORDER BY position, id) AS p), " \
  "(SELECT json_group_array (t.name) FROM " \
  "  (SELECT tag.name FROM contact_tag JOIN tag ON tag.id = contact_tag.tag_id " \
  "   WHERE contact_tag.contact_id = c.id ORDER BY tag.key) AS t)"

#define CONTACT_FROM \
  " FROM contact c LEFT JOIN organization o ON o.id = c.organization_id "

/* The parameters of every contact list query, bound from a D360ContactQuery:
 * ?1 FTS5 match expression, ?2 category key, ?3 country, ?4 organisation
 * kind key, ?5 tag key, ?6 organisation id. A filter that is off is named
 * as "?N IS NULL", which keeps the numbering and lets SQLite pick the index
 * of the filters that are on. */
enum {
  FILTER_SEARCH,
  FILTER_CATEGORY,
  FILTER_COUNTRY,
  FILTER_KIND,
  FILTER_TAG,
  FILTER_ORGANIZATION,
  N_FILTERS
};

/* A search streams the matching ids out of the index and joins them to the
 * narrow rows of contact_keys: about twice as fast, for a search that
 * matches most people, as looking each id up in a list ("c.id IN (…)"). */
#define SEARCH_FROM \
  "FROM contact_fts f CROSS JOIN contact c INDEXED BY contact_keys ON c.id = f.rowid " \
  "WHERE f.contact_fts MATCH ?1 "
#define PLAIN_FROM "FROM contact c WHERE ?1 IS NULL "

static const char * const filter_on[N_FILTERS] = {
  NULL,   /* SEARCH_FROM */
  "AND c.category = ?2 ",
  "AND c.country = ?3 ",
  "AND c.organization_id IN (SELECT id FROM organization WHERE kind = ?4) ",
  "AND c.id IN (SELECT contact_id FROM contact_tag "
  "             WHERE tag_id IN (SELECT id FROM tag WHERE key = ?5)) ",
  "AND c.organization_id = ?6 ",
};

static const char * const filter_off[N_FILTERS] = {
  NULL,   /* PLAIN_FROM */
  "AND ?2 IS NULL ",
  "AND ?3 IS NULL ",
  "AND ?4 IS NULL ",
  "AND ?5 IS NULL ",
  "AND ?6 IS NULL ",
};

/* Sorting: the key the inner query picks, its order, and the same order over
 * the key for the outer query. */
static const struct {
  const char *key;
  const char *inner_order;
  const char *outer_order;
} contact_sorts[] = {
  [D360_CONTACT_SORT_NAME] = {
    "c.sort_key", "ORDER BY c.sort_key, c.id ", "ORDER BY page.k, page.id"
  },
  [D360_CONTACT_SORT_UPDATED] = {
    "c.updated_at", "ORDER BY c.updated_at DESC, c.id DESC ", "ORDER BY page.k DESC, page.id DESC"
  },
};

#define ORGANIZATION_COLUMNS \
  "o.id, o.name, o.kind, o.country, o.city, o.website, o.email, o.phone, o.address, " \
  "o.notes, o.created_at, o.updated_at, " \
  "(SELECT count(*) FROM contact WHERE organization_id = o.id)"

static const char * const organization_count_sql[2] = {
  "SELECT count(*) FROM organization o WHERE ?1 IS NULL",
  "SELECT count(*) FROM organization o "
  "WHERE o.id IN (SELECT rowid FROM organization_fts WHERE organization_fts MATCH ?1)",
};

static const char * const organization_rows_sql[2] = {
  "SELECT " ORGANIZATION_COLUMNS " FROM organization o WHERE ?1 IS NULL "
  "ORDER BY o.name_key, o.id LIMIT ? OFFSET ?",
  "SELECT " ORGANIZATION_COLUMNS " FROM organization o "
  "WHERE o.id IN (SELECT rowid FROM organization_fts WHERE organization_fts MATCH ?1) "
  "ORDER BY o.name_key, o.id LIMIT ? OFFSET ?",
};

/* People's full-text rows, made from the tables as they are now. */
#define FTS_ROWS_SQL \
  "INSERT INTO contact_fts (rowid, name, organization, job_title, emails, phones, tags, notes) " \
  FTS_VALUES_SQL
#define FTS_VALUES_SQL \
  "SELECT c.id, " \
  "  coalesce (c.honorific, '') || ' ' || coalesce (c.given_name, '') || ' ' || " \
  "  coalesce (c.family_name, ''), " \
  "  o.name, c.job_title, " \
  "  (SELECT group_concat (value, ' ') FROM contact_email WHERE contact_id = c.id), " \
  "  (SELECT group_concat (value || ' ' || digits, ' ') FROM contact_phone " \
  "   WHERE contact_id = c.id), " \
  "  (SELECT group_concat (tag.name, ' ') FROM contact_tag " \
  "   JOIN tag ON tag.id = contact_tag.tag_id WHERE contact_tag.contact_id = c.id), " \
  "  c.notes " \
  "FROM contact c LEFT JOIN organization o ON o.id = c.organization_id "

/* One person's full-text row, from values at hand (refresh_fts_row(), and an
 * import for each person it adds, in rising ids, which FTS5 keeps in memory
 * until the end). The rows of people by id (?1: a JSON array of their ids,
 * rising) go in one statement: the people an import changed, and those a
 * delete removes. FTS5 writes its pending words to disk whenever a row comes
 * back to an id it has passed, so rewriting a row at a time in any order
 * would leave one small segment per person. */
#define FTS_ROW_SQL \
  "INSERT INTO contact_fts (rowid, name, organization, job_title, emails, phones, tags, notes) " \
  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
#define FTS_DELETE_IDS_SQL \
  "DELETE FROM contact_fts WHERE rowid IN (SELECT value FROM json_each (?1))"
#define IMPORT_FTS_VALUES_SQL \
  FTS_VALUES_SQL "WHERE c.id IN (SELECT value FROM json_each (?1)) ORDER BY c.id"

#define ORGANIZATION_FTS_ROWS_SQL \
  "INSERT INTO organization_fts (rowid, name, city, notes) " ORGANIZATION_FTS_VALUES_SQL
#define ORGANIZATION_FTS_VALUES_SQL "SELECT id, name, city, notes FROM organization "
#define ORGANIZATION_FTS_ROW_SQL \
  "INSERT INTO organization_fts (rowid, name, city, notes) VALUES (?1, ?2, ?3, ?4)"

/* The agenda areas by bit, in the export. */
static const char * const agenda_area_keys[D360_N_AGENDA_AREAS] = {
  "foreign-investment", "culture", "tourism", "sister-cities", "immigration", "education",
  "security-defence",
};

static const char * const channel_type_keys[] = {
  "home", "work", "cell", "fax", "other", "pref",
};

/* ------------------------------------------------------------ the undo record */

/* What d360_store_delete_contacts() hands back: the people as they were. */
#define D360_TYPE_DELETED_CONTACTS (d360_deleted_contacts_get_type ())

G_DECLARE_FINAL_TYPE (D360DeletedContacts, d360_deleted_contacts, D360, DELETED_CONTACTS, GObject)

struct _D360DeletedContacts
{
  GObject    parent_instance;

  GPtrArray *contacts;   /* of D360Contact, read whole */
  GArray    *distinct;   /* their contact_distinct pairs: first id, second id, … */
};

G_DEFINE_FINAL_TYPE (D360DeletedContacts, d360_deleted_contacts, G_TYPE_OBJECT)

static void
d360_deleted_contacts_finalize (GObject *object)
{
  D360DeletedContacts *self = (D360DeletedContacts *) object;

  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->distinct, g_array_unref);

  G_OBJECT_CLASS (d360_deleted_contacts_parent_class)->finalize (object);
}

static void
d360_deleted_contacts_class_init (D360DeletedContactsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = d360_deleted_contacts_finalize;
}

static void
d360_deleted_contacts_init (D360DeletedContacts *self)
{
  self->contacts = g_ptr_array_new_with_free_func (g_object_unref);
  self->distinct = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/* ---------------------------------------------------------------- helpers */

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
not_found (GError     **error,
           const char  *message)
{
  g_set_error_literal (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND, message);
  return FALSE;
}

static gboolean
read_failed (D360Store  *self,
             GError    **error)
{
  sqlite3 *db = d360_store_get_db (self);

  d360_store_set_error (error, db, sqlite3_errcode (db), _("Could not read the database"));
  return FALSE;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* For sorting ids (gint64), in an array or by pointer. */
static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* @ids as a JSON array, for json_each (). */
static char *
ids_to_json (GArray *ids)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* The people @id was said not to be (d360_store_set_contacts_distinct()),
 * as a set of gint64; NULL on error. */
static GHashTable *
distinct_from (D360Store  *self,
               gint64      id,
               GError    **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = d360_store_prepare (self,
                             "SELECT second_id FROM contact_distinct WHERE first_id = ?1 "
                             "UNION ALL "
                             "SELECT first_id FROM contact_distinct WHERE second_id = ?1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 other = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (ids, g_memdup2 (&other, sizeof other));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      read_failed (self, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

static const char *
null_to_empty (const char *text)
{
  return text != NULL ? text : "";
}

static const char *
empty_to_null (const char *text)
{
  return is_blank (text) ? NULL : text;
}

/* The Unicode way of d360_fold_text(): every text folds as this does. */
static char *
fold_text_by_unicode (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) bare = NULL;
  gboolean space = FALSE;

  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  /* In the decomposed form a diacritic is a mark of its own: ș is s + U+0326
   * (comma below), ş is s + U+0327 (cedilla), so both lose it alike. */
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");

  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK ||
          type == G_UNICODE_SPACING_MARK || type == G_UNICODE_FORMAT)
        continue;
      if (g_unichar_isspace (c) || type == G_UNICODE_CONTROL)
        {
          space = bare->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (bare, ' ');
      space = FALSE;
      g_string_append_unichar (bare, c);
    }

  return g_utf8_casefold (bare->str, bare->len);
}

/* The characters folded by a table: each once the Unicode way. Decomposing,
 * dropping marks and folding case each go a character at a time, so a text
 * of ASCII and these folds to what its characters fold to, one after the
 * other. */
static const struct
{
  gunichar first;
  gunichar last;
} fold_ranges[] = {
  /* Latin letters with diacritics (Latin-1, Latin Extended-A and B: ă â î
   * ș ț ş ţ é ü ö ł …) */
  { 0x00C0, 0x024F },
  /* General Punctuation: dashes and quotes (“Camera — Iași”, „…”) */
  { 0x2010, 0x205E },
};

/* The table's folded character, or NULL where @c is not in it or folds to
 * nothing or to white space (the Unicode way takes those). */
static const char *
fold_table_lookup (const char * const *table,
                   gunichar            c)
{
  gsize offset = 0;

  for (guint i = 0; i < G_N_ELEMENTS (fold_ranges); i++)
    {
      if (c >= fold_ranges[i].first && c <= fold_ranges[i].last)
        return table[offset + c - fold_ranges[i].first];
      offset += fold_ranges[i].last - fold_ranges[i].first + 1;
    }

  return NULL;
}

static gpointer
make_fold_table (gpointer data)
{
  gsize size = 0, offset = 0;
  char **table;

  for (guint i = 0; i < G_N_ELEMENTS (fold_ranges); i++)
    size += fold_ranges[i].last - fold_ranges[i].first + 1;
  table = g_new0 (char *, size);

  for (guint i = 0; i < G_N_ELEMENTS (fold_ranges); i++)
    for (gunichar c = fold_ranges[i].first; c <= fold_ranges[i].last; c++, offset++)
      {
        char letter[8] = { 0 };
        char *folded;

        g_unichar_to_utf8 (c, letter);
        folded = fold_text_by_unicode (letter);
        if (*folded == '\0' || strpbrk (folded, " \t\n\r\f\v") != NULL)
          g_clear_pointer (&folded, g_free);
        table[offset] = folded;
      }

  return table;
}

/**
 * d360_fold_text:
 * @text: (nullable): any text
 *
 * Returns: (transfer full): @text in folded case, without diacritics, its
 *   white space collapsed and trimmed ("" for %NULL)
 */
char *
d360_fold_text (const char *text)
{
  static GOnce table_once = G_ONCE_INIT;
  const char * const *table;
  gboolean space = FALSE;
  GString *folded;

  if (text == NULL)
    return g_strdup ("");

  /* Plain ASCII (most names, every email): no marks to drop, and case
   * folds as ASCII does; the same result as the Unicode way, without its
   * tables. */
  {
    const char *p = text;
    char *ascii, *out;

    while (*p != '\0' && (guchar) *p < 0x80)
      p++;
    if (*p == '\0')
      {
        ascii = out = g_malloc (p - text + 1);
        for (p = text; *p != '\0'; p++)
          {
            if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
              {
                space = out > ascii;
                continue;
              }
            if (space)
              *out++ = ' ';
            space = FALSE;
            *out++ = g_ascii_tolower (*p);
          }
        *out = '\0';
        return ascii;
      }
  }

  /* ASCII, Latin letters with diacritics (Romanian names, most of
   * Europe's) and punctuation by the table; anything else the Unicode way. */
  table = g_once (&table_once, make_fold_table, NULL);
  folded = g_string_sized_new (strlen (text));
  space = FALSE;
  for (const char *p = text; *p != '\0';)
    {
      const char *letter;
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
            space = folded->len > 0;
          else
            {
              if (space)
                g_string_append_c (folded, ' ');
              space = FALSE;
              g_string_append_c (folded, g_ascii_tolower (*p));
            }
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
      letter = fold_table_lookup (table, c);
      if (letter == NULL)
        {
          g_string_free (folded, TRUE);
          return fold_text_by_unicode (text);
        }
      if (space)
        g_string_append_c (folded, ' ');
      space = FALSE;
      g_string_append (folded, letter);
      p = g_utf8_next_char (p);
    }

  return g_string_free (folded, FALSE);
}

/**
 * d360_contact_dup_name_key:
 *
 * Returns: (transfer full): the folded given and family names, "" for none
 */
char *
d360_contact_dup_name_key (D360Contact *contact)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (D360_IS_CONTACT (contact), NULL);

  name = g_strjoin (" ",
                    d360_contact_get_given_name (contact) ? d360_contact_get_given_name (contact) : "",
                    d360_contact_get_family_name (contact) ? d360_contact_get_family_name (contact) : "",
                    NULL);
  return d360_fold_text (name);
}

/* The key the list sorts by: family then given name; without a name, the
 * organisation, then the first email. */
static char *
dup_sort_key (D360Contact *contact,
              const char  *organization_name)
{
  GPtrArray *emails = d360_contact_get_emails (contact);
  g_autofree char *name = NULL;
  char *key;

  name = g_strjoin (" ",
                    d360_contact_get_family_name (contact) ? d360_contact_get_family_name (contact) : "",
                    d360_contact_get_given_name (contact) ? d360_contact_get_given_name (contact) : "",
                    NULL);
  key = d360_fold_text (name);
  if (*key != '\0')
    return key;
  g_free (key);

  if (!is_blank (organization_name))
    return d360_fold_text (organization_name);
  if (emails->len > 0)
    return d360_fold_text (((D360Channel *) g_ptr_array_index (emails, 0))->value);

  return g_strdup ("");
}

/* An email address's key, as the index on lower(value) has it. */
static char *
email_key (const char *email)
{
  g_autofree char *stripped = g_strstrip (g_strdup (email != NULL ? email : ""));

  return g_ascii_strdown (stripped, -1);
}

static char *
phone_digits (const char *phone)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = phone; p != NULL && *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  return g_string_free (digits, FALSE);
}

/* The codes of a list as one text: "ro en fr", or NULL for none. */
static char *
join_codes (const char * const *codes)
{
  if (codes == NULL || codes[0] == NULL)
    return NULL;
  return g_strjoinv (" ", (char **) codes);
}

static GStrv
split_codes (const char *text)
{
  if (text == NULL)
    return g_new0 (char *, 1);
  return g_strsplit_set (text, " ", -1);
}

static gboolean
strv_contains_folded (const char * const *values,
                      const char         *value)
{
  g_autofree char *key = d360_fold_text (value);

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      g_autofree char *other = d360_fold_text (values[i]);

      if (g_str_equal (key, other))
        return TRUE;
    }

  return FALSE;
}

/* Turns what the user typed into an FTS5 query: every word a quoted string
 * (its quotes doubled) matching as a prefix, all of them required. Words of
 * punctuation only are dropped. Returns NULL when no word is left. */
static char *
build_match_expression (const char *search)
{
  g_autoptr(GString) expr = g_string_new (NULL);
  const char *p = search;

  if (search == NULL || !g_utf8_validate (search, -1, NULL))
    return NULL;

  while (*p != '\0')
    {
      const char *start;
      gboolean has_word_char = FALSE;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        {
          has_word_char |= g_unichar_isalnum (g_utf8_get_char (p));
          p = g_utf8_next_char (p);
        }

      if (!has_word_char)
        continue;

      if (expr->len > 0)
        g_string_append_c (expr, ' ');
      g_string_append_c (expr, '"');
      for (const char *c = start; c < p; c++)
        {
          if (*c == '"')
            g_string_append_c (expr, '"');
          g_string_append_c (expr, *c);
        }
      g_string_append (expr, "\"*");
    }

  if (expr->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&expr), FALSE);
}

static gboolean
step_row (sqlite3_stmt *stmt)
{
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* ------------------------------------------------------------- validation */

static gboolean
looks_like_email (const char *text)
{
  const char *at;
  const char *domain;

  if (text == NULL)
    return FALSE;

  at = strchr (text, '@');
  if (at == NULL || at == text || strchr (at + 1, '@') != NULL)
    return FALSE;

  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '<': case '>': case '(': case ')': case '[': case ']': case ',': case ';': case ':':
      case '"': case '\\':
        return FALSE;
      default:
        if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
          return FALSE;
      }

  domain = at + 1;
  return *domain != '\0' && *domain != '.' && strchr (domain, '.') != NULL &&
         !g_str_has_suffix (domain, ".") && strstr (domain, "..") == NULL;
}

static gboolean
is_country (const char *code)
{
  return code != NULL && strlen (code) == 2 &&
         d360_iso_codes_lookup (D360_ISO_COUNTRIES, code) != NULL;
}

/* "YYYY-MM-DD", or "--MM-DD" for a birthday without its year. */
static gboolean
is_birthday (const char *text)
{
  int month, day;

  if (d360_date_parse (text, NULL))
    return TRUE;
  if (strlen (text) != 7 || !g_str_has_prefix (text, "--") || text[4] != '-' ||
      !g_ascii_isdigit (text[2]) || !g_ascii_isdigit (text[3]) ||
      !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[6]))
    return FALSE;

  month = (text[2] - '0') * 10 + (text[3] - '0');
  day = (text[5] - '0') * 10 + (text[6] - '0');
  /* A leap year, so that 29 February is a birthday. */
  return month >= 1 && month <= 12 && day >= 1 &&
         g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, 2000);
}

static gboolean invalid_value (GError     **error,
                               const char  *format,
                               ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid_value (GError     **error,
               const char  *format,
               ...)
{
  va_list args;
  GError *invalid_error;

  va_start (args, format);
  invalid_error = g_error_new_valist (D360_STORE_ERROR, D360_STORE_ERROR_INVALID, format, args);
  va_end (args);

  g_propagate_error (error, invalid_error);
  return FALSE;
}

/**
 * d360_store_validate_contact:
 *
 * Checks what the database would refuse or what cannot be right, with a
 * sentence for the user.
 */
gboolean
d360_store_validate_contact (D360Contact  *contact,
                             GError      **error)
{
  GPtrArray *emails, *phones;
  const char * const *codes;
  const char *text;
  gint64 min, max;

  g_return_val_if_fail (D360_IS_CONTACT (contact), FALSE);

  emails = d360_contact_get_emails (contact);
  phones = d360_contact_get_phones (contact);

  if (is_blank (d360_contact_get_given_name (contact)) &&
      is_blank (d360_contact_get_family_name (contact)) &&
      emails->len == 0 &&
      d360_contact_get_organization_id (contact) <= 0 &&
      is_blank (d360_contact_get_organization_name_for_import (contact)))
    return invalid (error, _("A contact needs a name, an email address or an organisation."));

  for (guint i = 0; i < emails->len; i++)
    {
      const D360Channel *email = g_ptr_array_index (emails, i);
      g_autofree char *value = g_strstrip (g_strdup (email->value));

      if (!looks_like_email (value))
        return invalid_value (error, _("“%s” is not an email address."), email->value);
      if (email->types > D360_ALL_CHANNEL_TYPES)
        return invalid (error, _("An email address has an unknown type."));
    }

  for (guint i = 0; i < phones->len; i++)
    {
      const D360Channel *phone = g_ptr_array_index (phones, i);

      if (!d360_is_phone_number (phone->value))
        return invalid_value (error, _("“%s” is not a phone number."), phone->value);
      if (phone->types > D360_ALL_CHANNEL_TYPES)
        return invalid (error, _("A phone number has an unknown type."));
    }

  text = d360_contact_get_country (contact);
  if (text != NULL && !is_country (text))
    return invalid_value (error, _("“%s” is not a two-letter ISO 3166 country code, such as DE."),
                          text);
  text = d360_contact_get_address_country (contact);
  if (text != NULL && !is_country (text))
    return invalid_value (error, _("“%s” is not a two-letter ISO 3166 country code, such as DE."),
                          text);

  codes = d360_contact_get_interest_countries (contact);
  for (guint i = 0; codes[i] != NULL; i++)
    if (!is_country (codes[i]))
      return invalid_value (error,
                            _("“%s” is not a two-letter ISO 3166 country code, such as DE."),
                            codes[i]);

  codes = d360_contact_get_languages (contact);
  for (guint i = 0; codes[i] != NULL; i++)
    if (d360_iso_codes_lookup (D360_ISO_LANGUAGES, codes[i]) == NULL)
      return invalid_value (error, _("“%s” is not an ISO 639 language code, such as ro or en."),
                            codes[i]);

  min = d360_contact_get_investment_min (contact);
  max = d360_contact_get_investment_max (contact);
  text = d360_contact_get_investment_currency (contact);
  if (min < -1 || max < -1)
    return invalid (error, _("An investment amount cannot be negative."));
  if (min >= 0 && max >= 0 && min > max)
    return invalid (error, _("The smallest investment cannot be larger than the largest."));
  if (text != NULL && !d360_currency_is_valid (text))
    return invalid_value (error, _("“%s” is not an ISO 4217 currency code, such as EUR or RON."),
                          text);
  if ((min >= 0 || max >= 0) && text == NULL)
    return invalid (error, _("Choose the currency of the investment range."));
  if (min > D360_MAX_BUDGET_MINOR || max > D360_MAX_BUDGET_MINOR)
    return invalid (error, _("An investment amount is too large."));

  text = d360_contact_get_basis_date (contact);
  if (text != NULL && !d360_date_parse (text, NULL))
    return invalid_value (error, _("The date “%s” is not a real date (YYYY-MM-DD)."), text);
  text = d360_contact_get_birthday (contact);
  if (text != NULL && !is_birthday (text))
    return invalid_value (error,
                          _("The birthday “%s” is not a real date (YYYY-MM-DD, or --MM-DD "
                            "without the year)."),
                          text);

  text = d360_contact_get_website (contact);
  if (text != NULL && !d360_is_web_url (text))
    return invalid_value (error, _("“%s” is not a web address (http:// or https://)."), text);

  if (d360_contact_get_dimensions (contact) > D360_ALL_DIMENSIONS ||
      d360_contact_get_agenda_areas (contact) > D360_ALL_AGENDA_AREAS)
    return invalid (error, _("Unknown dimensions or agenda areas."));

  return TRUE;
}

/**
 * d360_store_validate_organization:
 *
 * A name; a valid country code, web address and email address.
 */
gboolean
d360_store_validate_organization (D360Organization  *organization,
                                  GError           **error)
{
  const char *text;

  g_return_val_if_fail (D360_IS_ORGANIZATION (organization), FALSE);

  if (is_blank (d360_organization_get_name (organization)))
    return invalid (error, _("An organisation needs a name."));

  text = d360_organization_get_country (organization);
  if (text != NULL && !is_country (text))
    return invalid_value (error, _("“%s” is not a two-letter ISO 3166 country code, such as DE."),
                          text);
  text = d360_organization_get_website (organization);
  if (text != NULL && !d360_is_web_url (text))
    return invalid_value (error, _("“%s” is not a web address (http:// or https://)."), text);
  text = d360_organization_get_email (organization);
  if (text != NULL && !looks_like_email (text))
    return invalid_value (error, _("“%s” is not an email address."), text);
  text = d360_organization_get_phone (organization);
  if (text != NULL && !d360_is_phone_number (text))
    return invalid_value (error, _("“%s” is not a phone number."), text);

  return TRUE;
}

/* --------------------------------------------------------------- reading */

/* The aggregated columns of CONTACT_COLUMNS are JSON that SQLite wrote in
 * one of two shapes: [["value",types,"label"|null],…] and ["name",…]. They
 * are read here directly (json-glib's parser and nodes cost as much as the
 * rest of reading a row). A reader of SQLite's own output: anything else,
 * which cannot come from that SQL, ends the list where it is. */

static void
skip_space (const char **p)
{
  while (**p == ' ' || **p == '\n' || **p == '\r' || **p == '\t')
    (*p)++;
}

static gboolean
read_hex4 (const char **p,
           gunichar    *value)
{
  *value = 0;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value ((*p)[i]);

      if (digit < 0)
        return FALSE;
      *value = (*value << 4) | (gunichar) digit;
    }
  *p += 4;
  return TRUE;
}

/* A JSON string at *@p into @out (emptied first); FALSE if there is none. */
static gboolean
read_json_string (const char **p,
                  GString     *out)
{
  const char *q = *p;

  g_string_truncate (out, 0);
  if (*q != '"')
    return FALSE;
  q++;
  for (;;)
    {
      const char *run = q;

      while (*q != '"' && *q != '\\' && *q != '\0')
        q++;
      g_string_append_len (out, run, q - run);
      if (*q == '"')
        break;
      if (*q == '\0')
        return FALSE;

      q++;  /* the backslash */
      switch (*q++)
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar c, low;

            if (!read_hex4 (&q, &c))
              return FALSE;
            if (c >= 0xd800 && c < 0xdc00 && q[0] == '\\' && q[1] == 'u')
              {
                const char *back = q;

                q += 2;
                if (read_hex4 (&q, &low) && low >= 0xdc00 && low < 0xe000)
                  c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                else
                  q = back;
              }
            if (c == 0 || (c >= 0xd800 && c < 0xe000))
              c = 0xfffd;  /* no NUL inside a C string; a lone surrogate */
            g_string_append_unichar (out, c);
          }
          break;
        default:
          return FALSE;
        }
    }
  *p = q + 1;
  return TRUE;
}

/* Past @c (after any space) at *@p, or FALSE. */
static gboolean
expect_char (const char **p,
             char         c)
{
  skip_space (p);
  if (**p != c)
    return FALSE;
  (*p)++;
  skip_space (p);
  return TRUE;
}

static GPtrArray *
channels_from_json (const char *json)
{
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func ((GDestroyNotify) d360_channel_free);
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GString) label = g_string_new (NULL);
  const char *p = json;

  if (p == NULL || !expect_char (&p, '['))
    return g_steal_pointer (&channels);

  while (expect_char (&p, '['))
    {
      gboolean has_label = TRUE;
      char *end;
      guint64 types;

      if (!read_json_string (&p, value) || !expect_char (&p, ','))
        break;
      types = g_ascii_strtoull (p, &end, 10);
      if (end == p)
        break;
      p = end;
      if (!expect_char (&p, ','))
        break;
      if (g_str_has_prefix (p, "null"))
        {
          has_label = FALSE;
          p += 4;
        }
      else if (!read_json_string (&p, label))
        break;
      if (!expect_char (&p, ']'))
        break;

      g_ptr_array_add (channels, d360_channel_new (value->str, (guint) types,
                                                   has_label ? label->str : NULL));
      if (!expect_char (&p, ','))
        break;
    }

  return g_steal_pointer (&channels);
}

static GStrv
strv_from_json (const char *json)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) value = g_string_new (NULL);
  const char *p = json;

  if (p != NULL && expect_char (&p, '['))
    while (read_json_string (&p, value))
      {
        g_strv_builder_add (builder, value->str);
        if (!expect_char (&p, ','))
          break;
      }

  return g_strv_builder_end (builder);
}

#define COLUMN_TEXT(stmt, i) ((const char *) sqlite3_column_text ((stmt), (i)))

/* The row of CONTACT_COLUMNS @stmt points at, as a contact still loading
 * (d360_contact_begin_loading()): the caller may give it more, then ends it. */
static D360Contact *
contact_from_row_loading (sqlite3_stmt *stmt)
{
  D360Contact *contact = d360_contact_new_with_id (sqlite3_column_int64 (stmt, 0));
  g_auto(GStrv) languages = split_codes (COLUMN_TEXT (stmt, 10));
  g_auto(GStrv) interest_countries = split_codes (COLUMN_TEXT (stmt, 19));
  D360Category category;
  D360LegalBasis basis;

  d360_contact_begin_loading (contact);
  d360_contact_set_uid (contact, COLUMN_TEXT (stmt, 1));
  d360_contact_set_honorific (contact, COLUMN_TEXT (stmt, 2));
  d360_contact_set_given_name (contact, COLUMN_TEXT (stmt, 3));
  d360_contact_set_family_name (contact, COLUMN_TEXT (stmt, 4));
  d360_contact_set_job_title (contact, COLUMN_TEXT (stmt, 5));
  d360_contact_set_organization_id (contact, sqlite3_column_int64 (stmt, 6));
  d360_contact_set_organization_name (contact, COLUMN_TEXT (stmt, 7));
  if (d360_category_from_key (COLUMN_TEXT (stmt, 8), &category))
    d360_contact_set_category (contact, category);
  d360_contact_set_country (contact, COLUMN_TEXT (stmt, 9));
  d360_contact_set_languages (contact, (const char * const *) languages);
  d360_contact_set_street (contact, COLUMN_TEXT (stmt, 11));
  d360_contact_set_locality (contact, COLUMN_TEXT (stmt, 12));
  d360_contact_set_region (contact, COLUMN_TEXT (stmt, 13));
  d360_contact_set_postal_code (contact, COLUMN_TEXT (stmt, 14));
  d360_contact_set_address_country (contact, COLUMN_TEXT (stmt, 15));
  d360_contact_set_sectors (contact, COLUMN_TEXT (stmt, 16));
  d360_contact_set_dimensions (contact, (guint) sqlite3_column_int (stmt, 17));
  d360_contact_set_agenda_areas (contact, (guint) sqlite3_column_int (stmt, 18));
  d360_contact_set_interest_countries (contact, (const char * const *) interest_countries);
  if (sqlite3_column_type (stmt, 20) != SQLITE_NULL)
    d360_contact_set_investment_min (contact, sqlite3_column_int64 (stmt, 20));
  if (sqlite3_column_type (stmt, 21) != SQLITE_NULL)
    d360_contact_set_investment_max (contact, sqlite3_column_int64 (stmt, 21));
  d360_contact_set_investment_currency (contact, COLUMN_TEXT (stmt, 22));
  d360_contact_set_notes (contact, COLUMN_TEXT (stmt, 23));
  if (d360_legal_basis_from_key (COLUMN_TEXT (stmt, 24), &basis))
    d360_contact_set_legal_basis (contact, basis);
  d360_contact_set_basis_date (contact, COLUMN_TEXT (stmt, 25));
  d360_contact_set_basis_source (contact, COLUMN_TEXT (stmt, 26));
  d360_contact_set_birthday (contact, COLUMN_TEXT (stmt, 27));
  d360_contact_set_website (contact, COLUMN_TEXT (stmt, 28));
  d360_contact_set_created_at (contact, COLUMN_TEXT (stmt, 29));
  d360_contact_set_updated_at (contact, COLUMN_TEXT (stmt, 30));
  if (sqlite3_column_type (stmt, 31) != SQLITE_NULL)
    d360_contact_take_emails (contact, channels_from_json (COLUMN_TEXT (stmt, 31)));
  if (sqlite3_column_type (stmt, 32) != SQLITE_NULL)
    d360_contact_take_phones (contact, channels_from_json (COLUMN_TEXT (stmt, 32)));
  if (sqlite3_column_type (stmt, 33) != SQLITE_NULL)
    d360_contact_take_tags (contact, strv_from_json (COLUMN_TEXT (stmt, 33)));

  return contact;
}

/* The row of CONTACT_COLUMNS @stmt points at, as a contact. */
static GObject *
contact_from_row (sqlite3_stmt *stmt)
{
  D360Contact *contact = contact_from_row_loading (stmt);

  d360_contact_end_loading (contact);
  return G_OBJECT (contact);
}

static D360Contact *
read_contact (D360Store  *self,
              gint64      id,
              GError    **error)
{
  D360Contact *contact = NULL;
  sqlite3_stmt *stmt;

  stmt = d360_store_prepare (self, "SELECT " CONTACT_COLUMNS CONTACT_FROM "WHERE c.id = ?1",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (step_row (stmt))
    contact = D360_CONTACT (contact_from_row (stmt));
  sqlite3_reset (stmt);

  if (contact == NULL)
    not_found (error, _("The contact does not exist any more."));
  return contact;
}

static GObject *
organization_from_row (sqlite3_stmt *stmt)
{
  D360Organization *organization = d360_organization_new_with_id (sqlite3_column_int64 (stmt, 0));
  D360OrgKind kind;

  g_object_freeze_notify (G_OBJECT (organization));
  d360_organization_set_name (organization, COLUMN_TEXT (stmt, 1));
  if (d360_org_kind_from_key (COLUMN_TEXT (stmt, 2), &kind))
    d360_organization_set_kind (organization, kind);
  d360_organization_set_country (organization, COLUMN_TEXT (stmt, 3));
  d360_organization_set_city (organization, COLUMN_TEXT (stmt, 4));
  d360_organization_set_website (organization, COLUMN_TEXT (stmt, 5));
  d360_organization_set_email (organization, COLUMN_TEXT (stmt, 6));
  d360_organization_set_phone (organization, COLUMN_TEXT (stmt, 7));
  d360_organization_set_address (organization, COLUMN_TEXT (stmt, 8));
  d360_organization_set_notes (organization, COLUMN_TEXT (stmt, 9));
  d360_organization_set_created_at (organization, COLUMN_TEXT (stmt, 10));
  d360_organization_set_updated_at (organization, COLUMN_TEXT (stmt, 11));
  d360_organization_set_n_people (organization, (guint) sqlite3_column_int64 (stmt, 12));
  g_object_thaw_notify (G_OBJECT (organization));

  return G_OBJECT (organization);
}

static D360Organization *
read_organization (D360Store  *self,
                   gint64      id,
                   GError    **error)
{
  D360Organization *organization = NULL;
  sqlite3_stmt *stmt;

  stmt = d360_store_prepare (self,
                             "SELECT " ORGANIZATION_COLUMNS " FROM organization o WHERE o.id = ?1",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (step_row (stmt))
    organization = D360_ORGANIZATION (organization_from_row (stmt));
  sqlite3_reset (stmt);

  if (organization == NULL)
    not_found (error, _("The organisation does not exist any more."));
  return organization;
}

/* The emails, phones and tags of the people an import adds wait here until
 * BATCH_ROWS of a kind are ready, then go to their table in one statement
 * (see write_pending()). */
typedef struct
{
  gint64      contact_id;
  char       *value;      /* stripped: owned */
  char       *digits;     /* a phone's digits: owned; NULL for an email */
  const char *label;      /* the contact's, which outlives the import */
  int         types;
  int         position;
} PendingChannel;

typedef struct
{
  gint64 contact_id;
  gint64 tag_id;
} PendingTag;

typedef enum
{
  PENDING_EMAILS,   /* PendingChannel */
  PENDING_PHONES,   /* PendingChannel */
  PENDING_TAGS,     /* PendingTag */
  N_PENDING_KINDS
} PendingKind;

/* What an import looks up again and again, kept for its length: the ids of
 * organisations and tags by folded name, the names of organisations by id.
 * Everything else passes NULL. */
typedef struct
{
  GHashTable *organization_ids;    /* folded name → gint64 id */
  GHashTable *organization_names;  /* gint64 id → name */
  GHashTable *tag_ids;             /* folded name → gint64 id */
  GHashTable *tag_names;           /* gint64 id → name */
  GArray     *changed_ids;         /* gint64: the stored people it rewrote */
  GHashTable *known_keys;          /* fingerprints (see key_fingerprint()), or NULL */
  GHashTable *owners;              /* see add_owner(), or NULL */
  char       *now;                 /* the time of everything the import writes */
  gboolean    counting_only;       /* a dry run: no search rows, no indexes built */
  D360SearchWriter *search;        /* an import's search rows go there */
  GArray     *pending[N_PENDING_KINDS];  /* the new people's rows not written yet */
} LookupCache;

/* A person's keys, worked out ahead by an import (in a second thread, see
 * prepare_thread()); the functions that take them work out the missing
 * ones themselves. */
typedef struct
{
  char *name_key;            /* d360_contact_dup_name_key () */
  char *organization_key;    /* the organisation's folded name, for an import */
  char *sort_key;            /* dup_sort_key () with… */
  char *sort_organization;   /* …this organisation name */
} ContactKeys;

static void
contact_keys_clear (ContactKeys *keys)
{
  g_clear_pointer (&keys->name_key, g_free);
  g_clear_pointer (&keys->organization_key, g_free);
  g_clear_pointer (&keys->sort_key, g_free);
  g_clear_pointer (&keys->sort_organization, g_free);
}

static void
lookup_cache_init (LookupCache *cache)
{
  cache->organization_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cache->organization_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                     g_free);
  cache->tag_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  cache->tag_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  cache->changed_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  cache->known_keys = NULL;
  cache->owners = NULL;
  cache->now = d360_store_now_utc ();
  for (PendingKind kind = 0; kind < N_PENDING_KINDS; kind++)
    cache->pending[kind] = g_array_new (FALSE, FALSE, kind == PENDING_TAGS ? sizeof (PendingTag)
                                                                           : sizeof (PendingChannel));
}

/* Frees the first @n of @channels (PendingChannel) and removes them. */
static void
pending_channels_free (GArray *channels,
                       guint   n)
{
  for (guint i = 0; i < n; i++)
    {
      PendingChannel *channel = &g_array_index (channels, PendingChannel, i);

      g_free (channel->value);
      g_free (channel->digits);
    }
  g_array_remove_range (channels, 0, n);
}

static void
lookup_cache_clear (LookupCache *cache)
{
  g_clear_pointer (&cache->organization_ids, g_hash_table_unref);
  g_clear_pointer (&cache->organization_names, g_hash_table_unref);
  g_clear_pointer (&cache->tag_ids, g_hash_table_unref);
  g_clear_pointer (&cache->tag_names, g_hash_table_unref);
  g_clear_pointer (&cache->changed_ids, g_array_unref);
  g_clear_pointer (&cache->known_keys, g_hash_table_unref);
  g_clear_pointer (&cache->owners, g_hash_table_unref);
  g_clear_pointer (&cache->now, g_free);
  /* What a failed or cancelled import had not written. */
  for (PendingKind kind = 0; kind < N_PENDING_KINDS; kind++)
    {
      if (kind != PENDING_TAGS)
        pending_channels_free (cache->pending[kind], cache->pending[kind]->len);
      g_clear_pointer (&cache->pending[kind], g_array_unref);
    }
}

/* What a person can be found by as a likely duplicate, as a 64-bit
 * fingerprint (FNV-1a) of a kind letter, the key and an id: 'u' and the UID,
 * 'e' and the email in lower case (ASCII, as SQL's lower()), 'n' and the
 * name key with the organisation's id (0 for none).
 *
 * A large import keeps the fingerprints of every stored key in
 * LookupCache.known_keys and adds those of everyone it writes: a key whose
 * fingerprint is missing belongs to nobody, and needs no look-up in the
 * database; one that is present (or collides) is looked up as before. */
static gpointer
key_fingerprint (char        kind,
                 const char *key,
                 gint64      id)
{
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  const guint64 prime = G_GUINT64_CONSTANT (0x100000001b3);

  hash = (hash ^ (guchar) kind) * prime;
  for (const char *p = key; *p != '\0'; p++)
    hash = (hash ^ (guchar) *p) * prime;
  for (guint i = 0; i < 8; i++)
    hash = (hash ^ (((guint64) id >> (8 * i)) & 0xff)) * prime;

  return GSIZE_TO_POINTER ((gsize) hash);
}

/* Whether a person may have this key: always, without fingerprints. */
static gboolean
key_may_exist (LookupCache *cache,
               char         kind,
               const char  *key,
               gint64       id)
{
  if (cache == NULL || cache->known_keys == NULL)
    return TRUE;

  return g_hash_table_contains (cache->known_keys, key_fingerprint (kind, key, id));
}

static void
add_known_key (LookupCache *cache,
               char         kind,
               const char  *key,
               gint64       id)
{
  if (cache != NULL && cache->known_keys != NULL)
    g_hash_table_add (cache->known_keys, key_fingerprint (kind, key, id));
}

/* A large import into an empty book finds likely duplicates without the
 * indexes on UIDs, name keys and emails, which it builds at its end (see
 * import_in_transaction()): LookupCache.owners maps each key's fingerprint
 * (key_fingerprint()) to the people it has written with a key of that
 * fingerprint, in rising ids. find_owner() checks each against the tables:
 * fingerprints may collide, and a merge may since have given someone
 * another name key or organisation.
 *
 * A key has one owner as a rule: that id is the value itself, as
 * (id << 1) | 1; several are a GArray of gint64 (a pointer: even). 100 000
 * people have some 300 000 keys. */
#define ONE_OWNER_MAX ((gint64) (G_MAXSIZE >> 1))

static void
owners_free (gpointer value)
{
  if ((GPOINTER_TO_SIZE (value) & 1) == 0)
    g_array_unref (value);
}

static GHashTable *
owners_new (void)
{
  return g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, owners_free);
}

/* The owners of @fingerprint, in rising ids, in @one or the array returned;
 * @n_owners of them. */
static const gint64 *
owners_of (LookupCache *cache,
           gpointer     fingerprint,
           gint64      *one,
           guint       *n_owners)
{
  gpointer value = g_hash_table_lookup (cache->owners, fingerprint);
  GArray *ids = value;

  *n_owners = 0;
  if (value == NULL)
    return NULL;
  if (GPOINTER_TO_SIZE (value) & 1)
    {
      *one = (gint64) (GPOINTER_TO_SIZE (value) >> 1);
      *n_owners = 1;
      return one;
    }
  *n_owners = ids->len;
  return (const gint64 *) (void *) ids->data;
}

static void
add_owner (LookupCache *cache,
           char         kind,
           const char  *key,
           gint64       key_id,
           gint64       contact_id)
{
  gpointer fingerprint = key_fingerprint (kind, key, key_id);
  gpointer value = g_hash_table_lookup (cache->owners, fingerprint);
  GArray *ids;
  guint at;

  if (value == NULL && contact_id <= ONE_OWNER_MAX)
    {
      g_hash_table_insert (cache->owners, fingerprint,
                           GSIZE_TO_POINTER (((gsize) contact_id << 1) | 1));
      return;
    }
  /* Theirs alone already (a merged person's keys, noted again). */
  if ((GPOINTER_TO_SIZE (value) & 1) && (gint64) (GPOINTER_TO_SIZE (value) >> 1) == contact_id)
    return;

  if (value == NULL || (GPOINTER_TO_SIZE (value) & 1))
    {
      ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 2);
      if (value != NULL)
        {
          gint64 first = (gint64) (GPOINTER_TO_SIZE (value) >> 1);

          g_array_append_val (ids, first);
        }
      g_hash_table_insert (cache->owners, fingerprint, ids);
    }
  else
    ids = value;

  /* New people come in rising ids; a merged one may come back later. */
  for (at = ids->len; at > 0 && g_array_index (ids, gint64, at - 1) > contact_id; at--)
    ;
  if (at == 0 || g_array_index (ids, gint64, at - 1) != contact_id)
    g_array_insert_val (ids, at, contact_id);
}

/* Notes that the person @contact_id, just written, has the key. */
static void
note_key (LookupCache *cache,
          char         kind,
          const char  *key,
          gint64       key_id,
          gint64       contact_id)
{
  add_known_key (cache, kind, key, key_id);
  if (cache->owners != NULL)
    add_owner (cache, kind, key, key_id, contact_id);
}

static void
cache_id (GHashTable *table,
          const char *key,
          gint64      id)
{
  if (table != NULL)
    g_hash_table_insert (table, g_strdup (key), g_memdup2 (&id, sizeof id));
}

static gint64
cached_id (GHashTable *table,
           const char *key)
{
  gint64 *id = table != NULL ? g_hash_table_lookup (table, key) : NULL;

  return id != NULL ? *id : 0;
}

/* The id of the organisation of this folded name (the oldest, if several),
 * 0 for none, -1 on error. */
static gint64
find_organization_id (D360Store    *self,
                      LookupCache  *cache,
                      const char   *name_key,
                      GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id = cache != NULL ? cached_id (cache->organization_ids, name_key) : 0;

  if (id > 0)
    return id;

  stmt = d360_store_prepare (self,
                             "SELECT id FROM organization WHERE name_key = ?1 ORDER BY id LIMIT 1",
                             error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_text (stmt, 1, name_key, -1, SQLITE_STATIC);
  if (step_row (stmt))
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (id > 0 && cache != NULL)
    cache_id (cache->organization_ids, name_key, id);
  return id;
}

/* ---------------------------------------------------------------- writing */

/* Prepares a statement that writes the search index (the search file),
 * which the transaction's commit must then stamp. */
static sqlite3_stmt *
prepare_search_write (D360Store   *self,
                      const char  *sql,
                      GError     **error)
{
  d360_store_mark_search_written (self);
  return d360_store_prepare (self, sql, error);
}

/* Rewrites one full-text row: deletes row @id (@delete_sql), then reads its
 * values with @select_sql (bound to @id) and writes them with @insert_sql
 * (one row of VALUES). Not one INSERT … SELECT: a statement that may write
 * several rows opens a statement journal, at which FTS5 writes out the
 * words it holds, so that rewriting the rows of 1 000 people one by one
 * (tagging them) left 1 000 small segments to merge: 12.6 G instructions
 * instead of some hundred million. */
static gboolean
refresh_fts_row (D360Store   *self,
                 const char  *delete_sql,
                 const char  *select_sql,
                 const char  *insert_sql,
                 gint64       id,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  stmt = d360_store_prepare (self, delete_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!d360_store_step_done (self, stmt, error))
    return FALSE;

  stmt = d360_store_prepare (self, select_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (step_row (stmt))
    {
      sqlite3_stmt *insert = d360_store_prepare (self, insert_sql, error);

      if (insert == NULL)
        ok = FALSE;
      else
        {
          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            sqlite3_bind_value (insert, i + 1, sqlite3_column_value (stmt, i));
          ok = d360_store_step_done (self, insert, error);
        }
    }
  sqlite3_reset (stmt);
  return ok;
}

/* Rewrites the person's full-text row from the tables (or removes it, when
 * they are gone). */
static gboolean
refresh_contact_fts (D360Store  *self,
                     gint64      id,
                     GError    **error)
{
  d360_store_mark_search_written (self);
  return refresh_fts_row (self, "DELETE FROM contact_fts WHERE rowid = ?1",
                          FTS_VALUES_SQL "WHERE c.id = ?1", FTS_ROW_SQL, id, error);
}

gboolean
d360_store_fill_contact_search (D360Store  *self,
                                GError    **error)
{
  sqlite3_stmt *stmt = d360_store_prepare (self, FTS_ROWS_SQL "ORDER BY c.id", error);

  if (stmt == NULL || !d360_store_step_done (self, stmt, error))
    return FALSE;
  stmt = d360_store_prepare (self, ORGANIZATION_FTS_ROWS_SQL "ORDER BY id", error);
  return stmt != NULL && d360_store_step_done (self, stmt, error);
}

/* Rewrites the organisation's full-text row (or removes it, when it is
 * gone). */
static gboolean
refresh_organization_fts (D360Store  *self,
                          gint64      id,
                          GError    **error)
{
  d360_store_mark_search_written (self);
  return refresh_fts_row (self, "DELETE FROM organization_fts WHERE rowid = ?1",
                          ORGANIZATION_FTS_VALUES_SQL "WHERE id = ?1", ORGANIZATION_FTS_ROW_SQL,
                          id, error);
}

static gboolean
remove_unused_tags (D360Store  *self,
                    GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = d360_store_prepare (self,
                             "DELETE FROM tag WHERE NOT EXISTS "
                             "(SELECT 1 FROM contact_tag WHERE tag_id = tag.id)",
                             error);
  return stmt != NULL && d360_store_step_done (self, stmt, error);
}

/* The id of the tag @name (folded case), created when missing; -1 on error. */
static gint64
ensure_tag (D360Store    *self,
            LookupCache  *cache,
            const char   *name,
            GError      **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));
  g_autofree char *key = d360_fold_text (stripped);
  sqlite3_stmt *stmt;
  gint64 id = cache != NULL ? cached_id (cache->tag_ids, key) : 0;

  if (id > 0)
    return id;

  stmt = d360_store_prepare (self, "SELECT id, name FROM tag WHERE key = ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (step_row (stmt))
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (cache != NULL)
        {
          cache_id (cache->tag_ids, key, id);
          g_hash_table_insert (cache->tag_names, g_memdup2 (&id, sizeof id),
                               d360_store_column_text (stmt, 1));
        }
    }
  sqlite3_reset (stmt);
  if (id > 0)
    return id;

  stmt = d360_store_prepare (self, "INSERT INTO tag (name, key) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, stripped, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  if (!d360_store_step_done (self, stmt, error))
    return -1;

  id = sqlite3_last_insert_rowid (d360_store_get_db (self));
  if (cache != NULL)
    {
      cache_id (cache->tag_ids, key, id);
      g_hash_table_insert (cache->tag_names, g_memdup2 (&id, sizeof id), g_strdup (stripped));
    }
  return id;
}

/* Links the person to the tag. */
static gboolean
link_tag (D360Store    *self,
          LookupCache  *cache,
          gint64        contact_id,
          const char   *tag,
          GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 tag_id = ensure_tag (self, cache, tag, error);

  if (tag_id < 0)
    return FALSE;

  stmt = d360_store_prepare (self,
                             "INSERT OR IGNORE INTO contact_tag (contact_id, tag_id) VALUES (?1, ?2)",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact_id);
  sqlite3_bind_int64 (stmt, 2, tag_id);
  return d360_store_step_done (self, stmt, error);
}

/* Writes the person's emails or phones from the @first on (the ones before
 * are stored already). */
static gboolean
write_channels (D360Store   *self,
                gint64       contact_id,
                GPtrArray   *channels,
                gboolean     phones,
                gboolean     replace,
                guint        first,
                GError     **error)
{
  sqlite3_stmt *stmt;

  if (replace)
    {
      stmt = d360_store_prepare (self,
                                 phones ? "DELETE FROM contact_phone WHERE contact_id = ?1"
                                        : "DELETE FROM contact_email WHERE contact_id = ?1",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, contact_id);
      if (!d360_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = first; i < channels->len; i++)
    {
      const D360Channel *channel = g_ptr_array_index (channels, i);
      g_autofree char *value = g_strstrip (g_strdup (channel->value));

      if (phones)
        {
          g_autofree char *digits = phone_digits (value);

          stmt = d360_store_prepare (self,
                                     "INSERT INTO contact_phone "
                                     "(contact_id, value, digits, types, label, position) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                     error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 3, digits, -1, SQLITE_TRANSIENT);
        }
      else
        {
          stmt = d360_store_prepare (self,
                                     "INSERT INTO contact_email "
                                     "(contact_id, value, types, label, position) "
                                     "VALUES (?1, ?2, ?4, ?5, ?6)",
                                     error);
          if (stmt == NULL)
            return FALSE;
        }

      sqlite3_bind_int64 (stmt, 1, contact_id);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, (int) channel->types);
      d360_store_bind_text (stmt, 5, empty_to_null (channel->label));
      sqlite3_bind_int (stmt, 6, (int) i);
      if (!d360_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_tags (D360Store    *self,
            LookupCache  *cache,
            gint64        contact_id,
            D360Contact  *contact,
            gboolean      replace,
            GError      **error)
{
  const char * const *tags = d360_contact_get_tags (contact);
  sqlite3_stmt *stmt;

  if (replace)
    {
      stmt = d360_store_prepare (self, "DELETE FROM contact_tag WHERE contact_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, contact_id);
      if (!d360_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; tags[i] != NULL; i++)
    if (!link_tag (self, cache, contact_id, tags[i], error))
      return FALSE;

  return TRUE;
}

/* ----------------------------------------------- an import's new people */

/* An import writes the emails, phones and tags of the people it adds
 * BATCH_ROWS to a statement. A statement has a cost of its own (its program
 * run from the start, a cursor opened and closed on the table and on each
 * of its indexes): these rows took 13 300 instructions each one to a
 * statement, 7 800 in batches (callgrind, 20 000 cards). The import's
 * writing thread sets its pace, and they are three quarters of its rows.
 *
 * A statement of several rows opens a statement journal, at which FTS5
 * writes out the words it holds (see refresh_fts_row()): the import's
 * search rows go through another connection (d360-store-search.c), so the
 * statements here never meet FTS5.
 *
 * The rows wait in LookupCache.pending: flush_pending_rows() writes them
 * before the import reads back emails or tags (the look-up of a likely
 * duplicate, a stored person read for a merge) and at its end. The rows were
 * validated with their person (d360_store_validate_contact()): what can
 * still fail writing them (a full disk) fails the whole import anyway. */
#define BATCH_ROWS 32
#define ROWS_2(row) row ", " row
#define ROWS_4(row) ROWS_2 (ROWS_2 (row))
#define ROWS_8(row) ROWS_2 (ROWS_4 (row))
#define ROWS_16(row) ROWS_2 (ROWS_8 (row))
#define ROWS_32(row) ROWS_2 (ROWS_16 (row))
/* The statements of 1, 2, 4, … BATCH_ROWS rows: what a flush leaves, fewer
 * than a batch, goes in a handful of statements. */
#define ROWS_BY_TWOS(insert, row) \
  { insert row, insert ROWS_2 (row), insert ROWS_4 (row), insert ROWS_8 (row), \
    insert ROWS_16 (row), insert ROWS_32 (row) }
#define N_BATCH_SIZES 6
G_STATIC_ASSERT (BATCH_ROWS == 1 << (N_BATCH_SIZES - 1));

static const struct
{
  const char *sql[N_BATCH_SIZES];   /* of 1 << i rows */
  int         width;
} pending_sql[] = {
  [PENDING_EMAILS] = {
    ROWS_BY_TWOS ("INSERT INTO contact_email (contact_id, value, types, label, position) VALUES ",
                  "(?, ?, ?, ?, ?)"), 5 },
  [PENDING_PHONES] = {
    ROWS_BY_TWOS ("INSERT INTO contact_phone "
                  "(contact_id, value, types, label, position, digits) VALUES ",
                  "(?, ?, ?, ?, ?, ?)"), 6 },
  [PENDING_TAGS] = {
    ROWS_BY_TWOS ("INSERT OR IGNORE INTO contact_tag (contact_id, tag_id) VALUES ", "(?, ?)"),
    2 },
};

/* Writes the waiting rows of @kind: the full batches, or with @all every
 * one. */
static gboolean
write_pending (D360Store    *self,
               LookupCache  *cache,
               PendingKind   kind,
               gboolean      all,
               GError      **error)
{
  GArray *rows = cache->pending[kind];
  int width = pending_sql[kind].width;
  gboolean ok = TRUE;
  guint done = 0;

  while (ok && (rows->len - done >= BATCH_ROWS || (all && done < rows->len)))
    {
      guint size = N_BATCH_SIZES - 1;
      guint n;
      sqlite3_stmt *stmt;

      while (rows->len - done < 1u << size)
        size--;
      n = 1u << size;
      stmt = d360_store_prepare (self, pending_sql[kind].sql[size], error);

      if (stmt == NULL)
        return FALSE;   /* the rows stay, for lookup_cache_clear() */

      for (guint i = 0; i < n; i++)
        {
          int first = (int) i * width + 1;

          if (kind == PENDING_TAGS)
            {
              const PendingTag *tag = &g_array_index (rows, PendingTag, done + i);

              sqlite3_bind_int64 (stmt, first, tag->contact_id);
              sqlite3_bind_int64 (stmt, first + 1, tag->tag_id);
            }
          else
            {
              const PendingChannel *channel = &g_array_index (rows, PendingChannel, done + i);

              sqlite3_bind_int64 (stmt, first, channel->contact_id);
              sqlite3_bind_text (stmt, first + 1, channel->value, -1, SQLITE_STATIC);
              sqlite3_bind_int (stmt, first + 2, channel->types);
              d360_store_bind_static_text (stmt, first + 3, channel->label);
              sqlite3_bind_int (stmt, first + 4, channel->position);
              if (kind == PENDING_PHONES)
                sqlite3_bind_text (stmt, first + 5, channel->digits, -1, SQLITE_STATIC);
            }
        }
      ok = d360_store_step_done (self, stmt, error);
      done += n;
    }

  if (kind == PENDING_TAGS)
    g_array_remove_range (rows, 0, done);
  else
    pending_channels_free (rows, done);
  return ok;
}

static gint64
pending_contact_id (GArray      *rows,
                    PendingKind  kind,
                    guint        i)
{
  return kind == PENDING_TAGS ? g_array_index (rows, PendingTag, i).contact_id
                              : g_array_index (rows, PendingChannel, i).contact_id;
}

/* Whether a row of the person @contact_id may be waiting: their id lies
 * within those of the waiting rows (which come in rising ids). */
static gboolean
pending_rows_of_contact (LookupCache *cache,
                         gint64       contact_id)
{
  for (PendingKind kind = 0; kind < N_PENDING_KINDS; kind++)
    {
      GArray *rows = cache->pending[kind];

      if (rows->len > 0 && pending_contact_id (rows, kind, 0) <= contact_id &&
          pending_contact_id (rows, kind, rows->len - 1) >= contact_id)
        return TRUE;
    }

  return FALSE;
}

/* Whether a waiting row has the email of this key (email_key()). */
static gboolean
pending_email (LookupCache *cache,
               const char  *key)
{
  GArray *emails = cache->pending[PENDING_EMAILS];

  for (guint i = 0; i < emails->len; i++)
    if (g_ascii_strcasecmp (g_array_index (emails, PendingChannel, i).value, key) == 0)
      return TRUE;

  return FALSE;
}

/* Writes every waiting row of an import (@cache), so that the tables have
 * all its new people. */
static gboolean
flush_pending_rows (D360Store    *self,
                    LookupCache  *cache,
                    GError      **error)
{
  for (PendingKind kind = 0; cache != NULL && kind < N_PENDING_KINDS; kind++)
    if (!write_pending (self, cache, kind, TRUE, error))
      return FALSE;

  return TRUE;
}

/* Queues a new person's emails or phones, and adds them to @text as the
 * full-text row has them (an email; a phone, then its digits), separated by
 * spaces. */
static gboolean
queue_channels (D360Store    *self,
                LookupCache  *cache,
                gint64        contact_id,
                GPtrArray    *channels,
                gboolean      phones,
                GString      *text,
                GError      **error)
{
  PendingKind kind = phones ? PENDING_PHONES : PENDING_EMAILS;
  GArray *rows = cache->pending[kind];

  for (guint i = 0; i < channels->len; i++)
    {
      const D360Channel *channel = g_ptr_array_index (channels, i);
      PendingChannel row = {
        .contact_id = contact_id,
        .value = g_strstrip (g_strdup (channel->value)),
        .label = empty_to_null (channel->label),
        .types = (int) channel->types,
        .position = (int) i,
      };

      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, row.value);
      if (phones)
        {
          row.digits = phone_digits (row.value);
          g_string_append_c (text, ' ');
          g_string_append (text, row.digits);
        }
      g_array_append_val (rows, row);
    }

  return rows->len < BATCH_ROWS || write_pending (self, cache, kind, FALSE, error);
}

/* Queues a new person's tags (each once), and adds their stored names to
 * @names, separated by spaces. */
static gboolean
queue_tags (D360Store    *self,
            LookupCache  *cache,
            gint64        contact_id,
            D360Contact  *contact,
            GString      *names,
            GError      **error)
{
  const char * const *tags = d360_contact_get_tags (contact);
  GArray *rows = cache->pending[PENDING_TAGS];

  for (guint i = 0; tags[i] != NULL; i++)
    {
      PendingTag row = { .contact_id = contact_id, .tag_id = ensure_tag (self, cache, tags[i],
                                                                         error) };
      const char *name;
      gboolean seen = FALSE;

      if (row.tag_id < 0)
        return FALSE;
      /* The person's tags so far are the last rows: nothing is written
       * before the loop ends. */
      for (guint j = rows->len; j > 0 && !seen; j--)
        {
          const PendingTag *before = &g_array_index (rows, PendingTag, j - 1);

          if (before->contact_id != contact_id)
            break;
          seen = before->tag_id == row.tag_id;
        }
      if (seen)
        continue;

      g_array_append_val (rows, row);
      name = g_hash_table_lookup (cache->tag_names, &row.tag_id);
      if (names->len > 0)
        g_string_append_c (names, ' ');
      g_string_append (names, name != NULL ? name : tags[i]);
    }

  return rows->len < BATCH_ROWS || write_pending (self, cache, PENDING_TAGS, FALSE, error);
}

/* Creates an organisation of this name (kind "other"), without its
 * full-text row, at the time of @cache's import if there is one (working
 * out the time costs more than the row); its id, or -1. */
static gint64
create_organization_named (D360Store    *self,
                           LookupCache  *cache,
                           const char   *name,
                           const char   *name_key,
                           GError      **error)
{
  g_autofree char *now = cache != NULL ? g_strdup (cache->now) : d360_store_now_utc ();
  sqlite3_stmt *stmt;

  stmt = d360_store_prepare (self,
                             "INSERT INTO organization (name, name_key, created_at, updated_at) "
                             "VALUES (?1, ?2, ?3, ?3)",
                             error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
  if (!d360_store_step_done (self, stmt, error))
    return -1;

  d360_store_emit_changed (self, "organization");
  return sqlite3_last_insert_rowid (d360_store_get_db (self));
}

/* Links @contact to the organisation it names for an import: an existing one
 * of that folded name, or a new one. */
static gboolean
resolve_import_organization (D360Store    *self,
                             LookupCache  *cache,
                             D360Contact  *contact,
                             const char   *folded_name,
                             gboolean      index_now,
                             gint64       *organization_id,
                             GError      **error)
{
  const char *name = d360_contact_get_organization_name_for_import (contact);
  g_autofree char *key = NULL;
  gint64 id;

  *organization_id = MAX (d360_contact_get_organization_id (contact), 0);
  if (*organization_id > 0 || name == NULL)
    return TRUE;

  key = folded_name != NULL ? g_strdup (folded_name) : d360_fold_text (name);
  id = find_organization_id (self, cache, key, error);
  if (id == 0)
    {
      id = create_organization_named (self, cache, name, key, error);
      if (id > 0 && cache != NULL)
        cache_id (cache->organization_ids, key, id);
      if (id > 0 && index_now && !refresh_organization_fts (self, id, error))
        return FALSE;
      /* An import's: a row of its name alone, in rising ids. */
      if (id > 0 && !index_now && cache != NULL && cache->search != NULL)
        {
          D360SearchRow row = { .id = id, .organization = TRUE, .text = { g_strdup (name) } };

          d360_search_writer_add (cache->search, &row);
        }
    }
  if (id < 0)
    return FALSE;

  *organization_id = id;
  return TRUE;
}

/* The columns of a person's update but the organisation (?8, set apart: see
 * write_contact()). */
#define UPDATE_COLUMNS_SQL \
  "uid = ?1, honorific = ?2, given_name = ?3, family_name = ?4, name_key = ?5, " \
  "sort_key = ?6, job_title = ?7, category = ?9, country = ?10, languages = ?11, " \
  "street = ?12, locality = ?13, region = ?14, postal_code = ?15, address_country = ?16, " \
  "sectors = ?17, dimensions = ?18, agenda_areas = ?19, interest_countries = ?20, " \
  "investment_min = ?21, investment_max = ?22, investment_currency = ?23, notes = ?24, " \
  "legal_basis = ?25, basis_date = ?26, basis_source = ?27, birthday = ?28, website = ?29, " \
  "updated_at = ?30 WHERE id = ?31"

/* What a stored person had before an import merged someone into them
 * (merge_into() only adds: the emails and phones they had stay first). */
typedef struct
{
  guint  n_emails;
  guint  n_phones;
  gint64 organization_id;
} MergeBase;

static void
merge_base_init (MergeBase   *base,
                 D360Contact *stored)
{
  base->n_emails = d360_contact_get_emails (stored)->len;
  base->n_phones = d360_contact_get_phones (stored)->len;
  base->organization_id = d360_contact_get_organization_id (stored);
}

typedef enum
{
  WRITE_SAVE,        /* insert (id 0) or update */
  WRITE_RESTORE,     /* insert under its id, with its timestamps (an undo) */
  WRITE_IMPORT,      /* as WRITE_SAVE, but the full-text row is left to the import */
  WRITE_IMPORT_NEW,  /* as WRITE_IMPORT, an insert whatever the id: the caller's
                        contact, read and left as it is */
} WriteMode;

/* Writes @contact whole (its row, emails, phones, tags and full-text row).
 * The caller runs this inside a transaction and has validated @contact.
 *
 * @merged: for a stored person an import merged someone into, what they had
 * before: only what was added is written. Not for FTS5's sake alone: a
 * statement that may fail half-way (deleting emails, which an index on
 * lower(value) keeps; changing the organisation, a foreign key) opens a
 * statement journal, and FTS5 writes out the words it holds at each one, so
 * that an import with 8 000 merges wrote 8 000 small segments and merged
 * them again and again. */
static gboolean
write_contact (D360Store          *self,
               LookupCache        *cache,
               D360Contact        *contact,
               WriteMode           mode,
               const ContactKeys  *keys,
               const MergeBase    *merged,
               GError            **error)
{
  gboolean importing = mode == WRITE_IMPORT || mode == WRITE_IMPORT_NEW;
  gboolean is_new = mode == WRITE_RESTORE || mode == WRITE_IMPORT_NEW ||
                    d360_contact_get_id (contact) == 0;
  g_autofree char *now = cache != NULL ? g_strdup (cache->now) : d360_store_now_utc ();
  g_autofree char *name_key = NULL;
  g_autofree char *sort_key = NULL;
  g_autofree char *languages = NULL;
  g_autofree char *interest_countries = NULL;
  g_autofree char *organization_name = NULL;
  sqlite3_stmt *stmt;
  gint64 min, max, id, organization_id;

  if (!resolve_import_organization (self, cache, contact,
                                    keys != NULL ? keys->organization_key : NULL,
                                    !importing, &organization_id, error))
    return FALSE;

  if (organization_id > 0)
    {
      if (cache != NULL)
        organization_name = g_strdup (g_hash_table_lookup (cache->organization_names,
                                                           &organization_id));
      if (organization_name == NULL)
        {
          stmt = d360_store_prepare (self, "SELECT name FROM organization WHERE id = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, organization_id);
          if (step_row (stmt))
            organization_name = d360_store_column_text (stmt, 0);
          sqlite3_reset (stmt);
          if (organization_name != NULL && cache != NULL)
            g_hash_table_insert (cache->organization_names,
                                 g_memdup2 (&organization_id, sizeof organization_id),
                                 g_strdup (organization_name));
        }

      if (organization_name == NULL && mode == WRITE_RESTORE)
        organization_id = 0;  /* deleted since */
      else if (organization_name == NULL)
        return not_found (error, _("The organisation does not exist any more."));
    }

  if (keys != NULL && keys->name_key != NULL)
    name_key = g_strdup (keys->name_key);
  else
    name_key = d360_contact_dup_name_key (contact);
  if (keys != NULL && keys->sort_key != NULL &&
      g_strcmp0 (keys->sort_organization, organization_name) == 0)
    sort_key = g_strdup (keys->sort_key);
  else
    sort_key = dup_sort_key (contact, organization_name);
  languages = join_codes (d360_contact_get_languages (contact));
  interest_countries = join_codes (d360_contact_get_interest_countries (contact));
  min = d360_contact_get_investment_min (contact);
  max = d360_contact_get_investment_max (contact);

  if (is_new)
    stmt = d360_store_prepare (self,
                               "INSERT INTO contact (uid, honorific, given_name, family_name, "
                               "name_key, sort_key, job_title, organization_id, category, country, "
                               "languages, street, locality, region, postal_code, address_country, "
                               "sectors, dimensions, agenda_areas, interest_countries, "
                               "investment_min, investment_max, investment_currency, notes, "
                               "legal_basis, basis_date, basis_source, birthday, website, "
                               "updated_at, id, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
                               "?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, "
                               "?27, ?28, ?29, ?30, ?31, ?32)",
                               error);
  else if (merged != NULL && merged->organization_id == organization_id)
    stmt = d360_store_prepare (self, "UPDATE contact SET " UPDATE_COLUMNS_SQL, error);
  else
    stmt = d360_store_prepare (self,
                               "UPDATE contact SET organization_id = ?8, " UPDATE_COLUMNS_SQL,
                               error);
  if (stmt == NULL)
    return FALSE;

  d360_store_bind_static_text (stmt, 1, empty_to_null (d360_contact_get_uid (contact)));
  d360_store_bind_static_text (stmt, 2, empty_to_null (d360_contact_get_honorific (contact)));
  d360_store_bind_static_text (stmt, 3, empty_to_null (d360_contact_get_given_name (contact)));
  d360_store_bind_static_text (stmt, 4, empty_to_null (d360_contact_get_family_name (contact)));
  sqlite3_bind_text (stmt, 5, name_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, sort_key, -1, SQLITE_STATIC);
  d360_store_bind_static_text (stmt, 7, empty_to_null (d360_contact_get_job_title (contact)));
  if (organization_id > 0)
    sqlite3_bind_int64 (stmt, 8, organization_id);
  else
    sqlite3_bind_null (stmt, 8);
  sqlite3_bind_text (stmt, 9, d360_category_to_key (d360_contact_get_category (contact)), -1,
                     SQLITE_STATIC);
  d360_store_bind_static_text (stmt, 10, d360_contact_get_country (contact));
  d360_store_bind_static_text (stmt, 11, languages);
  d360_store_bind_static_text (stmt, 12, empty_to_null (d360_contact_get_street (contact)));
  d360_store_bind_static_text (stmt, 13, empty_to_null (d360_contact_get_locality (contact)));
  d360_store_bind_static_text (stmt, 14, empty_to_null (d360_contact_get_region (contact)));
  d360_store_bind_static_text (stmt, 15, empty_to_null (d360_contact_get_postal_code (contact)));
  d360_store_bind_static_text (stmt, 16, d360_contact_get_address_country (contact));
  d360_store_bind_static_text (stmt, 17, empty_to_null (d360_contact_get_sectors (contact)));
  sqlite3_bind_int (stmt, 18, (int) d360_contact_get_dimensions (contact));
  sqlite3_bind_int (stmt, 19, (int) d360_contact_get_agenda_areas (contact));
  d360_store_bind_static_text (stmt, 20, interest_countries);
  if (min >= 0)
    sqlite3_bind_int64 (stmt, 21, min);
  if (max >= 0)
    sqlite3_bind_int64 (stmt, 22, max);
  d360_store_bind_static_text (stmt, 23, d360_contact_get_investment_currency (contact));
  d360_store_bind_static_text (stmt, 24, d360_contact_get_notes (contact));
  sqlite3_bind_text (stmt, 25, d360_legal_basis_to_key (d360_contact_get_legal_basis (contact)),
                     -1, SQLITE_STATIC);
  d360_store_bind_static_text (stmt, 26, d360_contact_get_basis_date (contact));
  d360_store_bind_static_text (stmt, 27, empty_to_null (d360_contact_get_basis_source (contact)));
  d360_store_bind_static_text (stmt, 28, d360_contact_get_birthday (contact));
  d360_store_bind_static_text (stmt, 29, d360_contact_get_website (contact));
  if (mode == WRITE_RESTORE)
    {
      const char *updated = d360_contact_get_updated_at (contact);
      const char *created = d360_contact_get_created_at (contact);

      sqlite3_bind_text (stmt, 30, updated != NULL ? updated : now, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 31, d360_contact_get_id (contact));
      sqlite3_bind_text (stmt, 32, created != NULL ? created : now, -1, SQLITE_STATIC);
    }
  else
    {
      sqlite3_bind_text (stmt, 30, now, -1, SQLITE_STATIC);
      if (is_new)
        sqlite3_bind_text (stmt, 32, now, -1, SQLITE_STATIC);  /* ?31 NULL: a new id */
      else
        sqlite3_bind_int64 (stmt, 31, d360_contact_get_id (contact));
    }

  if (!d360_store_step_done (self, stmt, error))
    return FALSE;

  if (is_new && mode != WRITE_RESTORE)
    id = sqlite3_last_insert_rowid (d360_store_get_db (self));
  else
    id = d360_contact_get_id (contact);
  if (!is_new && sqlite3_changes (d360_store_get_db (self)) == 0)
    return not_found (error, _("The contact was deleted in the meantime."));

  if (importing && is_new)
    {
      /* The full-text row, from what is at hand (FTS_VALUES_SQL reads the
       * same from the tables), for the import's search writer. */
      g_autoptr(GString) emails = g_string_new (NULL);
      g_autoptr(GString) phones = g_string_new (NULL);
      g_autoptr(GString) tags = g_string_new (NULL);

      if (!queue_channels (self, cache, id, d360_contact_get_emails (contact), FALSE, emails,
                           error) ||
          !queue_channels (self, cache, id, d360_contact_get_phones (contact), TRUE, phones,
                           error) ||
          !queue_tags (self, cache, id, contact, tags, error))
        return FALSE;

      /* A dry run only counts: what it writes is rolled back, and the
       * duplicate checks never read the search rows. */
      if (cache->search != NULL)
        {
          D360SearchRow row = { .id = id, .text = {
            g_strjoin (" ", null_to_empty (d360_contact_get_honorific (contact)),
                       null_to_empty (d360_contact_get_given_name (contact)),
                       null_to_empty (d360_contact_get_family_name (contact)), NULL),
            g_strdup (organization_name),
            g_strdup (empty_to_null (d360_contact_get_job_title (contact))),
            emails->len > 0 ? g_string_free (g_steal_pointer (&emails), FALSE) : NULL,
            phones->len > 0 ? g_string_free (g_steal_pointer (&phones), FALSE) : NULL,
            tags->len > 0 ? g_string_free (g_steal_pointer (&tags), FALSE) : NULL,
            g_strdup (d360_contact_get_notes (contact)),
          } };

          d360_search_writer_add (cache->search, &row);
        }
      else
        g_return_val_if_fail (cache->counting_only, FALSE);
    }
  else
    {
      /* After a merge, only what it added (the tags by INSERT OR IGNORE). */
      gboolean replace = !is_new && merged == NULL;

      if (!write_channels (self, id, d360_contact_get_emails (contact), FALSE, replace,
                           merged != NULL ? merged->n_emails : 0, error) ||
          !write_channels (self, id, d360_contact_get_phones (contact), TRUE, replace,
                           merged != NULL ? merged->n_phones : 0, error) ||
          !write_tags (self, cache, id, contact, replace, error))
        return FALSE;
      if (!importing && !refresh_contact_fts (self, id, error))
        return FALSE;
      if (importing && cache != NULL)
        g_array_append_val (cache->changed_ids, id);
    }

  if (cache != NULL && (cache->known_keys != NULL || cache->owners != NULL))
    {
      GPtrArray *emails = d360_contact_get_emails (contact);
      const char *uid = empty_to_null (d360_contact_get_uid (contact));

      if (uid != NULL)
        note_key (cache, 'u', uid, 0, id);
      for (guint i = 0; i < emails->len; i++)
        {
          g_autofree char *key = email_key (((D360Channel *) g_ptr_array_index (emails, i))->value);

          note_key (cache, 'e', key, 0, id);
        }
      if (*name_key != '\0')
        note_key (cache, 'n', name_key, organization_id, id);
    }

  d360_store_emit_changed (self, "contact");

  /* What was written, for the caller; an import's people are only read
   * (and each setter would notify). */
  if (importing)
    return TRUE;
  d360_contact_set_id (contact, id);
  d360_contact_set_organization_id (contact, organization_id);
  d360_contact_set_organization_name (contact, organization_name);
  if (mode != WRITE_RESTORE)
    {
      if (is_new)
        d360_contact_set_created_at (contact, now);
      d360_contact_set_updated_at (contact, now);
    }

  return TRUE;
}

/* -------------------------------------------------------------- contacts */

static gboolean
save_contact_in_transaction (D360Store  *self,
                             gpointer    user_data,
                             GError    **error)
{
  return write_contact (self, NULL, user_data, WRITE_SAVE, NULL, NULL, error) &&
         remove_unused_tags (self, error);
}

/**
 * d360_store_save_contact:
 * @contact: a new person (id 0), or one read from this store
 *
 * Inserts or updates @contact whole, emails, phones and tags included, in
 * one transaction; a new person gets its id, and both the timestamps and the
 * organisation's name. Nothing is written when a value is invalid
 * (%D360_STORE_ERROR_INVALID, with a sentence for the user).
 */
gboolean
d360_store_save_contact (D360Store    *self,
                         D360Contact  *contact,
                         GError      **error)
{
  gint64 old_id, old_organization_id;

  g_return_val_if_fail (D360_IS_STORE (self), FALSE);
  g_return_val_if_fail (D360_IS_CONTACT (contact), FALSE);

  if (!d360_store_validate_contact (contact, error))
    return FALSE;

  old_id = d360_contact_get_id (contact);
  old_organization_id = d360_contact_get_organization_id (contact);
  if (!d360_store_run_in_transaction (self, save_contact_in_transaction, contact, error))
    {
      d360_contact_set_id (contact, old_id);
      d360_contact_set_organization_id (contact, old_organization_id);
      return FALSE;
    }

  return TRUE;
}

/**
 * d360_store_get_contact:
 *
 * Returns: (transfer full) (nullable): the person with emails, phones, tags
 *   and organisation name, or %NULL and %D360_STORE_ERROR_NOT_FOUND
 */
D360Contact *
d360_store_get_contact (D360Store  *self,
                        gint64      id,
                        GError    **error)
{
  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  return read_contact (self, id, error);
}

/* Removes the person's row (their emails, phones and tag links go with it)
 * and their full-text row. */
/* Deletes the person's row (their emails, phones, tag links and pairs go
 * with it), not their full-text row. */
static gboolean
remove_contact_row (D360Store  *self,
                    gint64      id,
                    GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = d360_store_prepare (self, "DELETE FROM contact WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!d360_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (d360_store_get_db (self)) == 0)
    return not_found (error, _("The contact does not exist any more."));

  d360_store_emit_changed (self, "contact");
  return TRUE;
}

static gboolean
remove_contact (D360Store  *self,
                gint64      id,
                GError    **error)
{
  /* The person is gone, so this only deletes their full-text row. */
  return remove_contact_row (self, id, error) && refresh_contact_fts (self, id, error);
}

typedef struct
{
  GArray              *ids;
  D360DeletedContacts *deleted;
} DeleteData;

static gboolean
delete_in_transaction (D360Store  *self,
                       gpointer    user_data,
                       GError    **error)
{
  DeleteData *data = user_data;
  g_autoptr(D360DeletedContacts) deleted = g_object_new (D360_TYPE_DELETED_CONTACTS, NULL);
  GHashTable *others;
  GHashTableIter iter;
  gpointer other;

  for (guint i = 0; i < data->ids->len; i++)
    {
      gint64 id = g_array_index (data->ids, gint64, i);
      D360Contact *contact = read_contact (self, id, error);

      if (contact == NULL)
        return FALSE;
      g_ptr_array_add (deleted->contacts, contact);

      /* Whom they were said not to be: the delete takes the pairs along. */
      others = distinct_from (self, id, error);
      if (others == NULL)
        return FALSE;
      g_hash_table_iter_init (&iter, others);
      while (g_hash_table_iter_next (&iter, &other, NULL))
        {
          gint64 pair[2] = { MIN (id, *(gint64 *) other), MAX (id, *(gint64 *) other) };

          g_array_append_vals (deleted->distinct, pair, 2);
        }
      g_clear_pointer (&others, g_hash_table_unref);

      if (!remove_contact_row (self, id, error))
        return FALSE;
    }

  /* Their full-text rows after all the rows, in rising ids: deleting a row
   * (its cascade) opens a statement journal, at which FTS5 writes out what it
   * holds, and FTS5 writes it out too when a row comes before the last one;
   * row by row, 5 000 people took 4.3 s. */
  {
    g_autoptr(GArray) ids = g_array_copy (data->ids);
    g_autofree char *json = NULL;
    sqlite3_stmt *stmt;

    g_array_sort (ids, compare_ids);
    json = ids_to_json (ids);
    stmt = prepare_search_write (self, FTS_DELETE_IDS_SQL, error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, json, -1, SQLITE_STATIC);
    if (!d360_store_step_done (self, stmt, error))
      return FALSE;
  }

  if (!remove_unused_tags (self, error))
    return FALSE;

  data->deleted = g_steal_pointer (&deleted);
  return TRUE;
}

/**
 * d360_store_delete_contacts:
 * @ids: (element-type gint64): the people to delete
 *
 * Returns: (transfer full) (nullable): what d360_store_undo_delete_contacts()
 *   needs to bring them back, or %NULL on error (then nothing was deleted)
 */
GObject *
d360_store_delete_contacts (D360Store  *self,
                            GArray     *ids,
                            GError    **error)
{
  DeleteData data = { ids, NULL };

  g_return_val_if_fail (D360_IS_STORE (self), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  if (!d360_store_run_in_transaction (self, delete_in_transaction, &data, error))
    {
      g_clear_object (&data.deleted);
      return NULL;
    }

  return G_OBJECT (data.deleted);
}

static int
compare_contact_ids (gconstpointer a,
                     gconstpointer b)
{
  gint64 x = d360_contact_get_id (*(D360Contact * const *) a);
  gint64 y = d360_contact_get_id (*(D360Contact * const *) b);

  return x < y ? -1 : x > y;
}

static gboolean
undo_delete_in_transaction (D360Store  *self,
                            gpointer    user_data,
                            GError    **error)
{
  D360DeletedContacts *deleted = user_data;
  g_autoptr(GPtrArray) by_id = g_ptr_array_copy (deleted->contacts, NULL, NULL);

  /* In rising ids, so that FTS5 keeps their full-text rows in memory. */
  g_ptr_array_set_free_func (by_id, NULL);   /* @deleted keeps them */
  g_ptr_array_sort (by_id, compare_contact_ids);
  for (guint i = 0; i < by_id->len; i++)
    {
      g_autoptr(D360Contact) contact = d360_contact_copy (g_ptr_array_index (by_id, i));
      sqlite3_stmt *stmt;
      gboolean exists;

      stmt = d360_store_prepare (self, "SELECT 1 FROM contact WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, d360_contact_get_id (contact));
      exists = step_row (stmt);
      sqlite3_reset (stmt);
      if (exists)
        return invalid (error, _("The contact has already been restored."));

      if (!write_contact (self, NULL, contact, WRITE_RESTORE, NULL, NULL, error))
        return FALSE;
    }

  /* Their pairs, where the other person is still there too. */
  for (guint i = 0; i + 1 < deleted->distinct->len; i += 2)
    {
      sqlite3_stmt *stmt;

      stmt = d360_store_prepare (self,
                                 "INSERT OR IGNORE INTO contact_distinct (first_id, second_id) "
                                 "SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM contact WHERE id = ?1) "
                                 "AND EXISTS (SELECT 1 FROM contact WHERE id = ?2)",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (deleted->distinct, gint64, i));
      sqlite3_bind_int64 (stmt, 2, g_array_index (deleted->distinct, gint64, i + 1));
      if (!d360_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * d360_store_undo_delete_contacts:
 * @deleted: what d360_store_delete_contacts() returned
 *
 * Brings the people back with the same ids, fields, timestamps, emails,
 * phones and tags, and whom they were said not to be, in one transaction. A
 * person whose organisation was deleted meanwhile comes back without one.
 */
gboolean
d360_store_undo_delete_contacts (D360Store  *self,
                                 GObject    *deleted,
                                 GError    **error)
{
  g_return_val_if_fail (D360_IS_STORE (self), FALSE);
  g_return_val_if_fail (D360_IS_DELETED_CONTACTS (deleted), FALSE);

  return d360_store_run_in_transaction (self, undo_delete_in_transaction, deleted, error);
}

typedef struct
{
  GArray     *ids;
  const char *tag;
} TagData;

static gboolean
tag_in_transaction (D360Store  *self,
                    gpointer    user_data,
                    GError    **error)
{
  TagData *data = user_data;
  g_autofree char *now = d360_store_now_utc ();
  g_autoptr(GArray) ids = g_array_copy (data->ids);

  /* In rising ids: FTS5 writes out the words it holds whenever a row comes
   * before the last one written. */
  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      sqlite3_stmt *stmt;

      stmt = d360_store_prepare (self, "UPDATE contact SET updated_at = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
      if (!d360_store_step_done (self, stmt, error))
        return FALSE;
      if (sqlite3_changes (d360_store_get_db (self)) == 0)
        return not_found (error, _("The contact does not exist any more."));

      if (!link_tag (self, NULL, id, data->tag, error) ||
          !refresh_contact_fts (self, id, error))
        return FALSE;
    }

  d360_store_emit_changed (self, "contact");
  return TRUE;
}

/**
 * d360_store_tag_contacts:
 * @ids: (element-type gint64): the people
 * @tag: the tag to add (kept once per person, whatever its case)
 */
gboolean
d360_store_tag_contacts (D360Store   *self,
                         GArray      *ids,
                         const char  *tag,
                         GError     **error)
{
  TagData data = { ids, tag };

  g_return_val_if_fail (D360_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  if (is_blank (tag))
    return invalid (error, _("A tag needs a name."));

  return d360_store_run_in_transaction (self, tag_in_transaction, &data, error);
}

/* ---------------------------------------------------------- contact lists */

/**
 * d360_contact_query_init:
 *
 * Sets @query to "everyone, by name".
 */
void
d360_contact_query_init (D360ContactQuery *query)
{
  g_return_if_fail (query != NULL);

  memset (query, 0, sizeof *query);
  query->category = -1;
  query->organization_kind = -1;
  query->sort = D360_CONTACT_SORT_NAME;
}

typedef struct
{
  char     *values[N_FILTERS];   /* NULL: the filter is off */
  gint64    organization_id;
  guint     sort;
} QueryParams;

static void
query_params_clear (QueryParams *params)
{
  for (guint i = 0; i < N_FILTERS; i++)
    g_free (params->values[i]);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QueryParams, query_params_clear)

static void
query_params_init (QueryParams            *params,
                   const D360ContactQuery *query)
{
  memset (params, 0, sizeof *params);

  params->values[FILTER_SEARCH] = build_match_expression (query->search);
  if (query->category >= 0 && query->category < D360_N_CATEGORIES)
    params->values[FILTER_CATEGORY] = g_strdup (d360_category_to_key (query->category));
  if (!is_blank (query->country))
    params->values[FILTER_COUNTRY] = g_ascii_strup (query->country, -1);
  if (query->organization_kind >= 0 && query->organization_kind < D360_N_ORG_KINDS)
    params->values[FILTER_KIND] = g_strdup (d360_org_kind_to_key (query->organization_kind));
  if (!is_blank (query->tag))
    {
      g_autofree char *stripped = g_strstrip (g_strdup (query->tag));

      params->values[FILTER_TAG] = d360_fold_text (stripped);
    }
  if (query->organization_id > 0)
    {
      params->organization_id = query->organization_id;
      params->values[FILTER_ORGANIZATION] = g_strdup ("");
    }
  params->sort = query->sort <= D360_CONTACT_SORT_UPDATED ? query->sort : D360_CONTACT_SORT_NAME;
}

static GVariant *
query_params_to_variant (const QueryParams *params)
{
  return g_variant_new ("(msmsmsmsmsmx)",
                        params->values[FILTER_SEARCH],
                        params->values[FILTER_CATEGORY],
                        params->values[FILTER_COUNTRY],
                        params->values[FILTER_KIND],
                        params->values[FILTER_TAG],
                        params->values[FILTER_ORGANIZATION] != NULL, params->organization_id);
}

/* The FROM and WHERE clauses for these filters: made only of the fixed
 * fragments above, so there are at most 2⁶ of them, each prepared once and
 * kept. */
static char *
build_from_where (const QueryParams *params)
{
  GString *sql = g_string_new (params->values[FILTER_SEARCH] != NULL ? SEARCH_FROM : PLAIN_FROM);

  for (guint i = FILTER_SEARCH + 1; i < N_FILTERS; i++)
    g_string_append (sql, params->values[i] != NULL ? filter_on[i] : filter_off[i]);

  return g_string_free (sql, FALSE);
}

static char *
build_count_sql (const QueryParams *params)
{
  g_autofree char *from_where = NULL;
  gboolean filtered = FALSE;

  for (guint i = FILTER_SEARCH + 1; i < N_FILTERS; i++)
    filtered |= params->values[i] != NULL;

  /* Every person has one row in the index: a search alone counts there. */
  if (params->values[FILTER_SEARCH] != NULL && !filtered)
    return g_strdup ("SELECT count(*) FROM contact_fts WHERE contact_fts MATCH ?1 "
                     "AND ?2 IS NULL AND ?3 IS NULL AND ?4 IS NULL AND ?5 IS NULL "
                     "AND ?6 IS NULL");

  from_where = build_from_where (params);
  return g_strconcat ("SELECT count(*) ", from_where, NULL);
}

/* A page is found with narrow rows (the id and the sort key), and only its
 * rows are then read whole. */
static char *
build_rows_sql (const QueryParams *params)
{
  g_autofree char *from_where = build_from_where (params);

  return g_strconcat ("SELECT " CONTACT_COLUMNS " FROM "
                      "(SELECT c.id AS id, ", contact_sorts[params->sort].key, " AS k ",
                      from_where, contact_sorts[params->sort].inner_order,
                      "LIMIT ? OFFSET ?) AS page "
                      "JOIN contact c ON c.id = page.id "
                      "LEFT JOIN organization o ON o.id = c.organization_id ",
                      contact_sorts[params->sort].outer_order, NULL);
}

static char *
build_ids_sql (const QueryParams *params)
{
  g_autofree char *from_where = build_from_where (params);

  return g_strconcat ("SELECT c.id ", from_where, contact_sorts[params->sort].inner_order,
                      NULL);
}

/**
 * d360_store_count_contacts:
 *
 * Returns: how many people @query shows, or -1 on error
 */
gint64
d360_store_count_contacts (D360Store               *self,
                           const D360ContactQuery  *query,
                           GError                 **error)
{
  g_auto(QueryParams) params;
  g_autofree char *sql = NULL;
  g_autoptr(GVariant) variant = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (D360_IS_STORE (self), -1);
  g_return_val_if_fail (query != NULL, -1);

  query_params_init (&params, query);
  sql = build_count_sql (&params);
  variant = g_variant_ref_sink (query_params_to_variant (&params));

  stmt = d360_store_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;

  d360_store_bind_params (stmt, variant);
  if (step_row (stmt))
    count = sqlite3_column_int64 (stmt, 0);
  else
    read_failed (self, error);
  sqlite3_reset (stmt);

  return count;
}

/**
 * d360_store_list_contacts:
 * @query: what to show; the model keeps no pointer to it
 *
 * Returns: (transfer full): a paged model of #D360Contact that follows the
 *   writes to people and organisations
 */
GListModel *
d360_store_list_contacts (D360Store              *self,
                          const D360ContactQuery *query)
{
  D360StoreListModel *model;
  g_auto(QueryParams) params;
  g_autofree char *count_sql = NULL;
  g_autofree char *rows_sql = NULL;

  g_return_val_if_fail (D360_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  query_params_init (&params, query);
  count_sql = build_count_sql (&params);
  rows_sql = build_rows_sql (&params);

  model = d360_store_list_model_new (self, D360_TYPE_CONTACT, count_sql, rows_sql,
                                     contact_from_row);
  d360_store_list_model_watch_table (model, "contact");
  d360_store_list_model_watch_table (model, "organization");
  d360_store_list_model_set_params (model, query_params_to_variant (&params));

  return G_LIST_MODEL (model);
}

/**
 * d360_store_contact_list_set_query:
 * @model: a model from d360_store_list_contacts()
 * @query: what to show now
 *
 * Changes what the model shows; it reports one items-changed.
 */
void
d360_store_contact_list_set_query (GListModel             *model,
                                   const D360ContactQuery *query)
{
  g_auto(QueryParams) params;
  g_autofree char *count_sql = NULL;
  g_autofree char *rows_sql = NULL;

  g_return_if_fail (D360_IS_STORE_LIST_MODEL (model));
  g_return_if_fail (g_list_model_get_item_type (model) == D360_TYPE_CONTACT);
  g_return_if_fail (query != NULL);

  query_params_init (&params, query);
  count_sql = build_count_sql (&params);
  rows_sql = build_rows_sql (&params);
  d360_store_list_model_set_sql (D360_STORE_LIST_MODEL (model), count_sql, rows_sql,
                                 query_params_to_variant (&params));
}

/**
 * d360_store_list_contact_ids:
 *
 * Returns: (transfer full) (element-type gint64): the ids @query shows, in
 *   its order, or %NULL on error
 */
GArray *
d360_store_list_contact_ids (D360Store               *self,
                             const D360ContactQuery  *query,
                             GError                 **error)
{
  g_auto(QueryParams) params;
  g_autofree char *sql = NULL;
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (D360_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  query_params_init (&params, query);
  sql = build_ids_sql (&params);
  variant = g_variant_ref_sink (query_params_to_variant (&params));

  stmt = d360_store_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;

  d360_store_bind_params (stmt, variant);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      read_failed (self, error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * d360_store_list_tags:
 *
 * Returns: (transfer full): every tag at least one person has, sorted
 *   (folded case and diacritics), or %NULL on error
 */
GStrv
d360_store_list_tags (D360Store  *self,
                      GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  stmt = d360_store_prepare (self,
                             "SELECT name FROM tag WHERE EXISTS "
                             "(SELECT 1 FROM contact_tag WHERE tag_id = tag.id) ORDER BY key",
                             error);
  if (stmt == NULL)
    return NULL;

  while (step_row (stmt))
    g_strv_builder_add (builder, COLUMN_TEXT (stmt, 0));
  sqlite3_reset (stmt);

  return g_strv_builder_end (builder);
}

/* The side tables of a contact, each read whole in the order of its
 * contact ids, so that the rows of one person come together. */
typedef enum {
  SIDE_EMAILS,
  SIDE_PHONES,
  SIDE_TAGS,
} SideTable;

/* Each side table whole ([table][0], read_side_items()), or for the
 * contacts whose ids are in the JSON array ?1 ([table][1],
 * read_side_table()). */
#define IN_IDS " WHERE contact_id IN (SELECT value FROM json_each (?1)) "
static const char * const side_table_sql[][2] = {
  [SIDE_EMAILS] = {
    "SELECT contact_id, value, types, label FROM contact_email "
    "ORDER BY contact_id, position, id",
    "SELECT contact_id, value, types, label FROM contact_email" IN_IDS
    "ORDER BY contact_id, position, id",
  },
  [SIDE_PHONES] = {
    "SELECT contact_id, value, types, label FROM contact_phone "
    "ORDER BY contact_id, position, id",
    "SELECT contact_id, value, types, label FROM contact_phone" IN_IDS
    "ORDER BY contact_id, position, id",
  },
  [SIDE_TAGS] = {
    "SELECT contact_id, tag.name FROM contact_tag JOIN tag ON tag.id = contact_tag.tag_id "
    "ORDER BY contact_id, tag.key",
    "SELECT contact_id, tag.name FROM contact_tag JOIN tag ON tag.id = contact_tag.tag_id"
    IN_IDS "ORDER BY contact_id, tag.key",
  },
};
#undef IN_IDS

static GPtrArray *
new_side_items (SideTable table)
{
  return table == SIDE_TAGS
         ? g_ptr_array_new_with_free_func (g_free)
         : g_ptr_array_new_with_free_func ((GDestroyNotify) d360_channel_free);
}

/* Adds the row of a side table @stmt is on (contact id, value[, types,
 * label]) to @items. */
static void
add_side_item (GPtrArray    *items,
               SideTable     table,
               sqlite3_stmt *stmt)
{
  const char *value = COLUMN_TEXT (stmt, 1);

  if (value == NULL)
    return;
  if (table == SIDE_TAGS)
    g_ptr_array_add (items, g_strdup (value));
  else
    g_ptr_array_add (items, d360_channel_new (value, (guint) sqlite3_column_int (stmt, 2),
                                              COLUMN_TEXT (stmt, 3)));
}

/* Gives @contact (still loading) the rows of @table gathered in @items. */
static void
set_side_items (D360Contact *contact,
                SideTable    table,
                GPtrArray   *items)
{
  switch (table)
    {
    case SIDE_EMAILS:
      d360_contact_take_emails (contact, items);
      break;
    case SIDE_PHONES:
      d360_contact_take_phones (contact, items);
      break;
    case SIDE_TAGS:
    default:
      g_ptr_array_add (items, NULL);
      d360_contact_take_tags (contact, (GStrv) g_ptr_array_free (items, FALSE));
      break;
    }
}

/* Every row of @table of the people in @ids_json (a JSON array), given to
 * its person in @by_id, in one pass. */
static gboolean
read_side_table (D360Store   *self,
                 GHashTable  *by_id,
                 const char  *ids_json,
                 SideTable    table,
                 GError     **error)
{
  g_autoptr(GPtrArray) items = NULL;
  D360Contact *owner = NULL;
  gint64 owner_id = 0;
  sqlite3_stmt *stmt;
  int rc;

  stmt = d360_store_prepare (self, side_table_sql[table][1], error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id != owner_id)
        {
          if (owner != NULL)
            set_side_items (owner, table, g_steal_pointer (&items));
          owner_id = id;
          owner = g_hash_table_lookup (by_id, &id);
          if (owner != NULL)
            items = new_side_items (table);
        }
      if (owner != NULL)
        add_side_item (items, table, stmt);
    }
  if (owner != NULL)
    set_side_items (owner, table, g_steal_pointer (&items));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return read_failed (self, error);
  return TRUE;
}

/* The contacts of @ids_json into @read, with their side tables; @by_id gets
 * them by id, its keys kept in @keys. */
static gboolean
read_contact_rows (D360Store   *self,
                   GPtrArray   *read,
                   GHashTable  *by_id,
                   GArray      *keys,
                   const char  *ids_json,
                   GError     **error)
{
  gboolean ok = TRUE;
  sqlite3_stmt *stmt;
  int rc;

  stmt = d360_store_prepare (self,
                             "SELECT " CONTACT_ROW_COLUMNS "NULL, NULL, NULL" CONTACT_FROM
                             "WHERE c.id IN (SELECT value FROM json_each (?1))",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, ids_json, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (read, contact_from_row_loading (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      for (guint i = 0; i < read->len; i++)
        d360_contact_end_loading (g_ptr_array_index (read, i));
      return read_failed (self, error);
    }

  /* The keys live in @keys, sized once so that they never move. */
  g_array_set_size (keys, read->len);
  for (guint i = 0; i < read->len; i++)
    {
      D360Contact *contact = g_ptr_array_index (read, i);

      g_array_index (keys, gint64, i) = d360_contact_get_id (contact);
      g_hash_table_insert (by_id, &g_array_index (keys, gint64, i), contact);
    }

  for (SideTable table = SIDE_EMAILS; table <= SIDE_TAGS && ok; table++)
    ok = read_side_table (self, by_id, ids_json, table, error);
  for (guint i = 0; i < read->len; i++)
    d360_contact_end_loading (g_ptr_array_index (read, i));
  return ok;
}

/* Everyone's rows of @table, each person's in a list of their own: @items
 * (id → GPtrArray) gets them. One pass over the table, in its own order. */
static gboolean
read_side_items (D360Store   *self,
                 SideTable    table,
                 GHashTable  *items,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  GPtrArray *current = NULL;
  gint64 current_id = 0;
  int rc;

  stmt = d360_store_prepare (self, side_table_sql[table][0], error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (current == NULL || id != current_id)
        {
          current = new_side_items (table);
          current_id = id;
          g_hash_table_insert (items, g_memdup2 (&id, sizeof id), current);
        }
      add_side_item (current, table, stmt);
    }
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE || read_failed (self, error);
}

/* Everyone, by name, in batches: first every email, phone and tag (one
 * pass over each table, kept by person), then the contacts, a batch at a
 * time, each taking their own. Only the side tables and a batch of contacts
 * are in memory at once. (Reading the side tables in the contacts' order
 * instead, one person at a time, takes an index look-up per person and
 * table: three times as long.) */
static gboolean
read_everyone_in_batches (D360Store             *self,
                          guint                  batch_size,
                          D360ContactBatchFunc   func,
                          gpointer               user_data,
                          GError               **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_full (MIN (batch_size, 4096), g_object_unref);
  GHashTable *side[SIDE_TAGS + 1] = { NULL };
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc = SQLITE_DONE;

  /* One read of the database for all: the side tables and the contacts
   * must be of the same moment. */
  if (!d360_store_begin_read (self, error))
    return FALSE;

  for (SideTable table = SIDE_EMAILS; table <= SIDE_TAGS && ok; table++)
    {
      side[table] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                           (GDestroyNotify) g_ptr_array_unref);
      ok = read_side_items (self, table, side[table], error);
    }

  stmt = ok ? d360_store_prepare (self,
                                  "SELECT " CONTACT_ROW_COLUMNS "NULL, NULL, NULL" CONTACT_FROM
                                  "ORDER BY c.sort_key, c.id",
                                  error)
            : NULL;
  ok = stmt != NULL;

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      D360Contact *contact = contact_from_row_loading (stmt);
      gint64 id = d360_contact_get_id (contact);

      for (SideTable table = SIDE_EMAILS; table <= SIDE_TAGS; table++)
        {
          GPtrArray *items = NULL;
          gint64 *key_out = NULL;

          if (g_hash_table_steal_extended (side[table], &id, (gpointer *) &key_out,
                                           (gpointer *) &items))
            {
              g_free (key_out);
              set_side_items (contact, table, items);
            }
        }
      d360_contact_end_loading (contact);
      g_ptr_array_add (batch, contact);

      if (batch->len == batch_size)
        {
          ok = func (batch, user_data, error);
          g_ptr_array_unref (batch);
          batch = g_ptr_array_new_full (MIN (batch_size, 4096), g_object_unref);
        }
    }
  if (stmt != NULL)
    {
      if (ok && rc != SQLITE_DONE)
        ok = read_failed (self, error);
      sqlite3_reset (stmt);
    }
  d360_store_end_read (self);

  for (SideTable table = SIDE_EMAILS; table <= SIDE_TAGS; table++)
    g_clear_pointer (&side[table], g_hash_table_unref);

  if (ok && batch->len > 0)
    ok = func (batch, user_data, error);
  return ok;
}

/* Keeps the contacts of a batch in @user_data (a GPtrArray). */
static gboolean
gather_batch (GPtrArray  *contacts,
              gpointer    user_data,
              GError    **error)
{
  GPtrArray *gathered = user_data;

  for (guint i = 0; i < contacts->len; i++)
    g_ptr_array_add (gathered, g_object_ref (g_ptr_array_index (contacts, i)));
  return TRUE;
}

/**
 * d360_store_read_contacts:
 * @ids: (nullable) (element-type gint64): the people, or %NULL for everyone
 *
 * Reads the contact rows, then each side table (emails, phones, tags) in
 * one pass of its own, rather than three lookups per person.
 *
 * Returns: (transfer full) (element-type D360Contact): the people, in order
 *   (everyone: by name), or %NULL on error
 */
GPtrArray *
d360_store_read_contacts (D360Store  *self,
                          GArray     *ids,
                          GError    **error)
{
  g_autoptr(GPtrArray) read = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *ids_json = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  gboolean ok;

  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  if (ids == NULL)
    return read_everyone_in_batches (self, G_MAXUINT, gather_batch, read, error)
           ? g_steal_pointer (&read) : NULL;

  ids_json = ids_to_json (ids);
  /* The contacts and their side tables, of one moment. */
  if (!d360_store_begin_read (self, error))
    return NULL;
  ok = read_contact_rows (self, read, by_id, keys, ids_json, error);
  d360_store_end_read (self);
  if (!ok)
    return NULL;

  /* In the order of @ids, every one of them. */
  contacts = g_ptr_array_new_full (ids->len, g_object_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      D360Contact *contact = g_hash_table_lookup (by_id, &g_array_index (ids, gint64, i));

      if (contact == NULL)
        {
          not_found (error, _("The contact does not exist any more."));
          return NULL;
        }
      g_ptr_array_add (contacts, g_object_ref (contact));
    }
  return g_steal_pointer (&contacts);
}

/**
 * d360_store_read_contacts_in_batches:
 * @ids: (nullable) (element-type gint64): the people, or %NULL for everyone
 * @batch_size: how many contacts @func gets at a time (the last batch may
 *   have fewer)
 * @func: (scope call): gets the contacts, in order; it must not use the store.
 *   It may keep a reference to the array (each batch is a new one)
 *
 * Reads what d360_store_read_contacts() reads, in the same order, with only
 * a batch in memory at a time.
 *
 * Returns: whether every contact was read and taken by @func
 */
gboolean
d360_store_read_contacts_in_batches (D360Store             *self,
                                     GArray                *ids,
                                     guint                  batch_size,
                                     D360ContactBatchFunc   func,
                                     gpointer               user_data,
                                     GError               **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (D360_IS_STORE (self), FALSE);
  g_return_val_if_fail (batch_size > 0, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (ids == NULL)
    return read_everyone_in_batches (self, batch_size, func, user_data, error);

  /* Every batch of one moment: one read around them all (each batch's own
   * read then joins it). */
  if (!d360_store_begin_read (self, error))
    return FALSE;
  for (guint start = 0; start < ids->len && ok; start += batch_size)
    {
      g_autoptr(GArray) some = g_array_sized_new (FALSE, FALSE, sizeof (gint64), batch_size);
      g_autoptr(GPtrArray) batch = NULL;

      g_array_append_vals (some, &g_array_index (ids, gint64, start),
                           MIN (batch_size, ids->len - start));
      batch = d360_store_read_contacts (self, some, error);
      ok = batch != NULL && func (batch, user_data, error);
    }
  d360_store_end_read (self);

  return ok;
}

/* ---------------------------------------------------------- organisations */

/* Rewrites what the people of an organisation show of it: their full-text
 * rows and, for those without a name, their sort key. */
static gboolean
refresh_people_of (D360Store   *self,
                   GArray      *ids,
                   GError     **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(D360Contact) contact = read_contact (self, id, error);
      g_autofree char *sort_key = NULL;
      sqlite3_stmt *stmt;

      if (contact == NULL)
        return FALSE;

      sort_key = dup_sort_key (contact, d360_contact_get_organization_name (contact));
      stmt = d360_store_prepare (self, "UPDATE contact SET sort_key = ?2 WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, sort_key, -1, SQLITE_STATIC);
      if (!d360_store_step_done (self, stmt, error) ||
          !refresh_contact_fts (self, id, error))
        return FALSE;
    }

  if (ids->len > 0)
    d360_store_emit_changed (self, "contact");
  return TRUE;
}

static GArray *
people_of (D360Store   *self,
           gint64       organization_id,
           GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  /* In rising ids, for refresh_people_of(): FTS5 writes out the words it
   * holds whenever a row comes before the last one written. */
  stmt = d360_store_prepare (self,
                             "SELECT id FROM contact WHERE organization_id = ?1 ORDER BY id",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, organization_id);
  while (step_row (stmt))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&ids);
}

static gboolean
save_organization_in_transaction (D360Store  *self,
                                  gpointer    user_data,
                                  GError    **error)
{
  D360Organization *organization = user_data;
  gboolean is_new = d360_organization_get_id (organization) == 0;
  g_autofree char *name = g_strstrip (g_strdup (d360_organization_get_name (organization)));
  g_autofree char *name_key = d360_fold_text (name);
  g_autofree char *now = d360_store_now_utc ();
  g_autofree char *old_name = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (!is_new)
    {
      g_autoptr(D360Organization) stored = read_organization (self,
                                                              d360_organization_get_id (organization),
                                                              error);
      if (stored == NULL)
        return FALSE;
      old_name = g_strdup (d360_organization_get_name (stored));
    }

  if (is_new)
    stmt = d360_store_prepare (self,
                               "INSERT INTO organization (name, name_key, kind, country, city, "
                               "website, email, phone, address, notes, updated_at, created_at) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                               error);
  else
    stmt = d360_store_prepare (self,
                               "UPDATE organization SET name = ?1, name_key = ?2, kind = ?3, "
                               "country = ?4, city = ?5, website = ?6, email = ?7, phone = ?8, "
                               "address = ?9, notes = ?10, updated_at = ?11 WHERE id = ?12",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name_key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, d360_org_kind_to_key (d360_organization_get_kind (organization)),
                     -1, SQLITE_STATIC);
  d360_store_bind_text (stmt, 4, d360_organization_get_country (organization));
  d360_store_bind_text (stmt, 5, empty_to_null (d360_organization_get_city (organization)));
  d360_store_bind_text (stmt, 6, d360_organization_get_website (organization));
  d360_store_bind_text (stmt, 7, d360_organization_get_email (organization));
  d360_store_bind_text (stmt, 8, d360_organization_get_phone (organization));
  d360_store_bind_text (stmt, 9, empty_to_null (d360_organization_get_address (organization)));
  d360_store_bind_text (stmt, 10, d360_organization_get_notes (organization));
  sqlite3_bind_text (stmt, 11, now, -1, SQLITE_STATIC);
  if (!is_new)
    sqlite3_bind_int64 (stmt, 12, d360_organization_get_id (organization));
  if (!d360_store_step_done (self, stmt, error))
    return FALSE;

  id = is_new ? sqlite3_last_insert_rowid (d360_store_get_db (self))
              : d360_organization_get_id (organization);

  if (!refresh_organization_fts (self, id, error))
    return FALSE;

  /* Its people find it by name, and those without a name sort by it. */
  if (!is_new && g_strcmp0 (old_name, name) != 0)
    {
      g_autoptr(GArray) ids = people_of (self, id, error);

      if (ids == NULL || !refresh_people_of (self, ids, error))
        return FALSE;
    }

  d360_organization_set_id (organization, id);
  if (is_new)
    d360_organization_set_created_at (organization, now);
  d360_organization_set_updated_at (organization, now);
  d360_store_emit_changed (self, "organization");
  return TRUE;
}

/**
 * d360_store_save_organization:
 * @organization: a new organisation (id 0), or one read from this store
 *
 * Inserts or updates @organization in one transaction. A new name shows at
 * once in the search over its people.
 */
gboolean
d360_store_save_organization (D360Store         *self,
                              D360Organization  *organization,
                              GError           **error)
{
  gint64 old_id;

  g_return_val_if_fail (D360_IS_STORE (self), FALSE);
  g_return_val_if_fail (D360_IS_ORGANIZATION (organization), FALSE);

  if (!d360_store_validate_organization (organization, error))
    return FALSE;

  old_id = d360_organization_get_id (organization);
  if (!d360_store_run_in_transaction (self, save_organization_in_transaction, organization,
                                      error))
    {
      d360_organization_set_id (organization, old_id);
      return FALSE;
    }

  return TRUE;
}

/**
 * d360_store_get_organization:
 *
 * Returns: (transfer full) (nullable): the organisation with "n-people"
 *   filled, or %NULL and %D360_STORE_ERROR_NOT_FOUND
 */
D360Organization *
d360_store_get_organization (D360Store  *self,
                             gint64      id,
                             GError    **error)
{
  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  return read_organization (self, id, error);
}

/**
 * d360_store_find_organization_by_name:
 *
 * Returns: (transfer full) (nullable): the (oldest) organisation of this
 *   name, folded case and diacritics, or %NULL
 */
D360Organization *
d360_store_find_organization_by_name (D360Store  *self,
                                      const char *name)
{
  g_autofree char *key = NULL;
  gint64 id;

  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  if (is_blank (name))
    return NULL;

  key = d360_fold_text (name);
  id = find_organization_id (self, NULL, key, NULL);
  return id > 0 ? read_organization (self, id, NULL) : NULL;
}

static gboolean
delete_organization_in_transaction (D360Store  *self,
                                    gpointer    user_data,
                                    GError    **error)
{
  gint64 id = *(gint64 *) user_data;
  g_autoptr(GArray) ids = people_of (self, id, error);
  sqlite3_stmt *stmt;

  if (ids == NULL)
    return FALSE;

  stmt = d360_store_prepare (self, "DELETE FROM organization WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!d360_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (d360_store_get_db (self)) == 0)
    return not_found (error, _("The organisation does not exist any more."));

  /* ON DELETE SET NULL unlinked its people; their search rows still name it. */
  if (!refresh_organization_fts (self, id, error) ||
      !refresh_people_of (self, ids, error))
    return FALSE;

  d360_store_emit_changed (self, "organization");
  return TRUE;
}

/**
 * d360_store_delete_organization:
 *
 * Deletes the organisation; its people stay, without an organisation.
 */
gboolean
d360_store_delete_organization (D360Store  *self,
                                gint64      id,
                                GError    **error)
{
  g_return_val_if_fail (D360_IS_STORE (self), FALSE);

  return d360_store_run_in_transaction (self, delete_organization_in_transaction, &id, error);
}

/**
 * d360_store_list_organizations:
 * @search: (nullable): words over name, city and notes
 *
 * Returns: (transfer full): a paged model of #D360Organization by name
 */
GListModel *
d360_store_list_organizations (D360Store  *self,
                               const char *search)
{
  D360StoreListModel *model;

  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  model = d360_store_list_model_new (self, D360_TYPE_ORGANIZATION,
                                     organization_count_sql[0], organization_rows_sql[0],
                                     organization_from_row);
  d360_store_list_model_watch_table (model, "organization");
  d360_store_list_model_watch_table (model, "contact");
  d360_store_organization_list_set_search (G_LIST_MODEL (model), search);

  return G_LIST_MODEL (model);
}

void
d360_store_organization_list_set_search (GListModel *model,
                                         const char *search)
{
  g_autofree char *match = NULL;
  gboolean searching;

  g_return_if_fail (D360_IS_STORE_LIST_MODEL (model));
  g_return_if_fail (g_list_model_get_item_type (model) == D360_TYPE_ORGANIZATION);

  match = build_match_expression (search);
  searching = match != NULL;
  d360_store_list_model_set_sql (D360_STORE_LIST_MODEL (model),
                                 organization_count_sql[searching],
                                 organization_rows_sql[searching],
                                 g_variant_new ("(ms)", match));
}

/* ------------------------------------------------------------- duplicates */

/* The text fields a merge fills and an "unchanged" import compares; the
 * notes are joined instead. */
static const char * const mergeable_strings[] = {
  "uid", "honorific", "given-name", "family-name", "job-title", "country", "street",
  "locality", "region", "postal-code", "address-country", "sectors", "basis-date",
  "basis-source", "birthday", "website",
};

static gboolean
has_email (D360Contact *contact,
           const char  *email)
{
  GPtrArray *emails = d360_contact_get_emails (contact);
  g_autofree char *key = email_key (email);

  for (guint i = 0; i < emails->len; i++)
    {
      g_autofree char *other = email_key (((D360Channel *) g_ptr_array_index (emails, i))->value);

      if (g_str_equal (key, other))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_phone (D360Contact *contact,
           const char  *phone)
{
  GPtrArray *phones = d360_contact_get_phones (contact);
  g_autofree char *digits = phone_digits (phone);

  for (guint i = 0; i < phones->len; i++)
    {
      const char *value = ((D360Channel *) g_ptr_array_index (phones, i))->value;
      g_autofree char *other = phone_digits (value);

      if (*digits != '\0' ? g_str_equal (digits, other) : g_strcmp0 (phone, value) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
strv_is_subset (const char * const *part,
                const char * const *whole)
{
  for (guint i = 0; part[i] != NULL; i++)
    if (!g_strv_contains (whole, part[i]))
      return FALSE;
  return TRUE;
}

static GStrv
strv_union (const char * const *a,
            const char * const *b,
            gboolean            folded)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) all = g_ptr_array_new ();

  for (guint i = 0; a[i] != NULL; i++)
    g_ptr_array_add (all, (gpointer) a[i]);
  for (guint i = 0; b[i] != NULL; i++)
    {
      gboolean present;

      g_ptr_array_add (all, NULL);
      present = folded ? strv_contains_folded ((const char * const *) all->pdata, b[i])
                       : g_strv_contains ((const char * const *) all->pdata, b[i]);
      g_ptr_array_set_size (all, all->len - 1);
      if (!present)
        g_ptr_array_add (all, (gpointer) b[i]);
    }

  for (guint i = 0; i < all->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (all, i));
  return g_strv_builder_end (builder);
}

/* Whether @stored already has everything @imported has, so that importing it
 * again would change nothing. */
static gboolean
contact_is_subsumed (D360Contact *stored,
                     D360Contact *imported,
                     const char  *imported_organization_key)
{
  GPtrArray *emails = d360_contact_get_emails (imported);
  GPtrArray *phones = d360_contact_get_phones (imported);
  const char *notes = d360_contact_get_notes (imported);

  for (guint i = 0; i < G_N_ELEMENTS (mergeable_strings); i++)
    {
      g_autofree char *mine = NULL;
      g_autofree char *theirs = NULL;

      g_object_get (imported, mergeable_strings[i], &theirs, NULL);
      if (theirs == NULL)
        continue;
      g_object_get (stored, mergeable_strings[i], &mine, NULL);
      if (g_strcmp0 (mine, theirs) != 0)
        return FALSE;
    }

  if (notes != NULL &&
      (d360_contact_get_notes (stored) == NULL || strstr (d360_contact_get_notes (stored), notes) == NULL))
    return FALSE;

  if (d360_contact_get_organization_id (imported) > 0 &&
      d360_contact_get_organization_id (imported) != d360_contact_get_organization_id (stored))
    return FALSE;
  if (imported_organization_key != NULL)
    {
      g_autofree char *key = d360_fold_text (d360_contact_get_organization_name (stored));

      if (!g_str_equal (key, imported_organization_key))
        return FALSE;
    }

  if (d360_contact_get_category (imported) != D360_CATEGORY_OTHER &&
      d360_contact_get_category (imported) != d360_contact_get_category (stored))
    return FALSE;
  if (d360_contact_get_legal_basis (imported) != D360_BASIS_NONE &&
      d360_contact_get_legal_basis (imported) != d360_contact_get_legal_basis (stored))
    return FALSE;
  if ((d360_contact_get_dimensions (imported) & ~d360_contact_get_dimensions (stored)) != 0 ||
      (d360_contact_get_agenda_areas (imported) & ~d360_contact_get_agenda_areas (stored)) != 0)
    return FALSE;

  if ((d360_contact_get_investment_min (imported) >= 0 &&
       d360_contact_get_investment_min (imported) != d360_contact_get_investment_min (stored)) ||
      (d360_contact_get_investment_max (imported) >= 0 &&
       d360_contact_get_investment_max (imported) != d360_contact_get_investment_max (stored)) ||
      (d360_contact_get_investment_currency (imported) != NULL &&
       g_strcmp0 (d360_contact_get_investment_currency (imported),
                  d360_contact_get_investment_currency (stored)) != 0))
    return FALSE;

  if (!strv_is_subset (d360_contact_get_languages (imported), d360_contact_get_languages (stored)) ||
      !strv_is_subset (d360_contact_get_interest_countries (imported),
                       d360_contact_get_interest_countries (stored)))
    return FALSE;

  for (guint i = 0; d360_contact_get_tags (imported)[i] != NULL; i++)
    if (!strv_contains_folded (d360_contact_get_tags (stored), d360_contact_get_tags (imported)[i]))
      return FALSE;

  for (guint i = 0; i < emails->len; i++)
    if (!has_email (stored, ((D360Channel *) g_ptr_array_index (emails, i))->value))
      return FALSE;
  for (guint i = 0; i < phones->len; i++)
    if (!has_phone (stored, ((D360Channel *) g_ptr_array_index (phones, i))->value))
      return FALSE;

  return TRUE;
}

/* Gives @keep what it lacks from @other: its empty fields filled, every
 * email, phone, tag, language and interest of both, the notes joined. */
static void
merge_into (D360Contact *keep,
            D360Contact *other)
{
  GPtrArray *emails = d360_contact_get_emails (other);
  GPtrArray *phones = d360_contact_get_phones (other);
  const char *keep_notes = d360_contact_get_notes (keep);
  const char *other_notes = d360_contact_get_notes (other);
  g_auto(GStrv) languages = NULL;
  g_auto(GStrv) countries = NULL;
  g_auto(GStrv) tags = NULL;

  g_object_freeze_notify (G_OBJECT (keep));

  for (guint i = 0; i < G_N_ELEMENTS (mergeable_strings); i++)
    {
      g_autofree char *mine = NULL;
      g_autofree char *theirs = NULL;

      g_object_get (keep, mergeable_strings[i], &mine, NULL);
      if (!is_blank (mine))
        continue;
      g_object_get (other, mergeable_strings[i], &theirs, NULL);
      if (!is_blank (theirs))
        g_object_set (keep, mergeable_strings[i], theirs, NULL);
    }

  if (!is_blank (other_notes))
    {
      if (is_blank (keep_notes))
        d360_contact_set_notes (keep, other_notes);
      else if (strstr (keep_notes, other_notes) == NULL)
        {
          g_autofree char *joined = g_strconcat (keep_notes, "\n\n", other_notes, NULL);

          d360_contact_set_notes (keep, joined);
        }
    }

  if (d360_contact_get_organization_id (keep) == 0)
    {
      d360_contact_set_organization_id (keep, d360_contact_get_organization_id (other));
      if (d360_contact_get_organization_id (keep) == 0 &&
          d360_contact_get_organization_name_for_import (keep) == NULL)
        d360_contact_set_organization_name_for_import (
          keep, d360_contact_get_organization_name_for_import (other));
    }

  if (d360_contact_get_category (keep) == D360_CATEGORY_OTHER)
    d360_contact_set_category (keep, d360_contact_get_category (other));
  if (d360_contact_get_legal_basis (keep) == D360_BASIS_NONE)
    d360_contact_set_legal_basis (keep, d360_contact_get_legal_basis (other));
  d360_contact_set_dimensions (keep, d360_contact_get_dimensions (keep) |
                                     d360_contact_get_dimensions (other));
  d360_contact_set_agenda_areas (keep, d360_contact_get_agenda_areas (keep) |
                                       d360_contact_get_agenda_areas (other));

  if (d360_contact_get_investment_min (keep) < 0 && d360_contact_get_investment_max (keep) < 0 &&
      d360_contact_get_investment_currency (keep) == NULL)
    {
      d360_contact_set_investment_min (keep, d360_contact_get_investment_min (other));
      d360_contact_set_investment_max (keep, d360_contact_get_investment_max (other));
      d360_contact_set_investment_currency (keep, d360_contact_get_investment_currency (other));
    }

  languages = strv_union (d360_contact_get_languages (keep), d360_contact_get_languages (other),
                          FALSE);
  d360_contact_set_languages (keep, (const char * const *) languages);
  countries = strv_union (d360_contact_get_interest_countries (keep),
                          d360_contact_get_interest_countries (other), FALSE);
  d360_contact_set_interest_countries (keep, (const char * const *) countries);
  tags = strv_union (d360_contact_get_tags (keep), d360_contact_get_tags (other), TRUE);
  d360_contact_set_tags (keep, (const char * const *) tags);

  for (guint i = 0; i < emails->len; i++)
    {
      const D360Channel *email = g_ptr_array_index (emails, i);

      if (!has_email (keep, email->value))
        d360_contact_add_email (keep, email->value, email->types, email->label);
    }
  for (guint i = 0; i < phones->len; i++)
    {
      const D360Channel *phone = g_ptr_array_index (phones, i);

      if (!has_phone (keep, phone->value))
        d360_contact_add_phone (keep, phone->value, phone->types, phone->label);
    }

  g_object_thaw_notify (G_OBJECT (keep));
}

static void
add_id (GArray *ids,
        gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return;
  g_array_append_val (ids, id);
}

/* The stored people @contact may be: same UID, then same email, then same
 * name and organisation; with @first_only, stops at the first. */
/* Adds to @ids the first of the people an import gave the key who still
 * has it (LookupCache.owners), as the look-up by index would find them. */
static gboolean
find_owner (D360Store    *self,
            LookupCache  *cache,
            char          kind,
            const char   *key,
            gint64        key_id,
            GArray       *ids,
            GError      **error)
{
  gint64 one;
  guint n_owners;
  const gint64 *owners = owners_of (cache, key_fingerprint (kind, key, key_id), &one, &n_owners);

  for (guint i = 0; i < n_owners; i++)
    {
      gint64 id = owners[i];
      sqlite3_stmt *stmt;
      gboolean has;

      if (kind == 'e' && pending_rows_of_contact (cache, id) &&
          !flush_pending_rows (self, cache, error))
        return FALSE;
      stmt = d360_store_prepare (self,
                                 kind == 'u' ? "SELECT 1 FROM contact WHERE id = ?1 AND uid = ?2"
                                 : kind == 'e' ? "SELECT 1 FROM contact_email "
                                                 "WHERE contact_id = ?1 AND lower (value) = ?2"
                                 : "SELECT 1 FROM contact WHERE id = ?1 AND name_key = ?2 "
                                   "AND organization_id IS ?3",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
      if (kind == 'n' && key_id > 0)
        sqlite3_bind_int64 (stmt, 3, key_id);
      has = step_row (stmt);
      sqlite3_reset (stmt);
      if (has)
        {
          add_id (ids, id);
          return TRUE;
        }
    }

  return TRUE;
}

static gboolean
collect_duplicates (D360Store          *self,
                    LookupCache        *cache,
                    D360Contact        *contact,
                    gint64              self_id,
                    const ContactKeys  *keys,
                    gboolean            first_only,
                    GArray             *ids,
                    GError            **error)
{
  GPtrArray *emails = d360_contact_get_emails (contact);
  const char *uid = d360_contact_get_uid (contact);
  const char *organization_name = d360_contact_get_organization_name_for_import (contact);
  /* A large import into an empty book: among the people it has written. */
  gboolean by_owners = cache != NULL && cache->owners != NULL;
  g_autofree char *name_key = NULL;
  gint64 organization_id;
  sqlite3_stmt *stmt;

  if (by_owners)
    {
      g_return_val_if_fail (self_id == 0 && first_only, FALSE);

      if (uid != NULL && !find_owner (self, cache, 'u', uid, 0, ids, error))
        return FALSE;
      for (guint i = 0; ids->len == 0 && i < emails->len; i++)
        {
          g_autofree char *key = email_key (((D360Channel *) g_ptr_array_index (emails, i))->value);

          if (!find_owner (self, cache, 'e', key, 0, ids, error))
            return FALSE;
        }
      if (ids->len > 0)
        return TRUE;
    }
  else if (uid != NULL && key_may_exist (cache, 'u', uid, 0))
    {
      stmt = d360_store_prepare (self, "SELECT id FROM contact WHERE uid = ?1 AND id != ?2",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, self_id);
      while (step_row (stmt))
        add_id (ids, sqlite3_column_int64 (stmt, 0));
      sqlite3_reset (stmt);
      if (first_only && ids->len > 0)
        return TRUE;
    }

  for (guint i = 0; !by_owners && i < emails->len; i++)
    {
      g_autofree char *key = email_key (((D360Channel *) g_ptr_array_index (emails, i))->value);

      if (!key_may_exist (cache, 'e', key, 0))
        continue;
      /* Someone the import has just added may have it. */
      if (cache != NULL && pending_email (cache, key) &&
          !flush_pending_rows (self, cache, error))
        return FALSE;

      stmt = d360_store_prepare (self,
                                 "SELECT contact_id FROM contact_email "
                                 "WHERE lower(value) = ?1 AND contact_id != ?2 "
                                 "ORDER BY contact_id",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, self_id);
      while (step_row (stmt))
        add_id (ids, sqlite3_column_int64 (stmt, 0));
      sqlite3_reset (stmt);
      if (first_only && ids->len > 0)
        return TRUE;
    }

  if (keys != NULL && keys->name_key != NULL)
    name_key = g_strdup (keys->name_key);
  else
    name_key = d360_contact_dup_name_key (contact);
  if (*name_key == '\0')
    return TRUE;

  organization_id = d360_contact_get_organization_id (contact);
  if (organization_id == 0 && organization_name != NULL)
    {
      g_autofree char *key = keys != NULL && keys->organization_key != NULL
                             ? g_strdup (keys->organization_key)
                             : d360_fold_text (organization_name);

      organization_id = find_organization_id (self, cache, key, error);
      if (organization_id < 0)
        return FALSE;
      if (organization_id == 0)
        return TRUE;   /* a new organisation: nobody is in it yet */
    }
  if (by_owners)
    return find_owner (self, cache, 'n', name_key, MAX (organization_id, 0), ids, error);
  if (!key_may_exist (cache, 'n', name_key, MAX (organization_id, 0)))
    return TRUE;

  stmt = d360_store_prepare (self,
                             "SELECT id FROM contact WHERE name_key = ?1 AND name_key != '' "
                             "AND organization_id IS ?2 AND id != ?3 ORDER BY id",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name_key, -1, SQLITE_STATIC);
  if (organization_id > 0)
    sqlite3_bind_int64 (stmt, 2, organization_id);
  sqlite3_bind_int64 (stmt, 3, self_id);
  while (step_row (stmt))
    add_id (ids, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);

  return TRUE;
}

/**
 * d360_store_find_duplicates_of:
 *
 * Returns: (transfer full) (element-type gint64): the likely duplicates of
 *   @contact among the stored people (not itself), or %NULL on error
 */
GArray *
d360_store_find_duplicates_of (D360Store    *self,
                               D360Contact  *contact,
                               GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (D360_IS_STORE (self), NULL);
  g_return_val_if_fail (D360_IS_CONTACT (contact), NULL);

  if (!collect_duplicates (self, NULL, contact, d360_contact_get_id (contact), NULL, FALSE, ids,
                           error))
    return NULL;

  /* Not the ones the user said this stored person is not. */
  if (d360_contact_get_id (contact) > 0 && ids->len > 0)
    {
      g_autoptr(GHashTable) distinct = distinct_from (self, d360_contact_get_id (contact), error);

      if (distinct == NULL)
        return NULL;
      for (guint i = ids->len; i > 0; i--)
        if (g_hash_table_contains (distinct, &g_array_index (ids, gint64, i - 1)))
          g_array_remove_index (ids, i - 1);
    }

  return g_steal_pointer (&ids);
}

void
d360_duplicate_pair_free (D360DuplicatePair *pair)
{
  if (pair == NULL)
    return;

  g_free (pair->reason);
  g_free (pair);
}

static gboolean
has_pair (GHashTable *seen,
          gint64      first,
          gint64      second)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, first, second);

  return !g_hash_table_add (seen, g_steal_pointer (&key));
}

/**
 * d360_store_find_duplicate_pairs:
 *
 * Returns: (transfer full) (element-type D360DuplicatePair): every pair of
 *   people who share an email address, or have the same name and
 *   organisation, but for the pairs said to be two people
 *   (d360_store_set_contacts_distinct()); the lower id first. %NULL on error.
 */
GPtrArray *
d360_store_find_duplicate_pairs (D360Store  *self,
                                 GError    **error)
{
  g_autoptr(GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) d360_duplicate_pair_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  stmt = d360_store_prepare (self,
                             "SELECT a.contact_id, b.contact_id, a.value FROM contact_email a "
                             "JOIN contact_email b ON lower(b.value) = lower(a.value) "
                             "AND b.contact_id > a.contact_id "
                             "WHERE NOT EXISTS (SELECT 1 FROM contact_distinct d "
                             "  WHERE d.first_id = a.contact_id AND d.second_id = b.contact_id) "
                             "ORDER BY a.contact_id, b.contact_id",
                             error);
  if (stmt == NULL)
    return NULL;
  while (step_row (stmt))
    {
      gint64 first = sqlite3_column_int64 (stmt, 0);
      gint64 second = sqlite3_column_int64 (stmt, 1);
      D360DuplicatePair *pair;

      if (has_pair (seen, first, second))
        continue;
      pair = g_new0 (D360DuplicatePair, 1);
      pair->first_id = first;
      pair->second_id = second;
      pair->reason = g_strdup_printf (_("Same email: %s"), COLUMN_TEXT (stmt, 2));
      g_ptr_array_add (pairs, pair);
    }
  sqlite3_reset (stmt);

  stmt = d360_store_prepare (self,
                             "SELECT a.id, b.id, "
                             "  trim (coalesce (a.given_name, '') || ' ' || "
                             "        coalesce (a.family_name, '')), o.name "
                             "FROM contact a JOIN contact b ON b.name_key = a.name_key AND b.name_key != '' "
                             "AND b.organization_id IS a.organization_id AND b.id > a.id "
                             "LEFT JOIN organization o ON o.id = a.organization_id "
                             "WHERE a.name_key != '' AND NOT EXISTS (SELECT 1 FROM contact_distinct d "
                             "  WHERE d.first_id = a.id AND d.second_id = b.id) "
                             "ORDER BY a.id, b.id",
                             error);
  if (stmt == NULL)
    return NULL;
  while (step_row (stmt))
    {
      gint64 first = sqlite3_column_int64 (stmt, 0);
      gint64 second = sqlite3_column_int64 (stmt, 1);
      D360DuplicatePair *pair;

      if (has_pair (seen, first, second))
        continue;
      pair = g_new0 (D360DuplicatePair, 1);
      pair->first_id = first;
      pair->second_id = second;
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        /* Translators: a name, then an organisation: "Ana Popescu, Embassy of France" */
        pair->reason = g_strdup_printf (_("Same name and organisation: %s, %s"),
                                        COLUMN_TEXT (stmt, 2), COLUMN_TEXT (stmt, 3));
      else
        pair->reason = g_strdup_printf (_("Same name: %s"), COLUMN_TEXT (stmt, 2));
      g_ptr_array_add (pairs, pair);
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&pairs);
}

typedef struct
{
  gint64   first_id;
  gint64   second_id;
  gboolean distinct;
} DistinctData;

static gboolean
set_distinct_in_transaction (D360Store  *self,
                             gpointer    user_data,
                             GError    **error)
{
  DistinctData *data = user_data;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < 2; i++)
    {
      gint64 id = i == 0 ? data->first_id : data->second_id;

      stmt = d360_store_prepare (self, "SELECT 1 FROM contact WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!step_row (stmt))
        {
          sqlite3_reset (stmt);
          return not_found (error, _("The contact does not exist any more."));
        }
      sqlite3_reset (stmt);
    }

  stmt = d360_store_prepare (self,
                             data->distinct
                             ? "INSERT OR IGNORE INTO contact_distinct (first_id, second_id) "
                               "VALUES (?1, ?2)"
                             : "DELETE FROM contact_distinct WHERE first_id = ?1 AND second_id = ?2",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->first_id);
  sqlite3_bind_int64 (stmt, 2, data->second_id);
  if (!d360_store_step_done (self, stmt, error))
    return FALSE;

  d360_store_emit_changed (self, "contact_distinct");
  return TRUE;
}

/**
 * d360_store_set_contacts_distinct:
 * @distinct: %TRUE: they are two people, never to be offered as likely
 *   duplicates of each other again (neither in d360_store_find_duplicate_pairs()
 *   nor in d360_store_find_duplicates_of()); %FALSE: forget that (an undo)
 *
 * Returns: whether it was stored; an error if either person is gone
 */
gboolean
d360_store_set_contacts_distinct (D360Store  *self,
                                  gint64      id,
                                  gint64      other_id,
                                  gboolean    distinct,
                                  GError    **error)
{
  DistinctData data = { MIN (id, other_id), MAX (id, other_id), distinct };

  g_return_val_if_fail (D360_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (id == other_id)
    return invalid (error, _("A contact cannot be told apart from itself."));

  return d360_store_run_in_transaction (self, set_distinct_in_transaction, &data, error);
}

typedef struct
{
  gint64 keep_id;
  gint64 other_id;
} MergeData;

static gboolean
merge_in_transaction (D360Store  *self,
                      gpointer    user_data,
                      GError    **error)
{
  MergeData *data = user_data;
  g_autoptr(D360Contact) keep = read_contact (self, data->keep_id, error);
  g_autoptr(D360Contact) other = NULL;
  sqlite3_stmt *stmt;

  if (keep == NULL)
    return FALSE;
  other = read_contact (self, data->other_id, error);
  if (other == NULL)
    return FALSE;

  merge_into (keep, other);

  /* Whom the other was said not to be, the merged person is not either. */
  stmt = d360_store_prepare (self,
                             "INSERT OR IGNORE INTO contact_distinct (first_id, second_id) "
                             "SELECT min (?1, x), max (?1, x) FROM "
                             "  (SELECT second_id AS x FROM contact_distinct WHERE first_id = ?2 "
                             "   UNION SELECT first_id FROM contact_distinct WHERE second_id = ?2) "
                             "WHERE x != ?1",
                             error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, data->keep_id);
  sqlite3_bind_int64 (stmt, 2, data->other_id);
  if (!d360_store_step_done (self, stmt, error))
    return FALSE;

  if (!remove_contact (self, data->other_id, error))
    return FALSE;

  /* Placeholder: when meetings and follow-up actions land, every row that
   * refers to @other_id (attendees, actions, match notes) is moved to
   * @keep_id here, in this same transaction. */

  if (!d360_store_validate_contact (keep, error) ||
      !write_contact (self, NULL, keep, WRITE_SAVE, NULL, NULL, error) ||
      !remove_unused_tags (self, error))
    return FALSE;

  return TRUE;
}

/**
 * d360_store_merge_contacts:
 * @keep_id: the person who stays
 * @other_id: the person merged into @keep_id and deleted
 */
gboolean
d360_store_merge_contacts (D360Store  *self,
                           gint64      keep_id,
                           gint64      other_id,
                           GError    **error)
{
  MergeData data = { keep_id, other_id };

  g_return_val_if_fail (D360_IS_STORE (self), FALSE);

  if (keep_id == other_id)
    return invalid (error, _("A contact cannot be merged with itself."));

  return d360_store_run_in_transaction (self, merge_in_transaction, &data, error);
}

/* ---------------------------------------------------------------- privacy */

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_strv_member (JsonBuilder        *builder,
                 const char         *name,
                 const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_channels_member (JsonBuilder *builder,
                     const char  *name,
                     GPtrArray   *channels)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < channels->len; i++)
    {
      const D360Channel *channel = g_ptr_array_index (channels, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "value", channel->value);
      json_builder_set_member_name (builder, "types");
      json_builder_begin_array (builder);
      for (guint bit = 0; bit < G_N_ELEMENTS (channel_type_keys); bit++)
        if (channel->types & (1u << bit))
          json_builder_add_string_value (builder, channel_type_keys[bit]);
      json_builder_end_array (builder);
      add_string_member (builder, "label", channel->label);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_amount_member (JsonBuilder *builder,
                   const char  *name,
                   gint64       minor)
{
  json_builder_set_member_name (builder, name);
  if (minor >= 0)
    json_builder_add_int_value (builder, minor);
  else
    json_builder_add_null_value (builder);
}

/**
 * d360_store_export_personal_data:
 *
 * Returns: (transfer full) (nullable): everything stored about the person
 *   (every field, emails, phones, tags and organisation) as a JSON document
 *   in UTF-8, or %NULL on error
 */
GBytes *
d360_store_export_personal_data (D360Store  *self,
                                 gint64      id,
                                 GError    **error)
{
  g_autoptr(D360Contact) contact = NULL;
  g_autoptr(D360Organization) organization = NULL;
  g_autoptr(GHashTable) distinct = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *exported_at = d360_store_now_utc ();
  char *text;
  gsize length;

  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  contact = read_contact (self, id, error);
  if (contact == NULL)
    return NULL;
  distinct = distinct_from (self, id, error);
  if (distinct == NULL)
    return NULL;
  if (d360_contact_get_organization_id (contact) > 0)
    {
      organization = read_organization (self, d360_contact_get_organization_id (contact), error);
      if (organization == NULL)
        return NULL;
    }

  json_builder_begin_object (builder);
  add_string_member (builder, "format", "diplomacy360-personal-data");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  add_string_member (builder, "exported_at", exported_at);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, d360_contact_get_id (contact));
  add_string_member (builder, "uid", d360_contact_get_uid (contact));
  add_string_member (builder, "honorific", d360_contact_get_honorific (contact));
  add_string_member (builder, "given_name", d360_contact_get_given_name (contact));
  add_string_member (builder, "family_name", d360_contact_get_family_name (contact));
  add_string_member (builder, "display_name", d360_contact_get_display_name (contact));
  add_string_member (builder, "job_title", d360_contact_get_job_title (contact));
  add_string_member (builder, "category",
                     d360_category_to_key (d360_contact_get_category (contact)));
  add_string_member (builder, "country", d360_contact_get_country (contact));
  add_strv_member (builder, "languages", d360_contact_get_languages (contact));
  add_channels_member (builder, "emails", d360_contact_get_emails (contact));
  add_channels_member (builder, "phones", d360_contact_get_phones (contact));

  json_builder_set_member_name (builder, "address");
  json_builder_begin_object (builder);
  add_string_member (builder, "street", d360_contact_get_street (contact));
  add_string_member (builder, "locality", d360_contact_get_locality (contact));
  add_string_member (builder, "region", d360_contact_get_region (contact));
  add_string_member (builder, "postal_code", d360_contact_get_postal_code (contact));
  add_string_member (builder, "country", d360_contact_get_address_country (contact));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "interests");
  json_builder_begin_object (builder);
  add_string_member (builder, "sectors", d360_contact_get_sectors (contact));
  json_builder_set_member_name (builder, "dimensions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < D360_N_DIMENSIONS; i++)
    if (d360_contact_get_dimensions (contact) & D360_DIMENSION_BIT (i))
      json_builder_add_string_value (builder, d360_dimension_to_key (i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "agenda_areas");
  json_builder_begin_array (builder);
  for (guint i = 0; i < D360_N_AGENDA_AREAS; i++)
    if (d360_contact_get_agenda_areas (contact) & (1u << i))
      json_builder_add_string_value (builder, agenda_area_keys[i]);
  json_builder_end_array (builder);
  add_strv_member (builder, "countries", d360_contact_get_interest_countries (contact));
  add_amount_member (builder, "investment_min_minor", d360_contact_get_investment_min (contact));
  add_amount_member (builder, "investment_max_minor", d360_contact_get_investment_max (contact));
  add_string_member (builder, "investment_currency",
                     d360_contact_get_investment_currency (contact));
  json_builder_end_object (builder);

  add_strv_member (builder, "tags", d360_contact_get_tags (contact));
  add_string_member (builder, "notes", d360_contact_get_notes (contact));
  add_string_member (builder, "birthday", d360_contact_get_birthday (contact));
  add_string_member (builder, "website", d360_contact_get_website (contact));

  json_builder_set_member_name (builder, "privacy");
  json_builder_begin_object (builder);
  add_string_member (builder, "legal_basis",
                     d360_legal_basis_to_key (d360_contact_get_legal_basis (contact)));
  add_string_member (builder, "basis_date", d360_contact_get_basis_date (contact));
  add_string_member (builder, "basis_source", d360_contact_get_basis_source (contact));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "organization");
  if (organization != NULL)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, d360_organization_get_id (organization));
      add_string_member (builder, "name", d360_organization_get_name (organization));
      add_string_member (builder, "kind",
                         d360_org_kind_to_key (d360_organization_get_kind (organization)));
      add_string_member (builder, "country", d360_organization_get_country (organization));
      add_string_member (builder, "city", d360_organization_get_city (organization));
      add_string_member (builder, "website", d360_organization_get_website (organization));
      add_string_member (builder, "email", d360_organization_get_email (organization));
      add_string_member (builder, "phone", d360_organization_get_phone (organization));
      add_string_member (builder, "address", d360_organization_get_address (organization));
      add_string_member (builder, "notes", d360_organization_get_notes (organization));
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  /* The people they were said not to be, by id (Find Duplicates). */
  json_builder_set_member_name (builder, "not_the_same_as");
  json_builder_begin_array (builder);
  {
    g_autoptr(GList) others = g_hash_table_get_keys (distinct);

    others = g_list_sort (others, compare_ids);
    for (GList *l = others; l != NULL; l = l->next)
      json_builder_add_int_value (builder, *(gint64 *) l->data);
  }
  json_builder_end_array (builder);

  /* Placeholder: when meetings and follow-up actions land, the meetings the
   * person attended and the actions that name them are listed here. */

  add_string_member (builder, "created_at", d360_contact_get_created_at (contact));
  add_string_member (builder, "updated_at", d360_contact_get_updated_at (contact));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, &length);

  return g_bytes_new_take (text, length);
}

static gboolean
erase_in_transaction (D360Store  *self,
                      gpointer    user_data,
                      GError    **error)
{
  gint64 id = *(gint64 *) user_data;
  sqlite3_stmt *stmt;

  /* Their emails, phones and tag links go with the row (ON DELETE CASCADE),
   * their search row with remove_contact(). */
  if (!remove_contact (self, id, error) ||
      !remove_unused_tags (self, error))
    return FALSE;

  /* Placeholder: when meetings and follow-up actions land, their rows that
   * refer to the person lose the link and keep an anonymous placeholder
   * instead, here in this transaction:
   *   UPDATE meeting_attendee SET contact_id = NULL, name = 'Erased contact' …
   *   UPDATE action SET contact_id = NULL … */

  /* A deleted full-text row leaves its words in the index's segments until
   * they are merged: merging them all now removes them for good. */
  stmt = prepare_search_write (self,
                               "INSERT INTO contact_fts (contact_fts) VALUES ('optimize')", error);
  return stmt != NULL && d360_store_step_done (self, stmt, error);
}

static void
set_secure_delete (D360Store *self,
                   gboolean   on)
{
  sqlite3_stmt *stmt = d360_store_prepare (self,
                                           on ? "PRAGMA secure_delete = ON"
                                              : "PRAGMA secure_delete = OFF",
                                           NULL);

  if (stmt != NULL)
    d360_store_step_done (self, stmt, NULL);
}

/**
 * d360_store_erase_contact:
 *
 * Removes the person, their emails, phones and tag links, and every trace of
 * them in the search index, in one transaction. The freed pages of the file
 * are overwritten with zeros (secure_delete), and the write-ahead log is
 * emptied afterwards, so the data does not linger in the file either.
 * Backups made before keep it.
 */
gboolean
d360_store_erase_contact (D360Store  *self,
                          gint64      id,
                          GError    **error)
{
  gboolean ok;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (D360_IS_STORE (self), FALSE);

  set_secure_delete (self, TRUE);
  ok = d360_store_run_in_transaction (self, erase_in_transaction, &id, error);
  set_secure_delete (self, FALSE);

  if (ok)
    {
      /* Best effort: a reader may keep the log from being emptied now. */
      stmt = d360_store_prepare (self, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
      if (stmt != NULL)
        {
          while (step_row (stmt))
            ;
          sqlite3_reset (stmt);
        }
    }

  return ok;
}

/* ----------------------------------------------------------------- import */

/* The fingerprints of the keys a person can be matched by
 * (collect_duplicates()): UID, emails, and name with the organisation's
 * folded name (@organization_key; NULL: the name alone, which errs on the
 * side of a match). */
static void
get_match_keys (D360Contact *contact,
                const char  *name_key,
                const char  *organization_key,
                GArray      *keys)
{
  GPtrArray *emails = d360_contact_get_emails (contact);
  const char *uid = d360_contact_get_uid (contact);
  gpointer key;

  g_array_set_size (keys, 0);
  if (uid != NULL)
    {
      key = key_fingerprint ('u', uid, 0);
      g_array_append_val (keys, key);
    }
  for (guint i = 0; i < emails->len; i++)
    {
      g_autofree char *email = email_key (((D360Channel *) g_ptr_array_index (emails, i))->value);

      key = key_fingerprint ('e', email, 0);
      g_array_append_val (keys, key);
    }
  if (name_key != NULL && *name_key != '\0')
    {
      g_autofree char *both = g_strconcat (name_key, "\n", organization_key, NULL);

      key = key_fingerprint (organization_key != NULL ? 'o' : 'n', both, 0);
      g_array_append_val (keys, key);
    }
}

/* A dry run writes a new person only if a later person of the file may be
 * matched with them: anyone else would only be rolled back, and nothing
 * looks them up. KeysAhead counts, for each key fingerprint, the people of
 * the file who have it; import_one() takes each person's keys off as it
 * passes them, so that what is left are the keys of the people still to
 * come. On the benchmark's 100 000 cards this writes a few thousand people
 * instead of 91 822, and the preview takes half the time. */
typedef struct
{
  GHashTable *counts;       /* fingerprint → number of people still to come */
  gboolean    names_only;   /* someone names an organisation by id: names alone */
  GArray     *keys;         /* scratch */
} KeysAhead;

/* The organisation part of the name's key: see get_match_keys(). */
static const char *
match_organization_key (KeysAhead         *ahead,
                        const ContactKeys *keys)
{
  if (ahead->names_only)
    return NULL;
  return keys->organization_key != NULL ? keys->organization_key : "";
}

static void
keys_ahead_free (KeysAhead *ahead)
{
  g_hash_table_unref (ahead->counts);
  g_array_unref (ahead->keys);
  g_free (ahead);
}

/* What an import works out about a person before writing them, in a
 * second thread that runs ahead of the writing (prepare_thread()): the
 * writing itself (SQLite) cannot be shared out, but this part can, and the
 * two run side by side on two cores. */
typedef struct
{
  D360Contact *contact;   /* the caller's, to write (not a reference): the import
                             only reads the caller's people, whatever their ids */
  GError      *invalid;   /* why the person cannot be imported, or NULL */
  ContactKeys  keys;
} Prepared;

typedef struct
{
  GPtrArray              *contacts;
  D360ImportPolicy        policy;
  gboolean                dry_run;
  D360ImportCounts        counts;
  D360ImportProgressFunc  progress;
  gpointer                progress_data;
  GCancellable           *cancellable;
  LookupCache             cache;
  KeysAhead              *keys_ahead; /* a dry run's */
  D360SearchWriter       *search;     /* an import's (not a dry run's) */

  Prepared               *prepared;   /* one per contact */
  GThread                *thread;     /* prepare_thread() */
  GMutex                  lock;
  GCond                   cond;
  guint                   n_ready;    /* prepared so far; under lock */
  gint                    stop;       /* atomic: the writing has stopped */
} ImportData;

/* How many people the preparing thread does between two signals. */
#define PREPARE_BATCH 64

/* The keys a person is looked up by, unless worked out already. */
static void
prepare_keys (Prepared    *prepared,
              D360Contact *source)
{
  const char *organization = d360_contact_get_organization_name_for_import (source);

  if (prepared->keys.name_key != NULL)
    return;

  prepared->keys.name_key = d360_contact_dup_name_key (source);
  if (organization != NULL && d360_contact_get_organization_id (source) <= 0)
    {
      prepared->keys.organization_key = d360_fold_text (organization);
      prepared->keys.sort_organization = g_strdup (organization);
    }
}

static void
prepare_one (Prepared    *prepared,
             D360Contact *source)
{
  if (!d360_store_validate_contact (source, &prepared->invalid))
    return;

  prepared->contact = source;
  prepare_keys (prepared, source);
  prepared->keys.sort_key = dup_sort_key (source, prepared->keys.sort_organization);
}

static gpointer
prepare_thread (gpointer user_data)
{
  ImportData *data = user_data;
  guint total = data->contacts->len;

  for (guint i = 0; i < total && !g_atomic_int_get (&data->stop); i++)
    {
      prepare_one (&data->prepared[i], g_ptr_array_index (data->contacts, i));
      if ((i + 1) % PREPARE_BATCH == 0 || i + 1 == total)
        {
          g_mutex_lock (&data->lock);
          data->n_ready = i + 1;
          g_cond_signal (&data->cond);
          g_mutex_unlock (&data->lock);
        }
    }

  return NULL;
}

/* Waits until the person @i is prepared; @ready: what the caller knows to be. */
static Prepared *
wait_prepared (ImportData *data,
               guint       i,
               guint      *ready)
{
  if (i >= *ready)
    {
      g_mutex_lock (&data->lock);
      while (data->n_ready <= i)
        g_cond_wait (&data->cond, &data->lock);
      *ready = data->n_ready;
      g_mutex_unlock (&data->lock);
    }

  return &data->prepared[i];
}

typedef struct
{
  GPtrArray *contacts;
  Prepared  *prepared;
  guint      start;
  guint      end;
} KeysRange;

static gpointer
prepare_keys_range (gpointer user_data)
{
  KeysRange *range = user_data;

  for (guint i = range->start; i < range->end; i++)
    prepare_keys (&range->prepared[i], g_ptr_array_index (range->contacts, i));
  return NULL;
}

/* Works out the keys of everyone (into @prepared, for prepare_one()), the
 * second half in a thread of its own, and counts them. */
static KeysAhead *
keys_ahead_new (GPtrArray *contacts,
                Prepared  *prepared)
{
  KeysAhead *ahead = g_new0 (KeysAhead, 1);
  KeysRange first = { contacts, prepared, 0, contacts->len / 2 };
  KeysRange second = { contacts, prepared, contacts->len / 2, contacts->len };
  GThread *thread = g_thread_try_new ("d360-import-keys", prepare_keys_range, &second, NULL);

  prepare_keys_range (&first);
  if (thread != NULL)
    g_thread_join (thread);
  else
    prepare_keys_range (&second);

  ahead->counts = g_hash_table_new (g_direct_hash, g_direct_equal);
  ahead->keys = g_array_new (FALSE, FALSE, sizeof (gpointer));
  for (guint i = 0; i < contacts->len; i++)
    if (d360_contact_get_organization_id (g_ptr_array_index (contacts, i)) > 0)
      ahead->names_only = TRUE;

  for (guint i = 0; i < contacts->len; i++)
    {
      get_match_keys (g_ptr_array_index (contacts, i), prepared[i].keys.name_key,
                      match_organization_key (ahead, &prepared[i].keys), ahead->keys);
      for (guint k = 0; k < ahead->keys->len; k++)
        {
          gpointer key = g_array_index (ahead->keys, gpointer, k);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (ahead->counts, key));

          g_hash_table_insert (ahead->counts, key, GUINT_TO_POINTER (n + 1));
        }
    }

  return ahead;
}

/* Takes the person off the people to come; whether one of those still to
 * come shares a key with them. */
static gboolean
keys_ahead_pass (KeysAhead         *ahead,
                 D360Contact       *contact,
                 const ContactKeys *keys)
{
  get_match_keys (contact, keys->name_key, match_organization_key (ahead, keys), ahead->keys);

  for (guint k = 0; k < ahead->keys->len; k++)
    {
      gpointer key = g_array_index (ahead->keys, gpointer, k);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (ahead->counts, key));

      if (n > 1)
        g_hash_table_insert (ahead->counts, key, GUINT_TO_POINTER (n - 1));
      else
        g_hash_table_remove (ahead->counts, key);
    }
  for (guint k = 0; k < ahead->keys->len; k++)
    if (g_hash_table_contains (ahead->counts, g_array_index (ahead->keys, gpointer, k)))
      return TRUE;

  return FALSE;
}

static void
start_preparing (ImportData *data)
{
  data->prepared = g_new0 (Prepared, data->contacts->len);
  g_mutex_init (&data->lock);
  g_cond_init (&data->cond);
  if (data->dry_run)
    data->keys_ahead = keys_ahead_new (data->contacts, data->prepared);
  data->thread = g_thread_new ("d360-import", prepare_thread, data);
}

static void
stop_preparing (ImportData *data)
{
  g_atomic_int_set (&data->stop, 1);
  g_thread_join (g_steal_pointer (&data->thread));
  for (guint i = 0; i < data->contacts->len; i++)
    {
      data->prepared[i].contact = NULL;
      g_clear_error (&data->prepared[i].invalid);
      contact_keys_clear (&data->prepared[i].keys);
    }
  g_clear_pointer (&data->prepared, g_free);
  g_clear_pointer (&data->keys_ahead, keys_ahead_free);
  g_mutex_clear (&data->lock);
  g_cond_clear (&data->cond);
}

/* Ends a dry run's transaction without writing: a failure of its own kind. */
#define DRY_RUN_DONE (-1)

static gboolean
import_one (D360Store    *self,
            ImportData   *data,
            Prepared     *prepared,
            GError      **error)
{
  D360Contact *contact = prepared->contact;
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(D360Contact) stored = NULL;
  g_autofree char *organization_key = NULL;
  gboolean met_later;
  MergeBase base;

  /* 0: whatever its id, someone to add */
  if (!collect_duplicates (self, &data->cache, contact, 0, &prepared->keys, TRUE, matches,
                           error))
    return FALSE;

  met_later = data->keys_ahead == NULL ||
              keys_ahead_pass (data->keys_ahead, contact, &prepared->keys);

  if (matches->len == 0)
    {
      data->counts.n_new++;
      /* A dry run: nobody will look them up. Someone linked to an
       * organisation by its id is written all the same: writing them checks
       * that it still exists, and the preview must fail where the import does. */
      if (!met_later && d360_contact_get_organization_id (contact) <= 0)
        return TRUE;
      return write_contact (self, &data->cache, contact, WRITE_IMPORT_NEW, &prepared->keys, NULL,
                            error);
    }

  /* The match may be someone the import has just added. */
  if (pending_rows_of_contact (&data->cache, g_array_index (matches, gint64, 0)) &&
      !flush_pending_rows (self, &data->cache, error))
    return FALSE;
  stored = read_contact (self, g_array_index (matches, gint64, 0), error);
  if (stored == NULL)
    return FALSE;

  if (d360_contact_get_organization_name_for_import (contact) != NULL)
    organization_key = prepared->keys.organization_key != NULL
                       ? g_strdup (prepared->keys.organization_key)
                       : d360_fold_text (d360_contact_get_organization_name_for_import (contact));
  if (contact_is_subsumed (stored, contact, organization_key))
    {
      data->counts.n_unchanged++;
      return TRUE;
    }

  data->counts.n_duplicates++;
  switch (data->policy)
    {
    case D360_IMPORT_SKIP:
      return TRUE;

    case D360_IMPORT_MERGE:
      merge_base_init (&base, stored);
      merge_into (stored, contact);
      return d360_store_validate_contact (stored, error) &&
             write_contact (self, &data->cache, stored, WRITE_IMPORT, NULL, &base, error);

    case D360_IMPORT_ANYWAY:
    default:
      return write_contact (self, &data->cache, contact, WRITE_IMPORT_NEW, &prepared->keys, NULL,
                            error);
    }
}

/* Fills LookupCache.known_keys with the keys of every stored person. */
static gboolean
load_known_keys (D360Store    *self,
                 LookupCache  *cache,
                 GError      **error)
{
  static const struct
  {
    char        kind;
    const char *sql;
  } queries[] = {
    { 'u', "SELECT uid, 0 FROM contact WHERE uid IS NOT NULL" },
    { 'e', "SELECT lower (value), 0 FROM contact_email" },
    { 'n', "SELECT name_key, coalesce (organization_id, 0) FROM contact WHERE name_key != ''" },
  };

  cache->known_keys = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = d360_store_prepare (self, queries[i].sql, error);

      if (stmt == NULL)
        return FALSE;
      while (step_row (stmt))
        add_known_key (cache, queries[i].kind, (const char *) sqlite3_column_text (stmt, 0),
                       sqlite3_column_int64 (stmt, 1));
      sqlite3_reset (stmt);
    }

  return TRUE;
}

/* The indexes of `contact` that only lists and searches use: a large import
 * drops them and builds them again at its end, in its transaction, which
 * costs less than adding every person to each of them. The look-ups of the
 * import itself keep theirs, but into an empty book (lookup_indexes). */
static const char * const list_indexes[] = {
  "contact_sort", "contact_updated", "contact_category", "contact_country",
  "contact_organization", "contact_keys",
};

/* The indexes of the import's own look-ups (UID, name key, email): an
 * import into an empty book finds the people it has written without them
 * (LookupCache.owners), and builds them at its end with the list indexes,
 * which costs less than adding every person to them. */
static const char * const lookup_indexes[] = {
  "contact_uid", "contact_name_key", "contact_email_value",
};

/* Drops the @n indexes @names; their CREATE statements are added to @sqls. */
static gboolean
drop_indexes (D360Store          *self,
              const char * const *names,
              guint               n,
              GPtrArray          *sqls,
              GError            **error)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *sql = NULL;
      g_autofree char *drop = NULL;
      sqlite3_stmt *stmt;

      stmt = d360_store_prepare (self,
                                 "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                                 error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, names[i], -1, SQLITE_STATIC);
      if (step_row (stmt))
        sql = d360_store_column_text (stmt, 0);
      sqlite3_reset (stmt);
      if (sql == NULL)
        continue;   /* not in this database: nothing to build again either */

      drop = g_strdup_printf ("DROP INDEX \"%s\"", names[i]);
      if (!d360_store_exec (self, drop, _("Could not import the contacts"), error))
        return FALSE;
      g_ptr_array_add (sqls, g_steal_pointer (&sql));
    }

  return TRUE;
}

static gboolean
create_indexes (D360Store  *self,
                GPtrArray  *sqls,
                GError    **error)
{
  for (guint i = 0; i < sqls->len; i++)
    if (!d360_store_exec (self, g_ptr_array_index (sqls, i), _("Could not import the contacts"),
                          error))
      return FALSE;

  return TRUE;
}

/* From how many people an import counts as large: it finds duplicates by
 * fingerprint (load_known_keys()), or into an empty book among the people
 * it writes (add_owner()), and, when it at least doubles the book, builds
 * the list indexes at its end (drop_indexes()). */
#define LARGE_IMPORT 2000

static gboolean
import_in_transaction (D360Store  *self,
                       gpointer    user_data,
                       GError    **error)
{
  ImportData *data = user_data;
  guint total = data->contacts->len;
  g_autoptr(GPtrArray) dropped_indexes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gint64 n_stored = 0;
  guint ready = 0;
  int rc;

  stmt = d360_store_prepare (self, "SELECT count (*) FROM contact", error);
  if (stmt == NULL)
    return FALSE;
  if (step_row (stmt))
    n_stored = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* Into an empty book, the import finds likely duplicates among the
   * people it writes without indexes (see add_owner()). Otherwise, reading
   * the stored keys once costs about what looking up a quarter as many
   * people one by one does. */
  if (total >= LARGE_IMPORT && n_stored == 0)
    {
      data->cache.owners = owners_new ();
      if (!drop_indexes (self, lookup_indexes, G_N_ELEMENTS (lookup_indexes), dropped_indexes,
                         error))
        return FALSE;
    }
  else if (total >= LARGE_IMPORT && (gint64) total * 4 >= n_stored &&
           !load_known_keys (self, &data->cache, error))
    return FALSE;
  if (total >= LARGE_IMPORT && (gint64) total >= n_stored &&
      !drop_indexes (self, list_indexes, G_N_ELEMENTS (list_indexes), dropped_indexes, error))
    return FALSE;

  /* The search rows go to a thread and a connection of their own, which
   * lock the search file after this transaction has locked the main one,
   * in the order every other writer takes them. */
  if (!data->dry_run)
    {
      data->search = d360_search_writer_new (self, error);
      if (data->search == NULL)
        return FALSE;
      data->cache.search = data->search;
      stmt = d360_store_prepare (self, "SELECT token FROM main.search_state", error);
      if (stmt == NULL)
        return FALSE;
      if (step_row (stmt))
        d360_search_writer_set_expected (data->search,
                                         (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }

  for (guint i = 0; i < total; i++)
    {
      D360Contact *contact = g_ptr_array_index (data->contacts, i);
      Prepared *prepared = wait_prepared (data, i, &ready);
      g_autoptr(GError) local_error = NULL;

      if (i % PROGRESS_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (data->cancellable, error))
            return FALSE;
          /* The writer's error, at once rather than at the end. */
          if (data->search != NULL && d360_search_writer_failed (data->search))
            return d360_search_writer_finish (data->search, error);
          if (data->progress != NULL)
            data->progress (i, total, data->progress_data);
        }

      if (prepared->invalid != NULL)
        local_error = g_error_copy (prepared->invalid);
      if (local_error == NULL && import_one (self, data, prepared, &local_error))
        {
          /* Written: what was worked out for them is not needed again. */
          prepared->contact = NULL;
          contact_keys_clear (&prepared->keys);
        }
      else
        {
          g_autofree char *name = g_strdup (d360_contact_get_display_name (contact));

          if (local_error->domain == D360_STORE_ERROR)
            g_set_error (error, D360_STORE_ERROR, local_error->code,
                         /* Translators: the number of a contact in the file, its name, and
                          * what is wrong with it */
                         _("Contact %u (%s): %s"), i + 1, name, local_error->message);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (g_cancellable_set_error_if_cancelled (data->cancellable, error) ||
      !flush_pending_rows (self, &data->cache, error))
    return FALSE;

  /* A dry run has its counts: the rest (indexes, search rows) would only be
   * rolled back. */
  if (data->dry_run)
    {
      if (data->progress != NULL)
        data->progress (total, total, data->progress_data);
      g_set_error_literal (error, D360_STORE_ERROR, DRY_RUN_DONE, "dry run");
      return FALSE;
    }


  /* The rows of the stored people it changed, made again from the tables,
   * after all the new ones (FTS5 writes out its words once, here). */
  if (data->cache.changed_ids->len > 0)
    {
      g_autofree char *ids = NULL;

      g_array_sort (data->cache.changed_ids, compare_ids);
      ids = ids_to_json (data->cache.changed_ids);
      d360_search_writer_remove (data->cache.search, data->cache.changed_ids);
      stmt = d360_store_prepare (self, IMPORT_FTS_VALUES_SQL, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, ids, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          D360SearchRow row = { .id = sqlite3_column_int64 (stmt, 0) };

          for (guint column = 0; column < D360_SEARCH_N_COLUMNS; column++)
            row.text[column] = d360_store_column_text (stmt, (int) column + 1);
          d360_search_writer_add (data->cache.search, &row);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          d360_store_set_error (error, d360_store_get_db (self), rc,
                                _("Could not import the contacts"));
          return FALSE;
        }
    }

  /* The search rows are all handed over: the writer finishes them, and
   * writes out what FTS5 holds, while this builds the indexes. */
  d360_search_writer_close (data->cache.search);
  if (!create_indexes (self, dropped_indexes, error))
    return FALSE;

  /* Every search row written; the tables take the token the search file
   * gets at its commit, after this one (d360_store_import_contacts()). */
  {
    gint64 waited = g_get_monotonic_time ();

    if (!d360_search_writer_finish (data->cache.search, error))
      return FALSE;
    g_debug ("Waited %" G_GINT64_FORMAT " ms for the search rows",
             (g_get_monotonic_time () - waited) / 1000);
  }
  stmt = d360_store_prepare (self, "UPDATE main.search_state SET token = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, d360_search_writer_get_token (data->cache.search), -1,
                     SQLITE_STATIC);
  if (!d360_store_step_done (self, stmt, error))
    return FALSE;

  if (data->progress != NULL)
    data->progress (total, total, data->progress_data);
  return TRUE;
}

/* Turns off (during an import) or on again SQLite's checks of each row it
 * writes, which an import's rows need not pass:
 *
 * - Its foreign key checks look up the row every person, email, phone and
 *   tag refers to: 6 % of the writing thread's work. An import refers only
 *   to rows it has just written or looked up (write_contact() checks that
 *   an organisation given by id exists) and deletes no row that others
 *   refer to.
 * - The tables' CHECK constraints: a sixth of SQLite's work writing the
 *   rows (the sqlite3 shell writing the benchmark's rows: 5.41 G
 *   instructions with them, 4.38 G without). An import writes only people
 *   it has validated (d360_store_validate_contact() checks what the
 *   constraints check), organisations by their name, and tags by theirs.
 *
 * They are set outside the import's transaction (SQLite ignores
 * foreign_keys within one, silently), and both expire the prepared
 * statements, which are compiled again with or without the checks. They
 * are read back once on again, before the import's change signals
 * (d360_store_hold_changes()): a handler that writes must meet them. */
static void
set_row_checks (D360Store *self,
                gboolean   on)
{
  static const struct
  {
    const char *name;
    int         when_on;
  } pragmas[] = {
    { "foreign_keys", 1 },
    { "ignore_check_constraints", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pragmas); i++)
    {
      g_autofree char *set = g_strdup_printf ("PRAGMA %s = %d", pragmas[i].name,
                                              on ? pragmas[i].when_on : !pragmas[i].when_on);
      g_autofree char *get = g_strdup_printf ("PRAGMA %s", pragmas[i].name);
      sqlite3_stmt *check = NULL;

      d360_store_exec (self, set, "row checks", NULL);
      if (!on)
        continue;
      if (sqlite3_prepare_v2 (d360_store_get_db (self), get, -1, &check, NULL) != SQLITE_OK ||
          sqlite3_step (check) != SQLITE_ROW ||
          sqlite3_column_int (check, 0) != pragmas[i].when_on)
        g_warning ("Could not set %s again after an import", pragmas[i].name);
      sqlite3_finalize (check);
    }
}

/**
 * d360_store_import_contacts:
 * @contacts: (element-type D360Contact): the people of the file
 * @policy: what to do with a likely duplicate
 * @dry_run: count only
 * @counts: (out caller-allocates): how it went (n_rejected is left as it is)
 * @progress: (nullable) (scope call): called every thousand people
 * @cancellable: (nullable): stops the import; nothing is written then
 *
 * Adds @contacts in one transaction: everything or, on any failure or
 * cancellation, nothing. A person is matched against the stored people and
 * the earlier people of @contacts: by UID, then by email (case does not
 * matter), then by name (folded) and organisation. A match that already has
 * everything the imported person has counts as unchanged and is left alone;
 * another is a duplicate, handled by @policy. Organisations are found by
 * name (folded), or created.
 */
gboolean
d360_store_import_contacts (D360Store               *self,
                            GPtrArray               *contacts,
                            D360ImportPolicy         policy,
                            gboolean                 dry_run,
                            D360ImportCounts        *counts,
                            D360ImportProgressFunc   progress,
                            gpointer                 progress_data,
                            GCancellable            *cancellable,
                            GError                 **error)
{
  ImportData data = { 0 };
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (D360_IS_STORE (self), FALSE);
  g_return_val_if_fail (contacts != NULL, FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);
  g_return_val_if_fail (!d360_store_in_transaction (self), FALSE);

  data.contacts = contacts;
  data.policy = policy;
  data.dry_run = dry_run;
  data.progress = progress;
  data.progress_data = progress_data;
  data.cancellable = cancellable;
  lookup_cache_init (&data.cache);
  data.cache.counting_only = dry_run;
  start_preparing (&data);
  d360_store_hold_changes (self);
  set_row_checks (self, FALSE);
  /* A dry run writes no search rows; an import leaves the search file to
   * its D360SearchWriter, which commits after the tables. */
  if (dry_run)
    ok = d360_store_run_in_transaction (self, import_in_transaction, &data, &local_error);
  else
    {
      /* The two files' logs are copied into them after both commits, side
       * by side, rather than each by its commit, one after the other. */
      d360_store_exec (self, "PRAGMA wal_autocheckpoint = 0", "autocheckpoint", NULL);
      ok = d360_store_run_in_main_transaction (self, import_in_transaction, &data, &local_error);
    }
  if (ok && data.search != NULL && d360_search_writer_commit (data.search, &local_error))
    d360_search_writer_checkpoint (data.search);
  else if (ok && data.search != NULL)
    {
      /* The people are in: the index is made again from the tables now, or,
       * failing that, at the next opening (the tokens differ). */
      g_autoptr(GError) rebuild_error = NULL;

      g_warning ("Could not commit the search rows: %s", local_error->message);
      g_clear_error (&local_error);
      g_clear_pointer (&data.search, d360_search_writer_free);
      if (!d360_store_rebuild_search (self, &rebuild_error))
        g_warning ("Could not make the search index again (%s): it is made at the next "
                   "opening", rebuild_error->message);
    }
  /* The tables' log here, the search file's in the writer's thread; then
   * SQLite's own checkpoints again (1000 pages, its default). Best effort,
   * as those are. */
  if (!dry_run)
    {
      d360_store_exec (self, "PRAGMA main.wal_checkpoint(PASSIVE)", "checkpoint", NULL);
      d360_store_exec (self, "PRAGMA wal_autocheckpoint = 1000", "autocheckpoint", NULL);
    }
  g_clear_pointer (&data.search, d360_search_writer_free);
  set_row_checks (self, TRUE);
  d360_store_release_changes (self);
  stop_preparing (&data);
  lookup_cache_clear (&data.cache);
  if (!ok && dry_run && g_error_matches (local_error, D360_STORE_ERROR, DRY_RUN_DONE))
    ok = TRUE;

  if (ok)
    {
      counts->n_new = data.counts.n_new;
      counts->n_duplicates = data.counts.n_duplicates;
      counts->n_unchanged = data.counts.n_unchanged;
      return TRUE;
    }

  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

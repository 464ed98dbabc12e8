/* test-contacts.c — people, organisations, search, duplicates, merge, erase
 * and import (d360-store-contacts)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test works on a real database file in its own temporary folder.
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "d360-contact-private.h"
#include "d360-store-city.h"
#include "d360-store-contacts-private.h"
#include "d360-store-list-model.h"
#include "d360-store-portfolio.h"
#include "d360-store-private.h"
#include "d360-validate.h"

#define SQL_FRAGMENT "Robert'); DROP TABLE contact; -- \"quoted\" 'single' %s %d \\ ;"

/* ------------------------------------------------------------ fixture */

typedef struct
{
  char      *dir;
  char      *path;
  D360Store *store;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else if (g_remove (child) != 0)
        g_warning ("Could not remove %s: %s", child, g_strerror (errno));
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("d360-contacts-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "diplomacy360.db", NULL);
  fixture->store = d360_store_open (fixture->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* ------------------------------------------------------------ helpers */

static gint64
add_organization (Fixture     *fixture,
                  const char  *name,
                  D360OrgKind  kind)
{
  g_autoptr(D360Organization) organization = d360_organization_new (name);
  g_autoptr(GError) error = NULL;

  d360_organization_set_kind (organization, kind);
  g_assert_true (d360_store_save_organization (fixture->store, organization, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d360_organization_get_id (organization), >, 0);
  return d360_organization_get_id (organization);
}

static D360Contact *
new_person (const char *given,
            const char *family,
            const char *email)
{
  D360Contact *contact = d360_contact_new ();

  d360_contact_set_given_name (contact, given);
  d360_contact_set_family_name (contact, family);
  if (email != NULL)
    d360_contact_add_email (contact, email, D360_CHANNEL_WORK, NULL);
  return contact;
}

static void
save_ok (Fixture     *fixture,
         D360Contact *contact)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (d360_store_save_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d360_contact_get_id (contact), >, 0);
}

static gint64
add_person (Fixture    *fixture,
            const char *given,
            const char *family,
            const char *email,
            gint64      organization_id)
{
  g_autoptr(D360Contact) contact = new_person (given, family, email);

  d360_contact_set_organization_id (contact, organization_id);
  save_ok (fixture, contact);
  return d360_contact_get_id (contact);
}

static D360Contact *
get_ok (Fixture *fixture,
        gint64   id)
{
  g_autoptr(GError) error = NULL;
  D360Contact *contact = d360_store_get_contact (fixture->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contact);
  return contact;
}

static gint64
count_where (Fixture          *fixture,
             D360ContactQuery *query)
{
  g_autoptr(GError) error = NULL;
  gint64 n = d360_store_count_contacts (fixture->store, query, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
count_search (Fixture    *fixture,
              const char *search)
{
  D360ContactQuery query;

  d360_contact_query_init (&query);
  query.search = search;
  return count_where (fixture, &query);
}

static gboolean
array_has (GArray *ids,
           gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static GArray *
ids_of (gint64 first,
        ...)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  va_list args;

  va_start (args, first);
  for (gint64 id = first; id != 0; id = va_arg (args, gint64))
    g_array_append_val (ids, id);
  va_end (args);
  return ids;
}

/* A second connection to the database, with its search file attached as
 * the store attaches it. */
static sqlite3 *
raw_open (const char *path)
{
  g_autofree char *search = g_strconcat (path, "-search", NULL);
  g_autofree char *attach = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (g_file_test (search, G_FILE_TEST_EXISTS))
    {
      attach = sqlite3_mprintf ("ATTACH %Q AS search", search);
      g_assert_cmpint (sqlite3_exec (db, attach, NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_free (g_steal_pointer (&attach));
    }
  return db;
}

static gint64
raw_query_int (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* An import turns SQLite's foreign key checks off while it writes
 * (d360_store_import_contacts()): they are on again after it, whatever
 * happened, and every row it wrote refers to a row that exists. */
static void
assert_row_checks_hold (D360Store *store)
{
  sqlite3 *db = d360_store_get_db (store);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (raw_query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    g_error ("A row of %s refers to a missing row of %s", sqlite3_column_text (stmt, 0),
             sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);

  /* The CHECK constraints: on again, and every row passes them
   * (quick_check checks them too). */
  g_assert_cmpint (raw_query_int (db, "PRAGMA ignore_check_constraints"), ==, 0);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
}

/* An import turns SQLite's CHECK constraints off and on again around its
 * transaction, while the store keeps its statements prepared: a statement
 * prepared while they were off must check them once they are on again
 * (SQLite expires the prepared statements at the pragma). */
static void
test_checks_after_pragma (Fixture       *fixture,
                          gconstpointer  data)
{
  sqlite3 *db = d360_store_get_db (fixture->store);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA ignore_check_constraints = ON", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v3 (db, "INSERT INTO tag (name, key) VALUES (?1, ?2)", -1,
                                       SQLITE_PREPARE_PERSISTENT, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA ignore_check_constraints = OFF", NULL, NULL, NULL),
                   ==, SQLITE_OK);

  sqlite3_bind_text (stmt, 1, "   ", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, "blank", -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt) & 0xff, ==, SQLITE_CONSTRAINT);
  sqlite3_finalize (stmt);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "tag", NULL), ==, 0);
}

/* ------------------------------------------------------------ contacts */

static void
test_contact_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *languages[] = { "ro", "fr", NULL };
  const char *countries[] = { "FR", "DE", NULL };
  const char *tags[] = { "Investitori", "Expo 2026", NULL };
  g_autoptr(D360Contact) contact = d360_contact_new ();
  g_autoptr(D360Contact) read = NULL;
  gint64 org = add_organization (fixture, "Ambasada Franței", D360_ORG_EMBASSY);
  GPtrArray *emails, *phones;

  d360_contact_set_uid (contact, "urn:uuid:1234");
  d360_contact_set_honorific (contact, "E.S.");
  d360_contact_set_given_name (contact, "Ștefan");
  d360_contact_set_family_name (contact, "Țurcanu");
  d360_contact_set_job_title (contact, "Consilier economic");
  d360_contact_set_organization_id (contact, org);
  d360_contact_set_category (contact, D360_CATEGORY_DIPLOMAT);
  d360_contact_set_country (contact, "FR");
  d360_contact_set_languages (contact, languages);
  d360_contact_add_email (contact, "Stefan.Turcanu@Example.fr", D360_CHANNEL_WORK | D360_CHANNEL_PREF, NULL);
  d360_contact_add_email (contact, "stefan@home.example", D360_CHANNEL_HOME, "Personal");
  d360_contact_add_phone (contact, "+33 1 23 45 67 89", D360_CHANNEL_WORK, NULL);
  d360_contact_add_phone (contact, "+40 721 234 567", D360_CHANNEL_CELL, "Romania");
  d360_contact_set_street (contact, "Strada Henri Coandă 1");
  d360_contact_set_locality (contact, "București");
  d360_contact_set_region (contact, "Sector 1");
  d360_contact_set_postal_code (contact, "010001");
  d360_contact_set_address_country (contact, "RO");
  d360_contact_set_sectors (contact, "automotive, IT");
  d360_contact_set_dimensions (contact, D360_DIMENSION_BIT (D360_DIMENSION_ECONOMY) |
                                        D360_DIMENSION_BIT (D360_DIMENSION_CULTURE));
  d360_contact_set_agenda_areas (contact, D360_AGENDA_FOREIGN_INVESTMENT | D360_AGENDA_CULTURE);
  d360_contact_set_interest_countries (contact, countries);
  d360_contact_set_investment_min (contact, 100000);
  d360_contact_set_investment_max (contact, 5000000);
  d360_contact_set_investment_currency (contact, "EUR");
  d360_contact_set_tags (contact, tags);
  d360_contact_set_notes (contact, "Întâlnire la Timișoara.");
  d360_contact_set_legal_basis (contact, D360_BASIS_PUBLIC_ROLE);
  d360_contact_set_basis_date (contact, "2026-03-01");
  d360_contact_set_basis_source (contact, "carte de vizită, Expo 2026");
  d360_contact_set_birthday (contact, "--02-29");
  d360_contact_set_website (contact, "https://example.fr/ambassade");

  save_ok (fixture, contact);
  g_assert_cmpstr (d360_contact_get_organization_name (contact), ==, "Ambasada Franței");
  g_assert_nonnull (d360_contact_get_updated_at (contact));

  read = get_ok (fixture, d360_contact_get_id (contact));
  g_assert_cmpstr (d360_contact_get_uid (read), ==, "urn:uuid:1234");
  g_assert_cmpstr (d360_contact_get_honorific (read), ==, "E.S.");
  g_assert_cmpstr (d360_contact_get_given_name (read), ==, "Ștefan");
  g_assert_cmpstr (d360_contact_get_family_name (read), ==, "Țurcanu");
  g_assert_cmpstr (d360_contact_get_display_name (read), ==, "E.S. Ștefan Țurcanu");
  {
    g_autofree char *initials = d360_contact_dup_initials (read);

    g_assert_cmpstr (initials, ==, "ȘȚ");
  }
  g_assert_cmpstr (d360_contact_get_job_title (read), ==, "Consilier economic");
  g_assert_cmpint (d360_contact_get_organization_id (read), ==, org);
  g_assert_cmpstr (d360_contact_get_organization_name (read), ==, "Ambasada Franței");
  g_assert_cmpint (d360_contact_get_category (read), ==, D360_CATEGORY_DIPLOMAT);
  g_assert_cmpstr (d360_contact_get_country (read), ==, "FR");
  g_assert_true (g_strv_equal (d360_contact_get_languages (read), languages));
  g_assert_true (g_strv_equal (d360_contact_get_interest_countries (read), countries));

  emails = d360_contact_get_emails (read);
  g_assert_cmpuint (emails->len, ==, 2);
  g_assert_cmpstr (((D360Channel *) emails->pdata[0])->value, ==, "Stefan.Turcanu@Example.fr");
  g_assert_cmpuint (((D360Channel *) emails->pdata[0])->types, ==,
                    D360_CHANNEL_WORK | D360_CHANNEL_PREF);
  g_assert_null (((D360Channel *) emails->pdata[0])->label);
  g_assert_cmpstr (((D360Channel *) emails->pdata[1])->label, ==, "Personal");
  phones = d360_contact_get_phones (read);
  g_assert_cmpuint (phones->len, ==, 2);
  g_assert_cmpstr (((D360Channel *) phones->pdata[1])->value, ==, "+40 721 234 567");
  g_assert_cmpuint (((D360Channel *) phones->pdata[1])->types, ==, D360_CHANNEL_CELL);

  g_assert_cmpstr (d360_contact_get_street (read), ==, "Strada Henri Coandă 1");
  g_assert_cmpstr (d360_contact_get_locality (read), ==, "București");
  g_assert_cmpstr (d360_contact_get_region (read), ==, "Sector 1");
  g_assert_cmpstr (d360_contact_get_postal_code (read), ==, "010001");
  g_assert_cmpstr (d360_contact_get_address_country (read), ==, "RO");
  g_assert_cmpstr (d360_contact_get_sectors (read), ==, "automotive, IT");
  g_assert_cmpuint (d360_contact_get_dimensions (read), ==,
                    D360_DIMENSION_BIT (D360_DIMENSION_ECONOMY) |
                    D360_DIMENSION_BIT (D360_DIMENSION_CULTURE));
  g_assert_cmpuint (d360_contact_get_agenda_areas (read), ==,
                    D360_AGENDA_FOREIGN_INVESTMENT | D360_AGENDA_CULTURE);
  g_assert_cmpint (d360_contact_get_investment_min (read), ==, 100000);
  g_assert_cmpint (d360_contact_get_investment_max (read), ==, 5000000);
  g_assert_cmpstr (d360_contact_get_investment_currency (read), ==, "EUR");
  /* Tags come back sorted by their folded name. */
  g_assert_cmpuint (g_strv_length ((char **) d360_contact_get_tags (read)), ==, 2);
  g_assert_cmpstr (d360_contact_get_tags (read)[0], ==, "Expo 2026");
  g_assert_cmpstr (d360_contact_get_tags (read)[1], ==, "Investitori");
  g_assert_cmpstr (d360_contact_get_notes (read), ==, "Întâlnire la Timișoara.");
  g_assert_cmpint (d360_contact_get_legal_basis (read), ==, D360_BASIS_PUBLIC_ROLE);
  g_assert_cmpstr (d360_contact_get_basis_date (read), ==, "2026-03-01");
  g_assert_cmpstr (d360_contact_get_basis_source (read), ==, "carte de vizită, Expo 2026");
  g_assert_cmpstr (d360_contact_get_birthday (read), ==, "--02-29");
  g_assert_cmpstr (d360_contact_get_website (read), ==, "https://example.fr/ambassade");
  g_assert_cmpstr (d360_contact_get_updated_at (read), ==, d360_contact_get_updated_at (contact));

  /* An update replaces the emails, phones and tags whole. */
  d360_contact_set_emails (read, NULL);
  d360_contact_add_email (read, "nou@example.ro", 0, NULL);
  d360_contact_set_phones (read, NULL);
  d360_contact_set_tags (read, NULL);
  d360_contact_set_investment_min (read, -1);
  d360_contact_set_investment_max (read, -1);
  d360_contact_set_investment_currency (read, NULL);
  save_ok (fixture, read);
  g_clear_object (&contact);
  contact = get_ok (fixture, d360_contact_get_id (read));
  g_assert_cmpuint (d360_contact_get_emails (contact)->len, ==, 1);
  g_assert_cmpuint (d360_contact_get_phones (contact)->len, ==, 0);
  g_assert_cmpstr (d360_contact_get_tags (contact)[0], ==, NULL);
  g_assert_cmpint (d360_contact_get_investment_min (contact), ==, -1);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_phone", NULL), ==, 0);
  /* Tags nobody has any more are gone. */
  g_assert_cmpint (d360_store_count_rows (fixture->store, "tag", NULL), ==, 0);
}

static void
test_contact_delete_undo (Fixture       *fixture,
                          gconstpointer  data)
{
  const char *tags[] = { "vip", NULL };
  g_autoptr(D360Contact) ana = new_person ("Ana", "Popescu", "ana@example.ro");
  g_autoptr(D360Contact) back = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GObject) deleted = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ion;

  d360_contact_set_tags (ana, tags);
  d360_contact_add_phone (ana, "0256 123 456", D360_CHANNEL_WORK, NULL);
  save_ok (fixture, ana);
  ion = add_person (fixture, "Ion", "Ionescu", "ion@example.ro", 0);

  ids = ids_of (d360_contact_get_id (ana), ion, (gint64) 0);
  deleted = d360_store_delete_contacts (fixture->store, ids, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 0);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_email", NULL), ==, 0);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_phone", NULL), ==, 0);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_tag", NULL), ==, 0);
  g_assert_cmpint (count_search (fixture, "ana"), ==, 0);
  g_assert_null (d360_store_get_contact (fixture->store, ion, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (d360_store_undo_delete_contacts (fixture->store, deleted, &error));
  g_assert_no_error (error);
  back = get_ok (fixture, d360_contact_get_id (ana));
  g_assert_cmpstr (d360_contact_get_display_name (back), ==, "Ana Popescu");
  g_assert_cmpstr (d360_contact_get_tags (back)[0], ==, "vip");
  g_assert_cmpuint (d360_contact_get_phones (back)->len, ==, 1);
  g_assert_cmpstr (d360_contact_get_created_at (back), ==, d360_contact_get_created_at (ana));
  g_assert_cmpint (count_search (fixture, "ana"), ==, 1);
  g_assert_cmpint (count_search (fixture, "ion"), ==, 1);

  /* Twice is refused, and changes nothing. */
  g_assert_false (d360_store_undo_delete_contacts (fixture->store, deleted, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 2);

  /* A missing id deletes nothing. */
  g_clear_error (&error);
  g_clear_pointer (&ids, g_array_unref);
  ids = ids_of (ion, (gint64) 9999, (gint64) 0);
  g_assert_null (d360_store_delete_contacts (fixture->store, ids, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 2);
}

static void
test_contact_validation (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(D360Contact) contact = d360_contact_new ();
  g_autoptr(GError) error = NULL;

  /* Nothing to know the person by. */
  d360_contact_set_job_title (contact, "Consul");
  g_assert_false (d360_store_save_contact (fixture->store, contact, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
  g_assert_cmpint (d360_contact_get_id (contact), ==, 0);
  g_clear_error (&error);

#define REFUSED(setup) \
  G_STMT_START { \
    g_autoptr(D360Contact) c = new_person ("Ana", "Pop", NULL); \
    setup; \
    g_assert_false (d360_store_save_contact (fixture->store, c, &error)); \
    g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID); \
    g_assert_nonnull (error->message); \
    g_clear_error (&error); \
  } G_STMT_END

  REFUSED (d360_contact_add_email (c, "not an email", 0, NULL));
  REFUSED (d360_contact_add_email (c, "ana@", 0, NULL));
  REFUSED (d360_contact_add_email (c, "@example.ro", 0, NULL));
  REFUSED (d360_contact_add_phone (c, "call me", 0, NULL));
  REFUSED (d360_contact_add_phone (c, "12", 0, NULL));
  REFUSED (d360_contact_set_country (c, "XX"));
  REFUSED (d360_contact_set_country (c, "Romania"));
  REFUSED (d360_contact_set_address_country (c, "ZZ"));
  {
    const char *bad[] = { "xx-not", NULL };

    REFUSED (d360_contact_set_languages (c, bad));
    REFUSED (d360_contact_set_interest_countries (c, bad));
  }
  REFUSED (d360_contact_set_investment_min (c, -5));
  REFUSED ({ d360_contact_set_investment_min (c, 10); });
  REFUSED ({ d360_contact_set_investment_min (c, 10); d360_contact_set_investment_max (c, 5);
             d360_contact_set_investment_currency (c, "EUR"); });
  REFUSED ({ d360_contact_set_investment_max (c, 10);
             d360_contact_set_investment_currency (c, "XYZ"); });
  REFUSED (d360_contact_set_basis_date (c, "2026-02-30"));
  REFUSED (d360_contact_set_birthday (c, "--13-01"));
  REFUSED (d360_contact_set_birthday (c, "yesterday"));
  REFUSED (d360_contact_set_website (c, "ftp://example.ro"));

#undef REFUSED

  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 0);

  /* An email alone, or an organisation alone, is enough. */
  {
    g_autoptr(D360Contact) c = new_person (NULL, NULL, "office@example.ro");

    save_ok (fixture, c);
    g_assert_cmpstr (d360_contact_get_display_name (c), ==, "office@example.ro");
  }
  {
    g_autoptr(D360Contact) c = d360_contact_new ();

    d360_contact_set_organization_id (c, add_organization (fixture, "Camera de Comerț",
                                                           D360_ORG_CHAMBER_OF_COMMERCE));
    d360_contact_add_phone (c, "+40 (256) 123-456 ext. 12", 0, NULL);
    save_ok (fixture, c);
    g_assert_cmpstr (d360_contact_get_display_name (c), ==, "Camera de Comerț");
  }
}

/* Quotes, backslashes, a slash, control characters, an emoji (a surrogate
 * pair in JSON) and diacritics. */
#define ESCAPED "\"a\\b/c\n\td\x01\x1f e \xF0\x9F\x98\x80 ș ţ"

static void
test_text_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(D360Contact) contact = d360_contact_new ();
  g_autoptr(D360Contact) read = NULL;
  g_autoptr(GString) notes = g_string_new (NULL);
  const char *tags[] = { SQL_FRAGMENT, "ţară", ESCAPED, NULL };

  while (notes->len < 100000)
    g_string_append (notes, "Ştefan şi Ștefan, ţară şi țară; \"ghilimele\" 'apostrof' -- ");
  g_string_truncate (notes, 100000);

  d360_contact_set_given_name (contact, SQL_FRAGMENT);
  d360_contact_set_family_name (contact, "O'Brien \"the\" Ţuţu");
  d360_contact_set_job_title (contact, "'; DELETE FROM contact; --");
  d360_contact_set_notes (contact, notes->str);
  d360_contact_set_tags (contact, tags);
  d360_contact_add_email (contact, "o'brien@example.ie", 0, SQL_FRAGMENT);
  /* Characters that the aggregated columns carry escaped, read back whole. */
  d360_contact_add_email (contact, "t@example.ro", 3, ESCAPED);
  d360_contact_add_phone (contact, "+40 21 000 0000", 0, NULL);
  d360_contact_add_phone (contact, "+40 21 000 0001", 5, "");
  save_ok (fixture, contact);

  read = get_ok (fixture, d360_contact_get_id (contact));
  g_assert_cmpstr (d360_contact_get_given_name (read), ==, SQL_FRAGMENT);
  g_assert_cmpstr (d360_contact_get_family_name (read), ==, "O'Brien \"the\" Ţuţu");
  g_assert_cmpstr (d360_contact_get_job_title (read), ==, "'; DELETE FROM contact; --");
  g_assert_cmpstr (d360_contact_get_notes (read), ==, notes->str);
  g_assert_cmpuint (strlen (d360_contact_get_notes (read)), ==, 100000);
  g_assert_true (g_strv_contains (d360_contact_get_tags (read), SQL_FRAGMENT));
  g_assert_true (g_strv_contains (d360_contact_get_tags (read), "ţară"));
  g_assert_cmpstr (((D360Channel *) d360_contact_get_emails (read)->pdata[0])->label, ==,
                   SQL_FRAGMENT);
  g_assert_cmpuint (d360_contact_get_emails (read)->len, ==, 2);
  g_assert_cmpstr (((D360Channel *) d360_contact_get_emails (read)->pdata[1])->value, ==,
                   "t@example.ro");
  g_assert_cmpuint (((D360Channel *) d360_contact_get_emails (read)->pdata[1])->types, ==, 3);
  g_assert_cmpstr (((D360Channel *) d360_contact_get_emails (read)->pdata[1])->label, ==,
                   ESCAPED);
  g_assert_cmpuint (d360_contact_get_phones (read)->len, ==, 2);
  g_assert_null (((D360Channel *) d360_contact_get_phones (read)->pdata[0])->label);
  g_assert_cmpuint (((D360Channel *) d360_contact_get_phones (read)->pdata[1])->types, ==, 5);
  g_assert_true (g_strv_contains (d360_contact_get_tags (read), ESCAPED));
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 1);

  /* Searching for SQL and FTS syntax finds the text and breaks nothing. */
  g_assert_cmpint (count_search (fixture, "DROP TABLE"), ==, 1);
  g_assert_cmpint (count_search (fixture, "\"quoted"), ==, 1);
  g_assert_cmpint (count_search (fixture, "o'brien"), ==, 1);
  g_assert_cmpint (count_search (fixture, "NOT AND OR NEAR("), ==, 0);
  g_assert_cmpint (count_search (fixture, "* ( ) : ^"), ==, 1);   /* no word: everyone */
  g_assert_cmpint (count_search (fixture, "tara"), ==, 1);
}

static void
assert_channels_equal (GPtrArray *a,
                       GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const D360Channel *x = g_ptr_array_index (a, i);
      const D360Channel *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (x->value, ==, y->value);
      g_assert_cmpuint (x->types, ==, y->types);
      g_assert_cmpstr (x->label, ==, y->label);
    }
}

/* Reading every contact at once (export) gives what reading each one does:
 * emails, phones and tags in their order, to the right person, also for the
 * people who have none. */
/* The same people, in the same order, with the same of everything the
 * export writes. */
static void
assert_same_contacts (GPtrArray *first,
                      GPtrArray *second)
{
  g_assert_cmpuint (first->len, ==, second->len);
  for (guint i = 0; i < first->len; i++)
    {
      D360Contact *x = g_ptr_array_index (first, i);
      D360Contact *y = g_ptr_array_index (second, i);
      const char * const *tags_x = d360_contact_get_tags (x);
      const char * const *tags_y = d360_contact_get_tags (y);
      g_autofree char *initials_x = d360_contact_dup_initials (x);
      g_autofree char *initials_y = d360_contact_dup_initials (y);

      g_assert_cmpint (d360_contact_get_id (x), ==, d360_contact_get_id (y));
      g_assert_cmpstr (d360_contact_get_display_name (x), ==, d360_contact_get_display_name (y));
      g_assert_cmpstr (initials_x, ==, initials_y);
      g_assert_cmpstr (d360_contact_get_organization_name (x), ==,
                       d360_contact_get_organization_name (y));
      g_assert_cmpstr (d360_contact_get_updated_at (x), ==, d360_contact_get_updated_at (y));
      assert_channels_equal (d360_contact_get_emails (x), d360_contact_get_emails (y));
      assert_channels_equal (d360_contact_get_phones (x), d360_contact_get_phones (y));
      g_assert_cmpuint (tags_x != NULL ? g_strv_length ((GStrv) tags_x) : 0, ==,
                        tags_y != NULL ? g_strv_length ((GStrv) tags_y) : 0);
      for (guint j = 0; tags_x != NULL && tags_x[j] != NULL; j++)
        g_assert_cmpstr (tags_x[j], ==, tags_y[j]);
    }
}

static void
test_read_all (Fixture       *fixture,
               gconstpointer  data)
{
  const char *tags_a[] = { "Expo 2026", "ţară", ESCAPED, NULL };
  const char *tags_c[] = { "automotive", NULL };
  gint64 org = add_organization (fixture, "Ambasada Franței", D360_ORG_EMBASSY);
  g_autoptr(D360Contact) a = new_person ("Ștefan", "Mureșan", "stefan@example.ro");
  g_autoptr(D360Contact) b = new_person ("Ana", "Bălan", NULL);
  g_autoptr(D360Contact) c = new_person ("Zoe", "Albu", "zoe@example.fr");
  g_autoptr(D360Contact) d = new_person ("Ion", "Țurcanu", NULL);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) each = NULL;
  g_autoptr(GError) error = NULL;

  d360_contact_add_email (a, "s.muresan@example.com", D360_CHANNEL_HOME, ESCAPED);
  d360_contact_add_phone (a, "+40 21 000 0001", D360_CHANNEL_WORK, NULL);
  d360_contact_add_phone (a, "+40 721 000 002", D360_CHANNEL_CELL, "birou");
  d360_contact_set_tags (a, tags_a);
  d360_contact_set_organization_id (c, org);
  d360_contact_set_tags (c, tags_c);
  d360_contact_add_phone (d, "+40 256 000 003", 0, NULL);
  save_ok (fixture, a);
  save_ok (fixture, b);
  save_ok (fixture, c);
  save_ok (fixture, d);

  all = d360_store_read_contacts (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  for (guint i = 0; i < all->len; i++)
    {
      gint64 id = d360_contact_get_id (g_ptr_array_index (all, i));

      g_array_append_val (ids, id);
    }
  /* Against each one read on its own, with the aggregated columns. */
  each = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < ids->len; i++)
    g_ptr_array_add (each, get_ok (fixture, g_array_index (ids, gint64, i)));
  g_assert_cmpuint (each->len, ==, 4);

  assert_same_contacts (all, each);

  /* In the list's order (by name), each with their own channels. */
  g_assert_cmpstr (d360_contact_get_family_name (g_ptr_array_index (all, 0)), ==, "Albu");
  g_assert_cmpstr (d360_contact_get_organization_name (g_ptr_array_index (all, 0)), ==,
                   "Ambasada Franței");
  g_assert_cmpuint (d360_contact_get_emails (g_ptr_array_index (all, 1))->len, ==, 0);
  g_assert_cmpstr (d360_contact_get_family_name (g_ptr_array_index (all, 2)), ==, "Mureșan");
  g_assert_cmpuint (d360_contact_get_emails (g_ptr_array_index (all, 2))->len, ==, 2);
  g_assert_cmpuint (d360_contact_get_phones (g_ptr_array_index (all, 2))->len, ==, 2);
  g_assert_cmpuint (g_strv_length ((GStrv) d360_contact_get_tags (g_ptr_array_index (all, 2))),
                    ==, 3);
  g_assert_cmpuint (d360_contact_get_phones (g_ptr_array_index (all, 3))->len, ==, 1);

  /* Some of them, by id: in the order asked, each with their own channels. */
  {
    gint64 wanted[] = { d360_contact_get_id (d), d360_contact_get_id (a) };
    g_autoptr(GArray) some = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GPtrArray) read = NULL;

    g_array_append_vals (some, wanted, G_N_ELEMENTS (wanted));
    read = d360_store_read_contacts (fixture->store, some, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (read->len, ==, 2);
    g_assert_cmpint (d360_contact_get_id (g_ptr_array_index (read, 0)), ==, wanted[0]);
    g_assert_cmpint (d360_contact_get_id (g_ptr_array_index (read, 1)), ==, wanted[1]);
    assert_channels_equal (d360_contact_get_phones (g_ptr_array_index (read, 0)),
                           d360_contact_get_phones (g_ptr_array_index (all, 3)));
    assert_channels_equal (d360_contact_get_emails (g_ptr_array_index (read, 1)),
                           d360_contact_get_emails (g_ptr_array_index (all, 2)));
    g_assert_cmpuint (g_strv_length ((GStrv) d360_contact_get_tags (g_ptr_array_index (read,
                                                                                       1))),
                      ==, 3);
  }
}

/* The batches of a read, in order. */
static gboolean
gather_batch_cb (GPtrArray  *contacts,
                 gpointer    user_data,
                 GError    **error)
{
  GPtrArray *gathered = user_data;

  g_assert_cmpuint (contacts->len, >, 0);
  for (guint i = 0; i < contacts->len; i++)
    g_ptr_array_add (gathered, g_object_ref (g_ptr_array_index (contacts, i)));
  return TRUE;
}

static gboolean
refuse_second_batch_cb (GPtrArray  *contacts,
                        gpointer    user_data,
                        GError    **error)
{
  guint *calls = user_data;

  if (++(*calls) < 2)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "full");
  return FALSE;
}

/* Reading in batches gives what reading at once does, whatever the size of
 * the batches: everyone (the contacts and their emails, phones and tags read
 * side by side, in the list's order, two people sharing a sort key
 * included), or some, in the order asked. */
static void
test_read_contacts_in_batches (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *tags[] = { "Investiții", "Expo 2026", NULL };
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GArray) some = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) some_read = NULL;
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  for (guint i = 0; i < 23; i++)
    {
      g_autofree char *email = g_strdup_printf ("ion%u@example.ro", i);
      g_autoptr(D360Contact) person = new_person (i % 2 ? "Ion" : "Țuțu",
                                                  i % 3 ? "Țurcanu" : "Turcanu",
                                                  i % 4 ? email : NULL);

      if (i % 5 == 0)
        d360_contact_add_phone (person, "+40 256 000 003", D360_CHANNEL_WORK, NULL);
      if (i % 3 == 1)
        {
          d360_contact_add_email (person, "second@example.com", 0, "alt");
          d360_contact_set_tags (person, tags);
        }
      save_ok (fixture, person);
      if (i % 2 == 0)
        {
          gint64 id = d360_contact_get_id (person);

          g_array_prepend_val (some, id);
        }
    }

  {
    /* Known by an email only: the display name comes from the emails, read
     * after the row. */
    g_autoptr(D360Contact) anonymous = new_person (NULL, NULL, "anon@example.ro");

    save_ok (fixture, anonymous);
  }

  all = d360_store_read_contacts (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 24);
  g_assert_cmpstr (d360_contact_get_display_name (g_ptr_array_index (all, 0)), ==,
                   "anon@example.ro");
  some_read = d360_store_read_contacts (fixture->store, some, &error);
  g_assert_no_error (error);

  for (guint size = 1; size <= 30; size += size < 4 ? 1 : 13)
    {
      g_autoptr(GPtrArray) everyone = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) gathered = g_ptr_array_new_with_free_func (g_object_unref);

      g_assert_true (d360_store_read_contacts_in_batches (fixture->store, NULL, size,
                                                          gather_batch_cb, everyone, &error));
      g_assert_no_error (error);
      assert_same_contacts (everyone, all);

      g_assert_true (d360_store_read_contacts_in_batches (fixture->store, some, size,
                                                          gather_batch_cb, gathered, &error));
      g_assert_no_error (error);
      assert_same_contacts (gathered, some_read);
    }

  /* A batch refused stops the read, with the reason. */
  g_assert_false (d360_store_read_contacts_in_batches (fixture->store, NULL, 5,
                                                       refuse_second_batch_cb, &calls, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (calls, ==, 2);
  g_clear_error (&error);

  /* And the store reads on afterwards. */
  g_ptr_array_unref (g_steal_pointer (&all));
  all = d360_store_read_contacts (fixture->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 24);
}

/* The regular expression d360_is_phone_number() replaced (its matching cost
 * an import a tenth of its reading), with the count of digits it came with:
 * the two must agree on every text. */
static gboolean
phone_by_regex (GRegex     *regex,
                const char *text)
{
  guint n_digits = 0;

  for (const char *p = text; *p != '\0'; p++)
    n_digits += g_ascii_isdigit (*p) ? 1 : 0;
  return n_digits >= 3 && n_digits <= 20 && g_regex_match (regex, text, 0, NULL);
}

static void
test_phone_numbers (void)
{
  static const char * const pieces[] = {
    "0", "1", "7", "9", "42", " ", "  ", "(", ")", ".", "/", "-", "+", "x", "X", "e", "E",
    "ext", "EXT", "Ext.", "t", ".", "#", "\t", "\n", "\r\n", "\xc2\xa0", "\xe2\x80\x89",
    "\xe3\x80\x80", "a", "\xc8\x9b", ",", "*",
  };
  static const struct {
    const char *text;
    gboolean    phone;
  } cases[] = {
    { "+40 721 234 567", TRUE }, { "(021) 305.55.00", TRUE }, { "0721-234-567 ext. 12", TRUE },
    { "0721 234 567 x12", TRUE }, { "0721 234 567 #4", TRUE }, { "\xc2\xa0+40 721 234 567 ", TRUE },
    { "+40\xc2\xa0" "721", FALSE }, { "12", FALSE }, { "+40 721 234 567 ext", FALSE },
    { "0721 234 567 int 12", FALSE }, { "123456789012345678901", FALSE }, { "++40 721", FALSE },
    { "", FALSE }, { "tel: 0721 234 567", FALSE }, { "0721\xff" "234", FALSE },
  };
  g_autoptr(GRegex) regex = g_regex_new ("^\\s*\\+?[0-9 ()./-]+(\\s*(x|ext\\.?|#)\\s*[0-9]+)?\\s*$",
                                         G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_phones = 0;

  g_assert_false (d360_is_phone_number (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (d360_is_phone_number (cases[i].text) != cases[i].phone)
      g_error ("“%s” is %sa phone number", cases[i].text, cases[i].phone ? "" : "not ");

  /* Each character of Unicode before, inside and after a number. */
  for (gunichar c = 1; c <= 0x10ffff; c++)
    {
      char utf8[8] = { 0 };
      g_autofree char *before = NULL;
      g_autofree char *inside = NULL;
      g_autofree char *after = NULL;

      if (c >= 0xd800 && c <= 0xdfff)
        continue;
      g_unichar_to_utf8 (c, utf8);
      before = g_strconcat (utf8, "0721 234", NULL);
      inside = g_strconcat ("0721", utf8, "234", NULL);
      after = g_strconcat ("0721 234 x", utf8, "5", NULL);
      if (d360_is_phone_number (before) != phone_by_regex (regex, before) ||
          d360_is_phone_number (inside) != phone_by_regex (regex, inside) ||
          d360_is_phone_number (after) != phone_by_regex (regex, after))
        g_error ("U+%04X: the check and the expression disagree", c);
    }

  /* Texts made of the pieces numbers are made of. */
  for (guint round = 0; round < 200000; round++)
    {
      guint n = g_rand_int_range (rand, 1, 12);

      /* half of them begin as a number does */
      g_string_assign (text, g_rand_boolean (rand) ? "0721 234" : "");
      for (guint i = 0; i < n; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      if (d360_is_phone_number (text->str) != phone_by_regex (regex, text->str))
        g_error ("“%s”: the check says %d, the expression the opposite",
                 g_strescape (text->str, NULL), d360_is_phone_number (text->str));
      n_phones += d360_is_phone_number (text->str) ? 1 : 0;
    }
  /* Both ways were tried often. */
  g_assert_cmpuint (n_phones, >, 5000);
  g_assert_cmpuint (n_phones, <, 195000);
}

static void
test_fold_text (void)
{
  struct {
    const char *text;
    const char *folded;
  } cases[] = {
    { "Ștefan", "stefan" },          /* comma below */
    { "Ştefan", "stefan" },          /* cedilla */
    { "ŢEPEŞ  ", "tepes" },
    { "  Țepeș\t Vlad ", "tepes vlad" },
    { "Timiș", "timis" },
    { "ĂÂÎ ăâî", "aai aai" },
    { "Müller", "muller" },
    { "Camera — Iași „Nord”", "camera — iasi „nord”" },
    { "", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = d360_fold_text (cases[i].text);

      g_assert_cmpstr (folded, ==, cases[i].folded);
    }

  /* Plain ASCII takes a short way: it must fold as the Unicode way does. A
   * combining acute accent (U+0301) at the end sends the same text the
   * Unicode way, and is dropped there. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (4);

    for (guint i = 0; i < 2000; i++)
      {
        char ascii[24];
        g_autofree char *accented = NULL;
        g_autofree char *fast = NULL;
        g_autofree char *slow = NULL;
        guint len = i < 127 ? 1u : (guint) g_rand_int_range (rand, 1, (gint32) sizeof ascii);

        for (guint j = 0; j < len; j++)
          ascii[j] = (char) (i < 127 ? (gint32) i + 1 : g_rand_int_range (rand, 1, 128));
        ascii[len] = '\0';
        accented = g_strconcat (ascii, "\xcc\x81", NULL);
        fast = d360_fold_text (ascii);
        slow = d360_fold_text (accented);
        g_assert_cmpstr (fast, ==, slow);
      }
  }

  /* Latin letters with diacritics and punctuation take a short way too (a
   * table of each folded the Unicode way): random texts of ASCII and every
   * character from U+00C0 to U+024F and from U+2010 to U+205E (dashes,
   * quotes, among them spaces and invisible ones the table leaves to the
   * Unicode way), and a few beyond them, fold as the Unicode way does. */
  {
    g_autoptr(GRand) rand = g_rand_new_with_seed (5);
    g_autoptr(GArray) table = g_array_new (FALSE, FALSE, sizeof (gunichar));
    const gunichar beyond[] = { 0x00A0, 0x00AA, 0x00B5, 0x0250, 0x0301, 0x0327, 0x1E9E,
                                0x2000, 0x200B, 0x200F, 0x205F, 0x2060, 0x2070, 0x0130,
                                0x0131, 0x0149, 0x017F, 0x01C4, 0x00DF };

    for (gunichar c = 0x00C0; c <= 0x024F; c++)
      g_array_append_val (table, c);
    for (gunichar c = 0x2010; c <= 0x205E; c++)
      g_array_append_val (table, c);

    for (guint i = 0; i < 6000 + table->len; i++)
      {
        g_autoptr(GString) text = g_string_new (NULL);
        g_autofree char *accented = NULL;
        g_autofree char *fast = NULL;
        g_autofree char *slow = NULL;
        guint len = (guint) g_rand_int_range (rand, 1, 12);

        /* Each character of the table once alone, then mixed texts. */
        if (i < table->len)
          g_string_append_unichar (text, g_array_index (table, gunichar, i));
        else
          for (guint j = 0; j < len; j++)
            switch (g_rand_int_range (rand, 0, 4))
              {
              case 0:
                g_string_append_c (text, (char) g_rand_int_range (rand, 1, 128));
                break;
              case 1:
                g_string_append_c (text, ' ');
                break;
              case 2:
                g_string_append_unichar (text, g_array_index (table, gunichar,
                                                              g_rand_int_range (rand, 0,
                                                                                (gint32) table->len)));
                break;
              default:
                if (g_rand_int_range (rand, 0, 8) == 0)
                  g_string_append_unichar (text, beyond[g_rand_int_range (rand, 0,
                                                                          G_N_ELEMENTS (beyond))]);
                else
                  g_string_append_c (text, (char) g_rand_int_range (rand, 'a', 'z' + 1));
              }
        accented = g_strconcat (text->str, "\xcc\x81", NULL);
        fast = d360_fold_text (text->str);
        slow = d360_fold_text (accented);
        g_assert_cmpstr (fast, ==, slow);
      }
  }

  /* The name key leaves the honorific out. */
  {
    g_autoptr(D360Contact) a = new_person ("Ştefan", "Mureşan", NULL);
    g_autoptr(D360Contact) b = new_person (" ȘTEFAN", "MUREȘAN ", NULL);
    g_autofree char *key_a = NULL;
    g_autofree char *key_b = NULL;

    d360_contact_set_honorific (b, "H.E.");
    key_a = d360_contact_dup_name_key (a);
    key_b = d360_contact_dup_name_key (b);
    g_assert_cmpstr (key_a, ==, "stefan muresan");
    g_assert_cmpstr (key_a, ==, key_b);
  }
}

/* -------------------------------------------------------------- search */

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  const char *tags[] = { "Investitori auto", NULL };
  gint64 org = add_organization (fixture, "Camera de Comerț Timiș", D360_ORG_CHAMBER_OF_COMMERCE);
  g_autoptr(D360Contact) comma = new_person ("Ștefan", "Mureșan", "smuresan@example.ro");
  g_autoptr(D360Contact) cedilla = new_person ("Ştefan", "Ţepeş", NULL);
  g_autoptr(D360Contact) plain = new_person ("Stefan", "Weber", "weber@firma.de");
  g_autoptr(D360Contact) other = new_person ("Maria", "Ionescu", "maria@example.com");

  d360_contact_set_organization_id (comma, org);
  d360_contact_set_job_title (comma, "Director executiv");
  d360_contact_add_phone (cedilla, "+40 256 613 000", D360_CHANNEL_WORK, NULL);
  d360_contact_set_tags (plain, tags);
  d360_contact_set_notes (other, "Interesată de parcul industrial din Lugoj");
  save_ok (fixture, comma);
  save_ok (fixture, cedilla);
  save_ok (fixture, plain);
  save_ok (fixture, other);

  /* Without diacritics, with the comma forms, with the cedilla forms. */
  g_assert_cmpint (count_search (fixture, "stefan"), ==, 3);
  g_assert_cmpint (count_search (fixture, "ștefan"), ==, 3);
  g_assert_cmpint (count_search (fixture, "ştefan"), ==, 3);
  g_assert_cmpint (count_search (fixture, "STEFAN"), ==, 3);
  g_assert_cmpint (count_search (fixture, "tepes"), ==, 1);
  g_assert_cmpint (count_search (fixture, "țepeș"), ==, 1);
  g_assert_cmpint (count_search (fixture, "muresan"), ==, 1);
  /* Prefixes, and several words (all must match). */
  g_assert_cmpint (count_search (fixture, "s"), ==, 3);
  g_assert_cmpint (count_search (fixture, "ste"), ==, 3);
  g_assert_cmpint (count_search (fixture, "stef mur"), ==, 1);
  g_assert_cmpint (count_search (fixture, "stefan maria"), ==, 0);
  /* The organisation's name ("timis" finds "Timiș"), the job title. */
  g_assert_cmpint (count_search (fixture, "timis"), ==, 1);
  g_assert_cmpint (count_search (fixture, "comert"), ==, 1);
  g_assert_cmpint (count_search (fixture, "director"), ==, 1);
  /* Emails, whole or in part; phones, as written or as digits. */
  g_assert_cmpint (count_search (fixture, "weber@firma.de"), ==, 1);
  g_assert_cmpint (count_search (fixture, "firma"), ==, 1);
  g_assert_cmpint (count_search (fixture, "example"), ==, 2);
  g_assert_cmpint (count_search (fixture, "613"), ==, 1);
  g_assert_cmpint (count_search (fixture, "40256613000"), ==, 1);
  /* Tags and notes. */
  g_assert_cmpint (count_search (fixture, "investitori"), ==, 1);
  g_assert_cmpint (count_search (fixture, "industrial lugoj"), ==, 1);
  g_assert_cmpint (count_search (fixture, "interesata"), ==, 1);
  g_assert_cmpint (count_search (fixture, "nobody"), ==, 0);

  /* Renaming the organisation is seen at once; so is deleting it. */
  {
    g_autoptr(D360Organization) organization = d360_store_get_organization (fixture->store, org,
                                                                            NULL);
    g_autoptr(GError) error = NULL;

    d360_organization_set_name (organization, "Camera Arad");
    g_assert_true (d360_store_save_organization (fixture->store, organization, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_search (fixture, "timis"), ==, 0);
    g_assert_cmpint (count_search (fixture, "arad"), ==, 1);

    g_assert_true (d360_store_delete_organization (fixture->store, org, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_search (fixture, "arad"), ==, 0);
    g_assert_cmpint (count_search (fixture, "muresan"), ==, 1);
  }
}

static void
test_list_model (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  D360ContactQuery query;
  const guint n = 3000;

  /* Written in one transaction through the import. */
  {
    g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
    D360ImportCounts counts = { 0 };

    for (guint i = 0; i < n; i++)
      {
        g_autofree char *given = g_strdup_printf ("Persoana%04u", i);
        g_autofree char *email = g_strdup_printf ("p%u@example.ro", i);
        D360Contact *contact = new_person (given, i % 2 ? "Ștefănescu" : "Albu", email);

        g_ptr_array_add (people, contact);
      }
    g_assert_true (d360_store_import_contacts (fixture->store, people, D360_IMPORT_SKIP, FALSE,
                                               &counts, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (counts.n_new, ==, n);
  }

  d360_contact_query_init (&query);
  model = d360_store_list_contacts (fixture->store, &query);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);

  /* By name: family, then given name; "Albu" before "Ștefănescu". */
  for (guint i = 0; i < n; i += 97)
    {
      g_autoptr(D360Contact) contact = g_list_model_get_item (model, i);
      guint expected = i < n / 2 ? i * 2 : (i - n / 2) * 2 + 1;
      g_autofree char *given = g_strdup_printf ("Persoana%04u", expected);

      g_assert_cmpstr (d360_contact_get_given_name (contact), ==, given);
      g_assert_cmpuint (d360_contact_get_emails (contact)->len, ==, 1);
    }
  g_assert_null (g_list_model_get_item (model, n));
  g_assert_cmpuint (d360_store_list_model_get_n_cached_pages (D360_STORE_LIST_MODEL (model)),
                    <=, 16);

  /* A search narrows the same model. */
  query.search = "stefanescu persoana001";
  d360_store_contact_list_set_query (model, &query);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 5);  /* 0011 … 0019, odd */
  {
    g_autoptr(D360Contact) first = g_list_model_get_item (model, 0);

    g_assert_cmpstr (d360_contact_get_given_name (first), ==, "Persoana0011");
  }

  /* The model follows writes. */
  add_person (fixture, "Persoana0013b", "Ștefănescu", NULL, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 6);
}

/* ------------------------------------------------------ filters, sorts */

static gint64
save_full (Fixture      *fixture,
           const char   *given,
           const char   *family,
           D360Category  category,
           const char   *country,
           gint64        organization_id,
           const char   *tag)
{
  g_autoptr(D360Contact) contact = new_person (given, family, NULL);
  const char *tags[] = { tag, NULL };

  d360_contact_set_category (contact, category);
  d360_contact_set_country (contact, country);
  d360_contact_set_organization_id (contact, organization_id);
  d360_contact_set_tags (contact, tags);
  save_ok (fixture, contact);
  return d360_contact_get_id (contact);
}

static void
assert_ids (Fixture          *fixture,
            D360ContactQuery *query,
            gint64            first,
            ...)
{
  g_autoptr(GArray) ids = d360_store_list_contact_ids (fixture->store, query, NULL);
  g_autoptr(GListModel) model = d360_store_list_contacts (fixture->store, query);
  va_list args;
  guint n = 0;

  g_assert_nonnull (ids);
  va_start (args, first);
  for (gint64 id = first; id != 0; id = va_arg (args, gint64), n++)
    {
      g_autoptr(D360Contact) item = g_list_model_get_item (model, n);

      g_assert_cmpuint (n, <, ids->len);
      g_assert_cmpint (g_array_index (ids, gint64, n), ==, id);
      g_assert_nonnull (item);
      g_assert_cmpint (d360_contact_get_id (item), ==, id);
    }
  va_end (args);
  g_assert_cmpuint (ids->len, ==, n);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  g_assert_cmpint (count_where (fixture, query), ==, n);
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 embassy = add_organization (fixture, "Ambasada Germaniei", D360_ORG_EMBASSY);
  gint64 company = add_organization (fixture, "Continental", D360_ORG_COMPANY);
  gint64 zeta = save_full (fixture, "Zoe", "Zeta", D360_CATEGORY_DIPLOMAT, "DE", embassy, "VIP");
  gint64 alfa = save_full (fixture, "Ana", "Alfa", D360_CATEGORY_INVESTOR, "DE", company, "auto");
  gint64 beta = save_full (fixture, "Bogdan", "Țâru", D360_CATEGORY_INVESTOR, "RO", 0, "vip");
  gint64 gama = save_full (fixture, "Ion", "Șerban", D360_CATEGORY_MEDIA, NULL, company, NULL);
  D360ContactQuery query;
  g_auto(GStrv) tags = NULL;

  /* By name: folded ("Șerban" among the S, "Țâru" among the T). */
  d360_contact_query_init (&query);
  assert_ids (fixture, &query, alfa, gama, beta, zeta, (gint64) 0);

  query.category = D360_CATEGORY_INVESTOR;
  assert_ids (fixture, &query, alfa, beta, (gint64) 0);
  query.category = D360_CATEGORY_ACADEMIC;
  assert_ids (fixture, &query, (gint64) 0);

  d360_contact_query_init (&query);
  query.country = "DE";
  assert_ids (fixture, &query, alfa, zeta, (gint64) 0);
  query.country = "de";
  assert_ids (fixture, &query, alfa, zeta, (gint64) 0);

  d360_contact_query_init (&query);
  query.organization_kind = D360_ORG_COMPANY;
  assert_ids (fixture, &query, alfa, gama, (gint64) 0);
  query.organization_kind = D360_ORG_EMBASSY;
  assert_ids (fixture, &query, zeta, (gint64) 0);

  /* Tags: case does not matter. */
  d360_contact_query_init (&query);
  query.tag = "VIP";
  assert_ids (fixture, &query, beta, zeta, (gint64) 0);
  query.tag = "Auto";
  assert_ids (fixture, &query, alfa, (gint64) 0);

  d360_contact_query_init (&query);
  query.organization_id = company;
  assert_ids (fixture, &query, alfa, gama, (gint64) 0);

  /* Several filters at once, with a search. */
  d360_contact_query_init (&query);
  query.category = D360_CATEGORY_INVESTOR;
  query.country = "DE";
  query.tag = "auto";
  query.organization_kind = D360_ORG_COMPANY;
  query.organization_id = company;
  query.search = "ana";
  assert_ids (fixture, &query, alfa, (gint64) 0);
  query.search = "bogdan";
  assert_ids (fixture, &query, (gint64) 0);

  /* Last changed first. */
  {
    g_autoptr(D360Contact) contact = get_ok (fixture, beta);
    sqlite3 *db = raw_open (fixture->path);

    /* Distinct times, as if they had been written on different days. */
    raw_exec (db, "UPDATE contact SET updated_at = '2026-01-0' || id || 'T10:00:00Z'");
    sqlite3_close (db);
    d360_contact_set_job_title (contact, "Investitor");
    save_ok (fixture, contact);
  }
  d360_contact_query_init (&query);
  query.sort = D360_CONTACT_SORT_UPDATED;
  assert_ids (fixture, &query, beta, gama, alfa, zeta, (gint64) 0);

  /* Two spellings of one tag are one tag. */
  tags = d360_store_list_tags (fixture->store, NULL);
  g_assert_cmpuint (g_strv_length (tags), ==, 2);
  g_assert_cmpstr (tags[0], ==, "auto");
  g_assert_cmpstr (tags[1], ==, "VIP");

  /* Tagging several people at once. */
  {
    g_autoptr(GArray) ids = ids_of (zeta, gama, (gint64) 0);
    g_autoptr(GError) error = NULL;

    g_assert_true (d360_store_tag_contacts (fixture->store, ids, "Expo 2026", &error));
    g_assert_no_error (error);
    g_assert_true (d360_store_tag_contacts (fixture->store, ids, "expo 2026", &error));
    g_assert_no_error (error);
    d360_contact_query_init (&query);
    query.tag = "EXPO 2026";
    assert_ids (fixture, &query, gama, zeta, (gint64) 0);
    g_assert_cmpint (count_search (fixture, "expo"), ==, 2);
  }
}

/* -------------------------------------------------------- organisations */

static void
test_organizations (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(D360Organization) organization = d360_organization_new ("Ambasada Franței");
  g_autoptr(D360Organization) read = NULL;
  g_autoptr(D360Organization) found = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, ana, ion;

  d360_organization_set_kind (organization, D360_ORG_EMBASSY);
  d360_organization_set_country (organization, "FR");
  d360_organization_set_city (organization, "București");
  d360_organization_set_website (organization, "https://ro.ambafrance.org");
  d360_organization_set_email (organization, "contact@ambafrance.ro");
  d360_organization_set_phone (organization, "+40 21 303 10 00");
  d360_organization_set_address (organization, "Str. Biserica Amzei 13-15");
  d360_organization_set_notes (organization, "Serviciul economic");
  g_assert_true (d360_store_save_organization (fixture->store, organization, &error));
  g_assert_no_error (error);
  id = d360_organization_get_id (organization);

  read = d360_store_get_organization (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d360_organization_get_name (read), ==, "Ambasada Franței");
  g_assert_cmpint (d360_organization_get_kind (read), ==, D360_ORG_EMBASSY);
  g_assert_cmpstr (d360_organization_get_country (read), ==, "FR");
  g_assert_cmpstr (d360_organization_get_city (read), ==, "București");
  g_assert_cmpstr (d360_organization_get_website (read), ==, "https://ro.ambafrance.org");
  g_assert_cmpstr (d360_organization_get_email (read), ==, "contact@ambafrance.ro");
  g_assert_cmpstr (d360_organization_get_phone (read), ==, "+40 21 303 10 00");
  g_assert_cmpstr (d360_organization_get_address (read), ==, "Str. Biserica Amzei 13-15");
  g_assert_cmpstr (d360_organization_get_notes (read), ==, "Serviciul economic");
  g_assert_nonnull (d360_organization_get_updated_at (read));
  g_assert_cmpuint (d360_organization_get_n_people (read), ==, 0);

  /* Found by name whatever the case and the diacritics (cedilla ţ too). */
  found = d360_store_find_organization_by_name (fixture->store, "  AMBASADA   franţei ");
  g_assert_nonnull (found);
  g_assert_cmpint (d360_organization_get_id (found), ==, id);
  g_assert_null (d360_store_find_organization_by_name (fixture->store, "Ambasada Spaniei"));

  /* Validation. */
  {
    g_autoptr(D360Organization) bad = d360_organization_new ("   ");

    g_assert_false (d360_store_save_organization (fixture->store, bad, &error));
    g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
    g_clear_error (&error);
    d360_organization_set_name (bad, "X");
    d360_organization_set_country (bad, "XX");
    g_assert_false (d360_store_save_organization (fixture->store, bad, &error));
    g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
    g_clear_error (&error);
    d360_organization_set_country (bad, NULL);
    d360_organization_set_website (bad, "not a url");
    g_assert_false (d360_store_save_organization (fixture->store, bad, &error));
    g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Its people, counted in the list. */
  ana = add_person (fixture, "Ana", "Popescu", NULL, id);
  ion = add_person (fixture, "Ion", "Pop", NULL, id);
  add_organization (fixture, "Banca Transilvania", D360_ORG_COMPANY);
  add_organization (fixture, "Ţara Noastră", D360_ORG_NGO);

  model = d360_store_list_organizations (fixture->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  {
    g_autoptr(D360Organization) first = g_list_model_get_item (model, 0);
    g_autoptr(D360Organization) last = g_list_model_get_item (model, 2);

    g_assert_cmpstr (d360_organization_get_name (first), ==, "Ambasada Franței");
    g_assert_cmpuint (d360_organization_get_n_people (first), ==, 2);
    /* Sorted by folded name: "Ţara" among the T. */
    g_assert_cmpstr (d360_organization_get_name (last), ==, "Ţara Noastră");
  }
  d360_store_organization_list_set_search (model, "bucuresti");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  d360_store_organization_list_set_search (model, "tara");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  d360_store_organization_list_set_search (model, "economic");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  d360_store_organization_list_set_search (model, "nimic");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  d360_store_organization_list_set_search (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  /* Deleting it keeps its people, without an organisation. */
  g_assert_true (d360_store_delete_organization (fixture->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  {
    g_autoptr(D360Contact) a = get_ok (fixture, ana);
    g_autoptr(D360Contact) i = get_ok (fixture, ion);

    g_assert_cmpint (d360_contact_get_organization_id (a), ==, 0);
    g_assert_null (d360_contact_get_organization_name (a));
    g_assert_cmpint (d360_contact_get_organization_id (i), ==, 0);
  }
  g_assert_false (d360_store_delete_organization (fixture->store, id, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A person cannot point at an organisation that does not exist. */
  {
    g_autoptr(D360Contact) c = new_person ("X", "Y", NULL);

    d360_contact_set_organization_id (c, id);
    g_assert_false (d360_store_save_contact (fixture->store, c, &error));
    g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
    g_assert_cmpint (d360_contact_get_id (c), ==, 0);
  }
}

/* ---------------------------------------------------- duplicates, merge */

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  gint64 org = add_organization (fixture, "Primăria Timișoara", D360_ORG_MUNICIPALITY);
  gint64 other_org = add_organization (fixture, "Primăria Arad", D360_ORG_MUNICIPALITY);
  gint64 ana = add_person (fixture, "Ana", "Popescu", "Ana.Popescu@Example.ro", 0);
  gint64 stefan = add_person (fixture, "Ștefan", "Mureșan", NULL, org);
  gint64 arad = add_person (fixture, "Stefan", "Muresan", NULL, other_org);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;

  /* Same email, another case. */
  {
    g_autoptr(D360Contact) c = new_person ("A.", "P.", "ana.popescu@example.RO");

    ids = d360_store_find_duplicates_of (fixture->store, c, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_true (array_has (ids, ana));
    g_clear_pointer (&ids, g_array_unref);
  }

  /* Same name, cedilla and no diacritics, extra spaces, an honorific; same
   * organisation. Not the Stefan Muresan of another organisation. */
  {
    g_autoptr(D360Contact) c = new_person ("  ŞTEFAN ", "Mureşan", NULL);

    d360_contact_set_honorific (c, "Dr.");
    d360_contact_set_organization_id (c, org);
    ids = d360_store_find_duplicates_of (fixture->store, c, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
    g_assert_true (array_has (ids, stefan));
    g_clear_pointer (&ids, g_array_unref);
  }

  /* Itself is not its own duplicate. */
  {
    g_autoptr(D360Contact) c = get_ok (fixture, ana);

    ids = d360_store_find_duplicates_of (fixture->store, c, &error);
    g_assert_cmpuint (ids->len, ==, 0);
    g_clear_pointer (&ids, g_array_unref);
  }

  /* The pairs of the whole database. */
  add_person (fixture, "Ana-Maria", "Pop", "ANA.POPESCU@EXAMPLE.RO", 0);
  add_person (fixture, "Stefan", "Muresan", NULL, org);
  pairs = d360_store_find_duplicate_pairs (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 2);
  {
    D360DuplicatePair *by_email = g_ptr_array_index (pairs, 0);
    D360DuplicatePair *by_name = g_ptr_array_index (pairs, 1);

    g_assert_cmpint (by_email->first_id, ==, ana);
    g_assert_nonnull (strstr (by_email->reason, "Ana.Popescu@Example.ro"));
    g_assert_cmpint (by_name->first_id, ==, stefan);
    g_assert_cmpint (by_name->second_id, >, arad);
    g_assert_nonnull (strstr (by_name->reason, "Primăria Timișoara"));
  }
}

/* Two people said not to be the same: neither Find Duplicates nor the
 * editor's check offers the pair again, from either side; an undo brings it
 * back; a merge hands the other's pairs to the one kept; deleting either
 * person deletes the pair. */
static void
test_distinct (Fixture       *fixture,
               gconstpointer  data)
{
  gint64 ana = add_person (fixture, "Ana", "Popescu", "office@ambasada.example.ro", 0);
  gint64 ion = add_person (fixture, "Ion", "Ionescu", "Office@Ambasada.example.ro", 0);
  gint64 ioana = add_person (fixture, "Ioana", "Ionescu", "ioana@example.ro", 0);
  gint64 ioana2 = add_person (fixture, "Ioana", "Ionescu", "ioana.i@example.ro", 0);
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  pairs = d360_store_find_duplicate_pairs (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 2);
  g_clear_pointer (&pairs, g_ptr_array_unref);

  /* Given in either order, stored once. */
  g_assert_true (d360_store_set_contacts_distinct (fixture->store, ion, ana, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (d360_store_set_contacts_distinct (fixture->store, ana, ion, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_distinct", NULL), ==, 1);

  pairs = d360_store_find_duplicate_pairs (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 1);
  g_assert_cmpint (((D360DuplicatePair *) pairs->pdata[0])->first_id, ==, ioana);
  g_clear_pointer (&pairs, g_ptr_array_unref);
  for (guint side = 0; side < 2; side++)
    {
      g_autoptr(D360Contact) c = get_ok (fixture, side == 0 ? ana : ion);

      ids = d360_store_find_duplicates_of (fixture->store, c, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 0);
      g_clear_pointer (&ids, g_array_unref);
    }
  /* A new person with that email is still a likely duplicate of both. */
  {
    g_autoptr(D360Contact) c = new_person ("Maria", "Pop", "OFFICE@ambasada.example.ro");

    ids = d360_store_find_duplicates_of (fixture->store, c, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 2);
    g_clear_pointer (&ids, g_array_unref);
  }

  /* Undo */
  g_assert_true (d360_store_set_contacts_distinct (fixture->store, ana, ion, FALSE, &error));
  g_assert_no_error (error);
  pairs = d360_store_find_duplicate_pairs (fixture->store, &error);
  g_assert_cmpuint (pairs->len, ==, 2);
  g_clear_pointer (&pairs, g_ptr_array_unref);

  /* Deleting one of them and undoing it brings the pair back */
  g_assert_true (d360_store_set_contacts_distinct (fixture->store, ana, ion, TRUE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GObject) deleted = NULL;

    g_array_append_val (gone, ion);
    deleted = d360_store_delete_contacts (fixture->store, gone, &error);
    g_assert_no_error (error);
    g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_distinct", NULL), ==, 0);
    g_assert_true (d360_store_undo_delete_contacts (fixture->store, deleted, &error));
    g_assert_no_error (error);
    g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_distinct", NULL), ==, 1);
    pairs = d360_store_find_duplicate_pairs (fixture->store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (pairs->len, ==, 1);
    g_clear_pointer (&pairs, g_ptr_array_unref);
  }
  g_assert_true (d360_store_set_contacts_distinct (fixture->store, ana, ion, FALSE, &error));
  g_assert_no_error (error);

  /* Refused: oneself, someone gone */
  g_assert_false (d360_store_set_contacts_distinct (fixture->store, ana, ana, TRUE, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (d360_store_set_contacts_distinct (fixture->store, ana, 999999, TRUE, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_distinct", NULL), ==, 0);

  /* Ana is not Ion, and Ion is merged into Ioana: Ioana, who now has Ion's
   * email too, is not Ana either. */
  g_assert_true (d360_store_set_contacts_distinct (fixture->store, ana, ion, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (d360_store_merge_contacts (fixture->store, ioana, ion, &error));
  g_assert_no_error (error);
  db = raw_open (fixture->path);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM contact_distinct"), ==, 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contact_distinct WHERE "
                                            "first_id = %" G_GINT64_FORMAT " AND second_id = %"
                                            G_GINT64_FORMAT, MIN (ana, ioana), MAX (ana, ioana));

    g_assert_cmpint (raw_query_int (db, sql), ==, 1);
  }
  sqlite3_close (db);
  pairs = d360_store_find_duplicate_pairs (fixture->store, &error);
  g_assert_no_error (error);
  /* Ioana and Ioana 2 by name; Ana and Ioana (Ion's office email) not */
  g_assert_cmpuint (pairs->len, ==, 1);
  g_assert_cmpint (((D360DuplicatePair *) pairs->pdata[0])->second_id, ==, ioana2);
  g_clear_pointer (&pairs, g_ptr_array_unref);

  /* Deleting either deletes the pair. */
  g_assert_true (d360_store_erase_contact (fixture->store, ana, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_distinct", NULL), ==, 0);
}

static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  const char *keep_tags[] = { "vip", NULL };
  const char *other_tags[] = { "VIP", "auto", NULL };
  const char *keep_languages[] = { "ro", NULL };
  const char *other_languages[] = { "de", "ro", NULL };
  const char *other_countries[] = { "DE", NULL };
  gint64 org = add_organization (fixture, "Continental", D360_ORG_COMPANY);
  g_autoptr(D360Contact) keep = new_person ("Ana", "Popescu", "ana@example.ro");
  g_autoptr(D360Contact) other = new_person ("Ana", NULL, "ANA@example.ro");
  g_autoptr(D360Contact) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) nothing = NULL;

  d360_contact_set_tags (keep, keep_tags);
  d360_contact_set_languages (keep, keep_languages);
  d360_contact_set_notes (keep, "Prima notă.");
  d360_contact_set_job_title (keep, "Director");
  d360_contact_add_phone (keep, "0256 123 456", D360_CHANNEL_WORK, NULL);
  d360_contact_set_dimensions (keep, D360_DIMENSION_BIT (D360_DIMENSION_ECONOMY));
  save_ok (fixture, keep);

  d360_contact_add_email (other, "ana.popescu@firma.de", D360_CHANNEL_HOME, NULL);
  d360_contact_add_phone (other, "0256-123-456", D360_CHANNEL_WORK, NULL);
  d360_contact_add_phone (other, "+49 89 1234", D360_CHANNEL_CELL, NULL);
  d360_contact_set_tags (other, other_tags);
  d360_contact_set_languages (other, other_languages);
  d360_contact_set_interest_countries (other, other_countries);
  d360_contact_set_notes (other, "A doua notă.");
  d360_contact_set_job_title (other, "CEO");
  d360_contact_set_organization_id (other, org);
  d360_contact_set_category (other, D360_CATEGORY_INVESTOR);
  d360_contact_set_dimensions (other, D360_DIMENSION_BIT (D360_DIMENSION_CULTURE));
  d360_contact_set_agenda_areas (other, D360_AGENDA_TOURISM);
  d360_contact_set_investment_min (other, 100);
  d360_contact_set_investment_currency (other, "EUR");
  d360_contact_set_birthday (other, "1980-05-17");
  save_ok (fixture, other);

  g_assert_false (d360_store_merge_contacts (fixture->store, d360_contact_get_id (keep),
                                             d360_contact_get_id (keep), &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (d360_store_merge_contacts (fixture->store, d360_contact_get_id (keep),
                                            d360_contact_get_id (other), &error));
  g_assert_no_error (error);

  g_assert_null (d360_store_get_contact (fixture->store, d360_contact_get_id (other), &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 1);

  merged = get_ok (fixture, d360_contact_get_id (keep));
  /* Its own fields stay; the empty ones are filled. */
  g_assert_cmpstr (d360_contact_get_family_name (merged), ==, "Popescu");
  g_assert_cmpstr (d360_contact_get_job_title (merged), ==, "Director");
  g_assert_cmpint (d360_contact_get_organization_id (merged), ==, org);
  g_assert_cmpint (d360_contact_get_category (merged), ==, D360_CATEGORY_INVESTOR);
  g_assert_cmpstr (d360_contact_get_birthday (merged), ==, "1980-05-17");
  g_assert_cmpint (d360_contact_get_investment_min (merged), ==, 100);
  g_assert_cmpstr (d360_contact_get_investment_currency (merged), ==, "EUR");
  /* Every email, phone, tag, language and interest of both, once. */
  g_assert_cmpuint (d360_contact_get_emails (merged)->len, ==, 2);
  g_assert_cmpuint (d360_contact_get_phones (merged)->len, ==, 2);
  g_assert_cmpuint (g_strv_length ((char **) d360_contact_get_tags (merged)), ==, 2);
  g_assert_true (g_strv_contains (d360_contact_get_tags (merged), "auto"));
  g_assert_cmpuint (g_strv_length ((char **) d360_contact_get_languages (merged)), ==, 2);
  g_assert_true (g_strv_contains (d360_contact_get_languages (merged), "de"));
  g_assert_true (g_strv_contains (d360_contact_get_interest_countries (merged), "DE"));
  g_assert_cmpuint (d360_contact_get_dimensions (merged), ==,
                    D360_DIMENSION_BIT (D360_DIMENSION_ECONOMY) |
                    D360_DIMENSION_BIT (D360_DIMENSION_CULTURE));
  g_assert_cmpuint (d360_contact_get_agenda_areas (merged), ==, D360_AGENDA_TOURISM);
  /* The notes of both. */
  g_assert_nonnull (strstr (d360_contact_get_notes (merged), "Prima notă."));
  g_assert_nonnull (strstr (d360_contact_get_notes (merged), "A doua notă."));
  /* The search finds the merged person by what came from the other. */
  g_assert_cmpint (count_search (fixture, "firma"), ==, 1);
  g_assert_cmpint (count_search (fixture, "continental"), ==, 1);
  g_assert_cmpint (count_search (fixture, "ana"), ==, 1);

  /* Merging with someone who is gone changes nothing. */
  g_assert_false (d360_store_merge_contacts (fixture->store, d360_contact_get_id (keep),
                                             d360_contact_get_id (other), &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  (void) nothing;
}

/* --------------------------------------------------------------- privacy */

static void
test_export_personal_data (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *tags[] = { "vip", NULL };
  gint64 org = add_organization (fixture, "Ambasada Franței", D360_ORG_EMBASSY);
  g_autoptr(D360Contact) contact = new_person ("Ștefan", "Țurcanu", "stefan@example.fr");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *organization;
  JsonArray *not_the_same;
  gint64 other;

  d360_contact_set_organization_id (contact, org);
  d360_contact_add_phone (contact, "+33 1 23 45 67 89", D360_CHANNEL_WORK | D360_CHANNEL_PREF, NULL);
  d360_contact_set_tags (contact, tags);
  d360_contact_set_notes (contact, "Note \"citate\"");
  d360_contact_set_legal_basis (contact, D360_BASIS_CONSENT);
  d360_contact_set_basis_date (contact, "2026-01-15");
  d360_contact_set_dimensions (contact, D360_DIMENSION_BIT (D360_DIMENSION_CULTURE));
  save_ok (fixture, contact);
  other = add_person (fixture, "Ștefan", "Țurcanu", "s.turcanu@example.md", org);
  g_assert_true (d360_store_set_contacts_distinct (fixture->store, other,
                                                   d360_contact_get_id (contact), TRUE, &error));
  g_assert_no_error (error);

  bytes = d360_store_export_personal_data (fixture->store, d360_contact_get_id (contact), &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                             g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "given_name"), ==, "Ștefan");
  g_assert_cmpstr (json_object_get_string_member (root, "family_name"), ==, "Țurcanu");
  g_assert_cmpstr (json_object_get_string_member (root, "notes"), ==, "Note \"citate\"");
  g_assert_true (json_object_get_null_member (root, "uid"));
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (root, "tags"), 0),
                   ==, "vip");
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (root, "emails"),
                                                    0), "value"), ==, "stefan@example.fr");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                      json_array_get_object_element (json_object_get_array_member (root, "phones"),
                                                     0), "types")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "privacy"),
                                                  "legal_basis"), ==, "consent");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "privacy"),
                                                  "basis_date"), ==, "2026-01-15");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (
                     json_object_get_object_member (root, "interests"), "dimensions"), 0),
                   ==, "culture");
  /* The namesake they were said not to be */
  not_the_same = json_object_get_array_member (root, "not_the_same_as");
  g_assert_cmpuint (json_array_get_length (not_the_same), ==, 1);
  g_assert_cmpint (json_array_get_int_element (not_the_same, 0), ==, other);
  organization = json_object_get_object_member (root, "organization");
  g_assert_cmpstr (json_object_get_string_member (organization, "name"), ==, "Ambasada Franței");
  g_assert_cmpstr (json_object_get_string_member (organization, "kind"), ==, "embassy");

  g_assert_null (d360_store_export_personal_data (fixture->store, 9999, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
}

static gboolean
bytes_contain (const char *haystack,
               gsize       size,
               const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= size; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

/* Every text column of every table of @path (the full-text index's own
 * tables included) that contains @needle, as "table.column" lines. */
static char *
find_text_anywhere (const char *path,
                    const char *needle)
{
  g_autoptr(GString) found = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *search = g_strconcat (path, "-search", NULL);
  sqlite3 *db = raw_open (path);
  sqlite3_stmt *stmt = NULL;

  g_assert_true (g_file_test (search, G_FILE_TEST_EXISTS));

  /* The tables of both files: the database and its search file. */
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT 'main', name FROM main.sqlite_schema "
                                       "WHERE type = 'table' UNION ALL "
                                       "SELECT 'search', name FROM search.sqlite_schema "
                                       "WHERE type = 'table'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup_printf ("%s.\"%s\"", sqlite3_column_text (stmt, 0),
                                              sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >, 10);

  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s", table);

      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        continue;   /* a virtual table's module needs its owner */
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const void *blob;
            int size;

            /* Text and blobs alike: the index keeps its words in blobs. */
            if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
              continue;
            blob = sqlite3_column_blob (stmt, c);
            size = sqlite3_column_bytes (stmt, c);
            if (blob != NULL && bytes_contain (blob, size, needle))
              g_string_append_printf (found, "%s.%s\n", table, sqlite3_column_name (stmt, c));
          }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&found), FALSE);
}

static void
test_erase (Fixture       *fixture,
            gconstpointer  data)
{
  const char *tags[] = { "zanfirescu-club", "vip", NULL };
  g_autoptr(D360Contact) victim = new_person ("Xenia", "Zanfirescu", "xenia.zanfirescu@example.ro");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *after_email = NULL;
  gint64 keeper;

  keeper = add_person (fixture, "Ion", "Ionescu", "ion@example.ro", 0);
  {
    g_autoptr(D360Contact) k = get_ok (fixture, keeper);
    const char *keeper_tags[] = { "vip", NULL };

    d360_contact_set_tags (k, keeper_tags);
    save_ok (fixture, k);
  }
  d360_contact_set_tags (victim, tags);
  d360_contact_add_phone (victim, "+40 744 999 888", 0, NULL);
  d360_contact_set_notes (victim, "Zanfirescu a cerut ștergerea datelor.");
  d360_contact_set_organization_name_for_import (victim, NULL);
  save_ok (fixture, victim);
  /* Many writes, so that the index has several segments. */
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("Alt%u", i);

      add_person (fixture, name, "Filler", NULL, 0);
    }

  before = find_text_anywhere (fixture->path, "Zanfirescu");
  g_assert_cmpstr (before, !=, "");
  g_assert_cmpint (count_search (fixture, "zanfirescu"), ==, 1);

  g_assert_true (d360_store_erase_contact (fixture->store, d360_contact_get_id (victim), &error));
  g_assert_no_error (error);

  /* No row, no word in the index, no text in any table. */
  g_assert_cmpint (count_search (fixture, "zanfirescu"), ==, 0);
  g_assert_cmpint (count_search (fixture, "xenia"), ==, 0);
  g_assert_cmpint (count_search (fixture, "744"), ==, 0);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 31);
  after = find_text_anywhere (fixture->path, "Zanfirescu");
  g_assert_cmpstr (after, ==, "");
  after = (g_free (after), find_text_anywhere (fixture->path, "zanfirescu"));
  g_assert_cmpstr (after, ==, "");
  after_email = find_text_anywhere (fixture->path, "xenia");
  g_assert_cmpstr (after_email, ==, "");
  /* Nor in the bytes of the files: freed pages are overwritten, the logs
   * emptied. */
  {
    const char *suffixes[] = { "", "-wal", "-search", "-search-wal" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (fixture->path, suffixes[i], NULL);
        g_autofree char *contents = NULL;
        gsize length = 0;

        if (!g_file_get_contents (file, &contents, &length, NULL))
          continue;
        g_assert_false (bytes_contain (contents, length, "Zanfirescu"));
        g_assert_false (bytes_contain (contents, length, "zanfirescu"));
        g_assert_false (bytes_contain (contents, length, "xenia"));
      }
  }
  {
    sqlite3 *db = raw_open (fixture->path);

    g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM contact_fts "
                                        "WHERE contact_fts MATCH 'zanfirescu'"), ==, 0);
    raw_exec (db, "INSERT INTO contact_fts (contact_fts) VALUES ('integrity-check')");
    g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM contact_fts"), ==, 31);
    sqlite3_close (db);
  }
  g_assert_true (d360_store_integrity_check (fixture->store, &error));
  g_assert_no_error (error);

  /* The others keep their tags; the ion of the index stays. */
  g_assert_cmpint (count_search (fixture, "vip"), ==, 1);
  g_assert_cmpint (count_search (fixture, "ion"), ==, 1);

  g_assert_false (d360_store_erase_contact (fixture->store, d360_contact_get_id (victim), &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
}

/* ---------------------------------------------------------------- import */

static GPtrArray *
make_people (guint       n,
             const char *prefix)
{
  GPtrArray *people = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *given = g_strdup_printf ("%s%u", prefix, i);
      g_autofree char *email = g_strdup_printf ("%s%u@example.ro", prefix, i);
      g_autofree char *organization = g_strdup_printf ("Firma %u SRL", i % 7);
      D360Contact *contact = new_person (given, "Ionescu", email);

      d360_contact_set_organization_name_for_import (contact, organization);
      g_ptr_array_add (people, contact);
    }

  return people;
}

typedef struct
{
  guint         calls;
  guint         last_done;
  guint         total;
  GCancellable *cancel_at_second;
} Progress;

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >=, progress->last_done);
  progress->calls++;
  progress->last_done = done;
  progress->total = total;
  if (progress->cancel_at_second != NULL && progress->calls == 2)
    g_cancellable_cancel (progress->cancel_at_second);
}

/* How many of the indexes a large import drops and builds again are there,
 * with their definitions (a list sorted by name pages through them). */
static int
count_list_indexes (Fixture *fixture)
{
  return raw_query_int (d360_store_get_db (fixture->store),
                        "SELECT count (*) FROM sqlite_schema WHERE type = 'index' "
                        "AND tbl_name = 'contact' AND name IN ('contact_sort', "
                        "'contact_updated', 'contact_category', 'contact_country', "
                        "'contact_organization', 'contact_keys') AND sql LIKE 'CREATE INDEX%'");
}

static void
import_ok (Fixture          *fixture,
           GPtrArray        *people,
           D360ImportPolicy  policy,
           gboolean          dry_run,
           D360ImportCounts *counts)
{
  g_autoptr(GError) error = NULL;

  memset (counts, 0, sizeof *counts);
  g_assert_true (d360_store_import_contacts (fixture->store, people, policy, dry_run, counts,
                                             NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_row_checks_hold (fixture->store);
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) people = make_people (2500, "Imp");
  g_autoptr(GError) error = NULL;
  D360ImportCounts counts = { 0 };
  Progress progress = { 0 };
  gint64 existing_org = add_organization (fixture, "FIRMA 3 srl", D360_ORG_COMPANY);

  /* Duplicates inside the file: the same email in another case, and the
   * same name (folded) in the same organisation. */
  {
    D360Contact *same_email = new_person ("Altcineva", NULL, "IMP5@EXAMPLE.RO");
    D360Contact *same_name = new_person ("imp6", "IONESCU", NULL);

    d360_contact_set_organization_name_for_import (same_name, "Firma 6 SRL");
    g_ptr_array_add (people, same_email);
    g_ptr_array_add (people, same_name);
  }

  /* A dry run counts and writes nothing. */
  import_ok (fixture, people, D360_IMPORT_SKIP, TRUE, &counts);
  g_assert_cmpuint (counts.n_new, ==, 2500);
  g_assert_cmpuint (counts.n_duplicates, ==, 2);
  g_assert_cmpuint (counts.n_unchanged, ==, 0);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 0);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "organization", NULL), ==, 1);
  g_assert_cmpint (count_list_indexes (fixture), ==, 6);

  memset (&counts, 0, sizeof counts);
  counts.n_rejected = 4;
  g_assert_true (d360_store_import_contacts (fixture->store, people, D360_IMPORT_SKIP, FALSE,
                                             &counts, progress_cb, &progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.n_new, ==, 2500);
  g_assert_cmpuint (counts.n_duplicates, ==, 2);
  g_assert_cmpuint (counts.n_unchanged, ==, 0);
  g_assert_cmpuint (counts.n_rejected, ==, 4);
  g_assert_cmpuint (progress.calls, >=, 3);
  g_assert_cmpuint (progress.last_done, ==, 2502);
  g_assert_cmpuint (progress.total, ==, 2502);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 2500);
  /* Seven organisations by name, one of which existed ("FIRMA 3 srl"). */
  g_assert_cmpint (d360_store_count_rows (fixture->store, "organization", NULL), ==, 7);
  {
    D360ContactQuery query;

    d360_contact_query_init (&query);
    query.organization_id = existing_org;
    g_assert_cmpint (count_where (fixture, &query), ==, 2500 / 7 + (3 < 2500 % 7));
    g_assert_cmpint (count_search (fixture, "imp2499"), ==, 1);
    g_assert_cmpint (count_search (fixture, "firma"), ==, 2500);
  }
  {
    /* The organisations it created are found too. */
    g_autoptr(GListModel) organizations = d360_store_list_organizations (fixture->store, "srl");

    g_assert_cmpuint (g_list_model_get_n_items (organizations), ==, 7);
  }
  g_assert_cmpint (count_list_indexes (fixture), ==, 6);
  g_assert_cmpint (raw_query_int (d360_store_get_db (fixture->store),
                                  "SELECT integrity_check = 'ok' FROM pragma_integrity_check"),
                   ==, 1);
  {
    /* The list, sorted by name, pages through the index built again. */
    g_autoptr(GListModel) list = NULL;
    g_autoptr(D360Contact) first = NULL;
    D360ContactQuery query;

    d360_contact_query_init (&query);
    list = d360_store_list_contacts (fixture->store, &query);
    g_assert_cmpuint (g_list_model_get_n_items (list), ==, 2500);
    first = g_list_model_get_item (list, 0);
    g_assert_cmpstr (d360_contact_get_given_name (first), ==, "Imp0");
  }

  /* Again: nothing new, everyone unchanged. */
  g_ptr_array_set_size (people, 2500);
  import_ok (fixture, people, D360_IMPORT_MERGE, FALSE, &counts);
  g_assert_cmpuint (counts.n_new, ==, 0);
  g_assert_cmpuint (counts.n_duplicates, ==, 0);
  g_assert_cmpuint (counts.n_unchanged, ==, 2500);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 2500);

  /* A person with something new: a duplicate, merged or skipped or added. */
  {
    g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func (g_object_unref);
    D360Contact *changed = d360_contact_copy (g_ptr_array_index (people, 10));

    d360_contact_add_phone (changed, "+40 700 000 010", 0, NULL);
    g_ptr_array_add (again, changed);

    import_ok (fixture, again, D360_IMPORT_SKIP, FALSE, &counts);
    g_assert_cmpuint (counts.n_duplicates, ==, 1);
    g_assert_cmpint (count_search (fixture, "40700000010"), ==, 0);

    import_ok (fixture, again, D360_IMPORT_MERGE, FALSE, &counts);
    g_assert_cmpuint (counts.n_duplicates, ==, 1);
    g_assert_cmpint (count_search (fixture, "40700000010"), ==, 1);
    g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 2500);
    /* Merged, it is now unchanged. */
    import_ok (fixture, again, D360_IMPORT_MERGE, FALSE, &counts);
    g_assert_cmpuint (counts.n_unchanged, ==, 1);

    d360_contact_add_email (changed, "imp10@second.example", 0, NULL);
    import_ok (fixture, again, D360_IMPORT_ANYWAY, FALSE, &counts);
    g_assert_cmpuint (counts.n_duplicates, ==, 1);
    g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 2501);
  }

  /* A merge adds what the file has after what the person had, which stays
   * as it was (write_contact() with a MergeBase). */
  {
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(D360Contact) stored = new_person ("Maria", "Rusu", "maria@rusu.ro");
    g_autoptr(D360Contact) merged = NULL;
    D360Contact *other = new_person ("Maria", "Rusu", "MARIA@rusu.ro");
    const char *tags[] = { "Presă", NULL };
    const char *other_tags[] = { "Investitori", NULL };
    GPtrArray *emails, *phones;

    d360_contact_add_email (stored, "m.rusu@primaria.ro", D360_CHANNEL_HOME, NULL);
    d360_contact_add_phone (stored, "+40 722 000 001", D360_CHANNEL_CELL, NULL);
    d360_contact_set_tags (stored, tags);
    save_ok (fixture, stored);
    d360_contact_add_email (other, "maria.rusu@gmail.example", D360_CHANNEL_HOME, NULL);
    d360_contact_add_phone (other, "+40 722 000 001", D360_CHANNEL_CELL, NULL);
    d360_contact_add_phone (other, "+40 722 000 002", D360_CHANNEL_WORK, NULL);
    d360_contact_set_tags (other, other_tags);
    g_ptr_array_add (batch, other);

    import_ok (fixture, batch, D360_IMPORT_MERGE, FALSE, &counts);
    g_assert_cmpuint (counts.n_duplicates, ==, 1);
    merged = get_ok (fixture, d360_contact_get_id (stored));
    emails = d360_contact_get_emails (merged);
    phones = d360_contact_get_phones (merged);
    g_assert_cmpuint (emails->len, ==, 3);
    g_assert_cmpstr (((D360Channel *) g_ptr_array_index (emails, 0))->value, ==, "maria@rusu.ro");
    g_assert_cmpstr (((D360Channel *) g_ptr_array_index (emails, 1))->value, ==,
                     "m.rusu@primaria.ro");
    g_assert_cmpstr (((D360Channel *) g_ptr_array_index (emails, 2))->value, ==,
                     "maria.rusu@gmail.example");
    g_assert_cmpuint (phones->len, ==, 2);
    g_assert_cmpstr (((D360Channel *) g_ptr_array_index (phones, 1))->value, ==,
                     "+40 722 000 002");
    g_assert_cmpuint (g_strv_length ((char **) d360_contact_get_tags (merged)), ==, 2);
    g_assert_cmpint (raw_query_int (d360_store_get_db (fixture->store),
                                    "SELECT count (*) FROM contact_email p JOIN contact_email q "
                                    "ON p.contact_id = q.contact_id AND p.id != q.id "
                                    "AND p.position = q.position"), ==, 0);
    /* Its search row has what was added. */
    g_assert_cmpint (count_search (fixture, "gmail"), ==, 1);
    g_assert_cmpint (count_search (fixture, "investitori maria"), ==, 1);
    /* Gone again, so that the counts below are as they were. */
    g_assert_true (d360_store_erase_contact (fixture->store, d360_contact_get_id (stored), &error));
    g_assert_no_error (error);
  }

  /* A UID matches first, even when nothing else does. */
  {
    g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
    D360Contact *first = new_person ("Uid", "Person", NULL);
    D360Contact *renamed = new_person ("Uid", "Renamed", "new@example.ro");

    d360_contact_set_uid (first, "urn:uuid:42");
    d360_contact_set_uid (renamed, "urn:uuid:42");
    g_ptr_array_add (batch, first);
    g_ptr_array_add (batch, renamed);
    import_ok (fixture, batch, D360_IMPORT_SKIP, FALSE, &counts);
    g_assert_cmpuint (counts.n_new, ==, 1);
    g_assert_cmpuint (counts.n_duplicates, ==, 1);
  }

  /* A second large file, as large as the book: the stored people are found
   * by UID, email (in another case) and name as well. */
  {
    g_autoptr(GPtrArray) second = make_people (2500, "Second");
    D360Contact *by_uid = new_person ("Someone", "Else", NULL);
    D360Contact *by_email = new_person ("Other", "Name", "IMP7@Example.RO");
    D360Contact *by_name = new_person ("IMP8", "ionescu", "imp8@elsewhere.example");

    d360_contact_set_uid (by_uid, "urn:uuid:42");
    d360_contact_set_organization_name_for_import (by_name, "firma 1 srl");
    g_ptr_array_add (second, by_uid);
    g_ptr_array_add (second, by_email);
    g_ptr_array_add (second, by_name);

    import_ok (fixture, second, D360_IMPORT_SKIP, FALSE, &counts);
    g_assert_cmpuint (counts.n_new, ==, 2500);
    g_assert_cmpuint (counts.n_duplicates, ==, 3);
    g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 5002);
    g_assert_cmpint (count_search (fixture, "second2499"), ==, 1);
    g_assert_cmpint (count_list_indexes (fixture), ==, 6);
  }
}

static void
test_import_all_or_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) people = make_people (3000, "Fail");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  D360ImportCounts counts = { 0 };
  Progress progress = { 0 };
  D360Contact *broken;

  add_person (fixture, "Before", "Import", NULL, 0);

  /* An invalid person in the middle: nothing of the file is written. */
  broken = g_ptr_array_index (people, 1700);
  d360_contact_add_email (broken, "not-an-email", 0, NULL);
  g_assert_false (d360_store_import_contacts (fixture->store, people, D360_IMPORT_SKIP, FALSE,
                                              &counts, NULL, NULL, NULL, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1701"));
  g_clear_error (&error);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 1);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "organization", NULL), ==, 0);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_email", NULL), ==, 0);
  g_assert_cmpint (count_search (fixture, "fail1"), ==, 0);
  assert_row_checks_hold (fixture->store);

  /* Cancelled half-way: nothing is written either. */
  d360_contact_set_emails (broken, NULL);
  progress.cancel_at_second = cancellable;
  g_assert_false (d360_store_import_contacts (fixture->store, people, D360_IMPORT_SKIP, FALSE,
                                              &counts, progress_cb, &progress, cancellable,
                                              &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (progress.last_done, ==, 1000);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 1);
  g_assert_cmpint (raw_query_int (d360_store_get_db (fixture->store),
                                  "SELECT count (*) FROM contact_fts"), ==, 1);
  g_assert_cmpint (count_list_indexes (fixture), ==, 6);
  assert_row_checks_hold (fixture->store);

  /* And then it goes through. */
  g_cancellable_reset (cancellable);
  progress.cancel_at_second = NULL;
  g_assert_true (d360_store_import_contacts (fixture->store, people, D360_IMPORT_SKIP, FALSE,
                                             &counts, NULL, NULL, cancellable, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 3001);
  assert_row_checks_hold (fixture->store);
}

/* An import reads the caller's people and leaves them as they were: it
 * writes no id, organisation or time into them, and notifies nothing. An id
 * they carry does not count: each of them is someone to add, matched by
 * UID, email and name alone. */
static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static gint64
count_search_rows (Fixture    *fixture,
                   const char *match)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM contact_fts "
                                          "WHERE contact_fts MATCH '%s'", match);

  return raw_query_int (d360_store_get_db (fixture->store), sql);
}

/* The id of the person with this email (as stored). */
static gint64
id_with_email (Fixture    *fixture,
               const char *email)
{
  sqlite3_stmt *stmt = NULL;
  gint64 id;

  g_assert_cmpint (sqlite3_prepare_v2 (d360_store_get_db (fixture->store),
                                       "SELECT contact_id FROM contact_email WHERE value = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return id;
}

/* An import writes the emails, phones and tags of the people it adds
 * several to a statement, a while after the person: a likely duplicate of
 * the person just before, someone with more emails than a statement takes,
 * and tags repeated in another case must all find what is stored. @n people
 * make a large import (≥ 2 000: by fingerprints, the list indexes built at
 * the end) or a small one. */
static void
import_rows_in_batches (Fixture *fixture,
                        guint    n)
{
  g_autoptr(GPtrArray) people = make_people (n, "Bat");
  g_autoptr(D360Contact) many = NULL;
  g_autoptr(D360Contact) tagged = NULL;
  g_autoptr(D360Contact) last = NULL;
  D360Contact *many_in_file, *tagged_in_file, *last_in_file;
  const guint twins_of[] = { 3, n / 2, n - 1 };
  const guint name_twin_of = n / 3;
  D360Contact *named = g_ptr_array_index (people, name_twin_of);
  guint named_at = 0;
  const char *press_tags[] = { "Presă", "PRESĂ", "presa", "Lot", NULL };
  D360ImportCounts counts = { 0 };
  GPtrArray *emails, *phones;
  const char * const *tags;

  for (guint i = 0; i < n; i++)
    {
      D360Contact *person = g_ptr_array_index (people, i);
      g_autofree char *phone = g_strdup_printf ("+40 700 %06u", i);
      const char *lot[] = { "Lot", NULL };

      d360_contact_add_phone (person, phone, D360_CHANNEL_WORK, NULL);
      d360_contact_set_tags (person, lot);
    }

  /* Each twin right after its person: the same email in capitals, a phone
   * and a tag more, the tag they share in another case. */
  for (guint k = G_N_ELEMENTS (twins_of); k > 0; k--)
    {
      guint of = twins_of[k - 1];
      g_autofree char *email = g_strdup_printf ("BAT%u@EXAMPLE.RO", of);
      g_autofree char *phone = g_strdup_printf ("+40 711 %06u", of);
      D360Contact *twin = new_person ("Geamăn", "Altul", email);
      const char *twin_tags[] = { "lot", "Nou", NULL };

      d360_contact_add_phone (twin, phone, D360_CHANNEL_CELL, NULL);
      d360_contact_set_tags (twin, twin_tags);
      g_ptr_array_insert (people, (int) of + 1, twin);
    }

  /* Another found by name and organisation alone, whose rows are read back
   * for the merge. */
  {
    g_autofree char *given = g_strdup_printf ("BAT%u", name_twin_of);
    g_autofree char *organization = g_strdup_printf ("firma %u srl", name_twin_of % 7);
    D360Contact *twin = new_person (given, "IONESCU", NULL);
    const char *twin_tags[] = { "Nume", NULL };

    d360_contact_set_organization_name_for_import (twin, organization);
    d360_contact_add_phone (twin, "+40 733 000 000", D360_CHANNEL_CELL, NULL);
    d360_contact_set_tags (twin, twin_tags);
    g_assert_true (g_ptr_array_find (people, named, &named_at));
    g_ptr_array_insert (people, (int) named_at + 1, twin);
  }

  /* More emails and phones than a statement takes, from the second place. */
  many_in_file = new_person ("Mulți", "Adresescu", NULL);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *email = g_strdup_printf ("many%u@example.ro", i);
      g_autofree char *phone = g_strdup_printf ("+40 722 %06u", i);

      d360_contact_add_email (many_in_file, email, D360_CHANNEL_HOME, i % 2 ? "alt" : NULL);
      d360_contact_add_phone (many_in_file, phone, D360_CHANNEL_WORK, NULL);
    }
  g_ptr_array_insert (people, 1, many_in_file);

  tagged_in_file = new_person ("Etichetă", "Dublă", "tags@example.ro");
  d360_contact_set_tags (tagged_in_file, press_tags);
  g_ptr_array_insert (people, 2, tagged_in_file);

  /* The last: nobody after them looks anything up. */
  last_in_file = new_person ("Ultimul", "Rând", "last@example.ro");
  d360_contact_add_phone (last_in_file, "+40 744 000 000", D360_CHANNEL_WORK, NULL);
  g_ptr_array_add (people, last_in_file);

  import_ok (fixture, people, D360_IMPORT_MERGE, FALSE, &counts);
  g_assert_cmpuint (counts.n_new, ==, n + 3);
  g_assert_cmpuint (counts.n_duplicates, ==, G_N_ELEMENTS (twins_of) + 1);

  /* Every row, once: the twins' emails were the same. */
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, n + 3);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_email", NULL), ==,
                   n + 40 + 1 + 1);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_phone", NULL), ==,
                   n + 40 + G_N_ELEMENTS (twins_of) + 1 + 1);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_tag", NULL), ==,
                   n + 2 + G_N_ELEMENTS (twins_of) + 1);

  /* Nobody has two emails or phones in one place. */
  g_assert_cmpint (raw_query_int (d360_store_get_db (fixture->store),
                                  "SELECT count (*) FROM (SELECT 1 FROM contact_email "
                                  "GROUP BY contact_id, position HAVING count (*) > 1)"), ==, 0);
  g_assert_cmpint (raw_query_int (d360_store_get_db (fixture->store),
                                  "SELECT count (*) FROM (SELECT 1 FROM contact_phone "
                                  "GROUP BY contact_id, position HAVING count (*) > 1)"), ==, 0);

  /* Each merged person has both phones, their tags and a search row that
   * finds them by the twin's phone and tag. */
  for (guint k = 0; k < G_N_ELEMENTS (twins_of); k++)
    {
      g_autofree char *email = g_strdup_printf ("Bat%u@example.ro", twins_of[k]);
      g_autofree char *twin_phone = g_strdup_printf ("+40 711 %06u", twins_of[k]);
      g_autofree char *digits = g_strdup_printf ("40711%06u", twins_of[k]);
      g_autoptr(D360Contact) merged = get_ok (fixture, id_with_email (fixture, email));

      phones = d360_contact_get_phones (merged);
      g_assert_cmpuint (d360_contact_get_emails (merged)->len, ==, 1);
      g_assert_cmpuint (phones->len, ==, 2);
      g_assert_cmpstr (((D360Channel *) g_ptr_array_index (phones, 1))->value, ==, twin_phone);
      tags = d360_contact_get_tags (merged);
      g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
      g_assert_true (g_strv_contains (tags, "Lot"));
      g_assert_true (g_strv_contains (tags, "Nou"));
      g_assert_cmpint (count_search (fixture, digits), ==, 1);
    }
  g_assert_cmpint (count_search (fixture, "nou"), ==, G_N_ELEMENTS (twins_of));

  {
    g_autofree char *email = g_strdup_printf ("Bat%u@example.ro", name_twin_of);
    g_autoptr(D360Contact) merged = get_ok (fixture, id_with_email (fixture, email));

    phones = d360_contact_get_phones (merged);
    g_assert_cmpuint (d360_contact_get_emails (merged)->len, ==, 1);
    g_assert_cmpuint (phones->len, ==, 2);
    g_assert_cmpstr (((D360Channel *) g_ptr_array_index (phones, 1))->value, ==,
                     "+40 733 000 000");
    tags = d360_contact_get_tags (merged);
    g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
    g_assert_true (g_strv_contains (tags, "Nume"));
    g_assert_cmpint (count_search (fixture, "nume"), ==, 1);
  }

  /* Forty emails and phones, in their order, with their labels. */
  many = get_ok (fixture, id_with_email (fixture, "many0@example.ro"));
  emails = d360_contact_get_emails (many);
  phones = d360_contact_get_phones (many);
  g_assert_cmpuint (emails->len, ==, 40);
  g_assert_cmpuint (phones->len, ==, 40);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *email = g_strdup_printf ("many%u@example.ro", i);
      g_autofree char *phone = g_strdup_printf ("+40 722 %06u", i);
      const D360Channel *stored_email = g_ptr_array_index (emails, i);

      g_assert_cmpstr (stored_email->value, ==, email);
      g_assert_cmpstr (stored_email->label, ==, i % 2 ? "alt" : NULL);
      g_assert_cmpstr (((D360Channel *) g_ptr_array_index (phones, i))->value, ==, phone);
    }
  g_assert_cmpint (count_search (fixture, "many39"), ==, 1);
  g_assert_cmpint (count_search (fixture, "40722000039"), ==, 1);

  last = get_ok (fixture, id_with_email (fixture, "last@example.ro"));
  g_assert_cmpuint (d360_contact_get_phones (last)->len, ==, 1);
  g_assert_cmpint (count_search (fixture, "40744000000"), ==, 1);

  /* One tag for the three spellings, under the first; the search row
   * names it once. */
  tagged = get_ok (fixture, id_with_email (fixture, "tags@example.ro"));
  tags = d360_contact_get_tags (tagged);
  g_assert_cmpuint (g_strv_length ((char **) tags), ==, 2);
  g_assert_true (g_strv_contains (tags, "Presă"));
  g_assert_true (g_strv_contains (tags, "Lot"));
  g_assert_cmpint (count_search_rows (fixture, "tags : presa"), ==, 1);
  g_assert_cmpint (raw_query_int (d360_store_get_db (fixture->store),
                                  "SELECT count (*) FROM contact_fts "
                                  "WHERE tags = 'Presă Lot'"), ==, 1);
}

static void
test_import_rows_in_batches (Fixture       *fixture,
                             gconstpointer  data)
{
  import_rows_in_batches (fixture, GPOINTER_TO_UINT (data));
}

/* Imports @people into @store (merging likely duplicates) and returns the
 * people written, but @skip_id, as text in the order they were written:
 * names, UID, organisation, emails and phones. */
static char *
import_and_describe (D360Store        *store,
                     GPtrArray        *people,
                     gint64            skip_id,
                     D360ImportCounts *counts)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  memset (counts, 0, sizeof *counts);
  g_assert_true (d360_store_import_contacts (store, people, D360_IMPORT_MERGE, FALSE, counts,
                                             NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_row_checks_hold (store);

  g_assert_cmpint (sqlite3_prepare_v2 (d360_store_get_db (store),
                                       "SELECT group_concat (row, '\n') FROM (SELECT "
                                       "coalesce (given_name, '') || ';' || "
                                       "coalesce (family_name, '') || ';' || "
                                       "coalesce (uid, '') || ';' || "
                                       "coalesce ((SELECT name FROM organization o "
                                       "  WHERE o.id = c.organization_id), '') || ';' || "
                                       "coalesce ((SELECT group_concat (value, ',') FROM "
                                       "  (SELECT value FROM contact_email e "
                                       "   WHERE e.contact_id = c.id ORDER BY position)), '') "
                                       "|| ';' || "
                                       "coalesce ((SELECT group_concat (value, ',') FROM "
                                       "  (SELECT value FROM contact_phone p "
                                       "   WHERE p.contact_id = c.id ORDER BY position)), '') "
                                       "AS row FROM contact c WHERE c.id != ?1 ORDER BY c.id)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, skip_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static D360Contact *
edge_person (const char *given,
             const char *family,
             const char *email,
             const char *organization,
             const char *uid)
{
  D360Contact *person = new_person (given, family, email);

  if (organization != NULL)
    d360_contact_set_organization_name_for_import (person, organization);
  d360_contact_set_uid (person, uid);
  /* Something the earlier one lacks: never merely unchanged. */
  d360_contact_add_phone (person, "+40 799 000 000", D360_CHANNEL_WORK, NULL);
  return person;
}

/* A large import into an empty book finds likely duplicates among the
 * people it writes without the indexes on UIDs, name keys and emails; into
 * a book with someone in it, by the indexes. Both must find the same: also
 * where a merge has given someone a new name key or organisation since
 * (Ana gets a family name, Dan an organisation: a later “Ana” alone, or
 * “Dan Radu” without one, is someone else; the first Maria becomes a
 * second “Maria Ene”, and the one found after that; someone nameless becomes
 * a second “Elena”, and the first is still the one found). */
static void
test_import_empty_book (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GPtrArray) people = make_people (2100, "Own");
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autoptr(D360Store) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *indexed = NULL;
  D360ImportCounts counts = { 0 }, indexed_counts = { 0 };
  gint64 stored_id;
  struct
  {
    guint        at;
    D360Contact *person;
  } edges[] = {
    { 10, edge_person ("Ana", NULL, "ana@example.ro", NULL, NULL) },
    { 20, edge_person (NULL, "Pop", "ANA@example.ro", NULL, NULL) },        /* Ana's */
    { 30, edge_person ("Ana", NULL, NULL, NULL, NULL) },                    /* new */
    { 40, edge_person ("ana", "POP", NULL, NULL, NULL) },                   /* Ana's */
    { 50, edge_person ("Dan", "Radu", "dan@example.ro", NULL, NULL) },
    { 60, edge_person (NULL, NULL, "dan@example.ro", "Firma X", NULL) },    /* Dan's */
    { 70, edge_person ("Dan", "Radu", NULL, NULL, NULL) },                  /* new */
    { 80, edge_person ("DAN", "radu", NULL, "firma x", NULL) },             /* Dan's */
    { 90, edge_person ("Ion", NULL, NULL, NULL, "uid-ion") },
    { 100, edge_person ("Maria", NULL, "maria@example.ro", NULL, NULL) },
    { 110, edge_person ("Maria", "Ene", NULL, NULL, NULL) },                /* new */
    { 120, edge_person (NULL, "Ene", "maria@example.ro", NULL, NULL) },     /* Maria's */
    { 130, edge_person ("Maria", "Ene", "maria.ene@example.ro", NULL, NULL) }, /* the first */
    { 140, edge_person ("Elena", NULL, NULL, NULL, NULL) },
    { 150, edge_person (NULL, NULL, "y@example.ro", NULL, NULL) },
    { 160, edge_person ("Elena", NULL, "y@example.ro", NULL, NULL) },        /* y's */
    { 170, edge_person ("Elena", NULL, "elena@example.ro", NULL, NULL) },    /* the first */
    { 2000, edge_person ("Ioan", NULL, NULL, NULL, "uid-ion") },            /* Ion's */
  };

  for (guint i = G_N_ELEMENTS (edges); i > 0; i--)
    g_ptr_array_insert (people, (int) edges[i - 1].at, edges[i - 1].person);

  empty = import_and_describe (fixture->store, people, 0, &counts);
  g_assert_cmpuint (counts.n_new, ==, 2100 + 9);
  g_assert_cmpuint (counts.n_duplicates, ==, 9);
  g_assert_cmpuint (counts.n_unchanged, ==, 0);
  {
    const char *expected[] = {
      "Ana;Pop;;;ana@example.ro;+40 799 000 000",   /* merged by email, then by name */
      "Ana;;;;;+40 799 000 000",                    /* “ana” is no one's key any more */
      "Dan;Radu;;Firma X;dan@example.ro;+40 799 000 000",
      "Dan;Radu;;;;+40 799 000 000",                /* Dan has an organisation now */
      "Ion;;uid-ion;;;+40 799 000 000",
      "Maria;Ene;;;maria@example.ro,maria.ene@example.ro;+40 799 000 000",
      "Maria;Ene;;;;+40 799 000 000",
      "Elena;;;;elena@example.ro;+40 799 000 000",
      "Elena;;;;y@example.ro;+40 799 000 000",
    };
    g_auto(GStrv) lines = g_strsplit (empty, "\n", -1);

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_true (g_strv_contains ((const char * const *) lines, expected[i]));
    g_assert_cmpuint (g_strv_length (lines), ==, 2109);
  }
  g_assert_cmpint (count_list_indexes (fixture), ==, 6);
  g_assert_cmpint (raw_query_int (d360_store_get_db (fixture->store),
                                  "SELECT count (*) FROM sqlite_schema WHERE type = 'index' "
                                  "AND name IN ('contact_uid', 'contact_name_key', "
                                  "'contact_email_value')"), ==, 3);

  other = d360_store_open (other_path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(D360Contact) stored = new_person ("Zoe", "Stored", "zoe@example.ro");

    g_assert_true (d360_store_save_contact (other, stored, &error));
    g_assert_no_error (error);
    stored_id = d360_contact_get_id (stored);
  }
  indexed = import_and_describe (other, people, stored_id, &indexed_counts);
  g_assert_cmpuint (indexed_counts.n_new, ==, counts.n_new);
  g_assert_cmpuint (indexed_counts.n_duplicates, ==, counts.n_duplicates);
  g_assert_cmpstr (indexed, ==, empty);
}

static void
test_import_leaves_contacts (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gint64 stored_id = add_person (fixture, "Ștefan", "Pârvu", "stefan.parvu@example.ro", 0);
  gint64 embassy = add_organization (fixture, "Ambasada Italiei", D360_ORG_EMBASSY);
  D360ImportCounts counts = { 0 };
  D360Contact *again, *stranger, *linked;
  guint notified = 0;

  /* The stored person as read back, their id and all: unchanged. */
  again = d360_store_get_contact (fixture->store, stored_id, &error);
  g_assert_no_error (error);
  g_ptr_array_add (people, again);
  /* Someone new who carries the stored person's id, with an organisation
   * by name that the import makes. */
  stranger = new_person ("Ioana", "Țăranu", "ioana.taranu@example.ro");
  d360_contact_set_id (stranger, stored_id);
  d360_contact_set_organization_name_for_import (stranger, "Camera de Comerț Brăila");
  g_ptr_array_add (people, stranger);
  /* Someone new linked to a stored organisation by its id. */
  linked = new_person ("Marco", "Bianchi", "marco.bianchi@example.it");
  d360_contact_set_organization_id (linked, embassy);
  g_ptr_array_add (people, linked);

  for (guint i = 0; i < people->len; i++)
    g_signal_connect (people->pdata[i], "notify", G_CALLBACK (on_notify_count), &notified);

  for (guint round = 0; round < 2; round++)
    {
      import_ok (fixture, people, D360_IMPORT_SKIP, round == 0, &counts);
      g_assert_cmpuint (counts.n_new, ==, 2);
      g_assert_cmpuint (counts.n_unchanged, ==, 1);
    }

  g_assert_cmpuint (notified, ==, 0);
  g_assert_cmpint (d360_contact_get_id (again), ==, stored_id);
  g_assert_cmpint (d360_contact_get_id (stranger), ==, stored_id);
  g_assert_cmpint (d360_contact_get_organization_id (stranger), ==, 0);
  g_assert_null (d360_contact_get_created_at (stranger));
  g_assert_cmpint (d360_contact_get_id (linked), ==, 0);
  g_assert_cmpint (d360_contact_get_organization_id (linked), ==, embassy);

  /* Both new people were written under ids of their own, the stranger in
   * the organisation the import made, and the stored person is as before. */
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, 3);
  g_assert_cmpint (count_search (fixture, "Țăranu Brăila"), ==, 1);
  g_assert_cmpint (count_search (fixture, "bianchi italiei"), ==, 1);
  g_assert_cmpint (count_search (fixture, "parvu"), ==, 1);
  {
    g_autoptr(D360Contact) stored = d360_store_get_contact (fixture->store, stored_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (d360_contact_get_given_name (stored), ==, "Ștefan");
  }
}

static void
count_changed_cb (D360Store  *store,
                  const char *table,
                  guint      *count)
{
  (*count)++;
}

/* What a handler of the change signals meets: SQLite's checks, on. */
static void
checks_at_signal_cb (D360Store  *store,
                     const char *table,
                     gint64     *checks)
{
  sqlite3 *db = d360_store_get_db (store);

  checks[0] = raw_query_int (db, "PRAGMA foreign_keys");
  checks[1] = raw_query_int (db, "PRAGMA ignore_check_constraints");
}

/* Tagging, deleting and bringing back many people at once, chosen in the
 * list's order (not their ids'): their search rows follow each step, and the
 * index stays sound. These write the search rows apart from the people's
 * rows, in rising ids (tag_in_transaction() and its neighbours). */
static void
test_bulk_search_rows (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) people = make_people (300, "Grup");
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) reversed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GObject) deleted = NULL;
  g_autoptr(GError) error = NULL;
  D360ImportCounts counts;
  D360ContactQuery query;
  sqlite3 *db = d360_store_get_db (fixture->store);

  import_ok (fixture, people, D360_IMPORT_SKIP, FALSE, &counts);
  add_person (fixture, "Rămâne", "Aici", "ramane@example.ro", 0);
  d360_contact_query_init (&query);
  query.search = "grup";
  ids = d360_store_list_contact_ids (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 300);
  for (guint i = ids->len; i > 0; i--)
    g_array_append_val (reversed, g_array_index (ids, gint64, i - 1));

  g_assert_true (d360_store_tag_contacts (fixture->store, reversed, "Târg 2027", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_search (fixture, "targ 2027"), ==, 300);
  raw_exec (db, "INSERT INTO contact_fts (contact_fts) VALUES ('integrity-check')");

  deleted = d360_store_delete_contacts (fixture->store, reversed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_search (fixture, "grup"), ==, 0);
  g_assert_cmpint (count_search (fixture, "targ"), ==, 0);
  g_assert_cmpint (count_search (fixture, "ramane"), ==, 1);
  g_assert_cmpint (raw_query_int (db, "SELECT count (*) FROM contact_fts"), ==, 1);
  raw_exec (db, "INSERT INTO contact_fts (contact_fts) VALUES ('integrity-check')");

  g_assert_true (d360_store_undo_delete_contacts (fixture->store, deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_search (fixture, "grup"), ==, 300);
  g_assert_cmpint (count_search (fixture, "targ 2027"), ==, 300);
  g_assert_cmpint (count_search (fixture, "grup299"), ==, 1);
  g_assert_cmpint (raw_query_int (db, "SELECT count (*) FROM contact_fts"), ==, 301);
  raw_exec (db, "INSERT INTO contact_fts (contact_fts) VALUES ('integrity-check')");
}

/* Whether the search file's token is the tables'. */
static gboolean
search_tokens_match (Fixture *fixture)
{
  sqlite3 *db = raw_open (fixture->path);
  gboolean match = raw_query_int (db, "SELECT (SELECT token FROM search.state) = "
                                      "(SELECT token FROM main.search_state)") == 1;

  sqlite3_close (db);
  return match;
}

static void
reopen (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&fixture->store);
  fixture->store = d360_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);
}

static void
assert_search_whole (Fixture *fixture)
{
  g_assert_true (search_tokens_match (fixture));
  g_assert_cmpint (count_search (fixture, "cautare"), ==, 300);
  g_assert_cmpint (count_search (fixture, "stefan"), ==, 1);
  g_assert_cmpint (count_search_rows (fixture, "fantoma"), ==, 0);
  raw_exec (d360_store_get_db (fixture->store),
            "INSERT INTO contact_fts (contact_fts) VALUES ('integrity-check')");
  /* The organisations the import made, found by name. */
  g_assert_cmpint (raw_query_int (d360_store_get_db (fixture->store),
                                  "SELECT count (*) FROM organization_fts "
                                  "WHERE organization_fts MATCH 'firma srl'"), ==, 7);
  raw_exec (d360_store_get_db (fixture->store),
            "INSERT INTO organization_fts (organization_fts) VALUES ('integrity-check')");
}

/* The search index lives in a file of its own beside the database
 * (d360-store-search.c). Opening trusts it while its token is the tables',
 * and makes it again from the tables when it is not, is missing or is not a
 * database; a restored backup gets it made again; an import that cannot
 * write it writes nothing. */
static void
test_search_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *search = g_strconcat (fixture->path, "-search", NULL);
  g_autofree char *search_wal = g_strconcat (search, "-wal", NULL);
  g_autofree char *search_shm = g_strconcat (search, "-shm", NULL);
  g_autofree char *backup = g_build_filename (fixture->dir, "backup.db", NULL);
  g_autoptr(GPtrArray) people = make_people (300, "Cautare");
  g_autoptr(GPtrArray) blocked = make_people (40, "Blocat");
  g_autoptr(GPtrArray) late = make_people (5, "Tarziu");
  g_autoptr(GError) error = NULL;
  D360ImportCounts counts;
  gint64 n_people;
  sqlite3 *db;

  import_ok (fixture, people, D360_IMPORT_SKIP, FALSE, &counts);
  g_assert_cmpuint (counts.n_new, ==, 300);
  g_assert_true (search_tokens_match (fixture));
  add_person (fixture, "Ștefan", "Ionașcu", "stefan.ionascu@example.ro", 0);
  assert_search_whole (fixture);

  /* A row the tables do not have, written behind the store's back: while
   * the tokens agree, opening leaves the index as it is (it does not read
   * 100 000 people again at every start). */
  g_clear_object (&fixture->store);
  db = raw_open (fixture->path);
  raw_exec (db, "INSERT INTO contact_fts (rowid, name) VALUES (999999, 'Fantoma')");
  sqlite3_close (db);
  reopen (fixture);
  g_assert_cmpint (count_search_rows (fixture, "fantoma"), ==, 1);
  /* A rebuild asked for while the tokens agree is not done either (a
   * second program that waited for the first one's rebuild). */
  g_assert_true (d360_store_rebuild_search (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_search_rows (fixture, "fantoma"), ==, 1);

  /* Tokens that differ, as when the program stopped between the two
   * commits: the index is made again from the tables. */
  g_clear_object (&fixture->store);
  db = raw_open (fixture->path);
  raw_exec (db, "UPDATE search_state SET token = 'another'");
  sqlite3_close (db);
  reopen (fixture);
  assert_search_whole (fixture);

  /* No search file, then one that is not a database. */
  g_clear_object (&fixture->store);
  g_assert_cmpint (g_remove (search), ==, 0);
  reopen (fixture);
  assert_search_whole (fixture);
  g_clear_object (&fixture->store);
  g_assert_true (g_file_set_contents (search, "not a database, not at all", -1, &error));
  g_assert_no_error (error);
  g_remove (search_wal);
  g_remove (search_shm);
  reopen (fixture);
  assert_search_whole (fixture);

  /* A backup leaves the index out; restoring it makes the index again, so
   * that the people added after the backup are not found any more. */
  g_assert_true (d360_store_backup_to_file (fixture->store, backup, &error));
  g_assert_no_error (error);
  add_person (fixture, "Venit", "Dupăcopie", NULL, 0);
  g_assert_cmpint (count_search (fixture, "dupacopie"), ==, 1);
  g_assert_true (d360_store_restore_from_file (fixture->store, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_search (fixture, "dupacopie"), ==, 0);
  g_assert_cmpint (count_search_rows (fixture, "dupacopie"), ==, 0);
  assert_search_whole (fixture);

  /* Another program holds the search file: the import's search rows
   * cannot be written, so neither are the people. */
  n_people = d360_store_count_rows (fixture->store, "contact", NULL);
  db = NULL;
  g_assert_cmpint (sqlite3_open (search, &db), ==, SQLITE_OK);
  raw_exec (db, "BEGIN IMMEDIATE");
  g_assert_false (d360_store_import_contacts (fixture->store, blocked, D360_IMPORT_SKIP, FALSE,
                                              &counts, NULL, NULL, NULL, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_BUSY);
  g_clear_error (&error);
  raw_exec (db, "ROLLBACK");
  sqlite3_close (db);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact", NULL), ==, n_people);
  g_assert_cmpint (count_search (fixture, "blocat"), ==, 0);
  assert_search_whole (fixture);

  /* And once it is free, the import goes through. */
  import_ok (fixture, blocked, D360_IMPORT_SKIP, FALSE, &counts);
  g_assert_cmpuint (counts.n_new, ==, 40);
  g_assert_cmpint (count_search (fixture, "blocat"), ==, 40);
  assert_search_whole (fixture);
  reopen (fixture);
  g_assert_cmpint (count_search (fixture, "blocat"), ==, 40);

  /* A restore while another program holds the search file: the data comes
   * back, but the index cannot be made again yet. The writes after it
   * (a save, an import) leave the index's token apart, so that the next
   * opening makes it again rather than trusting it. */
  g_assert_true (d360_store_backup_to_file (fixture->store, backup, &error));
  g_assert_no_error (error);
  add_person (fixture, "Ultimul", "Înaintedecopie", NULL, 0);
  db = NULL;
  g_assert_cmpint (sqlite3_open (search, &db), ==, SQLITE_OK);
  raw_exec (db, "BEGIN IMMEDIATE");
  g_test_expect_message ("d360-store", G_LOG_LEVEL_WARNING,
                         "*search index again after the restore*");
  g_assert_true (d360_store_restore_from_file (fixture->store, backup, &error));
  g_assert_no_error (error);
  g_test_assert_expected_messages ();
  raw_exec (db, "ROLLBACK");
  sqlite3_close (db);
  g_assert_false (search_tokens_match (fixture));
  add_person (fixture, "Venit", "Dupărestaurare", NULL, 0);
  import_ok (fixture, late, D360_IMPORT_SKIP, FALSE, &counts);
  g_assert_false (search_tokens_match (fixture));
  reopen (fixture);
  g_assert_true (search_tokens_match (fixture));
  g_assert_cmpint (count_search (fixture, "inaintedecopie"), ==, 0);
  g_assert_cmpint (count_search_rows (fixture, "inaintedecopie"), ==, 0);
  g_assert_cmpint (count_search (fixture, "duparestaurare"), ==, 1);
  g_assert_cmpint (count_search (fixture, "tarziu"), ==, 5);
  assert_search_whole (fixture);
}

/* A person drawn from small pools, so that a file holds chains of likely
 * duplicates: the same UID, an email in another case or with spaces, the
 * same name with or without diacritics in an organisation written
 * differently, and fields that make a match unchanged or not. */
static D360Contact *
random_person (GRand        *rand,
               const gint64 *organization_ids)
{
  static const char * const given[] = { "Ștefan", "stefan", "Ana", "ANA", "Ioana", "Mihai",
                                         "Radu", "Elena", "Vlad", "Irina", NULL };
  static const char * const family[] = { "Pop", "Popescu", "Țăran", "taran", "Ionescu",
                                          "Dumitru", "Marin", NULL };
  static const char * const organizations[] = { "Primăria Iași", "PRIMARIA IASI", "Acme SRL",
                                                 "Fundația Ion" };
  static const char * const emails[] = { "a@x.ro", " A@X.RO", "b@x.ro", "c@x.ro", "d@x.ro",
                                         "e@x.ro", "f@x.ro", "g@x.ro" };
  static const char * const tags[] = { "Presă", "presa", "Investitori" };
  D360Contact *contact = d360_contact_new ();
  guint n_emails = g_rand_int_range (rand, 0, 3);

  d360_contact_set_given_name (contact, given[g_rand_int_range (rand, 0, G_N_ELEMENTS (given))]);
  d360_contact_set_family_name (contact,
                                family[g_rand_int_range (rand, 0, G_N_ELEMENTS (family))]);
  if (g_rand_boolean (rand))
    d360_contact_set_organization_name_for_import (
      contact, organizations[g_rand_int_range (rand, 0, G_N_ELEMENTS (organizations))]);
  for (guint i = 0; i < n_emails; i++)
    d360_contact_add_email (contact, emails[g_rand_int_range (rand, 0, G_N_ELEMENTS (emails))],
                            D360_CHANNEL_WORK, NULL);
  if (g_rand_int_range (rand, 0, 4) == 0)
    {
      g_autofree char *uid = g_strdup_printf ("urn:uuid:%d", g_rand_int_range (rand, 0, 12));

      d360_contact_set_uid (contact, uid);
    }
  if (g_rand_boolean (rand))
    d360_contact_set_job_title (contact, g_rand_boolean (rand) ? "Consul" : "Director");
  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      const char *tag[] = { tags[g_rand_int_range (rand, 0, G_N_ELEMENTS (tags))], NULL };

      d360_contact_set_tags (contact, tag);
    }
  if (g_rand_int_range (rand, 0, 4) == 0)
    d360_contact_add_phone (contact, g_rand_boolean (rand) ? "+40 721 000 111" : "0721 000 222",
                            D360_CHANNEL_CELL, NULL);
  /* Without a name, an email: someone with neither would fail the import. */
  if (d360_contact_get_given_name (contact) == NULL &&
      d360_contact_get_family_name (contact) == NULL)
    d360_contact_add_email (contact, "fara.nume@x.ro", D360_CHANNEL_WORK, NULL);
  /* Linked to a stored organisation by its id, as the app's own callers do. */
  if (organization_ids != NULL && g_rand_int_range (rand, 0, 3) == 0)
    d360_contact_set_organization_id (contact, organization_ids[g_rand_int_range (rand, 0, 2)]);
  return contact;
}

/* A dry run writes only the people a later person of the file may match
 * (keys_ahead_pass()); its counts must still be the import's, whatever the
 * policy, with people stored before, with people linked to organisations by
 * id (one of them also named in the file), for small files and for large
 * ones (from 2 000 people the import looks keys up by fingerprint). */
static void
test_import_dry_run_counts (Fixture       *fixture,
                            gconstpointer  data)
{
  static const guint sizes[] = { 30, 50, 80, 120, 300, 2100 };
  static const D360ImportPolicy policies[] = { D360_IMPORT_SKIP, D360_IMPORT_MERGE,
                                               D360_IMPORT_ANYWAY };
  guint32 seed = g_test_rand_int ();

  for (guint round = 0; round < G_N_ELEMENTS (sizes) * 2; round++)
    for (guint p = 0; p < G_N_ELEMENTS (policies); p++)
      {
        g_autoptr(GRand) rand = g_rand_new_with_seed (seed + round);
        g_autoptr(GPtrArray) stored = g_ptr_array_new_with_free_func (g_object_unref);
        g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
        g_autofree char *path = g_strdup_printf ("%s/dry-%u-%u.db", fixture->dir, round, p);
        g_autoptr(D360Store) store = NULL;
        g_autoptr(GError) error = NULL;
        D360ImportCounts dry = { 0 }, real = { 0 };
        gint64 organization_ids[2] = { 0, 0 };
        gint64 n_before;

        store = d360_store_open (path, &error);
        g_assert_no_error (error);
        if (round % 4 >= 2)
          for (guint i = 0; i < 2; i++)
            {
              g_autoptr(D360Organization) organization =
                d360_organization_new (i == 0 ? "ACME srl" : "Ambasada Franței");

              g_assert_true (d360_store_save_organization (store, organization, &error));
              g_assert_no_error (error);
              organization_ids[i] = d360_organization_get_id (organization);
            }
        for (guint i = 0; i < (round % 2 == 0 ? 0 : 15); i++)
          g_ptr_array_add (stored, random_person (rand, round % 4 >= 2 ? organization_ids : NULL));
        if (stored->len > 0)
          {
            g_assert_true (d360_store_import_contacts (store, stored, D360_IMPORT_ANYWAY, FALSE,
                                                       &real, NULL, NULL, NULL, &error));
            g_assert_no_error (error);
          }
        for (guint i = 0; i < sizes[round / 2]; i++)
          g_ptr_array_add (people, random_person (rand, round % 4 >= 2 ? organization_ids : NULL));

        n_before = d360_store_count_rows (store, "contact", NULL);
        memset (&real, 0, sizeof real);
        g_assert_true (d360_store_import_contacts (store, people, policies[p], TRUE, &dry,
                                                   NULL, NULL, NULL, &error));
        g_assert_no_error (error);
        g_assert_true (d360_store_import_contacts (store, people, policies[p], FALSE, &real,
                                                   NULL, NULL, NULL, &error));
        g_assert_no_error (error);

        g_test_message ("seed %u, round %u, policy %u: %u new, %u duplicates, %u unchanged",
                        seed, round, p, real.n_new, real.n_duplicates, real.n_unchanged);
        g_assert_cmpuint (dry.n_new, ==, real.n_new);
        g_assert_cmpuint (dry.n_duplicates, ==, real.n_duplicates);
        g_assert_cmpuint (dry.n_unchanged, ==, real.n_unchanged);
        /* The pools make chains: the test is worth nothing without them. */
        g_assert_cmpuint (real.n_duplicates + real.n_unchanged, >, 0);
        g_assert_cmpint (d360_store_count_rows (store, "contact", NULL), ==,
                         n_before + real.n_new +
                         (policies[p] == D360_IMPORT_ANYWAY ? real.n_duplicates : 0));
        assert_row_checks_hold (store);
      }

  /* Where the import fails, the preview fails too: someone linked by id to
   * an organisation deleted since, whom nobody else in the file matches. */
  {
    g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GError) dry_error = NULL;
    g_autoptr(GError) real_error = NULL;
    D360ImportCounts counts = { 0 };
    gint64 gone = add_organization (fixture, "Consulatul închis", D360_ORG_CONSULATE);
    D360Contact *ana = new_person ("Ana", "Lupu", "ana.lupu@x.ro");

    d360_contact_set_organization_id (ana, gone);
    g_ptr_array_add (people, ana);
    g_assert_true (d360_store_delete_organization (fixture->store, gone, NULL));
    g_assert_false (d360_store_import_contacts (fixture->store, people, D360_IMPORT_SKIP, TRUE,
                                                &counts, NULL, NULL, NULL, &dry_error));
    g_assert_false (d360_store_import_contacts (fixture->store, people, D360_IMPORT_SKIP, FALSE,
                                                &counts, NULL, NULL, NULL, &real_error));
    g_assert_nonnull (dry_error);
    g_assert_nonnull (real_error);
    g_assert_cmpstr (dry_error->message, ==, real_error->message);
    assert_row_checks_hold (fixture->store);
  }
}

static void
test_change_signals (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) people = make_people (1500, "Sig");
  g_autoptr(GError) error = NULL;
  D360ImportCounts counts;
  guint contact_changes = 0, organization_changes = 0;
  gint64 checks[2] = { -1, -1 };
  gint64 id;

  g_signal_connect (fixture->store, "changed::contact", G_CALLBACK (count_changed_cb),
                    &contact_changes);
  g_signal_connect (fixture->store, "changed::contact", G_CALLBACK (checks_at_signal_cb),
                    checks);
  g_signal_connect (fixture->store, "changed::organization", G_CALLBACK (count_changed_cb),
                    &organization_changes);

  /* A dry run writes nothing, and says so. */
  import_ok (fixture, people, D360_IMPORT_SKIP, TRUE, &counts);
  g_assert_cmpuint (contact_changes, ==, 0);
  g_assert_cmpuint (organization_changes, ==, 0);

  /* An import is one commit: one signal per table, once SQLite's checks
   * are on again. */
  import_ok (fixture, people, D360_IMPORT_SKIP, FALSE, &counts);
  g_assert_cmpuint (contact_changes, ==, 1);
  g_assert_cmpuint (organization_changes, ==, 1);
  g_assert_cmpint (checks[0], ==, 1);
  g_assert_cmpint (checks[1], ==, 0);

  id = add_person (fixture, "Ana", "Pop", NULL, 0);
  g_assert_cmpuint (contact_changes, ==, 2);
  g_assert_true (d360_store_erase_contact (fixture->store, id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (contact_changes, ==, 3);

  /* A refused save says nothing. */
  {
    g_autoptr(D360Contact) bad = new_person ("X", NULL, "not-an-email");

    g_assert_false (d360_store_save_contact (fixture->store, bad, &error));
    g_clear_error (&error);
    g_assert_cmpuint (contact_changes, ==, 3);
  }

  add_organization (fixture, "Alta", D360_ORG_NGO);
  g_assert_cmpuint (organization_changes, ==, 2);
}

/* ------------------------------------------------------------- migration */

/* A database as version 5 made it, its people's search rows in it: version 6
 * moves the search index to its own file (made from the tables) and gives
 * the pages of the old one back. */
static void
test_migration_from_v5 (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char * const scripts[] = {
    "001-city", "002-portfolio", "003-contacts", "004-contact-distinct", "005-search-buffer",
  };
  g_autofree char *path = g_build_filename (fixture->dir, "v5.db", NULL);
  g_autofree char *search = g_strconcat (path, "-search", NULL);
  g_autoptr(D360Store) store = NULL;
  g_autoptr(GError) error = NULL;
  D360ContactQuery query;
  sqlite3 *db;

  db = raw_open (path);
  for (guint i = 0; i < G_N_ELEMENTS (scripts); i++)
    {
      g_autofree char *name = g_strdup_printf ("/com/diplomacy360/Desktop/sql/%s.sql", scripts[i]);
      g_autoptr(GBytes) bytes = g_resources_lookup_data (name, 0, &error);
      g_autofree char *script = NULL;
      g_autofree char *footer = g_strdup_printf ("PRAGMA application_id = %d; "
                                                 "PRAGMA user_version = %u;",
                                                 D360_STORE_APPLICATION_ID, i + 1);

      g_assert_no_error (error);
      script = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      raw_exec (db, script);
      raw_exec (db, footer);
    }
  raw_exec (db, "INSERT INTO organization (id, name, name_key) "
                "VALUES (1, 'Camera de Comerț Iași', 'camera de comert iasi')");
  raw_exec (db, "INSERT INTO organization_fts (rowid, name) VALUES (1, 'Camera de Comerț Iași')");
  /* Many people, so that the old index fills pages to give back. */
  raw_exec (db, "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                "INSERT INTO contact (id, given_name, family_name, name_key, sort_key, "
                "organization_id, notes) "
                "SELECT i, 'Ștefan' || i, 'Mureșan', 'stefan' || i || ' muresan', "
                "'muresan stefan' || i, 1, 'o notă lungă despre întâlnirea de la Iași ' || "
                "hex (randomblob (40)) FROM n");
  raw_exec (db, "INSERT INTO contact_fts (rowid, name, organization, notes) "
                "SELECT id, given_name || ' ' || family_name, 'Camera de Comerț Iași', notes "
                "FROM contact");
  sqlite3_close (db);
  g_assert_false (g_file_test (search, G_FILE_TEST_EXISTS));

  store = d360_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (d360_store_get_schema_version (store), ==,
                   d360_store_get_latest_schema_version ());
  g_assert_true (g_file_test (search, G_FILE_TEST_EXISTS));

  /* Found as before, by the rows made again from the tables. */
  d360_contact_query_init (&query);
  query.search = "muresan";
  g_assert_cmpint (d360_store_count_contacts (store, &query, NULL), ==, 2000);
  query.search = "stefan1999";
  g_assert_cmpint (d360_store_count_contacts (store, &query, NULL), ==, 1);
  query.search = "camera iasi";
  g_assert_cmpint (d360_store_count_contacts (store, &query, NULL), ==, 2000);
  g_assert_cmpint (raw_query_int (d360_store_get_db (store),
                                  "SELECT count (*) FROM organization_fts "
                                  "WHERE organization_fts MATCH 'comert'"), ==, 1);

  /* No search table of the contact book left in the database (the
   * projects keep theirs), and no free page. */
  g_assert_cmpint (raw_query_int (d360_store_get_db (store),
                                  "SELECT count (*) FROM main.sqlite_schema "
                                  "WHERE name LIKE 'contact_fts%' "
                                  "OR name LIKE 'organization_fts%'"), ==, 0);
  g_assert_cmpint (raw_query_int (d360_store_get_db (store), "PRAGMA main.freelist_count"),
                   ==, 0);
  g_assert_true (d360_store_integrity_check (store, &error));
  g_assert_no_error (error);
}

static void
test_migration_from_v2 (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "v2.db", NULL);
  g_autoptr(D360Store) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 project_id;
  sqlite3 *db;

  /* A database as version 2 made it, with a portfolio in it. */
  db = raw_open (path);
  for (guint i = 1; i <= 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("/com/diplomacy360/Desktop/sql/%03u-%s.sql", i,
                                               i == 1 ? "city" : "portfolio");
      g_autoptr(GBytes) bytes = g_resources_lookup_data (name, 0, &error);
      g_autofree char *script = NULL;
      g_autofree char *footer = g_strdup_printf ("PRAGMA application_id = %d; "
                                                 "PRAGMA user_version = %u;",
                                                 D360_STORE_APPLICATION_ID, i);

      g_assert_no_error (error);
      script = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      raw_exec (db, script);
      raw_exec (db, footer);
    }
  raw_exec (db, "INSERT INTO city (name, country) VALUES ('Timișoara', 'RO')");
  raw_exec (db, "INSERT INTO project (city_id, title, budget_minor, currency) "
                "VALUES (1, 'Parcul industrial Ţeba', 150000, 'EUR')");
  project_id = sqlite3_last_insert_rowid (db);
  sqlite3_close (db);

  store = d360_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (d360_store_get_schema_version (store), ==,
                   d360_store_get_latest_schema_version ());
  g_assert_cmpint (d360_store_get_latest_schema_version (), >=, 4);
  {
    g_autoptr(D360Project) project = d360_store_get_project (store, project_id, &error);
    D360ProjectQuery query = { 0 };

    g_assert_no_error (error);
    g_assert_cmpstr (d360_project_get_title (project), ==, "Parcul industrial Ţeba");
    g_assert_cmpint (d360_project_get_budget_minor (project), ==, 150000);
    query.city_id = 1;
    query.stage = -1;
    query.search = "teba";
    g_assert_cmpint (d360_store_count_projects (store, &query, NULL), ==, 1);
  }

  /* The new tables work in the migrated file. */
  {
    g_autoptr(D360Contact) contact = new_person ("Ana", "Popescu", NULL);
    D360ContactQuery query;

    g_assert_true (d360_store_save_contact (store, contact, &error));
    g_assert_no_error (error);
    d360_contact_query_init (&query);
    query.search = "popescu";
    g_assert_cmpint (d360_store_count_contacts (store, &query, NULL), ==, 1);
  }
}

/* ------------------------------------------------------------------ main */

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/contacts/contact/round-trip", test_contact_round_trip);
  ADD ("/contacts/contact/delete-undo", test_contact_delete_undo);
  ADD ("/contacts/contact/validation", test_contact_validation);
  ADD ("/contacts/contact/text-round-trip", test_text_round_trip);
  ADD ("/contacts/contact/read-all", test_read_all);
  ADD ("/contacts/list/search", test_search);
  ADD ("/contacts/list/model", test_list_model);
  ADD ("/contacts/list/filters", test_filters);
  ADD ("/contacts/organization/crud", test_organizations);
  ADD ("/contacts/duplicates/find", test_duplicates);
  ADD ("/contacts/duplicates/merge", test_merge);
  ADD ("/contacts/duplicates/distinct", test_distinct);
  ADD ("/contacts/privacy/export", test_export_personal_data);
  ADD ("/contacts/privacy/erase", test_erase);
  ADD ("/contacts/import/counts", test_import);
  ADD ("/contacts/import/all-or-nothing", test_import_all_or_nothing);
  ADD ("/contacts/import/dry-run-counts", test_import_dry_run_counts);
  ADD ("/contacts/import/leaves-contacts", test_import_leaves_contacts);
  ADD ("/contacts/import/checks-after-pragma", test_checks_after_pragma);
  ADD ("/contacts/import/empty-book", test_import_empty_book);
  g_test_add ("/contacts/import/rows-in-batches/large", Fixture, GUINT_TO_POINTER (2500),
              fixture_set_up, test_import_rows_in_batches, fixture_tear_down);
  g_test_add ("/contacts/import/rows-in-batches/small", Fixture, GUINT_TO_POINTER (40),
              fixture_set_up, test_import_rows_in_batches, fixture_tear_down);
  ADD ("/contacts/bulk-search-rows", test_bulk_search_rows);
  ADD ("/contacts/search-file", test_search_file);
  ADD ("/contacts/import/change-signals", test_change_signals);
  ADD ("/contacts/migration/from-v2", test_migration_from_v2);
  ADD ("/contacts/migration/from-v5", test_migration_from_v5);
  ADD ("/contacts/read-in-batches", test_read_contacts_in_batches);

#undef ADD

  g_test_add_func ("/contacts/fold-text", test_fold_text);
  g_test_add_func ("/contacts/phone-numbers", test_phone_numbers);

  return g_test_run ();
}

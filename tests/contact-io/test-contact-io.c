/* test-contact-io.c — contacts from files into the store and back out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test works on a real database file in its own temporary folder:
 * vCard → store → vCard and store → CSV → store round trips that keep every
 * field and every diacritic, re-imports that add nothing, malformed and
 * binary files, and the names of languages and countries.
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>

#include "d360-contact-io.h"
#include "d360-iso-codes.h"
#include "d360-csv.h"
#include "d360-store-contacts.h"
#include "d360-vcard.h"

/* Both forms of ș and ț: comma below (correct) and cedilla (old keyboards). */
#define NOTE_TEXT "Întâlnire la ambasadă; „acord” de înfrățire, punctul 3.\n" \
                  "Cedilla: ş ţ Ş Ţ — comma: ș ț Ș Ț, \"quoted\", a, b"

static const char vcard_text[] =
  "BEGIN:VCARD\r\n"
  "VERSION:4.0\r\n"
  "UID:urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1\r\n"
  "FN:E.S. Ștefania Țepeș-Mureșan\r\n"
  "N:Țepeș-Mureșan;Ștefania;;E.S.;\r\n"
  "ORG:Ambasada României la Chișinău\r\n"
  "TITLE:Consilier economic\r\n"
  "ROLE:Diplomat\r\n"
  "EMAIL;TYPE=work,pref:stefania.tepes@mae.example.ro\r\n"
  "item1.EMAIL;TYPE=home:stefania@example.md\r\n"
  "item1.X-ABLabel:Asistentă\r\n"
  "TEL;TYPE=cell:+40 722 123 456\r\n"
  "TEL;TYPE=work,fax:+373 22 234 567\r\n"
  "ADR;TYPE=work:;;Strada Ștefan cel Mare 1;Chișinău;Municipiul Chișinău;MD-2001;"
  "Republica Moldova\r\n"
  "NOTE:Întâlnire la ambasadă\\; „acord” de înfrățire\\, punctul 3.\\nCedilla: ş ţ Ş Ţ —"
  " comma: ș ț Ș Ț\\, \"quoted\"\\, a\\, b\r\n"
  "CATEGORIES:Parteneri,Înfrățire\r\n"
  "LANG:ro\r\n"
  "LANG:en-GB\r\n"
  "LANG:French\r\n"
  "BDAY:1975-03-14\r\n"
  "URL:https://mae.example.ro/chisinau\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:4.0\r\n"
  "FN:Ion Bălan\r\n"
  "N:Bălan;Ion;;;\r\n"
  "ORG:Camera de Comerț și Industrie Timiș\r\n"
  "TITLE:Director\r\n"
  "EMAIL:ion.balan@cciat.example.ro\r\n"
  "ADR:;;Piața Victoriei 3;Timişoara;Timiş;300030;România\r\n"
  "LANG:română\r\n"
  "BDAY:--11-30\r\n"
  "END:VCARD\r\n";

/* ------------------------------------------------------------ fixture */

typedef struct
{
  char      *dir;
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

static D360Store *
open_store (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;
  D360Store *store = d360_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("d360-contact-io-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->store = open_store (fixture, "diplomacy360.db");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
write_temp (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static D360ContactFile *
read_ok (const char *path)
{
  g_autoptr(GError) error = NULL;
  D360ContactFile *file = d360_contact_file_read (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (file);
  return file;
}

static D360ImportCounts
import_ok (D360Store  *store,
           GPtrArray  *contacts,
           gboolean    dry_run)
{
  g_autoptr(GError) error = NULL;
  D360ImportCounts counts = { 0, };

  g_assert_true (d360_store_import_contacts (store, contacts, D360_IMPORT_SKIP, dry_run, &counts,
                                             NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return counts;
}

static gint64
count_all (D360Store *store)
{
  g_autoptr(GError) error = NULL;
  D360ContactQuery query;
  gint64 n;

  d360_contact_query_init (&query);
  n = d360_store_count_contacts (store, &query, &error);
  g_assert_no_error (error);
  return n;
}

static GPtrArray *
read_all (D360Store *store)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *contacts = d360_store_read_contacts (store, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contacts);
  return contacts;
}

static D360Contact *
find_by_family_name (GPtrArray  *contacts,
                     const char *family_name)
{
  for (guint i = 0; i < contacts->len; i++)
    if (g_strcmp0 (d360_contact_get_family_name (contacts->pdata[i]), family_name) == 0)
      return contacts->pdata[i];

  g_assert_not_reached ();
}

static char *
join_strv (const char * const *values)
{
  return g_strjoinv ("|", (char **) values);
}

static char *
join_channels (GPtrArray *channels)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < channels->len; i++)
    {
      const D360Channel *channel = g_ptr_array_index (channels, i);

      g_string_append_printf (text, "%s%s/%u/%s", i > 0 ? "|" : "", channel->value,
                              channel->types, channel->label != NULL ? channel->label : "");
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Every field a file can carry (the UID only when @with_uid: CSV has none). */
static void
assert_same_contact (D360Contact *a,
                     D360Contact *b,
                     gboolean     with_uid)
{
  g_autofree char *emails_a = join_channels (d360_contact_get_emails (a));
  g_autofree char *emails_b = join_channels (d360_contact_get_emails (b));
  g_autofree char *phones_a = join_channels (d360_contact_get_phones (a));
  g_autofree char *phones_b = join_channels (d360_contact_get_phones (b));
  g_autofree char *languages_a = join_strv (d360_contact_get_languages (a));
  g_autofree char *languages_b = join_strv (d360_contact_get_languages (b));
  g_autofree char *tags_a = join_strv (d360_contact_get_tags (a));
  g_autofree char *tags_b = join_strv (d360_contact_get_tags (b));

  if (with_uid)
    g_assert_cmpstr (d360_contact_get_uid (a), ==, d360_contact_get_uid (b));
  g_assert_cmpstr (d360_contact_get_honorific (a), ==, d360_contact_get_honorific (b));
  g_assert_cmpstr (d360_contact_get_given_name (a), ==, d360_contact_get_given_name (b));
  g_assert_cmpstr (d360_contact_get_family_name (a), ==, d360_contact_get_family_name (b));
  g_assert_cmpstr (d360_contact_get_organization_name (a), ==,
                   d360_contact_get_organization_name (b));
  g_assert_cmpstr (d360_contact_get_job_title (a), ==, d360_contact_get_job_title (b));
  g_assert_cmpint (d360_contact_get_category (a), ==, d360_contact_get_category (b));
  g_assert_cmpstr (emails_a, ==, emails_b);
  g_assert_cmpstr (phones_a, ==, phones_b);
  g_assert_cmpstr (d360_contact_get_street (a), ==, d360_contact_get_street (b));
  g_assert_cmpstr (d360_contact_get_locality (a), ==, d360_contact_get_locality (b));
  g_assert_cmpstr (d360_contact_get_region (a), ==, d360_contact_get_region (b));
  g_assert_cmpstr (d360_contact_get_postal_code (a), ==, d360_contact_get_postal_code (b));
  g_assert_cmpstr (d360_contact_get_address_country (a), ==,
                   d360_contact_get_address_country (b));
  g_assert_cmpstr (d360_contact_get_country (a), ==, d360_contact_get_country (b));
  g_assert_cmpstr (languages_a, ==, languages_b);
  g_assert_cmpstr (tags_a, ==, tags_b);
  g_assert_cmpstr (d360_contact_get_notes (a), ==, d360_contact_get_notes (b));
  g_assert_cmpstr (d360_contact_get_birthday (a), ==, d360_contact_get_birthday (b));
  g_assert_cmpstr (d360_contact_get_website (a), ==, d360_contact_get_website (b));
}

/* ------------------------------------------------------------- tests */

static void
test_codes (void)
{
  static const struct { const char *text; const char *code; } languages[] = {
    { "ro", "ro" }, { "RO", "ro" }, { "ro-RO", "ro" }, { "en-GB", "en" }, { "pt_BR", "pt" },
    { "ron", "ro" }, { "rum", "ro" }, { "French", "fr" }, { "french", "fr" },
    { "română", "ro" }, { "Romana", "ro" }, { "engleză", "en" }, { "Deutsch", "de" },
    { "Rumänisch", "ro" }, { "Greek", "el" }, { "  Hungarian ", "hu" },
    { "Klingonish", NULL }, { "", NULL }, { "xx-YY", NULL },
  };
  static const struct { const char *text; const char *code; } countries[] = {
    { "RO", "RO" }, { "ro", "RO" }, { "ROU", "RO" }, { "Romania", "RO" }, { "România", "RO" },
    { "ROMÂNIA", "RO" }, { "Rumänien", "RO" }, { "Republica Moldova", "MD" },
    { "Moldova", "MD" }, { "Elveţia", "CH" }, { "Elveția", "CH" }, { "Germania", "DE" },
    { "United States of America", "US" }, { "USA", "US" }, { "Marea Britanie", "GB" },
    { "South Korea", "KR" }, { "Atlantis", NULL }, { "XX", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    g_assert_cmpstr (d360_contact_io_language_code (languages[i].text), ==, languages[i].code);
  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    g_assert_cmpstr (d360_contact_io_country_code (countries[i].text), ==, countries[i].code);

  /* The names above come from iso-codes' entries as its files have them. */
  for (guint i = 0; i < 2; i++)
    {
      D360IsoStandard s = i == 0 ? D360_ISO_COUNTRIES : D360_ISO_LANGUAGES;
      const GPtrArray *sorted = d360_iso_codes_get (s);
      const GPtrArray *in_file_order = d360_iso_codes_get_in_file_order (s);
      const D360IsoEntry *entry = d360_iso_codes_lookup (s, s == D360_ISO_COUNTRIES ? "RO" : "ro");

      g_assert_cmpuint (in_file_order->len, ==, sorted->len);
      g_assert_cmpuint (in_file_order->len, >, 200);
      g_assert_cmpstr (entry->names[0], ==, s == D360_ISO_COUNTRIES ? "Romania" : "Romanian");
      g_assert_cmpstr (entry->alpha_3, ==, s == D360_ISO_COUNTRIES ? "ROU" : "ron");
      g_assert_cmpstr (entry->bibliographic, ==, s == D360_ISO_COUNTRIES ? NULL : "rum");
    }
}

/* A contact made from a card says who it is as one made by hand does: its
 * display name and initials, worked out once at the end of the reading
 * (d360_contact_begin_building()), from its names, else its organisation,
 * else its first email. */
static void
test_display_names (void)
{
  static const char vcf[] =
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Mureșan;Ștefan;;Dr.;\r\nFN:Dr. Ștefan Mureșan\r\n"
    "ORG:Primăria Iași\r\nEMAIL:stefan@example.ro\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:\r\nORG:Camera de Comerț Timiș\r\n"
    "EMAIL:office@cciat.example.ro\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:;;;;\r\nFN:\r\nEMAIL:anonim@example.org\r\n"
    "EMAIL:al.doilea@example.org\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Țepeș;;;;\r\nFN:Țepeș\r\nEND:VCARD\r\n";
  static const struct { const char *display; const char *initials; } expected[] = {
    { "Dr. Ștefan Mureșan", "ȘM" },
    { "Camera de Comerț Timiș", NULL },
    { "anonim@example.org", NULL },
    { "Țepeș", NULL },
  };
  g_autoptr(GBytes) data = g_bytes_new_static (vcf, sizeof vcf - 1);
  g_autoptr(GError) error = NULL;
  D360ContactFile *file = d360_contact_file_parse (data, D360_CONTACT_FORMAT_VCARD, "c.vcf",
                                                   &error);

  g_assert_no_error (error);
  g_assert_cmpuint (file->contacts->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      D360Contact *contact = g_ptr_array_index (file->contacts, i);
      g_autoptr(D360Contact) by_hand = d360_contact_copy (contact);

      g_autofree char *initials = d360_contact_dup_initials (contact);
      g_autofree char *initials_by_hand = NULL;

      g_assert_cmpstr (d360_contact_get_display_name (contact), ==, expected[i].display);
      if (expected[i].initials != NULL)
        g_assert_cmpstr (initials, ==, expected[i].initials);
      /* The same as the setters give, one by one, outside the reading. */
      d360_contact_set_given_name (by_hand, NULL);
      d360_contact_set_given_name (by_hand, d360_contact_get_given_name (contact));
      initials_by_hand = d360_contact_dup_initials (by_hand);
      g_assert_cmpstr (d360_contact_get_display_name (by_hand), ==, expected[i].display);
      g_assert_cmpstr (initials_by_hand, ==, initials);
    }
  d360_contact_file_free (file);
}

static void
test_vcard_round_trip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = write_temp (fixture, "contacte.vcf", vcard_text, -1);
  g_autoptr(D360ContactFile) file = read_ok (path);
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GError) error = NULL;
  D360ImportCounts counts;
  D360Contact *stefania, *ion;
  const char *const versions[] = { "4.0", "3.0" };

  g_assert_cmpint (file->format, ==, D360_CONTACT_FORMAT_VCARD);
  g_assert_cmpuint (file->contacts->len, ==, 2);
  g_assert_cmpuint (file->n_rejected, ==, 0);
  g_assert_cmpuint (file->problems->len, ==, 0);

  counts = import_ok (fixture->store, file->contacts, FALSE);
  g_assert_cmpuint (counts.n_new, ==, 2);
  g_assert_cmpuint (counts.n_duplicates, ==, 0);
  g_assert_cmpint (count_all (fixture->store), ==, 2);

  /* What the store holds */
  stored = read_all (fixture->store);
  stefania = find_by_family_name (stored, "Țepeș-Mureșan");
  g_assert_cmpstr (d360_contact_get_uid (stefania), ==,
                   "urn:uuid:4fbe8971-0bc3-424c-9c26-36c3e1eff6b1");
  g_assert_cmpstr (d360_contact_get_honorific (stefania), ==, "E.S.");
  g_assert_cmpstr (d360_contact_get_given_name (stefania), ==, "Ștefania");
  g_assert_cmpstr (d360_contact_get_organization_name (stefania), ==,
                   "Ambasada României la Chișinău");
  g_assert_cmpstr (d360_contact_get_job_title (stefania), ==, "Consilier economic");
  g_assert_cmpint (d360_contact_get_category (stefania), ==, D360_CATEGORY_DIPLOMAT);
  g_assert_cmpuint (d360_contact_get_emails (stefania)->len, ==, 2);
  {
    const D360Channel *work = g_ptr_array_index (d360_contact_get_emails (stefania), 0);
    const D360Channel *home = g_ptr_array_index (d360_contact_get_emails (stefania), 1);

    g_assert_cmpstr (work->value, ==, "stefania.tepes@mae.example.ro");
    g_assert_cmpuint (work->types, ==, D360_CHANNEL_WORK | D360_CHANNEL_PREF);
    g_assert_cmpstr (home->value, ==, "stefania@example.md");
    g_assert_cmpuint (home->types, ==, D360_CHANNEL_HOME);
    g_assert_cmpstr (home->label, ==, "Asistentă");
  }
  {
    const D360Channel *fax = g_ptr_array_index (d360_contact_get_phones (stefania), 1);

    g_assert_cmpstr (fax->value, ==, "+373 22 234 567");
    g_assert_cmpuint (fax->types, ==, D360_CHANNEL_WORK | D360_CHANNEL_FAX);
  }
  g_assert_cmpstr (d360_contact_get_street (stefania), ==, "Strada Ștefan cel Mare 1");
  g_assert_cmpstr (d360_contact_get_locality (stefania), ==, "Chișinău");
  g_assert_cmpstr (d360_contact_get_postal_code (stefania), ==, "MD-2001");
  g_assert_cmpstr (d360_contact_get_address_country (stefania), ==, "MD");
  g_assert_cmpstr (d360_contact_get_country (stefania), ==, "MD");
  {
    g_autofree char *languages = join_strv (d360_contact_get_languages (stefania));
    g_autofree char *tags = join_strv (d360_contact_get_tags (stefania));

    g_assert_cmpstr (languages, ==, "ro|en|fr");
    g_assert_cmpstr (tags, ==, "Înfrățire|Parteneri");   /* the store sorts them */
  }
  g_assert_cmpstr (d360_contact_get_notes (stefania), ==, NOTE_TEXT);
  g_assert_cmpstr (d360_contact_get_birthday (stefania), ==, "1975-03-14");
  g_assert_cmpstr (d360_contact_get_website (stefania), ==, "https://mae.example.ro/chisinau");

  ion = find_by_family_name (stored, "Bălan");
  g_assert_cmpstr (d360_contact_get_locality (ion), ==, "Timişoara");   /* cedilla kept */
  g_assert_cmpstr (d360_contact_get_region (ion), ==, "Timiş");
  g_assert_cmpstr (d360_contact_get_address_country (ion), ==, "RO");
  g_assert_cmpstr (d360_contact_get_birthday (ion), ==, "--11-30");
  g_assert_cmpint (d360_contact_get_category (ion), ==, D360_CATEGORY_OTHER);
  g_assert_cmpstr (d360_contact_get_languages (ion)[0], ==, "ro");

  /* Out to vCard 4.0 and 3.0, back into a fresh store: the same contacts */
  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      g_autofree char *name = g_strdup_printf ("export-%s.vcf", versions[v]);
      g_autofree char *out = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *db = g_strdup_printf ("copy-%s.db", versions[v]);
      g_autofree char *contents = NULL;
      g_autofree char *version_line = g_strdup_printf ("VERSION:%s\r\n", versions[v]);
      g_autoptr(D360Store) copy = open_store (fixture, db);
      g_autoptr(D360ContactFile) again = NULL;
      g_autoptr(GPtrArray) copied = NULL;
      guint n_written = 0;

      g_assert_true (d360_contact_io_export_to_file (fixture->store, NULL, out,
                                                     D360_CONTACT_FORMAT_VCARD,
                                                     v == 0 ? D360_VCARD_VERSION_4_0
                                                            : D360_VCARD_VERSION_3_0,
                                                     0, &n_written, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (n_written, ==, 2);
      g_file_get_contents (out, &contents, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (contents, version_line));
      g_assert_nonnull (strstr (contents, "Țepeș-Mureșan"));
      g_assert_nonnull (strstr (contents, "Timişoara"));

      again = read_ok (out);
      g_assert_cmpuint (again->contacts->len, ==, 2);
      g_assert_cmpuint (again->problems->len, ==, 0);
      counts = import_ok (copy, again->contacts, FALSE);
      g_assert_cmpuint (counts.n_new, ==, 2);
      copied = read_all (copy);
      assert_same_contact (stefania, find_by_family_name (copied, "Țepeș-Mureșan"), TRUE);
      assert_same_contact (ion, find_by_family_name (copied, "Bălan"), TRUE);

      /* Re-importing the export into the first store adds nothing */
      counts = import_ok (fixture->store, again->contacts, FALSE);
      g_assert_cmpuint (counts.n_new, ==, 0);
      g_assert_cmpuint (counts.n_unchanged, ==, 2);
      g_assert_cmpint (count_all (fixture->store), ==, 2);
    }

  /* And the original file again, as a dry run and for real: nothing new */
  counts = import_ok (fixture->store, file->contacts, TRUE);
  g_assert_cmpuint (counts.n_new, ==, 0);
  counts = import_ok (fixture->store, file->contacts, FALSE);
  g_assert_cmpuint (counts.n_new, ==, 0);
  g_assert_cmpuint (counts.n_unchanged, ==, 2);
  g_assert_cmpint (count_all (fixture->store), ==, 2);
}

static D360Contact *
make_full_contact (D360Store *store)
{
  g_autoptr(D360Organization) organization = d360_organization_new ("Institutul Cultural Român");
  g_autoptr(D360Contact) contact = d360_contact_new ();
  g_autoptr(GError) error = NULL;
  const char *languages[] = { "ro", "fr", "hu", NULL };
  const char *tags[] = { "Înfrățire", "Festival; ediția a 3-a", NULL };

  g_assert_true (d360_store_save_organization (store, organization, &error));
  g_assert_no_error (error);

  d360_contact_set_honorific (contact, "Dr.");
  d360_contact_set_given_name (contact, "Ioana-Țuțu");
  d360_contact_set_family_name (contact, "Şerbănescu");
  d360_contact_set_organization_id (contact, d360_organization_get_id (organization));
  d360_contact_set_job_title (contact, "Director, programe culturale");
  d360_contact_set_category (contact, D360_CATEGORY_CULTURAL);
  d360_contact_add_email (contact, "ioana@icr.example.ro", D360_CHANNEL_WORK | D360_CHANNEL_PREF,
                          NULL);
  d360_contact_add_email (contact, "ioana.serbanescu@example.fr", D360_CHANNEL_HOME, NULL);
  d360_contact_add_phone (contact, "+33 1 23 45 67 89", D360_CHANNEL_WORK, NULL);
  d360_contact_add_phone (contact, "+40 744 000 111", D360_CHANNEL_CELL, NULL);
  d360_contact_set_street (contact, "1, rue de l’Exposition");
  d360_contact_set_locality (contact, "Paris");
  d360_contact_set_postal_code (contact, "75007");
  d360_contact_set_address_country (contact, "FR");
  d360_contact_set_country (contact, "FR");
  d360_contact_set_languages (contact, languages);
  d360_contact_set_tags (contact, tags);
  /* A formula: spreadsheets must not run it; it must come back as typed */
  d360_contact_set_notes (contact, "=HYPERLINK(\"http://evil.example\";\"x\")\n" NOTE_TEXT);
  d360_contact_set_birthday (contact, "--07-09");
  d360_contact_set_website (contact, "https://www.icr.example.ro/paris");

  g_assert_true (d360_store_save_contact (store, contact, &error));
  g_assert_no_error (error);
  return d360_store_get_contact (store, d360_contact_get_id (contact), &error);
}

static void
test_csv_round_trip (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(D360Contact) original = make_full_contact (fixture->store);
  g_autoptr(D360Contact) minimal = d360_contact_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(D360Store) copy = open_store (fixture, "copy.db");
  g_autofree char *out = g_build_filename (fixture->dir, "export.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(D360ContactFile) file = NULL;
  g_autoptr(GPtrArray) copied = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  D360ImportCounts counts;
  gsize len;

  d360_contact_set_family_name (minimal, "Ţiriac");
  d360_contact_set_category (minimal, D360_CATEGORY_INVESTOR);
  d360_contact_add_phone (minimal, "+40 21 000 0000", D360_CHANNEL_WORK, NULL);
  g_assert_true (d360_store_save_contact (fixture->store, minimal, &error));
  g_assert_no_error (error);

  g_assert_true (d360_contact_io_export_to_file (fixture->store, NULL, out,
                                                 D360_CONTACT_FORMAT_CSV, 0, ';', NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (out, &contents, &len, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "Name;"));   /* BOM, separator */
  g_assert_nonnull (strstr (contents, "Şerbănescu"));
  g_assert_nonnull (strstr (contents, "\"'=HYPERLINK("));   /* neutralised */
  g_assert_null (strstr (contents, ";=HYPERLINK"));
  g_assert_null (strstr (contents, "\"=HYPERLINK"));

  file = read_ok (out);
  g_assert_cmpint (file->format, ==, D360_CONTACT_FORMAT_CSV);
  g_assert_cmpuint (file->contacts->len, ==, 2);
  g_assert_cmpuint (file->n_rejected, ==, 0);

  counts = import_ok (copy, file->contacts, FALSE);
  g_assert_cmpuint (counts.n_new, ==, 2);
  copied = read_all (copy);
  stored = read_all (fixture->store);
  assert_same_contact (original, find_by_family_name (copied, "Şerbănescu"), FALSE);
  assert_same_contact (find_by_family_name (stored, "Ţiriac"),
                       find_by_family_name (copied, "Ţiriac"), FALSE);

  /* Re-importing the export where it came from adds nothing */
  counts = import_ok (fixture->store, file->contacts, FALSE);
  g_assert_cmpuint (counts.n_new, ==, 0);
  g_assert_cmpint (count_all (fixture->store), ==, 2);

  /* The locale's separator: ',' under C */
  {
    g_autoptr(GBytes) bytes = d360_contacts_write (stored, D360_CONTACT_FORMAT_CSV, 0, 0);

    g_assert_true (g_str_has_prefix (g_bytes_get_data (bytes, NULL), "\xEF\xBB\xBF" "Name,"));
  }
}

static void
test_export_query (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = write_temp (fixture, "contacte.vcf", vcard_text, -1);
  g_autoptr(D360ContactFile) file = read_ok (path);
  g_autofree char *out = g_build_filename (fixture->dir, "query.vcf", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no", "such", "x.vcf", NULL);
  g_autoptr(D360ContactFile) back = NULL;
  g_autoptr(GError) error = NULL;
  D360ContactQuery query;
  guint n_written = 0;

  import_ok (fixture->store, file->contacts, FALSE);

  /* "comert" finds "Comerț": case and diacritics do not matter */
  d360_contact_query_init (&query);
  query.search = "comert";
  g_assert_true (d360_contact_io_export_to_file (fixture->store, &query, out,
                                                 D360_CONTACT_FORMAT_VCARD,
                                                 D360_VCARD_VERSION_4_0, 0, &n_written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_written, ==, 1);
  back = read_ok (out);
  g_assert_cmpuint (back->contacts->len, ==, 1);
  g_assert_cmpstr (d360_contact_get_family_name (back->contacts->pdata[0]), ==, "Bălan");

  /* A folder that does not exist: an error, and no file */
  g_assert_false (d360_contact_io_export_to_file (fixture->store, NULL, missing,
                                                  D360_CONTACT_FORMAT_VCARD,
                                                  D360_VCARD_VERSION_4_0, 0, NULL, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* The file of d360_contact_io_export_to_file() for @query, or NULL. */
static GBytes *
export_bytes (Fixture                *fixture,
              const D360ContactQuery *query,
              D360ContactFormat       format,
              D360VCardVersion        version,
              guint                  *n_written)
{
  g_autofree char *out = g_build_filename (fixture->dir, "export.out", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (d360_contact_io_export_to_file (fixture->store, query, out, format, version,
                                                 ';', n_written, &error));
  g_assert_no_error (error);
  g_file_get_contents (out, &contents, &length, &error);
  g_assert_no_error (error);
  g_remove (out);
  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/* An export of thousands is read in batches while a second thread writes
 * the batches before: the file must be the one written from everyone read
 * at once (d360_contacts_write()), in the same order, for each format and
 * for a search; a cancelled export writes nothing. */
static void
test_export_many (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const given[] = { "Ștefan", "Ana", "Ioana", "Mihai", "Țicu", "Anca" };
  static const char * const family[] = { "Bălan", "Popescu", "Mureșan", "Țepeș", "Ionescu" };
  const guint n = 10007;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "cancelled.vcf", NULL);
  g_autoptr(D360ContactFile) file = NULL;
  g_autoptr(GPtrArray) everyone = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  D360ContactQuery query;
  D360ImportCounts counts;
  struct {
    D360ContactFormat format;
    D360VCardVersion  version;
  } formats[] = {
    { D360_CONTACT_FORMAT_VCARD, D360_VCARD_VERSION_4_0 },
    { D360_CONTACT_FORMAT_VCARD, D360_VCARD_VERSION_3_0 },
    { D360_CONTACT_FORMAT_CSV, 0 },
  };

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text,
                            "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:test-%u\r\n"
                            "N:%s %u;%s;;;\r\nFN:%s %s %u\r\n"
                            "ORG:Camera de Comerț %u\r\n"
                            "EMAIL;TYPE=work:p%u@example.ro\r\nEMAIL:p%u@example.md\r\n"
                            "TEL;TYPE=cell:+40 722 %06u\r\nCATEGORIES:Înfrățire,T%u\r\n"
                            "NOTE:Întâlnire %u\\; „acord”\r\nEND:VCARD\r\n",
                            i, family[i % G_N_ELEMENTS (family)], i, given[i % G_N_ELEMENTS (given)],
                            given[i % G_N_ELEMENTS (given)], family[i % G_N_ELEMENTS (family)], i,
                            i % 50, i, i, i, i % 7, i);
  path = write_temp (fixture, "many.vcf", text->str, (gssize) text->len);
  file = read_ok (path);
  g_assert_cmpuint (file->contacts->len, ==, n);
  counts = import_ok (fixture->store, file->contacts, FALSE);
  g_assert_cmpuint (counts.n_new, ==, n);

  everyone = read_all (fixture->store);
  g_assert_cmpuint (everyone->len, ==, n);

  /* "tepes": a fifth of them, over a batch still */
  d360_contact_query_init (&query);
  query.search = "tepes";
  ids = d360_store_list_contact_ids (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, (n + 1) / G_N_ELEMENTS (family));
  found = d360_store_read_contacts (fixture->store, ids, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GBytes) expected = d360_contacts_write (everyone, formats[i].format,
                                                        formats[i].version, ';');
      g_autoptr(GBytes) expected_found = d360_contacts_write (found, formats[i].format,
                                                              formats[i].version, ';');
      g_autoptr(GBytes) exported = NULL;
      g_autoptr(GBytes) exported_found = NULL;
      guint n_written = 0;

      exported = export_bytes (fixture, NULL, formats[i].format, formats[i].version, &n_written);
      g_assert_cmpuint (n_written, ==, n);
      g_assert_true (g_bytes_equal (exported, expected));

      exported_found = export_bytes (fixture, &query, formats[i].format, formats[i].version,
                                     &n_written);
      g_assert_cmpuint (n_written, ==, ids->len);
      g_assert_true (g_bytes_equal (exported_found, expected_found));
      g_assert_false (g_bytes_equal (exported_found, exported));
    }

  g_cancellable_cancel (cancellable);
  g_assert_false (d360_contact_io_export_ids_to_file (fixture->store, NULL, out,
                                                      D360_CONTACT_FORMAT_VCARD,
                                                      D360_VCARD_VERSION_4_0, 0, NULL,
                                                      cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

static const char malformed_text[] =
  "BEGIN:VCARD\r\n"                        /* 1 */
  "VERSION:3.0\r\n"
  "N:Popescu;Ana;;;\r\n"
  "FN:Ana Popescu\r\n"
  "EMAIL:ana@example.ro\r\n"
  "END:VCARD\r\n"                          /* 6 */
  "BEGIN:VCARD\r\n"                        /* 7: never ended */
  "VERSION:3.0\r\n"
  "FN:Fără Sfârșit\r\n"
  "BEGIN:VCARD\r\n"                        /* 10: nothing to know the person by */
  "VERSION:3.0\r\n"
  "NOTE:doar o notă\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"                        /* 14 */
  "VERSION:4.0\r\n"
  "FN:Ștefan Țurcanu\r\n"
  "N:Țurcanu;Ștefan;;;\r\n"
  "EMAIL:not-an-email\r\n"
  "EMAIL:stefan@example.md\r\n"
  "LANG:Klingonish\r\n"
  "END:VCARD\r\n";

static gboolean
has_problem (GPtrArray *problems,
             guint      line,
             gboolean   rejected)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const D360ParseProblem *problem = g_ptr_array_index (problems, i);

      if (problem->line == line && problem->rejected == rejected)
        {
          g_assert_true (problem->reason != NULL && *problem->reason != '\0');
          return TRUE;
        }
    }
  return FALSE;
}

static void
test_malformed (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = write_temp (fixture, "stricat.vcf", malformed_text, -1);
  g_autoptr(D360ContactFile) file = read_ok (path);
  g_autoptr(GPtrArray) stored = NULL;
  D360ImportCounts counts;
  D360Contact *stefan;

  g_assert_cmpuint (file->contacts->len, ==, 2);
  g_assert_cmpuint (file->n_rejected, ==, 2);
  g_assert_true (has_problem (file->problems, 7, TRUE));
  g_assert_true (has_problem (file->problems, 10, TRUE));
  g_assert_true (has_problem (file->problems, 14, FALSE));   /* the email, the language */
  for (guint i = 1; i < file->problems->len; i++)
    g_assert_cmpuint (((D360ParseProblem *) file->problems->pdata[i - 1])->line, <=,
                      ((D360ParseProblem *) file->problems->pdata[i])->line);

  counts = import_ok (fixture->store, file->contacts, FALSE);
  g_assert_cmpuint (counts.n_new, ==, 2);
  stored = read_all (fixture->store);
  stefan = find_by_family_name (stored, "Țurcanu");
  g_assert_cmpuint (d360_contact_get_emails (stefan)->len, ==, 1);
  g_assert_cmpstr (((D360Channel *) d360_contact_get_emails (stefan)->pdata[0])->value, ==,
                   "stefan@example.md");
  g_assert_null (d360_contact_get_languages (stefan)[0]);
}

/* A large file is read and converted in two threads: the contacts keep the
 * file's order, and every problem its line, as when the cards come one by
 * one. 14 000 copies of the malformed file make 4.6 MB: over the size from
 * which d360_vcard_parse() reads it in two halves. */
static void
test_large_file (Fixture       *fixture,
                 gconstpointer  data)
{
  const guint copies = 14000, lines_per_copy = 21;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *small_path = write_temp (fixture, "small.vcf", malformed_text, -1);
  g_autofree char *large_path = NULL;
  g_autoptr(D360ContactFile) small = read_ok (small_path);
  g_autoptr(D360ContactFile) large = NULL;

  for (guint i = 0; i < copies; i++)
    g_string_append (text, malformed_text);
  g_assert_cmpuint (text->len, >, 4 * 1024 * 1024);
  large_path = write_temp (fixture, "large.vcf", text->str, (gssize) text->len);
  large = read_ok (large_path);

  g_assert_cmpuint (large->contacts->len, ==, copies * small->contacts->len);
  g_assert_cmpuint (large->n_rejected, ==, copies * small->n_rejected);
  g_assert_cmpuint (large->problems->len, ==, copies * small->problems->len);
  for (guint i = 0; i < large->contacts->len; i++)
    {
      D360Contact *expected = g_ptr_array_index (small->contacts, i % small->contacts->len);
      D360Contact *contact = g_ptr_array_index (large->contacts, i);

      g_assert_cmpstr (d360_contact_get_family_name (contact), ==,
                       d360_contact_get_family_name (expected));
      g_assert_cmpuint (d360_contact_get_emails (contact)->len, ==,
                        d360_contact_get_emails (expected)->len);
    }
  for (guint i = 0; i < large->problems->len; i++)
    {
      const D360ParseProblem *problem = g_ptr_array_index (large->problems, i);
      const D360ParseProblem *expected = g_ptr_array_index (small->problems,
                                                            i % small->problems->len);

      g_assert_cmpuint (problem->line, ==,
                        expected->line + (i / small->problems->len) * lines_per_copy);
      g_assert_cmpint (problem->rejected, ==, expected->rejected);
      g_assert_cmpstr (problem->reason, ==, expected->reason);
    }
}

static void
test_bad_files (Fixture       *fixture,
                gconstpointer  data)
{
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01";
  g_autofree char *empty = write_temp (fixture, "empty.vcf", "", 0);
  g_autofree char *blank = write_temp (fixture, "blank.csv", " \r\n\t\n", -1);
  g_autofree char *binary = write_temp (fixture, "photo.vcf", png, sizeof png);
  g_autofree char *prose = write_temp (fixture, "notes.vcf", "Dear Ana,\nsee you.\n", -1);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.vcf", NULL);
  g_autofree char *vcard_as_csv = write_temp (fixture, "contacts.csv", vcard_text, -1);
  g_autoptr(D360ContactFile) file = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (d360_contact_file_read (empty, NULL, &error));
  g_assert_error (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_null (d360_contact_file_read (blank, NULL, &error));
  g_assert_error (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_null (d360_contact_file_read (binary, NULL, &error));
  g_assert_error (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_NOT_VCARD);
  g_assert_nonnull (strstr (error->message, "vCard"));
  g_clear_error (&error);

  g_assert_null (d360_contact_file_read (prose, NULL, &error));
  g_assert_error (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_NOT_VCARD);
  g_clear_error (&error);

  g_assert_null (d360_contact_file_read (missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The contents decide over the name */
  file = d360_contact_file_read (vcard_as_csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (file->format, ==, D360_CONTACT_FORMAT_VCARD);
  g_assert_cmpuint (file->contacts->len, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "en", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/contact-io/codes", test_codes);
  g_test_add_func ("/contact-io/display-names", test_display_names);
  ADD ("/contact-io/vcard-round-trip", test_vcard_round_trip);
  ADD ("/contact-io/csv-round-trip", test_csv_round_trip);
  ADD ("/contact-io/export-query", test_export_query);
  ADD ("/contact-io/export-many", test_export_many);
  ADD ("/contact-io/malformed", test_malformed);
  ADD ("/contact-io/large-file", test_large_file);
  ADD ("/contact-io/bad-files", test_bad_files);

  return g_test_run ();
}

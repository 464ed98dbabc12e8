/* d360-csv.c — reading and writing contacts as CSV (RFC 4180)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading is in two steps, so that a dialog can sit between them: the file
 * becomes a table of text cells (d360_csv_table_read), then the cells become
 * contacts by a column-to-field mapping, guessed from the header
 * (d360_csv_table_guess_mapping) or chosen by the user.
 *
 * Writing uses the column names of Google Contacts' export ("E-mail 1 -
 * Type", "E-mail 1 - Value", …), so that Google and this reader both take the
 * file back without a mapping dialog.
 */

#define G_LOG_DOMAIN "d360-interop"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "d360-csv.h"
#include "d360-interop-private.h"

/* Header names: lower case, each number written as '#'. */
enum
{
  NAME_FIRST_ONLY = 1 << 0,        /* "Organization 1 - Name" only, not 2, 3… */
  NAME_SECOND_IS_OTHER = 1 << 1,   /* "Address 2 - …" is the second address */
};

typedef struct
{
  const char   *key;
  D360CsvField  field;
  guint         flags;
} HeaderName;

static const HeaderName google_names[] = {
  { "name", D360_CSV_FIELD_FULL_NAME, 0 },
  { "name prefix", D360_CSV_FIELD_HONORIFIC, 0 },
  { "given name", D360_CSV_FIELD_GIVEN_NAME, 0 },
  { "first name", D360_CSV_FIELD_GIVEN_NAME, 0 },
  { "additional name", D360_CSV_FIELD_MIDDLE_NAME, 0 },
  { "middle name", D360_CSV_FIELD_MIDDLE_NAME, 0 },
  { "family name", D360_CSV_FIELD_FAMILY_NAME, 0 },
  { "last name", D360_CSV_FIELD_FAMILY_NAME, 0 },
  { "birthday", D360_CSV_FIELD_BIRTHDAY, 0 },
  { "notes", D360_CSV_FIELD_NOTE, 0 },
  { "language", D360_CSV_FIELD_LANGUAGES, 0 },
  { "group membership", D360_CSV_FIELD_CATEGORIES, 0 },
  { "labels", D360_CSV_FIELD_CATEGORIES, 0 },
  { "e-mail # - type", D360_CSV_FIELD_EMAIL_LABEL, 0 },
  { "e-mail # - label", D360_CSV_FIELD_EMAIL_LABEL, 0 },
  { "e-mail # - value", D360_CSV_FIELD_EMAIL, 0 },
  { "phone # - type", D360_CSV_FIELD_PHONE_LABEL, 0 },
  { "phone # - label", D360_CSV_FIELD_PHONE_LABEL, 0 },
  { "phone # - value", D360_CSV_FIELD_PHONE, 0 },
  { "address # - street", D360_CSV_FIELD_STREET, NAME_SECOND_IS_OTHER },
  { "address # - city", D360_CSV_FIELD_LOCALITY, NAME_SECOND_IS_OTHER },
  { "address # - region", D360_CSV_FIELD_REGION, NAME_SECOND_IS_OTHER },
  { "address # - postal code", D360_CSV_FIELD_POSTAL_CODE, NAME_SECOND_IS_OTHER },
  { "address # - country", D360_CSV_FIELD_COUNTRY, NAME_SECOND_IS_OTHER },
  { "organization # - name", D360_CSV_FIELD_ORGANIZATION, NAME_FIRST_ONLY },
  { "organization # - title", D360_CSV_FIELD_JOB_TITLE, NAME_FIRST_ONLY },
  { "organization # - job description", D360_CSV_FIELD_ROLE, NAME_FIRST_ONLY },
  { "organization name", D360_CSV_FIELD_ORGANIZATION, 0 },
  { "organization title", D360_CSV_FIELD_JOB_TITLE, 0 },
  { "website # - value", D360_CSV_FIELD_WEBSITE, NAME_FIRST_ONLY },
};

static const HeaderName outlook_names[] = {
  { "title", D360_CSV_FIELD_HONORIFIC, 0 },   /* "Mr.", "Dr.": the job is "Job Title" */
  { "first name", D360_CSV_FIELD_GIVEN_NAME, 0 },
  { "middle name", D360_CSV_FIELD_MIDDLE_NAME, 0 },
  { "last name", D360_CSV_FIELD_FAMILY_NAME, 0 },
  { "company", D360_CSV_FIELD_ORGANIZATION, 0 },
  { "job title", D360_CSV_FIELD_JOB_TITLE, 0 },
  { "business street", D360_CSV_FIELD_STREET, 0 },
  { "business street #", D360_CSV_FIELD_STREET, 0 },
  { "business city", D360_CSV_FIELD_LOCALITY, 0 },
  { "business state", D360_CSV_FIELD_REGION, 0 },
  { "business postal code", D360_CSV_FIELD_POSTAL_CODE, 0 },
  { "business country/region", D360_CSV_FIELD_COUNTRY, 0 },
  { "business country", D360_CSV_FIELD_COUNTRY, 0 },
  { "home street", D360_CSV_FIELD_OTHER_STREET, 0 },
  { "home street #", D360_CSV_FIELD_OTHER_STREET, 0 },
  { "home city", D360_CSV_FIELD_OTHER_LOCALITY, 0 },
  { "home state", D360_CSV_FIELD_OTHER_REGION, 0 },
  { "home postal code", D360_CSV_FIELD_OTHER_POSTAL_CODE, 0 },
  { "home country/region", D360_CSV_FIELD_OTHER_COUNTRY, 0 },
  { "home country", D360_CSV_FIELD_OTHER_COUNTRY, 0 },
  { "business fax", D360_CSV_FIELD_PHONE_WORK_FAX, 0 },
  { "business phone", D360_CSV_FIELD_PHONE_WORK, 0 },
  { "business phone #", D360_CSV_FIELD_PHONE_WORK, 0 },
  { "company main phone", D360_CSV_FIELD_PHONE_WORK, 0 },
  { "home fax", D360_CSV_FIELD_PHONE_HOME_FAX, 0 },
  { "home phone", D360_CSV_FIELD_PHONE_HOME, 0 },
  { "home phone #", D360_CSV_FIELD_PHONE_HOME, 0 },
  { "mobile phone", D360_CSV_FIELD_PHONE_CELL, 0 },
  { "primary phone", D360_CSV_FIELD_PHONE, 0 },
  { "other phone", D360_CSV_FIELD_PHONE_OTHER, 0 },
  { "other fax", D360_CSV_FIELD_PHONE_FAX, 0 },
  { "e-mail address", D360_CSV_FIELD_EMAIL, 0 },
  { "e-mail # address", D360_CSV_FIELD_EMAIL, 0 },
  { "notes", D360_CSV_FIELD_NOTE, 0 },
  { "categories", D360_CSV_FIELD_CATEGORIES, 0 },
  { "birthday", D360_CSV_FIELD_BIRTHDAY, 0 },
  { "web page", D360_CSV_FIELD_WEBSITE, 0 },
  { "language", D360_CSV_FIELD_LANGUAGES, 0 },
};

/* For any other file: common English and Romanian column names. */
static const HeaderName generic_names[] = {
  { "name", D360_CSV_FIELD_FULL_NAME, 0 },
  { "full name", D360_CSV_FIELD_FULL_NAME, 0 },
  { "display name", D360_CSV_FIELD_FULL_NAME, 0 },
  { "nume complet", D360_CSV_FIELD_FULL_NAME, 0 },
  { "nume și prenume", D360_CSV_FIELD_FULL_NAME, 0 },
  { "nume şi prenume", D360_CSV_FIELD_FULL_NAME, 0 },
  { "nume si prenume", D360_CSV_FIELD_FULL_NAME, 0 },
  { "prefix", D360_CSV_FIELD_HONORIFIC, 0 },
  { "honorific", D360_CSV_FIELD_HONORIFIC, 0 },
  { "salutation", D360_CSV_FIELD_HONORIFIC, 0 },
  { "first name", D360_CSV_FIELD_GIVEN_NAME, 0 },
  { "firstname", D360_CSV_FIELD_GIVEN_NAME, 0 },
  { "given name", D360_CSV_FIELD_GIVEN_NAME, 0 },
  { "prenume", D360_CSV_FIELD_GIVEN_NAME, 0 },
  { "middle name", D360_CSV_FIELD_MIDDLE_NAME, 0 },
  { "last name", D360_CSV_FIELD_FAMILY_NAME, 0 },
  { "lastname", D360_CSV_FIELD_FAMILY_NAME, 0 },
  { "surname", D360_CSV_FIELD_FAMILY_NAME, 0 },
  { "family name", D360_CSV_FIELD_FAMILY_NAME, 0 },
  { "nume", D360_CSV_FIELD_FAMILY_NAME, 0 },
  { "nume de familie", D360_CSV_FIELD_FAMILY_NAME, 0 },
  { "company", D360_CSV_FIELD_ORGANIZATION, 0 },
  { "organization", D360_CSV_FIELD_ORGANIZATION, 0 },
  { "organisation", D360_CSV_FIELD_ORGANIZATION, 0 },
  { "organizație", D360_CSV_FIELD_ORGANIZATION, 0 },
  { "organizaţie", D360_CSV_FIELD_ORGANIZATION, 0 },
  { "organizatie", D360_CSV_FIELD_ORGANIZATION, 0 },
  { "instituție", D360_CSV_FIELD_ORGANIZATION, 0 },
  { "instituţie", D360_CSV_FIELD_ORGANIZATION, 0 },
  { "institutie", D360_CSV_FIELD_ORGANIZATION, 0 },
  { "title", D360_CSV_FIELD_JOB_TITLE, 0 },
  { "job title", D360_CSV_FIELD_JOB_TITLE, 0 },
  { "position", D360_CSV_FIELD_JOB_TITLE, 0 },
  { "funcție", D360_CSV_FIELD_JOB_TITLE, 0 },
  { "funcţie", D360_CSV_FIELD_JOB_TITLE, 0 },
  { "functie", D360_CSV_FIELD_JOB_TITLE, 0 },
  { "role", D360_CSV_FIELD_ROLE, 0 },
  { "rol", D360_CSV_FIELD_ROLE, 0 },
  { "email", D360_CSV_FIELD_EMAIL, 0 },
  { "e-mail", D360_CSV_FIELD_EMAIL, 0 },
  { "mail", D360_CSV_FIELD_EMAIL, 0 },
  { "email address", D360_CSV_FIELD_EMAIL, 0 },
  { "e-mail address", D360_CSV_FIELD_EMAIL, 0 },
  { "email #", D360_CSV_FIELD_EMAIL, 0 },
  { "e-mail #", D360_CSV_FIELD_EMAIL, 0 },
  { "phone", D360_CSV_FIELD_PHONE, 0 },
  { "phone #", D360_CSV_FIELD_PHONE, 0 },
  { "phone number", D360_CSV_FIELD_PHONE, 0 },
  { "telephone", D360_CSV_FIELD_PHONE, 0 },
  { "tel", D360_CSV_FIELD_PHONE, 0 },
  { "tel.", D360_CSV_FIELD_PHONE, 0 },
  { "telefon", D360_CSV_FIELD_PHONE, 0 },
  { "mobile", D360_CSV_FIELD_PHONE_CELL, 0 },
  { "mobile phone", D360_CSV_FIELD_PHONE_CELL, 0 },
  { "cell", D360_CSV_FIELD_PHONE_CELL, 0 },
  { "mobil", D360_CSV_FIELD_PHONE_CELL, 0 },
  { "telefon mobil", D360_CSV_FIELD_PHONE_CELL, 0 },
  { "fax", D360_CSV_FIELD_PHONE_FAX, 0 },
  { "address", D360_CSV_FIELD_STREET, 0 },
  { "street", D360_CSV_FIELD_STREET, 0 },
  { "adresă", D360_CSV_FIELD_STREET, 0 },
  { "adresa", D360_CSV_FIELD_STREET, 0 },
  { "stradă", D360_CSV_FIELD_STREET, 0 },
  { "strada", D360_CSV_FIELD_STREET, 0 },
  { "city", D360_CSV_FIELD_LOCALITY, 0 },
  { "town", D360_CSV_FIELD_LOCALITY, 0 },
  { "oraș", D360_CSV_FIELD_LOCALITY, 0 },
  { "oraş", D360_CSV_FIELD_LOCALITY, 0 },
  { "oras", D360_CSV_FIELD_LOCALITY, 0 },
  { "localitate", D360_CSV_FIELD_LOCALITY, 0 },
  { "region", D360_CSV_FIELD_REGION, 0 },
  { "state", D360_CSV_FIELD_REGION, 0 },
  { "county", D360_CSV_FIELD_REGION, 0 },
  { "județ", D360_CSV_FIELD_REGION, 0 },
  { "judeţ", D360_CSV_FIELD_REGION, 0 },
  { "judet", D360_CSV_FIELD_REGION, 0 },
  { "postal code", D360_CSV_FIELD_POSTAL_CODE, 0 },
  { "postcode", D360_CSV_FIELD_POSTAL_CODE, 0 },
  { "zip", D360_CSV_FIELD_POSTAL_CODE, 0 },
  { "zip code", D360_CSV_FIELD_POSTAL_CODE, 0 },
  { "cod poștal", D360_CSV_FIELD_POSTAL_CODE, 0 },
  { "cod poştal", D360_CSV_FIELD_POSTAL_CODE, 0 },
  { "cod postal", D360_CSV_FIELD_POSTAL_CODE, 0 },
  { "country", D360_CSV_FIELD_COUNTRY, 0 },
  { "țară", D360_CSV_FIELD_COUNTRY, 0 },
  { "ţară", D360_CSV_FIELD_COUNTRY, 0 },
  { "tara", D360_CSV_FIELD_COUNTRY, 0 },
  { "note", D360_CSV_FIELD_NOTE, 0 },
  { "notes", D360_CSV_FIELD_NOTE, 0 },
  { "comments", D360_CSV_FIELD_NOTE, 0 },
  { "observații", D360_CSV_FIELD_NOTE, 0 },
  { "observaţii", D360_CSV_FIELD_NOTE, 0 },
  { "observatii", D360_CSV_FIELD_NOTE, 0 },
  { "categories", D360_CSV_FIELD_CATEGORIES, 0 },
  { "tags", D360_CSV_FIELD_CATEGORIES, 0 },
  { "groups", D360_CSV_FIELD_CATEGORIES, 0 },
  { "labels", D360_CSV_FIELD_CATEGORIES, 0 },
  { "categorii", D360_CSV_FIELD_CATEGORIES, 0 },
  { "etichete", D360_CSV_FIELD_CATEGORIES, 0 },
  { "language", D360_CSV_FIELD_LANGUAGES, 0 },
  { "languages", D360_CSV_FIELD_LANGUAGES, 0 },
  { "limba", D360_CSV_FIELD_LANGUAGES, 0 },
  { "limbă", D360_CSV_FIELD_LANGUAGES, 0 },
  { "limbi", D360_CSV_FIELD_LANGUAGES, 0 },
  { "birthday", D360_CSV_FIELD_BIRTHDAY, 0 },
  { "date of birth", D360_CSV_FIELD_BIRTHDAY, 0 },
  { "data nașterii", D360_CSV_FIELD_BIRTHDAY, 0 },
  { "data naşterii", D360_CSV_FIELD_BIRTHDAY, 0 },
  { "data nasterii", D360_CSV_FIELD_BIRTHDAY, 0 },
  { "website", D360_CSV_FIELD_WEBSITE, 0 },
  { "web site", D360_CSV_FIELD_WEBSITE, 0 },
  { "web page", D360_CSV_FIELD_WEBSITE, 0 },
  { "url", D360_CSV_FIELD_WEBSITE, 0 },
  { "site", D360_CSV_FIELD_WEBSITE, 0 },
  { "site web", D360_CSV_FIELD_WEBSITE, 0 },
  { "uid", D360_CSV_FIELD_UID, 0 },
};

/* Titles for a column-mapping dialog, in D360CsvField order. */
static const char *const field_titles[] = {
  N_("Do not import"),
  N_("Full name"),
  N_("Honorific"),
  N_("Given name"),
  N_("Middle name"),
  N_("Family name"),
  N_("Organization"),
  N_("Job title"),
  N_("Role"),
  N_("Email"),
  N_("Email (home)"),
  N_("Email (work)"),
  N_("Email (other)"),
  N_("Email type or label"),
  N_("Phone"),
  N_("Phone (home)"),
  N_("Phone (work)"),
  N_("Mobile phone"),
  N_("Fax"),
  N_("Fax (work)"),
  N_("Fax (home)"),
  N_("Phone (other)"),
  N_("Phone type or label"),
  N_("Street"),
  N_("City"),
  N_("Region"),
  N_("Postal code"),
  N_("Country"),
  N_("Street (second address)"),
  N_("City (second address)"),
  N_("Region (second address)"),
  N_("Postal code (second address)"),
  N_("Country (second address)"),
  N_("Note"),
  N_("Categories"),
  N_("Languages"),
  N_("Birthday"),
  N_("Website"),
  N_("Unique identifier"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (field_titles) == D360_CSV_N_FIELDS);

/* The types that Google's "Type" cells and our writer name; anything else
 * in such a cell is a label of the file's own. */
static const struct
{
  const char *word;
  guint       types;
} type_words[] = {
  { "Work Fax", D360_CONTACT_FIELD_WORK | D360_CONTACT_FIELD_FAX },
  { "Home Fax", D360_CONTACT_FIELD_HOME | D360_CONTACT_FIELD_FAX },
  { "Fax", D360_CONTACT_FIELD_FAX },
  { "Mobile", D360_CONTACT_FIELD_CELL },
  { "Cell", D360_CONTACT_FIELD_CELL },
  { "Work", D360_CONTACT_FIELD_WORK },
  { "Home", D360_CONTACT_FIELD_HOME },
  { "Other", D360_CONTACT_FIELD_OTHER },
};

/* A cell that a spreadsheet would run as a formula (CSV injection) starts
 * with one of these; the writer puts a ' before it, the reader removes it.
 * So that a value of one's own such as "'=" survives, the writer also adds
 * one to any run of 's followed by these, and the reader removes one from
 * any such run. A quoted CR comes back as a line break, so after 's the
 * reader takes "\n" as neutralised too. */
static const char formula_starts[] = "=+-@\t\r";
static const char neutralized_starts[] = "=+-@\t\r\n";

static gboolean
follows_apostrophes (const char *text)
{
  while (*text == '\'')
    text++;
  return *text != '\0' && strchr (neutralized_starts, *text) != NULL;
}

/* ------------------------------------------------------------ reading */

typedef struct
{
  const char *data;
  gsize       len;
  gsize       pos;
  guint       line;        /* the line pos is on, from 1 */
  char        separator;
  GString    *cells;       /* the record's cells, each NUL-terminated */
  GArray     *offsets;     /* gsize: where each cell starts in cells */
} Reader;

static void
start_cell (Reader *r)
{
  gsize offset = r->cells->len;

  g_array_append_val (r->offsets, offset);
}

/* Copies the inside of a quoted cell: line breaks become "\n" and are counted. */
static void
append_quoted (Reader     *r,
               const char *text,
               gsize       len)
{
  gsize start = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\r')
        {
          g_string_append_len (r->cells, text + start, i - start);
          g_string_append_c (r->cells, '\n');
          if (i + 1 < len && text[i + 1] == '\n')
            i++;
          start = i + 1;
          r->line++;
        }
      else if (text[i] == '\n')
        r->line++;
    }
  g_string_append_len (r->cells, text + start, len - start);
}

/* Reads one record (RFC 4180 §2): cells between separators, quoted cells
 * with "" for a quotation mark and line breaks inside. Lenient where
 * writers are sloppy: spaces before an opening quote, text after a closing
 * one, a quote inside an unquoted cell. Returns FALSE at the end of the data;
 * sets @unclosed when a quoted cell runs to the end of the file. */
static gboolean
read_record (Reader   *r,
             guint    *line,
             gboolean *unclosed)
{
  const char *data = r->data;
  gsize len = r->len;
  gsize pos = r->pos;
  gboolean at_start = TRUE;

  if (pos >= len)
    return FALSE;

  *line = r->line;
  *unclosed = FALSE;
  g_string_truncate (r->cells, 0);
  g_array_set_size (r->offsets, 0);
  start_cell (r);

  while (pos < len)
    {
      char c = data[pos];

      if (at_start && c == ' ')
        {
          gsize next = pos;

          while (next < len && data[next] == ' ')
            next++;
          if (next < len && data[next] == '"')
            {
              pos = next;
              c = '"';
            }
        }

      if (at_start && c == '"')
        {
          pos++;
          for (;;)
            {
              const char *quote = memchr (data + pos, '"', len - pos);
              gsize end = quote != NULL ? (gsize) (quote - data) : len;

              append_quoted (r, data + pos, end - pos);
              if (quote == NULL)
                {
                  *unclosed = TRUE;
                  pos = len;
                  break;
                }
              pos = end + 1;
              if (pos < len && data[pos] == '"')
                {
                  g_string_append_c (r->cells, '"');
                  pos++;
                  continue;
                }
              break;
            }
          at_start = FALSE;
          continue;
        }

      at_start = FALSE;
      if (c == r->separator)
        {
          g_string_append_c (r->cells, '\0');
          start_cell (r);
          at_start = TRUE;
          pos++;
        }
      else if (c == '\n' || c == '\r')
        {
          pos++;
          if (c == '\r' && pos < len && data[pos] == '\n')
            pos++;
          r->line++;
          break;
        }
      else
        {
          gsize end = pos + 1;

          while (end < len && data[end] != r->separator && data[end] != '\n' && data[end] != '\r')
            end++;
          g_string_append_len (r->cells, data + pos, end - pos);
          pos = end;
        }
    }

  g_string_append_c (r->cells, '\0');
  r->pos = pos;
  return TRUE;
}

static gboolean
record_is_blank (Reader *r)
{
  return r->offsets->len == 1 && d360_text_is_blank (r->cells->str, r->cells->len - 1);
}

static gboolean
record_is_utf8 (Reader *r)
{
  const char *end = r->cells->str + r->cells->len;

  for (const char *p = r->cells->str; p < end; p += strlen (p) + 1)
    if (!g_utf8_validate (p, -1, NULL))
      return FALSE;
  return TRUE;
}

/* One block holds the row, its cell pointers and the cells' text. */
static D360CsvRow *
make_row (Reader *r,
          guint   line,
          guint   n_cells)
{
  gsize head = sizeof (D360CsvRow) + r->offsets->len * sizeof (char *);
  D360CsvRow *row = g_malloc (head + r->cells->len);
  char *text = (char *) row + head;

  memcpy (text, r->cells->str, r->cells->len);
  row->line = line;
  row->n_cells = n_cells;
  row->cells = (char **) (gpointer) ((char *) row + sizeof (D360CsvRow));
  for (guint i = 0; i < r->offsets->len; i++)
    row->cells[i] = text + g_array_index (r->offsets, gsize, i);
  return row;
}

/* The separator that the header line has most of, outside quotes. */
static char
detect_separator (const char *data,
                  gsize       len)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n' || c == '\r')
        break;
      else if (c == ',')
        commas++;
      else if (c == ';')
        semicolons++;
      else if (c == '\t')
        tabs++;
    }

  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
}

/* ------------------------------------------------------------ mapping */

static char *
header_key (const char *name,
            guint      *number)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);
  GString *key = g_string_new (NULL);
  gboolean seen_number = FALSE;

  *number = 1;
  g_strstrip (lower);
  for (const char *p = lower; *p != '\0';)
    {
      if (g_ascii_isdigit (*p))
        {
          guint n = 0;

          for (; g_ascii_isdigit (*p); p++)
            n = MIN (n * 10 + (*p - '0'), 10000);
          if (!seen_number)
            *number = n;
          seen_number = TRUE;
          g_string_append_c (key, '#');
        }
      else
        {
          g_string_append_c (key, *p == '_' ? ' ' : *p);
          p++;
        }
    }
  return g_string_free (key, FALSE);
}

static D360CsvField
second_address_field (D360CsvField field)
{
  switch (field)
    {
    case D360_CSV_FIELD_STREET:
      return D360_CSV_FIELD_OTHER_STREET;
    case D360_CSV_FIELD_LOCALITY:
      return D360_CSV_FIELD_OTHER_LOCALITY;
    case D360_CSV_FIELD_REGION:
      return D360_CSV_FIELD_OTHER_REGION;
    case D360_CSV_FIELD_POSTAL_CODE:
      return D360_CSV_FIELD_OTHER_POSTAL_CODE;
    case D360_CSV_FIELD_COUNTRY:
      return D360_CSV_FIELD_OTHER_COUNTRY;
    default:
      return D360_CSV_FIELD_IGNORE;
    }
}

static gboolean
lookup_header (const HeaderName *names,
               guint             n_names,
               const char       *key,
               guint             number,
               D360CsvField     *field)
{
  for (guint i = 0; i < n_names; i++)
    {
      if (strcmp (names[i].key, key) != 0)
        continue;

      if ((names[i].flags & NAME_FIRST_ONLY) && number != 1)
        *field = D360_CSV_FIELD_IGNORE;
      else if ((names[i].flags & NAME_SECOND_IS_OTHER) && number == 2)
        *field = second_address_field (names[i].field);
      else if ((names[i].flags & NAME_SECOND_IS_OTHER) && number > 2)
        *field = D360_CSV_FIELD_IGNORE;
      else
        *field = names[i].field;
      return TRUE;
    }
  return FALSE;
}

static gboolean
has_key (char **keys,
         guint  n_keys,
         const char *key)
{
  for (guint i = 0; i < n_keys; i++)
    if (strcmp (keys[i], key) == 0)
      return TRUE;
  return FALSE;
}

static D360CsvLayout
detect_layout (char  **keys,
               guint   n_keys)
{
  if (has_key (keys, n_keys, "e-mail # - value") || has_key (keys, n_keys, "phone # - value") ||
      has_key (keys, n_keys, "group membership"))
    return D360_CSV_LAYOUT_GOOGLE;

  if (has_key (keys, n_keys, "e-mail address") &&
      (has_key (keys, n_keys, "business phone") || has_key (keys, n_keys, "mobile phone") ||
       has_key (keys, n_keys, "home phone") || has_key (keys, n_keys, "company") ||
       has_key (keys, n_keys, "job title")))
    return D360_CSV_LAYOUT_OUTLOOK;

  return D360_CSV_LAYOUT_UNKNOWN;
}

/* ------------------------------------------------------------ rows to contacts */

static const char *
strip_neutralizer (const char *cell)
{
  if (cell[0] == '\'' && follows_apostrophes (cell))
    return cell + 1;
  return cell;
}

static void
set_first (char **field,
           char **value)
{
  if (*field == NULL)
    *field = g_steal_pointer (value);
}

static void
append_joined (char       **field,
               char       **value,
               const char  *separator)
{
  if (*field == NULL)
    *field = g_steal_pointer (value);
  else
    {
      char *joined = g_strconcat (*field, separator, *value, NULL);

      g_free (*field);
      *field = joined;
    }
}

static char **
split_multi (const char *text)
{
  return g_strsplit (text, ":::", -1);
}

/* "* Work" (Google: "*" is the preferred one), "Mobile", or a label. */
static void
parse_type_cell (const char  *text,
                 guint       *types,
                 char       **label)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *p = copy;

  if (*p == '*')
    {
      *types |= D360_CONTACT_FIELD_PREF;
      p++;
      while (g_ascii_isspace (*p))
        p++;
    }
  if (*p == '\0')
    return;

  for (guint i = 0; i < G_N_ELEMENTS (type_words); i++)
    if (g_ascii_strcasecmp (p, type_words[i].word) == 0)
      {
        *types |= type_words[i].types;
        return;
      }
  *label = g_strdup (p);
}

/* A cell of addresses or numbers, several separated by " ::: " as Google
 * writes them, with the types or labels of a *_LABEL column. */
static void
add_values (D360ParsedContact *contact,
            gboolean           is_email,
            const char        *cell,
            const char        *type_cell,
            guint              column_types)
{
  g_auto(GStrv) values = split_multi (cell);
  g_auto(GStrv) type_cells = type_cell != NULL ? split_multi (type_cell) : NULL;
  guint n_types = type_cells != NULL ? g_strv_length (type_cells) : 0;

  for (guint i = 0; values[i] != NULL; i++)
    {
      g_autofree char *value = d360_strndup_stripped (values[i], strlen (values[i]));
      g_autofree char *label = NULL;
      guint types = column_types;

      if (value == NULL)
        continue;
      if (n_types > 0)
        parse_type_cell (type_cells[MIN (i, n_types - 1)], &types, &label);
      if (is_email)
        d360_parsed_contact_add_email (contact, value, types, label);
      else
        d360_parsed_contact_add_phone (contact, value, types, label);
    }
}

/* Google: "* myContacts ::: Friends"; Outlook: "Friends;Work"; others: commas. */
static void
add_list (GPtrArray  *list,
          const char *cell)
{
  g_auto(GStrv) items = strstr (cell, ":::") != NULL ? split_multi (cell)
                                                     : g_strsplit_set (cell, ";,", -1);

  for (guint i = 0; items[i] != NULL; i++)
    {
      char *item = g_strstrip (items[i]);

      if (item[0] == '*' && g_ascii_isspace (item[1]))
        item = g_strchug (item + 1);
      if (!d360_is_system_group (item))
        d360_string_list_add (list, item, -1);
    }
}

static guint
column_types (D360CsvField field)
{
  switch (field)
    {
    case D360_CSV_FIELD_EMAIL_HOME:
    case D360_CSV_FIELD_PHONE_HOME:
      return D360_CONTACT_FIELD_HOME;
    case D360_CSV_FIELD_EMAIL_WORK:
    case D360_CSV_FIELD_PHONE_WORK:
      return D360_CONTACT_FIELD_WORK;
    case D360_CSV_FIELD_EMAIL_OTHER:
    case D360_CSV_FIELD_PHONE_OTHER:
      return D360_CONTACT_FIELD_OTHER;
    case D360_CSV_FIELD_PHONE_CELL:
      return D360_CONTACT_FIELD_CELL;
    case D360_CSV_FIELD_PHONE_FAX:
      return D360_CONTACT_FIELD_FAX;
    case D360_CSV_FIELD_PHONE_WORK_FAX:
      return D360_CONTACT_FIELD_WORK | D360_CONTACT_FIELD_FAX;
    case D360_CSV_FIELD_PHONE_HOME_FAX:
      return D360_CONTACT_FIELD_HOME | D360_CONTACT_FIELD_FAX;
    default:
      return 0;
    }
}

static gboolean
address_is_empty (const D360PostalAddress *address)
{
  return address->street == NULL && address->locality == NULL && address->region == NULL &&
         address->postal_code == NULL && address->country == NULL;
}

static void
address_clear (D360PostalAddress *address)
{
  g_clear_pointer (&address->street, g_free);
  g_clear_pointer (&address->locality, g_free);
  g_clear_pointer (&address->region, g_free);
  g_clear_pointer (&address->postal_code, g_free);
  g_clear_pointer (&address->country, g_free);
}

/* Joins the cells of several columns of one kind (streets, notes) with line
 * breaks; in a GString, since a row may have thousands of such columns. */
static void
append_line (GString    **joined,
             const char  *value)
{
  if (*joined == NULL)
    *joined = g_string_new (value);
  else
    {
      g_string_append_c (*joined, '\n');
      g_string_append (*joined, value);
    }
}

static char *
steal_joined (GString **joined)
{
  return *joined != NULL ? g_string_free (g_steal_pointer (joined), FALSE) : NULL;
}

static void
set_address_part (D360PostalAddress *address,
                  D360CsvField       field,
                  char             **value)
{
  switch (field)
    {
    case D360_CSV_FIELD_LOCALITY:
    case D360_CSV_FIELD_OTHER_LOCALITY:
      set_first (&address->locality, value);
      break;
    case D360_CSV_FIELD_REGION:
    case D360_CSV_FIELD_OTHER_REGION:
      set_first (&address->region, value);
      break;
    case D360_CSV_FIELD_POSTAL_CODE:
    case D360_CSV_FIELD_OTHER_POSTAL_CODE:
      set_first (&address->postal_code, value);
      break;
    case D360_CSV_FIELD_COUNTRY:
    case D360_CSV_FIELD_OTHER_COUNTRY:
      set_first (&address->country, value);
      break;
    default:
      g_assert_not_reached ();
    }
}

static D360ParsedContact *
row_to_contact (const D360CsvRow *row,
                const int        *column_fields,
                guint             n_column_fields,
                GPtrArray        *problems)
{
  g_autoptr(D360ParsedContact) contact = d360_parsed_contact_new ();
  D360PostalAddress first = { NULL };
  D360PostalAddress second = { NULL };
  g_autoptr(GString) first_street = NULL;
  g_autoptr(GString) second_street = NULL;
  g_autoptr(GString) note = NULL;
  g_autofree char *middle = NULL;
  const char *email_types = NULL;
  const char *phone_types = NULL;
  gboolean blank = TRUE;

  contact->line = row->line;

  for (guint col = 0; col < row->n_cells; col++)
    {
      int field = col < n_column_fields ? column_fields[col] : D360_CSV_FIELD_IGNORE;
      const char *cell = strip_neutralizer (row->cells[col]);
      g_autofree char *value = d360_strndup_stripped (cell, strlen (cell));

      if (value == NULL)
        {
          /* an empty email or phone column still uses up its type column,
           * and an empty type column gives no type */
          if (field >= D360_CSV_FIELD_EMAIL && field <= D360_CSV_FIELD_EMAIL_LABEL)
            email_types = NULL;
          else if (field >= D360_CSV_FIELD_PHONE && field <= D360_CSV_FIELD_PHONE_LABEL)
            phone_types = NULL;
          continue;
        }
      blank = FALSE;

      switch (field)
        {
        case D360_CSV_FIELD_FULL_NAME:
          set_first (&contact->full_name, &value);
          break;
        case D360_CSV_FIELD_HONORIFIC:
          set_first (&contact->honorific, &value);
          break;
        case D360_CSV_FIELD_GIVEN_NAME:
          set_first (&contact->given_name, &value);
          break;
        case D360_CSV_FIELD_MIDDLE_NAME:
          set_first (&middle, &value);
          break;
        case D360_CSV_FIELD_FAMILY_NAME:
          set_first (&contact->family_name, &value);
          break;
        case D360_CSV_FIELD_ORGANIZATION:
          set_first (&contact->organization, &value);
          break;
        case D360_CSV_FIELD_JOB_TITLE:
          set_first (&contact->job_title, &value);
          break;
        case D360_CSV_FIELD_ROLE:
          set_first (&contact->role, &value);
          break;
        case D360_CSV_FIELD_EMAIL:
        case D360_CSV_FIELD_EMAIL_HOME:
        case D360_CSV_FIELD_EMAIL_WORK:
        case D360_CSV_FIELD_EMAIL_OTHER:
          add_values (contact, TRUE, value, email_types, column_types (field));
          email_types = NULL;
          break;
        case D360_CSV_FIELD_EMAIL_LABEL:
          email_types = cell;
          break;
        case D360_CSV_FIELD_PHONE:
        case D360_CSV_FIELD_PHONE_HOME:
        case D360_CSV_FIELD_PHONE_WORK:
        case D360_CSV_FIELD_PHONE_CELL:
        case D360_CSV_FIELD_PHONE_FAX:
        case D360_CSV_FIELD_PHONE_WORK_FAX:
        case D360_CSV_FIELD_PHONE_HOME_FAX:
        case D360_CSV_FIELD_PHONE_OTHER:
          add_values (contact, FALSE, value, phone_types, column_types (field));
          phone_types = NULL;
          break;
        case D360_CSV_FIELD_PHONE_LABEL:
          phone_types = cell;
          break;
        case D360_CSV_FIELD_STREET:
          append_line (&first_street, value);
          break;
        case D360_CSV_FIELD_OTHER_STREET:
          append_line (&second_street, value);
          break;
        case D360_CSV_FIELD_LOCALITY:
        case D360_CSV_FIELD_REGION:
        case D360_CSV_FIELD_POSTAL_CODE:
        case D360_CSV_FIELD_COUNTRY:
          set_address_part (&first, field, &value);
          break;
        case D360_CSV_FIELD_OTHER_LOCALITY:
        case D360_CSV_FIELD_OTHER_REGION:
        case D360_CSV_FIELD_OTHER_POSTAL_CODE:
        case D360_CSV_FIELD_OTHER_COUNTRY:
          set_address_part (&second, field, &value);
          break;
        case D360_CSV_FIELD_NOTE:
          append_line (&note, value);
          break;
        case D360_CSV_FIELD_CATEGORIES:
          add_list (contact->categories, value);
          break;
        case D360_CSV_FIELD_LANGUAGES:
          add_list (contact->languages, value);
          break;
        case D360_CSV_FIELD_BIRTHDAY:
          if (contact->birthday == NULL && !d360_normalize_birthday (value, &contact->birthday))
            d360_problem_add (problems, row->line, FALSE,
                              _("The birthday “%s” is not a date; it was skipped."), value);
          break;
        case D360_CSV_FIELD_WEBSITE:
          set_first (&contact->website, &value);
          break;
        case D360_CSV_FIELD_UID:
          set_first (&contact->uid, &value);
          break;
        case D360_CSV_FIELD_IGNORE:
        default:
          break;
        }
    }

  if (blank)
    {
      address_clear (&first);
      address_clear (&second);
      return NULL;
    }

  first.street = steal_joined (&first_street);
  second.street = steal_joined (&second_street);
  contact->note = steal_joined (&note);

  if (middle != NULL)
    {
      if (contact->given_name == NULL)
        contact->given_name = g_steal_pointer (&middle);
      else
        append_joined (&contact->given_name, &middle, " ");
    }

  if (!address_is_empty (&first) || !address_is_empty (&second))
    {
      contact->address = g_new0 (D360PostalAddress, 1);
      *contact->address = address_is_empty (&first) ? second : first;
      address_clear (address_is_empty (&first) ? &first : &second);
    }

  d360_parsed_contact_get_display_name (contact);
  if (d360_parsed_contact_is_empty (contact))
    {
      d360_problem_add (problems, row->line, TRUE,
                        _("This row has no name, email address or phone number; "
                          "it was left out."));
      return NULL;
    }

  return g_steal_pointer (&contact);
}

/* ------------------------------------------------------------ writing */

static void
append_cell (GString    *out,
             const char *text,
             char        separator,
             gboolean    first)
{
  gboolean neutralize;
  gboolean quote;

  if (!first)
    g_string_append_c (out, separator);
  if (text == NULL || *text == '\0')
    return;

  neutralize = strchr (formula_starts, text[0]) != NULL ||
               (text[0] == '\'' && follows_apostrophes (text));
  quote = strchr (text, separator) != NULL || strpbrk (text, "\"\r\n") != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (neutralize)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static void
append_header_cell (GString    *out,
                    const char *name,
                    char        separator,
                    gboolean   *first)
{
  append_cell (out, name, separator, *first);
  *first = FALSE;
}

static char *
type_cell (const D360ContactField *field)
{
  const char *word = NULL;
  guint types = field->types & ~D360_CONTACT_FIELD_PREF;
  gboolean pref = (field->types & D360_CONTACT_FIELD_PREF) != 0;

  if (field->label != NULL && *field->label != '\0')
    word = field->label;
  else
    {
      /* the first word that says everything; else the first that says something */
      for (guint i = 0; word == NULL && i < G_N_ELEMENTS (type_words); i++)
        if (types == type_words[i].types)
          word = type_words[i].word;
      for (guint i = 0; word == NULL && i < G_N_ELEMENTS (type_words); i++)
        if ((types & type_words[i].types) == type_words[i].types)
          word = type_words[i].word;
    }

  if (pref)
    return g_strconcat ("* ", word != NULL ? word : "", NULL);
  return g_strdup (word);
}

/* The reader splits email, phone, category and language cells at ":::",
 * as Google joins several values; one value of those kinds that has ":::"
 * of its own (never a valid address or number) gets a space after every
 * second colon of a run instead of becoming two: "a:::b" is "a:: :b".
 * Returns @value itself when it has no ":::". */
static const char *
without_multi_separator (const char  *value,
                         char       **owned)
{
  GString *spaced;
  guint run = 0;

  *owned = NULL;
  if (value == NULL || strstr (value, ":::") == NULL)
    return value;

  spaced = g_string_sized_new (strlen (value) + 8);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p != ':')
        run = 0;
      else if (++run == 3)
        {
          g_string_append_c (spaced, ' ');
          run = 1;
        }
      g_string_append_c (spaced, *p);
    }
  *owned = g_string_free (spaced, FALSE);
  return *owned;
}

static char *
join_list (GPtrArray *list)
{
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      g_autofree char *owned = NULL;

      if (i > 0)
        g_string_append (joined, " ::: ");
      g_string_append (joined, without_multi_separator (g_ptr_array_index (list, i), &owned));
    }

  /* One item with a comma or semicolon would be split when read back:
   * a trailing " ::: " says the list is split at ":::" only. */
  if (list != NULL && list->len == 1 && strpbrk (joined->str, ",;") != NULL)
    g_string_append (joined, " ::: ");
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static void
append_fields (GString   *out,
               GPtrArray *fields,
               guint      n_columns,
               char       separator)
{
  for (guint i = 0; i < n_columns; i++)
    {
      D360ContactField *field = fields != NULL && i < fields->len ? fields->pdata[i] : NULL;
      g_autofree char *types = field != NULL ? type_cell (field) : NULL;
      g_autofree char *owned_types = NULL;
      g_autofree char *owned_value = NULL;

      append_cell (out, without_multi_separator (types, &owned_types), separator, FALSE);
      append_cell (out, without_multi_separator (field != NULL ? field->value : NULL, &owned_value),
                   separator, FALSE);
    }
}

/* ------------------------------------------------------------ public */

/**
 * d360_csv_table_read:
 * @data: the whole file
 * @separator: ',', ';' or '\t'; 0 to take the one the header line has most of
 * @problems: (out) (optional) (transfer full): the records that were left
 *   out, as #D360ParseProblem
 * @error: where a reason for refusing the whole file goes
 *
 * Splits a CSV file (RFC 4180) into its header and rows of text cells. UTF-8
 * with or without a byte-order mark, or UTF-16 with one; CRLF or LF; quoted
 * cells with "" and line breaks; Excel's "sep=;" first line. Rows with a
 * different number of cells from the header, rows that are not UTF-8 and a
 * quotation mark never closed are problems with their line numbers; blank
 * lines are skipped.
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 *   (#D360_IMPORT_ERROR) when the file is empty or not text
 */
D360CsvTable *
d360_csv_table_read (GBytes      *data,
                     char         separator,
                     GPtrArray  **problems,
                     GError     **error)
{
  g_autoptr(D360CsvTable) table = NULL;
  g_autoptr(GPtrArray) found_problems = NULL;
  g_autoptr(GString) cells = NULL;
  g_autoptr(GArray) offsets = NULL;
  g_autofree char *owned = NULL;
  Reader r = { 0 };
  const char *text;
  gsize len;
  gboolean valid_utf8;
  gboolean unclosed;
  guint line;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (separator != '"' && separator != '\n' && separator != '\r', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = NULL;

  if (!d360_text_prepare (data, &text, &len, &owned))
    {
      g_set_error_literal (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_NOT_CSV,
                           _("This is not a CSV file."));
      return NULL;
    }
  if (d360_text_is_blank (text, len))
    {
      g_set_error_literal (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_EMPTY,
                           _("The file is empty."));
      return NULL;
    }
  if (d360_text_has_nul (text, len))
    {
      g_set_error_literal (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_NOT_CSV,
                           _("This is not a CSV file."));
      return NULL;
    }

  r.data = text;
  r.len = len;
  r.line = 1;
  while (r.pos < len && (text[r.pos] == '\n' || text[r.pos] == '\r' || text[r.pos] == ' ' ||
                         text[r.pos] == '\t'))
    {
      if (text[r.pos] == '\n' || (text[r.pos] == '\r' && (r.pos + 1 == len || text[r.pos + 1] != '\n')))
        r.line++;
      r.pos++;
    }

  /* Excel's "sep=;" line */
  if (len - r.pos >= 5 && g_ascii_strncasecmp (text + r.pos, "sep=", 4) == 0 &&
      (len - r.pos == 5 || text[r.pos + 5] == '\n' || text[r.pos + 5] == '\r'))
    {
      if (separator == 0)
        separator = text[r.pos + 4];
      r.pos += 5;
      if (r.pos < len && text[r.pos] == '\r')
        r.pos++;
      if (r.pos < len && text[r.pos] == '\n')
        r.pos++;
      r.line++;
    }

  if (separator == 0)
    separator = detect_separator (text + r.pos, len - r.pos);

  valid_utf8 = g_utf8_validate_len (text, len, NULL);
  cells = g_string_sized_new (1024);
  offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  r.separator = separator;
  r.cells = cells;
  r.offsets = offsets;

  if (!read_record (&r, &line, &unclosed) || unclosed)
    {
      g_set_error_literal (error, D360_IMPORT_ERROR, D360_IMPORT_ERROR_NOT_CSV,
                           _("This is not a CSV file."));
      return NULL;
    }

  table = g_new0 (D360CsvTable, 1);
  table->separator = separator;
  table->n_columns = offsets->len;
  table->header = g_new0 (char *, offsets->len + 1);
  for (guint i = 0; i < offsets->len; i++)
    {
      const char *name = cells->str + g_array_index (offsets, gsize, i);

      table->header[i] = valid_utf8 ? g_strdup (name) : g_utf8_make_valid (name, -1);
    }
  table->rows = g_ptr_array_new_with_free_func (g_free);
  found_problems = d360_problems_new ();

  while (read_record (&r, &line, &unclosed))
    {
      guint n_cells = offsets->len;

      if (unclosed)
        {
          d360_problem_add (found_problems, line, TRUE,
                            _("A quotation mark on this row is never closed, so the rest of "
                              "the file could not be read."));
          break;
        }
      if (record_is_blank (&r))
        continue;
      if (!valid_utf8 && !record_is_utf8 (&r))
        {
          d360_problem_add (found_problems, line, TRUE,
                            _("This row is not UTF-8 text; save the file as UTF-8 and "
                              "import it again."));
          continue;
        }

      /* trailing empty cells, as some spreadsheets add, do not count */
      while (n_cells > table->n_columns &&
             cells->str[g_array_index (offsets, gsize, n_cells - 1)] == '\0')
        n_cells--;
      if (n_cells != table->n_columns)
        {
          d360_problem_add (found_problems, line, TRUE,
                            _("The number of cells in this row (%u) differs from the "
                              "header (%u); the row was left out."),
                            n_cells, table->n_columns);
          continue;
        }

      g_ptr_array_add (table->rows, make_row (&r, line, n_cells));
    }

  if (problems != NULL)
    *problems = g_steal_pointer (&found_problems);
  return g_steal_pointer (&table);
}

/**
 * d360_csv_table_free:
 * @table: (nullable) (transfer full): a table
 *
 * Frees @table and its rows.
 */
void
d360_csv_table_free (D360CsvTable *table)
{
  if (table == NULL)
    return;

  g_strfreev (table->header);
  g_clear_pointer (&table->rows, g_ptr_array_unref);
  g_free (table);
}

/**
 * d360_csv_table_guess_mapping:
 * @table: a table
 * @column_fields: (out caller-allocates) (array): room for
 *   @table->n_columns #D360CsvField values
 *
 * Recognises Google Contacts and Outlook exports by their header, and maps
 * their columns; for any other file, guesses from common English and
 * Romanian column names, leaving the rest as %D360_CSV_FIELD_IGNORE.
 *
 * Returns: the layout recognised; %D360_CSV_LAYOUT_UNKNOWN means the
 *   mapping is a guess for the user to check
 */
D360CsvLayout
d360_csv_table_guess_mapping (const D360CsvTable *table,
                              int                *column_fields)
{
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GArray) numbers = NULL;
  D360CsvLayout layout;

  g_return_val_if_fail (table != NULL, D360_CSV_LAYOUT_UNKNOWN);
  g_return_val_if_fail (column_fields != NULL || table->n_columns == 0, D360_CSV_LAYOUT_UNKNOWN);

  keys = g_ptr_array_new_null_terminated (table->n_columns, g_free, TRUE);
  numbers = g_array_sized_new (FALSE, FALSE, sizeof (guint), table->n_columns);
  for (guint i = 0; i < table->n_columns; i++)
    {
      guint number;

      g_ptr_array_add (keys, header_key (table->header[i], &number));
      g_array_append_val (numbers, number);
    }

  layout = detect_layout ((char **) keys->pdata, keys->len);
  for (guint i = 0; i < table->n_columns; i++)
    {
      const char *key = keys->pdata[i];
      guint number = g_array_index (numbers, guint, i);
      D360CsvField field = D360_CSV_FIELD_IGNORE;
      gboolean found = FALSE;

      if (layout == D360_CSV_LAYOUT_GOOGLE)
        found = lookup_header (google_names, G_N_ELEMENTS (google_names), key, number, &field);
      else if (layout == D360_CSV_LAYOUT_OUTLOOK)
        found = lookup_header (outlook_names, G_N_ELEMENTS (outlook_names), key, number, &field);
      if (!found)
        lookup_header (generic_names, G_N_ELEMENTS (generic_names), key, number, &field);
      column_fields[i] = field;
    }

  return layout;
}

/**
 * d360_csv_table_to_contacts:
 * @table: a table
 * @column_fields: (array length=n_column_fields): a #D360CsvField for each column
 * @n_column_fields: how many; columns beyond are ignored
 * @problems: (nullable): where to append the rows left out, as #D360ParseProblem
 *
 * Makes a contact of each row. A row with nothing to identify a contact by
 * (no name, organization, email address or phone number) is a problem;
 * a blank row is skipped. Cells that d360_csv_write() neutralised against
 * formula injection ("'=…") lose their leading "'".
 *
 * Returns: (transfer full) (element-type D360ParsedContact): the contacts
 */
GPtrArray *
d360_csv_table_to_contacts (const D360CsvTable *table,
                            const int          *column_fields,
                            guint               n_column_fields,
                            GPtrArray          *problems)
{
  GPtrArray *contacts;

  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (column_fields != NULL || n_column_fields == 0, NULL);

  contacts = g_ptr_array_new_full (table->rows->len,
                                   (GDestroyNotify) d360_parsed_contact_free);
  for (guint i = 0; i < table->rows->len; i++)
    {
      D360ParsedContact *contact = row_to_contact (table->rows->pdata[i], column_fields,
                                                   n_column_fields, problems);

      if (contact != NULL)
        g_ptr_array_add (contacts, contact);
    }
  return contacts;
}

/**
 * d360_csv_parse:
 * @data: the whole file
 * @layout: (out) (optional): the layout recognised
 * @problems: (out) (optional) (transfer full): the rows and cells that could
 *   not be read, as #D360ParseProblem, by line
 * @error: where a reason for refusing the whole file goes
 *
 * Reads a CSV file with the separator and column mapping guessed from its
 * header. When @layout comes back as %D360_CSV_LAYOUT_UNKNOWN, the mapping
 * was a guess: show the user d360_csv_table_guess_mapping()'s columns and use
 * d360_csv_parse_with_mapping().
 *
 * Returns: (transfer full) (element-type D360ParsedContact) (nullable): the
 *   contacts, or %NULL with @error set
 */
GPtrArray *
d360_csv_parse (GBytes         *data,
                D360CsvLayout  *layout,
                GPtrArray     **problems,
                GError        **error)
{
  g_autoptr(D360CsvTable) table = NULL;
  g_autoptr(GPtrArray) found_problems = NULL;
  g_autofree int *fields = NULL;
  GPtrArray *contacts;
  D360CsvLayout found_layout;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = NULL;

  table = d360_csv_table_read (data, 0, &found_problems, error);
  if (table == NULL)
    return NULL;

  fields = g_new0 (int, MAX (table->n_columns, 1));
  found_layout = d360_csv_table_guess_mapping (table, fields);
  contacts = d360_csv_table_to_contacts (table, fields, table->n_columns, found_problems);
  d360_problems_sort (found_problems);

  if (layout != NULL)
    *layout = found_layout;
  if (problems != NULL)
    *problems = g_steal_pointer (&found_problems);
  return contacts;
}

/**
 * d360_csv_parse_with_mapping:
 * @data: the whole file
 * @separator: ',', ';' or '\t'; 0 to detect it
 * @column_fields: (array length=n_column_fields): a #D360CsvField for each column
 * @n_column_fields: how many; columns beyond are ignored
 * @problems: (out) (optional) (transfer full): the rows and cells that could
 *   not be read, as #D360ParseProblem, by line
 * @error: where a reason for refusing the whole file goes
 *
 * Reads a CSV file with the columns the user mapped, for example in a
 * dialog that started from d360_csv_table_guess_mapping().
 *
 * Returns: (transfer full) (element-type D360ParsedContact) (nullable): the
 *   contacts, or %NULL with @error set
 */
GPtrArray *
d360_csv_parse_with_mapping (GBytes     *data,
                             char        separator,
                             const int  *column_fields,
                             guint       n_column_fields,
                             GPtrArray **problems,
                             GError    **error)
{
  g_autoptr(D360CsvTable) table = NULL;
  g_autoptr(GPtrArray) found_problems = NULL;
  GPtrArray *contacts;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (column_fields != NULL || n_column_fields == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (problems != NULL)
    *problems = NULL;

  table = d360_csv_table_read (data, separator, &found_problems, error);
  if (table == NULL)
    return NULL;

  contacts = d360_csv_table_to_contacts (table, column_fields, n_column_fields, found_problems);
  d360_problems_sort (found_problems);

  if (problems != NULL)
    *problems = g_steal_pointer (&found_problems);
  return contacts;
}

/**
 * d360_csv_write:
 * @contacts: (element-type D360ParsedContact): the contacts
 * @separator: ',', ';' or '\t' — see d360_csv_separator_for_locale()
 *
 * Writes a CSV file (RFC 4180, CRLF) in UTF-8 with a byte-order mark, so
 * that spreadsheets do not take it for the local 8-bit code page. The header
 * uses Google Contacts' column names; several email addresses and phone
 * numbers go into numbered column pairs ("E-mail 2 - Type", "E-mail 2 -
 * Value"), the preferred one marked with "* " as Google does; categories and
 * languages are joined with " ::: ".
 *
 * A cell starting with =, +, -, @, a tab or a carriage return gets a "'"
 * in front. Spreadsheets run such a cell as a formula when the file is
 * opened, so a contact could carry a formula that reads other cells or
 * starts a program (CSV injection); with the apostrophe the cell is shown
 * as text. Phone numbers in international form ("+40 …") are changed too:
 * that is the price, and d360_csv_table_to_contacts() removes the
 * apostrophe again.
 *
 * Returns: (transfer full): the file's bytes
 */
GBytes *
d360_csv_write (GPtrArray *contacts,
                char       separator)
{
  static const char *const head[] = {
    "Name", "Name Prefix", "Given Name", "Family Name", "Birthday", "Notes", "Language",
    "Group Membership", "Organization 1 - Name", "Organization 1 - Title",
    "Organization 1 - Job Description",
  };
  static const char *const tail[] = {
    "Address 1 - Street", "Address 1 - City", "Address 1 - Region", "Address 1 - Postal Code",
    "Address 1 - Country", "Website 1 - Value",
  };
  g_autoptr(GString) out = NULL;
  guint n_emails = 1, n_phones = 1;
  gboolean first = TRUE;

  g_return_val_if_fail (contacts != NULL, NULL);
  g_return_val_if_fail (separator != '\0' && separator != '"' && separator != '\'' &&
                        separator != '\n' && separator != '\r', NULL);

  for (guint i = 0; i < contacts->len; i++)
    {
      D360ParsedContact *contact = contacts->pdata[i];

      n_emails = MAX (n_emails, contact->emails != NULL ? contact->emails->len : 0);
      n_phones = MAX (n_phones, contact->phones != NULL ? contact->phones->len : 0);
    }

  out = g_string_sized_new (contacts->len * 200 + 512);
  g_string_append (out, "\xEF\xBB\xBF");

  for (guint i = 0; i < G_N_ELEMENTS (head); i++)
    append_header_cell (out, head[i], separator, &first);
  for (guint i = 1; i <= n_emails; i++)
    {
      g_autofree char *type = g_strdup_printf ("E-mail %u - Type", i);
      g_autofree char *value = g_strdup_printf ("E-mail %u - Value", i);

      append_header_cell (out, type, separator, &first);
      append_header_cell (out, value, separator, &first);
    }
  for (guint i = 1; i <= n_phones; i++)
    {
      g_autofree char *type = g_strdup_printf ("Phone %u - Type", i);
      g_autofree char *value = g_strdup_printf ("Phone %u - Value", i);

      append_header_cell (out, type, separator, &first);
      append_header_cell (out, value, separator, &first);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tail); i++)
    append_header_cell (out, tail[i], separator, &first);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < contacts->len; i++)
    {
      D360ParsedContact *contact = contacts->pdata[i];
      D360PostalAddress *address = contact->address;
      g_autofree char *languages = join_list (contact->languages);
      g_autofree char *categories = join_list (contact->categories);

      /* fills in the full name from its parts; a contact known only by its
       * organization, email or phone keeps an empty name, as it came */
      d360_parsed_contact_get_display_name (contact);
      append_cell (out, contact->full_name, separator, TRUE);
      append_cell (out, contact->honorific, separator, FALSE);
      append_cell (out, contact->given_name, separator, FALSE);
      append_cell (out, contact->family_name, separator, FALSE);
      append_cell (out, contact->birthday, separator, FALSE);
      append_cell (out, contact->note, separator, FALSE);
      append_cell (out, languages, separator, FALSE);
      append_cell (out, categories, separator, FALSE);
      append_cell (out, contact->organization, separator, FALSE);
      append_cell (out, contact->job_title, separator, FALSE);
      append_cell (out, contact->role, separator, FALSE);
      append_fields (out, contact->emails, n_emails, separator);
      append_fields (out, contact->phones, n_phones, separator);
      append_cell (out, address != NULL ? address->street : NULL, separator, FALSE);
      append_cell (out, address != NULL ? address->locality : NULL, separator, FALSE);
      append_cell (out, address != NULL ? address->region : NULL, separator, FALSE);
      append_cell (out, address != NULL ? address->postal_code : NULL, separator, FALSE);
      append_cell (out, address != NULL ? address->country : NULL, separator, FALSE);
      append_cell (out, contact->website, separator, FALSE);
      g_string_append (out, "\r\n");
    }

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/**
 * d360_csv_separator_for_locale:
 *
 * Spreadsheets split CSV at the list separator of the user's locale, which
 * is ';' wherever the decimal point is a comma (Romanian, French, German…),
 * so that "3,5" stays one number.
 *
 * Returns: ';' when the current LC_NUMERIC has a decimal comma, else ','
 */
char
d360_csv_separator_for_locale (void)
{
  const struct lconv *conv = localeconv ();

  return conv != NULL && conv->decimal_point != NULL && strcmp (conv->decimal_point, ",") == 0
         ? ';' : ',';
}

/**
 * d360_csv_field_get_title:
 * @field: a field
 *
 * Returns: the field's name for a column-mapping dialog, translated
 */
const char *
d360_csv_field_get_title (D360CsvField field)
{
  g_return_val_if_fail ((int) field >= 0 && field < D360_CSV_N_FIELDS, NULL);

  return _(field_titles[field]);
}

/* d360-csv.h — reading and writing contacts as CSV (RFC 4180)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "d360-parsed-contact.h"

G_BEGIN_DECLS

/* Whose export a file is, told by its header row. */
typedef enum
{
  D360_CSV_LAYOUT_UNKNOWN,
  D360_CSV_LAYOUT_GOOGLE,    /* Google Contacts, old ("Given Name") and new ("First Name") */
  D360_CSV_LAYOUT_OUTLOOK,   /* Outlook, classic and web */
} D360CsvLayout;

/* What a column holds. A *_LABEL column gives the type or label ("Work",
 * "* Mobile", "Assistant") of the next email / phone column to its right,
 * as Google's "E-mail 1 - Type" does for "E-mail 1 - Value". The OTHER_*
 * address columns are a second address, used when the first is empty. Two
 * columns of the same single-valued kind: the first non-empty one wins, except
 * street and note, which are joined. */
typedef enum
{
  D360_CSV_FIELD_IGNORE,
  D360_CSV_FIELD_FULL_NAME,
  D360_CSV_FIELD_HONORIFIC,
  D360_CSV_FIELD_GIVEN_NAME,
  D360_CSV_FIELD_MIDDLE_NAME,      /* appended to the given name */
  D360_CSV_FIELD_FAMILY_NAME,
  D360_CSV_FIELD_ORGANIZATION,
  D360_CSV_FIELD_JOB_TITLE,
  D360_CSV_FIELD_ROLE,
  D360_CSV_FIELD_EMAIL,
  D360_CSV_FIELD_EMAIL_HOME,
  D360_CSV_FIELD_EMAIL_WORK,
  D360_CSV_FIELD_EMAIL_OTHER,
  D360_CSV_FIELD_EMAIL_LABEL,
  D360_CSV_FIELD_PHONE,
  D360_CSV_FIELD_PHONE_HOME,
  D360_CSV_FIELD_PHONE_WORK,
  D360_CSV_FIELD_PHONE_CELL,
  D360_CSV_FIELD_PHONE_FAX,
  D360_CSV_FIELD_PHONE_WORK_FAX,
  D360_CSV_FIELD_PHONE_HOME_FAX,
  D360_CSV_FIELD_PHONE_OTHER,
  D360_CSV_FIELD_PHONE_LABEL,
  D360_CSV_FIELD_STREET,
  D360_CSV_FIELD_LOCALITY,
  D360_CSV_FIELD_REGION,
  D360_CSV_FIELD_POSTAL_CODE,
  D360_CSV_FIELD_COUNTRY,
  D360_CSV_FIELD_OTHER_STREET,
  D360_CSV_FIELD_OTHER_LOCALITY,
  D360_CSV_FIELD_OTHER_REGION,
  D360_CSV_FIELD_OTHER_POSTAL_CODE,
  D360_CSV_FIELD_OTHER_COUNTRY,
  D360_CSV_FIELD_NOTE,
  D360_CSV_FIELD_CATEGORIES,       /* split at " ::: ", ";" or "," */
  D360_CSV_FIELD_LANGUAGES,        /* split likewise */
  D360_CSV_FIELD_BIRTHDAY,
  D360_CSV_FIELD_WEBSITE,
  D360_CSV_FIELD_UID,
  D360_CSV_N_FIELDS,
} D360CsvField;

/* One record of the file. */
typedef struct
{
  guint   line;      /* where the record starts in the file, from 1 */
  guint   n_cells;
  char  **cells;     /* n_cells UTF-8 strings */
} D360CsvRow;

/* A whole file, as text cells: what a column-mapping dialog shows. */
typedef struct
{
  char        separator;
  guint       n_columns;
  char      **header;    /* n_columns column names, NULL-terminated */
  GPtrArray  *rows;      /* D360CsvRow, the header excluded; all have n_columns cells */
} D360CsvTable;

D360CsvTable  *d360_csv_table_read           (GBytes              *data,
                                              char                 separator,
                                              GPtrArray          **problems,
                                              GError             **error);
void           d360_csv_table_free           (D360CsvTable        *table);
D360CsvLayout  d360_csv_table_guess_mapping  (const D360CsvTable  *table,
                                              int                 *column_fields);
GPtrArray     *d360_csv_table_to_contacts    (const D360CsvTable  *table,
                                              const int           *column_fields,
                                              guint                n_column_fields,
                                              GPtrArray           *problems);

GPtrArray     *d360_csv_parse                (GBytes              *data,
                                              D360CsvLayout       *layout,
                                              GPtrArray          **problems,
                                              GError             **error);
GPtrArray     *d360_csv_parse_with_mapping   (GBytes              *data,
                                              char                 separator,
                                              const int           *column_fields,
                                              guint                n_column_fields,
                                              GPtrArray          **problems,
                                              GError             **error);

GBytes        *d360_csv_write                (GPtrArray           *contacts,
                                              char                 separator);
char           d360_csv_separator_for_locale (void);
const char    *d360_csv_field_get_title      (D360CsvField         field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (D360CsvTable, d360_csv_table_free)

G_END_DECLS

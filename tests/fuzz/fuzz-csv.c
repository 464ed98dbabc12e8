/* fuzz-csv.c — libFuzzer harness for the CSV reader: the layout guess, the
 * table with each separator and a column mapping that uses every field, and
 * the writers behind it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built and run by tests/fuzz/meson.build; see run-fuzzer.sh.
 */

#include "config.h"

#include "fuzz-common.h"

static void
check_table (GBytes        *bytes,
             char           separator,
             const uint8_t *data,
             size_t         size,
             guint          max_line)
{
  g_autoptr(D360CsvTable) table = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree int *fields = NULL;
  guint salt = size > 0 ? data[size / 2] : 0;

  table = d360_csv_table_read (bytes, separator, &problems, &error);
  if (table == NULL)
    {
      g_assert (error != NULL && error->domain == D360_IMPORT_ERROR);
      g_assert (problems == NULL);
      return;
    }

  g_assert_no_error (error);
  g_assert_cmpuint (table->n_columns, >=, 1);
  g_assert (table->header[table->n_columns] == NULL);
  for (guint i = 0; i < table->n_columns; i++)
    fuzz_check_text (table->header[i]);
  for (guint i = 0; i < table->rows->len; i++)
    {
      D360CsvRow *row = table->rows->pdata[i];

      g_assert_cmpuint (row->n_cells, ==, table->n_columns);
      g_assert (row->line >= 1 && row->line <= max_line);
      for (guint j = 0; j < row->n_cells; j++)
        fuzz_check_text (row->cells[j]);
    }

  /* the guessed mapping, then one that puts every field somewhere */
  fields = g_new0 (int, table->n_columns);
  d360_csv_table_guess_mapping (table, fields);
  for (guint i = 0; i < table->n_columns; i++)
    g_assert (fields[i] >= 0 && fields[i] < D360_CSV_N_FIELDS);
  contacts = d360_csv_table_to_contacts (table, fields, table->n_columns, problems);
  fuzz_check_contacts (contacts, max_line);
  g_clear_pointer (&contacts, g_ptr_array_unref);

  for (guint i = 0; i < table->n_columns; i++)
    fields[i] = (i + salt) % D360_CSV_N_FIELDS;
  contacts = d360_csv_table_to_contacts (table, fields, table->n_columns, problems);
  fuzz_check_contacts (contacts, max_line);
  fuzz_check_writers (contacts);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  D360CsvLayout layout = D360_CSV_LAYOUT_UNKNOWN;
  guint max_line = fuzz_max_line (data, size);

  contacts = d360_csv_parse (bytes, &layout, &problems, &error);
  if (contacts == NULL)
    {
      g_assert (error != NULL && error->domain == D360_IMPORT_ERROR);
      g_assert (problems == NULL);
      return 0;
    }

  g_assert_no_error (error);
  fuzz_check_contacts (contacts, max_line);
  fuzz_check_problems (problems, max_line);
  fuzz_check_writers (contacts);

  check_table (bytes, ';', data, size, max_line);
  check_table (bytes, '\t', data, size, max_line);
  return 0;
}

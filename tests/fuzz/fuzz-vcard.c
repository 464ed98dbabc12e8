/* fuzz-vcard.c — libFuzzer harness for the vCard reader (and the writers
 * behind it)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built and run by tests/fuzz/meson.build; see run-fuzzer.sh.
 */

#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  guint max_line = fuzz_max_line (data, size);

  contacts = d360_vcard_parse (bytes, &problems, &error);
  if (contacts == NULL)
    {
      g_assert (error != NULL && error->domain == D360_IMPORT_ERROR);
      g_assert (problems == NULL);
      return 0;
    }

  g_assert_no_error (error);
  g_assert (problems != NULL);
  fuzz_check_contacts (contacts, max_line);
  fuzz_check_problems (problems, max_line);
  fuzz_check_writers (contacts);

  /* Read in two halves (as a large file is), it reads the same. */
  {
    g_autoptr(GPtrArray) split_problems = NULL;
    g_autoptr(GPtrArray) split = d360_vcard_parse_split (bytes, 0, &split_problems, &error);

    g_assert_no_error (error);
    g_assert (split != NULL && split->len == contacts->len);
    g_assert (split_problems->len == problems->len);
    for (guint i = 0; i < problems->len; i++)
      {
        const D360ParseProblem *a = g_ptr_array_index (problems, i);
        const D360ParseProblem *b = g_ptr_array_index (split_problems, i);

        g_assert (a->line == b->line && a->rejected == b->rejected);
        g_assert (g_strcmp0 (a->reason, b->reason) == 0);
      }
    for (guint i = 0; i < contacts->len; i++)
      g_assert (((D360ParsedContact *) g_ptr_array_index (contacts, i))->line ==
                ((D360ParsedContact *) g_ptr_array_index (split, i))->line);
  }
  return 0;
}

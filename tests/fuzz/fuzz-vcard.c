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
  return 0;
}

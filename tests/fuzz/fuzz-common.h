/* fuzz-common.h — checks that the vCard and CSV fuzzers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Besides ASan and UBSan, each input must leave the readers' promises
 * intact: every string valid UTF-8 (it goes to SQLite and GTK as is), every
 * line number inside the file, every contact with a name to show, and what
 * the writers make of the contacts readable again, card for card and row for
 * row.
 */

#pragma once

#include <glib.h>
#include <stdint.h>

#include "d360-csv.h"
#include "d360-interop-private.h"
#include "d360-vcard.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);

static inline void
fuzz_check_text (const char *text)
{
  if (text != NULL)
    g_assert (g_utf8_validate (text, -1, NULL));
}

static inline void
fuzz_check_strings (GPtrArray *list)
{
  for (guint i = 0; i < list->len; i++)
    {
      g_assert (list->pdata[i] != NULL);
      g_assert (*(char *) list->pdata[i] != '\0');
      fuzz_check_text (list->pdata[i]);
    }
}

static inline void
fuzz_check_fields (GPtrArray *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      D360ContactField *field = fields->pdata[i];

      g_assert (field->value != NULL && *field->value != '\0');
      fuzz_check_text (field->value);
      fuzz_check_text (field->label);
    }
}

/* The most lines a file of @size bytes can have, whatever its line ends. */
static inline guint
fuzz_max_line (const uint8_t *data,
               size_t         size)
{
  guint lines = 1;

  for (size_t i = 0; i < size; i++)
    if (data[i] == '\n' || data[i] == '\r')
      lines++;
  return lines;
}

static inline void
fuzz_check_contacts (GPtrArray *contacts,
                     guint      max_line)
{
  for (guint i = 0; i < contacts->len; i++)
    {
      D360ParsedContact *c = contacts->pdata[i];
      const char *name = d360_parsed_contact_get_display_name (c);

      g_assert (!d360_parsed_contact_is_empty (c));
      g_assert (name != NULL && *name != '\0');
      g_assert (c->line >= 1 && c->line <= max_line);
      fuzz_check_text (c->uid);
      fuzz_check_text (c->honorific);
      fuzz_check_text (c->given_name);
      fuzz_check_text (c->family_name);
      fuzz_check_text (c->full_name);
      fuzz_check_text (c->organization);
      fuzz_check_text (c->job_title);
      fuzz_check_text (c->role);
      fuzz_check_text (c->note);
      fuzz_check_text (c->birthday);
      fuzz_check_text (c->website);
      fuzz_check_fields (c->emails);
      fuzz_check_fields (c->phones);
      fuzz_check_strings (c->categories);
      fuzz_check_strings (c->languages);
      if (c->address != NULL)
        {
          fuzz_check_text (c->address->street);
          fuzz_check_text (c->address->locality);
          fuzz_check_text (c->address->region);
          fuzz_check_text (c->address->postal_code);
          fuzz_check_text (c->address->country);
        }
      if (c->birthday != NULL)
        {
          g_autofree char *again = NULL;

          /* a birthday is kept only in its normal form */
          g_assert (d360_normalize_birthday (c->birthday, &again));
          g_assert_cmpstr (again, ==, c->birthday);
        }
    }
}

static inline void
fuzz_check_problems (GPtrArray *problems,
                     guint      max_line)
{
  for (guint i = 0; i < problems->len; i++)
    {
      D360ParseProblem *problem = problems->pdata[i];

      g_assert (problem->line >= 1 && problem->line <= max_line);
      g_assert (problem->reason != NULL && *problem->reason != '\0');
      fuzz_check_text (problem->reason);
      if (i > 0)
        g_assert (((D360ParseProblem *) problems->pdata[i - 1])->line <= problem->line);
    }
}

/* Writes @contacts as vCard 3.0 and 4.0 and as CSV, reads each back and
 * checks that no contact was lost or added. */
static inline void
fuzz_check_writers (GPtrArray *contacts)
{
  for (guint v = 0; v < 2; v++)
    {
      g_autoptr(GBytes) out = d360_vcard_write (contacts, v == 0 ? D360_VCARD_VERSION_3_0
                                                                  : D360_VCARD_VERSION_4_0);
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) again = NULL;

      if (contacts->len == 0)
        continue;
      again = d360_vcard_parse (out, &problems, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (again->len, ==, contacts->len);
      g_assert_cmpuint (problems->len, ==, 0);
      for (guint i = 0; i < again->len; i++)
        g_assert_cmpstr (d360_parsed_contact_get_display_name (again->pdata[i]), ==,
                         d360_parsed_contact_get_display_name (contacts->pdata[i]));
    }

  for (guint s = 0; s < 2; s++)
    {
      g_autoptr(GBytes) out = d360_csv_write (contacts, s == 0 ? ',' : ';');
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) again = NULL;
      D360CsvLayout layout = D360_CSV_LAYOUT_UNKNOWN;

      again = d360_csv_parse (out, &layout, &problems, &error);
      g_assert_no_error (error);
      g_assert_cmpint (layout, ==, D360_CSV_LAYOUT_GOOGLE);
      g_assert_cmpuint (again->len, ==, contacts->len);
      g_assert_cmpuint (problems->len, ==, 0);
      for (guint i = 0; i < again->len; i++)
        {
          D360ParsedContact *c = contacts->pdata[i];
          const char *name = d360_parsed_contact_get_display_name (c);
          g_autoptr(GString) expected = g_string_new (NULL);
          guint run = 0;

          /* a contact known by an email address or phone number with
           * ":::" in it: the writer puts a space after every second colon
           * of a run (see without_multi_separator() in d360-csv.c) */
          if (c->full_name == NULL && c->organization == NULL)
            for (const char *p = name; *p != '\0'; p++)
              {
                if (*p != ':')
                  run = 0;
                else if (++run == 3)
                  {
                    g_string_append_c (expected, ' ');
                    run = 1;
                  }
                g_string_append_c (expected, *p);
              }
          else
            g_string_append (expected, name);
          g_assert_cmpstr (d360_parsed_contact_get_display_name (again->pdata[i]), ==,
                           expected->str);
        }
    }
}

/* A critical or warning from GLib (a failed g_return_if_fail, a bad
 * conversion) is a bug too: make it abort so that libFuzzer reports it. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  return 0;
}

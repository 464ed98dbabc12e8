/* interop-dump.c — shows what the vCard and CSV readers make of a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: interop-dump FILE.vcf|FILE.csv [--vcard=3|4 | --csv=SEPARATOR]
 * Without an option, prints the contacts and problems; with one, writes the
 * contacts back out in that format on standard output. For looking at
 * samples and at inputs the fuzzers find.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "d360-csv.h"
#include "d360-vcard.h"

static void
print_fields (const char *kind,
              GPtrArray  *fields)
{
  for (guint i = 0; i < fields->len; i++)
    {
      D360ContactField *field = fields->pdata[i];

      g_print ("  %s: %s types=0x%x label=%s%s\n", kind, field->value, field->types,
               field->label != NULL ? field->label : "-", field->invalid ? " INVALID" : "");
    }
}

static void
print_list (const char *kind,
            GPtrArray  *list)
{
  for (guint i = 0; i < list->len; i++)
    g_print ("  %s: %s\n", kind, (char *) list->pdata[i]);
}

#define PRINT(field) if (c->field != NULL) g_print ("  " #field ": %s\n", c->field)

static void
print_contact (D360ParsedContact *c)
{
  g_print ("line %u: %s\n", c->line, d360_parsed_contact_get_display_name (c));
  PRINT (uid);
  PRINT (honorific);
  PRINT (given_name);
  PRINT (family_name);
  PRINT (full_name);
  PRINT (organization);
  PRINT (job_title);
  PRINT (role);
  print_fields ("email", c->emails);
  print_fields ("phone", c->phones);
  if (c->address != NULL)
    g_print ("  address: %s | %s | %s | %s | %s\n",
             c->address->street, c->address->locality, c->address->region,
             c->address->postal_code, c->address->country);
  PRINT (note);
  print_list ("category", c->categories);
  print_list ("language", c->languages);
  PRINT (birthday);
  PRINT (website);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *data = NULL;
  gsize len;

  setlocale (LC_ALL, "");
  if (argc < 2)
    {
      g_printerr ("Usage: %s FILE.vcf|FILE.csv [--vcard=3|4 | --csv=SEPARATOR]\n", argv[0]);
      return 2;
    }

  if (!g_file_get_contents (argv[1], &data, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);

  if (g_str_has_suffix (argv[1], ".csv"))
    {
      D360CsvLayout layout = D360_CSV_LAYOUT_UNKNOWN;

      contacts = d360_csv_parse (bytes, &layout, &problems, &error);
      if (contacts != NULL && argc < 3)
        g_print ("layout %d\n", layout);
    }
  else
    contacts = d360_vcard_parse (bytes, &problems, &error);

  if (contacts == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  if (argc >= 3)
    {
      g_autoptr(GBytes) out = NULL;

      if (g_str_has_prefix (argv[2], "--vcard="))
        out = d360_vcard_write (contacts, strcmp (argv[2] + 8, "3") == 0 ? D360_VCARD_VERSION_3_0
                                                                       : D360_VCARD_VERSION_4_0);
      else if (g_str_has_prefix (argv[2], "--csv="))
        out = d360_csv_write (contacts, argv[2][6] != '\0' ? argv[2][6] : ',');
      else
        return 2;
      fwrite (g_bytes_get_data (out, NULL), 1, g_bytes_get_size (out), stdout);
      return 0;
    }

  for (guint i = 0; i < contacts->len; i++)
    print_contact (contacts->pdata[i]);
  for (guint i = 0; i < problems->len; i++)
    {
      D360ParseProblem *problem = problems->pdata[i];

      g_print ("problem line %u%s: %s\n", problem->line, problem->rejected ? " (rejected)" : "",
               problem->reason);
    }
  return 0;
}

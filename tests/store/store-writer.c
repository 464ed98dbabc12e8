/* store-writer.c — saves cities until it is killed (for the crash test)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: store-writer DATABASE
 *
 * Opens the store at DATABASE and saves one new city per transaction, for
 * ever. After each save has returned, its id goes to stdout as one line, so
 * every id the parent reads belongs to a committed city.
 */

#include <stdio.h>
#include <unistd.h>

#include "d360-store-city.h"

#define MAX_SAVES 1000000

int
main (int   argc,
      char *argv[])
{
  g_autoptr(D360Store) store = NULL;
  g_autoptr(GError) error = NULL;

  if (argc != 2)
    {
      g_printerr ("Usage: %s DATABASE\n", argv[0]);
      return 2;
    }

  store = d360_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("store-writer: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; i < MAX_SAVES; i++)
    {
      g_autofree char *name = g_strdup_printf ("Oraș nr. %u", i);
      g_autofree char *summary = g_strdup_printf ("Scris de procesul %d, pasul %u",
                                                  (int) getpid (), i);
      g_autoptr(D360City) city = d360_city_new (name);

      d360_city_set_country (city, "RO");
      d360_city_set_county (city, "RO-CJ");
      d360_city_set_population (city, i);
      d360_city_set_summary (city, summary);
      for (guint d = 0; d < D360_N_DIMENSIONS; d++)
        {
          d360_city_set_dimension_priority (city, d, 1 + (i + d) % 5);
          d360_city_set_dimension_notes (city, d, name);
        }

      if (!d360_store_save_city (store, city, &error))
        {
          g_printerr ("store-writer: %s\n", error->message);
          return 1;
        }

      printf ("%" G_GINT64_FORMAT "\n", d360_city_get_id (city));
      fflush (stdout);
    }

  return 0;
}

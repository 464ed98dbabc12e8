/* bench-vcard-parse.c — how fast 100 000 vCards are read and written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-vcard-parse --generate=FILE [--cards=N]   write a test file (vCard 3.0)
 *   bench-vcard-parse FILE [--runs=N]               time reading and writing it
 *
 * The generated cards are small, as an address book's are: a name with
 * Romanian diacritics, an organization and title, two email addresses (one
 * labelled in an item group), two phone numbers, an address, a note, a
 * category and a birthday. To compare with Debian's python3-vobject on the
 * same file:
 *
 *   /usr/bin/python3 -c 'import sys, time, vobject; t = time.monotonic(); \
 *     c = time.process_time(); \
 *     n = len(list(vobject.readComponents(open(sys.argv[1], encoding="utf-8")))); \
 *     print(n, "cards:", time.monotonic() - t, "s,", time.process_time() - c, "s CPU")' FILE
 *
 * Both print the CPU time too, which a busy machine disturbs less.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "d360-csv.h"
#include "d360-vcard.h"

static const char *const given_names[] = { "Ion", "Ștefania", "Andrei", "Ioana", "Mircea", "Țicu" };
static const char *const family_names[] = { "Popescu", "Țepeș", "Mureșan", "Văcărescu", "Bălan" };
static const char *const cities[] = { "București", "Iași", "Timișoara", "Brașov", "Constanța" };

static GPtrArray *
make_contacts (guint n)
{
  GPtrArray *contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) d360_parsed_contact_free);

  for (guint i = 0; i < n; i++)
    {
      D360ParsedContact *c = d360_parsed_contact_new ();
      const char *given = given_names[i % G_N_ELEMENTS (given_names)];
      const char *family = family_names[i % G_N_ELEMENTS (family_names)];
      g_autofree char *email = g_strdup_printf ("contact%u@minister.example.ro", i);
      g_autofree char *home = g_strdup_printf ("c%u@example.org", i);
      g_autofree char *phone = g_strdup_printf ("+40 21 %03u %04u", i % 1000, i % 10000);
      g_autofree char *mobile = g_strdup_printf ("07%02u %03u %03u", i % 100, i % 1000, i % 997);

      c->given_name = g_strdup (given);
      c->family_name = g_strdup_printf ("%s-%u", family, i);
      c->full_name = g_strdup_printf ("%s %s", c->given_name, c->family_name);
      c->organization = g_strdup ("Ministerul Afacerilor Externe");
      c->job_title = g_strdup ("Consilier diplomatic");
      d360_parsed_contact_add_email (c, email, D360_CONTACT_FIELD_WORK | D360_CONTACT_FIELD_PREF,
                                     NULL);
      d360_parsed_contact_add_email (c, home, D360_CONTACT_FIELD_HOME, "Personal");
      d360_parsed_contact_add_phone (c, phone, D360_CONTACT_FIELD_WORK, NULL);
      d360_parsed_contact_add_phone (c, mobile, D360_CONTACT_FIELD_CELL, NULL);
      c->address = g_new0 (D360PostalAddress, 1);
      c->address->street = g_strdup_printf ("Strada Ștefan cel Mare %u", i % 200);
      c->address->locality = g_strdup (cities[i % G_N_ELEMENTS (cities)]);
      c->address->postal_code = g_strdup_printf ("%06u", i % 900000);
      c->address->country = g_strdup ("România");
      c->note = g_strdup ("Întâlnire la ambasadă; de revăzut acordul, punctul 3.");
      g_ptr_array_add (c->categories, g_strdup ("Parteneri"));
      c->birthday = g_strdup_printf ("19%02u-%02u-%02u", 50 + i % 50, 1 + i % 12, 1 + i % 28);
      g_ptr_array_add (contacts, c);
    }
  return contacts;
}

static gint64
now (void)
{
  return g_get_monotonic_time ();
}

static gint64
cpu_now (void)
{
  struct timespec t;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec * G_GINT64_CONSTANT (1000000) + t.tv_nsec / 1000;
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *data = NULL;
  const char *path = NULL;
  const char *generate = NULL;
  guint cards = 100000, runs = 5;
  gsize len;
  gint64 start, write_vcard, write_csv, parse_csv;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--generate="))
        generate = argv[i] + 11;
      else if (g_str_has_prefix (argv[i], "--cards="))
        cards = (guint) strtoul (argv[i] + 8, NULL, 10);
      else if (g_str_has_prefix (argv[i], "--runs="))
        runs = MAX ((guint) strtoul (argv[i] + 7, NULL, 10), 1);
      else
        path = argv[i];
    }

  if (generate != NULL)
    {
      g_autoptr(GPtrArray) made = make_contacts (cards);
      g_autoptr(GBytes) out = d360_vcard_write (made, D360_VCARD_VERSION_3_0);

      if (!g_file_set_contents (generate, g_bytes_get_data (out, NULL), g_bytes_get_size (out),
                                &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_print ("wrote %u cards, %" G_GSIZE_FORMAT " bytes, to %s\n", cards,
               g_bytes_get_size (out), generate);
      return 0;
    }

  if (path == NULL)
    {
      g_printerr ("Usage: %s --generate=FILE [--cards=N] | FILE [--runs=N]\n", argv[0]);
      return 2;
    }

  if (!g_file_get_contents (path, &data, &len, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  bytes = g_bytes_new_take (g_steal_pointer (&data), len);

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      gint64 elapsed, cpu_start, cpu;

      g_clear_pointer (&contacts, g_ptr_array_unref);
      start = now ();
      cpu_start = cpu_now ();
      contacts = d360_vcard_parse (bytes, &problems, &error);
      cpu = cpu_now () - cpu_start;
      elapsed = now () - start;
      if (contacts == NULL)
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      g_array_append_val (times, elapsed);
      g_array_append_val (cpu_times, cpu);
      if (run == 0 && problems->len > 0)
        g_printerr ("%u problems\n", problems->len);
    }
  g_array_sort (times, compare_times);
  g_array_sort (cpu_times, compare_times);

  start = now ();
  g_bytes_unref (d360_vcard_write (contacts, D360_VCARD_VERSION_4_0));
  write_vcard = now () - start;

  start = now ();
  {
    g_autoptr(GBytes) csv = d360_csv_write (contacts, ';');
    g_autoptr(GPtrArray) again = NULL;

    write_csv = now () - start;
    start = now ();
    again = d360_csv_parse (csv, NULL, NULL, NULL);
    parse_csv = now () - start;
    g_assert (again != NULL && again->len == contacts->len);
  }

  g_print ("vCard parse: %u cards, %.1f MB: best %.3f s, median %.3f s "
           "(CPU: best %.3f s, median %.3f s) (%u runs)\n",
           contacts->len, len / 1e6, g_array_index (times, gint64, 0) / 1e6,
           g_array_index (times, gint64, times->len / 2) / 1e6,
           g_array_index (cpu_times, gint64, 0) / 1e6,
           g_array_index (cpu_times, gint64, cpu_times->len / 2) / 1e6, runs);
  g_print ("vCard 4.0 write: %.3f s\n", write_vcard / 1e6);
  g_print ("CSV write: %.3f s, CSV parse: %.3f s\n", write_csv / 1e6, parse_csv / 1e6);
  return 0;
}

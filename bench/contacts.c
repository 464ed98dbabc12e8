/* contacts.c — how fast the contact book imports, exports, opens and searches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-contacts [--contacts 100000] [--organizations 20000] [--rounds 3]
 *                       [--import-runs 3] [--keep DIR] [--no-vobject] [-v]
 *
 * 1. Generates an address book in memory (Romanian and foreign names with
 *    diacritics, both forms of ș and ț, organisations, titles, emails,
 *    phones, addresses, notes, tags, languages, birthdays) and writes it as
 *    one vCard 3.0 file.
 * 2. Imports that file into a fresh database, timed: reading and parsing,
 *    converting to contacts (ISO codes, validation), and the store's import
 *    (organisations made by name, duplicate checks, one transaction).
 *    --import-runs times in all, each into a fresh database (the median
 *    decides the target: one run says more about the machine's moment than
 *    about the import). Then imports it again: every card is already stored.
 * 3. Exports every contact to vCard 4.0 and 3.0 and to CSV, timed.
 * 4. Times Debian's python3-vobject reading the same file, for comparison.
 * 5. In a fresh child process (so that nothing the import left in memory
 *    counts): opens the contact list (d360_store_list_contacts, the count,
 *    the first 50 items), reads VmRSS with the list open, types searches
 *    one character at a time (set_query, count, first 20 items) with and
 *    without diacritics, and reads VmRSS again after scrolling the list.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "d360-contact-io.h"
#include "d360-csv.h"
#include "d360-store-contacts.h"
#include "d360-vcard.h"

#define LIST_OPEN_ITEMS 50
#define KEYSTROKE_ITEMS 20
#define TARGET_OPEN_MS 100.0
#define TARGET_KEYSTROKE_MS 10.0
#define TARGET_RSS_MIB 150.0
#define TARGET_IMPORT_MS 5000.0
#define TARGET_EXPORT_MS 2000.0

static const char * const given_names[] = {
  "Ion", "Ioana", "Ștefan", "Ștefania", "Andrei", "Mihai", "Maria", "Elena", "Cătălin",
  "Mădălina", "Răzvan", "Bogdan", "Alexandru", "Alexandra", "Cristina", "Gheorghe", "Vasile",
  "Ana", "Irina", "Teodora", "Tudor", "Radu", "Oana", "Iulia", "Dănuț", "Aurelia", "Ţuţu",
  "Jean", "Marie", "Hans", "Anna", "John", "Emma", "Giovanni", "Sofia", "Miguel", "Carmen",
  "Péter", "Zsófia", "Jan", "Katarzyna", "Dimitris", "Eleni", "Olena", "Taras", "Kenji", "Mei",
  "Ahmed", "Fatima", "Łukasz", "Søren", "François", "Jürgen",
};

static const char * const family_names[] = {
  "Popescu", "Ionescu", "Popa", "Rădulescu", "Stoica", "Stănescu", "Dumitrescu", "Gheorghiu",
  "Mureșan", "Țepeș", "Bălan", "Văcărescu", "Pădureanu", "Țurcanu", "Ștefănescu", "Munteanu",
  "Constantinescu", "Nistor", "Oprea", "Dinu", "Lungu", "Moldovan", "Neagu", "Șerban",
  "Căpraru", "Brâncoveanu", "Dumitru", "Marin", "Enache", "Şerbănescu", "Ţiriac", "Lefèvre",
  "Müller", "Schmidt", "Rossi", "García", "Kovács", "Nowak", "Papadopoulos", "Shevchenko",
  "Smith", "Tanaka", "Wang", "Haddad", "Dąbrowski", "Østergaard", "Çelik", "Novák",
};

static const char * const honorifics[] = {
  NULL, NULL, NULL, NULL, NULL, "Dl.", "Dna.", "Dr.", "Prof.", "E.S.", "H.E.", "Ing.",
};

static const char * const places[] = {
  "București", "Cluj-Napoca", "Timișoara", "Iași", "Constanța", "Craiova", "Brașov",
  "Galați", "Ploiești", "Oradea", "Brăila", "Arad", "Pitești", "Sibiu", "Bacău",
  "Târgu Mureș", "Baia Mare", "Buzău", "Botoșani", "Satu Mare", "Chișinău", "Bălți",
  "Paris", "Lyon", "Berlin", "München", "Wien", "Roma", "Milano", "Madrid", "Budapest",
  "Szeged", "Warszawa", "Kraków", "Praha", "Sofia", "Beograd", "Kyiv", "Istanbul", "Tokyo",
  "Shanghai", "Dubai", "London", "Bruxelles", "Den Haag", "Stockholm", "Zürich", "Athína",
  "Thessaloniki", "Novi Sad",
};

static const char * const countries[] = {
  "România", "Romania", "RO", "Republica Moldova", "Franța", "France", "Germania", "Deutschland",
  "Austria", "Italia", "Spania", "Ungaria", "Magyarország", "Polonia", "Cehia", "Bulgaria",
  "Serbia", "Ucraina", "Turcia", "Japan", "China", "United Arab Emirates", "United Kingdom",
  "Belgia", "Netherlands", "Sweden", "Elveţia", "Greece", "Grecia", "Serbia",
};

static const char * const org_templates[] = {
  "Ambasada %s", "Consulatul General din %s", "Camera de Comerț și Industrie %s",
  "%s Investment Partners", "%s Logistics SRL", "Universitatea din %s", "Fundația %s",
  "Asociația pentru Dezvoltare %s", "%s Automotive GmbH", "Institutul Cultural Român %s",
  "Primăria %s", "Agenția de Dezvoltare Regională %s", "%s Software Solutions",
  "Banca de Investiții %s", "Clubul Oamenilor de Afaceri %s", "Teatrul Național %s",
  "%s Energy Holding", "Centrul de Cercetare %s", "Rețeaua Orașelor %s", "Televiziunea %s",
};

static const char * const org_suffixes[] = {
  "", " — Nord", " — Sud", " — Vest", " — Est", " — Centru", " — Filiala Cluj",
  " — Filiala Iași", " — Sucursala Timiș", " — Biroul Regional", " (sediul central)",
  " Group", " Holding", " Foundation", " Europe", " International", " Balkans", " Danube",
  " Black Sea", " Carpathia",
};

static const char * const titles[] = {
  "Consilier economic", "Ambasador", "Consul general", "Director executiv", "Manager de țară",
  "Președinte", "Vicepreședinte", "Șef de misiune adjunct", "Atașat cultural", "Profesor",
  "Head of investments", "Managing partner", "Programme officer", "Trade attaché",
  "Purtător de cuvânt", "Secretar general", "Redactor-șef", "Consultant", "Analist",
};

static const char * const roles[] = {
  NULL, NULL, "Diplomat", "Investor", "Business", "Public official", "NGO", "Academic",
  "Cultural", "Media",
};

static const char * const streets[] = {
  "Strada Ștefan cel Mare", "Bulevardul Unirii", "Calea Victoriei", "Piața Țepeș Vodă",
  "Strada Mihai Eminescu", "Aleea Trandafirilor", "Şoseaua Kiseleff", "Rue de la Paix",
  "Unter den Linden", "Via del Corso", "Andrássy út", "Bulevardul Revoluției din 1989",
};

static const char * const note_words[] = {
  "întâlnire", "la", "ambasadă", "acord", "de", "înfrățire", "investiții", "străine",
  "parc", "industrial", "vizită", "oficială", "în", "martie", "festival", "cultural",
  "memorandum", "cooperare", "transfrontalieră", "țară", "oraș", "şantier", "follow-up",
  "meeting", "delegation", "trade", "fair", "sister-city", "partnership", "energie", "verde",
};

static const char * const tag_names[] = {
  "Parteneri", "Înfrățire", "Investitori", "VIP", "Expo 2026", "Festival", "Delegații",
  "Presă", "Țările nordice", "Diaspora", "Newsletter",
};

static const char * const language_names[] = {
  "ro", "en", "fr", "de", "it", "es", "hu", "ru", "en-GB", "română", "English", "Deutsch",
  "français", "magyar", "Spanish", "uk", "pl", "bg", "tr", "ja", "zh",
};

static const char * const domains[] = {
  "mae.example.ro", "example.com", "primaria.example.ro", "cci.example.ro", "example.org",
  "uni.example.eu", "invest.example.de", "example.fr", "example.md", "gov.example.hu",
};

/* What a user types into the search box, one character at a time. */
static const char * const phrases[] = {
  "popescu", "ștefan", "stefan", "mureșan ioana", "muresan", "țepeș", "tepes",
  "ambasada", "camera de comerț", "camera de comert", "investment", "consilier economic",
  "bălan", "kovács", "expo",
};

/* ------------------------------------------------------------ utilities */

static double
elapsed_ms (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

/* The machine may be shared: CPU time says what the work costs, wall time
 * what the user waits. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1000000.0;
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;
  long kib = -1;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  if (line != NULL)
    sscanf (line, "VmRSS: %ld", &kib);
  return kib;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  const char *name;
  GArray     *samples;   /* of double, ms */
  GArray     *cpu;       /* of double, ms */
  double      target;    /* 0: none */
} Series;

static Series *
series_new (const char *name,
            double      target)
{
  Series *series = g_new0 (Series, 1);

  series->name = name;
  series->samples = g_array_new (FALSE, FALSE, sizeof (double));
  series->cpu = g_array_new (FALSE, FALSE, sizeof (double));
  series->target = target;
  return series;
}

static void
series_free (Series *series)
{
  g_array_unref (series->samples);
  g_array_unref (series->cpu);
  g_free (series);
}

static void
series_add (Series *series,
            double  ms,
            double  cpu)
{
  g_array_append_val (series->samples, ms);
  g_array_append_val (series->cpu, cpu);
}

static double
median_of (GArray *s)
{
  guint n = s->len;

  g_array_sort (s, compare_doubles);
  return n % 2 ? g_array_index (s, double, n / 2)
               : (g_array_index (s, double, n / 2 - 1) + g_array_index (s, double, n / 2)) / 2;
}

static void
print_header (void)
{
  printf ("| %-48s | %5s | %9s | %9s | %9s | %9s | %-14s |\n", "operation", "runs", "median",
          "p95", "max", "CPU med.", "target");
  printf ("|%s|%s|%s|%s|%s|%s|%s|\n", "--------------------------------------------------",
          "------:", "----------:", "----------:", "----------:", "----------:",
          "----------------");
}

static void
series_print (Series *series)
{
  GArray *s = series->samples;
  double median, p95, max;
  guint n = s->len;

  if (n == 0)
    return;
  median = median_of (s);
  p95 = g_array_index (s, double, (95 * n + 99) / 100 - 1);
  max = g_array_index (s, double, n - 1);

  printf ("| %-48s | %5u | %9.2f | %9.2f | %9.2f | %9.2f | %-14s |\n", series->name, n, median,
          p95, max, median_of (series->cpu),
          series->target <= 0 ? "" : median < series->target ? "met" : "MISSED");
  fflush (stdout);
}

static void
print_once (const char *name,
            double      ms,
            double      cpu,
            double      target)
{
  printf ("| %-48s | %5u | %9.2f | %9s | %9s | %9.2f | %-14s |\n", name, 1, ms, "", "", cpu,
          target <= 0 ? "" : ms < target ? "met" : cpu < target ? "MISSED (CPU: met)"
                                                                : "MISSED");
  fflush (stdout);
}

static const char *
pick (GRand             *rand,
      const char * const *list,
      guint               n)
{
  return list[g_rand_int_range (rand, 0, (gint32) n)];
}

#define PICK(rand, list) pick ((rand), (list), G_N_ELEMENTS (list))

/* "Ștefănescu" → "stefanescu", for email addresses */
static char *
ascii_fold (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *out = g_string_new (NULL);

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80 && (g_ascii_isalnum (c)))
        g_string_append_c (out, g_ascii_tolower (c));
      else if (c == 0x0141 || c == 0x0142)
        g_string_append_c (out, 'l');
      else if (c == 0x00D8 || c == 0x00F8)
        g_string_append_c (out, 'o');
    }
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------ generation */

static GPtrArray *
make_organization_names (guint n)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  guint per_suffix = G_N_ELEMENTS (org_templates) * G_N_ELEMENTS (places);

  for (guint i = 0; i < n; i++)
    {
      const char *template = org_templates[i % G_N_ELEMENTS (org_templates)];
      const char *place = places[(i / G_N_ELEMENTS (org_templates)) % G_N_ELEMENTS (places)];
      guint round = i / per_suffix;
      g_autofree char *base = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      base = g_strdup_printf (template, place);
#pragma GCC diagnostic pop
      if (round < G_N_ELEMENTS (org_suffixes))
        g_ptr_array_add (names, g_strconcat (base, org_suffixes[round], NULL));
      else
        g_ptr_array_add (names, g_strdup_printf ("%s %u", base, round));
    }
  return names;
}

static char *
make_note (GRand *rand)
{
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 4, 16);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, PICK (rand, note_words));
    }
  g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}

static GPtrArray *
make_contacts (guint      n,
               GPtrArray *organizations,
               GRand     *rand)
{
  GPtrArray *contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) d360_parsed_contact_free);

  for (guint i = 0; i < n; i++)
    {
      D360ParsedContact *c = d360_parsed_contact_new ();
      const char *given = PICK (rand, given_names);
      const char *family = PICK (rand, family_names);
      g_autofree char *given_ascii = ascii_fold (given);
      g_autofree char *family_ascii = ascii_fold (family);
      g_autofree char *email = g_strdup_printf ("%s.%s.%u@%s", given_ascii, family_ascii, i,
                                                PICK (rand, domains));

      c->honorific = g_strdup (PICK (rand, honorifics));
      c->given_name = g_strdup (given);
      c->family_name = g_strdup (family);
      c->full_name = g_strdup_printf ("%s%s%s %s", c->honorific != NULL ? c->honorific : "",
                                      c->honorific != NULL ? " " : "", given, family);
      /* a few organisations have many people, most have a handful */
      if (g_rand_int_range (rand, 0, 10) > 0)
        {
          guint org = g_rand_int_range (rand, 0, 4) == 0
                      ? (guint) g_rand_int_range (rand, 0, 200)
                      : (guint) g_rand_int_range (rand, 0, (gint32) organizations->len);

          c->organization = g_strdup (g_ptr_array_index (organizations, org));
        }
      c->job_title = g_strdup (PICK (rand, titles));
      c->role = g_strdup (PICK (rand, roles));
      d360_parsed_contact_add_email (c, email, D360_CONTACT_FIELD_WORK | D360_CONTACT_FIELD_PREF,
                                     NULL);
      if (g_rand_int_range (rand, 0, 3) == 0)
        {
          g_autofree char *home = g_strdup_printf ("%s%u@example.net", family_ascii, i);

          d360_parsed_contact_add_email (c, home, D360_CONTACT_FIELD_HOME, "Personal");
        }
      {
        g_autofree char *phone = g_strdup_printf ("+40 %u %03u %03u",
                                                  g_rand_int_range (rand, 21, 800),
                                                  g_rand_int_range (rand, 0, 1000),
                                                  g_rand_int_range (rand, 0, 1000));

        d360_parsed_contact_add_phone (c, phone, D360_CONTACT_FIELD_WORK, NULL);
      }
      if (g_rand_int_range (rand, 0, 2) == 0)
        {
          g_autofree char *mobile = g_strdup_printf ("07%02u %03u %03u",
                                                     g_rand_int_range (rand, 0, 100),
                                                     g_rand_int_range (rand, 0, 1000),
                                                     g_rand_int_range (rand, 0, 1000));

          d360_parsed_contact_add_phone (c, mobile, D360_CONTACT_FIELD_CELL, NULL);
        }
      if (g_rand_int_range (rand, 0, 4) > 0)
        {
          c->address = g_new0 (D360PostalAddress, 1);
          c->address->street = g_strdup_printf ("%s %u", PICK (rand, streets),
                                                g_rand_int_range (rand, 1, 200));
          c->address->locality = g_strdup (PICK (rand, places));
          c->address->postal_code = g_strdup_printf ("%06u", g_rand_int_range (rand, 10000,
                                                                               999999));
          c->address->country = g_strdup (PICK (rand, countries));
        }
      if (g_rand_int_range (rand, 0, 2) == 0)
        c->note = make_note (rand);
      for (int k = g_rand_int_range (rand, 0, 3); k > 0; k--)
        g_ptr_array_add (c->categories, g_strdup (PICK (rand, tag_names)));
      for (int k = g_rand_int_range (rand, 1, 3); k > 0; k--)
        g_ptr_array_add (c->languages, g_strdup (PICK (rand, language_names)));
      if (g_rand_int_range (rand, 0, 3) == 0)
        c->birthday = g_strdup_printf ("%d-%02d-%02d", g_rand_int_range (rand, 1940, 2000),
                                       g_rand_int_range (rand, 1, 13),
                                       g_rand_int_range (rand, 1, 29));
      if (g_rand_int_range (rand, 0, 5) == 0)
        c->website = g_strdup_printf ("https://www.%s/%s", PICK (rand, domains), family_ascii);
      g_ptr_array_add (contacts, c);
    }

  return contacts;
}

/* ------------------------------------------------------------ list (child) */

static gboolean verbose;

static void
fetch_items (GListModel *model,
             guint       n)
{
  guint count = MIN (n, g_list_model_get_n_items (model));

  for (guint i = 0; i < count; i++)
    g_object_unref (g_list_model_get_item (model, i));
}

static void
keystroke (GListModel             *model,
           const D360ContactQuery *query,
           Series                 *series)
{
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_ms ();
  double ms;

  d360_store_contact_list_set_query (model, query);
  g_list_model_get_n_items (model);
  fetch_items (model, KEYSTROKE_ITEMS);
  ms = elapsed_ms (start);
  series_add (series, ms, cpu_ms () - cpu);

  if (verbose && ms > TARGET_KEYSTROKE_MS)
    g_printerr ("slow: %.1f ms: “%s”, %u items\n", ms,
                query->search != NULL ? query->search : "", g_list_model_get_n_items (model));
}

static void
type_phrase (GListModel       *model,
             D360ContactQuery *query,
             const char       *phrase,
             Series           *with_diacritics,
             Series           *plain)
{
  glong n = g_utf8_strlen (phrase, -1);
  gboolean ascii = g_str_is_ascii (phrase);

  for (glong i = 1; i <= n; i++)
    {
      g_autofree char *prefix = g_utf8_substring (phrase, 0, i);

      query->search = prefix;
      keystroke (model, query, ascii ? plain : with_diacritics);
    }
  for (glong i = n - 1; i >= 0; i--)
    {
      g_autofree char *prefix = g_utf8_substring (phrase, 0, i);

      query->search = prefix;
      keystroke (model, query, ascii ? plain : with_diacritics);
    }
  query->search = NULL;
}

static int
measure_list (const char *path,
              int         rounds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(D360Store) store = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  Series *open_cold, *open_warm, *typing_diacritics, *typing_plain, *filters;
  D360ContactQuery query;
  long rss_start, rss_open, rss_walked;
  guint n_items = 0, walked = 0;
  gint64 start;
  double cpu;

  rss_start = rss_kib ();
  store = d360_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  open_cold = series_new ("open list, first time (store just opened)", TARGET_OPEN_MS);
  open_warm = series_new ("open list, again", TARGET_OPEN_MS);
  typing_diacritics = series_new ("keystroke, words with diacritics", TARGET_KEYSTROKE_MS);
  typing_plain = series_new ("keystroke, words without diacritics", TARGET_KEYSTROKE_MS);
  filters = series_new ("category / sort change", TARGET_KEYSTROKE_MS);
  g_ptr_array_add (all, open_cold);
  g_ptr_array_add (all, open_warm);
  g_ptr_array_add (all, typing_diacritics);
  g_ptr_array_add (all, typing_plain);
  g_ptr_array_add (all, filters);

  d360_contact_query_init (&query);
  start = g_get_monotonic_time ();
  cpu = cpu_ms ();
  model = d360_store_list_contacts (store, &query);
  n_items = g_list_model_get_n_items (model);
  fetch_items (model, LIST_OPEN_ITEMS);
  series_add (open_cold, elapsed_ms (start), cpu_ms () - cpu);
  rss_open = rss_kib ();

  for (int i = 0; i < rounds * 10; i++)
    {
      g_autoptr(GListModel) again = NULL;

      start = g_get_monotonic_time ();
      cpu = cpu_ms ();
      again = d360_store_list_contacts (store, &query);
      g_list_model_get_n_items (again);
      fetch_items (again, LIST_OPEN_ITEMS);
      series_add (open_warm, elapsed_ms (start), cpu_ms () - cpu);
    }

  for (int round = 0; round < rounds; round++)
    for (guint p = 0; p < G_N_ELEMENTS (phrases); p++)
      type_phrase (model, &query, phrases[p], typing_diacritics, typing_plain);

  for (int round = 0; round < rounds; round++)
    {
      for (int category = 0; category < D360_N_CATEGORIES; category++)
        {
          query.category = category;
          keystroke (model, &query, filters);
        }
      query.category = -1;
      query.sort = D360_CONTACT_SORT_UPDATED;
      keystroke (model, &query, filters);
      query.sort = D360_CONTACT_SORT_NAME;
      keystroke (model, &query, filters);
    }

  d360_contact_query_init (&query);
  d360_store_contact_list_set_query (model, &query);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++, walked++)
    g_object_unref (g_list_model_get_item (model, i));
  rss_walked = rss_kib ();

  printf ("List: %u contacts, SQLite %s\n\n", n_items, sqlite3_libversion ());
  print_header ();
  for (guint i = 0; i < all->len; i++)
    series_print (g_ptr_array_index (all, i));
  printf ("\n(ms; opening = list_contacts + count + first %d items; a keystroke = set_query + "
          "count + first %d items, for every prefix of %u phrases typed and deleted)\n\n",
          LIST_OPEN_ITEMS, KEYSTROKE_ITEMS, (guint) G_N_ELEMENTS (phrases));
  printf ("VmRSS: %ld KiB at start; %ld KiB (%.1f MiB) with the list open (%s, target < %.0f "
          "MiB); %ld KiB (%.1f MiB) after scrolling all %u items\n",
          rss_start, rss_open, rss_open / 1024.0,
          rss_open / 1024.0 < TARGET_RSS_MIB ? "met" : "MISSED", TARGET_RSS_MIB,
          rss_walked, rss_walked / 1024.0, walked);
  return 0;
}

/* ------------------------------------------------------------ vobject */

static gboolean
time_vobject (const char *file,
              double     *ms,
              double     *cpu,
              guint      *n_cards)
{
  const char *script =
    "import sys, time, vobject\n"
    "t, c = time.monotonic(), time.process_time()\n"
    "n = sum(1 for _ in vobject.readComponents(open(sys.argv[1], encoding='utf-8')))\n"
    "print(n, (time.monotonic() - t) * 1000, (time.process_time() - c) * 1000)\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, file, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error) ||
      sscanf (out, "%u %lf %lf", n_cards, ms, cpu) != 3)
    {
      g_printerr ("python3-vobject: %s %s\n", error != NULL ? error->message : "",
                  err != NULL ? err : "");
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------ main */

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

/* Reads @vcf_path and imports it into a fresh database in a folder of its
 * own under @dir, then removes it: adds the time (names once per process
 * included, as for a new process) to @total. */
static gboolean
time_fresh_import (const char  *dir,
                   const char  *vcf_path,
                   guint        run,
                   double       names_ms,
                   double       names_cpu,
                   Series      *total)
{
  g_autofree char *name = g_strdup_printf ("import-%u", run);
  g_autofree char *folder = g_build_filename (dir, name, NULL);
  g_autofree char *path = g_build_filename (folder, "contacts.db", NULL);
  g_autoptr(D360ContactFile) file = NULL;
  g_autoptr(GError) error = NULL;
  D360ImportCounts counts = { 0, };
  D360Store *store;
  gint64 start;
  double cpu;
  gboolean ok;

  if (g_mkdir_with_parents (folder, 0700) != 0 || (store = d360_store_open (path, &error)) == NULL)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "cannot make the folder");
      return FALSE;
    }
  start = g_get_monotonic_time ();
  cpu = cpu_ms ();
  file = d360_contact_file_read (vcf_path, NULL, &error);
  ok = file != NULL && d360_store_import_contacts (store, file->contacts, D360_IMPORT_SKIP,
                                                   FALSE, &counts, NULL, NULL, NULL, &error);
  if (ok)
    series_add (total, names_ms + elapsed_ms (start), names_cpu + cpu_ms () - cpu);
  else
    g_printerr ("%s\n", error->message);
  g_clear_pointer (&file, d360_contact_file_free);
  g_object_unref (store);
  remove_tree (folder);
  return ok;
}

static gboolean
time_export (D360Store         *store,
             const char        *path,
             D360ContactFormat  format,
             D360VCardVersion   version,
             const char        *name,
             double             target)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  double cpu = cpu_ms ();
  guint n = 0;

  if (!d360_contact_io_export_to_file (store, NULL, path, format, version, ',', &n, &error))
    {
      g_printerr ("%s\n", error->message);
      return FALSE;
    }
  print_once (name, elapsed_ms (start), cpu_ms () - cpu, target);
  return TRUE;
}

/* The vCard 4.0 export again, in a process of its own that did nothing
 * before it but open the store (not timed): as the command line exports, and
 * without the heap an import leaves behind. */
static int
measure_export (const char *db_path,
                const char *out_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(D360Store) store = d360_store_open (db_path, &error);

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return time_export (store, out_path, D360_CONTACT_FORMAT_VCARD, D360_VCARD_VERSION_4_0,
                      "export all to vCard 4.0, fresh process", TARGET_EXPORT_MS) ? 0 : 1;
}

/* Find Duplicates on an existing database (for one with thousands of pairs,
 * import the benchmark's file with `--duplicates=import`): every pair, then
 * the two people of each pair of the window's first page (it shows
 * PAGE_SIZE = 100 at a time; each row looks its two people up). */
static int
measure_duplicates (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(D360Store) store = d360_store_open (path, &error);
  g_autoptr(GPtrArray) pairs = NULL;
  gint64 start;
  double cpu;
  guint n_page;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  cpu = cpu_ms ();
  pairs = d360_store_find_duplicate_pairs (store, &error);
  if (pairs == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  print_once ("find every likely duplicate pair", elapsed_ms (start), cpu_ms () - cpu, 0);

  n_page = MIN (pairs->len, 100);
  start = g_get_monotonic_time ();
  cpu = cpu_ms ();
  for (guint i = 0; i < n_page; i++)
    {
      D360DuplicatePair *pair = g_ptr_array_index (pairs, i);
      g_autoptr(D360Contact) first = d360_store_get_contact (store, pair->first_id, NULL);
      g_autoptr(D360Contact) second = d360_store_get_contact (store, pair->second_id, NULL);

      if (first == NULL || second == NULL)
        {
          g_printerr ("Pair %u: a person is missing\n", i);
          return 1;
        }
    }
  print_once ("look up the people of the first page", elapsed_ms (start), cpu_ms () - cpu, 0);
  printf ("\n%u pairs; a page shows %u\n", pairs->len, n_page);
  return 0;
}

/* Tags, deletes and brings back the first @n people of the list (its order,
 * not their ids'), as the list's selection does: on DB itself, which keeps
 * the tag. */
static int
measure_bulk (const char *path,
              guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(D360Store) store = d360_store_open (path, &error);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GObject) deleted = NULL;
  D360ContactQuery query;
  gint64 start;
  double cpu;

  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  d360_contact_query_init (&query);
  ids = d360_store_list_contact_ids (store, &query, &error);
  if (ids == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_array_set_size (ids, MIN (n, ids->len));

  start = g_get_monotonic_time ();
  cpu = cpu_ms ();
  if (!d360_store_tag_contacts (store, ids, "Bench", &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  print_once ("tag the selected people", elapsed_ms (start), cpu_ms () - cpu, 0);

  start = g_get_monotonic_time ();
  cpu = cpu_ms ();
  deleted = d360_store_delete_contacts (store, ids, &error);
  if (deleted == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  print_once ("delete the selected people", elapsed_ms (start), cpu_ms () - cpu, 0);

  start = g_get_monotonic_time ();
  cpu = cpu_ms ();
  if (!d360_store_undo_delete_contacts (store, deleted, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  print_once ("undo the delete", elapsed_ms (start), cpu_ms () - cpu, 0);
  printf ("\n%u people selected, in the list's order\n", ids->len);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  int n_contacts = 100000, n_organizations = 20000, rounds = 3, import_runs = 3;
  gboolean no_vobject = FALSE;
  g_autofree char *keep = NULL;
  g_autofree char *measure = NULL;
  g_autofree char *measure_export_db = NULL;
  g_autofree char *measure_export_out = NULL;
  g_autofree char *measure_duplicates_db = NULL;
  g_autofree char *measure_bulk_db = NULL;
  int bulk = 5000;
  GOptionEntry entries[] = {
    { "contacts", 0, 0, G_OPTION_ARG_INT, &n_contacts, "Contacts to generate", "N" },
    { "organizations", 0, 0, G_OPTION_ARG_INT, &n_organizations, "Organisations", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Rounds of typing", "N" },
    { "import-runs", 0, 0, G_OPTION_ARG_INT, &import_runs,
      "Imports of the file into a fresh database (the median counts)", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the database and files in DIR", "DIR" },
    { "no-vobject", 0, 0, G_OPTION_ARG_NONE, &no_vobject, "Do not run python3-vobject", NULL },
    { "measure-list", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &measure, NULL, NULL },
    { "measure-export", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &measure_export_db,
      NULL, NULL },
    { "export-to", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &measure_export_out,
      NULL, NULL },
    { "measure-duplicates", 0, 0, G_OPTION_ARG_FILENAME, &measure_duplicates_db,
      "Only time Find Duplicates on the database DB", "DB" },
    { "measure-bulk", 0, 0, G_OPTION_ARG_FILENAME, &measure_bulk_db,
      "Only time tagging, deleting and undoing --bulk people on DB (it keeps the tag)", "DB" },
    { "bulk", 0, 0, G_OPTION_ARG_INT, &bulk, "People selected for --measure-bulk", "N" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Report each slow keystroke", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— contact book benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autoptr(GPtrArray) organizations = NULL;
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GBytes) vcard = NULL;
  g_autoptr(D360Store) store = NULL;
  g_autoptr(D360ContactFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *vcf_path = NULL;
  g_autofree char *out_path = NULL;
  D360ImportCounts counts = { 0, };
  gint64 start;
  double parse_only_ms, read_ms, import_ms, reimport_ms = 0, names_ms;
  double parse_only_cpu, read_cpu, import_cpu, reimport_cpu, names_cpu, cpu;
  gsize vcard_size;
  guint n_rejected, n_problems;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  rounds = MAX (rounds, 1);
  if (measure != NULL)
    return measure_list (measure, rounds);
  if (measure_export_db != NULL && measure_export_out != NULL)
    return measure_export (measure_export_db, measure_export_out);
  if (measure_duplicates_db != NULL)
    return measure_duplicates (measure_duplicates_db);
  if (measure_bulk_db != NULL)
    return measure_bulk (measure_bulk_db, (guint) MAX (bulk, 1));

  n_contacts = MAX (n_contacts, 1);
  n_organizations = MAX (n_organizations, 1);

  dir = keep != NULL ? g_strdup (keep) : g_dir_make_tmp ("d360-bench-contacts-XXXXXX", &error);
  if (dir == NULL || g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "cannot make the folder");
      return 1;
    }
  db_path = g_build_filename (dir, "contacts.db", NULL);
  vcf_path = g_build_filename (dir, "contacts.vcf", NULL);
  out_path = g_build_filename (dir, "export.vcf", NULL);
  g_unlink (db_path);

  /* 1. The address book, as a vCard 3.0 file */
  rand = g_rand_new_with_seed (360);
  start = g_get_monotonic_time ();
  organizations = make_organization_names ((guint) n_organizations);
  parsed = make_contacts ((guint) n_contacts, organizations, rand);
  vcard = d360_vcard_write (parsed, D360_VCARD_VERSION_3_0);
  vcard_size = g_bytes_get_size (vcard);
  if (!g_file_set_contents (vcf_path, g_bytes_get_data (vcard, NULL), vcard_size, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_clear_pointer (&parsed, g_ptr_array_unref);
  printf ("Contacts benchmark: %d contacts, %d organisation names; vCard 3.0 file of %.1f MiB "
          "made in %.0f ms (%s)\n", n_contacts, n_organizations, vcard_size / 1048576.0,
          elapsed_ms (start), vcf_path);
  {
    g_autofree char *load = NULL;

    g_file_get_contents ("/proc/loadavg", &load, NULL, NULL);
    printf ("%u CPUs; load average at the start: %s\n", g_get_num_processors (),
            load != NULL ? g_strchomp (load) : "?");
  }

  /* The reader alone, for the comparison with vobject */
  start = g_get_monotonic_time ();
  cpu = cpu_ms ();
  {
    g_autoptr(GPtrArray) problems = NULL;
    g_autoptr(GPtrArray) cards = d360_vcard_parse (vcard, &problems, &error);

    if (cards == NULL)
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  }
  parse_only_ms = elapsed_ms (start);
  parse_only_cpu = cpu_ms () - cpu;
  g_clear_pointer (&vcard, g_bytes_unref);

  /* Once per process: the names of languages and countries in several
   * languages (iso-codes' JSON and catalogues) */
  start = g_get_monotonic_time ();
  cpu = cpu_ms ();
  d360_contact_io_language_code ("Romanian");
  names_ms = elapsed_ms (start);
  names_cpu = cpu_ms () - cpu;

  /* 2. Import into a fresh database */
  store = d360_store_open (db_path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  start = g_get_monotonic_time ();
  cpu = cpu_ms ();
  file = d360_contact_file_read (vcf_path, NULL, &error);
  if (file == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  read_ms = elapsed_ms (start);
  read_cpu = cpu_ms () - cpu;
  start = g_get_monotonic_time ();
  cpu = cpu_ms ();
  if (!d360_store_import_contacts (store, file->contacts, D360_IMPORT_SKIP, FALSE, &counts,
                                   NULL, NULL, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  import_ms = elapsed_ms (start);
  import_cpu = cpu_ms () - cpu;

  print_header ();
  print_once ("vCard parse only (d360_vcard_parse)", parse_only_ms, parse_only_cpu, 0);
  print_once ("import: language and country names (once)", names_ms, names_cpu, 0);
  print_once ("import: read + parse + convert + validate", read_ms, read_cpu, 0);
  print_once ("import: store (one transaction)", import_ms, import_cpu, 0);
  {
    Series *total = series_new ("import from file, total", TARGET_IMPORT_MS);

    series_add (total, names_ms + read_ms + import_ms, names_cpu + read_cpu + import_cpu);
    for (int run = 2; run <= import_runs; run++)
      if (!time_fresh_import (dir, vcf_path, (guint) run, names_ms, names_cpu, total))
        return 1;
    if (import_runs > 1)
      {
        printf ("|   (each run, ms:");
        for (guint i = 0; i < total->samples->len; i++)
          printf (" %.0f", g_array_index (total->samples, double, i));
        printf (")\n");
      }
    series_print (total);
    series_free (total);
  }

  /* Again: every card is already there */
  {
    D360ImportCounts again = { 0, };
    g_autoptr(D360ContactFile) file_again = NULL;

    start = g_get_monotonic_time ();
    cpu = cpu_ms ();
    file_again = d360_contact_file_read (vcf_path, NULL, &error);
    if (file_again == NULL ||
        !d360_store_import_contacts (store, file_again->contacts, D360_IMPORT_SKIP, FALSE,
                                     &again, NULL, NULL, NULL, &error))
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
    reimport_ms = elapsed_ms (start);
    reimport_cpu = cpu_ms () - cpu;
    print_once ("re-import of the same file, total", reimport_ms, reimport_cpu, 0);
    printf ("|   (re-import: %u new, %u duplicates, %u unchanged)\n", again.n_new,
            again.n_duplicates, again.n_unchanged);
  }
  n_rejected = file->n_rejected;
  n_problems = file->problems->len;
  g_clear_pointer (&file, d360_contact_file_free);

  /* 3. Export */
  if (!time_export (store, out_path, D360_CONTACT_FORMAT_VCARD, D360_VCARD_VERSION_4_0,
                    "export all to vCard 4.0", TARGET_EXPORT_MS) ||
      !time_export (store, out_path, D360_CONTACT_FORMAT_VCARD, D360_VCARD_VERSION_3_0,
                    "export all to vCard 3.0", TARGET_EXPORT_MS) ||
      !time_export (store, out_path, D360_CONTACT_FORMAT_CSV, D360_VCARD_VERSION_4_0,
                    "export all to CSV", 0))
    return 1;
  {
    g_autofree char *db_arg = g_strdup_printf ("--measure-export=%s", db_path);
    g_autofree char *out_arg = g_strdup_printf ("--export-to=%s", out_path);
    const char *child[] = { "/proc/self/exe", db_arg, out_arg, NULL };
    int status = 0;

    /* the store's writes are all committed: another connection reads them */
    fflush (stdout);
    if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                       NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      {
        g_printerr ("export measure: %s\n", error->message);
        return 1;
      }
  }

  printf ("\nImport counts: %u new, %u likely duplicates (skipped), %u unchanged, %u rejected, "
          "%u problems reported\n", counts.n_new, counts.n_duplicates, counts.n_unchanged,
          n_rejected, n_problems);
  {
    D360ContactQuery all;
    gint64 n_stored;

    d360_contact_query_init (&all);
    n_stored = d360_store_count_contacts (store, &all, NULL);
    printf ("Stored: %" G_GINT64_FORMAT " contacts, %" G_GINT64_FORMAT " organisations\n",
            n_stored, d360_store_count_rows (store, "organization", NULL));
  }
  g_clear_object (&store);

  /* 4. python3-vobject on the same file */
  if (!no_vobject)
    {
      double vobject_ms = 0, vobject_cpu = 0;
      guint n_cards = 0;

      if (time_vobject (vcf_path, &vobject_ms, &vobject_cpu, &n_cards))
        {
          double ours = names_ms + read_ms + import_ms;
          double ours_cpu = names_cpu + read_cpu + import_cpu;

          printf ("\npython3-vobject readComponents: %u cards in %.0f ms (CPU %.0f ms)\n"
                  "d360_vcard_parse: %.0f ms (CPU %.0f ms): vobject takes %.1f× as long "
                  "(CPU: %.1f×)\n"
                  "our whole import (names, parse, convert, store): %.0f ms (CPU %.0f ms): "
                  "vobject's parse alone takes %.2f× as long (CPU: %.2f×)\n",
                  n_cards, vobject_ms, vobject_cpu, parse_only_ms, parse_only_cpu,
                  vobject_ms / parse_only_ms, vobject_cpu / parse_only_cpu,
                  ours, ours_cpu, vobject_ms / ours, vobject_cpu / ours_cpu);
        }
    }

  /* 5. The list, in a fresh process */
  {
    g_autofree char *measure_arg = g_strdup_printf ("--measure-list=%s", db_path);
    g_autofree char *rounds_arg = g_strdup_printf ("--rounds=%d", rounds);
    /* this very program, even if it was rebuilt meanwhile */
    const char *child[] = { "/proc/self/exe", measure_arg, rounds_arg,
                            verbose ? "-v" : NULL, NULL };
    int status = 0;

    printf ("\n");
    fflush (stdout);
    if (!g_spawn_sync (NULL, (char **) child, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                       NULL, NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      {
        g_printerr ("list measure: %s\n", error->message);
        return 1;
      }
  }

  if (keep == NULL)
    remove_tree (dir);
  return 0;
}

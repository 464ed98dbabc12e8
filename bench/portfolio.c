/* portfolio.c — how fast the project list opens and follows a search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-portfolio [--projects 20000] [--cities 50] [--rounds 5] [--keep DIR]
 *
 * Generates a portfolio (one transaction) in a fresh database, then measures
 * in-process what the portfolio page does:
 *
 * - opening a city's project list: d360_store_list_projects(), the item
 *   count, and the first 50 items;
 * - each keystroke of a search, and each filter or sort change:
 *   d360_store_project_list_set_query(), the item count, and the first 20
 *   items;
 * - the resident memory before and after walking every list item by item,
 *   which must not grow with the number of projects.
 *
 * One city is larger than the others (a fifth of the projects), to show the
 * worst case next to the typical one.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <glib/gstdio.h>

#include "d360-store-city.h"
#include "d360-store-list-model.h"
#include "d360-store-portfolio.h"

#define LIST_OPEN_ITEMS 50
#define KEYSTROKE_ITEMS 20
#define TARGET_KEYSTROKE_MS 10.0
#define TARGET_OPEN_MS 100.0

static const char * const city_names[] = {
  "București", "Cluj-Napoca", "Timișoara", "Iași", "Constanța", "Craiova", "Brașov",
  "Galați", "Ploiești", "Oradea", "Brăila", "Arad", "Pitești", "Sibiu", "Bacău",
  "Târgu Mureș", "Baia Mare", "Buzău", "Botoșani", "Satu Mare", "Râmnicu Vâlcea",
  "Drobeta-Turnu Severin", "Suceava", "Piatra Neamț", "Târgu Jiu", "Târgoviște",
  "Focșani", "Bistrița", "Reșița", "Tulcea", "Călărași", "Giurgiu", "Alba Iulia",
  "Deva", "Hunedoara", "Zalău", "Sfântu Gheorghe", "Bârlad", "Vaslui", "Roman",
  "Turda", "Mediaș", "Slobozia", "Alexandria", "Voluntari", "Lugoj", "Medgidia",
  "Onești", "Miercurea Ciuc", "Sighetu Marmației",
};

static const char * const subjects[] = {
  "Parc industrial", "Linie de tramvai", "Festivalul de jazz", "Școala de vară",
  "Centrul de afaceri", "Reabilitare termică", "Pistă de biciclete", "Muzeul județean",
  "Protecție împotriva inundațiilor", "Incubator de start-up-uri", "Centru de date",
  "Terminal intermodal", "Port turistic", "Schimb universitar", "Înfrățire cu orașul",
  "Industrial park", "Tram line", "Jazz festival", "Summer school", "Business centre",
  "Thermal rehabilitation", "Cycle lane", "County museum", "Flood protection",
  "Start-up incubator", "Data centre", "Intermodal terminal", "Smart-city platform",
  "Sister-city exchange", "University exchange", "Welcome centre for newcomers",
  "Parcul științific", "Stație de epurare", "Centură ocolitoare", "Aeroport regional",
};

static const char * const qualifiers[] = {
  "vest", "est", "nord", "sud", "de nord-vest", "pentru investitori străini",
  "pentru tineri", "și zona metropolitană", "etapa I", "etapa a II-a", "phase II",
  "for foreign investors", "extension", "modernisation", "pilot", "2026–2030",
  "cu finanțare europeană", "la malul Begăi", "în centrul istoric", "Țara Bârsei",
};

static const char * const words[] = {
  "investiții", "străine", "dezvoltare", "regională", "cooperare", "transfrontalieră",
  "mobilitate", "urbană", "cultură", "turism", "educație", "securitate", "mediu",
  "energie", "verde", "digitalizare", "parteneriat", "municipiu", "consiliul", "județean",
  "fonduri", "europene", "Banca Mondială", "OCDE", "ambasadă", "cameră", "comerț",
  "investment", "foreign", "regional", "development", "cooperation", "mobility",
  "culture", "tourism", "education", "security", "environment", "energy", "green",
  "digital", "partnership", "municipality", "European", "funds", "World Bank", "embassy",
  "chamber", "commerce", "feasibility", "study", "țară", "șantier", "oraș", "înfrățire",
};

static const char * const sectors[] = {
  "Industrie", "Transport urban", "Cultură", "Educație", "Energie", "Mediu", "Turism",
  "IT & software", "Logistică", "Sănătate", "Manufacturing", "Urban transport",
};

static const char * const currencies[] = { "EUR", "EUR", "RON", "RON", "USD", "HUF" };

/* ------------------------------------------------------------ utilities */

static double
elapsed_ms (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
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
  double      target;    /* 0: none */
} Series;

static Series *
series_new (const char *name,
            double      target)
{
  Series *series = g_new0 (Series, 1);

  series->name = name;
  series->samples = g_array_new (FALSE, FALSE, sizeof (double));
  series->target = target;
  return series;
}

static void
series_free (Series *series)
{
  g_array_unref (series->samples);
  g_free (series);
}

static void
series_add (Series *series,
            double  ms)
{
  g_array_append_val (series->samples, ms);
}

static void
series_print (Series *series)
{
  GArray *s = series->samples;
  double median, p95, max;
  guint n = s->len;

  g_array_sort (s, compare_doubles);
  median = n % 2 ? g_array_index (s, double, n / 2)
                 : (g_array_index (s, double, n / 2 - 1) + g_array_index (s, double, n / 2)) / 2;
  p95 = g_array_index (s, double, (95 * n + 99) / 100 - 1);
  max = g_array_index (s, double, n - 1);

  printf ("| %-44s | %5u | %8.2f | %8.2f | %8.2f | %-14s |\n", series->name, n, median, p95, max,
          series->target <= 0 ? "" : median < series->target ? "ok (median)" : "MISSED");
}

/* ------------------------------------------------------------ generation */

typedef struct
{
  guint    n_projects;
  guint    n_cities;
  GRand   *rand;
  GArray  *city_ids;   /* of gint64 */
} Generator;

static const char *
pick (GRand             *rand,
      const char * const *list,
      guint               n)
{
  return list[g_rand_int_range (rand, 0, (gint32) n)];
}

#define PICK(rand, list) pick ((rand), (list), G_N_ELEMENTS (list))

static char *
sentence (GRand *rand,
          guint  n_words)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_words; i++)
    {
      if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, PICK (rand, words));
    }
  g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}

/* The largest city has a fifth of the projects; the others share the rest. */
static guint
city_of_project (Generator *gen,
                 guint      index)
{
  guint big = gen->n_projects / 5;

  if (index < big || gen->n_cities == 1)
    return 0;
  return 1 + (index - big) % (gen->n_cities - 1);
}

static gboolean
generate (D360Store  *store,
          gpointer    user_data,
          GError    **error)
{
  Generator *gen = user_data;

  for (guint i = 0; i < gen->n_cities; i++)
    {
      g_autoptr(D360City) city = NULL;
      g_autofree char *name = NULL;
      gint64 city_id;

      if (i < G_N_ELEMENTS (city_names))
        name = g_strdup (city_names[i]);
      else
        name = g_strdup_printf ("%s %u", city_names[i % G_N_ELEMENTS (city_names)], i);
      city = d360_city_new (name);
      d360_city_set_country (city, "RO");
      if (!d360_store_save_city (store, city, error))
        return FALSE;
      city_id = d360_city_get_id (city);
      g_array_append_val (gen->city_ids, city_id);
    }

  for (guint i = 0; i < gen->n_projects; i++)
    {
      GRand *rand = gen->rand;
      gint64 city_id = g_array_index (gen->city_ids, gint64, city_of_project (gen, i));
      g_autofree char *title = g_strdup_printf ("%s %s", PICK (rand, subjects),
                                                PICK (rand, qualifiers));
      g_autofree char *summary = sentence (rand, 12);
      g_autofree char *description = sentence (rand, 60);
      g_autoptr(D360Project) project = d360_project_new (city_id, title);
      g_autofree char *start = g_strdup_printf ("%d-%02d-01", g_rand_int_range (rand, 2018, 2030),
                                                g_rand_int_range (rand, 1, 13));
      g_autofree char *end = g_strdup_printf ("%d-12-31", g_rand_int_range (rand, 2030, 2036));

      d360_project_set_summary (project, summary);
      d360_project_set_description (project, description);
      d360_project_set_sector (project, PICK (rand, sectors));
      d360_project_set_location (project, city_names[g_rand_int_range (rand, 0, 50)]);
      d360_project_set_responsible (project, "Ioana Popescu");
      d360_project_set_stage (project, g_rand_int_range (rand, 0, D360_N_STAGES));
      d360_project_set_agenda_areas (project, g_rand_int_range (rand, 1, 1 << D360_N_AGENDA_AREAS));
      d360_project_set_dimensions (project, g_rand_int_range (rand, 1, 1 << D360_N_DIMENSIONS));
      d360_project_set_funding_sources (project,
                                        g_rand_int_range (rand, 0, 1 << D360_N_FUNDING_SOURCES));
      d360_project_set_currency (project, PICK (rand, currencies));
      d360_project_set_budget_minor (project, (gint64) g_rand_int_range (rand, 1, 1000000) * 10000);
      d360_project_set_start_date (project, start);
      d360_project_set_end_date (project, end);
      d360_project_set_archived (project, g_rand_int_range (rand, 0, 10) == 0);

      if (!d360_store_save_project (store, project, error))
        return FALSE;
    }

  return TRUE;
}

/* ------------------------------------------------------------- measures */

static void
fetch_items (GListModel *model,
             guint       n)
{
  guint count = MIN (n, g_list_model_get_n_items (model));

  for (guint i = 0; i < count; i++)
    g_object_unref (g_list_model_get_item (model, i));
}

static void
measure_open (D360Store *store,
              gint64     city_id,
              Series    *series,
              guint     *n_items)
{
  D360ProjectQuery query = { .city_id = city_id, .stage = -1 };
  g_autoptr(GListModel) model = NULL;
  gint64 start = g_get_monotonic_time ();

  model = d360_store_list_projects (store, &query);
  *n_items = g_list_model_get_n_items (model);
  fetch_items (model, LIST_OPEN_ITEMS);
  series_add (series, elapsed_ms (start));
}

static gboolean verbose;

static void
keystroke (GListModel             *model,
           const D360ProjectQuery *query,
           Series                 *series)
{
  gint64 start = g_get_monotonic_time ();
  double ms;

  d360_store_project_list_set_query (model, query);
  g_list_model_get_n_items (model);
  fetch_items (model, KEYSTROKE_ITEMS);
  ms = elapsed_ms (start);
  series_add (series, ms);

  if (verbose && ms > TARGET_KEYSTROKE_MS)
    g_printerr ("slow: %.1f ms: city %" G_GINT64_FORMAT ", “%s”, stage %d, masks %u/%u/%u, "
                "archived %d, sort %d, %u items\n", ms, query->city_id,
                query->search != NULL ? query->search : "", query->stage, query->agenda_areas,
                query->dimensions, query->funding_sources, query->archived, query->sort,
                g_list_model_get_n_items (model));
}

/* Types @phrase one character at a time, then deletes it again. */
static void
type_phrase (GListModel       *model,
             D360ProjectQuery *query,
             const char       *phrase,
             Series           *series)
{
  glong n = g_utf8_strlen (phrase, -1);

  for (glong i = 1; i <= n; i++)
    {
      g_autofree char *prefix = g_utf8_substring (phrase, 0, i);

      query->search = prefix;
      keystroke (model, query, series);
    }
  for (glong i = n - 1; i >= 0; i--)
    {
      g_autofree char *prefix = g_utf8_substring (phrase, 0, i);

      query->search = prefix;
      keystroke (model, query, series);
    }
  query->search = NULL;
}

static void
change_filters (GListModel       *model,
                D360ProjectQuery *query,
                Series           *series)
{
  for (int stage = 0; stage < D360_N_STAGES; stage++)
    {
      query->stage = stage;
      keystroke (model, query, series);
    }
  query->stage = -1;
  for (guint bit = 0; bit < D360_N_AGENDA_AREAS; bit++)
    {
      query->agenda_areas = 1u << bit;
      keystroke (model, query, series);
    }
  query->agenda_areas = 0;
  for (guint bit = 0; bit < D360_N_DIMENSIONS; bit++)
    {
      query->dimensions = 1u << bit;
      keystroke (model, query, series);
    }
  query->dimensions = 0;
  for (guint bit = 0; bit < D360_N_FUNDING_SOURCES; bit++)
    {
      query->funding_sources = 1u << bit;
      keystroke (model, query, series);
    }
  query->funding_sources = 0;
  for (int sort = D360_PROJECT_SORT_TITLE; sort <= D360_PROJECT_SORT_UPDATED; sort++)
    {
      query->sort = sort;
      keystroke (model, query, series);
    }
  query->sort = D360_PROJECT_SORT_TITLE;
  query->archived = TRUE;
  keystroke (model, query, series);
  query->archived = FALSE;
  keystroke (model, query, series);
}

/* Walks every item of every city's list with one model, as scrolling to
 * the end of each list would. Returns the number of items walked. */
static guint
walk_all (D360Store *store,
          GArray    *city_ids)
{
  D360ProjectQuery query = { .city_id = g_array_index (city_ids, gint64, 0), .stage = -1 };
  g_autoptr(GListModel) model = d360_store_list_projects (store, &query);
  guint walked = 0;

  for (guint c = 0; c < city_ids->len; c++)
    for (int archived = 0; archived < 2; archived++)
      {
        query.city_id = g_array_index (city_ids, gint64, c);
        query.archived = archived;
        d360_store_project_list_set_query (model, &query);
        for (guint i = 0; i < g_list_model_get_n_items (model); i++, walked++)
          g_object_unref (g_list_model_get_item (model, i));
      }

  return walked;
}

int
main (int   argc,
      char *argv[])
{
  int n_projects = 20000, n_cities = 50, rounds = 5;
  g_autofree char *keep = NULL;
  GOptionEntry entries[] = {
    { "projects", 0, 0, G_OPTION_ARG_INT, &n_projects, "Projects to generate", "N" },
    { "cities", 0, 0, G_OPTION_ARG_INT, &n_cities, "Cities to spread them over", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Rounds of typing per city", "N" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep, "Keep the database in DIR", "DIR" },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "Report each slow keystroke", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— project list benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(D360Store) store = NULL;
  g_autoptr(GPtrArray) all_series = g_ptr_array_new_with_free_func ((GDestroyNotify) series_free);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  Generator gen = { 0 };
  Series *open_cold, *open_typical, *open_large, *typing_typical, *typing_large, *filters;
  gint64 start;
  double generate_ms;
  guint n_typical = 0, n_large = 0, walked;
  long rss_before, rss_after, rss_again;
  const char * const phrases[] = {
    "parc industrial", "școala", "tram line", "investitori straini",
  };

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  n_cities = CLAMP (n_cities, 2, 10000);
  n_projects = MAX (n_projects, n_cities);
  rounds = MAX (rounds, 1);

  dir = keep != NULL ? g_strdup (keep) : g_dir_make_tmp ("d360-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  path = g_build_filename (dir, "portfolio.db", NULL);
  g_unlink (path);
  store = d360_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  gen.n_projects = (guint) n_projects;
  gen.n_cities = (guint) n_cities;
  gen.rand = g_rand_new_with_seed (360);
  gen.city_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  start = g_get_monotonic_time ();
  if (!d360_store_run_in_transaction (store, generate, &gen, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  generate_ms = elapsed_ms (start);

  open_cold = series_new ("open list, first time (statements prepared)", 0);
  open_typical = series_new ("open list, typical city", TARGET_OPEN_MS);
  open_large = series_new ("open list, largest city", TARGET_OPEN_MS);
  typing_typical = series_new ("keystroke, typical city", TARGET_KEYSTROKE_MS);
  typing_large = series_new ("keystroke, largest city", TARGET_KEYSTROKE_MS);
  filters = series_new ("filter or sort change, largest city", TARGET_KEYSTROKE_MS);
  g_ptr_array_add (all_series, open_cold);
  g_ptr_array_add (all_series, open_typical);
  g_ptr_array_add (all_series, open_large);
  g_ptr_array_add (all_series, typing_typical);
  g_ptr_array_add (all_series, typing_large);
  g_ptr_array_add (all_series, filters);

  measure_open (store, g_array_index (gen.city_ids, gint64, 1), open_cold, &n_typical);
  for (int round = 0; round < rounds; round++)
    for (guint c = 1; c < gen.city_ids->len; c++)
      measure_open (store, g_array_index (gen.city_ids, gint64, c), open_typical, &n_typical);
  for (int round = 0; round < rounds * 10; round++)
    measure_open (store, g_array_index (gen.city_ids, gint64, 0), open_large, &n_large);

  for (int round = 0; round < rounds; round++)
    for (guint c = 0; c < MIN (gen.city_ids->len, 11); c++)
      {
        D360ProjectQuery query = { .city_id = g_array_index (gen.city_ids, gint64, c),
                                   .stage = -1 };
        g_autoptr(GListModel) model = d360_store_list_projects (store, &query);

        for (guint p = 0; p < G_N_ELEMENTS (phrases); p++)
          type_phrase (model, &query, phrases[p], c == 0 ? typing_large : typing_typical);
        if (c == 0)
          change_filters (model, &query, filters);
      }

  rss_before = rss_kib ();
  walked = walk_all (store, gen.city_ids);
  rss_after = rss_kib ();
  walk_all (store, gen.city_ids);
  rss_again = rss_kib ();

  printf ("Portfolio benchmark: %d projects over %d cities (largest city %u active projects, "
          "a typical one %u), SQLite %s\n", n_projects, n_cities, n_large, n_typical,
          sqlite3_libversion ());
  printf ("Generated in one transaction in %.0f ms; database %s\n\n", generate_ms, path);
  printf ("| %-44s | %5s | %8s | %8s | %8s | %-14s |\n", "operation", "runs", "median", "p95",
          "max", "target");
  printf ("|%s|%s|%s|%s|%s|%s|\n", "----------------------------------------------", "-------",
          "----------", "----------", "----------", "----------------");
  for (guint i = 0; i < all_series->len; i++)
    series_print (g_ptr_array_index (all_series, i));
  printf ("\n(times in ms; a keystroke is set_query + item count + first %d items, opening a "
          "list is list_projects + item count + first %d items)\n\n",
          KEYSTROKE_ITEMS, LIST_OPEN_ITEMS);
  printf ("RSS before walking every list: %ld KiB; after walking %u items: %ld KiB "
          "(%+ld KiB); after a second walk: %ld KiB (%+ld KiB)\n",
          rss_before, walked, rss_after, rss_after - rss_before, rss_again,
          rss_again - rss_after);

  g_array_unref (gen.city_ids);
  g_rand_free (gen.rand);
  g_clear_object (&store);
  if (keep == NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_rmdir (dir);
    }

  return 0;
}

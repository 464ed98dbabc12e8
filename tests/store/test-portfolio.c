/* test-portfolio.c — projects, partnerships, the sample portfolio and money
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test works on a real database file in its own temporary folder, with
 * one city ("Timișoara") to hang projects on.
 */

#include "config.h"

#include <errno.h>
#include <locale.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "d360-date.h"
#include "d360-money.h"
#include "d360-store-city.h"
#include "d360-store-list-model.h"
#include "d360-store-portfolio.h"
#include "d360-store-private.h"

#define DIACRITICS "ă â î ș ț Ă Â Î Ș Ț — and the cedilla forms ş ţ Ş Ţ"
#define SQL_FRAGMENT "Robert'); DROP TABLE project; -- \"quoted\" 'single' %s %d \\ ;"

/* ------------------------------------------------------------ fixture */

typedef struct
{
  char      *dir;
  char      *path;
  D360Store *store;
  gint64     city_id;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else if (g_remove (child) != 0)
        g_warning ("Could not remove %s: %s", child, g_strerror (errno));
    }
  g_rmdir (path);
}

static gint64
add_city (D360Store  *store,
          const char *name)
{
  g_autoptr(D360City) city = d360_city_new (name);
  g_autoptr(GError) error = NULL;

  d360_city_set_country (city, "RO");
  d360_city_set_county (city, "RO-TM");
  g_assert_true (d360_store_save_city (store, city, &error));
  g_assert_no_error (error);
  return d360_city_get_id (city);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("d360-portfolio-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "diplomacy360.db", NULL);
  fixture->store = d360_store_open (fixture->path, &error);
  g_assert_no_error (error);
  fixture->city_id = add_city (fixture->store, "Timișoara");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* ------------------------------------------------------------ helpers */

static D360Project *
save_new_project (Fixture    *fixture,
                  const char *title,
                  D360Stage   stage)
{
  g_autoptr(D360Project) project = d360_project_new (fixture->city_id, title);
  g_autoptr(GError) error = NULL;

  d360_project_set_stage (project, stage);
  g_assert_true (d360_store_save_project (fixture->store, project, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d360_project_get_id (project), >, 0);
  return g_steal_pointer (&project);
}

static void
save_ok (Fixture     *fixture,
         D360Project *project)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (d360_store_save_project (fixture->store, project, &error));
  g_assert_no_error (error);
}

static gint64
count_rows (Fixture    *fixture,
            const char *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = d360_store_count_rows (fixture->store, table, &error);

  g_assert_no_error (error);
  return n;
}

static void
exec_sql (Fixture    *fixture,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (d360_store_get_db (fixture->store), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static char *
today_string (void)
{
  GDate today;

  d360_date_set_today (&today);
  return d360_date_to_string (&today);
}

static D360ProjectQuery
query_for (Fixture *fixture)
{
  D360ProjectQuery query = { 0 };

  query.city_id = fixture->city_id;
  query.stage = -1;
  query.sort = D360_PROJECT_SORT_TITLE;
  return query;
}

/* The titles a query shows, in order, joined by "|". */
static char *
list_titles (Fixture                *fixture,
             const D360ProjectQuery *query)
{
  g_autoptr(GListModel) model = d360_store_list_projects (fixture->store, query);
  g_autoptr(GError) error = NULL;
  GString *titles = g_string_new (NULL);
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpint (d360_store_count_projects (fixture->store, query, &error), ==, n);
  g_assert_no_error (error);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(D360Project) project = g_list_model_get_item (model, i);

      g_assert_nonnull (project);
      if (i > 0)
        g_string_append_c (titles, '|');
      g_string_append (titles, d360_project_get_title (project));
    }

  return g_string_free (titles, FALSE);
}

static char *
search_titles (Fixture    *fixture,
               const char *search)
{
  D360ProjectQuery query = query_for (fixture);

  query.search = search;
  return list_titles (fixture, &query);
}

#define assert_titles(fixture, query, expected) \
  G_STMT_START { \
    g_autofree char *titles_ = list_titles ((fixture), (query)); \
    g_assert_cmpstr (titles_, ==, (expected)); \
  } G_STMT_END

#define assert_search(fixture, search, expected) \
  G_STMT_START { \
    g_autofree char *titles_ = search_titles ((fixture), (search)); \
    g_assert_cmpstr (titles_, ==, (expected)); \
  } G_STMT_END

static void
assert_projects_equal (D360Project *a,
                       D360Project *b)
{
  g_assert_cmpint (d360_project_get_id (a), ==, d360_project_get_id (b));
  g_assert_cmpint (d360_project_get_city_id (a), ==, d360_project_get_city_id (b));
  g_assert_cmpstr (d360_project_get_title (a), ==, d360_project_get_title (b));
  g_assert_cmpstr (d360_project_get_summary (a), ==, d360_project_get_summary (b));
  g_assert_cmpstr (d360_project_get_description (a), ==, d360_project_get_description (b));
  g_assert_cmpuint (d360_project_get_agenda_areas (a), ==, d360_project_get_agenda_areas (b));
  g_assert_cmpuint (d360_project_get_dimensions (a), ==, d360_project_get_dimensions (b));
  g_assert_cmpstr (d360_project_get_sector (a), ==, d360_project_get_sector (b));
  g_assert_cmpint (d360_project_get_stage (a), ==, d360_project_get_stage (b));
  g_assert_cmpint (d360_project_get_budget_minor (a), ==, d360_project_get_budget_minor (b));
  g_assert_cmpstr (d360_project_get_currency (a), ==, d360_project_get_currency (b));
  g_assert_cmpuint (d360_project_get_funding_sources (a), ==,
                    d360_project_get_funding_sources (b));
  g_assert_cmpstr (d360_project_get_start_date (a), ==, d360_project_get_start_date (b));
  g_assert_cmpstr (d360_project_get_end_date (a), ==, d360_project_get_end_date (b));
  g_assert_cmpstr (d360_project_get_location (a), ==, d360_project_get_location (b));
  g_assert_cmpstr (d360_project_get_responsible (a), ==, d360_project_get_responsible (b));
  g_assert_cmpint (d360_project_get_archived (a), ==, d360_project_get_archived (b));
  g_assert_cmpstr (d360_project_get_created_at (a), ==, d360_project_get_created_at (b));
  g_assert_cmpstr (d360_project_get_updated_at (a), ==, d360_project_get_updated_at (b));
}

static D360Project *
full_project (Fixture *fixture)
{
  D360Project *project = d360_project_new (fixture->city_id, "Tram line extension");

  d360_project_set_summary (project, "Six kilometres of tram line to the campus");
  d360_project_set_description (project, "Low-floor trams, depot, and " DIACRITICS);
  d360_project_set_agenda_areas (project, D360_AGENDA_EDUCATION | D360_AGENDA_TOURISM);
  d360_project_set_dimensions (project, D360_DIMENSION_BIT (D360_DIMENSION_TRANSPORT) |
                                        D360_DIMENSION_BIT (D360_DIMENSION_ENVIRONMENT));
  d360_project_set_sector (project, "Urban transport");
  d360_project_set_stage (project, D360_STAGE_FEASIBILITY);
  d360_project_set_budget_minor (project, G_GINT64_CONSTANT (6200000000));
  d360_project_set_currency (project, "EUR");
  d360_project_set_funding_sources (project, D360_FUNDING_EU | D360_FUNDING_WORLD_BANK);
  d360_project_set_start_date (project, "2027-04-01");
  d360_project_set_end_date (project, "2031-03-31");
  d360_project_set_location (project, "Bulevardul Eroilor de la Tisa");
  d360_project_set_responsible (project, "Mihai Stănescu");
  return project;
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* -------------------------------------------------------------- projects */

static void
test_project_round_trip (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(D360Project) project = full_project (fixture);
  g_autoptr(D360Project) read = NULL;
  g_autoptr(D360Project) copy = NULL;
  g_autoptr(GError) error = NULL;
  guint notifications = 0;

  save_ok (fixture, project);
  g_assert_cmpint (d360_project_get_id (project), >, 0);
  g_assert_nonnull (d360_project_get_created_at (project));
  g_assert_nonnull (d360_project_get_updated_at (project));

  read = d360_store_get_project (fixture->store, d360_project_get_id (project), &error);
  g_assert_no_error (error);
  assert_projects_equal (project, read);

  copy = d360_project_copy (read);
  assert_projects_equal (copy, read);

  /* Setters notify once per change, and not for the same value again. */
  g_signal_connect (read, "notify::title", G_CALLBACK (count_notify_cb), &notifications);
  d360_project_set_title (read, "Tram line 9 extension");
  d360_project_set_title (read, "Tram line 9 extension");
  g_assert_cmpuint (notifications, ==, 1);
  g_object_set (read, "stage", D360_STAGE_NEGOTIATION, "budget-minor", (gint64) 0, NULL);
  g_assert_cmpint (d360_project_get_stage (read), ==, D360_STAGE_NEGOTIATION);
  d360_project_set_summary (read, "");
  g_assert_null (d360_project_get_summary (read));

  save_ok (fixture, read);
  g_clear_object (&copy);
  copy = d360_store_get_project (fixture->store, d360_project_get_id (project), &error);
  g_assert_no_error (error);
  assert_projects_equal (copy, read);
  g_assert_cmpint (d360_project_get_budget_minor (copy), ==, 0);
  g_assert_cmpint (count_rows (fixture, "project"), ==, 1);

  /* Labels and keys. */
  g_assert_cmpstr (d360_stage_to_key (D360_STAGE_SEEKING_PARTNERS), ==, "seeking-partners");
  g_assert_cmpstr (d360_stage_get_label (D360_STAGE_SEEKING_PARTNERS), ==, "Seeking partners");
  g_assert_cmpstr (d360_agenda_area_get_label (3), ==, "Sister cities & citizens");
  g_assert_cmpstr (d360_funding_source_get_label (1), ==, "World Bank");
  for (guint i = 0; i < D360_N_STAGES; i++)
    {
      D360Stage stage;

      g_assert_true (d360_stage_from_key (d360_stage_to_key (i), &stage));
      g_assert_cmpint (stage, ==, i);
    }
}

static void
test_project_not_found (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(D360Project) project = NULL;
  g_autoptr(D360Project) ghost = d360_project_new (fixture->city_id, "Ghost");
  g_autoptr(GObject) deleted = NULL;
  g_autoptr(GError) error = NULL;

  project = d360_store_get_project (fixture->store, 4242, &error);
  g_assert_null (project);
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  deleted = d360_store_delete_project (fixture->store, 4242, &error);
  g_assert_null (deleted);
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (d360_store_set_project_archived (fixture->store, 4242, TRUE, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (d360_store_duplicate_project (fixture->store, 4242, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A project of a city that does not exist. */
  d360_project_set_city_id (ghost, 999);
  g_assert_false (d360_store_save_project (fixture->store, ghost, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (d360_project_get_id (ghost), ==, 0);
  g_assert_cmpint (count_rows (fixture, "project"), ==, 0);
}

/* Gives the history rows of @project_id distinct past days. */
static void
backdate_history (Fixture *fixture,
                  gint64   project_id)
{
  g_autofree char *sql =
    g_strdup_printf ("UPDATE project_stage_history SET changed_on = "
                     "date('2024-01-10', '+' || (id * 40) || ' days') WHERE project_id = %"
                     G_GINT64_FORMAT, project_id);

  exec_sql (fixture, sql);
}

static void
assert_histories_equal (GPtrArray *a,
                        GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      D360StageChange *change_a = g_ptr_array_index (a, i);
      D360StageChange *change_b = g_ptr_array_index (b, i);

      g_assert_cmpint (change_a->stage, ==, change_b->stage);
      g_assert_cmpstr (change_a->changed_on, ==, change_b->changed_on);
    }
}

static void
test_project_delete_undo (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(D360Project) project = full_project (fixture);
  g_autoptr(D360Project) before = NULL;
  g_autoptr(D360Project) after = NULL;
  g_autoptr(D360Project) other = NULL;
  g_autoptr(GPtrArray) history_before = NULL;
  g_autoptr(GPtrArray) history_after = NULL;
  g_autoptr(GObject) deleted = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  save_ok (fixture, project);
  id = d360_project_get_id (project);
  d360_project_set_stage (project, D360_STAGE_SEEKING_PARTNERS);
  save_ok (fixture, project);
  d360_project_set_stage (project, D360_STAGE_NEGOTIATION);
  save_ok (fixture, project);
  backdate_history (fixture, id);

  before = d360_store_get_project (fixture->store, id, &error);
  g_assert_no_error (error);
  history_before = d360_store_get_stage_history (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history_before->len, ==, 3);

  deleted = d360_store_delete_project (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (deleted);
  g_assert_cmpint (count_rows (fixture, "project"), ==, 0);
  g_assert_cmpint (count_rows (fixture, "project_stage_history"), ==, 0);
  assert_search (fixture, "tram", "");

  /* A project made meanwhile does not take the deleted one's id. */
  other = save_new_project (fixture, "Made while the toast was up", D360_STAGE_IDEA);
  g_assert_cmpint (d360_project_get_id (other), !=, id);

  g_assert_true (d360_store_undo_delete_project (fixture->store, deleted, &error));
  g_assert_no_error (error);

  after = d360_store_get_project (fixture->store, id, &error);
  g_assert_no_error (error);
  assert_projects_equal (before, after);
  history_after = d360_store_get_stage_history (fixture->store, id, &error);
  g_assert_no_error (error);
  assert_histories_equal (history_before, history_after);
  assert_search (fixture, "tram", "Tram line extension");

  /* Undoing twice is refused. */
  g_assert_false (d360_store_undo_delete_project (fixture->store, deleted, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture, "project"), ==, 2);
  g_assert_cmpint (count_rows (fixture, "project_stage_history"), ==, 4);

  /* Undo after the city went is refused, and writes nothing. */
  g_clear_object (&deleted);
  deleted = d360_store_delete_project (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (d360_store_delete_city (fixture->store, fixture->city_id, &error));
  g_assert_no_error (error);
  g_assert_false (d360_store_undo_delete_project (fixture->store, deleted, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (count_rows (fixture, "project"), ==, 0);
}

static void
test_project_duplicate (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(D360Project) project = full_project (fixture);
  g_autoptr(D360Project) copy = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = today_string ();
  D360StageChange *change;

  d360_project_set_archived (project, TRUE);
  save_ok (fixture, project);
  backdate_history (fixture, d360_project_get_id (project));

  copy = d360_store_duplicate_project (fixture->store, d360_project_get_id (project), &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  g_assert_cmpint (d360_project_get_id (copy), >, d360_project_get_id (project));
  g_assert_cmpstr (d360_project_get_title (copy), ==, "Tram line extension (copy)");
  g_assert_false (d360_project_get_archived (copy));
  g_assert_cmpstr (d360_project_get_description (copy), ==,
                   d360_project_get_description (project));
  g_assert_cmpint (d360_project_get_budget_minor (copy), ==,
                   d360_project_get_budget_minor (project));
  g_assert_cmpstr (d360_project_get_currency (copy), ==, "EUR");
  g_assert_cmpint (d360_project_get_stage (copy), ==, D360_STAGE_FEASIBILITY);
  g_assert_cmpuint (d360_project_get_dimensions (copy), ==, d360_project_get_dimensions (project));
  g_assert_cmpuint (d360_project_get_agenda_areas (copy), ==,
                    d360_project_get_agenda_areas (project));
  g_assert_cmpuint (d360_project_get_funding_sources (copy), ==,
                    d360_project_get_funding_sources (project));
  g_assert_cmpstr (d360_project_get_end_date (copy), ==, "2031-03-31");

  /* A fresh history: one row, today. */
  history = d360_store_get_stage_history (fixture->store, d360_project_get_id (copy), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  change = g_ptr_array_index (history, 0);
  g_assert_cmpint (change->stage, ==, D360_STAGE_FEASIBILITY);
  g_assert_cmpstr (change->changed_on, ==, today);
  g_assert_cmpint (count_rows (fixture, "project"), ==, 2);
}

static void
test_project_archive (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(D360Project) a = save_new_project (fixture, "Alpha", D360_STAGE_IDEA);
  g_autoptr(D360Project) b = save_new_project (fixture, "Beta", D360_STAGE_IDEA);
  g_autoptr(D360Project) read = NULL;
  g_autoptr(GError) error = NULL;
  D360ProjectQuery query = query_for (fixture);
  D360ProjectQuery archived = query_for (fixture);

  archived.archived = TRUE;
  assert_titles (fixture, &query, "Alpha|Beta");
  assert_titles (fixture, &archived, "");

  g_assert_true (d360_store_set_project_archived (fixture->store, d360_project_get_id (a), TRUE,
                                                  &error));
  g_assert_no_error (error);
  assert_titles (fixture, &query, "Beta");
  assert_titles (fixture, &archived, "Alpha");
  read = d360_store_get_project (fixture->store, d360_project_get_id (a), &error);
  g_assert_true (d360_project_get_archived (read));

  g_assert_true (d360_store_set_project_archived (fixture->store, d360_project_get_id (a), FALSE,
                                                  &error));
  g_assert_no_error (error);
  assert_titles (fixture, &query, "Alpha|Beta");
  assert_titles (fixture, &archived, "");
}

static void
test_project_stage_history (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(D360Project) project = save_new_project (fixture, "Festival", D360_STAGE_IDEA);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *today = today_string ();
  gint64 id = d360_project_get_id (project);
  D360StageChange *change;

  history = d360_store_get_stage_history (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  change = g_ptr_array_index (history, 0);
  g_assert_cmpint (change->stage, ==, D360_STAGE_IDEA);
  g_assert_cmpstr (change->changed_on, ==, today);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* Saving without a stage change adds nothing. */
  d360_project_set_summary (project, "Ten days of music");
  save_ok (fixture, project);
  history = d360_store_get_stage_history (fixture->store, id, &error);
  g_assert_cmpuint (history->len, ==, 1);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* A stage change adds a row with today's date. */
  backdate_history (fixture, id);
  d360_project_set_stage (project, D360_STAGE_CONCEPT);
  save_ok (fixture, project);
  history = d360_store_get_stage_history (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  change = g_ptr_array_index (history, 0);
  g_assert_cmpint (change->stage, ==, D360_STAGE_IDEA);
  g_assert_cmpstr (change->changed_on, !=, today);
  change = g_ptr_array_index (history, 1);
  g_assert_cmpint (change->stage, ==, D360_STAGE_CONCEPT);
  g_assert_cmpstr (change->changed_on, ==, today);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* Archiving is not a stage change either. */
  g_assert_true (d360_store_set_project_archived (fixture->store, id, TRUE, &error));
  history = d360_store_get_stage_history (fixture->store, id, &error);
  g_assert_cmpuint (history->len, ==, 2);
  g_clear_pointer (&history, g_ptr_array_unref);

  /* An unknown project has no history. */
  history = d360_store_get_stage_history (fixture->store, 4242, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 0);
}

typedef void (*BreakFunc) (D360Project *project);

static void break_title (D360Project *p) { d360_project_set_title (p, " \t\n "); }
static void break_no_title (D360Project *p) { d360_project_set_title (p, NULL); }
static void break_city (D360Project *p) { d360_project_set_city_id (p, 0); }
static void break_negative (D360Project *p) { d360_project_set_budget_minor (p, -500); }
static void break_no_currency (D360Project *p) { d360_project_set_currency (p, NULL); }
static void break_currency (D360Project *p) { d360_project_set_currency (p, "XYZ"); }
static void break_lower_currency (D360Project *p) { d360_project_set_currency (p, "eur"); }
static void break_long_currency (D360Project *p) { d360_project_set_currency (p, "EURO"); }
static void break_feb_30 (D360Project *p) { d360_project_set_start_date (p, "2026-02-30"); }
static void break_month_13 (D360Project *p) { d360_project_set_start_date (p, "2026-13-01"); }
static void break_short_date (D360Project *p) { d360_project_set_start_date (p, "2026-1-5"); }
static void break_text_date (D360Project *p) { d360_project_set_end_date (p, "tomorrow"); }
static void break_feb_29 (D360Project *p) { d360_project_set_end_date (p, "2027-02-29"); }
static void break_sql_date (D360Project *p) { d360_project_set_end_date (p, "2031-01-01' --"); }
static void break_order (D360Project *p) { d360_project_set_end_date (p, "2027-03-31"); }

static void
break_too_large (D360Project *p)
{
  d360_project_set_budget_minor (p, D360_MAX_BUDGET_MINOR + 1);
}

static void
test_project_validation (Fixture       *fixture,
                         gconstpointer  data)
{
  static const BreakFunc breakers[] = {
    break_title, break_no_title, break_city, break_negative, break_too_large,
    break_no_currency, break_currency, break_lower_currency, break_long_currency,
    break_feb_30, break_month_13, break_short_date, break_text_date, break_feb_29,
    break_sql_date, break_order,
  };
  g_autoptr(D360Project) saved = full_project (fixture);
  g_autoptr(D360Project) boundary = full_project (fixture);
  g_autoptr(GError) error = NULL;

  save_ok (fixture, saved);

  for (guint i = 0; i < G_N_ELEMENTS (breakers); i++)
    {
      g_autoptr(D360Project) fresh = full_project (fixture);
      g_autoptr(D360Project) edited = d360_project_copy (saved);
      g_autoptr(D360Project) read = NULL;

      /* A new project: nothing written. */
      breakers[i] (fresh);
      g_assert_false (d360_store_validate_project (fresh, &error));
      g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_false (d360_store_save_project (fixture->store, fresh, &error));
      g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
      g_assert_cmpuint (strlen (error->message), >, 10);
      g_test_message ("%u: %s", i, error->message);
      g_clear_error (&error);
      g_assert_cmpint (d360_project_get_id (fresh), ==, 0);

      /* An edit: the stored row stays as it was. */
      breakers[i] (edited);
      g_assert_false (d360_store_save_project (fixture->store, edited, &error));
      g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
      g_clear_error (&error);
      read = d360_store_get_project (fixture->store, d360_project_get_id (saved), &error);
      g_assert_no_error (error);
      assert_projects_equal (saved, read);

      g_assert_cmpint (count_rows (fixture, "project"), ==, 1);
      g_assert_cmpint (count_rows (fixture, "project_stage_history"), ==, 1);
    }

  /* The limits themselves are fine. */
  d360_project_set_budget_minor (boundary, D360_MAX_BUDGET_MINOR);
  d360_project_set_start_date (boundary, "2028-02-29");
  d360_project_set_end_date (boundary, "2028-02-29");
  save_ok (fixture, boundary);
  d360_project_set_budget_minor (boundary, 0);
  d360_project_set_currency (boundary, "JPY");
  save_ok (fixture, boundary);
  d360_project_set_budget_minor (boundary, -1);
  d360_project_set_currency (boundary, NULL);
  d360_project_set_start_date (boundary, NULL);
  save_ok (fixture, boundary);
  d360_project_set_currency (boundary, "RON");  /* a currency without a budget yet */
  save_ok (fixture, boundary);
}

static void
test_project_text_round_trip (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(D360Project) project = d360_project_new (fixture->city_id, SQL_FRAGMENT);
  g_autoptr(D360Project) read = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(D360Project) item = NULL;
  D360ProjectQuery query = query_for (fixture);

  while (g_utf8_strlen (big->str, -1) < 100000)
    g_string_append (big, "Șantierul țării, ăla; 'x' \"y\" -- ");
  g_string_truncate (big, g_utf8_offset_to_pointer (big->str, 100000) - big->str);
  g_assert_cmpint (g_utf8_strlen (big->str, -1), ==, 100000);

  d360_project_set_summary (project, DIACRITICS);
  d360_project_set_description (project, big->str);
  d360_project_set_sector (project, "'; DELETE FROM city; --");
  d360_project_set_location (project, "Piața \"Victoriei\" 1'2");
  d360_project_set_responsible (project, "Ștefan Țuțea 🙂");
  save_ok (fixture, project);

  read = d360_store_get_project (fixture->store, d360_project_get_id (project), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d360_project_get_title (read), ==, SQL_FRAGMENT);
  g_assert_cmpstr (d360_project_get_summary (read), ==, DIACRITICS);
  g_assert_cmpstr (d360_project_get_description (read), ==, big->str);
  g_assert_cmpstr (d360_project_get_sector (read), ==, "'; DELETE FROM city; --");
  g_assert_cmpstr (d360_project_get_location (read), ==, "Piața \"Victoriei\" 1'2");
  g_assert_cmpstr (d360_project_get_responsible (read), ==, "Ștefan Țuțea 🙂");
  g_assert_cmpint (count_rows (fixture, "city"), ==, 1);

  model = d360_store_list_projects (fixture->store, &query);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  item = g_list_model_get_item (model, 0);
  assert_projects_equal (read, item);

  assert_search (fixture, "șantierul", SQL_FRAGMENT);
  assert_search (fixture, "santierul tarii", SQL_FRAGMENT);
}

/* ---------------------------------------------------------------- lists */

static void
add_search_corpus (Fixture *fixture)
{
  g_autoptr(D360Project) tram = save_new_project (fixture, "Tram line extension",
                                                  D360_STAGE_FEASIBILITY);
  g_autoptr(D360Project) park = save_new_project (fixture, "Parc industrial vest",
                                                  D360_STAGE_NEGOTIATION);
  g_autoptr(D360Project) school = save_new_project (fixture, "Școala de vară",
                                                    D360_STAGE_IDEA);
  g_autoptr(D360Project) flood = save_new_project (fixture, "Flood protection",
                                                   D360_STAGE_SEEKING_PARTNERS);

  d360_project_set_location (flood, "Lunca Timișului");
  d360_project_set_sector (tram, "Urban transport");
  d360_project_set_summary (park, "Pentru investitori străini");
  d360_project_set_description (school, "Cursuri de limba română pentru copiii diasporei");
  save_ok (fixture, flood);
  save_ok (fixture, tram);
  save_ok (fixture, park);
  save_ok (fixture, school);
}

#define ALL_FOUR "Flood protection|Parc industrial vest|Tram line extension|Școala de vară"

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  static const char * const odd[] = {
    "\"", "\"\"", "*", "tram*", "NEAR(tram line)", "tram OR flood", "NOT tram", "-tram",
    "^tram", "title:tram", "{title summary}:tram", "(tram", "tram)", "+", "'", "a\"b",
    "AND", "\\", "%", "_", "tram\"", "🙂", "\t\n", "ăâî", "' OR 1=1 --",
  };
  g_autoptr(D360Project) tram = NULL;
  g_autoptr(GError) error = NULL;

  add_search_corpus (fixture);

  /* Prefixes, case and diacritics. */
  assert_search (fixture, "TRAM", "Tram line extension");
  assert_search (fixture, "tr", "Tram line extension");
  assert_search (fixture, "t", "Flood protection|Tram line extension");
  assert_search (fixture, "timis", "Flood protection");
  assert_search (fixture, "TIMIȘ", "Flood protection");
  assert_search (fixture, "Timiş", "Flood protection");  /* cedilla */
  assert_search (fixture, "scoala", "Școala de vară");
  assert_search (fixture, "Şcoală", "Școala de vară");
  assert_search (fixture, "vara", "Școala de vară");
  assert_search (fixture, "parc ind", "Parc industrial vest");
  assert_search (fixture, "  parc   industrial  ", "Parc industrial vest");
  assert_search (fixture, "parc tram", "");

  /* Every searched column: title, summary, description, sector, location. */
  assert_search (fixture, "straini", "Parc industrial vest");
  assert_search (fixture, "diaspo", "Școala de vară");
  assert_search (fixture, "urban", "Tram line extension");
  assert_search (fixture, "lunca", "Flood protection");
  assert_search (fixture, "pentru", "Parc industrial vest|Școala de vară");

  /* Punctuation only is no search at all. */
  assert_search (fixture, "-- !! ?", ALL_FOUR);
  assert_search (fixture, "", ALL_FOUR);
  assert_search (fixture, NULL, ALL_FOUR);
  assert_search (fixture, "tram!", "Tram line extension");

  /* Query syntax and SQL are plain words: no error, no warning, no effect. */
  for (guint i = 0; i < G_N_ELEMENTS (odd); i++)
    {
      g_autofree char *titles = search_titles (fixture, odd[i]);
    }
  assert_search (fixture, "tram\"", "Tram line extension");
  assert_search (fixture, "' OR 1=1 --", "");
  g_assert_cmpint (count_rows (fixture, "project"), ==, 4);

  /* The index follows edits. */
  tram = d360_store_get_project (fixture->store, 1, &error);
  g_assert_no_error (error);
  d360_project_set_title (tram, "Metrobus corridor");
  save_ok (fixture, tram);
  assert_search (fixture, "tram", "");
  assert_search (fixture, "metro", "Metrobus corridor");

  exec_sql (fixture, "INSERT INTO project_fts (project_fts) VALUES ('integrity-check')");
}

static void
set_fields (D360Project *project,
            guint        agenda_areas,
            guint        dimensions,
            guint        funding_sources,
            gint64       budget,
            const char  *currency)
{
  d360_project_set_agenda_areas (project, agenda_areas);
  d360_project_set_dimensions (project, dimensions);
  d360_project_set_funding_sources (project, funding_sources);
  d360_project_set_budget_minor (project, budget);
  d360_project_set_currency (project, currency);
}

static void
add_filter_corpus (Fixture *fixture)
{
  g_autoptr(D360Project) a = save_new_project (fixture, "alpha", D360_STAGE_IDEA);
  g_autoptr(D360Project) b = save_new_project (fixture, "Bravo", D360_STAGE_COMPLETED);
  g_autoptr(D360Project) c = save_new_project (fixture, "charlie", D360_STAGE_NEGOTIATION);
  g_autoptr(D360Project) d = save_new_project (fixture, "Delta", D360_STAGE_DROPPED);
  g_autoptr(D360Project) e = save_new_project (fixture, "Echo", D360_STAGE_NEGOTIATION);

  set_fields (a, D360_AGENDA_CULTURE, D360_DIMENSION_BIT (D360_DIMENSION_CULTURE),
              D360_FUNDING_EU, 50000, "EUR");
  set_fields (b, D360_AGENDA_CULTURE | D360_AGENDA_TOURISM,
              D360_DIMENSION_BIT (D360_DIMENSION_ECONOMY), D360_FUNDING_PRIVATE, -1, NULL);
  set_fields (c, D360_AGENDA_FOREIGN_INVESTMENT, D360_DIMENSION_BIT (D360_DIMENSION_ECONOMY) |
              D360_DIMENSION_BIT (D360_DIMENSION_TRANSPORT),
              D360_FUNDING_EU | D360_FUNDING_WORLD_BANK, 1000000, "RON");
  set_fields (d, D360_AGENDA_SECURITY_DEFENCE, D360_DIMENSION_BIT (D360_DIMENSION_SECURITY),
              D360_FUNDING_OTHER, 0, "USD");
  set_fields (e, 0, 0, 0, 50000, "RON");
  d360_project_set_archived (e, TRUE);
  save_ok (fixture, a);
  save_ok (fixture, b);
  save_ok (fixture, c);
  save_ok (fixture, d);
  save_ok (fixture, e);

  /* Distinct, known update times for the "last updated" order. */
  exec_sql (fixture, "UPDATE project SET updated_at = CASE title "
                     "WHEN 'alpha' THEN '2025-01-03T10:00:00Z' "
                     "WHEN 'Bravo' THEN '2025-01-01T10:00:00Z' "
                     "WHEN 'charlie' THEN '2025-01-04T10:00:00Z' "
                     "WHEN 'Delta' THEN '2025-01-02T10:00:00Z' "
                     "ELSE '2025-01-05T10:00:00Z' END");
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  D360ProjectQuery query;
  gint64 other_city = add_city (fixture->store, "Arad");
  g_autoptr(D360Project) elsewhere = d360_project_new (other_city, "alpha elsewhere");

  add_filter_corpus (fixture);
  save_ok (fixture, elsewhere);

  query = query_for (fixture);
  assert_titles (fixture, &query, "alpha|Bravo|charlie|Delta");

  query.stage = D360_STAGE_NEGOTIATION;
  assert_titles (fixture, &query, "charlie");
  query.archived = TRUE;
  assert_titles (fixture, &query, "Echo");
  query.stage = D360_STAGE_IDEA;
  assert_titles (fixture, &query, "");

  query = query_for (fixture);
  query.agenda_areas = D360_AGENDA_CULTURE;
  assert_titles (fixture, &query, "alpha|Bravo");
  query.agenda_areas = D360_AGENDA_TOURISM | D360_AGENDA_SECURITY_DEFENCE;
  assert_titles (fixture, &query, "Bravo|Delta");

  query = query_for (fixture);
  query.dimensions = D360_DIMENSION_BIT (D360_DIMENSION_ECONOMY);
  assert_titles (fixture, &query, "Bravo|charlie");
  query.dimensions = D360_DIMENSION_BIT (D360_DIMENSION_TRANSPORT);
  assert_titles (fixture, &query, "charlie");

  query = query_for (fixture);
  query.funding_sources = D360_FUNDING_EU;
  assert_titles (fixture, &query, "alpha|charlie");
  query.funding_sources = D360_FUNDING_WORLD_BANK | D360_FUNDING_OTHER;
  assert_titles (fixture, &query, "charlie|Delta");

  /* Filters combine with each other and with a search. */
  query = query_for (fixture);
  query.funding_sources = D360_FUNDING_EU;
  query.dimensions = D360_DIMENSION_BIT (D360_DIMENSION_CULTURE);
  assert_titles (fixture, &query, "alpha");
  query.search = "alp";
  assert_titles (fixture, &query, "alpha");
  query.search = "char";
  assert_titles (fixture, &query, "");

  /* Another city's list. */
  query = query_for (fixture);
  query.city_id = other_city;
  assert_titles (fixture, &query, "alpha elsewhere");
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  D360ProjectQuery query = query_for (fixture);

  add_filter_corpus (fixture);

  query.sort = D360_PROJECT_SORT_TITLE;
  assert_titles (fixture, &query, "alpha|Bravo|charlie|Delta");
  query.sort = D360_PROJECT_SORT_STAGE;
  assert_titles (fixture, &query, "alpha|charlie|Bravo|Delta");
  query.sort = D360_PROJECT_SORT_BUDGET;
  assert_titles (fixture, &query, "charlie|alpha|Delta|Bravo");
  query.sort = D360_PROJECT_SORT_UPDATED;
  assert_titles (fixture, &query, "charlie|alpha|Delta|Bravo");

  /* Sorting a search, and the archived list. */
  query.search = "a";
  query.sort = D360_PROJECT_SORT_STAGE;
  assert_titles (fixture, &query, "alpha");
  query.search = NULL;
  query.archived = TRUE;
  query.sort = D360_PROJECT_SORT_BUDGET;
  assert_titles (fixture, &query, "Echo");
}

typedef struct
{
  guint calls;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->calls++;
  record->position = position;
  record->removed = removed;
  record->added = added;
}

static void
test_list_model_follows_writes (Fixture       *fixture,
                                gconstpointer  data)
{
  D360ProjectQuery query = query_for (fixture);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(D360Project) project = NULL;
  g_autoptr(D360Project) second = NULL;
  g_autoptr(GObject) deleted = NULL;
  g_autoptr(GError) error = NULL;
  ItemsChanged record = { 0 };

  model = d360_store_list_projects (fixture->store, &query);
  g_assert_true (g_list_model_get_item_type (model) == D360_TYPE_PROJECT);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &record);

  project = save_new_project (fixture, "First", D360_STAGE_IDEA);
  g_assert_cmpuint (record.calls, ==, 1);
  g_assert_cmpuint (record.removed, ==, 0);
  g_assert_cmpuint (record.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  second = save_new_project (fixture, "Second", D360_STAGE_IDEA);
  g_assert_cmpuint (record.calls, ==, 2);
  g_assert_cmpuint (record.added, ==, 2);

  g_assert_true (d360_store_set_project_archived (fixture->store, d360_project_get_id (second),
                                                  TRUE, &error));
  g_assert_cmpuint (record.calls, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  deleted = d360_store_delete_project (fixture->store, d360_project_get_id (project), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (record.calls, ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  g_assert_true (d360_store_undo_delete_project (fixture->store, deleted, &error));
  g_assert_cmpuint (record.calls, ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* A failed write changes nothing and says nothing. */
  d360_project_set_title (project, "");
  g_assert_false (d360_store_save_project (fixture->store, project, &error));
  g_clear_error (&error);
  g_assert_cmpuint (record.calls, ==, 5);

  /* A new query is one change. */
  query.archived = TRUE;
  query.sort = D360_PROJECT_SORT_UPDATED;
  d360_store_project_list_set_query (model, &query);
  g_assert_cmpuint (record.calls, ==, 6);
  g_assert_cmpuint (record.position, ==, 0);
  g_assert_cmpuint (record.removed, ==, 1);
  g_assert_cmpuint (record.added, ==, 1);
  {
    g_autoptr(D360Project) item = g_list_model_get_item (model, 0);

    g_assert_cmpstr (d360_project_get_title (item), ==, "Second");
    g_assert_null (g_list_model_get_item (model, 1));
  }
}

static gboolean
add_many_projects (D360Store  *store,
                   gpointer    user_data,
                   GError    **error)
{
  Fixture *fixture = user_data;

  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *title = g_strdup_printf ("Project %04u", i);
      g_autoptr(D360Project) project = save_new_project (fixture, title, i % D360_N_STAGES);
    }

  return TRUE;
}

static void
test_list_model_paging (Fixture       *fixture,
                        gconstpointer  data)
{
  D360ProjectQuery query = query_for (fixture);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  /* More rows than the model caches. */
  g_assert_true (d360_store_run_in_transaction (fixture->store, add_many_projects, fixture,
                                                &error));
  g_assert_no_error (error);

  model = d360_store_list_projects (fixture->store, &query);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1500);
  for (guint i = 0; i < 1500; i++)
    {
      g_autoptr(D360Project) project = g_list_model_get_item (model, i);
      g_autofree char *title = g_strdup_printf ("Project %04u", i);

      g_assert_cmpstr (d360_project_get_title (project), ==, title);
    }
  g_assert_cmpuint (d360_store_list_model_get_n_cached_pages (D360_STORE_LIST_MODEL (model)), <=,
                    16);

  query.stage = D360_STAGE_AGREED;
  d360_store_project_list_set_query (model, &query);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1500 / D360_N_STAGES + 1);
  g_assert_cmpint (d360_store_count_projects (fixture->store, &query, &error), ==,
                   1500 / D360_N_STAGES + 1);
}

/* ---------------------------------------------------------- partnerships */

static void
test_partnership_crud (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(D360Partnership) partnership = d360_partnership_new (fixture->city_id,
                                                                 "Karlsruhe");
  g_autoptr(D360Partnership) read = NULL;
  g_autoptr(D360Partnership) org = d360_partnership_new (fixture->city_id,
                                                         "Covenant of Mayors");
  g_autoptr(GListModel) model = d360_store_list_partnerships (fixture->store, fixture->city_id);
  g_autoptr(GError) error = NULL;
  ItemsChanged record = { 0 };

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &record);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  g_assert_true (d360_partnership_get_partner_is_city (partnership));
  g_assert_cmpint (d360_partnership_get_status (partnership), ==, D360_PARTNERSHIP_PROPOSED);
  d360_partnership_set_partner_country (partnership, "DE");
  d360_partnership_set_kind (partnership, D360_PARTNERSHIP_SISTER_CITY);
  d360_partnership_set_status (partnership, D360_PARTNERSHIP_ACTIVE);
  d360_partnership_set_signed_on (partnership, "2005-05-09");
  d360_partnership_set_expires_on (partnership, "2030-05-08");
  d360_partnership_set_dimensions (partnership, D360_DIMENSION_BIT (D360_DIMENSION_CULTURE));
  d360_partnership_set_notes (partnership, SQL_FRAGMENT " " DIACRITICS);
  g_assert_true (d360_store_save_partnership (fixture->store, partnership, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d360_partnership_get_id (partnership), >, 0);
  g_assert_nonnull (d360_partnership_get_updated_at (partnership));
  g_assert_cmpuint (record.calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  read = d360_store_get_partnership (fixture->store, d360_partnership_get_id (partnership),
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpint (d360_partnership_get_city_id (read), ==, fixture->city_id);
  g_assert_cmpstr (d360_partnership_get_partner_name (read), ==, "Karlsruhe");
  g_assert_cmpstr (d360_partnership_get_partner_country (read), ==, "DE");
  g_assert_true (d360_partnership_get_partner_is_city (read));
  g_assert_cmpint (d360_partnership_get_kind (read), ==, D360_PARTNERSHIP_SISTER_CITY);
  g_assert_cmpint (d360_partnership_get_status (read), ==, D360_PARTNERSHIP_ACTIVE);
  g_assert_cmpstr (d360_partnership_get_signed_on (read), ==, "2005-05-09");
  g_assert_cmpstr (d360_partnership_get_expires_on (read), ==, "2030-05-08");
  g_assert_cmpuint (d360_partnership_get_dimensions (read), ==,
                    D360_DIMENSION_BIT (D360_DIMENSION_CULTURE));
  g_assert_cmpstr (d360_partnership_get_notes (read), ==, SQL_FRAGMENT " " DIACRITICS);

  /* An organisation, without country or dates. */
  d360_partnership_set_partner_is_city (org, FALSE);
  d360_partnership_set_kind (org, D360_PARTNERSHIP_INTERNATIONAL_COMMITMENT);
  g_assert_true (d360_store_save_partnership (fixture->store, org, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  {
    g_autoptr(D360Partnership) first = g_list_model_get_item (model, 0);

    g_assert_cmpstr (d360_partnership_get_partner_name (first), ==, "Covenant of Mayors");
    g_assert_false (d360_partnership_get_partner_is_city (first));
  }

  /* Update. */
  d360_partnership_set_status (read, D360_PARTNERSHIP_DORMANT);
  d360_partnership_set_partner_name (read, "Karlsruhe (Baden)");
  g_assert_true (d360_store_save_partnership (fixture->store, read, &error));
  g_assert_no_error (error);
  g_clear_object (&partnership);
  partnership = d360_store_get_partnership (fixture->store, d360_partnership_get_id (read),
                                            &error);
  g_assert_cmpstr (d360_partnership_get_partner_name (partnership), ==, "Karlsruhe (Baden)");
  g_assert_cmpint (d360_partnership_get_status (partnership), ==, D360_PARTNERSHIP_DORMANT);

  /* Counting and deleting. */
  {
    guint n_projects = 99, n_partnerships = 99;

    g_assert_true (d360_store_count_city_contents (fixture->store, fixture->city_id,
                                                   &n_projects, &n_partnerships, &error));
    g_assert_cmpuint (n_projects, ==, 0);
    g_assert_cmpuint (n_partnerships, ==, 2);
  }
  g_assert_true (d360_store_delete_partnership (fixture->store, d360_partnership_get_id (read),
                                                &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_false (d360_store_delete_partnership (fixture->store, d360_partnership_get_id (read),
                                                 &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (d360_store_get_partnership (fixture->store, d360_partnership_get_id (read),
                                             &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);

  /* Keys and labels. */
  for (guint i = 0; i < D360_N_PARTNERSHIP_KINDS; i++)
    {
      D360PartnershipKind kind;

      g_assert_true (d360_partnership_kind_from_key (d360_partnership_kind_to_key (i), &kind));
      g_assert_cmpint (kind, ==, i);
    }
  g_assert_cmpstr (d360_partnership_kind_get_label (D360_PARTNERSHIP_MOU), ==,
                   "Memorandum of understanding");
  g_assert_cmpstr (d360_partnership_status_get_label (D360_PARTNERSHIP_DORMANT), ==, "Dormant");
}

static void
test_partnership_validation (Fixture       *fixture,
                             gconstpointer  data)
{
  static const struct {
    const char *name;
    const char *country;
    const char *signed_on;
    const char *expires_on;
  } bad[] = {
    { "", NULL, NULL, NULL },
    { "   ", NULL, NULL, NULL },
    { "Lyon", "FRA", NULL, NULL },
    { "Lyon", "fr", NULL, NULL },
    { "Lyon", "XX", NULL, NULL },
    { "Lyon", "FR", "2026-02-30", NULL },
    { "Lyon", "FR", NULL, "2025-04-31" },
    { "Lyon", "FR", "09.05.2005", NULL },
    { "Lyon", "FR", "2020-01-02", "2020-01-01" },
  };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(D360Partnership) partnership = d360_partnership_new (fixture->city_id,
                                                                     bad[i].name);

      d360_partnership_set_partner_country (partnership, bad[i].country);
      d360_partnership_set_signed_on (partnership, bad[i].signed_on);
      d360_partnership_set_expires_on (partnership, bad[i].expires_on);
      g_assert_false (d360_store_save_partnership (fixture->store, partnership, &error));
      g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
      g_test_message ("%u: %s", i, error->message);
      g_clear_error (&error);
      g_assert_cmpint (d360_partnership_get_id (partnership), ==, 0);
    }

  {
    g_autoptr(D360Partnership) orphan = d360_partnership_new (0, "Lyon");

    g_assert_false (d360_store_save_partnership (fixture->store, orphan, &error));
    g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  g_assert_cmpint (count_rows (fixture, "partnership"), ==, 0);
}

static void
test_partnership_expiry (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(D360Partnership) partnership = d360_partnership_new (fixture->city_id, "Lyon");
  GDate today, day;
  g_autofree char *in_30 = NULL;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JANUARY, 2026);

  g_assert_false (d360_partnership_expires_within (partnership, &today, 90));

  d360_partnership_set_expires_on (partnership, "2026-01-15");
  g_assert_true (d360_partnership_expires_within (partnership, &today, 90));
  d360_partnership_set_expires_on (partnership, "2026-04-15");   /* today + 90 */
  g_assert_true (d360_partnership_expires_within (partnership, &today, 90));
  d360_partnership_set_expires_on (partnership, "2026-04-16");
  g_assert_false (d360_partnership_expires_within (partnership, &today, 90));
  d360_partnership_set_expires_on (partnership, "2026-01-14");   /* already over */
  g_assert_false (d360_partnership_expires_within (partnership, &today, 90));
  d360_partnership_set_expires_on (partnership, "2026-02-20");
  g_assert_true (d360_partnership_expires_within (partnership, &today, 90));
  g_assert_false (d360_partnership_expires_within (partnership, &today, 10));
  d360_partnership_set_status (partnership, D360_PARTNERSHIP_ENDED);
  g_assert_false (d360_partnership_expires_within (partnership, &today, 90));
  d360_partnership_set_status (partnership, D360_PARTNERSHIP_ACTIVE);

  /* Without a day given, today. */
  d360_date_set_today (&day);
  g_date_add_days (&day, 30);
  in_30 = d360_date_to_string (&day);
  d360_partnership_set_expires_on (partnership, in_30);
  g_assert_true (d360_partnership_expires_within (partnership, NULL, 90));
  g_assert_false (d360_partnership_expires_within (partnership, NULL, 29));
}

/* ------------------------------------------------------ sample portfolio */

static void
test_sample_portfolio (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) partnerships = NULL;
  g_autoptr(GHashTable) stages = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) currencies = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(D360City) city = NULL;
  g_autoptr(D360Project) mine = save_new_project (fixture, "Our own project", D360_STAGE_IDEA);
  guint n_projects = 0, n_partnerships = 0, n_expiring = 0, n_archived = 0;
  gint64 city_id, again;
  ItemsChanged record = { 0 };
  D360ProjectQuery query = { 0 };
  g_autoptr(GListModel) model = NULL;

  g_assert_cmpint (d360_store_find_sample_city (fixture->store), ==, 0);

  city_id = d360_store_load_sample_portfolio (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (city_id, >, 0);
  g_assert_cmpint (city_id, !=, fixture->city_id);
  g_assert_cmpint (d360_store_find_sample_city (fixture->store), ==, city_id);

  city = d360_store_get_city (fixture->store, city_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d360_city_get_name (city), ==, "Sample City (workshop)");
  g_assert_cmpstr (d360_city_get_county (city), ==, "RO-TM");

  g_assert_true (d360_store_count_city_contents (fixture->store, city_id, &n_projects,
                                                 &n_partnerships, &error));
  g_assert_cmpuint (n_projects, >=, 10);
  g_assert_cmpuint (n_partnerships, >=, 4);

  /* Varied: every stage, several currencies, an archived project. */
  query.city_id = city_id;
  query.stage = -1;
  for (guint archived = 0; archived < 2; archived++)
    {
      query.archived = archived;
      g_clear_object (&model);
      model = d360_store_list_projects (fixture->store, &query);
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(D360Project) project = g_list_model_get_item (model, i);
          g_autoptr(GPtrArray) history = NULL;
          D360StageChange *last;

          g_assert_no_error (error);
          g_assert_true (d360_store_validate_project (project, &error));
          g_hash_table_add (stages, GINT_TO_POINTER (d360_project_get_stage (project)));
          if (d360_project_get_currency (project) != NULL)
            g_hash_table_add (currencies,
                              (char *) g_intern_string (d360_project_get_currency (project)));
          n_archived += archived;

          history = d360_store_get_stage_history (fixture->store,
                                                  d360_project_get_id (project), &error);
          g_assert_cmpuint (history->len, >=, 1);
          last = g_ptr_array_index (history, history->len - 1);
          g_assert_cmpint (last->stage, ==, d360_project_get_stage (project));
        }
    }
  g_assert_cmpuint (g_hash_table_size (stages), ==, D360_N_STAGES);
  g_assert_cmpuint (g_hash_table_size (currencies), >=, 3);
  g_assert_true (g_hash_table_contains (currencies, "EUR"));
  g_assert_true (g_hash_table_contains (currencies, "RON"));
  g_assert_true (g_hash_table_contains (currencies, "USD"));
  g_assert_cmpuint (n_archived, >=, 1);

  partnerships = d360_store_list_partnerships (fixture->store, city_id);
  for (guint i = 0; i < g_list_model_get_n_items (partnerships); i++)
    {
      g_autoptr(D360Partnership) partnership = g_list_model_get_item (partnerships, i);

      n_expiring += d360_partnership_expires_within (partnership, NULL, 90);
    }
  g_assert_cmpuint (n_expiring, >=, 1);

  /* Loading again changes nothing. */
  g_signal_connect (partnerships, "items-changed", G_CALLBACK (items_changed_cb), &record);
  again = d360_store_load_sample_portfolio (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, city_id);
  g_assert_cmpint (count_rows (fixture, "city"), ==, 2);
  g_assert_cmpint (count_rows (fixture, "project"), ==, n_projects + 1);
  g_assert_cmpint (count_rows (fixture, "partnership"), ==, n_partnerships);
  g_assert_cmpuint (record.calls, ==, 0);

  /* The search sees it. */
  query.archived = FALSE;
  query.search = "timis";
  g_assert_cmpint (d360_store_count_projects (fixture->store, &query, &error), >=, 1);

  /* Removing it leaves the user's own city and projects alone. */
  g_assert_true (d360_store_remove_sample_portfolio (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (record.calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (partnerships), ==, 0);
  g_assert_cmpint (d360_store_find_sample_city (fixture->store), ==, 0);
  g_assert_cmpint (count_rows (fixture, "city"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "project"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "project_stage_history"), ==, 1);
  g_assert_cmpint (count_rows (fixture, "partnership"), ==, 0);
  g_assert_cmpint (d360_store_count_projects (fixture->store, &query, &error), ==, 0);
  exec_sql (fixture, "INSERT INTO project_fts (project_fts) VALUES ('integrity-check')");

  g_assert_true (d360_store_remove_sample_portfolio (fixture->store, &error));
  g_assert_no_error (error);

  /* And it can come back. */
  city_id = d360_store_load_sample_portfolio (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (city_id, >, 0);
  g_assert_cmpint (count_rows (fixture, "project"), ==, n_projects + 1);
}

/* ------------------------------------------------------------ migration */

static void
test_migration_from_v1 (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "v1.db", NULL);
  g_autoptr(GBytes) script = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(D360Store) store = NULL;
  g_autoptr(D360City) city = NULL;
  g_autoptr(D360Project) project = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (d360_store_get_latest_schema_version (), >=, 2);

  script = g_resources_lookup_data (RESOURCE_BASE "/sql/001-city.sql", 0, &error);
  g_assert_no_error (error);
  sql = g_strndup (g_bytes_get_data (script, NULL), g_bytes_get_size (script));

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK ||
      sqlite3_exec (db,
                    "PRAGMA application_id = 1144206896; PRAGMA user_version = 1;"
                    "INSERT INTO city (id, name, country, county, population, mayor) "
                    "VALUES (7, 'Brașov ş''ţ', 'RO', 'RO-BV', 237589, 'Allen Coliban');"
                    "INSERT INTO city_dimension (city_id, dimension, priority, notes) "
                    "VALUES (7, 'culture', 5, 'Cetatea; \"Biserica Neagră\"');",
                    NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);

  store = d360_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (d360_store_get_schema_version (store), ==,
                   d360_store_get_latest_schema_version ());

  city = d360_store_get_city (store, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d360_city_get_name (city), ==, "Brașov ş'ţ");
  g_assert_cmpstr (d360_city_get_county (city), ==, "RO-BV");
  g_assert_cmpint (d360_city_get_population (city), ==, 237589);
  g_assert_cmpint (d360_city_get_dimension_priority (city, D360_DIMENSION_CULTURE), ==, 5);
  g_assert_cmpstr (d360_city_get_dimension_notes (city, D360_DIMENSION_CULTURE), ==,
                   "Cetatea; \"Biserica Neagră\"");
  g_assert_true (d360_store_integrity_check (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d360_store_find_sample_city (store), ==, 0);

  /* The new tables work for the old city. */
  project = d360_project_new (7, "Brașov airport connection");
  g_assert_true (d360_store_save_project (store, project, &error));
  g_assert_no_error (error);
}

/* ---------------------------------------------------------------- money */

static void
assert_parse (const char *text,
              const char *currency,
              gint64      expected)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = -42;

  if (!d360_money_parse (text, currency, D360_MAX_BUDGET_MINOR, &minor, &error))
    g_error ("“%s” (%s) was refused: %s", text, currency, error->message);
  g_assert_cmpint (minor, ==, expected);
}

static void
assert_refused (const char *text,
                const char *currency,
                int         code)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = -42;

  if (d360_money_parse (text, currency, D360_MAX_BUDGET_MINOR, &minor, &error))
    g_error ("“%s” (%s) was read as %" G_GINT64_FORMAT, text, currency, minor);
  g_assert_error (error, D360_MONEY_ERROR, code);
  g_assert_cmpuint (strlen (error->message), >, 5);
  g_assert_cmpint (minor, ==, -42);
}

static void
assert_format (gint64      minor,
               const char *currency,
               const char *expected)
{
  g_autofree char *text = d360_money_format (minor, currency);
  g_autoptr(GError) error = NULL;
  gint64 back = -1;

  g_assert_cmpstr (text, ==, expected);

  /* What we write, we read back. */
  if (minor >= 0 && minor <= D360_MAX_BUDGET_MINOR)
    {
      g_assert_true (d360_money_parse (text, currency, D360_MAX_BUDGET_MINOR, &back, &error));
      g_assert_no_error (error);
      g_assert_cmpint (back, ==, minor);
    }
}

static void
test_money_currencies (void)
{
  g_assert_true (d360_currency_is_valid ("EUR"));
  g_assert_true (d360_currency_is_valid ("RON"));
  g_assert_true (d360_currency_is_valid ("USD"));
  g_assert_true (d360_currency_is_valid ("JPY"));
  g_assert_false (d360_currency_is_valid ("eur"));
  g_assert_false (d360_currency_is_valid ("XYZ"));
  g_assert_false (d360_currency_is_valid ("EURO"));
  g_assert_false (d360_currency_is_valid (""));
  g_assert_false (d360_currency_is_valid (NULL));

  g_assert_cmpuint (d360_currency_get_exponent ("EUR"), ==, 2);
  g_assert_cmpuint (d360_currency_get_exponent ("HUF"), ==, 2);
  g_assert_cmpuint (d360_currency_get_exponent ("JPY"), ==, 0);
  g_assert_cmpuint (d360_currency_get_exponent ("KRW"), ==, 0);
  g_assert_cmpuint (d360_currency_get_exponent ("KWD"), ==, 3);
  g_assert_cmpuint (d360_currency_get_exponent ("TND"), ==, 3);
  g_assert_cmpuint (d360_currency_get_exponent ("CLF"), ==, 4);
  g_assert_cmpuint (d360_currency_get_exponent ("XYZ"), ==, 2);
  g_assert_cmpuint (d360_currency_get_exponent (NULL), ==, 2);
}

static void
test_money_c_locale (void)
{
  g_autofree char *amount = NULL;
  g_autofree char *smallest = NULL;

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));

  assert_format (123456789, "EUR", "1234567.89 EUR");
  assert_format (5, "EUR", "0.05 EUR");
  assert_format (0, "RON", "0.00 RON");
  assert_format (1234, "JPY", "1234 JPY");
  assert_format (1234567, "KWD", "1234.567 KWD");
  assert_format (D360_MAX_BUDGET_MINOR, "USD", "1000000000000.00 USD");
  assert_format (-5, "EUR", "-0.05 EUR");
  amount = d360_money_format_amount (123456789, "EUR");
  g_assert_cmpstr (amount, ==, "1234567.89");
  smallest = d360_money_format_amount (G_MININT64, "EUR");
  g_assert_cmpstr (smallest, ==, "-92233720368547758.08");

  assert_parse ("1234.56", "EUR", 123456);
  assert_parse ("1234,56", "EUR", 123456);
  assert_parse ("1,234.56", "EUR", 123456);
  assert_parse ("1,234,567", "EUR", 123456700);
  assert_parse ("1234", "EUR", 123400);
  assert_parse ("1234.5", "EUR", 123450);
  assert_parse ("0,5", "RON", 50);
  assert_parse ("007", "EUR", 700);
  assert_parse ("+12", "EUR", 1200);
  assert_parse ("  1 234.56 EUR ", "EUR", 123456);
  assert_parse ("eur 12", "EUR", 1200);
  assert_parse ("1234", "JPY", 1234);
  assert_parse ("1.234", "KWD", 1234);
  assert_parse ("12", NULL, 1200);
  assert_parse ("1000000000000", "EUR", D360_MAX_BUDGET_MINOR);
  assert_parse ("0", "EUR", 0);

  assert_refused ("-5", "EUR", D360_MONEY_ERROR_NEGATIVE);
  assert_refused ("−5", "EUR", D360_MONEY_ERROR_NEGATIVE);
  assert_refused (" - 5 EUR", "EUR", D360_MONEY_ERROR_NEGATIVE);
  assert_refused ("12.345", "EUR", D360_MONEY_ERROR_PRECISION);
  assert_refused ("12.5", "JPY", D360_MONEY_ERROR_PRECISION);
  assert_refused ("1.2345", "KWD", D360_MONEY_ERROR_PRECISION);
  assert_refused ("1.001", NULL, D360_MONEY_ERROR_PRECISION);
  assert_refused ("1000000000000.01", "EUR", D360_MONEY_ERROR_TOO_LARGE);
  assert_refused ("99999999999999999999999999", "EUR", D360_MONEY_ERROR_TOO_LARGE);
  assert_refused ("184467440737095516.16", "EUR", D360_MONEY_ERROR_TOO_LARGE);
  assert_refused ("12", "XYZ", D360_MONEY_ERROR_CURRENCY);
  assert_refused ("12", "eur", D360_MONEY_ERROR_CURRENCY);
  assert_refused ("", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused ("   ", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused ("abc", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused ("12a", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused ("1..2", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused ("1.2.3", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused ("1,23,4", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused (".5", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused ("5.", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused ("1e6", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused ("0x10", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused ("12 USD", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused ("١٢", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused ("1'); DROP TABLE project; --", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused ("\xff\xfe", "EUR", D360_MONEY_ERROR_INVALID);

  {
    g_autoptr(GError) error = NULL;
    gint64 minor = 0;

    /* No limit but the type's. */
    g_assert_true (d360_money_parse ("92233720368547758.07", "EUR", 0, &minor, &error));
    g_assert_cmpint (minor, ==, G_MAXINT64);
    g_assert_false (d360_money_parse ("92233720368547758.08", "EUR", 0, &minor, &error));
    g_assert_error (error, D360_MONEY_ERROR, D360_MONEY_ERROR_TOO_LARGE);
  }
}

static GPtrArray *locale_dirs;

/* Switches to @locale, compiling it with localedef into a temporary folder
 * when the system does not have it. Each locale gets its own folder: glibc
 * remembers the folders where a locale was missing. */
static gboolean
use_locale (const char *locale,
            const char *source)
{
  g_autofree char *localedef = NULL;
  g_autofree char *output = NULL;
  char *dir;
  int status = -1;

  if (setlocale (LC_ALL, locale) != NULL)
    return TRUE;

  localedef = g_find_program_in_path ("localedef");
  dir = g_dir_make_tmp ("d360-locale-XXXXXX", NULL);
  if (localedef == NULL || dir == NULL)
    return FALSE;
  g_ptr_array_add (locale_dirs, dir);

  output = g_build_filename (dir, locale, NULL);
  {
    const char *argv[] = { localedef, "-i", source, "-f", "UTF-8", output, NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL,
                       G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL))
      return FALSE;
  }

  g_setenv ("LOCPATH", dir, TRUE);
  return setlocale (LC_ALL, locale) != NULL;
}

static void
test_money_ro_locale (void)
{
  if (!use_locale ("ro_RO.UTF-8", "ro_RO"))
    {
      g_test_skip ("The ro_RO.UTF-8 locale is not available");
      return;
    }

  assert_format (123456789, "EUR", "1.234.567,89 EUR");
  assert_format (123456, "RON", "1.234,56 RON");
  assert_format (99, "RON", "0,99 RON");
  assert_format (100000, "RON", "1.000,00 RON");
  assert_format (1234567, "JPY", "1.234.567 JPY");
  assert_format (1234567, "KWD", "1.234,567 KWD");
  assert_format (D360_MAX_BUDGET_MINOR, "EUR", "1.000.000.000.000,00 EUR");

  assert_parse ("1.234.567,89", "EUR", 123456789);
  assert_parse ("1234567,89", "EUR", 123456789);
  assert_parse ("1 234 567,89", "EUR", 123456789);
  assert_parse ("1\xc2\xa0" "234\xe2\x80\xaf" "567,89", "EUR", 123456789);  /* no-break spaces */
  assert_parse ("1.234", "EUR", 123400);              /* grouping, the Romanian way */
  assert_parse ("1234.56", "EUR", 123456);            /* plain, not grouping */
  assert_parse ("0,5", "RON", 50);
  assert_parse ("1.234.567 RON", "RON", 123456700);

  assert_refused ("1.234,567", "EUR", D360_MONEY_ERROR_PRECISION);
  assert_refused ("1,234.56", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused ("12.34.56", "EUR", D360_MONEY_ERROR_INVALID);
  assert_refused ("-1.234,56", "EUR", D360_MONEY_ERROR_NEGATIVE);

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
}

static void
test_money_en_locale (void)
{
  if (!use_locale ("en_US.UTF-8", "en_US"))
    {
      g_test_skip ("The en_US.UTF-8 locale is not available");
      return;
    }

  assert_format (123456789, "EUR", "1,234,567.89 EUR");
  assert_format (123456, "USD", "1,234.56 USD");
  assert_parse ("1,234,567.89", "EUR", 123456789);
  assert_parse ("1,234", "EUR", 123400);
  assert_parse ("1234,5", "EUR", 123450);
  assert_refused ("1.234,56", "EUR", D360_MONEY_ERROR_INVALID);

  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
}

/* ------------------------------------------------------------------ main */

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  locale_dirs = g_ptr_array_new_with_free_func (g_free);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/portfolio/project/round-trip", test_project_round_trip);
  ADD ("/portfolio/project/not-found", test_project_not_found);
  ADD ("/portfolio/project/delete-undo", test_project_delete_undo);
  ADD ("/portfolio/project/duplicate", test_project_duplicate);
  ADD ("/portfolio/project/archive", test_project_archive);
  ADD ("/portfolio/project/stage-history", test_project_stage_history);
  ADD ("/portfolio/project/validation", test_project_validation);
  ADD ("/portfolio/project/text-round-trip", test_project_text_round_trip);
  ADD ("/portfolio/list/search", test_search);
  ADD ("/portfolio/list/filters", test_filters);
  ADD ("/portfolio/list/sort", test_sort);
  ADD ("/portfolio/list/follows-writes", test_list_model_follows_writes);
  ADD ("/portfolio/list/paging", test_list_model_paging);
  ADD ("/portfolio/partnership/crud", test_partnership_crud);
  ADD ("/portfolio/partnership/validation", test_partnership_validation);
  ADD ("/portfolio/partnership/expiry", test_partnership_expiry);
  ADD ("/portfolio/sample", test_sample_portfolio);
  ADD ("/portfolio/migration/from-v1", test_migration_from_v1);
  g_test_add_func ("/portfolio/money/currencies", test_money_currencies);
  g_test_add_func ("/portfolio/money/c-locale", test_money_c_locale);
  g_test_add_func ("/portfolio/money/ro-locale", test_money_ro_locale);
  g_test_add_func ("/portfolio/money/en-locale", test_money_en_locale);

#undef ADD

  status = g_test_run ();

  for (guint i = 0; i < locale_dirs->len; i++)
    remove_tree (g_ptr_array_index (locale_dirs, i));
  g_ptr_array_unref (locale_dirs);
  return status;
}

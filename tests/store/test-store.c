/* test-store.c — the store against real SQLite files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test works on real database files in its own temporary folder. Files
 * the store must refuse are compared byte for byte (and by mtime) before and
 * after, and the folder must not gain any -wal, -shm or -journal file.
 */

#include "config.h"

#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "d360-backup.h"
#include "d360-store-city.h"
#include "d360-store-list-model.h"
#include "d360-store-private.h"

#define OUR_APPLICATION_ID 0x44333630
#define NOBODY 65534

static char *writer_path;

/* ------------------------------------------------------------ fixture */

typedef struct
{
  char *dir;
  char *path;   /* dir/diplomacy360.db, not created yet */
} Fixture;

static void
remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
    }

  if (g_remove (path) != 0)
    g_warning ("Could not remove %s: %s", path, g_strerror (errno));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("d360-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "diplomacy360.db", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* ------------------------------------------------------------ files */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The sorted names in @folder. */
static GStrv
list_folder (const char *folder)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (folder, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static void
assert_folder_is (const char         *folder,
                  const char * const *expected)
{
  g_auto(GStrv) names = list_folder (folder);

  g_assert_cmpstrv (names, expected);
}

static void
write_file (const char   *path,
            const void   *data,
            gsize         size)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) size, &error);
  g_assert_no_error (error);
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize size = 0;

  g_file_get_contents (path, &contents, &size, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, size);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GBytes) bytes = read_file (from);

  write_file (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* What a file and its folder looked like, to prove that nothing touched them. */
typedef struct
{
  char            *path;
  GBytes          *contents;   /* NULL for a folder */
  mode_t           mode;
  struct timespec  mtime;
  GStrv            listing;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_free (snapshot->path);
  g_clear_pointer (&snapshot->contents, g_bytes_unref);
  g_strfreev (snapshot->listing);
  g_free (snapshot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Snapshot, snapshot_free)

static Snapshot *
snapshot_take (const char *path)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);
  g_autofree char *folder = g_path_get_dirname (path);
  struct stat st;

  g_assert_cmpint (stat (path, &st), ==, 0);
  snapshot->path = g_strdup (path);
  snapshot->mode = st.st_mode;
  snapshot->mtime = st.st_mtim;
  if (S_ISREG (st.st_mode))
    snapshot->contents = read_file (path);
  snapshot->listing = list_folder (folder);

  return snapshot;
}

static void
snapshot_assert_unchanged (Snapshot *snapshot)
{
  g_autofree char *folder = g_path_get_dirname (snapshot->path);
  g_auto(GStrv) listing = list_folder (folder);
  struct stat st;

  g_assert_cmpint (stat (snapshot->path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode, ==, snapshot->mode);
  g_assert_cmpint (st.st_mtim.tv_sec, ==, snapshot->mtime.tv_sec);
  g_assert_cmpint (st.st_mtim.tv_nsec, ==, snapshot->mtime.tv_nsec);
  if (snapshot->contents != NULL)
    {
      g_autoptr(GBytes) contents = read_file (snapshot->path);

      g_assert_true (g_bytes_equal (contents, snapshot->contents));
    }

  /* No -wal, -shm or -journal left beside it, nothing else either. */
  g_assert_cmpstrv (listing, snapshot->listing);
}

/* ------------------------------------------------------------ raw SQLite */

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;
  int rc;

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    g_error ("Could not open %s: %s", path, sqlite3_errstr (rc));
  return db;
}

static void
raw_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("“%s” failed: %s", sql, message);
}

static gint64
raw_query_int (sqlite3    *db,
               const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
raw_query_text (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* Every table, index and trigger, as one text. */
static char *
raw_schema (sqlite3 *db)
{
  return raw_query_text (db,
                         "SELECT coalesce(group_concat(line, char(10)), '') FROM "
                         "(SELECT type || ' ' || name || ' ' || coalesce(sql, '') AS line "
                         "FROM sqlite_schema ORDER BY type, name)");
}

/* A database the way a newer version of the app would leave it. */
static void
make_too_new_database (const char *path,
                       gboolean    wal)
{
  g_autofree char *sql = NULL;
  sqlite3 *db = raw_open (path);

  sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                         OUR_APPLICATION_ID, d360_store_get_latest_schema_version () + 5);
  if (wal)
    raw_exec (db, "PRAGMA journal_mode = WAL");
  raw_exec (db, sql);
  raw_exec (db, "CREATE TABLE city (id INTEGER PRIMARY KEY, name TEXT, hologram BLOB);"
                "CREATE TABLE treaty (id INTEGER PRIMARY KEY, title TEXT);"
                "INSERT INTO city (name) VALUES ('Cluj-Napoca'), ('Iași');");
  sqlite3_close (db);
}

/* ------------------------------------------------------------ cities */

static D360City *
city_new_full (const char *name)
{
  D360City *city = d360_city_new (name);

  d360_city_set_country (city, "RO");
  d360_city_set_county (city, "RO-TM");
  d360_city_set_population (city, 250849);
  d360_city_set_area_km2 (city, 130.5);
  d360_city_set_coordinates (city, 45.7489, 21.2087);
  d360_city_set_mayor (city, "Dominic Fritz");
  d360_city_set_website (city, "https://www.primariatm.ro/");
  d360_city_set_summary (city, "Capitală Europeană a Culturii 2023.");
  d360_city_set_strengths (city, "IT, universități, cultură");
  for (guint d = 0; d < D360_N_DIMENSIONS; d++)
    {
      g_autofree char *notes = g_strdup_printf ("Note %u: «%s»", d, name);

      d360_city_set_dimension_priority (city, d, 1 + d % 5);
      d360_city_set_dimension_notes (city, d, notes);
    }

  return city;
}

static void
assert_same_city (D360City *expected,
                  D360City *actual)
{
  double lat_a, lon_a, lat_b, lon_b;
  gboolean has_a, has_b;

  g_assert_nonnull (actual);
  g_assert_cmpint (d360_city_get_id (actual), ==, d360_city_get_id (expected));
  g_assert_cmpstr (d360_city_get_name (actual), ==, d360_city_get_name (expected));
  g_assert_cmpstr (d360_city_get_country (actual), ==, d360_city_get_country (expected));
  g_assert_cmpstr (d360_city_get_county (actual), ==, d360_city_get_county (expected));
  g_assert_cmpint (d360_city_get_population (actual), ==, d360_city_get_population (expected));
  g_assert_cmpfloat (d360_city_get_area_km2 (actual), ==, d360_city_get_area_km2 (expected));
  has_a = d360_city_get_coordinates (expected, &lat_a, &lon_a);
  has_b = d360_city_get_coordinates (actual, &lat_b, &lon_b);
  g_assert_cmpint (has_b, ==, has_a);
  if (has_a)
    {
      g_assert_cmpfloat (lat_b, ==, lat_a);
      g_assert_cmpfloat (lon_b, ==, lon_a);
    }
  g_assert_cmpstr (d360_city_get_mayor (actual), ==, d360_city_get_mayor (expected));
  g_assert_cmpstr (d360_city_get_website (actual), ==, d360_city_get_website (expected));
  g_assert_cmpstr (d360_city_get_summary (actual), ==, d360_city_get_summary (expected));
  g_assert_cmpstr (d360_city_get_strengths (actual), ==, d360_city_get_strengths (expected));
  for (guint d = 0; d < D360_N_DIMENSIONS; d++)
    {
      g_assert_cmpint (d360_city_get_dimension_priority (actual, d), ==,
                       d360_city_get_dimension_priority (expected, d));
      g_assert_cmpstr (d360_city_get_dimension_notes (actual, d), ==,
                       d360_city_get_dimension_notes (expected, d));
    }
}

static D360Store *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  D360Store *store;

  store = d360_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (D360_IS_STORE (store));
  return store;
}

static gint64
save_new_city (D360Store  *store,
               const char *name)
{
  g_autoptr(D360City) city = d360_city_new (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (d360_store_save_city (store, city, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d360_city_get_id (city), >, 0);
  return d360_city_get_id (city);
}

static gint64
count_rows (D360Store  *store,
            const char *table)
{
  g_autoptr(GError) error = NULL;
  gint64 n = d360_store_count_rows (store, table, &error);

  g_assert_no_error (error);
  return n;
}

static gboolean
city_exists (D360Store *store,
             gint64     id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(D360City) city = d360_store_get_city (store, id, &error);

  if (city != NULL)
    {
      g_assert_no_error (error);
      return TRUE;
    }

  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  return FALSE;
}

/* Records every D360Store::changed, and those with the detail "city". */
typedef struct
{
  GPtrArray *tables;
  guint      n_city;
} ChangedLog;

static void
changed_cb (D360Store  *store,
            const char *table,
            ChangedLog *log)
{
  g_ptr_array_add (log->tables, g_strdup (table));
}

static void
changed_city_cb (D360Store  *store,
                 const char *table,
                 ChangedLog *log)
{
  g_assert_cmpstr (table, ==, "city");
  log->n_city++;
}

static void
changed_log_watch (ChangedLog *log,
                   D360Store  *store)
{
  log->tables = g_ptr_array_new_with_free_func (g_free);
  log->n_city = 0;
  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), log);
  g_signal_connect (store, "changed::city", G_CALLBACK (changed_city_cb), log);
}

static void
changed_log_unwatch (ChangedLog *log,
                     D360Store  *store)
{
  g_signal_handlers_disconnect_by_data (store, log);
  g_clear_pointer (&log->tables, g_ptr_array_unref);
}

static void
changed_log_assert (ChangedLog *log,
                    guint       n_city)
{
  g_assert_cmpuint (log->n_city, ==, n_city);
  g_assert_cmpuint (log->tables->len, ==, n_city);
  for (guint i = 0; i < log->tables->len; i++)
    g_assert_cmpstr (g_ptr_array_index (log->tables, i), ==, "city");
}

/* ------------------------------------------------------------ opening */

static void
test_open_fresh (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(D360Store) store = NULL;
  g_autoptr(D360City) city = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal_mode = NULL;
  g_autofree char *search_path = g_strconcat (fixture->path, "-search", NULL);
  g_autofree char *token = NULL;
  g_autofree char *search_token = NULL;
  int latest = d360_store_get_latest_schema_version ();
  sqlite3 *db;

  g_assert_cmpint (latest, >=, 1);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  store = open_store (fixture->path);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (d360_store_get_path (store), ==, fixture->path);
  g_assert_cmpint (d360_store_get_schema_version (store), ==, latest);
  g_assert_cmpint (count_rows (store, "city"), ==, 0);
  g_assert_cmpint (count_rows (store, "city_dimension"), ==, 0);
  g_assert_true (d360_store_integrity_check (store, &error));
  g_assert_no_error (error);

  /* Unknown tables, and names that try to be SQL, are refused. */
  g_assert_cmpint (d360_store_count_rows (store, "no_such_table", &error), ==, -1);
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (d360_store_count_rows (store, "city\"; DROP TABLE city; --", &error), ==, -1);
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (store, "city"), ==, 0);

  /* What the file says about itself, read by a second connection. */
  db = raw_open (fixture->path);
  journal_mode = raw_query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (raw_query_int (db, "PRAGMA application_id"), ==, OUR_APPLICATION_ID);
  g_assert_cmpint (raw_query_int (db, "PRAGMA user_version"), ==, latest);
  /* The people's search index is in a file of its own (006). */
  g_assert_cmpint (raw_query_int (db, "SELECT count (*) FROM sqlite_schema "
                                      "WHERE name LIKE 'contact_fts%'"), ==, 0);
  token = raw_query_text (db, "SELECT token FROM search_state");
  g_assert_cmpuint (strlen (token), ==, 32);
  sqlite3_close (db);

  db = raw_open (search_path);
  journal_mode = (g_free (journal_mode), raw_query_text (db, "PRAGMA journal_mode"));
  g_assert_cmpstr (journal_mode, ==, "wal");
  g_assert_cmpint (raw_query_int (db, "PRAGMA user_version"), ==, 1);
  search_token = raw_query_text (db, "SELECT token FROM state");
  g_assert_cmpstr (search_token, ==, token);
  /* It buffers 16 MiB of words in a transaction. */
  g_assert_cmpint (raw_query_int (db, "SELECT v FROM contact_fts_config WHERE k = 'hashsize'"),
                   ==, 16777216);
  sqlite3_close (db);

  /* Foreign keys are on in the store's connection: a city takes its
   * dimensions with it. */
  city = city_new_full ("Timișoara");
  g_assert_true (d360_store_save_city (store, city, &error));
  g_assert_no_error (error);
  save_new_city (store, "Arad");
  g_assert_cmpint (count_rows (store, "city_dimension"), ==, 2 * D360_N_DIMENSIONS);
  g_assert_true (d360_store_delete_city (store, d360_city_get_id (city), &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (store, "city"), ==, 1);
  g_assert_cmpint (count_rows (store, "city_dimension"), ==, D360_N_DIMENSIONS);

  /* Closing leaves two clean files: the database and its search index. */
  g_clear_object (&store);
  assert_folder_is (fixture->dir,
                    (const char *[]) { "diplomacy360.db", "diplomacy360.db-search", NULL });

  store = open_store (fixture->path);
  g_assert_cmpint (d360_store_get_schema_version (store), ==, latest);
  g_assert_cmpint (count_rows (store, "city"), ==, 1);
}

static void
test_open_empty_file (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(D360Store) store = NULL;
  sqlite3 *db;

  /* A file of size 0 is a database at version 0. */
  write_file (fixture->path, "", 0);
  store = open_store (fixture->path);
  g_assert_cmpint (d360_store_get_schema_version (store), ==,
                   d360_store_get_latest_schema_version ());
  g_assert_cmpint (count_rows (store, "city"), ==, 0);
  save_new_city (store, "Brăila");
  g_clear_object (&store);

  db = raw_open (fixture->path);
  g_assert_cmpint (raw_query_int (db, "PRAGMA application_id"), ==, OUR_APPLICATION_ID);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM city"), ==, 1);
  sqlite3_close (db);
}

/* ------------------------------------------------------------ migrations */

static GPtrArray *
list_migration_scripts (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  GPtrArray *scripts = g_ptr_array_new_with_free_func (g_free);

  /* Makes sure the store's resources are registered. */
  g_assert_cmpint (d360_store_get_latest_schema_version (), >, 0);

  names = g_resources_enumerate_children (RESOURCE_BASE "/sql/", 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (scripts, g_strdup (names[i]));
  g_ptr_array_sort (scripts, compare_strings);

  return scripts;
}

/* Brings a raw database to @version by running the first scripts, the way
 * the version of the app that had only those would have. */
static void
raw_migrate (sqlite3   *db,
             GPtrArray *scripts,
             guint      version)
{
  for (guint i = 0; i < version; i++)
    {
      g_autofree char *resource = g_strconcat (RESOURCE_BASE "/sql/",
                                               (char *) g_ptr_array_index (scripts, i), NULL);
      g_autofree char *script = NULL;
      g_autofree char *footer = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;

      bytes = g_resources_lookup_data (resource, 0, &error);
      g_assert_no_error (error);
      script = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      footer = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %u;",
                                OUR_APPLICATION_ID, i + 1);
      raw_exec (db, "BEGIN");
      raw_exec (db, script);
      raw_exec (db, footer);
      raw_exec (db, "COMMIT");
    }
}

static void
test_migrations_every_version (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) scripts = list_migration_scripts ();
  g_autofree char *fresh_schema = NULL;
  int latest = d360_store_get_latest_schema_version ();
  sqlite3 *db;

  g_assert_cmpuint (scripts->len, ==, latest);

  /* Script N is numbered N. */
  for (guint i = 0; i < scripts->len; i++)
    {
      g_autofree char *prefix = g_strdup_printf ("%03u-", i + 1);

      g_assert_true (g_str_has_prefix (g_ptr_array_index (scripts, i), prefix));
    }

  /* The schema of a database created fresh by the store. */
  g_object_unref (open_store (fixture->path));
  db = raw_open (fixture->path);
  fresh_schema = raw_schema (db);
  sqlite3_close (db);
  g_assert_nonnull (strstr (fresh_schema, "table city "));
  g_assert_nonnull (strstr (fresh_schema, "table city_dimension "));

  /* From every older version, the store brings the file to the same schema,
   * keeping the data. */
  for (guint version = 0; version <= (guint) latest; version++)
    {
      g_autofree char *path = g_strdup_printf ("%s/v%u.db", fixture->dir, version);
      g_autofree char *schema = NULL;
      g_autoptr(D360Store) store = NULL;
      gint64 survivor = 0;

      g_test_message ("Migrating from version %u", version);

      db = raw_open (path);
      raw_migrate (db, scripts, version);
      g_assert_cmpint (raw_query_int (db, "PRAGMA user_version"), ==, version);
      if (version >= 1)
        {
          raw_exec (db, "INSERT INTO city (name, country) VALUES ('Sibiu', 'RO')");
          survivor = sqlite3_last_insert_rowid (db);
        }
      sqlite3_close (db);

      store = open_store (path);
      g_assert_cmpint (d360_store_get_schema_version (store), ==, latest);
      if (survivor > 0)
        {
          g_autoptr(D360City) city = d360_store_get_city (store, survivor, NULL);

          g_assert_nonnull (city);
          g_assert_cmpstr (d360_city_get_name (city), ==, "Sibiu");
        }
      g_clear_object (&store);

      db = raw_open (path);
      schema = raw_schema (db);
      g_assert_cmpint (raw_query_int (db, "PRAGMA user_version"), ==, latest);
      g_assert_cmpint (raw_query_int (db, "PRAGMA application_id"), ==, OUR_APPLICATION_ID);
      sqlite3_close (db);
      g_assert_cmpstr (schema, ==, fresh_schema);
    }
}

static void
test_migrations_failure (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(D360Store) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *old_row = NULL;
  sqlite3 *db;

  /* Ours, at version 0, but with a table in the way of the first script. */
  db = raw_open (fixture->path);
  sql = g_strdup_printf ("PRAGMA application_id = %d;", OUR_APPLICATION_ID);
  raw_exec (db, sql);
  raw_exec (db, "CREATE TABLE city (x TEXT); INSERT INTO city VALUES ('old row');");
  sqlite3_close (db);

  store = d360_store_open (fixture->path, &error);
  g_assert_null (store);
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_MIGRATION);

  /* The failed script left nothing behind. */
  assert_folder_is (fixture->dir, (const char *[]) { "diplomacy360.db", NULL });
  db = raw_open (fixture->path);
  g_assert_cmpint (raw_query_int (db, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM sqlite_schema"), ==, 1);
  old_row = raw_query_text (db, "SELECT x FROM city");
  g_assert_cmpstr (old_row, ==, "old row");
  sqlite3_close (db);
}

/* ------------------------------------------------------------ refusals */

static void
assert_open_refused (const char *path,
                     int         code)
{
  g_autoptr(Snapshot) before = snapshot_take (path);
  g_autoptr(D360Store) store = NULL;
  g_autoptr(GError) error = NULL;

  store = d360_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, D360_STORE_ERROR, code);
  g_assert_nonnull (error->message);
  g_test_message ("Refused as expected: %s", error->message);

  snapshot_assert_unchanged (before);
}

static void
test_refuse_too_new (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *wal_path = g_build_filename (fixture->dir, "wal.db", NULL);

  make_too_new_database (fixture->path, FALSE);
  assert_open_refused (fixture->path, D360_STORE_ERROR_TOO_NEW);

  /* A newer app would leave its file in WAL mode. */
  make_too_new_database (wal_path, TRUE);
  assert_open_refused (wal_path, D360_STORE_ERROR_TOO_NEW);

  /* Asking twice changes nothing either. */
  assert_open_refused (fixture->path, D360_STORE_ERROR_TOO_NEW);
}

static void
test_refuse_not_a_database (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char magic[16] = "SQLite format 3";
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree guint8 *noise = g_malloc (8192);
  g_autofree guint8 *fake = g_malloc (4096);
  g_autofree char *real = g_build_filename (fixture->dir, "real.db", NULL);
  g_autofree char *folder = g_build_filename (fixture->dir, "folder.db", NULL);
  g_autoptr(GBytes) real_bytes = NULL;
  const char *files[] = { "text.db", "noise.db", "short-magic.db", "half-header.db",
                          "fake-header.db" };
  char *paths[G_N_ELEMENTS (files)];

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    paths[i] = g_build_filename (fixture->dir, files[i], NULL);

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "Oraș;Județ;Populație\nTimișoara;TM;%u\n", i);
  write_file (paths[0], text->str, text->len);

  for (guint i = 0; i < 8192; i++)
    noise[i] = (guint8) g_test_rand_int_range (0, 256);
  noise[0] = 0xff;
  write_file (paths[1], noise, 8192);

  /* The first bytes of a real store, cut inside the magic string and inside
   * the 100-byte header. */
  g_object_unref (open_store (real));
  real_bytes = read_file (real);
  write_file (paths[2], g_bytes_get_data (real_bytes, NULL), 10);
  write_file (paths[3], g_bytes_get_data (real_bytes, NULL), 50);

  /* The right magic string followed by garbage. */
  memcpy (fake, magic, sizeof magic);
  for (guint i = sizeof magic; i < 4096; i++)
    fake[i] = (guint8) g_test_rand_int_range (0, 256);
  write_file (paths[4], fake, 4096);

  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_test_message ("Opening %s", files[i]);
      assert_open_refused (paths[i], D360_STORE_ERROR_NOT_A_DATABASE);
      g_free (paths[i]);
    }

  assert_open_refused (folder, D360_STORE_ERROR_NOT_A_DATABASE);
  assert_folder_is (folder, (const char *[]) { NULL });
}

static void
test_refuse_foreign (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *other_id = g_build_filename (fixture->dir, "other-id.db", NULL);
  g_autofree char *no_id = g_build_filename (fixture->dir, "no-id.db", NULL);
  g_autofree char *wal = g_build_filename (fixture->dir, "wal.db", NULL);
  sqlite3 *db;

  db = raw_open (other_id);
  raw_exec (db, "PRAGMA application_id = 1179403647;"
                "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);"
                "INSERT INTO moz_places (url) VALUES ('https://example.org/');");
  sqlite3_close (db);
  assert_open_refused (other_id, D360_STORE_ERROR_FOREIGN);

  /* No application id, but tables: someone else's file. */
  db = raw_open (no_id);
  raw_exec (db, "CREATE TABLE city (id INTEGER PRIMARY KEY, name TEXT);"
                "INSERT INTO city (name) VALUES ('Constanța');");
  sqlite3_close (db);
  assert_open_refused (no_id, D360_STORE_ERROR_FOREIGN);

  /* Even one with our schema version but another id, in WAL mode. */
  db = raw_open (wal);
  raw_exec (db, "PRAGMA journal_mode = WAL; PRAGMA application_id = 42;"
                "PRAGMA user_version = 1; CREATE TABLE t (x);");
  sqlite3_close (db);
  assert_open_refused (wal, D360_STORE_ERROR_FOREIGN);
}

static void
test_refuse_corrupt (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(D360Store) store = NULL;
  g_autoptr(GBytes) bytes = NULL;
  guint8 *contents;
  gsize size;
  int page_size;
  sqlite3 *db;

  store = open_store (fixture->path);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("Oraș %u", i);
      g_autoptr(D360City) city = city_new_full (name);

      g_assert_true (d360_store_save_city (store, city, NULL));
    }
  g_clear_object (&store);

  db = raw_open (fixture->path);
  page_size = (int) raw_query_int (db, "PRAGMA page_size");
  sqlite3_close (db);

  /* Scribble over every page but the first: the header is fine, the
   * b-trees are not. */
  bytes = read_file (fixture->path);
  contents = g_bytes_unref_to_data (g_steal_pointer (&bytes), &size);
  g_assert_cmpuint (size, >, 3 * page_size);
  for (gsize i = page_size; i < size; i += 7)
    contents[i] = 0xa5;
  write_file (fixture->path, contents, size);
  g_free (contents);

  assert_open_refused (fixture->path, D360_STORE_ERROR_CORRUPT);
}

/* A thread's own connection (d360_store_open_for_thread()): it reads and
 * writes the same database beside the first, and still refuses a file that
 * is not ours; it only skips reading every page again. */
static gpointer
save_city_in_thread (gpointer data)
{
  const char *path = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(D360Store) store = d360_store_open_for_thread (path, &error);
  g_autoptr(D360City) city = NULL;
  g_autoptr(GListModel) cities = NULL;

  g_assert_no_error (error);
  cities = d360_store_list_cities (store);
  g_assert_cmpuint (g_list_model_get_n_items (cities), ==, 1);

  city = city_new_full ("Chișinău");
  g_assert_true (d360_store_save_city (store, city, &error));
  g_assert_no_error (error);
  return NULL;
}

/* Statements are found by the address of their SQL first: another text at
 * an address seen before (a buffer written again, freed memory reused) must
 * still get its own statement. */
static void
test_statement_cache (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(D360Store) store = open_store (fixture->path);
  char sql[64];

  for (int round = 0; round < 3; round++)
    for (int value = 1; value <= 3; value++)
      {
        sqlite3_stmt *stmt;

        g_snprintf (sql, sizeof sql, "SELECT %d", value);
        stmt = d360_store_prepare (store, sql, NULL);
        g_assert_nonnull (stmt);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, value);
        sqlite3_reset (stmt);
      }
}

static void
test_open_for_thread (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *foreign = g_build_filename (fixture->dir, "foreign.db", NULL);
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(D360City) city = city_new_full ("Timișoara");
  g_autoptr(GListModel) cities = NULL;
  g_autoptr(D360Store) refused = NULL;
  g_autoptr(GError) error = NULL;
  GThread *thread;
  sqlite3 *db;

  g_assert_true (d360_store_save_city (store, city, NULL));
  thread = g_thread_new ("test-store", save_city_in_thread, fixture->path);
  g_thread_join (thread);

  cities = d360_store_list_cities (store);
  g_assert_cmpuint (g_list_model_get_n_items (cities), ==, 2);

  db = raw_open (foreign);
  raw_exec (db, "PRAGMA application_id = 1179403647; CREATE TABLE t (x);");
  sqlite3_close (db);
  refused = d360_store_open_for_thread (foreign, &error);
  g_assert_null (refused);
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_FOREIGN);
}

/* ------------------------------------------------------------ folders */

static void
test_folder_missing (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", "deeper", "x.db", NULL);
  g_autofree char *file = g_build_filename (fixture->dir, "file.txt", NULL);
  g_autofree char *under_file = g_build_filename (file, "x.db", NULL);
  g_autoptr(D360Store) store = NULL;
  g_autoptr(GError) error = NULL;

  store = d360_store_open (missing, &error);
  g_assert_null (store);
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_FOLDER);
  g_clear_error (&error);
  assert_folder_is (fixture->dir, (const char *[]) { NULL });

  /* The "folder" is a file. */
  write_file (file, "not a folder", 12);
  store = d360_store_open (under_file, &error);
  g_assert_null (store);
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_FOLDER);
  assert_folder_is (fixture->dir, (const char *[]) { "file.txt", NULL });
}

/* A folder even root cannot create files in. */
static void
test_folder_proc (void)
{
  g_autoptr(D360Store) store = NULL;
  g_autoptr(GError) error = NULL;

  store = d360_store_open ("/proc/d360-test-store.db", &error);
  g_assert_null (store);
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_FOLDER);
  g_assert_false (g_file_test ("/proc/d360-test-store.db", G_FILE_TEST_EXISTS));
}

static void
check_unwritable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(D360Store) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("d360-store-ro-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *ro_file = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "new.db", NULL);
  ro_file = g_build_filename (dir, "read-only.db", NULL);

  /* A read-only file in a writable folder. */
  g_object_unref (open_store (ro_file));
  g_assert_cmpint (g_chmod (ro_file, 0400), ==, 0);
  assert_open_refused (ro_file, D360_STORE_ERROR_FOLDER);

  /* A folder that cannot be written to: nothing is created. */
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  store = d360_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_FOLDER);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* An existing database in it is refused too, and left alone. */
  assert_open_refused (ro_file, D360_STORE_ERROR_FOLDER);

  remove_tree (dir);
}

/* Root writes anywhere, so as root this runs in a child that gave up root. */
static gboolean
can_drop_privileges (void)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;
  guint64 caps = 0;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return FALSE;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "CapEff:"))
      caps = g_ascii_strtoull (lines[i] + strlen ("CapEff:"), NULL, 16);

  /* CAP_SETGID is 6, CAP_SETUID is 7. */
  return (caps & (1 << 6)) != 0 && (caps & (1 << 7)) != 0;
}

static void
test_folder_unwritable (void)
{
  if (geteuid () != 0)
    {
      check_unwritable ();
      return;
    }

  if (g_test_subprocess ())
    {
      g_assert_cmpint (setgroups (0, NULL), ==, 0);
      g_assert_cmpint (setgid (NOBODY), ==, 0);
      g_assert_cmpint (setuid (NOBODY), ==, 0);
      g_assert_cmpint (geteuid (), ==, NOBODY);
      check_unwritable ();
      return;
    }

  if (!can_drop_privileges ())
    {
      g_test_skip ("Running as root without the right to become another user");
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* ------------------------------------------------------------ cities */

static void
test_city_round_trip (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *names[] = {
    "Timișoara", "Timişoara", "Târgu Mureș", "Brăila", "Râmnicu Vâlcea", "Piatra Neamţ",
    "Focșani", "'); DROP TABLE city;--", "Robert\"); DROP TABLE city_dimension; --",
    "O'Brien \"Quoted\" \\ % %s %n ?1 :name @x $y", "Línea\nnouă\tși tab",
  };
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      D360City *city = city_new_full (names[i]);

      /* The free texts get the tricky strings too. */
      d360_city_set_mayor (city, names[(i + 1) % G_N_ELEMENTS (names)]);
      d360_city_set_summary (city, names[(i + 2) % G_N_ELEMENTS (names)]);
      d360_city_set_strengths (city, names[(i + 3) % G_N_ELEMENTS (names)]);
      d360_city_set_dimension_notes (city, D360_DIMENSION_CULTURE, names[i]);
      d360_city_set_dimension_priority (city, D360_DIMENSION_NETWORKS, 0);
      d360_city_set_dimension_notes (city, D360_DIMENSION_TRANSPORT, NULL);
      if (i % 2 == 1)
        {
          d360_city_clear_coordinates (city);
          d360_city_set_population (city, -1);
          d360_city_set_area_km2 (city, -1);
          d360_city_set_county (city, NULL);
          d360_city_set_website (city, "http://exemplu.ro/cale?a=1&b='2'");
        }
      if (i == 2)
        {
          d360_city_set_population (city, G_GINT64_CONSTANT (9007199254740993));
          d360_city_set_area_km2 (city, 0.1 + 0.2);
          d360_city_set_coordinates (city, -89.999999999, 179.123456789012);
        }

      g_assert_cmpint (d360_city_get_id (city), ==, 0);
      g_assert_true (d360_store_save_city (store, city, &error));
      g_assert_no_error (error);
      g_assert_cmpint (d360_city_get_id (city), >, 0);
      g_assert_nonnull (d360_city_get_updated_at (city));
      g_ptr_array_add (saved, city);
    }

  /* Both tables survived the names. */
  g_assert_cmpint (count_rows (store, "city"), ==, G_N_ELEMENTS (names));
  g_assert_cmpint (count_rows (store, "city_dimension"), ==,
                   G_N_ELEMENTS (names) * D360_N_DIMENSIONS);

  /* Read back through this connection and through a fresh one. */
  for (guint round = 0; round < 2; round++)
    {
      for (guint i = 0; i < saved->len; i++)
        {
          D360City *expected = g_ptr_array_index (saved, i);
          g_autoptr(D360City) actual = NULL;

          actual = d360_store_get_city (store, d360_city_get_id (expected), &error);
          g_assert_no_error (error);
          assert_same_city (expected, actual);
          g_assert_cmpstr (d360_city_get_updated_at (actual), ==,
                           d360_city_get_updated_at (expected));
        }

      g_clear_object (&store);
      store = open_store (fixture->path);
    }

  /* The comma-below and cedilla spellings stay two different cities. */
  g_assert_cmpstr (d360_city_get_name (g_ptr_array_index (saved, 0)), !=,
                   d360_city_get_name (g_ptr_array_index (saved, 1)));
}

static void
test_city_update (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(D360City) city = city_new_full ("Cluj-Napoca");
  g_autoptr(D360City) other = city_new_full ("Oradea");
  g_autoptr(D360City) loaded = NULL;
  g_autoptr(D360City) untouched = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_assert_true (d360_store_save_city (store, city, &error));
  g_assert_true (d360_store_save_city (store, other, &error));
  g_assert_no_error (error);
  id = d360_city_get_id (city);

  /* Change everything, clear some. */
  loaded = d360_store_get_city (store, id, &error);
  g_assert_no_error (error);
  d360_city_set_name (loaded, "Cluj-Napoca (Kolozsvár)");
  d360_city_set_county (loaded, "RO-CJ");
  d360_city_set_population (loaded, 286598);
  d360_city_set_area_km2 (loaded, -1);
  d360_city_set_coordinates (loaded, 46.7712, 23.6236);
  d360_city_set_mayor (loaded, NULL);
  d360_city_set_website (loaded, "https://primariaclujnapoca.ro");
  d360_city_set_summary (loaded, "");
  d360_city_set_strengths (loaded, "Festivaluri: TIFF, Untold");
  for (guint d = 0; d < D360_N_DIMENSIONS; d++)
    {
      d360_city_set_dimension_priority (loaded, d, d % 2 == 0 ? 5 - d % 5 : 0);
      d360_city_set_dimension_notes (loaded, d, d % 3 == 0 ? NULL : "actualizat");
    }

  g_assert_true (d360_store_save_city (store, loaded, &error));
  g_assert_no_error (error);
  g_assert_cmpint (d360_city_get_id (loaded), ==, id);
  g_assert_cmpint (count_rows (store, "city"), ==, 2);
  g_assert_cmpint (count_rows (store, "city_dimension"), ==, 2 * D360_N_DIMENSIONS);

  g_clear_object (&city);
  city = d360_store_get_city (store, id, &error);
  g_assert_no_error (error);
  assert_same_city (loaded, city);
  g_assert_null (d360_city_get_mayor (city));
  g_assert_null (d360_city_get_summary (city));

  /* The other city was not touched. */
  untouched = d360_store_get_city (store, d360_city_get_id (other), &error);
  g_assert_no_error (error);
  assert_same_city (other, untouched);
}

static void
test_city_delete (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(D360City) city = city_new_full ("Craiova");
  g_autoptr(GError) error = NULL;
  ChangedLog log;
  gint64 keep, id;

  keep = save_new_city (store, "Pitești");
  g_assert_true (d360_store_save_city (store, city, &error));
  id = d360_city_get_id (city);

  changed_log_watch (&log, store);
  g_assert_true (d360_store_delete_city (store, id, &error));
  g_assert_no_error (error);
  changed_log_assert (&log, 1);
  g_assert_false (city_exists (store, id));
  g_assert_true (city_exists (store, keep));
  g_assert_cmpint (count_rows (store, "city_dimension"), ==, D360_N_DIMENSIONS);

  /* Gone is gone. */
  g_assert_false (d360_store_delete_city (store, id, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Saving the deleted city does not bring it back under its old id. */
  g_assert_false (d360_store_save_city (store, city, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (d360_city_get_id (city), ==, id);
  g_assert_cmpint (count_rows (store, "city"), ==, 1);
  g_assert_cmpint (count_rows (store, "city_dimension"), ==, D360_N_DIMENSIONS);
  changed_log_assert (&log, 1);

  changed_log_unwatch (&log, store);
}

static void
test_city_not_found (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(D360Store) store = open_store (fixture->path);
  const gint64 ids[] = { 0, 1, 2, -1, G_MAXINT64 };

  save_new_city (store, "Deva");

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(D360City) city = NULL;
      g_autoptr(GError) error = NULL;

      if (ids[i] == 1)
        continue;
      city = d360_store_get_city (store, ids[i], &error);
      g_assert_null (city);
      g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
      g_clear_error (&error);

      g_assert_false (d360_store_delete_city (store, ids[i], &error));
      g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
    }

  g_assert_true (city_exists (store, 1));
  g_assert_cmpint (count_rows (store, "city"), ==, 1);
}

static void
test_city_validation (Fixture       *fixture,
                      gconstpointer  data)
{
  struct {
    const char *name;
    const char *country;
    const char *county;
    const char *website;
  } invalid[] = {
    { NULL, "RO", "RO-TM", NULL },
    { "", "RO", "RO-TM", NULL },
    { "   \t\n ", "RO", NULL, NULL },
    { "Lugoj", "ro", NULL, NULL },
    { "Lugoj", "ROU", NULL, NULL },
    { "Lugoj", "R", NULL, NULL },
    { "Lugoj", "R0", NULL, NULL },
    { "Lugoj", "RÓ", NULL, NULL },
    { "Lugoj", "RO", "HU-BU", NULL },
    { "Lugoj", "RO", "RS-00", NULL },
    { "Lugoj", "RO", "RO", NULL },
    { "Lugoj", "RO", "ROTM", NULL },
    { "Lugoj", "RO", "RO-", NULL },
    { "Lugoj", NULL, "TM", NULL },
    { "Lugoj", "RO", "RO-TM", "ftp://lugoj.ro" },
    { "Lugoj", "RO", "RO-TM", "javascript:alert(1)" },
    { "Lugoj", "RO", "RO-TM", "www.lugoj.ro" },
    { "Lugoj", "RO", "RO-TM", "http://" },
    { "Lugoj", "RO", "RO-TM", "https:///cale" },
    { "Lugoj", "RO", "RO-TM", "mailto:primar@lugoj.ro" },
    { "Lugoj", "RO", "RO-TM", "lugoj" },
  };
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(D360City) existing = city_new_full ("Reșița");
  g_autoptr(D360City) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  ChangedLog log;

  g_assert_true (d360_store_save_city (store, existing, &error));
  g_assert_no_error (error);
  changed_log_watch (&log, store);

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(D360City) city = city_new_full ("placeholder");
      g_autoptr(D360City) update = d360_store_get_city (store, d360_city_get_id (existing),
                                                        NULL);

      g_test_message ("Invalid case %u", i);
      d360_city_set_name (city, invalid[i].name);
      d360_city_set_country (city, invalid[i].country);
      d360_city_set_county (city, invalid[i].county);
      d360_city_set_website (city, invalid[i].website);

      g_assert_false (d360_store_validate_city (city, &error));
      g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
      g_clear_error (&error);

      /* A new city is not inserted. */
      g_assert_false (d360_store_save_city (store, city, &error));
      g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_cmpint (d360_city_get_id (city), ==, 0);

      /* An existing one is not changed. */
      d360_city_set_name (update, invalid[i].name);
      d360_city_set_country (update, invalid[i].country);
      d360_city_set_county (update, invalid[i].county);
      d360_city_set_website (update, invalid[i].website);
      d360_city_set_mayor (update, "Nu trebuie salvat");
      g_assert_false (d360_store_save_city (store, update, &error));
      g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }

  g_assert_cmpint (count_rows (store, "city"), ==, 1);
  g_assert_cmpint (count_rows (store, "city_dimension"), ==, D360_N_DIMENSIONS);
  reloaded = d360_store_get_city (store, d360_city_get_id (existing), &error);
  g_assert_no_error (error);
  assert_same_city (existing, reloaded);
  changed_log_assert (&log, 0);

  /* What is valid: no country or county at all, a county without a country,
   * http and https. */
  {
    g_autoptr(D360City) minimal = d360_city_new ("Lugoj");
    g_autoptr(D360City) county_only = d360_city_new ("Lugoj");
    g_autoptr(D360City) http = d360_city_new ("Lugoj");

    d360_city_set_county (county_only, "RO-TM");
    d360_city_set_website (http, "HTTP://lugoj.ro");
    g_assert_true (d360_store_save_city (store, minimal, &error));
    g_assert_true (d360_store_save_city (store, county_only, &error));
    g_assert_true (d360_store_save_city (store, http, &error));
    g_assert_no_error (error);
    changed_log_assert (&log, 3);
  }

  changed_log_unwatch (&log, store);
}

typedef struct
{
  GPtrArray *cities;
  gboolean   fail;
} SaveMany;

static gboolean
save_many_cb (D360Store  *store,
              gpointer    user_data,
              GError    **error)
{
  SaveMany *job = user_data;

  for (guint i = 0; i < job->cities->len; i++)
    if (!d360_store_save_city (store, g_ptr_array_index (job->cities, i), error))
      return FALSE;

  if (job->fail)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Changed my mind");
      return FALSE;
    }

  return TRUE;
}

static void
test_city_changed_signal (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(D360City) city = city_new_full ("Galați");
  g_autoptr(GError) error = NULL;
  SaveMany job = { g_ptr_array_new_with_free_func (g_object_unref), FALSE };
  ChangedLog log;

  changed_log_watch (&log, store);

  g_assert_true (d360_store_save_city (store, city, &error));
  g_assert_no_error (error);
  changed_log_assert (&log, 1);

  d360_city_set_population (city, 249432);
  g_assert_true (d360_store_save_city (store, city, &error));
  changed_log_assert (&log, 2);

  /* Saving without a change is still one committed write. */
  g_assert_true (d360_store_save_city (store, city, &error));
  changed_log_assert (&log, 3);

  /* Reading emits nothing. */
  g_object_unref (d360_store_get_city (store, d360_city_get_id (city), &error));
  g_assert_no_error (error);
  changed_log_assert (&log, 3);

  /* Three saves in one transaction: one commit, one signal, after it. */
  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (job.cities, d360_city_new ("Tulcea"));
  g_assert_true (d360_store_run_in_transaction (store, save_many_cb, &job, &error));
  g_assert_no_error (error);
  changed_log_assert (&log, 4);
  g_assert_cmpint (count_rows (store, "city"), ==, 4);

  g_assert_true (d360_store_delete_city (store, d360_city_get_id (city), &error));
  changed_log_assert (&log, 5);

  /* d360_store_emit_changed passes other tables through with their detail. */
  d360_store_emit_changed (store, "meeting");
  g_assert_cmpuint (log.tables->len, ==, 6);
  g_assert_cmpuint (log.n_city, ==, 5);
  g_assert_cmpstr (g_ptr_array_index (log.tables, 5), ==, "meeting");

  changed_log_unwatch (&log, store);
  g_ptr_array_unref (job.cities);
}

static void
test_city_rollback (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(GError) error = NULL;
  SaveMany job = { g_ptr_array_new_with_free_func (g_object_unref), TRUE };
  ChangedLog log;
  gint64 kept;

  kept = save_new_city (store, "Bacău");
  changed_log_watch (&log, store);

  g_ptr_array_add (job.cities, city_new_full ("Suceava"));
  g_ptr_array_add (job.cities, city_new_full ("Botoșani"));
  g_assert_false (d360_store_run_in_transaction (store, save_many_cb, &job, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Neither city is there, nor their dimensions, and nobody was told. */
  for (guint i = 0; i < job.cities->len; i++)
    {
      gint64 id = d360_city_get_id (g_ptr_array_index (job.cities, i));

      if (id != 0 && id != kept)
        g_assert_false (city_exists (store, id));
    }
  g_assert_cmpint (count_rows (store, "city"), ==, 1);
  g_assert_cmpint (count_rows (store, "city_dimension"), ==, D360_N_DIMENSIONS);
  g_assert_true (city_exists (store, kept));
  changed_log_assert (&log, 0);

  /* The rollback did not leave a transaction open: a reader elsewhere sees
   * the next commit. */
  save_new_city (store, "Vaslui");
  changed_log_assert (&log, 1);
  {
    sqlite3 *db = raw_open (fixture->path);

    g_assert_cmpint (raw_query_int (db, "SELECT count(*) FROM city"), ==, 2);
    sqlite3_close (db);
  }

  changed_log_unwatch (&log, store);
  g_ptr_array_unref (job.cities);
}

/* ------------------------------------------------------------ nesting */

typedef struct
{
  const char *name;
  gboolean    fail;       /* after saving its city and running its children */
  GPtrArray  *children;   /* of Step, each run in a nested transaction */
  GArray     *ids;
} Step;

static gboolean
step_cb (D360Store  *store,
         gpointer    user_data,
         GError    **error)
{
  Step *step = user_data;
  g_autoptr(D360City) city = d360_city_new (step->name);
  gint64 id;

  if (!d360_store_save_city (store, city, error))
    return FALSE;
  id = d360_city_get_id (city);
  g_array_append_val (step->ids, id);

  for (guint i = 0; step->children != NULL && i < step->children->len; i++)
    {
      Step *child = g_ptr_array_index (step->children, i);
      g_autoptr(GError) child_error = NULL;
      gboolean ok;

      ok = d360_store_run_in_transaction (store, step_cb, child, &child_error);
      g_assert_cmpint (ok, ==, !child->fail);
      if (!ok)
        g_assert_error (child_error, G_IO_ERROR, G_IO_ERROR_FAILED);
    }

  if (step->fail)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed", step->name);
      return FALSE;
    }

  return TRUE;
}

static void
test_transaction_nested (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  ChangedLog log;
  /* outer ─┬─ a (fails) ── a1
   *        ├─ b ─┬─ b1 (fails)
   *        │     └─ b2
   *        └─ c                      */
  Step a1 = { "a1", FALSE, NULL, ids };
  Step a = { "a", TRUE, g_ptr_array_new (), ids };
  Step b1 = { "b1", TRUE, NULL, ids };
  Step b2 = { "b2", FALSE, NULL, ids };
  Step b = { "b", FALSE, g_ptr_array_new (), ids };
  Step c = { "c", FALSE, NULL, ids };
  Step outer = { "outer", FALSE, g_ptr_array_new (), ids };
  const char *expected[] = { "outer", "b", "b2", "c", NULL };

  g_ptr_array_add (a.children, &a1);
  g_ptr_array_add (b.children, &b1);
  g_ptr_array_add (b.children, &b2);
  g_ptr_array_add (outer.children, &a);
  g_ptr_array_add (outer.children, &b);
  g_ptr_array_add (outer.children, &c);

  changed_log_watch (&log, store);
  g_assert_true (d360_store_run_in_transaction (store, step_cb, &outer, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 7);

  /* Only the failed branches are gone. */
  g_assert_cmpint (count_rows (store, "city"), ==, g_strv_length ((GStrv) expected));
  g_assert_cmpint (count_rows (store, "city_dimension"), ==,
                   g_strv_length ((GStrv) expected) * D360_N_DIMENSIONS);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(D360City) city = d360_store_get_city (store, g_array_index (ids, gint64, i),
                                                      NULL);

      if (city != NULL)
        g_assert_true (g_strv_contains (expected, d360_city_get_name (city)));
    }
  changed_log_assert (&log, 1);

  /* When the outermost fails, its successful savepoints go with it. */
  outer.fail = TRUE;
  g_array_set_size (ids, 0);
  g_assert_false (d360_store_run_in_transaction (store, step_cb, &outer, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (store, "city"), ==, 4);
  for (guint i = 0; i < ids->len; i++)
    g_assert_false (city_exists (store, g_array_index (ids, gint64, i)));
  changed_log_assert (&log, 1);

  /* And everything still works afterwards. */
  save_new_city (store, "după");
  changed_log_assert (&log, 2);
  g_assert_true (d360_store_integrity_check (store, &error));
  g_assert_no_error (error);

  changed_log_unwatch (&log, store);
  g_ptr_array_unref (a.children);
  g_ptr_array_unref (b.children);
  g_ptr_array_unref (outer.children);
}

/* ------------------------------------------------------------ list model */

#define N_LIST_CITIES 1500

static char *
random_name (void)
{
  GString *name = g_string_new (NULL);
  int length = g_test_rand_int_range (1, 12);

  for (int i = 0; i < length; i++)
    {
      char c = (char) g_test_rand_int_range ('a', 'z' + 1);

      g_string_append_c (name, g_test_rand_bit () ? g_ascii_toupper (c) : c);
    }
  if (g_test_rand_bit ())
    g_string_append (name, " Nouă");

  return g_string_free (name, FALSE);
}

typedef struct
{
  guint n_calls;
  guint position;
  guint removed;
  guint added;
  guint n_items;   /* what the model said during the signal */
} ItemsChanged;

static void
items_changed_cb (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *log)
{
  log->n_calls++;
  log->position = position;
  log->removed = removed;
  log->added = added;
  log->n_items = g_list_model_get_n_items (model);
}

static void
items_changed_assert (ItemsChanged *log,
                      guint         n_calls,
                      guint         removed,
                      guint         added)
{
  g_assert_cmpuint (log->n_calls, ==, n_calls);
  g_assert_cmpuint (log->position, ==, 0);
  g_assert_cmpuint (log->removed, ==, removed);
  g_assert_cmpuint (log->added, ==, added);
  g_assert_cmpuint (log->n_items, ==, added);
}

static void
test_list_model_paging (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GPtrArray) walk = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GError) error = NULL;
  SaveMany job = { g_ptr_array_new_with_free_func (g_object_unref), FALSE };
  D360StoreListModel *paged;
  const guint probes[] = { 0, 1, 63, 64, 65, 127, 128, 700, 1023, 1024, N_LIST_CITIES - 2,
                           N_LIST_CITIES - 1 };

  for (guint i = 0; i < N_LIST_CITIES; i++)
    {
      g_autofree char *name = random_name ();

      g_ptr_array_add (job.cities, d360_city_new (name));
    }
  g_assert_true (d360_store_run_in_transaction (store, save_many_cb, &job, &error));
  g_assert_no_error (error);

  model = d360_store_list_cities (store);
  g_assert_true (D360_IS_STORE_LIST_MODEL (model));
  paged = D360_STORE_LIST_MODEL (model);
  g_assert_cmpuint (d360_store_list_model_get_n_cached_pages (paged), ==, 0);
  g_assert_true (g_list_model_get_item_type (model) == D360_TYPE_CITY);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_LIST_CITIES);

  /* Walk everything: sorted by name without case, then by id; every city
   * exactly once; never more than 16 pages held. */
  for (guint i = 0; i < N_LIST_CITIES; i++)
    {
      D360City *city = g_list_model_get_item (model, i);
      gint64 *id;

      g_assert_nonnull (city);
      g_assert_true (D360_IS_CITY (city));
      id = g_new (gint64, 1);
      *id = d360_city_get_id (city);
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, id);

      if (i > 0)
        {
          D360City *prev = g_ptr_array_index (walk, i - 1);
          int cmp = g_ascii_strcasecmp (d360_city_get_name (prev), d360_city_get_name (city));

          g_assert_cmpint (cmp, <=, 0);
          if (cmp == 0)
            g_assert_cmpint (d360_city_get_id (prev), <, d360_city_get_id (city));
        }

      g_ptr_array_add (walk, city);
      g_assert_cmpuint (d360_store_list_model_get_n_cached_pages (paged), <=, 16);
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, N_LIST_CITIES);
  for (guint i = 0; i < job.cities->len; i++)
    {
      gint64 id = d360_city_get_id (g_ptr_array_index (job.cities, i));

      g_assert_true (g_hash_table_contains (seen, &id));
    }

  /* Random access, backwards and forwards, gives the same items. */
  for (guint round = 0; round < 3; round++)
    for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
      {
        guint position = round == 1 ? probes[G_N_ELEMENTS (probes) - 1 - i]
                                    : (guint) g_test_rand_int_range (0, N_LIST_CITIES);
        g_autoptr(D360City) city = NULL;

        if (round == 0)
          position = probes[i];
        city = g_list_model_get_item (model, position);
        g_assert_nonnull (city);
        g_assert_cmpint (d360_city_get_id (city), ==,
                         d360_city_get_id (g_ptr_array_index (walk, position)));
        g_assert_cmpstr (d360_city_get_name (city), ==,
                         d360_city_get_name (g_ptr_array_index (walk, position)));
        g_assert_cmpuint (d360_store_list_model_get_n_cached_pages (paged), <=, 16);
      }
  g_assert_cmpuint (d360_store_list_model_get_n_cached_pages (paged), >=, 1);

  /* Past the end there is nothing. */
  g_assert_null (g_list_model_get_item (model, N_LIST_CITIES));
  g_assert_null (g_list_model_get_item (model, N_LIST_CITIES + 1));
  g_assert_null (g_list_model_get_item (model, G_MAXUINT));

  g_ptr_array_unref (job.cities);
}

static void
test_list_model_items_changed (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(GListModel) model = NULL;
  g_autoptr(D360City) first = NULL;
  g_autoptr(D360City) item = NULL;
  g_autoptr(GError) error = NULL;
  SaveMany job = { g_ptr_array_new_with_free_func (g_object_unref), FALSE };
  ItemsChanged log = { 0 };
  guint n = 200;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Comuna %04u", i);

      g_ptr_array_add (job.cities, d360_city_new (name));
    }
  g_assert_true (d360_store_run_in_transaction (store, save_many_cb, &job, &error));
  g_ptr_array_set_size (job.cities, 0);

  model = d360_store_list_cities (store);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &log);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n);
  item = g_list_model_get_item (model, 150);
  g_assert_cmpstr (d360_city_get_name (item), ==, "Comuna 0150");
  g_clear_object (&item);

  /* A new city that sorts first. */
  first = d360_city_new ("!Abrud");
  g_assert_true (d360_store_save_city (store, first, &error));
  g_assert_no_error (error);
  items_changed_assert (&log, 1, n, n + 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 1);
  item = g_list_model_get_item (model, 0);
  g_assert_cmpint (d360_city_get_id (item), ==, d360_city_get_id (first));
  g_clear_object (&item);
  item = g_list_model_get_item (model, 151);
  g_assert_cmpstr (d360_city_get_name (item), ==, "Comuna 0150");
  g_clear_object (&item);

  /* A rename moves it to the end. */
  d360_city_set_name (first, "zzz Abrud");
  g_assert_true (d360_store_save_city (store, first, &error));
  items_changed_assert (&log, 2, n + 1, n + 1);
  item = g_list_model_get_item (model, n);
  g_assert_cmpint (d360_city_get_id (item), ==, d360_city_get_id (first));
  g_clear_object (&item);

  /* Ten saves in one transaction: one notification. */
  for (guint i = 0; i < 10; i++)
    g_ptr_array_add (job.cities, d360_city_new ("Sat"));
  g_assert_true (d360_store_run_in_transaction (store, save_many_cb, &job, &error));
  items_changed_assert (&log, 3, n + 1, n + 11);

  /* A rolled-back transaction: none. */
  g_ptr_array_set_size (job.cities, 0);
  g_ptr_array_add (job.cities, d360_city_new ("Fantomă"));
  job.fail = TRUE;
  g_assert_false (d360_store_run_in_transaction (store, save_many_cb, &job, &error));
  g_clear_error (&error);
  g_assert_cmpuint (log.n_calls, ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n + 11);

  /* A change to a table the model does not show: none. */
  d360_store_emit_changed (store, "meeting");
  g_assert_cmpuint (log.n_calls, ==, 3);

  g_assert_true (d360_store_delete_city (store, d360_city_get_id (first), &error));
  g_assert_no_error (error);
  items_changed_assert (&log, 4, n + 11, n + 10);
  g_assert_null (g_list_model_get_item (model, n + 10));

  g_ptr_array_unref (job.cities);
}

/* ------------------------------------------------------------ backups */

static GDateTime *
local_time (int month,
            int day,
            int hour,
            int minute)
{
  return g_date_time_new_local (2024, month, day, hour, minute, 0);
}

static char *
backup_name (GDateTime *made)
{
  g_autofree char *stamp = g_date_time_format (made, "%Y%m%d-%H%M%S");

  return g_strconcat ("diplomacy360-", stamp, ".db", NULL);
}

static void
fill_store (D360Store *store,
            guint      n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Municipiul %u", i);
      g_autoptr(D360City) city = city_new_full (name);

      g_assert_true (d360_store_save_city (store, city, NULL));
    }
}

static void
assert_same_cities (D360Store *expected,
                    D360Store *actual)
{
  g_autoptr(GListModel) cities = d360_store_list_cities (expected);

  g_assert_cmpint (count_rows (actual, "city"), ==, count_rows (expected, "city"));
  g_assert_cmpint (count_rows (actual, "city_dimension"), ==,
                   count_rows (expected, "city_dimension"));
  for (guint i = 0; i < g_list_model_get_n_items (cities); i++)
    {
      g_autoptr(D360City) listed = g_list_model_get_item (cities, i);
      g_autoptr(D360City) full = d360_store_get_city (expected, d360_city_get_id (listed), NULL);
      g_autoptr(D360City) copy = NULL;
      g_autoptr(GError) error = NULL;

      copy = d360_store_get_city (actual, d360_city_get_id (listed), &error);
      g_assert_no_error (error);
      assert_same_city (full, copy);
    }
}

static void
test_backup_create (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", "nested", NULL);
  g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
  g_autofree char *expected_name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *journal_mode = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GDateTime) now = local_time (3, 15, 10, 30);
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(D360Store) restored = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  fill_store (store, 12);

  /* Made while the store is open, with its last writes still in the WAL. */
  path = d360_backup_create (fixture->path, folder, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  expected_name = backup_name (now);
  name = g_path_get_basename (path);
  g_assert_cmpstr (name, ==, expected_name);
  assert_folder_is (folder, (const char *[]) { expected_name, NULL });

  /* A plain, self-contained SQLite file. */
  db = raw_open (path);
  journal_mode = raw_query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "delete");
  g_assert_cmpint (raw_query_int (db, "PRAGMA application_id"), ==, OUR_APPLICATION_ID);
  sqlite3_close (db);
  assert_folder_is (folder, (const char *[]) { expected_name, NULL });

  copy_file (path, copy);
  restored = open_store (copy);
  assert_same_cities (store, restored);
  g_clear_object (&restored);

  /* The store's own file is unchanged by the backup. */
  g_assert_cmpint (count_rows (store, "city"), ==, 12);

  /* With the store closed too. */
  g_clear_object (&store);
  g_clear_pointer (&path, g_free);
  g_clear_pointer (&now, g_date_time_unref);
  g_clear_pointer (&name, g_free);
  now = local_time (3, 16, 10, 30);
  path = d360_backup_create (fixture->path, folder, now, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  name = backup_name (now);
  assert_folder_is (folder, (const char *[]) { expected_name, name, NULL });
  store = open_store (fixture->path);
  restored = open_store (path);
  assert_same_cities (store, restored);
}

static void
test_backup_daily (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(GDateTime) morning = local_time (5, 20, 8, 0);
  g_autoptr(GDateTime) evening = local_time (5, 20, 23, 59);
  g_autoptr(GDateTime) next_day = local_time (5, 21, 0, 1);
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;
  g_autofree char *second = NULL;
  g_autofree char *first_name = backup_name (morning);
  g_autofree char *second_name = backup_name (next_day);
  g_autoptr(GError) error = NULL;

  fill_store (store, 3);

  first = d360_backup_run_daily (fixture->path, folder, morning, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  assert_folder_is (folder, (const char *[]) { first_name, NULL });

  /* Once a day is enough, even after more writes. */
  save_new_city (store, "Zalău");
  again = d360_backup_run_daily (fixture->path, folder, evening, &error);
  g_assert_no_error (error);
  g_assert_null (again);
  again = d360_backup_run_daily (fixture->path, folder, morning, &error);
  g_assert_no_error (error);
  g_assert_null (again);
  assert_folder_is (folder, (const char *[]) { first_name, NULL });

  second = d360_backup_run_daily (fixture->path, folder, next_day, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  assert_folder_is (folder, (const char *[]) { first_name, second_name, NULL });

  /* The new one has the new city, the old one does not. */
  {
    g_autofree char *copy = g_build_filename (fixture->dir, "copy.db", NULL);
    g_autoptr(D360Store) backup = NULL;

    copy_file (second, copy);
    backup = open_store (copy);
    g_assert_cmpint (count_rows (backup, "city"), ==, 4);
    g_clear_object (&backup);

    copy_file (first, copy);
    backup = open_store (copy);
    g_assert_cmpint (count_rows (backup, "city"), ==, 3);
  }

  /* A missing database is an error, and makes no file. */
  {
    g_autoptr(GDateTime) later = local_time (5, 22, 9, 0);
    g_autofree char *missing = g_build_filename (fixture->dir, "missing.db", NULL);
    g_autofree char *none = d360_backup_run_daily (missing, folder, later, &error);

    g_assert_null (none);
    g_assert_nonnull (error);
    g_clear_error (&error);
    assert_folder_is (folder, (const char *[]) { first_name, second_name, NULL });
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

static void
test_backup_rotation (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *notes = g_build_filename (folder, "notes.txt", NULL);
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;

  save_new_city (store, "Alba Iulia");

  /* Ten days of daily backups, in the order they happen. */
  for (int day = 1; day <= 10; day++)
    {
      g_autoptr(GDateTime) now = local_time (7, day, 12, 0);
      g_autofree char *path = d360_backup_run_daily (fixture->path, folder, now, &error);

      g_assert_no_error (error);
      g_assert_nonnull (path);
      g_ptr_array_add (names, backup_name (now));
      if (day == 1)
        write_file (notes, "keep me", 7);
    }

  backups = d360_backup_list (folder);
  g_assert_cmpuint (backups->len, ==, D360_BACKUP_KEEP);
  for (guint i = 0; i < backups->len; i++)
    {
      D360BackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *name = g_path_get_basename (info->path);

      /* Newest first: days 10, 9, … 4. */
      g_assert_cmpstr (name, ==, g_ptr_array_index (names, 9 - i));
    }
  g_assert_true (g_file_test (notes, G_FILE_TEST_IS_REGULAR));
  g_clear_pointer (&backups, g_ptr_array_unref);

  /* Rotating by hand, out of order of creation. */
  for (int day = 20; day >= 11; day--)
    {
      g_autoptr(GDateTime) now = local_time (8, day, 12, 0);
      g_autofree char *path = d360_backup_create (fixture->path, folder, now, &error);

      g_assert_no_error (error);
    }
  g_assert_cmpuint (d360_backup_rotate (folder, 3), ==, 14);
  backups = d360_backup_list (folder);
  g_assert_cmpuint (backups->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      D360BackupInfo *info = g_ptr_array_index (backups, i);

      g_assert_cmpint (g_date_time_get_month (info->made), ==, 8);
      g_assert_cmpint (g_date_time_get_day_of_month (info->made), ==, 20 - (int) i);
    }
  g_assert_true (g_file_test (notes, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (d360_backup_rotate (folder, 3), ==, 0);
}

static void
test_backup_list (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *others[] = {
    "notes.txt", "diplomacy360.db", "diplomacy360-2024.db",
    "diplomacy360-20240101-000000.db.part", "diplomacy360-20240101-000000.db-wal",
    "other-20240101-000000.db", "diplomacy360-20241301-000000.db",
    "diplomacy360-20240101-000000.dbx", "diplomacy360-20240101-000000.sqlite",
  };
  const int days[] = { 3, 28, 1, 15, 9 };
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *subfolder = g_build_filename (folder, "diplomacy360-20240101-000000.db.d",
                                                 NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", NULL);
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GError) error = NULL;

  save_new_city (store, "Satu Mare");

  /* No folder: no backups, no error. */
  backups = d360_backup_list (missing);
  g_assert_cmpuint (backups->len, ==, 0);
  g_clear_pointer (&backups, g_ptr_array_unref);

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autoptr(GDateTime) now = local_time (2, days[i], 6, (int) i);
      g_autofree char *path = d360_backup_create (fixture->path, folder, now, &error);

      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *path = g_build_filename (folder, others[i], NULL);

      write_file (path, "x", 1);
    }
  g_assert_cmpint (g_mkdir (subfolder, 0700), ==, 0);

  backups = d360_backup_list (folder);
  g_assert_cmpuint (backups->len, ==, G_N_ELEMENTS (days));
  for (guint i = 0; i < backups->len; i++)
    {
      const int sorted[] = { 28, 15, 9, 3, 1 };
      D360BackupInfo *info = g_ptr_array_index (backups, i);
      g_autofree char *name = g_path_get_basename (info->path);
      g_autofree char *expected = NULL;
      g_autoptr(GDateTime) made = NULL;
      GStatBuf st;

      g_assert_cmpint (g_date_time_get_day_of_month (info->made), ==, sorted[i]);
      made = g_date_time_ref (info->made);
      expected = backup_name (made);
      g_assert_cmpstr (name, ==, expected);
      g_assert_cmpint (g_stat (info->path, &st), ==, 0);
      g_assert_cmpint (info->size, ==, st.st_size);
      g_assert_cmpint (info->size, >, 0);
    }

  /* Rotation leaves the other files alone. */
  g_assert_cmpuint (d360_backup_rotate (folder, 1), ==, G_N_ELEMENTS (days) - 1);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autofree char *path = g_build_filename (folder, others[i], NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  g_assert_true (g_file_test (subfolder, G_FILE_TEST_IS_DIR));
}

static void
test_backup_restore (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *backup = g_build_filename (fixture->dir, "before.db", NULL);
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(D360City) kept = city_new_full ("Baia Mare");
  g_autoptr(D360City) changed = city_new_full ("Sighetu Marmației");
  g_autoptr(D360City) reloaded = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;
  ItemsChanged items = { 0 };
  ChangedLog log;
  gint64 added;

  g_assert_true (d360_store_save_city (store, kept, &error));
  g_assert_true (d360_store_save_city (store, changed, &error));
  g_assert_no_error (error);

  g_assert_true (d360_store_backup_to_file (store, backup, &error));
  g_assert_no_error (error);
  /* The backup leaves the search index out: it is made from the tables. */
  assert_folder_is (fixture->dir, (const char *[]) { "before.db", "diplomacy360.db",
                                                     "diplomacy360.db-search",
                                                     "diplomacy360.db-search-shm",
                                                     "diplomacy360.db-search-wal",
                                                     "diplomacy360.db-shm",
                                                     "diplomacy360.db-wal", NULL });

  /* Life goes on. */
  added = save_new_city (store, "Carei");
  reloaded = d360_store_get_city (store, d360_city_get_id (changed), &error);
  d360_city_set_name (reloaded, "Sighet");
  d360_city_set_dimension_notes (reloaded, D360_DIMENSION_SECURITY, "schimbat");
  g_assert_true (d360_store_save_city (store, reloaded, &error));
  g_assert_true (d360_store_delete_city (store, d360_city_get_id (kept), &error));
  g_assert_no_error (error);

  model = d360_store_list_cities (store);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &items);
  changed_log_watch (&log, store);

  g_assert_true (d360_store_restore_from_file (store, backup, &error));
  g_assert_no_error (error);

  /* Everyone is told that everything changed. */
  g_assert_cmpuint (log.tables->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (log.tables, 0), ==, "*");
  items_changed_assert (&items, 1, 2, 2);

  /* The old rows are back, the new one is gone. */
  g_assert_cmpint (count_rows (store, "city"), ==, 2);
  g_assert_cmpint (count_rows (store, "city_dimension"), ==, 2 * D360_N_DIMENSIONS);
  g_clear_object (&reloaded);
  reloaded = d360_store_get_city (store, d360_city_get_id (kept), &error);
  g_assert_no_error (error);
  assert_same_city (kept, reloaded);
  g_clear_object (&reloaded);
  reloaded = d360_store_get_city (store, d360_city_get_id (changed), &error);
  g_assert_no_error (error);
  assert_same_city (changed, reloaded);
  g_assert_false (city_exists (store, added));
  g_assert_cmpint (d360_store_get_schema_version (store), ==,
                   d360_store_get_latest_schema_version ());
  g_assert_true (d360_store_integrity_check (store, &error));
  g_assert_no_error (error);

  /* The store keeps working, and the restore is on disk. */
  save_new_city (store, "Negrești-Oaș");
  changed_log_unwatch (&log, store);
  g_clear_object (&model);
  g_clear_object (&store);
  store = open_store (fixture->path);
  g_assert_cmpint (count_rows (store, "city"), ==, 3);
  g_assert_true (city_exists (store, d360_city_get_id (kept)));
  /* Ids are reused, so look at the names. */
  model = d360_store_list_cities (store);
  g_assert_null (g_list_model_get_item (model, 3));
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(D360City) city = g_list_model_get_item (model, i);

      g_assert_cmpstr (d360_city_get_name (city), !=, "Carei");
      g_assert_cmpstr (d360_city_get_name (city), !=, "Sighet");
    }
  {
    sqlite3 *db = raw_open (fixture->path);
    g_autofree char *journal_mode = raw_query_text (db, "PRAGMA journal_mode");

    g_assert_cmpstr (journal_mode, ==, "wal");
    g_assert_cmpint (raw_query_int (db, "PRAGMA application_id"), ==, OUR_APPLICATION_ID);
    sqlite3_close (db);
  }
}

static void
test_backup_restore_refused (Fixture       *fixture,
                             gconstpointer  data)
{
  struct {
    const char *name;
    int         code;
  } cases[] = {
    { "text.db", D360_STORE_ERROR_NOT_A_DATABASE },
    { "noise.db", D360_STORE_ERROR_NOT_A_DATABASE },
    { "empty.db", D360_STORE_ERROR_NOT_A_DATABASE },
    { "blank-sqlite.db", D360_STORE_ERROR_NOT_A_DATABASE },
    { "too-new.db", D360_STORE_ERROR_TOO_NEW },
    { "foreign.db", D360_STORE_ERROR_FOREIGN },
    { "folder.db", D360_STORE_ERROR_NOT_A_DATABASE },
  };
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.db", NULL);
  g_autoptr(D360Store) store = open_store (fixture->path);
  g_autoptr(D360City) city = city_new_full ("Mangalia");
  g_autoptr(GError) error = NULL;
  guint8 noise[4096];
  ChangedLog log;
  sqlite3 *db;

  g_assert_true (d360_store_save_city (store, city, &error));
  save_new_city (store, "Medgidia");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, cases[i].name, NULL);

      switch (i)
        {
        case 0:
          write_file (path, "Numele orașului,Țara\nMangalia,RO\n", 34);
          break;
        case 1:
          for (guint j = 0; j < sizeof noise; j++)
            noise[j] = (guint8) g_test_rand_int_range (0, 256);
          noise[0] = 0;
          write_file (path, noise, sizeof noise);
          break;
        case 2:
          write_file (path, "", 0);
          break;
        case 3:
          /* A SQLite file with nothing in it: not a backup of ours. */
          db = raw_open (path);
          raw_exec (db, "CREATE TABLE t (x); DROP TABLE t; VACUUM;");
          sqlite3_close (db);
          break;
        case 4:
          make_too_new_database (path, FALSE);
          break;
        case 5:
          db = raw_open (path);
          raw_exec (db, "PRAGMA application_id = 7; CREATE TABLE city (id, name);");
          sqlite3_close (db);
          break;
        case 6:
          g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  changed_log_watch (&log, store);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, cases[i].name, NULL);
      g_autoptr(Snapshot) before = snapshot_take (path);
      g_autoptr(D360City) reloaded = NULL;

      g_test_message ("Restoring from %s", cases[i].name);
      g_assert_false (d360_store_restore_from_file (store, path, &error));
      g_assert_error (error, D360_STORE_ERROR, cases[i].code);
      g_clear_error (&error);
      snapshot_assert_unchanged (before);

      /* The current data is untouched. */
      g_assert_cmpint (count_rows (store, "city"), ==, 2);
      g_assert_cmpint (count_rows (store, "city_dimension"), ==, 2 * D360_N_DIMENSIONS);
      reloaded = d360_store_get_city (store, d360_city_get_id (city), &error);
      g_assert_no_error (error);
      assert_same_city (city, reloaded);
      g_assert_cmpint (d360_store_get_schema_version (store), ==,
                       d360_store_get_latest_schema_version ());
    }

  g_assert_false (d360_store_restore_from_file (store, missing, &error));
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_cmpuint (log.tables->len, ==, 0);
  changed_log_unwatch (&log, store);

  /* Still usable. */
  save_new_city (store, "Eforie");
  g_assert_true (d360_store_integrity_check (store, &error));
  g_assert_no_error (error);
}

/* ------------------------------------------------------------ crash safety */

#define CRASH_RUNS 15

/* Reads what is there now; FALSE at the end of the stream. */
static gboolean
read_available (GPollableInputStream *stream,
                GString              *into)
{
  char buffer[4096];

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gssize n;

      n = g_pollable_input_stream_read_nonblocking (stream, buffer, sizeof buffer, NULL, &error);
      if (n > 0)
        {
          g_string_append_len (into, buffer, n);
          continue;
        }
      if (n == 0)
        return FALSE;
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
      return TRUE;
    }
}

/* The ids in the complete lines of @output. */
static void
parse_ids (const char *output,
           GArray     *ids)
{
  g_auto(GStrv) lines = NULL;
  guint n;

  if (*output == '\0')
    return;
  lines = g_strsplit (output, "\n", -1);
  n = g_strv_length (lines);

  /* Each line is written with one write(2) and the last piece is what
   * follows the last newline: it must be empty. */
  g_assert_cmpstr (lines[n - 1], ==, "");
  for (guint i = 0; i + 1 < n; i++)
    {
      guint64 value = 0;
      gint64 id;
      g_autoptr(GError) error = NULL;

      g_ascii_string_to_unsigned (lines[i], 10, 1, G_MAXINT64, &value, &error);
      g_assert_no_error (error);
      id = (gint64) value;
      g_array_append_val (ids, id);
    }
}

static void
test_crash_sigkill (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GArray) all_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint unreported_max = 0;

  g_assert_nonnull (writer_path);
  g_assert_true (g_file_test (writer_path, G_FILE_TEST_IS_EXECUTABLE));

  for (guint run = 0; run < CRASH_RUNS; run++)
    {
      g_autoptr(GSubprocess) writer = NULL;
      g_autoptr(GString) output = g_string_new (NULL);
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(D360Store) store = NULL;
      g_autoptr(GError) error = NULL;
      GPollableInputStream *stream;
      int delay_ms = g_test_rand_int_range (20, 301);
      gint64 deadline = g_get_monotonic_time () + delay_ms * G_TIME_SPAN_MILLISECOND;
      gint64 n_cities;

      writer = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                 writer_path, fixture->path, NULL);
      g_assert_no_error (error);
      stream = G_POLLABLE_INPUT_STREAM (g_subprocess_get_stdout_pipe (writer));
      g_assert_true (g_pollable_input_stream_can_poll (stream));

      while (g_get_monotonic_time () < deadline)
        {
          /* The writer never stops by itself. */
          g_assert_true (read_available (stream, output));
          g_usleep (2 * G_TIME_SPAN_MILLISECOND);
        }

      g_subprocess_send_signal (writer, SIGKILL);
      g_subprocess_wait (writer, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (writer));
      g_assert_cmpint (g_subprocess_get_term_sig (writer), ==, SIGKILL);

      /* Whatever is still in the pipe was written after a commit, too. */
      while (read_available (stream, output))
        g_usleep (G_TIME_SPAN_MILLISECOND);

      parse_ids (output->str, ids);
      g_test_message ("Run %u: killed after %d ms, %u saves reported",
                      run, delay_ms, ids->len);

      store = d360_store_open (fixture->path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_assert_true (d360_store_integrity_check (store, &error));
      g_assert_no_error (error);
      g_assert_cmpint (d360_store_get_schema_version (store), ==,
                       d360_store_get_latest_schema_version ());

      g_array_append_vals (all_ids, ids->data, ids->len);
      for (guint i = 0; i < all_ids->len; i++)
        {
          gint64 id = g_array_index (all_ids, gint64, i);
          g_autoptr(D360City) city = d360_store_get_city (store, id, &error);

          g_assert_no_error (error);
          g_assert_true (g_str_has_prefix (d360_city_get_name (city), "Oraș nr. "));
          g_assert_cmpstr (d360_city_get_county (city), ==, "RO-CJ");
          for (guint d = 0; d < D360_N_DIMENSIONS; d++)
            g_assert_cmpstr (d360_city_get_dimension_notes (city, d), ==,
                             d360_city_get_name (city));
        }

      /* Each save is whole: a city always has its seven dimensions. And at
       * most one commit per run went unreported (killed before printing). */
      n_cities = count_rows (store, "city");
      g_assert_cmpint (count_rows (store, "city_dimension"), ==, n_cities * D360_N_DIMENSIONS);
      g_assert_cmpint (n_cities, >=, all_ids->len);
      g_assert_cmpint (n_cities, <=, all_ids->len + run + 1);
      unreported_max = MAX (unreported_max, (guint) (n_cities - all_ids->len));
    }

  g_test_message ("%u saves reported in all, %u unreported at most", all_ids->len,
                  unreported_max);
  g_assert_cmpuint (all_ids->len, >, 0);
}

/* ------------------------------------------------------------ main */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--writer="))
      writer_path = g_strdup (argv[i] + strlen ("--writer="));
  if (writer_path == NULL)
    writer_path = g_build_filename (g_test_get_dir (G_TEST_BUILT), "store-writer", NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/open/fresh", test_open_fresh);
  ADD ("/store/open/empty-file", test_open_empty_file);
  ADD ("/store/open/for-thread", test_open_for_thread);
  ADD ("/store/statement-cache", test_statement_cache);
  ADD ("/store/migrations/every-version", test_migrations_every_version);
  ADD ("/store/migrations/failure", test_migrations_failure);
  ADD ("/store/refuse/too-new", test_refuse_too_new);
  ADD ("/store/refuse/not-a-database", test_refuse_not_a_database);
  ADD ("/store/refuse/foreign", test_refuse_foreign);
  ADD ("/store/refuse/corrupt", test_refuse_corrupt);
  ADD ("/store/folder/missing", test_folder_missing);
  g_test_add_func ("/store/folder/proc", test_folder_proc);
  g_test_add_func ("/store/folder/unwritable", test_folder_unwritable);
  ADD ("/store/city/round-trip", test_city_round_trip);
  ADD ("/store/city/update", test_city_update);
  ADD ("/store/city/delete", test_city_delete);
  ADD ("/store/city/not-found", test_city_not_found);
  ADD ("/store/city/validation", test_city_validation);
  ADD ("/store/city/changed-signal", test_city_changed_signal);
  ADD ("/store/city/rollback", test_city_rollback);
  ADD ("/store/transaction/nested", test_transaction_nested);
  ADD ("/store/list-model/paging", test_list_model_paging);
  ADD ("/store/list-model/items-changed", test_list_model_items_changed);
  ADD ("/store/backup/create", test_backup_create);
  ADD ("/store/backup/daily", test_backup_daily);
  ADD ("/store/backup/rotation", test_backup_rotation);
  ADD ("/store/backup/list", test_backup_list);
  ADD ("/store/backup/restore", test_backup_restore);
  ADD ("/store/backup/restore-refused", test_backup_restore_refused);
  ADD ("/store/crash/sigkill", test_crash_sigkill);

#undef ADD

  return g_test_run ();
}

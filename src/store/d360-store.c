/* d360-store.c — the one owner of the SQLite database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "d360-store-private.h"
#include "d360-store-resources.h"

#define MIGRATIONS_PATH RESOURCE_BASE "/sql/"
#define BUSY_TIMEOUT_MS 5000

/* Reading the whole file (the check at opening, an export) through a
 * mapping of it rather than by copies: an export of 100 000 contacts takes
 * 12 % less time, the check 25 % less. Only for those: the pages of the file
 * a mapping has touched count in the process's resident memory as long as it
 * lasts, and a check touches them all. */
#define MAP_FILE_SQL "PRAGMA mmap_size = 268435456"
#define UNMAP_FILE_SQL "PRAGMA mmap_size = 0"

struct _D360Store
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;      /* SQL text → sqlite3_stmt*, prepared once */
  GHashTable *by_address;      /* where a SQL text was seen → its sqlite3_stmt* */

  guint       transaction_depth;
  guint       changes_held;    /* d360_store_hold_changes() */
  GPtrArray  *pending_changes; /* tables written in the open transaction, or while held */
  gboolean    search_written;  /* the open transaction changed the search index */
  gboolean    main_only;       /* …which locks the main file only */
};

G_DEFINE_FINAL_TYPE (D360Store, d360_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (d360-store-error-quark, d360_store_error)

/* ------------------------------------------------------------------ helpers */

void
d360_store_set_error (GError     **error,
                      sqlite3     *db,
                      int          rc,
                      const char  *what)
{
  int code = D360_STORE_ERROR_SQL;
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
      code = D360_STORE_ERROR_NOT_A_DATABASE;
      break;
    case SQLITE_CORRUPT:
      code = D360_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = D360_STORE_ERROR_BUSY;
      break;
    case SQLITE_READONLY:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      code = D360_STORE_ERROR_FOLDER;
      break;
    case SQLITE_CONSTRAINT:
      code = D360_STORE_ERROR_INVALID;
      break;
    default:
      break;
    }

  g_set_error (error, D360_STORE_ERROR, code, "%s: %s", what, detail);
}

void
d360_store_bind_text (sqlite3_stmt *stmt,
                      int           index,
                      const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* As d360_store_bind_text(), without the copy: for text that outlives the
 * statement's step (d360_store_prepare() clears the binding before the
 * statement's next use). */
void
d360_store_bind_static_text (sqlite3_stmt *stmt,
                             int           index,
                             const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

char *
d360_store_column_text (sqlite3_stmt *stmt,
                        int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

char *
d360_store_now_utc (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

sqlite3 *
d360_store_get_db (D360Store *self)
{
  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  return self->db;
}

/* Statements are prepared once and kept; callers get them reset and unbound. */
sqlite3_stmt *
d360_store_prepare (D360Store   *self,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (D360_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  /* Most SQL is a string constant, passed again and again (an import: some
   * fifteen statements per person): found by its address, it needs no
   * hashing of its text, only a comparison, which also catches a text that
   * has since been freed and another put in its place. */
  stmt = g_hash_table_lookup (self->by_address, sql);
  if (stmt == NULL || strcmp (sqlite3_sql (stmt), sql) != 0)
    {
      stmt = g_hash_table_lookup (self->statements, sql);
      if (stmt == NULL)
        {
          rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
          if (rc != SQLITE_OK)
            {
              d360_store_set_error (error, self->db, rc, _("Could not prepare a query"));
              return NULL;
            }
          g_hash_table_insert (self->statements, g_strdup (sql), stmt);
          return stmt;
        }
      /* Texts put together at run time come at ever new addresses. */
      if (g_hash_table_size (self->by_address) >= 512)
        g_hash_table_remove_all (self->by_address);
      g_hash_table_insert (self->by_address, (gpointer) sql, stmt);
    }

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

gboolean
d360_store_step_done (D360Store     *self,
                      sqlite3_stmt  *stmt,
                      GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }

  d360_store_set_error (error, self->db, rc, _("Could not write to the database"));
  sqlite3_reset (stmt);
  return FALSE;
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          const char  *what,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      d360_store_set_error (error, db, rc, what);
      return FALSE;
    }

  return TRUE;
}

static gint64
query_int (sqlite3     *db,
           const char  *sql,
           GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else
    d360_store_set_error (error, db, rc, _("Could not read the database"));

  sqlite3_finalize (stmt);
  return value;
}

/* --------------------------------------------------------------- migrations */

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The migration scripts, sorted: "001-city.sql", "002-…". Script N brings the
 * schema to user_version N. */
static GPtrArray *
list_migrations (void)
{
  g_auto(GStrv) names = NULL;
  GPtrArray *scripts = g_ptr_array_new_with_free_func (g_free);

  /* Referencing the bundle keeps its object file (and its constructor, which
   * registers it) in the static library's link. */
  (void) d360_store_get_resource ();

  names = g_resources_enumerate_children (MIGRATIONS_PATH, 0, NULL);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_suffix (names[i], ".sql"))
      g_ptr_array_add (scripts, g_strdup (names[i]));

  g_ptr_array_sort (scripts, compare_names);
  return scripts;
}

int
d360_store_get_latest_schema_version (void)
{
  g_autoptr(GPtrArray) scripts = list_migrations ();

  return (int) scripts->len;
}

static gboolean
apply_migration (sqlite3     *db,
                 const char  *name,
                 int          version,
                 GError     **error)
{
  g_autofree char *resource = g_strconcat (MIGRATIONS_PATH, name, NULL);
  g_autofree char *footer = NULL;
  g_autofree char *script = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize size;

  bytes = g_resources_lookup_data (resource, 0, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_MIGRATION,
                   _("Schema update %s is missing: %s"), name, local_error->message);
      return FALSE;
    }

  script = g_strndup (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));
  footer = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                            D360_STORE_APPLICATION_ID, version);

  if (!exec_sql (db, "BEGIN IMMEDIATE", _("Could not start a schema update"), error))
    return FALSE;

  if (!exec_sql (db, script, _("A schema update failed"), &local_error) ||
      !exec_sql (db, footer, _("A schema update failed"), &local_error) ||
      !exec_sql (db, "COMMIT", _("A schema update failed"), &local_error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_MIGRATION,
                   _("Could not update the database to version %d (%s): %s"),
                   version, name, local_error->message);
      return FALSE;
    }

  g_debug ("Applied schema migration %s", name);
  return TRUE;
}

static gboolean
migrate (sqlite3     *db,
         GError     **error)
{
  g_autoptr(GPtrArray) scripts = list_migrations ();
  gint64 version;

  version = query_int (db, "PRAGMA user_version", error);
  if (version < 0)
    return FALSE;

  for (guint i = (guint) version; i < scripts->len; i++)
    if (!apply_migration (db, g_ptr_array_index (scripts, i), (int) i + 1, error))
      return FALSE;

  /* Version 6 moved the search index out (006-search-file.sql): the pages
   * it had, half the file, are given back once, and backups, which copy
   * every page, are half the size. */
  if (version > 0 && version < 6 && scripts->len >= 6 &&
      !exec_sql (db, "VACUUM", _("Could not update the database"), error))
    return FALSE;

  return TRUE;
}

/* ------------------------------------------------------------ file checks */

static gboolean
has_sqlite_header (const char  *path,
                   GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  g_autofree char *display = g_filename_display_name (path);
  /* The whole 100-byte header: a file cut inside it is not a database. */
  char header[100] = { 0 };
  FILE *file;
  size_t n;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      int saved_errno = errno;

      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_FOLDER,
                   _("Could not read “%s”: %s"), display, g_strerror (saved_errno));
      return FALSE;
    }

  n = fread (header, 1, sizeof header, file);
  fclose (file);

  if (n != sizeof header || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Diplomacy360 database."), display);
      return FALSE;
    }

  return TRUE;
}

/* Checks what can be checked before SQLite touches anything: the folder, and
 * the first bytes of an existing file. Returns whether the file exists. */
static gboolean
check_location (const char  *path,
                gboolean    *exists,
                GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (folder);
  GStatBuf st;

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_FOLDER,
                   _("The folder “%s” does not exist."), display);
      return FALSE;
    }

  if (access (folder, W_OK | X_OK) != 0)
    {
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_FOLDER,
                   _("The folder “%s” cannot be written to."), display);
      return FALSE;
    }

  *exists = g_stat (path, &st) == 0;
  if (!*exists)
    return TRUE;

  if (!S_ISREG (st.st_mode))
    {
      g_autofree char *file_display = g_filename_display_name (path);

      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Diplomacy360 database."), file_display);
      return FALSE;
    }

  /* An empty file is an empty database to SQLite: treat it as new. */
  if (st.st_size == 0)
    return TRUE;

  return has_sqlite_header (path, error);
}

/* Reads (never writes) the header fields that tell whose database it is and
 * which version made it. */
static gboolean
check_ownership (sqlite3     *db,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  gint64 app_id, version, objects;
  int latest = d360_store_get_latest_schema_version ();

  if ((app_id = query_int (db, "PRAGMA application_id", error)) < 0)
    return FALSE;
  if ((version = query_int (db, "PRAGMA user_version", error)) < 0)
    return FALSE;
  if ((objects = query_int (db, "SELECT count(*) FROM sqlite_schema", error)) < 0)
    return FALSE;

  if (app_id != D360_STORE_APPLICATION_ID && (app_id != 0 || objects > 0))
    {
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_FOREIGN,
                   _("“%s” is a database of another program, not of Diplomacy360."),
                   display);
      return FALSE;
    }

  if (version > latest)
    {
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_TOO_NEW,
                   _("“%s” was made by a newer version of Diplomacy360 "
                     "(database version %" G_GINT64_FORMAT ", this version knows %d). "
                     "Update the app to open it."),
                   display, version, latest);
      return FALSE;
    }

  return TRUE;
}

/* An empty file or a blank SQLite database passes check_ownership(), but
 * restoring one would wipe everything: a backup must carry our id. */
static gboolean
check_is_ours (sqlite3     *db,
               const char  *path,
               GError     **error)
{
  g_autofree char *display = NULL;
  gint64 app_id = query_int (db, "PRAGMA application_id", error);

  if (app_id < 0)
    return FALSE;
  if (app_id == D360_STORE_APPLICATION_ID)
    return TRUE;

  display = g_filename_display_name (path);
  g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_A_DATABASE,
               _("“%s” is not a Diplomacy360 database."), display);
  return FALSE;
}

static gboolean
quick_check (sqlite3     *db,
             const char  *pragma,
             const char  *path,
             GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_OK)
    {
      d360_store_set_error (error, db, rc, _("Could not check the database"));
      return FALSE;
    }

  if (!ok)
    g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_CORRUPT,
                 _("“%s” is damaged. Restore it from a backup."), display);
  return ok;
}

sqlite3 *
d360_store_open_connection (const char  *path,
                            int          flags,
                            GError     **error)
{
  static gsize configured = 0;
  sqlite3 *db = NULL;
  int rc;

  /* Before SQLite's first use in the process: no count of the memory it
   * uses, which we never read and which takes a lock around every one of
   * its allocations. (Refused, harmlessly, if something else started
   * SQLite first.) */
  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }

  /* No mutexes: a connection is only ever used by one thread at a time
   * (see d360_store_open()), and SQLite would otherwise lock one around
   * every call, each bind and each column read included. */
  rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, D360_STORE_ERROR,
                   rc == SQLITE_NOTADB ? D360_STORE_ERROR_NOT_A_DATABASE
                                       : D360_STORE_ERROR_FOLDER,
                   _("Could not open “%s”: %s"), display,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  return db;
}

/* ----------------------------------------------------------- GObject parts */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
d360_store_finalize (GObject *object)
{
  D360Store *self = (D360Store *) object;

  g_clear_pointer (&self->by_address, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->pending_changes, g_ptr_array_unref);
  if (self->db != NULL)
    {
      /* Leaves a clean file behind: checkpoints the WAL and removes it. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (d360_store_parent_class)->finalize (object);
}

static void
d360_store_class_init (D360StoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = d360_store_finalize;

  /**
   * D360Store::changed:
   * @table: the table that was written
   *
   * Emitted after a committed write. The detail is the table name, so a view
   * can connect to `changed::city`. After a restore, @table is "*".
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
d360_store_init (D360Store *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_statement);
  self->by_address = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->pending_changes = g_ptr_array_new_with_free_func (g_free);
}

/* ---------------------------------------------------------------- public */

/**
 * d360_store_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/diplomacy360/diplomacy360.db`
 */
char *
d360_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "diplomacy360", "diplomacy360.db", NULL);
}

/* d360_store_open(), and with @check_file the check of every page. */
static D360Store *
open_store (const char  *path,
            gboolean     check_file,
            GError     **error)
{
  g_autoptr(D360Store) self = NULL;
  gboolean existed = FALSE;
  sqlite3 *db;

  if (!check_location (path, &existed, error))
    return NULL;

  db = d360_store_open_connection (path, SQLITE_OPEN_READWRITE | (existed ? 0 : SQLITE_OPEN_CREATE),
                                   error);
  if (db == NULL)
    return NULL;

  self = g_object_new (D360_TYPE_STORE, NULL);
  self->db = db;
  self->path = g_strdup (path);

  if (sqlite3_db_readonly (db, "main") == 1)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_FOLDER,
                   _("“%s” cannot be written to."), display);
      return NULL;
    }

  if (!check_ownership (db, path, error) ||
      (check_file &&
       (!exec_sql (db, MAP_FILE_SQL, _("Could not set up the database"), error) ||
        !quick_check (db, "PRAGMA quick_check", path, error) ||
        !exec_sql (db, UNMAP_FILE_SQL, _("Could not set up the database"), error))) ||
      !exec_sql (db, "PRAGMA journal_mode = WAL", _("Could not set up the database"), error) ||
      !exec_sql (db, "PRAGMA foreign_keys = ON", _("Could not set up the database"), error) ||
      !exec_sql (db, "PRAGMA synchronous = FULL", _("Could not set up the database"), error) ||
      /* 32 MiB of page cache (the default is 2 MiB): an import or a search over
       * 100 000 contacts touches more pages than that. */
      !exec_sql (db, "PRAGMA cache_size = -32768", _("Could not set up the database"), error) ||
      !migrate (db, error) ||
      !d360_store_attach_search (self, check_file, error))
    {
      if (!existed)
        {
          g_autofree char *wal = g_strconcat (path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (path, "-shm", NULL);

          g_clear_object (&self);
          g_unlink (path);
          g_unlink (wal);
          g_unlink (shm);
          d360_store_remove_search_files (path);
        }
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * d360_store_open:
 * @path: the database file; its folder must exist
 * @error: a #D360StoreError
 *
 * Opens (or creates) the database at @path, checks every page of it (`PRAGMA
 * quick_check`) and brings its schema up to date. Its search file beside it
 * is attached, and made again from the tables when it does not match them
 * (d360-store-search.c). A file that is not ours,
 * damaged, or made by a newer version is refused and left exactly as it was.
 * A file created here is removed again if setting it up fails.
 *
 * A store is one SQLite connection, opened without SQLite's own locks: use
 * it from one thread at a time. A thread that works beside the others opens
 * its own (d360_store_open_for_thread()).
 *
 * Returns: (transfer full) (nullable): the store
 */
D360Store *
d360_store_open (const char  *path,
                 GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_store (path, TRUE, error);
}

/**
 * d360_store_open_for_thread:
 * @path: a database the program has open already (d360_store_open())
 * @error: a #D360StoreError
 *
 * A connection of its own for a thread (an import, an export) to a database
 * d360_store_open() has opened in this program, and so checked: as that, but
 * without reading the whole file again (0.3–0.5 s for 100 000 contacts).
 *
 * Returns: (transfer full) (nullable): the store
 */
D360Store *
d360_store_open_for_thread (const char  *path,
                            GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_store (path, FALSE, error);
}

const char *
d360_store_get_path (D360Store *self)
{
  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  return self->path;
}

int
d360_store_get_schema_version (D360Store *self)
{
  g_return_val_if_fail (D360_IS_STORE (self), -1);

  return (int) query_int (self->db, "PRAGMA user_version", NULL);
}

/**
 * d360_store_emit_changed:
 * @table: the table that was written
 *
 * Tells open views that @table changed. Inside a transaction the signal waits
 * for the commit, and a rollback drops it.
 */
void
d360_store_emit_changed (D360Store  *self,
                         const char *table)
{
  g_return_if_fail (D360_IS_STORE (self));
  g_return_if_fail (table != NULL);

  if (self->transaction_depth > 0 || self->changes_held > 0)
    {
      for (guint i = 0; i < self->pending_changes->len; i++)
        if (g_str_equal (g_ptr_array_index (self->pending_changes, i), table))
          return;
      g_ptr_array_add (self->pending_changes, g_strdup (table));
      return;
    }

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (table), table);
}

static void
flush_changes (D360Store *self)
{
  g_autoptr(GPtrArray) tables = g_steal_pointer (&self->pending_changes);

  self->pending_changes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < tables->len; i++)
    d360_store_emit_changed (self, g_ptr_array_index (tables, i));
}

/* Holds the change signals (of what is committed meanwhile) until
 * d360_store_release_changes(): for work that is not over at its commit
 * (an import turns SQLite's checks on again after it). Calls nest. */
void
d360_store_hold_changes (D360Store *self)
{
  g_return_if_fail (D360_IS_STORE (self));

  self->changes_held++;
}

void
d360_store_release_changes (D360Store *self)
{
  g_return_if_fail (D360_IS_STORE (self));
  g_return_if_fail (self->changes_held > 0);

  if (--self->changes_held == 0 && self->transaction_depth == 0)
    flush_changes (self);
}

/* exec_sql() on the store's connection, for the other parts of the store. */
gboolean
d360_store_exec (D360Store   *self,
                 const char  *sql,
                 const char  *what,
                 GError     **error)
{
  g_return_val_if_fail (D360_IS_STORE (self), FALSE);

  return exec_sql (self->db, sql, what, error);
}

/**
 * d360_store_begin_read:
 *
 * Starts a read of several statements that must see the database at one
 * moment (a deferred transaction, ended by d360_store_end_read()); inside a
 * transaction already, that one serves. Such reads are large (everyone, for
 * an export): until its end, the file is read through a mapping
 * (MAP_FILE_SQL).
 */
gboolean
d360_store_begin_read (D360Store  *self,
                       GError    **error)
{
  g_return_val_if_fail (D360_IS_STORE (self), FALSE);

  if (self->transaction_depth++ > 0)
    return TRUE;
  if (exec_sql (self->db, MAP_FILE_SQL, _("Could not read the database"), error) &&
      exec_sql (self->db, "BEGIN", _("Could not read the database"), error))
    return TRUE;
  sqlite3_exec (self->db, UNMAP_FILE_SQL, NULL, NULL, NULL);
  self->transaction_depth--;
  return FALSE;
}

void
d360_store_end_read (D360Store *self)
{
  g_return_if_fail (D360_IS_STORE (self));
  g_return_if_fail (self->transaction_depth > 0);

  /* Nothing was written: ending it cannot lose anything. */
  if (--self->transaction_depth == 0)
    {
      sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
      sqlite3_exec (self->db, UNMAP_FILE_SQL, NULL, NULL, NULL);
    }
}

/* d360_store_run_in_transaction() and d360_store_run_in_main_transaction(). */
static gboolean
run_in_transaction (D360Store                 *self,
                    gboolean                   main_only,
                    D360StoreTransactionFunc   func,
                    gpointer                   user_data,
                    GError                   **error)
{
  g_autofree char *savepoint = NULL;
  guint n_pending;
  gboolean ok;

  if (self->transaction_depth == 0)
    {
      /* BEGIN IMMEDIATE would lock every attached file, the search file
       * included; the first write of the main-only kind locks main alone
       * before anything is read (a read first could not become a write if
       * someone else wrote in between). */
      if (!exec_sql (self->db,
                     main_only ? "BEGIN; UPDATE main.search_state SET token = token"
                               : "BEGIN IMMEDIATE",
                     _("Could not start a transaction"), error))
        {
          if (main_only)
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      self->search_written = FALSE;
      self->main_only = main_only;
    }
  else
    {
      savepoint = g_strdup_printf ("SAVEPOINT d360_%u", self->transaction_depth);
      if (!exec_sql (self->db, savepoint, _("Could not start a transaction"), error))
        return FALSE;
    }

  n_pending = self->pending_changes->len;
  self->transaction_depth++;
  ok = func (self, user_data, error);
  self->transaction_depth--;

  if (savepoint != NULL)
    {
      g_autofree char *end = NULL;

      if (ok)
        end = g_strdup_printf ("RELEASE d360_%u", self->transaction_depth);
      else
        {
          /* What the savepoint wrote is gone: so are its change signals. */
          g_ptr_array_set_size (self->pending_changes, n_pending);
          end = g_strdup_printf ("ROLLBACK TO d360_%u; RELEASE d360_%u",
                                 self->transaction_depth, self->transaction_depth);
        }
      return exec_sql (self->db, end, _("Could not finish a transaction"),
                       ok ? error : NULL) && ok;
    }

  if (ok && self->search_written && !d360_store_stamp_search (self, error))
    ok = FALSE;
  self->main_only = FALSE;
  if (ok && exec_sql (self->db, "COMMIT", _("Could not save the changes"), error))
    {
      if (self->changes_held == 0)
        flush_changes (self);
      return TRUE;
    }

  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_ptr_array_set_size (self->pending_changes, n_pending);
  return FALSE;
}

/**
 * d360_store_run_in_transaction:
 * @func: the writes
 *
 * Runs @func inside one transaction: everything it wrote is committed when it
 * returns %TRUE, and nothing when it returns %FALSE. Nested calls become
 * savepoints. Change signals are emitted after the outermost commit.
 */
gboolean
d360_store_run_in_transaction (D360Store                 *self,
                               D360StoreTransactionFunc   func,
                               gpointer                   user_data,
                               GError                   **error)
{
  g_return_val_if_fail (D360_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return run_in_transaction (self, FALSE, func, user_data, error);
}

/**
 * d360_store_run_in_main_transaction:
 *
 * As d360_store_run_in_transaction(), outside any other, but locking the
 * main file only: the search file stays free for a D360SearchWriter, and
 * @func must not write it (d360_store_mark_search_written()).
 */
gboolean
d360_store_run_in_main_transaction (D360Store                 *self,
                                    D360StoreTransactionFunc   func,
                                    gpointer                   user_data,
                                    GError                   **error)
{
  g_return_val_if_fail (D360_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (self->transaction_depth == 0, FALSE);

  return run_in_transaction (self, TRUE, func, user_data, error);
}

/* A write to the search index is about to happen in the open transaction:
 * its commit gives both files a new token (d360_store_stamp_search()). */
void
d360_store_mark_search_written (D360Store *self)
{
  g_return_if_fail (self->transaction_depth > 0);
  g_return_if_fail (!self->main_only);

  self->search_written = TRUE;
}

/* Whether a transaction is open. */
gboolean
d360_store_in_transaction (D360Store *self)
{
  return self->transaction_depth > 0;
}

/* Drops the prepared statements (they hold cursors and a schema). */
void
d360_store_forget_statements (D360Store *self)
{
  g_hash_table_remove_all (self->by_address);
  g_hash_table_remove_all (self->statements);
}

/**
 * d360_store_integrity_check:
 *
 * Runs the full `PRAGMA integrity_check`.
 */
gboolean
d360_store_integrity_check (D360Store  *self,
                            GError    **error)
{
  g_return_val_if_fail (D360_IS_STORE (self), FALSE);

  return quick_check (self->db, "PRAGMA integrity_check", self->path, error);
}

/**
 * d360_store_count_rows:
 * @table: a table of the schema
 *
 * Returns: the number of rows, or -1 on error (an unknown table included)
 */
gint64
d360_store_count_rows (D360Store   *self,
                       const char  *table,
                       GError     **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *check;

  g_return_val_if_fail (D360_IS_STORE (self), -1);
  g_return_val_if_fail (table != NULL, -1);

  /* The name is checked against the schema before it is used as an identifier. */
  check = d360_store_prepare (self,
                              "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
                              error);
  if (check == NULL)
    return -1;
  sqlite3_bind_text (check, 1, table, -1, SQLITE_STATIC);
  if (sqlite3_step (check) != SQLITE_ROW)
    {
      sqlite3_reset (check);
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND,
                   _("There is no table “%s”."), table);
      return -1;
    }
  sqlite3_reset (check);

  sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);
  return query_int (self->db, sql, error);
}

gboolean
d360_store_copy_database (sqlite3     *dest,
               sqlite3     *source,
               GError     **error)
{
  sqlite3_backup *backup;
  int rc;

  backup = sqlite3_backup_init (dest, "main", source, "main");
  if (backup == NULL)
    {
      d360_store_set_error (error, dest, sqlite3_errcode (dest), _("Could not copy the database"));
      return FALSE;
    }

  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);

  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      d360_store_set_error (error, dest, rc, _("Could not copy the database"));
      return FALSE;
    }

  return TRUE;
}

/* Copies @source with SQLite's online backup API to a temporary name beside
 * @dest_path, then renames it into place: a reader never sees half a file. */
gboolean
d360_store_write_backup (sqlite3     *source,
                         const char  *dest_path,
                         GError     **error)
{
  g_autofree char *tmp_path = g_strconcat (dest_path, ".part", NULL);
  sqlite3 *dest;
  gboolean ok;

  g_unlink (tmp_path);
  dest = d360_store_open_connection (tmp_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (dest == NULL)
    return FALSE;

  ok = d360_store_copy_database (dest, source, error) &&
       exec_sql (dest, "PRAGMA journal_mode = DELETE", _("Could not copy the database"), error);
  sqlite3_close_v2 (dest);

  if (ok && g_rename (tmp_path, dest_path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (dest_path);

      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_FOLDER,
                   _("Could not write “%s”: %s"), display, g_strerror (saved_errno));
      ok = FALSE;
    }

  if (!ok)
    g_unlink (tmp_path);
  return ok;
}

/**
 * d360_store_backup_to_file:
 * @dest_path: where the copy goes
 *
 * Writes a consistent copy of the database to @dest_path (atomically).
 */
gboolean
d360_store_backup_to_file (D360Store   *self,
                           const char  *dest_path,
                           GError     **error)
{
  g_return_val_if_fail (D360_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  return d360_store_write_backup (self->db, dest_path, error);
}

/**
 * d360_store_restore_from_file:
 * @backup_path: a backup this app made
 *
 * Replaces the whole database with @backup_path, after checking that the
 * backup is ours, not newer than this version and not damaged; then brings
 * its schema up to date. On failure the current data stays as it was.
 * Emits #D360Store::changed with "*".
 */
gboolean
d360_store_restore_from_file (D360Store   *self,
                              const char  *backup_path,
                              GError     **error)
{
    sqlite3 *source;
  gboolean ok;

  g_return_val_if_fail (D360_IS_STORE (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (self->transaction_depth == 0, FALSE);

  /* Only read: a backup on read-only media is fine. */
  if (!g_file_test (backup_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (backup_path);

      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND,
                   _("The backup “%s” does not exist."), display);
      return FALSE;
    }
  if (!has_sqlite_header (backup_path, error))
    return FALSE;

  source = d360_store_open_connection (backup_path, SQLITE_OPEN_READONLY, error);
  if (source == NULL)
    return FALSE;

  ok = check_ownership (source, backup_path, error) &&
       check_is_ours (source, backup_path, error) &&
       quick_check (source, "PRAGMA quick_check", backup_path, error);

  if (ok)
    {
      /* Statements hold read cursors that would block the copy. */
      d360_store_forget_statements (self);
      ok = d360_store_copy_database (self->db, source, error) &&
           exec_sql (self->db, "PRAGMA journal_mode = WAL", _("Could not set up the database"),
                     error) &&
           migrate (self->db, error);
    }

  /* The data is back: an index that cannot be made again now (another
   * program holds the search file) is made at the next opening, the
   * tokens differing until then. */
  if (ok)
    {
      g_autoptr(GError) search_error = NULL;

      if (!d360_store_check_search (self, &search_error))
        g_warning ("Could not make the search index again after the restore: %s",
                   search_error->message);
    }

  sqlite3_close_v2 (source);

  if (ok)
    d360_store_emit_changed (self, "*");
  return ok;
}

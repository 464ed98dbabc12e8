/* d360-store-search.c — the contact book's search index, in a file of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The full-text rows of people and organisations (contact_fts,
 * organization_fts) live in a second SQLite file beside the database, its
 * name with "-search" after it, attached to every connection as "search".
 * Queries name the tables without their schema; nothing else in the program
 * needs to know. (The projects' index stays in the database: triggers keep
 * it, and a trigger cannot write another file.)
 *
 * Why a file of its own: two connections can only write side by side to two
 * files. An import writes the people in its thread while a second thread, on
 * the second core, fills their search rows (D360SearchWriter), which are half
 * the work of an import.
 *
 * The two files commit one after the other, never as one. So every write that
 * changes the index also writes a new token into main.search_state, and into
 * search.state if that had the tables' token before (d360_store_stamp_search(),
 * at the commit of d360_store_run_in_transaction()); an import writes its
 * writer's token through both of its connections, on the same condition. At
 * opening, tokens that differ mean the index does not belong to the tables
 * (the program stopped between the two commits, a backup was restored, a
 * rebuild failed, the search file is missing or damaged): it is made again
 * from the tables, which is what it is made of anyway.
 */

#define G_LOG_DOMAIN "d360-store-search"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "d360-store-contacts-private.h"
#include "d360-store-private.h"

#define SEARCH_SCHEMA_RESOURCE RESOURCE_BASE "/sql/search/contact-search.sql"

/* The layout of the search file (data/sql/search/); a file of another
 * version is made again. */
#define SEARCH_VERSION 1

/* 16 MiB of page cache for the search file: its rows are small, its pages
 * are mostly the index's segments. */
#define SEARCH_PRAGMAS "PRAGMA search.journal_mode = WAL; " \
                       "PRAGMA search.synchronous = NORMAL; " \
                       "PRAGMA search.cache_size = -16384;"

/**
 * d360_store_search_path:
 * @path: the database file
 *
 * Returns: (transfer full): the search file beside it
 */
char *
d360_store_search_path (const char *path)
{
  return g_strconcat (path, "-search", NULL);
}

/* Removes the search file and what SQLite keeps beside it. */
void
d360_store_remove_search_files (const char *path)
{
  g_autofree char *search = d360_store_search_path (path);
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (search, suffixes[i], NULL);

      g_unlink (file);
    }
}

static gboolean
attach (D360Store  *self,
        GError    **error)
{
  g_autofree char *search = d360_store_search_path (d360_store_get_path (self));
  sqlite3 *db = d360_store_get_db (self);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *create;
  int rc;

  /* ATTACH opens with the connection's own flags, which only create the
   * database file when it was new. */
  if (!g_file_test (search, G_FILE_TEST_EXISTS))
    {
      create = d360_store_open_connection (search, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                           error);
      if (create == NULL)
        return FALSE;
      sqlite3_close_v2 (create);
    }

  rc = sqlite3_prepare_v2 (db, "ATTACH DATABASE ?1 AS search", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, search, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      d360_store_set_error (error, db, rc, _("Could not open the search index"));
      return FALSE;
    }

  return d360_store_exec (self, SEARCH_PRAGMAS, _("Could not open the search index"), error);
}

static void
detach (D360Store *self)
{
  d360_store_forget_statements (self);
  sqlite3_exec (d360_store_get_db (self), "DETACH DATABASE search", NULL, NULL, NULL);
}

/* Whether the search file has this version's layout and the token of the
 * tables' last write. Any error (a damaged file, no such table) is a no. */
static gboolean
search_is_current (D360Store *self)
{
  sqlite3 *db = d360_store_get_db (self);
  sqlite3_stmt *stmt = NULL;
  gboolean current = FALSE;

  /* (The table-valued pragma_user_version reads main's, whatever schema
   * it is given.) */
  if (sqlite3_prepare_v2 (db, "PRAGMA search.user_version", -1, &stmt, NULL) == SQLITE_OK)
    current = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == SEARCH_VERSION;
  sqlite3_finalize (stmt);
  if (!current)
    return FALSE;

  if (sqlite3_prepare_v2 (db,
                          "SELECT (SELECT token FROM search.state) = "
                          "(SELECT token FROM main.search_state)",
                          -1, &stmt, NULL) == SQLITE_OK)
    current = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) == 1;
  else
    current = FALSE;
  sqlite3_finalize (stmt);
  return current;
}

static gboolean
rebuild_in_transaction (D360Store  *self,
                        gpointer    user_data,
                        GError    **error)
{
  g_autoptr(GBytes) schema = NULL;
  g_autofree char *script = NULL;
  g_autofree char *version = NULL;
  g_autoptr(GError) local_error = NULL;

  /* Another program may have made it while this one waited for the lock. */
  if (search_is_current (self))
    return TRUE;

  schema = g_resources_lookup_data (SEARCH_SCHEMA_RESOURCE, 0, &local_error);
  if (schema == NULL)
    {
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_MIGRATION,
                   _("Could not make the search index: %s"), local_error->message);
      return FALSE;
    }
  script = g_strndup (g_bytes_get_data (schema, NULL), g_bytes_get_size (schema));
  version = g_strdup_printf ("PRAGMA search.user_version = %d", SEARCH_VERSION);

  return d360_store_exec (self,
                          "DROP TABLE IF EXISTS search.contact_fts; "
                          "DROP TABLE IF EXISTS search.organization_fts; "
                          "DROP TABLE IF EXISTS search.state",
                          _("Could not make the search index"), error) &&
         d360_store_exec (self, script, _("Could not make the search index"), error) &&
         d360_store_exec (self, version, _("Could not make the search index"), error) &&
         d360_store_exec (self,
                          "INSERT INTO search.state (id, token) "
                          "SELECT 1, token FROM main.search_state",
                          _("Could not make the search index"), error) &&
         d360_store_fill_contact_search (self, error);
}

/**
 * d360_store_rebuild_search:
 *
 * Makes the search index again from the tables, in one transaction, and
 * gives it their token; unless, once the transaction holds the files, it
 * matches them already (two programs opening a database at once).
 */
gboolean
d360_store_rebuild_search (D360Store  *self,
                           GError    **error)
{
  gint64 started = g_get_monotonic_time ();
  gboolean ok;

  d360_store_forget_statements (self);
  ok = d360_store_run_in_transaction (self, rebuild_in_transaction, NULL, error);
  if (ok)
    g_debug ("Made the search index again in %" G_GINT64_FORMAT " ms",
             (g_get_monotonic_time () - started) / 1000);
  return ok;
}

static gboolean
is_damaged (const GError *error)
{
  return g_error_matches (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_A_DATABASE) ||
         g_error_matches (error, D360_STORE_ERROR, D360_STORE_ERROR_CORRUPT);
}

/* Replaces an unusable search file by a new, empty one. */
static gboolean
attach_afresh (D360Store  *self,
               GError    **error)
{
  detach (self);
  d360_store_remove_search_files (d360_store_get_path (self));
  return attach (self, error);
}

/**
 * d360_store_attach_search:
 * @check: compare the tokens and make the index again if they differ (the
 *   program's first connection); a thread's connection does not
 *
 * Attaches the search file as "search", creating it if needed.
 */
gboolean
d360_store_attach_search (D360Store  *self,
                          gboolean    check,
                          GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!attach (self, &local_error))
    {
      /* Not a database, or damaged: it is only ever made from the tables.
       * Anything else (another program holding it, say) is an error: the
       * file may be in use. */
      if (!check || !is_damaged (local_error))
        {
          detach (self);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_debug ("Search file unusable (%s): made again", local_error->message);
      g_clear_error (&local_error);
      if (!attach_afresh (self, error))
        return FALSE;
    }

  if (!check || search_is_current (self))
    return TRUE;

  if (d360_store_rebuild_search (self, &local_error))
    return TRUE;
  if (!is_damaged (local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* A damaged file can fail the rebuild itself: start from nothing. */
  g_debug ("Could not make the search index again (%s): new file", local_error->message);
  g_clear_error (&local_error);
  return attach_afresh (self, error) && d360_store_rebuild_search (self, error);
}

/**
 * d360_store_check_search:
 *
 * Makes the search index again if its token is not the tables' (after a
 * restore).
 */
gboolean
d360_store_check_search (D360Store  *self,
                         GError    **error)
{
  return search_is_current (self) || d360_store_rebuild_search (self, error);
}

/**
 * d360_store_stamp_search:
 *
 * Gives the tables a new token, in the open transaction, and the index the
 * same one if it had the tables' before: an index that did not (a rebuild
 * that failed, a commit that reached only one file) stays apart, to be
 * made again at the next opening.
 */
gboolean
d360_store_stamp_search (D360Store  *self,
                         GError    **error)
{
  g_autofree char *token = g_uuid_string_random ();
  const char *sql[] = {
    "UPDATE search.state SET token = ?1 WHERE token = (SELECT token FROM main.search_state)",
    "UPDATE main.search_state SET token = ?1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = d360_store_prepare (self, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, token, -1, SQLITE_STATIC);
      if (!d360_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* ----------------------------------------------------------- the writer */

typedef struct
{
  GArray    *delete_ids;   /* gint64, or NULL */
  GArray    *rows;         /* D360SearchRow, or NULL */
  gboolean   end;
} SearchJob;

struct _D360SearchWriter
{
  sqlite3     *db;
  char        *token;
  GThread     *thread;        /* writer_thread(), until d360_search_writer_finish() */
  GThread     *checkpointer; /* checkpoint_thread(), after the commit */
  GAsyncQueue *jobs;      /* SearchJob* */
  GMutex       lock;
  GCond        room;      /* signalled when the thread has taken a job */
  guint        queued;    /* jobs handed over, not yet done; under lock */
  GArray      *batch;     /* D360SearchRow: the rows not handed over yet */
  gint         abort;     /* atomic: drop what comes */
  gint         failed;    /* atomic: error is set */
  GError      *error;     /* the thread's, read after it has ended */
  gboolean     in_transaction;
  gboolean     closed;    /* the end was handed over */
  char        *expected;  /* the tables' token before: the index's, if current */
};

/* Rows handed to the thread at a time, and how many such batches may wait
 * for it: should it fall behind, the import waits rather than keeping
 * every row in memory. */
#define WRITER_BATCH 512
#define WRITER_MAX_QUEUED 64

static void
search_row_clear (gpointer data)
{
  D360SearchRow *row = data;

  for (guint i = 0; i < D360_SEARCH_N_COLUMNS; i++)
    g_free (row->text[i]);
}

static GArray *
new_batch (void)
{
  GArray *batch = g_array_sized_new (FALSE, FALSE, sizeof (D360SearchRow), WRITER_BATCH);

  g_array_set_clear_func (batch, search_row_clear);
  return batch;
}

static void
search_job_free (SearchJob *job)
{
  g_clear_pointer (&job->delete_ids, g_array_unref);
  g_clear_pointer (&job->rows, g_array_unref);
  g_free (job);
}

static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  d360_store_set_error (error, db, rc, _("Could not write the search index"));
  return FALSE;
}

static gboolean
run_job (D360SearchWriter  *self,
         sqlite3_stmt      *insert,
         sqlite3_stmt      *insert_organization,
         sqlite3_stmt      *delete,
         SearchJob         *job,
         GError           **error)
{
  if (job->delete_ids != NULL && job->delete_ids->len > 0)
    {
      g_autoptr(GString) ids = g_string_new ("[");

      for (guint i = 0; i < job->delete_ids->len; i++)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                                g_array_index (job->delete_ids, gint64, i));
      g_string_append_c (ids, ']');
      sqlite3_bind_text (delete, 1, ids->str, -1, SQLITE_STATIC);
      if (!step_done (self->db, delete, error))
        return FALSE;
    }

  for (guint i = 0; job->rows != NULL && i < job->rows->len; i++)
    {
      D360SearchRow *row = &g_array_index (job->rows, D360SearchRow, i);
      sqlite3_stmt *stmt = row->organization ? insert_organization : insert;
      guint n_columns = row->organization ? D360_SEARCH_N_ORGANIZATION_COLUMNS
                                          : D360_SEARCH_N_COLUMNS;

      gboolean done;

      /* Bound without copies: the row outlives the step, and the bindings
       * are cleared after it. */
      sqlite3_bind_int64 (stmt, 1, row->id);
      for (guint column = 0; column < n_columns; column++)
        d360_store_bind_static_text (stmt, (int) column + 2, row->text[column]);
      done = step_done (self->db, stmt, error);
      sqlite3_clear_bindings (stmt);
      if (!done)
        return FALSE;
    }

  return TRUE;
}

static gpointer
writer_thread (gpointer user_data)
{
  D360SearchWriter *self = user_data;
  sqlite3_stmt *insert = NULL;
  sqlite3_stmt *insert_organization = NULL;
  sqlite3_stmt *delete = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "INSERT INTO contact_fts (rowid, name, organization, job_title, emails, "
                           "phones, tags, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           -1, &insert, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db,
                             "INSERT INTO organization_fts (rowid, name, city, notes) "
                             "VALUES (?1, ?2, ?3, ?4)",
                             -1, &insert_organization, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db,
                             "DELETE FROM contact_fts "
                             "WHERE rowid IN (SELECT value FROM json_each (?1))",
                             -1, &delete, NULL);
  if (rc != SQLITE_OK)
    {
      d360_store_set_error (&self->error, self->db, rc, _("Could not write the search index"));
      g_atomic_int_set (&self->failed, 1);
    }

  for (;;)
    {
      SearchJob *job = g_async_queue_pop (self->jobs);
      gboolean end = job->end;

      if (!end && self->error == NULL && !g_atomic_int_get (&self->abort) &&
          !run_job (self, insert, insert_organization, delete, job, &self->error))
        g_atomic_int_set (&self->failed, 1);
      search_job_free (job);
      g_mutex_lock (&self->lock);
      self->queued--;
      g_cond_signal (&self->room);
      g_mutex_unlock (&self->lock);
      if (end)
        break;
    }

  /* FTS5 writes out the words it holds at a savepoint: now, while the
   * other connection finishes its part, rather than at the commit. */
  if (self->error == NULL && !g_atomic_int_get (&self->abort))
    {
      rc = sqlite3_exec (self->db, "SAVEPOINT d360_flush; RELEASE d360_flush", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          d360_store_set_error (&self->error, self->db, rc, _("Could not write the search index"));
          g_atomic_int_set (&self->failed, 1);
        }
    }

  sqlite3_finalize (insert);
  sqlite3_finalize (insert_organization);
  sqlite3_finalize (delete);
  return NULL;
}

static void
push (D360SearchWriter *self,
      SearchJob        *job)
{
  g_mutex_lock (&self->lock);
  while (self->queued >= WRITER_MAX_QUEUED)
    g_cond_wait (&self->room, &self->lock);
  self->queued++;
  g_mutex_unlock (&self->lock);
  g_async_queue_push (self->jobs, job);
}

static void
hand_over_batch (D360SearchWriter *self)
{
  SearchJob *job;

  if (self->batch->len == 0)
    return;
  job = g_new0 (SearchJob, 1);
  job->rows = g_steal_pointer (&self->batch);
  self->batch = new_batch ();
  push (self, job);
}

/**
 * d360_search_writer_new:
 * @store: the store whose search file to write
 *
 * Opens a connection of its own to the search file, starts a write
 * transaction on it and a thread that writes the rows it is given. Nothing
 * of it is seen by others before d360_search_writer_commit().
 *
 * Returns: (transfer full) (nullable): the writer
 */
D360SearchWriter *
d360_search_writer_new (D360Store  *store,
                        GError    **error)
{
  g_autofree char *path = d360_store_search_path (d360_store_get_path (store));
  D360SearchWriter *self;
  sqlite3 *db;

  db = d360_store_open_connection (path, SQLITE_OPEN_READWRITE, error);
  if (db == NULL)
    return NULL;

  /* Its log is checkpointed after the commit, beside the tables' own
   * (d360_search_writer_checkpoint()), not by the commit. */
  if (sqlite3_exec (db,
                    "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -16384; "
                    "PRAGMA wal_autocheckpoint = 0; BEGIN IMMEDIATE",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      d360_store_set_error (error, db, sqlite3_errcode (db), _("Could not write the search index"));
      sqlite3_close_v2 (db);
      return NULL;
    }

  self = g_new0 (D360SearchWriter, 1);
  self->db = db;
  self->in_transaction = TRUE;
  self->token = g_uuid_string_random ();
  self->jobs = g_async_queue_new ();
  g_mutex_init (&self->lock);
  g_cond_init (&self->room);
  self->batch = new_batch ();
  self->thread = g_thread_new ("d360-search", writer_thread, self);
  return self;
}

/* The token both files get at the commit. */
const char *
d360_search_writer_get_token (D360SearchWriter *self)
{
  return self->token;
}

/**
 * d360_search_writer_set_expected:
 * @token: the tables' token when the import began
 *
 * The index takes the writer's token at the commit only if it had this
 * one: otherwise it did not match the tables already, and stays apart.
 */
void
d360_search_writer_set_expected (D360SearchWriter *self,
                                 const char       *token)
{
  g_free (self->expected);
  self->expected = g_strdup (token);
}

/**
 * d360_search_writer_add:
 * @row: (transfer full): a person's or an organisation's row; its texts are
 *   the writer's now
 *
 * Adds a row. Rows added in rising ids stay in FTS5's memory until the end.
 */
void
d360_search_writer_add (D360SearchWriter *self,
                        D360SearchRow    *row)
{
  g_return_if_fail (!self->closed);

  g_array_append_vals (self->batch, row, 1);
  memset (row, 0, sizeof *row);
  if (self->batch->len >= WRITER_BATCH)
    hand_over_batch (self);
}

/**
 * d360_search_writer_remove:
 * @ids: (element-type gint64): people whose rows go (before the rows added
 *   after this call)
 */
void
d360_search_writer_remove (D360SearchWriter *self,
                           GArray           *ids)
{
  SearchJob *job;

  g_return_if_fail (!self->closed);
  hand_over_batch (self);
  job = g_new0 (SearchJob, 1);
  job->delete_ids = g_array_copy (ids);
  push (self, job);
}

/* Whether the thread has stopped on an error (the rest is dropped). */
gboolean
d360_search_writer_failed (D360SearchWriter *self)
{
  return g_atomic_int_get (&self->failed) != 0;
}

/**
 * d360_search_writer_close:
 *
 * No more rows: the thread writes what it has and the words FTS5 holds,
 * without being waited for.
 */
void
d360_search_writer_close (D360SearchWriter *self)
{
  SearchJob *end;

  if (self->closed)
    return;
  hand_over_batch (self);
  end = g_new0 (SearchJob, 1);
  end->end = TRUE;
  push (self, end);
  self->closed = TRUE;
}

static void
stop_thread (D360SearchWriter *self)
{
  if (self->thread == NULL)
    return;
  d360_search_writer_close (self);
  g_thread_join (g_steal_pointer (&self->thread));
}

/**
 * d360_search_writer_finish:
 *
 * Waits until every row is written (closing the writer if need be).
 *
 * Returns: %FALSE with the thread's error if one could not be
 */
gboolean
d360_search_writer_finish (D360SearchWriter  *self,
                           GError           **error)
{
  stop_thread (self);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  return TRUE;
}

/**
 * d360_search_writer_commit:
 *
 * After d360_search_writer_finish(): gives the index the writer's token and
 * commits.
 */
gboolean
d360_search_writer_commit (D360SearchWriter  *self,
                           GError           **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (self->thread == NULL, FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  rc = sqlite3_prepare_v2 (self->db, "UPDATE state SET token = ?1 WHERE token = ?2", -1, &stmt,
                           NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, self->token, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, self->expected, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE && sqlite3_changes (self->db) == 0)
        g_debug ("The search index did not match the tables before the import: "
                 "it is made again at the next opening");
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_DONE && rc != SQLITE_OK)
    {
      d360_store_set_error (error, self->db, rc, _("Could not write the search index"));
      return FALSE;
    }

  self->in_transaction = FALSE;
  return TRUE;
}

static gpointer
checkpoint_thread (gpointer user_data)
{
  D360SearchWriter *self = user_data;

  sqlite3_exec (self->db, "PRAGMA wal_checkpoint(PASSIVE)", NULL, NULL, NULL);
  return NULL;
}

/**
 * d360_search_writer_checkpoint:
 *
 * After d360_search_writer_commit(): copies the search file's log into it
 * in a thread, while the caller checkpoints the tables' log;
 * d360_search_writer_free() waits for it. (Best effort, as SQLite's own:
 * what a reader still needs stays in the log.)
 */
void
d360_search_writer_checkpoint (D360SearchWriter *self)
{
  g_return_if_fail (self->thread == NULL);
  g_return_if_fail (!self->in_transaction);

  self->checkpointer = g_thread_try_new ("d360-search-checkpoint", checkpoint_thread, self,
                                         NULL);
  if (self->checkpointer == NULL)
    checkpoint_thread (self);
}

/**
 * d360_search_writer_free:
 *
 * Stops the thread (dropping the rows not written yet) and rolls back what
 * was not committed.
 */
void
d360_search_writer_free (D360SearchWriter *self)
{
  if (self == NULL)
    return;

  /* The checkpoint's thread, left to finish. */
  if (self->checkpointer != NULL)
    g_thread_join (g_steal_pointer (&self->checkpointer));

  g_atomic_int_set (&self->abort, 1);
  /* Stops what the thread may be in the middle of (FTS5 writing out). */
  if (self->thread != NULL)
    sqlite3_interrupt (self->db);
  stop_thread (self);
  if (self->in_transaction)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close_v2 (self->db);
  g_clear_error (&self->error);
  g_clear_pointer (&self->batch, g_array_unref);
  g_clear_pointer (&self->jobs, g_async_queue_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->room);
  g_free (self->token);
  g_free (self->expected);
  g_free (self);
}

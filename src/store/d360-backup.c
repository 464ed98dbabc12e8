/* d360-backup.c — daily backups of the database, and their rotation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A backup is a plain SQLite file named after the local time it was made,
 * `diplomacy360-YYYYMMDD-HHMMSS.db`, so that sorting names sorts by age.
 * It is made through its own read-only connection, so it can run in a thread
 * while the window keeps using the store.
 */

#define G_LOG_DOMAIN "d360-backup"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "d360-backup.h"
#include "d360-store-private.h"

#define PREFIX "diplomacy360-"
#define SUFFIX ".db"

void
d360_backup_info_free (D360BackupInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->path);
  g_clear_pointer (&info->made, g_date_time_unref);
  g_free (info);
}

/**
 * d360_backup_default_folder:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/diplomacy360/backups`
 */
char *
d360_backup_default_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "diplomacy360", "backups", NULL);
}

static GDateTime *
parse_name (const char *name)
{
  int year, month, day, hour, minute, second;
  char tail[8] = { 0 };

  if (!g_str_has_prefix (name, PREFIX) || !g_str_has_suffix (name, SUFFIX))
    return NULL;

  if (sscanf (name + strlen (PREFIX), "%4d%2d%2d-%2d%2d%2d%7s",
              &year, &month, &day, &hour, &minute, &second, tail) != 7 ||
      strcmp (tail, SUFFIX) != 0)
    return NULL;

  return g_date_time_new_local (year, month, day, hour, minute, second);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const D360BackupInfo *info_a = *(D360BackupInfo * const *) a;
  const D360BackupInfo *info_b = *(D360BackupInfo * const *) b;

  return g_date_time_compare (info_b->made, info_a->made);
}

/**
 * d360_backup_list:
 * @folder: the backup folder
 *
 * Returns: (transfer full) (element-type D360BackupInfo): the backups in
 *   @folder, newest first; empty when the folder does not exist
 */
GPtrArray *
d360_backup_list (const char *folder)
{
  GPtrArray *backups = g_ptr_array_new_with_free_func ((GDestroyNotify) d360_backup_info_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (folder != NULL, backups);

  dir = g_dir_open (folder, 0, NULL);
  if (dir == NULL)
    return backups;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      GDateTime *made = parse_name (name);
      D360BackupInfo *info;
      GStatBuf st;

      if (made == NULL)
        continue;

      info = g_new0 (D360BackupInfo, 1);
      info->path = g_build_filename (folder, name, NULL);
      info->made = made;
      info->size = g_stat (info->path, &st) == 0 ? st.st_size : 0;
      g_ptr_array_add (backups, info);
    }

  g_ptr_array_sort (backups, compare_newest_first);
  return backups;
}

/**
 * d360_backup_create:
 * @database_path: the database to copy
 * @folder: the backup folder, created if missing
 * @now: the local time the backup is named after
 *
 * Returns: (transfer full) (nullable): the path of the new backup
 */
char *
d360_backup_create (const char  *database_path,
                    const char  *folder,
                    GDateTime   *now,
                    GError     **error)
{
  g_autofree char *stamp = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  sqlite3 *source;
  gboolean ok;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_FOLDER,
                   _("Could not create the backup folder “%s”: %s"),
                   display, g_strerror (saved_errno));
      return NULL;
    }

  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  name = g_strconcat (PREFIX, stamp, SUFFIX, NULL);
  path = g_build_filename (folder, name, NULL);

  source = d360_store_open_connection (database_path, SQLITE_OPEN_READONLY, error);
  if (source == NULL)
    return NULL;

  ok = d360_store_write_backup (source, path, error);
  sqlite3_close_v2 (source);

  return ok ? g_steal_pointer (&path) : NULL;
}

/**
 * d360_backup_rotate:
 * @keep: how many of the newest backups to keep
 *
 * Returns: how many backups were removed
 */
guint
d360_backup_rotate (const char *folder,
                    guint       keep)
{
  g_autoptr(GPtrArray) backups = d360_backup_list (folder);
  guint removed = 0;

  for (guint i = keep; i < backups->len; i++)
    {
      D360BackupInfo *info = g_ptr_array_index (backups, i);

      if (g_unlink (info->path) == 0)
        removed++;
      else
        g_warning ("Could not remove old backup %s: %s", info->path, g_strerror (errno));
    }

  return removed;
}

/**
 * d360_backup_run_daily:
 * @now: the local time now
 *
 * Makes a backup unless @folder already has one from the same day, then keeps
 * only the newest %D360_BACKUP_KEEP.
 *
 * Returns: (transfer full) (nullable): the new backup's path; %NULL without
 *   an error when today's backup already exists
 */
char *
d360_backup_run_daily (const char  *database_path,
                       const char  *folder,
                       GDateTime   *now,
                       GError     **error)
{
  g_autoptr(GPtrArray) backups = d360_backup_list (folder);
  g_autofree char *path = NULL;

  if (backups->len > 0)
    {
      D360BackupInfo *newest = g_ptr_array_index (backups, 0);

      if (g_date_time_get_year (newest->made) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (newest->made) == g_date_time_get_day_of_year (now))
        return NULL;
    }

  path = d360_backup_create (database_path, folder, now, error);
  if (path == NULL)
    return NULL;

  d360_backup_rotate (folder, D360_BACKUP_KEEP);
  return g_steal_pointer (&path);
}

typedef struct
{
  char *database_path;
  char *folder;
} DailyBackup;

static void
daily_backup_free (DailyBackup *data)
{
  g_free (data->database_path);
  g_free (data->folder);
  g_free (data);
}

static void
run_daily_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  DailyBackup *data = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  char *path;

  path = d360_backup_run_daily (data->database_path, data->folder, now, &error);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, path, g_free);
}

/**
 * d360_backup_run_daily_async:
 *
 * Runs d360_backup_run_daily() in a thread, at the local time now.
 */
void
d360_backup_run_daily_async (const char          *database_path,
                             const char          *folder,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DailyBackup *data;

  g_return_if_fail (database_path != NULL);
  g_return_if_fail (folder != NULL);

  data = g_new0 (DailyBackup, 1);
  data->database_path = g_strdup (database_path);
  data->folder = g_strdup (folder);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, d360_backup_run_daily_async);
  g_task_set_task_data (task, data, (GDestroyNotify) daily_backup_free);
  g_task_run_in_thread (task, run_daily_thread);
}

/**
 * d360_backup_run_daily_finish:
 *
 * Returns: (transfer full) (nullable): as d360_backup_run_daily()
 */
char *
d360_backup_run_daily_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

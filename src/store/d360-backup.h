/* d360-backup.h — daily backups of the database, and their rotation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define D360_BACKUP_KEEP 7

typedef struct
{
  char      *path;
  GDateTime *made;   /* local time, from the file name */
  goffset    size;
} D360BackupInfo;

void       d360_backup_info_free      (D360BackupInfo *info);

char      *d360_backup_default_folder (void);
GPtrArray *d360_backup_list           (const char     *folder);
char      *d360_backup_create         (const char     *database_path,
                                       const char     *folder,
                                       GDateTime      *now,
                                       GError        **error);
guint      d360_backup_rotate         (const char     *folder,
                                       guint           keep);
char      *d360_backup_run_daily      (const char     *database_path,
                                       const char     *folder,
                                       GDateTime      *now,
                                       GError        **error);
void       d360_backup_run_daily_async  (const char          *database_path,
                                         const char          *folder,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
char      *d360_backup_run_daily_finish (GAsyncResult        *result,
                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (D360BackupInfo, d360_backup_info_free)

G_END_DECLS

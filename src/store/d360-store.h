/* d360-store.h — the one owner of the SQLite database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define D360_STORE_ERROR (d360_store_error_quark ())

/**
 * D360StoreError:
 * @D360_STORE_ERROR_FOLDER: the database folder is missing or cannot be written
 * @D360_STORE_ERROR_NOT_A_DATABASE: the file is not a SQLite database
 * @D360_STORE_ERROR_FOREIGN: a SQLite database that another program made
 * @D360_STORE_ERROR_TOO_NEW: made by a newer version of the app
 * @D360_STORE_ERROR_CORRUPT: the integrity check failed
 * @D360_STORE_ERROR_MIGRATION: a schema migration failed (nothing was changed)
 * @D360_STORE_ERROR_SQL: any other database failure
 * @D360_STORE_ERROR_NOT_FOUND: the row does not exist
 * @D360_STORE_ERROR_INVALID: a value was refused by validation
 * @D360_STORE_ERROR_BUSY: another program holds the database locked
 */
typedef enum
{
  D360_STORE_ERROR_FOLDER,
  D360_STORE_ERROR_NOT_A_DATABASE,
  D360_STORE_ERROR_FOREIGN,
  D360_STORE_ERROR_TOO_NEW,
  D360_STORE_ERROR_CORRUPT,
  D360_STORE_ERROR_MIGRATION,
  D360_STORE_ERROR_SQL,
  D360_STORE_ERROR_NOT_FOUND,
  D360_STORE_ERROR_INVALID,
  D360_STORE_ERROR_BUSY,
} D360StoreError;

#define D360_TYPE_STORE (d360_store_get_type ())

G_DECLARE_FINAL_TYPE (D360Store, d360_store, D360, STORE, GObject)

typedef gboolean (*D360StoreTransactionFunc) (D360Store  *store,
                                              gpointer    user_data,
                                              GError    **error);

GQuark      d360_store_error_quark          (void);

char       *d360_store_default_path         (void);
D360Store  *d360_store_open                 (const char               *path,
                                             GError                  **error);
D360Store  *d360_store_open_for_thread      (const char               *path,
                                             GError                  **error);
const char *d360_store_get_path             (D360Store                *self);
int         d360_store_get_schema_version   (D360Store                *self);
int         d360_store_get_latest_schema_version (void);

gboolean    d360_store_run_in_transaction   (D360Store                *self,
                                             D360StoreTransactionFunc  func,
                                             gpointer                  user_data,
                                             GError                  **error);
void        d360_store_emit_changed         (D360Store                *self,
                                             const char               *table);

gboolean    d360_store_integrity_check      (D360Store                *self,
                                             GError                  **error);
gint64      d360_store_count_rows           (D360Store                *self,
                                             const char               *table,
                                             GError                  **error);

gboolean    d360_store_backup_to_file       (D360Store                *self,
                                             const char               *dest_path,
                                             GError                  **error);
gboolean    d360_store_restore_from_file    (D360Store                *self,
                                             const char               *backup_path,
                                             GError                  **error);

G_END_DECLS

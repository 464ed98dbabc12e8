/* d360-store-private.h — what only the store's own files may call
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "d360-store.h"

G_BEGIN_DECLS

/* The application id written into every database this app creates ('D360'). */
#define D360_STORE_APPLICATION_ID 0x44333630

sqlite3      *d360_store_get_db          (D360Store     *self);
sqlite3_stmt *d360_store_prepare         (D360Store     *self,
                                          const char    *sql,
                                          GError       **error);
gboolean      d360_store_step_done       (D360Store     *self,
                                          sqlite3_stmt  *stmt,
                                          GError       **error);
void          d360_store_set_error       (GError       **error,
                                          sqlite3       *db,
                                          int            rc,
                                          const char    *what);

void          d360_store_bind_text       (sqlite3_stmt  *stmt,
                                          int            index,
                                          const char    *text);
char         *d360_store_column_text     (sqlite3_stmt  *stmt,
                                          int            column);
char         *d360_store_now_utc         (void);
gboolean      d360_store_exec            (D360Store     *self,
                                          const char    *sql,
                                          const char    *what,
                                          GError       **error);
gboolean      d360_store_begin_read      (D360Store     *self,
                                          GError       **error);
void          d360_store_end_read        (D360Store     *self);

sqlite3      *d360_store_open_connection (const char    *path,
                                          int            flags,
                                          GError       **error);
gboolean      d360_store_write_backup    (sqlite3       *source,
                                          const char    *dest_path,
                                          GError       **error);
gboolean      d360_store_copy_database   (sqlite3       *dest,
                                          sqlite3       *source,
                                          GError       **error);

G_END_DECLS

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
void          d360_store_bind_static_text (sqlite3_stmt *stmt,
                                           int           index,
                                           const char   *text);
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

gboolean      d360_store_run_in_main_transaction (D360Store                 *self,
                                                  D360StoreTransactionFunc   func,
                                                  gpointer                   user_data,
                                                  GError                   **error);
gboolean      d360_store_in_transaction  (D360Store     *self);
void          d360_store_forget_statements (D360Store   *self);

/* The search file (d360-store-search.c). */
char         *d360_store_search_path     (const char    *path);
void          d360_store_remove_search_files (const char *path);
gboolean      d360_store_attach_search   (D360Store     *self,
                                          gboolean       check,
                                          GError       **error);
gboolean      d360_store_check_search    (D360Store     *self,
                                          GError       **error);
gboolean      d360_store_rebuild_search  (D360Store     *self,
                                          GError       **error);
void          d360_store_mark_search_written (D360Store *self);
void          d360_store_hold_changes    (D360Store     *self);
void          d360_store_release_changes (D360Store     *self);
gboolean      d360_store_stamp_search    (D360Store     *self,
                                          GError       **error);

/* A person's search row: name, organisation, job title, emails, phones, tags,
 * notes (NULL for none); or, with @organization, an organisation's: name,
 * city, notes. */
#define D360_SEARCH_N_COLUMNS 7
#define D360_SEARCH_N_ORGANIZATION_COLUMNS 3
typedef struct
{
  gint64    id;
  gboolean  organization;
  char     *text[D360_SEARCH_N_COLUMNS];
} D360SearchRow;

/* Writes search rows in a thread and a connection of its own. */
typedef struct _D360SearchWriter D360SearchWriter;

D360SearchWriter *d360_search_writer_new       (D360Store         *store,
                                                GError           **error);
const char       *d360_search_writer_get_token (D360SearchWriter  *self);
void              d360_search_writer_set_expected (D360SearchWriter *self,
                                                   const char       *token);
void              d360_search_writer_add       (D360SearchWriter  *self,
                                                D360SearchRow     *row);
void              d360_search_writer_remove    (D360SearchWriter  *self,
                                                GArray            *ids);
gboolean          d360_search_writer_failed    (D360SearchWriter  *self);
void              d360_search_writer_close     (D360SearchWriter  *self);
gboolean          d360_search_writer_finish    (D360SearchWriter  *self,
                                                GError           **error);
gboolean          d360_search_writer_commit    (D360SearchWriter  *self,
                                                GError           **error);
void              d360_search_writer_checkpoint (D360SearchWriter *self);
void              d360_search_writer_free      (D360SearchWriter  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (D360SearchWriter, d360_search_writer_free)

G_END_DECLS

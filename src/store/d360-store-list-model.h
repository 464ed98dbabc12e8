/* d360-store-list-model.h — a GListModel that pages rows in from a query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "d360-store.h"

G_BEGIN_DECLS

/* Builds the item for the row @stmt points at. */
typedef GObject *(*D360StoreRowFunc) (sqlite3_stmt *stmt);

#define D360_TYPE_STORE_LIST_MODEL (d360_store_list_model_get_type ())

G_DECLARE_FINAL_TYPE (D360StoreListModel, d360_store_list_model, D360, STORE_LIST_MODEL, GObject)

D360StoreListModel *d360_store_list_model_new         (D360Store          *store,
                                                       GType               item_type,
                                                       const char         *count_sql,
                                                       const char         *rows_sql,
                                                       D360StoreRowFunc    row_func);
void                d360_store_list_model_watch_table (D360StoreListModel *self,
                                                       const char         *table);
void                d360_store_list_model_set_params  (D360StoreListModel *self,
                                                       GVariant           *params);
void                d360_store_list_model_set_sql     (D360StoreListModel *self,
                                                       const char         *count_sql,
                                                       const char         *rows_sql,
                                                       GVariant           *params);
void                d360_store_list_model_invalidate  (D360StoreListModel *self);
guint               d360_store_list_model_get_n_cached_pages (D360StoreListModel *self);

void                d360_store_bind_params            (sqlite3_stmt       *stmt,
                                                       GVariant           *params);

G_END_DECLS

/* d360-store-list-model.c — a GListModel that pages rows in from a query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model knows how many rows its query has, and fetches them a page at a
 * time as a view asks for them. Only a few pages stay cached, so a list of
 * 100 000 rows costs what is on screen. When a watched table changes, the
 * cache is dropped and the whole range is reported changed.
 */

#define G_LOG_DOMAIN "d360-store-list-model"

#include "config.h"

#include "d360-store-private.h"
#include "d360-store-list-model.h"

#define PAGE_SIZE  64
#define MAX_PAGES  16

typedef struct
{
  guint      index;
  GPtrArray *items;
} Page;

struct _D360StoreListModel
{
  GObject           parent_instance;

  D360Store        *store;
  GType             item_type;
  char             *count_sql;
  char             *rows_sql;
  D360StoreRowFunc  row_func;
  GVariant         *params;
  GPtrArray        *tables;

  guint             n_items;
  gboolean          counted;
  GQueue            pages;      /* most recently used first */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (D360StoreListModel, d360_store_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
page_free (Page *page)
{
  g_ptr_array_unref (page->items);
  g_free (page);
}

static void
clear_pages (D360StoreListModel *self)
{
  g_queue_clear_full (&self->pages, (GDestroyNotify) page_free);
}

/**
 * d360_store_bind_params:
 * @params: (nullable): a tuple whose members are bound to `?1`, `?2`, …;
 *   strings, int32, int64, booleans, doubles, or maybes of those for NULL
 *
 * Binds @params to @stmt the way a list model does, so that a one-off query
 * (a count) can share a model's parameters.
 */
void
d360_store_bind_params (sqlite3_stmt *stmt,
                        GVariant     *params)
{
  gsize n;

  if (params == NULL)
    return;

  n = g_variant_n_children (params);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (params, i);
      g_autoptr(GVariant) value = NULL;
      int index = (int) i + 1;

      if (g_variant_is_of_type (child, G_VARIANT_TYPE_MAYBE))
        {
          value = g_variant_get_maybe (child);
          if (value == NULL)
            {
              sqlite3_bind_null (stmt, index);
              continue;
            }
        }
      else
        value = g_variant_ref (child);

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        sqlite3_bind_text (stmt, index, g_variant_get_string (value, NULL), -1,
                           SQLITE_TRANSIENT);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, index, g_variant_get_int64 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
        sqlite3_bind_int (stmt, index, g_variant_get_int32 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        sqlite3_bind_int (stmt, index, g_variant_get_boolean (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        sqlite3_bind_double (stmt, index, g_variant_get_double (value));
      else
        g_critical ("Unsupported parameter type %s", g_variant_get_type_string (value));
    }
}

static guint
count_rows (D360StoreListModel *self)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;

  stmt = d360_store_prepare (self->store, self->count_sql, &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return 0;
    }

  d360_store_bind_params (stmt, self->params);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = (guint) CLAMP (sqlite3_column_int64 (stmt, 0), 0, G_MAXUINT);
  sqlite3_reset (stmt);
  return n;
}

static Page *
fetch_page (D360StoreListModel *self,
            guint               index)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  Page *page;
  int n_params;

  stmt = d360_store_prepare (self->store, self->rows_sql, &error);
  if (stmt == NULL)
    {
      g_warning ("%s", error->message);
      return NULL;
    }

  d360_store_bind_params (stmt, self->params);
  n_params = sqlite3_bind_parameter_count (stmt);
  sqlite3_bind_int (stmt, n_params - 1, PAGE_SIZE);
  sqlite3_bind_int64 (stmt, n_params, (sqlite3_int64) index * PAGE_SIZE);

  page = g_new0 (Page, 1);
  page->index = index;
  page->items = g_ptr_array_new_full (PAGE_SIZE, g_object_unref);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (page->items, self->row_func (stmt));
  sqlite3_reset (stmt);

  return page;
}

static Page *
lookup_page (D360StoreListModel *self,
             guint               index)
{
  Page *page;

  for (GList *l = self->pages.head; l != NULL; l = l->next)
    {
      page = l->data;
      if (page->index == index)
        {
          if (l != self->pages.head)
            {
              g_queue_unlink (&self->pages, l);
              g_queue_push_head_link (&self->pages, l);
            }
          return page;
        }
    }

  page = fetch_page (self, index);
  if (page == NULL)
    return NULL;

  g_queue_push_head (&self->pages, page);
  while (self->pages.length > MAX_PAGES)
    page_free (g_queue_pop_tail (&self->pages));

  return page;
}

static void
store_changed_cb (D360StoreListModel *self,
                  const char         *table,
                  D360Store          *store)
{
  gboolean watched = g_str_equal (table, "*");

  for (guint i = 0; !watched && i < self->tables->len; i++)
    watched = g_str_equal (g_ptr_array_index (self->tables, i), table);

  if (watched)
    d360_store_list_model_invalidate (self);
}

/* ------------------------------------------------------------ GListModel */

static GType
get_item_type (GListModel *model)
{
  return D360_STORE_LIST_MODEL (model)->item_type;
}

static guint
get_n_items (GListModel *model)
{
  D360StoreListModel *self = D360_STORE_LIST_MODEL (model);

  if (!self->counted)
    {
      self->n_items = count_rows (self);
      self->counted = TRUE;
    }

  return self->n_items;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  D360StoreListModel *self = D360_STORE_LIST_MODEL (model);
  Page *page;
  guint offset = position % PAGE_SIZE;

  if (position >= get_n_items (model))
    return NULL;

  page = lookup_page (self, position / PAGE_SIZE);
  if (page == NULL || offset >= page->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (page->items, offset));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

/* ---------------------------------------------------------------- GObject */

static void
d360_store_list_model_dispose (GObject *object)
{
  D360StoreListModel *self = (D360StoreListModel *) object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  clear_pages (self);

  G_OBJECT_CLASS (d360_store_list_model_parent_class)->dispose (object);
}

static void
d360_store_list_model_finalize (GObject *object)
{
  D360StoreListModel *self = (D360StoreListModel *) object;

  g_free (self->count_sql);
  g_free (self->rows_sql);
  g_clear_pointer (&self->params, g_variant_unref);
  g_clear_pointer (&self->tables, g_ptr_array_unref);

  G_OBJECT_CLASS (d360_store_list_model_parent_class)->finalize (object);
}

static void
d360_store_list_model_class_init (D360StoreListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = d360_store_list_model_dispose;
  object_class->finalize = d360_store_list_model_finalize;
}

static void
d360_store_list_model_init (D360StoreListModel *self)
{
  self->tables = g_ptr_array_new_with_free_func (g_free);
  g_queue_init (&self->pages);
}

/* ----------------------------------------------------------------- public */

/**
 * d360_store_list_model_new:
 * @item_type: the GType of the items @row_func makes
 * @count_sql: a query returning one row with the number of rows
 * @rows_sql: the rows, ending in `LIMIT ? OFFSET ?` (the last two parameters,
 *   which the model binds itself)
 * @row_func: turns the current row into an item
 *
 * Both queries share the parameters set with
 * d360_store_list_model_set_params().
 */
D360StoreListModel *
d360_store_list_model_new (D360Store        *store,
                           GType             item_type,
                           const char       *count_sql,
                           const char       *rows_sql,
                           D360StoreRowFunc  row_func)
{
  D360StoreListModel *self;

  g_return_val_if_fail (D360_IS_STORE (store), NULL);
  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);
  g_return_val_if_fail (count_sql != NULL && rows_sql != NULL, NULL);
  g_return_val_if_fail (row_func != NULL, NULL);

  self = g_object_new (D360_TYPE_STORE_LIST_MODEL, NULL);
  self->store = g_object_ref (store);
  self->item_type = item_type;
  self->count_sql = g_strdup (count_sql);
  self->rows_sql = g_strdup (rows_sql);
  self->row_func = row_func;

  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/**
 * d360_store_list_model_watch_table:
 * @table: a table whose writes change what the query returns
 */
void
d360_store_list_model_watch_table (D360StoreListModel *self,
                                   const char         *table)
{
  g_return_if_fail (D360_IS_STORE_LIST_MODEL (self));
  g_return_if_fail (table != NULL);

  g_ptr_array_add (self->tables, g_strdup (table));
}

/**
 * d360_store_list_model_set_params:
 * @params: (nullable): a tuple whose members are bound to `?1`, `?2`, …;
 *   strings, int32, int64, booleans, doubles, or maybes of those for NULL
 *
 * Sets the query's parameters (a search text, a filter) and refreshes.
 */
void
d360_store_list_model_set_params (D360StoreListModel *self,
                                  GVariant           *params)
{
  g_return_if_fail (D360_IS_STORE_LIST_MODEL (self));
  g_return_if_fail (params == NULL || g_variant_is_of_type (params, G_VARIANT_TYPE_TUPLE));

  if (params != NULL)
    g_variant_ref_sink (params);
  g_clear_pointer (&self->params, g_variant_unref);
  self->params = params;

  d360_store_list_model_invalidate (self);
}

/**
 * d360_store_list_model_set_sql:
 * @count_sql: the new count query
 * @rows_sql: the new rows query, ending in `LIMIT ? OFFSET ?`
 * @params: (nullable): the new parameters, as for
 *   d360_store_list_model_set_params()
 *
 * Replaces the queries (another sort order, another filter) and their
 * parameters, and refreshes once. Pass SQL from a fixed set of strings:
 * each one is prepared and kept by the store.
 */
void
d360_store_list_model_set_sql (D360StoreListModel *self,
                               const char         *count_sql,
                               const char         *rows_sql,
                               GVariant           *params)
{
  g_return_if_fail (D360_IS_STORE_LIST_MODEL (self));
  g_return_if_fail (count_sql != NULL && rows_sql != NULL);
  g_return_if_fail (params == NULL || g_variant_is_of_type (params, G_VARIANT_TYPE_TUPLE));

  if (g_strcmp0 (self->count_sql, count_sql) != 0)
    {
      g_free (self->count_sql);
      self->count_sql = g_strdup (count_sql);
    }
  if (g_strcmp0 (self->rows_sql, rows_sql) != 0)
    {
      g_free (self->rows_sql);
      self->rows_sql = g_strdup (rows_sql);
    }

  d360_store_list_model_set_params (self, params);
}

/**
 * d360_store_list_model_invalidate:
 *
 * Drops the cached rows, counts again and tells the views.
 */
void
d360_store_list_model_invalidate (D360StoreListModel *self)
{
  guint old_n, new_n;

  g_return_if_fail (D360_IS_STORE_LIST_MODEL (self));

  old_n = self->counted ? self->n_items : 0;
  clear_pages (self);
  self->counted = FALSE;

  /* An empty list that stays empty has nothing to tell. */
  new_n = get_n_items (G_LIST_MODEL (self));
  if (old_n > 0 || new_n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
}

guint
d360_store_list_model_get_n_cached_pages (D360StoreListModel *self)
{
  g_return_val_if_fail (D360_IS_STORE_LIST_MODEL (self), 0);

  return self->pages.length;
}

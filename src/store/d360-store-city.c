/* d360-store-city.c — reading and writing cities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-store-city"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "d360-city-private.h"
#include "d360-store-city.h"
#include "d360-store-list-model.h"
#include "d360-store-private.h"
#include "d360-validate.h"

#define CITY_COLUMNS \
  "id, name, country, county, population, area_km2, latitude, longitude, " \
  "mayor, website, summary, strengths, updated_at"

static gboolean
is_upper_code (const char *code,
               gsize       length)
{
  if (strlen (code) != length)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isupper (code[i]))
      return FALSE;
  return TRUE;
}

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID, message);
  return FALSE;
}

/**
 * d360_store_validate_city:
 *
 * Checks what the database would refuse, with a sentence for the user.
 */
gboolean
d360_store_validate_city (D360City  *city,
                          GError   **error)
{
  const char *name = d360_city_get_name (city);
  const char *country = d360_city_get_country (city);
  const char *county = d360_city_get_county (city);
  const char *website = d360_city_get_website (city);
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));

  g_return_val_if_fail (D360_IS_CITY (city), FALSE);

  if (*trimmed == '\0')
    return invalid (error, _("A city needs a name."));
  if (country != NULL && !is_upper_code (country, 2))
    return invalid (error, _("The country must be a two-letter ISO 3166 code, such as RO."));
  if (county != NULL && (strlen (county) < 4 || county[2] != '-' ||
                         (country != NULL && strncmp (county, country, 2) != 0)))
    return invalid (error, _("The county must be an ISO 3166-2 code of the city’s country, "
                             "such as RO-TM."));
  if (website != NULL && !d360_is_web_url (website))
    return invalid (error, _("The website must be an address starting with http:// or "
                             "https://."));

  return TRUE;
}

static void
bind_optional_double (sqlite3_stmt *stmt,
                      int           index,
                      double        value,
                      gboolean      present)
{
  if (present)
    sqlite3_bind_double (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
write_dimensions (D360Store  *self,
                  D360City   *city,
                  GError    **error)
{
  for (guint i = 0; i < D360_N_DIMENSIONS; i++)
    {
      int priority = d360_city_get_dimension_priority (city, i);
      sqlite3_stmt *stmt;

      stmt = d360_store_prepare (self,
                                 "INSERT INTO city_dimension (city_id, dimension, priority, notes) "
                                 "VALUES (?1, ?2, ?3, ?4) "
                                 "ON CONFLICT (city_id, dimension) DO UPDATE SET "
                                 "priority = excluded.priority, notes = excluded.notes "
                                 "WHERE priority IS NOT excluded.priority "
                                 "OR notes IS NOT excluded.notes",
                                 error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, d360_city_get_id (city));
      sqlite3_bind_text (stmt, 2, d360_dimension_to_key (i), -1, SQLITE_STATIC);
      if (priority > 0)
        sqlite3_bind_int (stmt, 3, priority);
      else
        sqlite3_bind_null (stmt, 3);
      d360_store_bind_text (stmt, 4, d360_city_get_dimension_notes (city, i));

      if (!d360_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
read_updated_at (D360Store  *self,
                 D360City   *city,
                 GError    **error)
{
  sqlite3_stmt *stmt = d360_store_prepare (self, "SELECT updated_at FROM city WHERE id = ?1",
                                           error);
  g_autofree char *updated_at = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d360_city_get_id (city));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    updated_at = d360_store_column_text (stmt, 0);
  sqlite3_reset (stmt);

  d360_city_set_updated_at (city, updated_at);
  return TRUE;
}

static gboolean
save_city_in_transaction (D360Store  *self,
                          gpointer    user_data,
                          GError    **error)
{
  D360City *city = user_data;
  gboolean is_new = d360_city_get_id (city) == 0;
  gint64 population = d360_city_get_population (city);
  double area = d360_city_get_area_km2 (city);
  double latitude, longitude;
  gboolean has_coordinates = d360_city_get_coordinates (city, &latitude, &longitude);
  sqlite3_stmt *stmt;

  if (is_new)
    stmt = d360_store_prepare (self,
                               "INSERT INTO city (name, country, county, population, area_km2, "
                               "latitude, longitude, mayor, website, summary, strengths) "
                               "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                               error);
  else
    stmt = d360_store_prepare (self,
                               "UPDATE city SET name = ?1, country = ?2, county = ?3, "
                               "population = ?4, area_km2 = ?5, latitude = ?6, longitude = ?7, "
                               "mayor = ?8, website = ?9, summary = ?10, strengths = ?11 "
                               "WHERE id = ?12",
                               error);
  if (stmt == NULL)
    return FALSE;

  d360_store_bind_text (stmt, 1, d360_city_get_name (city));
  d360_store_bind_text (stmt, 2, d360_city_get_country (city));
  d360_store_bind_text (stmt, 3, d360_city_get_county (city));
  if (population >= 0)
    sqlite3_bind_int64 (stmt, 4, population);
  else
    sqlite3_bind_null (stmt, 4);
  bind_optional_double (stmt, 5, area, area >= 0);
  bind_optional_double (stmt, 6, latitude, has_coordinates);
  bind_optional_double (stmt, 7, longitude, has_coordinates);
  d360_store_bind_text (stmt, 8, d360_city_get_mayor (city));
  d360_store_bind_text (stmt, 9, d360_city_get_website (city));
  d360_store_bind_text (stmt, 10, d360_city_get_summary (city));
  d360_store_bind_text (stmt, 11, d360_city_get_strengths (city));
  if (!is_new)
    sqlite3_bind_int64 (stmt, 12, d360_city_get_id (city));

  if (!d360_store_step_done (self, stmt, error))
    return FALSE;

  if (is_new)
    d360_city_set_id (city, sqlite3_last_insert_rowid (d360_store_get_db (self)));
  else if (sqlite3_changes (d360_store_get_db (self)) == 0)
    {
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND,
                   _("The city was deleted in the meantime."));
      return FALSE;
    }

  if (!write_dimensions (self, city, error) || !read_updated_at (self, city, error))
    return FALSE;

  d360_store_emit_changed (self, "city");
  return TRUE;
}

/**
 * d360_store_save_city:
 * @city: a new city (id 0), or one read from this store
 *
 * Inserts or updates @city and its dimensions in one transaction. A new city
 * gets its id. Nothing is written when a value is invalid.
 */
gboolean
d360_store_save_city (D360Store  *self,
                      D360City   *city,
                      GError    **error)
{
  gint64 old_id;

  g_return_val_if_fail (D360_IS_STORE (self), FALSE);
  g_return_val_if_fail (D360_IS_CITY (city), FALSE);

  if (!d360_store_validate_city (city, error))
    return FALSE;

  old_id = d360_city_get_id (city);
  if (!d360_store_run_in_transaction (self, save_city_in_transaction, city, error))
    {
      d360_city_set_id (city, old_id);
      return FALSE;
    }

  return TRUE;
}

static GObject *
city_from_row (sqlite3_stmt *stmt)
{
  D360City *city = d360_city_new_with_id (sqlite3_column_int64 (stmt, 0));
  g_autofree char *name = d360_store_column_text (stmt, 1);
  g_autofree char *country = d360_store_column_text (stmt, 2);
  g_autofree char *county = d360_store_column_text (stmt, 3);
  g_autofree char *mayor = d360_store_column_text (stmt, 8);
  g_autofree char *website = d360_store_column_text (stmt, 9);
  g_autofree char *summary = d360_store_column_text (stmt, 10);
  g_autofree char *strengths = d360_store_column_text (stmt, 11);
  g_autofree char *updated_at = d360_store_column_text (stmt, 12);

  d360_city_set_name (city, name);
  d360_city_set_country (city, country);
  d360_city_set_county (city, county);
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    d360_city_set_population (city, sqlite3_column_int64 (stmt, 4));
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    d360_city_set_area_km2 (city, sqlite3_column_double (stmt, 5));
  if (sqlite3_column_type (stmt, 6) != SQLITE_NULL && sqlite3_column_type (stmt, 7) != SQLITE_NULL)
    d360_city_set_coordinates (city, sqlite3_column_double (stmt, 6),
                               sqlite3_column_double (stmt, 7));
  d360_city_set_mayor (city, mayor);
  d360_city_set_website (city, website);
  d360_city_set_summary (city, summary);
  d360_city_set_strengths (city, strengths);
  d360_city_set_updated_at (city, updated_at);

  return G_OBJECT (city);
}

/**
 * d360_store_get_city:
 *
 * Returns: (transfer full) (nullable): the city with its dimensions
 */
D360City *
d360_store_get_city (D360Store  *self,
                     gint64      id,
                     GError    **error)
{
  g_autoptr(D360City) city = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  stmt = d360_store_prepare (self, "SELECT " CITY_COLUMNS " FROM city WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    city = D360_CITY (city_from_row (stmt));
  sqlite3_reset (stmt);

  if (city == NULL)
    {
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND,
                   _("The city does not exist."));
      return NULL;
    }

  stmt = d360_store_prepare (self,
                             "SELECT dimension, priority, notes FROM city_dimension "
                             "WHERE city_id = ?1",
                             error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      D360Dimension dimension;

      if (!d360_dimension_from_key ((const char *) sqlite3_column_text (stmt, 0), &dimension))
        continue;
      d360_city_set_dimension_priority (city, dimension, sqlite3_column_int (stmt, 1));
      d360_city_set_dimension_notes (city, dimension, (const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&city);
}

static gboolean
delete_city_in_transaction (D360Store  *self,
                            gpointer    user_data,
                            GError    **error)
{
  gint64 id = *(gint64 *) user_data;
  sqlite3_stmt *stmt = d360_store_prepare (self, "DELETE FROM city WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!d360_store_step_done (self, stmt, error))
    return FALSE;

  if (sqlite3_changes (d360_store_get_db (self)) == 0)
    {
      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND,
                   _("The city does not exist."));
      return FALSE;
    }

  d360_store_emit_changed (self, "city");
  return TRUE;
}

/**
 * d360_store_delete_city:
 *
 * Deletes the city and everything that belongs to it.
 */
gboolean
d360_store_delete_city (D360Store  *self,
                        gint64      id,
                        GError    **error)
{
  g_return_val_if_fail (D360_IS_STORE (self), FALSE);

  return d360_store_run_in_transaction (self, delete_city_in_transaction, &id, error);
}

/**
 * d360_store_list_cities:
 *
 * Returns: (transfer full): a paged model of #D360City, by name
 */
GListModel *
d360_store_list_cities (D360Store *self)
{
  D360StoreListModel *model;

  g_return_val_if_fail (D360_IS_STORE (self), NULL);

  model = d360_store_list_model_new (self, D360_TYPE_CITY,
                                     "SELECT count(*) FROM city",
                                     "SELECT " CITY_COLUMNS " FROM city "
                                     "ORDER BY name COLLATE NOCASE, id LIMIT ? OFFSET ?",
                                     city_from_row);
  d360_store_list_model_watch_table (model, "city");
  return G_LIST_MODEL (model);
}

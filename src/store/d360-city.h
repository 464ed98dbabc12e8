/* d360-city.h — a city and its profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * D360Dimension:
 *
 * The seven dimensions of a city's international profile.
 */
typedef enum
{
  D360_DIMENSION_SECURITY,
  D360_DIMENSION_ECONOMY,
  D360_DIMENSION_ENVIRONMENT,
  D360_DIMENSION_CULTURE,
  D360_DIMENSION_TRANSPORT,
  D360_DIMENSION_NETWORKS,
  D360_DIMENSION_REPRESENTATION,
  D360_N_DIMENSIONS
} D360Dimension;

const char    *d360_dimension_to_key     (D360Dimension  dimension);
gboolean       d360_dimension_from_key   (const char    *key,
                                          D360Dimension *dimension);
const char    *d360_dimension_get_label  (D360Dimension  dimension);

#define D360_TYPE_CITY (d360_city_get_type ())

G_DECLARE_FINAL_TYPE (D360City, d360_city, D360, CITY, GObject)

D360City    *d360_city_new                   (const char    *name);
gint64       d360_city_get_id                (D360City      *self);
const char  *d360_city_get_name              (D360City      *self);
void         d360_city_set_name              (D360City      *self,
                                              const char    *name);
const char  *d360_city_get_country           (D360City      *self);
void         d360_city_set_country           (D360City      *self,
                                              const char    *country);
const char  *d360_city_get_county            (D360City      *self);
void         d360_city_set_county            (D360City      *self,
                                              const char    *county);
gint64       d360_city_get_population        (D360City      *self);
void         d360_city_set_population        (D360City      *self,
                                              gint64         population);
double       d360_city_get_area_km2          (D360City      *self);
void         d360_city_set_area_km2          (D360City      *self,
                                              double         area_km2);
gboolean     d360_city_get_coordinates       (D360City      *self,
                                              double        *latitude,
                                              double        *longitude);
void         d360_city_set_coordinates       (D360City      *self,
                                              double         latitude,
                                              double         longitude);
void         d360_city_clear_coordinates     (D360City      *self);
const char  *d360_city_get_mayor             (D360City      *self);
void         d360_city_set_mayor             (D360City      *self,
                                              const char    *mayor);
const char  *d360_city_get_website           (D360City      *self);
void         d360_city_set_website           (D360City      *self,
                                              const char    *website);
const char  *d360_city_get_summary           (D360City      *self);
void         d360_city_set_summary           (D360City      *self,
                                              const char    *summary);
const char  *d360_city_get_strengths         (D360City      *self);
void         d360_city_set_strengths         (D360City      *self,
                                              const char    *strengths);
int          d360_city_get_dimension_priority (D360City     *self,
                                               D360Dimension dimension);
void         d360_city_set_dimension_priority (D360City     *self,
                                               D360Dimension dimension,
                                               int           priority);
const char  *d360_city_get_dimension_notes   (D360City      *self,
                                              D360Dimension  dimension);
void         d360_city_set_dimension_notes   (D360City      *self,
                                              D360Dimension  dimension,
                                              const char    *notes);
const char  *d360_city_get_updated_at        (D360City      *self);

G_END_DECLS

/* d360-city.c — a city and its profile
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-city"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "d360-city-private.h"

struct _D360City
{
  GObject  parent_instance;

  gint64   id;
  char    *name;
  char    *country;
  char    *county;
  gint64   population;
  double   area_km2;
  gboolean has_coordinates;
  double   latitude;
  double   longitude;
  char    *mayor;
  char    *website;
  char    *summary;
  char    *strengths;
  char    *updated_at;

  int      priorities[D360_N_DIMENSIONS];
  char    *notes[D360_N_DIMENSIONS];
};

G_DEFINE_FINAL_TYPE (D360City, d360_city, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COUNTRY,
  PROP_COUNTY,
  PROP_POPULATION,
  PROP_AREA_KM2,
  PROP_HAS_COORDINATES,
  PROP_LATITUDE,
  PROP_LONGITUDE,
  PROP_MAYOR,
  PROP_WEBSITE,
  PROP_SUMMARY,
  PROP_STRENGTHS,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *key;
  const char *label;
} dimensions[D360_N_DIMENSIONS] = {
  { "security", N_("Security") },
  { "economy", N_("Economic development") },
  { "environment", N_("Environment") },
  { "culture", N_("Culture") },
  { "transport", N_("Transport") },
  { "networks", N_("Networks") },
  { "representation", N_("Representation") },
};

const char *
d360_dimension_to_key (D360Dimension dimension)
{
  g_return_val_if_fail (dimension < D360_N_DIMENSIONS, NULL);

  return dimensions[dimension].key;
}

gboolean
d360_dimension_from_key (const char    *key,
                         D360Dimension *dimension)
{
  for (guint i = 0; i < D360_N_DIMENSIONS; i++)
    if (g_strcmp0 (key, dimensions[i].key) == 0)
      {
        *dimension = i;
        return TRUE;
      }

  return FALSE;
}

const char *
d360_dimension_get_label (D360Dimension dimension)
{
  g_return_val_if_fail (dimension < D360_N_DIMENSIONS, NULL);

  return _(dimensions[dimension].label);
}

/* Sets *field to a copy of value (NULL for empty) and notifies if it changed. */
static void
set_string (D360City    *self,
            char       **field,
            const char  *value,
            int          prop)
{
  if (value != NULL && *value == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
d360_city_finalize (GObject *object)
{
  D360City *self = (D360City *) object;

  g_free (self->name);
  g_free (self->country);
  g_free (self->county);
  g_free (self->mayor);
  g_free (self->website);
  g_free (self->summary);
  g_free (self->strengths);
  g_free (self->updated_at);
  for (guint i = 0; i < D360_N_DIMENSIONS; i++)
    g_free (self->notes[i]);

  G_OBJECT_CLASS (d360_city_parent_class)->finalize (object);
}

static void
d360_city_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  D360City *self = D360_CITY (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_COUNTRY: g_value_set_string (value, self->country); break;
    case PROP_COUNTY: g_value_set_string (value, self->county); break;
    case PROP_POPULATION: g_value_set_int64 (value, self->population); break;
    case PROP_AREA_KM2: g_value_set_double (value, self->area_km2); break;
    case PROP_HAS_COORDINATES: g_value_set_boolean (value, self->has_coordinates); break;
    case PROP_LATITUDE: g_value_set_double (value, self->latitude); break;
    case PROP_LONGITUDE: g_value_set_double (value, self->longitude); break;
    case PROP_MAYOR: g_value_set_string (value, self->mayor); break;
    case PROP_WEBSITE: g_value_set_string (value, self->website); break;
    case PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    case PROP_STRENGTHS: g_value_set_string (value, self->strengths); break;
    case PROP_UPDATED_AT: g_value_set_string (value, self->updated_at); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_city_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  D360City *self = D360_CITY (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_NAME: d360_city_set_name (self, g_value_get_string (value)); break;
    case PROP_COUNTRY: d360_city_set_country (self, g_value_get_string (value)); break;
    case PROP_COUNTY: d360_city_set_county (self, g_value_get_string (value)); break;
    case PROP_POPULATION: d360_city_set_population (self, g_value_get_int64 (value)); break;
    case PROP_AREA_KM2: d360_city_set_area_km2 (self, g_value_get_double (value)); break;
    case PROP_MAYOR: d360_city_set_mayor (self, g_value_get_string (value)); break;
    case PROP_WEBSITE: d360_city_set_website (self, g_value_get_string (value)); break;
    case PROP_SUMMARY: d360_city_set_summary (self, g_value_get_string (value)); break;
    case PROP_STRENGTHS: d360_city_set_strengths (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_city_class_init (D360CityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = d360_city_finalize;
  object_class->get_property = d360_city_get_property;
  object_class->set_property = d360_city_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_COUNTRY] = g_param_spec_string ("country", NULL, NULL, NULL, rw);
  properties[PROP_COUNTY] = g_param_spec_string ("county", NULL, NULL, NULL, rw);
  properties[PROP_POPULATION] =
    g_param_spec_int64 ("population", NULL, NULL, -1, G_MAXINT64, -1, rw);
  properties[PROP_AREA_KM2] =
    g_param_spec_double ("area-km2", NULL, NULL, -1, G_MAXDOUBLE, -1, rw);
  properties[PROP_HAS_COORDINATES] =
    g_param_spec_boolean ("has-coordinates", NULL, NULL, FALSE, ro);
  properties[PROP_LATITUDE] = g_param_spec_double ("latitude", NULL, NULL, -90, 90, 0, ro);
  properties[PROP_LONGITUDE] = g_param_spec_double ("longitude", NULL, NULL, -180, 180, 0, ro);
  properties[PROP_MAYOR] = g_param_spec_string ("mayor", NULL, NULL, NULL, rw);
  properties[PROP_WEBSITE] = g_param_spec_string ("website", NULL, NULL, NULL, rw);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, rw);
  properties[PROP_STRENGTHS] = g_param_spec_string ("strengths", NULL, NULL, NULL, rw);
  properties[PROP_UPDATED_AT] = g_param_spec_string ("updated-at", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
d360_city_init (D360City *self)
{
  self->population = -1;
  self->area_km2 = -1;
}

/**
 * d360_city_new:
 * @name: the city's name
 *
 * Returns: (transfer full): a city not yet stored (its id is 0)
 */
D360City *
d360_city_new (const char *name)
{
  return g_object_new (D360_TYPE_CITY, "name", name, NULL);
}

D360City *
d360_city_new_with_id (gint64 id)
{
  return g_object_new (D360_TYPE_CITY, "id", id, NULL);
}

gint64
d360_city_get_id (D360City *self)
{
  g_return_val_if_fail (D360_IS_CITY (self), 0);
  return self->id;
}

void
d360_city_set_id (D360City *self,
                  gint64    id)
{
  g_return_if_fail (D360_IS_CITY (self));

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
d360_city_get_name (D360City *self)
{
  g_return_val_if_fail (D360_IS_CITY (self), NULL);
  return self->name;
}

void
d360_city_set_name (D360City   *self,
                    const char *name)
{
  g_return_if_fail (D360_IS_CITY (self));
  set_string (self, &self->name, name, PROP_NAME);
}

const char *
d360_city_get_country (D360City *self)
{
  g_return_val_if_fail (D360_IS_CITY (self), NULL);
  return self->country;
}

void
d360_city_set_country (D360City   *self,
                       const char *country)
{
  g_return_if_fail (D360_IS_CITY (self));
  set_string (self, &self->country, country, PROP_COUNTRY);
}

const char *
d360_city_get_county (D360City *self)
{
  g_return_val_if_fail (D360_IS_CITY (self), NULL);
  return self->county;
}

void
d360_city_set_county (D360City   *self,
                      const char *county)
{
  g_return_if_fail (D360_IS_CITY (self));
  set_string (self, &self->county, county, PROP_COUNTY);
}

gint64
d360_city_get_population (D360City *self)
{
  g_return_val_if_fail (D360_IS_CITY (self), -1);
  return self->population;
}

/**
 * d360_city_set_population:
 * @population: inhabitants, or -1 when unknown
 */
void
d360_city_set_population (D360City *self,
                          gint64    population)
{
  g_return_if_fail (D360_IS_CITY (self));

  population = MAX (population, -1);
  if (self->population == population)
    return;
  self->population = population;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POPULATION]);
}

double
d360_city_get_area_km2 (D360City *self)
{
  g_return_val_if_fail (D360_IS_CITY (self), -1);
  return self->area_km2;
}

/**
 * d360_city_set_area_km2:
 * @area_km2: the area in square kilometres, or -1 when unknown
 */
void
d360_city_set_area_km2 (D360City *self,
                        double    area_km2)
{
  g_return_if_fail (D360_IS_CITY (self));

  if (area_km2 < 0)
    area_km2 = -1;
  if (self->area_km2 == area_km2)
    return;
  self->area_km2 = area_km2;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AREA_KM2]);
}

/**
 * d360_city_get_coordinates:
 *
 * Returns: %TRUE and the coordinates if the city has them
 */
gboolean
d360_city_get_coordinates (D360City *self,
                           double   *latitude,
                           double   *longitude)
{
  g_return_val_if_fail (D360_IS_CITY (self), FALSE);

  if (latitude != NULL)
    *latitude = self->latitude;
  if (longitude != NULL)
    *longitude = self->longitude;
  return self->has_coordinates;
}

void
d360_city_set_coordinates (D360City *self,
                           double    latitude,
                           double    longitude)
{
  g_return_if_fail (D360_IS_CITY (self));
  g_return_if_fail (latitude >= -90 && latitude <= 90);
  g_return_if_fail (longitude >= -180 && longitude <= 180);

  g_object_freeze_notify (G_OBJECT (self));
  if (!self->has_coordinates)
    {
      self->has_coordinates = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_COORDINATES]);
    }
  if (self->latitude != latitude)
    {
      self->latitude = latitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATITUDE]);
    }
  if (self->longitude != longitude)
    {
      self->longitude = longitude;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LONGITUDE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

void
d360_city_clear_coordinates (D360City *self)
{
  g_return_if_fail (D360_IS_CITY (self));

  if (!self->has_coordinates)
    return;
  self->has_coordinates = FALSE;
  self->latitude = self->longitude = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_COORDINATES]);
}

const char *
d360_city_get_mayor (D360City *self)
{
  g_return_val_if_fail (D360_IS_CITY (self), NULL);
  return self->mayor;
}

void
d360_city_set_mayor (D360City   *self,
                     const char *mayor)
{
  g_return_if_fail (D360_IS_CITY (self));
  set_string (self, &self->mayor, mayor, PROP_MAYOR);
}

const char *
d360_city_get_website (D360City *self)
{
  g_return_val_if_fail (D360_IS_CITY (self), NULL);
  return self->website;
}

void
d360_city_set_website (D360City   *self,
                       const char *website)
{
  g_return_if_fail (D360_IS_CITY (self));
  set_string (self, &self->website, website, PROP_WEBSITE);
}

const char *
d360_city_get_summary (D360City *self)
{
  g_return_val_if_fail (D360_IS_CITY (self), NULL);
  return self->summary;
}

void
d360_city_set_summary (D360City   *self,
                       const char *summary)
{
  g_return_if_fail (D360_IS_CITY (self));
  set_string (self, &self->summary, summary, PROP_SUMMARY);
}

const char *
d360_city_get_strengths (D360City *self)
{
  g_return_val_if_fail (D360_IS_CITY (self), NULL);
  return self->strengths;
}

void
d360_city_set_strengths (D360City   *self,
                         const char *strengths)
{
  g_return_if_fail (D360_IS_CITY (self));
  set_string (self, &self->strengths, strengths, PROP_STRENGTHS);
}

/**
 * d360_city_get_dimension_priority:
 *
 * Returns: the priority from 1 (low) to 5 (high), or 0 when not set
 */
int
d360_city_get_dimension_priority (D360City      *self,
                                  D360Dimension  dimension)
{
  g_return_val_if_fail (D360_IS_CITY (self), 0);
  g_return_val_if_fail (dimension < D360_N_DIMENSIONS, 0);

  return self->priorities[dimension];
}

void
d360_city_set_dimension_priority (D360City      *self,
                                  D360Dimension  dimension,
                                  int            priority)
{
  g_return_if_fail (D360_IS_CITY (self));
  g_return_if_fail (dimension < D360_N_DIMENSIONS);
  g_return_if_fail (priority >= 0 && priority <= 5);

  self->priorities[dimension] = priority;
}

const char *
d360_city_get_dimension_notes (D360City      *self,
                               D360Dimension  dimension)
{
  g_return_val_if_fail (D360_IS_CITY (self), NULL);
  g_return_val_if_fail (dimension < D360_N_DIMENSIONS, NULL);

  return self->notes[dimension];
}

void
d360_city_set_dimension_notes (D360City      *self,
                               D360Dimension  dimension,
                               const char    *notes)
{
  g_return_if_fail (D360_IS_CITY (self));
  g_return_if_fail (dimension < D360_N_DIMENSIONS);

  if (notes != NULL && *notes == '\0')
    notes = NULL;
  g_free (self->notes[dimension]);
  self->notes[dimension] = g_strdup (notes);
}

const char *
d360_city_get_updated_at (D360City *self)
{
  g_return_val_if_fail (D360_IS_CITY (self), NULL);
  return self->updated_at;
}

void
d360_city_set_updated_at (D360City   *self,
                          const char *updated_at)
{
  g_return_if_fail (D360_IS_CITY (self));
  set_string (self, &self->updated_at, updated_at, PROP_UPDATED_AT);
}

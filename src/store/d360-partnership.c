/* d360-partnership.c — a partnership of the city
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-partnership"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "d360-city.h"
#include "d360-date.h"
#include "d360-partnership-private.h"

struct _D360Partnership
{
  GObject                parent_instance;

  gint64                 id;
  gint64                 city_id;
  char                  *partner_name;
  char                  *partner_country;
  gboolean               partner_is_city;
  D360PartnershipKind    kind;
  char                  *signed_on;
  char                  *expires_on;
  D360PartnershipStatus  status;
  guint                  dimensions;
  char                  *notes;
  char                  *updated_at;
};

G_DEFINE_FINAL_TYPE (D360Partnership, d360_partnership, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CITY_ID,
  PROP_PARTNER_NAME,
  PROP_PARTNER_COUNTRY,
  PROP_PARTNER_IS_CITY,
  PROP_KIND,
  PROP_SIGNED_ON,
  PROP_EXPIRES_ON,
  PROP_STATUS,
  PROP_DIMENSIONS,
  PROP_NOTES,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define ALL_DIMENSIONS ((1u << D360_N_DIMENSIONS) - 1)

/* ------------------------------------------------------------ enumerations */

typedef struct
{
  const char *key;
  const char *label;
} KeyLabel;

static const KeyLabel kinds[D360_N_PARTNERSHIP_KINDS] = {
  { "sister-city", N_("Sister city") },
  { "cooperation-agreement", N_("Cooperation agreement") },
  { "mou", N_("Memorandum of understanding") },
  { "network-membership", N_("Network membership") },
  { "international-commitment", N_("International commitment") },
};

static const KeyLabel statuses[D360_N_PARTNERSHIP_STATUSES] = {
  { "proposed", N_("Proposed") },
  { "active", N_("Active") },
  { "dormant", N_("Dormant") },
  { "ended", N_("Ended") },
};

static gboolean
find_key (const KeyLabel *table,
          guint           n,
          const char     *key,
          guint          *index)
{
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (key, table[i].key) == 0)
      {
        *index = i;
        return TRUE;
      }

  return FALSE;
}

const char *
d360_partnership_kind_to_key (D360PartnershipKind kind)
{
  g_return_val_if_fail (kind < D360_N_PARTNERSHIP_KINDS, NULL);

  return kinds[kind].key;
}

gboolean
d360_partnership_kind_from_key (const char          *key,
                                D360PartnershipKind *kind)
{
  guint index;

  if (!find_key (kinds, G_N_ELEMENTS (kinds), key, &index))
    return FALSE;
  *kind = index;
  return TRUE;
}

const char *
d360_partnership_kind_get_label (D360PartnershipKind kind)
{
  g_return_val_if_fail (kind < D360_N_PARTNERSHIP_KINDS, NULL);

  return _(kinds[kind].label);
}

const char *
d360_partnership_status_to_key (D360PartnershipStatus status)
{
  g_return_val_if_fail (status < D360_N_PARTNERSHIP_STATUSES, NULL);

  return statuses[status].key;
}

gboolean
d360_partnership_status_from_key (const char            *key,
                                  D360PartnershipStatus *status)
{
  guint index;

  if (!find_key (statuses, G_N_ELEMENTS (statuses), key, &index))
    return FALSE;
  *status = index;
  return TRUE;
}

const char *
d360_partnership_status_get_label (D360PartnershipStatus status)
{
  g_return_val_if_fail (status < D360_N_PARTNERSHIP_STATUSES, NULL);

  return _(statuses[status].label);
}

/* ------------------------------------------------------------------ helpers */

/* Sets *field to a copy of value (NULL for empty) and notifies if it changed. */
static void
set_string (D360Partnership  *self,
            char            **field,
            const char       *value,
            int               prop)
{
  if (value != NULL && *value == '\0')
    value = NULL;

  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* ---------------------------------------------------------------- GObject */

static void
d360_partnership_finalize (GObject *object)
{
  D360Partnership *self = (D360Partnership *) object;

  g_free (self->partner_name);
  g_free (self->partner_country);
  g_free (self->signed_on);
  g_free (self->expires_on);
  g_free (self->notes);
  g_free (self->updated_at);

  G_OBJECT_CLASS (d360_partnership_parent_class)->finalize (object);
}

static void
d360_partnership_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  D360Partnership *self = D360_PARTNERSHIP (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_CITY_ID: g_value_set_int64 (value, self->city_id); break;
    case PROP_PARTNER_NAME: g_value_set_string (value, self->partner_name); break;
    case PROP_PARTNER_COUNTRY: g_value_set_string (value, self->partner_country); break;
    case PROP_PARTNER_IS_CITY: g_value_set_boolean (value, self->partner_is_city); break;
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_SIGNED_ON: g_value_set_string (value, self->signed_on); break;
    case PROP_EXPIRES_ON: g_value_set_string (value, self->expires_on); break;
    case PROP_STATUS: g_value_set_int (value, self->status); break;
    case PROP_DIMENSIONS: g_value_set_uint (value, self->dimensions); break;
    case PROP_NOTES: g_value_set_string (value, self->notes); break;
    case PROP_UPDATED_AT: g_value_set_string (value, self->updated_at); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_partnership_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  D360Partnership *self = D360_PARTNERSHIP (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_CITY_ID: self->city_id = g_value_get_int64 (value); break;
    case PROP_PARTNER_NAME:
      d360_partnership_set_partner_name (self, g_value_get_string (value));
      break;
    case PROP_PARTNER_COUNTRY:
      d360_partnership_set_partner_country (self, g_value_get_string (value));
      break;
    case PROP_PARTNER_IS_CITY:
      d360_partnership_set_partner_is_city (self, g_value_get_boolean (value));
      break;
    case PROP_KIND: d360_partnership_set_kind (self, g_value_get_int (value)); break;
    case PROP_SIGNED_ON: d360_partnership_set_signed_on (self, g_value_get_string (value)); break;
    case PROP_EXPIRES_ON:
      d360_partnership_set_expires_on (self, g_value_get_string (value));
      break;
    case PROP_STATUS: d360_partnership_set_status (self, g_value_get_int (value)); break;
    case PROP_DIMENSIONS: d360_partnership_set_dimensions (self, g_value_get_uint (value)); break;
    case PROP_NOTES: d360_partnership_set_notes (self, g_value_get_string (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_partnership_class_init (D360PartnershipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags construct = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = d360_partnership_finalize;
  object_class->get_property = d360_partnership_get_property;
  object_class->set_property = d360_partnership_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_CITY_ID] =
    g_param_spec_int64 ("city-id", NULL, NULL, 0, G_MAXINT64, 0, construct);
  properties[PROP_PARTNER_NAME] = g_param_spec_string ("partner-name", NULL, NULL, NULL, rw);
  properties[PROP_PARTNER_COUNTRY] =
    g_param_spec_string ("partner-country", NULL, NULL, NULL, rw);
  properties[PROP_PARTNER_IS_CITY] =
    g_param_spec_boolean ("partner-is-city", NULL, NULL, TRUE, rw);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, D360_N_PARTNERSHIP_KINDS - 1,
                      D360_PARTNERSHIP_SISTER_CITY, rw);
  properties[PROP_SIGNED_ON] = g_param_spec_string ("signed-on", NULL, NULL, NULL, rw);
  properties[PROP_EXPIRES_ON] = g_param_spec_string ("expires-on", NULL, NULL, NULL, rw);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, 0, D360_N_PARTNERSHIP_STATUSES - 1,
                      D360_PARTNERSHIP_PROPOSED, rw);
  properties[PROP_DIMENSIONS] =
    g_param_spec_uint ("dimensions", NULL, NULL, 0, ALL_DIMENSIONS, 0, rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, rw);
  properties[PROP_UPDATED_AT] =
    g_param_spec_string ("updated-at", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
d360_partnership_init (D360Partnership *self)
{
  self->partner_is_city = TRUE;
  self->kind = D360_PARTNERSHIP_SISTER_CITY;
  self->status = D360_PARTNERSHIP_PROPOSED;
}

/* ----------------------------------------------------------------- public */

/**
 * d360_partnership_new:
 * @city_id: the city the partnership belongs to
 * @partner_name: (nullable): the partner city or organisation
 *
 * Returns: (transfer full): a partnership not yet stored (its id is 0)
 */
D360Partnership *
d360_partnership_new (gint64      city_id,
                      const char *partner_name)
{
  return g_object_new (D360_TYPE_PARTNERSHIP,
                       "city-id", city_id,
                       "partner-name", partner_name,
                       NULL);
}

D360Partnership *
d360_partnership_new_with_id (gint64 id,
                              gint64 city_id)
{
  return g_object_new (D360_TYPE_PARTNERSHIP, "id", id, "city-id", city_id, NULL);
}

gint64
d360_partnership_get_id (D360Partnership *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIP (self), 0);
  return self->id;
}

void
d360_partnership_set_id (D360Partnership *self,
                         gint64           id)
{
  g_return_if_fail (D360_IS_PARTNERSHIP (self));

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
d360_partnership_get_city_id (D360Partnership *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIP (self), 0);
  return self->city_id;
}

const char *
d360_partnership_get_partner_name (D360Partnership *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIP (self), NULL);
  return self->partner_name;
}

void
d360_partnership_set_partner_name (D360Partnership *self,
                                   const char      *name)
{
  g_return_if_fail (D360_IS_PARTNERSHIP (self));
  set_string (self, &self->partner_name, name, PROP_PARTNER_NAME);
}

const char *
d360_partnership_get_partner_country (D360Partnership *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIP (self), NULL);
  return self->partner_country;
}

/**
 * d360_partnership_set_partner_country:
 * @country: (nullable): an ISO 3166-1 alpha-2 code ("DE")
 */
void
d360_partnership_set_partner_country (D360Partnership *self,
                                      const char      *country)
{
  g_return_if_fail (D360_IS_PARTNERSHIP (self));
  set_string (self, &self->partner_country, country, PROP_PARTNER_COUNTRY);
}

gboolean
d360_partnership_get_partner_is_city (D360Partnership *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIP (self), TRUE);
  return self->partner_is_city;
}

/**
 * d360_partnership_set_partner_is_city:
 * @is_city: %TRUE for a partner city, %FALSE for an organisation
 */
void
d360_partnership_set_partner_is_city (D360Partnership *self,
                                      gboolean         is_city)
{
  g_return_if_fail (D360_IS_PARTNERSHIP (self));

  is_city = !!is_city;
  if (self->partner_is_city == is_city)
    return;
  self->partner_is_city = is_city;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARTNER_IS_CITY]);
}

D360PartnershipKind
d360_partnership_get_kind (D360Partnership *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIP (self), D360_PARTNERSHIP_SISTER_CITY);
  return self->kind;
}

void
d360_partnership_set_kind (D360Partnership     *self,
                           D360PartnershipKind  kind)
{
  g_return_if_fail (D360_IS_PARTNERSHIP (self));
  g_return_if_fail (kind < D360_N_PARTNERSHIP_KINDS);

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
d360_partnership_get_signed_on (D360Partnership *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIP (self), NULL);
  return self->signed_on;
}

/**
 * d360_partnership_set_signed_on:
 * @date: (nullable): "YYYY-MM-DD"
 */
void
d360_partnership_set_signed_on (D360Partnership *self,
                                const char      *date)
{
  g_return_if_fail (D360_IS_PARTNERSHIP (self));
  set_string (self, &self->signed_on, date, PROP_SIGNED_ON);
}

const char *
d360_partnership_get_expires_on (D360Partnership *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIP (self), NULL);
  return self->expires_on;
}

/**
 * d360_partnership_set_expires_on:
 * @date: (nullable): "YYYY-MM-DD"
 */
void
d360_partnership_set_expires_on (D360Partnership *self,
                                 const char      *date)
{
  g_return_if_fail (D360_IS_PARTNERSHIP (self));
  set_string (self, &self->expires_on, date, PROP_EXPIRES_ON);
}

D360PartnershipStatus
d360_partnership_get_status (D360Partnership *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIP (self), D360_PARTNERSHIP_PROPOSED);
  return self->status;
}

void
d360_partnership_set_status (D360Partnership       *self,
                             D360PartnershipStatus  status)
{
  g_return_if_fail (D360_IS_PARTNERSHIP (self));
  g_return_if_fail (status < D360_N_PARTNERSHIP_STATUSES);

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

guint
d360_partnership_get_dimensions (D360Partnership *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIP (self), 0);
  return self->dimensions;
}

/**
 * d360_partnership_set_dimensions:
 * @dimensions: D360_DIMENSION_BIT() bits
 */
void
d360_partnership_set_dimensions (D360Partnership *self,
                                 guint            dimensions)
{
  g_return_if_fail (D360_IS_PARTNERSHIP (self));
  g_return_if_fail ((dimensions & ~ALL_DIMENSIONS) == 0);

  if (self->dimensions == dimensions)
    return;
  self->dimensions = dimensions;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIMENSIONS]);
}

const char *
d360_partnership_get_notes (D360Partnership *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIP (self), NULL);
  return self->notes;
}

void
d360_partnership_set_notes (D360Partnership *self,
                            const char      *notes)
{
  g_return_if_fail (D360_IS_PARTNERSHIP (self));
  set_string (self, &self->notes, notes, PROP_NOTES);
}

const char *
d360_partnership_get_updated_at (D360Partnership *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIP (self), NULL);
  return self->updated_at;
}

void
d360_partnership_set_updated_at (D360Partnership *self,
                                 const char      *updated_at)
{
  g_return_if_fail (D360_IS_PARTNERSHIP (self));
  set_string (self, &self->updated_at, updated_at, PROP_UPDATED_AT);
}

/**
 * d360_partnership_expires_within:
 * @today: (nullable): the day to count from; %NULL for today
 * @days: how many days ahead to look
 *
 * Whether the partnership runs out between @today and @days days later, both
 * included: what the list highlights. One that has already expired, or has
 * ended, does not count.
 */
gboolean
d360_partnership_expires_within (D360Partnership *self,
                                 GDate           *today,
                                 guint            days)
{
  GDate expires, start, limit;

  g_return_val_if_fail (D360_IS_PARTNERSHIP (self), FALSE);
  g_return_val_if_fail (today == NULL || g_date_valid (today), FALSE);

  if (self->status == D360_PARTNERSHIP_ENDED || !d360_date_parse (self->expires_on, &expires))
    return FALSE;

  if (today != NULL)
    start = *today;
  else
    d360_date_set_today (&start);
  limit = start;
  g_date_add_days (&limit, days);

  return g_date_compare (&expires, &start) >= 0 && g_date_compare (&expires, &limit) <= 0;
}

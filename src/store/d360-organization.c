/* d360-organization.c — an organisation the city works with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-organization"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "d360-organization-private.h"

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_N_PEOPLE,
  /* The text properties, in the order of the strings array. */
  PROP_NAME,
  PROP_COUNTRY,
  PROP_CITY,
  PROP_WEBSITE,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_ADDRESS,
  PROP_NOTES,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

#define FIRST_STRING PROP_NAME
#define N_STRINGS    (N_PROPS - FIRST_STRING)

struct _D360Organization
{
  GObject      parent_instance;

  gint64       id;
  D360OrgKind  kind;
  guint        n_people;
  char        *strings[N_STRINGS];
};

G_DEFINE_FINAL_TYPE (D360Organization, d360_organization, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ enumerations */

static const struct {
  const char *key;
  const char *label;
} kinds[D360_N_ORG_KINDS] = {
  { "embassy", N_("Embassy") },
  { "consulate", N_("Consulate") },
  { "ministry", N_("Ministry") },
  { "international-organization", N_("International organisation") },
  { "municipality", N_("Municipality") },
  { "company", N_("Company") },
  { "investment-fund", N_("Investment fund") },
  { "chamber-of-commerce", N_("Chamber of commerce") },
  { "business-association", N_("Business association") },
  { "ngo", N_("NGO") },
  { "university", N_("University") },
  { "cultural-institute", N_("Cultural institute") },
  { "media", N_("Media") },
  { "city-network", N_("City network") },
  { "other", N_("Other") },
};

/**
 * d360_org_kind_to_key:
 *
 * Returns: the kind as the database keeps it ("investment-fund")
 */
const char *
d360_org_kind_to_key (D360OrgKind kind)
{
  g_return_val_if_fail (kind < D360_N_ORG_KINDS, NULL);

  return kinds[kind].key;
}

gboolean
d360_org_kind_from_key (const char  *key,
                        D360OrgKind *kind)
{
  for (guint i = 0; i < D360_N_ORG_KINDS; i++)
    if (g_strcmp0 (key, kinds[i].key) == 0)
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

const char *
d360_org_kind_get_label (D360OrgKind kind)
{
  g_return_val_if_fail (kind < D360_N_ORG_KINDS, NULL);

  return _(kinds[kind].label);
}

/* ------------------------------------------------------------------ helpers */

/* Sets a text property (NULL for empty), notifying only when it changed. */
static void
set_string (D360Organization *self,
            int               prop,
            const char       *value)
{
  char **field = &self->strings[prop - FIRST_STRING];

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static const char *
get_string (D360Organization *self,
            int               prop)
{
  return self->strings[prop - FIRST_STRING];
}

/* ---------------------------------------------------------------- GObject */

static void
d360_organization_finalize (GObject *object)
{
  D360Organization *self = (D360Organization *) object;

  for (guint i = 0; i < N_STRINGS; i++)
    g_free (self->strings[i]);

  G_OBJECT_CLASS (d360_organization_parent_class)->finalize (object);
}

static void
d360_organization_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  D360Organization *self = D360_ORGANIZATION (object);

  if (prop_id >= FIRST_STRING && prop_id < N_PROPS)
    {
      g_value_set_string (value, get_string (self, prop_id));
      return;
    }

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_KIND: g_value_set_int (value, self->kind); break;
    case PROP_N_PEOPLE: g_value_set_uint (value, self->n_people); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_organization_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  D360Organization *self = D360_ORGANIZATION (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_KIND: d360_organization_set_kind (self, g_value_get_int (value)); break;
    case PROP_NAME: case PROP_COUNTRY: case PROP_CITY: case PROP_WEBSITE:
    case PROP_EMAIL: case PROP_PHONE: case PROP_ADDRESS: case PROP_NOTES:
      set_string (self, prop_id, g_value_get_string (value));
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_organization_class_init (D360OrganizationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = d360_organization_finalize;
  object_class->get_property = d360_organization_get_property;
  object_class->set_property = d360_organization_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, D360_N_ORG_KINDS - 1, D360_ORG_OTHER, rw);
  properties[PROP_N_PEOPLE] = g_param_spec_uint ("n-people", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_COUNTRY] = g_param_spec_string ("country", NULL, NULL, NULL, rw);
  properties[PROP_CITY] = g_param_spec_string ("city", NULL, NULL, NULL, rw);
  properties[PROP_WEBSITE] = g_param_spec_string ("website", NULL, NULL, NULL, rw);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, NULL, rw);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, rw);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, NULL, rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, NULL, rw);
  properties[PROP_CREATED_AT] = g_param_spec_string ("created-at", NULL, NULL, NULL, ro);
  properties[PROP_UPDATED_AT] = g_param_spec_string ("updated-at", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
d360_organization_init (D360Organization *self)
{
  self->kind = D360_ORG_OTHER;
}

/* ----------------------------------------------------------------- public */

/**
 * d360_organization_new:
 * @name: (nullable): its name
 *
 * Returns: (transfer full): an organisation not yet stored (its id is 0)
 */
D360Organization *
d360_organization_new (const char *name)
{
  return g_object_new (D360_TYPE_ORGANIZATION, "name", name, NULL);
}

D360Organization *
d360_organization_new_with_id (gint64 id)
{
  return g_object_new (D360_TYPE_ORGANIZATION, "id", id, NULL);
}

/**
 * d360_organization_copy:
 *
 * Copies every field, the id and the timestamps included.
 *
 * Returns: (transfer full): the copy
 */
D360Organization *
d360_organization_copy (D360Organization *self)
{
  D360Organization *copy;

  g_return_val_if_fail (D360_IS_ORGANIZATION (self), NULL);

  copy = d360_organization_new_with_id (self->id);
  copy->kind = self->kind;
  copy->n_people = self->n_people;
  for (guint i = 0; i < N_STRINGS; i++)
    copy->strings[i] = g_strdup (self->strings[i]);

  return copy;
}

gint64
d360_organization_get_id (D360Organization *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION (self), 0);
  return self->id;
}

void
d360_organization_set_id (D360Organization *self,
                          gint64            id)
{
  g_return_if_fail (D360_IS_ORGANIZATION (self));

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
d360_organization_get_name (D360Organization *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION (self), NULL);
  return get_string (self, PROP_NAME);
}

void
d360_organization_set_name (D360Organization *self,
                            const char       *name)
{
  g_return_if_fail (D360_IS_ORGANIZATION (self));
  set_string (self, PROP_NAME, name);
}

D360OrgKind
d360_organization_get_kind (D360Organization *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION (self), D360_ORG_OTHER);
  return self->kind;
}

void
d360_organization_set_kind (D360Organization *self,
                            D360OrgKind       kind)
{
  g_return_if_fail (D360_IS_ORGANIZATION (self));
  g_return_if_fail (kind < D360_N_ORG_KINDS);

  if (self->kind == kind)
    return;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
d360_organization_get_country (D360Organization *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION (self), NULL);
  return get_string (self, PROP_COUNTRY);
}

void
d360_organization_set_country (D360Organization *self,
                               const char       *country)
{
  g_return_if_fail (D360_IS_ORGANIZATION (self));
  set_string (self, PROP_COUNTRY, country);
}

const char *
d360_organization_get_city (D360Organization *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION (self), NULL);
  return get_string (self, PROP_CITY);
}

void
d360_organization_set_city (D360Organization *self,
                            const char       *city)
{
  g_return_if_fail (D360_IS_ORGANIZATION (self));
  set_string (self, PROP_CITY, city);
}

const char *
d360_organization_get_website (D360Organization *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION (self), NULL);
  return get_string (self, PROP_WEBSITE);
}

void
d360_organization_set_website (D360Organization *self,
                               const char       *website)
{
  g_return_if_fail (D360_IS_ORGANIZATION (self));
  set_string (self, PROP_WEBSITE, website);
}

const char *
d360_organization_get_email (D360Organization *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION (self), NULL);
  return get_string (self, PROP_EMAIL);
}

void
d360_organization_set_email (D360Organization *self,
                             const char       *email)
{
  g_return_if_fail (D360_IS_ORGANIZATION (self));
  set_string (self, PROP_EMAIL, email);
}

const char *
d360_organization_get_phone (D360Organization *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION (self), NULL);
  return get_string (self, PROP_PHONE);
}

void
d360_organization_set_phone (D360Organization *self,
                             const char       *phone)
{
  g_return_if_fail (D360_IS_ORGANIZATION (self));
  set_string (self, PROP_PHONE, phone);
}

const char *
d360_organization_get_address (D360Organization *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION (self), NULL);
  return get_string (self, PROP_ADDRESS);
}

void
d360_organization_set_address (D360Organization *self,
                               const char       *address)
{
  g_return_if_fail (D360_IS_ORGANIZATION (self));
  set_string (self, PROP_ADDRESS, address);
}

const char *
d360_organization_get_notes (D360Organization *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION (self), NULL);
  return get_string (self, PROP_NOTES);
}

void
d360_organization_set_notes (D360Organization *self,
                             const char       *notes)
{
  g_return_if_fail (D360_IS_ORGANIZATION (self));
  set_string (self, PROP_NOTES, notes);
}

guint
d360_organization_get_n_people (D360Organization *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION (self), 0);
  return self->n_people;
}

void
d360_organization_set_n_people (D360Organization *self,
                                guint             n_people)
{
  g_return_if_fail (D360_IS_ORGANIZATION (self));

  if (self->n_people == n_people)
    return;
  self->n_people = n_people;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PEOPLE]);
}

const char *
d360_organization_get_created_at (D360Organization *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION (self), NULL);
  return get_string (self, PROP_CREATED_AT);
}

void
d360_organization_set_created_at (D360Organization *self,
                                  const char       *created_at)
{
  g_return_if_fail (D360_IS_ORGANIZATION (self));
  set_string (self, PROP_CREATED_AT, created_at);
}

const char *
d360_organization_get_updated_at (D360Organization *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATION (self), NULL);
  return get_string (self, PROP_UPDATED_AT);
}

void
d360_organization_set_updated_at (D360Organization *self,
                                  const char       *updated_at)
{
  g_return_if_fail (D360_IS_ORGANIZATION (self));
  set_string (self, PROP_UPDATED_AT, updated_at);
}

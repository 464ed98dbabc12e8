/* d360-project.c — a project with international cooperation potential
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-project"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "d360-project-private.h"

struct _D360Project
{
  GObject    parent_instance;

  gint64     id;
  gint64     city_id;
  char      *title;
  char      *summary;
  char      *description;
  guint      agenda_areas;
  guint      dimensions;
  char      *sector;
  D360Stage  stage;
  gint64     budget_minor;
  char      *currency;
  guint      funding_sources;
  char      *start_date;
  char      *end_date;
  char      *location;
  char      *responsible;
  gboolean   archived;
  char      *created_at;
  char      *updated_at;
};

G_DEFINE_FINAL_TYPE (D360Project, d360_project, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CITY_ID,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_DESCRIPTION,
  PROP_AGENDA_AREAS,
  PROP_DIMENSIONS,
  PROP_SECTOR,
  PROP_STAGE,
  PROP_BUDGET_MINOR,
  PROP_CURRENCY,
  PROP_FUNDING_SOURCES,
  PROP_START_DATE,
  PROP_END_DATE,
  PROP_LOCATION,
  PROP_RESPONSIBLE,
  PROP_ARCHIVED,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------ enumerations */

static const struct {
  const char *key;
  const char *label;
} stages[D360_N_STAGES] = {
  { "idea", N_("Idea") },
  { "concept", N_("Concept") },
  { "feasibility", N_("Feasibility") },
  { "seeking-partners", N_("Seeking partners") },
  { "negotiation", N_("Negotiation") },
  { "agreed", N_("Agreed") },
  { "implementation", N_("Implementation") },
  { "completed", N_("Completed") },
  { "dropped", N_("Dropped") },
};

static const char * const agenda_area_labels[D360_N_AGENDA_AREAS] = {
  N_("Foreign investment"),
  N_("Culture"),
  N_("Tourism"),
  N_("Sister cities & citizens"),
  N_("Immigration"),
  N_("Education"),
  N_("Security & defence"),
};

static const char * const funding_source_labels[D360_N_FUNDING_SOURCES] = {
  N_("EU"),
  N_("World Bank"),
  N_("OECD"),
  N_("National"),
  N_("Private"),
  N_("Other"),
};

/**
 * d360_stage_to_key:
 *
 * Returns: the stage as the database keeps it ("seeking-partners")
 */
const char *
d360_stage_to_key (D360Stage stage)
{
  g_return_val_if_fail (stage < D360_N_STAGES, NULL);

  return stages[stage].key;
}

gboolean
d360_stage_from_key (const char *key,
                     D360Stage  *stage)
{
  for (guint i = 0; i < D360_N_STAGES; i++)
    if (g_strcmp0 (key, stages[i].key) == 0)
      {
        *stage = i;
        return TRUE;
      }

  return FALSE;
}

const char *
d360_stage_get_label (D360Stage stage)
{
  g_return_val_if_fail (stage < D360_N_STAGES, NULL);

  return _(stages[stage].label);
}

/**
 * d360_agenda_area_get_label:
 * @index: the bit number of a #D360AgendaArea (0 for foreign investment)
 */
const char *
d360_agenda_area_get_label (guint index)
{
  g_return_val_if_fail (index < D360_N_AGENDA_AREAS, NULL);

  return _(agenda_area_labels[index]);
}

/**
 * d360_funding_source_get_label:
 * @index: the bit number of a #D360FundingSource (0 for the EU)
 */
const char *
d360_funding_source_get_label (guint index)
{
  g_return_val_if_fail (index < D360_N_FUNDING_SOURCES, NULL);

  return _(funding_source_labels[index]);
}

/* ------------------------------------------------------------------ helpers */

/* Sets *field to a copy of value (NULL for empty) and notifies if it changed. */
static void
set_string (D360Project  *self,
            char        **field,
            const char   *value,
            int           prop)
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
set_uint (D360Project *self,
          guint       *field,
          guint        value,
          int          prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* ---------------------------------------------------------------- GObject */

static void
d360_project_finalize (GObject *object)
{
  D360Project *self = (D360Project *) object;

  g_free (self->title);
  g_free (self->summary);
  g_free (self->description);
  g_free (self->sector);
  g_free (self->currency);
  g_free (self->start_date);
  g_free (self->end_date);
  g_free (self->location);
  g_free (self->responsible);
  g_free (self->created_at);
  g_free (self->updated_at);

  G_OBJECT_CLASS (d360_project_parent_class)->finalize (object);
}

static void
d360_project_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  D360Project *self = D360_PROJECT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_CITY_ID: g_value_set_int64 (value, self->city_id); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_SUMMARY: g_value_set_string (value, self->summary); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_AGENDA_AREAS: g_value_set_uint (value, self->agenda_areas); break;
    case PROP_DIMENSIONS: g_value_set_uint (value, self->dimensions); break;
    case PROP_SECTOR: g_value_set_string (value, self->sector); break;
    case PROP_STAGE: g_value_set_int (value, self->stage); break;
    case PROP_BUDGET_MINOR: g_value_set_int64 (value, self->budget_minor); break;
    case PROP_CURRENCY: g_value_set_string (value, self->currency); break;
    case PROP_FUNDING_SOURCES: g_value_set_uint (value, self->funding_sources); break;
    case PROP_START_DATE: g_value_set_string (value, self->start_date); break;
    case PROP_END_DATE: g_value_set_string (value, self->end_date); break;
    case PROP_LOCATION: g_value_set_string (value, self->location); break;
    case PROP_RESPONSIBLE: g_value_set_string (value, self->responsible); break;
    case PROP_ARCHIVED: g_value_set_boolean (value, self->archived); break;
    case PROP_CREATED_AT: g_value_set_string (value, self->created_at); break;
    case PROP_UPDATED_AT: g_value_set_string (value, self->updated_at); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_project_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  D360Project *self = D360_PROJECT (object);

  switch (prop_id)
    {
    case PROP_ID: self->id = g_value_get_int64 (value); break;
    case PROP_CITY_ID: d360_project_set_city_id (self, g_value_get_int64 (value)); break;
    case PROP_TITLE: d360_project_set_title (self, g_value_get_string (value)); break;
    case PROP_SUMMARY: d360_project_set_summary (self, g_value_get_string (value)); break;
    case PROP_DESCRIPTION: d360_project_set_description (self, g_value_get_string (value)); break;
    case PROP_AGENDA_AREAS: d360_project_set_agenda_areas (self, g_value_get_uint (value)); break;
    case PROP_DIMENSIONS: d360_project_set_dimensions (self, g_value_get_uint (value)); break;
    case PROP_SECTOR: d360_project_set_sector (self, g_value_get_string (value)); break;
    case PROP_STAGE: d360_project_set_stage (self, g_value_get_int (value)); break;
    case PROP_BUDGET_MINOR: d360_project_set_budget_minor (self, g_value_get_int64 (value)); break;
    case PROP_CURRENCY: d360_project_set_currency (self, g_value_get_string (value)); break;
    case PROP_FUNDING_SOURCES:
      d360_project_set_funding_sources (self, g_value_get_uint (value));
      break;
    case PROP_START_DATE: d360_project_set_start_date (self, g_value_get_string (value)); break;
    case PROP_END_DATE: d360_project_set_end_date (self, g_value_get_string (value)); break;
    case PROP_LOCATION: d360_project_set_location (self, g_value_get_string (value)); break;
    case PROP_RESPONSIBLE: d360_project_set_responsible (self, g_value_get_string (value)); break;
    case PROP_ARCHIVED: d360_project_set_archived (self, g_value_get_boolean (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_project_class_init (D360ProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = d360_project_finalize;
  object_class->get_property = d360_project_get_property;
  object_class->set_property = d360_project_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CITY_ID] = g_param_spec_int64 ("city-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, rw);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, rw);
  properties[PROP_AGENDA_AREAS] =
    g_param_spec_uint ("agenda-areas", NULL, NULL, 0, D360_ALL_AGENDA_AREAS, 0, rw);
  properties[PROP_DIMENSIONS] =
    g_param_spec_uint ("dimensions", NULL, NULL, 0, D360_ALL_DIMENSIONS, 0, rw);
  properties[PROP_SECTOR] = g_param_spec_string ("sector", NULL, NULL, NULL, rw);
  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL, 0, D360_N_STAGES - 1, D360_STAGE_IDEA, rw);
  properties[PROP_BUDGET_MINOR] =
    g_param_spec_int64 ("budget-minor", NULL, NULL, G_MININT64, G_MAXINT64, -1, rw);
  properties[PROP_CURRENCY] = g_param_spec_string ("currency", NULL, NULL, NULL, rw);
  properties[PROP_FUNDING_SOURCES] =
    g_param_spec_uint ("funding-sources", NULL, NULL, 0, D360_ALL_FUNDING_SOURCES, 0, rw);
  properties[PROP_START_DATE] = g_param_spec_string ("start-date", NULL, NULL, NULL, rw);
  properties[PROP_END_DATE] = g_param_spec_string ("end-date", NULL, NULL, NULL, rw);
  properties[PROP_LOCATION] = g_param_spec_string ("location", NULL, NULL, NULL, rw);
  properties[PROP_RESPONSIBLE] = g_param_spec_string ("responsible", NULL, NULL, NULL, rw);
  properties[PROP_ARCHIVED] = g_param_spec_boolean ("archived", NULL, NULL, FALSE, rw);
  properties[PROP_CREATED_AT] = g_param_spec_string ("created-at", NULL, NULL, NULL, ro);
  properties[PROP_UPDATED_AT] = g_param_spec_string ("updated-at", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
d360_project_init (D360Project *self)
{
  self->stage = D360_STAGE_IDEA;
  self->budget_minor = -1;
}

/* ----------------------------------------------------------------- public */

/**
 * d360_project_new:
 * @city_id: the city the project belongs to
 * @title: (nullable): its title
 *
 * Returns: (transfer full): a project not yet stored (its id is 0)
 */
D360Project *
d360_project_new (gint64      city_id,
                  const char *title)
{
  return g_object_new (D360_TYPE_PROJECT, "city-id", city_id, "title", title, NULL);
}

D360Project *
d360_project_new_with_id (gint64 id)
{
  return g_object_new (D360_TYPE_PROJECT, "id", id, NULL);
}

/**
 * d360_project_copy:
 *
 * Copies every field, the id and the timestamps included: a working copy an
 * editor can change and save, or drop.
 *
 * Returns: (transfer full): the copy
 */
D360Project *
d360_project_copy (D360Project *self)
{
  D360Project *copy;

  g_return_val_if_fail (D360_IS_PROJECT (self), NULL);

  copy = d360_project_new_with_id (self->id);
  copy->city_id = self->city_id;
  copy->title = g_strdup (self->title);
  copy->summary = g_strdup (self->summary);
  copy->description = g_strdup (self->description);
  copy->agenda_areas = self->agenda_areas;
  copy->dimensions = self->dimensions;
  copy->sector = g_strdup (self->sector);
  copy->stage = self->stage;
  copy->budget_minor = self->budget_minor;
  copy->currency = g_strdup (self->currency);
  copy->funding_sources = self->funding_sources;
  copy->start_date = g_strdup (self->start_date);
  copy->end_date = g_strdup (self->end_date);
  copy->location = g_strdup (self->location);
  copy->responsible = g_strdup (self->responsible);
  copy->archived = self->archived;
  copy->created_at = g_strdup (self->created_at);
  copy->updated_at = g_strdup (self->updated_at);

  return copy;
}

gint64
d360_project_get_id (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), 0);
  return self->id;
}

void
d360_project_set_id (D360Project *self,
                     gint64       id)
{
  g_return_if_fail (D360_IS_PROJECT (self));

  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

gint64
d360_project_get_city_id (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), 0);
  return self->city_id;
}

void
d360_project_set_city_id (D360Project *self,
                          gint64       city_id)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  g_return_if_fail (city_id >= 0);

  if (self->city_id == city_id)
    return;
  self->city_id = city_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CITY_ID]);
}

const char *
d360_project_get_title (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), NULL);
  return self->title;
}

void
d360_project_set_title (D360Project *self,
                        const char  *title)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  set_string (self, &self->title, title, PROP_TITLE);
}

const char *
d360_project_get_summary (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), NULL);
  return self->summary;
}

void
d360_project_set_summary (D360Project *self,
                          const char  *summary)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  set_string (self, &self->summary, summary, PROP_SUMMARY);
}

const char *
d360_project_get_description (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), NULL);
  return self->description;
}

void
d360_project_set_description (D360Project *self,
                              const char  *description)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  set_string (self, &self->description, description, PROP_DESCRIPTION);
}

guint
d360_project_get_agenda_areas (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), 0);
  return self->agenda_areas;
}

/**
 * d360_project_set_agenda_areas:
 * @agenda_areas: #D360AgendaArea bits
 */
void
d360_project_set_agenda_areas (D360Project *self,
                               guint        agenda_areas)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  g_return_if_fail ((agenda_areas & ~D360_ALL_AGENDA_AREAS) == 0);
  set_uint (self, &self->agenda_areas, agenda_areas, PROP_AGENDA_AREAS);
}

guint
d360_project_get_dimensions (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), 0);
  return self->dimensions;
}

/**
 * d360_project_set_dimensions:
 * @dimensions: D360_DIMENSION_BIT() bits
 */
void
d360_project_set_dimensions (D360Project *self,
                             guint        dimensions)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  g_return_if_fail ((dimensions & ~D360_ALL_DIMENSIONS) == 0);
  set_uint (self, &self->dimensions, dimensions, PROP_DIMENSIONS);
}

const char *
d360_project_get_sector (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), NULL);
  return self->sector;
}

void
d360_project_set_sector (D360Project *self,
                         const char  *sector)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  set_string (self, &self->sector, sector, PROP_SECTOR);
}

D360Stage
d360_project_get_stage (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), D360_STAGE_IDEA);
  return self->stage;
}

void
d360_project_set_stage (D360Project *self,
                        D360Stage    stage)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  g_return_if_fail (stage < D360_N_STAGES);

  if (self->stage == stage)
    return;
  self->stage = stage;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

/**
 * d360_project_get_budget_minor:
 *
 * Returns: the budget in minor units of the currency, or -1 when there is none
 */
gint64
d360_project_get_budget_minor (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), -1);
  return self->budget_minor;
}

/**
 * d360_project_set_budget_minor:
 * @budget_minor: minor units (cents), or -1 for no budget
 *
 * Any value is kept; d360_store_validate_project() refuses the bad ones.
 */
void
d360_project_set_budget_minor (D360Project *self,
                               gint64       budget_minor)
{
  g_return_if_fail (D360_IS_PROJECT (self));

  if (self->budget_minor == budget_minor)
    return;
  self->budget_minor = budget_minor;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUDGET_MINOR]);
}

const char *
d360_project_get_currency (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), NULL);
  return self->currency;
}

void
d360_project_set_currency (D360Project *self,
                           const char  *currency)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  set_string (self, &self->currency, currency, PROP_CURRENCY);
}

guint
d360_project_get_funding_sources (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), 0);
  return self->funding_sources;
}

/**
 * d360_project_set_funding_sources:
 * @funding_sources: #D360FundingSource bits
 */
void
d360_project_set_funding_sources (D360Project *self,
                                  guint        funding_sources)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  g_return_if_fail ((funding_sources & ~D360_ALL_FUNDING_SOURCES) == 0);
  set_uint (self, &self->funding_sources, funding_sources, PROP_FUNDING_SOURCES);
}

const char *
d360_project_get_start_date (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), NULL);
  return self->start_date;
}

/**
 * d360_project_set_start_date:
 * @start_date: (nullable): "YYYY-MM-DD"
 */
void
d360_project_set_start_date (D360Project *self,
                             const char  *start_date)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  set_string (self, &self->start_date, start_date, PROP_START_DATE);
}

const char *
d360_project_get_end_date (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), NULL);
  return self->end_date;
}

/**
 * d360_project_set_end_date:
 * @end_date: (nullable): "YYYY-MM-DD"
 */
void
d360_project_set_end_date (D360Project *self,
                           const char  *end_date)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  set_string (self, &self->end_date, end_date, PROP_END_DATE);
}

const char *
d360_project_get_location (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), NULL);
  return self->location;
}

void
d360_project_set_location (D360Project *self,
                           const char  *location)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  set_string (self, &self->location, location, PROP_LOCATION);
}

const char *
d360_project_get_responsible (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), NULL);
  return self->responsible;
}

void
d360_project_set_responsible (D360Project *self,
                              const char  *responsible)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  set_string (self, &self->responsible, responsible, PROP_RESPONSIBLE);
}

gboolean
d360_project_get_archived (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), FALSE);
  return self->archived;
}

void
d360_project_set_archived (D360Project *self,
                           gboolean     archived)
{
  g_return_if_fail (D360_IS_PROJECT (self));

  archived = !!archived;
  if (self->archived == archived)
    return;
  self->archived = archived;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

const char *
d360_project_get_created_at (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), NULL);
  return self->created_at;
}

void
d360_project_set_created_at (D360Project *self,
                             const char  *created_at)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  set_string (self, &self->created_at, created_at, PROP_CREATED_AT);
}

const char *
d360_project_get_updated_at (D360Project *self)
{
  g_return_val_if_fail (D360_IS_PROJECT (self), NULL);
  return self->updated_at;
}

void
d360_project_set_updated_at (D360Project *self,
                             const char  *updated_at)
{
  g_return_if_fail (D360_IS_PROJECT (self));
  set_string (self, &self->updated_at, updated_at, PROP_UPDATED_AT);
}

/* d360-project.h — a project with international cooperation potential
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "d360-city.h"

G_BEGIN_DECLS

/**
 * D360Stage:
 *
 * Where a project stands, in the order projects usually go through.
 */
typedef enum
{
  D360_STAGE_IDEA,
  D360_STAGE_CONCEPT,
  D360_STAGE_FEASIBILITY,
  D360_STAGE_SEEKING_PARTNERS,
  D360_STAGE_NEGOTIATION,
  D360_STAGE_AGREED,
  D360_STAGE_IMPLEMENTATION,
  D360_STAGE_COMPLETED,
  D360_STAGE_DROPPED,
  D360_N_STAGES
} D360Stage;

/**
 * D360AgendaArea:
 *
 * The areas of the city diplomacy agenda a project serves (a set: bit flags).
 */
typedef enum
{
  D360_AGENDA_FOREIGN_INVESTMENT = 1 << 0,
  D360_AGENDA_CULTURE            = 1 << 1,
  D360_AGENDA_TOURISM            = 1 << 2,
  D360_AGENDA_SISTER_CITIES      = 1 << 3,
  D360_AGENDA_IMMIGRATION        = 1 << 4,
  D360_AGENDA_EDUCATION          = 1 << 5,
  D360_AGENDA_SECURITY_DEFENCE   = 1 << 6,
} D360AgendaArea;

#define D360_N_AGENDA_AREAS 7

/**
 * D360FundingSource:
 *
 * Where a project's money comes or may come from (a set: bit flags).
 */
typedef enum
{
  D360_FUNDING_EU          = 1 << 0,
  D360_FUNDING_WORLD_BANK  = 1 << 1,
  D360_FUNDING_OECD        = 1 << 2,
  D360_FUNDING_NATIONAL    = 1 << 3,
  D360_FUNDING_PRIVATE     = 1 << 4,
  D360_FUNDING_OTHER       = 1 << 5,
} D360FundingSource;

#define D360_N_FUNDING_SOURCES 6

/* A set of dimensions: bit (1 << D360Dimension). */
#define D360_DIMENSION_BIT(d) (1u << (d))

const char *d360_stage_to_key            (D360Stage  stage);
gboolean    d360_stage_from_key          (const char *key,
                                          D360Stage  *stage);
const char *d360_stage_get_label         (D360Stage  stage);
const char *d360_agenda_area_get_label   (guint      index);
const char *d360_funding_source_get_label (guint     index);

#define D360_TYPE_PROJECT (d360_project_get_type ())

G_DECLARE_FINAL_TYPE (D360Project, d360_project, D360, PROJECT, GObject)

/* Properties (all readable and, but for id and the timestamps, writable):
 * "id" (int64), "city-id" (int64), "title", "summary", "description",
 * "agenda-areas" (uint, D360AgendaArea bits), "dimensions" (uint, dimension
 * bits), "sector", "stage" (int, D360Stage), "budget-minor" (int64, minor
 * units, -1 when none), "currency" (ISO 4217), "funding-sources" (uint,
 * D360FundingSource bits), "start-date" and "end-date" ("YYYY-MM-DD" or
 * NULL), "location", "responsible", "archived" (boolean), "created-at",
 * "updated-at". Empty strings are stored as NULL. */

D360Project *d360_project_new                 (gint64       city_id,
                                               const char  *title);
D360Project *d360_project_copy                (D360Project *self);
gint64       d360_project_get_id              (D360Project *self);
gint64       d360_project_get_city_id         (D360Project *self);
void         d360_project_set_city_id         (D360Project *self,
                                               gint64       city_id);
const char  *d360_project_get_title           (D360Project *self);
void         d360_project_set_title           (D360Project *self,
                                               const char  *title);
const char  *d360_project_get_summary         (D360Project *self);
void         d360_project_set_summary         (D360Project *self,
                                               const char  *summary);
const char  *d360_project_get_description     (D360Project *self);
void         d360_project_set_description     (D360Project *self,
                                               const char  *description);
guint        d360_project_get_agenda_areas    (D360Project *self);
void         d360_project_set_agenda_areas    (D360Project *self,
                                               guint        agenda_areas);
guint        d360_project_get_dimensions      (D360Project *self);
void         d360_project_set_dimensions      (D360Project *self,
                                               guint        dimensions);
const char  *d360_project_get_sector          (D360Project *self);
void         d360_project_set_sector          (D360Project *self,
                                               const char  *sector);
D360Stage    d360_project_get_stage           (D360Project *self);
void         d360_project_set_stage           (D360Project *self,
                                               D360Stage    stage);
gint64       d360_project_get_budget_minor    (D360Project *self);
void         d360_project_set_budget_minor    (D360Project *self,
                                               gint64       budget_minor);
const char  *d360_project_get_currency        (D360Project *self);
void         d360_project_set_currency        (D360Project *self,
                                               const char  *currency);
guint        d360_project_get_funding_sources (D360Project *self);
void         d360_project_set_funding_sources (D360Project *self,
                                               guint        funding_sources);
const char  *d360_project_get_start_date      (D360Project *self);
void         d360_project_set_start_date      (D360Project *self,
                                               const char  *start_date);
const char  *d360_project_get_end_date        (D360Project *self);
void         d360_project_set_end_date        (D360Project *self,
                                               const char  *end_date);
const char  *d360_project_get_location        (D360Project *self);
void         d360_project_set_location        (D360Project *self,
                                               const char  *location);
const char  *d360_project_get_responsible     (D360Project *self);
void         d360_project_set_responsible     (D360Project *self,
                                               const char  *responsible);
gboolean     d360_project_get_archived        (D360Project *self);
void         d360_project_set_archived        (D360Project *self,
                                               gboolean     archived);
const char  *d360_project_get_created_at      (D360Project *self);
const char  *d360_project_get_updated_at      (D360Project *self);

G_END_DECLS

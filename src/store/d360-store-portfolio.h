/* d360-store-portfolio.h — reading and writing projects and partnerships
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "d360-partnership.h"
#include "d360-project.h"
#include "d360-store.h"

G_BEGIN_DECLS

typedef enum
{
  D360_PROJECT_SORT_TITLE,
  D360_PROJECT_SORT_STAGE,
  D360_PROJECT_SORT_BUDGET,
  D360_PROJECT_SORT_UPDATED,   /* last updated first */
} D360ProjectSort;

/* What a project list shows. Zero masks and a NULL search mean "any". */
typedef struct
{
  gint64           city_id;
  const char      *search;           /* words typed by the user; prefix matches */
  int              stage;            /* a D360Stage, or -1 for any */
  guint            agenda_areas;     /* any of these */
  guint            dimensions;       /* any of these */
  guint            funding_sources;  /* any of these */
  gboolean         archived;         /* the archived projects instead of the active ones */
  D360ProjectSort  sort;
} D360ProjectQuery;

/* One entry of a project's stage history. */
typedef struct
{
  D360Stage  stage;
  char      *changed_on;   /* "YYYY-MM-DD" */
} D360StageChange;

void         d360_stage_change_free           (D360StageChange *change);

/* The largest budget accepted, in minor units (a thousand billion, with cents). */
#define D360_MAX_BUDGET_MINOR G_GINT64_CONSTANT (100000000000000)

gboolean     d360_store_validate_project      (D360Project             *project,
                                               GError                 **error);
gboolean     d360_store_save_project          (D360Store               *self,
                                               D360Project             *project,
                                               GError                 **error);
D360Project *d360_store_get_project           (D360Store               *self,
                                               gint64                   id,
                                               GError                 **error);
D360Project *d360_store_duplicate_project     (D360Store               *self,
                                               gint64                   id,
                                               GError                 **error);
gboolean     d360_store_set_project_archived  (D360Store               *self,
                                               gint64                   id,
                                               gboolean                 archived,
                                               GError                 **error);
/* Deletes the project; returns what is needed to undo it (the project as it
 * was, with its stage history), or NULL on error. */
GObject     *d360_store_delete_project        (D360Store               *self,
                                               gint64                   id,
                                               GError                 **error);
gboolean     d360_store_undo_delete_project   (D360Store               *self,
                                               GObject                 *deleted,
                                               GError                 **error);
GPtrArray   *d360_store_get_stage_history     (D360Store               *self,
                                               gint64                   project_id,
                                               GError                 **error);
gint64       d360_store_count_projects        (D360Store               *self,
                                               const D360ProjectQuery  *query,
                                               GError                 **error);
GListModel  *d360_store_list_projects         (D360Store               *self,
                                               const D360ProjectQuery  *query);
void         d360_store_project_list_set_query (GListModel             *model,
                                                const D360ProjectQuery *query);

gboolean         d360_store_validate_partnership (D360Partnership  *partnership,
                                                  GError          **error);
gboolean         d360_store_save_partnership    (D360Store        *self,
                                                 D360Partnership  *partnership,
                                                 GError          **error);
D360Partnership *d360_store_get_partnership     (D360Store        *self,
                                                 gint64            id,
                                                 GError          **error);
gboolean         d360_store_delete_partnership  (D360Store        *self,
                                                 gint64            id,
                                                 GError          **error);
GListModel      *d360_store_list_partnerships   (D360Store        *self,
                                                 gint64            city_id);

/* The sample portfolio for workshops: one clearly labelled city with about a
 * dozen projects and several partnerships. Loading it again returns the one
 * already there. */
gint64       d360_store_load_sample_portfolio   (D360Store  *self,
                                                 GError    **error);
gint64       d360_store_find_sample_city        (D360Store  *self);
gboolean     d360_store_remove_sample_portfolio (D360Store  *self,
                                                 GError    **error);

/* What deleting a city also deletes, for the confirmation. */
gboolean     d360_store_count_city_contents     (D360Store  *self,
                                                 gint64      city_id,
                                                 guint      *n_projects,
                                                 guint      *n_partnerships,
                                                 GError    **error);

G_END_DECLS

/* d360-projects-view.h — the city's projects: list, search, filters and the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store.h"

G_BEGIN_DECLS

#define D360_TYPE_PROJECTS_VIEW (d360_projects_view_get_type ())

G_DECLARE_FINAL_TYPE (D360ProjectsView, d360_projects_view, D360, PROJECTS_VIEW, AdwBin)

void     d360_projects_view_set_store    (D360ProjectsView *self,
                               D360Store *store);
void     d360_projects_view_set_city     (D360ProjectsView *self,
                               gint64     city_id);
gboolean d360_projects_view_start_search (D360ProjectsView *self);

G_END_DECLS

/* d360-partnerships-view.h — the city's partnerships: list and editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store.h"

G_BEGIN_DECLS

#define D360_TYPE_PARTNERSHIPS_VIEW (d360_partnerships_view_get_type ())

G_DECLARE_FINAL_TYPE (D360PartnershipsView, d360_partnerships_view, D360, PARTNERSHIPS_VIEW, AdwBin)

void     d360_partnerships_view_set_store    (D360PartnershipsView *self,
                               D360Store *store);
void     d360_partnerships_view_set_city     (D360PartnershipsView *self,
                               gint64     city_id);
gboolean d360_partnerships_view_start_search (D360PartnershipsView *self);

G_END_DECLS

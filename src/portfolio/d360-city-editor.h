/* d360-city-editor.h — the city profile and its seven dimensions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store.h"

G_BEGIN_DECLS

#define D360_TYPE_CITY_EDITOR (d360_city_editor_get_type ())

G_DECLARE_FINAL_TYPE (D360CityEditor, d360_city_editor, D360, CITY_EDITOR, AdwBin)

void       d360_city_editor_set_store (D360CityEditor *self,
                                       D360Store      *store);
void       d360_city_editor_set_city  (D360CityEditor *self,
                                       gint64          city_id);
gint64     d360_city_editor_get_city  (D360CityEditor *self);
void       d360_city_editor_flush     (D360CityEditor *self);
void       d360_city_editor_focus_name (D360CityEditor *self);

G_END_DECLS

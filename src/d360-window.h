/* d360-window.h — the main window and its sections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store.h"

G_BEGIN_DECLS

#define D360_TYPE_WINDOW (d360_window_get_type ())

G_DECLARE_FINAL_TYPE (D360Window, d360_window, D360, WINDOW, AdwApplicationWindow)

D360Window *d360_window_new                 (AdwApplication *application,
                                             D360Store      *store,
                                             GSettings      *settings);
D360Store  *d360_window_get_store           (D360Window     *self);
const char *d360_window_get_visible_section (D360Window     *self);
void        d360_window_set_visible_section (D360Window     *self,
                                             const char     *section);
void        d360_window_show_toast          (D360Window     *self,
                                             const char     *title);

G_END_DECLS

/* d360-preferences-window.h — the app's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store.h"

G_BEGIN_DECLS

#define D360_TYPE_PREFERENCES_WINDOW (d360_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (D360PreferencesWindow, d360_preferences_window, D360, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

D360PreferencesWindow *d360_preferences_window_new (GSettings *settings,
                                                    D360Store *store);

G_END_DECLS

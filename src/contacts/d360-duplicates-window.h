/* d360-duplicates-window.h — people stored twice, and merging them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store.h"

G_BEGIN_DECLS

#define D360_TYPE_DUPLICATES_WINDOW (d360_duplicates_window_get_type ())

G_DECLARE_FINAL_TYPE (D360DuplicatesWindow, d360_duplicates_window, D360, DUPLICATES_WINDOW,
                      AdwWindow)

D360DuplicatesWindow *d360_duplicates_window_new     (GtkWindow            *parent,
                                                      D360Store            *store);
/* Looks for the pairs again; returns how many there are. */
guint                 d360_duplicates_window_refresh (D360DuplicatesWindow *self);
/* Merges the pair at @index of the list, without asking (the Merge button
 * asks first). */
gboolean              d360_duplicates_window_merge   (D360DuplicatesWindow *self,
                                                      guint                 index,
                                                      GError              **error);
/* Tells the store the pair at @index are two people, and takes the pair off
 * the list (the Not the Same button also offers an undo). */
gboolean              d360_duplicates_window_set_distinct (D360DuplicatesWindow *self,
                                                           guint                 index,
                                                           GError              **error);

G_END_DECLS

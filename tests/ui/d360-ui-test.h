/* d360-ui-test.h — what the UI tests share: waiting on the main loop,
 * temporary folders, pictures of windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef gboolean (*D360TestCondition) (gpointer data);

gboolean d360_test_wait_until     (D360TestCondition  condition,
                                   gpointer           data,
                                   guint              timeout_ms);
void     d360_test_run_for        (guint              ms);
void     d360_test_remove_tree    (const char        *path);
gboolean d360_test_save_window_png (GtkWidget        *window,
                                    const char       *path);

G_END_DECLS

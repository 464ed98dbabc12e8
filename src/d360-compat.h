/* d360-compat.h — the one place where GTK / libadwaita versions differ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void d360_compat_launch_uri (GtkWindow  *parent,
                             const char *uri);

G_END_DECLS

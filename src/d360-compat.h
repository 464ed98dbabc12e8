/* d360-compat.h — the one place where GTK / libadwaita versions differ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void d360_compat_launch_uri    (GtkWindow       *parent,
                                const char      *uri);
void d360_compat_add_toast     (AdwToastOverlay *overlay,
                                AdwToast        *toast);
void d360_compat_dismiss_toast (AdwToast        *toast);

G_END_DECLS

/* d360-i18n.h — gettext set-up shared by the app, the command line and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void d360_i18n_init (void);

G_END_DECLS

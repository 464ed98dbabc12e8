/* d360-validate.h — checks of values that come from people and files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean d360_is_web_url      (const char *text);
gboolean d360_is_phone_number (const char *text);

G_END_DECLS

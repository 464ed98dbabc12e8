/* d360-date.h — calendar dates as the database keeps them ("YYYY-MM-DD")
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  d360_date_parse        (const char  *text,
                                  GDate       *date);
char     *d360_date_to_string    (const GDate *date);
void      d360_date_set_today    (GDate       *date);

G_END_DECLS

/* d360-atomic-file.h — writing a whole file so that it is never half written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean d360_write_file_atomically (const char  *path,
                                     GBytes      *data,
                                     GError     **error);

G_END_DECLS

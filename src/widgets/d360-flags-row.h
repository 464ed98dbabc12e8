/* d360-flags-row.h — an expander row to choose several items of a set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define D360_TYPE_FLAGS_ROW (d360_flags_row_get_type ())

G_DECLARE_FINAL_TYPE (D360FlagsRow, d360_flags_row, D360, FLAGS_ROW, AdwExpanderRow)

/* Property "value" (uint): the chosen items as bits (1 << index). Its notify
 * signal tells when the user changes the choice. */

GtkWidget *d360_flags_row_new        (void);
void       d360_flags_row_set_items  (D360FlagsRow       *self,
                                      const char * const *labels,
                                      guint               n_items);
guint      d360_flags_row_get_value  (D360FlagsRow       *self);
void       d360_flags_row_set_value  (D360FlagsRow       *self,
                                      guint               value);

G_END_DECLS

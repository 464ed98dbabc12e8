/* d360-codes-row.h — an expander row to choose several ISO codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-iso-codes.h"

G_BEGIN_DECLS

#define D360_TYPE_CODES_ROW (d360_codes_row_get_type ())

G_DECLARE_FINAL_TYPE (D360CodesRow, d360_codes_row, D360, CODES_ROW, AdwExpanderRow)

/* Property "codes" (GStrv): the chosen codes, in the order chosen; its notify
 * signal tells when the user changes them. "standard" (int): which list of
 * iso-codes to choose from (languages or countries). */

const char * const *d360_codes_row_get_codes    (D360CodesRow       *self);
void                d360_codes_row_set_codes    (D360CodesRow       *self,
                                                 const char * const *codes);
void                d360_codes_row_set_standard (D360CodesRow       *self,
                                                 D360IsoStandard     standard);
/* Adds @code as if the user chose it; FALSE when it is unknown or chosen. */
gboolean            d360_codes_row_add_code     (D360CodesRow       *self,
                                                 const char         *code);

G_END_DECLS

/* d360-partnership-private.h — what only the store may do to a partnership
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "d360-partnership.h"

G_BEGIN_DECLS

D360Partnership *d360_partnership_new_with_id    (gint64           id,
                                                  gint64           city_id);
void             d360_partnership_set_id         (D360Partnership *self,
                                                  gint64           id);
void             d360_partnership_set_updated_at (D360Partnership *self,
                                                  const char      *updated_at);

G_END_DECLS

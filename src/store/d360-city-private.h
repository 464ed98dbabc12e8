/* d360-city-private.h — what only the store may do to a city
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "d360-city.h"

G_BEGIN_DECLS

D360City *d360_city_new_with_id    (gint64      id);
void      d360_city_set_id         (D360City   *self,
                                    gint64      id);
void      d360_city_set_updated_at (D360City   *self,
                                    const char *updated_at);

G_END_DECLS

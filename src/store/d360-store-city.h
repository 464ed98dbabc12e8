/* d360-store-city.h — reading and writing cities
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "d360-city.h"
#include "d360-store.h"

G_BEGIN_DECLS

gboolean    d360_store_validate_city (D360City   *city,
                                      GError    **error);
gboolean    d360_store_save_city     (D360Store  *self,
                                      D360City   *city,
                                      GError    **error);
D360City   *d360_store_get_city      (D360Store  *self,
                                      gint64      id,
                                      GError    **error);
gboolean    d360_store_delete_city   (D360Store  *self,
                                      gint64      id,
                                      GError    **error);
GListModel *d360_store_list_cities   (D360Store  *self);

G_END_DECLS

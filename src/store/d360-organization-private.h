/* d360-organization-private.h — what only the store may do to an organisation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "d360-organization.h"

G_BEGIN_DECLS

D360Organization *d360_organization_new_with_id     (gint64            id);
void              d360_organization_set_id          (D360Organization *self,
                                                     gint64            id);
void              d360_organization_set_n_people    (D360Organization *self,
                                                     guint             n_people);
const char       *d360_organization_get_created_at  (D360Organization *self);
void              d360_organization_set_created_at  (D360Organization *self,
                                                     const char       *created_at);
void              d360_organization_set_updated_at  (D360Organization *self,
                                                     const char       *updated_at);

G_END_DECLS

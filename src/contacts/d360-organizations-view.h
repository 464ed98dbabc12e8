/* d360-organizations-view.h — the organisations: list, search and the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store.h"

G_BEGIN_DECLS

#define D360_TYPE_ORGANIZATIONS_VIEW (d360_organizations_view_get_type ())

G_DECLARE_FINAL_TYPE (D360OrganizationsView, d360_organizations_view, D360,
                      ORGANIZATIONS_VIEW, AdwBin)

/* Signals "open-person" (int64) and "add-person" (int64: the organisation),
 * from the editor's list of people. */

void     d360_organizations_view_set_store         (D360OrganizationsView *self,
                                                    D360Store             *store);
gboolean d360_organizations_view_start_search      (D360OrganizationsView *self);
void     d360_organizations_view_new_organization  (D360OrganizationsView *self);
gboolean d360_organizations_view_open_organization (D360OrganizationsView *self,
                                                    gint64                 organization_id);
void     d360_organizations_view_flush             (D360OrganizationsView *self);

G_END_DECLS

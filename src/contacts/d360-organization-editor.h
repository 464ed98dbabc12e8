/* d360-organization-editor.h — one organisation and its people
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store-contacts.h"

G_BEGIN_DECLS

#define D360_TYPE_ORGANIZATION_EDITOR (d360_organization_editor_get_type ())

G_DECLARE_FINAL_TYPE (D360OrganizationEditor, d360_organization_editor, D360,
                      ORGANIZATION_EDITOR, AdwBin)

/* Property "organization-id" (int64, read-only): 0 when none or not saved yet.
 * Signal "open-person" (int64): a person of the list was activated.
 * Signal "add-person" (int64): "Add Person" for this organisation. */

void     d360_organization_editor_set_store   (D360OrganizationEditor  *self,
                                               D360Store               *store);
gboolean d360_organization_editor_load        (D360OrganizationEditor  *self,
                                               gint64                   organization_id,
                                               GError                 **error);
void     d360_organization_editor_new_organization (D360OrganizationEditor *self);
void     d360_organization_editor_clear       (D360OrganizationEditor  *self);
gint64   d360_organization_editor_get_organization_id (D360OrganizationEditor *self);
D360Organization *d360_organization_editor_get_organization (D360OrganizationEditor *self);
void     d360_organization_editor_flush       (D360OrganizationEditor  *self);
gboolean d360_organization_editor_is_pending  (D360OrganizationEditor  *self);
void     d360_organization_editor_focus_name  (D360OrganizationEditor  *self);

G_END_DECLS

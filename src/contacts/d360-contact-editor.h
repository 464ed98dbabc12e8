/* d360-contact-editor.h — every field of one person, saved as the user types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store-contacts.h"

G_BEGIN_DECLS

#define D360_TYPE_CONTACT_EDITOR (d360_contact_editor_get_type ())

G_DECLARE_FINAL_TYPE (D360ContactEditor, d360_contact_editor, D360, CONTACT_EDITOR, AdwBin)

/* Property "contact-id" (int64, read-only): the person shown, 0 when none or
 * not saved yet. It changes when a new person is first saved, when another
 * is loaded, merged into, or erased. */

void         d360_contact_editor_set_store      (D360ContactEditor  *self,
                                                 D360Store          *store);
gboolean     d360_contact_editor_load           (D360ContactEditor  *self,
                                                 gint64              contact_id,
                                                 GError            **error);
/* Shows an empty person, saved once it has a name, an email or an organisation. */
void         d360_contact_editor_new_contact    (D360ContactEditor  *self,
                                                 gint64              organization_id);
void         d360_contact_editor_clear          (D360ContactEditor  *self);
gboolean     d360_contact_editor_has_contact    (D360ContactEditor  *self);
gint64       d360_contact_editor_get_contact_id (D360ContactEditor  *self);
D360Contact *d360_contact_editor_get_contact    (D360ContactEditor  *self);
void         d360_contact_editor_flush          (D360ContactEditor  *self);
gboolean     d360_contact_editor_is_pending     (D360ContactEditor  *self);
void         d360_contact_editor_focus_name     (D360ContactEditor  *self);
/* The id of the stored person the new one seems to duplicate, or 0. */
gint64       d360_contact_editor_get_duplicate_id (D360ContactEditor *self);
/* Writes the personal data export of the person shown to @file (atomically,
 * in a thread); a toast tells how it went. */
void         d360_contact_editor_export_personal_data (D360ContactEditor *self,
                                                       GFile             *file);
char        *d360_contact_editor_dup_avatar_text (D360Contact *contact);

G_END_DECLS

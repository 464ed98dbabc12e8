/* d360-partnership-editor.h — the form of one partnership
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store.h"

G_BEGIN_DECLS

#define D360_TYPE_PARTNERSHIP_EDITOR (d360_partnership_editor_get_type ())

G_DECLARE_FINAL_TYPE (D360PartnershipEditor, d360_partnership_editor, D360, PARTNERSHIP_EDITOR,
                      AdwBin)

/* Signals: "saved" after each save, "save-failed" (a sentence for the user)
 * when the store refused one. */

GtkWidget *d360_partnership_editor_new         (void);
void       d360_partnership_editor_set_store   (D360PartnershipEditor *self,
                                                D360Store             *store);
gboolean   d360_partnership_editor_load        (D360PartnershipEditor *self,
                                                gint64                 id,
                                                GError               **error);
gint64     d360_partnership_editor_get_id      (D360PartnershipEditor *self);
void       d360_partnership_editor_flush       (D360PartnershipEditor *self);
gboolean   d360_partnership_editor_is_pending  (D360PartnershipEditor *self);
void       d360_partnership_editor_focus_name  (D360PartnershipEditor *self);

G_END_DECLS

/* d360-project-editor.h — every field of one project, saved as the user types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store-portfolio.h"

G_BEGIN_DECLS

#define D360_TYPE_PROJECT_EDITOR (d360_project_editor_get_type ())

G_DECLARE_FINAL_TYPE (D360ProjectEditor, d360_project_editor, D360, PROJECT_EDITOR, AdwBin)

/* Property "show-back-button" (boolean): shows a button that activates
 * "projects.show-list", for when the list and the editor are folded. The
 * buttons of the editor's bar activate "projects.duplicate",
 * "projects.archive" and "projects.delete", which the enclosing view
 * provides. */

void         d360_project_editor_set_store      (D360ProjectEditor *self,
                                                 D360Store         *store);
gboolean     d360_project_editor_load           (D360ProjectEditor *self,
                                                 gint64             project_id,
                                                 GError           **error);
void         d360_project_editor_clear          (D360ProjectEditor *self);
gint64       d360_project_editor_get_project_id (D360ProjectEditor *self);
D360Project *d360_project_editor_get_project    (D360ProjectEditor *self);
void         d360_project_editor_flush          (D360ProjectEditor *self);
gboolean     d360_project_editor_is_pending     (D360ProjectEditor *self);
void         d360_project_editor_focus_title    (D360ProjectEditor *self);

G_END_DECLS

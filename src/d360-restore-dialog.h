/* d360-restore-dialog.h — choose a backup and bring it back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store.h"

G_BEGIN_DECLS

#define D360_TYPE_RESTORE_DIALOG (d360_restore_dialog_get_type ())

G_DECLARE_FINAL_TYPE (D360RestoreDialog, d360_restore_dialog, D360, RESTORE_DIALOG,
                      AdwMessageDialog)

D360RestoreDialog *d360_restore_dialog_new          (GtkWindow         *parent,
                                                     D360Store         *store,
                                                     const char        *folder);
guint              d360_restore_dialog_get_n_backups (D360RestoreDialog *self);
gboolean           d360_restore_dialog_select       (D360RestoreDialog *self,
                                                     guint              index);

G_END_DECLS

/* d360-export-dialog.h — write people to a vCard or CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store.h"

G_BEGIN_DECLS

#define D360_TYPE_EXPORT_DIALOG (d360_export_dialog_get_type ())

G_DECLARE_FINAL_TYPE (D360ExportDialog, d360_export_dialog, D360, EXPORT_DIALOG, AdwWindow)

/* Asks for the format (vCard 4.0, vCard 3.0, CSV), the CSV separator and
 * which people (all, or @ids: gint64, the current list or selection; NULL
 * means every contact), then for a file name, and writes it atomically.
 * Returns at once. */
void              d360_export_dialog_run        (GtkWindow        *parent,
                                                 D360Store        *store,
                                                 GArray           *ids);

/* The window, without running it; what the tests use. Its export button is
 * the action "export.export" (it asks for a file); the file chooser's answer
 * calls d360_export_dialog_export_to_file(). "finished" (success, message)
 * tells how the writing went. */
D360ExportDialog *d360_export_dialog_new        (GtkWindow        *parent,
                                                 D360Store        *store,
                                                 GArray           *ids);
void              d360_export_dialog_export_to_file (D360ExportDialog *self,
                                                     GFile            *file);

G_END_DECLS

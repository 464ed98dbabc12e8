/* d360-import-dialog.h — bring people in from a vCard or CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store-contacts.h"

G_BEGIN_DECLS

#define D360_TYPE_IMPORT_DIALOG (d360_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (D360ImportDialog, d360_import_dialog, D360, IMPORT_DIALOG, AdwWindow)

/* Asks for a file (vCard or CSV), reads it in a thread, shows a preview
 * (new, likely duplicates, rejected lines; a column mapping for a CSV of
 * an unknown layout) and imports on "Import". Returns at once. */
void              d360_import_dialog_run        (GtkWindow        *parent,
                                                 D360Store        *store);

/* The window for @file, without the file chooser (what the tests use). It
 * starts reading at once; "finished" (a message) is emitted once the import
 * is written. Its buttons are the actions "import.continue" (after the
 * column mapping), "import.import" and "import.cancel". */
D360ImportDialog *d360_import_dialog_new        (GtkWindow        *parent,
                                                 D360Store        *store,
                                                 GFile            *file);
const char       *d360_import_dialog_get_page   (D360ImportDialog *self);
const D360ImportCounts *d360_import_dialog_get_counts (D360ImportDialog *self);
const char       *d360_import_dialog_get_error  (D360ImportDialog *self);

G_END_DECLS

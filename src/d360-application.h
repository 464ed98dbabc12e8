/* d360-application.h — the application: actions, settings, the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store.h"

G_BEGIN_DECLS

#define D360_TYPE_APPLICATION (d360_application_get_type ())

G_DECLARE_FINAL_TYPE (D360Application, d360_application, D360, APPLICATION, AdwApplication)

D360Application *d360_application_new          (void);
D360Store       *d360_application_get_store    (D360Application *self);
GSettings       *d360_application_get_settings (D360Application *self);
char            *d360_application_dup_backup_folder (D360Application *self);

G_END_DECLS

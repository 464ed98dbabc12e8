/* d360-project-private.h — what only the store may do to a project
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "d360-project.h"

G_BEGIN_DECLS

/* All the bits a set may hold. */
#define D360_ALL_AGENDA_AREAS    ((1u << D360_N_AGENDA_AREAS) - 1)
#define D360_ALL_DIMENSIONS      ((1u << D360_N_DIMENSIONS) - 1)
#define D360_ALL_FUNDING_SOURCES ((1u << D360_N_FUNDING_SOURCES) - 1)

D360Project *d360_project_new_with_id    (gint64       id);
void         d360_project_set_id         (D360Project *self,
                                          gint64       id);
void         d360_project_set_created_at (D360Project *self,
                                          const char  *created_at);
void         d360_project_set_updated_at (D360Project *self,
                                          const char  *updated_at);

G_END_DECLS

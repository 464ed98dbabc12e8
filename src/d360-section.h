/* d360-section.h — what every section of the main window has in common
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store.h"

G_BEGIN_DECLS

#define D360_TYPE_SECTION (d360_section_get_type ())

G_DECLARE_DERIVABLE_TYPE (D360Section, d360_section, D360, SECTION, AdwBin)

struct _D360SectionClass
{
  AdwBinClass parent_class;

  /* Called when the section gets its store (once, before it is shown). */
  void     (*store_set)    (D360Section *self,
                            D360Store   *store);
  /* Shows and focuses the section's search; FALSE when it has none. */
  gboolean (*start_search) (D360Section *self);
};

D360Store *d360_section_get_store    (D360Section *self);
void       d360_section_set_store    (D360Section *self,
                                      D360Store   *store);
gboolean   d360_section_has_search   (D360Section *self);
gboolean   d360_section_start_search (D360Section *self);

void       d360_section_focus_page_made (GtkWidget   *container,
                                         GtkWidget   *page);

G_END_DECLS

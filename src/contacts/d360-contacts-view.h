/* d360-contacts-view.h — the people: list, search, filters and the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "d360-store.h"

G_BEGIN_DECLS

#define D360_TYPE_CONTACTS_VIEW (d360_contacts_view_get_type ())

G_DECLARE_FINAL_TYPE (D360ContactsView, d360_contacts_view, D360, CONTACTS_VIEW, AdwBin)

void     d360_contacts_view_set_store      (D360ContactsView *self,
                                            D360Store        *store);
gboolean d360_contacts_view_start_search   (D360ContactsView *self);
/* Shows a new, empty person (of @organization_id when not 0). */
void     d360_contacts_view_new_person     (D360ContactsView *self,
                                            gint64            organization_id);
/* Shows the person @contact_id, clearing a search or filter that hides it. */
gboolean d360_contacts_view_open_person    (D360ContactsView *self,
                                            gint64            contact_id);
/* What Export… writes: the selected people when several are selected, else
 * the people the list shows; NULL when that is everyone. */
GArray  *d360_contacts_view_dup_export_ids (D360ContactsView *self);
/* Shows the edited person as stored now (after a merge elsewhere), or
 * nobody when they are gone. */
void     d360_contacts_view_reload         (D360ContactsView *self);
/* Saves what the editor holds. */
void     d360_contacts_view_flush          (D360ContactsView *self);

G_END_DECLS

/* d360-store-contacts-private.h — contact helpers for the store and its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "d360-store-contacts.h"

G_BEGIN_DECLS

/* Folded case, diacritics removed (the comma and the cedilla forms of ș and ț
 * alike), white space collapsed and trimmed: "  Ștefan   POPESCU" and
 * "Ştefan Popescu" both give "stefan popescu". */
char *d360_fold_text           (const char  *text);
/* The key duplicates are found by: the folded given and family names, the
 * honorific left out; "" when the person has no name. */
char *d360_contact_dup_name_key (D360Contact *contact);

/* Fills the (empty) search index with everyone's row, in the open
 * transaction (d360_store_rebuild_search()). */
gboolean d360_store_fill_contact_search (D360Store  *self,
                                         GError    **error);

G_END_DECLS

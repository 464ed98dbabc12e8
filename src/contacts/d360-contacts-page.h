/* d360-contacts-page.h — the Contacts section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "d360-section.h"

G_BEGIN_DECLS

#define D360_TYPE_CONTACTS_PAGE (d360_contacts_page_get_type ())

G_DECLARE_FINAL_TYPE (D360ContactsPage, d360_contacts_page, D360, CONTACTS_PAGE, D360Section)

G_END_DECLS

/* d360-vcard.h — reading and writing vCard files (2.1, 3.0 and 4.0)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "d360-parsed-contact.h"

G_BEGIN_DECLS

typedef enum
{
  D360_VCARD_VERSION_3_0 = 30,   /* RFC 2426 */
  D360_VCARD_VERSION_4_0 = 40,   /* RFC 6350 */
} D360VCardVersion;

GPtrArray *d360_vcard_parse (GBytes            *data,
                             GPtrArray        **problems,
                             GError           **error);
GBytes    *d360_vcard_write (GPtrArray         *contacts,
                             D360VCardVersion   version);
GPtrArray *d360_vcard_parse_split (GBytes       *data,
                                   gsize         split_from,
                                   GPtrArray   **problems,
                                   GError      **error);
void       d360_vcard_append (GString          *out,
                              GPtrArray        *contacts,
                              D360VCardVersion  version);

G_END_DECLS

/* interop-test-util.h — helpers for the interop tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "d360-parsed-contact.h"

G_BEGIN_DECLS

GBytes            *load_sample              (const char        *name);
guint              line_of                  (GBytes            *bytes,
                                             const char        *needle,
                                             guint              occurrence);
void               assert_contacts_equal    (D360ParsedContact *a,
                                             D360ParsedContact *b);
void               assert_contact_lists_equal (GPtrArray       *a,
                                               GPtrArray       *b);
void               assert_text_fields_equal (D360ParsedContact *a,
                                             D360ParsedContact *b);
void               assert_problem           (GPtrArray         *problems,
                                             guint              index,
                                             guint              line,
                                             gboolean           rejected,
                                             const char        *reason_part);
D360ContactField  *field_at                 (GPtrArray         *fields,
                                             guint              index);
const char        *string_at                (GPtrArray         *list,
                                             guint              index);
GPtrArray         *make_contacts            (guint              n);
double             cpu_seconds              (void);

G_END_DECLS

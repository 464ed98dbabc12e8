/* d360-interop-private.h — helpers shared by the vCard and CSV readers and
 * writers; not for the rest of the app.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "d360-parsed-contact.h"

G_BEGIN_DECLS

/* The most categories or languages one contact keeps. */
#define D360_STRING_LIST_MAX 1000

void     d360_problem_add            (GPtrArray   *problems,
                                      guint        line,
                                      gboolean     rejected,
                                      const char  *format,
                                      ...) G_GNUC_PRINTF (4, 5);
GPtrArray *d360_problems_new         (void);
void     d360_problems_sort          (GPtrArray   *problems);

gboolean d360_text_prepare           (GBytes      *bytes,
                                      const char **text,
                                      gsize       *len,
                                      char       **owned);
gboolean d360_text_is_blank          (const char  *text,
                                      gsize        len);
gboolean d360_text_has_nul           (const char  *text,
                                      gsize        len);

gboolean d360_normalize_birthday     (const char  *text,
                                      char       **normalized);

void     d360_string_list_add        (GPtrArray   *list,
                                      const char  *value,
                                      gssize       len);
char    *d360_strndup_stripped       (const char  *text,
                                      gsize        len);
gboolean d360_is_system_group        (const char  *category);

G_END_DECLS

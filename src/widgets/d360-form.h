/* d360-form.h — small helpers every editor form uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Shows @message (or clears the error when NULL) on a row: red styling, a
 * warning icon whose tooltip is the message, and the message as the row's
 * accessible description. */
void        d360_form_set_row_error    (GtkWidget    *row,
                                        const char   *message);
const char *d360_form_get_row_error    (GtkWidget    *row);

/* Dates as the user types them ("2026-11-24", or the locale's own order such
 * as "24.11.2026"), to "YYYY-MM-DD"; an empty text is no date. */
gboolean    d360_form_parse_date       (const char   *text,
                                        char        **iso_date,
                                        GError      **error);
char       *d360_form_format_date      (const char   *iso_date);

/* Optional numbers: empty text means "not set" (*is_set = FALSE). */
gboolean    d360_form_parse_int64      (const char   *text,
                                        gint64        min,
                                        gint64        max,
                                        gint64       *value,
                                        gboolean     *is_set,
                                        GError      **error);
gboolean    d360_form_parse_double     (const char   *text,
                                        double        min,
                                        double        max,
                                        double       *value,
                                        gboolean     *is_set,
                                        GError      **error);
char       *d360_form_format_double    (double        value);

/* The text of an editable with surrounding white space removed; NULL when empty. */
char       *d360_form_dup_text         (GtkEditable  *editable);

/* Multi-line text held in a GtkTextView. */
char       *d360_form_dup_text_view    (GtkTextView  *view);
void        d360_form_set_text_view    (GtkTextView  *view,
                                        const char   *text);

/* Saving after the user pauses typing: d360_debouncer_schedule() (re)starts
 * a timer that calls @func once; d360_debouncer_flush() calls it now if
 * pending. Free with d360_debouncer_free(), which flushes. */
typedef struct _D360Debouncer D360Debouncer;

D360Debouncer *d360_debouncer_new      (guint          delay_ms,
                                        GSourceFunc    func,
                                        gpointer       user_data);
void           d360_debouncer_schedule (D360Debouncer *self);
void           d360_debouncer_flush    (D360Debouncer *self);
gboolean       d360_debouncer_is_pending (D360Debouncer *self);
void           d360_debouncer_free     (D360Debouncer *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (D360Debouncer, d360_debouncer_free)

G_END_DECLS

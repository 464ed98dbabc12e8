/* d360-form.c — small helpers every editor form uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-form"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <glib/gi18n.h>

#include "d360-form.h"
#include "d360-store.h"

#define ERROR_ICON_KEY "d360-form-error-icon"
#define ERROR_MESSAGE_KEY "d360-form-error-message"

/* ----------------------------------------------------------------- errors */

void
d360_form_set_row_error (GtkWidget  *row,
                         const char *message)
{
  GtkWidget *icon;

  g_return_if_fail (GTK_IS_WIDGET (row));

  icon = g_object_get_data (G_OBJECT (row), ERROR_ICON_KEY);
  if (icon == NULL && message != NULL && ADW_IS_ACTION_ROW (row))
    {
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "error");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      g_object_set_data (G_OBJECT (row), ERROR_ICON_KEY, icon);
    }
  else if (icon == NULL && message != NULL && ADW_IS_ENTRY_ROW (row))
    {
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "error");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), icon);
      g_object_set_data (G_OBJECT (row), ERROR_ICON_KEY, icon);
    }

  g_object_set_data_full (G_OBJECT (row), ERROR_MESSAGE_KEY, g_strdup (message), g_free);

  if (message != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      if (icon != NULL)
        {
          gtk_widget_set_tooltip_text (icon, message);
          gtk_widget_set_visible (icon, TRUE);
        }
      gtk_widget_set_tooltip_text (row, message);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      if (icon != NULL)
        gtk_widget_set_visible (icon, FALSE);
      gtk_widget_set_tooltip_text (row, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

/**
 * d360_form_get_row_error:
 *
 * Returns: (nullable): the error shown on @row
 */
const char *
d360_form_get_row_error (GtkWidget *row)
{
  g_return_val_if_fail (GTK_IS_WIDGET (row), NULL);

  return g_object_get_data (G_OBJECT (row), ERROR_MESSAGE_KEY);
}

/* ------------------------------------------------------------------ dates */

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, D360_STORE_ERROR, D360_STORE_ERROR_INVALID, message);
  return FALSE;
}

/**
 * d360_form_parse_date:
 * @iso_date: (out) (nullable): "YYYY-MM-DD", or NULL for an empty text
 *
 * Returns: %FALSE with a sentence for the user when @text is not a real date
 */
gboolean
d360_form_parse_date (const char  *text,
                      char       **iso_date,
                      GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  unsigned int year, month, day;
  char tail;
  GDate date;

  *iso_date = NULL;
  if (*trimmed == '\0')
    return TRUE;

  g_date_clear (&date, 1);
  if (sscanf (trimmed, "%4u-%2u-%2u%c", &year, &month, &day, &tail) == 3)
    {
      if (!g_date_valid_dmy (day, month, year))
        return invalid (error, _("This day does not exist in the calendar."));
      g_date_set_dmy (&date, day, month, year);
    }
  else
    {
      /* The locale's own order, such as 24.11.2026 or 11/24/2026. */
      g_date_set_parse (&date, trimmed);
      if (!g_date_valid (&date) || g_date_get_year (&date) < 1000)
        return invalid (error, _("Write the date as YYYY-MM-DD, for example 2026-11-24."));
    }

  *iso_date = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date),
                               g_date_get_month (&date), g_date_get_day (&date));
  return TRUE;
}

/**
 * d360_form_format_date:
 * @iso_date: (nullable): "YYYY-MM-DD"
 *
 * Returns: (transfer full): the date as an editor shows it (ISO 8601, which
 *   every locale reads the same way); "" for none
 */
char *
d360_form_format_date (const char *iso_date)
{
  return g_strdup (iso_date != NULL ? iso_date : "");
}

/* ---------------------------------------------------------------- numbers */

gboolean
d360_form_parse_int64 (const char  *text,
                       gint64       min,
                       gint64       max,
                       gint64      *value,
                       gboolean    *is_set,
                       GError     **error)
{
  g_autofree char *clean = NULL;
  GString *digits;
  gboolean overflow;
  gint64 parsed;
  char *end = NULL;

  *is_set = FALSE;
  clean = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*clean == '\0')
    return TRUE;

  /* Digits, optionally grouped by threes as people write them:
   * "300000", "300 000", "300.000", "300,000" (but not "12.5"). */
  if (!g_regex_match_simple ("^-?([0-9]+|[0-9]{1,3}([ .,'\u00A0\u202F][0-9]{3})+)$", clean, 0, 0))
    return invalid (error, _("Enter a whole number."));

  digits = g_string_new (NULL);
  for (const char *p = clean; *p != '\0'; p++)
    if (g_ascii_isdigit (*p) || *p == '-')
      g_string_append_c (digits, *p);

  errno = 0;
  parsed = g_ascii_strtoll (digits->str, &end, 10);
  overflow = errno != 0 || *end != '\0';
  g_string_free (digits, TRUE);
  if (overflow)
    return invalid (error, _("The number is too large."));

  if (parsed < min)
    return invalid (error, min == 0 ? _("The number cannot be negative.")
                                    : _("The number is too small."));
  if (parsed > max)
    return invalid (error, _("The number is too large."));

  *value = parsed;
  *is_set = TRUE;
  return TRUE;
}

gboolean
d360_form_parse_double (const char  *text,
                        double       min,
                        double       max,
                        double      *value,
                        gboolean    *is_set,
                        GError     **error)
{
  g_autofree char *clean = NULL;
  double parsed;
  char *end = NULL;

  *is_set = FALSE;
  clean = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*clean == '\0')
    return TRUE;

  /* Either decimal mark: "45.75" or "45,75". */
  g_strdelimit (clean, ",", '.');
  parsed = g_ascii_strtod (clean, &end);
  if (end == clean || *end != '\0' || !isfinite (parsed))
    return invalid (error, _("Enter a number, such as 45.75."));
  if (parsed < min || parsed > max)
    {
      g_autofree char *low = d360_form_format_double (min);
      g_autofree char *high = d360_form_format_double (max);
      g_autofree char *message = g_strdup_printf (_("Enter a number from %s to %s."), low, high);

      return invalid (error, message);
    }

  *value = parsed;
  *is_set = TRUE;
  return TRUE;
}

/**
 * d360_form_format_double:
 *
 * Returns: (transfer full): @value with as few decimals as it needs, with a
 *   point (the parser takes both marks)
 */
char *
d360_form_format_double (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

/* ------------------------------------------------------------------- text */

char *
d360_form_dup_text (GtkEditable *editable)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);

  text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

char *
d360_form_dup_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

void
d360_form_set_text_view (GtkTextView *view,
                         const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

/* -------------------------------------------------------------- debouncer */

struct _D360Debouncer
{
  guint       delay_ms;
  guint       source_id;
  GSourceFunc func;
  gpointer    user_data;
};

D360Debouncer *
d360_debouncer_new (guint       delay_ms,
                    GSourceFunc func,
                    gpointer    user_data)
{
  D360Debouncer *self = g_new0 (D360Debouncer, 1);

  self->delay_ms = delay_ms;
  self->func = func;
  self->user_data = user_data;
  return self;
}

static gboolean
debouncer_fire (gpointer data)
{
  D360Debouncer *self = data;

  self->source_id = 0;
  self->func (self->user_data);
  return G_SOURCE_REMOVE;
}

void
d360_debouncer_schedule (D360Debouncer *self)
{
  g_return_if_fail (self != NULL);

  g_clear_handle_id (&self->source_id, g_source_remove);
  self->source_id = g_timeout_add (self->delay_ms, debouncer_fire, self);
}

void
d360_debouncer_flush (D360Debouncer *self)
{
  g_return_if_fail (self != NULL);

  if (self->source_id == 0)
    return;

  g_clear_handle_id (&self->source_id, g_source_remove);
  self->func (self->user_data);
}

gboolean
d360_debouncer_is_pending (D360Debouncer *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->source_id != 0;
}

void
d360_debouncer_free (D360Debouncer *self)
{
  if (self == NULL)
    return;

  d360_debouncer_flush (self);
  g_free (self);
}

/* d360-partnership-editor.c — the form of one partnership
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every valid change goes into the partnership at once and is saved after a
 * short pause, one transaction per save. A value that is not valid stays in
 * its row, is not saved, and its error appears on the row when the user
 * leaves it; the store keeps the last valid value.
 */

#define G_LOG_DOMAIN "d360-partnership-editor"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "d360-city.h"
#include "d360-flags-row.h"
#include "d360-form.h"
#include "d360-iso-codes.h"
#include "d360-partnership-editor.h"
#include "d360-store-portfolio.h"

#define SAVE_DELAY_MS 500
#define PENDING_ERROR_KEY "d360-pending-error"

struct _D360PartnershipEditor
{
  AdwBin           parent_instance;

  AdwEntryRow     *name_row;
  GtkSwitch       *is_city_switch;
  AdwComboRow     *country_row;
  AdwComboRow     *kind_row;
  AdwComboRow     *status_row;
  AdwEntryRow     *signed_row;
  AdwEntryRow     *expires_row;
  D360FlagsRow    *dimensions_row;
  GtkTextView     *notes_view;

  GPtrArray       *country_codes;   /* parallel to country_row's items; [0] is NULL ("None") */

  D360Store       *store;
  D360Partnership *partnership;
  D360Debouncer   *saver;
  AdwEntryRow     *last_date_row;   /* the date edited last, blamed when the dates cross */
  gboolean         loading;
  gboolean         changed;         /* the partnership differs from what is stored */
};

G_DEFINE_FINAL_TYPE (D360PartnershipEditor, d360_partnership_editor, ADW_TYPE_BIN)

enum {
  SAVED,
  SAVE_FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- helpers */

static gboolean
can_edit (D360PartnershipEditor *self)
{
  return !self->loading && self->partnership != NULL;
}

/* Remembers @message for @row. It shows at once when @row already shows an
 * error (so that fixing it clears it while typing), else when the user leaves
 * the row. */
static void
report (gpointer    row,
        const char *message)
{
  g_object_set_data_full (G_OBJECT (row), PENDING_ERROR_KEY, g_strdup (message), g_free);
  if (message == NULL || d360_form_get_row_error (row) != NULL)
    d360_form_set_row_error (row, message);
}

static void
clear_error (gpointer row)
{
  g_object_set_data (G_OBJECT (row), PENDING_ERROR_KEY, NULL);
  d360_form_set_row_error (row, NULL);
}

static gboolean
is_before (const char *date,
           const char *other)
{
  return date != NULL && other != NULL && strcmp (date, other) < 0;
}

/* Checks the dates as typed and shows what is wrong; with @apply, puts the
 * valid ones into the partnership. */
static void
check_dates (D360PartnershipEditor *self,
             gboolean               apply)
{
  g_autoptr(GError) signed_error = NULL;
  g_autoptr(GError) expires_error = NULL;
  g_autofree char *signed_on = NULL;
  g_autofree char *expires_on = NULL;
  const char *stored_signed = d360_partnership_get_signed_on (self->partnership);
  const char *stored_expires = d360_partnership_get_expires_on (self->partnership);
  const char *signed_message = NULL;
  const char *expires_message = NULL;
  gboolean signed_ok, expires_ok;

  signed_ok = d360_form_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->signed_row)),
                                    &signed_on, &signed_error);
  expires_ok = d360_form_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->expires_row)),
                                     &expires_on, &expires_error);
  if (!signed_ok)
    signed_message = signed_error->message;
  if (!expires_ok)
    expires_message = expires_error->message;

  /* Dates out of order: blame the date edited last, then the other one; the
   * stored pair is always in order. */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      const char *effective_signed = signed_ok ? signed_on : stored_signed;
      const char *effective_expires = expires_ok ? expires_on : stored_expires;
      gboolean blame_signed = (attempt == 0) == (self->last_date_row == self->signed_row);

      if (!is_before (effective_expires, effective_signed))
        break;

      if (blame_signed)
        {
          signed_ok = FALSE;
          signed_message = _("The signing date cannot be after the expiry date.");
        }
      else
        {
          expires_ok = FALSE;
          expires_message = _("The expiry date cannot be before the signing date.");
        }
    }

  report (self->signed_row, signed_message);
  report (self->expires_row, expires_message);
  if (!apply)
    return;

  if (signed_ok && g_strcmp0 (signed_on, stored_signed) != 0)
    {
      d360_partnership_set_signed_on (self->partnership, signed_on);
      self->changed = TRUE;
    }
  if (expires_ok && g_strcmp0 (expires_on, stored_expires) != 0)
    {
      d360_partnership_set_expires_on (self->partnership, expires_on);
      self->changed = TRUE;
    }
}

static void
check_name (D360PartnershipEditor *self,
            gboolean               apply)
{
  g_autofree char *name = d360_form_dup_text (GTK_EDITABLE (self->name_row));

  if (name == NULL)
    {
      report (self->name_row, _("A partnership needs a partner: the name of a city or an "
                                "organisation."));
      return;
    }

  report (self->name_row, NULL);
  if (apply && g_strcmp0 (name, d360_partnership_get_partner_name (self->partnership)) != 0)
    {
      d360_partnership_set_partner_name (self->partnership, name);
      self->changed = TRUE;
    }
}

/* Text is taken when saving, not at each key press, so that the moment a
 * field is empty while the user retypes it is not what gets stored. */
static gboolean
save (gpointer data)
{
  D360PartnershipEditor *self = data;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->partnership == NULL)
    return G_SOURCE_REMOVE;

  check_name (self, TRUE);
  check_dates (self, TRUE);
  if (!self->changed)
    return G_SOURCE_REMOVE;

  self->changed = FALSE;
  if (d360_store_save_partnership (self->store, self->partnership, &error))
    g_signal_emit (self, signals[SAVED], 0);
  else
    g_signal_emit (self, signals[SAVE_FAILED], 0, error->message);

  return G_SOURCE_REMOVE;
}

/* Marks the partnership changed and saves it after a pause. */
static void
schedule_save (D360PartnershipEditor *self)
{
  self->changed = TRUE;
  d360_debouncer_schedule (self->saver);
}

static int
compare_country_names (gconstpointer a,
                       gconstpointer b)
{
  const D360IsoEntry *entry_a = *(const D360IsoEntry * const *) a;
  const D360IsoEntry *entry_b = *(const D360IsoEntry * const *) b;

  return g_utf8_collate (entry_a->name, entry_b->name);
}

static void
fill_choices (D360PartnershipEditor *self)
{
  const GPtrArray *entries = d360_iso_codes_get (D360_ISO_COUNTRIES);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GtkStringList) countries = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  const char *dimensions[D360_N_DIMENSIONS];

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (entries, i));
  g_ptr_array_sort (sorted, compare_country_names);

  gtk_string_list_append (countries, C_("country", "None"));
  g_ptr_array_add (self->country_codes, NULL);
  for (guint i = 0; i < sorted->len; i++)
    {
      const D360IsoEntry *entry = g_ptr_array_index (sorted, i);

      gtk_string_list_append (countries, entry->name);
      g_ptr_array_add (self->country_codes, g_strdup (entry->code));
    }
  adw_combo_row_set_model (self->country_row, G_LIST_MODEL (countries));

  for (guint i = 0; i < D360_N_PARTNERSHIP_KINDS; i++)
    gtk_string_list_append (kinds, d360_partnership_kind_get_label (i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));

  for (guint i = 0; i < D360_N_PARTNERSHIP_STATUSES; i++)
    gtk_string_list_append (statuses, d360_partnership_status_get_label (i));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));

  for (guint i = 0; i < D360_N_DIMENSIONS; i++)
    dimensions[i] = d360_dimension_get_label (i);
  d360_flags_row_set_items (self->dimensions_row, dimensions, D360_N_DIMENSIONS);
}

static guint
find_country (D360PartnershipEditor *self,
              const char            *code)
{
  for (guint i = 1; code != NULL && i < self->country_codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->country_codes, i), code))
      return i;

  return 0;
}

static void
fill_rows (D360PartnershipEditor *self)
{
  g_autoptr(D360Partnership) blank = NULL;
  D360Partnership *shown = self->partnership;
  g_autofree char *signed_on = NULL;
  g_autofree char *expires_on = NULL;
  const char *name;

  if (shown == NULL)
    shown = blank = d360_partnership_new (0, NULL);

  self->loading = TRUE;

  name = d360_partnership_get_partner_name (shown);
  signed_on = d360_form_format_date (d360_partnership_get_signed_on (shown));
  expires_on = d360_form_format_date (d360_partnership_get_expires_on (shown));

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), name != NULL ? name : "");
  gtk_switch_set_active (self->is_city_switch, d360_partnership_get_partner_is_city (shown));
  adw_combo_row_set_selected (self->country_row,
                              find_country (self, d360_partnership_get_partner_country (shown)));
  adw_combo_row_set_selected (self->kind_row, d360_partnership_get_kind (shown));
  adw_combo_row_set_selected (self->status_row, d360_partnership_get_status (shown));
  gtk_editable_set_text (GTK_EDITABLE (self->signed_row), signed_on);
  gtk_editable_set_text (GTK_EDITABLE (self->expires_row), expires_on);
  d360_flags_row_set_value (self->dimensions_row, d360_partnership_get_dimensions (shown));
  d360_form_set_text_view (self->notes_view, d360_partnership_get_notes (shown));

  clear_error (self->name_row);
  clear_error (self->signed_row);
  clear_error (self->expires_row);
  self->last_date_row = NULL;
  self->changed = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self), self->partnership != NULL);
  self->loading = FALSE;
}

/* ------------------------------------------------------- signal callbacks */

static void
row_leave_cb (D360PartnershipEditor    *self,
              GtkEventControllerFocus  *controller)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  d360_form_set_row_error (row, g_object_get_data (G_OBJECT (row), PENDING_ERROR_KEY));
}

static void
name_changed_cb (D360PartnershipEditor *self)
{
  if (!can_edit (self))
    return;

  check_name (self, FALSE);
  d360_debouncer_schedule (self->saver);
}

static void
is_city_changed_cb (D360PartnershipEditor *self)
{
  gboolean is_city = gtk_switch_get_active (self->is_city_switch);

  if (!can_edit (self) || is_city == d360_partnership_get_partner_is_city (self->partnership))
    return;

  d360_partnership_set_partner_is_city (self->partnership, is_city);
  schedule_save (self);
}

static void
country_changed_cb (D360PartnershipEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->country_row);
  const char *code;

  if (!can_edit (self) || selected >= self->country_codes->len)
    return;

  code = g_ptr_array_index (self->country_codes, selected);
  if (g_strcmp0 (code, d360_partnership_get_partner_country (self->partnership)) == 0)
    return;

  d360_partnership_set_partner_country (self->partnership, code);
  schedule_save (self);
}

static void
kind_changed_cb (D360PartnershipEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (!can_edit (self) || selected >= D360_N_PARTNERSHIP_KINDS ||
      selected == (guint) d360_partnership_get_kind (self->partnership))
    return;

  d360_partnership_set_kind (self->partnership, selected);
  schedule_save (self);
}

static void
status_changed_cb (D360PartnershipEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (!can_edit (self) || selected >= D360_N_PARTNERSHIP_STATUSES ||
      selected == (guint) d360_partnership_get_status (self->partnership))
    return;

  d360_partnership_set_status (self->partnership, selected);
  schedule_save (self);
}

static void
signed_changed_cb (D360PartnershipEditor *self)
{
  if (!can_edit (self))
    return;

  self->last_date_row = self->signed_row;
  check_dates (self, FALSE);
  d360_debouncer_schedule (self->saver);
}

static void
expires_changed_cb (D360PartnershipEditor *self)
{
  if (!can_edit (self))
    return;

  self->last_date_row = self->expires_row;
  check_dates (self, FALSE);
  d360_debouncer_schedule (self->saver);
}

static void
dimensions_changed_cb (D360PartnershipEditor *self)
{
  guint dimensions = d360_flags_row_get_value (self->dimensions_row);

  if (!can_edit (self) || dimensions == d360_partnership_get_dimensions (self->partnership))
    return;

  d360_partnership_set_dimensions (self->partnership, dimensions);
  schedule_save (self);
}

static void
notes_changed_cb (D360PartnershipEditor *self)
{
  g_autofree char *notes = NULL;

  if (!can_edit (self))
    return;

  notes = d360_form_dup_text_view (self->notes_view);
  if (g_strcmp0 (notes, d360_partnership_get_notes (self->partnership)) == 0)
    return;

  d360_partnership_set_notes (self->partnership, notes);
  schedule_save (self);
}

/* -------------------------------------------------------------- overrides */

static void
d360_partnership_editor_dispose (GObject *object)
{
  D360PartnershipEditor *self = (D360PartnershipEditor *) object;

  /* The last change is saved, not lost. */
  g_clear_pointer (&self->saver, d360_debouncer_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), D360_TYPE_PARTNERSHIP_EDITOR);
  g_clear_object (&self->partnership);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (d360_partnership_editor_parent_class)->dispose (object);
}

static void
d360_partnership_editor_finalize (GObject *object)
{
  D360PartnershipEditor *self = (D360PartnershipEditor *) object;

  g_clear_pointer (&self->country_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (d360_partnership_editor_parent_class)->finalize (object);
}

static void
d360_partnership_editor_class_init (D360PartnershipEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_partnership_editor_dispose;
  object_class->finalize = d360_partnership_editor_finalize;

  /**
   * D360PartnershipEditor::saved:
   *
   * A change was saved.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * D360PartnershipEditor::save-failed:
   * @message: why, for the user
   *
   * The store refused a change; the last saved values stay.
   */
  signals[SAVE_FAILED] = g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (D360_TYPE_FLAGS_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/d360-partnership-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipEditor, is_city_switch);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipEditor, signed_row);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipEditor, expires_row);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipEditor, dimensions_row);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, row_leave_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, is_city_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, country_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, status_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, signed_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, expires_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, dimensions_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, notes_changed_cb);
}

static void
d360_partnership_editor_init (D360PartnershipEditor *self)
{
  self->country_codes = g_ptr_array_new_with_free_func (g_free);
  self->saver = d360_debouncer_new (SAVE_DELAY_MS, save, self);

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  fill_choices (self);
  self->loading = FALSE;

  fill_rows (self);
}

/* ----------------------------------------------------------------- public */

GtkWidget *
d360_partnership_editor_new (void)
{
  return g_object_new (D360_TYPE_PARTNERSHIP_EDITOR, NULL);
}

void
d360_partnership_editor_set_store (D360PartnershipEditor *self,
                                   D360Store             *store)
{
  g_return_if_fail (D360_IS_PARTNERSHIP_EDITOR (self));
  g_return_if_fail (store == NULL || D360_IS_STORE (store));

  if (self->store == store)
    return;

  d360_debouncer_flush (self->saver);
  g_set_object (&self->store, store);
  g_clear_object (&self->partnership);
  fill_rows (self);
}

/**
 * d360_partnership_editor_load:
 * @id: a partnership of the store, or 0 for none
 *
 * Saves what is pending, then shows the partnership @id as stored.
 *
 * Returns: %FALSE when it could not be read (the editor is then empty)
 */
gboolean
d360_partnership_editor_load (D360PartnershipEditor  *self,
                              gint64                  id,
                              GError                **error)
{
  g_autoptr(D360Partnership) partnership = NULL;

  g_return_val_if_fail (D360_IS_PARTNERSHIP_EDITOR (self), FALSE);
  g_return_val_if_fail (id == 0 || self->store != NULL, FALSE);

  d360_debouncer_flush (self->saver);

  if (id != 0)
    partnership = d360_store_get_partnership (self->store, id, error);

  g_set_object (&self->partnership, partnership);
  fill_rows (self);

  return id == 0 || partnership != NULL;
}

/**
 * d360_partnership_editor_get_id:
 *
 * Returns: the id of the partnership shown, or 0
 */
gint64
d360_partnership_editor_get_id (D360PartnershipEditor *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIP_EDITOR (self), 0);

  return self->partnership != NULL ? d360_partnership_get_id (self->partnership) : 0;
}

/**
 * d360_partnership_editor_flush:
 *
 * Saves a pending change now.
 */
void
d360_partnership_editor_flush (D360PartnershipEditor *self)
{
  g_return_if_fail (D360_IS_PARTNERSHIP_EDITOR (self));

  d360_debouncer_flush (self->saver);
}

gboolean
d360_partnership_editor_is_pending (D360PartnershipEditor *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIP_EDITOR (self), FALSE);

  return d360_debouncer_is_pending (self->saver);
}

/**
 * d360_partnership_editor_focus_name:
 *
 * Focuses the partner's name with its text selected, so that typing replaces it.
 */
void
d360_partnership_editor_focus_name (D360PartnershipEditor *self)
{
  g_return_if_fail (D360_IS_PARTNERSHIP_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  gtk_editable_select_region (GTK_EDITABLE (self->name_row), 0, -1);
}

/* d360-project-editor.c — every field of one project, saved as the user types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The editor keeps the project as it is stored: the last valid value of every
 * field. A pause in typing (or leaving a field) applies each valid field to it
 * and saves it in one transaction; a field whose text is not valid keeps its
 * stored value and shows why on its row. The row being typed in shows a new
 * error only once the user leaves it.
 */

#define G_LOG_DOMAIN "d360-project-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-flags-row.h"
#include "d360-form.h"
#include "d360-iso-codes.h"
#include "d360-money.h"
#include "d360-project-editor.h"

#define SAVE_DELAY_MS     500
#define FALLBACK_CURRENCY "EUR"

/* The plain text rows and the project properties they edit. */
enum {
  TEXT_SECTOR,
  TEXT_LOCATION,
  TEXT_RESPONSIBLE,
  N_TEXTS
};

static const char * const text_properties[N_TEXTS] = {
  [TEXT_SECTOR] = "sector",
  [TEXT_LOCATION] = "location",
  [TEXT_RESPONSIBLE] = "responsible",
};

struct _D360ProjectEditor
{
  AdwBin             parent_instance;

  D360Store         *store;
  D360Project       *project;          /* as stored: the last valid values */
  D360Debouncer     *debouncer;
  GPtrArray         *currency_codes;   /* the currency row's items, in order */
  AdwEntryRow       *text_rows[N_TEXTS];
  guint              shown_currency;   /* the currency row's item when loaded */
  guint              leave_idle_id;
  gboolean           loading;
  gboolean           syncing_calendar;
  gboolean           show_back_button;

  GtkWidget         *back_button;
  GtkLabel          *status_label;
  GtkButton         *archive_button;
  GtkWidget         *archived_label;
  GtkScrolledWindow *scrolled_window;
  AdwEntryRow       *title_row;
  GtkTextView       *summary_view;
  GtkTextView       *description_view;
  D360FlagsRow      *agenda_row;
  D360FlagsRow      *dimensions_row;
  AdwEntryRow       *sector_row;
  AdwComboRow       *stage_row;
  AdwEntryRow       *budget_row;
  AdwComboRow       *currency_row;
  D360FlagsRow      *funding_row;
  AdwEntryRow       *start_row;
  AdwEntryRow       *end_row;
  GtkPopover        *start_popover;
  GtkPopover        *end_popover;
  GtkCalendar       *start_calendar;
  GtkCalendar       *end_calendar;
  AdwEntryRow       *location_row;
  AdwEntryRow       *responsible_row;
  GtkListBox        *history_list;
};

G_DEFINE_FINAL_TYPE (D360ProjectEditor, d360_project_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- helpers */

static char *
dup_default_currency (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *code = NULL;

  /* The schema is missing when the editor runs outside the installed app. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "default-currency"))
    return g_strdup (FALLBACK_CURRENCY);

  settings = g_settings_new_full (schema, NULL, NULL);
  code = g_settings_get_string (settings, "default-currency");
  if (!d360_currency_is_valid (code))
    return g_strdup (FALLBACK_CURRENCY);

  return g_steal_pointer (&code);
}

static void
fill_choices (D360ProjectEditor *self)
{
  const GPtrArray *currencies = d360_iso_codes_get (D360_ISO_CURRENCIES);
  g_autoptr(GtkStringList) currency_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) stage_labels = gtk_string_list_new (NULL);
  const char *labels[MAX (D360_N_DIMENSIONS, D360_N_AGENDA_AREAS)];

  for (guint i = 0; i < D360_N_STAGES; i++)
    gtk_string_list_append (stage_labels, d360_stage_get_label (i));
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (stage_labels));

  for (guint i = 0; currencies != NULL && i < currencies->len; i++)
    {
      const D360IsoEntry *entry = g_ptr_array_index (currencies, i);
      /* Translators: a currency in a list: its name and ISO 4217 code, "Euro (EUR)" */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), entry->name, entry->code);

      gtk_string_list_append (currency_labels, label);
      g_ptr_array_add (self->currency_codes, g_strdup (entry->code));
    }
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (currency_labels));

  for (guint i = 0; i < D360_N_AGENDA_AREAS; i++)
    labels[i] = d360_agenda_area_get_label (i);
  d360_flags_row_set_items (self->agenda_row, labels, D360_N_AGENDA_AREAS);

  for (guint i = 0; i < D360_N_DIMENSIONS; i++)
    labels[i] = d360_dimension_get_label (i);
  d360_flags_row_set_items (self->dimensions_row, labels, D360_N_DIMENSIONS);

  for (guint i = 0; i < D360_N_FUNDING_SOURCES; i++)
    labels[i] = d360_funding_source_get_label (i);
  d360_flags_row_set_items (self->funding_row, labels, D360_N_FUNDING_SOURCES);
}

/* The position of @code in the currency row; a code iso-codes does not list
 * (retired, or newer than this system's list) is added so it stays shown. */
static guint
find_currency (D360ProjectEditor *self,
               const char        *code)
{
  GListModel *model = adw_combo_row_get_model (self->currency_row);

  for (guint i = 0; i < self->currency_codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->currency_codes, i), code))
      return i;

  gtk_string_list_append (GTK_STRING_LIST (model), code);
  g_ptr_array_add (self->currency_codes, g_strdup (code));
  return self->currency_codes->len - 1;
}

static const char *
get_selected_currency (D360ProjectEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->currency_row);

  if (selected >= self->currency_codes->len)
    return NULL;

  return g_ptr_array_index (self->currency_codes, selected);
}

static void
set_status (D360ProjectEditor *self,
            const char        *text,
            gboolean           is_error)
{
  GtkWidget *label = GTK_WIDGET (self->status_label);

  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (label, is_error ? text : NULL);
  if (is_error)
    {
      gtk_widget_remove_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "error");
    }
  else
    {
      gtk_widget_remove_css_class (label, "error");
      gtk_widget_add_css_class (label, "dim-label");
    }
}

static void
update_archived (D360ProjectEditor *self)
{
  gboolean archived = self->project != NULL && d360_project_get_archived (self->project);

  gtk_button_set_label (self->archive_button, archived ? _("Unarchive") : _("Archive"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->archive_button),
                               archived ? _("Move the project back among the active projects")
                                        : _("Move the project to the archive"));
  gtk_widget_set_visible (self->archived_label, archived);
}

static void
reload_history (D360ProjectEditor *self)
{
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->history_list))) != NULL)
    gtk_list_box_remove (self->history_list, child);

  if (self->project == NULL || self->store == NULL)
    return;

  history = d360_store_get_stage_history (self->store, d360_project_get_id (self->project),
                                          &error);
  if (history == NULL)
    {
      g_warning ("Could not read the stage history: %s", error->message);
      return;
    }

  /* The newest first: the current stage heads the list. */
  for (guint i = history->len; i-- > 0;)
    {
      const D360StageChange *change = g_ptr_array_index (history, i);
      g_autofree char *date = d360_form_format_date (change->changed_on);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (date);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     d360_stage_get_label (change->stage));
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->history_list, row);
    }
}

static void
set_entry_text (AdwEntryRow *row,
                const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  d360_form_set_row_error (GTK_WIDGET (row), NULL);
}

/* Shows every field of self->project. */
static void
load_fields (D360ProjectEditor *self)
{
  D360Project *project = self->project;
  g_autofree char *budget = NULL;
  g_autofree char *default_currency = NULL;
  const char *currency;

  self->loading = TRUE;

  set_entry_text (self->title_row, project != NULL ? d360_project_get_title (project) : NULL);
  d360_form_set_text_view (self->summary_view,
                           project != NULL ? d360_project_get_summary (project) : NULL);
  d360_form_set_text_view (self->description_view,
                           project != NULL ? d360_project_get_description (project) : NULL);
  for (guint i = 0; i < N_TEXTS; i++)
    {
      g_autofree char *text = NULL;

      if (project != NULL)
        g_object_get (project, text_properties[i], &text, NULL);
      set_entry_text (self->text_rows[i], text);
    }

  d360_flags_row_set_value (self->agenda_row,
                            project != NULL ? d360_project_get_agenda_areas (project) : 0);
  d360_flags_row_set_value (self->dimensions_row,
                            project != NULL ? d360_project_get_dimensions (project) : 0);
  d360_flags_row_set_value (self->funding_row,
                            project != NULL ? d360_project_get_funding_sources (project) : 0);
  adw_combo_row_set_selected (self->stage_row,
                              project != NULL ? (guint) d360_project_get_stage (project) : 0);

  currency = project != NULL ? d360_project_get_currency (project) : NULL;
  if (currency == NULL)
    currency = default_currency = dup_default_currency ();
  self->shown_currency = find_currency (self, currency);
  adw_combo_row_set_selected (self->currency_row, self->shown_currency);
  if (project != NULL && d360_project_get_budget_minor (project) >= 0)
    budget = d360_money_format_amount (d360_project_get_budget_minor (project), currency);
  set_entry_text (self->budget_row, budget);

  set_entry_text (self->start_row,
                  project != NULL ? d360_project_get_start_date (project) : NULL);
  set_entry_text (self->end_row, project != NULL ? d360_project_get_end_date (project) : NULL);

  self->loading = FALSE;

  set_status (self, NULL, FALSE);
  update_archived (self);
  reload_history (self);
}

static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

/* Shows @message on @row, or clears its error. A new error waits until the
 * user leaves the row, unless @show says to show it now. */
static void
report (GtkWidget  *row,
        const char *message,
        gboolean    show)
{
  const char *shown = d360_form_get_row_error (row);

  if (g_strcmp0 (shown, message) == 0)
    return;

  if (message == NULL || shown != NULL || show || !contains_focus (row))
    d360_form_set_row_error (row, message);
}

static gboolean
update_string (D360Project *project,
               const char  *property,
               const char  *value)
{
  g_autofree char *old = NULL;

  g_object_get (project, property, &old, NULL);
  if (g_strcmp0 (old, value) == 0)
    return FALSE;

  g_object_set (project, property, value, NULL);
  return TRUE;
}

static void
replace_string (char       **text,
                const char  *value)
{
  g_free (*text);
  *text = g_strdup (value);
}

#define UPDATE(project, field, value) \
  (d360_project_get_##field (project) != (value) \
   ? (d360_project_set_##field (project, value), TRUE) : FALSE)

static gboolean
apply_title (D360ProjectEditor *self,
             gboolean           show_errors)
{
  g_autofree char *title = d360_form_dup_text (GTK_EDITABLE (self->title_row));

  if (title == NULL)
    {
      report (GTK_WIDGET (self->title_row), _("A project needs a title."), show_errors);
      return FALSE;
    }

  report (GTK_WIDGET (self->title_row), NULL, show_errors);
  return update_string (self->project, "title", title);
}

/* The budget is kept in the currency's minor units, so a budget and its
 * currency are only ever stored together. */
static gboolean
apply_budget (D360ProjectEditor *self,
              gboolean           show_errors)
{
  g_autofree char *text = d360_form_dup_text (GTK_EDITABLE (self->budget_row));
  const char *currency = get_selected_currency (self);
  g_autoptr(GError) error = NULL;
  gint64 minor = -1;
  gboolean changed;

  if (currency == NULL || !d360_currency_is_valid (currency))
    {
      report (GTK_WIDGET (self->currency_row), _("Choose a currency from the list."),
              show_errors);
      return FALSE;
    }
  report (GTK_WIDGET (self->currency_row), NULL, show_errors);

  if (text != NULL &&
      !d360_money_parse (text, currency, D360_MAX_BUDGET_MINOR, &minor, &error))
    {
      report (GTK_WIDGET (self->budget_row), error->message, show_errors);
      return FALSE;
    }

  report (GTK_WIDGET (self->budget_row), NULL, show_errors);
  changed = UPDATE (self->project, budget_minor, minor);
  /* Without a budget, the currency shown by default is not a choice. */
  if (minor >= 0 || d360_project_get_currency (self->project) != NULL ||
      adw_combo_row_get_selected (self->currency_row) != self->shown_currency)
    changed |= update_string (self->project, "currency", currency);
  return changed;
}

static gboolean
apply_dates (D360ProjectEditor *self,
             gboolean           show_errors)
{
  const char *old_start = d360_project_get_start_date (self->project);
  const char *old_end = d360_project_get_end_date (self->project);
  g_autoptr(GError) start_error = NULL;
  g_autoptr(GError) end_error = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  const char *start_message = NULL;
  const char *end_message = NULL;
  gboolean changed;

  if (!d360_form_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->start_row)), &start,
                             &start_error))
    {
      start_message = start_error->message;
      start = g_strdup (old_start);
    }
  if (!d360_form_parse_date (gtk_editable_get_text (GTK_EDITABLE (self->end_row)), &end,
                             &end_error))
    {
      end_message = end_error->message;
      end = g_strdup (old_end);
    }

  /* A reversed range blames the date that was just changed. */
  if (start != NULL && end != NULL && strcmp (end, start) < 0)
    {
      if (g_strcmp0 (end, old_end) == 0)
        {
          start_message = _("The start date cannot be after the end date.");
          replace_string (&start, old_start);
        }
      else
        {
          end_message = _("The end date cannot be before the start date.");
          replace_string (&end, old_end);
          if (start != NULL && end != NULL && strcmp (end, start) < 0)
            replace_string (&start, old_start);
        }
    }

  report (GTK_WIDGET (self->start_row), start_message, show_errors);
  report (GTK_WIDGET (self->end_row), end_message, show_errors);

  changed = update_string (self->project, "start-date", start);
  changed |= update_string (self->project, "end-date", end);
  return changed;
}

/* Copies every valid field into self->project; TRUE when something changed. */
static gboolean
apply_fields (D360ProjectEditor *self,
              gboolean           show_errors)
{
  D360Project *project = self->project;
  g_autofree char *summary = d360_form_dup_text_view (self->summary_view);
  g_autofree char *description = d360_form_dup_text_view (self->description_view);
  guint stage = adw_combo_row_get_selected (self->stage_row);
  gboolean changed = FALSE;

  changed |= apply_title (self, show_errors);
  changed |= update_string (project, "summary", summary);
  changed |= update_string (project, "description", description);
  for (guint i = 0; i < N_TEXTS; i++)
    {
      g_autofree char *text = d360_form_dup_text (GTK_EDITABLE (self->text_rows[i]));

      changed |= update_string (project, text_properties[i], text);
    }

  changed |= UPDATE (project, agenda_areas, d360_flags_row_get_value (self->agenda_row));
  changed |= UPDATE (project, dimensions, d360_flags_row_get_value (self->dimensions_row));
  changed |= UPDATE (project, funding_sources, d360_flags_row_get_value (self->funding_row));
  if (stage < D360_N_STAGES)
    changed |= UPDATE (project, stage, (D360Stage) stage);

  changed |= apply_budget (self, show_errors);
  changed |= apply_dates (self, show_errors);

  return changed;
}

#undef UPDATE

static void
save (D360ProjectEditor *self,
      gboolean           show_errors)
{
  g_autoptr(GError) error = NULL;
  D360Stage stage;

  if (self->project == NULL || self->store == NULL)
    return;

  stage = d360_project_get_stage (self->project);
  if (!apply_fields (self, show_errors))
    return;

  if (!d360_store_save_project (self->store, self->project, &error))
    {
      g_autoptr(D360Project) stored = NULL;
      /* Translators: shown when an edit could not be saved; %s is the reason */
      g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

      set_status (self, message, TRUE);
      g_warning ("Could not save project %" G_GINT64_FORMAT ": %s",
                 d360_project_get_id (self->project), error->message);

      /* Keep holding what is stored, so that the next pause tries again. */
      stored = d360_store_get_project (self->store, d360_project_get_id (self->project), NULL);
      if (stored != NULL)
        g_set_object (&self->project, stored);
      return;
    }

  set_status (self, _("Saved"), FALSE);
  if (d360_project_get_stage (self->project) != stage)
    reload_history (self);
}

static gboolean
save_timeout_cb (gpointer data)
{
  save (D360_PROJECT_EDITOR (data), FALSE);
  return G_SOURCE_REMOVE;
}

static GDateTime *
parse_date_time (const char *text)
{
  g_autofree char *iso = NULL;
  int year, month, day;

  if (!d360_form_parse_date (text, &iso, NULL) || iso == NULL ||
      sscanf (iso, "%d-%d-%d", &year, &month, &day) != 3)
    return g_date_time_new_now_local ();

  return g_date_time_new_local (year, month, day, 0, 0, 0);
}

/* --------------------------------------------------------------- callbacks */

static void
field_changed_cb (D360ProjectEditor *self)
{
  if (self->loading || self->project == NULL || self->debouncer == NULL)
    return;

  set_status (self, NULL, FALSE);
  d360_debouncer_schedule (self->debouncer);
}

static gboolean
leave_idle_cb (gpointer data)
{
  D360ProjectEditor *self = data;

  self->leave_idle_id = 0;
  if (self->debouncer != NULL)
    d360_debouncer_flush (self->debouncer);
  save (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* Leaving a field (or pressing Enter in it) saves and shows errors, once the
 * focus has moved: saving refreshes the list, where the focus may be going. */
static void
field_left_cb (D360ProjectEditor *self)
{
  if (self->loading || self->project == NULL || self->debouncer == NULL)
    return;

  if (self->leave_idle_id == 0)
    self->leave_idle_id = g_idle_add (leave_idle_cb, self);
}

static void
date_popover_show_cb (D360ProjectEditor *self,
                      GtkPopover        *popover)
{
  gboolean start = popover == self->start_popover;
  AdwEntryRow *row = start ? self->start_row : self->end_row;
  g_autoptr(GDateTime) date = parse_date_time (gtk_editable_get_text (GTK_EDITABLE (row)));

  self->syncing_calendar = TRUE;
  gtk_calendar_select_day (start ? self->start_calendar : self->end_calendar, date);
  self->syncing_calendar = FALSE;
}

static void
calendar_day_selected_cb (D360ProjectEditor *self,
                          GtkCalendar       *calendar)
{
  gboolean start = calendar == self->start_calendar;
  g_autoptr(GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (self->syncing_calendar)
    return;

  date = gtk_calendar_get_date (calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (start ? self->start_row : self->end_row), text);
  gtk_popover_popdown (start ? self->start_popover : self->end_popover);
  field_left_cb (self);
}

/* --------------------------------------------------------------- overrides */

static void
d360_project_editor_dispose (GObject *object)
{
  D360ProjectEditor *self = (D360ProjectEditor *) object;

  /* Freeing the debouncer saves what is pending, so the rows must still be there. */
  g_clear_handle_id (&self->leave_idle_id, g_source_remove);
  g_clear_pointer (&self->debouncer, d360_debouncer_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), D360_TYPE_PROJECT_EDITOR);
  g_clear_object (&self->project);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (d360_project_editor_parent_class)->dispose (object);
}

static void
d360_project_editor_finalize (GObject *object)
{
  D360ProjectEditor *self = (D360ProjectEditor *) object;

  g_clear_pointer (&self->currency_codes, g_ptr_array_unref);

  G_OBJECT_CLASS (d360_project_editor_parent_class)->finalize (object);
}

static void
d360_project_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  D360ProjectEditor *self = D360_PROJECT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_project_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  D360ProjectEditor *self = D360_PROJECT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SHOW_BACK_BUTTON:
      if (self->show_back_button != g_value_get_boolean (value))
        {
          self->show_back_button = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_project_editor_class_init (D360ProjectEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_project_editor_dispose;
  object_class->finalize = d360_project_editor_finalize;
  object_class->get_property = d360_project_editor_get_property;
  object_class->set_property = d360_project_editor_set_property;

  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (D360_TYPE_FLAGS_ROW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/d360-project-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, archive_button);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, archived_label);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, summary_view);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, agenda_row);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, dimensions_row);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, sector_row);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, budget_row);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, funding_row);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, end_row);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, start_popover);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, end_popover);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, start_calendar);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, end_calendar);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, location_row);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, responsible_row);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectEditor, history_list);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_left_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
}

static void
d360_project_editor_init (D360ProjectEditor *self)
{
  self->currency_codes = g_ptr_array_new_with_free_func (g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->text_rows[TEXT_SECTOR] = self->sector_row;
  self->text_rows[TEXT_LOCATION] = self->location_row;
  self->text_rows[TEXT_RESPONSIBLE] = self->responsible_row;

  self->loading = TRUE;
  fill_choices (self);
  self->loading = FALSE;
  load_fields (self);

  self->debouncer = d360_debouncer_new (SAVE_DELAY_MS, save_timeout_cb, self);
}

/* ----------------------------------------------------------------- public */

void
d360_project_editor_set_store (D360ProjectEditor *self,
                               D360Store         *store)
{
  g_return_if_fail (D360_IS_PROJECT_EDITOR (self));
  g_return_if_fail (store == NULL || D360_IS_STORE (store));

  if (self->store == store)
    return;

  d360_project_editor_clear (self);
  g_set_object (&self->store, store);
}

/**
 * d360_project_editor_load:
 * @project_id: a project in the editor's store
 *
 * Saves what is pending for the project shown so far, then shows the stored
 * state of @project_id (again, when it is the same project).
 *
 * Returns: %FALSE when the project cannot be read; the editor is then empty
 */
gboolean
d360_project_editor_load (D360ProjectEditor  *self,
                          gint64              project_id,
                          GError            **error)
{
  g_autoptr(D360Project) project = NULL;
  GtkAdjustment *adjustment;

  g_return_val_if_fail (D360_IS_PROJECT_EDITOR (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  d360_project_editor_flush (self);

  project = d360_store_get_project (self->store, project_id, error);
  if (project == NULL)
    {
      d360_project_editor_clear (self);
      return FALSE;
    }

  g_set_object (&self->project, project);
  load_fields (self);

  adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
  return TRUE;
}

/**
 * d360_project_editor_clear:
 *
 * Saves what is pending and shows no project.
 */
void
d360_project_editor_clear (D360ProjectEditor *self)
{
  g_return_if_fail (D360_IS_PROJECT_EDITOR (self));

  d360_project_editor_flush (self);
  if (self->project == NULL)
    return;

  g_clear_object (&self->project);
  load_fields (self);
}

gint64
d360_project_editor_get_project_id (D360ProjectEditor *self)
{
  g_return_val_if_fail (D360_IS_PROJECT_EDITOR (self), 0);

  return self->project != NULL ? d360_project_get_id (self->project) : 0;
}

/**
 * d360_project_editor_get_project:
 *
 * Returns: (transfer none) (nullable): the project as it is stored
 */
D360Project *
d360_project_editor_get_project (D360ProjectEditor *self)
{
  g_return_val_if_fail (D360_IS_PROJECT_EDITOR (self), NULL);

  return self->project;
}

/**
 * d360_project_editor_flush:
 *
 * Saves now what would be saved after the pause in typing.
 */
void
d360_project_editor_flush (D360ProjectEditor *self)
{
  g_return_if_fail (D360_IS_PROJECT_EDITOR (self));

  g_clear_handle_id (&self->leave_idle_id, g_source_remove);
  if (self->debouncer != NULL)
    d360_debouncer_flush (self->debouncer);
}

/**
 * d360_project_editor_is_pending:
 *
 * Returns: whether an edit waits to be saved (after the pause in typing, or
 *   once the focus has left the field)
 */
gboolean
d360_project_editor_is_pending (D360ProjectEditor *self)
{
  g_return_val_if_fail (D360_IS_PROJECT_EDITOR (self), FALSE);

  return self->leave_idle_id != 0 ||
         (self->debouncer != NULL && d360_debouncer_is_pending (self->debouncer));
}

/**
 * d360_project_editor_focus_title:
 *
 * Focuses the title with its text selected, so typing replaces it.
 */
void
d360_project_editor_focus_title (D360ProjectEditor *self)
{
  g_return_if_fail (D360_IS_PROJECT_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
  gtk_editable_select_region (GTK_EDITABLE (self->title_row), 0, -1);
}

/* d360-preferences-window.c — the app's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-backup.h"
#include "d360-iso-codes.h"
#include "d360-preferences-window.h"

struct _D360PreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  D360Store            *store;
  GPtrArray            *currency_codes;
  char                **time_zones;
  GCancellable         *cancellable;

  AdwComboRow          *style_row;
  AdwComboRow          *currency_row;
  AdwComboRow          *time_zone_row;
  AdwActionRow         *folder_row;
  AdwActionRow         *last_backup_row;
  GtkWidget            *reset_folder_button;
  GtkWidget            *backup_now_button;
};

G_DEFINE_FINAL_TYPE (D360PreferencesWindow, d360_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- helpers */

static char *
dup_backup_folder (D360PreferencesWindow *self)
{
  g_autofree char *folder = g_settings_get_string (self->settings, "backup-folder");

  if (folder == NULL || *folder == '\0')
    return d360_backup_default_folder ();
  return g_steal_pointer (&folder);
}

static void
update_backup_rows (D360PreferencesWindow *self)
{
  g_autofree char *folder = dup_backup_folder (self);
  g_autofree char *custom = g_settings_get_string (self->settings, "backup-folder");
  g_autoptr(GPtrArray) backups = d360_backup_list (folder);
  g_autofree char *display = g_filename_display_name (folder);

  adw_action_row_set_subtitle (self->folder_row, display);
  gtk_widget_set_sensitive (self->reset_folder_button, custom != NULL && *custom != '\0');

  if (backups->len == 0)
    adw_action_row_set_subtitle (self->last_backup_row, _("None yet"));
  else
    {
      D360BackupInfo *newest = g_ptr_array_index (backups, 0);
      /* Translators: the date and time of the last backup, see g_date_time_format() */
      g_autofree char *when = g_date_time_format (newest->made, _("%e %B %Y, %H:%M"));

      adw_action_row_set_subtitle (self->last_backup_row, g_strstrip (when));
    }
}

static void
add_toast (D360PreferencesWindow *self,
           const char            *title)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (title));
}

static void
fill_currencies (D360PreferencesWindow *self)
{
  const GPtrArray *currencies = d360_iso_codes_get (D360_ISO_CURRENCIES);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  self->currency_codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < currencies->len; i++)
    {
      const D360IsoEntry *entry = g_ptr_array_index (currencies, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", entry->name, entry->code);

      gtk_string_list_append (names, label);
      g_ptr_array_add (self->currency_codes, g_strdup (entry->code));
    }
  adw_combo_row_set_model (self->currency_row, G_LIST_MODEL (names));
}

static void
fill_time_zones (D360PreferencesWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  g_autofree char *system = NULL;

  /* Translators: %s is the system's time zone, such as Europe/Bucharest */
  system = g_strdup_printf (_("System (%s)"), g_time_zone_get_identifier (local));
  gtk_string_list_append (names, system);

  self->time_zones = d360_time_zones_list ();
  for (guint i = 0; self->time_zones[i] != NULL; i++)
    gtk_string_list_append (names, self->time_zones[i]);
  adw_combo_row_set_model (self->time_zone_row, G_LIST_MODEL (names));
}

static void
load_settings (D360PreferencesWindow *self)
{
  g_autofree char *currency = g_settings_get_string (self->settings, "default-currency");
  g_autofree char *zone = g_settings_get_string (self->settings, "default-timezone");
  guint index;

  adw_combo_row_set_selected (self->style_row,
                              (guint) g_settings_get_enum (self->settings, "color-scheme"));

  if (g_ptr_array_find_with_equal_func (self->currency_codes, currency, g_str_equal, &index))
    adw_combo_row_set_selected (self->currency_row, index);

  index = 0;
  for (guint i = 0; *zone != '\0' && self->time_zones[i] != NULL; i++)
    if (g_str_equal (self->time_zones[i], zone))
      index = i + 1;
  adw_combo_row_set_selected (self->time_zone_row, index);

  update_backup_rows (self);
}

/* -------------------------------------------------------------- callbacks */

static void
style_selected_cb (D360PreferencesWindow *self)
{
  g_settings_set_enum (self->settings, "color-scheme",
                       (int) adw_combo_row_get_selected (self->style_row));
}

static void
currency_selected_cb (D360PreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->currency_row);

  if (selected < self->currency_codes->len)
    g_settings_set_string (self->settings, "default-currency",
                           g_ptr_array_index (self->currency_codes, selected));
}

static void
time_zone_selected_cb (D360PreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->time_zone_row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return;
  g_settings_set_string (self->settings, "default-timezone",
                         selected == 0 ? "" : self->time_zones[selected - 1]);
}

static void
reset_folder_cb (D360PreferencesWindow *self)
{
  g_settings_reset (self->settings, "backup-folder");
  update_backup_rows (self);
}

static void
folder_chosen_cb (GtkNativeDialog       *chooser,
                  int                    response,
                  D360PreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (folder);
      g_autofree char *default_folder = d360_backup_default_folder ();

      if (path != NULL)
        g_settings_set_string (self->settings, "backup-folder",
                               g_str_equal (path, default_folder) ? "" : path);
      update_backup_rows (self);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
choose_folder_cb (D360PreferencesWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Backup Folder"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (folder_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
backup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  char **paths = task_data;   /* { database, folder } */
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GError) error = NULL;
  char *written;

  written = d360_backup_create (paths[0], paths[1], now, &error);
  if (written == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  d360_backup_rotate (paths[1], D360_BACKUP_KEEP);
  g_task_return_pointer (task, written, g_free);
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  D360PreferencesWindow *self = D360_PREFERENCES_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *written = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (self->backup_now_button, TRUE);
  if (written == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("The backup failed: %s"), error->message);

      add_toast (self, message);
      return;
    }

  update_backup_rows (self);
  add_toast (self, _("Backup saved"));
}

static void
backup_now_cb (D360PreferencesWindow *self)
{
  g_autoptr(GTask) task = NULL;
  char **paths;

  if (self->store == NULL)
    return;

  paths = g_new0 (char *, 3);
  paths[0] = g_strdup (d360_store_get_path (self->store));
  paths[1] = dup_backup_folder (self);

  gtk_widget_set_sensitive (self->backup_now_button, FALSE);
  task = g_task_new (self, self->cancellable, backup_done_cb, NULL);
  g_task_set_task_data (task, paths, (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, backup_thread);
}

/* --------------------------------------------------------------- overrides */

static void
d360_preferences_window_constructed (GObject *object)
{
  D360PreferencesWindow *self = (D360PreferencesWindow *) object;

  G_OBJECT_CLASS (d360_preferences_window_parent_class)->constructed (object);

  fill_currencies (self);
  fill_time_zones (self);
  load_settings (self);

  g_signal_connect_swapped (self->style_row, "notify::selected",
                            G_CALLBACK (style_selected_cb), self);
  g_signal_connect_swapped (self->currency_row, "notify::selected",
                            G_CALLBACK (currency_selected_cb), self);
  g_signal_connect_swapped (self->time_zone_row, "notify::selected",
                            G_CALLBACK (time_zone_selected_cb), self);
  gtk_widget_set_sensitive (self->backup_now_button, self->store != NULL);
}

static void
d360_preferences_window_dispose (GObject *object)
{
  D360PreferencesWindow *self = (D360PreferencesWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->currency_codes, g_ptr_array_unref);
  g_clear_pointer (&self->time_zones, g_strfreev);

  G_OBJECT_CLASS (d360_preferences_window_parent_class)->dispose (object);
}

static void
d360_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  D360PreferencesWindow *self = D360_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_preferences_window_class_init (D360PreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = d360_preferences_window_constructed;
  object_class->dispose = d360_preferences_window_dispose;
  object_class->set_property = d360_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, D360_TYPE_STORE,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/diplomacy360/Desktop/ui/"
                                               "d360-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, D360PreferencesWindow, style_row);
  gtk_widget_class_bind_template_child (widget_class, D360PreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, D360PreferencesWindow, time_zone_row);
  gtk_widget_class_bind_template_child (widget_class, D360PreferencesWindow, folder_row);
  gtk_widget_class_bind_template_child (widget_class, D360PreferencesWindow, last_backup_row);
  gtk_widget_class_bind_template_child (widget_class, D360PreferencesWindow, reset_folder_button);
  gtk_widget_class_bind_template_child (widget_class, D360PreferencesWindow, backup_now_button);
  gtk_widget_class_bind_template_callback (widget_class, reset_folder_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_folder_cb);
  gtk_widget_class_bind_template_callback (widget_class, backup_now_cb);
}

static void
d360_preferences_window_init (D360PreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * d360_preferences_window_new:
 * @settings: the app's settings
 * @store: (nullable): the open store, for "Back Up Now"
 */
D360PreferencesWindow *
d360_preferences_window_new (GSettings *settings,
                             D360Store *store)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (D360_TYPE_PREFERENCES_WINDOW,
                       "settings", settings,
                       "store", store,
                       NULL);
}

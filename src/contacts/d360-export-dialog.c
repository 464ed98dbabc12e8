/* d360-export-dialog.c — write people to a vCard or CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is written in a thread through a connection of its own (a second
 * D360Store on the same file): the app's store, with its cache of prepared
 * statements, belongs to the main thread alone. See d360-import-dialog.c.
 */

#define G_LOG_DOMAIN "d360-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-export-dialog.h"
#include "d360-store-contacts.h"
#include "d360-window.h"
#include "interop/d360-contact-io.h"
#include "interop/d360-csv.h"

/* The rows of format_row and separator_row, in their order. */
enum {
  FORMAT_VCARD_4,
  FORMAT_VCARD_3,
  FORMAT_CSV,
};

static const char separators[] = { ',', ';', '\t' };

enum {
  WHICH_ALL,
  WHICH_GIVEN,
};

typedef struct
{
  char              *store_path;
  char              *path;
  GArray            *ids;       /* nullable: every contact */
  D360ContactFormat  format;
  D360VCardVersion   version;
  char               separator;
  guint              n_written;
} Job;

struct _D360ExportDialog
{
  AdwWindow        parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkWidget       *export_button;
  GtkSpinner      *spinner;
  AdwComboRow     *format_row;
  AdwComboRow     *separator_row;
  AdwComboRow     *which_row;
  GtkStringList   *which_list;

  D360Store       *store;
  GArray          *ids;          /* gint64, nullable */
  GCancellable    *cancellable;  /* while writing */
  GtkFileChooserNative *chooser;
  gboolean         close_when_done;
  gboolean         disposed;      /* destroyed while the thread ran */
};

G_DEFINE_FINAL_TYPE (D360ExportDialog, d360_export_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- helpers */

static void
job_free (Job *job)
{
  g_free (job->store_path);
  g_free (job->path);
  g_clear_pointer (&job->ids, g_array_unref);
  g_free (job);
}

/* ';' where spreadsheets expect it: a decimal comma in the locale, or the
 * app shown in Romanian. */
static char
default_separator (void)
{
  const char * const *languages = g_get_language_names ();

  if (d360_csv_separator_for_locale () == ';')
    return ';';
  if (languages[0] != NULL && g_str_has_prefix (languages[0], "ro"))
    return ';';
  return ',';
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(D360Store) store = NULL;

  store = d360_store_open_for_thread (job->store_path, &error);
  if (store == NULL ||
      !d360_contact_io_export_ids_to_file (store, job->ids, job->path, job->format,
                                           job->version, job->separator, &job->n_written,
                                           cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
set_busy (D360ExportDialog *self,
          gboolean          busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.export", !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->format_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->separator_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->which_row), !busy);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  D360ExportDialog *self = D360_EXPORT_DIALOG (object);
  Job *job = g_task_get_task_data (G_TASK (result));
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (job->path);
  g_autofree char *message = NULL;

  g_clear_object (&self->cancellable);
  if (self->disposed)
    return;
  set_busy (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (self->close_when_done)
        {
          gtk_window_close (GTK_WINDOW (self));
          return;
        }

      /* Translators: %s is a file name, then why it could not be written */
      message = g_strdup_printf (_("Could not write “%s”: %s"), name, error->message);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
      g_signal_emit (self, signals[FINISHED], 0, FALSE, message);
      return;
    }

  /* Translators: %u contacts were written to the file %s */
  message = g_strdup_printf (g_dngettext (NULL, "Exported %u contact to “%s”",
                                          "Exported %u contacts to “%s”", job->n_written),
                             job->n_written, name);
  if (parent != NULL && D360_IS_WINDOW (parent))
    d360_window_show_toast (D360_WINDOW (parent), message);
  g_signal_emit (self, signals[FINISHED], 0, TRUE, message);
  gtk_window_close (GTK_WINDOW (self));
}

static void
file_chosen_cb (D360ExportDialog *self,
                int               response)
{
  g_autoptr(GtkFileChooserNative) chooser = g_steal_pointer (&self->chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        d360_export_dialog_export_to_file (self, file);
    }
  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
}

static void
format_changed_cb (D360ExportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->separator_row),
                          adw_combo_row_get_selected (self->format_row) == FORMAT_CSV);
}

/* ---------------------------------------------------------------- actions */

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  D360ExportDialog *self = D360_EXPORT_DIALOG (widget);
  gboolean csv = adw_combo_row_get_selected (self->format_row) == FORMAT_CSV;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *file_name = NULL;

  if (self->cancellable != NULL || self->chooser != NULL)
    return;

  /* Translators: the suggested name of an exported file, without extension */
  file_name = g_strconcat (_("contacts"), csv ? ".csv" : ".vcf", NULL);
  if (csv)
    {
      gtk_file_filter_set_name (filter, _("CSV Files"));
      gtk_file_filter_add_pattern (filter, "*.csv");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("vCard Files"));
      gtk_file_filter_add_pattern (filter, "*.vcf");
    }

  self->chooser = gtk_file_chooser_native_new (_("Export Contacts"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), file_name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (file_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---------------------------------------------------------------- GObject */

static void
fill_which (D360ExportDialog *self)
{
  D360ContactQuery query;
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  gint64 n_all;

  d360_contact_query_init (&query);
  n_all = d360_store_count_contacts (self->store, &query, &error);
  if (n_all < 0)
    {
      g_warning ("Could not count the contacts: %s", error->message);
      n_all = 0;
    }

  all = g_strdup_printf (g_dngettext (NULL, "All contacts (%u)", "All contacts (%u)",
                                      (gulong) n_all), (guint) n_all);
  gtk_string_list_append (self->which_list, all);
  if (self->ids != NULL)
    {
      g_autofree char *given = NULL;

      /* Translators: the contacts of the list shown, or those selected */
      given = g_strdup_printf (g_dngettext (NULL, "Only this contact", "Only these %u contacts",
                                            self->ids->len),
                               self->ids->len);
      gtk_string_list_append (self->which_list, given);
      adw_combo_row_set_selected (self->which_row, WHICH_GIVEN);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->which_row), self->ids != NULL);
}

static gboolean
d360_export_dialog_close_request (GtkWindow *window)
{
  D360ExportDialog *self = D360_EXPORT_DIALOG (window);

  /* The thread is stopped, if it can still be, and the window goes once it
   * has ended. */
  if (self->cancellable != NULL)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (d360_export_dialog_parent_class)->close_request (window);
}

static void
d360_export_dialog_constructed (GObject *object)
{
  D360ExportDialog *self = (D360ExportDialog *) object;

  G_OBJECT_CLASS (d360_export_dialog_parent_class)->constructed (object);

  if (self->store != NULL)
    fill_which (self);
}

static void
d360_export_dialog_dispose (GObject *object)
{
  D360ExportDialog *self = (D360ExportDialog *) object;

  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  G_OBJECT_CLASS (d360_export_dialog_parent_class)->dispose (object);
}

static void
d360_export_dialog_finalize (GObject *object)
{
  D360ExportDialog *self = (D360ExportDialog *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ids, g_array_unref);

  G_OBJECT_CLASS (d360_export_dialog_parent_class)->finalize (object);
}

static void
d360_export_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  D360ExportDialog *self = D360_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_export_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  D360ExportDialog *self = D360_EXPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_export_dialog_class_init (D360ExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = d360_export_dialog_constructed;
  object_class->dispose = d360_export_dialog_dispose;
  object_class->finalize = d360_export_dialog_finalize;
  object_class->get_property = d360_export_dialog_get_property;
  object_class->set_property = d360_export_dialog_set_property;
  window_class->close_request = d360_export_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, D360_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * D360ExportDialog::finished:
   * @success: whether the file was written
   * @message: what happened, for a toast
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/diplomacy360/Desktop/ui/"
                                               "d360-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, D360ExportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, D360ExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, D360ExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, D360ExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, D360ExportDialog, separator_row);
  gtk_widget_class_bind_template_child (widget_class, D360ExportDialog, which_row);
  gtk_widget_class_bind_template_child (widget_class, D360ExportDialog, which_list);

  gtk_widget_class_install_action (widget_class, "export.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
d360_export_dialog_init (D360ExportDialog *self)
{
  char separator = default_separator ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    if (separators[i] == separator)
      adw_combo_row_set_selected (self->separator_row, i);
  g_signal_connect_object (self->format_row, "notify::selected",
                           G_CALLBACK (format_changed_cb), self, G_CONNECT_SWAPPED);
  format_changed_cb (self);
  set_busy (self, FALSE);
}

/* ------------------------------------------------------------- public API */

/**
 * d360_export_dialog_new:
 * @parent: (nullable): the app's window
 * @ids: (nullable) (element-type gint64): the contacts shown or selected
 *
 * Returns: (transfer none): the window; present it
 */
D360ExportDialog *
d360_export_dialog_new (GtkWindow *parent,
                        D360Store *store,
                        GArray    *ids)
{
  D360ExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (D360_IS_STORE (store), NULL);
  g_return_val_if_fail (ids == NULL || g_array_get_element_size (ids) == sizeof (gint64), NULL);

  self = g_object_new (D360_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  if (ids != NULL)
    {
      self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
      g_array_append_vals (self->ids, ids->data, ids->len);
    }
  fill_which (self);
  return self;
}

/**
 * d360_export_dialog_export_to_file:
 * @file: where to write, replacing what is there
 *
 * Writes the contacts chosen in the window to @file, in a thread; what the
 * file chooser's Export button calls. "finished" tells how it went.
 */
void
d360_export_dialog_export_to_file (D360ExportDialog *self,
                                   GFile            *file)
{
  g_autoptr(GTask) task = NULL;
  guint format = adw_combo_row_get_selected (self->format_row);
  guint separator = adw_combo_row_get_selected (self->separator_row);
  Job *job;

  g_return_if_fail (D360_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->cancellable == NULL);

  job = g_new0 (Job, 1);
  job->store_path = g_strdup (d360_store_get_path (self->store));
  job->path = g_file_get_path (file);
  if (self->ids != NULL && adw_combo_row_get_selected (self->which_row) == WHICH_GIVEN)
    job->ids = g_array_ref (self->ids);
  job->format = format == FORMAT_CSV ? D360_CONTACT_FORMAT_CSV : D360_CONTACT_FORMAT_VCARD;
  job->version = format == FORMAT_VCARD_3 ? D360_VCARD_VERSION_3_0 : D360_VCARD_VERSION_4_0;
  job->separator = separators[MIN (separator, G_N_ELEMENTS (separators) - 1)];

  if (job->path == NULL)
    {
      job_free (job);
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Choose a file on this computer")));
      return;
    }

  set_busy (self, TRUE);
  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, d360_export_dialog_export_to_file);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * d360_export_dialog_run:
 * @parent: (nullable): the app's window
 * @store: the contacts
 * @ids: (nullable) (element-type gint64): the current list or selection;
 *   %NULL offers every contact only
 *
 * Asks how and what to export, then where, and writes the file.
 */
void
d360_export_dialog_run (GtkWindow *parent,
                        D360Store *store,
                        GArray    *ids)
{
  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (D360_IS_STORE (store));

  gtk_window_present (GTK_WINDOW (d360_export_dialog_new (parent, store, ids)));
}

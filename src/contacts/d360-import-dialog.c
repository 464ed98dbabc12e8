/* d360-import-dialog.c — bring people in from a vCard or CSV file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window goes through the pages of its stack: "reading" (the file is
 * read and counted in a thread), "mapping" (only for a CSV file whose layout
 * is not known), "preview" (how many new, likely duplicates, rejected),
 * "importing" (a thread, with progress and Cancel) and "done".
 *
 * Threads and SQLite: the app's D360Store is one connection with a cache of
 * prepared statements, used by the main thread only, and it emits "changed"
 * from whatever thread commits. So the threads never touch it: each job
 * opens its own D360Store on the same file (a second SQLite connection; the
 * database is in WAL mode, so the views keep reading while the import
 * writes, and the import is one transaction that they see only once it is
 * committed). When the import is done, the main thread tells the app's store
 * that contacts changed, and the views reload. The window is modal, so the
 * user cannot start another write meanwhile.
 */

#define G_LOG_DOMAIN "d360-import-dialog"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "interop/d360-contact-io.h"
#include "interop/d360-csv.h"
#include "d360-import-dialog.h"
#include "d360-store-contacts.h"
#include "d360-window.h"

#define PROGRESS_INTERVAL_MS 100
#define N_SAMPLES 3

/* What the threads work on. Only one thread at a time uses it, and the main
 * thread reads it only once that thread is done (except the progress). */
typedef struct
{
  char             *store_path;
  GFile            *file;
  D360Store        *worker_store;   /* the threads' own connection */

  D360ContactFormat format;
  D360CsvTable     *table;          /* CSV only */
  int              *fields;         /* CSV only: a D360CsvField per column */
  D360CsvLayout     layout;
  GPtrArray        *table_problems; /* D360ParseProblem: reading the table */

  GPtrArray        *contacts;       /* D360Contact */
  GPtrArray        *problems;       /* D360ParseProblem, by line */
  guint             n_rejected;
  D360ImportCounts  counts;         /* of the dry run, then of the import */
  D360ImportPolicy  policy;

  guint             done;           /* atomic: import progress */
  guint             total;          /* atomic */
} Job;

struct _D360ImportDialog
{
  AdwWindow           parent_instance;

  AdwToastOverlay    *toast_overlay;
  GtkButton          *cancel_button;
  GtkButton          *import_button;
  GtkButton          *continue_button;
  GtkButton          *done_button;
  GtkStack           *stack;
  GtkSpinner         *spinner;
  GtkLabel           *reading_label;
  GtkLabel           *counting_label;
  GtkListBox         *mapping_list;
  AdwPreferencesGroup *summary_group;
  AdwActionRow       *new_row;
  AdwActionRow       *unchanged_row;
  AdwActionRow       *duplicates_row;
  AdwComboRow        *policy_row;
  AdwActionRow       *rejected_row;
  AdwPreferencesGroup *problems_group;
  GtkStringList      *problems;
  GtkLabel           *importing_label;
  GtkProgressBar     *progress_bar;
  AdwStatusPage      *done_page;

  D360Store          *store;
  GFile              *file;
  Job                *job;
  GCancellable       *cancellable;     /* of the running thread, or NULL */
  GPtrArray          *mapping_rows;    /* AdwComboRow, a column each */
  char               *error_message;   /* why the file could not be imported */
  guint               progress_id;
  guint               counting_id;    /* the reading page's progress */
  gboolean            close_when_done;
  gboolean            disposed;        /* destroyed while a thread ran */
};

G_DEFINE_FINAL_TYPE (D360ImportDialog, d360_import_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ jobs */

static void
job_free (Job *job)
{
  g_free (job->store_path);
  g_clear_object (&job->file);
  g_clear_object (&job->worker_store);
  g_clear_pointer (&job->table, d360_csv_table_free);
  g_free (job->fields);
  g_clear_pointer (&job->table_problems, g_ptr_array_unref);
  g_clear_pointer (&job->contacts, g_ptr_array_unref);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_free (job);
}

static gpointer
free_contacts_thread (gpointer contacts)
{
  g_ptr_array_unref (contacts);
  return NULL;
}

/* The people of a large job are let go of in a thread of their own: freeing
 * 100 000 contacts takes 0.1 s or more, a frozen frame or six when the
 * window closes. Nothing else uses them by then (see
 * d360_import_dialog_finalize()); the rest of the job, its database
 * connection first, goes here and now. */
static void
job_release (Job *job)
{
  g_autoptr(GPtrArray) contacts = g_steal_pointer (&job->contacts);
  GThread *thread = NULL;

  job_free (job);
  if (contacts != NULL && contacts->len >= 5000)
    thread = g_thread_try_new ("d360-import-free", free_contacts_thread, contacts, NULL);
  if (thread != NULL)
    {
      g_steal_pointer (&contacts);
      g_thread_unref (thread);
    }
}

static GPtrArray *
new_problems (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) d360_parse_problem_free);
}

static int
compare_problems (gconstpointer a,
                  gconstpointer b)
{
  const D360ParseProblem *first = *(const D360ParseProblem * const *) a;
  const D360ParseProblem *second = *(const D360ParseProblem * const *) b;

  return (first->line > second->line) - (first->line < second->line);
}

static void
append_problems (GPtrArray *dest,
                 GPtrArray *source)
{
  for (guint i = 0; source != NULL && i < source->len; i++)
    {
      const D360ParseProblem *problem = g_ptr_array_index (source, i);
      D360ParseProblem *copy = g_new0 (D360ParseProblem, 1);

      copy->line = problem->line;
      copy->reason = g_strdup (problem->reason);
      copy->rejected = problem->rejected;
      g_ptr_array_add (dest, copy);
    }
}

static gboolean
ensure_worker_store (Job     *job,
                     GError **error)
{
  if (job->worker_store == NULL)
    job->worker_store = d360_store_open_for_thread (job->store_path, error);
  return job->worker_store != NULL;
}

/* The CSV table into contacts, with the columns as job->fields says: rows
 * that make no valid contact are rejected with their line, as on the
 * command line. */
static void
convert_table (Job *job)
{
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GPtrArray) problems = new_problems ();
  g_autoptr(D360ContactFile) file = NULL;

  append_problems (problems, job->table_problems);
  parsed = d360_csv_table_to_contacts (job->table, job->fields, job->table->n_columns,
                                       problems);
  file = d360_contact_file_new_from_parsed (D360_CONTACT_FORMAT_CSV, parsed,
                                            g_steal_pointer (&problems));

  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_clear_pointer (&job->contacts, g_ptr_array_unref);
  job->problems = g_steal_pointer (&file->problems);
  job->contacts = g_steal_pointer (&file->contacts);
  job->n_rejected = file->n_rejected;
}

static void report_progress (guint    done,
                             guint    total,
                             gpointer user_data);

/* Counts what an import would do, writing nothing. */
static gboolean
count_import (Job           *job,
              GCancellable  *cancellable,
              GError       **error)
{
  g_ptr_array_sort (job->problems, compare_problems);
  memset (&job->counts, 0, sizeof job->counts);
  g_atomic_int_set (&job->done, 0);
  g_atomic_int_set (&job->total, 0);

  if (!ensure_worker_store (job, error) ||
      !d360_store_import_contacts (job->worker_store, job->contacts, D360_IMPORT_SKIP, TRUE,
                                   &job->counts, report_progress, job, cancellable, error))
    return FALSE;

  job->counts.n_rejected = job->n_rejected;
  return TRUE;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autofree char *name = g_file_get_basename (job->file);

  data = g_file_load_bytes (job->file, cancellable, NULL, &error);
  if (data == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->format = d360_contact_format_detect (data, name);
  if (job->format == D360_CONTACT_FORMAT_CSV)
    {
      job->table = d360_csv_table_read (data, 0, &job->table_problems, &error);
      if (job->table == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (job->table_problems == NULL)
        job->table_problems = new_problems ();
      job->fields = g_new0 (int, MAX (job->table->n_columns, 1));
      job->layout = d360_csv_table_guess_mapping (job->table, job->fields);
      if (job->layout == D360_CSV_LAYOUT_UNKNOWN)
        {
          /* The user checks the columns first (contacts stays NULL). */
          g_task_return_boolean (task, TRUE);
          return;
        }
      convert_table (job);
    }
  else
    {
      g_autoptr(D360ContactFile) contact_file = NULL;

      contact_file = d360_contact_file_parse (data, job->format, name, &error);
      if (contact_file == NULL)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      job->format = contact_file->format;
      job->contacts = g_steal_pointer (&contact_file->contacts);
      job->problems = g_steal_pointer (&contact_file->problems);
      if (job->problems == NULL)
        job->problems = new_problems ();
      job->n_rejected = contact_file->n_rejected;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      !count_import (job, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
map_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;

  convert_table (job);
  if (!count_import (job, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
report_progress (guint    done,
                 guint    total,
                 gpointer user_data)
{
  Job *job = user_data;

  g_atomic_int_set (&job->total, total);
  g_atomic_int_set (&job->done, done);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  D360ImportCounts counts = { 0 };

  if (!ensure_worker_store (job, &error) ||
      !d360_store_import_contacts (job->worker_store, job->contacts, job->policy, FALSE,
                                   &counts, report_progress, job, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  counts.n_rejected = job->n_rejected;
  job->counts = counts;
  g_task_return_boolean (task, TRUE);
}

/* --------------------------------------------------------------- helpers */

/* While the preview is worked out (an import that writes nothing, in the
 * reading thread), how far it is: a large file takes seconds. */
static gboolean
update_counting_cb (gpointer user_data)
{
  D360ImportDialog *self = user_data;
  guint total = self->job != NULL ? g_atomic_int_get (&self->job->total) : 0;
  guint done = self->job != NULL ? g_atomic_int_get (&self->job->done) : 0;
  g_autofree char *text = NULL;

  if (total == 0)
    return G_SOURCE_CONTINUE;

  /* Translators: while an import's preview is worked out, "1200 of 5000" */
  text = g_strdup_printf (_("Comparing with the stored contacts: %u of %u"), MIN (done, total),
                          total);
  gtk_label_set_text (self->counting_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->counting_label), TRUE);
  return G_SOURCE_CONTINUE;
}

static void
set_page (D360ImportDialog *self,
          const char       *page)
{
  gboolean reading = g_str_equal (page, "reading");

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, reading);
  if (reading && self->counting_id == 0)
    self->counting_id = g_timeout_add (PROGRESS_INTERVAL_MS, update_counting_cb, self);
  else if (!reading)
    g_clear_handle_id (&self->counting_id, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->counting_label), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->continue_button), g_str_equal (page, "mapping"));
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), g_str_equal (page, "preview"));
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), g_str_equal (page, "done"));
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !g_str_equal (page, "done"));
  if (g_str_equal (page, "done"))
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->done_button));
  else if (g_str_equal (page, "preview"))
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
  else if (g_str_equal (page, "mapping"))
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->continue_button));
}

static void
start_task (D360ImportDialog      *self,
            GTaskThreadFunc        func,
            GAsyncReadyCallback    callback)
{
  g_autoptr(GTask) task = NULL;

  g_assert (self->cancellable == NULL);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (self, self->cancellable, callback, NULL);
  g_task_set_source_tag (task, func);
  g_task_set_task_data (task, self->job, NULL);
  g_task_run_in_thread (task, func);
}

/* TRUE when the task ended well; FALSE when it failed or was cancelled. */
static gboolean
finish_task (D360ImportDialog  *self,
             GAsyncResult      *result,
             GError           **error)
{
  g_clear_object (&self->cancellable);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static char *
get_file_name (D360ImportDialog *self)
{
  g_autofree char *path = g_file_get_path (self->file);

  if (path != NULL)
    return g_filename_display_basename (path);
  return g_file_get_basename (self->file);
}

/* A reason the whole file cannot be imported: a message dialog over the
 * app's window, and this window goes. */
static void
show_error (D360ImportDialog *self,
            const GError     *error)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autofree char *name = get_file_name (self);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  g_free (self->error_message);
  /* Translators: %s says why the file cannot be imported, a sentence */
  self->error_message = g_strdup_printf (_("%s Nothing was changed."), error->message);

  /* Translators: %s is a file name */
  heading = g_strdup_printf (_("Cannot Import “%s”"), name);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, self->error_message));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));

  gtk_stack_set_visible_child_name (self->stack, "reading");
  gtk_spinner_set_spinning (self->spinner, FALSE);
  gtk_window_close (GTK_WINDOW (self));
}

static void
set_count_row (AdwActionRow *row,
               guint         count,
               char         *title)  /* transfer full */
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_visible (GTK_WIDGET (row), count > 0);
  g_free (title);
}

static void
update_import_button (D360ImportDialog *self)
{
  const D360ImportCounts *counts = &self->job->counts;
  guint policy = adw_combo_row_get_selected (self->policy_row);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import",
                                 counts->n_new > 0 ||
                                 (counts->n_duplicates > 0 && policy != D360_IMPORT_SKIP));
}

static void
show_preview (D360ImportDialog *self)
{
  const D360ImportCounts *counts = &self->job->counts;
  GPtrArray *problems = self->job->problems;
  g_autofree char *name = get_file_name (self);
  g_autofree char *description = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_full (problems->len + 1, g_free);

  if (self->job->format == D360_CONTACT_FORMAT_CSV)
    /* Translators: %s is a file name */
    description = g_strdup_printf (_("From the CSV file “%s”"), name);
  else
    /* Translators: %s is a file name */
    description = g_strdup_printf (_("From the vCard file “%s”"), name);
  adw_preferences_group_set_description (self->summary_group, description);

  set_count_row (self->new_row, 1,
                 g_strdup_printf (g_dngettext (NULL, "%u new contact", "%u new contacts",
                                               counts->n_new), counts->n_new));
  adw_action_row_set_subtitle (self->new_row,
                               counts->n_new == 0 && counts->n_duplicates == 0
                               ? _("Nothing new in this file") : "");
  set_count_row (self->unchanged_row, counts->n_unchanged,
                 g_strdup_printf (g_dngettext (NULL, "%u already stored",
                                               "%u already stored", counts->n_unchanged),
                                  counts->n_unchanged));
  set_count_row (self->duplicates_row, counts->n_duplicates,
                 g_strdup_printf (g_dngettext (NULL, "%u likely duplicate",
                                               "%u likely duplicates", counts->n_duplicates),
                                  counts->n_duplicates));
  gtk_widget_set_visible (GTK_WIDGET (self->policy_row), counts->n_duplicates > 0);
  set_count_row (self->rejected_row, counts->n_rejected,
                 g_strdup_printf (g_dngettext (NULL, "%u rejected", "%u rejected",
                                               counts->n_rejected), counts->n_rejected));

  for (guint i = 0; i < problems->len; i++)
    {
      const D360ParseProblem *problem = g_ptr_array_index (problems, i);

      /* Translators: a problem of an imported file: its line, then why */
      g_ptr_array_add (lines, g_strdup_printf (_("Line %u: %s"), problem->line,
                                               problem->reason));
    }
  g_ptr_array_add (lines, NULL);
  gtk_string_list_splice (self->problems, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->problems)),
                          (const char * const *) lines->pdata);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), problems->len > 0);

  update_import_button (self);
  set_page (self, "preview");
}

/* --------------------------------------------------------------- mapping */

static char *
describe_samples (const D360CsvTable *table,
                  guint               column)
{
  g_autoptr(GString) samples = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < table->rows->len && n < N_SAMPLES; i++)
    {
      const D360CsvRow *row = g_ptr_array_index (table->rows, i);
      g_autofree char *cell = NULL;

      if (column >= row->n_cells || row->cells[column][0] == '\0')
        continue;
      cell = g_utf8_substring (row->cells[column], 0,
                               MIN (g_utf8_strlen (row->cells[column], -1), 40));
      g_strdelimit (cell, "\r\n\t", ' ');
      if (n > 0)
        g_string_append (samples, " · ");
      g_string_append (samples, cell);
      n++;
    }

  if (n == 0)
    return g_strdup (_("Empty in the first rows"));
  return g_string_free (g_steal_pointer (&samples), FALSE);
}

static void
show_mapping (D360ImportDialog *self)
{
  const D360CsvTable *table = self->job->table;
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GtkWidget *child;

  for (guint i = 0; i < D360_CSV_N_FIELDS; i++)
    gtk_string_list_append (titles, d360_csv_field_get_title (i));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->mapping_list))) != NULL)
    gtk_list_box_remove (self->mapping_list, child);
  g_ptr_array_set_size (self->mapping_rows, 0);

  for (guint i = 0; i < table->n_columns; i++)
    {
      GtkWidget *row = adw_combo_row_new ();
      g_autofree char *samples = describe_samples (table, i);
      g_autofree char *title = NULL;

      if (table->header[i][0] != '\0')
        title = g_strdup (table->header[i]);
      else
        /* Translators: a CSV column without a name, %u is its number */
        title = g_strdup_printf (_("Column %u"), i + 1);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), samples);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (titles));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), (guint) self->job->fields[i]);
      gtk_list_box_append (self->mapping_list, row);
      g_ptr_array_add (self->mapping_rows, row);
    }

  set_page (self, "mapping");
}

/* ------------------------------------------------------------- progress */

static gboolean
update_progress_cb (gpointer user_data)
{
  D360ImportDialog *self = user_data;
  guint total = g_atomic_int_get (&self->job->total);
  guint done = g_atomic_int_get (&self->job->done);
  g_autofree char *text = NULL;

  if (total == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return G_SOURCE_CONTINUE;
    }

  /* Translators: import progress, "120 of 5000" */
  text = g_strdup_printf (_("%u of %u"), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) MIN (done, total) / total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_CONTINUE;
}

/* ------------------------------------------------------------ callbacks */

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  D360ImportDialog *self = D360_IMPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;

  if (!finish_task (self, result, &error))
    {
      if (self->disposed)
        return;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_window_close (GTK_WINDOW (self));
      else
        show_error (self, error);
      return;
    }

  if (self->disposed)
    return;
  if (self->close_when_done)
    gtk_window_close (GTK_WINDOW (self));
  else if (self->job->contacts == NULL)
    show_mapping (self);
  else
    show_preview (self);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  D360ImportDialog *self = D360_IMPORT_DIALOG (object);
  const D360ImportCounts *counts = &self->job->counts;
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *title = NULL;
  guint n_imported;

  g_clear_handle_id (&self->progress_id, g_source_remove);

  if (!finish_task (self, result, &error))
    {
      if (self->disposed)
        return;
      if (self->close_when_done)
        {
          gtk_window_close (GTK_WINDOW (self));
          return;
        }
      show_preview (self);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay,
                                     adw_toast_new (_("Import cancelled; nothing was changed")));
      else
        {
          g_autofree char *message = g_strdup_printf (_("Could not import: %s"),
                                                      error->message);
          AdwToast *toast = adw_toast_new (message);

          adw_toast_set_timeout (toast, 0);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
        }
      return;
    }

  /* The threads wrote through their own connection: the app's views learn
   * of it here, on the main thread. */
  d360_store_emit_changed (self->store, "organization");
  d360_store_emit_changed (self->store, "contact");
  if (self->disposed)
    return;

  n_imported = counts->n_new;
  if (self->job->policy == D360_IMPORT_ANYWAY)
    n_imported += counts->n_duplicates;
  title = g_strdup_printf (g_dngettext (NULL, "%u contact imported", "%u contacts imported",
                                        n_imported), n_imported);

  if (counts->n_duplicates > 0 && self->job->policy == D360_IMPORT_MERGE)
    g_string_append_printf (details, g_dngettext (NULL, "%u merged into a stored contact.",
                                                  "%u merged into stored contacts.",
                                                  counts->n_duplicates),
                            counts->n_duplicates);
  else if (counts->n_duplicates > 0 && self->job->policy == D360_IMPORT_SKIP)
    g_string_append_printf (details, g_dngettext (NULL, "%u likely duplicate skipped.",
                                                  "%u likely duplicates skipped.",
                                                  counts->n_duplicates),
                            counts->n_duplicates);
  if (counts->n_unchanged > 0)
    {
      if (details->len > 0)
        g_string_append_c (details, '\n');
      g_string_append_printf (details, g_dngettext (NULL, "%u already stored.",
                                                    "%u already stored.",
                                                    counts->n_unchanged),
                              counts->n_unchanged);
    }
  if (counts->n_rejected > 0)
    {
      if (details->len > 0)
        g_string_append_c (details, '\n');
      g_string_append_printf (details, g_dngettext (NULL, "%u could not be read.",
                                                    "%u could not be read.",
                                                    counts->n_rejected),
                              counts->n_rejected);
    }

  adw_status_page_set_title (self->done_page, title);
  adw_status_page_set_description (self->done_page, details->len > 0 ? details->str : NULL);
  set_page (self, "done");

  if (parent != NULL && D360_IS_WINDOW (parent))
    d360_window_show_toast (D360_WINDOW (parent), title);
  g_signal_emit (self, signals[FINISHED], 0, title);

  if (self->close_when_done)
    gtk_window_close (GTK_WINDOW (self));
}

static void
policy_changed_cb (D360ImportDialog *self)
{
  if (self->job != NULL)
    update_import_button (self);
}

/* --------------------------------------------------------------- actions */

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  D360ImportDialog *self = D360_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_text (self->importing_label, _("Cancelling…"));
      if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "importing"))
        self->close_when_done = TRUE;
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
continue_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  D360ImportDialog *self = D360_IMPORT_DIALOG (widget);
  gboolean any = FALSE;

  if (self->cancellable != NULL || self->job == NULL || self->job->table == NULL)
    return;

  for (guint i = 0; i < self->mapping_rows->len; i++)
    {
      guint field = adw_combo_row_get_selected (g_ptr_array_index (self->mapping_rows, i));

      self->job->fields[i] = field < D360_CSV_N_FIELDS ? (int) field : D360_CSV_FIELD_IGNORE;
      any = any || self->job->fields[i] != D360_CSV_FIELD_IGNORE;
    }
  if (!any)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Choose what at least one column holds")));
      return;
    }

  gtk_label_set_text (self->reading_label, _("Reading the contacts…"));
  set_page (self, "reading");
  start_task (self, map_thread, read_done_cb);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  D360ImportDialog *self = D360_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL || self->job == NULL || self->job->contacts == NULL)
    return;

  self->job->policy = (D360ImportPolicy) adw_combo_row_get_selected (self->policy_row);
  g_atomic_int_set (&self->job->done, 0);
  g_atomic_int_set (&self->job->total, 0);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_label_set_text (self->importing_label, _("Importing…"));
  set_page (self, "importing");
  self->progress_id = g_timeout_add (PROGRESS_INTERVAL_MS, update_progress_cb, self);
  start_task (self, import_thread, import_done_cb);
}

/* --------------------------------------------------------------- GObject */

static void
start_reading (D360ImportDialog *self)
{
  g_autofree char *name = get_file_name (self);
  g_autofree char *text = NULL;

  self->job = g_new0 (Job, 1);
  self->job->store_path = g_strdup (d360_store_get_path (self->store));
  self->job->file = g_object_ref (self->file);

  /* Translators: %s is a file name */
  text = g_strdup_printf (_("Reading “%s”…"), name);
  gtk_label_set_text (self->reading_label, text);
  set_page (self, "reading");
  start_task (self, read_thread, read_done_cb);
}

static gboolean
d360_import_dialog_close_request (GtkWindow *window)
{
  D360ImportDialog *self = D360_IMPORT_DIALOG (window);

  /* A thread still uses the job: stop it, and close once it has ended. */
  if (self->cancellable != NULL)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (d360_import_dialog_parent_class)->close_request (window);
}

/* The window goes (destroyed with its parent, say): a running thread stops,
 * and nothing more is written. */
static void
d360_import_dialog_unrealize (GtkWidget *widget)
{
  D360ImportDialog *self = D360_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  GTK_WIDGET_CLASS (d360_import_dialog_parent_class)->unrealize (widget);
}

static void
d360_import_dialog_constructed (GObject *object)
{
  D360ImportDialog *self = (D360ImportDialog *) object;

  G_OBJECT_CLASS (d360_import_dialog_parent_class)->constructed (object);

  if (self->store != NULL && self->file != NULL)
    start_reading (self);
}

static void
d360_import_dialog_dispose (GObject *object)
{
  D360ImportDialog *self = (D360ImportDialog *) object;

  /* A running thread keeps the dialog (not its widgets) alive until its
   * callback, which then only tells the store. */
  self->disposed = TRUE;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_handle_id (&self->counting_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (d360_import_dialog_parent_class)->dispose (object);
}

static void
d360_import_dialog_finalize (GObject *object)
{
  D360ImportDialog *self = (D360ImportDialog *) object;

  /* A running task holds a reference: no thread uses the job any more. */
  g_clear_pointer (&self->job, job_release);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_pointer (&self->mapping_rows, g_ptr_array_unref);
  g_clear_pointer (&self->error_message, g_free);

  G_OBJECT_CLASS (d360_import_dialog_parent_class)->finalize (object);
}

static void
d360_import_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  D360ImportDialog *self = D360_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_import_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  D360ImportDialog *self = D360_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_FILE:
      self->file = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_import_dialog_class_init (D360ImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = d360_import_dialog_constructed;
  object_class->dispose = d360_import_dialog_dispose;
  object_class->finalize = d360_import_dialog_finalize;
  object_class->get_property = d360_import_dialog_get_property;
  object_class->set_property = d360_import_dialog_set_property;
  widget_class->unrealize = d360_import_dialog_unrealize;
  window_class->close_request = d360_import_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, D360_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * D360ImportDialog::finished:
   * @message: what was imported, for a toast
   *
   * Emitted when an import has been written.
   */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/diplomacy360/Desktop/ui/"
                                               "d360-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, continue_button);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, reading_label);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, counting_label);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, mapping_list);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, summary_group);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, new_row);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, unchanged_row);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, duplicates_row);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, policy_row);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, rejected_row);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, problems);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, importing_label);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, D360ImportDialog, done_page);

  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.continue", NULL, continue_action);
  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
d360_import_dialog_init (D360ImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->mapping_rows = g_ptr_array_new ();
  g_signal_connect_object (self->policy_row, "notify::selected",
                           G_CALLBACK (policy_changed_cb), self, G_CONNECT_SWAPPED);
  set_page (self, "reading");
}

/* ----------------------------------------------------------- public API */

/**
 * d360_import_dialog_new:
 * @parent: (nullable): the app's window
 * @file: a vCard or CSV file
 *
 * Returns: (transfer none): the window, reading @file; present it
 */
D360ImportDialog *
d360_import_dialog_new (GtkWindow *parent,
                        D360Store *store,
                        GFile     *file)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (D360_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  return g_object_new (D360_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "file", file,
                       NULL);
}

/**
 * d360_import_dialog_get_page:
 *
 * Returns: "reading", "mapping", "preview", "importing" or "done"; "error"
 *   once the file was refused
 */
const char *
d360_import_dialog_get_page (D360ImportDialog *self)
{
  g_return_val_if_fail (D360_IS_IMPORT_DIALOG (self), NULL);

  if (self->error_message != NULL)
    return "error";
  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * d360_import_dialog_get_counts:
 *
 * Returns: (nullable): what the preview shows, or what the import did once
 *   the page is "done"; %NULL before the file was read
 */
const D360ImportCounts *
d360_import_dialog_get_counts (D360ImportDialog *self)
{
  g_return_val_if_fail (D360_IS_IMPORT_DIALOG (self), NULL);

  if (self->job == NULL || self->job->contacts == NULL || self->cancellable != NULL)
    return NULL;
  return &self->job->counts;
}

/**
 * d360_import_dialog_get_error:
 *
 * Returns: (nullable): why the file was refused, as the user was told
 */
const char *
d360_import_dialog_get_error (D360ImportDialog *self)
{
  g_return_val_if_fail (D360_IS_IMPORT_DIALOG (self), NULL);

  return self->error_message;
}

static void
file_chosen_cb (GtkNativeDialog *chooser,
                int              response,
                D360Store       *store)
{
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        gtk_window_present (GTK_WINDOW (d360_import_dialog_new (parent, store, file)));
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
unref_store (gpointer  data,
             GClosure *closure)
{
  g_object_unref (data);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char    **patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  if (mime_type != NULL)
    gtk_file_filter_add_mime_type (filter, mime_type);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

/**
 * d360_import_dialog_run:
 * @parent: (nullable): the app's window
 * @store: where the contacts go
 *
 * Asks for a vCard or CSV file, then shows what importing it would do.
 */
void
d360_import_dialog_run (GtkWindow *parent,
                        D360Store *store)
{
  static const char *contact_patterns[] = { "*.vcf", "*.vcard", "*.VCF", "*.csv", "*.CSV",
                                            NULL };
  static const char *vcard_patterns[] = { "*.vcf", "*.vcard", "*.VCF", NULL };
  static const char *csv_patterns[] = { "*.csv", "*.CSV", NULL };
  static const char *all_patterns[] = { "*", NULL };
  GtkFileChooserNative *chooser;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (D360_IS_STORE (store));

  chooser = gtk_file_chooser_native_new (_("Import Contacts"), parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filter (GTK_FILE_CHOOSER (chooser), _("vCard and CSV Files"), NULL, contact_patterns);
  add_filter (GTK_FILE_CHOOSER (chooser), _("vCard Files"), "text/vcard", vcard_patterns);
  add_filter (GTK_FILE_CHOOSER (chooser), _("CSV Files"), "text/csv", csv_patterns);
  add_filter (GTK_FILE_CHOOSER (chooser), _("All Files"), NULL, all_patterns);

  g_signal_connect_data (chooser, "response", G_CALLBACK (file_chosen_cb),
                         g_object_ref (store), unref_store, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

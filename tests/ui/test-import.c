/* test-import.c — the contacts Import and Export dialogs in real windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-import --tap [--screenshots=DIR]
 *
 * Each test writes its files, opens the dialog on a temporary store over a
 * real window, presses its buttons through their actions (what the buttons
 * do) and checks what the store and the files hold afterwards.
 */

#define G_LOG_DOMAIN "test-import"

#include "config.h"

#include <string.h>

#include "contacts/d360-export-dialog.h"
#include "contacts/d360-import-dialog.h"
#include "d360-i18n.h"
#include "d360-resources.h"
#include "d360-store-contacts.h"
#include "interop/d360-csv.h"
#include "d360-ui-test.h"

#define TIMEOUT_MS 20000

static char *screenshot_dir;
static guint timeout_ms = TIMEOUT_MS;   /* longer for a benchmark run */

/* Three good cards (diacritics with commas and with cedillas, a folded line)
 * and, from line 17, one with nothing to identify a person by. */
static const char GOOD_VCARDS[] =
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "FN:Ștefan Ionescu-Țărnă\r\n"
  "N:Ionescu-Țărnă;Ștefan;;;\r\n"
  "ORG:Primăria Brașov\r\n"
  "EMAIL;TYPE=WORK:stefan@primaria-brasov.ro\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "FN:Şerban Ţepeş\r\n"
  "N:Ţepeş;Şerban;;;\r\n"
  "EMAIL:serban@example.ro\r\n"
  "NOTE:Întâlnire la Iaşi\\, \r\n"
  " în mai\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:3.0\r\n"
  "NOTE:a card without a name\r\n"
  "END:VCARD\r\n"
  "BEGIN:VCARD\r\n"
  "VERSION:4.0\r\n"
  "FN:Ana Mureșan\r\n"
  "N:Mureșan;Ana;;;\r\n"
  "TEL;TYPE=cell:+40 721 000 111\r\n"
  "END:VCARD\r\n";

#define MALFORMED_LINE 16

typedef struct
{
  char      *dir;
  D360Store *store;
  GtkWindow *window;
  char      *message;   /* of the last "finished" */
  gboolean   finished;
  gboolean   success;
} Fixture;

/* ------------------------------------------------------------- waiting */

typedef struct
{
  D360ImportDialog *dialog;
  const char       *page;
} PageWait;

static gboolean
page_is (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (d360_import_dialog_get_page (wait->dialog), wait->page) == 0;
}

/* Waits until @dialog shows @page; fails with the page it shows otherwise. */
static void
wait_for_page (D360ImportDialog *dialog,
               const char       *page)
{
  PageWait wait = { dialog, page };

  if (!d360_test_wait_until (page_is, &wait, timeout_ms))
    g_error ("The import dialog shows “%s”, not “%s” (%s)",
             d360_import_dialog_get_page (dialog), page,
             d360_import_dialog_get_error (dialog) ? d360_import_dialog_get_error (dialog) : "");
}

static gboolean
is_finished (gpointer data)
{
  return ((Fixture *) data)->finished;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
is_hidden (gpointer data)
{
  return !gtk_widget_get_visible (GTK_WIDGET (data));
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* ------------------------------------------------------------- helpers */

static GObject *
get_child (gpointer    dialog,
           GType       type,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (dialog), type, name);

  if (child == NULL)
    g_error ("The dialog has no “%s”", name);
  return child;
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static gint64
count_stored (Fixture    *fixture,
              const char *search)
{
  D360ContactQuery query;
  g_autoptr(GError) error = NULL;
  gint64 count;

  d360_contact_query_init (&query);
  query.search = search;
  count = d360_store_count_contacts (fixture->store, &query, &error);
  g_assert_no_error (error);
  return count;
}

/* The one stored contact that @search finds. */
static D360Contact *
find_stored (Fixture    *fixture,
             const char *search)
{
  D360ContactQuery query;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  D360Contact *contact;

  d360_contact_query_init (&query);
  query.search = search;
  ids = d360_store_list_contact_ids (fixture->store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  contact = d360_store_get_contact (fixture->store, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  return contact;
}

static void
finished_cb (D360ImportDialog *dialog,
             const char       *message,
             Fixture          *fixture)
{
  g_free (fixture->message);
  fixture->message = g_strdup (message);
  fixture->finished = TRUE;
}

static void
export_finished_cb (D360ExportDialog *dialog,
                    gboolean          success,
                    const char       *message,
                    Fixture          *fixture)
{
  fixture->success = success;
  finished_cb (NULL, message, fixture);
}

/* Opens the import window for @path over the test's window and waits until
 * it has read the file. */
static D360ImportDialog *
open_import (Fixture    *fixture,
             const char *path,
             const char *page)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  D360ImportDialog *dialog = d360_import_dialog_new (fixture->window, fixture->store, file);

  g_object_ref (dialog);
  fixture->finished = FALSE;
  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), fixture);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  wait_for_page (dialog, page);
  return dialog;
}

static void
close_import (D360ImportDialog *dialog)
{
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);
}

static gboolean
import_enabled (D360ImportDialog *dialog)
{
  return gtk_widget_is_sensitive (GTK_WIDGET (get_child (dialog, D360_TYPE_IMPORT_DIALOG,
                                                         "import_button")));
}

/* Presses Import and waits for the summary. */
static void
press_import (Fixture          *fixture,
              D360ImportDialog *dialog)
{
  g_assert_true (import_enabled (dialog));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_cmpstr (d360_import_dialog_get_page (dialog), ==, "importing");
  g_assert_true (d360_test_wait_until (is_finished, fixture, timeout_ms));
  wait_for_page (dialog, "done");
}

/* With --screenshots=DIR, draws @widget's window into DIR/import-NAME.png. */
static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autofree char *file_name = g_strconcat ("import-", name, ".png", NULL);
  g_autofree char *path = NULL;
  g_autofree char *command = NULL;

  if (screenshot_dir == NULL)
    return;

  path = g_build_filename (screenshot_dir, file_name, NULL);
  if (d360_test_save_window_png (window, path))
    {
      g_test_message ("Screenshot in %s", path);
      return;
    }

  /* The window drew nothing (a page transition, say): the screen itself. */
  command = g_strdup_printf ("import -window root '%s'", path);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
  g_test_message ("Screenshot of the screen in %s", path);
}

/* The app's windows that are message dialogs, shown now. */
static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();  /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* ------------------------------------------------------------- fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("d360-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = d360_store_open (path, &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (fixture->window, "Contacts");
  gtk_window_set_default_size (fixture->window, 1000, 760);
  gtk_window_present (fixture->window);
  g_assert_true (d360_test_wait_until (is_mapped, fixture->window, timeout_ms));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  AdwMessageDialog *message;

  while ((message = find_message_dialog ()) != NULL)
    gtk_window_destroy (GTK_WINDOW (message));
  gtk_window_destroy (fixture->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->store);
  d360_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->message);
}

/* --------------------------------------------------------------- tests */

static void
test_vcard (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *path = write_file (fixture, "colegi.vcf", GOOD_VCARDS, -1);
  D360ImportDialog *dialog;
  const D360ImportCounts *counts;
  GListModel *problems;
  g_autoptr(GtkStringObject) first_problem = NULL;
  g_autoptr(D360Contact) stefan = NULL;
  g_autoptr(D360Contact) serban = NULL;
  g_autofree char *line = g_strdup_printf ("Line %d:", MALFORMED_LINE);

  dialog = open_import (fixture, path, "preview");
  counts = d360_import_dialog_get_counts (dialog);
  g_assert_nonnull (counts);
  g_assert_cmpuint (counts->n_new, ==, 3);
  g_assert_cmpuint (counts->n_duplicates, ==, 0);
  g_assert_cmpuint (counts->n_unchanged, ==, 0);
  g_assert_cmpuint (counts->n_rejected, ==, 1);

  /* The rejected card is listed with its line. */
  problems = G_LIST_MODEL (get_child (dialog, D360_TYPE_IMPORT_DIALOG, "problems"));
  g_assert_cmpuint (g_list_model_get_n_items (problems), >=, 1);
  first_problem = g_list_model_get_item (problems, 0);
  g_assert_true (g_str_has_prefix (gtk_string_object_get_string (first_problem), line));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (get_child (dialog, D360_TYPE_IMPORT_DIALOG,
                                                                "rejected_row"))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_child (dialog, D360_TYPE_IMPORT_DIALOG,
                                                                 "policy_row"))));
  save_screenshot (GTK_WIDGET (dialog), "preview");

  /* Nothing was written by reading and counting. */
  g_assert_cmpint (count_stored (fixture, NULL), ==, 0);

  press_import (fixture, dialog);
  g_assert_cmpstr (fixture->message, ==, "3 contacts imported");
  g_assert_cmpuint (d360_import_dialog_get_counts (dialog)->n_new, ==, 3);
  save_screenshot (GTK_WIDGET (dialog), "done");
  close_import (dialog);

  g_assert_cmpint (count_stored (fixture, NULL), ==, 3);
  stefan = find_stored (fixture, "stefan");
  g_assert_cmpstr (d360_contact_get_given_name (stefan), ==, "Ștefan");
  g_assert_cmpstr (d360_contact_get_family_name (stefan), ==, "Ionescu-Țărnă");
  g_assert_cmpstr (d360_contact_get_organization_name (stefan), ==, "Primăria Brașov");
  serban = find_stored (fixture, "Şerban");
  g_assert_cmpstr (d360_contact_get_family_name (serban), ==, "Ţepeş");
  g_assert_cmpstr (d360_contact_get_notes (serban), ==, "Întâlnire la Iaşi, în mai");

  /* The same file again: all of it is already stored, nothing to import. */
  dialog = open_import (fixture, path, "preview");
  counts = d360_import_dialog_get_counts (dialog);
  g_assert_cmpuint (counts->n_new, ==, 0);
  g_assert_cmpuint (counts->n_duplicates, ==, 0);
  g_assert_cmpuint (counts->n_unchanged, ==, 3);
  g_assert_cmpuint (counts->n_rejected, ==, 1);
  g_assert_false (import_enabled (dialog));
  close_import (dialog);
  g_assert_cmpint (count_stored (fixture, NULL), ==, 3);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GString) cards = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  D360ImportDialog *dialog;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (cards,
                            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Persoană %u\r\n"
                            "EMAIL:persoana%u@example.ro\r\nEND:VCARD\r\n", i, i);
  path = write_file (fixture, "many.vcf", cards->str, cards->len);

  dialog = open_import (fixture, path, "preview");
  g_assert_cmpuint (d360_import_dialog_get_counts (dialog)->n_new, ==, 2000);

  /* Cancel at once, while the thread runs: nothing is written. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_cmpstr (d360_import_dialog_get_page (dialog), ==, "importing");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  wait_for_page (dialog, "preview");
  g_assert_false (fixture->finished);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_cmpint (count_stored (fixture, NULL), ==, 0);

  close_import (dialog);

  /* Closing the window while it reads stops the thread; the window goes
   * once the thread has ended. */
  file = g_file_new_for_path (path);
  dialog = g_object_ref (d360_import_dialog_new (fixture->window, fixture->store, file));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (d360_import_dialog_get_page (dialog), ==, "reading");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (d360_test_wait_until (is_hidden, dialog, timeout_ms));
  g_object_unref (dialog);
  g_assert_cmpint (count_stored (fixture, NULL), ==, 0);

  /* Destroyed outright while importing (its parent went): the thread is
   * cancelled, and the dialog goes once it has ended. */
  dialog = open_import (fixture, path, "preview");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  g_assert_true (d360_test_wait_until (is_null, &dialog, timeout_ms));
  g_assert_cmpint (count_stored (fixture, NULL), ==, 0);
}

static void
test_csv_mapping (Fixture       *fixture,
                  gconstpointer  user_data)
{
  static const char csv[] =
    "Coloana A,Coloana B,Coloana C\n"
    "Ioana Bălan,ioana@cluj.ro,de sunat\n"
    "Dorin Şuşară,dorin@example.com,\n";
  g_autofree char *path = write_file (fixture, "lista.csv", csv, -1);
  D360ImportDialog *dialog;
  GtkListBox *list;
  AdwComboRow *name_row;
  AdwComboRow *email_row;
  g_autoptr(D360Contact) dorin = NULL;

  dialog = open_import (fixture, path, "mapping");
  list = GTK_LIST_BOX (get_child (dialog, D360_TYPE_IMPORT_DIALOG, "mapping_list"));
  name_row = ADW_COMBO_ROW (gtk_list_box_get_row_at_index (list, 0));
  email_row = ADW_COMBO_ROW (gtk_list_box_get_row_at_index (list, 1));
  g_assert_nonnull (name_row);
  g_assert_nonnull (gtk_list_box_get_row_at_index (list, 2));
  g_assert_null (gtk_list_box_get_row_at_index (list, 3));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (name_row)), ==,
                   "Coloana A");
  /* The first rows are the samples. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (name_row)),
                            "Ioana Bălan"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (email_row)),
                            "dorin@example.com"));
  g_assert_cmpuint (adw_combo_row_get_selected (name_row), ==, D360_CSV_FIELD_IGNORE);
  save_screenshot (GTK_WIDGET (dialog), "mapping");

  /* Every column ignored: the step stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.continue", NULL));
  d360_test_run_for (100);
  g_assert_cmpstr (d360_import_dialog_get_page (dialog), ==, "mapping");

  adw_combo_row_set_selected (name_row, D360_CSV_FIELD_FULL_NAME);
  adw_combo_row_set_selected (email_row, D360_CSV_FIELD_EMAIL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.continue", NULL));
  wait_for_page (dialog, "preview");
  g_assert_cmpuint (d360_import_dialog_get_counts (dialog)->n_new, ==, 2);
  g_assert_cmpuint (d360_import_dialog_get_counts (dialog)->n_rejected, ==, 0);

  press_import (fixture, dialog);
  g_assert_cmpstr (fixture->message, ==, "2 contacts imported");
  close_import (dialog);

  dorin = find_stored (fixture, "susara");
  g_assert_cmpstr (d360_contact_get_display_name (dorin), ==, "Dorin Şuşară");
  g_assert_cmpint (count_stored (fixture, "ioana@cluj.ro"), ==, 1);
}

static void
test_google_csv (Fixture       *fixture,
                 gconstpointer  user_data)
{
  /* Line 3 has only a phone: no one to store, so it is rejected with its
   * line, and the others still go in. Line 4's email is no email: it is
   * left out, the person kept. */
  static const char csv[] =
    "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,"
    "Phone 1 - Value,Organization 1 - Name\n"
    "Mihai Vâlcu,Mihai,Vâlcu,* Work,mihai@timisoara.ro,,,Primăria Timișoara\n"
    ",,,,,Mobile,+40 721 555 010,\n"
    "Irina Știrbu,Irina,Știrbu,* Home,irina(at)exemplu,Work,+40 256 100 200,\n";
  g_autofree char *path = write_file (fixture, "google.csv", csv, -1);
  D360ImportDialog *dialog;
  GListModel *problems;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(D360Contact) irina = NULL;
  GPtrArray *phones;

  /* A known layout goes straight to the preview. */
  dialog = open_import (fixture, path, "preview");
  g_assert_cmpuint (d360_import_dialog_get_counts (dialog)->n_new, ==, 2);
  g_assert_cmpuint (d360_import_dialog_get_counts (dialog)->n_rejected, ==, 1);
  g_assert_true (import_enabled (dialog));

  problems = G_LIST_MODEL (get_child (dialog, D360_TYPE_IMPORT_DIALOG, "problems"));
  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (problems, i);

      g_string_append_printf (all, "%s\n", gtk_string_object_get_string (item));
    }
  g_test_message ("problems:\n%s", all->str);
  g_assert_nonnull (strstr (all->str, "Line 3:"));
  g_assert_nonnull (strstr (all->str, "Line 4:"));
  g_assert_null (strstr (all->str, "Line 2:"));

  press_import (fixture, dialog);
  g_assert_cmpstr (fixture->message, ==, "2 contacts imported");
  close_import (dialog);

  g_assert_cmpint (count_stored (fixture, NULL), ==, 2);
  g_assert_cmpint (count_stored (fixture, "555"), ==, 0);
  irina = find_stored (fixture, "stirbu");
  g_assert_cmpuint (d360_contact_get_emails (irina)->len, ==, 0);
  phones = d360_contact_get_phones (irina);
  g_assert_cmpuint (phones->len, ==, 1);
  g_assert_cmpstr (((D360Channel *) g_ptr_array_index (phones, 0))->value, ==,
                   "+40 256 100 200");
}

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const char card[] =
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ana Mureșan\r\nN:Mureșan;Ana;;;\r\n"
    "EMAIL:ana@example.ro\r\nTEL:+40 721 000 222\r\nEND:VCARD\r\n";
  g_autoptr(D360Contact) stored = d360_contact_new ();
  g_autoptr(D360Contact) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = write_file (fixture, "ana.vcf", card, -1);
  D360ImportDialog *dialog;
  AdwComboRow *policy;

  d360_contact_set_given_name (stored, "Ana");
  d360_contact_set_family_name (stored, "Mureșan");
  d360_contact_add_email (stored, "ANA@example.ro", D360_CHANNEL_WORK, NULL);
  g_assert_true (d360_store_save_contact (fixture->store, stored, &error));
  g_assert_no_error (error);

  dialog = open_import (fixture, path, "preview");
  g_assert_cmpuint (d360_import_dialog_get_counts (dialog)->n_new, ==, 0);
  g_assert_cmpuint (d360_import_dialog_get_counts (dialog)->n_duplicates, ==, 1);
  policy = ADW_COMBO_ROW (get_child (dialog, D360_TYPE_IMPORT_DIALOG, "policy_row"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (policy)));
  save_screenshot (GTK_WIDGET (dialog), "duplicates");
  /* Skipping the one duplicate leaves nothing to import. */
  g_assert_cmpuint (adw_combo_row_get_selected (policy), ==, D360_IMPORT_SKIP);
  g_assert_false (import_enabled (dialog));

  adw_combo_row_set_selected (policy, D360_IMPORT_MERGE);
  g_assert_true (import_enabled (dialog));
  press_import (fixture, dialog);
  close_import (dialog);

  g_assert_cmpint (count_stored (fixture, NULL), ==, 1);
  merged = find_stored (fixture, "Ana");
  g_assert_cmpuint (d360_contact_get_phones (merged)->len, ==, 1);
}

static void
test_bad_files (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const char binary[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06";
  const struct { const char *name; const char *data; gssize length; } files[] = {
    { "empty.vcf", "", 0 },
    { "blank.csv", "\n  \n", -1 },
    { "image.vcf", binary, sizeof binary - 1 },
    { "image.csv", binary, sizeof binary - 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = write_file (fixture, files[i].name, files[i].data,
                                          files[i].length);
      D360ImportDialog *dialog;
      AdwMessageDialog *message;

      g_test_message ("%s", files[i].name);
      dialog = open_import (fixture, path, "error");
      g_assert_nonnull (d360_import_dialog_get_error (dialog));
      g_assert_nonnull (strstr (d360_import_dialog_get_error (dialog), "Nothing was changed"));
      g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
      message = find_message_dialog ();
      g_assert_nonnull (message);
      g_assert_true (g_str_has_prefix (adw_message_dialog_get_heading (message),
                                       "Cannot Import"));
      if (i == 2)
        save_screenshot (GTK_WIDGET (message), "error");
      adw_message_dialog_response (message, "close");
      gtk_window_destroy (GTK_WINDOW (message));
      g_object_unref (dialog);
    }

  g_assert_cmpint (count_stored (fixture, NULL), ==, 0);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autofree char *vcf = write_file (fixture, "colegi.vcf", GOOD_VCARDS, -1);
  g_autofree char *vcf_out = g_build_filename (fixture->dir, "out.vcf", NULL);
  g_autofree char *csv_out = g_build_filename (fixture->dir, "out.csv", NULL);
  g_autoptr(GFile) vcf_file = g_file_new_for_path (vcf_out);
  g_autoptr(GFile) csv_file = g_file_new_for_path (csv_out);
  g_autoptr(D360Contact) ana = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  D360ImportDialog *import;
  D360ExportDialog *dialog;
  gint64 id;

  import = open_import (fixture, vcf, "preview");
  press_import (fixture, import);
  close_import (import);
  ana = find_stored (fixture, "Ana");
  id = d360_contact_get_id (ana);
  g_array_append_val (ids, id);

  /* Every contact, as vCard 3.0. */
  dialog = g_object_ref (d360_export_dialog_new (fixture->window, fixture->store, NULL));
  fixture->finished = FALSE;
  g_signal_connect (dialog, "finished", G_CALLBACK (export_finished_cb), fixture);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (d360_test_wait_until (is_mapped, dialog, timeout_ms));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_child (dialog, D360_TYPE_EXPORT_DIALOG,
                                                                 "separator_row"))));
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_child (dialog, D360_TYPE_EXPORT_DIALOG,
                                                        "format_row")), 1);
  d360_export_dialog_export_to_file (dialog, vcf_file);
  g_assert_true (d360_test_wait_until (is_finished, fixture, timeout_ms));
  g_assert_true (fixture->success);
  g_assert_cmpstr (fixture->message, ==, "Exported 3 contacts to “out.vcf”");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);

  g_file_get_contents (vcf_out, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "VERSION:3.0"));
  g_assert_nonnull (strstr (text, "Ștefan"));
  g_assert_nonnull (strstr (text, "Ţepeş"));
  g_clear_pointer (&text, g_free);

  /* The given list only, as CSV with semicolons. */
  dialog = g_object_ref (d360_export_dialog_new (fixture->window, fixture->store, ids));
  fixture->finished = FALSE;
  g_signal_connect (dialog, "finished", G_CALLBACK (export_finished_cb), fixture);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (d360_test_wait_until (is_mapped, dialog, timeout_ms));
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_child (dialog, D360_TYPE_EXPORT_DIALOG,
                                                        "format_row")), 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (get_child (dialog, D360_TYPE_EXPORT_DIALOG,
                                                                "separator_row"))));
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_child (dialog, D360_TYPE_EXPORT_DIALOG,
                                                        "separator_row")), 1);
  g_assert_cmpuint (adw_combo_row_get_selected (
                      ADW_COMBO_ROW (get_child (dialog, D360_TYPE_EXPORT_DIALOG, "which_row"))),
                    ==, 1);
  save_screenshot (GTK_WIDGET (dialog), "export");
  d360_export_dialog_export_to_file (dialog, csv_file);
  g_assert_true (d360_test_wait_until (is_finished, fixture, timeout_ms));
  g_assert_true (fixture->success);
  g_assert_cmpstr (fixture->message, ==, "Exported 1 contact to “out.csv”");
  g_object_unref (dialog);

  g_file_get_contents (csv_out, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "Mureșan"));
  g_assert_nonnull (strchr (text, ';'));
  g_assert_null (strstr (text, "Ștefan"));
}

/* How the main loop runs while the dialog works: its ticks, and its longest
 * stall in microseconds. */
typedef struct
{
  gint64 last;
  gint64 longest;
  guint  n_ticks;
} Stall;

static gboolean
tick_cb (gpointer data)
{
  Stall *stall = data;
  gint64 now = g_get_monotonic_time ();

  if (stall->last != 0)
    stall->longest = MAX (stall->longest, now - stall->last);
  stall->n_ticks++;
  stall->last = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
progress_shown (gpointer data)
{
  GtkProgressBar *bar = GTK_PROGRESS_BAR (get_child (data, D360_TYPE_IMPORT_DIALOG,
                                                     "progress_bar"));

  return gtk_progress_bar_get_fraction (bar) > 0;
}

static void
test_responsive (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const char *env = g_getenv ("D360_IMPORT_BENCH_CARDS");
  guint n_cards = env != NULL ? (guint) g_ascii_strtoull (env, NULL, 10) : 5000;
  g_autoptr(GString) cards = g_string_new (NULL);
  g_autofree char *path = NULL;
  Stall stall = { 0 };
  g_autoptr(GFile) file = NULL;
  D360ImportDialog *dialog;
  gint64 start, read_us, import_us;
  guint n_read_ticks, n_import_ticks;
  guint tick;

  /* Every tenth card is bad: the problems list is long too. */
  for (guint i = 0; i < n_cards; i++)
    if (i % 10 == 9)
      g_string_append_printf (cards, "BEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:nimic %u\r\n"
                              "END:VCARD\r\n", i);
    else
      g_string_append_printf (cards,
                              "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ștefănescu Țugui %u\r\n"
                              "N:Țugui %u;Ștefănescu;;;\r\nORG:Camera de Comerț %u\r\n"
                              "EMAIL:persoana%u@example.ro\r\nTEL:+40 721 %06u\r\n"
                              "NOTE:Întâlnire la Iași despre investiții în energie verde\r\n"
                              "END:VCARD\r\n", i, i, i % 50, i, i);
  path = write_file (fixture, "big.vcf", cards->str, cards->len);

  tick = g_timeout_add (5, tick_cb, &stall);
  start = g_get_monotonic_time ();
  file = g_file_new_for_path (path);
  dialog = g_object_ref (d360_import_dialog_new (fixture->window, fixture->store, file));
  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), fixture);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (d360_import_dialog_get_page (dialog), ==, "reading");
  wait_for_page (dialog, "preview");
  read_us = g_get_monotonic_time () - start;
  n_read_ticks = stall.n_ticks;
  g_assert_cmpuint (d360_import_dialog_get_counts (dialog)->n_new, ==, n_cards - n_cards / 10);
  g_assert_cmpuint (d360_import_dialog_get_counts (dialog)->n_rejected, ==, n_cards / 10);

  start = g_get_monotonic_time ();
  if (screenshot_dir != NULL)
    {
      /* The progress, as the user sees it (a screenshot run only: it waits). */
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
      g_assert_true (d360_test_wait_until (progress_shown, dialog, timeout_ms));
      save_screenshot (GTK_WIDGET (dialog), "progress");
      g_assert_true (d360_test_wait_until (is_finished, fixture, timeout_ms));
    }
  else
    press_import (fixture, dialog);
  import_us = g_get_monotonic_time () - start;
  n_import_ticks = stall.n_ticks - n_read_ticks;
  g_source_remove (tick);
  close_import (dialog);

  g_test_message ("%u cards, %.1f MB: read and counted in %.2f s (%u ticks), imported in "
                  "%.2f s (%u ticks); longest main loop stall %.0f ms",
                  n_cards, cards->len / 1e6, read_us / 1e6, n_read_ticks, import_us / 1e6,
                  n_import_ticks, stall.longest / 1e3);
  g_assert_cmpint (count_stored (fixture, NULL), ==, n_cards - n_cards / 10);
  /* The main loop kept running while the threads worked (work done on the
   * main thread would leave it no tick at all). How often it ran, and its
   * longest stall, depend on the machine's load: they are only reported. */
  g_assert_cmpuint (n_read_ticks, >=, 1);
  g_assert_cmpuint (n_import_ticks, >=, 1);
}

typedef struct
{
  D360ImportDialog *dialog;
  char             *seen;     /* the progress text, the last time it showed */
} CountingWatch;

static gboolean
preview_or_counting (gpointer data)
{
  CountingWatch *watch = data;
  GtkWidget *label = GTK_WIDGET (get_child (watch->dialog, D360_TYPE_IMPORT_DIALOG,
                                            "counting_label"));

  if (gtk_widget_get_visible (label))
    {
      g_free (watch->seen);
      watch->seen = g_strdup (gtk_label_get_text (GTK_LABEL (label)));
    }
  return g_str_equal (d360_import_dialog_get_page (watch->dialog), "preview");
}

/* The preview of a large file takes a while (an import that writes nothing):
 * the reading page says how far it is, and nothing of it stays afterwards. */
static void
test_counting_progress (Fixture       *fixture,
                        gconstpointer  user_data)
{
  /* A dry run writes only the people a later card may match: here every
   * fourth card has the email of the one before, so that a quarter of the
   * 80 000 are written and rolled back and a quarter are likely duplicates.
   * 0.6–1 s of counting here, shown every 100 ms: enough on a machine
   * several times faster too. */
  const guint n_cards = 80000;
  g_autoptr(GString) cards = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autofree char *total = g_strdup_printf ("of %u", n_cards);
  g_autoptr(GFile) file = NULL;
  CountingWatch watch = { NULL, NULL };

  for (guint i = 0; i < n_cards; i++)
    g_string_append_printf (cards, "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ion Țurcanu %u\r\n"
                            "N:Țurcanu %u;Ion;;;\r\nEMAIL:ion%u@example.md\r\nEND:VCARD\r\n",
                            i, i, i % 4 == 3 ? i - 1 : i);
  path = write_file (fixture, "mulți.vcf", cards->str, cards->len);
  file = g_file_new_for_path (path);
  watch.dialog = g_object_ref (d360_import_dialog_new (fixture->window, fixture->store, file));
  g_signal_connect (watch.dialog, "finished", G_CALLBACK (finished_cb), fixture);
  gtk_window_present (GTK_WINDOW (watch.dialog));

  g_assert_true (d360_test_wait_until (preview_or_counting, &watch, timeout_ms));
  g_test_message ("Last progress shown: %s", watch.seen != NULL ? watch.seen : "(none)");
  g_assert_nonnull (watch.seen);
  g_assert_true (g_str_has_prefix (watch.seen, "Comparing with the stored contacts: "));
  g_assert_nonnull (strstr (watch.seen, total));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_child (watch.dialog,
                                                                 D360_TYPE_IMPORT_DIALOG,
                                                                 "counting_label"))));
  g_assert_cmpuint (d360_import_dialog_get_counts (watch.dialog)->n_new, ==, n_cards / 4 * 3);
  g_assert_cmpuint (d360_import_dialog_get_counts (watch.dialog)->n_duplicates, ==, n_cards / 4);
  g_assert_cmpint (count_stored (fixture, NULL), ==, 0);

  close_import (watch.dialog);
  g_free (watch.seen);
}

/* ------------------------------------------------------------------ main */

int
main (int   argc,
      char *argv[])
{
  int j = 1;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--screenshots="))
        {
          screenshot_dir = g_strdup (argv[i] + strlen ("--screenshots="));
          g_mkdir_with_parents (screenshot_dir, 0755);
        }
      else
        argv[j++] = argv[i];
    }
  argv[j] = NULL;
  argc = j;

  /* D360_IMPORT_BENCH_CARDS=N: /import/responsive with a file of N cards. */
  if (g_getenv ("D360_IMPORT_BENCH_CARDS") != NULL)
    timeout_ms = 3600 * 1000;

  g_setenv ("LANGUAGE", "en", TRUE);
  d360_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: run the UI tests with tools/run-tests (Xvfb)\n");
      return 1;
    }
  adw_init ();
  (void) d360_get_resource ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/import/vcard", test_vcard);
  ADD ("/import/cancel", test_cancel);
  ADD ("/import/csv-mapping", test_csv_mapping);
  ADD ("/import/google-csv", test_google_csv);
  ADD ("/import/duplicates", test_duplicates);
  ADD ("/import/bad-files", test_bad_files);
  ADD ("/import/responsive", test_responsive);
  ADD ("/import/counting-progress", test_counting_progress);
  ADD ("/export/vcard-and-csv", test_export);

#undef ADD

  return g_test_run ();
}

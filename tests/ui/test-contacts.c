/* test-contacts.c — the Contacts section in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-contacts --tap [--screenshots=DIR]
 *
 * Each test opens the section on a temporary store, drives it as the user
 * would (shortcuts, typing into rows and leaving them, the list, dialogs) and
 * checks what the store holds afterwards.
 */

#define G_LOG_DOMAIN "test-contacts"

#include "config.h"

#include <string.h>
#include <json-glib/json-glib.h>

#include "contacts/d360-channel-row.h"
#include "contacts/d360-codes-row.h"
#include "contacts/d360-contact-editor.h"
#include "contacts/d360-contacts-page.h"
#include "contacts/d360-contacts-view.h"
#include "contacts/d360-duplicates-window.h"
#include "contacts/d360-organization-editor.h"
#include "contacts/d360-organizations-view.h"
#include "d360-form.h"
#include "d360-i18n.h"
#include "d360-resources.h"
#include "d360-store-contacts.h"
#include "d360-ui-test.h"

#define TIMEOUT_MS 10000

static char *screenshot_dir;

typedef struct
{
  char             *dir;
  D360Store        *store;
  GtkWindow        *window;
  D360ContactsPage *page;
} Fixture;

/* ------------------------------------------------------------- waiting */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* --------------------------------------------------------- the widgets */

static GObject *
get_template_child (gpointer    widget,
                    GType       type,
                    const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  if (child == NULL)
    g_error ("%s has no “%s”", g_type_name (type), name);
  return child;
}

static D360ContactsView *
get_people (Fixture *fixture)
{
  return D360_CONTACTS_VIEW (get_template_child (fixture->page, D360_TYPE_CONTACTS_PAGE,
                                                 "people_view"));
}

static D360OrganizationsView *
get_organizations (Fixture *fixture)
{
  return D360_ORGANIZATIONS_VIEW (get_template_child (fixture->page, D360_TYPE_CONTACTS_PAGE,
                                                      "organizations_view"));
}

static GObject *
get_view_child (Fixture    *fixture,
                const char *name)
{
  return get_template_child (get_people (fixture), D360_TYPE_CONTACTS_VIEW, name);
}

static D360ContactEditor *
get_editor (Fixture *fixture)
{
  return D360_CONTACT_EDITOR (get_view_child (fixture, "editor"));
}

static GtkWidget *
get_row (Fixture    *fixture,
         const char *name)
{
  return GTK_WIDGET (get_template_child (get_editor (fixture), D360_TYPE_CONTACT_EDITOR, name));
}

static D360OrganizationEditor *
get_organization_editor (Fixture *fixture)
{
  return D360_ORGANIZATION_EDITOR (get_template_child (get_organizations (fixture),
                                                       D360_TYPE_ORGANIZATIONS_VIEW, "editor"));
}

static GListModel *
get_shown (Fixture *fixture)
{
  return G_LIST_MODEL (get_view_child (fixture, "selection"));
}

static guint
count_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (get_shown (fixture));
}

static gboolean
editor_is_idle (gpointer data)
{
  return !d360_contact_editor_is_pending (data);
}

/* Activates the shortcut @trigger that @widget's own controllers hold, as
 * GTK does on a key press; FALSE when it did not handle the key. */
static gboolean
press_shortcut (GtkWidget  *widget,
                const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text = gtk_shortcut_trigger_to_string (
            gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (text, trigger))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  g_error ("%s has no shortcut %s", G_OBJECT_TYPE_NAME (widget), trigger);
}

static void
type_into (GtkWidget  *row,
           const char *text)
{
  g_assert_true (gtk_widget_grab_focus (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Moves the focus out of the editor, as a click elsewhere would, and waits
 * for the save that follows. */
static void
leave_row (Fixture *fixture)
{
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (get_view_child (fixture, "search_entry"))));
  g_assert_true (d360_test_wait_until (editor_is_idle, get_editor (fixture), TIMEOUT_MS));
}

/* The last row of @list (the one Add added). */
static GtkWidget *
last_channel_row (GtkWidget *list)
{
  GtkWidget *last = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (D360_IS_CHANNEL_ROW (child))
      last = child;
  g_assert_nonnull (last);
  return last;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

/* Waits for the confirmation dialog and answers it as a click would. */
static void
answer_dialog (const char *response)
{
  AdwMessageDialog *dialog;

  g_assert_true (d360_test_wait_until (has_message_dialog, NULL, TIMEOUT_MS));
  dialog = find_message_dialog ();
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------ the store */

static D360Contact *
get_stored (Fixture *fixture,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  D360Contact *contact = d360_store_get_contact (fixture->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (contact);
  return contact;
}

static gint64
count_stored (Fixture *fixture)
{
  D360ContactQuery query;
  g_autoptr(GError) error = NULL;
  gint64 count;

  d360_contact_query_init (&query);
  count = d360_store_count_contacts (fixture->store, &query, &error);
  g_assert_no_error (error);
  return count;
}

static gint64
add_contact (Fixture      *fixture,
             const char   *given,
             const char   *family,
             const char   *email,
             D360Category  category)
{
  g_autoptr(D360Contact) contact = d360_contact_new ();
  g_autoptr(GError) error = NULL;

  d360_contact_set_given_name (contact, given);
  d360_contact_set_family_name (contact, family);
  if (email != NULL)
    d360_contact_add_email (contact, email, D360_CHANNEL_WORK, NULL);
  d360_contact_set_category (contact, category);
  g_assert_true (d360_store_save_contact (fixture->store, contact, &error));
  g_assert_no_error (error);
  return d360_contact_get_id (contact);
}

static gboolean
stored_count_is_1 (gpointer data)
{
  return count_stored (data) == 1;
}

typedef struct
{
  Fixture *fixture;
  guint    n_items;
} CountWait;

static gboolean
shown_count_is (gpointer data)
{
  CountWait *wait = data;

  return count_shown (wait->fixture) == wait->n_items;
}

/* ------------------------------------------------------------- fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("d360-contacts-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = d360_store_open (path, &error);
  g_assert_no_error (error);
}

static void
open_page (Fixture *fixture)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (fixture->window, "Contacts");
  gtk_window_set_default_size (fixture->window, 1200, 860);
  fixture->page = g_object_new (D360_TYPE_CONTACTS_PAGE, NULL);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
  d360_section_set_store (D360_SECTION (fixture->page), fixture->store);

  gtk_window_present (fixture->window);
  g_assert_true (d360_test_wait_until (is_mapped, fixture->page, TIMEOUT_MS));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Dialogs a failed test left open go too. */
  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);

      gtk_window_destroy (window);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->store);
  d360_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
save_window_screenshot (GtkWidget  *window,
                        const char *name)
{
  g_autofree char *file_name = g_strconcat ("contacts-", name, ".png", NULL);
  g_autofree char *path = NULL;

  if (screenshot_dir == NULL)
    return;

  /* The picture is for review, not a test step. */
  path = g_build_filename (screenshot_dir, file_name, NULL);
  if (d360_test_save_window_png (window, path))
    g_test_message ("Screenshot in %s", path);
  else
    g_test_message ("No screenshot “%s”: the window drew nothing", name);
}

static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  save_window_screenshot (GTK_WIDGET (fixture->window), name);
}

/* --------------------------------------------------------------- tests */

/* The empty state; Ctrl+N opens a new person, saved once named, with an
 * email and an organisation created by its name. */
static void
test_new_person (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(D360Contact) stored = NULL;
  g_autoptr(D360Organization) organization = NULL;
  D360ContactEditor *editor;
  GtkWidget *email_row;
  GPtrArray *emails;
  gint64 id;

  open_page (fixture);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_template_child (
                     fixture->page, D360_TYPE_CONTACTS_PAGE, "main_stack"))), ==, "empty");
  save_screenshot (fixture, "empty");

  g_assert_true (press_shortcut (GTK_WIDGET (fixture->page), "<Control>n"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_template_child (
                     fixture->page, D360_TYPE_CONTACTS_PAGE, "main_stack"))), ==, "contacts");
  editor = get_editor (fixture);
  g_assert_true (d360_contact_editor_has_contact (editor));
  g_assert_cmpint (d360_contact_editor_get_contact_id (editor), ==, 0);
  g_assert_true (gtk_widget_get_focus_child (get_row (fixture, "given_row")) != NULL);

  /* Nothing is stored before there is a name. */
  d360_test_run_for (700);
  g_assert_cmpint (count_stored (fixture), ==, 0);

  type_into (get_row (fixture, "given_row"), "Ștefan");
  type_into (get_row (fixture, "family_row"), "Țăranu-Ionescu");
  type_into (get_row (fixture, "job_row"), "Consul general");
  g_assert_true (d360_test_wait_until (stored_count_is_1, fixture, TIMEOUT_MS));
  id = d360_contact_editor_get_contact_id (editor);
  g_assert_cmpint (id, >, 0);

  g_signal_emit_by_name (get_row (fixture, "add_email_button"), "clicked");
  email_row = last_channel_row (get_row (fixture, "emails_list"));
  type_into (email_row, "stefan@example.ro");
  type_into (get_row (fixture, "organization_row"), "Ambasada Franței");
  leave_row (fixture);

  stored = get_stored (fixture, id);
  g_assert_cmpstr (d360_contact_get_given_name (stored), ==, "Ștefan");
  g_assert_cmpstr (d360_contact_get_family_name (stored), ==, "Țăranu-Ionescu");
  g_assert_cmpstr (d360_contact_get_job_title (stored), ==, "Consul general");
  emails = d360_contact_get_emails (stored);
  g_assert_cmpuint (emails->len, ==, 1);
  g_assert_cmpstr (((D360Channel *) g_ptr_array_index (emails, 0))->value, ==,
                   "stefan@example.ro");
  organization = d360_store_find_organization_by_name (fixture->store, "ambasada frantei");
  g_assert_nonnull (organization);
  g_assert_cmpint (d360_contact_get_organization_id (stored), ==,
                   d360_organization_get_id (organization));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (get_row (fixture, "status_label"))), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Saved"));

  /* The list shows the person, selected. */
  g_assert_cmpuint (count_shown (fixture), ==, 1);
  g_assert_true (gtk_selection_model_is_selected (GTK_SELECTION_MODEL (get_shown (fixture)), 0));
  save_screenshot (fixture, "editor");
}

/* A bad email shows an error on its row; the store keeps the last valid one. */
static void
test_invalid_email (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(D360Contact) stored = NULL;
  GtkWidget *email_row;
  gint64 id = add_contact (fixture, "Ana", "Popescu", "ana@example.ro", D360_CATEGORY_DIPLOMAT);

  open_page (fixture);
  g_assert_true (d360_contacts_view_open_person (get_people (fixture), id));
  email_row = last_channel_row (get_row (fixture, "emails_list"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email_row)), ==, "ana@example.ro");

  type_into (email_row, "ana at example");
  leave_row (fixture);
  g_assert_nonnull (d360_form_get_row_error (email_row));
  stored = get_stored (fixture, id);
  g_assert_cmpstr (((D360Channel *) g_ptr_array_index (d360_contact_get_emails (stored), 0))->value,
                   ==, "ana@example.ro");

  /* An investment range upside down is refused too. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_row (fixture, "currency_row")), 1);
  type_into (get_row (fixture, "investment_min_row"), "5000");
  type_into (get_row (fixture, "investment_max_row"), "100");
  leave_row (fixture);
  g_assert_nonnull (d360_form_get_row_error (get_row (fixture, "investment_max_row")));
  save_screenshot (fixture, "errors");

  type_into (email_row, "ana.popescu@example.ro");
  type_into (get_row (fixture, "investment_max_row"), "");
  leave_row (fixture);
  g_assert_null (d360_form_get_row_error (email_row));
  g_assert_null (d360_form_get_row_error (get_row (fixture, "investment_max_row")));
  g_clear_object (&stored);
  stored = get_stored (fixture, id);
  g_assert_cmpstr (((D360Channel *) g_ptr_array_index (d360_contact_get_emails (stored), 0))->value,
                   ==, "ana.popescu@example.ro");
  g_assert_cmpint (d360_contact_get_investment_min (stored), >, 0);
  g_assert_cmpint (d360_contact_get_investment_max (stored), ==, -1);
}

/* Search as you type, with or without diacritics; filters and sort. */
static void
test_search_and_filters (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autofree char *filters_label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Filter",
                                                                 "%u Filters", 2), 2);
  GtkEditable *search;
  CountWait wait = { fixture, 0 };
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 stefan;

  stefan = add_contact (fixture, "Ștefan", "Ionescu", NULL, D360_CATEGORY_INVESTOR);
  add_contact (fixture, "Ana", "Popescu", "ana@example.ro", D360_CATEGORY_DIPLOMAT);
  add_contact (fixture, "John", "Smith", "john@example.com", D360_CATEGORY_INVESTOR);
  g_array_append_val (ids, stefan);
  g_assert_true (d360_store_tag_contacts (fixture->store, ids, "Expo 2026", NULL));

  open_page (fixture);
  g_assert_cmpuint (count_shown (fixture), ==, 3);

  /* The window's Ctrl+F lands in the search entry. */
  g_assert_true (d360_section_start_search (D360_SECTION (fixture->page)));
  search = GTK_EDITABLE (get_view_child (fixture, "search_entry"));
  g_assert_true (gtk_widget_get_focus_child (GTK_WIDGET (search)) != NULL ||
                 gtk_widget_has_focus (GTK_WIDGET (search)));

  gtk_editable_set_text (search, "stefan");
  wait.n_items = 1;
  g_assert_true (d360_test_wait_until (shown_count_is, &wait, TIMEOUT_MS));
  {
    g_autoptr(D360Contact) first = g_list_model_get_item (get_shown (fixture), 0);

    g_assert_cmpint (d360_contact_get_id (first), ==, stefan);
  }
  gtk_editable_set_text (search, "Ștefan");
  g_assert_true (d360_test_wait_until (shown_count_is, &wait, TIMEOUT_MS));
  gtk_editable_set_text (search, "pope");
  g_assert_true (d360_test_wait_until (shown_count_is, &wait, TIMEOUT_MS));
  gtk_editable_set_text (search, "nobody like that");
  wait.n_items = 0;
  g_assert_true (d360_test_wait_until (shown_count_is, &wait, TIMEOUT_MS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_view_child (fixture,
                                                                                "list_stack"))),
                   ==, "no-results");
  gtk_editable_set_text (search, "");
  wait.n_items = 3;
  g_assert_true (d360_test_wait_until (shown_count_is, &wait, TIMEOUT_MS));

  /* Category (item 0 is "any"), then the tag. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (get_view_child (fixture, "category_filter")),
                              D360_CATEGORY_INVESTOR + 1);
  g_assert_cmpuint (count_shown (fixture), ==, 2);
  gtk_popover_popup (GTK_POPOVER (gtk_menu_button_get_popover (
    GTK_MENU_BUTTON (get_view_child (fixture, "filter_button")))));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (get_view_child (fixture, "tag_filter")), 1);
  g_assert_cmpuint (count_shown (fixture), ==, 1);
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (get_view_child (fixture,
                                                                               "filter_button"))),
                   ==, filters_label);
  save_screenshot (fixture, "filters");
  gtk_popover_popdown (GTK_POPOVER (gtk_menu_button_get_popover (
    GTK_MENU_BUTTON (get_view_child (fixture, "filter_button")))));
  gtk_widget_activate_action (GTK_WIDGET (get_people (fixture)), "people.reset-filters", NULL);
  g_assert_cmpuint (count_shown (fixture), ==, 3);

  /* By name: Ionescu, Popescu, Smith; the last changed first: Ionescu. */
  {
    g_autoptr(D360Contact) first = g_list_model_get_item (get_shown (fixture), 0);
    g_autoptr(D360Contact) last = g_list_model_get_item (get_shown (fixture), 2);

    g_assert_cmpstr (d360_contact_get_family_name (first), ==, "Ionescu");
    g_assert_cmpstr (d360_contact_get_family_name (last), ==, "Smith");
  }

  /* Export… takes what the list shows: everyone is NULL, a search its ids. */
  g_assert_null (d360_contacts_view_dup_export_ids (get_people (fixture)));
  gtk_editable_set_text (search, "smith");
  wait.n_items = 1;
  g_assert_true (d360_test_wait_until (shown_count_is, &wait, TIMEOUT_MS));
  {
    g_autoptr(GArray) export_ids = d360_contacts_view_dup_export_ids (get_people (fixture));

    g_assert_nonnull (export_ids);
    g_assert_cmpuint (export_ids->len, ==, 1);
  }
}

/* Several selected: tag them together, delete them, undo. */
static void
test_select_tag_delete (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GtkSelectionModel *selection;
  GtkEditable *entry;
  AdwMessageDialog *dialog;
  gint64 ana, ion;

  ana = add_contact (fixture, "Ana", "Popescu", "ana@example.ro", D360_CATEGORY_DIPLOMAT);
  ion = add_contact (fixture, "Ion", "Ionescu", NULL, D360_CATEGORY_BUSINESS);
  add_contact (fixture, "John", "Smith", NULL, D360_CATEGORY_INVESTOR);

  open_page (fixture);
  selection = GTK_SELECTION_MODEL (get_shown (fixture));
  /* Ionescu and Popescu are the first two by name. */
  g_assert_true (gtk_selection_model_select_range (selection, 0, 2, TRUE));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_view_child (fixture,
                                                                                "bottom_stack"))),
                   ==, "selection");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_view_child (fixture,
                                                                                "content_stack"))),
                   ==, "several");
  save_screenshot (fixture, "selection");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_people (fixture)), "people.tag",
                                             NULL));
  g_assert_true (d360_test_wait_until (has_message_dialog, NULL, TIMEOUT_MS));
  dialog = find_message_dialog ();
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "tag"));
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gtk_editable_set_text (entry, "Vizită oficială");
  answer_dialog ("tag");
  {
    g_autoptr(D360Contact) a = get_stored (fixture, ana);
    g_autoptr(D360Contact) b = get_stored (fixture, ion);

    g_assert_true (g_strv_contains (d360_contact_get_tags (a), "Vizită oficială"));
    g_assert_true (g_strv_contains (d360_contact_get_tags (b), "Vizită oficială"));
  }

  /* The refreshed list keeps both selected; Delete in the list deletes both. */
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_true (gtk_selection_model_is_selected (selection, 1));
  gtk_widget_grab_focus (GTK_WIDGET (get_view_child (fixture, "list_view")));
  g_assert_true (press_shortcut (GTK_WIDGET (get_people (fixture)), "Delete"));
  g_assert_cmpint (count_stored (fixture), ==, 1);
  g_assert_cmpuint (count_shown (fixture), ==, 1);
  save_screenshot (fixture, "deleted");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_people (fixture)), "people.undo",
                                             NULL));
  g_assert_cmpint (count_stored (fixture), ==, 3);
  {
    g_autoptr(D360Contact) a = get_stored (fixture, ana);

    g_assert_true (g_strv_contains (d360_contact_get_tags (a), "Vizită oficială"));
  }
  g_assert_true (gtk_selection_model_is_selected (selection, 0));
  g_assert_true (gtk_selection_model_is_selected (selection, 1));
}

/* A new person with the email of a stored one: the banner offers to merge. */
static void
test_duplicate_banner (Fixture       *fixture,
                       gconstpointer  user_data)
{
  D360ContactEditor *editor;
  GtkWidget *email_row;
  gint64 ana = add_contact (fixture, "Ana", "Popescu", "ana@example.ro", D360_CATEGORY_DIPLOMAT);

  open_page (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.new-person", NULL);
  editor = get_editor (fixture);
  g_signal_emit_by_name (get_row (fixture, "add_email_button"), "clicked");
  email_row = last_channel_row (get_row (fixture, "emails_list"));
  type_into (email_row, "ANA@example.ro");
  type_into (get_row (fixture, "honorific_row"), "Dr.");
  leave_row (fixture);
  g_assert_cmpint (count_stored (fixture), ==, 2);
  g_assert_cmpint (d360_contact_editor_get_duplicate_id (editor), ==, ana);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (get_row (fixture,
                                                                       "duplicate_revealer"))));
  save_screenshot (fixture, "duplicate");

  /* Merge: the new one goes into the stored one */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "contact.merge-duplicate",
                                             NULL));
  g_assert_cmpint (count_stored (fixture), ==, 1);
  g_assert_cmpint (d360_contact_editor_get_contact_id (editor), ==, ana);
  {
    g_autoptr(D360Contact) kept = get_stored (fixture, ana);

    g_assert_cmpstr (d360_contact_get_honorific (kept), ==, "Dr.");
  }
}

/* Keep Both on the banner: two people, remembered, so that Find Duplicates
 * leaves the pair out. */
static void
test_duplicate_keep_both (Fixture       *fixture,
                          gconstpointer  user_data)
{
  D360ContactEditor *editor;
  GtkWidget *email_row;
  g_autoptr(GPtrArray) pairs = NULL;
  g_autoptr(GError) error = NULL;
  gint64 office = add_contact (fixture, "Ion", "Ionescu", "office@ambasada.example.ro",
                               D360_CATEGORY_DIPLOMAT);

  open_page (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.new-person", NULL);
  editor = get_editor (fixture);
  type_into (get_row (fixture, "given_row"), "Ana");
  g_signal_emit_by_name (get_row (fixture, "add_email_button"), "clicked");
  email_row = last_channel_row (get_row (fixture, "emails_list"));
  type_into (email_row, "office@ambasada.example.ro");
  leave_row (fixture);
  g_assert_cmpint (count_stored (fixture), ==, 2);
  g_assert_cmpint (d360_contact_editor_get_duplicate_id (editor), ==, office);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "contact.dismiss-duplicate",
                                             NULL));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (get_row (fixture,
                                                                        "duplicate_revealer"))));
  g_assert_cmpint (count_stored (fixture), ==, 2);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_distinct", &error), ==, 1);
  pairs = d360_store_find_duplicate_pairs (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pairs->len, ==, 0);
}

/* Find Duplicates lists the pairs; Merge asks, keeps the first, refreshes. */
static void
test_find_duplicates (Fixture       *fixture,
                      gconstpointer  user_data)
{
  D360DuplicatesWindow *window = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *list;
  GtkWidget *button = NULL;
  gint64 first, second;

  first = add_contact (fixture, "Ana", "Popescu", "ana@example.ro", D360_CATEGORY_DIPLOMAT);
  second = add_contact (fixture, "Ana Maria", "Popescu", "Ana@Example.ro", D360_CATEGORY_OTHER);
  add_contact (fixture, "John", "Smith", "john@example.com", D360_CATEGORY_INVESTOR);

  open_page (fixture);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page),
                                             "contacts.find-duplicates", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (D360_IS_DUPLICATES_WINDOW (item))
        window = D360_DUPLICATES_WINDOW (item);
    }
  g_assert_nonnull (window);
  g_assert_true (d360_test_wait_until (is_mapped, window, TIMEOUT_MS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_template_child (
                     window, D360_TYPE_DUPLICATES_WINDOW, "stack"))), ==, "list");
  /* The row's Merge… button, then the confirmation. */
  list = GTK_WIDGET (get_template_child (window, D360_TYPE_DUPLICATES_WINDOW, "pairs_list"));
  {
    GtkWidget *row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
    GList *stack = g_list_prepend (NULL, row);

    /* The only button in the row. */
    while (stack != NULL && button == NULL)
      {
        GtkWidget *w = stack->data;

        stack = g_list_delete_link (stack, stack);
        if (GTK_IS_BUTTON (w))
          button = w;
        for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL;
             c = gtk_widget_get_next_sibling (c))
          stack = g_list_prepend (stack, c);
      }
    g_list_free (stack);
  }
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  answer_dialog ("merge");

  g_assert_cmpint (count_stored (fixture), ==, 2);
  {
    g_autoptr(D360Contact) kept = get_stored (fixture, first);
    g_autoptr(GError) error = NULL;
    g_autoptr(D360Contact) gone = d360_store_get_contact (fixture->store, second, &error);

    g_assert_cmpstr (d360_contact_get_given_name (kept), ==, "Ana");
    g_assert_null (gone);
    g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  }
  g_assert_cmpuint (d360_duplicates_window_refresh (window), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_template_child (
                     window, D360_TYPE_DUPLICATES_WINDOW, "stack"))), ==, "empty");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
popover_is_shown (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* Chooses the first name the codes row's list offers for @text, as a
 * person does: opens the list, types, presses Enter. */
static void
choose_code (D360CodesRow *row,
             const char   *text)
{
  GtkMenuButton *add = GTK_MENU_BUTTON (get_template_child (row, D360_TYPE_CODES_ROW,
                                                            "add_button"));
  GtkWidget *popover = GTK_WIDGET (get_template_child (row, D360_TYPE_CODES_ROW, "popover"));
  GtkEditable *search = GTK_EDITABLE (get_template_child (row, D360_TYPE_CODES_ROW,
                                                          "search_entry"));

  gtk_menu_button_popup (add);
  g_assert_true (d360_test_wait_until (popover_is_shown, popover, 2000));
  gtk_editable_set_text (search, text);
  d360_test_run_for (400);   /* past the search entry's delay */
  g_signal_emit_by_name (search, "activate");
  d360_test_run_for (50);
}

/* The languages and countries a person is offered: the list is made when
 * it is first opened (not with the editor, at the app's start), and again
 * after the row changes standard. */
static void
test_codes_row (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = gtk_list_box_new ();
  D360CodesRow *row = g_object_new (D360_TYPE_CODES_ROW, "title", "Languages", NULL);
  GListModel *choices = G_LIST_MODEL (get_template_child (row, D360_TYPE_CODES_ROW,
                                                          "filter_model"));
  const char * const *codes;

  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (row));
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_set_default_size (GTK_WINDOW (window), 500, 600);
  gtk_window_present (GTK_WINDOW (window));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
  d360_test_run_for (100);

  /* Nothing read before the list is opened. Enter takes the name typed
   * whole before the names that hold it ("Istro Romanian" comes first). */
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 0);

  choose_code (row, "Romanian");
  codes = d360_codes_row_get_codes (row);
  g_assert_cmpstr (codes[0], ==, "ro");
  g_assert_null (codes[1]);
  /* Every language of ISO 639 was offered. */
  gtk_editable_set_text (GTK_EDITABLE (get_template_child (row, D360_TYPE_CODES_ROW,
                                                           "search_entry")), "");
  d360_test_run_for (400);
  g_assert_cmpuint (g_list_model_get_n_items (choices), >, 7000);

  /* Another standard: the list is made again from it when next opened. */
  d360_codes_row_set_codes (row, NULL);
  d360_codes_row_set_standard (row, D360_ISO_COUNTRIES);
  g_assert_cmpuint (g_list_model_get_n_items (choices), ==, 0);
  choose_code (row, "Germany");
  codes = d360_codes_row_get_codes (row);
  g_assert_cmpstr (codes[0], ==, "DE");
  g_assert_null (codes[1]);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The first widget under @widget whose name is @name, or whose label (a
 * button's) is @label. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             const char *name,
             const char *label)
{
  if ((name != NULL && g_strcmp0 (gtk_widget_get_name (widget), name) == 0) ||
      (label != NULL && GTK_IS_BUTTON (widget) &&
       g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, name, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
count_list_rows (GtkWidget *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) n) != NULL)
    n++;
  return n;
}

static gboolean
has_undo_button (gpointer data)
{
  return find_widget (GTK_WIDGET (data), NULL, "_Undo") != NULL;
}

/* "Not the Same" takes a pair off the list for good (the store keeps it);
 * the toast's Undo puts it back. */
static void
test_duplicates_not_the_same (Fixture       *fixture,
                              gconstpointer  user_data)
{
  D360DuplicatesWindow *window = NULL;
  GtkWidget *list, *row, *button, *undo;
  g_autoptr(GError) error = NULL;

  add_contact (fixture, "Ana", "Popescu", "office@ambasada.example.ro", D360_CATEGORY_DIPLOMAT);
  add_contact (fixture, "Ion", "Ionescu", "Office@Ambasada.example.ro", D360_CATEGORY_DIPLOMAT);
  add_contact (fixture, "Ștefan", "Mureșan", "stefan@example.ro", D360_CATEGORY_OTHER);
  add_contact (fixture, "Stefan", "Muresan", "s.muresan@example.ro", D360_CATEGORY_OTHER);

  window = d360_duplicates_window_new (NULL, fixture->store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (d360_test_wait_until (is_mapped, window, TIMEOUT_MS));
  list = GTK_WIDGET (get_template_child (window, D360_TYPE_DUPLICATES_WINDOW, "pairs_list"));
  g_assert_cmpuint (count_list_rows (list), ==, 2);
  save_window_screenshot (GTK_WIDGET (window), "duplicates");

  /* The row of Ana and Ion: Not the Same, named for screen readers */
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  button = find_widget (row, "not-the-same", NULL);
  g_assert_nonnull (button);
  {
    g_autofree char *title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

    g_assert_nonnull (strstr (title, "Ana Popescu"));
    g_assert_nonnull (strstr (title, "Ion Ionescu"));
  }
  g_signal_emit_by_name (button, "clicked");

  g_assert_cmpuint (count_list_rows (list), ==, 1);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_distinct", &error), ==, 1);
  g_assert_no_error (error);
  row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                            "Muresan"));

  /* Undo, on the toast */
  g_assert_true (d360_test_wait_until (has_undo_button, window, TIMEOUT_MS));
  save_window_screenshot (GTK_WIDGET (window), "duplicates-not-the-same");
  undo = find_widget (GTK_WIDGET (window), NULL, "_Undo");
  g_signal_emit_by_name (undo, "clicked");
  g_assert_cmpuint (count_list_rows (list), ==, 2);
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_distinct", &error), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Thousands of pairs must not make thousands of rows at once: a page of
 * them, and Show More for the next. 15 people sharing one email make 105
 * pairs. */
static void
test_duplicates_pages (Fixture       *fixture,
                       gconstpointer  user_data)
{
  D360DuplicatesWindow *window;
  GtkWidget *list, *more;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 15; i++)
    {
      g_autofree char *given = g_strdup_printf ("Persoana %u", i);

      add_contact (fixture, given, "Biroul", "office@ambasada.example.ro",
                   D360_CATEGORY_DIPLOMAT);
    }

  window = d360_duplicates_window_new (NULL, fixture->store);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (d360_test_wait_until (is_mapped, window, TIMEOUT_MS));
  list = GTK_WIDGET (get_template_child (window, D360_TYPE_DUPLICATES_WINDOW, "pairs_list"));
  more = GTK_WIDGET (get_template_child (window, D360_TYPE_DUPLICATES_WINDOW, "more_button"));

  g_assert_cmpuint (count_list_rows (list), ==, 100);
  g_assert_true (gtk_widget_get_visible (more));
  /* At the end of the list, where the button is */
  {
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
      GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (list, GTK_TYPE_SCROLLED_WINDOW)));

    for (guint i = 0; i < 3; i++)
      {
        gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
        while (g_main_context_iteration (NULL, FALSE))
          ;
      }
    save_window_screenshot (GTK_WIDGET (window), "duplicates-pages");
  }
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (more)), "5"));
  g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (get_template_child (
                     window, D360_TYPE_DUPLICATES_WINDOW, "window_title"))), ==,
                   "105 likely duplicates");

  /* Not the Same on the first: the next pair moves up into the page */
  {
    g_autofree char *second_title = g_strdup (adw_preferences_row_get_title (
      ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1))));

    g_assert_true (d360_duplicates_window_set_distinct (window, 0, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (count_list_rows (list), ==, 100);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (
                       gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0))), ==, second_title);
    g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (more)), "4"));
    g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (get_template_child (
                       window, D360_TYPE_DUPLICATES_WINDOW, "window_title"))), ==,
                     "104 likely duplicates");
  }

  g_signal_emit_by_name (more, "clicked");
  g_assert_cmpuint (count_list_rows (list), ==, 104);
  g_assert_false (gtk_widget_get_visible (more));

  /* The last one: the pages shown stay */
  g_assert_true (d360_duplicates_window_set_distinct (window, 103, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_list_rows (list), ==, 103);
  g_assert_false (gtk_widget_get_visible (more));
  g_assert_cmpint (d360_store_count_rows (fixture->store, "contact_distinct", &error), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Erase asks, then removes the person for good; the editor empties. */
static void
test_erase_and_export (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "Ana — personal data.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(D360Contact) gone = NULL;
  D360ContactEditor *editor;
  gint64 id = add_contact (fixture, "Ana", "Popescu", "ana@example.ro", D360_CATEGORY_DIPLOMAT);

  open_page (fixture);
  g_assert_true (d360_contacts_view_open_person (get_people (fixture), id));
  editor = get_editor (fixture);

  /* The personal data export: a JSON file with the person in it. */
  d360_contact_editor_export_personal_data (editor, file);
  while (!g_file_test (path, G_FILE_TEST_EXISTS))
    g_main_context_iteration (NULL, TRUE);
  d360_test_run_for (100);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  {
    g_autoptr(JsonGenerator) generator = json_generator_new ();
    g_autofree char *text = NULL;

    json_generator_set_root (generator, json_parser_get_root (parser));
    text = json_generator_to_data (generator, NULL);
    g_assert_nonnull (strstr (text, "ana@example.ro"));
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "contact.erase", NULL));
  /* Cancel leaves the person there. */
  answer_dialog ("cancel");
  g_assert_cmpint (count_stored (fixture), ==, 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "contact.erase", NULL));
  answer_dialog ("erase");
  g_assert_cmpint (count_stored (fixture), ==, 0);
  gone = d360_store_get_contact (fixture->store, id, &error);
  g_assert_null (gone);
  g_assert_false (d360_contact_editor_has_contact (editor));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_view_child (fixture,
                                                                                "content_stack"))),
                   ==, "empty");
}

static gboolean
organization_is_idle (gpointer data)
{
  return !d360_organization_editor_is_pending (data);
}

/* Waits for a group's description. */
typedef struct
{
  AdwPreferencesGroup *group;
  const char          *description;
} DescriptionWait;

static gboolean
description_is (gpointer data)
{
  DescriptionWait *wait = data;

  return g_strcmp0 (adw_preferences_group_get_description (wait->group), wait->description) == 0;
}

/* A new organisation through its editor; its people open from it, and it
 * counts them. */
static void
test_organization (Fixture       *fixture,
                   gconstpointer  user_data)
{
  D360OrganizationEditor *editor;
  g_autoptr(D360Organization) stored = NULL;
  g_autoptr(D360Contact) contact = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *people_list;
  AdwPreferencesGroup *people_group;
  GtkListBoxRow *row;
  gint64 organization_id;
  gint64 ana = add_contact (fixture, "Ana", "Popescu", NULL, D360_CATEGORY_DIPLOMAT);

  open_page (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.new-organization", NULL);
  editor = get_organization_editor (fixture);
  type_into (GTK_WIDGET (get_template_child (editor, D360_TYPE_ORGANIZATION_EDITOR, "name_row")),
             "Camera de Comerț Româno-Germană");
  type_into (GTK_WIDGET (get_template_child (editor, D360_TYPE_ORGANIZATION_EDITOR, "city_row")),
             "București");
  type_into (GTK_WIDGET (get_template_child (editor, D360_TYPE_ORGANIZATION_EDITOR,
                                             "website_row")), "not a website");
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_template_child (editor,
                                                                 D360_TYPE_ORGANIZATION_EDITOR,
                                                                 "kind_row")),
                              D360_ORG_CHAMBER_OF_COMMERCE);
  gtk_widget_grab_focus (GTK_WIDGET (get_template_child (get_organizations (fixture),
                                                         D360_TYPE_ORGANIZATIONS_VIEW,
                                                         "search_entry")));
  g_assert_true (d360_test_wait_until (organization_is_idle, editor, TIMEOUT_MS));
  organization_id = d360_organization_editor_get_organization_id (editor);
  g_assert_cmpint (organization_id, >, 0);
  g_assert_nonnull (d360_form_get_row_error (GTK_WIDGET (get_template_child (
    editor, D360_TYPE_ORGANIZATION_EDITOR, "website_row"))));
  stored = d360_store_get_organization (fixture->store, organization_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d360_organization_get_name (stored), ==, "Camera de Comerț Româno-Germană");
  g_assert_cmpstr (d360_organization_get_city (stored), ==, "București");
  g_assert_cmpint (d360_organization_get_kind (stored), ==, D360_ORG_CHAMBER_OF_COMMERCE);
  g_assert_null (d360_organization_get_website (stored));

  /* Ana joins it; the editor lists her, and activating her row opens her. */
  contact = get_stored (fixture, ana);
  d360_contact_set_organization_id (contact, organization_id);
  g_assert_true (d360_store_save_contact (fixture->store, contact, &error));
  people_list = GTK_WIDGET (get_template_child (editor, D360_TYPE_ORGANIZATION_EDITOR,
                                                "people_list"));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (people_list), 0);
  g_assert_nonnull (row);
  people_group = ADW_PREFERENCES_GROUP (get_template_child (editor, D360_TYPE_ORGANIZATION_EDITOR,
                                                            "people_group"));
  g_assert_cmpstr (adw_preferences_group_get_description (people_group), ==, "1 person");
  save_screenshot (fixture, "organization");
  g_signal_emit_by_name (people_list, "row-activated", row);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_template_child (
                     fixture->page, D360_TYPE_CONTACTS_PAGE, "content_stack"))), ==, "people");
  g_assert_cmpint (d360_contact_editor_get_contact_id (get_editor (fixture)), ==, ana);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_row (fixture, "organization_row"))),
                   ==, "Camera de Comerț Româno-Germană");

  /* A new person picks the organisation from the searchable list. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "contacts.new-person", NULL);
  type_into (get_row (fixture, "given_row"), "Radu");
  leave_row (fixture);
  g_assert_cmpint (count_stored (fixture), ==, 2);
  gtk_menu_button_popup (GTK_MENU_BUTTON (get_row (fixture, "organization_button")));
  gtk_editable_set_text (GTK_EDITABLE (get_row (fixture, "organization_search")), "romano");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (get_template_child (
                      get_editor (fixture), D360_TYPE_CONTACT_EDITOR, "organization_selection"))),
                    ==, 1);
  g_signal_emit_by_name (get_row (fixture, "organization_list"), "activate", 0);
  g_assert_true (d360_test_wait_until (editor_is_idle, get_editor (fixture), TIMEOUT_MS));
  g_clear_object (&contact);
  contact = get_stored (fixture, d360_contact_editor_get_contact_id (get_editor (fixture)));
  g_assert_cmpstr (d360_contact_get_given_name (contact), ==, "Radu");
  g_assert_cmpint (d360_contact_get_organization_id (contact), ==, organization_id);
  g_assert_true (d360_test_wait_until (description_is, &(DescriptionWait) { people_group, "2 people" },
                             TIMEOUT_MS));

  /* Past what the page lists, it says how many there are and how to see
   * them all. */
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(D360Contact) member = d360_contact_new ();
      g_autofree char *family = g_strdup_printf ("Membru %u", i);

      d360_contact_set_family_name (member, family);
      d360_contact_set_organization_id (member, organization_id);
      g_assert_true (d360_store_save_contact (fixture->store, member, &error));
      g_assert_no_error (error);
    }
  g_assert_true (d360_test_wait_until (description_is,
                             &(DescriptionWait) { people_group, "The first 100 of 102 people. "
                                                  "Search the contact list for the "
                                                  "organisation’s name to see them all." },
                             TIMEOUT_MS));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (people_list), 100));
}

static gboolean
is_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

/* In a narrow window the list and the editor take turns, with a way back. */
static void
test_folded (Fixture       *fixture,
             gconstpointer  user_data)
{
  AdwLeaflet *leaflet;
  GtkWidget *back_button;
  gint64 id = add_contact (fixture, "Ana", "Popescu", "ana@example.ro", D360_CATEGORY_DIPLOMAT);

  open_page (fixture);
  leaflet = ADW_LEAFLET (get_view_child (fixture, "leaflet"));
  gtk_window_set_default_size (fixture->window, 400, 760);
  g_assert_true (d360_test_wait_until (is_folded, leaflet, TIMEOUT_MS));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (get_shown (fixture)), 0, TRUE);
  g_assert_true (d360_test_wait_until (editor_is_idle, get_editor (fixture), TIMEOUT_MS));
  d360_test_run_for (100);
  g_assert_cmpint (d360_contact_editor_get_contact_id (get_editor (fixture)), ==, id);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  back_button = get_row (fixture, "back_button");
  g_assert_true (gtk_widget_get_visible (back_button));
  save_screenshot (fixture, "folded-editor");

  g_assert_true (gtk_widget_activate_action (back_button, "people.show-list", NULL));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
  save_screenshot (fixture, "folded-list");
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

  if (g_getenv ("LANGUAGE") == NULL || screenshot_dir == NULL)
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

  ADD ("/contacts/new-person", test_new_person);
  ADD ("/contacts/invalid-email", test_invalid_email);
  ADD ("/contacts/search-and-filters", test_search_and_filters);
  ADD ("/contacts/select-tag-delete", test_select_tag_delete);
  ADD ("/contacts/duplicate-banner", test_duplicate_banner);
  ADD ("/contacts/duplicate-keep-both", test_duplicate_keep_both);
  ADD ("/contacts/find-duplicates", test_find_duplicates);
  ADD ("/contacts/duplicates-not-the-same", test_duplicates_not_the_same);
  ADD ("/contacts/duplicates-pages", test_duplicates_pages);
  ADD ("/contacts/erase-and-export", test_erase_and_export);
  ADD ("/contacts/organization", test_organization);
  ADD ("/contacts/folded", test_folded);
  ADD ("/contacts/codes-row", test_codes_row);

#undef ADD

  return g_test_run ();
}

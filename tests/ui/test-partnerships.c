/* test-partnerships.c — the partnerships list and editor in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-partnerships --tap [--screenshots=DIR]
 *
 * Each test opens the view on a temporary store with one city, drives it as
 * the user would (typing into rows, moving the focus, the view's shortcuts)
 * and checks what the store holds afterwards.
 */

#define G_LOG_DOMAIN "test-partnerships"

#include "config.h"

#include <string.h>

#include "d360-date.h"
#include "d360-flags-row.h"
#include "d360-form.h"
#include "d360-i18n.h"
#include "d360-resources.h"
#include "d360-store-city.h"
#include "d360-store-portfolio.h"
#include "portfolio/d360-partnership-editor.h"
#include "portfolio/d360-partnerships-view.h"
#include "d360-ui-test.h"

#define TIMEOUT_MS 10000

/* Text the store must give back as typed. */
#define AWKWARD_NAME "Brașov „Țara Bârsei” 'O''Hara'; DROP TABLE partnership; --"
#define AWKWARD_NOTES "Întâlnire la primărie: \"semnare\"\n-- SELECT * FROM city; ăâîșț ĂÂÎȘȚ"

static char *screenshot_dir;

typedef struct
{
  char                 *dir;
  D360Store            *store;
  gint64                city_id;
  GtkWindow            *window;
  D360PartnershipsView *view;
} Fixture;

/* ------------------------------------------------------------- waiting */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* --------------------------------------------------------- the widgets */

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      if ((found = find_descendant (child, type)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_row (GtkWidget  *widget,
          const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (ADW_IS_PREFERENCES_ROW (child) &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), title) == 0)
        return child;
      if ((found = find_row (child, title)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LABEL (child) && g_str_equal (gtk_label_get_label (GTK_LABEL (child)), text))
        return child;
      if ((found = find_label (child, text)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_widget_get_tooltip_text (child), tooltip) == 0)
        return child;
      if ((found = find_button (child, tooltip)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
get_widget (Fixture *fixture,
            GType    type)
{
  GtkWidget *widget = find_descendant (GTK_WIDGET (fixture->view), type);

  g_assert_nonnull (widget);
  return widget;
}

/* The list of partnerships (combo rows hold list views of their own). */
static GtkWidget *
find_list_view (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_LIST_VIEW (child) && gtk_widget_has_css_class (child, "navigation-sidebar"))
        return child;
      if ((found = find_list_view (child)) != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
get_list_view (Fixture *fixture)
{
  GtkWidget *list_view = find_list_view (GTK_WIDGET (fixture->view));

  g_assert_nonnull (list_view);
  return list_view;
}

static D360PartnershipEditor *
get_editor (Fixture *fixture)
{
  return D360_PARTNERSHIP_EDITOR (get_widget (fixture, D360_TYPE_PARTNERSHIP_EDITOR));
}

static GtkWidget *
get_row (Fixture    *fixture,
         const char *title)
{
  GtkWidget *row = find_row (GTK_WIDGET (get_editor (fixture)), title);

  if (row == NULL)
    g_error ("No row “%s” in the editor", title);
  return row;
}

/* Activates the shortcut @trigger that @widget's own controllers hold, as GTK
 * does on a key press; fails the test when there is none. */
static void
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
          GtkShortcutTrigger *shortcut_trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *text = gtk_shortcut_trigger_to_string (shortcut_trigger);

          if (!g_str_equal (text, trigger))
            continue;
          g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                       widget,
                                                       gtk_shortcut_get_arguments (shortcut)));
          return;
        }
    }

  g_error ("%s has no shortcut %s", G_OBJECT_TYPE_NAME (widget), trigger);
}

/* Types @text into @row, replacing what it holds. */
static void
type_into (GtkWidget  *row,
           const char *text)
{
  gtk_widget_grab_focus (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* Moves the focus out of whatever row has it, as Shift+Tab would. */
static void
leave_row (Fixture *fixture)
{
  g_assert_true (gtk_widget_grab_focus (get_widget (fixture, GTK_TYPE_SEARCH_ENTRY)));
}

/* Focuses the selected row of the list, as a click on it would. */
static void
focus_selected_row (Fixture *fixture)
{
  GtkWidget *list_view = get_list_view (fixture);

  for (GtkWidget *row = gtk_widget_get_first_child (list_view);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if ((gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED) != 0)
      {
        g_assert_true (gtk_widget_grab_focus (row));
        return;
      }

  g_error ("No row of the list is selected");
}

/* ------------------------------------------------------------ the store */

static GPtrArray *
list_stored (Fixture *fixture)
{
  g_autoptr(GListModel) partnerships = d360_store_list_partnerships (fixture->store,
                                                                     fixture->city_id);
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (partnerships); i++)
    g_ptr_array_add (array, g_list_model_get_item (partnerships, i));

  return array;
}

static D360Partnership *
get_only_stored (Fixture *fixture)
{
  g_autoptr(GPtrArray) stored = list_stored (fixture);

  g_assert_cmpuint (stored->len, ==, 1);
  return g_object_ref (g_ptr_array_index (stored, 0));
}

static gint64
add_partnership (Fixture    *fixture,
                 const char *name,
                 const char *signed_on,
                 const char *expires_on)
{
  g_autoptr(D360Partnership) partnership = d360_partnership_new (fixture->city_id, name);
  g_autoptr(GError) error = NULL;

  d360_partnership_set_signed_on (partnership, signed_on);
  d360_partnership_set_expires_on (partnership, expires_on);
  d360_partnership_set_status (partnership, D360_PARTNERSHIP_ACTIVE);
  g_assert_true (d360_store_save_partnership (fixture->store, partnership, &error));
  g_assert_no_error (error);

  return d360_partnership_get_id (partnership);
}

static char *
days_from_today (int days)
{
  GDate date;

  d360_date_set_today (&date);
  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);
  return d360_date_to_string (&date);
}

typedef struct
{
  Fixture    *fixture;
  const char *name;
} NameWait;

static gboolean
stored_name_is (gpointer data)
{
  NameWait *wait = data;
  g_autoptr(GPtrArray) stored = list_stored (wait->fixture);

  return stored->len == 1 &&
         g_strcmp0 (d360_partnership_get_partner_name (g_ptr_array_index (stored, 0)),
                    wait->name) == 0;
}

static gboolean
editor_is_idle (gpointer data)
{
  return !d360_partnership_editor_is_pending (data);
}

/* ------------------------------------------------------------- fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(D360City) city = d360_city_new ("Timișoara");
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("d360-partnerships-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = d360_store_open (path, &error);
  g_assert_no_error (error);

  d360_city_set_country (city, "RO");
  g_assert_true (d360_store_save_city (fixture->store, city, &error));
  g_assert_no_error (error);
  fixture->city_id = d360_city_get_id (city);
}

/* Opens the view on the fixture's city, once the test has stored what it needs. */
static void
open_view (Fixture *fixture)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (fixture->window, "Partnerships");
  gtk_window_set_default_size (fixture->window, 1100, 760);
  fixture->view = g_object_new (D360_TYPE_PARTNERSHIPS_VIEW, NULL);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  d360_partnerships_view_set_store (fixture->view, fixture->store);
  d360_partnerships_view_set_city (fixture->view, fixture->city_id);

  gtk_window_present (fixture->window);
  g_assert_true (d360_test_wait_until (is_mapped, fixture->view, TIMEOUT_MS));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    gtk_window_destroy (fixture->window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->store);
  d360_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

/* With --screenshots=DIR, draws the window into DIR/NAME.png as the user sees it. */
static void
save_screenshot (Fixture    *fixture,
                 const char *name)
{
  g_autofree char *file_name = g_strconcat (name, ".png", NULL);
  g_autofree char *path = NULL;

  if (screenshot_dir == NULL)
    return;

  path = g_build_filename (screenshot_dir, file_name, NULL);
  g_assert_true (d360_test_save_window_png (GTK_WIDGET (fixture->window), path));
  g_test_message ("Screenshot in %s", path);
}

/* --------------------------------------------------------------- tests */

/* Ctrl+N adds one; the name typed is saved after a pause, not at once. */
static void
test_new_and_autosave (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(D360Partnership) stored = NULL;
  g_autoptr(GPtrArray) none = NULL;
  GtkWidget *name_row;
  GtkWidget *notes;
  GtkWidget *saved_label;
  NameWait wait = { fixture, AWKWARD_NAME };

  open_view (fixture);
  none = list_stored (fixture);
  g_assert_cmpuint (none->len, ==, 0);

  press_shortcut (GTK_WIDGET (fixture->view), "<Control>n");
  stored = get_only_stored (fixture);
  g_assert_cmpint (d360_partnership_editor_get_id (get_editor (fixture)), ==,
                   d360_partnership_get_id (stored));

  /* The name has the focus, ready to be typed over. */
  name_row = get_row (fixture, "Partner Name");
  g_assert_true (gtk_widget_is_focus (name_row) ||
                 gtk_widget_get_focus_child (name_row) != NULL);

  type_into (name_row, AWKWARD_NAME);
  g_assert_false (stored_name_is (&wait));
  g_assert_true (d360_partnership_editor_is_pending (get_editor (fixture)));
  g_assert_true (d360_test_wait_until (stored_name_is, &wait, TIMEOUT_MS));

  /* A quiet “Saved” shows. */
  saved_label = find_label (GTK_WIDGET (fixture->view), "Saved");
  g_assert_nonnull (saved_label);
  g_assert_cmpfloat (gtk_widget_get_opacity (saved_label), >, 0.5);

  /* Other fields, and text with quotes, SQL and diacritics, round-trip. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_row (fixture, "Kind")),
                              D360_PARTNERSHIP_NETWORK_MEMBERSHIP);
  adw_combo_row_set_selected (ADW_COMBO_ROW (get_row (fixture, "Status")),
                              D360_PARTNERSHIP_ACTIVE);
  notes = get_widget (fixture, GTK_TYPE_TEXT_VIEW);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (notes)), AWKWARD_NOTES, -1);
  d360_flags_row_set_value (D360_FLAGS_ROW (get_row (fixture, "Dimensions")),
                            1u << D360_DIMENSION_ENVIRONMENT | 1u << D360_DIMENSION_CULTURE);
  type_into (get_row (fixture, "Signed On"), "2024-03-15");
  g_assert_true (d360_test_wait_until (editor_is_idle, get_editor (fixture), TIMEOUT_MS));

  g_clear_object (&stored);
  stored = get_only_stored (fixture);
  g_assert_cmpstr (d360_partnership_get_partner_name (stored), ==, AWKWARD_NAME);
  g_assert_cmpstr (d360_partnership_get_notes (stored), ==, AWKWARD_NOTES);
  g_assert_cmpint (d360_partnership_get_kind (stored), ==, D360_PARTNERSHIP_NETWORK_MEMBERSHIP);
  g_assert_cmpint (d360_partnership_get_status (stored), ==, D360_PARTNERSHIP_ACTIVE);
  g_assert_cmpuint (d360_partnership_get_dimensions (stored), ==,
                    1u << D360_DIMENSION_ENVIRONMENT | 1u << D360_DIMENSION_CULTURE);
  g_assert_cmpstr (d360_partnership_get_signed_on (stored), ==, "2024-03-15");

  /* Still the one in the editor, after the list refreshed under it. */
  g_assert_cmpint (d360_partnership_editor_get_id (get_editor (fixture)), ==,
                   d360_partnership_get_id (stored));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, AWKWARD_NAME);
}

/* Bad values show on their row when the user leaves it; the store keeps the last good one. */
static void
test_invalid_values (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(D360Partnership) stored = NULL;
  GtkWidget *name_row, *signed_row, *expires_row;
  gint64 id;

  id = add_partnership (fixture, "Szeged", "2024-05-01", "2029-05-01");
  open_view (fixture);
  g_assert_cmpint (d360_partnership_editor_get_id (get_editor (fixture)), ==, id);
  name_row = get_row (fixture, "Partner Name");
  signed_row = get_row (fixture, "Signed On");
  expires_row = get_row (fixture, "Expires On");

  /* Expiry before signing: quiet while typing, shown on leaving. */
  type_into (expires_row, "2020-01-01");
  g_assert_null (d360_form_get_row_error (expires_row));
  leave_row (fixture);
  g_assert_nonnull (d360_form_get_row_error (expires_row));
  g_test_message ("Expiry before signing: %s", d360_form_get_row_error (expires_row));
  g_assert_true (gtk_widget_has_css_class (expires_row, "error"));
  g_assert_null (d360_form_get_row_error (signed_row));
  save_screenshot (fixture, "invalid-expiry");
  d360_test_run_for (900);
  d360_partnership_editor_flush (get_editor (fixture));
  stored = get_only_stored (fixture);
  g_assert_cmpstr (d360_partnership_get_expires_on (stored), ==, "2029-05-01");

  /* An impossible date. */
  type_into (expires_row, "2026-02-30");
  leave_row (fixture);
  g_assert_nonnull (d360_form_get_row_error (expires_row));
  g_test_message ("Impossible date: %s", d360_form_get_row_error (expires_row));
  d360_test_run_for (900);
  g_clear_object (&stored);
  stored = get_only_stored (fixture);
  g_assert_cmpstr (d360_partnership_get_expires_on (stored), ==, "2029-05-01");

  /* Fixed: the error goes while typing, the value is saved. */
  gtk_widget_grab_focus (expires_row);
  gtk_editable_insert_text (GTK_EDITABLE (expires_row), "x", -1, &(int) { 10 });
  g_assert_nonnull (d360_form_get_row_error (expires_row));
  type_into (expires_row, "2030-01-01");
  g_assert_null (d360_form_get_row_error (expires_row));
  g_assert_false (gtk_widget_has_css_class (expires_row, "error"));
  g_assert_true (d360_test_wait_until (editor_is_idle, get_editor (fixture), TIMEOUT_MS));
  g_clear_object (&stored);
  stored = get_only_stored (fixture);
  g_assert_cmpstr (d360_partnership_get_expires_on (stored), ==, "2030-01-01");

  /* A signing date after the expiry is blamed on the signing date. */
  type_into (signed_row, "2031-01-01");
  leave_row (fixture);
  g_assert_nonnull (d360_form_get_row_error (signed_row));
  g_assert_null (d360_form_get_row_error (expires_row));

  /* Moving the expiry later makes both fine; both are saved. */
  type_into (expires_row, "2035-06-30");
  g_assert_null (d360_form_get_row_error (signed_row));
  g_assert_null (d360_form_get_row_error (expires_row));
  g_assert_true (d360_test_wait_until (editor_is_idle, get_editor (fixture), TIMEOUT_MS));
  g_clear_object (&stored);
  stored = get_only_stored (fixture);
  g_assert_cmpstr (d360_partnership_get_signed_on (stored), ==, "2031-01-01");
  g_assert_cmpstr (d360_partnership_get_expires_on (stored), ==, "2035-06-30");

  /* The name is required. */
  type_into (name_row, "   ");
  leave_row (fixture);
  g_assert_nonnull (d360_form_get_row_error (name_row));
  g_test_message ("Empty name: %s", d360_form_get_row_error (name_row));
  d360_test_run_for (900);
  d360_partnership_editor_flush (get_editor (fixture));
  g_clear_object (&stored);
  stored = get_only_stored (fixture);
  g_assert_cmpstr (d360_partnership_get_partner_name (stored), ==, "Szeged");

  /* Another partnership and back: the form shows what is stored, no errors. */
  add_partnership (fixture, "Arad", NULL, NULL);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (
    gtk_list_view_get_model (GTK_LIST_VIEW (get_list_view (fixture)))), 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Arad");
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (
    gtk_list_view_get_model (GTK_LIST_VIEW (get_list_view (fixture)))), 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Szeged");
  g_assert_null (d360_form_get_row_error (name_row));
}

typedef struct
{
  gboolean found;
  gboolean highlighted;
  char    *text;
} RowState;

/* For each list row: its title → whether its expiry label shows, with the warning style. */
static void
collect_rows (GtkWidget  *widget,
              GHashTable *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "d360-expiry"))
        {
          GtkWidget *title = gtk_widget_get_first_child (gtk_widget_get_parent (child));
          RowState *state = g_new0 (RowState, 1);

          state->found = TRUE;
          state->highlighted = gtk_widget_get_visible (child) &&
                               gtk_widget_has_css_class (child, "warning");
          state->text = g_strdup (gtk_label_get_label (GTK_LABEL (child)));
          g_hash_table_insert (rows, g_strdup (gtk_label_get_label (GTK_LABEL (title))), state);
        }
      collect_rows (child, rows);
    }
}

static void
row_state_free (RowState *state)
{
  g_free (state->text);
  g_free (state);
}

static gboolean
has_three_rows (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) row_state_free);

  collect_rows (get_list_view (fixture), rows);
  return g_hash_table_size (rows) == 3;
}

static void
test_expiry_highlight (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autofree char *soon = days_from_today (30);
  g_autofree char *later = days_from_today (200);
  g_autofree char *expected = NULL;
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) row_state_free);
  RowState *state;

  add_partnership (fixture, "Novi Sad", "2020-01-01", soon);
  add_partnership (fixture, "Pécs", "2020-01-01", later);
  add_partnership (fixture, "Covenant of Mayors", "2019-06-01", NULL);
  open_view (fixture);
  g_assert_true (d360_test_wait_until (has_three_rows, fixture, TIMEOUT_MS));
  collect_rows (get_list_view (fixture), rows);

  state = g_hash_table_lookup (rows, "Novi Sad");
  g_assert_nonnull (state);
  g_assert_true (state->highlighted);
  expected = g_strdup_printf ("Expires %s", soon);
  g_assert_cmpstr (state->text, ==, expected);

  state = g_hash_table_lookup (rows, "Pécs");
  g_assert_nonnull (state);
  g_assert_false (state->highlighted);

  state = g_hash_table_lookup (rows, "Covenant of Mayors");
  g_assert_nonnull (state);
  g_assert_false (state->highlighted);

  save_screenshot (fixture, "expiry-highlight");
}

static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(D360Partnership) partnership = NULL;
  g_autoptr(D360Partnership) restored = NULL;
  g_autoptr(GPtrArray) remaining = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *list_view;
  gint64 id;

  partnership = d360_partnership_new (fixture->city_id, AWKWARD_NAME);
  d360_partnership_set_partner_country (partnership, "HU");
  d360_partnership_set_partner_is_city (partnership, TRUE);
  d360_partnership_set_kind (partnership, D360_PARTNERSHIP_MOU);
  d360_partnership_set_signed_on (partnership, "2023-09-01");
  d360_partnership_set_expires_on (partnership, "2028-08-31");
  d360_partnership_set_status (partnership, D360_PARTNERSHIP_DORMANT);
  d360_partnership_set_dimensions (partnership, 1u << D360_DIMENSION_ECONOMY);
  d360_partnership_set_notes (partnership, AWKWARD_NOTES);
  g_assert_true (d360_store_save_partnership (fixture->store, partnership, &error));
  g_assert_no_error (error);
  id = d360_partnership_get_id (partnership);
  add_partnership (fixture, "Zrenjanin", NULL, NULL);

  open_view (fixture);
  g_assert_cmpint (d360_partnership_editor_get_id (get_editor (fixture)), ==, id);

  /* Delete, from the list. */
  list_view = get_list_view (fixture);
  focus_selected_row (fixture);
  g_assert_true (gtk_widget_get_focus_child (list_view) != NULL);
  press_shortcut (list_view, "Delete");
  remaining = list_stored (fixture);
  g_assert_cmpuint (remaining->len, ==, 1);
  g_assert_cmpstr (d360_partnership_get_partner_name (g_ptr_array_index (remaining, 0)), ==,
                   "Zrenjanin");
  g_assert_cmpint (d360_partnership_editor_get_id (get_editor (fixture)), ==,
                   d360_partnership_get_id (g_ptr_array_index (remaining, 0)));
  save_screenshot (fixture, "deleted");

  /* Undo, as the toast's button does. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view),
                                             "partnerships.undo-delete", "x", id));
  g_clear_pointer (&remaining, g_ptr_array_unref);
  remaining = list_stored (fixture);
  g_assert_cmpuint (remaining->len, ==, 2);
  restored = g_object_ref (g_ptr_array_index (remaining, 0));
  g_assert_cmpstr (d360_partnership_get_partner_name (restored), ==, AWKWARD_NAME);
  g_assert_cmpstr (d360_partnership_get_partner_country (restored), ==, "HU");
  g_assert_true (d360_partnership_get_partner_is_city (restored));
  g_assert_cmpint (d360_partnership_get_kind (restored), ==, D360_PARTNERSHIP_MOU);
  g_assert_cmpstr (d360_partnership_get_signed_on (restored), ==, "2023-09-01");
  g_assert_cmpstr (d360_partnership_get_expires_on (restored), ==, "2028-08-31");
  g_assert_cmpint (d360_partnership_get_status (restored), ==, D360_PARTNERSHIP_DORMANT);
  g_assert_cmpuint (d360_partnership_get_dimensions (restored), ==, 1u << D360_DIMENSION_ECONOMY);
  g_assert_cmpstr (d360_partnership_get_notes (restored), ==, AWKWARD_NOTES);
  g_assert_cmpint (d360_partnership_editor_get_id (get_editor (fixture)), ==,
                   d360_partnership_get_id (restored));

  /* Once only. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view),
                                             "partnerships.undo-delete", "x", id));
  g_clear_pointer (&remaining, g_ptr_array_unref);
  remaining = list_stored (fixture);
  g_assert_cmpuint (remaining->len, ==, 2);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  GtkWidget *search_entry;
  GtkListView *list_view;
  GListModel *shown;

  add_partnership (fixture, "Szeged", NULL, NULL);
  add_partnership (fixture, "Novi Sad", NULL, NULL);
  add_partnership (fixture, "Karlsruhe", NULL, NULL);
  open_view (fixture);
  list_view = GTK_LIST_VIEW (get_list_view (fixture));
  shown = G_LIST_MODEL (gtk_list_view_get_model (list_view));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 3);

  focus_selected_row (fixture);
  press_shortcut (GTK_WIDGET (fixture->view), "<Control>f");
  search_entry = get_widget (fixture, GTK_TYPE_SEARCH_ENTRY);
  g_assert_true (gtk_widget_is_focus (search_entry) ||
                 gtk_widget_get_focus_child (search_entry) != NULL);

  gtk_editable_set_text (GTK_EDITABLE (search_entry), "SZE");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_row (fixture, "Partner Name"))), ==,
                   "Szeged");

  gtk_editable_set_text (GTK_EDITABLE (search_entry), "nothing like it");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 0);
  g_assert_cmpint (d360_partnership_editor_get_id (get_editor (fixture)), ==, 0);

  /* Ctrl+N with a search on: the new one shows anyway. */
  press_shortcut (GTK_WIDGET (fixture->view), "<Control>n");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 4);
  g_assert_cmpint (d360_partnership_editor_get_id (get_editor (fixture)), !=, 0);
}

static void
test_empty_and_no_city (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GPtrArray) stored = NULL;
  GtkWidget *status;

  /* No partnerships yet: a status page offers the first one. */
  open_view (fixture);
  g_assert_nonnull (status = find_label (GTK_WIDGET (fixture->view), "No Partnerships"));
  g_assert_true (gtk_widget_is_visible (status));
  g_assert_false (d360_partnerships_view_start_search (fixture->view));
  save_screenshot (fixture, "empty");

  /* No city: nothing to add to. */
  d360_partnerships_view_set_city (fixture->view, 0);
  g_assert_nonnull (status = find_label (GTK_WIDGET (fixture->view), "No City"));
  g_assert_true (gtk_widget_is_visible (status));
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "partnerships.new", NULL);
  stored = list_stored (fixture);
  g_assert_cmpuint (stored->len, ==, 0);
  g_assert_false (d360_partnerships_view_start_search (fixture->view));

  /* Back to the city: the button adds one, and the list replaces the status page. */
  d360_partnerships_view_set_city (fixture->view, fixture->city_id);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "partnerships.new", NULL);
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = list_stored (fixture);
  g_assert_cmpuint (stored->len, ==, 1);
  g_assert_true (gtk_widget_is_visible (get_list_view (fixture)));
  g_assert_true (d360_partnerships_view_start_search (fixture->view));
}

static gboolean
is_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

static gboolean
is_unfolded (gpointer data)
{
  return !adw_leaflet_get_folded (data);
}

/* A narrow window shows the list or the editor, with a way back. */
static void
test_narrow (Fixture       *fixture,
             gconstpointer  user_data)
{
  AdwLeaflet *leaflet;
  GtkWidget *back;

  add_partnership (fixture, "Szeged", NULL, NULL);
  add_partnership (fixture, "Novi Sad", NULL, NULL);
  open_view (fixture);
  leaflet = ADW_LEAFLET (get_widget (fixture, ADW_TYPE_LEAFLET));
  gtk_window_set_default_size (fixture->window, 420, 700);
  g_assert_true (d360_test_wait_until (is_folded, leaflet, TIMEOUT_MS));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* Enter on a row opens it. */
  g_signal_emit_by_name (get_list_view (fixture), "activate", 1);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  back = find_button (GTK_WIDGET (leaflet), "Back to the List");
  g_assert_nonnull (back);
  g_assert_true (gtk_widget_get_visible (back));
  save_screenshot (fixture, "narrow");

  /* Back, and Ctrl+F from the editor, both return to the list. */
  g_signal_emit_by_name (back, "clicked");
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* Choosing another row from the list opens it. */
  focus_selected_row (fixture);
  gtk_single_selection_set_selected (
    GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (get_list_view (fixture)))), 1);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_row (fixture, "Partner Name"))), ==,
                   "Szeged");
  g_signal_emit_by_name (back, "clicked");
  g_signal_emit_by_name (get_list_view (fixture), "activate", 0);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  g_assert_true (d360_partnerships_view_start_search (fixture->view));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* Wide again: no back button. */
  gtk_window_set_default_size (fixture->window, 1100, 760);
  g_assert_true (d360_test_wait_until (is_unfolded, leaflet, TIMEOUT_MS));
  g_assert_false (gtk_widget_get_visible (back));
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
        screenshot_dir = g_strdup (argv[i] + strlen ("--screenshots="));
      else
        argv[j++] = argv[i];
    }
  argv[j] = NULL;
  argc = j;

  g_setenv ("LANGUAGE", "en", TRUE);
  d360_i18n_init ();
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: run the UI tests with tools/run-tests (Xvfb)\n");
      return 1;
    }
  adw_init ();
  /* Referencing the bundle keeps it (and its registration) in the link. */
  (void) d360_get_resource ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/partnerships/new-and-autosave", test_new_and_autosave);
  ADD ("/partnerships/invalid-values", test_invalid_values);
  ADD ("/partnerships/expiry-highlight", test_expiry_highlight);
  ADD ("/partnerships/delete-and-undo", test_delete_and_undo);
  ADD ("/partnerships/search", test_search);
  ADD ("/partnerships/empty-and-no-city", test_empty_and_no_city);
  ADD ("/partnerships/narrow", test_narrow);

#undef ADD

  return g_test_run ();
}

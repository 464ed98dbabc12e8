/* test-projects.c — the projects list and editor in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-projects --tap [--screenshots=DIR]
 *
 * Each test opens the view on a temporary store with one city, drives it as
 * the user would (shortcuts, typing into rows, leaving them, the list) and
 * checks what the store holds afterwards.
 */

#define G_LOG_DOMAIN "test-projects"

#include "config.h"

#include <string.h>

#include "d360-form.h"
#include "d360-i18n.h"
#include "d360-resources.h"
#include "d360-store-city.h"
#include "d360-store-portfolio.h"
#include "portfolio/d360-project-editor.h"
#include "portfolio/d360-projects-view.h"
#include "d360-ui-test.h"

#define TIMEOUT_MS 10000

/* Text the store must give back exactly as typed. */
#define AWKWARD_TITLE "Parcul „Țara Bârsei” 'O''Hara'; DROP TABLE project; --"
#define AWKWARD_TEXT "Întâlnire la primărie: \"semnare\"\n-- SELECT * FROM city; ăâîșț ĂÂÎȘȚ"
#define LONG_TEXT_CHARS 100000

static char *screenshot_dir;

typedef struct
{
  char             *dir;
  D360Store        *store;
  gint64            city_id;
  GtkWindow        *window;
  D360ProjectsView *view;
} Fixture;

/* ------------------------------------------------------------- waiting */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
count_cb (gpointer    instance,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static gboolean
editor_is_idle (gpointer data)
{
  return !d360_project_editor_is_pending (data);
}

/* --------------------------------------------------------- the widgets */

static GObject *
get_child (Fixture    *fixture,
           const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (fixture->view),
                                                  D360_TYPE_PROJECTS_VIEW, name);

  if (child == NULL)
    g_error ("The view has no “%s”", name);
  return child;
}

static D360ProjectEditor *
get_editor (Fixture *fixture)
{
  return D360_PROJECT_EDITOR (get_child (fixture, "editor"));
}

static GtkWidget *
get_row (Fixture    *fixture,
         const char *name)
{
  GObject *row = gtk_widget_get_template_child (GTK_WIDGET (get_editor (fixture)),
                                                D360_TYPE_PROJECT_EDITOR, name);

  if (row == NULL)
    g_error ("The editor has no “%s”", name);
  return GTK_WIDGET (row);
}

/* What the list shows. */
static GListModel *
get_shown (Fixture *fixture)
{
  return G_LIST_MODEL (get_child (fixture, "selection"));
}

static guint
count_shown (Fixture *fixture)
{
  return g_list_model_get_n_items (get_shown (fixture));
}

static gint64
get_selected_id (Fixture *fixture)
{
  D360Project *project = gtk_single_selection_get_selected_item (
    GTK_SINGLE_SELECTION (get_shown (fixture)));

  return project != NULL ? d360_project_get_id (project) : 0;
}

static gboolean
editor_shows_selected (gpointer data)
{
  Fixture *fixture = data;
  AdwLeaflet *leaflet = ADW_LEAFLET (get_child (fixture, "leaflet"));
  GtkStack *content = GTK_STACK (get_child (fixture, "content_stack"));

  return get_selected_id (fixture) != 0 &&
         d360_project_editor_get_project_id (get_editor (fixture)) == get_selected_id (fixture) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (content), "editor") == 0 &&
         (!adw_leaflet_get_folded (leaflet) ||
          g_strcmp0 (adw_leaflet_get_visible_child_name (leaflet), "content") == 0);
}

/* Selects the project at @position of the list, as a click would, and waits
 * for the editor to show it. */
static gint64
select_position (Fixture *fixture,
                 guint    position)
{
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (get_shown (fixture)), position);
  g_assert_true (d360_test_wait_until (editor_shows_selected, fixture, TIMEOUT_MS));
  return get_selected_id (fixture);
}

/* Activates the shortcut @trigger that @widget's own controllers hold, as GTK
 * does on a key press; FALSE when it did not handle the key. */
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
          GtkShortcutTrigger *shortcut_trigger = gtk_shortcut_get_trigger (shortcut);
          g_autofree char *text = gtk_shortcut_trigger_to_string (shortcut_trigger);

          if (g_str_equal (text, trigger))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  g_error ("%s has no shortcut %s", G_OBJECT_TYPE_NAME (widget), trigger);
}

/* Types @text into @row, replacing what it holds. */
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
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (get_child (fixture, "search_entry"))));
  g_assert_true (d360_test_wait_until (editor_is_idle, get_editor (fixture), TIMEOUT_MS));
}

/* Focuses the selected row of the list, as a click on it would. */
static void
focus_selected_row (Fixture *fixture)
{
  GtkWidget *list_view = GTK_WIDGET (get_child (fixture, "list_view"));

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

static D360Project *
get_stored (Fixture *fixture,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  D360Project *project = d360_store_get_project (fixture->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (project);
  return project;
}

static gint64
count_stored (Fixture  *fixture,
              gboolean  archived)
{
  D360ProjectQuery query = {
    .city_id = fixture->city_id, .stage = -1, .archived = archived,
  };
  g_autoptr(GError) error = NULL;
  gint64 count = d360_store_count_projects (fixture->store, &query, &error);

  g_assert_no_error (error);
  return count;
}

static gint64
add_project (Fixture    *fixture,
             const char *title,
             const char *sector,
             D360Stage   stage,
             guint       agenda_areas)
{
  g_autoptr(D360Project) project = d360_project_new (fixture->city_id, title);
  g_autoptr(GError) error = NULL;

  d360_project_set_sector (project, sector);
  d360_project_set_stage (project, stage);
  d360_project_set_agenda_areas (project, agenda_areas);
  g_assert_true (d360_store_save_project (fixture->store, project, &error));
  g_assert_no_error (error);
  return d360_project_get_id (project);
}

typedef struct
{
  Fixture    *fixture;
  gint64      id;
  const char *title;
} TitleWait;

static gboolean
stored_title_is (gpointer data)
{
  TitleWait *wait = data;
  g_autoptr(D360Project) project = get_stored (wait->fixture, wait->id);

  return g_strcmp0 (d360_project_get_title (project), wait->title) == 0;
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
  g_autoptr(D360City) city = d360_city_new ("Timișoara");
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("d360-projects-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "test.db", NULL);
  fixture->store = d360_store_open (path, &error);
  g_assert_no_error (error);

  g_assert_true (d360_store_save_city (fixture->store, city, &error));
  g_assert_no_error (error);
  fixture->city_id = d360_city_get_id (city);
}

static void
open_view (Fixture *fixture)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (fixture->window, "Projects");
  gtk_window_set_default_size (fixture->window, 1100, 800);
  fixture->view = g_object_new (D360_TYPE_PROJECTS_VIEW, NULL);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->view));
  d360_projects_view_set_store (fixture->view, fixture->store);
  d360_projects_view_set_city (fixture->view, fixture->city_id);

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
  g_autofree char *file_name = g_strconcat ("projects-", name, ".png", NULL);
  g_autofree char *path = NULL;

  if (screenshot_dir == NULL)
    return;

  path = g_build_filename (screenshot_dir, file_name, NULL);
  g_assert_true (d360_test_save_window_png (GTK_WIDGET (fixture->window), path));
  g_test_message ("Screenshot in %s", path);
}

/* --------------------------------------------------------------- tests */

/* Ctrl+N adds a project; what is typed is saved after a pause, exactly. */
static void
test_new_and_autosave (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(D360Project) stored = NULL;
  g_autoptr(GString) long_text = g_string_new (AWKWARD_TEXT);
  GtkWidget *title_row;
  GtkTextView *description;
  TitleWait wait = { fixture, 0, AWKWARD_TITLE };
  gint64 started;
  gint64 id;

  open_view (fixture);
  g_assert_cmpint (count_stored (fixture, FALSE), ==, 0);

  g_assert_true (press_shortcut (GTK_WIDGET (fixture->view), "<Control>n"));
  g_assert_cmpint (count_stored (fixture, FALSE), ==, 1);
  id = d360_project_editor_get_project_id (get_editor (fixture));
  g_assert_cmpint (id, >, 0);
  g_assert_cmpuint (count_shown (fixture), ==, 1);
  g_assert_cmpint (get_selected_id (fixture), ==, id);

  /* The title has the focus, ready to be typed over. */
  title_row = get_row (fixture, "title_row");
  g_assert_true (gtk_widget_get_focus_child (title_row) != NULL);

  type_into (title_row, AWKWARD_TITLE);
  wait.id = id;
  g_assert_false (stored_title_is (&wait));
  g_assert_true (d360_project_editor_is_pending (get_editor (fixture)));
  g_assert_true (d360_test_wait_until (stored_title_is, &wait, TIMEOUT_MS));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (
                     GTK_WIDGET (get_editor (fixture)), D360_TYPE_PROJECT_EDITOR,
                     "status_label"))), ==, "Saved");

  /* The refreshed list still shows it selected. */
  g_assert_cmpint (get_selected_id (fixture), ==, id);

  /* A very long description with diacritics and SQL is kept, without a freeze. */
  while (g_utf8_strlen (long_text->str, -1) < LONG_TEXT_CHARS)
    g_string_append (long_text, " ăâîșț ' \" ;");
  description = GTK_TEXT_VIEW (get_row (fixture, "description_view"));
  started = g_get_monotonic_time ();
  gtk_widget_grab_focus (GTK_WIDGET (description));
  d360_form_set_text_view (description, long_text->str);
  leave_row (fixture);
  d360_test_run_for (100);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 3 * G_USEC_PER_SEC);
  g_assert_true (d360_test_wait_until (editor_is_idle, get_editor (fixture), TIMEOUT_MS));

  stored = get_stored (fixture, id);
  g_assert_cmpstr (d360_project_get_title (stored), ==, AWKWARD_TITLE);
  g_assert_cmpstr (d360_project_get_description (stored), ==, long_text->str);

  save_screenshot (fixture, "editor");
}

/* Invalid values show an error on their row and are not stored. */
static void
test_invalid_values (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(D360Project) stored = NULL;
  GtkWidget *title_row, *start_row, *end_row, *budget_row;
  guint activation_changes = 0;
  gint64 id = add_project (fixture, "Tram line extension", "Transport", D360_STAGE_IDEA, 0);

  open_view (fixture);
  g_assert_cmpint (select_position (fixture, 0), ==, id);

  title_row = get_row (fixture, "title_row");
  start_row = get_row (fixture, "start_row");
  end_row = get_row (fixture, "end_row");
  budget_row = get_row (fixture, "budget_row");

  /* Valid values first. */
  type_into (start_row, "2026-03-01");
  type_into (end_row, "2026-12-31");
  type_into (budget_row, "1234.50");
  leave_row (fixture);
  stored = get_stored (fixture, id);
  g_assert_cmpstr (d360_project_get_start_date (stored), ==, "2026-03-01");
  g_assert_cmpstr (d360_project_get_end_date (stored), ==, "2026-12-31");
  g_assert_cmpint (d360_project_get_budget_minor (stored), ==, 123450);
  g_assert_cmpstr (d360_project_get_currency (stored), ==, "EUR");
  g_assert_null (d360_form_get_row_error (end_row));
  g_assert_null (d360_form_get_row_error (budget_row));

  /* An end before the start: the error waits until the row is left. The
   * window losing the focus to another test's window also leaves the row. */
  g_signal_connect (fixture->window, "notify::is-active", G_CALLBACK (count_cb),
                    &activation_changes);
  type_into (end_row, "2026-02-01");
  g_assert_true (d360_test_wait_until (editor_is_idle, get_editor (fixture), TIMEOUT_MS));
  if (activation_changes == 0)
    g_assert_null (d360_form_get_row_error (end_row));
  else
    g_test_message ("The window lost the focus: not checking that the error waited");
  g_signal_handlers_disconnect_by_func (fixture->window, count_cb, &activation_changes);
  leave_row (fixture);
  g_assert_nonnull (d360_form_get_row_error (end_row));
  g_assert_null (d360_form_get_row_error (start_row));

  /* A negative budget, an empty title, a day that does not exist. */
  type_into (budget_row, "-5");
  type_into (title_row, "   ");
  type_into (start_row, "2026-02-30");
  leave_row (fixture);
  g_assert_nonnull (d360_form_get_row_error (budget_row));
  g_assert_nonnull (d360_form_get_row_error (title_row));
  g_assert_nonnull (d360_form_get_row_error (start_row));
  save_screenshot (fixture, "errors");

  /* The store still holds the last valid values. */
  g_clear_object (&stored);
  stored = get_stored (fixture, id);
  g_assert_cmpstr (d360_project_get_title (stored), ==, "Tram line extension");
  g_assert_cmpstr (d360_project_get_start_date (stored), ==, "2026-03-01");
  g_assert_cmpstr (d360_project_get_end_date (stored), ==, "2026-12-31");
  g_assert_cmpint (d360_project_get_budget_minor (stored), ==, 123450);

  /* Too large a budget is refused too; a fixed value clears the error. */
  type_into (budget_row, "99999999999999999");
  leave_row (fixture);
  g_assert_nonnull (d360_form_get_row_error (budget_row));
  type_into (budget_row, "2000000");
  type_into (end_row, "2027-01-31");
  type_into (start_row, "2026-04-01");
  type_into (title_row, "Tram line to the campus");
  leave_row (fixture);
  g_assert_null (d360_form_get_row_error (budget_row));
  g_assert_null (d360_form_get_row_error (end_row));
  g_assert_null (d360_form_get_row_error (start_row));
  g_assert_null (d360_form_get_row_error (title_row));
  g_clear_object (&stored);
  stored = get_stored (fixture, id);
  g_assert_cmpint (d360_project_get_budget_minor (stored), ==, 200000000);
  g_assert_cmpstr (d360_project_get_end_date (stored), ==, "2027-01-31");
  g_assert_cmpstr (d360_project_get_start_date (stored), ==, "2026-04-01");
  g_assert_cmpstr (d360_project_get_title (stored), ==, "Tram line to the campus");
}

/* Changing the stage adds it to the history the editor shows. */
static void
test_stage_history (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(D360Project) stored = NULL;
  g_autoptr(GPtrArray) history = NULL;
  GtkWidget *history_list;
  guint n_rows = 0;
  gint64 id = add_project (fixture, "Cultural festival", "Culture", D360_STAGE_IDEA, 0);

  open_view (fixture);
  g_assert_cmpint (select_position (fixture, 0), ==, id);

  adw_combo_row_set_selected (ADW_COMBO_ROW (get_row (fixture, "stage_row")),
                              D360_STAGE_FEASIBILITY);
  g_assert_true (d360_test_wait_until (editor_is_idle, get_editor (fixture), TIMEOUT_MS));
  stored = get_stored (fixture, id);
  g_assert_cmpint (d360_project_get_stage (stored), ==, D360_STAGE_FEASIBILITY);

  history = d360_store_get_stage_history (fixture->store, id, NULL);
  g_assert_nonnull (history);
  g_assert_cmpuint (history->len, ==, 2);

  history_list = get_row (fixture, "history_list");
  for (GtkWidget *row = gtk_widget_get_first_child (history_list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (
                     ADW_PREFERENCES_ROW (gtk_widget_get_first_child (history_list))), ==,
                   d360_stage_get_label (D360_STAGE_FEASIBILITY));

  if (screenshot_dir != NULL)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (
        GTK_SCROLLED_WINDOW (get_row (fixture, "scrolled_window")));

      d360_test_run_for (300);
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      save_screenshot (fixture, "history");
    }
}

/* Search as you type, filters and the archive. */
static void
test_search_and_filters (Fixture       *fixture,
                         gconstpointer  user_data)
{
  GtkEditable *search_entry;
  CountWait wait = { fixture, 0 };
  gint64 tram;

  tram = add_project (fixture, "Tram line extension", "Urban transport",
                      D360_STAGE_NEGOTIATION, D360_AGENDA_FOREIGN_INVESTMENT);
  add_project (fixture, "Bega festival", "Culture", D360_STAGE_IDEA, D360_AGENDA_CULTURE);
  add_project (fixture, "Flood protection on the Timiș", "Climate", D360_STAGE_IDEA, 0);

  open_view (fixture);
  g_assert_cmpuint (count_shown (fixture), ==, 3);

  /* Ctrl+F focuses the search; words match the sector too, and diacritics
   * need not be typed. */
  g_assert_true (press_shortcut (GTK_WIDGET (fixture->view), "<Control>f"));
  search_entry = GTK_EDITABLE (get_child (fixture, "search_entry"));
  g_assert_true (gtk_widget_get_focus_child (GTK_WIDGET (search_entry)) != NULL ||
                 gtk_widget_has_focus (GTK_WIDGET (search_entry)));
  gtk_editable_set_text (search_entry, "transp");
  wait.n_items = 1;
  g_assert_true (d360_test_wait_until (shown_count_is, &wait, TIMEOUT_MS));
  gtk_editable_set_text (search_entry, "timis");
  g_assert_true (d360_test_wait_until (shown_count_is, &wait, TIMEOUT_MS));
  gtk_editable_set_text (search_entry, "nothing like it");
  wait.n_items = 0;
  g_assert_true (d360_test_wait_until (shown_count_is, &wait, TIMEOUT_MS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_child (fixture, "list_stack"))),
                   ==, "no-results");
  save_screenshot (fixture, "no-results");
  gtk_editable_set_text (search_entry, "");
  wait.n_items = 3;
  g_assert_true (d360_test_wait_until (shown_count_is, &wait, TIMEOUT_MS));

  /* Filters: the stage (item 0 is "any"), then an agenda area. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (get_child (fixture, "stage_filter")),
                              D360_STAGE_IDEA + 1);
  g_assert_cmpuint (count_shown (fixture), ==, 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (get_child (fixture, "agenda_filter")), 2);
  g_assert_cmpuint (count_shown (fixture), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "projects.reset-filters", NULL);
  g_assert_cmpuint (count_shown (fixture), ==, 3);

  /* Sorting by stage puts the one in negotiation last. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (get_child (fixture, "sort_dropdown")),
                              D360_PROJECT_SORT_STAGE);
  {
    g_autoptr(D360Project) last = g_list_model_get_item (get_shown (fixture), 2);

    g_assert_cmpint (d360_project_get_id (last), ==, tram);
  }

  /* Archiving moves it out of the list, into the archived one. */
  g_assert_cmpint (select_position (fixture, 2), ==, tram);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "projects.archive", NULL);
  g_assert_cmpuint (count_shown (fixture), ==, 2);
  g_assert_cmpint (count_stored (fixture, TRUE), ==, 1);
  gtk_switch_set_active (GTK_SWITCH (get_child (fixture, "archived_switch")), TRUE);
  g_assert_cmpuint (count_shown (fixture), ==, 1);
  g_assert_cmpint (get_selected_id (fixture), ==, tram);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "projects.archive", NULL);
  g_assert_cmpint (count_stored (fixture, TRUE), ==, 0);
  g_assert_cmpuint (count_shown (fixture), ==, 0);
}

/* Delete in the list deletes; Undo brings it back with the same id. */
static void
test_delete_and_undo (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(D360Project) restored = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(D360Project) gone = NULL;
  gint64 id;

  add_project (fixture, "Bega festival", "Culture", D360_STAGE_IDEA, 0);
  id = add_project (fixture, "Tram line extension", "Urban transport", D360_STAGE_AGREED, 0);

  open_view (fixture);
  g_assert_cmpint (select_position (fixture, 1), ==, id);

  /* Delete in a text field edits the text, not the list. */
  gtk_widget_grab_focus (get_row (fixture, "title_row"));
  g_assert_false (press_shortcut (GTK_WIDGET (fixture->view), "Delete"));
  g_assert_cmpint (count_stored (fixture, FALSE), ==, 2);

  focus_selected_row (fixture);
  g_assert_true (press_shortcut (GTK_WIDGET (fixture->view), "Delete"));
  g_assert_cmpint (count_stored (fixture, FALSE), ==, 1);
  gone = d360_store_get_project (fixture->store, id, &error);
  g_assert_null (gone);
  g_assert_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (d360_project_editor_get_project_id (get_editor (fixture)), ==, 0);
  g_assert_cmpuint (count_shown (fixture), ==, 1);
  save_screenshot (fixture, "deleted");

  /* The toast's button activates projects.undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->view), "projects.undo", NULL));
  g_assert_cmpint (count_stored (fixture, FALSE), ==, 2);
  restored = get_stored (fixture, id);
  g_assert_cmpstr (d360_project_get_title (restored), ==, "Tram line extension");
  g_assert_cmpint (d360_project_get_stage (restored), ==, D360_STAGE_AGREED);
  g_assert_cmpint (d360_project_editor_get_project_id (get_editor (fixture)), ==, id);
  g_assert_cmpint (get_selected_id (fixture), ==, id);

  /* Only once. */
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "projects.undo", NULL);
  g_assert_cmpint (count_stored (fixture, FALSE), ==, 2);
}

/* Duplicating opens the copy; with no city nothing can be added. */
static void
test_duplicate_and_no_city (Fixture       *fixture,
                            gconstpointer  user_data)
{
  gint64 id = add_project (fixture, "Bega festival", "Culture", D360_STAGE_IDEA, 0);
  gint64 copy;

  open_view (fixture);
  g_assert_cmpint (select_position (fixture, 0), ==, id);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "projects.duplicate", NULL);
  copy = d360_project_editor_get_project_id (get_editor (fixture));
  g_assert_cmpint (copy, >, 0);
  g_assert_cmpint (copy, !=, id);
  g_assert_cmpint (count_stored (fixture, FALSE), ==, 2);
  g_assert_cmpint (get_selected_id (fixture), ==, copy);

  d360_projects_view_set_city (fixture->view, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (get_child (fixture, "list_stack"))),
                   ==, "no-city");
  g_assert_cmpint (d360_project_editor_get_project_id (get_editor (fixture)), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (fixture->view), "projects.new", NULL);
  g_assert_cmpint (count_stored (fixture, FALSE), ==, 2);
  g_assert_false (d360_projects_view_start_search (fixture->view));

  d360_projects_view_set_city (fixture->view, fixture->city_id);
  g_assert_cmpuint (count_shown (fixture), ==, 2);
  g_assert_true (d360_projects_view_start_search (fixture->view));
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

/* In a narrow window the list and the editor take turns, with a way back. */
static void
test_folded (Fixture       *fixture,
             gconstpointer  user_data)
{
  AdwLeaflet *leaflet;
  GtkWidget *back_button;
  gint64 id = add_project (fixture, "Bega festival", "Culture", D360_STAGE_IDEA, 0);

  open_view (fixture);
  leaflet = ADW_LEAFLET (get_child (fixture, "leaflet"));
  gtk_window_set_default_size (fixture->window, 420, 700);
  g_assert_true (d360_test_wait_until (is_folded, leaflet, TIMEOUT_MS));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
  save_screenshot (fixture, "folded-list");

  g_assert_cmpint (select_position (fixture, 0), ==, id);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");
  back_button = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (get_editor (fixture)),
                                                           D360_TYPE_PROJECT_EDITOR,
                                                           "back_button"));
  g_assert_true (gtk_widget_get_visible (back_button));
  save_screenshot (fixture, "folded-editor");

  g_assert_true (gtk_widget_activate_action (back_button, "projects.show-list", NULL));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");

  /* Choosing the same project again opens it again. */
  g_assert_cmpint (get_selected_id (fixture), ==, 0);
  g_assert_cmpint (select_position (fixture, 0), ==, id);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "content");

  /* Side by side again, the list shows which project is edited. */
  g_assert_true (gtk_widget_activate_action (back_button, "projects.show-list", NULL));
  gtk_window_set_default_size (fixture->window, 1100, 800);
  g_assert_true (d360_test_wait_until (is_unfolded, leaflet, TIMEOUT_MS));
  g_assert_cmpint (get_selected_id (fixture), ==, id);
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

  ADD ("/projects/new-and-autosave", test_new_and_autosave);
  ADD ("/projects/invalid-values", test_invalid_values);
  ADD ("/projects/stage-history", test_stage_history);
  ADD ("/projects/search-and-filters", test_search_and_filters);
  ADD ("/projects/delete-and-undo", test_delete_and_undo);
  ADD ("/projects/duplicate-and-no-city", test_duplicate_and_no_city);
  ADD ("/projects/folded", test_folded);

#undef ADD

  return g_test_run ();
}

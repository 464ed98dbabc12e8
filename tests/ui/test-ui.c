/* test-ui.c — the user interface in a real window (run under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: test-ui --tap [--language=ro]
 *
 * Without --language the interface runs in English; with --language=ro it
 * runs in Romanian (ro_RO.UTF-8 where that locale exists, else C.UTF-8 with
 * LANGUAGE=ro, which gettext honours as well) and only the translation
 * checks run.
 */

#define G_LOG_DOMAIN "test-ui"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "contacts/d360-contacts-page.h"
#include "d360-application.h"
#include "d360-backup.h"
#include "d360-i18n.h"
#include "d360-preferences-window.h"
#include "d360-restore-dialog.h"
#include "d360-section.h"
#include "d360-store-city.h"
#include "d360-window.h"
#include "matches/d360-matches-page.h"
#include "meetings/d360-meetings-page.h"
#include "d360-iso-codes.h"
#include "portfolio/d360-city-editor.h"
#include "portfolio/d360-portfolio-page.h"
#include "reports/d360-reports-page.h"
#include "d360-ui-test.h"

#define TIMEOUT_MS 10000

static D360Application *app;

static const char * const section_names[] = {
  "portfolio", "contacts", "meetings", "matches", "reports",
};

typedef struct
{
  char      *dir;
  char      *database;
  D360Store *store;
  GSettings *settings;
} Fixture;

/* ------------------------------------------------------------- waiting */

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static gboolean
is_allocated (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) > 0 &&
         gtk_widget_get_height (GTK_WIDGET (data)) > 0;
}

static gboolean
is_unmapped (gpointer data)
{
  return !gtk_widget_get_mapped (GTK_WIDGET (data));
}

typedef struct
{
  GtkWidget *widget;
  int        width;
  int        height;
} Size;

static gboolean
has_size (gpointer data)
{
  Size *size = data;

  return gtk_widget_get_width (size->widget) == size->width &&
         gtk_widget_get_height (size->widget) == size->height;
}

static gboolean
is_narrower (gpointer data)
{
  Size *size = data;

  return gtk_widget_get_width (size->widget) > 0 && gtk_widget_get_height (size->widget) > 0 &&
         gtk_widget_get_width (size->widget) < size->width &&
         gtk_widget_get_height (size->widget) < size->height;
}

static gboolean
is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
is_positive (gpointer data)
{
  return *(guint *) data > 0;
}

static gboolean
second_changed (gpointer data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_to_unix (now) != *(gint64 *) data;
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
finished_cb (D360RestoreDialog  *dialog,
             const char         *message,
             guint              *count)
{
  (*count)++;
}

static void
message_cb (D360RestoreDialog  *dialog,
            const char         *message,
            char              **out)
{
  g_free (*out);
  *out = g_strdup (message);
}

/* ------------------------------------------------------------- helpers */

static void
reset_settings (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("d360-ui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->database = g_build_filename (fixture->dir, "x.db", NULL);
  fixture->store = d360_store_open (fixture->database, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->store);

  /* GSETTINGS_BACKEND=memory: one backend for the whole process. */
  fixture->settings = g_settings_new (APPLICATION_ID);
  reset_settings (fixture->settings);
}

static void
close_all_windows (void)
{
  GList *windows;

  while ((windows = gtk_window_list_toplevels ()) != NULL)
    {
      gtk_window_destroy (windows->data);
      g_list_free (windows);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  close_all_windows ();
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->store);
  d360_test_remove_tree (fixture->dir);
  g_free (fixture->database);
  g_free (fixture->dir);
}

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

static AdwViewStack *
get_view_stack (D360Window *window)
{
  GtkWidget *stack = find_descendant (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);

  g_assert_nonnull (stack);
  return ADW_VIEW_STACK (stack);
}

/* Opens the main window on the fixture's store and waits until it is shown. */
static D360Window *
open_window (Fixture *fixture)
{
  D360Window *window = d360_window_new (ADW_APPLICATION (app), fixture->store,
                                        fixture->settings);

  g_assert_nonnull (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (d360_test_wait_until (is_mapped, window, TIMEOUT_MS));
  g_assert_true (d360_test_wait_until (is_allocated, window, TIMEOUT_MS));
  return window;
}

static void
close_window (D360Window *window)
{
  gpointer pointer = window;

  g_object_add_weak_pointer (G_OBJECT (window), &pointer);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (d360_test_wait_until (is_null, &pointer, TIMEOUT_MS));
}

/* How many different colours the window shows: a blank frame has one. */
static guint
count_window_colours (GtkWidget *window)
{
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  g_autofree guint32 *pixels = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (window));

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  pixels = g_new (guint32, (gsize) width * height);
  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  for (gsize i = 0; i < (gsize) width * height; i++)
    g_hash_table_add (colours, GUINT_TO_POINTER (pixels[i]));

  return g_hash_table_size (colours);
}

/* The window's own shortcuts (its class key bindings): trigger → shortcut.
 * With @action_name, only those that activate that action. */
static void
collect_widget_shortcuts (GtkWidget  *widget,
                          const char *action_name,
                          gboolean    descend,
                          GHashTable *shortcuts)
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
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (action_name != NULL &&
              !(GTK_IS_NAMED_ACTION (action) &&
                g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                             action_name)))
            continue;
          g_hash_table_insert (shortcuts, gtk_shortcut_trigger_to_string (trigger),
                               g_object_ref (shortcut));
        }
    }

  if (!descend)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widget_shortcuts (child, action_name, TRUE, shortcuts);
}

/* The shortcuts of @window, by trigger ("<Control>n"): its own, and with
 * @descend those of every widget inside it (a section's Ctrl+N works while the
 * focus is in that section). With @action_name, only those that activate that
 * action. */
static GHashTable *
collect_window_shortcuts (GtkWidget  *window,
                          const char *action_name,
                          gboolean    descend)
{
  GHashTable *shortcuts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 g_object_unref);

  collect_widget_shortcuts (window, action_name, descend, shortcuts);
  return shortcuts;
}

/* Checks that @name is the visible section and the only one on screen. */
static void
assert_section_shown (D360Window *window,
                      const char *name)
{
  AdwViewStack *stack = get_view_stack (window);
  GtkWidget *visible;

  g_assert_cmpstr (d360_window_get_visible_section (window), ==, name);
  visible = adw_view_stack_get_visible_child (stack);
  g_assert_true (visible == adw_view_stack_get_child_by_name (stack, name));
  g_assert_true (d360_test_wait_until (is_mapped, visible, TIMEOUT_MS));

  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    {
      GtkWidget *child = adw_view_stack_get_child_by_name (stack, section_names[i]);

      g_assert_nonnull (child);
      if (child != visible)
        g_assert_true (d360_test_wait_until (is_unmapped, child, TIMEOUT_MS));
    }
}

static char *
make_backup (Fixture    *fixture,
             const char *folder,
             GTimeSpan   age)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = g_date_time_add (now, -age);
  g_autoptr(GError) error = NULL;
  char *path;

  path = d360_backup_create (fixture->database, folder, when, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  return path;
}

static void
add_city (Fixture    *fixture,
          const char *name)
{
  g_autoptr(D360City) city = d360_city_new (name);
  g_autoptr(GError) error = NULL;

  g_assert_true (d360_store_save_city (fixture->store, city, &error));
  g_assert_no_error (error);
}

static void
delete_city (Fixture    *fixture,
             const char *name)
{
  g_autoptr(GListModel) cities = d360_store_list_cities (fixture->store);

  for (guint i = 0; i < g_list_model_get_n_items (cities); i++)
    {
      g_autoptr(D360City) city = g_list_model_get_item (cities, i);
      g_autoptr(GError) error = NULL;

      if (!g_str_equal (d360_city_get_name (city), name))
        continue;
      g_assert_true (d360_store_delete_city (fixture->store, d360_city_get_id (city), &error));
      g_assert_no_error (error);
      return;
    }

  g_assert_not_reached ();
}

/* The names of the stored cities, by name: "A, B". */
static char *
dup_city_names (Fixture *fixture)
{
  g_autoptr(GListModel) cities = d360_store_list_cities (fixture->store);
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (cities); i++)
    {
      g_autoptr(D360City) city = g_list_model_get_item (cities, i);

      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", d360_city_get_name (city));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

/* ------------------------------------------- the city's county list */

static gboolean
has_counties (gpointer data)
{
  AdwComboRow *row = data;

  return gtk_widget_get_sensitive (GTK_WIDGET (row)) &&
         g_list_model_get_n_items (adw_combo_row_get_model (row)) > 1;
}

static const char *
selected_county (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/* The county list is read in a thread the first time a city needs it (the
 * window's first frame does not wait for it): until then the row offers
 * nothing, then it has the city's county selected, without saving. A
 * change of country then brings that country's counties and drops the
 * county. Registered first, so that the list is not read yet. */
static void
test_city_counties (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(D360City) city = d360_city_new ("Timișoara");
  g_autoptr(D360City) stored = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  D360CityEditor *editor = g_object_new (D360_TYPE_CITY_EDITOR, NULL);
  AdwComboRow *county_row = NULL;
  AdwComboRow *country_row = NULL;
  gboolean read_before = d360_iso_codes_is_loaded (D360_ISO_SUBDIVISIONS);
  const char *timis;
  guint hungary = 0;

  d360_city_set_country (city, "RO");
  d360_city_set_county (city, "RO-TM");
  g_assert_true (d360_store_save_city (fixture->store, city, &error));
  g_assert_no_error (error);

  county_row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                             D360_TYPE_CITY_EDITOR,
                                                             "county_row"));
  country_row = ADW_COMBO_ROW (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                              D360_TYPE_CITY_EDITOR,
                                                              "country_row"));
  gtk_window_set_child (window, GTK_WIDGET (editor));
  d360_city_editor_set_store (editor, fixture->store);
  d360_city_editor_set_city (editor, d360_city_get_id (city));
  if (!read_before)
    g_assert_false (has_counties (county_row));
  g_test_message ("the subdivisions were %s read before", read_before ? "already" : "not");

  gtk_window_present (window);
  g_assert_true (d360_test_wait_until (has_counties, county_row, TIMEOUT_MS));
  timis = d360_iso_codes_get_name (D360_ISO_SUBDIVISIONS, "RO-TM");
  g_assert_nonnull (timis);
  g_assert_cmpstr (selected_county (county_row), ==, timis);
  d360_city_editor_flush (editor);
  stored = d360_store_get_city (fixture->store, d360_city_get_id (city), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d360_city_get_county (stored), ==, "RO-TM");
  g_clear_object (&stored);

  /* Hungary: its counties, none chosen, and the city keeps no county. */
  g_assert_true (g_ptr_array_find_with_equal_func (
                   (GPtrArray *) d360_iso_codes_get (D360_ISO_COUNTRIES),
                   d360_iso_codes_lookup (D360_ISO_COUNTRIES, "HU"), NULL, &hungary));
  adw_combo_row_set_selected (country_row, hungary + 1);
  g_assert_cmpuint (adw_combo_row_get_selected (county_row), ==, 0);
  g_assert_true (has_counties (county_row));
  d360_city_editor_flush (editor);
  stored = d360_store_get_city (fixture->store, d360_city_get_id (city), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d360_city_get_country (stored), ==, "HU");
  g_assert_null (d360_city_get_county (stored));

  gtk_window_destroy (window);
}

/* ------------------------------------------- (a) every template builds */

static void
test_template_window (Fixture       *fixture,
                      gconstpointer  user_data)
{
  D360Window *window = d360_window_new (ADW_APPLICATION (app), fixture->store,
                                        fixture->settings);
  AdwViewStack *stack = get_view_stack (window);
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (stack);

  g_assert_true (D360_IS_WINDOW (window));
  g_assert_true (d360_window_get_store (window) == fixture->store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==,
                    G_N_ELEMENTS (section_names));
  /* Only the section on screen is made; each other one when first shown. */
  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkWidget *slot = adw_view_stack_page_get_child (page);
      gboolean shown = g_strcmp0 (d360_window_get_visible_section (window),
                                  section_names[i]) == 0;

      g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, section_names[i]);
      g_assert_true (ADW_IS_BIN (slot));
      g_assert_true ((adw_bin_get_child (ADW_BIN (slot)) != NULL) == shown);
    }
  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    {
      GtkWidget *slot = adw_view_stack_get_child_by_name (stack, section_names[i]);
      GtkWidget *child;

      d360_window_set_visible_section (window, section_names[i]);
      child = adw_bin_get_child (ADW_BIN (slot));
      g_assert_true (D360_IS_SECTION (child));
      g_assert_true (d360_section_get_store (D360_SECTION (child)) == fixture->store);
    }

  /* The application loads gtk/help-overlay.ui for its windows. */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_template_preferences (Fixture       *fixture,
                           gconstpointer  user_data)
{
  D360PreferencesWindow *preferences;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  preferences = d360_preferences_window_new (fixture->settings, fixture->store);
  g_assert_true (D360_IS_PREFERENCES_WINDOW (preferences));
  gtk_window_present (GTK_WINDOW (preferences));
  g_assert_true (d360_test_wait_until (is_mapped, preferences, TIMEOUT_MS));

  /* Showing the preferences must not change any of them. */
  g_object_get (fixture->settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_user_value (fixture->settings, keys[i]);

      if (value != NULL)
        g_test_fail_printf ("Opening Preferences set “%s”", keys[i]);
    }

  gtk_window_destroy (GTK_WINDOW (preferences));
}

static void
test_template_restore_dialog (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *empty = g_build_filename (fixture->dir, "no-backups", NULL);
  g_autofree char *older = make_backup (fixture, folder, 2 * G_TIME_SPAN_DAY);
  g_autofree char *newer = make_backup (fixture, folder, G_TIME_SPAN_HOUR);
  D360Window *window = open_window (fixture);
  D360RestoreDialog *dialog;

  g_assert_cmpstr (older, !=, newer);

  dialog = d360_restore_dialog_new (GTK_WINDOW (window), fixture->store, folder);
  g_assert_true (D360_IS_RESTORE_DIALOG (dialog));
  g_assert_cmpuint (d360_restore_dialog_get_n_backups (dialog), ==, 2);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                          "restore"));
  g_assert_true (d360_restore_dialog_select (dialog, 1));
  g_assert_false (d360_restore_dialog_select (dialog, 2));
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (d360_test_wait_until (is_mapped, dialog, TIMEOUT_MS));
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* No backups yet: nothing to choose, nothing to restore. */
  dialog = d360_restore_dialog_new (GTK_WINDOW (window), fixture->store, empty);
  g_assert_cmpuint (d360_restore_dialog_get_n_backups (dialog), ==, 0);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "restore"));
  g_assert_false (d360_restore_dialog_select (dialog, 0));
  gtk_window_destroy (GTK_WINDOW (dialog));
  close_window (window);
}

static void
test_template_sections (Fixture       *fixture,
                        gconstpointer  user_data)
{
  GType types[] = {
    D360_TYPE_PORTFOLIO_PAGE, D360_TYPE_CONTACTS_PAGE, D360_TYPE_MEETINGS_PAGE,
    D360_TYPE_MATCHES_PAGE, D360_TYPE_REPORTS_PAGE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      GtkWidget *page = g_object_ref_sink (g_object_new (types[i], NULL));

      g_assert_true (D360_IS_SECTION (page));
      g_assert_nonnull (gtk_widget_get_first_child (page));
      d360_section_set_store (D360_SECTION (page), fixture->store);
      g_assert_true (d360_section_get_store (D360_SECTION (page)) == fixture->store);
      g_object_unref (page);
    }
}

static GPtrArray *
load_help_overlay_accelerators (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *accelerators = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSList) objects = NULL;

  builder = gtk_builder_new ();
  gtk_builder_add_from_resource (builder, RESOURCE_BASE "/gtk/help-overlay.ui", &error);
  g_assert_no_error (error);
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));

  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_SHORTCUT (l->data))
      {
        char *accelerator = NULL;

        g_object_get (l->data, "accelerator", &accelerator, NULL);
        g_assert_nonnull (accelerator);
        g_ptr_array_add (accelerators, accelerator);
      }
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));

  return accelerators;
}

static void
test_template_help_overlay (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GPtrArray) accelerators = load_help_overlay_accelerators ();
  D360Window *window = d360_window_new (ADW_APPLICATION (app), fixture->store,
                                        fixture->settings);
  g_autoptr(GHashTable) section_shortcuts = collect_window_shortcuts (GTK_WIDGET (window),
                                                                     "win.show-section",
                                                                     FALSE);
  g_autoptr(GHashTable) all_shortcuts = NULL;
  GHashTableIter iter;
  const char *trigger;

  /* Each section is made when first shown, with its own shortcuts. */
  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    d360_window_set_visible_section (window, section_names[i]);
  all_shortcuts = collect_window_shortcuts (GTK_WIDGET (window), NULL, TRUE);

  /* Every section shortcut the window has is listed… */
  g_assert_cmpuint (g_hash_table_size (section_shortcuts), ==, G_N_ELEMENTS (section_names));
  g_hash_table_iter_init (&iter, section_shortcuts);
  while (g_hash_table_iter_next (&iter, (gpointer *) &trigger, NULL))
    if (!g_ptr_array_find_with_equal_func (accelerators, trigger, g_str_equal, NULL))
      g_test_fail_printf ("The shortcut %s is missing from the help overlay", trigger);

  /* …and every listed shortcut exists: an app accelerator, or a key binding of
   * the window or of a widget inside it (F10 for the primary menu is one of
   * GTK's). */
  for (guint i = 0; i < accelerators->len; i++)
    {
      const char *accelerator = g_ptr_array_index (accelerators, i);

      if (!g_hash_table_contains (all_shortcuts, accelerator))
        g_test_fail_printf ("The help overlay lists %s, which does nothing", accelerator);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The help overlay promises that Ctrl+W closes the window. */
static void
test_close_shortcut (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GPtrArray) accelerators = load_help_overlay_accelerators ();
  D360Window *window = d360_window_new (ADW_APPLICATION (app), fixture->store,
                                        fixture->settings);
  g_autoptr(GHashTable) shortcuts = collect_window_shortcuts (GTK_WIDGET (window), NULL, FALSE);
  gboolean listed = g_ptr_array_find_with_equal_func (accelerators, "<Control>w", g_str_equal,
                                                      NULL);
  GtkShortcut *shortcut = g_hash_table_lookup (shortcuts, "<Control>w");
  GtkShortcutAction *action;

  g_assert_true (listed);
  g_assert_nonnull (shortcut);
  action = gtk_shortcut_get_action (shortcut);
  g_assert_true (GTK_IS_NAMED_ACTION (action));
  g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==,
                   "window.close");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every template in the resources, built with what it may need. */
static void
test_template_all (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  guint built = 0;

  names = g_resources_enumerate_children (RESOURCE_BASE "/ui/", 0, &error);
  g_assert_no_error (error);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (RESOURCE_BASE "/ui/", names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *class_name = NULL;
      g_autofree GParamSpec **pspecs = NULL;
      g_autoptr(GPtrArray) prop_names = g_ptr_array_new ();
      g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
      g_autoptr(D360City) city = d360_city_new ("Cluj-Napoca");
      const char *xml;
      const char *start;
      GObjectClass *klass;
      GObject *object;
      GType type;
      guint n_pspecs;

      if (!g_str_has_suffix (names[i], ".ui"))
        continue;

      bytes = g_resources_lookup_data (path, 0, &error);
      g_assert_no_error (error);
      xml = g_bytes_get_data (bytes, NULL);
      start = strstr (xml, "<template class=\"");
      if (start == NULL)
        {
          g_test_fail_printf ("%s has no template", path);
          continue;
        }
      start += strlen ("<template class=\"");
      class_name = g_strndup (start, strcspn (start, "\""));

      type = gtk_builder_get_type_from_name (builder, class_name);
      if (type == G_TYPE_INVALID)
        {
          g_test_fail_printf ("%s: no type %s in the app", path, class_name);
          continue;
        }

      g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
      klass = g_type_class_ref (type);
      pspecs = g_object_class_list_properties (klass, &n_pspecs);
      for (guint j = 0; j < n_pspecs; j++)
        {
          GValue value = G_VALUE_INIT;
          gpointer given = NULL;

          if (!(pspecs[j]->flags & G_PARAM_WRITABLE))
            continue;
          if (pspecs[j]->value_type == D360_TYPE_STORE)
            given = fixture->store;
          else if (pspecs[j]->value_type == G_TYPE_SETTINGS)
            given = fixture->settings;
          else if (g_type_is_a (G_TYPE_FROM_INSTANCE (app), pspecs[j]->value_type) &&
                   pspecs[j]->value_type != G_TYPE_OBJECT)
            given = app;
          else if (pspecs[j]->value_type == D360_TYPE_CITY)
            given = city;
          if (given == NULL)
            continue;

          g_value_init (&value, pspecs[j]->value_type);
          g_value_set_object (&value, given);
          g_array_append_val (values, value);
          g_ptr_array_add (prop_names, (gpointer) pspecs[j]->name);
        }
      g_type_class_unref (klass);

      g_test_message ("Building %s from %s", class_name, names[i]);
      object = g_object_new_with_properties (type, prop_names->len,
                                             (const char **) prop_names->pdata,
                                             (const GValue *) values->data);
      g_assert_true (GTK_IS_WIDGET (object));
      g_assert_nonnull (gtk_widget_get_first_child (GTK_WIDGET (object)));
      if (GTK_IS_WINDOW (object))
        gtk_window_destroy (GTK_WINDOW (object));
      else
        g_object_unref (g_object_ref_sink (object));
      built++;
    }

  /* The window, the preferences, the restore dialog and the five sections. */
  g_assert_cmpuint (built, >=, 8);
}

/* ----------------------------------- (b) the window opens and is drawn */

static gboolean
all_sections_made (gpointer data)
{
  AdwViewStack *stack = get_view_stack (data);

  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    {
      GtkWidget *slot = adw_view_stack_get_child_by_name (stack, section_names[i]);

      if (!D360_IS_SECTION (adw_bin_get_child (ADW_BIN (slot))))
        return FALSE;
    }
  return TRUE;
}

static void
test_window_opens (Fixture       *fixture,
                   gconstpointer  user_data)
{
  D360Window *window = d360_window_new (ADW_APPLICATION (app), fixture->store,
                                        fixture->settings);
  GdkFrameClock *frame_clock;
  guint painted = 0;
  guint colours;

  /* Realized first, so that no frame can be painted before we listen. */
  gtk_widget_realize (GTK_WIDGET (window));
  frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  g_assert_nonnull (frame_clock);
  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (count_cb), &painted);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (d360_test_wait_until (is_mapped, window, TIMEOUT_MS));
  g_assert_true (d360_test_wait_until (is_positive, &painted, TIMEOUT_MS));
  g_signal_handlers_disconnect_by_func (frame_clock, count_cb, &painted);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (gtk_application_get_active_window (GTK_APPLICATION (app)) ==
                 GTK_WINDOW (window));
  g_assert_cmpstr (d360_window_get_visible_section (window), ==, "portfolio");
  assert_section_shown (window, "portfolio");

  /* A painted window, not an empty rectangle. */
  colours = count_window_colours (GTK_WIDGET (window));
  g_test_message ("The window shows %u colours", colours);
  g_assert_cmpuint (colours, >, 50);

  /* The other sections are made after the first frame, while the window
   * waits for the user, so that the first visit to each is quick. */
  g_assert_true (d360_test_wait_until (all_sections_made, window, TIMEOUT_MS));
  g_assert_cmpstr (d360_window_get_visible_section (window), ==, "portfolio");

  close_window (window);
}

/* ---------------------------------------- (c) every section is reachable */

static void
test_sections_reachable (Fixture       *fixture,
                         gconstpointer  user_data)
{
  D360Window *window = open_window (fixture);

  /* Backwards, so that every step changes the section. */
  for (int i = G_N_ELEMENTS (section_names) - 1; i >= 0; i--)
    {
      d360_window_set_visible_section (window, section_names[i]);
      assert_section_shown (window, section_names[i]);
    }

  g_test_expect_message ("d360-window", G_LOG_LEVEL_WARNING, "No section named*");
  d360_window_set_visible_section (window, "nowhere");
  g_test_assert_expected_messages ();
  assert_section_shown (window, "portfolio");

  close_window (window);
}

static void
test_sections_by_action (Fixture       *fixture,
                         gconstpointer  user_data)
{
  D360Window *window = open_window (fixture);

  for (int i = G_N_ELEMENTS (section_names) - 1; i >= 0; i--)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section",
                                                 "s", section_names[i]));
      assert_section_shown (window, section_names[i]);
    }

  close_window (window);
}

/* The focus follows the section shown, whether the section was made
 * before (the view stack moves it) or is made as it is shown: a person
 * working in the portfolio who presses Alt+2 can use the contacts' keys at
 * once. The window is not waited for, so that the contacts are usually
 * made by the switch itself rather than after the first frame. */
static gboolean
focus_in_contacts (gpointer data)
{
  D360Window *window = data;
  AdwViewStack *stack = get_view_stack (window);
  GtkWidget *slot = adw_view_stack_get_child_by_name (stack, "contacts");
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && gtk_widget_is_ancestor (focus, slot);
}

static void
test_focus_follows_section (Fixture       *fixture,
                            gconstpointer  user_data)
{
  D360Window *window = d360_window_new (ADW_APPLICATION (app), fixture->store,
                                        fixture->settings);
  AdwViewStack *stack = get_view_stack (window);
  GtkWidget *portfolio = adw_view_stack_get_child_by_name (stack, "portfolio");
  GtkWidget *contacts = adw_view_stack_get_child_by_name (stack, "contacts");
  GtkWidget *focus;

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (d360_test_wait_until (is_mapped, window, TIMEOUT_MS));
  g_assert_true (gtk_widget_child_focus (portfolio, GTK_DIR_TAB_FORWARD));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus != NULL && gtk_widget_is_ancestor (focus, portfolio));
  g_test_message ("the contacts were %s before the switch",
                  adw_bin_get_child (ADW_BIN (contacts)) != NULL ? "made" : "not made");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s",
                                             "contacts"));
  g_assert_true (d360_test_wait_until (focus_in_contacts, window, TIMEOUT_MS));

  close_window (window);
}

/* Alt+1 … Alt+5: the window's key bindings, activated as GTK does on a key press. */
static void
test_sections_by_shortcut (Fixture       *fixture,
                           gconstpointer  user_data)
{
  D360Window *window = open_window (fixture);
  g_autoptr(GHashTable) shortcuts = collect_window_shortcuts (GTK_WIDGET (window),
                                                              "win.show-section", FALSE);

  d360_window_set_visible_section (window, "reports");
  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    {
      g_autofree char *trigger = g_strdup_printf ("<Alt>%u", i + 1);
      GtkShortcut *shortcut = g_hash_table_lookup (shortcuts, trigger);

      if (shortcut == NULL)
        {
          g_test_fail_printf ("No window shortcut %s", trigger);
          continue;
        }
      g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                   GTK_WIDGET (window),
                                                   gtk_shortcut_get_arguments (shortcut)));
      assert_section_shown (window, section_names[i]);
    }

  close_window (window);
}

/* ------------------------------------ (d) window state kept in GSettings */

static void
test_window_state (Fixture       *fixture,
                   gconstpointer  user_data)
{
  D360Window *window = open_window (fixture);
  g_autofree char *section = NULL;
  int width, height;
  Size resized;

  /* Resized as a window manager would, through the default size; the widget
   * itself is a little smaller (the frame drawn around a window without a
   * compositor). */
  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  g_assert_true (d360_test_wait_until (is_narrower, &(Size) { GTK_WIDGET (window), 801, 601 },
                             TIMEOUT_MS));
  resized = (Size) {
    NULL, gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_height (GTK_WIDGET (window))
  };
  g_assert_cmpint (resized.width, >, 700);
  g_assert_cmpint (resized.height, >, 500);
  d360_window_set_visible_section (window, "meetings");
  assert_section_shown (window, "meetings");
  close_window (window);

  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 600);
  g_assert_false (g_settings_get_boolean (fixture->settings, "window-maximized"));
  section = g_settings_get_string (fixture->settings, "last-section");
  g_assert_cmpstr (section, ==, "meetings");

  /* A new window comes back the same. */
  window = open_window (fixture);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 800);
  g_assert_cmpint (height, ==, 600);
  resized.widget = GTK_WIDGET (window);
  if (!d360_test_wait_until (has_size, &resized, TIMEOUT_MS))
    g_test_fail_printf ("The window is %d×%d, not %d×%d as before",
                        gtk_widget_get_width (GTK_WIDGET (window)),
                        gtk_widget_get_height (GTK_WIDGET (window)),
                        resized.width, resized.height);
  g_assert_false (gtk_window_is_maximized (GTK_WINDOW (window)));
  assert_section_shown (window, "meetings");
  close_window (window);

  /* Maximized: the flag is kept, the size from before is not overwritten. */
  g_settings_set_boolean (fixture->settings, "window-maximized", TRUE);
  window = d360_window_new (ADW_APPLICATION (app), fixture->store, fixture->settings);
  g_assert_true (gtk_window_is_maximized (GTK_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (d360_test_wait_until (is_mapped, window, TIMEOUT_MS));
  d360_window_set_visible_section (window, "reports");
  close_window (window);

  g_assert_true (g_settings_get_boolean (fixture->settings, "window-maximized"));
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-width"), ==, 800);
  g_assert_cmpint (g_settings_get_int (fixture->settings, "window-height"), ==, 600);
  g_clear_pointer (&section, g_free);
  section = g_settings_get_string (fixture->settings, "last-section");
  g_assert_cmpstr (section, ==, "reports");
}

/* ----------------------------------------------- (e) restore from backup */

static void
test_restore (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *folder = g_build_filename (fixture->dir, "backups", NULL);
  g_autofree char *with_cluj = NULL;
  g_autofree char *without = NULL;
  g_autofree char *message = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GPtrArray) backups = NULL;
  g_autoptr(GDateTime) started = NULL;
  D360RestoreDialog *dialog;
  D360Window *window;
  gint64 second;
  guint finished = 0;

  add_city (fixture, "Cluj-Napoca");
  with_cluj = make_backup (fixture, folder, 2 * G_TIME_SPAN_DAY);
  delete_city (fixture, "Cluj-Napoca");
  without = make_backup (fixture, folder, G_TIME_SPAN_HOUR);
  add_city (fixture, "Timișoara");
  names = dup_city_names (fixture);
  g_assert_cmpstr (names, ==, "Timișoara");
  window = open_window (fixture);

  /* Cancel restores nothing. */
  dialog = g_object_ref (d360_restore_dialog_new (GTK_WINDOW (window), fixture->store, folder));
  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &finished);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (d360_test_wait_until (is_mapped, dialog, TIMEOUT_MS));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_cmpuint (finished, ==, 0);
  g_clear_pointer (&names, g_free);
  names = dup_city_names (fixture);
  g_assert_cmpstr (names, ==, "Timișoara");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  /* The older backup, the second in the list, brings Cluj-Napoca back. */
  dialog = g_object_ref (d360_restore_dialog_new (GTK_WINDOW (window), fixture->store, folder));
  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &finished);
  g_signal_connect (dialog, "finished", G_CALLBACK (message_cb), &message);
  g_assert_cmpuint (d360_restore_dialog_get_n_backups (dialog), ==, 2);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (d360_test_wait_until (is_mapped, dialog, TIMEOUT_MS));
  g_assert_true (d360_restore_dialog_select (dialog, 1));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  g_assert_cmpuint (finished, ==, 1);
  /* Its safety copy is named by a second no later than this one. */
  started = g_date_time_new_now_local ();
  second = g_date_time_to_unix (started);
  g_assert_nonnull (message);
  g_test_message ("Restore: %s", message);
  g_assert_true (g_str_has_prefix (message, "Restored the backup of "));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  g_clear_pointer (&names, g_free);
  names = dup_city_names (fixture);
  g_assert_cmpstr (names, ==, "Cluj-Napoca");

  /* The data from before the restore became the newest backup… */
  backups = d360_backup_list (folder);
  g_assert_cmpuint (backups->len, ==, 3);
  g_assert_cmpstr (((D360BackupInfo *) g_ptr_array_index (backups, 1))->path, ==, without);
  g_assert_cmpstr (((D360BackupInfo *) g_ptr_array_index (backups, 2))->path, ==, with_cluj);

  /* …so the restore can be undone. Backups are named to the second; a second
   * restore in the same second would overwrite that safety copy. */
  g_assert_true (d360_test_wait_until (second_changed, &second, 2000));
  finished = 0;
  dialog = g_object_ref (d360_restore_dialog_new (GTK_WINDOW (window), fixture->store, folder));
  g_signal_connect (dialog, "finished", G_CALLBACK (finished_cb), &finished);
  g_assert_cmpuint (d360_restore_dialog_get_n_backups (dialog), ==, 3);
  g_assert_true (d360_restore_dialog_select (dialog, 0));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "restore");
  g_assert_cmpuint (finished, ==, 1);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);

  g_clear_pointer (&names, g_free);
  names = dup_city_names (fixture);
  g_assert_cmpstr (names, ==, "Timișoara");
  close_window (window);
}

/* ------------------------------------------------ (f) the translations */

static void
assert_section_titles (Fixture            *fixture,
                       const char * const *titles)
{
  D360Window *window = open_window (fixture);
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (get_view_stack (window));

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==,
                    G_N_ELEMENTS (section_names));
  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (G_LIST_MODEL (pages), i);

      g_assert_cmpstr (adw_view_stack_page_get_name (page), ==, section_names[i]);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==, titles[i]);
    }
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Diplomacy360");

  g_clear_object (&pages);
  close_window (window);
}

static void
test_titles_english (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const char * const titles[] = {
    "Portfolio", "Contacts", "Meetings", "Matches", "Reports",
  };

  assert_section_titles (fixture, titles);
}

static void
test_titles_romanian (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const char * const titles[] = {
    "Portofoliu", "Contacte", "Întâlniri", "Potriviri", "Rapoarte",
  };
  g_autoptr(D360RestoreDialog) dialog = NULL;

  assert_section_titles (fixture, titles);

  /* A string from C code too, not only from the templates. */
  dialog = g_object_ref_sink (d360_restore_dialog_new (NULL, fixture->store, fixture->dir));
  g_assert_cmpstr (adw_message_dialog_get_response_label (ADW_MESSAGE_DIALOG (dialog), "cancel"),
                   !=, "_Cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ main */

/* Picks the Romanian locale, or C.UTF-8 (where LANGUAGE still counts). */
static const char *
use_language (const char *language)
{
  static const char *candidates[] = { "ro_RO.UTF-8", "C.UTF-8" };

  g_setenv ("LANGUAGE", language, TRUE);
  if (!g_str_equal (language, "ro"))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (setlocale (LC_ALL, candidates[i]) != NULL)
      {
        g_setenv ("LC_ALL", candidates[i], TRUE);
        return candidates[i];
      }

  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *language = "en";
  const char *locale;
  int j = 1;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--language="))
        language = argv[i] + strlen ("--language=");
      else
        argv[j++] = argv[i];
    }
  argv[j] = NULL;
  argc = j;

  locale = use_language (language);
  d360_i18n_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_message ("LANGUAGE=%s, locale %s", language, setlocale (LC_ALL, NULL));
  if (g_str_equal (language, "ro") && locale == NULL)
    g_test_message ("Neither ro_RO.UTF-8 nor C.UTF-8 exists");

  if (!gtk_init_check ())
    {
      g_printerr ("No display: run the UI tests with tools/run-tests (Xvfb)\n");
      return 1;
    }
  adw_init ();

  app = d360_application_new ();
  /* A second test binary may run at the same time on the same session bus. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) |
                           G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("Could not register the application: %s", error->message);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  if (g_str_equal (language, "ro"))
    {
      ADD ("/ui/translation/romanian", test_titles_romanian);
    }
  else
    {
      ADD ("/ui/city/counties", test_city_counties);
      ADD ("/ui/template/window", test_template_window);
      ADD ("/ui/template/preferences", test_template_preferences);
      ADD ("/ui/template/restore-dialog", test_template_restore_dialog);
      ADD ("/ui/template/sections", test_template_sections);
      ADD ("/ui/template/help-overlay", test_template_help_overlay);
      ADD ("/ui/window/close-shortcut", test_close_shortcut);
      ADD ("/ui/template/all", test_template_all);
      ADD ("/ui/window/opens", test_window_opens);
      ADD ("/ui/window/sections", test_sections_reachable);
      ADD ("/ui/window/sections-by-action", test_sections_by_action);
      ADD ("/ui/window/sections-by-shortcut", test_sections_by_shortcut);
      ADD ("/ui/window/focus-follows-section", test_focus_follows_section);
      ADD ("/ui/window/state", test_window_state);
      ADD ("/ui/restore", test_restore);
      ADD ("/ui/translation/english", test_titles_english);
    }

#undef ADD

  return g_test_run ();
}

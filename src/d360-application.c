/* d360-application.c — the application: actions, settings, the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-application"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "contacts/d360-import-dialog.h"
#include "d360-application.h"
#include "d360-backup.h"
#include "d360-cli.h"
#include "d360-preferences-window.h"
#include "d360-resources.h"
#include "d360-restore-dialog.h"
#include "d360-window.h"

struct _D360Application
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  D360Store      *store;
  char           *database_path;   /* from --database, or NULL for the default */
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (D360Application, d360_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 'v', 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL, N_("Use the database at PATH"),
    N_("PATH") },
  { NULL }
};

static void open_database (D360Application *self,
                           const char      *path);

/* ---------------------------------------------------------------- helpers */

static D360Window *
get_main_window (D360Application *self)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  for (GList *l = windows; l != NULL; l = l->next)
    if (D360_IS_WINDOW (l->data))
      return l->data;

  return NULL;
}

static void
apply_color_scheme (D360Application *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT, ADW_COLOR_SCHEME_FORCE_LIGHT, ADW_COLOR_SCHEME_FORCE_DARK,
  };
  int value = g_settings_get_enum (self->settings, "color-scheme");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[CLAMP (value, 0, (int) G_N_ELEMENTS (schemes) - 1)]);
}

static void
daily_backup_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(D360Application) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  path = d360_backup_run_daily_finish (result, &error);
  if (error != NULL)
    {
      D360Window *window = get_main_window (self);

      g_warning ("Daily backup failed: %s", error->message);
      if (window != NULL)
        d360_window_show_toast (window, _("The daily backup failed; see Preferences"));
    }
  else if (path != NULL)
    g_debug ("Daily backup written to %s", path);
}

static void
start_daily_backup (D360Application *self)
{
  g_autofree char *folder = d360_application_dup_backup_folder (self);

  if (g_getenv ("D360_NO_BACKUP") != NULL)
    return;

  d360_backup_run_daily_async (d360_store_get_path (self->store), folder, self->cancellable,
                               daily_backup_cb, g_object_ref (self));
}

static gboolean
quit_after_first_frame_cb (GtkWidget     *widget,
                           GdkFrameClock *frame_clock,
                           gpointer       user_data)
{
  /* The first tick runs before frame 0 is drawn; the quit takes effect once
   * the main loop is back, after that frame has been painted. */
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
show_main_window (D360Application *self)
{
  D360Window *window;

  window = d360_window_new (ADW_APPLICATION (self), self->store, self->settings);

  /* For bench/startup: measure start-up up to the first painted frame. */
  if (g_getenv ("D360_EXIT_AFTER_FIRST_FRAME") != NULL)
    gtk_widget_add_tick_callback (GTK_WIDGET (window), quit_after_first_frame_cb, self, NULL);

  gtk_window_present (GTK_WINDOW (window));
  start_daily_backup (self);
}

/* ------------------------------------------------------- opening, failing */

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  D360Application *self = D360_APPLICATION (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        open_database (self, path);
    }

  g_application_release (G_APPLICATION (self));
  g_object_unref (chooser);
}

static void
choose_database (D360Application *self,
                 gboolean         create)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (create ? _("New Database") : _("Open Database"),
                                         NULL,
                                         create ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         create ? _("_Create") : _("_Open"),
                                         _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Diplomacy360 databases"));
  gtk_file_filter_add_suffix (filter, "db");
  gtk_file_filter_add_suffix (filter, "sqlite");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "diplomacy360.db");

  /* The dialog is the only thing on screen: keep the app alive meanwhile. */
  g_application_hold (G_APPLICATION (self));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_error_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        gpointer          user_data)
{
  D360Application *self = D360_APPLICATION (user_data);

  if (g_str_equal (response, "open"))
    choose_database (self, FALSE);
  else if (g_str_equal (response, "new"))
    choose_database (self, TRUE);
}

static void
show_open_error (D360Application *self,
                 const GError    *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("Could Not Open the Database"), error->message);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", error->message,
                                  _("The file was not changed. You can open another "
                                    "database or start a new one."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "quit", _("_Quit"),
                                    "open", _("_Open Another…"),
                                    "new", _("_Start a New Database…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "new",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "new");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  g_signal_connect (dialog, "response", G_CALLBACK (open_error_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_database (D360Application *self,
               const char      *path)
{
  g_autofree char *default_path = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    {
      g_autofree char *folder = NULL;

      /* Only the default location is created; a given path must exist. */
      path = default_path = d360_store_default_path ();
      folder = g_path_get_dirname (default_path);
      if (g_mkdir_with_parents (folder, 0700) != 0)
        g_warning ("Could not create %s: %s", folder, g_strerror (errno));
    }

  self->store = d360_store_open (path, &error);
  if (self->store == NULL)
    {
      show_open_error (self, error);
      return;
    }

  show_main_window (self);
}

/* --------------------------------------------------------------- actions */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  D360Application *self = D360_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing the windows saves their state; the app ends with the last one. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  D360Application *self = D360_APPLICATION (user_data);
  static const char *developers[] = { "Diplomacy360 Desktop contributors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-icon", APPLICATION_ID,
                        "application-name", _("Diplomacy360"),
                        "developer-name", _("Diplomacy360 Desktop contributors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("The office tool for a city’s international relations: "
                                      "its portfolio, contacts, meetings, matchmaking "
                                      "and reports."),
                        "website", "https://diplomacy360.com",
                        "issue-url", "https://diplomacy360.com/issues",
                        "copyright", "© 2026 Diplomacy360",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  D360Application *self = D360_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  D360PreferencesWindow *preferences;

  preferences = d360_preferences_window_new (self->settings, self->store);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
restore_finished_cb (D360RestoreDialog *dialog,
                     const char        *message,
                     gpointer           user_data)
{
  D360Window *window = get_main_window (D360_APPLICATION (user_data));

  if (window != NULL)
    d360_window_show_toast (window, message);
}

static void
restore_backup_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  D360Application *self = D360_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autofree char *folder = d360_application_dup_backup_folder (self);
  D360RestoreDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = d360_restore_dialog_new (parent, self->store, folder);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (restore_finished_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "preferences", preferences_activated },
  { "restore-backup", restore_backup_activated },
};

/* ---------------------------------------------------------- application */

/* When @argv names a subcommand after any global --database/-d options,
 * the argument vector for d360_cli_run(): the program, the command, the
 * global options (every command accepts --database), then the command's arguments.
 * NULL when @argv holds no command. */
static char **
command_line_for_cli (char **argv)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  guint i = 1, command;

  while (argv[i] != NULL)
    {
      if (g_str_equal (argv[i], "--database") || g_str_equal (argv[i], "-d"))
        i += argv[i + 1] != NULL ? 2 : 1;
      else if (g_str_has_prefix (argv[i], "--database=") ||
               (g_str_has_prefix (argv[i], "-d") && argv[i][2] != '\0' && argv[i][2] != '-'))
        i++;
      else
        break;
    }
  if (argv[i] == NULL || !d360_cli_is_command (argv[i]))
    return NULL;

  command = i;
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, argv[0]);
  g_strv_builder_add (builder, argv[command]);
  for (i = 1; i < command; i++)
    g_strv_builder_add (builder, argv[i]);
  for (i = command + 1; argv[i] != NULL; i++)
    g_strv_builder_add (builder, argv[i]);
  return g_strv_builder_end (builder);
}

static gboolean
d360_application_local_command_line (GApplication   *application,
                                     char         ***arguments,
                                     int            *exit_status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *commands = NULL;
  g_auto(GStrv) copy = NULL;
  char **argv = *arguments;

  /* Subcommands run here, in this process, without a display; the global
   * --database may come before the command or after it. */
  if (argv[0] != NULL)
    {
      g_auto(GStrv) command_argv = command_line_for_cli (argv);

      if (command_argv != NULL)
        {
          *exit_status = d360_cli_run ((int) g_strv_length (command_argv), command_argv);
          return TRUE;
        }
    }

  /* Check the options before GApplication does, so that a wrong command line
   * gets the usage text and status 2 rather than a bare error. The same
   * entries, with somewhere to store their values. */
  GOptionEntry entries[G_N_ELEMENTS (option_entries)];
  gboolean version = FALSE;
  g_autofree char *database = NULL;

  memcpy (entries, option_entries, sizeof entries);
  entries[0].arg_data = &version;
  entries[1].arg_data = &database;

  commands = d360_cli_describe_commands ();
  context = g_option_context_new (_("[FILE]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context, commands);

  /* Besides the options, one file of contacts to import (as "Open With"
   * gives it): anything else that is not a file is a mistyped command. */
  copy = g_strdupv (argv);
  if (!g_option_context_parse_strv (context, &copy, &error) ||
      (copy[1] != NULL && !g_file_test (copy[1], G_FILE_TEST_IS_REGULAR)) ||
      g_strv_length (copy) > 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      if (error != NULL)
        g_printerr ("%s\n\n", error->message);
      else if (g_strv_length (copy) > 2)
        g_printerr (_("Only one file of contacts can be imported at a time.\n\n"));
      else if (strchr (copy[1], G_DIR_SEPARATOR) != NULL || strchr (copy[1], '.') != NULL)
        g_printerr (_("“%s” is not a file\n\n"), copy[1]);
      else
        g_printerr (_("Unknown command “%s”\n\n"), copy[1]);
      g_printerr ("%s", help);
      *exit_status = D360_EXIT_USAGE;
      return TRUE;
    }

  return G_APPLICATION_CLASS (d360_application_parent_class)->local_command_line (application,
                                                                                   arguments,
                                                                                   exit_status);
}

static int
d360_application_handle_local_options (GApplication *application,
                                       GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("diplomacy360 %s\n", PACKAGE_VERSION);
      return D360_EXIT_OK;
    }

  return -1;
}

/* The import preview of @file over the Contacts section, unless a window
 * that must be finished first (an import, a merge, the preferences) is
 * open: that one comes to the front instead, and a toast says why. */
static void
open_contacts_file (D360Application         *self,
                    GApplicationCommandLine *command_line,
                    GFile                   *file)
{
  D360Window *window = get_main_window (self);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *display = g_filename_display_name (name);
  GListModel *toplevels;

  if (window == NULL)
    {
      g_application_command_line_printerr (command_line,
                                           _("“%s” was not imported: no database is open.\n"),
                                           display);
      return;
    }

  /* Every toplevel: dialogs are not all the application's windows. */
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i);

      if (other != GTK_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (other)) &&
          gtk_window_get_modal (other))
        {
          /* The toast's title is markup. */
          g_autofree char *escaped = g_markup_escape_text (display, -1);
          g_autofree char *text = g_strdup_printf (_("“%s” was not opened: finish with the open "
                                                     "window first"), escaped);

          d360_window_show_toast (window, text);
          gtk_window_present (other);
          return;
        }
    }

  d360_window_set_visible_section (window, "contacts");
  gtk_window_present (GTK_WINDOW (d360_import_dialog_new (GTK_WINDOW (window),
                                                          d360_window_get_store (window),
                                                          file)));
}

static int
d360_application_command_line (GApplication            *application,
                               GApplicationCommandLine *command_line)
{
  D360Application *self = D360_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *database = NULL;
  g_autofree char *absolute = NULL;

  if (g_variant_dict_lookup (options, "database", "^ay", &database))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                                database);
      absolute = g_file_get_path (file);
    }

  if (self->store != NULL && absolute != NULL &&
      g_strcmp0 (absolute, d360_store_get_path (self->store)) != 0)
    {
      g_application_command_line_printerr (command_line,
                                           _("Diplomacy360 is already running with the "
                                             "database “%s”.\n"),
                                           d360_store_get_path (self->store));
      return D360_EXIT_FAILURE;
    }

  g_free (self->database_path);
  self->database_path = g_steal_pointer (&absolute);
  g_application_activate (application);

  /* A file of contacts ("Open With", or `diplomacy360 FILE`): its import
   * preview, over the Contacts section. */
  {
    g_auto(GStrv) arguments = g_application_command_line_get_arguments (command_line, NULL);

    if (arguments[0] != NULL && arguments[1] != NULL)
      {
        g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                                arguments[1]);

        open_contacts_file (self, command_line, file);
      }
  }
  return D360_EXIT_OK;
}

static void
d360_application_activate (GApplication *application)
{
  D360Application *self = D360_APPLICATION (application);
  D360Window *window = get_main_window (self);

  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }

  if (self->store != NULL)
    show_main_window (self);
  else
    open_database (self, self->database_path);
}

static void
d360_application_startup (GApplication *application)
{
  D360Application *self = D360_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.search", { "<Control>f", NULL } },
  };

  G_APPLICATION_CLASS (d360_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (apply_color_scheme), self, G_CONNECT_SWAPPED);
  apply_color_scheme (self);
}

static void
d360_application_shutdown (GApplication *application)
{
  D360Application *self = D360_APPLICATION (application);

  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  g_cancellable_cancel (self->cancellable);

  /* The windows hold the store: destroying them (which also saves pending
   * edits) lets the store close, so no -wal file is left behind even when
   * the app quits without closing them. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_clear_object (&self->store);

  G_APPLICATION_CLASS (d360_application_parent_class)->shutdown (application);
}

static void
d360_application_dispose (GObject *object)
{
  D360Application *self = (D360Application *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->database_path, g_free);

  G_OBJECT_CLASS (d360_application_parent_class)->dispose (object);
}

static void
d360_application_class_init (D360ApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = d360_application_dispose;

  app_class->local_command_line = d360_application_local_command_line;
  app_class->handle_local_options = d360_application_handle_local_options;
  app_class->command_line = d360_application_command_line;
  app_class->activate = d360_application_activate;
  app_class->startup = d360_application_startup;
  app_class->shutdown = d360_application_shutdown;
}

static void
d360_application_init (D360Application *self)
{
  g_autofree char *commands = d360_cli_describe_commands ();

  self->cancellable = g_cancellable_new ();

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE]"));
  g_application_set_option_context_description (G_APPLICATION (self), commands);

  /* Referencing the bundle keeps it (and its registration) in the link. */
  (void) d360_get_resource ();
}

/* ----------------------------------------------------------------- public */

D360Application *
d360_application_new (void)
{
  return g_object_new (D360_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * d360_application_get_store:
 *
 * Returns: (transfer none) (nullable): the open store
 */
D360Store *
d360_application_get_store (D360Application *self)
{
  g_return_val_if_fail (D360_IS_APPLICATION (self), NULL);

  return self->store;
}

GSettings *
d360_application_get_settings (D360Application *self)
{
  g_return_val_if_fail (D360_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * d360_application_dup_backup_folder:
 *
 * Returns: (transfer full): the folder set in Preferences, or the default
 */
char *
d360_application_dup_backup_folder (D360Application *self)
{
  g_autofree char *folder = NULL;

  g_return_val_if_fail (D360_IS_APPLICATION (self), NULL);

  folder = g_settings_get_string (self->settings, "backup-folder");
  if (folder == NULL || *folder == '\0')
    return d360_backup_default_folder ();

  return g_steal_pointer (&folder);
}

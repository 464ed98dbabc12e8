/* d360-cli.c — subcommands that run without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `diplomacy360 COMMAND [OPTIONS]` runs COMMAND in this process, with GLib
 * and the store only: no display, no D-Bus name. Errors go to stderr with
 * exit status 1; a wrong command line prints its usage with status 2.
 * Later capabilities add their commands (import, export, report) to the
 * table below.
 */

#define G_LOG_DOMAIN "d360-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "d360-backup.h"
#include "d360-cli.h"
#include "d360-store.h"

typedef struct
{
  const char *database;   /* --database, or NULL for the default */
  GPtrArray  *arguments;  /* what is left after the options */
} CliContext;

typedef struct
{
  const char    *name;
  const char    *parameter_string;
  const char    *summary;
  GOptionEntry  *(*get_entries) (void);
  int          (*run) (CliContext *context);
} CliCommand;

/* ------------------------------------------------------------------ backup */

static char *backup_output;

static GOptionEntry *
backup_entries (void)
{
  static GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &backup_output,
      N_("Write the backup to FILE instead of the backup folder"), N_("FILE") },
    { NULL }
  };

  return entries;
}

static int
backup_run (CliContext *context)
{
  g_autofree char *default_path = d360_store_default_path ();
  const char *path = context->database != NULL ? context->database : default_path;
  g_autoptr(D360Store) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;

  if (context->arguments->len > 0)
    {
      g_printerr (_("backup takes no arguments\n"));
      return D360_EXIT_USAGE;
    }

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_printerr (_("There is no database at “%s”.\n"), display);
      return D360_EXIT_FAILURE;
    }

  store = d360_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return D360_EXIT_FAILURE;
    }

  if (backup_output != NULL)
    {
      if (d360_store_backup_to_file (store, backup_output, &error))
        written = g_strdup (backup_output);
    }
  else
    {
      g_autofree char *folder = d360_backup_default_folder ();
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      written = d360_backup_create (path, folder, now, &error);
      if (written != NULL)
        d360_backup_rotate (folder, D360_BACKUP_KEEP);
    }

  if (written == NULL)
    {
      g_printerr ("%s\n", error->message);
      return D360_EXIT_FAILURE;
    }

  g_print ("%s\n", written);
  return D360_EXIT_OK;
}

/* ------------------------------------------------------------------- table */

static const CliCommand commands[] = {
  { "backup", "", N_("Write a backup copy of the database"), backup_entries, backup_run },
};

static const CliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].name, name) == 0)
      return &commands[i];

  return NULL;
}

/**
 * d360_cli_is_command:
 * @name: the first argument of the command line
 *
 * Returns: whether @name is a subcommand
 */
gboolean
d360_cli_is_command (const char *name)
{
  return name != NULL && find_command (name) != NULL;
}

/**
 * d360_cli_describe_commands:
 *
 * Returns: (transfer full): the list of commands, for `--help`
 */
char *
d360_cli_describe_commands (void)
{
  GString *text = g_string_new (_("Commands (run without a display):"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "\n  %-10s %s", commands[i].name, _(commands[i].summary));
  g_string_append_printf (text, "\n\n%s",
                          _("Run “diplomacy360 COMMAND --help” for the options of a command."));

  return g_string_free (text, FALSE);
}

/**
 * d360_cli_run:
 * @argv: the whole command line; argv[1] is the command
 *
 * Returns: the exit status
 */
int
d360_cli_run (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) option_context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter_string = NULL;
  g_autofree char *database = NULL;
  g_autoptr(GPtrArray) arguments = g_ptr_array_new ();
  g_auto(GStrv) args = NULL;
  const CliCommand *command;
  CliContext context;
  GOptionEntry common[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &database,
      N_("Use the database at PATH"), N_("PATH") },
    { NULL }
  };

  g_return_val_if_fail (argc >= 2, D360_EXIT_USAGE);

  command = find_command (argv[1]);
  g_return_val_if_fail (command != NULL, D360_EXIT_USAGE);

  parameter_string = g_strdup_printf ("%s %s", command->name, command->parameter_string);
  option_context = g_option_context_new (parameter_string);
  g_option_context_set_summary (option_context, _(command->summary));
  g_option_context_set_translation_domain (option_context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (option_context, common, GETTEXT_PACKAGE);
  if (command->get_entries != NULL)
    g_option_context_add_main_entries (option_context, command->get_entries (), GETTEXT_PACKAGE);

  /* Parse a copy without the command name: GOption sees the options only. */
  args = g_new0 (char *, argc);
  args[0] = g_strdup (argv[0]);
  for (int i = 2; i < argc; i++)
    args[i - 1] = g_strdup (argv[i]);

  if (!g_option_context_parse_strv (option_context, &args, &error))
    {
      g_autofree char *help = g_option_context_get_help (option_context, TRUE, NULL);

      g_printerr ("%s\n\n%s", error->message, help);
      return D360_EXIT_USAGE;
    }

  for (guint i = 1; args[i] != NULL; i++)
    g_ptr_array_add (arguments, args[i]);

  context.database = database;
  context.arguments = arguments;
  return command->run (&context);
}

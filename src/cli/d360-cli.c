/* d360-cli.c — subcommands that run without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `diplomacy360 COMMAND [OPTIONS]` runs COMMAND in this process, with GLib
 * and the store only: no display, no D-Bus name. Errors go to stderr with
 * exit status 1; a wrong command line prints its usage with status 2.
 * Later capabilities add their commands (report) to the table below.
 */

#define G_LOG_DOMAIN "d360-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "d360-backup.h"
#include "d360-cli.h"
#include "d360-contact-io.h"
#include "d360-store.h"

typedef struct
{
  const char     *database;        /* --database, or NULL for the default */
  GPtrArray      *arguments;       /* what is left after the options */
  GOptionContext *option_context;  /* for the usage text */
} CliContext;

typedef struct
{
  const char    *name;
  const char    *parameter_string;
  const char    *summary;
  GOptionEntry  *(*get_entries) (void);
  int          (*run) (CliContext *context);
} CliCommand;

/* ----------------------------------------------------------------- helpers */

/* A wrong command line: the reason, then the usage. */
static int
usage_error (CliContext *context,
             const char *reason)
{
  g_autofree char *help = g_option_context_get_help (context->option_context, TRUE, NULL);

  g_printerr ("%s\n\n%s", reason, help);
  return D360_EXIT_USAGE;
}

/* `import contacts`, `export contacts`: what comes after the command. */
static const char *
get_kind (CliContext *context)
{
  return context->arguments->len > 0 ? context->arguments->pdata[0] : NULL;
}

static D360Store *
open_existing_store (CliContext  *context,
                     GError     **error)
{
  g_autofree char *default_path = d360_store_default_path ();
  const char *path = context->database != NULL ? context->database : default_path;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, D360_STORE_ERROR, D360_STORE_ERROR_NOT_FOUND,
                   _("There is no database at “%s”."), display);
      return NULL;
    }

  return d360_store_open (path, error);
}

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

/* ------------------------------------------------------------------ import */

static gboolean import_dry_run;
static char *import_duplicates;

static GOptionEntry *
import_entries (void)
{
  static GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &import_dry_run,
      N_("Only count what the import would do; write nothing"), NULL },
    { "duplicates", 0, 0, G_OPTION_ARG_STRING, &import_duplicates,
      N_("What to do with a likely duplicate of a stored contact: skip it (the default), "
         "merge it into the stored one, or import it as a new contact"),
      N_("skip|merge|import") },
    { NULL }
  };

  return entries;
}

static gboolean
parse_import_policy (const char       *text,
                     D360ImportPolicy *policy)
{
  if (text == NULL || g_strcmp0 (text, "skip") == 0)
    *policy = D360_IMPORT_SKIP;
  else if (g_strcmp0 (text, "merge") == 0)
    *policy = D360_IMPORT_MERGE;
  else if (g_strcmp0 (text, "import") == 0)
    *policy = D360_IMPORT_ANYWAY;
  else
    return FALSE;
  return TRUE;
}

static void
print_problems (const char      *path,
                D360ContactFile *file)
{
  g_autofree char *display = g_filename_display_name (path);

  for (guint i = 0; i < file->problems->len; i++)
    {
      const D360ParseProblem *problem = g_ptr_array_index (file->problems, i);

      /* the reason says whether the card or only a value was left out */
      g_printerr ("%s:%u: %s\n", display, problem->line, problem->reason);
    }
}

/* A dry run never creates the database: it counts against an empty one in
 * a temporary folder when there is none yet. */
static D360Store *
open_import_store (CliContext  *context,
                   gboolean     dry_run,
                   char       **temporary_folder,
                   GError     **error)
{
  g_autofree char *default_path = d360_store_default_path ();
  const char *path = context->database != NULL ? context->database : default_path;
  g_autofree char *scratch = NULL;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return d360_store_open (path, error);

  if (dry_run)
    {
      *temporary_folder = g_dir_make_tmp ("diplomacy360-dry-run-XXXXXX", error);
      if (*temporary_folder == NULL)
        return NULL;
      scratch = g_build_filename (*temporary_folder, "preview.db", NULL);
      return d360_store_open (scratch, error);
    }

  /* The app makes its own data folder; so does an import into the default
   * database. A folder given with --database must exist. */
  if (context->database == NULL)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      g_mkdir_with_parents (folder, 0700);
    }
  return d360_store_open (path, error);
}

static void
remove_temporary_folder (const char *folder)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (folder == NULL)
    return;

  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_remove (path);
    }
  g_rmdir (folder);
}

static void
print_import_counts (const D360ImportCounts *counts,
                     D360ImportPolicy        policy,
                     gboolean                dry_run)
{
  const char *duplicates_fate;

  switch (policy)
    {
    case D360_IMPORT_MERGE:
      duplicates_fate = dry_run ? _("would be merged") : _("merged");
      break;
    case D360_IMPORT_ANYWAY:
      duplicates_fate = dry_run ? _("would be imported as new") : _("imported as new");
      break;
    case D360_IMPORT_SKIP:
    default:
      duplicates_fate = dry_run ? _("would be skipped") : _("skipped");
      break;
    }

  if (dry_run)
    g_print ("%s\n", _("Preview only (--dry-run): nothing was written."));
  g_print (_("New contacts: %u\n"), counts->n_new);
  g_print (_("Likely duplicates: %u (%s)\n"), counts->n_duplicates, duplicates_fate);
  g_print (_("Unchanged (already stored): %u\n"), counts->n_unchanged);
  g_print (_("Rejected: %u\n"), counts->n_rejected);
}

static int
import_run (CliContext *context)
{
  g_autoptr(D360Store) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *temporary_folder = NULL;
  D360ImportCounts counts = { 0, };
  D360ImportPolicy policy;
  guint n_rejected = 0;
  gboolean imported;

  if (get_kind (context) == NULL)
    return usage_error (context, _("Say what to import: “contacts”."));
  if (g_strcmp0 (get_kind (context), "contacts") != 0)
    {
      g_autofree char *reason = g_strdup_printf (_("Cannot import “%s”; only “contacts”."),
                                                 get_kind (context));

      return usage_error (context, reason);
    }
  if (context->arguments->len < 2)
    return usage_error (context, _("Name at least one vCard or CSV file to import."));
  if (!parse_import_policy (import_duplicates, &policy))
    {
      g_autofree char *reason = g_strdup_printf (_("“%s” is not one of skip, merge or import."),
                                                 import_duplicates);

      return usage_error (context, reason);
    }

  /* Every file is read before anything is written: one bad file, no import. */
  for (guint i = 1; i < context->arguments->len; i++)
    {
      const char *path = context->arguments->pdata[i];
      g_autoptr(D360ContactFile) file = d360_contact_file_read (path, NULL, &error);

      if (file == NULL)
        {
          g_autofree char *display = g_filename_display_name (path);

          g_printerr ("%s: %s\n", display, error->message);
          return D360_EXIT_FAILURE;
        }

      print_problems (path, file);
      n_rejected += file->n_rejected;
      g_ptr_array_extend_and_steal (contacts, g_steal_pointer (&file->contacts));
    }

  store = open_import_store (context, import_dry_run, &temporary_folder, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      remove_temporary_folder (temporary_folder);
      return D360_EXIT_FAILURE;
    }

  imported = d360_store_import_contacts (store, contacts, policy, import_dry_run, &counts,
                                         NULL, NULL, NULL, &error);
  g_clear_object (&store);
  remove_temporary_folder (temporary_folder);
  if (!imported)
    {
      g_printerr ("%s\n", error->message);
      return D360_EXIT_FAILURE;
    }

  counts.n_rejected = n_rejected;
  print_import_counts (&counts, policy, import_dry_run);
  return D360_EXIT_OK;
}

/* ------------------------------------------------------------------ export */

static char *export_format;
static char *export_vcard_version;
static char *export_separator;
static char *export_query;
static char *export_output;

static GOptionEntry *
export_entries (void)
{
  static GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &export_format,
      N_("vcf (vCard) or csv; by default told by the name of the output file"), N_("vcf|csv") },
    { "vcard-version", 0, 0, G_OPTION_ARG_STRING, &export_vcard_version,
      N_("The vCard version: 4.0 (the default) or 3.0 for older programs"), N_("4.0|3.0") },
    { "separator", 0, 0, G_OPTION_ARG_STRING, &export_separator,
      N_("The CSV separator: “;”, “,” or “tab”; by default the one of your language "
         "settings"), N_("CHAR") },
    { "query", 'q', 0, G_OPTION_ARG_STRING, &export_query,
      N_("Only the contacts these words find, as the search box does"), N_("TEXT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &export_output,
      N_("Write the contacts to FILE (required)"), N_("FILE") },
    { NULL }
  };

  return entries;
}

static gboolean
parse_export_format (const char        *text,
                     const char        *output,
                     D360ContactFormat *format)
{
  if (text == NULL)
    {
      if (g_str_has_suffix (output, ".vcf") || g_str_has_suffix (output, ".VCF") ||
          g_str_has_suffix (output, ".vcard"))
        *format = D360_CONTACT_FORMAT_VCARD;
      else if (g_str_has_suffix (output, ".csv") || g_str_has_suffix (output, ".CSV"))
        *format = D360_CONTACT_FORMAT_CSV;
      else
        return FALSE;
    }
  else if (g_ascii_strcasecmp (text, "vcf") == 0 || g_ascii_strcasecmp (text, "vcard") == 0)
    *format = D360_CONTACT_FORMAT_VCARD;
  else if (g_ascii_strcasecmp (text, "csv") == 0)
    *format = D360_CONTACT_FORMAT_CSV;
  else
    return FALSE;
  return TRUE;
}

static gboolean
parse_separator (const char *text,
                 char       *separator)
{
  if (text == NULL)
    *separator = '\0';
  else if (strcmp (text, ";") == 0 || strcmp (text, ",") == 0)
    *separator = text[0];
  else if (strcmp (text, "tab") == 0 || strcmp (text, "\t") == 0)
    *separator = '\t';
  else
    return FALSE;
  return TRUE;
}

static int
export_run (CliContext *context)
{
  g_autoptr(D360Store) store = NULL;
  g_autoptr(GError) error = NULL;
  D360ContactQuery query;
  D360ContactFormat format;
  D360VCardVersion version = D360_VCARD_VERSION_4_0;
  char separator;
  guint n_written = 0;

  if (get_kind (context) == NULL)
    return usage_error (context, _("Say what to export: “contacts”."));
  if (g_strcmp0 (get_kind (context), "contacts") != 0)
    {
      g_autofree char *reason = g_strdup_printf (_("Cannot export “%s”; only “contacts”."),
                                                 get_kind (context));

      return usage_error (context, reason);
    }
  if (context->arguments->len > 1)
    return usage_error (context, _("export contacts takes no file arguments; use -o FILE."));
  if (export_output == NULL)
    return usage_error (context, _("Say where to write the contacts with -o FILE."));
  if (!parse_export_format (export_format, export_output, &format))
    return usage_error (context, _("Say the format with --format vcf or --format csv."));
  if (export_vcard_version != NULL && strcmp (export_vcard_version, "3.0") == 0)
    version = D360_VCARD_VERSION_3_0;
  else if (export_vcard_version != NULL && strcmp (export_vcard_version, "4.0") != 0)
    return usage_error (context, _("The vCard version is 3.0 or 4.0."));
  if (!parse_separator (export_separator, &separator))
    return usage_error (context, _("The separator is “;”, “,” or “tab”."));

  store = open_existing_store (context, &error);
  if (store == NULL)
    {
      g_printerr ("%s\n", error->message);
      return D360_EXIT_FAILURE;
    }

  d360_contact_query_init (&query);
  query.search = export_query;
  if (!d360_contact_io_export_to_file (store, export_query != NULL ? &query : NULL,
                                       export_output, format, version, separator,
                                       &n_written, &error))
    {
      g_autofree char *display = g_filename_display_name (export_output);

      g_printerr ("%s: %s\n", display, error->message);
      return D360_EXIT_FAILURE;
    }

  {
    g_autofree char *display = g_filename_display_name (export_output);

    g_print (g_dngettext (GETTEXT_PACKAGE, "Wrote %u contact to “%s”.\n",
                          "Wrote %u contacts to “%s”.\n", n_written),
             n_written, display);
  }
  return D360_EXIT_OK;
}

/* ------------------------------------------------------------------- table */

static const CliCommand commands[] = {
  { "backup", "", N_("Write a backup copy of the database"), backup_entries, backup_run },
  /* TRANSLATORS: "contacts" is a word of the command line: do not translate it */
  { "import", N_("contacts FILE…"), N_("Import contacts from vCard or CSV files"),
    import_entries, import_run },
  { "export", N_("contacts -o FILE"), N_("Export contacts to a vCard or CSV file"),
    export_entries, export_run },
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

  parameter_string = g_strdup_printf ("%s %s", command->name,
                                      *command->parameter_string != '\0'
                                      ? _(command->parameter_string) : "");
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
  context.option_context = option_context;
  return command->run (&context);
}

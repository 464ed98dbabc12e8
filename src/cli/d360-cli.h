/* d360-cli.h — subcommands that run without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of the command line. */
enum
{
  D360_EXIT_OK = 0,
  D360_EXIT_FAILURE = 1,
  D360_EXIT_USAGE = 2,
};

gboolean  d360_cli_is_command        (const char  *name);
int       d360_cli_run               (int          argc,
                                      char       **argv);
char     *d360_cli_describe_commands (void);

G_END_DECLS

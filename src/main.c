/* main.c — Diplomacy360 Desktop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "d360-application.h"
#include "d360-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(D360Application) app = NULL;

  d360_i18n_init ();

  app = d360_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}

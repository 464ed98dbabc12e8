/* d360-i18n.c — gettext set-up shared by the app, the command line and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "d360-i18n.h"

/**
 * d360_i18n_init:
 *
 * Sets the locale from the environment and binds our text domain. An
 * uninstalled build (`meson devenv`, the tests) points `D360_LOCALEDIR` at the
 * catalogues it compiled.
 */
void
d360_i18n_init (void)
{
  const char *localedir = g_getenv ("D360_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}

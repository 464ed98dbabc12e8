/* d360-compat.c — the one place where GTK / libadwaita versions differ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rest of the code is pinned to the floor (GTK 4.8, libadwaita 1.2) by
 * the version macros. This file alone may use a newer API when the headers
 * have it, so it lifts the upper pin before including GTK.
 */

#include "config.h"

#undef GDK_VERSION_MAX_ALLOWED

#include "d360-compat.h"

/**
 * d360_compat_launch_uri:
 * @parent: (nullable): the window the request comes from
 * @uri: a URI such as `https://…` or `mailto:…`
 *
 * Opens @uri with the user's default handler (through the portal when
 * sandboxed).
 */
void
d360_compat_launch_uri (GtkWindow  *parent,
                        const char *uri)
{
  g_return_if_fail (uri != NULL);

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, parent, NULL, NULL, NULL);
  }
#else
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
#endif
}

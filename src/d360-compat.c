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

/* libadwaita 1.2 frees a toast's bookkeeping when the toast is dismissed
 * while it is still sliding in (its 300 ms show animation), and the
 * animation's end then writes into the freed memory: a crash, for instance
 * when Undo is pressed the moment its toast appears. Later versions
 * disconnect the animation first. Here, a toast shown less than
 * TOAST_SETTLE_MS ago is dismissed once it has settled. */
#define TOAST_SETTLE_MS 400
#define TOAST_SHOWN_AT  "d360-compat-shown-at"

/**
 * d360_compat_add_toast:
 * @overlay: where the toast shows
 * @toast: (transfer full): the toast
 *
 * adw_toast_overlay_add_toast(), remembering when, for
 * d360_compat_dismiss_toast().
 */
void
d360_compat_add_toast (AdwToastOverlay *overlay,
                       AdwToast        *toast)
{
  gint64 now = g_get_monotonic_time ();

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_object_set_data_full (G_OBJECT (toast), TOAST_SHOWN_AT, g_memdup2 (&now, sizeof now),
                          g_free);
  adw_toast_overlay_add_toast (overlay, toast);
}

static gboolean
dismiss_later_cb (gpointer data)
{
  adw_toast_dismiss (ADW_TOAST (data));
  return G_SOURCE_REMOVE;
}

/**
 * d360_compat_dismiss_toast:
 * @toast: a toast added with d360_compat_add_toast()
 *
 * Dismisses @toast now or, when it is still appearing, as soon as it has
 * appeared.
 */
void
d360_compat_dismiss_toast (AdwToast *toast)
{
  const gint64 *shown_at;
  gint64 elapsed_ms;

  g_return_if_fail (ADW_IS_TOAST (toast));

  shown_at = g_object_get_data (G_OBJECT (toast), TOAST_SHOWN_AT);
  elapsed_ms = shown_at != NULL ? (g_get_monotonic_time () - *shown_at) / 1000 : G_MAXINT;
  if (elapsed_ms >= TOAST_SETTLE_MS)
    {
      adw_toast_dismiss (toast);
      return;
    }

  g_timeout_add_full (G_PRIORITY_DEFAULT, (guint) (TOAST_SETTLE_MS - elapsed_ms),
                      dismiss_later_cb, g_object_ref (toast), g_object_unref);
}

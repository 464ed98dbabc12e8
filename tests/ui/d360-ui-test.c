/* d360-ui-test.c — what the UI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "d360-ui-test.h"

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/**
 * d360_test_wait_until:
 * @condition: checked after every main loop iteration
 * @timeout_ms: how long to wait at most
 *
 * Runs the main loop until @condition holds, waking at least every 10 ms.
 *
 * Returns: whether @condition held in time
 */
gboolean
d360_test_wait_until (D360TestCondition condition,
                      gpointer          data,
                      guint             timeout_ms)
{
  gint64 end = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint wake = g_timeout_add (10, wake_cb, NULL);
  gboolean ok;

  while (!(ok = condition (data)) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake);
  return ok;
}

static gboolean
never (gpointer data)
{
  return FALSE;
}

/* Runs the main loop for @ms milliseconds. */
void
d360_test_run_for (guint ms)
{
  d360_test_wait_until (never, NULL, ms);
}

/* Deletes @path and, for a folder, everything in it (symbolic links are not
 * followed). */
void
d360_test_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          d360_test_remove_tree (child);
        }
    }
  g_remove (path);
}

/**
 * d360_test_save_window_png:
 * @window: a shown window
 * @path: the PNG file to write
 *
 * Lets @window settle, then draws it as the user sees it into @path.
 * Between two frames (a transition, say) a window has nothing to draw: the
 * next frames are waited for, a second at most.
 *
 * Returns: %FALSE when the window drew nothing
 */
gboolean
d360_test_save_window_png (GtkWidget  *window,
                           const char *path)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  d360_test_run_for (500);
  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  for (guint attempt = 0; node == NULL && attempt < 20; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (attempt > 0)
        d360_test_run_for (50);
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
    }
  if (node == NULL)
    return FALSE;

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  return TRUE;
}

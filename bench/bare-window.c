/* bare-window.c — the floor for bench/startup
 *
 * The least a libadwaita app can do before its first frame: an
 * AdwApplication (single-instance, registered on the session bus, like
 * diplomacy360), one AdwApplicationWindow of the same default size with a
 * header bar and a status page. It quits after its first painted frame the
 * same way diplomacy360 does with D360_EXIT_AFTER_FIRST_FRAME set: a tick
 * callback added to the window before it is presented, quitting in the
 * first tick (the tick before the second frame, so the first one has been
 * painted).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

static gboolean
quit_after_first_frame_cb (GtkWidget     *widget,
                           GdkFrameClock *frame_clock,
                           gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *application,
             gpointer      user_data)
{
  GtkWidget *window;
  GtkWidget *box;
  GtkWidget *status;

  window = adw_application_window_new (GTK_APPLICATION (application));
  gtk_window_set_title (GTK_WINDOW (window), "Bare Window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());

  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "mark-location-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), "Bare Window");
  adw_status_page_set_description (ADW_STATUS_PAGE (status),
                                   "The floor for the start-up benchmark.");
  gtk_widget_set_vexpand (status, TRUE);
  gtk_box_append (GTK_BOX (box), status);

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  gtk_widget_add_tick_callback (window, quit_after_first_frame_cb, application, NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  /* Same flags as diplomacy360 minus HANDLES_COMMAND_LINE: a unique
   * instance that owns its name on the session bus. */
  app = adw_application_new ("com.diplomacy360.Bare", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}

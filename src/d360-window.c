/* d360-window.c — the main window and its sections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-window"

#include "config.h"

#include <glib/gi18n.h>

#include "contacts/d360-contacts-page.h"
#include "d360-section.h"
#include "d360-window.h"
#include "matches/d360-matches-page.h"
#include "meetings/d360-meetings-page.h"
#include "portfolio/d360-portfolio-page.h"
#include "reports/d360-reports-page.h"

struct _D360Window
{
  AdwApplicationWindow  parent_instance;

  D360Store            *store;
  GSettings            *settings;

  AdwToastOverlay      *toast_overlay;
  AdwViewStack         *view_stack;
  GtkWidget            *search_button;
  guint                 build_id;   /* build_next_section(), after the first frame */
};

G_DEFINE_FINAL_TYPE (D360Window, d360_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const sections[] = {
  "portfolio", "contacts", "meetings", "matches", "reports",
};

/* ---------------------------------------------------------------- helpers */

static GType
section_type (guint i)
{
  switch (i)
    {
    case 0: return D360_TYPE_PORTFOLIO_PAGE;
    case 1: return D360_TYPE_CONTACTS_PAGE;
    case 2: return D360_TYPE_MEETINGS_PAGE;
    case 3: return D360_TYPE_MATCHES_PAGE;
    default: return D360_TYPE_REPORTS_PAGE;
    }
}

/* Each page of the view stack is a slot (an AdwBin) that gets its section
 * when first shown: the window opens with one section, not all five with
 * their lists and editors, which made up most of its start-up. This makes
 * the section of @slot, unless it is there already (or the window has no
 * store yet: it gets it after its template). */
static D360Section *
ensure_section (D360Window *self,
                AdwBin     *slot)
{
  GtkWidget *section = adw_bin_get_child (slot);
  const char *name;

  if (section != NULL || self->store == NULL)
    return section != NULL ? D360_SECTION (section) : NULL;

  name = adw_view_stack_page_get_name (adw_view_stack_get_page (self->view_stack,
                                                                GTK_WIDGET (slot)));
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    if (g_strcmp0 (name, sections[i]) == 0)
      section = g_object_new (section_type (i), NULL);
  g_return_val_if_fail (section != NULL, NULL);

  d360_section_set_store (D360_SECTION (section), self->store);
  adw_bin_set_child (slot, section);
  return D360_SECTION (section);
}

/* Once the window is on screen, the other sections are made one at a
 * time when the main loop has nothing else to do, so that the first visit
 * to each shows it at once. */
static gboolean
build_next_section (gpointer user_data)
{
  D360Window *self = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWidget *slot = adw_view_stack_get_child_by_name (self->view_stack, sections[i]);

      if (ADW_IS_BIN (slot) && adw_bin_get_child (ADW_BIN (slot)) == NULL)
        {
          ensure_section (self, ADW_BIN (slot));
          return G_SOURCE_CONTINUE;
        }
    }

  self->build_id = 0;
  return G_SOURCE_REMOVE;
}

static void
window_mapped_cb (D360Window *self)
{
  if (self->build_id == 0 && self->store != NULL)
    self->build_id = g_idle_add_full (G_PRIORITY_LOW, build_next_section, self, NULL);
}

static D360Section *
get_visible_section (D360Window *self)
{
  GtkWidget *slot = adw_view_stack_get_visible_child (self->view_stack);

  return ADW_IS_BIN (slot) ? ensure_section (self, ADW_BIN (slot)) : NULL;
}

static void
save_window_state (D360Window *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_apply (self->settings);
}

static void
restore_window_state (D360Window *self)
{
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "last-section", self->view_stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT);
}

/* Ctrl+F and the search button work where the visible section can search. */
static void
visible_section_changed_cb (D360Window *self)
{
  GtkWidget *slot = adw_view_stack_get_visible_child (self->view_stack);
  gboolean made_now = ADW_IS_BIN (slot) && adw_bin_get_child (ADW_BIN (slot)) == NULL;
  D360Section *section = get_visible_section (self);
  gboolean has_search = section != NULL && d360_section_has_search (section);

  if (made_now && section != NULL)
    d360_section_focus_page_made (GTK_WIDGET (self->view_stack), GTK_WIDGET (section));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_search);
  gtk_widget_set_visible (self->search_button, has_search);
}

/* ---------------------------------------------------------------- actions */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  D360Window *self = D360_WINDOW (widget);
  D360Section *section = get_visible_section (self);

  if (section == NULL || !d360_section_start_search (section))
    gtk_widget_error_bell (widget);
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  d360_window_set_visible_section (D360_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* --------------------------------------------------------------- overrides */

static gboolean
d360_window_close_request (GtkWindow *window)
{
  save_window_state (D360_WINDOW (window));

  return GTK_WINDOW_CLASS (d360_window_parent_class)->close_request (window);
}

static void
d360_window_constructed (GObject *object)
{
  D360Window *self = (D360Window *) object;

  G_OBJECT_CLASS (d360_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    restore_window_state (self);
  visible_section_changed_cb (self);
}

static void
d360_window_dispose (GObject *object)
{
  D360Window *self = (D360Window *) object;

  g_clear_handle_id (&self->build_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), D360_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (d360_window_parent_class)->dispose (object);
}

static void
d360_window_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  D360Window *self = D360_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_window_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  D360Window *self = D360_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_window_class_init (D360WindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = d360_window_constructed;
  object_class->dispose = d360_window_dispose;
  object_class->get_property = d360_window_get_property;
  object_class->set_property = d360_window_set_property;
  window_class->close_request = d360_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, D360_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/diplomacy360/Desktop/ui/d360-window.ui");
  gtk_widget_class_bind_template_child (widget_class, D360Window, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, D360Window, view_stack);
  gtk_widget_class_bind_template_child (widget_class, D360Window, search_button);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-section", "s", sections[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
d360_window_init (D360Window *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (visible_section_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (window_mapped_cb), NULL);
  visible_section_changed_cb (self);
}

/* ----------------------------------------------------------------- public */

/**
 * d360_window_new:
 * @store: the open database
 * @settings: (nullable): where the window keeps its size and last section
 */
D360Window *
d360_window_new (AdwApplication *application,
                 D360Store      *store,
                 GSettings      *settings)
{
  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (D360_IS_STORE (store), NULL);

  return g_object_new (D360_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "settings", settings,
                       NULL);
}

D360Store *
d360_window_get_store (D360Window *self)
{
  g_return_val_if_fail (D360_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * d360_window_get_visible_section:
 *
 * Returns: the name of the visible section: "portfolio", "contacts", …
 */
const char *
d360_window_get_visible_section (D360Window *self)
{
  g_return_val_if_fail (D360_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->view_stack);
}

void
d360_window_set_visible_section (D360Window *self,
                                 const char *section)
{
  g_return_if_fail (D360_IS_WINDOW (self));
  g_return_if_fail (section != NULL);

  if (adw_view_stack_get_child_by_name (self->view_stack, section) == NULL)
    {
      g_warning ("No section named “%s”", section);
      return;
    }

  adw_view_stack_set_visible_child_name (self->view_stack, section);
}

void
d360_window_show_toast (D360Window *self,
                        const char *title)
{
  g_return_if_fail (D360_IS_WINDOW (self));
  g_return_if_fail (title != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
}

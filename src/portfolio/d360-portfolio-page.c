/* d360-portfolio-page.c — the Portfolio section: the city's profile, its
 * projects and its partnerships
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-portfolio-page"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-city-editor.h"
#include "d360-partnership-editor.h"
#include "d360-project-editor.h"
#include "d360-partnerships-view.h"
#include "d360-portfolio-page.h"
#include "d360-projects-view.h"
#include "d360-store-city.h"
#include "d360-store-portfolio.h"

struct _D360PortfolioPage
{
  D360Section           parent_instance;

  GListModel           *cities;
  gint64                city_id;      /* the city shown, 0 for none */
  gboolean              selecting;

  GtkStack             *main_stack;
  GtkDropDown          *city_dropdown;
  GtkStack             *content_stack;
  AdwBin               *profile_slot;
  AdwBin               *projects_slot;
  AdwBin               *partnerships_slot;
  D360CityEditor       *city_editor;        /* NULL until a city is shown */
  D360ProjectsView     *projects_view;      /* NULL until first shown */
  D360PartnershipsView *partnerships_view;  /* NULL until first shown */
};

G_DEFINE_FINAL_TYPE (D360PortfolioPage, d360_portfolio_page, D360_TYPE_SECTION)

/* ---------------------------------------------------------------- helpers */

static void
show_toast (D360PortfolioPage *self,
            const char        *title)
{
  /* The overlay is the bin's own child: not bound, since disposing the
   * template would unparent it twice on GTK 4.8. */
  AdwToastOverlay *overlay = ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));

  adw_toast_overlay_add_toast (overlay, adw_toast_new (title));
}

static void
show_error (D360PortfolioPage *self,
            const GError      *error)
{
  show_toast (self, error->message);
}

static void
update_actions (D360PortfolioPage *self)
{
  D360Store *store = d360_section_get_store (D360_SECTION (self));
  gboolean has_sample = store != NULL && d360_store_find_sample_city (store) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "portfolio.delete-city", self->city_id > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "portfolio.remove-sample", has_sample);
}

/* The profile is made for the first city shown, the lists of projects and
 * of partnerships, with their editors, when first shown: a page that opens
 * on the profile does not build, style and measure the lists, one that
 * opens on no city not even the profile. */
static D360CityEditor *
ensure_city_editor (D360PortfolioPage *self)
{
  D360Store *store = d360_section_get_store (D360_SECTION (self));

  if (self->city_editor == NULL)
    {
      self->city_editor = g_object_new (D360_TYPE_CITY_EDITOR, NULL);
      if (store != NULL)
        d360_city_editor_set_store (self->city_editor, store);
      adw_bin_set_child (self->profile_slot, GTK_WIDGET (self->city_editor));
    }

  return self->city_editor;
}

/* Saves what the profile holds, if it was ever made. */
static void
flush_city_editor (D360PortfolioPage *self)
{
  if (self->city_editor != NULL)
    d360_city_editor_flush (self->city_editor);
}

static D360ProjectsView *
ensure_projects_view (D360PortfolioPage *self)
{
  D360Store *store = d360_section_get_store (D360_SECTION (self));

  if (self->projects_view == NULL)
    {
      self->projects_view = g_object_new (D360_TYPE_PROJECTS_VIEW, NULL);
      if (store != NULL)
        d360_projects_view_set_store (self->projects_view, store);
      d360_projects_view_set_city (self->projects_view, MAX (self->city_id, 0));
      adw_bin_set_child (self->projects_slot, GTK_WIDGET (self->projects_view));
    }

  return self->projects_view;
}

static D360PartnershipsView *
ensure_partnerships_view (D360PortfolioPage *self)
{
  D360Store *store = d360_section_get_store (D360_SECTION (self));

  if (self->partnerships_view == NULL)
    {
      self->partnerships_view = g_object_new (D360_TYPE_PARTNERSHIPS_VIEW, NULL);
      if (store != NULL)
        d360_partnerships_view_set_store (self->partnerships_view, store);
      d360_partnerships_view_set_city (self->partnerships_view, MAX (self->city_id, 0));
      adw_bin_set_child (self->partnerships_slot, GTK_WIDGET (self->partnerships_view));
    }

  return self->partnerships_view;
}

static void
visible_content_changed_cb (D360PortfolioPage *self)
{
  const char *visible = gtk_stack_get_visible_child_name (self->content_stack);
  GtkWidget *view = NULL;

  if (g_strcmp0 (visible, "projects") == 0 && self->projects_view == NULL)
    view = GTK_WIDGET (ensure_projects_view (self));
  else if (g_strcmp0 (visible, "partnerships") == 0 && self->partnerships_view == NULL)
    view = GTK_WIDGET (ensure_partnerships_view (self));

  if (view != NULL)
    d360_section_focus_page_made (GTK_WIDGET (self->content_stack), view);
}

/* Shows @city_id in the editor and the lists; 0 shows the empty state. */
static void
show_city (D360PortfolioPage *self,
           gint64             city_id)
{
  if (city_id == self->city_id)
    return;

  self->city_id = city_id;
  if (city_id > 0 || self->city_editor != NULL)
    d360_city_editor_set_city (ensure_city_editor (self), city_id);
  if (self->projects_view != NULL)
    d360_projects_view_set_city (self->projects_view, city_id);
  if (self->partnerships_view != NULL)
    d360_partnerships_view_set_city (self->partnerships_view, city_id);
  gtk_stack_set_visible_child_name (self->main_stack, city_id > 0 ? "city" : "empty");
  update_actions (self);
}

static guint
find_city_position (D360PortfolioPage *self,
                    gint64             city_id)
{
  guint n = g_list_model_get_n_items (self->cities);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(D360City) city = g_list_model_get_item (self->cities, i);

      if (city != NULL && d360_city_get_id (city) == city_id)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Selects @city_id in the switcher (the first city when it is gone). */
static void
select_city (D360PortfolioPage *self,
             gint64             city_id)
{
  guint position = find_city_position (self, city_id);
  g_autoptr(D360City) city = NULL;

  if (position == GTK_INVALID_LIST_POSITION && g_list_model_get_n_items (self->cities) > 0)
    position = 0;

  self->selecting = TRUE;
  gtk_drop_down_set_selected (self->city_dropdown, position);
  self->selecting = FALSE;

  if (position != GTK_INVALID_LIST_POSITION)
    city = g_list_model_get_item (self->cities, position);
  show_city (self, city != NULL ? d360_city_get_id (city) : 0);
}

static void
city_selected_cb (D360PortfolioPage *self)
{
  g_autoptr(D360City) city = NULL;

  if (self->selecting)
    return;

  city = gtk_drop_down_get_selected_item (self->city_dropdown) != NULL
           ? g_object_ref (gtk_drop_down_get_selected_item (self->city_dropdown))
           : NULL;
  show_city (self, city != NULL ? d360_city_get_id (city) : 0);
}

/* The list of cities was refreshed (a rename, a new city, a restore): keep
 * the same city selected without reloading the editor under the user. */
static void
cities_changed_cb (D360PortfolioPage *self)
{
  select_city (self, self->city_id);
}

/* ---------------------------------------------------------------- actions */

static void
new_city_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  D360PortfolioPage *self = D360_PORTFOLIO_PAGE (widget);
  D360Store *store = d360_section_get_store (D360_SECTION (self));
  g_autoptr(D360City) city = d360_city_new (_("New City"));
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return;

  flush_city_editor (self);
  if (!d360_store_save_city (store, city, &error))
    {
      show_error (self, error);
      return;
    }

  select_city (self, d360_city_get_id (city));
  gtk_stack_set_visible_child_name (self->content_stack, "profile");
  d360_city_editor_focus_name (ensure_city_editor (self));
}

static void
delete_response_cb (AdwMessageDialog  *dialog,
                    const char        *response,
                    D360PortfolioPage *self)
{
  D360Store *store = d360_section_get_store (D360_SECTION (self));
  gint64 city_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "city-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || store == NULL)
    return;

  if (!d360_store_delete_city (store, city_id, &error))
    show_error (self, error);
  else
    show_toast (self, _("City deleted"));
}

static void
delete_city_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  D360PortfolioPage *self = D360_PORTFOLIO_PAGE (widget);
  D360Store *store = d360_section_get_store (D360_SECTION (self));
  g_autoptr(D360City) city = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *projects = NULL;
  g_autofree char *partnerships = NULL;
  guint n_projects = 0, n_partnerships = 0;
  GtkWidget *dialog;

  if (store == NULL || self->city_id == 0)
    return;

  flush_city_editor (self);
  city = d360_store_get_city (store, self->city_id, &error);
  if (city == NULL || !d360_store_count_city_contents (store, self->city_id, &n_projects,
                                                       &n_partnerships, &error))
    {
      show_error (self, error);
      return;
    }

  heading = g_strdup_printf (_("Delete “%s”?"), d360_city_get_name (city));
  projects = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u project", "%u projects",
                                           n_projects), n_projects);
  partnerships = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u partnership",
                                               "%u partnerships", n_partnerships),
                                  n_partnerships);
  /* Translators: the first %s is "N projects", the second "N partnerships" */
  body = g_strdup_printf (_("The city’s profile, its %s and its %s are deleted with it. "
                            "This cannot be undone, except by restoring a backup."),
                          projects, partnerships);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "city-id", GSIZE_TO_POINTER (self->city_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
load_sample_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  D360PortfolioPage *self = D360_PORTFOLIO_PAGE (widget);
  D360Store *store = d360_section_get_store (D360_SECTION (self));
  g_autoptr(GError) error = NULL;
  gint64 city_id;

  if (store == NULL)
    return;

  city_id = d360_store_load_sample_portfolio (store, &error);
  if (city_id <= 0)
    {
      show_error (self, error);
      return;
    }

  select_city (self, city_id);
  update_actions (self);
  show_toast (self, _("Sample portfolio loaded"));
}

static void
remove_sample_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  D360PortfolioPage *self = D360_PORTFOLIO_PAGE (widget);
  D360Store *store = d360_section_get_store (D360_SECTION (self));
  g_autoptr(GError) error = NULL;

  if (store == NULL)
    return;

  flush_city_editor (self);
  if (!d360_store_remove_sample_portfolio (store, &error))
    show_error (self, error);
  else
    show_toast (self, _("Sample portfolio removed"));
  update_actions (self);
}

/* --------------------------------------------------------------- section */

static void
d360_portfolio_page_store_set (D360Section *section,
                               D360Store   *store)
{
  D360PortfolioPage *self = D360_PORTFOLIO_PAGE (section);

  if (self->city_editor != NULL)
    d360_city_editor_set_store (self->city_editor, store);
  if (self->projects_view != NULL)
    d360_projects_view_set_store (self->projects_view, store);
  if (self->partnerships_view != NULL)
    d360_partnerships_view_set_store (self->partnerships_view, store);

  if (self->cities != NULL)
    g_signal_handlers_disconnect_by_data (self->cities, self);
  g_clear_object (&self->cities);
  self->cities = d360_store_list_cities (store);
  g_signal_connect_object (self->cities, "items-changed", G_CALLBACK (cities_changed_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  self->selecting = TRUE;
  gtk_drop_down_set_model (self->city_dropdown, self->cities);
  self->selecting = FALSE;

  self->city_id = -1;
  select_city (self, 0);
}

static gboolean
d360_portfolio_page_start_search (D360Section *section)
{
  D360PortfolioPage *self = D360_PORTFOLIO_PAGE (section);
  const char *visible = gtk_stack_get_visible_child_name (self->content_stack);

  if (self->city_id <= 0)
    return FALSE;

  /* From the profile, Ctrl+F searches the projects. */
  if (g_strcmp0 (visible, "partnerships") == 0)
    return d360_partnerships_view_start_search (ensure_partnerships_view (self));

  gtk_stack_set_visible_child_name (self->content_stack, "projects");
  return d360_projects_view_start_search (ensure_projects_view (self));
}

/* --------------------------------------------------------------- GObject */

static void
d360_portfolio_page_dispose (GObject *object)
{
  D360PortfolioPage *self = (D360PortfolioPage *) object;

  if (self->cities != NULL)
    g_signal_handlers_disconnect_by_data (self->cities, self);
  gtk_widget_dispose_template (GTK_WIDGET (object), D360_TYPE_PORTFOLIO_PAGE);
  self->city_editor = NULL;          /* went with their slots */
  self->projects_view = NULL;
  self->partnerships_view = NULL;
  g_clear_object (&self->cities);

  G_OBJECT_CLASS (d360_portfolio_page_parent_class)->dispose (object);
}

static void
d360_portfolio_page_class_init (D360PortfolioPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  D360SectionClass *section_class = D360_SECTION_CLASS (klass);

  object_class->dispose = d360_portfolio_page_dispose;
  section_class->store_set = d360_portfolio_page_store_set;
  section_class->start_search = d360_portfolio_page_start_search;

  g_type_ensure (D360_TYPE_CITY);
  g_type_ensure (D360_TYPE_CITY_EDITOR);
  g_type_ensure (D360_TYPE_PROJECTS_VIEW);
  g_type_ensure (D360_TYPE_PARTNERSHIPS_VIEW);
  /* Known by name before the lists that hold them are first made. */
  g_type_ensure (D360_TYPE_PROJECT_EDITOR);
  g_type_ensure (D360_TYPE_PARTNERSHIP_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/diplomacy360/Desktop/ui/"
                                               "d360-portfolio-page.ui");
  gtk_widget_class_bind_template_child (widget_class, D360PortfolioPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, D360PortfolioPage, city_dropdown);
  gtk_widget_class_bind_template_child (widget_class, D360PortfolioPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, D360PortfolioPage, profile_slot);
  gtk_widget_class_bind_template_child (widget_class, D360PortfolioPage, projects_slot);
  gtk_widget_class_bind_template_child (widget_class, D360PortfolioPage, partnerships_slot);

  gtk_widget_class_install_action (widget_class, "portfolio.new-city", NULL, new_city_action);
  gtk_widget_class_install_action (widget_class, "portfolio.delete-city", NULL,
                                   delete_city_action);
  gtk_widget_class_install_action (widget_class, "portfolio.load-sample", NULL,
                                   load_sample_action);
  gtk_widget_class_install_action (widget_class, "portfolio.remove-sample", NULL,
                                   remove_sample_action);
}

static void
d360_portfolio_page_init (D360PortfolioPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->city_dropdown, "notify::selected",
                           G_CALLBACK (city_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->content_stack, "notify::visible-child",
                           G_CALLBACK (visible_content_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

/* d360-organizations-view.c — the organisations: list, search and the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Like the projects view: the store's paged model, refreshed as a whole on
 * every write, with the edited organisation selected again by its id.
 */

#define G_LOG_DOMAIN "d360-organizations-view"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-organization-editor.h"
#include "d360-organizations-view.h"
#include "d360-store-contacts.h"

#define MAX_RESELECT_SCAN 2000

struct _D360OrganizationsView
{
  AdwBin                  parent_instance;

  D360Store              *store;
  GListModel             *organizations;
  char                   *search;
  gint64                  selected_id;
  guint                   show_idle_id;

  AdwToastOverlay        *toast_overlay;
  AdwLeaflet             *leaflet;
  GtkSearchEntry         *search_entry;
  GtkLabel               *count_label;
  GtkStack               *list_stack;
  GtkListView            *list_view;
  GtkSingleSelection     *selection;
  GtkStack               *content_stack;
  D360OrganizationEditor *editor;
};

G_DEFINE_FINAL_TYPE (D360OrganizationsView, d360_organizations_view, ADW_TYPE_BIN)

enum {
  OPEN_PERSON,
  ADD_PERSON,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- helpers */

/* The editor is large: while another page shows, it is hidden, which also
 * keeps it out of the accessibility tree. */
static void
show_content (D360OrganizationsView *self,
              const char            *name)
{
  gboolean editor = g_str_equal (name, "editor");

  if (editor)
    gtk_widget_set_visible (GTK_WIDGET (self->editor), TRUE);
  gtk_stack_set_visible_child_name (self->content_stack, name);
  if (!editor)
    gtk_widget_set_visible (GTK_WIDGET (self->editor), FALSE);
}

static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
show_text (D360OrganizationsView *self,
           const char            *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
update_actions (D360OrganizationsView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "organizations.new", self->store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "organizations.delete",
                                 d360_organization_editor_get_organization_id (self->editor) > 0);
}

static void
update_list_state (D360OrganizationsView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  g_autofree char *count = NULL;

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->list_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->list_stack,
                                      self->search != NULL ? "no-results" : "empty");

  if (self->store != NULL)
    count = g_strdup_printf (ngettext ("%u organisation", "%u organisations", n_items),
                             n_items);
  gtk_label_set_text (self->count_label, count != NULL ? count : "");
  update_actions (self);
}

static void
refresh_list (D360OrganizationsView *self)
{
  if (self->store == NULL)
    {
      gtk_single_selection_set_model (self->selection, NULL);
      g_clear_object (&self->organizations);
    }
  else if (self->organizations == NULL)
    {
      self->organizations = d360_store_list_organizations (self->store, self->search);
      gtk_single_selection_set_model (self->selection, self->organizations);
    }
  else
    d360_store_organization_list_set_search (self->organizations, self->search);

  update_list_state (self);
}

static void
select_edited (D360OrganizationsView *self)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n_items = g_list_model_get_n_items (model);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; self->selected_id > 0 && i < MIN (n_items, MAX_RESELECT_SCAN); i++)
    {
      g_autoptr(D360Organization) organization = g_list_model_get_item (model, i);

      if (organization != NULL && d360_organization_get_id (organization) == self->selected_id)
        {
          position = i;
          break;
        }
    }

  gtk_single_selection_set_selected (self->selection, position);
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                position);
}

static void
hide_organization (D360OrganizationsView *self)
{
  g_clear_handle_id (&self->show_idle_id, g_source_remove);
  self->selected_id = 0;
  d360_organization_editor_clear (self->editor);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  show_content (self, "empty");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  update_actions (self);
}

static void
reveal_editor (D360OrganizationsView *self)
{
  select_edited (self);
  show_content (self, "editor");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  update_actions (self);
}

static gboolean
show_organization (D360OrganizationsView *self,
                   gint64                 id)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->show_idle_id, g_source_remove);
  self->selected_id = id;
  if (id != d360_organization_editor_get_organization_id (self->editor) &&
      !d360_organization_editor_load (self->editor, id, &error))
    {
      show_text (self, error->message);
      hide_organization (self);
      return FALSE;
    }

  reveal_editor (self);
  return TRUE;
}

static gboolean
show_selected_cb (gpointer data)
{
  D360OrganizationsView *self = data;

  self->show_idle_id = 0;
  if (self->selected_id > 0)
    show_organization (self, self->selected_id);
  return G_SOURCE_REMOVE;
}

static void
show_later (D360OrganizationsView *self,
            gint64                 id)
{
  self->selected_id = id;
  if (self->show_idle_id == 0)
    self->show_idle_id = g_idle_add (show_selected_cb, self);
}

/* --------------------------------------------------------------- actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  d360_organizations_view_new_organization (D360_ORGANIZATIONS_VIEW (widget));
}

static void
delete_response_cb (AdwMessageDialog      *dialog,
                    const char            *response,
                    D360OrganizationsView *self)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog),
                                                           "organization-id"));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "delete") || self->store == NULL)
    return;

  if (d360_organization_editor_get_organization_id (self->editor) == id)
    hide_organization (self);
  if (!d360_store_delete_organization (self->store, id, &error))
    {
      show_text (self, error->message);
      return;
    }
  show_text (self, _("Organisation deleted"));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  D360OrganizationsView *self = D360_ORGANIZATIONS_VIEW (widget);
  D360Organization *organization;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint n_people;
  GtkWidget *dialog;

  d360_organization_editor_flush (self->editor);
  organization = d360_organization_editor_get_organization (self->editor);
  if (organization == NULL || d360_organization_get_id (organization) <= 0)
    return;

  n_people = d360_organization_get_n_people (organization);
  heading = g_strdup_printf (_("Delete “%s”?"), d360_organization_get_name (organization));
  if (n_people > 0)
    body = g_strdup_printf (ngettext ("Its %u person keeps their data, without an organisation.",
                                      "Its %u people keep their data, without an organisation.",
                                      n_people), n_people);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   body != NULL ? body
                                                : _("The people of the organisation keep "
                                                    "their data, without an organisation."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "organization-id",
                     GSIZE_TO_POINTER ((gsize) d360_organization_get_id (organization)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  if (!d360_organizations_view_start_search (D360_ORGANIZATIONS_VIEW (widget)))
    gtk_widget_error_bell (widget);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  D360OrganizationsView *self = D360_ORGANIZATIONS_VIEW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static gboolean
delete_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  D360OrganizationsView *self = D360_ORGANIZATIONS_VIEW (widget);

  if (!contains_focus (GTK_WIDGET (self->list_view)) ||
      d360_organization_editor_get_organization_id (self->editor) <= 0)
    return FALSE;

  return gtk_widget_activate_action (widget, "organizations.delete", NULL);
}

/* --------------------------------------------------------------- callbacks */

static char *
organization_subtitle_cb (GtkListItem      *item,
                          D360Organization *organization)
{
  const char *kind;
  const char *city;

  if (organization == NULL)
    return g_strdup ("");

  kind = d360_org_kind_get_label (d360_organization_get_kind (organization));
  city = d360_organization_get_city (organization);
  if (city == NULL)
    return g_strdup (kind);
  /* Translators: an organisation in the list: its kind · its city */
  return g_strdup_printf (_("%s · %s"), kind, city);
}

static char *
organization_people_cb (GtkListItem      *item,
                        D360Organization *organization)
{
  guint n = organization != NULL ? d360_organization_get_n_people (organization) : 0;

  if (n == 0)
    return g_strdup ("");
  return g_strdup_printf (ngettext ("%u person", "%u people", n), n);
}

static void
search_changed_cb (D360OrganizationsView *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (
                                        GTK_EDITABLE (self->search_entry))));

  g_free (self->search);
  self->search = *text != '\0' ? g_steal_pointer (&text) : NULL;
  refresh_list (self);
}

static void
search_activate_cb (D360OrganizationsView *self)
{
  g_autoptr(D360Organization) organization =
    g_list_model_get_item (G_LIST_MODEL (self->selection), 0);

  if (organization == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  if (show_organization (self, d360_organization_get_id (organization)))
    d360_organization_editor_focus_name (self->editor);
}

static void
search_stop_cb (D360OrganizationsView *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
selected_item_changed_cb (D360OrganizationsView *self)
{
  D360Organization *organization = gtk_single_selection_get_selected_item (self->selection);

  if (organization == NULL || d360_organization_get_id (organization) == self->selected_id)
    return;

  show_later (self, d360_organization_get_id (organization));
}

static void
selection_items_changed_cb (D360OrganizationsView *self)
{
  update_list_state (self);
  if (self->selected_id > 0)
    select_edited (self);
}

static void
list_activate_cb (D360OrganizationsView *self,
                  guint                  position)
{
  g_autoptr(D360Organization) organization =
    g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (organization != NULL)
    show_later (self, d360_organization_get_id (organization));
}

static void
editor_organization_changed_cb (D360OrganizationsView *self)
{
  gint64 id = d360_organization_editor_get_organization_id (self->editor);

  if (id > 0 && id != self->selected_id)
    {
      self->selected_id = id;
      select_edited (self);
    }
  update_actions (self);
}

static void
open_person_cb (D360OrganizationsView *self,
                gint64                 id)
{
  g_signal_emit (self, signals[OPEN_PERSON], 0, id);
}

static void
add_person_cb (D360OrganizationsView *self,
               gint64                 id)
{
  g_signal_emit (self, signals[ADD_PERSON], 0, id);
}

/* --------------------------------------------------------------- overrides */

static void
d360_organizations_view_dispose (GObject *object)
{
  D360OrganizationsView *self = (D360OrganizationsView *) object;

  g_clear_handle_id (&self->show_idle_id, g_source_remove);
  if (self->editor != NULL)
    d360_organization_editor_flush (self->editor);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), D360_TYPE_ORGANIZATIONS_VIEW);
  g_clear_object (&self->organizations);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (d360_organizations_view_parent_class)->dispose (object);
}

static void
d360_organizations_view_finalize (GObject *object)
{
  D360OrganizationsView *self = (D360OrganizationsView *) object;

  g_free (self->search);

  G_OBJECT_CLASS (d360_organizations_view_parent_class)->finalize (object);
}

static void
d360_organizations_view_class_init (D360OrganizationsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_organizations_view_dispose;
  object_class->finalize = d360_organizations_view_finalize;

  signals[OPEN_PERSON] = g_signal_new ("open-person", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                       G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[ADD_PERSON] = g_signal_new ("add-person", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (D360_TYPE_ORGANIZATION);
  g_type_ensure (D360_TYPE_ORGANIZATION_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/d360-organizations-view.ui");
  gtk_widget_class_bind_template_child (widget_class, D360OrganizationsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, D360OrganizationsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, D360OrganizationsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, D360OrganizationsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, D360OrganizationsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, D360OrganizationsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, D360OrganizationsView, selection);
  gtk_widget_class_bind_template_child (widget_class, D360OrganizationsView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, D360OrganizationsView, editor);
  gtk_widget_class_bind_template_callback (widget_class, organization_subtitle_cb);
  gtk_widget_class_bind_template_callback (widget_class, organization_people_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_item_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "organizations.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "organizations.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "organizations.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "organizations.show-list", NULL,
                                   show_list_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "organizations.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "organizations.search", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_shortcut_cb, NULL);
}

static void
d360_organizations_view_init (D360OrganizationsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->editor), FALSE);

  g_signal_connect_object (self->editor, "notify::organization-id",
                           G_CALLBACK (editor_organization_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "open-person", G_CALLBACK (open_person_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->editor, "add-person", G_CALLBACK (add_person_cb), self,
                           G_CONNECT_SWAPPED);
  update_list_state (self);
}

/* ----------------------------------------------------------------- public */

void
d360_organizations_view_set_store (D360OrganizationsView *self,
                                   D360Store             *store)
{
  g_return_if_fail (D360_IS_ORGANIZATIONS_VIEW (self));
  g_return_if_fail (store == NULL || D360_IS_STORE (store));

  if (self->store == store)
    return;

  hide_organization (self);
  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->organizations);
  g_set_object (&self->store, store);
  d360_organization_editor_set_store (self->editor, store);
  refresh_list (self);
}

gboolean
d360_organizations_view_start_search (D360OrganizationsView *self)
{
  g_return_val_if_fail (D360_IS_ORGANIZATIONS_VIEW (self), FALSE);

  if (self->store == NULL)
    return FALSE;

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
d360_organizations_view_new_organization (D360OrganizationsView *self)
{
  g_return_if_fail (D360_IS_ORGANIZATIONS_VIEW (self));

  if (self->store == NULL)
    return;

  g_clear_handle_id (&self->show_idle_id, g_source_remove);
  d360_organization_editor_flush (self->editor);
  self->selected_id = 0;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  d360_organization_editor_new_organization (self->editor);
  show_content (self, "editor");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  d360_organization_editor_focus_name (self->editor);
  update_actions (self);
}

gboolean
d360_organizations_view_open_organization (D360OrganizationsView *self,
                                           gint64                 organization_id)
{
  g_return_val_if_fail (D360_IS_ORGANIZATIONS_VIEW (self), FALSE);

  if (self->store == NULL)
    return FALSE;
  return show_organization (self, organization_id);
}

void
d360_organizations_view_flush (D360OrganizationsView *self)
{
  g_return_if_fail (D360_IS_ORGANIZATIONS_VIEW (self));

  d360_organization_editor_flush (self->editor);
}

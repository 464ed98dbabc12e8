/* d360-partnerships-view.c — the city's partnerships: list and editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store's list refreshes whole after every save, with new items. The
 * view keeps the partnership the user chose (selected_id) and selects it
 * again once the list has settled, so that saving never moves the selection
 * nor reloads the editor.
 */

#define G_LOG_DOMAIN "d360-partnerships-view"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-iso-codes.h"
#include "d360-partnership-editor.h"
#include "d360-partnerships-view.h"
#include "d360-store-portfolio.h"

#define EXPIRY_WARNING_DAYS 90
#define SAVED_SHOWN_MS 2000

struct _D360PartnershipsView
{
  AdwBin                 parent_instance;

  GtkStack              *stack;
  AdwLeaflet            *leaflet;
  GtkWidget             *sidebar;
  GtkSearchEntry        *search_entry;
  GtkListView           *list_view;
  GtkSingleSelection    *selection;
  GtkFilterListModel    *filter_model;
  GtkWidget             *content;
  GtkLabel              *title_label;
  GtkLabel              *saved_label;
  GtkStack              *editor_stack;
  D360PartnershipEditor *editor;

  D360Store             *store;
  gint64                 city_id;
  GListModel            *partnerships;   /* the store's, of city_id */
  gint64                 selected_id;    /* what the user chose, 0 for none */
  gboolean               refreshing;     /* the store's list is being replaced */
  guint                  saved_timeout_id;
  GHashTable            *deleted;        /* old id → D360Partnership as it was, for undo */
};

G_DEFINE_FINAL_TYPE (D360PartnershipsView, d360_partnerships_view, ADW_TYPE_BIN)

/* ----------------------------------------------------------- list rows */

static D360Partnership *
as_partnership (GObject *item)
{
  return D360_IS_PARTNERSHIP (item) ? D360_PARTNERSHIP (item) : NULL;
}

static char *
format_subtitle (gpointer  this_object,
                 GObject  *item)
{
  D360Partnership *partnership = as_partnership (item);
  D360PartnershipStatus status;
  const char *country;
  const char *code;
  GString *text;

  if (partnership == NULL)
    return NULL;

  text = g_string_new (d360_partnership_kind_get_label (d360_partnership_get_kind (partnership)));
  code = d360_partnership_get_partner_country (partnership);
  country = code != NULL ? d360_iso_codes_get_name (D360_ISO_COUNTRIES, code) : NULL;
  if (country != NULL)
    g_string_append_printf (text, " · %s", country);
  status = d360_partnership_get_status (partnership);
  g_string_append_printf (text, " · %s", d360_partnership_status_get_label (status));

  return g_string_free (text, FALSE);
}

static gboolean
expires_soon (gpointer  this_object,
              GObject  *item)
{
  D360Partnership *partnership = as_partnership (item);

  /* Counted from today (NULL): the list is rebuilt after every change. */
  return partnership != NULL &&
         d360_partnership_expires_within (partnership, NULL, EXPIRY_WARNING_DAYS);
}

static char *
format_expiry (gpointer  this_object,
               GObject  *item)
{
  D360Partnership *partnership = as_partnership (item);
  const char *expires_on;

  if (partnership == NULL || (expires_on = d360_partnership_get_expires_on (partnership)) == NULL)
    return NULL;

  /* Translators: %s is a date such as 2027-01-10. */
  return g_strdup_printf (_("Expires %s"), expires_on);
}

/* ------------------------------------------------------------- helpers */

static guint
find_position (D360PartnershipsView *self,
               gint64                id)
{
  GListModel *shown = G_LIST_MODEL (self->filter_model);
  guint n = g_list_model_get_n_items (shown);

  if (id == 0)
    return GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(D360Partnership) partnership = g_list_model_get_item (shown, i);

      if (d360_partnership_get_id (partnership) == id)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* The template's top widget: not a bound child, which disposing the template
 * would unparent under AdwBin. */
static AdwToastOverlay *
get_toast_overlay (D360PartnershipsView *self)
{
  return ADW_TOAST_OVERLAY (adw_bin_get_child (ADW_BIN (self)));
}

static void
show_toast (D360PartnershipsView *self,
            const char           *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (get_toast_overlay (self), adw_toast_new (escaped));
}

static void
update_state (D360PartnershipsView *self)
{
  D360Partnership *selected = gtk_single_selection_get_selected_item (self->selection);
  gboolean has_partnerships = self->partnerships != NULL &&
                              g_list_model_get_n_items (self->partnerships) > 0;
  gboolean has_editor = d360_partnership_editor_get_id (self->editor) != 0;

  if (self->city_id == 0 || self->store == NULL)
    gtk_stack_set_visible_child_name (self->stack, "no-city");
  else if (!has_partnerships)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->stack, "list");

  gtk_stack_set_visible_child_name (self->editor_stack, has_editor ? "editor" : "none");
  gtk_label_set_label (self->title_label,
                       selected != NULL ? d360_partnership_get_partner_name (selected) : "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "partnerships.new",
                                 self->store != NULL && self->city_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "partnerships.delete", has_editor);
}

/* Focuses the selected row (the list view itself cannot hold the focus). */
static void
focus_list (D360PartnershipsView *self)
{
  GtkWidget *row = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child) || !gtk_widget_get_focusable (child))
        continue;
      if (row == NULL || (gtk_widget_get_state_flags (child) & GTK_STATE_FLAG_SELECTED) != 0)
        row = child;
      if ((gtk_widget_get_state_flags (child) & GTK_STATE_FLAG_SELECTED) != 0)
        break;
    }

  if (row == NULL || !gtk_widget_grab_focus (row))
    gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

/* Shows the partnership @id in the editor, saving the one shown before. */
static void
show_partnership (D360PartnershipsView *self,
                  gint64                id)
{
  g_autoptr(GError) error = NULL;

  if (id != d360_partnership_editor_get_id (self->editor) &&
      !d360_partnership_editor_load (self->editor, id, &error))
    show_toast (self, error->message);

  update_state (self);
}

/* Selects the partnership @id, clearing the search if it hides it. */
static void
select_partnership (D360PartnershipsView *self,
                    gint64                id)
{
  guint position;

  self->selected_id = id;

  position = find_position (self, id);
  if (position == GTK_INVALID_LIST_POSITION &&
      *gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    {
      /* Not a choice of the user's: whatever the emptied search selects. */
      self->refreshing = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      self->refreshing = FALSE;
      position = find_position (self, id);
    }

  if (position != GTK_INVALID_LIST_POSITION)
    {
      gtk_single_selection_set_selected (self->selection, position);
      gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item",
                                  "u", position);
    }

  show_partnership (self, id);
}

static D360Partnership *
copy_as_new (D360Partnership *partnership)
{
  D360Partnership *copy;

  copy = d360_partnership_new (d360_partnership_get_city_id (partnership),
                               d360_partnership_get_partner_name (partnership));
  d360_partnership_set_partner_country (copy, d360_partnership_get_partner_country (partnership));
  d360_partnership_set_partner_is_city (copy, d360_partnership_get_partner_is_city (partnership));
  d360_partnership_set_kind (copy, d360_partnership_get_kind (partnership));
  d360_partnership_set_signed_on (copy, d360_partnership_get_signed_on (partnership));
  d360_partnership_set_expires_on (copy, d360_partnership_get_expires_on (partnership));
  d360_partnership_set_status (copy, d360_partnership_get_status (partnership));
  d360_partnership_set_dimensions (copy, d360_partnership_get_dimensions (partnership));
  d360_partnership_set_notes (copy, d360_partnership_get_notes (partnership));

  return copy;
}

/* ------------------------------------------------------------- actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  D360PartnershipsView *self = D360_PARTNERSHIPS_VIEW (widget);
  g_autoptr(D360Partnership) partnership = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->city_id == 0)
    return;

  d360_partnership_editor_flush (self->editor);

  partnership = d360_partnership_new (self->city_id, _("New Partnership"));
  if (!d360_store_save_partnership (self->store, partnership, &error))
    {
      show_toast (self, error->message);
      return;
    }

  select_partnership (self, d360_partnership_get_id (partnership));
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  d360_partnership_editor_focus_name (self->editor);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  D360PartnershipsView *self = D360_PARTNERSHIPS_VIEW (widget);
  g_autoptr(D360Partnership) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  gint64 id = d360_partnership_editor_get_id (self->editor);
  AdwToast *toast;

  if (self->store == NULL || id == 0)
    return;

  /* What was last saved is what comes back with Undo. */
  d360_partnership_editor_flush (self->editor);
  deleted = d360_store_get_partnership (self->store, id, &error);
  if (deleted == NULL || !d360_store_delete_partnership (self->store, id, &error))
    {
      show_toast (self, error->message);
      return;
    }

  escaped = g_markup_escape_text (d360_partnership_get_partner_name (deleted), -1);
  /* Translators: %s is the partner's name. */
  title = g_strdup_printf (_("“%s” deleted"), escaped);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "partnerships.undo-delete");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);

  g_hash_table_insert (self->deleted, g_memdup2 (&id, sizeof id), g_steal_pointer (&deleted));
  adw_toast_overlay_add_toast (get_toast_overlay (self), toast);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  D360PartnershipsView *self = D360_PARTNERSHIPS_VIEW (widget);
  g_autoptr(D360Partnership) restored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 old_id = g_variant_get_int64 (parameter);
  D360Partnership *deleted;

  deleted = g_hash_table_lookup (self->deleted, &old_id);
  if (deleted == NULL || self->store == NULL)
    return;

  /* The store keeps no undo for partnerships: the copy comes back as new. */
  restored = copy_as_new (deleted);
  if (!d360_store_save_partnership (self->store, restored, &error))
    {
      show_toast (self, error->message);
      return;
    }
  g_hash_table_remove (self->deleted, &old_id);

  if (d360_partnership_get_city_id (restored) == self->city_id)
    select_partnership (self, d360_partnership_get_id (restored));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  d360_partnerships_view_start_search (D360_PARTNERSHIPS_VIEW (widget));
}

/* ----------------------------------------------------- signal callbacks */

static void
partnerships_changing_cb (D360PartnershipsView *self)
{
  self->refreshing = TRUE;
}

static void
partnerships_changed_cb (D360PartnershipsView *self)
{
  guint position = find_position (self, self->selected_id);

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, position);
  self->refreshing = FALSE;

  if (position == GTK_INVALID_LIST_POSITION)
    {
      /* Gone (deleted): show what took its place. */
      D360Partnership *selected = gtk_single_selection_get_selected_item (self->selection);

      self->selected_id = selected != NULL ? d360_partnership_get_id (selected) : 0;
      show_partnership (self, self->selected_id);
    }
  else
    update_state (self);
}

static void
selection_changed_cb (D360PartnershipsView *self)
{
  D360Partnership *selected;

  if (self->refreshing)
    return;

  selected = gtk_single_selection_get_selected_item (self->selection);
  self->selected_id = selected != NULL ? d360_partnership_get_id (selected) : 0;
  show_partnership (self, self->selected_id);

  /* Narrow, a row chosen in the list opens it. */
  if (selected != NULL && adw_leaflet_get_folded (self->leaflet) &&
      gtk_widget_get_focus_child (GTK_WIDGET (self->list_view)) != NULL)
    adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
list_activate_cb (D360PartnershipsView *self,
                  guint                 position)
{
  adw_leaflet_set_visible_child (self->leaflet, self->content);
  d360_partnership_editor_focus_name (self->editor);
}

static void
search_activate_cb (D360PartnershipsView *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) > 0)
    focus_list (self);
}

static void
search_stop_cb (D360PartnershipsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  focus_list (self);
}

static void
back_clicked_cb (D360PartnershipsView *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  focus_list (self);
}

static gboolean
hide_saved_cb (gpointer data)
{
  D360PartnershipsView *self = data;

  self->saved_timeout_id = 0;
  gtk_widget_set_opacity (GTK_WIDGET (self->saved_label), 0);
  return G_SOURCE_REMOVE;
}

static void
editor_saved_cb (D360PartnershipsView *self)
{
  gtk_widget_set_opacity (GTK_WIDGET (self->saved_label), 1);
  g_clear_handle_id (&self->saved_timeout_id, g_source_remove);
  self->saved_timeout_id = g_timeout_add (SAVED_SHOWN_MS, hide_saved_cb, self);
}

static void
editor_save_failed_cb (D360PartnershipsView *self,
                       const char           *message)
{
  show_toast (self, message);
}

/* ------------------------------------------------------------ overrides */

static void
set_partnerships (D360PartnershipsView *self,
                  GListModel           *partnerships)
{
  if (self->partnerships != NULL)
    g_signal_handlers_disconnect_by_data (self->partnerships, self);
  g_set_object (&self->partnerships, partnerships);

  self->refreshing = TRUE;
  /* Connected around the filter model's own handler: before it, and after. */
  if (partnerships != NULL)
    g_signal_connect_object (partnerships, "items-changed",
                             G_CALLBACK (partnerships_changing_cb), self, G_CONNECT_SWAPPED);
  gtk_filter_list_model_set_model (self->filter_model, partnerships);
  if (partnerships != NULL)
    g_signal_connect_object (partnerships, "items-changed",
                             G_CALLBACK (partnerships_changed_cb), self,
                             G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  self->refreshing = FALSE;

  selection_changed_cb (self);
}

static void
reload (D360PartnershipsView *self)
{
  g_autoptr(GListModel) partnerships = NULL;

  d360_partnership_editor_flush (self->editor);
  g_hash_table_remove_all (self->deleted);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  if (self->store != NULL && self->city_id != 0)
    partnerships = d360_store_list_partnerships (self->store, self->city_id);

  set_partnerships (self, partnerships);
  update_state (self);
}

static void
d360_partnerships_view_dispose (GObject *object)
{
  D360PartnershipsView *self = (D360PartnershipsView *) object;

  if (self->editor != NULL)
    {
      d360_partnership_editor_flush (self->editor);
      g_signal_handlers_disconnect_by_data (self->editor, self);
    }
  if (self->partnerships != NULL)
    g_signal_handlers_disconnect_by_data (self->partnerships, self);
  g_clear_handle_id (&self->saved_timeout_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), D360_TYPE_PARTNERSHIPS_VIEW);
  g_clear_object (&self->partnerships);
  g_clear_object (&self->store);
  g_clear_pointer (&self->deleted, g_hash_table_unref);

  G_OBJECT_CLASS (d360_partnerships_view_parent_class)->dispose (object);
}

static void
d360_partnerships_view_class_init (D360PartnershipsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_partnerships_view_dispose;

  g_type_ensure (D360_TYPE_PARTNERSHIP);
  g_type_ensure (D360_TYPE_PARTNERSHIP_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/d360-partnerships-view.ui");
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipsView, stack);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipsView, sidebar);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipsView, selection);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipsView, filter_model);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipsView, content);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipsView, title_label);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipsView, saved_label);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipsView, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, D360PartnershipsView, editor);
  gtk_widget_class_bind_template_callback (widget_class, format_subtitle);
  gtk_widget_class_bind_template_callback (widget_class, format_expiry);
  gtk_widget_class_bind_template_callback (widget_class, expires_soon);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_save_failed_cb);

  gtk_widget_class_install_action (widget_class, "partnerships.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "partnerships.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "partnerships.undo-delete", "x",
                                   undo_delete_action);
  gtk_widget_class_install_action (widget_class, "partnerships.search", NULL, search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "partnerships.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "partnerships.search", NULL);
}

static void
d360_partnerships_view_init (D360PartnershipsView *self)
{
  self->deleted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  update_state (self);
}

/* --------------------------------------------------------------- public */

void
d360_partnerships_view_set_store (D360PartnershipsView *self,
                                  D360Store            *store)
{
  g_return_if_fail (D360_IS_PARTNERSHIPS_VIEW (self));
  g_return_if_fail (store == NULL || D360_IS_STORE (store));

  if (self->store == store)
    return;

  d360_partnership_editor_flush (self->editor);
  g_set_object (&self->store, store);
  d360_partnership_editor_set_store (self->editor, store);
  reload (self);
}

/**
 * d360_partnerships_view_set_city:
 * @city_id: the city whose partnerships to show, or 0 for none
 */
void
d360_partnerships_view_set_city (D360PartnershipsView *self,
                                 gint64                city_id)
{
  g_return_if_fail (D360_IS_PARTNERSHIPS_VIEW (self));

  if (self->city_id == city_id)
    return;

  self->city_id = city_id;
  reload (self);
}

/**
 * d360_partnerships_view_start_search:
 *
 * Shows and focuses the search by partner name.
 *
 * Returns: %FALSE when there is nothing to search
 */
gboolean
d360_partnerships_view_start_search (D360PartnershipsView *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIPS_VIEW (self), FALSE);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "list"))
    return FALSE;

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  return TRUE;
}

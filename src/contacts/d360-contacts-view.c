/* d360-contacts-view.c — the people: list, search, filters and the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is the store's paged model under a multiple selection. Every
 * write to the people refreshes the model as a whole, which drops the
 * selection; the view keeps the selected ids and selects them again. One
 * selected person opens in the editor; several can be tagged, exported or
 * deleted together.
 */

#define G_LOG_DOMAIN "d360-contacts-view"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-compat.h"
#include "d360-contact-editor.h"
#include "d360-contacts-view.h"
#include "d360-iso-codes.h"
#include "d360-store-contacts.h"

/* How far down a refreshed list the selected people are looked for. */
#define MAX_RESELECT_SCAN 2000

#define TOAST_NAME_CHARS 40

struct _D360ContactsView
{
  AdwBin              parent_instance;

  D360Store          *store;
  GListModel         *people;
  char               *search;
  GHashTable         *selected_ids;      /* gint64 *: what the user selected */
  GPtrArray          *country_codes;     /* country filter item - 1 → code */
  GStrv               tags;              /* tag filter item - 1 → tag */
  gint64              show_id;
  guint               last_position;     /* where the one selected was last seen */
  guint               show_idle_id;
  gboolean            focus_after_show;
  gboolean            reselecting;
  gboolean            resetting_filters;

  GObject            *deleted;           /* what undoing the last delete needs */
  GArray             *deleted_ids;
  AdwToast           *undo_toast;
  AdwToast           *info_toast;        /* weak: the last other toast */

  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkDropDown        *category_filter;
  GtkDropDown        *country_filter;
  GtkDropDown        *kind_filter;
  GtkDropDown        *tag_filter;
  GtkLabel           *count_label;
  GtkDropDown        *sort_dropdown;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkMultiSelection  *selection;
  GtkStack           *bottom_stack;
  GtkLabel           *selection_label;
  GtkStack           *content_stack;
  AdwStatusPage      *several_page;
  D360ContactEditor  *editor;
};

G_DEFINE_FINAL_TYPE (D360ContactsView, d360_contacts_view, ADW_TYPE_BIN)

/* ---------------------------------------------------------------- helpers */

/* The editor is large: while another page shows, it is hidden, which also
 * keeps it out of the accessibility tree. */
static void
show_content (D360ContactsView *self,
              const char       *name)
{
  gboolean editor = g_str_equal (name, "editor");

  if (editor)
    gtk_widget_set_visible (GTK_WIDGET (self->editor), TRUE);
  gtk_stack_set_visible_child_name (self->content_stack, name);
  if (!editor)
    gtk_widget_set_visible (GTK_WIDGET (self->editor), FALSE);
}

static char *
dup_toast_name (const char *name)
{
  g_autofree char *short_name = NULL;

  if (name == NULL)
    name = "";
  if (g_utf8_strlen (name, TOAST_NAME_CHARS * 6 + 1) <= TOAST_NAME_CHARS)
    short_name = g_strdup (name);
  else
    {
      g_autofree char *start = g_utf8_substring (name, 0, TOAST_NAME_CHARS - 1);

      short_name = g_strconcat (start, "…", NULL);
    }
  /* Toast titles are Pango markup. */
  return g_markup_escape_text (short_name, -1);
}

/* @title is markup. */
static void
add_info_toast (D360ContactsView *self,
                const char       *title)
{
  AdwToast *toast = adw_toast_new (title);

  g_clear_weak_pointer (&self->info_toast);
  g_set_weak_pointer (&self->info_toast, toast);
  d360_compat_add_toast (self->toast_overlay, toast);
}

static void
show_message (D360ContactsView *self,
              const char       *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  add_info_toast (self, escaped);
}

static void
show_error (D360ContactsView *self,
            const char       *what,
            const GError     *error)
{
  g_autofree char *text = NULL;

  g_warning ("%s: %s", what, error->message);
  /* Translators: a toast; the first %s says what failed, the second why */
  text = g_strdup_printf (_("%s: %s"), what, error->message);
  show_message (self, text);
}

static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static guint
get_choice (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected != GTK_INVALID_LIST_POSITION ? selected : 0;
}

static guint
count_filters (D360ContactsView *self)
{
  return (get_choice (self->category_filter) > 0) +
         (get_choice (self->country_filter) > 0) +
         (get_choice (self->kind_filter) > 0) +
         (get_choice (self->tag_filter) > 0);
}

static void
fill_query (D360ContactsView *self,
            D360ContactQuery *query)
{
  guint category = get_choice (self->category_filter);
  guint country = get_choice (self->country_filter);
  guint kind = get_choice (self->kind_filter);
  guint tag = get_choice (self->tag_filter);

  d360_contact_query_init (query);
  query->search = self->search;
  query->category = category > 0 ? (int) category - 1 : -1;
  query->country = country > 0 && country <= self->country_codes->len
                     ? g_ptr_array_index (self->country_codes, country - 1) : NULL;
  query->organization_kind = kind > 0 ? (int) kind - 1 : -1;
  query->tag = tag > 0 && self->tags != NULL && tag <= g_strv_length (self->tags)
                 ? self->tags[tag - 1] : NULL;
  query->sort = get_choice (self->sort_dropdown) == 1 ? D360_CONTACT_SORT_UPDATED
                                                      : D360_CONTACT_SORT_NAME;
}

static guint
count_selected (D360ContactsView *self)
{
  return g_hash_table_size (self->selected_ids);
}

static GArray *
dup_selected_ids (D360ContactsView *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gint64 *id;

  g_hash_table_iter_init (&iter, self->selected_ids);
  while (g_hash_table_iter_next (&iter, (gpointer *) &id, NULL))
    g_array_append_val (ids, *id);
  return ids;
}

static void
set_selected_ids (D360ContactsView *self,
                  const gint64     *ids,
                  guint             n_ids)
{
  g_hash_table_remove_all (self->selected_ids);
  for (guint i = 0; i < n_ids; i++)
    if (ids[i] > 0)
      g_hash_table_add (self->selected_ids, g_memdup2 (&ids[i], sizeof (gint64)));
}

/* The people the actions apply to: those selected, or the one edited. */
static GArray *
dup_target_ids (D360ContactsView *self)
{
  GArray *ids = dup_selected_ids (self);
  gint64 edited = d360_contact_editor_get_contact_id (self->editor);

  if (ids->len == 0 && edited > 0)
    g_array_append_val (ids, edited);
  return ids;
}

static void
update_actions (D360ContactsView *self)
{
  gboolean has_store = self->store != NULL;
  gboolean has_target = count_selected (self) > 0 ||
                        d360_contact_editor_get_contact_id (self->editor) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.new", has_store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.delete", has_target);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.tag", has_target);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.undo", self->deleted != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "people.reset-filters",
                                 count_filters (self) > 0);
}

static void
update_list_state (D360ContactsView *self)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint n_filters = count_filters (self);
  guint n_selected = count_selected (self);
  g_autofree char *count = NULL;
  g_autofree char *filters = NULL;
  g_autofree char *selected = NULL;
  const char *page;

  if (n_items > 0)
    page = "list";
  else if (self->search != NULL || n_filters > 0)
    page = "no-results";
  else
    page = "empty";
  gtk_stack_set_visible_child_name (self->list_stack, page);

  if (self->store != NULL)
    count = g_strdup_printf (ngettext ("%u person", "%u people", n_items), n_items);
  gtk_label_set_text (self->count_label, count != NULL ? count : "");

  if (n_filters > 0)
    filters = g_strdup_printf (ngettext ("%u Filter", "%u Filters", n_filters), n_filters);
  gtk_menu_button_set_label (self->filter_button, filters != NULL ? filters : _("Filters"));

  selected = g_strdup_printf (ngettext ("%u selected", "%u selected", n_selected), n_selected);
  gtk_label_set_text (self->selection_label, selected);
  gtk_stack_set_visible_child_name (self->bottom_stack, n_selected > 1 ? "selection" : "add");

  update_actions (self);
}

/* Selects the remembered ids again after the list was refreshed. */
static void
reselect (D360ContactsView *self)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n_items = g_list_model_get_n_items (model);
  guint n_wanted = count_selected (self);
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = gtk_bitset_new_range (0, n_items);
  guint first = GTK_INVALID_LIST_POSITION;

  /* One person (the one edited): most likely where it was, or at the top. */
  for (guint k = 0; k < 2 && n_wanted == 1; k++)
    {
      guint position = k == 0 ? self->last_position : 0;
      g_autoptr(D360Contact) contact = position < n_items ? g_list_model_get_item (model, position)
                                                          : NULL;
      gint64 id = contact != NULL ? d360_contact_get_id (contact) : 0;

      if (g_hash_table_contains (self->selected_ids, &id))
        {
          gtk_bitset_add (selected, position);
          first = position;
          n_wanted = 0;
        }
    }

  for (guint i = 0; i < MIN (n_items, MAX_RESELECT_SCAN) && n_wanted > 0; i++)
    {
      g_autoptr(D360Contact) contact = g_list_model_get_item (model, i);
      gint64 id = contact != NULL ? d360_contact_get_id (contact) : 0;

      if (!g_hash_table_contains (self->selected_ids, &id))
        continue;
      gtk_bitset_add (selected, i);
      if (first == GTK_INVALID_LIST_POSITION)
        first = i;
      n_wanted--;
    }

  self->reselecting = TRUE;
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), selected, mask);
  self->reselecting = FALSE;

  if (first != GTK_INVALID_LIST_POSITION)
    self->last_position = first;
  if (first != GTK_INVALID_LIST_POSITION && count_selected (self) == 1)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                first);
}

static void
refresh_list (D360ContactsView *self)
{
  D360ContactQuery query;

  if (self->resetting_filters)
    return;

  if (self->store == NULL)
    {
      gtk_multi_selection_set_model (self->selection, NULL);
      g_clear_object (&self->people);
      update_list_state (self);
      return;
    }

  fill_query (self, &query);
  if (self->people == NULL)
    {
      self->people = d360_store_list_contacts (self->store, &query);
      gtk_multi_selection_set_model (self->selection, self->people);
    }
  else
    d360_store_contact_list_set_query (self->people, &query);

  update_list_state (self);
}

static void
fill_tags (D360ContactsView *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *chosen = NULL;
  guint selected = 0;
  guint tag = get_choice (self->tag_filter);
  gboolean resetting = self->resetting_filters;

  if (tag > 0 && self->tags != NULL && tag <= g_strv_length (self->tags))
    chosen = g_strdup (self->tags[tag - 1]);

  g_clear_pointer (&self->tags, g_strfreev);
  if (self->store != NULL)
    self->tags = d360_store_list_tags (self->store, &error);
  if (error != NULL)
    g_warning ("Could not list the tags: %s", error->message);

  gtk_string_list_append (labels, _("Any tag"));
  for (guint i = 0; self->tags != NULL && self->tags[i] != NULL; i++)
    {
      gtk_string_list_append (labels, self->tags[i]);
      if (chosen != NULL && g_str_equal (chosen, self->tags[i]))
        selected = i + 1;
    }

  self->resetting_filters = TRUE;
  gtk_drop_down_set_model (self->tag_filter, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->tag_filter, selected);
  self->resetting_filters = resetting;
  if (chosen != NULL && selected == 0)
    refresh_list (self);
}

static void
fill_filters (D360ContactsView *self)
{
  const GPtrArray *countries = d360_iso_codes_get (D360_ISO_COUNTRIES);
  g_autoptr(GtkStringList) categories = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) country_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  gtk_string_list_append (categories, _("Any category"));
  for (guint i = 0; i < D360_N_CATEGORIES; i++)
    gtk_string_list_append (categories, d360_category_get_label (i));
  gtk_drop_down_set_model (self->category_filter, G_LIST_MODEL (categories));

  gtk_string_list_append (country_names, _("Any country"));
  for (guint i = 0; countries != NULL && i < countries->len; i++)
    {
      const D360IsoEntry *entry = g_ptr_array_index (countries, i);

      gtk_string_list_append (country_names, entry->name);
      g_ptr_array_add (self->country_codes, entry->code);
    }
  gtk_drop_down_set_model (self->country_filter, G_LIST_MODEL (country_names));

  gtk_string_list_append (kinds, _("Any kind"));
  for (guint i = 0; i < D360_N_ORG_KINDS; i++)
    gtk_string_list_append (kinds, d360_org_kind_get_label (i));
  gtk_drop_down_set_model (self->kind_filter, G_LIST_MODEL (kinds));

  fill_tags (self);
}

static void
clear_filters (D360ContactsView *self,
               gboolean          search)
{
  self->resetting_filters = TRUE;
  if (search)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_clear_pointer (&self->search, g_free);
    }
  gtk_drop_down_set_selected (self->category_filter, 0);
  gtk_drop_down_set_selected (self->country_filter, 0);
  gtk_drop_down_set_selected (self->kind_filter, 0);
  gtk_drop_down_set_selected (self->tag_filter, 0);
  self->resetting_filters = FALSE;
  refresh_list (self);
}

static void
hide_person (D360ContactsView *self)
{
  g_clear_handle_id (&self->show_idle_id, g_source_remove);
  self->focus_after_show = FALSE;
  d360_contact_editor_clear (self->editor);
  show_content (self, "empty");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  update_actions (self);
}

static void
reveal_editor (D360ContactsView *self)
{
  show_content (self, "editor");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  update_actions (self);
}

static gboolean
show_person (D360ContactsView *self,
             gint64            id)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->show_idle_id, g_source_remove);
  self->focus_after_show = FALSE;
  if (id != d360_contact_editor_get_contact_id (self->editor) &&
      !d360_contact_editor_load (self->editor, id, &error))
    {
      show_error (self, _("The person could not be opened"), error);
      hide_person (self);
      return FALSE;
    }

  reveal_editor (self);
  return TRUE;
}

static gboolean
show_selected_cb (gpointer data)
{
  D360ContactsView *self = data;
  gboolean focus = self->focus_after_show;

  self->show_idle_id = 0;
  self->focus_after_show = FALSE;
  if (self->show_id > 0 && show_person (self, self->show_id) && focus)
    d360_contact_editor_focus_name (self->editor);

  return G_SOURCE_REMOVE;
}

/* Shows @id once the list has finished handling the click or key: loading
 * it saves the previous person, which refreshes the list. */
static void
show_later (D360ContactsView *self,
            gint64            id,
            gboolean          focus_name)
{
  self->show_id = id;
  self->focus_after_show |= focus_name;
  if (self->show_idle_id == 0)
    self->show_idle_id = g_idle_add (show_selected_cb, self);
}

static void
forget_undo (D360ContactsView *self)
{
  g_autoptr(AdwToast) toast = g_steal_pointer (&self->undo_toast);

  g_clear_object (&self->deleted);
  g_clear_pointer (&self->deleted_ids, g_array_unref);
  if (toast != NULL)
    d360_compat_dismiss_toast (toast);
  update_actions (self);
}

static void
toast_dismissed_cb (D360ContactsView *self,
                    AdwToast         *toast)
{
  if (toast != self->undo_toast)
    return;

  g_clear_object (&self->undo_toast);
  forget_undo (self);
}

/* --------------------------------------------------------------- actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  d360_contacts_view_new_person (D360_CONTACTS_VIEW (widget), 0);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  D360ContactsView *self = D360_CONTACTS_VIEW (widget);
  gboolean list_had_focus = contains_focus (GTK_WIDGET (self->list_view));
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GObject) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 edited;
  AdwToast *toast;

  if (self->store == NULL)
    return;

  d360_contact_editor_flush (self->editor);
  ids = dup_target_ids (self);
  if (ids->len == 0)
    return;

  if (ids->len == 1)
    {
      g_autoptr(D360Contact) contact = d360_store_get_contact (self->store,
                                                               g_array_index (ids, gint64, 0),
                                                               NULL);
      g_autofree char *name = dup_toast_name (contact != NULL
                                                ? d360_contact_get_display_name (contact)
                                                : NULL);

      text = g_strdup_printf (_("“%s” deleted"), name);
    }
  else
    text = g_strdup_printf (ngettext ("%u person deleted", "%u people deleted", ids->len),
                            ids->len);

  edited = d360_contact_editor_get_contact_id (self->editor);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == edited)
      hide_person (self);
  if (!d360_contact_editor_has_contact (self->editor))
    show_content (self, "empty");

  deleted = d360_store_delete_contacts (self->store, ids, &error);
  if (deleted == NULL)
    {
      show_error (self, _("The people could not be deleted"), error);
      return;
    }

  forget_undo (self);
  g_hash_table_remove_all (self->selected_ids);
  reselect (self);
  self->deleted = g_steal_pointer (&deleted);
  self->deleted_ids = g_array_ref (ids);

  /* Undo shows at once: the toast before it goes. A high priority toast
   * instead trips an assertion of libadwaita 1.2 when one is shown. */
  if (self->info_toast != NULL)
    d360_compat_dismiss_toast (self->info_toast);
  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "people.undo");
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  self->undo_toast = g_object_ref (toast);
  d360_compat_add_toast (self->toast_overlay, toast);
  update_list_state (self);

  if (list_had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  D360ContactsView *self = D360_CONTACTS_VIEW (widget);
  g_autoptr(GObject) deleted = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  if (self->deleted == NULL)
    return;

  deleted = g_object_ref (self->deleted);
  ids = g_array_ref (self->deleted_ids);
  forget_undo (self);
  if (!d360_store_undo_delete_contacts (self->store, deleted, &error))
    {
      show_error (self, _("The people could not be restored"), error);
      return;
    }

  set_selected_ids (self, (const gint64 *) ids->data, ids->len);
  reselect (self);
  if (ids->len == 1)
    show_person (self, g_array_index (ids, gint64, 0));
  update_list_state (self);
}

static void
tag_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 D360ContactsView *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autofree char *tag = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  GArray *ids = g_object_get_data (G_OBJECT (dialog), "ids");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  gint64 edited;

  if (!g_str_equal (response, "tag") || self->store == NULL || *tag == '\0')
    return;

  d360_contact_editor_flush (self->editor);
  if (!d360_store_tag_contacts (self->store, ids, tag, &error))
    {
      show_error (self, _("The people could not be tagged"), error);
      return;
    }

  /* The editor shows the person with the new tag. */
  edited = d360_contact_editor_get_contact_id (self->editor);
  for (guint i = 0; i < ids->len && edited > 0; i++)
    if (g_array_index (ids, gint64, i) == edited)
      d360_contact_editor_load (self->editor, edited, NULL);

  fill_tags (self);
  escaped = dup_toast_name (tag);
  /* Translators: a toast; %u is a number of people, %s a tag */
  text = g_strdup_printf (ngettext ("%u person tagged “%s”", "%u people tagged “%s”",
                                    ids->len),
                          ids->len, escaped);
  add_info_toast (self, text);
}

static void
tag_entry_activate_cb (GtkEntry         *entry,
                       AdwMessageDialog *dialog)
{
  if (adw_message_dialog_get_response_enabled (dialog, "tag"))
    adw_message_dialog_response (dialog, "tag");
}

static void
tag_entry_changed_cb (GtkEditable      *entry,
                      AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "tag", *text != '\0');
}

static void
tag_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  D360ContactsView *self = D360_CONTACTS_VIEW (widget);
  g_autoptr(GArray) ids = dup_target_ids (self);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;
  GtkWidget *entry;

  if (self->store == NULL || ids->len == 0)
    return;

  heading = g_strdup_printf (ngettext ("Tag %u Person", "Tag %u People", ids->len), ids->len);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("The tag is added to each of them; the tags they have "
                                     "stay."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "tag", _("_Tag"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "tag",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "tag", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "tag");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Tag, such as “Expo 2026”"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Tag"), -1);
  g_signal_connect (entry, "activate", G_CALLBACK (tag_entry_activate_cb), dialog);
  g_signal_connect (entry, "changed", G_CALLBACK (tag_entry_changed_cb), dialog);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  g_object_set_data_full (G_OBJECT (dialog), "ids", g_steal_pointer (&ids),
                          (GDestroyNotify) g_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (tag_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

static void
reset_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  clear_filters (D360_CONTACTS_VIEW (widget), FALSE);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  if (!d360_contacts_view_start_search (D360_CONTACTS_VIEW (widget)))
    gtk_widget_error_bell (widget);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  D360ContactsView *self = D360_CONTACTS_VIEW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Delete deletes the selected people while the list has the focus; elsewhere
 * the key is left to the focused widget. */
static gboolean
delete_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  D360ContactsView *self = D360_CONTACTS_VIEW (widget);

  if (!contains_focus (GTK_WIDGET (self->list_view)))
    return FALSE;

  return gtk_widget_activate_action (widget, "people.delete", NULL);
}

/* --------------------------------------------------------------- callbacks */

static char *
contact_name_cb (GtkListItem *item,
                 D360Contact *contact)
{
  return g_strdup (contact != NULL ? d360_contact_get_display_name (contact) : "");
}

static char *
contact_avatar_cb (GtkListItem *item,
                   D360Contact *contact)
{
  char *text = contact != NULL ? d360_contact_editor_dup_avatar_text (contact) : NULL;

  if (text == NULL)
    text = g_strdup (contact != NULL ? d360_contact_get_display_name (contact) : "");
  return text;
}

static char *
dup_role (D360Contact *contact)
{
  const char *job;
  const char *organization;

  if (contact == NULL)
    return NULL;

  job = d360_contact_get_job_title (contact);
  organization = d360_contact_get_organization_id (contact) > 0
                   ? d360_contact_get_organization_name (contact) : NULL;
  if (job != NULL && organization != NULL)
    /* Translators: a person in the list: job title · organisation */
    return g_strdup_printf (_("%s · %s"), job, organization);
  return g_strdup (job != NULL ? job : organization);
}

static char *
contact_role_cb (GtkListItem *item,
                 D360Contact *contact)
{
  char *role = dup_role (contact);

  return role != NULL ? role : g_strdup ("");
}

static gboolean
contact_has_role_cb (GtkListItem *item,
                     D360Contact *contact)
{
  g_autofree char *role = dup_role (contact);

  return role != NULL;
}

static char *
contact_category_cb (GtkListItem *item,
                     D360Contact *contact)
{
  return g_strdup (contact != NULL ? d360_category_get_label (d360_contact_get_category (contact))
                                   : "");
}

static void
search_changed_cb (D360ContactsView *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *text = g_strstrip (g_strdup (typed));

  if (self->resetting_filters)
    return;

  g_free (self->search);
  self->search = *text != '\0' ? g_steal_pointer (&text) : NULL;
  refresh_list (self);
}

/* Enter opens the first result. */
static void
search_activate_cb (D360ContactsView *self)
{
  g_autoptr(D360Contact) contact = g_list_model_get_item (G_LIST_MODEL (self->selection), 0);
  gint64 id;

  if (contact == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  id = d360_contact_get_id (contact);
  set_selected_ids (self, &id, 1);
  reselect (self);
  if (show_person (self, id))
    d360_contact_editor_focus_name (self->editor);
  update_list_state (self);
}

static void
search_stop_cb (D360ContactsView *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
filters_changed_cb (D360ContactsView *self)
{
  refresh_list (self);
}

static void
filter_popover_show_cb (D360ContactsView *self)
{
  fill_tags (self);
}

static void
selection_changed_cb (D360ContactsView *self)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  g_autoptr(GtkBitset) bitset = NULL;
  GtkBitsetIter iter;
  guint position;
  guint n_selected;

  if (self->reselecting)
    return;

  g_hash_table_remove_all (self->selected_ids);
  bitset = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, bitset, &position);
       ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(D360Contact) contact = g_list_model_get_item (model, position);
      gint64 id = contact != NULL ? d360_contact_get_id (contact) : 0;

      if (id > 0 && g_hash_table_size (self->selected_ids) == 0)
        self->last_position = position;
      if (id > 0)
        g_hash_table_add (self->selected_ids, g_memdup2 (&id, sizeof id));
    }

  n_selected = count_selected (self);
  if (n_selected == 1)
    {
      g_autoptr(GArray) ids = dup_selected_ids (self);

      show_later (self, g_array_index (ids, gint64, 0), FALSE);
    }
  else if (n_selected > 1)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u Person Selected",
                                                          "%u People Selected", n_selected),
                                                n_selected);

      g_clear_handle_id (&self->show_idle_id, g_source_remove);
      d360_contact_editor_flush (self->editor);
      adw_status_page_set_title (self->several_page, title);
      show_content (self, "several");
    }

  update_list_state (self);
}

static void
selection_items_changed_cb (D360ContactsView *self)
{
  reselect (self);
  update_list_state (self);
}

static void
list_activate_cb (D360ContactsView *self,
                  guint             position)
{
  g_autoptr(D360Contact) contact = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                          position);

  if (contact != NULL)
    show_later (self, d360_contact_get_id (contact), TRUE);
}

/* The editor saved a new person, or shows another one: the list selects it. */
static void
editor_contact_changed_cb (D360ContactsView *self)
{
  gint64 id = d360_contact_editor_get_contact_id (self->editor);

  if (id <= 0 && !d360_contact_editor_has_contact (self->editor))
    {
      /* Erased, or cleared. */
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "editor") == 0)
        show_content (self, "empty");
      g_hash_table_remove_all (self->selected_ids);
    }
  else if (id > 0 && count_selected (self) <= 1)
    set_selected_ids (self, &id, 1);
  else
    return;

  reselect (self);
  update_list_state (self);
}

/* Folded, going back to the list leaves nothing selected there, so that
 * choosing the same person again opens them. */
static void
leaflet_changed_cb (D360ContactsView *self)
{
  gint64 edited = d360_contact_editor_get_contact_id (self->editor);
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  const char *visible = adw_leaflet_get_visible_child_name (self->leaflet);

  if (folded && g_strcmp0 (visible, "sidebar") == 0 && count_selected (self) == 1)
    {
      g_hash_table_remove_all (self->selected_ids);
      reselect (self);
      update_list_state (self);
    }
  else if (!folded && count_selected (self) == 0 && edited > 0)
    {
      set_selected_ids (self, &edited, 1);
      reselect (self);
      update_list_state (self);
    }
}

/* --------------------------------------------------------------- overrides */

static void
d360_contacts_view_dispose (GObject *object)
{
  D360ContactsView *self = (D360ContactsView *) object;

  g_clear_handle_id (&self->show_idle_id, g_source_remove);
  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_object (&self->undo_toast);
  g_clear_weak_pointer (&self->info_toast);
  g_clear_object (&self->deleted);
  g_clear_pointer (&self->deleted_ids, g_array_unref);

  /* The editor saves what is pending while the store is still there. */
  if (self->editor != NULL)
    d360_contact_editor_flush (self->editor);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), D360_TYPE_CONTACTS_VIEW);
  g_clear_object (&self->people);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (d360_contacts_view_parent_class)->dispose (object);
}

static void
d360_contacts_view_finalize (GObject *object)
{
  D360ContactsView *self = (D360ContactsView *) object;

  g_free (self->search);
  g_clear_pointer (&self->selected_ids, g_hash_table_unref);
  g_clear_pointer (&self->country_codes, g_ptr_array_unref);
  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (d360_contacts_view_parent_class)->finalize (object);
}

#define BIND_CHILD(name) \
  gtk_widget_class_bind_template_child (widget_class, D360ContactsView, name)

static void
d360_contacts_view_class_init (D360ContactsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_contacts_view_dispose;
  object_class->finalize = d360_contacts_view_finalize;

  g_type_ensure (D360_TYPE_CONTACT);
  g_type_ensure (D360_TYPE_CONTACT_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/d360-contacts-view.ui");
  BIND_CHILD (toast_overlay);
  BIND_CHILD (leaflet);
  BIND_CHILD (search_entry);
  BIND_CHILD (filter_button);
  BIND_CHILD (category_filter);
  BIND_CHILD (country_filter);
  BIND_CHILD (kind_filter);
  BIND_CHILD (tag_filter);
  BIND_CHILD (count_label);
  BIND_CHILD (sort_dropdown);
  BIND_CHILD (list_stack);
  BIND_CHILD (list_view);
  BIND_CHILD (selection);
  BIND_CHILD (bottom_stack);
  BIND_CHILD (selection_label);
  BIND_CHILD (content_stack);
  BIND_CHILD (several_page);
  BIND_CHILD (editor);
  gtk_widget_class_bind_template_callback (widget_class, contact_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, contact_avatar_cb);
  gtk_widget_class_bind_template_callback (widget_class, contact_role_cb);
  gtk_widget_class_bind_template_callback (widget_class, contact_has_role_cb);
  gtk_widget_class_bind_template_callback (widget_class, contact_category_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);

  gtk_widget_class_install_action (widget_class, "people.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "people.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "people.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "people.tag", NULL, tag_action);
  gtk_widget_class_install_action (widget_class, "people.reset-filters", NULL,
                                   reset_filters_action);
  gtk_widget_class_install_action (widget_class, "people.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "people.show-list", NULL, show_list_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "people.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "people.search", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_shortcut_cb, NULL);
}

#undef BIND_CHILD

static void
d360_contacts_view_init (D360ContactsView *self)
{
  self->selected_ids = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->country_codes = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self->editor), FALSE);

  self->resetting_filters = TRUE;
  fill_filters (self);
  self->resetting_filters = FALSE;

  g_signal_connect_object (self->editor, "notify::contact-id",
                           G_CALLBACK (editor_contact_changed_cb), self, G_CONNECT_SWAPPED);
  update_list_state (self);
}

/* ----------------------------------------------------------------- public */

void
d360_contacts_view_set_store (D360ContactsView *self,
                              D360Store        *store)
{
  g_return_if_fail (D360_IS_CONTACTS_VIEW (self));
  g_return_if_fail (store == NULL || D360_IS_STORE (store));

  if (self->store == store)
    return;

  forget_undo (self);
  hide_person (self);
  g_hash_table_remove_all (self->selected_ids);
  gtk_multi_selection_set_model (self->selection, NULL);
  g_clear_object (&self->people);
  g_set_object (&self->store, store);
  d360_contact_editor_set_store (self->editor, store);
  fill_tags (self);
  refresh_list (self);
}

/**
 * d360_contacts_view_start_search:
 *
 * Returns: %FALSE when there is nothing to search
 */
gboolean
d360_contacts_view_start_search (D360ContactsView *self)
{
  g_return_val_if_fail (D360_IS_CONTACTS_VIEW (self), FALSE);

  if (self->store == NULL)
    return FALSE;

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
d360_contacts_view_new_person (D360ContactsView *self,
                               gint64            organization_id)
{
  g_return_if_fail (D360_IS_CONTACTS_VIEW (self));

  if (self->store == NULL)
    return;

  g_clear_handle_id (&self->show_idle_id, g_source_remove);
  d360_contact_editor_flush (self->editor);
  g_hash_table_remove_all (self->selected_ids);
  reselect (self);
  d360_contact_editor_new_contact (self->editor, organization_id);
  reveal_editor (self);
  d360_contact_editor_focus_name (self->editor);
  update_list_state (self);
}

gboolean
d360_contacts_view_open_person (D360ContactsView *self,
                                gint64            contact_id)
{
  g_return_val_if_fail (D360_IS_CONTACTS_VIEW (self), FALSE);

  if (self->store == NULL || !show_person (self, contact_id))
    return FALSE;

  set_selected_ids (self, &contact_id, 1);
  reselect (self);
  if (gtk_bitset_is_empty (gtk_selection_model_get_selection (
        GTK_SELECTION_MODEL (self->selection))))
    {
      /* Hidden by the search or a filter. */
      clear_filters (self, TRUE);
      reselect (self);
    }
  update_list_state (self);
  return TRUE;
}

/**
 * d360_contacts_view_dup_export_ids:
 *
 * Returns: (transfer full) (nullable): the ids (gint64) to export, or %NULL
 *   for every person
 */
GArray *
d360_contacts_view_dup_export_ids (D360ContactsView *self)
{
  D360ContactQuery query;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  g_return_val_if_fail (D360_IS_CONTACTS_VIEW (self), NULL);

  if (self->store == NULL)
    return NULL;

  d360_contact_editor_flush (self->editor);
  if (count_selected (self) > 1)
    return dup_selected_ids (self);
  if (self->search == NULL && count_filters (self) == 0)
    return NULL;

  fill_query (self, &query);
  ids = d360_store_list_contact_ids (self->store, &query, &error);
  if (ids == NULL)
    {
      /* Not everyone: nobody. */
      g_warning ("Could not list the people to export: %s", error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  return ids;
}

void
d360_contacts_view_flush (D360ContactsView *self)
{
  g_return_if_fail (D360_IS_CONTACTS_VIEW (self));

  d360_contact_editor_flush (self->editor);
}

void
d360_contacts_view_reload (D360ContactsView *self)
{
  gint64 id;

  g_return_if_fail (D360_IS_CONTACTS_VIEW (self));

  d360_contact_editor_flush (self->editor);
  id = d360_contact_editor_get_contact_id (self->editor);
  if (id <= 0 || self->store == NULL)
    return;

  if (!d360_contact_editor_load (self->editor, id, NULL))
    hide_person (self);
}

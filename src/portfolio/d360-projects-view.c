/* d360-projects-view.c — the city's projects: list, search, filters and the editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is the store's paged model. Every write to the projects table
 * refreshes it as a whole, which drops the selection; the view then selects
 * the project the editor shows again, found by its id.
 */

#define G_LOG_DOMAIN "d360-projects-view"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-compat.h"
#include "d360-money.h"
#include "d360-project-editor.h"
#include "d360-projects-view.h"
#include "d360-store-portfolio.h"

/* How far down a refreshed list the edited project is looked for. */
#define MAX_RESELECT_SCAN 1000

/* How much of a title a list row or a toast shows. */
#define SHORT_TITLE_CHARS 200
#define TOAST_TITLE_CHARS 40

typedef enum
{
  UNDO_NONE,
  UNDO_DELETE,
  UNDO_ARCHIVE,
} UndoKind;

struct _D360ProjectsView
{
  AdwBin              parent_instance;

  D360Store          *store;
  gint64              city_id;
  GListModel         *projects;
  char               *search;
  gint64              selected_id;        /* the project in the editor */
  guint               selected_position;  /* where it was last seen in the list */
  guint               show_idle_id;
  gboolean            focus_after_show;
  gboolean            resetting_filters;

  UndoKind            undo_kind;
  gint64              undo_project_id;
  gboolean            undo_archived;      /* UNDO_ARCHIVE: the state to go back to */
  GObject            *deleted;            /* UNDO_DELETE: what the store needs */
  AdwToast           *undo_toast;

  AdwToastOverlay    *toast_overlay;
  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkDropDown        *stage_filter;
  GtkDropDown        *agenda_filter;
  GtkDropDown        *dimension_filter;
  GtkDropDown        *funding_filter;
  GtkSwitch          *archived_switch;
  GtkLabel           *count_label;
  GtkDropDown        *sort_dropdown;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkStack           *content_stack;
  D360ProjectEditor  *editor;
};

G_DEFINE_FINAL_TYPE (D360ProjectsView, d360_projects_view, ADW_TYPE_BIN)

/* ---------------------------------------------------------------- helpers */

static char *
shorten (const char *text,
         glong       max_chars)
{
  g_autofree char *start = NULL;

  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_strlen (text, max_chars * 6 + 1) <= max_chars)
    return g_strdup (text);

  start = g_utf8_substring (text, 0, max_chars - 1);
  return g_strconcat (start, "…", NULL);
}

static char *
dup_toast_title (const char *title)
{
  g_autofree char *short_title = shorten (title, TOAST_TITLE_CHARS);

  /* Toast titles are Pango markup. */
  return g_markup_escape_text (short_title, -1);
}

static gboolean
contains_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
fill_filter (GtkDropDown *dropdown,
             const char  *any,
             const char *(*get_label) (guint index),
             guint        n_items)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, any);
  for (guint i = 0; i < n_items; i++)
    gtk_string_list_append (labels, get_label (i));
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
}

static const char *
get_stage_label (guint index)
{
  return d360_stage_get_label (index);
}

static const char *
get_dimension_label (guint index)
{
  return d360_dimension_get_label (index);
}

/* The chosen item of a filter; 0 is "any". */
static guint
get_choice (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected != GTK_INVALID_LIST_POSITION ? selected : 0;
}

static guint
count_filters (D360ProjectsView *self)
{
  return (get_choice (self->stage_filter) > 0) +
         (get_choice (self->agenda_filter) > 0) +
         (get_choice (self->dimension_filter) > 0) +
         (get_choice (self->funding_filter) > 0) +
         gtk_switch_get_active (self->archived_switch);
}

static void
fill_query (D360ProjectsView *self,
            D360ProjectQuery *query)
{
  guint stage = get_choice (self->stage_filter);
  guint agenda = get_choice (self->agenda_filter);
  guint dimension = get_choice (self->dimension_filter);
  guint funding = get_choice (self->funding_filter);

  *query = (D360ProjectQuery) {
    .city_id = self->city_id,
    .search = self->search,
    .stage = stage > 0 ? (int) stage - 1 : -1,
    .agenda_areas = agenda > 0 ? 1u << (agenda - 1) : 0,
    .dimensions = dimension > 0 ? D360_DIMENSION_BIT (dimension - 1) : 0,
    .funding_sources = funding > 0 ? 1u << (funding - 1) : 0,
    .archived = gtk_switch_get_active (self->archived_switch),
    .sort = (D360ProjectSort) get_choice (self->sort_dropdown),
  };
}

static void
update_actions (D360ProjectsView *self)
{
  gboolean has_city = self->store != NULL && self->city_id > 0;
  gboolean has_project = d360_project_editor_get_project_id (self->editor) != 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.new", has_city);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.duplicate", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.archive", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.delete", has_project);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.undo",
                                 self->undo_kind != UNDO_NONE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "projects.reset-filters",
                                 count_filters (self) > 0);
}

static void
update_list_state (D360ProjectsView *self)
{
  gboolean has_city = self->store != NULL && self->city_id > 0;
  gboolean archived = gtk_switch_get_active (self->archived_switch);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint n_filters = count_filters (self);
  g_autofree char *count = NULL;
  g_autofree char *filters = NULL;
  const char *page;

  if (!has_city)
    page = "no-city";
  else if (n_items > 0)
    page = "list";
  else if (self->search != NULL || n_filters > (archived ? 1u : 0u))
    page = "no-results";
  else if (archived)
    page = "no-archived";
  else
    page = "empty";
  gtk_stack_set_visible_child_name (self->list_stack, page);

  if (has_city)
    count = g_strdup_printf (archived ? ngettext ("%u archived project",
                                                  "%u archived projects", n_items)
                                      : ngettext ("%u project", "%u projects", n_items),
                             n_items);
  gtk_label_set_text (self->count_label, count != NULL ? count : "");

  if (n_filters > 0)
    filters = g_strdup_printf (ngettext ("%u Filter", "%u Filters", n_filters), n_filters);
  gtk_menu_button_set_label (self->filter_button, filters != NULL ? filters : _("Filters"));

  gtk_widget_set_sensitive (GTK_WIDGET (self->search_entry), has_city);
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_button), has_city);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sort_dropdown), has_city);
  update_actions (self);
}

static void
refresh_list (D360ProjectsView *self)
{
  D360ProjectQuery query;

  if (self->resetting_filters)
    return;

  if (self->store == NULL)
    {
      gtk_single_selection_set_model (self->selection, NULL);
      g_clear_object (&self->projects);
      update_list_state (self);
      return;
    }

  fill_query (self, &query);
  if (self->projects == NULL)
    {
      self->projects = d360_store_list_projects (self->store, &query);
      gtk_single_selection_set_model (self->selection, self->projects);
    }
  else
    d360_store_project_list_set_query (self->projects, &query);

  update_list_state (self);
}

/* Where the project @id is in the list, looking first where it was and at the
 * top (where the last updated one goes), then down to MAX_RESELECT_SCAN. */
static guint
find_position (D360ProjectsView *self,
               gint64            id)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n_items = g_list_model_get_n_items (model);
  guint likely[] = { self->selected_position, 0 };

  if (id == 0)
    return GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < G_N_ELEMENTS (likely); i++)
    {
      g_autoptr(D360Project) project = NULL;

      if (likely[i] >= n_items)
        continue;
      project = g_list_model_get_item (model, likely[i]);
      if (project != NULL && d360_project_get_id (project) == id)
        return likely[i];
    }

  for (guint i = 0; i < MIN (n_items, MAX_RESELECT_SCAN); i++)
    {
      g_autoptr(D360Project) project = g_list_model_get_item (model, i);

      if (project != NULL && d360_project_get_id (project) == id)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* Selects the edited project in the list, if the list shows it. */
static void
select_edited_project (D360ProjectsView *self)
{
  guint position = find_position (self, self->selected_id);

  gtk_single_selection_set_selected (self->selection, position);
  if (position == GTK_INVALID_LIST_POSITION)
    return;

  self->selected_position = position;
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                              position);
}

static void
show_error (D360ProjectsView *self,
            const char       *what,
            const GError     *error)
{
  g_autofree char *text = NULL;

  g_warning ("%s: %s", what, error->message);
  /* Translators: a toast; the first %s says what failed, the second why */
  text = g_markup_printf_escaped (_("%s: %s"), what, error->message);
  d360_compat_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
hide_project (D360ProjectsView *self)
{
  g_clear_handle_id (&self->show_idle_id, g_source_remove);
  self->focus_after_show = FALSE;
  self->selected_id = 0;
  d360_project_editor_clear (self->editor);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  update_actions (self);
}

/* Shows the editor (folded: instead of the list), its project selected. */
static void
reveal_editor (D360ProjectsView *self)
{
  select_edited_project (self);
  gtk_stack_set_visible_child_name (self->content_stack, "editor");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  update_actions (self);
}

static gboolean
show_project (D360ProjectsView *self,
              gint64            id)
{
  g_autoptr(GError) error = NULL;

  /* Set first: saving the previous project refreshes the list, which then
   * selects this one. */
  g_clear_handle_id (&self->show_idle_id, g_source_remove);
  self->focus_after_show = FALSE;
  self->selected_id = id;
  if (!d360_project_editor_load (self->editor, id, &error))
    {
      show_error (self, _("The project could not be opened"), error);
      hide_project (self);
      return FALSE;
    }

  reveal_editor (self);
  return TRUE;
}

/* Shows @id unless it is already shown; FALSE when it cannot be. */
static gboolean
open_project (D360ProjectsView *self,
              gint64            id)
{
  if (id != d360_project_editor_get_project_id (self->editor))
    return show_project (self, id);

  g_clear_handle_id (&self->show_idle_id, g_source_remove);
  self->selected_id = id;
  reveal_editor (self);
  return TRUE;
}

/* Shows every project again (but the search, unless @search too), with one
 * refresh of the list. */
static void
clear_filters (D360ProjectsView *self,
               gboolean          search)
{
  self->resetting_filters = TRUE;
  if (search)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_clear_pointer (&self->search, g_free);
    }
  gtk_drop_down_set_selected (self->stage_filter, 0);
  gtk_drop_down_set_selected (self->agenda_filter, 0);
  gtk_drop_down_set_selected (self->dimension_filter, 0);
  gtk_drop_down_set_selected (self->funding_filter, 0);
  gtk_switch_set_active (self->archived_switch, FALSE);
  self->resetting_filters = FALSE;
  refresh_list (self);
}

/* Shows a new project, clearing the search and filters that could hide it. */
static void
show_new_project (D360ProjectsView *self,
                  gint64            id)
{
  clear_filters (self, TRUE);
  if (show_project (self, id))
    d360_project_editor_focus_title (self->editor);
}

static void
forget_undo (D360ProjectsView *self)
{
  g_autoptr(AdwToast) toast = g_steal_pointer (&self->undo_toast);

  self->undo_kind = UNDO_NONE;
  self->undo_project_id = 0;
  g_clear_object (&self->deleted);
  if (toast != NULL)
    d360_compat_dismiss_toast (toast);
  update_actions (self);
}

static void
toast_dismissed_cb (D360ProjectsView *self,
                    AdwToast         *toast)
{
  if (toast != self->undo_toast)
    return;

  g_clear_object (&self->undo_toast);
  forget_undo (self);
}

/* Shows @text with an Undo button; takes what undoing needs. */
static void
offer_undo (D360ProjectsView *self,
            const char       *text,
            UndoKind          kind,
            gint64            project_id)
{
  AdwToast *toast;

  forget_undo (self);

  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "projects.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);

  self->undo_kind = kind;
  self->undo_project_id = project_id;
  self->undo_toast = g_object_ref (toast);
  d360_compat_add_toast (self->toast_overlay, toast);
  update_actions (self);
}

/* ---------------------------------------------------------------- actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  D360ProjectsView *self = D360_PROJECTS_VIEW (widget);
  g_autoptr(D360Project) project = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->city_id <= 0)
    return;

  d360_project_editor_flush (self->editor);

  /* Saved at once under a placeholder title, which the editor selects. */
  project = d360_project_new (self->city_id, _("New Project"));
  if (!d360_store_save_project (self->store, project, &error))
    {
      show_error (self, _("The project could not be created"), error);
      return;
    }

  show_new_project (self, d360_project_get_id (project));
}

static void
duplicate_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  D360ProjectsView *self = D360_PROJECTS_VIEW (widget);
  g_autoptr(D360Project) copy = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = d360_project_editor_get_project_id (self->editor);

  if (id == 0)
    return;

  d360_project_editor_flush (self->editor);
  copy = d360_store_duplicate_project (self->store, id, &error);
  if (copy == NULL)
    {
      show_error (self, _("The project could not be duplicated"), error);
      return;
    }

  show_new_project (self, d360_project_get_id (copy));
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  D360ProjectsView *self = D360_PROJECTS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  D360Project *project;
  gboolean archived;
  gint64 id;

  d360_project_editor_flush (self->editor);
  project = d360_project_editor_get_project (self->editor);
  if (project == NULL)
    return;

  id = d360_project_get_id (project);
  archived = d360_project_get_archived (project);
  title = dup_toast_title (d360_project_get_title (project));
  if (!d360_store_set_project_archived (self->store, id, !archived, &error))
    {
      show_error (self, archived ? _("The project could not be unarchived")
                                 : _("The project could not be archived"), error);
      return;
    }

  /* The editor keeps showing it, with the button to undo, even where the
   * list no longer does. */
  show_project (self, id);

  text = g_strdup_printf (archived ? _("“%s” unarchived") : _("“%s” archived"), title);
  offer_undo (self, text, UNDO_ARCHIVE, id);
  self->undo_archived = archived;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  D360ProjectsView *self = D360_PROJECTS_VIEW (widget);
  gboolean list_had_focus = contains_focus (GTK_WIDGET (self->list_view));
  g_autoptr(GObject) deleted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *text = NULL;
  D360Project *project;
  gint64 id;

  d360_project_editor_flush (self->editor);
  project = d360_project_editor_get_project (self->editor);
  if (project == NULL)
    return;

  id = d360_project_get_id (project);
  title = dup_toast_title (d360_project_get_title (project));
  hide_project (self);

  deleted = d360_store_delete_project (self->store, id, &error);
  if (deleted == NULL)
    {
      show_error (self, _("The project could not be deleted"), error);
      show_project (self, id);
      return;
    }

  text = g_strdup_printf (_("“%s” deleted"), title);
  offer_undo (self, text, UNDO_DELETE, id);
  self->deleted = g_steal_pointer (&deleted);

  if (list_had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  D360ProjectsView *self = D360_PROJECTS_VIEW (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = self->undo_project_id;
  gboolean done = FALSE;

  switch (self->undo_kind)
    {
    case UNDO_DELETE:
      done = d360_store_undo_delete_project (self->store, self->deleted, &error);
      break;
    case UNDO_ARCHIVE:
      d360_project_editor_flush (self->editor);
      done = d360_store_set_project_archived (self->store, id, self->undo_archived, &error);
      break;
    case UNDO_NONE:
    default:
      return;
    }

  forget_undo (self);
  if (!done)
    {
      show_error (self, _("The change could not be undone"), error);
      return;
    }

  show_project (self, id);
}

static void
reset_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  clear_filters (D360_PROJECTS_VIEW (widget), FALSE);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  if (!d360_projects_view_start_search (D360_PROJECTS_VIEW (widget)))
    gtk_widget_error_bell (widget);
}

static void
show_list_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  D360ProjectsView *self = D360_PROJECTS_VIEW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Folded, going back to the list leaves nothing selected there, so that
 * choosing the same project again opens it; unfolded, the list selects the
 * edited project again. */
static void
leaflet_changed_cb (D360ProjectsView *self)
{
  gint64 edited = d360_project_editor_get_project_id (self->editor);
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  const char *visible = adw_leaflet_get_visible_child_name (self->leaflet);

  if (folded && g_strcmp0 (visible, "sidebar") == 0 && self->selected_id != 0)
    {
      self->selected_id = 0;
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
    }
  else if (!folded && self->selected_id == 0 && edited != 0)
    {
      self->selected_id = edited;
      select_edited_project (self);
    }
}

/* Delete deletes the selected project while the list has the focus; elsewhere
 * the key is left to the focused widget. */
static gboolean
delete_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  D360ProjectsView *self = D360_PROJECTS_VIEW (widget);

  if (!contains_focus (GTK_WIDGET (self->list_view)) ||
      d360_project_editor_get_project_id (self->editor) == 0)
    return FALSE;

  return gtk_widget_activate_action (widget, "projects.delete", NULL);
}

/* --------------------------------------------------------------- callbacks */

static char *
project_title_cb (GtkListItem *item,
                  D360Project *project)
{
  return shorten (project != NULL ? d360_project_get_title (project) : NULL,
                  SHORT_TITLE_CHARS);
}

static char *
project_subtitle_cb (GtkListItem *item,
                     D360Project *project)
{
  g_autofree char *budget = NULL;
  const char *stage;

  if (project == NULL)
    return g_strdup ("");

  stage = d360_stage_get_label (d360_project_get_stage (project));
  if (d360_project_get_budget_minor (project) < 0 || d360_project_get_currency (project) == NULL)
    return g_strdup (stage);

  budget = d360_money_format (d360_project_get_budget_minor (project),
                              d360_project_get_currency (project));
  /* Translators: a project in the list: its stage and its budget */
  return g_strdup_printf (_("%s · %s"), stage, budget);
}

static void
search_changed_cb (D360ProjectsView *self)
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
search_activate_cb (D360ProjectsView *self)
{
  g_autoptr(D360Project) project = g_list_model_get_item (G_LIST_MODEL (self->selection), 0);

  if (project == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  if (open_project (self, d360_project_get_id (project)))
    d360_project_editor_focus_title (self->editor);
}

static void
search_stop_cb (D360ProjectsView *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
filters_changed_cb (D360ProjectsView *self)
{
  refresh_list (self);
}

static gboolean
show_selected_cb (gpointer data)
{
  D360ProjectsView *self = data;
  gboolean focus = self->focus_after_show;

  self->show_idle_id = 0;
  self->focus_after_show = FALSE;
  if (self->selected_id != 0 && open_project (self, self->selected_id) && focus)
    d360_project_editor_focus_title (self->editor);

  return G_SOURCE_REMOVE;
}

/* Shows @id in the editor once the list has finished handling the click or
 * key: loading it saves the previous project, which refreshes the list. The
 * list keeps @id selected meanwhile. */
static void
show_later (D360ProjectsView *self,
            gint64            id,
            gboolean          focus_title)
{
  self->selected_id = id;
  self->focus_after_show |= focus_title;
  if (self->show_idle_id == 0)
    self->show_idle_id = g_idle_add (show_selected_cb, self);
}

static void
selected_item_changed_cb (D360ProjectsView *self)
{
  D360Project *project = gtk_single_selection_get_selected_item (self->selection);

  /* Nothing selected: a refresh dropped the selection, or the user cleared
   * it; the editor keeps its project either way. */
  if (project == NULL)
    return;

  self->selected_position = gtk_single_selection_get_selected (self->selection);
  if (d360_project_get_id (project) == self->selected_id)
    return;

  show_later (self, d360_project_get_id (project), FALSE);
}

static void
selection_items_changed_cb (D360ProjectsView *self)
{
  update_list_state (self);
  if (self->selected_id != 0)
    select_edited_project (self);
}

static void
list_activate_cb (D360ProjectsView *self,
                  guint             position)
{
  g_autoptr(D360Project) project = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                          position);

  if (project != NULL)
    show_later (self, d360_project_get_id (project), TRUE);
}

/* --------------------------------------------------------------- overrides */

static void
d360_projects_view_dispose (GObject *object)
{
  D360ProjectsView *self = (D360ProjectsView *) object;

  g_clear_handle_id (&self->show_idle_id, g_source_remove);
  if (self->undo_toast != NULL)
    g_signal_handlers_disconnect_by_data (self->undo_toast, self);
  g_clear_object (&self->undo_toast);
  g_clear_object (&self->deleted);

  /* The editor saves what is pending while the store is still there. */
  if (self->editor != NULL)
    d360_project_editor_flush (self->editor);

  /* The bin's child is a template child: unparent it before the template
   * drops it, or AdwBin would unparent it again. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), D360_TYPE_PROJECTS_VIEW);
  g_clear_object (&self->projects);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (d360_projects_view_parent_class)->dispose (object);
}

static void
d360_projects_view_finalize (GObject *object)
{
  D360ProjectsView *self = (D360ProjectsView *) object;

  g_free (self->search);

  G_OBJECT_CLASS (d360_projects_view_parent_class)->finalize (object);
}

static void
d360_projects_view_class_init (D360ProjectsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_projects_view_dispose;
  object_class->finalize = d360_projects_view_finalize;

  g_type_ensure (D360_TYPE_PROJECT);
  g_type_ensure (D360_TYPE_PROJECT_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/d360-projects-view.ui");
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, filter_button);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, stage_filter);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, agenda_filter);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, dimension_filter);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, funding_filter);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, archived_switch);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, list_view);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, selection);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, D360ProjectsView, editor);
  gtk_widget_class_bind_template_callback (widget_class, project_title_cb);
  gtk_widget_class_bind_template_callback (widget_class, project_subtitle_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selected_item_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_changed_cb);

  gtk_widget_class_install_action (widget_class, "projects.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "projects.duplicate", NULL, duplicate_action);
  gtk_widget_class_install_action (widget_class, "projects.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "projects.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "projects.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "projects.reset-filters", NULL,
                                   reset_filters_action);
  gtk_widget_class_install_action (widget_class, "projects.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "projects.show-list", NULL, show_list_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "projects.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "projects.search", NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_shortcut_cb, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_KP_Delete, 0, delete_shortcut_cb, NULL);
}

static void
d360_projects_view_init (D360ProjectsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->resetting_filters = TRUE;
  fill_filter (self->stage_filter, _("Any stage"), get_stage_label, D360_N_STAGES);
  fill_filter (self->agenda_filter, _("Any agenda area"), d360_agenda_area_get_label,
               D360_N_AGENDA_AREAS);
  fill_filter (self->dimension_filter, _("Any dimension"), get_dimension_label,
               D360_N_DIMENSIONS);
  fill_filter (self->funding_filter, _("Any funding source"), d360_funding_source_get_label,
               D360_N_FUNDING_SOURCES);
  self->resetting_filters = FALSE;

  update_list_state (self);
}

/* ----------------------------------------------------------------- public */

void
d360_projects_view_set_store (D360ProjectsView *self,
                              D360Store        *store)
{
  g_return_if_fail (D360_IS_PROJECTS_VIEW (self));
  g_return_if_fail (store == NULL || D360_IS_STORE (store));

  if (self->store == store)
    return;

  forget_undo (self);
  hide_project (self);
  gtk_single_selection_set_model (self->selection, NULL);
  g_clear_object (&self->projects);
  g_set_object (&self->store, store);
  d360_project_editor_set_store (self->editor, store);
  refresh_list (self);
}

/**
 * d360_projects_view_set_city:
 * @city_id: the city whose projects to show, or 0 for none
 */
void
d360_projects_view_set_city (D360ProjectsView *self,
                             gint64            city_id)
{
  g_return_if_fail (D360_IS_PROJECTS_VIEW (self));

  if (self->city_id == city_id)
    return;

  forget_undo (self);
  hide_project (self);
  self->city_id = city_id;
  refresh_list (self);
}

/**
 * d360_projects_view_start_search:
 *
 * Shows and focuses the search entry.
 *
 * Returns: %FALSE when there is nothing to search (no city)
 */
gboolean
d360_projects_view_start_search (D360ProjectsView *self)
{
  g_return_val_if_fail (D360_IS_PROJECTS_VIEW (self), FALSE);

  if (self->store == NULL || self->city_id <= 0)
    return FALSE;

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  return gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

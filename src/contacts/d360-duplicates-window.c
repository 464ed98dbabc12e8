/* d360-duplicates-window.c — people stored twice, and merging them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists the store's candidate pairs with the reason each was found; a pair's
 * Merge button asks, then merges the second into the first and looks again.
 * "Not the Same" tells the store they are two people, so that the pair is not
 * offered again; its toast can undo that. A large book can have thousands of
 * pairs (after an import of everything "anyway"): rows are made for a page
 * of them at a time, Show More adds the next.
 */

#define G_LOG_DOMAIN "d360-duplicates-window"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-compat.h"
#include "d360-duplicates-window.h"
#include "d360-store-contacts.h"

/* Rows made at a time: each looks both people up. */
#define PAGE_SIZE 100

struct _D360DuplicatesWindow
{
  AdwWindow        parent_instance;

  D360Store       *store;
  GPtrArray       *pairs;          /* D360DuplicatePair */
  GPtrArray       *rows;           /* the first of them, a row each */
  guint            n_pages;        /* how many pages of rows are shown */

  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkStack        *stack;
  GtkListBox      *pairs_list;
  GtkButton       *more_button;
};

G_DEFINE_FINAL_TYPE (D360DuplicatesWindow, d360_duplicates_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- helpers */

static void
show_text (D360DuplicatesWindow *self,
           const char           *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static char *
dup_name (D360DuplicatesWindow *self,
          gint64                id)
{
  g_autoptr(D360Contact) contact = d360_store_get_contact (self->store, id, NULL);

  if (contact == NULL)
    return g_strdup ("?");
  return g_strdup (d360_contact_get_display_name (contact));
}

static void merge_clicked_cb (D360DuplicatesWindow *self,
                              GtkButton            *button);
static void distinct_clicked_cb (D360DuplicatesWindow *self,
                                 GtkButton            *button);

/* A button (or dialog) knows its pair by the two ids, not by its place:
 * rows come and go. */
static void
set_pair_data (GObject                 *object,
               const D360DuplicatePair *pair)
{
  gint64 ids[2] = { pair->first_id, pair->second_id };

  g_object_set_data_full (object, "pair", g_memdup2 (ids, sizeof ids), g_free);
}

/* Where the pair of @object is in the list now, or -1 when it is gone. */
static int
find_pair (D360DuplicatesWindow *self,
           GObject              *object)
{
  const gint64 *ids = g_object_get_data (object, "pair");

  for (guint i = 0; ids != NULL && self->pairs != NULL && i < self->pairs->len; i++)
    {
      const D360DuplicatePair *pair = g_ptr_array_index (self->pairs, i);

      if (pair->first_id == ids[0] && pair->second_id == ids[1])
        return (int) i;
    }
  return -1;
}

static GtkWidget *
create_row (D360DuplicatesWindow    *self,
            const D360DuplicatePair *pair)
{
  g_autofree char *first = dup_name (self, pair->first_id);
  g_autofree char *second = dup_name (self, pair->second_id);
  /* Translators: a pair of likely duplicates: "Ana Popescu and Ana Popescu" */
  g_autofree char *title = g_strdup_printf (_("%s and %s"), first, second);
  /* Translators: the accessible name of a Merge button; %s is two names */
  g_autofree char *merge_label = g_strdup_printf (_("Merge %s"), title);
  /* Translators: the accessible name of a Not the Same button; %s is two names */
  g_autofree char *distinct_label = g_strdup_printf (_("%s are not the same person"), title);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Merge…"));
  GtkWidget *distinct = gtk_button_new_with_mnemonic (_("_Not the Same"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), pair->reason);

  gtk_widget_set_valign (distinct, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (distinct, "flat");
  gtk_widget_set_tooltip_text (distinct, _("They are two different people: stop suggesting "
                                           "this pair"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (distinct), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  distinct_label, -1);
  gtk_widget_set_name (distinct, "not-the-same");
  set_pair_data (G_OBJECT (distinct), pair);
  g_signal_connect_object (distinct, "clicked", G_CALLBACK (distinct_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), distinct);

  gtk_widget_set_name (button, "merge");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Keep the first and add to it what only the second "
                                         "has"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  merge_label, -1);
  set_pair_data (G_OBJECT (button), pair);
  g_signal_connect_object (button, "clicked", G_CALLBACK (merge_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

/* Rows for the pairs of the pages shown that have none yet; Show More for
 * the rest. */
static void
add_rows (D360DuplicatesWindow *self)
{
  guint n_pairs = self->pairs != NULL ? self->pairs->len : 0;
  guint n_rows = MIN (n_pairs, self->n_pages * PAGE_SIZE);
  g_autofree char *more = NULL;

  for (guint i = self->rows->len; i < n_rows; i++)
    {
      GtkWidget *row = create_row (self, g_ptr_array_index (self->pairs, i));

      gtk_list_box_append (self->pairs_list, row);
      g_ptr_array_add (self->rows, row);
    }

  if (n_pairs > n_rows)
    /* Translators: a button under a list of likely duplicates; %u is how many are
     * not shown yet */
    more = g_strdup_printf (ngettext ("_Show More (%u Not Shown)", "_Show More (%u Not Shown)",
                                      n_pairs - n_rows), n_pairs - n_rows);
  gtk_button_set_label (self->more_button, more != NULL ? more : "");
  gtk_widget_set_visible (GTK_WIDGET (self->more_button), more != NULL);
}

/* How many pairs there are, in the title; the empty page without any. */
static void
show_count (D360DuplicatesWindow *self)
{
  guint n_pairs = self->pairs != NULL ? self->pairs->len : 0;
  g_autofree char *subtitle = NULL;

  if (n_pairs > 0)
    subtitle = g_strdup_printf (ngettext ("%u likely duplicate", "%u likely duplicates",
                                          n_pairs), n_pairs);
  adw_window_title_set_subtitle (self->window_title, subtitle != NULL ? subtitle : "");
  gtk_stack_set_visible_child_name (self->stack, n_pairs > 0 ? "list" : "empty");
}

/* Takes the pair at @index and its row off the list, without looking for
 * the pairs again (only this one changed); the next pair moves up into the
 * page, and the keyboard goes on with the row now in its place. */
static void
remove_pair (D360DuplicatesWindow *self,
             guint                 index)
{
  gboolean had_focus = FALSE;

  if (index < self->rows->len)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, index);
      GtkRoot *root = gtk_widget_get_root (row);
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      had_focus = focus != NULL && (focus == row || gtk_widget_is_ancestor (focus, row));
      gtk_list_box_remove (self->pairs_list, row);
      g_ptr_array_remove_index (self->rows, index);
    }
  g_ptr_array_remove_index (self->pairs, index);

  add_rows (self);
  show_count (self);
  if (had_focus && self->rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->rows, MIN (index, self->rows->len - 1)));
}

/* --------------------------------------------------------------- callbacks */

static void
merge_response_cb (AdwMessageDialog     *dialog,
                   const char           *response,
                   D360DuplicatesWindow *self)
{
  int index = find_pair (self, G_OBJECT (dialog));
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "merge") || index < 0)
    return;

  if (!d360_duplicates_window_merge (self, (guint) index, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The people could not be merged: %s"),
                                               error->message);

      show_text (self, text);
      return;
    }
  show_text (self, _("Merged"));
}

static void
more_clicked_cb (D360DuplicatesWindow *self)
{
  GtkWidget *first_new = NULL;
  guint n_before = self->rows->len;

  self->n_pages++;
  add_rows (self);
  if (self->rows->len > n_before)
    first_new = g_ptr_array_index (self->rows, n_before);
  /* The button may have gone: the keyboard goes on with the first new row. */
  if (first_new != NULL)
    gtk_widget_grab_focus (first_new);
}

/* The pair a "Not the Same" toast can give back: (first id, second id). */
static void
undo_distinct_cb (AdwToast             *toast,
                  D360DuplicatesWindow *self)
{
  const gint64 *ids = g_object_get_data (G_OBJECT (toast), "pair");
  g_autoptr(GError) error = NULL;

  if (ids == NULL || self->store == NULL)
    return;

  if (!d360_store_set_contacts_distinct (self->store, ids[0], ids[1], FALSE, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The pair could not be brought back: %s"),
                                               error->message);

      show_text (self, text);
      return;
    }
  d360_duplicates_window_refresh (self);
}

static void
distinct_clicked_cb (D360DuplicatesWindow *self,
                     GtkButton            *button)
{
  int index = find_pair (self, G_OBJECT (button));
  const D360DuplicatePair *pair;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 ids[2];
  AdwToast *toast;

  if (index < 0)
    return;

  pair = g_ptr_array_index (self->pairs, index);
  ids[0] = pair->first_id;
  ids[1] = pair->second_id;

  if (!d360_duplicates_window_set_distinct (self, (guint) index, &error))
    {
      text = g_strdup_printf (_("The pair could not be set apart: %s"), error->message);
      show_text (self, text);
      return;
    }

  toast = adw_toast_new (_("Kept as two people"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_object_set_data_full (G_OBJECT (toast), "pair", g_memdup2 (ids, sizeof ids), g_free);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_distinct_cb), self, 0);
  d360_compat_add_toast (self->toast_overlay, toast);
}

static void
merge_clicked_cb (D360DuplicatesWindow *self,
                  GtkButton            *button)
{
  int index = find_pair (self, G_OBJECT (button));
  const D360DuplicatePair *pair;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (index < 0)
    return;

  pair = g_ptr_array_index (self->pairs, index);
  first = dup_name (self, pair->first_id);
  second = dup_name (self, pair->second_id);
  heading = g_strdup_printf (_("Merge “%s” into “%s”?"), second, first);
  body = g_strdup_printf (_("“%s” keeps its details and gains what only the other has: email "
                            "addresses, phone numbers, tags, languages, interests and notes. "
                            "Meetings and actions move to it. The other is then deleted."),
                          first);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  set_pair_data (G_OBJECT (dialog), pair);
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --------------------------------------------------------------- overrides */

static void
d360_duplicates_window_dispose (GObject *object)
{
  D360DuplicatesWindow *self = (D360DuplicatesWindow *) object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (d360_duplicates_window_parent_class)->dispose (object);
}

static void
d360_duplicates_window_finalize (GObject *object)
{
  D360DuplicatesWindow *self = (D360DuplicatesWindow *) object;

  g_clear_pointer (&self->pairs, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (d360_duplicates_window_parent_class)->finalize (object);
}

static void
d360_duplicates_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  D360DuplicatesWindow *self = D360_DUPLICATES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_duplicates_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  D360DuplicatesWindow *self = D360_DUPLICATES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_duplicates_window_constructed (GObject *object)
{
  G_OBJECT_CLASS (d360_duplicates_window_parent_class)->constructed (object);

  d360_duplicates_window_refresh (D360_DUPLICATES_WINDOW (object));
}

static void
d360_duplicates_window_class_init (D360DuplicatesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_duplicates_window_dispose;
  object_class->finalize = d360_duplicates_window_finalize;
  object_class->get_property = d360_duplicates_window_get_property;
  object_class->set_property = d360_duplicates_window_set_property;
  object_class->constructed = d360_duplicates_window_constructed;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, D360_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/d360-duplicates-window.ui");
  gtk_widget_class_bind_template_child (widget_class, D360DuplicatesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, D360DuplicatesWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, D360DuplicatesWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, D360DuplicatesWindow, pairs_list);
  gtk_widget_class_bind_template_child (widget_class, D360DuplicatesWindow, more_button);
  gtk_widget_class_bind_template_callback (widget_class, more_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
d360_duplicates_window_init (D360DuplicatesWindow *self)
{
  self->rows = g_ptr_array_new ();
  self->n_pages = 1;

  gtk_widget_init_template (GTK_WIDGET (self));
}

/* ----------------------------------------------------------------- public */

D360DuplicatesWindow *
d360_duplicates_window_new (GtkWindow *parent,
                            D360Store *store)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (D360_IS_STORE (store), NULL);

  return g_object_new (D360_TYPE_DUPLICATES_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       NULL);
}

guint
d360_duplicates_window_refresh (D360DuplicatesWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint n_pairs;

  g_return_val_if_fail (D360_IS_DUPLICATES_WINDOW (self), 0);

  for (guint i = 0; i < self->rows->len; i++)
    gtk_list_box_remove (self->pairs_list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->pairs, g_ptr_array_unref);

  if (self->store != NULL)
    self->pairs = d360_store_find_duplicate_pairs (self->store, &error);
  if (error != NULL)
    show_text (self, error->message);

  n_pairs = self->pairs != NULL ? self->pairs->len : 0;
  add_rows (self);
  show_count (self);
  return n_pairs;
}

/* Merges the pair at @index, or keeps it as two people. */
static gboolean
act_on_pair (D360DuplicatesWindow  *self,
             guint                  index,
             gboolean               merge,
             GError               **error)
{
  const D360DuplicatePair *pair = g_ptr_array_index (self->pairs, index);
  gboolean ok;

  if (merge)
    ok = d360_store_merge_contacts (self->store, pair->first_id, pair->second_id, error);
  else
    ok = d360_store_set_contacts_distinct (self->store, pair->first_id, pair->second_id, TRUE,
                                           error);
  /* A merge changes the pairs of the one kept: look again. */
  if (ok && merge)
    d360_duplicates_window_refresh (self);
  else if (ok)
    remove_pair (self, index);
  return ok;
}

gboolean
d360_duplicates_window_merge (D360DuplicatesWindow  *self,
                              guint                  index,
                              GError               **error)
{
  g_return_val_if_fail (D360_IS_DUPLICATES_WINDOW (self), FALSE);
  g_return_val_if_fail (self->pairs != NULL && index < self->pairs->len, FALSE);

  return act_on_pair (self, index, TRUE, error);
}

gboolean
d360_duplicates_window_set_distinct (D360DuplicatesWindow  *self,
                                     guint                  index,
                                     GError               **error)
{
  g_return_val_if_fail (D360_IS_DUPLICATES_WINDOW (self), FALSE);
  g_return_val_if_fail (self->pairs != NULL && index < self->pairs->len, FALSE);

  return act_on_pair (self, index, FALSE, error);
}

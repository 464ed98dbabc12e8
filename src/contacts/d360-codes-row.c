/* d360-codes-row.c — an expander row to choose several ISO codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The collapsed row lists the chosen names in its subtitle; expanded, it
 * shows one row per choice with a button to remove it. The + button opens a
 * searchable list of every name of the standard, in the user's language.
 */

#define G_LOG_DOMAIN "d360-codes-row"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-codes-row.h"

struct _D360CodesRow
{
  AdwExpanderRow      parent_instance;

  D360IsoStandard     standard;
  GPtrArray          *codes;        /* char *, NULL-terminated */
  GPtrArray          *rows;         /* the rows of the chosen codes */
  GHashTable         *name_codes;   /* shown name → code */
  gboolean            filled;       /* the choices are in filter_model */

  GtkMenuButton      *add_button;
  GtkPopover         *popover;
  GtkSearchEntry     *search_entry;
  GtkListView        *choices_view;
  GtkFilterListModel *filter_model;
  GtkStringFilter    *string_filter;
};

G_DEFINE_FINAL_TYPE (D360CodesRow, d360_codes_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_CODES,
  PROP_STANDARD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------------- helpers */

static const char *
get_name (D360CodesRow *self,
          const char   *code)
{
  const char *name = d360_iso_codes_get_name (self->standard, code);

  return name != NULL ? name : code;
}

static void remove_clicked_cb (D360CodesRow *self,
                               GtkButton    *button);

static void
update_add_label (D360CodesRow *self)
{
  const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self));
  /* Translators: the + button of a list such as "Languages" */
  g_autofree char *label = g_strdup_printf (_("Add to %s"), title != NULL ? title : "");

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->add_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
rebuild (D360CodesRow *self)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);

  for (guint i = 0; i < self->rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; i + 1 < self->codes->len; i++)
    {
      const char *code = g_ptr_array_index (self->codes, i);
      const char *name = get_name (self, code);
      g_autofree char *remove_label = g_strdup_printf (_("Remove %s"), name);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("list-remove-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, remove_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_label, -1);
      g_object_set_data_full (G_OBJECT (button), "code", g_strdup (code), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (remove_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);
      g_ptr_array_add (self->rows, row);

      if (subtitle->len > 0)
        /* Translators: separates the chosen items of a list: "Romanian, English" */
        g_string_append (subtitle, _(", "));
      g_string_append (subtitle, name);
    }

  if (subtitle->len == 0)
    g_string_append (subtitle, C_("chosen items", "None"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle->str);
  update_add_label (self);
}

static gboolean
has_code (D360CodesRow *self,
          const char   *code)
{
  for (guint i = 0; i + 1 < self->codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->codes, i), code))
      return TRUE;
  return FALSE;
}

/* The choices are made when the list is first opened: the languages of
 * ISO 639 (7 900 names read from iso-codes) took a tenth of a second of
 * the app's start, for an editor nobody had opened yet. */
static void
fill_choices (D360CodesRow *self)
{
  const GPtrArray *entries;
  g_autoptr(GtkStringList) names = NULL;

  if (self->filled)
    return;
  self->filled = TRUE;
  entries = d360_iso_codes_get (self->standard);
  names = gtk_string_list_new (NULL);

  g_hash_table_remove_all (self->name_codes);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      const D360IsoEntry *entry = g_ptr_array_index (entries, i);

      if (g_hash_table_contains (self->name_codes, entry->name))
        continue;
      gtk_string_list_append (names, entry->name);
      g_hash_table_insert (self->name_codes, entry->name, entry->code);
    }
  gtk_filter_list_model_set_model (self->filter_model, G_LIST_MODEL (names));
}

static void
choose (D360CodesRow *self,
        guint         position)
{
  g_autoptr(GtkStringObject) item = g_list_model_get_item (G_LIST_MODEL (self->filter_model),
                                                           position);
  const char *code;

  if (item == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  code = g_hash_table_lookup (self->name_codes, gtk_string_object_get_string (item));
  gtk_popover_popdown (self->popover);
  if (code != NULL)
    d360_codes_row_add_code (self, code);
}

/* --------------------------------------------------------------- callbacks */

static void
remove_clicked_cb (D360CodesRow *self,
                   GtkButton    *button)
{
  const char *code = g_object_get_data (G_OBJECT (button), "code");

  for (guint i = 0; i + 1 < self->codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->codes, i), code))
      {
        g_ptr_array_remove_index (self->codes, i);
        break;
      }

  rebuild (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODES]);
}

static void
popover_show_cb (D360CodesRow *self)
{
  fill_choices (self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_changed_cb (D360CodesRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  fill_choices (self);
  gtk_string_filter_set_search (self->string_filter, *text != '\0' ? text : NULL);
}

/* What Enter in the search takes: the name typed, whole, or else the
 * first that begins with it, or else the first that holds it ("Romanian"
 * is not "Istro Romanian", which comes first in the list). */
static guint
best_match (D360CodesRow *self)
{
  GListModel *model = G_LIST_MODEL (self->filter_model);
  g_autofree char *key = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                                          -1);
  guint n = g_list_model_get_n_items (model);
  guint begins = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);
      g_autofree char *name = g_utf8_casefold (gtk_string_object_get_string (item), -1);

      if (g_str_equal (name, key))
        return i;
      if (begins == G_MAXUINT && g_str_has_prefix (name, key))
        begins = i;
    }

  return begins != G_MAXUINT ? begins : 0;
}

static void
search_activate_cb (D360CodesRow *self)
{
  choose (self, best_match (self));
}

static void
choice_activate_cb (D360CodesRow *self,
                    guint         position)
{
  choose (self, position);
}

/* --------------------------------------------------------------- overrides */

static void
d360_codes_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), D360_TYPE_CODES_ROW);

  G_OBJECT_CLASS (d360_codes_row_parent_class)->dispose (object);
}

static void
d360_codes_row_finalize (GObject *object)
{
  D360CodesRow *self = (D360CodesRow *) object;

  g_clear_pointer (&self->codes, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->name_codes, g_hash_table_unref);

  G_OBJECT_CLASS (d360_codes_row_parent_class)->finalize (object);
}

static void
d360_codes_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  D360CodesRow *self = D360_CODES_ROW (object);

  switch (prop_id)
    {
    case PROP_CODES:
      g_value_set_boxed (value, d360_codes_row_get_codes (self));
      break;
    case PROP_STANDARD:
      g_value_set_int (value, self->standard);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_codes_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  D360CodesRow *self = D360_CODES_ROW (object);

  switch (prop_id)
    {
    case PROP_CODES:
      d360_codes_row_set_codes (self, g_value_get_boxed (value));
      break;
    case PROP_STANDARD:
      d360_codes_row_set_standard (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_codes_row_class_init (D360CodesRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_codes_row_dispose;
  object_class->finalize = d360_codes_row_finalize;
  object_class->get_property = d360_codes_row_get_property;
  object_class->set_property = d360_codes_row_set_property;

  properties[PROP_CODES] =
    g_param_spec_boxed ("codes", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STANDARD] =
    g_param_spec_int ("standard", NULL, NULL, 0, D360_ISO_N_STANDARDS - 1, D360_ISO_LANGUAGES,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/d360-codes-row.ui");
  gtk_widget_class_bind_template_child (widget_class, D360CodesRow, add_button);
  gtk_widget_class_bind_template_child (widget_class, D360CodesRow, popover);
  gtk_widget_class_bind_template_child (widget_class, D360CodesRow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, D360CodesRow, choices_view);
  gtk_widget_class_bind_template_child (widget_class, D360CodesRow, filter_model);
  gtk_widget_class_bind_template_child (widget_class, D360CodesRow, string_filter);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_activate_cb);
}

static void
d360_codes_row_init (D360CodesRow *self)
{
  self->standard = D360_ISO_LANGUAGES;
  self->codes = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->codes, NULL);
  self->rows = g_ptr_array_new ();
  self->name_codes = g_hash_table_new (g_str_hash, g_str_equal);

  gtk_widget_init_template (GTK_WIDGET (self));

  rebuild (self);
  g_signal_connect (self, "notify::title", G_CALLBACK (update_add_label), NULL);
}

/* ----------------------------------------------------------------- public */

/**
 * d360_codes_row_get_codes:
 *
 * Returns: (transfer none): the chosen codes, %NULL-terminated
 */
const char * const *
d360_codes_row_get_codes (D360CodesRow *self)
{
  g_return_val_if_fail (D360_IS_CODES_ROW (self), NULL);

  return (const char * const *) self->codes->pdata;
}

void
d360_codes_row_set_codes (D360CodesRow       *self,
                          const char * const *codes)
{
  g_return_if_fail (D360_IS_CODES_ROW (self));

  if (g_strv_equal ((const char * const *) self->codes->pdata,
                    codes != NULL ? codes : (const char * const []) { NULL }))
    return;

  g_ptr_array_set_size (self->codes, 0);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    g_ptr_array_add (self->codes, g_strdup (codes[i]));
  g_ptr_array_add (self->codes, NULL);

  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODES]);
}

void
d360_codes_row_set_standard (D360CodesRow    *self,
                             D360IsoStandard  standard)
{
  g_return_if_fail (D360_IS_CODES_ROW (self));
  g_return_if_fail (standard < D360_ISO_N_STANDARDS);

  if (self->standard == standard)
    return;

  self->standard = standard;
  self->filled = FALSE;
  gtk_filter_list_model_set_model (self->filter_model, NULL);
  rebuild (self);
}

gboolean
d360_codes_row_add_code (D360CodesRow *self,
                         const char   *code)
{
  g_return_val_if_fail (D360_IS_CODES_ROW (self), FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (has_code (self, code) || d360_iso_codes_lookup (self->standard, code) == NULL)
    return FALSE;

  g_ptr_array_insert (self->codes, self->codes->len - 1, g_strdup (code));
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODES]);
  return TRUE;
}

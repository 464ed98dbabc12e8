/* d360-flags-row.c — an expander row to choose several items of a set
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The collapsed row lists what is chosen in its subtitle; expanded, it shows
 * one check box per item.
 */

#define G_LOG_DOMAIN "d360-flags-row"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-flags-row.h"

#define MAX_ITEMS 32

struct _D360FlagsRow
{
  AdwExpanderRow  parent_instance;

  GPtrArray      *checks;   /* GtkCheckButton, one per item */
  GPtrArray      *rows;
  guint           value;
  gboolean        updating;
};

G_DEFINE_FINAL_TYPE (D360FlagsRow, d360_flags_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_subtitle (D360FlagsRow *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      if ((self->value & (1u << i)) == 0)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, adw_preferences_row_get_title (g_ptr_array_index (self->rows, i)));
    }

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self),
                                 text->len > 0 ? text->str : _("None"));
}

static void
check_toggled_cb (D360FlagsRow   *self,
                  GtkCheckButton *check)
{
  guint value = 0;

  if (self->updating)
    return;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      value |= 1u << i;

  if (value == self->value)
    return;
  self->value = value;
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

static void
d360_flags_row_finalize (GObject *object)
{
  D360FlagsRow *self = (D360FlagsRow *) object;

  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (d360_flags_row_parent_class)->finalize (object);
}

static void
d360_flags_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_uint (value, D360_FLAGS_ROW (object)->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_flags_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_VALUE:
      d360_flags_row_set_value (D360_FLAGS_ROW (object), g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_flags_row_class_init (D360FlagsRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = d360_flags_row_finalize;
  object_class->get_property = d360_flags_row_get_property;
  object_class->set_property = d360_flags_row_set_property;

  properties[PROP_VALUE] =
    g_param_spec_uint ("value", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
d360_flags_row_init (D360FlagsRow *self)
{
  self->checks = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();
  /* Item names are text, not markup ("Security & defence"). */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  update_subtitle (self);
}

GtkWidget *
d360_flags_row_new (void)
{
  return g_object_new (D360_TYPE_FLAGS_ROW, NULL);
}

/**
 * d360_flags_row_set_items:
 * @labels: the items' translated names; item i is bit (1 << i)
 *
 * Call once, before the row is shown.
 */
void
d360_flags_row_set_items (D360FlagsRow       *self,
                          const char * const *labels,
                          guint               n_items)
{
  g_return_if_fail (D360_IS_FLAGS_ROW (self));
  g_return_if_fail (self->checks->len == 0);
  g_return_if_fail (n_items <= MAX_ITEMS);

  for (guint i = 0; i < n_items; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      labels[i], -1);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), labels[i]);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self), row);

      g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->rows, row);
    }

  update_subtitle (self);
}

guint
d360_flags_row_get_value (D360FlagsRow *self)
{
  g_return_val_if_fail (D360_IS_FLAGS_ROW (self), 0);

  return self->value;
}

void
d360_flags_row_set_value (D360FlagsRow *self,
                          guint         value)
{
  g_return_if_fail (D360_IS_FLAGS_ROW (self));

  self->updating = TRUE;
  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i), (value & (1u << i)) != 0);
  self->updating = FALSE;

  if (self->value == value)
    return;
  self->value = value;
  update_subtitle (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

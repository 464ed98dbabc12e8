/* d360-channel-row.c — one email address or phone number of a person
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The row edits the value; a drop-down gives its type (work, home, mobile,
 * fax, other). A type bit the drop-down cannot show (the "preferred" mark
 * from a vCard) is kept as it was. Copy puts the value on the clipboard;
 * for an email, Write opens the mail program.
 */

#define G_LOG_DOMAIN "d360-channel-row"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-channel-row.h"

/* The drop-down's items, in order. */
static const guint type_bits[] = {
  D360_CHANNEL_WORK, D360_CHANNEL_HOME, D360_CHANNEL_CELL, D360_CHANNEL_FAX,
  D360_CHANNEL_OTHER,
};

#define SHOWN_TYPES (D360_CHANNEL_WORK | D360_CHANNEL_HOME | D360_CHANNEL_CELL | \
                     D360_CHANNEL_FAX | D360_CHANNEL_OTHER)

struct _D360ChannelRow
{
  AdwEntryRow  parent_instance;

  gboolean     is_email;
  guint        types;      /* as loaded, with the bits the drop-down does not show */
  char        *label;
  gboolean     loading;

  GtkDropDown *type_dropdown;
  GtkWidget   *write_button;
  GtkWidget   *copy_button;
  GtkWidget   *remove_button;
};

G_DEFINE_FINAL_TYPE (D360ChannelRow, d360_channel_row, ADW_TYPE_ENTRY_ROW)

enum {
  CHANGED,
  REMOVE,
  LEFT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------- helpers */

static guint
types_to_item (guint types)
{
  /* A mobile or fax number is that first, whether at work or at home. */
  if (types & D360_CHANNEL_CELL)
    return 2;
  if (types & D360_CHANNEL_FAX)
    return 3;
  if (types & D360_CHANNEL_WORK)
    return 0;
  if (types & D360_CHANNEL_HOME)
    return 1;
  if (types & D360_CHANNEL_OTHER)
    return 4;
  return 0;
}

static void
set_button_label (GtkWidget  *button,
                  const char *label)
{
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
show_toast (D360ChannelRow *self,
            const char     *title)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (title));
}

static char *
dup_value (D360ChannelRow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

/* --------------------------------------------------------------- callbacks */

static void
text_changed_cb (D360ChannelRow *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
type_changed_cb (D360ChannelRow *self)
{
  if (!self->loading)
    g_signal_emit (self, signals[CHANGED], 0);
}

static void
left_cb (D360ChannelRow *self)
{
  g_signal_emit (self, signals[LEFT], 0);
}

static void
copy_clicked_cb (D360ChannelRow *self)
{
  g_autofree char *value = dup_value (self);

  if (value == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), value);
  show_toast (self, self->is_email ? _("Email address copied") : _("Phone number copied"));
}

static void
write_clicked_cb (D360ChannelRow *self)
{
  g_autofree char *value = dup_value (self);
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;

  if (value == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  escaped = g_uri_escape_string (value, "@+", FALSE);
  uri = g_strconcat ("mailto:", escaped, NULL);
  gtk_show_uri (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), uri, GDK_CURRENT_TIME);
}

static void
remove_clicked_cb (D360ChannelRow *self)
{
  g_signal_emit (self, signals[REMOVE], 0);
}

/* --------------------------------------------------------------- overrides */

static void
d360_channel_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), D360_TYPE_CHANNEL_ROW);

  G_OBJECT_CLASS (d360_channel_row_parent_class)->dispose (object);
}

static void
d360_channel_row_finalize (GObject *object)
{
  D360ChannelRow *self = (D360ChannelRow *) object;

  g_free (self->label);

  G_OBJECT_CLASS (d360_channel_row_parent_class)->finalize (object);
}

static void
d360_channel_row_class_init (D360ChannelRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_channel_row_dispose;
  object_class->finalize = d360_channel_row_finalize;

  signals[CHANGED] = g_signal_new ("channel-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[REMOVE] = g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[LEFT] = g_signal_new ("left", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/d360-channel-row.ui");
  gtk_widget_class_bind_template_child (widget_class, D360ChannelRow, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, D360ChannelRow, write_button);
  gtk_widget_class_bind_template_child (widget_class, D360ChannelRow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, D360ChannelRow, remove_button);
  gtk_widget_class_bind_template_callback (widget_class, type_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, left_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, write_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
}

static void
d360_channel_row_init (D360ChannelRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->types = D360_CHANNEL_WORK;
  g_signal_connect (self, "changed", G_CALLBACK (text_changed_cb), NULL);
  g_signal_connect_swapped (self, "entry-activated", G_CALLBACK (left_cb), self);
}

/* ----------------------------------------------------------------- public */

/**
 * d360_channel_row_new:
 * @channel: (nullable): what to show, or %NULL for an empty row
 */
GtkWidget *
d360_channel_row_new (gboolean           is_email,
                      const D360Channel *channel)
{
  D360ChannelRow *self = g_object_new (D360_TYPE_CHANNEL_ROW, NULL);

  self->is_email = is_email;
  self->loading = TRUE;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 is_email ? _("Email") : _("Phone"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self),
                         channel != NULL && channel->value != NULL ? channel->value : "");
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self), is_email ? GTK_INPUT_PURPOSE_EMAIL
                                                                  : GTK_INPUT_PURPOSE_PHONE);
  if (channel != NULL)
    {
      self->types = channel->types;
      self->label = g_strdup (channel->label);
    }
  gtk_drop_down_set_selected (self->type_dropdown, types_to_item (self->types));
  self->loading = FALSE;

  gtk_widget_set_visible (self->write_button, is_email);
  set_button_label (self->write_button, _("Write Email"));
  set_button_label (self->copy_button,
                    is_email ? _("Copy Email Address") : _("Copy Phone Number"));
  set_button_label (self->remove_button,
                    is_email ? _("Remove Email Address") : _("Remove Phone Number"));
  set_button_label (GTK_WIDGET (self->type_dropdown),
                    is_email ? _("Kind of Email Address") : _("Kind of Phone Number"));

  return GTK_WIDGET (self);
}

gboolean
d360_channel_row_is_email (D360ChannelRow *self)
{
  g_return_val_if_fail (D360_IS_CHANNEL_ROW (self), FALSE);

  return self->is_email;
}

/**
 * d360_channel_row_dup_channel:
 *
 * Returns: (transfer full): the channel as shown; its value is %NULL when
 *   the row is empty
 */
D360Channel *
d360_channel_row_dup_channel (D360ChannelRow *self)
{
  g_autofree char *value = NULL;
  guint item;
  guint types;

  g_return_val_if_fail (D360_IS_CHANNEL_ROW (self), NULL);

  value = dup_value (self);
  item = gtk_drop_down_get_selected (self->type_dropdown);
  types = self->types;
  if (item < G_N_ELEMENTS (type_bits) && item != types_to_item (self->types))
    types = (types & ~SHOWN_TYPES) | type_bits[item];

  return d360_channel_new (value, types, self->label);
}

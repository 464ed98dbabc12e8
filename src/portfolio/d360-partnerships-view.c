/* d360-partnerships-view.c — placeholder until its editor lands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-partnerships-view"

#include "config.h"

#include "d360-partnerships-view.h"

struct _D360PartnershipsView
{
  AdwBin     parent_instance;

  D360Store *store;
  gint64     city_id;
};

G_DEFINE_FINAL_TYPE (D360PartnershipsView, d360_partnerships_view, ADW_TYPE_BIN)

static void
d360_partnerships_view_dispose (GObject *object)
{
  D360PartnershipsView *self = (D360PartnershipsView *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), D360_TYPE_PARTNERSHIPS_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (d360_partnerships_view_parent_class)->dispose (object);
}

static void
d360_partnerships_view_class_init (D360PartnershipsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_partnerships_view_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/diplomacy360/Desktop/ui/d360-partnerships-view.ui");
}

static void
d360_partnerships_view_init (D360PartnershipsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
d360_partnerships_view_set_store (D360PartnershipsView *self,
                     D360Store *store)
{
  g_return_if_fail (D360_IS_PARTNERSHIPS_VIEW (self));
  g_set_object (&self->store, store);
}

void
d360_partnerships_view_set_city (D360PartnershipsView *self,
                    gint64     city_id)
{
  g_return_if_fail (D360_IS_PARTNERSHIPS_VIEW (self));
  self->city_id = city_id;
}

gboolean
d360_partnerships_view_start_search (D360PartnershipsView *self)
{
  g_return_val_if_fail (D360_IS_PARTNERSHIPS_VIEW (self), FALSE);
  return FALSE;
}

/* d360-reports-page.c — the Reports section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-reports-page"

#include "config.h"

#include "d360-reports-page.h"

struct _D360ReportsPage
{
  D360Section parent_instance;
};

G_DEFINE_FINAL_TYPE (D360ReportsPage, d360_reports_page, D360_TYPE_SECTION)

static void
d360_reports_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), D360_TYPE_REPORTS_PAGE);

  G_OBJECT_CLASS (d360_reports_page_parent_class)->dispose (object);
}

static void
d360_reports_page_class_init (D360ReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_reports_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/diplomacy360/Desktop/ui/d360-reports-page.ui");
}

static void
d360_reports_page_init (D360ReportsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* d360-portfolio-page.c — the Portfolio section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-portfolio-page"

#include "config.h"

#include "d360-portfolio-page.h"

struct _D360PortfolioPage
{
  D360Section parent_instance;
};

G_DEFINE_FINAL_TYPE (D360PortfolioPage, d360_portfolio_page, D360_TYPE_SECTION)

static void
d360_portfolio_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), D360_TYPE_PORTFOLIO_PAGE);

  G_OBJECT_CLASS (d360_portfolio_page_parent_class)->dispose (object);
}

static void
d360_portfolio_page_class_init (D360PortfolioPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_portfolio_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/diplomacy360/Desktop/ui/d360-portfolio-page.ui");
}

static void
d360_portfolio_page_init (D360PortfolioPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

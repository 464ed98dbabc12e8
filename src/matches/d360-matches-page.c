/* d360-matches-page.c — the Matches section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "d360-matches-page"

#include "config.h"

#include "d360-matches-page.h"

struct _D360MatchesPage
{
  D360Section parent_instance;
};

G_DEFINE_FINAL_TYPE (D360MatchesPage, d360_matches_page, D360_TYPE_SECTION)

static void
d360_matches_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), D360_TYPE_MATCHES_PAGE);

  G_OBJECT_CLASS (d360_matches_page_parent_class)->dispose (object);
}

static void
d360_matches_page_class_init (D360MatchesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = d360_matches_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/com/diplomacy360/Desktop/ui/d360-matches-page.ui");
}

static void
d360_matches_page_init (D360MatchesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* d360-section.c — what every section of the main window has in common
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A section (Portfolio, Contacts, Meetings, Matches, Reports) is a page of the
 * main window's view stack. It reads and writes through the store it is
 * given, and may offer a search that the window's Ctrl+F routes to it.
 */

#define G_LOG_DOMAIN "d360-section"

#include "config.h"

#include "d360-section.h"

typedef struct
{
  D360Store *store;
} D360SectionPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (D360Section, d360_section, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
d360_section_dispose (GObject *object)
{
  D360Section *self = (D360Section *) object;
  D360SectionPrivate *priv = d360_section_get_instance_private (self);

  g_clear_object (&priv->store);

  G_OBJECT_CLASS (d360_section_parent_class)->dispose (object);
}

static void
d360_section_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  D360Section *self = D360_SECTION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, d360_section_get_store (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_section_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  D360Section *self = D360_SECTION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      d360_section_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
d360_section_class_init (D360SectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = d360_section_dispose;
  object_class->get_property = d360_section_get_property;
  object_class->set_property = d360_section_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, D360_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
d360_section_init (D360Section *self)
{
}

/**
 * d360_section_get_store:
 *
 * Returns: (transfer none) (nullable): the section's store
 */
D360Store *
d360_section_get_store (D360Section *self)
{
  D360SectionPrivate *priv = d360_section_get_instance_private (self);

  g_return_val_if_fail (D360_IS_SECTION (self), NULL);

  return priv->store;
}

void
d360_section_set_store (D360Section *self,
                        D360Store   *store)
{
  D360SectionPrivate *priv = d360_section_get_instance_private (self);

  g_return_if_fail (D360_IS_SECTION (self));
  g_return_if_fail (store == NULL || D360_IS_STORE (store));

  if (!g_set_object (&priv->store, store))
    return;

  if (store != NULL && D360_SECTION_GET_CLASS (self)->store_set != NULL)
    D360_SECTION_GET_CLASS (self)->store_set (self, store);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * d360_section_has_search:
 *
 * Returns: whether the section offers a search
 */
gboolean
d360_section_has_search (D360Section *self)
{
  g_return_val_if_fail (D360_IS_SECTION (self), FALSE);

  return D360_SECTION_GET_CLASS (self)->start_search != NULL;
}

/**
 * d360_section_start_search:
 *
 * Returns: %TRUE when the section has a search and focused it
 */
gboolean
d360_section_start_search (D360Section *self)
{
  g_return_val_if_fail (D360_IS_SECTION (self), FALSE);

  if (D360_SECTION_GET_CLASS (self)->start_search == NULL)
    return FALSE;

  return D360_SECTION_GET_CLASS (self)->start_search (self);
}

/**
 * d360_section_focus_page_made:
 * @container: the stack that shows @page
 * @page: a page just made, as the stack shows it (a section, a section's tab)
 *
 * A stack that shows another page moves the focus from the page it hides
 * into the one it shows; a page made as it is shown was still empty then.
 * This gives @page the focus, as the stack would have given it to a page
 * made before, when the window is on screen and the focus was lost or left
 * in @container's hidden page.
 */
void
d360_section_focus_page_made (GtkWidget *container,
                              GtkWidget *page)
{
  GtkRoot *root = gtk_widget_get_root (page);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (root != NULL && gtk_widget_get_mapped (GTK_WIDGET (root)) &&
      (focus == NULL || !gtk_widget_get_mapped (focus) ||
       (gtk_widget_is_ancestor (focus, container) && !gtk_widget_is_ancestor (focus, page))))
    gtk_widget_child_focus (page, GTK_DIR_TAB_FORWARD);
}

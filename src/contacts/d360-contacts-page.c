/* d360-contacts-page.c — the Contacts section: people and organisations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two views in a stack, People and Organisations, under a switcher and the
 * section menu (new person or organisation, import, export, duplicates).
 * With nothing stored yet, the section shows how to start instead.
 */

#define G_LOG_DOMAIN "d360-contacts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "d360-contacts-page.h"
#include "d360-contacts-view.h"
#include "d360-duplicates-window.h"
#include "d360-export-dialog.h"
#include "d360-import-dialog.h"
#include "d360-organizations-view.h"
#include "d360-store-contacts.h"

struct _D360ContactsPage
{
  D360Section            parent_instance;

  gboolean               started;    /* the lists were shown: they stay */

  GtkStack              *main_stack;
  GtkWidget             *lists_box;
  GtkStack              *content_stack;
  D360ContactsView      *people_view;
  D360OrganizationsView *organizations_view;
};

G_DEFINE_FINAL_TYPE (D360ContactsPage, d360_contacts_page, D360_TYPE_SECTION)

/* ---------------------------------------------------------------- helpers */

static GtkWindow *
get_window (D360ContactsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_lists (D360ContactsPage *self)
{
  self->started = TRUE;
  gtk_widget_set_visible (self->lists_box, TRUE);
  gtk_stack_set_visible_child_name (self->main_stack, "contacts");
}

/* The empty state until something is stored or the user starts. */
static void
update_main (D360ContactsPage *self)
{
  D360Store *store = d360_section_get_store (D360_SECTION (self));
  gint64 n_people = 0;
  gint64 n_organizations = 0;

  if (!self->started && store != NULL)
    {
      n_people = d360_store_count_rows (store, "contact", NULL);
      n_organizations = d360_store_count_rows (store, "organization", NULL);
    }

  if (self->started || n_people > 0 || n_organizations > 0)
    show_lists (self);
  else
    {
      /* Hidden, the lists stay out of the accessibility tree. */
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      gtk_widget_set_visible (self->lists_box, FALSE);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.new-person", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.new-organization", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.import", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.export", store != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contacts.find-duplicates", store != NULL);
}

static void
store_changed_cb (D360ContactsPage *self,
                  const char       *table)
{
  /* After a restore, everything may be different. */
  if (g_strcmp0 (table, "*") == 0)
    self->started = FALSE;
  if (!self->started)
    update_main (self);
}

static void
flush (D360ContactsPage *self)
{
  d360_contacts_view_flush (self->people_view);
  d360_organizations_view_flush (self->organizations_view);
}

/* ---------------------------------------------------------------- actions */

static void
new_person_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  D360ContactsPage *self = D360_CONTACTS_PAGE (widget);

  show_lists (self);
  flush (self);
  gtk_stack_set_visible_child_name (self->content_stack, "people");
  d360_contacts_view_new_person (self->people_view, 0);
}

static void
new_organization_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  D360ContactsPage *self = D360_CONTACTS_PAGE (widget);

  show_lists (self);
  flush (self);
  gtk_stack_set_visible_child_name (self->content_stack, "organizations");
  d360_organizations_view_new_organization (self->organizations_view);
}

/* Ctrl+N: a person, or an organisation among the organisations. */
static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  D360ContactsPage *self = D360_CONTACTS_PAGE (widget);
  const char *visible = gtk_stack_get_visible_child_name (self->content_stack);

  if (self->started && g_strcmp0 (visible, "organizations") == 0)
    gtk_widget_activate_action (widget, "contacts.new-organization", NULL);
  else
    gtk_widget_activate_action (widget, "contacts.new-person", NULL);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  D360ContactsPage *self = D360_CONTACTS_PAGE (widget);
  D360Store *store = d360_section_get_store (D360_SECTION (self));

  if (store == NULL)
    return;

  flush (self);
  d360_import_dialog_run (get_window (self), store);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  D360ContactsPage *self = D360_CONTACTS_PAGE (widget);
  D360Store *store = d360_section_get_store (D360_SECTION (self));
  g_autoptr(GArray) ids = NULL;

  if (store == NULL)
    return;

  flush (self);
  /* The people list decides: its selection, or what it shows. */
  ids = d360_contacts_view_dup_export_ids (self->people_view);
  d360_export_dialog_run (get_window (self), store, ids);
}

static void
duplicates_closed_cb (D360ContactsPage *self)
{
  d360_contacts_view_reload (self->people_view);
}

static void
find_duplicates_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  D360ContactsPage *self = D360_CONTACTS_PAGE (widget);
  D360Store *store = d360_section_get_store (D360_SECTION (self));
  D360DuplicatesWindow *window;

  if (store == NULL)
    return;

  flush (self);
  window = d360_duplicates_window_new (get_window (self), store);
  g_signal_connect_object (window, "destroy", G_CALLBACK (duplicates_closed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

/* -------------------------------------------------------------- callbacks */

static void
content_changed_cb (D360ContactsPage *self)
{
  flush (self);
}

static void
open_person_cb (D360ContactsPage *self,
                gint64            id)
{
  gtk_stack_set_visible_child_name (self->content_stack, "people");
  d360_contacts_view_open_person (self->people_view, id);
}

static void
add_person_cb (D360ContactsPage *self,
               gint64            organization_id)
{
  gtk_stack_set_visible_child_name (self->content_stack, "people");
  d360_contacts_view_new_person (self->people_view, organization_id);
}

/* --------------------------------------------------------------- section */

static void
d360_contacts_page_store_set (D360Section *section,
                              D360Store   *store)
{
  D360ContactsPage *self = D360_CONTACTS_PAGE (section);

  d360_contacts_view_set_store (self->people_view, store);
  d360_organizations_view_set_store (self->organizations_view, store);
  g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->started = FALSE;
  update_main (self);
}

static gboolean
d360_contacts_page_start_search (D360Section *section)
{
  D360ContactsPage *self = D360_CONTACTS_PAGE (section);
  const char *visible;

  if (d360_section_get_store (section) == NULL)
    return FALSE;

  show_lists (self);
  visible = gtk_stack_get_visible_child_name (self->content_stack);
  if (g_strcmp0 (visible, "organizations") == 0)
    return d360_organizations_view_start_search (self->organizations_view);
  return d360_contacts_view_start_search (self->people_view);
}

/* --------------------------------------------------------------- GObject */

static void
d360_contacts_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), D360_TYPE_CONTACTS_PAGE);

  G_OBJECT_CLASS (d360_contacts_page_parent_class)->dispose (object);
}

static void
d360_contacts_page_class_init (D360ContactsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  D360SectionClass *section_class = D360_SECTION_CLASS (klass);

  object_class->dispose = d360_contacts_page_dispose;
  section_class->store_set = d360_contacts_page_store_set;
  section_class->start_search = d360_contacts_page_start_search;

  g_type_ensure (D360_TYPE_CONTACTS_VIEW);
  g_type_ensure (D360_TYPE_DUPLICATES_WINDOW);
  g_type_ensure (D360_TYPE_EXPORT_DIALOG);
  g_type_ensure (D360_TYPE_IMPORT_DIALOG);
  g_type_ensure (D360_TYPE_ORGANIZATIONS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/d360-contacts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, D360ContactsPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, D360ContactsPage, lists_box);
  gtk_widget_class_bind_template_child (widget_class, D360ContactsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, D360ContactsPage, people_view);
  gtk_widget_class_bind_template_child (widget_class, D360ContactsPage, organizations_view);
  gtk_widget_class_bind_template_callback (widget_class, content_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, open_person_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_person_cb);

  gtk_widget_class_install_action (widget_class, "contacts.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "contacts.new-person", NULL,
                                   new_person_action);
  gtk_widget_class_install_action (widget_class, "contacts.new-organization", NULL,
                                   new_organization_action);
  gtk_widget_class_install_action (widget_class, "contacts.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "contacts.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "contacts.find-duplicates", NULL,
                                   find_duplicates_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "contacts.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "contacts.new-organization", NULL);
}

static void
d360_contacts_page_init (D360ContactsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  update_main (self);
}
